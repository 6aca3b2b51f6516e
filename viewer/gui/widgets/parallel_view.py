"""The side-by-side reading view: paragraph N of the original faces paragraph N of its conversion.

One scroll area paints both columns, so alignment and synchronised scrolling come for free. Only the
rows on screen are converted and laid out (QTextLayout, cached), so a 5 MB document opens in
milliseconds and a scroll step never re-lays out the document. Text is always plain: QTextLayout has
no notion of markup, so `<b>` in a document is shown as the four characters it is.
"""

from __future__ import annotations

import difflib
import logging
from collections import OrderedDict
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QPointF, QRectF, Qt, Signal
from PySide6.QtGui import (
    QColor,
    QFont,
    QGuiApplication,
    QKeyEvent,
    QKeySequence,
    QMouseEvent,
    QPainter,
    QPaintEvent,
    QPalette,
    QResizeEvent,
    QTextCharFormat,
    QTextLayout,
    QTextOption,
    QWheelEvent,
)
from PySide6.QtWidgets import QAbstractScrollArea, QWidget

from viewer.core.documents import (
    ROLE_AUTHOR,
    ROLE_CAPTION,
    ROLE_HEADING,
    ROLE_META,
    ROLE_REFERENCE,
    ROLE_SUBTITLE,
    ROLE_TITLE,
    Document,
    Paragraph,
)

logger = logging.getLogger(__name__)

ORIGINAL, CONVERTED = "original", "converted"
SCROLL_UNITS = 100  # scrollbar steps per paragraph: the bar moves smoothly inside long paragraphs
MARGIN, GUTTER = 14, 28
LAYOUT_CACHE_ROWS = 3000

Converter = Callable[[str], str]
Span = tuple[int, int]

# Keys that extend the selection, and how its free end moves.
_SELECTION_KEYS = (
    (QKeySequence.StandardKey.SelectNextChar, "right"),
    (QKeySequence.StandardKey.SelectPreviousChar, "left"),
    (QKeySequence.StandardKey.SelectNextLine, "down"),
    (QKeySequence.StandardKey.SelectPreviousLine, "up"),
    (QKeySequence.StandardKey.SelectStartOfLine, "home"),
    (QKeySequence.StandardKey.SelectEndOfLine, "end"),
    (QKeySequence.StandardKey.SelectStartOfDocument, "doc-start"),
    (QKeySequence.StandardKey.SelectEndOfDocument, "doc-end"),
)


@dataclass(frozen=True)
class TextRange:
    """A selected range inside one paragraph, in offsets into its ORIGINAL (repaired) text."""

    document_id: str
    paragraph_id: str
    start: int
    end: int
    text: str


class OffsetMap:
    """Maps offsets between a paragraph and its conversion; identity when lengths agree (t2s, s2t)."""

    def __init__(self, original: str, converted: str, charwise: str | None = None) -> None:
        self._identity = len(original) == len(converted)
        self._blocks: list[tuple[int, int, int]] = []
        self._len_a, self._len_b = len(original), len(converted)
        if not self._identity:
            # Align the character-by-character conversion (same length as the original) with the
            # phrase-level one (s2twp rewrites words), so unchanged stretches map exactly.
            a = charwise if charwise is not None and len(charwise) == len(original) else original
            matcher = difflib.SequenceMatcher(None, a, converted, autojunk=False)
            self._blocks = [tuple(b) for b in matcher.get_matching_blocks()]  # type: ignore[misc]

    def to_converted(self, pos: int) -> int:
        return self._map(pos, forward=True)

    def to_original(self, pos: int) -> int:
        return self._map(pos, forward=False)

    def _map(self, pos: int, *, forward: bool) -> int:
        if self._identity:
            return pos
        prev_a = prev_b = 0
        for a, b, size in self._blocks:
            src, dst = (a, b) if forward else (b, a)
            psrc, pdst = (prev_a, prev_b) if forward else (prev_b, prev_a)
            if pos < src:  # inside a changed stretch before this block: map proportionally
                span_src, span_dst = src - psrc, dst - pdst
                if span_src <= 0:
                    return dst
                return pdst + round((pos - psrc) * span_dst / span_src)
            if pos <= src + size:
                return dst + (pos - src)
            prev_a, prev_b = a + size, b + size
        return self._len_b if forward else self._len_a


class ParallelView(QAbstractScrollArea):
    """Two aligned columns of one document: the original and its conversion, or just one of them."""

    selection_changed = Signal()
    top_paragraph_changed = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.viewport().setCursor(Qt.CursorShape.IBeamCursor)
        self.verticalScrollBar().valueChanged.connect(self._on_scrollbar_value_changed)
        self._document: Document | None = None
        self._paragraphs: Sequence[Paragraph] = ()
        self._converter: Converter = lambda text: text
        self._charwise: Converter | None = None
        self._converted: dict[int, str] = {}
        self._maps: dict[int, OffsetMap] = {}
        self._layouts: OrderedDict[tuple[int, str], QTextLayout] = OrderedDict()
        self._heights: dict[int, int] = {}
        self._top, self._offset = 0, 0
        self._original_side = "left"
        self._single_pane = False
        self._base_point_size = float(self.font().pointSizeF() if self.font().pointSizeF() > 0 else 11)
        self._zoom = 0
        self._line_spacing = 150
        self._families = {ORIGINAL: "", CONVERTED: ""}
        self._highlights: dict[int, list[Span]] = {}
        self._current: tuple[int, int, int] | None = None
        self._sel_side: str | None = None
        self._anchor: tuple[int, int] | None = None
        self._cursor: tuple[int, int] | None = None
        self._syncing_scrollbar = False
        self._placeholder = ""

    # ------------------------------------------------------------ content

    def set_placeholder_text(self, text: str) -> None:
        """The hint painted in the empty view while no document is open."""
        self._placeholder = text
        self.viewport().update()

    def set_document(
        self, document: Document | None, converter: Converter, charwise: Converter | None = None
    ) -> None:
        """Show a document; `converter` turns one paragraph into the other script (called lazily)."""
        self._document = document
        self._paragraphs = document.paragraphs if document is not None else ()
        self._converter = converter
        self._charwise = charwise
        self._highlights, self._current = {}, None
        self._clear_selection()
        self._invalidate(conversion=True)
        self._top, self._offset = 0, 0
        self._update_scrollbar()
        self.viewport().update()

    def set_converter(self, converter: Converter, charwise: Converter | None = None) -> None:
        """Change the conversion (variant switch) and keep the reading position."""
        self._converter = converter
        self._charwise = charwise
        self._invalidate(conversion=True)
        self.viewport().update()

    def document(self) -> Document | None:
        return self._document

    def paragraph_count(self) -> int:
        return len(self._paragraphs)

    def converted_text(self, row: int) -> str:
        """The conversion of paragraph `row` (converted on first use, then kept)."""
        text = self._converted.get(row)
        if text is None:
            text = self._converter(self._paragraphs[row].text)
            self._converted[row] = text
        return text

    def text_of(self, row: int, side: str) -> str:
        return self._paragraphs[row].text if side == ORIGINAL else self.converted_text(row)

    def row_of(self, paragraph_id: str) -> int | None:
        for i, p in enumerate(self._paragraphs):
            if p.id == paragraph_id:
                return i
        return None

    # ------------------------------------------------------------ presentation

    def set_original_side(self, side: str) -> None:
        self._original_side = "right" if side == "right" else "left"
        self._clear_selection()
        self._invalidate()
        self.viewport().update()

    def original_side(self) -> str:
        return self._original_side

    def set_single_pane(self, single: bool) -> None:
        self._single_pane = bool(single)
        self._invalidate()
        self.viewport().update()

    def is_single_pane(self) -> bool:
        return self._single_pane

    def set_zoom(self, zoom: int) -> None:
        self._zoom = max(-6, min(30, int(zoom)))
        self._invalidate()
        self.viewport().update()

    def zoom(self) -> int:
        return self._zoom

    def set_line_spacing(self, percent: int) -> None:
        self._line_spacing = max(100, min(300, int(percent)))
        self._invalidate()
        self.viewport().update()

    def set_font_families(self, original: str, converted: str) -> None:
        self._families = {ORIGINAL: original, CONVERTED: converted}
        self._invalidate()
        self.viewport().update()

    def column_sides(self) -> list[str]:
        """The side shown in each visible column, left to right."""
        sides = [ORIGINAL, CONVERTED] if self._original_side == "left" else [CONVERTED, ORIGINAL]
        return sides[:1] if self._single_pane else sides

    # ------------------------------------------------------------ highlights

    def set_highlights(
        self, highlights: dict[int, list[Span]], current: tuple[int, int, int] | None = None
    ) -> None:
        """Mark ranges (original offsets, by row) in both columns; `current` = (row, start, end)."""
        self._highlights = {row: list(spans) for row, spans in highlights.items()}
        self._current = current
        self.viewport().update()

    def set_current_highlight(self, current: tuple[int, int, int] | None) -> None:
        self._current = current
        self.viewport().update()

    def highlight_ranges(self, row: int, side: str) -> list[Span]:
        """The highlighted ranges of paragraph `row` as drawn in `side` (for tests and the excerpt tool)."""
        spans = list(self._highlights.get(row, []))
        if self._current is not None and self._current[0] == row:
            spans.append((self._current[1], self._current[2]))
        if side == ORIGINAL:
            return spans
        return [self.map_span(row, s, e, ORIGINAL, CONVERTED) for s, e in spans]

    def map_span(self, row: int, start: int, end: int, source: str, target: str) -> Span:
        """The same range in the other column: identical offsets when lengths agree, else aligned."""
        if source == target:
            return start, end
        offsets = self._offset_map(row)
        if target == CONVERTED:
            return offsets.to_converted(start), offsets.to_converted(end)
        return offsets.to_original(start), offsets.to_original(end)

    def _offset_map(self, row: int) -> OffsetMap:
        found = self._maps.get(row)
        if found is None:
            original = self._paragraphs[row].text
            charwise = self._charwise(original) if self._charwise is not None else None
            found = OffsetMap(original, self.converted_text(row), charwise)
            self._maps[row] = found
        return found

    # ------------------------------------------------------------ selection

    def selection_ranges(self) -> list[TextRange]:
        """The selection as (document, paragraph, start, end in the ORIGINAL text, text), one per paragraph."""
        if self._document is None or self._sel_side is None or self._anchor is None or self._cursor is None:
            return []
        (r0, p0), (r1, p1) = sorted((self._anchor, self._cursor))
        out: list[TextRange] = []
        for row in range(r0, r1 + 1):
            length = len(self.text_of(row, self._sel_side))
            s = p0 if row == r0 else 0
            e = p1 if row == r1 else length
            if e <= s:
                continue
            s, e = self.map_span(row, s, e, self._sel_side, ORIGINAL)
            para = self._paragraphs[row]
            if e > s:
                out.append(TextRange(self._document.id, para.id, s, e, para.text[s:e]))
        return out

    def selected_text(self) -> str:
        """The selected text as shown in the column where it was selected, paragraphs joined by newlines."""
        if self._sel_side is None or self._anchor is None or self._cursor is None:
            return ""
        (r0, p0), (r1, p1) = sorted((self._anchor, self._cursor))
        parts = []
        for row in range(r0, r1 + 1):
            text = self.text_of(row, self._sel_side)
            parts.append(text[(p0 if row == r0 else 0) : (p1 if row == r1 else len(text))])
        return "\n".join(parts)

    def select_range(self, row: int, start: int, end: int, side: str = ORIGINAL) -> None:
        """Select programmatically (tests, find-in-document)."""
        self._set_selection(side, (row, start), (row, end))

    def select_all(self) -> None:
        """Ctrl+A: the paragraph holding the selection's end (or the top one); pressed again, the document."""
        if not self._paragraphs:
            return
        side = self._sel_side or self.column_sides()[0]
        row = self._cursor[0] if self._cursor is not None else self._top
        paragraph = [(row, 0), (row, len(self.text_of(row, side)))]
        selected = sorted((self._anchor, self._cursor)) if self._anchor and self._cursor else None
        if selected == paragraph:
            last = len(self._paragraphs) - 1
            self._set_selection(side, (0, 0), (last, len(self.text_of(last, side))))
        else:
            self._set_selection(side, *paragraph)

    def extend_selection(self, move: str) -> None:
        """Shift+arrows: move the selection's free end by a character, a line, to a line's or the
        document's start or end ("left", "right", "up", "down", "home", "end", "doc-start", "doc-end").

        Without a selection it starts at the top paragraph's start in the first column.
        """
        if not self._paragraphs:
            return
        side = self._sel_side or self.column_sides()[0]
        anchor = self._anchor if self._anchor is not None else (self._top, 0)
        cursor = self._cursor if self._cursor is not None else anchor
        cursor = self._moved(cursor, side, move)
        self._set_selection(side, anchor, cursor)
        self._ensure_visible(cursor, side)

    def _set_selection(self, side: str, anchor: tuple[int, int], cursor: tuple[int, int]) -> None:
        self._sel_side, self._anchor, self._cursor = side, anchor, cursor
        self.viewport().update()
        self.selection_changed.emit()

    def _moved(self, cursor: tuple[int, int], side: str, move: str) -> tuple[int, int]:
        row, pos = cursor
        last = len(self._paragraphs) - 1
        length = len(self.text_of(row, side))
        if move == "left":
            return (
                (row, pos - 1)
                if pos > 0
                else ((row - 1, len(self.text_of(row - 1, side))) if row else cursor)
            )
        if move == "right":
            return (row, pos + 1) if pos < length else ((row + 1, 0) if row < last else cursor)
        if move == "doc-start":
            return 0, 0
        if move == "doc-end":
            return last, len(self.text_of(last, side))
        layout = self._layout(row, side)
        line = layout.lineForTextPosition(min(pos, length))
        if not line.isValid():
            return cursor
        if move == "home":
            return row, line.textStart()
        if move == "end":
            return row, line.textStart() + line.textLength()
        found: Any = line.cursorToX(pos)  # PySide returns (x, position); the stubs say a number
        x = float(found[0] if isinstance(found, tuple) else found)
        target = line.lineNumber() + (1 if move == "down" else -1)
        if 0 <= target < layout.lineCount():
            return row, layout.lineAt(target).xToCursor(x)
        if move == "down":
            return (
                (row + 1, self._layout(row + 1, side).lineAt(0).xToCursor(x)) if row < last else (row, length)
            )
        if row == 0:
            return 0, 0
        above = self._layout(row - 1, side)
        return row - 1, above.lineAt(above.lineCount() - 1).xToCursor(x)

    def _ensure_visible(self, cursor: tuple[int, int], side: str) -> None:
        """Scroll just enough to show the line holding `cursor`."""
        row, pos = cursor
        line = self._layout(row, side).lineForTextPosition(pos)
        line_top = int(line.y()) if line.isValid() else 0
        line_bottom = int(line.y() + line.height()) + 1 if line.isValid() else self._row_height(row)
        if row < self._top or (row == self._top and line_top < self._offset):
            self._top, self._offset = row, line_top
            self.scroll_by(0)
            return
        height = self.viewport().height()
        y, r = -self._offset, self._top
        while r < row and y < height:
            y += self._row_height(r)
            r += 1
        if r < row:  # far below the view: jump there
            self.scroll_to_paragraph(row, pos)
        elif y + line_bottom > height:
            self.scroll_by(y + line_bottom - height)

    def copy_selection(self) -> None:
        text = self.selected_text()
        if text:
            QGuiApplication.clipboard().setText(text)

    def _clear_selection(self) -> None:
        had = self._sel_side is not None
        self._sel_side, self._anchor, self._cursor = None, None, None
        if had:
            self.selection_changed.emit()

    # ------------------------------------------------------------ scrolling

    def top_paragraph(self) -> int:
        return self._top

    def scroll_to_paragraph(self, row: int, position: int | None = None) -> None:
        """Bring paragraph `row` (and the line holding `position`, if given) a third down the view."""
        if not self._paragraphs:
            return
        row = max(0, min(row, len(self._paragraphs) - 1))
        self._top, self._offset = row, 0
        if position is not None:
            layout = self._layout(row, ORIGINAL)
            line = layout.lineForTextPosition(max(0, min(position, len(self._paragraphs[row].text))))
            if line.isValid():
                self._offset = int(line.y())
        self.scroll_by(-self.viewport().height() // 3 if position is not None else 0)

    def scroll_by(self, dy: int) -> None:
        """Scroll by pixels, walking paragraph boundaries; only rows passed over are laid out."""
        if not self._paragraphs:
            return
        before = self._top
        self._offset += int(dy)
        while self._offset < 0 and self._top > 0:
            self._top -= 1
            self._offset += self._row_height(self._top)
        self._offset = max(0, self._offset)
        while self._top < len(self._paragraphs) - 1 and self._offset >= self._row_height(self._top):
            self._offset -= self._row_height(self._top)
            self._top += 1
        self._clamp_end()
        self._update_scrollbar()
        self.viewport().update()
        if self._top != before:
            self.top_paragraph_changed.emit(self._top)

    def _clamp_end(self) -> None:
        """Do not scroll past the point where the last paragraph's end meets the bottom of the view."""
        height = self.viewport().height()
        total, row = -self._offset, self._top
        while row < len(self._paragraphs) and total < height:
            total += self._row_height(row)
            row += 1
        if row >= len(self._paragraphs) and total < height:
            self._offset = max(0, self._offset - (height - total))
            while self._offset == 0 and self._top > 0:
                above = self._row_height(self._top - 1)
                if total + above > height:
                    self._top -= 1
                    self._offset = above - (height - total)
                    break
                total += above
                self._top -= 1

    def _update_scrollbar(self) -> None:
        bar = self.verticalScrollBar()
        self._syncing_scrollbar = True
        try:
            bar.setRange(0, max(0, (len(self._paragraphs) - 1) * SCROLL_UNITS))
            bar.setPageStep(SCROLL_UNITS * 5)
            bar.setSingleStep(max(1, SCROLL_UNITS // 4))
            fraction = 0
            if self._paragraphs:
                height = max(1, self._row_height(self._top))
                fraction = min(SCROLL_UNITS - 1, self._offset * SCROLL_UNITS // height)
            bar.setValue(self._top * SCROLL_UNITS + fraction)
        finally:
            self._syncing_scrollbar = False

    def _on_scrollbar_value_changed(self, value: int) -> None:
        if self._syncing_scrollbar or not self._paragraphs:
            return
        before = self._top
        self._top = min(len(self._paragraphs) - 1, value // SCROLL_UNITS)
        self._offset = (value % SCROLL_UNITS) * self._row_height(self._top) // SCROLL_UNITS
        self._clamp_end()
        self.viewport().update()
        if self._top != before:
            self.top_paragraph_changed.emit(self._top)

    # ------------------------------------------------------------ layout

    def _invalidate(self, *, conversion: bool = False) -> None:
        if conversion:
            self._converted.clear()
            self._maps.clear()
        self._layouts.clear()
        self._heights.clear()

    def _column_geometry(self) -> list[tuple[float, float, str]]:
        """(x, width, side) for each visible column."""
        width = self.viewport().width()
        sides = self.column_sides()
        if len(sides) == 1:
            return [(MARGIN, max(40.0, width - 2 * MARGIN), sides[0])]
        col = max(40.0, (width - 2 * MARGIN - GUTTER) / 2)
        return [(MARGIN, col, sides[0]), (MARGIN + col + GUTTER, col, sides[1])]

    def role_font(self, role: str, side: str) -> QFont:
        font = QFont(self.font())
        family = self._families.get(side) or ""
        if family:
            font.setFamilies([family, *font.families()])
        size = max(4.0, self._base_point_size + self._zoom)
        scale = {
            ROLE_TITLE: 1.45,
            ROLE_SUBTITLE: 1.2,
            ROLE_HEADING: 1.15,
            ROLE_META: 0.9,
            ROLE_CAPTION: 0.9,
            ROLE_REFERENCE: 0.9,
        }.get(role, 1.0)
        font.setPointSizeF(size * scale)
        if role in (ROLE_TITLE, ROLE_SUBTITLE, ROLE_HEADING):
            font.setBold(True)
        if role in (ROLE_AUTHOR, ROLE_CAPTION):
            font.setItalic(True)
        return font

    def _layout(self, row: int, side: str) -> QTextLayout:
        key = (row, side)
        layout = self._layouts.get(key)
        if layout is not None:
            self._layouts.move_to_end(key)
            return layout
        widths = {s: w for _, w, s in self._column_geometry()}
        width = widths.get(side) or self._column_geometry()[0][1]
        para = self._paragraphs[row]
        layout = QTextLayout(self.text_of(row, side), self.role_font(para.role, side))
        option = QTextOption()
        option.setWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)
        if para.role in (ROLE_TITLE, ROLE_SUBTITLE, ROLE_AUTHOR):
            option.setAlignment(Qt.AlignmentFlag.AlignHCenter)
        layout.setTextOption(option)
        layout.setCacheEnabled(True)
        spacing = self._line_spacing / 100.0
        y = 0.0
        layout.beginLayout()
        while True:
            line = layout.createLine()
            if not line.isValid():
                break
            line.setLineWidth(width)
            line.setPosition(QPointF(0, y))
            y += line.height() * spacing
        layout.endLayout()
        self._layouts[key] = layout
        if len(self._layouts) > LAYOUT_CACHE_ROWS:
            self._layouts.popitem(last=False)
        return layout

    def _row_height(self, row: int) -> int:
        height = self._heights.get(row)
        if height is None:
            gap = self.fontMetrics().height() * 0.8
            heights = [self._layout(row, side).boundingRect().height() for side in self.column_sides()]
            height = max(1, int(max(heights) + gap + 0.5))
            self._heights[row] = height
        return height

    # ------------------------------------------------------------ painting

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self.viewport())
        palette = self.palette()
        painter.fillRect(event.rect(), palette.color(QPalette.ColorRole.Base))
        if not self._paragraphs:
            if self._placeholder:
                painter.setPen(palette.color(QPalette.ColorRole.PlaceholderText))
                area = QRectF(self.viewport().rect()).adjusted(4 * MARGIN, 0, -4 * MARGIN, 0)
                flags = Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap
                painter.drawText(area, int(flags), self._placeholder)
            return
        columns = self._column_geometry()
        text_color = palette.color(QPalette.ColorRole.Text)
        muted = palette.color(QPalette.ColorRole.PlaceholderText)
        height = self.viewport().height()
        y, row = -self._offset, self._top
        while row < len(self._paragraphs) and y < height:
            role = self._paragraphs[row].role
            painter.setPen(
                muted if role in (ROLE_META, ROLE_CAPTION, ROLE_REFERENCE, ROLE_AUTHOR) else text_color
            )
            for x, _width, side in columns:
                layout = self._layout(row, side)
                layout.draw(painter, QPointF(x, y), self._formats(row, side))
            y += self._row_height(row)
            row += 1
        if len(columns) == 2:
            divider = QColor(palette.color(QPalette.ColorRole.Mid))
            painter.setPen(divider)
            x = columns[1][0] - GUTTER / 2
            painter.drawLine(QPointF(x, 0), QPointF(x, height))

    def _formats(self, row: int, side: str) -> list[QTextLayout.FormatRange]:
        ranges: list[QTextLayout.FormatRange] = []
        spans = self._highlights.get(row)
        if spans:
            fmt = QTextCharFormat()
            fmt.setBackground(QColor("#ffe27a"))
            fmt.setForeground(QColor("#000000"))
            for s, e in spans:
                ranges.append(_format_range(*self.map_span(row, s, e, ORIGINAL, side), fmt))
        if self._current is not None and self._current[0] == row:
            fmt = QTextCharFormat()
            fmt.setBackground(QColor("#ff9a3c"))
            fmt.setForeground(QColor("#000000"))
            ranges.append(
                _format_range(*self.map_span(row, self._current[1], self._current[2], ORIGINAL, side), fmt)
            )
        sel = self._selection_in_row(row)
        if sel is not None and self._sel_side is not None:
            s, e = self.map_span(row, sel[0], sel[1], self._sel_side, side)
            fmt = QTextCharFormat()
            highlight = self.palette().color(QPalette.ColorRole.Highlight)
            if side == self._sel_side:
                fmt.setBackground(highlight)
                fmt.setForeground(self.palette().color(QPalette.ColorRole.HighlightedText))
            else:  # the mirrored selection: same range, lighter
                mirrored = QColor(highlight)
                mirrored.setAlpha(90)
                fmt.setBackground(mirrored)
            ranges.append(_format_range(s, e, fmt))
        return ranges

    def _selection_in_row(self, row: int) -> Span | None:
        if self._anchor is None or self._cursor is None or self._sel_side is None:
            return None
        (r0, p0), (r1, p1) = sorted((self._anchor, self._cursor))
        if not r0 <= row <= r1:
            return None
        s = p0 if row == r0 else 0
        e = p1 if row == r1 else len(self.text_of(row, self._sel_side))
        return (s, e) if e > s else None

    # ------------------------------------------------------------ input

    def _hit(self, x: float, y: float, side: str | None = None) -> tuple[str, int, int] | None:
        """(side, row, position) under a viewport point; with `side`, clamp into that column."""
        if not self._paragraphs:
            return None
        columns = self._column_geometry()
        column = None
        for cx, cw, cs in columns:
            if side == cs or (side is None and cx - GUTTER / 2 <= x <= cx + cw + GUTTER / 2):
                column = (cx, cw, cs)
        if column is None:
            column = columns[0] if x < columns[0][0] + columns[0][1] else columns[-1]
        cx, _cw, cs = column
        top, row = -self._offset, self._top
        if y < top:
            return cs, row, 0
        while row < len(self._paragraphs):
            h = self._row_height(row)
            if y < top + h or row == len(self._paragraphs) - 1:
                break
            top += h
            row += 1
        layout = self._layout(row, cs)
        local_y = y - top
        position = len(layout.text())
        for i in range(layout.lineCount()):
            line = layout.lineAt(i)
            if local_y < line.y() + line.height():
                position = line.xToCursor(x - cx)
                break
        return cs, row, position

    def mousePressEvent(self, event: QMouseEvent) -> None:
        if event.button() != Qt.MouseButton.LeftButton:
            super().mousePressEvent(event)
            return
        hit = self._hit(event.position().x(), event.position().y())
        if hit is None:
            return
        side, row, position = hit
        self._sel_side = side
        self._anchor = self._cursor = (row, position)
        self.viewport().update()
        self.selection_changed.emit()

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        if not (event.buttons() & Qt.MouseButton.LeftButton) or self._sel_side is None:
            return
        y = event.position().y()
        if y < 0:
            self.scroll_by(int(y))
        elif y > self.viewport().height():
            self.scroll_by(int(y - self.viewport().height()))
        hit = self._hit(event.position().x(), y, self._sel_side)
        if hit is not None:
            self._cursor = (hit[1], hit[2])
            self.viewport().update()
            self.selection_changed.emit()

    def mouseDoubleClickEvent(self, event: QMouseEvent) -> None:
        hit = self._hit(event.position().x(), event.position().y())
        if hit is None:
            return
        side, row, _pos = hit
        self.select_range(row, 0, len(self.text_of(row, side)), side)  # a paragraph at a time

    def wheelEvent(self, event: QWheelEvent) -> None:
        pixels = event.pixelDelta().y()
        if not pixels:
            pixels = int(event.angleDelta().y() / 120 * 3 * self.fontMetrics().height() * 1.5)
        if event.modifiers() & Qt.KeyboardModifier.ControlModifier:
            event.ignore()  # the window zooms
            return
        self.scroll_by(-pixels)
        event.accept()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        line = int(self.fontMetrics().height() * 1.5)
        page = max(line, int(self.viewport().height() * 0.9))
        key = event.key()
        move = next((m for k, m in _SELECTION_KEYS if event.matches(k)), None)
        if move is not None:
            self.extend_selection(move)
        elif event.matches(QKeySequence.StandardKey.SelectAll):
            self.select_all()
        elif event.matches(QKeySequence.StandardKey.Copy):
            self.copy_selection()
        elif key == Qt.Key.Key_Down:
            self.scroll_by(line)
        elif key == Qt.Key.Key_Up:
            self.scroll_by(-line)
        elif key in (Qt.Key.Key_PageDown, Qt.Key.Key_Space):
            self.scroll_by(page)
        elif key == Qt.Key.Key_PageUp:
            self.scroll_by(-page)
        elif key == Qt.Key.Key_Home:
            self.scroll_to_paragraph(0)
        elif key == Qt.Key.Key_End:
            self.scroll_to_paragraph(len(self._paragraphs) - 1)
        else:
            super().keyPressEvent(event)

    def resizeEvent(self, event: QResizeEvent) -> None:
        if event.oldSize().width() != event.size().width():
            self._layouts.clear()
            self._heights.clear()
        super().resizeEvent(event)
        self._update_scrollbar()

    def visible_rows(self) -> range:
        """The paragraphs currently on screen."""
        if not self._paragraphs:
            return range(0)
        y, row = -self._offset, self._top
        while row < len(self._paragraphs) and y < self.viewport().height():
            y += self._row_height(row)
            row += 1
        return range(self._top, row)

    def visible_rect(self) -> QRectF:
        return QRectF(self.viewport().rect())


def _format_range(start: int, end: int, fmt: QTextCharFormat) -> QTextLayout.FormatRange:
    r = QTextLayout.FormatRange()
    r.start = start
    r.length = max(0, end - start)
    r.format = fmt
    return r
