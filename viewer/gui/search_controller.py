"""Searching for the main window: the archive search (results dock, F3 through every hit) and Ctrl+F.

Searches run as jobs on the index ArchiveJobs keeps; a search typed while the index is being built
runs when it is ready. Hits open through ``MainWindow.open_document`` with every match of that
document highlighted in both columns.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject

from viewer.core.catalogue import CatalogueCorrupt
from viewer.core.folding import find_matches
from viewer.errors import QuerySyntaxError

if TYPE_CHECKING:
    from viewer.gui.mainwindow import MainWindow

logger = logging.getLogger(__name__)

SEARCH_LIMIT = 500


class SearchController(QObject):
    """Archive search with hit-by-hit navigation, and find-in-document, on the window's widgets."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self._window = window
        self._pending_query: str | None = None
        self._hit_steps: list[tuple[int, int]] = []  # (visible hit index, match index)
        self._hit_current = -1
        self._find_matches: list[tuple[int, int, int]] = []  # (row, start, end)
        self._find_current = -1
        window.search_bar.search_requested.connect(self._on_search_bar_search_requested)
        window.results.hit_activated.connect(self._on_results_hit_activated)
        window.results.sort_changed.connect(self._on_results_sort_changed)
        window.find_bar.find_requested.connect(self._on_find_bar_find_requested)
        window.find_bar.next_requested.connect(self.find_next)
        window.find_bar.previous_requested.connect(self.find_previous)
        window.find_bar.closed.connect(self._on_find_bar_closed)

    # ------------------------------------------------------------ archive search

    def focus_search(self) -> None:
        self._window.results_dock.show()
        self._window.search_bar.focus_query()

    def _on_search_bar_search_requested(self, query: str) -> None:
        self.run_search(query)

    def _on_results_sort_changed(self, sort: str) -> None:
        self._window.settings.sort = sort
        query = self._window.search_bar.query()
        if query and self._window.search_index is not None:
            self.run_search(query)

    def run_search(self, query: str) -> None:
        """Search in a job; if the index is still being built, run when it is ready."""
        window = self._window
        query = query.strip()
        if not query:
            return
        window.search_bar.remember(query)
        window.results_dock.show()
        index = window.search_index
        if index is None:
            if window.archive_jobs.is_working():
                self._pending_query = query
                window.results.set_message(
                    self.tr("The index is being built; the search runs when it is ready.")
                )
            else:
                window.results.set_message(self.tr("Search is not available: the index could not be built."))
            return
        sort = window.results.sort()

        def work(progress: Callable[[int, int, str], None], cancelled: Callable[[], bool]) -> Any:
            return index.search(query, limit=SEARCH_LIMIT, sort=sort)

        window.results.set_message(self.tr("Searching…"))
        window.jobs.start("search", work, succeeded=self._on_search_succeeded, failed=self._on_search_failed)

    def run_pending_search(self) -> None:
        """The index is ready: run the search that waited for it, if any."""
        if self._pending_query is not None:
            query, self._pending_query = self._pending_query, None
            self.run_search(query)

    def _on_search_succeeded(self, results: Any) -> None:
        self._window.results.set_results(results)
        self._hit_current = -1
        self._rebuild_hit_steps()
        self._window.search_finished.emit(results)

    def _on_search_failed(self, error: Exception) -> None:
        if isinstance(error, QuerySyntaxError):
            self._window.results.set_message(str(error))
        elif isinstance(error, CatalogueCorrupt):
            # The damage is recorded; opening the archive again sets the catalogue aside and reads anew.
            self._window.results.set_message(str(error))
            self._window.archive_jobs.load_archive(self._window.archive_root)
        else:
            # Only the integrity check may call the index damaged: run it, and rebuild if it says so.
            self._window.results.set_message(self.tr("Search failed: %1").replace("%1", str(error)))
            self._check_index()
        self._window.search_finished.emit(None)

    def _check_index(self) -> None:
        window = self._window
        index = window.search_index
        if index is None:
            return

        def work(progress: Callable[[int, int, str], None], cancelled: Callable[[], bool]) -> Any:
            return index.check()

        def checked(health: Any) -> None:
            if not health.ready and index is window.search_index:
                window.results.set_message(self.tr("The search index is damaged; it will be rebuilt."))
                window.archive_jobs.index_damaged(health.problem)

        window.jobs.start("check", work, succeeded=checked, failed=lambda _error: None)

    def _rebuild_hit_steps(self) -> None:
        self._hit_steps = []
        for i, hit in enumerate(self._window.results.visible_hits()):
            for m in range(max(1, len(hit.matches))):
                self._hit_steps.append((i, m))

    def _on_results_hit_activated(self, hit_index: int) -> None:
        self._rebuild_hit_steps()
        for step, (i, _m) in enumerate(self._hit_steps):
            if i == hit_index:
                self.goto_hit_step(step)
                return

    def next_hit(self) -> None:
        """F3: the next match across the whole result set (wraps); the next find match without one."""
        if self._window.find_bar.isVisible() and self._find_matches and not self._hit_steps:
            self.find_next()
            return
        if self._hit_steps:
            self.goto_hit_step((self._hit_current + 1) % len(self._hit_steps))

    def previous_hit(self) -> None:
        if self._window.find_bar.isVisible() and self._find_matches and not self._hit_steps:
            self.find_previous()
            return
        if self._hit_steps:
            self.goto_hit_step((self._hit_current - 1) % len(self._hit_steps))

    def current_hit(self) -> Any:
        if 0 <= self._hit_current < len(self._hit_steps):
            return self._window.results.visible_hits()[self._hit_steps[self._hit_current][0]]
        return None

    def goto_hit_step(self, step: int) -> None:
        window = self._window
        hits = window.results.visible_hits()
        self._hit_current = step
        hit_index, match_index = self._hit_steps[step]
        hit = hits[hit_index]
        marks: dict[str, list[tuple[int, int]]] = {}
        for other in hits:
            if other.doc_id == hit.doc_id:
                marks.setdefault(other.paragraph_id, []).extend(other.matches)
        start, end = hit.matches[match_index] if hit.matches else (None, None)
        window.open_document(hit.doc_id, hit.paragraph_id, start, end, highlights=marks)
        window.results.select_hit(hit_index)
        window.statusBar().showMessage(
            self.tr("Hit %1 of %2").replace("%1", str(step + 1)).replace("%2", str(len(self._hit_steps))),
            4000,
        )

    # ------------------------------------------------------------ find in document

    def open_find_bar(self) -> None:
        self._window.find_bar.open_bar()

    def refind(self) -> None:
        """Another document is shown: drop the old matches and find the bar's text again in it."""
        self._find_matches, self._find_current = [], -1
        find_bar = self._window.find_bar
        if find_bar.isVisible() and find_bar.edit.text():
            self._on_find_bar_find_requested(find_bar.edit.text())

    def _on_find_bar_find_requested(self, text: str) -> None:
        view, find_bar = self._window.view, self._window.find_bar
        doc = view.document()
        self._find_matches, self._find_current = [], -1
        if doc is None or not text.strip():
            view.set_highlights({}, None)
            find_bar.set_count(-1, 0)
            return
        marks: dict[int, list[tuple[int, int]]] = {}
        for row, para in enumerate(doc.paragraphs):
            for s, e in find_matches(text, para.text):
                self._find_matches.append((row, s, e))
                marks.setdefault(row, []).append((s, e))
        view.set_highlights(marks, None)
        if self._find_matches:
            self._goto_find(0)
        else:
            find_bar.set_count(-1, 0)

    def find_next(self) -> None:
        if self._find_matches:
            self._goto_find((self._find_current + 1) % len(self._find_matches))

    def find_previous(self) -> None:
        if self._find_matches:
            self._goto_find((self._find_current - 1) % len(self._find_matches))

    def find_matches(self) -> list[tuple[int, int, int]]:
        return list(self._find_matches)

    def _goto_find(self, i: int) -> None:
        self._find_current = i
        row, s, e = self._find_matches[i]
        self._window.view.set_current_highlight((row, s, e))
        self._window.view.scroll_to_paragraph(row, s)
        self._window.find_bar.set_count(i, len(self._find_matches))

    def _on_find_bar_closed(self) -> None:
        self._find_matches, self._find_current = [], -1
        self._window.view.set_highlights({}, None)
        self._window.view.setFocus()
