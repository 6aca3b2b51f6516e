"""One paragraph, one number: every export, the citation and the results' ¶N count paragraphs from 1."""

from __future__ import annotations

import csv
import io
import re

import docx
import pytest

from viewer.core.citation import paragraph_label, paragraph_numbers, paragraph_span, pilcrow
from viewer.core.excerpts import Excerpt, ExcerptStore
from viewer.core.export import ExportOptions, render
from viewer.core.export.ris import parse

OPTIONS = ExportOptions()


def _expected(archive, e: Excerpt) -> list[int]:
    """Brute force: find the excerpt's lines in the document again and count its paragraphs from 1."""
    doc = archive.by_id()[e.doc_id]
    lines = e.text.split("\n")
    first = next(i for i, p in enumerate(doc.paragraphs) if lines[0] in p.text)
    return [first + k + 1 for k in range(len(lines))]


def _label(numbers: list[int]) -> str:
    return f"第{numbers[0]}段" if len(numbers) == 1 else f"第{numbers[0]}–{numbers[-1]}段"


def test_citation_helpers_count_from_one(seed_store: ExcerptStore, seeds_archive) -> None:
    for e in seed_store.list():
        expected = _expected(seeds_archive, e)
        doc = seeds_archive.by_id()[e.doc_id]
        first = doc.paragraph(e.paragraph_ids[0])
        assert paragraph_numbers(e.paragraph_ids) == expected
        assert paragraph_label(e.paragraph_ids) == _label(expected)
        # The results list prints ¶(ordinal + 1) for a hit in this paragraph: the same number.
        assert pilcrow(first.ordinal) == f"¶{expected[0]}"
    assert paragraph_span([]) == "" and paragraph_label(()) == ""


def test_every_format_prints_the_citation_number(seed_store: ExcerptStore, seeds_archive) -> None:
    excerpts = seed_store.list()
    texts = {fmt: str(render(fmt, excerpts, OPTIONS)) for fmt in ("txt", "md", "html")}
    texts["md"] = texts["md"].replace("\\_", "_")  # Markdown escapes the source file's underscores
    ris_notes = [n for record in parse(str(render("ris", excerpts, OPTIONS))) for n in record["N1"]]
    document = docx.Document(io.BytesIO(render("docx", excerpts, OPTIONS)))  # type: ignore[arg-type]
    docx_text = "\n".join(p.text for p in document.paragraphs)
    rows = list(csv.DictReader(io.StringIO(str(render("csv", excerpts, OPTIONS)))))
    for e, row in zip(excerpts, rows, strict=True):
        expected = _expected(seeds_archive, e)
        where = f"{e.citation.source}，{_label(expected)}"
        for fmt, text in texts.items():
            assert where in text, fmt
        assert any(where in n for n in ris_notes)
        assert where in docx_text
        assert [int(n) for n in row["paragraphs"].split()] == expected  # was 0-based: 5 for 第6段
    # No format prints a number for these paragraphs other than the expected ones.
    all_numbers = {n for e in excerpts for n in _expected(seeds_archive, e)}
    for text in [*texts.values(), docx_text, *ris_notes]:
        for span in re.findall(r"第(\d+)(?:–(\d+))?段", text):
            assert {int(n) for n in span if n} <= all_numbers


def test_pdf_prints_the_citation_number(qapp, seed_store: ExcerptStore, seeds_archive) -> None:
    pytest.importorskip("PySide6")
    from viewer.render.pdf import pdf_document

    excerpts = seed_store.list()
    text = pdf_document(excerpts, OPTIONS).toPlainText()
    for e in excerpts:
        assert f"{e.citation.source}，{_label(_expected(seeds_archive, e))}" in text
