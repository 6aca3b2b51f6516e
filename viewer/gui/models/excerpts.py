"""Excerpts of one collection as table rows (text, note, tags) over the store; edits become requests."""

from __future__ import annotations

import json
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QByteArray,
    QMimeData,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    Signal,
)

from viewer.core.citation import reference
from viewer.core.excerpts import Excerpt, ExcerptStore
from viewer.gui import plain

EXCERPT_ROLE = Qt.ItemDataRole.UserRole + 31  # the Excerpt object of a row
EXCERPT_ID_ROLE = Qt.ItemDataRole.UserRole + 32
MIME_TYPE = "application/x-archive-viewer-excerpt-ids"

COLUMN_TEXT, COLUMN_NOTE, COLUMN_TAGS = range(3)
_Index = QModelIndex | QPersistentModelIndex


class ExcerptListModel(QAbstractTableModel):
    """Rows of one collection, filtered; note and tag edits and drops are emitted, not applied, so
    the panel can put them on its undo stack."""

    edit_requested = Signal(int, str, object)  # excerpt id, "note" or "tags", new value
    move_requested = Signal(int, int)  # excerpt id, new row

    def __init__(self, store: ExcerptStore, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._store = store
        self._collection: int | None = None
        self._filter = ""
        self._rows: list[Excerpt] = []
        self.refresh()

    # ------------------------------------------------------------ state

    def collection_id(self) -> int:
        return self._collection if self._collection is not None else self._store.default_collection().id

    def set_collection(self, collection_id: int | None) -> None:
        self._collection = collection_id
        self.refresh()

    def set_filter(self, text: str) -> None:
        self._filter = text
        self.refresh()

    def filter_text(self) -> str:
        return self._filter

    def refresh(self) -> None:
        """Re-read the rows from the store (cheap: a collection holds hundreds, not millions)."""
        self.beginResetModel()
        self._rows = self._store.list(self.collection_id(), text_filter=self._filter)
        self.endResetModel()

    def excerpt(self, row: int) -> Excerpt:
        return self._rows[row]

    def row_of(self, excerpt_id: int) -> int:
        for n, e in enumerate(self._rows):
            if e.id == excerpt_id:
                return n
        return -1

    # ------------------------------------------------------------ Qt model

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else 3

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return (self.tr("Excerpt"), self.tr("Note"), self.tr("Tags"))[section]
        return None

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        e = self._rows[index.row()]
        column = index.column()
        if role == EXCERPT_ROLE:
            return e
        if role == EXCERPT_ID_ROLE:
            return e.id
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            if column == COLUMN_TEXT:
                text = e.text.replace("\n", " ")
                if role == Qt.ItemDataRole.EditRole:
                    return text
                short = text if len(text) <= 60 else text[:60] + "…"
                flag = self.tr(" [source text gone]") if e.missing else ""
                return f"「{short}」 {reference(e.citation, 'short')}{flag}"
            if column == COLUMN_NOTE:
                return e.note
            return ", ".join(e.tags)
        if role == Qt.ItemDataRole.ToolTipRole:
            tip = f"{e.text}\n\n{reference(e.citation, 'gbt7714')}"
            if e.missing:
                tip += "\n\n" + self.tr("The source text is no longer in the archive; the excerpt is kept.")
            return plain.tooltip(tip)
        return None

    def flags(self, index: _Index) -> Qt.ItemFlag:
        base = super().flags(index)
        if not index.isValid():
            return base | Qt.ItemFlag.ItemIsDropEnabled
        base |= Qt.ItemFlag.ItemIsDragEnabled
        if index.column() in (COLUMN_NOTE, COLUMN_TAGS):
            base |= Qt.ItemFlag.ItemIsEditable
        return base

    def setData(self, index: _Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if role != Qt.ItemDataRole.EditRole or not index.isValid():
            return False
        e = self._rows[index.row()]
        if index.column() == COLUMN_NOTE:
            if str(value) != e.note:
                self.edit_requested.emit(e.id, "note", str(value))
            return True
        if index.column() == COLUMN_TAGS:
            tags = [str(value)]
            if ", ".join(e.tags) != str(value):
                self.edit_requested.emit(e.id, "tags", tags)
            return True
        return False

    # ------------------------------------------------------------ drag to reorder

    def supportedDropActions(self) -> Qt.DropAction:
        return Qt.DropAction.MoveAction

    def supportedDragActions(self) -> Qt.DropAction:
        return Qt.DropAction.MoveAction

    def mimeTypes(self) -> list[str]:
        return [MIME_TYPE]

    def mimeData(self, indexes: list[QModelIndex]) -> QMimeData:  # type: ignore[override]
        ids = sorted(
            {self._rows[i.row()].id for i in indexes if i.isValid()},
            key=lambda excerpt_id: self.row_of(excerpt_id),
        )
        mime = QMimeData()
        mime.setData(MIME_TYPE, QByteArray(json.dumps(ids).encode()))
        return mime

    def dropMimeData(
        self, data: QMimeData, action: Qt.DropAction, row: int, column: int, parent: _Index
    ) -> bool:
        if action != Qt.DropAction.MoveAction or not data.hasFormat(MIME_TYPE):
            return False
        if row < 0:
            row = parent.row() if parent.isValid() else len(self._rows)
        ids = json.loads(bytes(data.data(MIME_TYPE).data()).decode())
        for offset, excerpt_id in enumerate(ids):
            current = self.row_of(excerpt_id)
            target = row + offset
            if current < target:
                target -= 1  # the row itself leaves its old place first
            if current != target:
                self.move_requested.emit(excerpt_id, target)
        # False: the view must not remove the dragged rows itself; the store move refreshes us.
        return False
