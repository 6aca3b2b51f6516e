"""The repairs panel: what the repair rules changed in the open document, and its untouched raw text."""

from __future__ import annotations

import logging

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QLabel,
    QPlainTextEdit,
    QSplitter,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from viewer.core.documents import Document

logger = logging.getLogger(__name__)

MAX_CHANGES_SHOWN = 500


class RepairsPanel(QWidget):
    """Lists each repair with its changes (where, before → after) above the raw text as read from disk."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        self.summary = QLabel(self)
        self.summary.setTextFormat(Qt.TextFormat.PlainText)
        self.summary.setWordWrap(True)
        layout.addWidget(self.summary)
        splitter = QSplitter(Qt.Orientation.Vertical, self)
        self.repairs = QTreeWidget(splitter)
        self.repairs.setHeaderLabels([self.tr("Repair"), self.tr("Count"), self.tr("Details")])
        self.repairs.setRootIsDecorated(True)
        self.raw = QPlainTextEdit(splitter)  # plain text: the raw file is never interpreted
        self.raw.setReadOnly(True)
        self.raw.setLineWrapMode(QPlainTextEdit.LineWrapMode.WidgetWidth)
        self.raw.setFont(QFont(self.font()))
        layout.addWidget(splitter, 1)
        self._document: Document | None = None
        self._clear()

    def document(self) -> Document | None:
        """The document the panel shows (None: none, or not filled yet)."""
        return self._document

    def set_document(self, doc: Document | None, raw_text: str = "") -> None:
        """Show `doc`'s repairs and its file's text as read (`raw_text`: read by the caller)."""
        if doc is not None and doc is self._document:
            return  # shown again (e.g. the dock re-tabbed): already filled
        self._document = doc
        if doc is None:
            self._clear()
            return
        self.repairs.clear()
        applied = [r for r in doc.repairs if r.count or r.unresolved]
        if applied:
            self.summary.setText(
                self.tr("%n repair rule(s) changed this document; the raw text is below.", "", len(applied))
            )
        else:
            self.summary.setText(self.tr("No repairs were needed; the raw text is below."))
        for repair in applied:
            details = repair.description
            if repair.unresolved:
                details += "  " + self.tr("(%n place(s) marked, not guessed)", "", repair.unresolved)
            item = QTreeWidgetItem([repair.kind, str(repair.count), details])
            item.setToolTip(2, details)
            for change in repair.changes[:MAX_CHANGES_SHOWN]:
                child = QTreeWidgetItem(
                    [
                        self.tr("at %1").replace("%1", str(change.where)),
                        "",
                        f"{change.before!r} → {change.after!r}",
                    ]
                )
                item.addChild(child)
            self.repairs.addTopLevelItem(item)
        for column in range(2):
            self.repairs.resizeColumnToContents(column)
        self.raw.setPlainText(raw_text or doc.raw_text)

    def _clear(self) -> None:
        self.repairs.clear()
        self.summary.setText(self.tr("No document open."))
        self.raw.setPlainText("")
