"""Word export: re-opened with python-docx, its structure pinned by a golden file."""

from __future__ import annotations

import io
import json
import zipfile
from pathlib import Path

import docx

from tests.core.export.conftest import check_golden
from viewer.core.excerpts import ExcerptStore
from viewer.core.export import ExportOptions, render, write_export
from viewer.core.export.docx import CITATION_STYLE


def _outline(data: bytes) -> list[list[str]]:
    """Every block of the document as [style, text] (tables as [table, cell texts...])."""
    document = docx.Document(io.BytesIO(data))
    body = document.element.body
    out: list[list[str]] = []
    paragraphs = {p._p: p for p in document.paragraphs}
    tables = {t._tbl: t for t in document.tables}
    for child in body.iterchildren():
        if child in paragraphs:
            p = paragraphs[child]
            out.append([p.style.name, p.text])
        elif child in tables:
            cells = tables[child].rows[0].cells
            out.append(["table", *("\n".join(q.text for q in c.paragraphs) for c in cells)])
    return out


def test_golden_docx(seed_store: ExcerptStore) -> None:
    data = render("docx", seed_store.list(), ExportOptions())
    assert isinstance(data, bytes)
    outline = _outline(data)
    check_golden("seeds.docx.json", json.dumps(outline, ensure_ascii=False, indent=1) + "\n")
    styles = [s for s, *_ in outline]
    assert styles.count("Heading 1") == 5  # one heading per document
    assert styles.count("Quote") == 5 and styles.count(CITATION_STYLE) == 5


def test_docx_both_scripts_side_by_side(seed_store: ExcerptStore, tmp_path: Path) -> None:
    target = tmp_path / "out.docx"
    write_export(target, "docx", seed_store.list(), ExportOptions(script="both"))
    outline = _outline(target.read_bytes())
    tables = [row for row in outline if row[0] == "table"]
    assert len(tables) == 4  # the 001 excerpt is the same in both scripts: one quote
    assert any("通辽市牢记" in t[1] and "通遼市牢記" in t[2] for t in tables)


def test_docx_is_reproducible_and_sets_east_asian_font(seed_store: ExcerptStore) -> None:
    first = render("docx", seed_store.list(), ExportOptions())
    second = render("docx", seed_store.list(), ExportOptions())
    # Every part of the package is the same (only the zip entries' timestamps may differ).
    parts = [zipfile.ZipFile(io.BytesIO(data)) for data in (first, second)]
    assert {n: parts[0].read(n) for n in parts[0].namelist()} == {
        n: parts[1].read(n) for n in parts[1].namelist()
    }
    assert b"2000-01-01" in parts[0].read("docProps/core.xml")
    styles_xml = zipfile.ZipFile(io.BytesIO(first)).read("word/styles.xml").decode()
    assert 'w:eastAsia="宋体"' in styles_xml
