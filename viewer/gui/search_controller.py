"""Searching for the main window: the archive search (results dock, F3 through every hit) and Ctrl+F.

One Enter is one search, run on the "search" job slot (jobs.py): a newer search supersedes the one
running, whose late reports are dropped. The first page of hits comes with the exact totals and the
facets of the whole result; further pages load when the results are scrolled to the end, or when F3
steps past the last hit loaded. A search typed while the index is being built, or rebuilt after
damage, runs when the index becomes ready. A failing search never calls the index damaged: the
integrity check runs instead (the "check" slot), and only its verdict starts a rebuild.
"""

from __future__ import annotations

import functools
import logging
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, Protocol

from PySide6.QtCore import QObject, Signal

from viewer.core.catalogue import CatalogueCorrupt
from viewer.core.folding import find_matches
from viewer.errors import Cancelled, QuerySyntaxError
from viewer.gui.archive_session import ArchiveSession
from viewer.gui.i18n import core_text
from viewer.gui.jobs import JobRunner, JobSlot
from viewer.gui.widgets.find_bar import FindBar
from viewer.gui.widgets.parallel_view import ParallelView
from viewer.gui.widgets.search_panel import ResultsPanel, SearchBar, filtered_query
from viewer.settings import Settings

if TYPE_CHECKING:
    from viewer.core.search import SearchIndex

logger = logging.getLogger(__name__)

PAGE_SIZE = 200  # hits per page fetched from the core


class IndexKeeper(Protocol):
    """What the search needs of the archive jobs: whether an index is coming, and the rebuilds."""

    def is_working(self) -> bool: ...

    def index_damaged(self, message: str) -> None: ...

    def load_archive(self, root: Any) -> None: ...


OpenHit = Callable[..., bool]  # MainWindow.open_document(doc_id, paragraph_id, start, end, highlights=)


class SearchController(QObject):
    """Archive search with hit-by-hit navigation, and find-in-document, on the widgets it is given."""

    search_finished = Signal(object)  # SearchResults (the first page), or None when the search failed
    page_loaded = Signal(object)  # SearchResults of a further page

    def __init__(
        self,
        runner: JobRunner,
        session: ArchiveSession,
        keeper: IndexKeeper,
        settings: Settings,
        search_bar: SearchBar,
        results: ResultsPanel,
        find_bar: FindBar,
        view: ParallelView,
        open_hit: OpenHit,
        show_results: Callable[[], None],
        show_message: Callable[[str, int], None],
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._session = session
        self._keeper = keeper
        self._settings = settings
        self._search_bar = search_bar
        self._results = results
        self._find_bar = find_bar
        self._view = view
        self._open_hit = open_hit
        self._show_results = show_results
        self._show_message = show_message
        self._slot = JobSlot(runner, "search", self)
        self._check_slot = JobSlot(runner, "check", self)
        self._query = ""  # the query of the results shown (or being searched)
        self._pending_query: str | None = None  # runs when the index becomes ready
        self._step_after_page = 0  # F3 (+1) or Shift+F3 (-1) waiting for the next page
        self._hit_steps: list[tuple[int, int]] = []  # (hit index, match index)
        self._hit_current = -1
        self._find_matches: list[tuple[int, int, int]] = []  # (row, start, end)
        self._find_current = -1
        search_bar.search_requested.connect(self.run_search)
        results.hit_activated.connect(self._on_results_hit_activated)
        results.sort_changed.connect(self._on_results_sort_changed)
        results.filter_changed.connect(self._on_results_filter_changed)
        results.more_wanted.connect(self._on_results_more_wanted)
        find_bar.find_requested.connect(self._on_find_bar_find_requested)
        find_bar.next_requested.connect(self.find_next)
        find_bar.previous_requested.connect(self.find_previous)
        find_bar.closed.connect(self._on_find_bar_closed)
        session.index_changed.connect(self._on_session_index_changed)
        session.root_changed.connect(self._on_session_root_changed)

    # ------------------------------------------------------------ archive search

    def focus_search(self) -> None:
        self._show_results()
        self._search_bar.focus_query()

    def query(self) -> str:
        return self._query

    def run_search(self, query: str) -> None:
        """One search of `query` (superseding any running); waits for the index if it is being built."""
        query = query.strip()
        if not query:
            return
        new_query = query != self._query
        self._query = query
        self._search_bar.remember(query)
        self._show_results()
        self._results.begin(query, new_query=new_query)
        self._hit_steps, self._hit_current, self._step_after_page = [], -1, 0
        index = self._session.index
        if index is None:
            self._slot.cancel()
            if self._keeper.is_working():
                self._pending_query = query
                self._results.set_message(
                    self.tr("The index is being built; the search runs when it is ready.")
                )
            else:
                self._results.set_message(self.tr("Search is not available: the index could not be built."))
            return
        self._pending_query = None
        self._start_page(index, 0)

    def _start_page(self, index: SearchIndex, offset: int) -> None:
        text = filtered_query(self._query, *self._results.filters())
        sort = self._results.sort()

        def work(progress: Callable[[int, int, str], None], cancelled: Callable[[], bool]) -> Any:
            return index.search(text, offset=offset, limit=PAGE_SIZE, sort=sort)

        self._slot.start(
            work,
            succeeded=functools.partial(self._on_page, offset),
            failed=functools.partial(self._on_search_failed, offset),
            label="search" if offset == 0 else "page",
        )

    def _on_page(self, offset: int, results: Any) -> None:
        if offset == 0:
            self._results.set_results(results, base_query=self._query)
        else:
            self._results.append_page(results)
        self._rebuild_hit_steps()
        if offset == 0:
            self.search_finished.emit(results)
        else:
            self.page_loaded.emit(results)
        step, self._step_after_page = self._step_after_page, 0
        if step and self._hit_steps:
            self.goto_hit_step((self._hit_current + step) % len(self._hit_steps))

    def _on_search_failed(self, offset: int, error: Exception) -> None:
        self._step_after_page = 0
        if offset:
            self._results.page_failed()
        if isinstance(error, Cancelled):
            return
        if isinstance(error, QuerySyntaxError):
            self._results.clear(core_text(error))
        elif isinstance(error, CatalogueCorrupt):
            # The damage is recorded; reading the archive again sets the catalogue aside and reads anew.
            self._results.clear(core_text(error))
            self._pending_query = self._query
            self._keeper.load_archive(self._session.root)
        else:
            # Only the integrity check may call the index damaged: run it, and rebuild if it says so.
            logger.warning("Search failed: %s", error)
            self._results.clear(self.tr("Search failed: %1").replace("%1", core_text(error)))
            self._check_index()
        self.search_finished.emit(None)

    def _check_index(self) -> None:
        index = self._session.index
        if index is None:
            return

        def work(progress: Callable[[int, int, str], None], cancelled: Callable[[], bool]) -> Any:
            return index.check()

        def checked(health: Any) -> None:
            if not health.ready and index is self._session.index:
                self._results.clear(self.tr("The search index is damaged; it will be rebuilt."))
                self._pending_query = self._query  # searched again on the rebuilt index
                self._keeper.index_damaged(health.problem)

        self._check_slot.start(work, succeeded=checked, failed=lambda _error: None)

    def _on_session_index_changed(self, index: Any) -> None:
        if index is None:
            self._slot.cancel()
            self._check_slot.cancel()
            return
        if self._pending_query is not None:
            query, self._pending_query = self._pending_query, None
            self.run_search(query)
        elif self._slot.busy() and self._query:
            self.run_search(self._query)  # the running search used the index just replaced

    def index_unavailable(self, reason: str) -> None:
        """No index is coming (indexing failed or was cancelled): a waiting search will not run."""
        if self._pending_query is not None:
            self._pending_query = None
            self._results.clear(reason)

    def _on_session_root_changed(self, _root: Any) -> None:
        """Another archive: nothing of this one's search carries over (not a waiting query either)."""
        self._slot.cancel()
        self._check_slot.cancel()
        self._pending_query = None
        self._query = ""
        self._hit_steps, self._hit_current, self._step_after_page = [], -1, 0
        self._results.clear(self.tr("Type a query above and press Enter."))

    def _on_results_sort_changed(self, sort: str) -> None:
        self._settings.sort = sort
        if self._query and self._session.index is not None:
            self.run_search(self._query)

    def _on_results_filter_changed(self) -> None:
        if self._query and self._session.index is not None:
            self.run_search(self._query)

    def _on_results_more_wanted(self) -> None:
        index = self._session.index
        if index is None or self._slot.busy() or not self._results.model.has_more():
            self._results.page_failed()
            return
        self._start_page(index, len(self._results.visible_hits()))

    def apply_filter(self, field: str, value: str) -> None:
        """A facet chosen elsewhere (the chart): narrow the results to it."""
        self._results.set_filter(field, value)

    # ------------------------------------------------------------ F3 through the hits

    def _rebuild_hit_steps(self) -> None:
        self._hit_steps = []
        for i, hit in enumerate(self._results.visible_hits()):
            for m in range(max(1, len(hit.matches))):
                self._hit_steps.append((i, m))

    def _on_results_hit_activated(self, hit_index: int) -> None:
        for step, (i, _m) in enumerate(self._hit_steps):
            if i == hit_index:
                self.goto_hit_step(step)
                return

    def next_hit(self) -> None:
        """F3: the next match across the whole result (loading the next page at the end; wraps)."""
        self._step(+1)

    def previous_hit(self) -> None:
        self._step(-1)

    def _step(self, direction: int) -> None:
        if self._find_bar.isVisible() and self._find_matches and not self._hit_steps:
            self.find_next() if direction > 0 else self.find_previous()
            return
        if not self._hit_steps:
            return
        at_end = self._hit_current + direction >= len(self._hit_steps)
        if direction > 0 and at_end and self._results.model.has_more():
            self._step_after_page = direction
            self._results.model.request_more()
            return
        self.goto_hit_step((self._hit_current + direction) % len(self._hit_steps))

    def current_hit(self) -> Any:
        if 0 <= self._hit_current < len(self._hit_steps):
            return self._results.visible_hits()[self._hit_steps[self._hit_current][0]]
        return None

    def goto_hit_step(self, step: int) -> None:
        hits = self._results.visible_hits()
        self._hit_current = step
        hit_index, match_index = self._hit_steps[step]
        hit = hits[hit_index]
        marks: dict[str, list[tuple[int, int]]] = {}
        for other in hits:
            if other.doc_id == hit.doc_id:
                marks.setdefault(other.paragraph_id, []).extend(other.matches)
        start, end = hit.matches[match_index] if hit.matches else (None, None)
        self._open_hit(hit.doc_id, hit.paragraph_id, start, end, highlights=marks)
        self._results.select_hit(hit_index)
        total = self._results.model.total_hits()
        self._show_message(
            self.tr("Hit %1 of %2").replace("%1", str(hit_index + 1)).replace("%2", f"{total:,}"), 4000
        )

    # ------------------------------------------------------------ find in document

    def open_find_bar(self) -> None:
        self._find_bar.open_bar()

    def refind(self) -> None:
        """Another document is shown: drop the old matches and find the bar's text again in it."""
        self._find_matches, self._find_current = [], -1
        if self._find_bar.isVisible() and self._find_bar.edit.text():
            self._on_find_bar_find_requested(self._find_bar.edit.text())

    def _on_find_bar_find_requested(self, text: str) -> None:
        view, find_bar = self._view, self._find_bar
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
        self._view.set_current_highlight((row, s, e))
        self._view.scroll_to_paragraph(row, s)
        self._find_bar.set_count(i, len(self._find_matches))

    def _on_find_bar_closed(self) -> None:
        self._find_matches, self._find_current = [], -1
        self._view.set_highlights({}, None)
        self._view.setFocus()

    def shutdown(self) -> None:
        self._slot.cancel()
        self._check_slot.cancel()
