"""The KWIC view: every match of the search on its own row, the keywords in one column, sortable, exportable.

A table model over the core's KwicLine list (viewer/core/search/kwic.py), so 20,000 rows cost one
list and the view paints only the rows on screen. The left context is right-aligned and elided on
the left, the right context left-aligned and elided on the right: the keywords line up between them.
Sorting and the CSV go through the core (sort_lines, write_kwic_csv); the lines are collected by
`kwic()` in a job (see the module docstring of viewer/gui/jobs.py), never on the UI thread.
"""

from __future__ import annotations

import logging
import os
import re
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QLocale,
    QModelIndex,
    QPersistentModelIndex,
    QStandardPaths,
    Qt,
    Signal,
)
from PySide6.QtGui import QColor, QFont
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from viewer.core.search.kwic import KwicLine, KwicResult, sort_lines, write_kwic_csv
from viewer.errors import ViewerError
from viewer.gui import plain
from viewer.gui.i18n import core_text

logger = logging.getLogger(__name__)

LEFT, KEYWORD, RIGHT, DOCUMENT, PARAGRAPH = range(5)
# The sort key of a header click on each column (¶ sorts like the document column).
COLUMN_SORTS = {LEFT: "left", KEYWORD: "keyword", RIGHT: "right", DOCUMENT: "document", PARAGRAPH: "document"}
KEYWORD_BACKGROUND = QColor("#ffe27a")  # as the results' snippets mark their matches
KEYWORD_FOREGROUND = QColor("#000000")
LINE_ROLE = Qt.ItemDataRole.UserRole + 1  # the KwicLine of a row


class KwicModel(QAbstractTableModel):
    """Rows over a list of KwicLine, in the order given (the view sorts through the core)."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._lines: list[KwicLine] = []
        self._bold = QFont()
        self._bold.setBold(True)

    def set_lines(self, lines: list[KwicLine]) -> None:
        self.beginResetModel()
        self._lines = lines
        self.endResetModel()

    def lines(self) -> list[KwicLine]:
        return self._lines

    def line(self, row: int) -> KwicLine | None:
        return self._lines[row] if 0 <= row < len(self._lines) else None

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._lines)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else 5

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        titles = {
            LEFT: self.tr("Left context"),
            KEYWORD: self.tr("Keyword"),
            RIGHT: self.tr("Right context"),
            DOCUMENT: self.tr("Document"),
            PARAGRAPH: self.tr("¶"),
        }
        return titles.get(section)

    def data(
        self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        line = self.line(index.row()) if index.isValid() else None
        if line is None:
            return None
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            if column == LEFT:
                return line.left
            if column == KEYWORD:
                return line.keyword
            if column == RIGHT:
                return line.right
            if column == DOCUMENT:
                return line.title or line.source
            return f"¶{line.ordinal + 1}"
        if role == Qt.ItemDataRole.TextAlignmentRole:
            horizontal = {
                LEFT: Qt.AlignmentFlag.AlignRight,
                KEYWORD: Qt.AlignmentFlag.AlignHCenter,
                PARAGRAPH: Qt.AlignmentFlag.AlignRight,
            }.get(column, Qt.AlignmentFlag.AlignLeft)
            return int(horizontal | Qt.AlignmentFlag.AlignVCenter)
        if column == KEYWORD and role == Qt.ItemDataRole.BackgroundRole:
            return KEYWORD_BACKGROUND
        if column == KEYWORD and role == Qt.ItemDataRole.ForegroundRole:
            return KEYWORD_FOREGROUND
        if column == KEYWORD and role == Qt.ItemDataRole.FontRole:
            return self._bold
        if role == Qt.ItemDataRole.ToolTipRole:
            where = f"{line.title or line.source} · {line.source} · ¶{line.ordinal + 1}"
            return plain.tooltip(f"{line.left}【{line.keyword}】{line.right}\n{where}")
        if role == LINE_ROLE:
            return line
        return None


class _ElideLeftDelegate(QStyledItemDelegate):
    """Elides on the left, so the characters next to the keyword stay visible in a narrow column."""

    def initStyleOption(
        self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> None:
        super().initStyleOption(option, index)
        option.textElideMode = Qt.TextElideMode.ElideLeft


class KwicView(QWidget):
    """Keyword in context: a sortable table of the result's matches, a CSV export, rows that open the text.

    Signals: line_activated(doc_id, paragraph_id, start, end) when a row is activated (the reader
    opens the document there); sort_changed(key) when the user picks another order (to keep it in
    the settings); exported(path) after a CSV was written.
    """

    line_activated = Signal(str, str, int, int)
    sort_changed = Signal(str)
    exported = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._result: KwicResult | None = None
        self._sort = "order"
        self._descending = False
        self._export_dir = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        bar = QHBoxLayout()
        bar.addWidget(QLabel(self.tr("Sort:"), self))
        self.sort_box = QComboBox(self)
        for key, label in (
            ("order", self.tr("Result order")),
            ("left", self.tr("Left context")),
            ("right", self.tr("Right context")),
            ("keyword", self.tr("Keyword")),
            ("document", self.tr("Document")),
        ):
            self.sort_box.addItem(label, key)
        self.sort_box.currentIndexChanged.connect(self._on_sort_box_changed)
        bar.addWidget(self.sort_box)
        self.message = plain.label(self)  # query errors and paths
        self.message.setWordWrap(True)
        bar.addWidget(self.message, 1)
        self.export_button = QPushButton(self.tr("Export CSV…"), self)
        self.export_button.setEnabled(False)
        self.export_button.clicked.connect(self._on_export_clicked)
        bar.addWidget(self.export_button)
        layout.addLayout(bar)

        self.model = KwicModel(self)
        self.table = QTableView(self)
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setShowGrid(False)
        self.table.setWordWrap(False)
        self.table.setAlternatingRowColors(True)
        self.table.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.table.setItemDelegateForColumn(LEFT, _ElideLeftDelegate(self.table))
        rows = self.table.verticalHeader()
        rows.setVisible(False)
        # Fixed row heights: the view never measures 20,000 rows.
        rows.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        rows.setDefaultSectionSize(self.fontMetrics().height() + 6)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(LEFT, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(RIGHT, QHeaderView.ResizeMode.Stretch)
        for column in (KEYWORD, DOCUMENT, PARAGRAPH):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Interactive)
        header.setSectionsClickable(True)
        header.setSortIndicatorShown(True)
        header.sortIndicatorChanged.connect(self._on_header_sort)
        self.table.activated.connect(self._on_table_activated)
        layout.addWidget(self.table, 1)
        self._size_columns()

    # ------------------------------------------------------------ public

    def set_result(self, result: KwicResult) -> None:
        """Show the lines of a KWIC in the current sort order, with how many there are."""
        self._result = result
        self._show()
        self.message.setText(self.summary())
        self.export_button.setEnabled(bool(result.lines))

    def result(self) -> KwicResult | None:
        return self._result

    def set_message(self, text: str) -> None:
        """A message in place of the counts (searching…, a query error); the lines shown stay."""
        self.message.setText(text)

    def set_progress(self, done: int, total: int) -> None:
        """What the running kwic() job reports: paragraphs read of the result's total."""
        self.message.setText(
            self.tr("Collecting matches: %1 of %2 paragraphs")
            .replace("%1", QLocale().toString(done))
            .replace("%2", QLocale().toString(total))
        )

    def clear(self) -> None:
        self._result = None
        self.model.set_lines([])
        self.message.clear()
        self.export_button.setEnabled(False)

    def sort_key(self) -> str:
        return self._sort

    def set_sort(self, key: str, *, descending: bool = False) -> None:
        """Sort by "order", "left", "right", "keyword" or "document" (what the settings remember)."""
        at = self.sort_box.findData(key)
        if at < 0:
            raise ValueError(f"unknown KWIC sort {key!r}")
        changed = (key, descending) != (self._sort, self._descending)
        self._sort, self._descending = key, descending
        self.sort_box.blockSignals(True)
        self.sort_box.setCurrentIndex(at)
        self.sort_box.blockSignals(False)
        if changed:
            self._show()
            self.sort_changed.emit(key)

    def lines(self) -> list[KwicLine]:
        """The lines in the order shown."""
        return self.model.lines()

    def summary(self) -> str:
        result = self._result
        if result is None:
            return ""
        text = self._summary(result)
        if result.incomplete:  # a shard of the search cluster did not answer: never silently partial
            text += " — " + core_text(result.incomplete)
        return text

    def _summary(self, result: Any) -> str:
        locale = QLocale()
        if result.truncated:
            return (
                self.tr("%1 of at least %2 matches (from %3 of %4 matching paragraphs)")
                .replace("%1", locale.toString(len(result.lines)))
                .replace("%2", locale.toString(result.total_matches_seen))
                .replace("%3", locale.toString(result.hits_seen))
                .replace("%4", locale.toString(result.total_hits))
            )
        if not result.lines:
            if result.total_hits:
                return self.tr("This query selects whole documents: it has no words to show in context.")
            return self.tr("No matches.")
        return (
            self.tr("%1 in %2", "matches in paragraphs")
            .replace("%1", self.tr("%n match(es)", "", len(result.lines)))
            .replace("%2", self.tr("%n paragraph(s)", "", result.total_hits))
        )

    def export_csv(self, path: str) -> bool:
        """Write the lines, in the order shown, to `path`; a failure is shown, never raised."""
        try:
            write_kwic_csv(self.model.lines(), path)
        except ViewerError as exc:
            plain.warn(self, self.tr("Export CSV"), core_text(exc))
            return False
        self._export_dir = os.path.dirname(path)
        self.message.setText(
            self.tr("%1 lines saved to %2")
            .replace("%1", QLocale().toString(len(self.model.lines())))
            .replace("%2", path)
        )
        self.exported.emit(path)
        return True

    # ------------------------------------------------------------ internals

    def _show(self) -> None:
        lines = self._result.lines if self._result is not None else []
        self.model.set_lines(sort_lines(lines, self._sort, descending=self._descending))
        self._size_columns()
        header = self.table.horizontalHeader()
        header.blockSignals(True)
        column = next((c for c, k in COLUMN_SORTS.items() if k == self._sort), -1)
        order = Qt.SortOrder.DescendingOrder if self._descending else Qt.SortOrder.AscendingOrder
        header.setSortIndicator(column, order)
        header.blockSignals(False)

    def _size_columns(self) -> None:
        """Keyword, document and ¶ columns sized from the longest texts measured once (not per row)."""
        metrics = self.table.fontMetrics()
        lines = self.model.lines()
        keyword = max((x.keyword for x in lines), key=len, default="")
        keyword_width = max(metrics.horizontalAdvance(keyword) * 1.15, metrics.horizontalAdvance("MMMM"))
        self.table.setColumnWidth(KEYWORD, int(keyword_width) + 16)
        self.table.setColumnWidth(DOCUMENT, metrics.horizontalAdvance("M" * 14))
        self.table.setColumnWidth(PARAGRAPH, metrics.horizontalAdvance("¶99999") + 16)

    def _ask_export_path(self) -> str:
        """The file chosen in a save dialog ("" when cancelled)."""
        query = self._result.query if self._result is not None else ""
        name = re.sub(r'[\\/:*?"<>|\s]+', "_", query).strip("_")[:40] or "kwic"
        chosen, _ = QFileDialog.getSaveFileName(
            self,
            self.tr("Export CSV"),
            os.path.join(self._export_dir, f"KWIC-{name}.csv"),
            self.tr("CSV (spreadsheet) (*.csv)"),
        )
        if chosen and not chosen.lower().endswith(".csv"):
            chosen += ".csv"
        return chosen

    def _on_export_clicked(self) -> None:
        path = self._ask_export_path()
        if path:
            self.export_csv(path)

    def _on_sort_box_changed(self, _index: int) -> None:
        self.set_sort(str(self.sort_box.currentData()))

    def _on_header_sort(self, column: int, order: Qt.SortOrder) -> None:
        key = COLUMN_SORTS.get(column)
        if key is not None:
            self.set_sort(key, descending=order == Qt.SortOrder.DescendingOrder)

    def _on_table_activated(self, index: QModelIndex) -> None:
        line = self.model.line(index.row())
        if line is not None:
            self.line_activated.emit(line.doc_id, line.paragraph_id, line.start, line.end)
