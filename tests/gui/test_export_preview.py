"""The export dialog's preview shows the PDF's font: one definition (render.pdf.pdf_font) for both."""

from __future__ import annotations

from pathlib import Path

import pytest

from PySide6.QtGui import QTextDocument

from tests.core.excerpt_samples import seed_excerpts
from viewer.core.excerpts import ExcerptStore
from viewer.core.export import ExportOptions
from viewer.gui.dialogs.export_dialog import ExportDialog
from viewer.render.pdf import cjk_family, pdf_document, pdf_font

pytestmark = pytest.mark.qt_log_ignore("does not support propagateSizeHints")


def _text_families(document: QTextDocument) -> set[str]:
    """The family every piece of text asks for first (CSS lists included), over the whole document."""
    found: set[str] = set()
    block = document.begin()
    while block.isValid():
        it = block.begin()
        while not it.atEnd():
            fragment = it.fragment()
            if fragment.isValid() and fragment.text().strip():
                fmt = fragment.charFormat()
                families = fmt.fontFamilies() or [fmt.font().family()]
                found.add(str(families[0]))
            it += 1
        block = block.next()
    return found


@pytest.fixture
def excerpts(tmp_path: Path, seeds_archive):
    with ExcerptStore(tmp_path / "excerpts.sqlite3") as store:
        yield seed_excerpts(seeds_archive, store)


@pytest.mark.parametrize("fmt", ["pdf", "html", "docx"])
def test_preview_uses_the_pdf_font(qtbot, excerpts, fmt: str) -> None:
    dialog = ExportDialog(excerpts, script="both")
    qtbot.addWidget(dialog)
    dialog.format.setCurrentIndex(dialog.format.findData(fmt))
    family = pdf_font().family()
    assert family == cjk_family()
    preview = dialog.preview.document()
    assert preview.defaultFont().family() == family
    assert _text_families(preview) == {family}
    assert "通遼市牢記" in dialog.preview.toPlainText()


def test_pdf_document_and_preview_agree(qtbot, excerpts) -> None:
    dialog = ExportDialog(excerpts)
    qtbot.addWidget(dialog)
    dialog.format.setCurrentIndex(dialog.format.findData("pdf"))
    printed = pdf_document(excerpts, ExportOptions())
    assert _text_families(printed) == _text_families(dialog.preview.document()) == {pdf_font().family()}
    assert printed.defaultFont().pointSizeF() == pdf_font().pointSizeF()
    assert printed.toPlainText() == dialog.preview.toPlainText()
