"""Markdown, plain text, HTML, CSV and RIS exports of seed excerpts, pinned by golden files."""

from __future__ import annotations

import csv
import io
from html.parser import HTMLParser
from pathlib import Path

import pytest

from tests.core.export.conftest import check_golden
from viewer.core.excerpts import ExcerptStore, make_excerpt
from viewer.core.export import ExportOptions, render, write_export
from viewer.core.export.csv import CITATION_COLUMNS
from viewer.core.export.ris import parse
from viewer.core.ingest import ingest_archive

DEFAULT = ExportOptions()
BOTH_SHORT = ExportOptions(script="both", style="short")


@pytest.mark.parametrize("fmt", ["md", "txt", "html", "csv", "ris"])
def test_golden_default(seed_store: ExcerptStore, fmt: str) -> None:
    check_golden(f"seeds.{fmt}", render(fmt, seed_store.list(), DEFAULT))


@pytest.mark.parametrize("fmt", ["md", "txt", "html"])
def test_golden_both_scripts_short_style(seed_store: ExcerptStore, fmt: str) -> None:
    check_golden(f"seeds-both-short.{fmt}", render(fmt, seed_store.list(), BOTH_SHORT))


def test_simplified_and_traditional_choices_convert_the_text(seed_store: ExcerptStore) -> None:
    simplified = render("txt", seed_store.list(), ExportOptions(script="simplified"))
    traditional = render("txt", seed_store.list(), ExportOptions(script="traditional"))
    assert "「通辽市牢记" in simplified and "「通遼市牢記" in traditional
    assert "「各盟行政公署、市人民政府」" in simplified  # unchanged characters stay
    original = render("txt", seed_store.list(), DEFAULT)
    assert original.count("「") == 5


def test_notes_and_tags_can_be_left_out(seed_store: ExcerptStore) -> None:
    without = ExportOptions(include_notes=False, include_tags=False)
    for fmt in ("md", "txt", "html", "ris"):
        text = str(render(fmt, seed_store.list(), without))
        assert "two paragraphs" not in text and "双子星座、合作" not in text, fmt
    assert "note" not in next(csv.reader(io.StringIO(str(render("csv", seed_store.list(), without)))))


def test_csv_parses_one_row_per_excerpt_with_citation_columns(
    seed_store: ExcerptStore, tmp_path: Path
) -> None:
    target = tmp_path / "out.csv"
    write_export(target, "csv", seed_store.list(), DEFAULT)
    data = target.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")  # BOM: spreadsheet programs then read UTF-8
    rows = list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"))))
    assert len(rows) == 5
    assert set(CITATION_COLUMNS) <= set(rows[0])
    assert CITATION_COLUMNS == [  # every citation field, named once in citation.flat_fields
        "document_id",
        "source_file",
        "title",
        "subtitle",
        "authors",
        "kind",
        "volume",
        "year",
        "source_script",
        "section",
        "section_author",
        "publication",
        "date",
        "page",
    ]
    excerpts = seed_store.list()
    for row, e in zip(rows, excerpts, strict=True):
        assert row["text_original"] == e.text  # multi-line text survives quoting
        assert row["source_file"] == e.citation.source and row["title"] == e.citation.title
        assert row["paragraph_ids"].split() == list(e.paragraph_ids)
    assert rows[4]["text"].count("\n") == 1
    assert rows[0]["note"] == 'Compare with <script>alert("x")</script> & 赤峰 figures'


def test_ris_one_record_per_document_with_excerpts_as_notes(seed_store: ExcerptStore) -> None:
    store = seed_store
    first = store.list()[0]
    doc_again = make_excerpt_from(first)
    store.add(doc_again)
    records = parse(str(render("ris", store.list(), DEFAULT)))
    assert len(records) == 5  # six excerpts, five documents
    by_id = {r["ID"][0]: r for r in records}
    assert len(by_id[first.doc_id]["N1"]) == 2
    for r in records:
        assert r["TY"][0] in {"BOOK", "JOUR", "NEWS", "GOVDOC", "GEN"}
        assert r["TI"][0] and r["LA"] == ["zh"]
        assert all("\n" not in n for n in r["N1"])


def make_excerpt_from(e):
    from dataclasses import replace

    return replace(e, id=0, uid="second", note="again")


class _Collector(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[str] = []
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list) -> None:
        self.tags.append(tag)

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def test_html_escapes_all_document_text(tmp_path: Path) -> None:
    archive_dir = tmp_path / "archive"
    archive_dir.mkdir()
    nasty = '标题 <script>alert("t")</script> & Co'
    body = "正文 <script>alert(1)</script> &amp; 赤峰 & 通辽 <img src=x onerror=alert(2)>"
    (archive_dir / "nasty.txt").write_text(f"{nasty}\n\n{body}\n", encoding="utf-8")
    archive = ingest_archive(archive_dir)
    doc = archive.documents[0]
    para = next(p for p in doc.paragraphs if "正文" in p.text)
    with ExcerptStore(tmp_path / "s.sqlite3") as store:
        store.add(
            make_excerpt(doc, para.id, 0, None, len(para.text), note="<b>bold?</b> & x", tags=["<i>tag</i>"])
        )
        page = str(render("html", store.list(), ExportOptions(script="both")))
    collector = _Collector()
    collector.feed(page)
    assert "script" not in collector.tags and "img" not in collector.tags
    assert collector.tags.count("b") == 1 and "i" not in collector.tags  # only our "注：" label
    assert set(collector.tags) <= {
        "html",
        "head",
        "meta",
        "title",
        "style",
        "body",
        "h1",
        "h2",
        "div",
        "blockquote",
        "p",
        "span",
        "br",
        "b",
    }
    text = "".join(collector.text)
    assert para.text in text  # shown literally, & and < included
    assert "<b>bold?</b> & x" in text and "<i>tag</i>" in text
    assert "&amp;amp;" in page  # the literal "&amp;" in the document is itself escaped
    assert "http" not in page and "<link" not in page and "src=" not in page.replace("src=x", "")


def test_markdown_escapes_markup(seed_store: ExcerptStore) -> None:
    md = str(render("md", seed_store.list(), DEFAULT))
    assert r"\<script\>" in md and "定位 \\*重点\\*" in md
