"""File → Print… and Print to PDF…: the open document, both columns, through printing.py."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QFileDialog, QWidget

from viewer.gui import plain
from viewer.gui.i18n import core_text
from viewer.gui.widgets.parallel_view import ParallelView


class PrintCommands(QObject):
    """Prints what the reader shows, with the column headers it shows, to a printer or a PDF file."""

    def __init__(
        self,
        view: ParallelView,
        headers: Callable[[], list[str]],
        dialog_parent: QWidget,
        show_message: Callable[[str, int], None],
    ) -> None:
        super().__init__(dialog_parent)
        self._view = view
        self._headers = headers
        self._parent = dialog_parent
        self._show_message = show_message

    def print_document(self) -> None:
        """Print… (Ctrl+P): the system's print dialog, then both columns, paginated."""
        from PySide6.QtPrintSupport import QPrintDialog, QPrinter

        if not self._has_document():
            return
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        dialog = QPrintDialog(printer, self._parent)
        if dialog.exec():
            self._print(printer, "")

    def print_to_pdf(self) -> None:
        """Print to PDF…: both columns to a PDF file the user names."""
        from viewer.gui.printing import pdf_printer

        doc = self._view.document()
        if doc is None or not self._has_document():
            return
        suggested = str(Path.home() / f"{Path(doc.source).stem}.pdf")
        path, _filter = QFileDialog.getSaveFileName(
            self._parent, self.tr("Print to PDF"), suggested, self.tr("PDF files (*.pdf)")
        )
        if path:
            if not path.lower().endswith(".pdf"):
                path += ".pdf"
            self._print(pdf_printer(path), path)

    def _has_document(self) -> bool:
        if self._view.document() is None:
            self._show_message(self.tr("Open a document first."), 4000)
            return False
        return True

    def _print(self, printer: object, path: str) -> None:
        from viewer.gui.printing import print_document

        headers = [h for h in self._headers() if h]
        try:
            pages = print_document(self._view, printer, headers=headers or None)  # type: ignore[arg-type]
        except OSError as exc:
            plain.warn(self._parent, self.tr("Cannot print"), core_text(exc))
            return
        if path:
            text = self.tr("Printed %n page(s) to %1.", "", pages).replace("%1", path)
        else:
            text = self.tr("Sent %n page(s) to the printer.", "", pages)
        self._show_message(text, 8000)
