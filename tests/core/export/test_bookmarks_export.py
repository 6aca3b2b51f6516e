"""Bookmarks exported with the excerpts: a 书签 section in every format, each with title and 第N段."""

from __future__ import annotations

import csv
import io
import re

import docx
import pytest

from viewer.core.bookmarks import Bookmark, make_bookmark
from viewer.core.citation import paragraph_numbers
from viewer.core.excerpts import ExcerptStore
from viewer.core.export import LABEL_BOOKMARKS, ExportOptions, bookmark_heading, render
from viewer.core.export.csv import RECORD_COLUMN
from viewer.core.export.ris import parse

ON = ExportOptions()
OFF = ExportOptions(include_bookmarks=False)


@pytest.fixture
def marks(seed_store: ExcerptStore, seeds_archive) -> list[Bookmark]:
    """Bookmarks on the seeds: one in the third excerpt's document, two in the first's."""
    excerpted = seeds_archive.by_id()[seed_store.list()[2].doc_id]
    plain = seeds_archive.by_id()[seed_store.list()[0].doc_id]
    store = seed_store.bookmarks
    store.add(make_bookmark(plain, plain.paragraphs[-1].id, note="第二处\n另起一行"))
    store.add(make_bookmark(excerpted, excerpted.paragraphs[3].id, note="<b>看这里</b> & *要*"))
    store.add(make_bookmark(plain, plain.paragraphs[1].id))
    gone = store.add(make_bookmark(plain, plain.paragraphs[2].id))
    store.remove([gone.id])  # removed ones are never exported
    return store.list()


def _texts(fmt: str, excerpts, marks, options: ExportOptions) -> str:
    data = render(fmt, excerpts, options, marks)
    if fmt == "docx":
        assert isinstance(data, bytes)
        return "\n".join(p.text for p in docx.Document(io.BytesIO(data)).paragraphs)
    return re.sub(r"\\([_*<>])", r"\1", str(data))  # undo Markdown's escapes


@pytest.mark.parametrize("fmt", ["txt", "md", "html", "docx", "csv", "ris"])
def test_every_format_lists_the_bookmarks(seed_store: ExcerptStore, marks: list[Bookmark], fmt: str) -> None:
    assert len(marks) == 3
    excerpts = seed_store.list()
    text = _texts(fmt, excerpts, marks, ON)
    if fmt == "html":
        text = text.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&")
    for b in marks:
        assert paragraph_numbers([b.paragraph_id]) == [b.number]  # the citation's number
        if fmt != "csv":
            assert bookmark_heading(b) in text, b
        assert b.quote[:20] in text
    assert "<b>看这里</b> & *要*" in text  # notes, shown literally
    if fmt not in ("csv", "ris"):
        assert LABEL_BOOKMARKS in text
        # The section comes after every excerpt, bookmarks in document order.
        last_excerpt = max(text.index(e.text.split("\n")[0]) for e in excerpts)
        positions = [text.index(bookmark_heading(b)) for b in marks]
        assert last_excerpt < min(positions) and positions == sorted(positions)
    without = _texts(fmt, excerpts, marks, OFF)
    assert without == _texts(fmt, excerpts, [], ON)  # unchecked: the file as if there were none
    assert all(b.quote[:20] not in without for b in marks)


def test_without_bookmarks_the_exports_are_unchanged(seed_store: ExcerptStore) -> None:
    """No bookmarks: no empty section, no extra CSV column (the golden files pin the rest)."""
    for fmt in ("txt", "md", "html", "ris"):
        assert LABEL_BOOKMARKS not in str(render(fmt, seed_store.list(), ON, []))
    header = next(csv.reader(io.StringIO(str(render("csv", seed_store.list(), ON)))))
    assert RECORD_COLUMN not in header


def test_csv_bookmark_rows(seed_store: ExcerptStore, marks: list[Bookmark]) -> None:
    rows = list(csv.DictReader(io.StringIO(str(render("csv", seed_store.list(), ON, marks)))))
    assert [r[RECORD_COLUMN] for r in rows] == ["excerpt"] * 5 + ["bookmark"] * 3
    for row, b in zip(rows[5:], marks, strict=True):
        assert row["paragraphs"] == str(b.number) and row["paragraph_ids"] == b.paragraph_id
        assert row["text_original"] == b.quote and row["note"] == b.note
        assert row["document_id"] == b.doc_id and row["source_file"] == b.source and row["title"] == b.title
        assert row["excerpt_id"] == ""


def test_ris_puts_bookmarks_on_their_documents_record(
    seed_store: ExcerptStore, marks: list[Bookmark]
) -> None:
    excerpts = seed_store.list()[1:]  # the first excerpt's document now has bookmarks only
    records = parse(str(render("ris", excerpts, ON, marks)))
    assert len(records) == 5  # four excerpted documents and the bookmarked one
    assert records[-1]["ID"] == [marks[0].doc_id] and records[-1]["M1"] == [marks[0].source]
    by_id = {r["ID"][0]: r for r in records}
    for b in marks:
        notes = [n for n in by_id[b.doc_id]["N1"] if n.startswith(f"{LABEL_BOOKMARKS}：")]
        assert any(bookmark_heading(b) in n and f"第{b.number}段" in n for n in notes)
    assert all("\n" not in n for r in records for n in r["N1"])


def test_pdf_lists_the_bookmarks(qapp, seed_store: ExcerptStore, marks: list[Bookmark], tmp_path) -> None:
    from viewer.render.pdf import export, pdf_document

    text = pdf_document(seed_store.list(), ON, marks).toPlainText()
    assert LABEL_BOOKMARKS in text
    for b in marks:
        assert bookmark_heading(b) in text
    assert LABEL_BOOKMARKS not in pdf_document(seed_store.list(), OFF, marks).toPlainText()
    target = tmp_path / "with-bookmarks.pdf"
    assert export(target, "pdf", seed_store.list(), ON, marks) > 0
    assert target.read_bytes().startswith(b"%PDF")


def test_bookmark_numbers_agree_with_excerpt_locations(seed_store: ExcerptStore, seeds_archive) -> None:
    """A bookmark on an excerpt's first paragraph prints the excerpt's 第N段."""
    text_marks = []
    for e in seed_store.list():
        doc = seeds_archive.by_id()[e.doc_id]
        text_marks.append(seed_store.bookmarks.add(make_bookmark(doc, e.paragraph_ids[0])))
    out = str(render("txt", seed_store.list(), ON, text_marks))
    for e, b in zip(seed_store.list(), text_marks, strict=True):
        n = paragraph_numbers(e.paragraph_ids)[0]
        assert re.search(rf"{re.escape(e.citation.source)}，第{n}(–\d+)?段", out)
        assert f"（{b.source}，第{n}段）" in out
