"""The row model behind the parallel view: one row per paragraph, its two columns laid out side by side.

A row holds paragraph N of the original and paragraph N of its conversion and is as tall as the
taller of the two, which is what keeps them facing each other. Conversions, offset maps and
QTextLayouts are made on first use and cached, so only the rows that are painted or walked over
cost anything. Text is laid out as plain text: QTextLayout has no notion of markup.
"""

from __future__ import annotations

import difflib
import logging
from collections import OrderedDict
from collections.abc import Callable, Iterator, Sequence

from PySide6.QtCore import QPointF, Qt
from PySide6.QtGui import QFont, QFontMetrics, QTextLayout, QTextOption

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
MARGIN, GUTTER = 14, 28
TOP_PADDING = 8  # above the first row, so the document does not start against the frame
LAYOUT_CACHE_ROWS = 3000

Converter = Callable[[str], str]
Span = tuple[int, int]

_ROLE_SCALE = {
    ROLE_TITLE: 1.45,
    ROLE_SUBTITLE: 1.2,
    ROLE_HEADING: 1.15,
    ROLE_AUTHOR: 0.95,
    ROLE_META: 0.9,
    ROLE_CAPTION: 0.9,
    ROLE_REFERENCE: 0.9,
}


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


class AlignedRows:
    """The paragraphs of one document in one or two columns, laid out lazily at the view's width.

    Args:
        font: the view's font; sizes are derived from its point size when the model is made.
        viewport_width: the width the columns share, asked for whenever a row is laid out.
    """

    def __init__(self, font: QFont, viewport_width: Callable[[], int]) -> None:
        self._viewport_width = viewport_width
        self._font = QFont(font)
        self._base_point_size = float(font.pointSizeF() if font.pointSizeF() > 0 else 11)
        self.document: Document | None = None
        self.paragraphs: Sequence[Paragraph] = ()
        self._converter: Converter = lambda text: text
        self._charwise: Converter | None = None
        self._converted: dict[int, str] = {}
        self._maps: dict[int, OffsetMap] = {}
        self._layouts: OrderedDict[tuple[int, str], QTextLayout] = OrderedDict()
        self._heights: dict[int, int] = {}
        self.original_side = "left"
        self.single_pane = False
        self.zoom = 0
        self.line_spacing = 150
        self._families = {ORIGINAL: "", CONVERTED: ""}

    def __len__(self) -> int:
        return len(self.paragraphs)

    # ------------------------------------------------------------ content

    def set_document(
        self, document: Document | None, converter: Converter, charwise: Converter | None
    ) -> None:
        self.document = document
        self.paragraphs = document.paragraphs if document is not None else ()
        self.set_converter(converter, charwise)

    def set_converter(self, converter: Converter, charwise: Converter | None) -> None:
        self._converter = converter
        self._charwise = charwise
        self.invalidate(conversion=True)

    def converted_text(self, row: int) -> str:
        """The conversion of paragraph `row` (converted on first use, then kept)."""
        text = self._converted.get(row)
        if text is None:
            text = self._converter(self.paragraphs[row].text)
            self._converted[row] = text
        return text

    def text_of(self, row: int, side: str) -> str:
        return self.paragraphs[row].text if side == ORIGINAL else self.converted_text(row)

    def row_of(self, paragraph_id: str) -> int | None:
        for i, p in enumerate(self.paragraphs):
            if p.id == paragraph_id:
                return i
        return None

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
            original = self.paragraphs[row].text
            charwise = self._charwise(original) if self._charwise is not None else None
            found = OffsetMap(original, self.converted_text(row), charwise)
            self._maps[row] = found
        return found

    # ------------------------------------------------------------ presentation

    def set_font(self, font: QFont) -> None:
        """The view's font changed (family, hinting); sizes still follow the zoom."""
        self._font = QFont(font)
        self.invalidate()

    def set_font_families(self, original: str, converted: str) -> None:
        self._families = {ORIGINAL: original, CONVERTED: converted}
        self.invalidate()

    def column_sides(self) -> list[str]:
        """The side shown in each visible column, left to right."""
        sides = [ORIGINAL, CONVERTED] if self.original_side == "left" else [CONVERTED, ORIGINAL]
        return sides[:1] if self.single_pane else sides

    def column_geometry(self) -> list[tuple[float, float, str]]:
        """(x, width, side) for each visible column."""
        width = self._viewport_width()
        sides = self.column_sides()
        if len(sides) == 1:
            return [(MARGIN, max(40.0, width - 2 * MARGIN), sides[0])]
        col = max(40.0, (width - 2 * MARGIN - GUTTER) / 2)
        return [(MARGIN, col, sides[0]), (MARGIN + col + GUTTER, col, sides[1])]

    def base_point_size(self) -> float:
        """The text size at zoom 0 (the status bar shows the zoom as a percentage of it)."""
        return self._base_point_size

    def role_font(self, role: str, side: str) -> QFont:
        """The font a paragraph of `role` is set in on `side`: headings larger and bold, the rest upright.

        Never italic: CJK fonts have no italic, so Qt slants the glyphs (poor to read); captions and
        bylines are set apart by a smaller size and the muted colour the painter gives them instead.
        """
        font = QFont(self._font)
        family = self._families.get(side) or ""
        if family:
            font.setFamilies([family, *font.families()])
        size = max(4.0, self._base_point_size + self.zoom)
        font.setPointSizeF(size * _ROLE_SCALE.get(role, 1.0))
        if role in (ROLE_TITLE, ROLE_SUBTITLE, ROLE_HEADING):
            font.setBold(True)
        font.setItalic(False)
        return font

    # ------------------------------------------------------------ layout

    def invalidate(self, *, conversion: bool = False) -> None:
        """Forget the layouts (and with `conversion`, the converted texts and offset maps too)."""
        if conversion:
            self._converted.clear()
            self._maps.clear()
        self._layouts.clear()
        self._heights.clear()

    def layout(self, row: int, side: str) -> QTextLayout:
        """Paragraph `row` of `side` laid out at its column's width (cached, least recently used out)."""
        key = (row, side)
        layout = self._layouts.get(key)
        if layout is not None:
            self._layouts.move_to_end(key)
            return layout
        geometry = self.column_geometry()
        width = next((w for _, w, s in geometry if s == side), geometry[0][1])
        para = self.paragraphs[row]
        layout = QTextLayout(self.text_of(row, side), self.role_font(para.role, side))
        option = QTextOption()
        option.setWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)
        if para.role in (ROLE_TITLE, ROLE_SUBTITLE, ROLE_AUTHOR):
            option.setAlignment(Qt.AlignmentFlag.AlignHCenter)
        layout.setTextOption(option)
        layout.setCacheEnabled(True)
        spacing = self.line_spacing / 100.0
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

    @staticmethod
    def text_top(row: int) -> int:
        """Where the row's text starts below the row's top (only the first row is padded)."""
        return TOP_PADDING if row == 0 else 0

    def row_height(self, row: int) -> int:
        """Pixels from this row's top to the next one's: its taller column plus the paragraph gap."""
        height = self._heights.get(row)
        if height is None:
            gap = QFontMetrics(self._font).height() * 0.8
            heights = [self.layout(row, side).boundingRect().height() for side in self.column_sides()]
            height = max(1, int(self.text_top(row) + max(heights) + gap + 0.5))
            self._heights[row] = height
        return height

    def rows_from(self, top: int, offset: int, height: float) -> Iterator[tuple[int, int]]:
        """(row, y) of each row from `top` (scrolled `offset` pixels into it) until `height` is filled."""
        y, row = -offset, top
        while row < len(self.paragraphs) and y < height:
            yield row, y
            y += self.row_height(row)
            row += 1

    def hit(
        self, x: float, y: float, top: int, offset: int, side: str | None = None
    ) -> tuple[str, int, int] | None:
        """(side, row, position) under a viewport point; with `side`, clamp into that column."""
        if not self.paragraphs:
            return None
        columns = self.column_geometry()
        column = None
        for cx, cw, cs in columns:
            if side == cs or (side is None and cx - GUTTER / 2 <= x <= cx + cw + GUTTER / 2):
                column = (cx, cw, cs)
        if column is None:
            column = columns[0] if x < columns[0][0] + columns[0][1] else columns[-1]
        cx, _cw, cs = column
        row_top, row = -offset, top
        if y < row_top:
            return cs, row, 0
        while row < len(self.paragraphs):
            h = self.row_height(row)
            if y < row_top + h or row == len(self.paragraphs) - 1:
                break
            row_top += h
            row += 1
        layout = self.layout(row, cs)
        local_y = y - row_top - self.text_top(row)
        position = len(layout.text())
        for i in range(layout.lineCount()):
            line = layout.lineAt(i)
            if local_y < line.y() + line.height():
                position = line.xToCursor(x - cx)
                break
        return cs, row, position
