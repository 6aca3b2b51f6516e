"""Bookmarks as table rows (title, ¶N, quote, note) over the store; a note edit becomes a request."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt, Signal

from viewer.core.bookmarks import Bookmark, BookmarkStore
from viewer.core.citation import pilcrow, reference
from viewer.gui import plain

BOOKMARK_ROLE = Qt.ItemDataRole.UserRole + 41  # the Bookmark object of a row
BOOKMARK_ID_ROLE = Qt.ItemDataRole.UserRole + 42

COLUMN_TITLE, COLUMN_PARAGRAPH, COLUMN_QUOTE, COLUMN_NOTE = range(4)
_Index = QModelIndex | QPersistentModelIndex


class BookmarkListModel(QAbstractTableModel):
    """Every live bookmark in document order; the note column is editable (the panel saves the edit)."""

    note_edit_requested = Signal(int, str)  # bookmark id, new note

    def __init__(self, store: BookmarkStore, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._store = store
        self._rows: list[Bookmark] = []
        self.refresh()

    def refresh(self) -> None:
        """Re-read the rows from the store (a user keeps tens or hundreds of bookmarks)."""
        self.beginResetModel()
        self._rows = self._store.list()
        self.endResetModel()

    def bookmark(self, row: int) -> Bookmark:
        return self._rows[row]

    def update_bookmark(self, bookmark: Bookmark) -> None:
        """Show a changed bookmark in its row without a reset (an open note editor may be committing)."""
        row = self.row_of(bookmark.id)
        if row >= 0:
            self._rows[row] = bookmark
            self.dataChanged.emit(self.index(row, 0), self.index(row, self.columnCount() - 1))

    def row_of(self, bookmark_id: int) -> int:
        for n, b in enumerate(self._rows):
            if b.id == bookmark_id:
                return n
        return -1

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else 4

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return (self.tr("Document"), self.tr("¶"), self.tr("Beginning"), self.tr("Note"))[section]
        return None

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        b = self._rows[index.row()]
        column = index.column()
        if role == BOOKMARK_ROLE:
            return b
        if role == BOOKMARK_ID_ROLE:
            return b.id
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            if column == COLUMN_TITLE:
                return b.title or b.source
            if column == COLUMN_PARAGRAPH:
                return pilcrow(b.number - 1)
            if column == COLUMN_QUOTE:
                flag = self.tr(" [paragraph gone]") if b.missing else ""
                return f"「{b.display_quote}」{flag}"
            return b.note if role == Qt.ItemDataRole.EditRole else b.note.replace("\n", " ")
        if role == Qt.ItemDataRole.ToolTipRole:
            tip = f"{b.display_quote}\n\n{reference(b.citation_data, 'gbt7714')}\n{b.source}"
            if b.missing:
                tip += "\n\n" + self.tr("The paragraph is no longer in the archive; the bookmark is kept.")
            return plain.tooltip(tip)
        return None

    def flags(self, index: _Index) -> Qt.ItemFlag:
        base = super().flags(index)
        if index.isValid() and index.column() == COLUMN_NOTE:
            base |= Qt.ItemFlag.ItemIsEditable
        return base

    def setData(self, index: _Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if role != Qt.ItemDataRole.EditRole or not index.isValid() or index.column() != COLUMN_NOTE:
            return False
        b = self._rows[index.row()]
        if str(value) != b.note:
            self.note_edit_requested.emit(b.id, str(value))
        return True
