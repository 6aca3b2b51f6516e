"""The bookmark list (the window docks it): open a bookmark, delete it, write a note in place."""

from __future__ import annotations

import logging

from PySide6.QtCore import QItemSelectionModel, QModelIndex, Qt, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QHeaderView,
    QVBoxLayout,
    QWidget,
)

from viewer.core.bookmarks import Bookmark, BookmarkStore
from viewer.errors import ViewerError
from viewer.gui import plain
from viewer.gui.models.bookmarks import (
    COLUMN_NOTE,
    COLUMN_PARAGRAPH,
    COLUMN_QUOTE,
    COLUMN_TITLE,
    BookmarkListModel,
)
from viewer.gui.widgets.list_view import editable_row_list

logger = logging.getLogger(__name__)


class BookmarkPanel(QWidget):
    """Bookmarks in document order; removal is asked of the owner (which can undo it), notes are saved here."""

    bookmark_activated = Signal(str, str)  # doc_id, paragraph_id: open the document there
    remove_requested = Signal(list)  # bookmark ids (int) the user deleted
    error_occurred = Signal(str)  # a plain message for the user (also shown in the panel)

    def __init__(self, store: BookmarkStore, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("bookmark_panel")
        self._store = store
        self.model = BookmarkListModel(store, self)
        self.model.note_edit_requested.connect(self._on_model_note_edit_requested)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        self.view = editable_row_list(self.model, self)
        header = self.view.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(COLUMN_PARAGRAPH, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(COLUMN_QUOTE, QHeaderView.ResizeMode.Stretch)
        header.resizeSection(COLUMN_TITLE, 120)
        header.resizeSection(COLUMN_NOTE, 120)
        # activated: Enter, or a double-click that does not start editing (the note column edits).
        self.view.activated.connect(self._on_view_activated)
        layout.addWidget(self.view, 1)
        self.status = plain.label(self)  # store errors name files
        self.status.setWordWrap(True)
        layout.addWidget(self.status)

        self.delete_action = QAction(self.tr("Delete bookmark"), self)
        self.delete_action.setShortcut(QKeySequence(QKeySequence.StandardKey.Delete))
        self.delete_action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.delete_action.triggered.connect(self.delete_selected)
        self.edit_note_action = QAction(self.tr("Edit note"), self)
        self.edit_note_action.triggered.connect(self.edit_current_note)
        self.addAction(self.delete_action)
        self.view.setContextMenuPolicy(Qt.ContextMenuPolicy.ActionsContextMenu)
        for action in (self.edit_note_action, self.delete_action):
            self.view.addAction(action)
        self._update_status()

    # ------------------------------------------------------------ public API

    @property
    def store(self) -> BookmarkStore:
        return self._store

    def refresh(self) -> None:
        """Re-read the list (after a change, or after the archive was read again), keeping the selection."""
        ids = [b.id for b in self.selected_bookmarks()]
        self.model.refresh()
        for bookmark_id in ids[:1]:
            self.select_bookmark(bookmark_id)
        self._update_status()

    def selected_bookmarks(self) -> list[Bookmark]:
        rows = sorted({i.row() for i in self.view.selectionModel().selectedRows()})
        return [self.model.bookmark(r) for r in rows]

    def select_bookmark(self, bookmark_id: int) -> None:
        row = self.model.row_of(bookmark_id)
        if row < 0:
            return
        index = self.model.index(row, 0)
        self.view.selectionModel().setCurrentIndex(
            index, QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows
        )
        self.view.scrollTo(index)

    def delete_selected(self) -> None:
        """Ask the owner to remove the selected bookmarks (it keeps the undo)."""
        ids = [b.id for b in self.selected_bookmarks()]
        if ids:
            self.remove_requested.emit(ids)

    def edit_current_note(self) -> None:
        current = self.view.currentIndex()
        if current.isValid():
            index = self.model.index(current.row(), COLUMN_NOTE)
            self.view.setCurrentIndex(index)
            self.view.edit(index)

    def set_note(self, bookmark_id: int, note: str) -> bool:
        """Save a note; a failure is shown, never raised into the event loop."""
        try:
            saved = self._store.set_note(bookmark_id, note)
        except ViewerError as exc:
            self.show_message(str(exc), error=True)
            return False
        self.model.update_bookmark(saved)
        return True

    def show_message(self, message: str, *, error: bool = False) -> None:
        """A message in the panel's status line (errors are also emitted as error_occurred)."""
        self.status.setText(message)
        if error:
            logger.warning("%s", message)
            self.error_occurred.emit(message)

    # ------------------------------------------------------------ internals

    def _update_status(self) -> None:
        empty = self.tr("No bookmarks yet. Ctrl+D bookmarks the paragraph you are reading.")
        if self.model.rowCount() == 0:
            self.status.setText(empty)
        elif self.status.text() == empty:
            self.status.clear()

    # ------------------------------------------------------------ slots

    def _on_model_note_edit_requested(self, bookmark_id: int, note: str) -> None:
        self.set_note(bookmark_id, note)

    def _on_view_activated(self, index: QModelIndex) -> None:
        if not index.isValid():
            return
        b = self.model.bookmark(index.row())
        self.bookmark_activated.emit(b.doc_id, b.paragraph_id)
