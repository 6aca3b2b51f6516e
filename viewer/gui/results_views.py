"""The results dock's other views of a search: keyword in context (KWIC) and the chart of hits.

The hits list is the SearchController's; this keeps the two other tabs in step with it. The chart
shows the facets of the whole result (by year or by kind) as soon as the first page comes, and a
click on a bar narrows the search to it. The KWIC lines need every match, so they are read only
when the KWIC tab is shown, in a job on their own slot (a newer search supersedes it).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QTabWidget

from viewer.core.search.index import IndexClosed
from viewer.errors import Cancelled
from viewer.gui.archive_session import ArchiveSession
from viewer.gui.i18n import core_text
from viewer.gui.jobs import JobRunner, JobSlot
from viewer.gui.search_controller import SearchController
from viewer.gui.widgets.hits_chart import HitsChart
from viewer.gui.widgets.kwic_view import KwicView
from viewer.gui.widgets.search_panel import ResultsPanel, filtered_query


class ResultsViews(QObject):
    """Fills the KWIC and chart tabs of the results dock for the search shown in the hits tab."""

    def __init__(
        self,
        runner: JobRunner,
        session: ArchiveSession,
        search: SearchController,
        results: ResultsPanel,
        tabs: QTabWidget,
        kwic_view: KwicView,
        chart: HitsChart,
        open_match: Callable[..., bool],
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._session = session
        self._search = search
        self._results = results
        self._tabs = tabs
        self._kwic_view = kwic_view
        self._chart = chart
        self._open_match = open_match
        self._slot = JobSlot(runner, "kwic", self)
        self._kwic_query: str | None = None  # the query (with filters) whose lines are shown
        search.search_finished.connect(self._on_search_finished)
        session.index_changed.connect(self._on_session_index_changed)
        session.root_changed.connect(self._on_session_root_changed)
        tabs.currentChanged.connect(self._on_tab_changed)
        chart.filter_requested.connect(self._on_chart_filter_requested)
        kwic_view.line_activated.connect(self._on_kwic_line_activated)

    def _current_query(self) -> str:
        query = self._search.query()
        return filtered_query(query, *self._results.filters()) if query else ""

    def _on_search_finished(self, results: Any) -> None:
        self._slot.cancel()
        self._kwic_query = None
        if results is None:
            self._chart.clear()
            self._kwic_view.clear()
            return
        if not any(self._results.filters()):  # the chart shows the whole result; a bar narrows it
            self._chart.set_facets(results.facets, results.total_documents)
        if self._tabs.currentWidget() is self._kwic_view:
            self._load_kwic()
        else:
            self._kwic_view.clear()

    def _on_session_index_changed(self, _index: Any) -> None:
        """The lines being read use the index just replaced: read them again (if they are shown)."""
        running = self._slot.busy()
        self._slot.cancel()
        self._kwic_query = None
        if running or self._tabs.currentWidget() is self._kwic_view:
            self._on_tab_changed(0)

    def _on_session_root_changed(self, _root: Any) -> None:
        self._slot.cancel()
        self._kwic_query = None
        self._chart.clear()
        self._kwic_view.clear()

    def _on_tab_changed(self, _index: int) -> None:
        if self._tabs.currentWidget() is self._kwic_view and self._kwic_query != self._current_query():
            self._load_kwic()

    def _load_kwic(self) -> None:
        index = self._session.index
        query = self._current_query()
        if index is None or not query:
            self._kwic_view.clear()
            return
        from viewer.core.search.kwic import kwic

        sort = self._results.sort()
        self._kwic_query = query
        self._kwic_view.set_message(self.tr("Reading the matches…"))

        def work(progress: Callable[[int, int, str], None], cancelled: Callable[[], bool]) -> Any:
            return kwic(index, query, sort=sort, progress=progress, cancelled=cancelled)

        self._slot.start(
            work,
            succeeded=self._kwic_view.set_result,
            failed=self._on_kwic_failed,
            progressed=lambda done, total, _message: self._kwic_view.set_progress(done, total),
        )

    def _on_kwic_failed(self, error: Exception) -> None:
        self._kwic_query = None
        if not isinstance(error, Cancelled | IndexClosed):  # a replaced index: read again on the new one
            self._kwic_view.set_message(core_text(error))

    def _on_chart_filter_requested(self, field: str, value: str) -> None:
        self._tabs.setCurrentWidget(self._results)
        self._search.apply_filter(field, value)

    def _on_kwic_line_activated(self, doc_id: str, paragraph_id: str, start: int, end: int) -> None:
        self._open_match(doc_id, paragraph_id, start, end, highlights={paragraph_id: [(start, end)]})

    def shutdown(self) -> None:
        self._slot.cancel()
