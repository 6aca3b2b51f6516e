"""Painting the parallel view: the rows on screen, their highlights and selection, or the empty hint.

Only rows that intersect the viewport are painted, each from its cached layout; highlights and the
selection are format ranges handed to QTextLayout.draw, mapped into each column's offsets.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field

from PySide6.QtCore import QPointF, QRect, QRectF, Qt
from PySide6.QtGui import QColor, QPainter, QPalette, QTextCharFormat, QTextLayout

from viewer.core.documents import ROLE_AUTHOR, ROLE_CAPTION, ROLE_META, ROLE_REFERENCE
from viewer.gui.widgets.aligned_rows import GUTTER, MARGIN, ORIGINAL, AlignedRows, Span
from viewer.gui.widgets.text_selection import TextSelection

logger = logging.getLogger(__name__)

HIGHLIGHT_COLOR = "#ffe27a"  # every match
CURRENT_COLOR = "#ff9a3c"  # the match F3 or a search hit went to
REPAIR_MARK_COLOR = "#2a9d8f"  # the dot beside a repaired paragraph (readable on light and dark)
REPAIR_MARK_SIZE = 8
_MUTED_ROLES = (ROLE_META, ROLE_CAPTION, ROLE_REFERENCE, ROLE_AUTHOR)


@dataclass
class Highlights:
    """Marked ranges by row in ORIGINAL offsets, and the current one as (row, start, end)."""

    spans: dict[int, list[Span]] = field(default_factory=dict)
    current: tuple[int, int, int] | None = None

    def in_row(self, row: int) -> list[Span]:
        """Every marked range of `row`, the current one last."""
        spans = list(self.spans.get(row, []))
        if self.current is not None and self.current[0] == row:
            spans.append((self.current[1], self.current[2]))
        return spans


class RowPainter:
    """Paints the visible rows of an AlignedRows with its highlights and selection."""

    def __init__(self, rows: AlignedRows, highlights: Highlights, selection: TextSelection) -> None:
        self._rows = rows
        self._highlights = highlights
        self._selection = selection
        self.repair_marks: dict[int, tuple[str, ...]] = {}  # row -> kinds of the repairs made in it

    def paint(
        self, painter: QPainter, palette: QPalette, area: QRect, viewport: QRect, top: int, offset: int
    ) -> None:
        """Fill `area` and draw the rows from `top` (scrolled `offset` px into it) down the viewport."""
        painter.fillRect(area, palette.color(QPalette.ColorRole.Base))
        rows = self._rows
        columns = rows.column_geometry()
        text_color = palette.color(QPalette.ColorRole.Text)
        muted = palette.color(QPalette.ColorRole.PlaceholderText)
        height = viewport.height()
        for row, y in rows.rows_from(top, offset, height):
            painter.setPen(muted if rows.paragraphs[row].role in _MUTED_ROLES else text_color)
            text_y = y + rows.text_top(row)
            for x, _width, side in columns:
                rows.layout(row, side).draw(painter, QPointF(x, text_y), self._formats(row, side, palette))
            if row in self.repair_marks:
                _paint_repair_mark(painter, repair_mark_rect(rows, row, y))
        if len(columns) == 2:
            painter.setPen(QColor(palette.color(QPalette.ColorRole.Mid)))
            x = columns[1][0] - GUTTER / 2
            painter.drawLine(QPointF(x, 0), QPointF(x, height))

    def _formats(self, row: int, side: str, palette: QPalette) -> list[QTextLayout.FormatRange]:
        rows, highlights, selection = self._rows, self._highlights, self._selection
        ranges: list[QTextLayout.FormatRange] = []
        spans = highlights.spans.get(row)
        if spans:
            fmt = _marked(HIGHLIGHT_COLOR)
            for s, e in spans:
                ranges.append(_format_range(*rows.map_span(row, s, e, ORIGINAL, side), fmt))
        current = highlights.current
        if current is not None and current[0] == row:
            span = rows.map_span(row, current[1], current[2], ORIGINAL, side)
            ranges.append(_format_range(*span, _marked(CURRENT_COLOR)))
        selected = selection.span_in_row(row)
        if selected is not None and selection.side is not None:
            s, e = rows.map_span(row, selected[0], selected[1], selection.side, side)
            fmt = QTextCharFormat()
            highlight = palette.color(QPalette.ColorRole.Highlight)
            if side == selection.side:
                fmt.setBackground(highlight)
                fmt.setForeground(palette.color(QPalette.ColorRole.HighlightedText))
            else:  # the mirrored selection: same range, lighter; text in the normal colour, readable
                mirrored = QColor(highlight)  # over it in either theme, also where it covers a match
                mirrored.setAlpha(90)
                fmt.setBackground(mirrored)
                fmt.setForeground(palette.color(QPalette.ColorRole.Text))
            ranges.append(_format_range(s, e, fmt))
        return ranges


def repair_mark_rect(rows: AlignedRows, row: int, y: int) -> QRectF:
    """Where the repaired mark of `row` (whose top is at `y`) sits: in the left margin, by its first line."""
    layout = rows.layout(row, rows.column_sides()[0])
    line_height = layout.lineAt(0).height() if layout.lineCount() else REPAIR_MARK_SIZE
    top = y + rows.text_top(row) + max(0.0, (line_height - REPAIR_MARK_SIZE) / 2)
    return QRectF((MARGIN - REPAIR_MARK_SIZE) / 2, top, REPAIR_MARK_SIZE, REPAIR_MARK_SIZE)


def _paint_repair_mark(painter: QPainter, rect: QRectF) -> None:
    painter.save()
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(QColor(REPAIR_MARK_COLOR))
    painter.drawEllipse(rect)
    painter.restore()


def paint_placeholder(painter: QPainter, palette: QPalette, area: QRect, viewport: QRect, text: str) -> None:
    """The empty view: its background and, if any, the hint centred in it."""
    painter.fillRect(area, palette.color(QPalette.ColorRole.Base))
    if text:
        painter.setPen(palette.color(QPalette.ColorRole.PlaceholderText))
        box = QRectF(viewport).adjusted(4 * MARGIN, 0, -4 * MARGIN, 0)
        flags = Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap
        painter.drawText(box, int(flags), text)


def _marked(background: str) -> QTextCharFormat:
    fmt = QTextCharFormat()
    fmt.setBackground(QColor(background))
    fmt.setForeground(QColor("#000000"))  # dark on the yellow/orange mark, in either theme
    return fmt


def _format_range(start: int, end: int, fmt: QTextCharFormat) -> QTextLayout.FormatRange:
    r = QTextLayout.FormatRange()
    r.start = start
    r.length = max(0, end - start)
    r.format = fmt
    return r
