"""The search bar (query with history) and the results dock (facets, grouped hits, why-empty message)."""

from __future__ import annotations

import logging
from typing import Any

from PySide6.QtCore import QLocale, QModelIndex, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QSizePolicy,
    QToolButton,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from viewer.core.natural_sort import natural_key
from viewer.core.search.results import UNDATED
from viewer.gui.i18n import core_text, kind_label
from viewer.gui.models.results import HIT_INDEX_ROLE, ResultsModel, SnippetDelegate

logger = logging.getLogger(__name__)

MAX_HISTORY = 30


class SearchBar(QWidget):
    """A query field with a history drop-down; Enter (or choosing a history entry) asks for one search."""

    search_requested = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.query_box = QComboBox(self)
        self.query_box.setEditable(True)
        self.query_box.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        # No inline completion: typing 山 must search 山, not a remembered 山水 the box filled in.
        self.query_box.setCompleter(None)  # type: ignore[arg-type]  # None: no completer (Qt's API)
        self.query_box.setMinimumContentsLength(24)
        self.query_box.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self._line_edit().setPlaceholderText(
            self.tr('Search the archive (either script; "phrase", AND/OR/NOT, kind:, year:)')
        )
        self._line_edit().setClearButtonEnabled(True)
        self._line_edit().returnPressed.connect(self._on_query_returned)
        # A history entry chosen from the drop-down. The editable box also emits this on Enter when
        # the text is in the history: that Enter has already asked for its search (see _emitted).
        self.query_box.activated.connect(self._on_history_activated)
        self._emitted: str | None = None  # the query this event already asked for
        layout.addWidget(self.query_box)
        self.button = QToolButton(self)
        self.button.setText(self.tr("Search"))
        self.button.clicked.connect(self._on_query_returned)
        layout.addWidget(self.button)

    def _line_edit(self) -> QLineEdit:
        edit = self.query_box.lineEdit()
        assert edit is not None  # the box is editable
        return edit

    def query(self) -> str:
        return self.query_box.currentText().strip()

    def set_query(self, query: str) -> None:
        self.query_box.setEditText(query)

    def set_history(self, history: list[str]) -> None:
        self.query_box.clear()
        self.query_box.addItems(history[:MAX_HISTORY])
        self.query_box.setCurrentIndex(-1)
        self.query_box.setEditText("")

    def history(self) -> list[str]:
        return [self.query_box.itemText(i) for i in range(self.query_box.count())]

    def remember(self, query: str) -> None:
        """Put `query` first in the history (once), leaving the typed text as it is."""
        text = self.query_box.currentText()
        existing = self.query_box.findText(query, Qt.MatchFlag.MatchExactly)
        if existing >= 0:
            self.query_box.removeItem(existing)
        self.query_box.insertItem(0, query)
        while self.query_box.count() > MAX_HISTORY:
            self.query_box.removeItem(self.query_box.count() - 1)
        self.query_box.setCurrentIndex(-1)
        self.query_box.setEditText(text)

    def focus_query(self) -> None:
        self.query_box.setFocus()
        self._line_edit().selectAll()

    def _on_query_returned(self) -> None:
        query = self.query()
        if not query or query == self._emitted:
            return
        self._emitted = query
        QTimer.singleShot(0, self._forget_emitted)  # the same key press may still report below
        self.search_requested.emit(query)

    def _forget_emitted(self) -> None:
        self._emitted = None

    def _on_history_activated(self, index: int) -> None:
        if index >= 0:
            self.query_box.setEditText(self.query_box.itemText(index))
        self._on_query_returned()


UNDATED_FILTER = "-year:1..9999"  # the query's way of saying "documents without a year"


def filtered_query(query: str, kind: str, year: str, folder: str = "") -> str:
    """The query with the panel's kind, year and folder filters added (the core counts and pages the
    result); "" is no filter."""
    parts = [f"({query})"] if kind or year or folder else [query]
    if kind:
        parts.append(f"kind:{kind}")
    if year == UNDATED:
        parts.append(UNDATED_FILTER)
    elif year:
        parts.append(f"year:{year}")
    if folder:
        parts.append(f'folder:"{folder}"')
    return " ".join(parts)


class ResultsPanel(QWidget):
    """Results grouped by document, every hit reachable by scrolling (pages load as needed), with the
    exact totals and the kind and year facets of the whole result; choosing a facet searches again."""

    hit_activated = Signal(int)  # index into visible_hits()
    sort_changed = Signal(str)
    filter_changed = Signal()  # the kind, year or folder filter changed: search again with filters()
    more_wanted = Signal()  # the view scrolled to the end of the loaded hits

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._results: Any = None
        self._facets_query = ""  # the query whose facets the boxes show (unfiltered)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        facets = QHBoxLayout()
        self.kind_box = QComboBox(self)
        self.year_box = QComboBox(self)
        self.folder_box = QComboBox(self)
        self.sort_box = QComboBox(self)
        self.sort_box.addItem(self.tr("Relevance"), "relevance")
        self.sort_box.addItem(self.tr("Year"), "year")
        for box in (self.kind_box, self.year_box, self.folder_box):
            box.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
            box.setMinimumContentsLength(6)
            box.currentIndexChanged.connect(self._on_facet_changed)
        self.sort_box.currentIndexChanged.connect(self._on_sort_changed)
        facets.addWidget(QLabel(self.tr("Kind:"), self))
        facets.addWidget(self.kind_box, 1)
        facets.addWidget(QLabel(self.tr("Year:"), self))
        facets.addWidget(self.year_box, 1)
        layout.addLayout(facets)
        second = QHBoxLayout()
        second.addWidget(QLabel(self.tr("Folder:"), self))
        second.addWidget(self.folder_box, 2)
        second.addWidget(QLabel(self.tr("Sort:"), self))
        second.addWidget(self.sort_box, 1)
        layout.addLayout(second)
        self.message = QLabel(self)
        self.message.setWordWrap(True)
        self.message.setTextFormat(Qt.TextFormat.PlainText)
        layout.addWidget(self.message)
        self.model = ResultsModel(self)
        self.model.more_wanted.connect(self.more_wanted)
        self.view = QTreeView(self)
        self.view.setObjectName("results-view")
        self.view.setHeaderHidden(True)
        self.view.setModel(self.model)
        self.view.setItemDelegate(SnippetDelegate(self.view))
        self.view.setWordWrap(True)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.view.activated.connect(self._on_view_activated)
        self.view.verticalScrollBar().valueChanged.connect(self._on_view_scrolled)
        layout.addWidget(self.view, 1)
        self._reset_facets({}, {}, {})
        self.message.setText(self.tr("Type a query above and press Enter."))

    # ------------------------------------------------------------ state

    def set_sort(self, sort: str) -> None:
        i = self.sort_box.findData(sort)
        if i >= 0:
            self.sort_box.blockSignals(True)
            self.sort_box.setCurrentIndex(i)
            self.sort_box.blockSignals(False)

    def sort(self) -> str:
        return str(self.sort_box.currentData() or "relevance")

    def filters(self) -> tuple[str, str, str]:
        """The chosen (kind, year, folder) filters; "" for all."""
        return (
            str(self.kind_box.currentData() or ""),
            str(self.year_box.currentData() or ""),
            str(self.folder_box.currentData() or ""),
        )

    def set_filter(self, field: str, value: str) -> None:
        """Choose a facet value (from the chart): emits filter_changed when it changes."""
        box = {"kind": self.kind_box, "year": self.year_box, "folder": self.folder_box}.get(field)
        if box is None or (not value and field == "folder"):
            return  # the archive's top folder cannot be named in a query
        i = box.findData(value)
        if i >= 0 and i != box.currentIndex():
            box.setCurrentIndex(i)

    def set_message(self, text: str) -> None:
        self.message.setText(text)

    def begin(self, query: str, *, new_query: bool) -> None:
        """A search started: the old hits go (never left under a new message)."""
        if new_query and query != self._facets_query:
            self._facets_query = ""
            self._reset_facets({}, {}, {})
        self._results = None
        self.model.reset()
        self.message.setText(self.tr("Searching…"))

    def clear(self, message: str) -> None:
        self._results = None
        self.model.reset()
        self.message.setText(message)

    def set_results(self, results: Any, *, base_query: str) -> None:
        """The first page of a search; facets are taken from the unfiltered search of `base_query`."""
        self._results = results
        if not any(self.filters()) or base_query != self._facets_query:
            self._facets_query = base_query
            facets = results.facets
            self._reset_facets(facets.get("kind", {}), facets.get("year", {}), facets.get("folder", {}))
        self.model.set_hits(results.hits, results.total_hits)
        self._expand(range(self.model.rowCount()))
        self._update_message()
        QTimer.singleShot(0, self._fill_if_short)

    def append_page(self, results: Any) -> None:
        """A further page of the current search."""
        rows = self.model.append_hits(results.hits)
        self._expand(rows)
        if self._results is not None and results.incomplete and not self._results.incomplete:
            self._results.incomplete = results.incomplete  # a shard lost while scrolling is said too
        self._update_message()
        QTimer.singleShot(0, self._fill_if_short)

    def _on_view_scrolled(self, value: int) -> None:
        """Near the end of the loaded hits: load the next page."""
        bar = self.view.verticalScrollBar()
        if bar.maximum() > 0 and value >= bar.maximum() - bar.pageStep() // 2:
            self.model.request_more()

    def _fill_if_short(self) -> None:
        """The hits loaded do not fill the list (no scroll bar to reach the end): load more."""
        if self.view.isVisible() and self.view.verticalScrollBar().maximum() == 0:
            self.model.request_more()

    def page_failed(self) -> None:
        self.model.page_failed()

    def results(self) -> Any:
        return self._results

    def visible_hits(self) -> list[Any]:
        """The hits loaded so far, in result order."""
        return self.model.hits()

    def select_hit(self, hit_index: int) -> None:
        index = self.model.index_of_hit(hit_index)
        if index.isValid():
            self.view.setCurrentIndex(index)
            self.view.scrollTo(index)

    # ------------------------------------------------------------ internals

    def _expand(self, rows: Any) -> None:
        for row in rows:
            self.view.expand(self.model.index(row, 0))

    def _reset_facets(self, kinds: dict[str, int], years: dict[str, int], folders: dict[str, int]) -> None:
        chosen = self.filters()
        boxes = (self.kind_box, self.year_box, self.folder_box)
        for box in boxes:
            box.blockSignals(True)
            box.clear()
        self.kind_box.addItem(self.tr("All kinds"), "")
        for kind, count in sorted(kinds.items(), key=lambda kv: -kv[1]):
            self.kind_box.addItem(f"{kind_label(kind)} ({count:,})", kind)
        self.year_box.addItem(self.tr("All years"), "")
        for year, count in sorted(years.items(), key=lambda kv: (kv[0] != UNDATED, kv[0]), reverse=True):
            label = self.tr("Undated") if year == UNDATED else str(year)
            self.year_box.addItem(f"{label} ({count:,})", str(year))
        self.folder_box.addItem(self.tr("All folders"), "")
        for folder, count in sorted(folders.items(), key=lambda fc: natural_key(fc[0])):
            if folder:  # (files at the archive's top are not a folder a query can name)
                self.folder_box.addItem(f"{folder} ({count:,})", folder)
        for box, value in zip(boxes, chosen, strict=True):
            i = box.findData(value)
            box.setCurrentIndex(max(0, i))
            box.blockSignals(False)

    def _update_message(self) -> None:
        results = self._results
        if results is None:
            return
        if not results.total_hits:
            if any(self.filters()):
                self.message.setText(self.tr("The filters leave no hits."))
                return
            why = core_text(results.explanation) if results.explanation else ""
            if results.incomplete:  # not "nothing matches": the shards that did not answer may hold hits
                why = core_text(results.incomplete)
            why = why or self.tr("Nothing in the archive matches this query.")
            self.message.setText(
                self.tr("No results for “%1”. %2").replace("%1", results.query).replace("%2", why)
            )
            return
        locale = QLocale()
        text = (
            self.tr("%1 in %2", "hits in documents")
            .replace("%1", self.tr("%n hit(s)", "", results.total_hits))
            .replace("%2", self.tr("%n document(s)", "", results.total_documents))
        )
        # %n is not grouped by Qt: the exact figures with the locale's separators.
        text = text.replace(str(results.total_hits), locale.toString(results.total_hits), 1)
        text = text.replace(str(results.total_documents), locale.toString(results.total_documents), 1)
        loaded = len(self.model.hits())
        if loaded < results.total_hits:
            text += " " + self.tr("(%1 loaded; scroll for more)").replace("%1", locale.toString(loaded))
        if results.incomplete:  # a shard of the search cluster did not answer: never a silent partial total
            text += " — " + core_text(results.incomplete)
        self.message.setText(text)

    def _on_facet_changed(self, _index: int) -> None:
        self.filter_changed.emit()

    def _on_sort_changed(self, _index: int) -> None:
        self.sort_changed.emit(self.sort())

    def _on_view_activated(self, index: QModelIndex) -> None:
        hit_index = index.data(HIT_INDEX_ROLE)
        if hit_index is not None:
            self.hit_activated.emit(int(hit_index))
