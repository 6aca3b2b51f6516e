"""PDF export (Qt's PDF writer): the text is extractable with pdftotext and matches a golden file."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest

from tests.core.export.conftest import check_golden
from viewer.core.excerpts import ExcerptStore
from viewer.core.export import ExportOptions

pytestmark = pytest.mark.skipif(
    shutil.which("pdftotext") is None, reason="pdftotext (poppler-utils) is not installed"
)


def _pdf_text(path: Path) -> str:
    out = subprocess.run(
        ["pdftotext", "-enc", "UTF-8", str(path), "-"], check=True, capture_output=True
    ).stdout.decode("utf-8")
    return out


def _squeeze(text: str) -> str:
    """Text without layout: line breaks and spacing depend on the font, the words do not."""
    return re.sub(r"\s+", "", text)


def test_golden_pdf_text(qapp, seed_store: ExcerptStore, tmp_path: Path) -> None:
    from viewer.render.pdf import export

    target = tmp_path / "out.pdf"
    size = export(target, "pdf", seed_store.list(), ExportOptions())
    assert size == target.stat().st_size and target.read_bytes().startswith(b"%PDF")
    text = _squeeze(_pdf_text(target))
    check_golden("seeds.pdf.txt", text + "\n")
    for e in seed_store.list():
        assert _squeeze(e.text) in text  # every excerpt's text can be copied out of the PDF


def test_pdf_embeds_a_cjk_font(qapp, seed_store: ExcerptStore, tmp_path: Path) -> None:
    from viewer.render.pdf import export

    target = tmp_path / "out.pdf"
    export(target, "pdf", seed_store.list(), ExportOptions(script="both"))
    fonts = subprocess.run(["pdffonts", str(target)], check=True, capture_output=True, text=True).stdout
    rows = [line.split() for line in fonts.splitlines()[2:]]
    assert rows and all("yes" in row[-5:-2] for row in rows), fonts  # emb column
    text = _squeeze(_pdf_text(target))
    assert "简体" in text and "繁體" in text and "通遼市牢記" in text
