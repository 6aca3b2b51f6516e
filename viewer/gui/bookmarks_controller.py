"""Bookmarks in the window: Toggle bookmark (Ctrl+D), removal with undo, and opening a bookmark.

The controller gets only what it uses: the store, the panel, a callable that says where the reader is
and one that opens a place. It never reaches into the window; the window owner adds the action to its
menus and connects `status_message` to its status bar.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Mapping
from typing import Any

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtGui import QAction, QKeySequence

from viewer.core.anchor import ANCHOR_MISSING
from viewer.core.bookmarks import Bookmark, BookmarkStore, BookmarkTarget
from viewer.core.documents import Document
from viewer.errors import ViewerError
from viewer.gui.i18n import core_text
from viewer.gui.widgets.bookmark_panel import BookmarkPanel

logger = logging.getLogger(__name__)

TOGGLE_SHORTCUT = "Ctrl+D"
Location = BookmarkTarget | tuple[Any, ...]


class BookmarksController(QObject):
    """What the bookmark actions do, over a BookmarkStore and its BookmarkPanel."""

    bookmarks_changed = Signal(str)  # doc_id whose bookmarks changed ("" when several may have)
    status_message = Signal(str, int)  # text, milliseconds: for the window's status bar

    def __init__(
        self,
        store: BookmarkStore,
        panel: BookmarkPanel,
        current_location: Callable[[], Location | None],
        open_location: Callable[[str, str], object],
        parent: QObject | None = None,
    ) -> None:
        """`current_location()` is (doc_id, paragraph_id, 0-based ordinal, title, paragraph text[,
        CitationData]) of the paragraph being read, or None; `open_location(doc_id, paragraph_id)`
        shows it."""
        super().__init__(parent)
        self._store = store
        self._panel = panel
        self._current_location = current_location
        self._open_location = open_location
        self._removed: list[list[int]] = []  # groups of removed ids, the last one undone first
        panel.bookmark_activated.connect(self._on_panel_bookmark_activated)
        panel.remove_requested.connect(self._on_panel_remove_requested)
        panel.error_occurred.connect(self._on_panel_error_occurred)
        self.undo_action = QAction(self.tr("Undo remove bookmark"), panel)
        self.undo_action.setShortcut(QKeySequence(QKeySequence.StandardKey.Undo))
        self.undo_action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.undo_action.setEnabled(False)
        self.undo_action.triggered.connect(self.undo_remove)
        panel.addAction(self.undo_action)
        panel.view.addAction(self.undo_action)

    def create_toggle_action(self, parent: QObject) -> QAction:
        """The "Toggle bookmark" action (Ctrl+D) for the window's menus, wired to toggle_bookmark."""
        action = QAction(self.tr("Toggle &Bookmark"), parent)
        action.setShortcut(QKeySequence(TOGGLE_SHORTCUT))
        action.setStatusTip(self.tr("Bookmark the paragraph being read, or remove its bookmark"))
        action.triggered.connect(self.toggle_bookmark)
        return action

    # ------------------------------------------------------------ actions

    def toggle_bookmark(self) -> bool | None:
        """Bookmark the current paragraph, or remove its bookmark (undoable); None when nothing happened."""
        found = self._current_location()
        if found is None:
            self._say(self.tr("Open a document and click in a paragraph to bookmark it."))
            return None
        try:
            target = Bookmark.from_target(found)
            on, bookmark = self._store.toggle(target)
        except (ViewerError, TypeError, ValueError) as exc:
            self._fail(exc)
            return None
        if on:
            self._say(
                self.tr("Bookmarked ¶%1 of “%2”.")
                .replace("%1", str(bookmark.number))
                .replace("%2", bookmark.title)
            )
        else:
            self._removed.append([bookmark.id])
            self.undo_action.setEnabled(True)
            self._say(self.tr("Bookmark removed. Undo with Ctrl+Z in the bookmark list."))
        self._panel.refresh()
        if on:
            self._panel.select_bookmark(bookmark.id)
        self.bookmarks_changed.emit(bookmark.doc_id)
        return on

    def remove(self, bookmark_ids: list[int]) -> bool:
        """Remove bookmarks (soft: undo_remove brings them back)."""
        if not bookmark_ids:
            return False
        try:
            removed = self._store.remove(bookmark_ids)
        except ViewerError as exc:
            self._fail(exc)
            return False
        if not removed:
            return False
        self._removed.append([b.id for b in removed])
        self.undo_action.setEnabled(True)
        self._panel.refresh()
        self._panel.show_message(self.tr("%n bookmark(s) removed. Undo with Ctrl+Z.", "", len(removed)))
        self._emit_changed(removed)
        return True

    def undo_remove(self) -> bool:
        """Bring back the bookmarks removed last; False when there is nothing to undo."""
        if not self._removed:
            return False
        ids = self._removed[-1]
        try:
            self._store.restore(ids)
            restored = [self._store.get(i) for i in ids]
        except ViewerError as exc:
            self._fail(exc)
            return False
        self._removed.pop()
        self.undo_action.setEnabled(bool(self._removed))
        self._panel.refresh()
        self._panel.select_bookmark(ids[0])
        self._panel.show_message(self.tr("%n bookmark(s) restored.", "", len(ids)))
        self._emit_changed(restored)
        return True

    def can_undo(self) -> bool:
        return bool(self._removed)

    def bookmarks(self) -> list[Bookmark]:
        """Every live bookmark in document order (what the export dialog lists)."""
        try:
            return self._store.list()
        except ViewerError as exc:
            self._fail(exc)
            return []

    def reanchor(self, documents: Mapping[str, Document]) -> None:
        """After the archive was (re-)read: find each bookmark's paragraph again; mark, never drop, lost ones."""
        try:
            counts = self._store.reanchor(documents)
        except ViewerError as exc:
            self._fail(exc)
            return
        self._panel.refresh()
        if counts.get(ANCHOR_MISSING):
            self._panel.show_message(
                self.tr(
                    "%n bookmark(s) whose paragraph is not in this archive are marked; they are kept.",
                    "",
                    counts[ANCHOR_MISSING],
                )
            )
        self.bookmarks_changed.emit("")

    # ------------------------------------------------------------ internals

    def _say(self, message: str, msecs: int = 4000) -> None:
        self.status_message.emit(message, msecs)

    def _fail(self, exc: Exception) -> None:
        logger.warning("Bookmark change failed: %s", exc)
        self._panel.show_message(core_text(exc), error=False)
        self._say(core_text(exc), 10_000)

    def _emit_changed(self, bookmarks: list[Bookmark]) -> None:
        for doc_id in dict.fromkeys(b.doc_id for b in bookmarks):
            self.bookmarks_changed.emit(doc_id)

    # ------------------------------------------------------------ slots

    def _on_panel_bookmark_activated(self, doc_id: str, paragraph_id: str) -> None:
        try:
            if self._store.find(doc_id, paragraph_id) is None:  # marked missing after a re-read
                self._say(
                    self.tr("The paragraph of this bookmark is no longer in the archive; it is kept."), 8000
                )
                return
            self._open_location(doc_id, paragraph_id)
        except ViewerError as exc:
            self._fail(exc)

    def _on_panel_remove_requested(self, bookmark_ids: list[int]) -> None:
        self.remove([int(i) for i in bookmark_ids])

    def _on_panel_error_occurred(self, message: str) -> None:
        self._say(message, 10_000)
