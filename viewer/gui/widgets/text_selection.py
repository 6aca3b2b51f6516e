"""The selection in the parallel view: a range made in one column, read back in original offsets.

The selection runs from an anchor to a cursor, each (row, position) in the column it was made in;
the other column shows the same range through the rows' offset maps. Keyboard selection moves the
cursor by characters, lines (through the cached layouts), line ends and the document's ends.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import Any

from PySide6.QtGui import QKeyEvent, QKeySequence

from viewer.gui.widgets.aligned_rows import ORIGINAL, AlignedRows, Span

logger = logging.getLogger(__name__)

Position = tuple[int, int]  # (row, offset in that row's text in the selection's column)

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


def selection_move(event: QKeyEvent) -> str | None:
    """The move a key press asks of the selection's free end ("left", "down", "doc-end", …), if any."""
    return next((move for key, move in _SELECTION_KEYS if event.matches(key)), None)


@dataclass(frozen=True)
class TextRange:
    """A selected range inside one paragraph, in offsets into its ORIGINAL (repaired) text."""

    document_id: str
    paragraph_id: str
    start: int
    end: int
    text: str


class TextSelection:
    """Anchor, cursor and column of the current selection over a document's rows."""

    def __init__(self, rows: AlignedRows) -> None:
        self._rows = rows
        self.side: str | None = None
        self.anchor: Position | None = None
        self.cursor: Position | None = None

    def set(self, side: str, anchor: Position, cursor: Position) -> None:
        self.side, self.anchor, self.cursor = side, anchor, cursor

    def clear(self) -> bool:
        """Drop the selection; True when there was one."""
        had = self.side is not None
        self.side, self.anchor, self.cursor = None, None, None
        return had

    def ordered(self) -> tuple[Position, Position] | None:
        if self.anchor is None or self.cursor is None:
            return None
        first, last = sorted((self.anchor, self.cursor))
        return first, last

    def span_in_row(self, row: int) -> Span | None:
        """The selected range of `row` in the selection's own column, or None."""
        bounds = self.ordered()
        if bounds is None or self.side is None:
            return None
        (r0, p0), (r1, p1) = bounds
        if not r0 <= row <= r1:
            return None
        s = p0 if row == r0 else 0
        e = p1 if row == r1 else len(self._rows.text_of(row, self.side))
        return (s, e) if e > s else None

    def ranges(self) -> list[TextRange]:
        """One TextRange per paragraph touched, in ORIGINAL offsets whichever column was selected."""
        document, bounds = self._rows.document, self.ordered()
        if document is None or self.side is None or bounds is None:
            return []
        out: list[TextRange] = []
        for row in range(bounds[0][0], bounds[1][0] + 1):
            span = self.span_in_row(row)
            if span is None:
                continue
            s, e = self._rows.map_span(row, span[0], span[1], self.side, ORIGINAL)
            para = self._rows.paragraphs[row]
            if e > s:
                out.append(TextRange(document.id, para.id, s, e, para.text[s:e]))
        return out

    def text(self) -> str:
        """The selected text as shown in the column where it was selected, paragraphs joined by newlines."""
        bounds = self.ordered()
        if self.side is None or bounds is None:
            return ""
        (r0, p0), (r1, p1) = bounds
        parts = []
        for row in range(r0, r1 + 1):
            text = self._rows.text_of(row, self.side)
            parts.append(text[(p0 if row == r0 else 0) : (p1 if row == r1 else len(text))])
        return "\n".join(parts)

    def moved(self, cursor: Position, side: str, move: str) -> Position:
        """Where `move` takes `cursor` in `side`: a character, a line (keeping x), a line's or the
        document's start or end."""
        rows = self._rows
        row, pos = cursor
        last = len(rows) - 1
        length = len(rows.text_of(row, side))
        if move == "left":
            if pos > 0:
                return row, pos - 1
            return (row - 1, len(rows.text_of(row - 1, side))) if row else cursor
        if move == "right":
            return (row, pos + 1) if pos < length else ((row + 1, 0) if row < last else cursor)
        if move == "doc-start":
            return 0, 0
        if move == "doc-end":
            return last, len(rows.text_of(last, side))
        layout = rows.layout(row, side)
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
                (row + 1, rows.layout(row + 1, side).lineAt(0).xToCursor(x)) if row < last else (row, length)
            )
        if row == 0:
            return 0, 0
        above = rows.layout(row - 1, side)
        return row - 1, above.lineAt(above.lineCount() - 1).xToCursor(x)
