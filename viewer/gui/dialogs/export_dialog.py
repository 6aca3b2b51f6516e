"""Export dialog: format, script, citation style, notes/tags, a live preview, and an atomic write."""

from __future__ import annotations

import logging
from collections.abc import Sequence
from pathlib import Path

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from viewer.core.bookmarks import Bookmark
from viewer.core.citation import STYLE_GBT7714, STYLE_SHORT
from viewer.core.excerpts import Excerpt
from viewer.core.export import FORMATS, ExportOptions, render
from viewer.errors import ViewerError
from viewer.gui import plain
from viewer.gui.i18n import core_text
from viewer.render.pdf import export, pdf_font, pdf_html

logger = logging.getLogger(__name__)

PREVIEW_LIMIT = 30  # excerpts shown in the preview; the file gets all of them


class ExportDialog(QDialog):
    """Choose how to export the given excerpts and write the file; errors are shown, never raised."""

    def __init__(
        self,
        excerpts: Sequence[Excerpt],
        parent: QWidget | None = None,
        *,
        script: str = "original",
        style: str = STYLE_GBT7714,
        directory: str = "",
        scopes: Sequence[tuple[str, Sequence[Excerpt]]] = (),
        scope: int = 0,
        bookmarks: Sequence[Bookmark] = (),
    ) -> None:
        """`scopes`, when given, offers a choice of which excerpts to export (e.g. selected, this
        collection, all); `excerpts` is then ignored and `scope` is the one chosen at first.
        `bookmarks` are listed after the excerpts while "Include bookmarks" is checked."""
        super().__init__(parent)
        self.setWindowTitle(self.tr("Export excerpts"))
        self._scopes = [(label, list(found)) for label, found in scopes]
        if self._scopes:
            scope = max(0, min(scope, len(self._scopes) - 1))
            excerpts = self._scopes[scope][1]
        self._excerpts = list(excerpts)
        self._bookmarks = [b for b in bookmarks if not b.deleted]
        self._directory = directory or str(Path.home())
        self.written: Path | None = None

        self.scope = QComboBox(self)
        for label, found in self._scopes:
            self.scope.addItem(label, len(found))
        self.scope.setCurrentIndex(scope if self._scopes else -1)
        self.format = QComboBox(self)
        labels = {
            "md": self.tr("Markdown"),
            "txt": self.tr("Plain text"),
            "html": self.tr("HTML (one self-contained file)"),
            "docx": self.tr("Word (DOCX)"),
            "pdf": self.tr("PDF"),
            "csv": self.tr("CSV (spreadsheet)"),
            "ris": self.tr("RIS (reference managers)"),
        }
        for key, (_, label) in FORMATS.items():
            self.format.addItem(labels.get(key, label), key)
        self.script = QComboBox(self)
        for key, label in (
            ("original", self.tr("Original")),
            ("simplified", self.tr("Simplified")),
            ("traditional", self.tr("Traditional")),
            ("both", self.tr("Both, side by side")),
        ):
            self.script.addItem(label, key)
        self.script.setCurrentIndex(max(0, self.script.findData(script)))
        self.citation_style = QComboBox(self)
        self.citation_style.addItem(self.tr("GB/T 7714-2015"), STYLE_GBT7714)
        self.citation_style.addItem(self.tr("Short (《title》(volume,【entry】)：「text」)"), STYLE_SHORT)
        self.citation_style.setCurrentIndex(max(0, self.citation_style.findData(style)))
        self.notes = QCheckBox(self.tr("Include notes"), self)
        self.notes.setChecked(True)
        self.tags = QCheckBox(self.tr("Include tags"), self)
        self.tags.setChecked(True)
        self.include_bookmarks = QCheckBox(
            self.tr("Include bookmarks (%1)").replace("%1", str(len(self._bookmarks))), self
        )
        self.include_bookmarks.setChecked(bool(self._bookmarks))
        self.include_bookmarks.setEnabled(bool(self._bookmarks))
        self.include_bookmarks.setVisible(bool(self._bookmarks))
        self.path = QLineEdit(self)
        browse = QPushButton(self.tr("Browse…"), self)
        browse.clicked.connect(self._on_browse_clicked)
        path_row = QHBoxLayout()
        path_row.addWidget(self.path, 1)
        path_row.addWidget(browse)

        form = QFormLayout()
        if self._scopes:
            form.addRow(self.tr("Excerpts:"), self.scope)
        else:
            self.scope.hide()
        form.addRow(self.tr("Format:"), self.format)
        form.addRow(self.tr("Excerpt text:"), self.script)
        form.addRow(self.tr("Citation style:"), self.citation_style)
        checks = QHBoxLayout()
        checks.addWidget(self.notes)
        checks.addWidget(self.tags)
        checks.addWidget(self.include_bookmarks)
        checks.addStretch(1)
        form.addRow("", checks)
        form.addRow(self.tr("File:"), path_row)

        self.preview = QTextBrowser(self)
        self.preview.setOpenLinks(False)
        self.source_preview = QPlainTextEdit(self)
        self.source_preview.setReadOnly(True)
        self.error = plain.label(self)  # names the file
        self.error.setWordWrap(True)
        self.error.setStyleSheet("color: #b00020;")
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.buttons.accepted.connect(self._on_buttons_accepted)
        self.buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        self.count = QLabel(self)
        layout.addWidget(self.count)
        layout.addLayout(form)
        layout.addWidget(self.preview, 1)
        layout.addWidget(self.source_preview, 1)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)
        for combo in (self.scope, self.format, self.script, self.citation_style):
            combo.currentIndexChanged.connect(self._on_option_changed)
        for box in (self.notes, self.tags, self.include_bookmarks):
            box.toggled.connect(self._on_option_changed)
        self.resize(720, 640)
        self._suggest_path()
        self._update_count()
        self.update_preview()

    # ------------------------------------------------------------ API

    def options(self) -> ExportOptions:
        return ExportOptions(
            script=self.script.currentData(),
            style=self.citation_style.currentData(),
            include_notes=self.notes.isChecked(),
            include_tags=self.tags.isChecked(),
            include_bookmarks=self.include_bookmarks.isChecked(),
        )

    def excerpts(self) -> list[Excerpt]:
        """The excerpts the file will hold (those of the chosen scope)."""
        return list(self._excerpts)

    def bookmarks(self) -> list[Bookmark]:
        """The bookmarks the file will list (none when "Include bookmarks" is unchecked)."""
        return list(self._bookmarks) if self.include_bookmarks.isChecked() else []

    def format_key(self) -> str:
        return str(self.format.currentData())

    def update_preview(self) -> None:
        """Formatted preview (HTML for the page-like formats) or the file's own text."""
        fmt, options = self.format_key(), self.options()
        sample = self._excerpts[:PREVIEW_LIMIT]
        try:
            if fmt in ("html", "docx", "pdf"):
                # The PDF's own font and layout: one definition (render.pdf.pdf_font) for both.
                font = pdf_font()
                self.preview.document().setDefaultFont(font)
                self.preview.setHtml(pdf_html(sample, options, font.family(), self._bookmarks))
                self.preview.show()
                self.source_preview.hide()
            else:
                self.source_preview.setPlainText(str(render(fmt, sample, options, self._bookmarks)))
                self.source_preview.show()
                self.preview.hide()
        except ViewerError as exc:
            self.error.setText(core_text(exc))

    def export_to(self, path: str | Path | None = None) -> bool:
        """Write the file (atomically); on failure show why and return False."""
        target = Path(path) if path else Path(self.path.text().strip()) if self.path.text().strip() else None
        if target is None:
            self.error.setText(self.tr("Choose a file to export to."))
            return False
        if not self._excerpts and not self.bookmarks():
            self.error.setText(self.tr("There are no excerpts to export."))
            return False
        try:
            size = export(target, self.format_key(), self._excerpts, self.options(), self._bookmarks)
        except ViewerError as exc:
            self.error.setText(core_text(exc))
            return False
        except OSError as exc:  # belt and braces: the writers translate these already
            self.error.setText(
                self.tr("Cannot write {path}: {reason}").format(path=target, reason=exc.strerror or exc)
            )
            return False
        logger.info("Exported %d excerpts to %s (%d bytes)", len(self._excerpts), target, size)
        self.error.clear()
        self.written = target
        return True

    # ------------------------------------------------------------ slots

    def _suggest_path(self) -> None:
        extension = FORMATS[self.format_key()][0]
        current = self.path.text().strip()
        base = Path(current).with_suffix(extension) if current else Path(self._directory) / f"摘录{extension}"
        self.path.setText(str(base))

    def _update_count(self) -> None:
        self.count.setText(self.tr("%n excerpt(s)", "", len(self._excerpts)))
        self.buttons.button(QDialogButtonBox.StandardButton.Save).setEnabled(
            bool(self._excerpts or self.bookmarks())
        )

    def _on_option_changed(self, *_: object) -> None:
        if self.sender() is self.format:
            self._suggest_path()
        if self.sender() is self.scope and self._scopes:
            self._excerpts = list(self._scopes[max(0, self.scope.currentIndex())][1])
            self._update_count()
        if self.sender() is self.include_bookmarks:
            self._update_count()
        self.error.clear()
        self.update_preview()

    def _on_browse_clicked(self) -> None:
        fmt = self.format_key()
        extension, label = FORMATS[fmt]
        chosen, _ = QFileDialog.getSaveFileName(
            self, self.tr("Export excerpts"), self.path.text(), f"{label} (*{extension})"
        )
        if chosen:
            self.path.setText(chosen)

    def _on_buttons_accepted(self) -> None:
        if self.export_to():
            self.accept()
