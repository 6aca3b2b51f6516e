"""The excerpts panel (the main window docks it): collections, filter, inline note/tag edits, drag to reorder, delete with undo."""

from __future__ import annotations

import logging
from collections.abc import Callable

from PySide6.QtCore import QItemSelectionModel, QModelIndex, Qt, Signal
from PySide6.QtGui import QAction, QGuiApplication, QKeySequence, QUndoCommand, QUndoStack
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLineEdit,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from viewer.core.citation import cite
from viewer.core.excerpts import Collection, Excerpt, ExcerptStore
from viewer.errors import ViewerError
from viewer.gui import plain
from viewer.gui.i18n import collection_label
from viewer.gui.models.excerpts import (
    COLUMN_NOTE,
    COLUMN_TAGS,
    COLUMN_TEXT,
    ExcerptListModel,
)
from viewer.gui.widgets.list_view import editable_row_list

logger = logging.getLogger(__name__)


class _StoreCommand(QUndoCommand):
    """An undoable store change; the first redo is skipped because the panel already applied it."""

    def __init__(
        self, panel: ExcerptPanel, text: str, do: Callable[[], object], undo: Callable[[], object]
    ) -> None:
        super().__init__(text)
        self._panel, self._do, self._undo = panel, do, undo
        self._applied = True

    def redo(self) -> None:
        if self._applied:
            self._applied = False
            return
        self._panel._run(self._do)

    def undo(self) -> None:
        self._panel._run(self._undo)


class ExcerptPanel(QWidget):
    """The excerpt list over an ExcerptStore; every change is saved at once by the store and undoable here."""

    excerpt_activated = Signal(object)  # Excerpt: open its document at the range
    export_requested = Signal()  # the main window opens the export dialog
    error_occurred = Signal(str)  # a plain message for the user (also shown in the panel)

    def __init__(
        self,
        store: ExcerptStore,
        parent: QWidget | None = None,
        *,
        citation_style: str = "gbt7714",
        script: str = "original",
    ) -> None:
        super().__init__(parent)
        self.setObjectName("excerpt_panel")
        self._store = store
        self.citation_style = citation_style
        self.script = script
        self.undo_stack = QUndoStack(self)
        self.model = ExcerptListModel(store, self)
        self.model.edit_requested.connect(self._on_model_edit_requested)
        self.model.move_requested.connect(self._on_model_move_requested)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        top = QHBoxLayout()
        self.collections = QComboBox(self)
        self.collections.setToolTip(self.tr("Collection (e.g. one per paper)"))
        self.collections.currentIndexChanged.connect(self._on_collections_current_index_changed)
        top.addWidget(self.collections, 1)
        self._new_button = self._tool_button(self.tr("New…"), self.tr("New collection"), self.new_collection)
        self._rename_button = self._tool_button(
            self.tr("Rename…"), self.tr("Rename collection"), self.rename_collection
        )
        self._delete_collection_button = self._tool_button(
            self.tr("Delete"), self.tr("Delete collection"), self.delete_collection
        )
        for button in (self._new_button, self._rename_button, self._delete_collection_button):
            top.addWidget(button)
        layout.addLayout(top)
        self.filter = QLineEdit(self)
        self.filter.setPlaceholderText(self.tr("Filter by text, note, tag or source"))
        self.filter.setClearButtonEnabled(True)
        self.filter.textChanged.connect(self._on_filter_text_changed)
        layout.addWidget(self.filter)
        self.view = editable_row_list(self.model, self)
        self.view.setDragDropMode(QAbstractItemView.DragDropMode.InternalMove)
        self.view.setDefaultDropAction(Qt.DropAction.MoveAction)
        self.view.setDragEnabled(True)
        self.view.setAcceptDrops(True)
        self.view.setDropIndicatorShown(True)
        self.view.header().setSectionResizeMode(COLUMN_TEXT, QHeaderView.ResizeMode.Stretch)
        self.view.header().setStretchLastSection(False)
        self.view.doubleClicked.connect(self._on_view_double_clicked)
        layout.addWidget(self.view, 1)
        self.status = plain.label(self)  # store errors name files and collections
        self.status.setWordWrap(True)
        layout.addWidget(self.status)

        self.delete_action = self._action(
            self.tr("Delete excerpt"), QKeySequence.StandardKey.Delete, self.delete_selected
        )
        self.undo_action = self.undo_stack.createUndoAction(self, self.tr("Undo"))
        self.undo_action.setShortcut(QKeySequence.StandardKey.Undo)
        self.redo_action = self.undo_stack.createRedoAction(self, self.tr("Redo"))
        self.redo_action.setShortcut(QKeySequence.StandardKey.Redo)
        # No shortcut of its own: the window's Ctrl+Shift+C copies these when the list has focus (two
        # actions on one key in the same window would be ambiguous and neither would fire).
        self.copy_action = self._action(self.tr("Copy with citation"), None, self.copy_selected)
        self.export_action = self._action(self.tr("Export…"), None, self.export_requested.emit)
        for action in (self.undo_action, self.redo_action):
            action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            self.addAction(action)
        self.view.setContextMenuPolicy(Qt.ContextMenuPolicy.ActionsContextMenu)
        for action in (self.copy_action, self.delete_action, self.export_action):
            self.view.addAction(action)
        self._reload_collections()  # a recovered store is reported once, by the window's box

    # ------------------------------------------------------------ building

    def _tool_button(self, text: str, tip: str, slot: Callable[[], object]) -> QToolButton:
        button = QToolButton(self)
        button.setText(text)
        button.setToolTip(tip)
        button.clicked.connect(lambda: slot())
        return button

    def _action(
        self, text: str, shortcut: QKeySequence | QKeySequence.StandardKey | None, slot: Callable[[], object]
    ) -> QAction:
        action = QAction(text, self)
        if shortcut is not None:
            action.setShortcut(shortcut)
        action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        action.triggered.connect(lambda: slot())
        self.addAction(action)
        return action

    # ------------------------------------------------------------ public API

    @property
    def store(self) -> ExcerptStore:
        return self._store

    def current_collection_id(self) -> int:
        return self.model.collection_id()

    def set_current_collection(self, key: int | str) -> None:
        collection = self._store.collection(key)
        index = self.collections.findData(collection.id)
        if index >= 0:
            self.collections.setCurrentIndex(index)

    def add_excerpt(self, excerpt: Excerpt) -> Excerpt | None:
        """Save a new excerpt at the end of the current collection (undo: remove it)."""
        collection = self.current_collection_id()
        added: list[Excerpt] = []
        if not self._run(lambda: added.append(self._store.add(excerpt, collection))):
            return None
        saved = added[0]
        self._push(
            self.tr("Add excerpt"),
            lambda: self._store.restore([saved.id]),
            lambda: self._store.delete([saved.id]),
        )
        self.select_excerpt(saved.id)
        return saved

    def selected_excerpts(self) -> list[Excerpt]:
        rows = sorted({i.row() for i in self.view.selectionModel().selectedRows()})
        return [self.model.excerpt(r) for r in rows]

    def select_excerpt(self, excerpt_id: int) -> None:
        row = self.model.row_of(excerpt_id)
        if row < 0:
            return
        index = self.model.index(row, COLUMN_TEXT)
        self.view.selectionModel().setCurrentIndex(
            index, QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows
        )
        self.view.scrollTo(index)

    def delete_selected(self) -> None:
        ids = [e.id for e in self.selected_excerpts()]
        if not ids:
            return
        if not self._run(lambda: self._store.delete(ids)):
            return
        label = self.tr("Delete excerpt") if len(ids) == 1 else self.tr("Delete %n excerpts", "", len(ids))
        self._push(label, lambda: self._store.delete(ids), lambda: self._store.restore(ids))
        self._report(self.tr("Deleted. Undo with Ctrl+Z."))

    def set_note(self, excerpt_id: int, note: str) -> None:
        self._edit(excerpt_id, "note", note)

    def copy_selected(self) -> str:
        """The selected excerpts with their citations on the clipboard (and returned)."""
        text = "\n\n".join(
            cite(e.texts(self.script), e.citation, self.citation_style) for e in self.selected_excerpts()
        )
        if text:
            QGuiApplication.clipboard().setText(text)
        return text

    def new_collection(self, name: str | None = None) -> None:
        if name is None:
            name, ok = QInputDialog.getText(self, self.tr("New collection"), self.tr("Name:"))
            if not ok:
                return
        made: list[Collection] = []
        if not self._run(lambda: made.append(self._store.create_collection(name))):
            return
        created = made[0]
        self._push(
            self.tr("New collection"),
            lambda: self._store.restore_collection(created.id),
            lambda: self._store.delete_collection(created.id),
        )
        self._reload_collections(created.id)

    def rename_collection(self, name: str | None = None) -> None:
        current = self._store.collection(self.current_collection_id())
        if name is None:
            name, ok = QInputDialog.getText(
                self, self.tr("Rename collection"), self.tr("Name:"), text=collection_label(current.name)
            )
            if not ok or name == collection_label(current.name):
                return  # unchanged: the default collection keeps its internal name
        if not self._run(lambda: self._store.rename_collection(current.id, name)):
            return
        old = current.name
        self._push(
            self.tr("Rename collection"),
            lambda: self._store.rename_collection(current.id, name),
            lambda: self._store.rename_collection(current.id, old),
        )
        self._reload_collections(current.id)

    def delete_collection(self) -> None:
        current = self.current_collection_id()
        if not self._run(lambda: self._store.delete_collection(current)):
            return
        self._push(
            self.tr("Delete collection"),
            lambda: self._store.delete_collection(current),
            lambda: self._store.restore_collection(current),
        )
        self._reload_collections()
        self._report(self.tr("Collection deleted. Undo with Ctrl+Z."))

    def show_message(self, message: str, *, error: bool = False) -> None:
        """A message in the panel's status line (errors are also emitted as error_occurred)."""
        self._report(message, error=error)

    def refresh(self) -> None:
        """Re-read everything (e.g. after the archive was re-indexed and excerpts re-anchored)."""
        self._reload_collections(self.current_collection_id())

    # ------------------------------------------------------------ internals

    def _run(self, work: Callable[[], object]) -> bool:
        """Do a store change; a failure becomes a message, never an exception in the event loop."""
        try:
            work()
        except ViewerError as exc:
            self._report(str(exc), error=True)
            return False
        self._after_change()
        return True

    def _push(self, text: str, do: Callable[[], object], undo: Callable[[], object]) -> None:
        self.undo_stack.push(_StoreCommand(self, text, do, undo))

    def _after_change(self) -> None:
        ids = [e.id for e in self.selected_excerpts()] if self.view.selectionModel() else []
        self._reload_collections(self.current_collection_id())
        for excerpt_id in ids[:1]:
            self.select_excerpt(excerpt_id)

    def _reload_collections(self, select: int | None = None) -> None:
        collections = self._store.collections()
        ids = [c.id for c in collections]
        wanted = (
            select
            if select in ids
            else (self.model.collection_id() if self.model.collection_id() in ids else ids[0])
        )
        self.collections.blockSignals(True)
        self.collections.clear()
        for c in collections:
            self.collections.addItem(f"{collection_label(c.name)} ({c.count})", c.id)
        self.collections.setCurrentIndex(ids.index(wanted))
        self.collections.blockSignals(False)
        self._delete_collection_button.setEnabled(len(collections) > 1)
        self.model.set_collection(wanted)

    def _edit(self, excerpt_id: int, field: str, value: object) -> None:
        before = self._store.get(excerpt_id)
        old: object = before.note if field == "note" else list(before.tags)

        def apply(v: object) -> Callable[[], object]:
            if field == "note":
                return lambda: self._store.update(excerpt_id, note=str(v))
            return lambda: self._store.update(excerpt_id, tags=list(v))  # type: ignore[call-overload]

        if not self._run(apply(value)):
            return
        label = self.tr("Edit note") if field == "note" else self.tr("Edit tags")
        self._push(label, apply(value), apply(old))

    def _report(self, message: str, *, error: bool = False) -> None:
        self.status.setText(message)
        if error:
            logger.warning("%s", message)
            self.error_occurred.emit(message)

    # ------------------------------------------------------------ slots

    def _on_model_edit_requested(self, excerpt_id: int, field: str, value: object) -> None:
        self._edit(excerpt_id, field, value)

    def _on_model_move_requested(self, excerpt_id: int, row: int) -> None:
        if self.model.filter_text():
            self._report(self.tr("Clear the filter to reorder excerpts."))
            return
        old = self._store.index_of(excerpt_id)
        if not self._run(lambda: self._store.move(excerpt_id, row)):
            return
        self._push(
            self.tr("Move excerpt"),
            lambda: self._store.move(excerpt_id, row),
            lambda: self._store.move(excerpt_id, old),
        )
        self.select_excerpt(excerpt_id)

    def _on_collections_current_index_changed(self, index: int) -> None:
        collection_id = self.collections.itemData(index)
        if collection_id is not None:
            self.model.set_collection(int(collection_id))

    def _on_filter_text_changed(self, text: str) -> None:
        self.model.set_filter(text)
        self.view.setDragEnabled(not text)

    def _on_view_double_clicked(self, index: QModelIndex) -> None:
        if index.column() in (COLUMN_NOTE, COLUMN_TAGS):
            return  # double-click edits those columns
        self.excerpt_activated.emit(self.model.excerpt(index.row()))
