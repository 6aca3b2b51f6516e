"""Printing the open document: both columns side by side, headed and numbered, checked by pdftotext."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from viewer.core.convert import convert
from viewer.gui.printing import pdf_printer, print_document

pytestmark = pytest.mark.qt_log_ignore("propagateSizeHints")


def _pdf_text(path: Path) -> str:
    if shutil.which("pdftotext") is None:
        pytest.skip("pdftotext (poppler-utils) is not installed")
    return subprocess.run(
        ["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout


def _pages(path: Path) -> int:
    info = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, check=True).stdout
    return int(next(line.split()[-1] for line in info.splitlines() if line.startswith("Pages:")))


def test_print_to_pdf_has_both_scripts(qtbot, tmp_path: Path, seeds_archive) -> None:
    doc = next(d for d in seeds_archive.documents if d.script == "traditional")
    path = tmp_path / "doc.pdf"
    pages = print_document(
        (doc, lambda t: convert(t, "t2s")), pdf_printer(str(path)), headers=["繁體原文", "简体转换"]
    )
    text = _pdf_text(path)
    flat = "".join(text.split())
    assert pages == _pages(path)
    chars = sum(len(p.text) for p in doc.paragraphs)
    assert 2 <= pages <= 2 + chars // 300  # two columns of ~10 pt CJK: well over 300 characters a page
    line = next(p.text for p in doc.paragraphs if "區域" in p.text and len(p.text) > 20)
    simplified = convert(line, "t2s")
    assert simplified != line
    assert line[:15] in flat and simplified[:15] in flat  # the original and its conversion
    assert flat.count("繁體原文") == pages and flat.count("简体转换") == pages  # headers on every page
    assert f"¶{len(doc.paragraphs)}" in flat and "¶1" in flat
    assert flat.endswith(f"{doc.paragraphs[-1].text[-2:]}Page{pages}")  # nothing lost at the end


def test_print_the_view_as_shown(qtbot, tmp_path: Path, seeds_archive) -> None:
    from viewer.gui.widgets.parallel_view import ParallelView

    doc = next(d for d in seeds_archive.documents if d.script == "simplified")
    view = ParallelView()
    qtbot.addWidget(view)
    view.set_document(doc, lambda t: convert(t, "s2t"))
    view.set_original_side("right")
    path = tmp_path / "view.pdf"
    pages = print_document(view, pdf_printer(str(path)))
    text = _pdf_text(path)
    assert pages == _pages(path) >= 1
    first = text.splitlines()[0]
    assert first.index("Conversion") < first.index("Original")  # the columns as the view shows them
    para = next(p.text for p in doc.paragraphs if len(p.text) > 30 and convert(p.text, "s2t") != p.text)
    flat = "".join(text.split())
    para = "".join(para.split())
    assert para[:12] in flat and convert(para, "s2t")[:12] in flat
    # the converted (traditional) column on the left, the original on the right, as in the view
    head = "".join(para.split())[:4]
    converted_line = next(line for line in text.splitlines() if convert(head, "s2t") in line)
    original_line = next(line for line in text.splitlines() if head in line)
    assert converted_line.index(convert(head, "s2t")) < original_line.index(head)


def test_nothing_open_prints_nothing(qtbot, tmp_path: Path) -> None:
    from viewer.gui.widgets.parallel_view import ParallelView

    view = ParallelView()
    qtbot.addWidget(view)
    assert print_document(view, pdf_printer(str(tmp_path / "none.pdf"))) == 0
