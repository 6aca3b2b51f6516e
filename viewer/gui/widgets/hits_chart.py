"""A bar chart of a result's facets (matching documents by year or by kind); a click on a bar filters.

Painted with QPainter: two kinds of chart do not justify a chart library in the installer. Years run
left to right in time order, missing years inside the range shown as empty slots (so the gaps read as
gaps), the undated documents last; each bar keeps a readable width, and a long range scrolls
sideways rather than being merged into decades (a decade bar could not be clicked to one year:).
"""

from __future__ import annotations

import logging
from dataclasses import dataclass

from PySide6.QtCore import QCoreApplication, QEvent, QLocale, QPoint, QRect, QSize, Qt, Signal
from PySide6.QtGui import QColor, QMouseEvent, QPainter, QPaintEvent, QPalette
from PySide6.QtWidgets import (
    QButtonGroup,
    QFrame,
    QHBoxLayout,
    QLabel,
    QScrollArea,
    QToolButton,
    QToolTip,
    QVBoxLayout,
    QWidget,
)

from viewer.core.natural_sort import natural_key
from viewer.core.search.results import UNDATED
from viewer.gui import plain
from viewer.gui.i18n import kind_label

logger = logging.getLogger(__name__)

MAX_GAP_FILL = 150  # years: a wider range shows only the years that occur


@dataclass(frozen=True)
class Bar:
    """One bar: the facet field and value it filters by, its label and count, where it is painted."""

    field: str  # "year" or "kind"
    value: str  # "2015", UNDATED, or a kind; "" for an empty slot in the years (not clickable)
    label: str
    count: int
    rect: QRect  # the whole slot: clicking above a short bar still picks it


class _Canvas(QWidget):
    """The painted bars; sized to its bars so the scroll area scrolls a long range."""

    bar_clicked = Signal(str, str)

    MARGIN = 8
    GAP = 6

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setMouseTracking(True)
        self._items: list[tuple[str, str, str, int]] = []  # field, value, label, count
        self._bars: list[Bar] = []
        self._hover = -1
        self.empty_text = ""

    def set_items(self, items: list[tuple[str, str, str, int]]) -> None:
        self._items = items
        self._hover = -1
        self.updateGeometry()
        self._layout()
        self.update()

    def bars(self) -> list[Bar]:
        return list(self._bars)

    def bar_at(self, pos: QPoint) -> Bar | None:
        for bar in self._bars:
            if bar.value and bar.rect.contains(pos):
                return bar
        return None

    def _widths(self) -> list[int]:
        """Each slot as wide as its label and value need (at least four digits), never less."""
        metrics = self.fontMetrics()
        least = metrics.horizontalAdvance("8888")
        return [
            max(least, metrics.horizontalAdvance(label), metrics.horizontalAdvance(QLocale().toString(count)))
            + self.GAP
            for _field, _value, label, count in self._items
        ]

    def sizeHint(self) -> QSize:
        return QSize(2 * self.MARGIN + sum(self._widths()), 160)

    def minimumSizeHint(self) -> QSize:
        return QSize(self.sizeHint().width(), 120)

    def resizeEvent(self, event: object) -> None:
        self._layout()

    def _layout(self) -> None:
        """Slots at their own widths, widened evenly when the chart has room to spare."""
        self._bars = []
        if not self._items:
            return
        widths = self._widths()
        spare = max(0, self.width() - 2 * self.MARGIN - sum(widths)) // len(widths)
        x = self.MARGIN
        for (field, value, label, count), width in zip(self._items, widths, strict=True):
            rect = QRect(x, 0, width + spare, self.height())
            self._bars.append(Bar(field, value, label, count, rect))
            x += width + spare

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        palette = self.palette()
        metrics = self.fontMetrics()
        line = metrics.height()
        if not self._bars:
            painter.setPen(palette.color(QPalette.ColorRole.PlaceholderText))
            painter.drawText(self.rect(), Qt.AlignmentFlag.AlignCenter, self.empty_text)
            return
        top, bottom = line + 4, self.height() - line - 6  # room for the values and the labels
        highest = max(bar.count for bar in self._bars) or 1
        bar_color = palette.color(QPalette.ColorRole.Highlight)
        text_color = palette.color(QPalette.ColorRole.WindowText)
        painter.setPen(palette.color(QPalette.ColorRole.Mid))
        painter.drawLine(self.MARGIN, bottom, self.width() - self.MARGIN, bottom)
        exposed = event.rect()
        for n, bar in enumerate(self._bars):
            slot = bar.rect
            if not slot.intersects(exposed):
                continue
            height = round((bottom - top) * bar.count / highest)
            if bar.count and height < 2:
                height = 2
            inner = QRect(slot.left() + self.GAP // 2, bottom - height, slot.width() - self.GAP, height)
            color = QColor(bar_color)
            if bar.value == UNDATED:
                color = palette.color(QPalette.ColorRole.Mid)
            if n == self._hover:
                color = color.darker(130)
            painter.fillRect(inner, color)
            painter.setPen(text_color)
            if bar.count:
                value_rect = QRect(slot.left(), inner.top() - line - 2, slot.width(), line)
                painter.drawText(value_rect, Qt.AlignmentFlag.AlignHCenter, QLocale().toString(bar.count))
            label_rect = QRect(slot.left(), bottom + 3, slot.width(), line)
            painter.drawText(label_rect, Qt.AlignmentFlag.AlignHCenter, bar.label)

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ToolTip:
            bar = self.bar_at(event.pos())  # type: ignore[attr-defined]
            if bar is None:
                QToolTip.hideText()
            else:
                text = QCoreApplication.translate("HitsChart", "%1: %n document(s)", "", bar.count)
                text = text.replace("%1", bar.label)
                QToolTip.showText(event.globalPos(), plain.tooltip(text), self)  # type: ignore[attr-defined]
            return True
        return super().event(event)

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        bar = self.bar_at(event.position().toPoint())
        hover = self._bars.index(bar) if bar is not None else -1
        if hover != self._hover:
            self._hover = hover
            self.setCursor(Qt.CursorShape.PointingHandCursor if bar else Qt.CursorShape.ArrowCursor)
            self.update()

    def leaveEvent(self, event: QEvent) -> None:
        if self._hover != -1:
            self._hover = -1
            self.update()

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        if event.button() != Qt.MouseButton.LeftButton:
            return
        bar = self.bar_at(event.position().toPoint())
        if bar is not None and bar.count:
            self.bar_clicked.emit(bar.field, bar.value)


class HitsChart(QWidget):
    """Matching documents by year, kind or folder, from a result's facets; clicking a bar asks for a filter.

    `filter_requested(field, value)`: field "year" (value "2015", or UNDATED for the documents without
    a year, which the query language cannot name: `-year:0..9999` selects them), "kind" (value a
    kind as the query's kind: takes it) or "folder" (an archive folder, "" for the archive's top). The chart only asks; the search controller edits the query.
    """

    filter_requested = Signal(str, str)
    YEAR, KIND, FOLDER = "year", "kind", "folder"

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._facets: dict[str, dict[str, int]] = {}
        self._total = 0
        self._field = self.YEAR

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        bar = QHBoxLayout()
        self.by_year = QToolButton(self)
        self.by_year.setText(self.tr("By year"))
        self.by_kind = QToolButton(self)
        self.by_kind.setText(self.tr("By kind"))
        self.by_folder = QToolButton(self)
        self.by_folder.setText(self.tr("By folder"))
        self._buttons = QButtonGroup(self)
        for button in (self.by_year, self.by_kind, self.by_folder):
            button.setCheckable(True)
            self._buttons.addButton(button)
            bar.addWidget(button)
        self.by_year.setChecked(True)
        self._buttons.buttonClicked.connect(self._on_buttons_clicked)
        self.caption = QLabel(self)
        bar.addWidget(self.caption, 1)
        layout.addLayout(bar)

        self.canvas = _Canvas(self)
        self.canvas.empty_text = self.tr("No documents to chart.")
        self.canvas.bar_clicked.connect(self.filter_requested)
        self.scroll_area = QScrollArea(self)
        self.scroll_area.setFrameShape(QFrame.Shape.NoFrame)
        self.scroll_area.setWidgetResizable(True)
        self.scroll_area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAsNeeded)
        self.scroll_area.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.scroll_area.setWidget(self.canvas)
        layout.addWidget(self.scroll_area, 1)
        self._refresh()

    # ------------------------------------------------------------ public

    def set_facets(self, facets: dict[str, dict[str, int]], total_documents: int) -> None:
        """Chart a result's facets ({"kind": {kind: n}, "year": {"2015": n, UNDATED: n}})."""
        self._facets = {field: dict(values) for field, values in facets.items()}
        self._total = total_documents
        self._refresh()

    def clear(self) -> None:
        self.set_facets({}, 0)

    def field(self) -> str:
        return self._field

    def set_field(self, field: str) -> None:
        """Show the chart by "year", "kind" or "folder"."""
        buttons = {self.YEAR: self.by_year, self.KIND: self.by_kind, self.FOLDER: self.by_folder}
        if field not in buttons:
            raise ValueError(f"unknown chart field {field!r}")
        self._field = field
        buttons[field].setChecked(True)
        self._refresh()

    def bars(self) -> list[Bar]:
        """The bars as laid out now (tests and accessibility)."""
        return self.canvas.bars()

    # ------------------------------------------------------------ internals

    def _items(self) -> list[tuple[str, str, str, int]]:
        if self._field == self.KIND:
            kinds = self._facets.get(self.KIND, {})
            return [(self.KIND, kind, kind_label(kind), n) for kind, n in kinds.items()]
        if self._field == self.FOLDER:
            folders = self._facets.get(self.FOLDER, {})
            top = self.tr("(top folder)")
            return [
                (self.FOLDER, f, f.rpartition("/")[2] or top, n)
                for f, n in sorted(folders.items(), key=lambda fn: natural_key(fn[0]))
            ]
        years = self._facets.get(self.YEAR, {})
        counts = {int(y): n for y, n in years.items() if y != UNDATED and y.isdigit()}
        items: list[tuple[str, str, str, int]] = []
        if counts:
            low, high = min(counts), max(counts)
            shown = range(low, high + 1) if high - low <= MAX_GAP_FILL else sorted(counts)
            for year in shown:
                value = str(year) if year in counts else ""
                items.append((self.YEAR, value, str(year), counts.get(year, 0)))
        if years.get(UNDATED):
            items.append((self.YEAR, UNDATED, self.tr("Undated"), years[UNDATED]))
        return items

    def _refresh(self) -> None:
        self.canvas.set_items(self._items())
        self.caption.setText(self.tr("%n document(s)", "", self._total) if self._total else "")

    def _on_buttons_clicked(self, button: QToolButton) -> None:
        self.set_field(
            self.YEAR if button is self.by_year else self.KIND if button is self.by_kind else self.FOLDER
        )
