"""The search bar (query with history) and the results dock (facets, grouped hits, why-empty message)."""

from __future__ import annotations

import logging
from typing import Any

from PySide6.QtCore import QModelIndex, Qt, Signal
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

from viewer.gui.i18n import kind_label
from viewer.gui.models.results import HIT_INDEX_ROLE, ResultsModel, SnippetDelegate

logger = logging.getLogger(__name__)

MAX_HISTORY = 30


class SearchBar(QWidget):
    """A query field with a history drop-down; Enter asks for a search."""

    search_requested = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.query_box = QComboBox(self)
        self.query_box.setEditable(True)
        self.query_box.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.query_box.setMinimumContentsLength(24)
        self.query_box.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self._line_edit().setPlaceholderText(
            self.tr('Search the archive (either script; "phrase", AND/OR/NOT, kind:, year:)')
        )
        self._line_edit().setClearButtonEnabled(True)
        self._line_edit().returnPressed.connect(self._on_query_returned)
        self.query_box.activated.connect(self._on_history_activated)
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
        self.query_box.setEditText("")

    def history(self) -> list[str]:
        return [self.query_box.itemText(i) for i in range(self.query_box.count())]

    def remember(self, query: str) -> None:
        """Put `query` first in the history (once)."""
        text = self.query_box.currentText()
        existing = self.query_box.findText(query, Qt.MatchFlag.MatchExactly)
        if existing >= 0:
            self.query_box.removeItem(existing)
        self.query_box.insertItem(0, query)
        while self.query_box.count() > MAX_HISTORY:
            self.query_box.removeItem(self.query_box.count() - 1)
        self.query_box.setEditText(text)

    def focus_query(self) -> None:
        self.query_box.setFocus()
        self._line_edit().selectAll()

    def _on_query_returned(self) -> None:
        if self.query():
            self.search_requested.emit(self.query())

    def _on_history_activated(self, _index: int) -> None:
        self._on_query_returned()


class ResultsPanel(QWidget):
    """Results grouped by document with counts and snippets; facets narrow them; activating opens a hit."""

    hit_activated = Signal(int)  # index into visible_hits()
    sort_changed = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._results: Any = None
        self._visible: list[Any] = []
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        facets = QHBoxLayout()
        self.kind_box = QComboBox(self)
        self.year_box = QComboBox(self)
        self.sort_box = QComboBox(self)
        self.sort_box.addItem(self.tr("Relevance"), "relevance")
        self.sort_box.addItem(self.tr("Year"), "year")
        for box in (self.kind_box, self.year_box):
            box.currentIndexChanged.connect(self._on_facet_changed)
        self.sort_box.currentIndexChanged.connect(self._on_sort_changed)
        facets.addWidget(QLabel(self.tr("Kind:"), self))
        facets.addWidget(self.kind_box, 1)
        facets.addWidget(QLabel(self.tr("Year:"), self))
        facets.addWidget(self.year_box, 1)
        facets.addWidget(QLabel(self.tr("Sort:"), self))
        facets.addWidget(self.sort_box, 1)
        layout.addLayout(facets)
        self.message = QLabel(self)
        self.message.setWordWrap(True)
        self.message.setTextFormat(Qt.TextFormat.PlainText)
        layout.addWidget(self.message)
        self.model = ResultsModel(self)
        self.view = QTreeView(self)
        self.view.setObjectName("results-view")
        self.view.setHeaderHidden(True)
        self.view.setModel(self.model)
        self.view.setItemDelegate(SnippetDelegate(self.view))
        self.view.setUniformRowHeights(True)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.activated.connect(self._on_view_activated)
        layout.addWidget(self.view, 1)
        self._reset_facets({}, {})
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

    def set_message(self, text: str) -> None:
        self.message.setText(text)

    def set_results(self, results: Any) -> None:
        self._results = results
        self._reset_facets(results.facets.get("kind", {}), results.facets.get("year", {}))
        self._apply()

    def visible_hits(self) -> list[Any]:
        return self._visible

    def select_hit(self, hit_index: int) -> None:
        index = self.model.index_of_hit(hit_index)
        if index.isValid():
            self.view.setCurrentIndex(index)
            self.view.scrollTo(index)

    # ------------------------------------------------------------ internals

    def _reset_facets(self, kinds: dict[str, int], years: dict[str, int]) -> None:
        for box in (self.kind_box, self.year_box):
            box.blockSignals(True)
            box.clear()
        self.kind_box.addItem(self.tr("All kinds"), "")
        for kind, count in sorted(kinds.items(), key=lambda kv: -kv[1]):
            self.kind_box.addItem(f"{kind_label(kind)} ({count})", kind)
        self.year_box.addItem(self.tr("All years"), "")
        for year, count in sorted(years.items(), reverse=True):
            self.year_box.addItem(f"{year} ({count})", str(year))
        for box in (self.kind_box, self.year_box):
            box.blockSignals(False)

    def _apply(self) -> None:
        results = self._results
        if results is None:
            return
        kind = self.kind_box.currentData() or ""
        year = self.year_box.currentData() or ""
        self._visible = [
            h
            for h in results.hits
            if (not kind or h.kind == kind) and (not year or str(h.year or "") == year)
        ]
        self.model.set_hits(self._visible)
        self.view.expandAll()
        if not results.hits:
            why = results.explanation or self.tr("Nothing in the archive matches this query.")
            self.message.setText(
                self.tr("No results for “%1”. %2").replace("%1", results.query).replace("%2", why)
            )
        elif not self._visible:
            self.message.setText(self.tr("The kind/year filter hides all %n hit(s).", "", len(results.hits)))
        else:
            # The engine's exact totals (matching paragraphs and documents of the whole result); with
            # a kind/year filter, what the filter keeps of the hits listed.
            filtered = bool(kind or year)
            hits = len(self._visible) if filtered else results.total_hits
            docs = len({h.doc_id for h in self._visible}) if filtered else results.total_documents
            text = (
                self.tr("%1 in %2", "hits in documents")
                .replace("%1", self.tr("%n hit(s)", "", hits))
                .replace("%2", self.tr("%n document(s)", "", docs))
            )
            if len(results.hits) < results.total_hits:
                text += " " + self.tr("(the first %n listed)", "", len(results.hits))
            self.message.setText(text)

    def _on_facet_changed(self, _index: int) -> None:
        self._apply()

    def _on_sort_changed(self, _index: int) -> None:
        self.sort_changed.emit(self.sort())

    def _on_view_activated(self, index: QModelIndex) -> None:
        hit_index = index.data(HIT_INDEX_ROLE)
        if hit_index is not None:
            self.hit_activated.emit(int(hit_index))
