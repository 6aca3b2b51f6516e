"""Word export: re-opened with python-docx, its structure pinned by a golden file."""

from __future__ import annotations

import io
import json
import os
import shutil
import subprocess
import zipfile
from pathlib import Path

import docx
import pytest
from lxml import etree

from tests.core.export.conftest import check_golden
from viewer.core.excerpts import ExcerptStore
from viewer.core.export import ExportOptions, citation_line, location, render, write_export
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


# ---------------------------------------------------------------- validity, checked by real readers

W_NS = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def _multi_paragraph(seed_store: ExcerptStore):
    found = [e for e in seed_store.list() if "\n" in e.text]
    assert found, "the seeds hold a two-paragraph excerpt"
    return found[0]


def test_line_breaks_sit_inside_runs(seed_store: ExcerptStore) -> None:
    """ECMA-376 17.3.3.1: <w:br> is run content; directly in <w:p> it is invalid WordprocessingML."""
    data = render("docx", seed_store.list(), ExportOptions(script="both"))
    xml = zipfile.ZipFile(io.BytesIO(data)).read("word/document.xml")
    root = etree.fromstring(xml)
    breaks = list(root.iter(f"{W_NS}br"))
    assert breaks  # the two-paragraph excerpt and the two-line note have breaks
    assert {b.getparent().tag for b in breaks} == {f"{W_NS}r"}
    for p in root.iter(f"{W_NS}p"):  # nothing but paragraph properties, runs and the like in a paragraph
        assert not [c for c in p if c.tag in (f"{W_NS}br", f"{W_NS}t")]


def test_python_docx_reads_the_line_breaks(seed_store: ExcerptStore) -> None:
    e = _multi_paragraph(seed_store)
    document = docx.Document(io.BytesIO(render("docx", seed_store.list(), ExportOptions())))
    texts = [p.text for p in document.paragraphs]
    assert e.text in texts  # python-docx reads a break in a run as "\n"; outside a run it is lost
    assert "注：two paragraphs\nsecond line" in texts


def _soffice_text(source: Path, work: Path) -> str:
    """The document as LibreOffice reads it, converted to plain text (headless, its own profile)."""
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    assert soffice is not None
    out = work / "converted"
    profile = work / "lo-profile"
    env = {**os.environ, "HOME": str(work / "home")}
    result = subprocess.run(
        [
            soffice,
            f"-env:UserInstallation={profile.as_uri()}",
            "--headless",
            "--norestore",
            "--convert-to",
            "txt:Text (encoded):UTF8",
            "--outdir",
            str(out),
            str(source),
        ],
        capture_output=True,
        env=env,
        timeout=180,
        check=False,
    )
    converted = out / (source.stem + ".txt")
    assert result.returncode == 0 and converted.exists(), result.stderr.decode(errors="replace")
    return converted.read_bytes().decode("utf-8-sig")


@pytest.mark.skipif(
    shutil.which("soffice") is None and shutil.which("libreoffice") is None,
    reason="LibreOffice (libreoffice-writer-nogui) is not installed",
)
def test_libreoffice_reads_every_excerpt_line_and_citation(seed_store: ExcerptStore, tmp_path: Path) -> None:
    excerpts = seed_store.list()
    target = tmp_path / "摘录 export.docx"
    write_export(target, "docx", excerpts, ExportOptions())
    lines = [line.strip() for line in _soffice_text(target, tmp_path).splitlines()]
    for e in excerpts:
        for line in e.text.split("\n"):  # each line of a multi-paragraph excerpt on a line of its own
            assert line in lines, line
        assert f"— {citation_line(e, ExportOptions())}" in lines
        assert location(e) in lines
    assert "注：two paragraphs" in lines and "second line" in lines  # the note's break too
