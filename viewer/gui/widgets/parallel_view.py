"""The side-by-side reading view: paragraph N of the original faces paragraph N of its conversion.

One scroll area paints both columns, so alignment and synchronised scrolling come for free. Only the
rows on screen are converted and laid out (QTextLayout, cached), so a 5 MB document opens in
milliseconds and a scroll step never re-lays out the document. Text is always plain: QTextLayout has
no notion of markup, so `<b>` in a document is shown as the four characters it is.

The widget keeps the scroll position and handles input; its parts live beside it:
aligned_rows.py (the rows, their conversions and layouts), text_selection.py (the selection and its
keyboard moves) and parallel_painting.py (painting rows, highlights and the selection).
"""

from __future__ import annotations

import logging
import re
from collections.abc import Mapping, Sequence

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtGui import (
    QAction,
    QGuiApplication,
    QHelpEvent,
    QKeyEvent,
    QKeySequence,
    QMouseEvent,
    QPainter,
    QPaintEvent,
    QResizeEvent,
    QWheelEvent,
)
from PySide6.QtWidgets import QAbstractScrollArea, QToolTip, QWidget

from viewer.core.documents import Document
from viewer.core.repair.locate import repair_marks
from viewer.gui import plain
from viewer.gui.i18n import repair_label
from viewer.gui.widgets.aligned_rows import CONVERTED, ORIGINAL, AlignedRows, Converter, OffsetMap, Span
from viewer.gui.widgets.parallel_painting import Highlights, RowPainter, paint_placeholder, repair_mark_rect
from viewer.gui.widgets.text_selection import Position, TextRange, TextSelection, selection_move

__all__ = ["CONVERTED", "ORIGINAL", "OffsetMap", "ParallelView", "TextRange"]

logger = logging.getLogger(__name__)

SCROLL_UNITS = 100  # scrollbar steps per paragraph: the bar moves smoothly inside long paragraphs
MIN_ZOOM, MAX_ZOOM = -6, 30  # points added to the base font size
WHEEL_NOTCH = 120  # angleDelta of one mouse-wheel notch
SEARCH_LABEL_CHARS = 12  # of the selection, quoted in the context menu's search entry
REPAIRS_SHORTCUT = "Ctrl+R"  # the window's "Show repairs" action (set_repairs_shortcut follows it)


class ParallelView(QAbstractScrollArea):
    """Two aligned columns of one document: the original and its conversion, or just one of them."""

    selection_changed = Signal()
    top_paragraph_changed = Signal(int)
    zoom_changed = Signal(int)
    repair_marker_clicked = Signal(str)  # paragraph id: show what was repaired there
    search_requested = Signal(str)  # the selection, from the context menu: search the archive for it

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.viewport().setCursor(Qt.CursorShape.IBeamCursor)
        self.verticalScrollBar().valueChanged.connect(self._on_scrollbar_value_changed)
        self.rows = AlignedRows(self.font(), lambda: self.viewport().width())
        self._selection = TextSelection(self.rows)
        self._highlights = Highlights()
        self._painter = RowPainter(self.rows, self._highlights, self._selection)
        self._top, self._offset = 0, 0
        self._reported_top = 0  # the top paragraph top_paragraph_changed last announced
        self._wheel_zoom = 0  # angleDelta not yet turned into zoom steps (touchpads send fractions)
        self._syncing_scrollbar = False
        self._placeholder = ""
        # The paragraph scroll_to_paragraph went to, while the document's end keeps it from the top
        # (it is what the reader is at, and what the tree should name); any other scroll forgets it.
        self._target_row: int | None = None
        self._repairs_shortcut = REPAIRS_SHORTCUT
        self.setContextMenuPolicy(Qt.ContextMenuPolicy.ActionsContextMenu)
        self._search_separator = QAction(self)
        self._search_separator.setSeparator(True)
        self._search_action = QAction(self)
        self._search_action.triggered.connect(self._on_search_action_triggered)
        self.addActions([self._search_separator, self._search_action])
        self.selection_changed.connect(self._update_search_action)
        self._update_search_action()

    # ------------------------------------------------------------ content

    def set_placeholder_text(self, text: str) -> None:
        """The hint painted in the empty view while no document is open."""
        self._placeholder = text
        self.viewport().update()

    def placeholder_text(self) -> str:
        return self._placeholder

    def set_document(
        self, document: Document | None, converter: Converter, charwise: Converter | None = None
    ) -> None:
        """Show a document; `converter` turns one paragraph into the other script (called lazily)."""
        self.rows.set_document(document, converter, charwise)
        self._highlights.spans, self._highlights.current = {}, None
        self._painter.repair_marks = {}
        if document is not None and document.raw_text and document.repaired:
            self.set_repair_marks(repair_marks(document))  # ingested here: the raw text is at hand
        self._clear_selection()
        self._top, self._offset, self._reported_top = 0, 0, 0
        self._target_row = None
        self._update_scrollbar()
        self.viewport().update()

    def set_converter(self, converter: Converter, charwise: Converter | None = None) -> None:
        """Change the conversion (variant switch) and keep the reading position."""
        self.rows.set_converter(converter, charwise)
        self.viewport().update()

    def document(self) -> Document | None:
        return self.rows.document

    def paragraph_count(self) -> int:
        return len(self.rows)

    def converted_text(self, row: int) -> str:
        """The conversion of paragraph `row` (converted on first use, then kept)."""
        return self.rows.converted_text(row)

    def text_of(self, row: int, side: str) -> str:
        return self.rows.text_of(row, side)

    def row_of(self, paragraph_id: str) -> int | None:
        return self.rows.row_of(paragraph_id)

    # ------------------------------------------------------------ presentation

    def set_original_side(self, side: str) -> None:
        self.rows.original_side = "right" if side == "right" else "left"
        self._clear_selection()
        self._relayout()

    def original_side(self) -> str:
        return self.rows.original_side

    def set_single_pane(self, single: bool) -> None:
        self.rows.single_pane = bool(single)
        self._relayout()

    def is_single_pane(self) -> bool:
        return self.rows.single_pane

    def set_zoom(self, zoom: int) -> None:
        """Points added to the text size (Ctrl +/−, Ctrl+wheel); emits zoom_changed when it changes."""
        zoom = max(MIN_ZOOM, min(MAX_ZOOM, int(zoom)))
        changed = zoom != self.rows.zoom
        self.rows.zoom = zoom
        self._relayout()
        if changed:
            self.zoom_changed.emit(zoom)

    def zoom(self) -> int:
        return self.rows.zoom

    def set_line_spacing(self, percent: int) -> None:
        self.rows.line_spacing = max(100, min(300, int(percent)))
        self._relayout()

    def set_font_families(self, original: str, converted: str) -> None:
        self.rows.set_font_families(original, converted)
        self.viewport().update()

    def column_sides(self) -> list[str]:
        """The side shown in each visible column, left to right."""
        return self.rows.column_sides()

    def _relayout(self) -> None:
        self.rows.invalidate()
        self.viewport().update()

    # ------------------------------------------------------------ highlights

    def set_highlights(
        self, highlights: dict[int, list[Span]], current: tuple[int, int, int] | None = None
    ) -> None:
        """Mark ranges (original offsets, by row) in both columns; `current` = (row, start, end)."""
        self._highlights.spans = {row: list(spans) for row, spans in highlights.items()}
        self._highlights.current = current
        self.viewport().update()

    def highlights(self) -> dict[int, list[Span]]:
        """The marked ranges by row (search hits, find matches)."""
        return {row: list(spans) for row, spans in self._highlights.spans.items() if spans}

    def set_current_highlight(self, current: tuple[int, int, int] | None) -> None:
        self._highlights.current = current
        self.viewport().update()

    def current_highlight(self) -> tuple[int, int, int] | None:
        """The range F3 or a search hit went to, as (row, start, end) in original offsets."""
        return self._highlights.current

    def highlight_ranges(self, row: int, side: str) -> list[Span]:
        """The highlighted ranges of paragraph `row` as drawn in `side` (for tests and the excerpt tool)."""
        spans = self._highlights.in_row(row)
        if side == ORIGINAL:
            return spans
        return [self.map_span(row, s, e, ORIGINAL, CONVERTED) for s, e in spans]

    def map_span(self, row: int, start: int, end: int, source: str, target: str) -> Span:
        """The same range in the other column: identical offsets when lengths agree, else aligned."""
        return self.rows.map_span(row, start, end, source, target)

    # ------------------------------------------------------------ repaired marks

    def set_repair_marks(self, marks: Mapping[str, Sequence[str]]) -> None:
        """Mark repaired paragraphs: by paragraph id, the kinds of the repairs made there.

        Documents read from the catalogue hold no raw text, so the window computes these with
        viewer.core.repair.locate.repair_marks(doc, raw_text); ingested ones are marked on their own.
        """
        rows = {}
        for pid, kinds in marks.items():
            row = self.rows.row_of(pid)
            if row is not None and kinds:
                rows[row] = tuple(kinds)
        self._painter.repair_marks = rows
        self.viewport().update()

    def repair_marks(self) -> dict[int, tuple[str, ...]]:
        """By row: the kinds of the repairs made in that paragraph (the marked rows)."""
        return dict(self._painter.repair_marks)

    def set_repairs_shortcut(self, shortcut: str) -> None:
        """The shortcut of the window's repairs view, named in the mark's tooltip (native text)."""
        self._repairs_shortcut = shortcut

    def repair_mark_at(self, x: float, y: float) -> int | None:
        """The row whose repaired mark is under a viewport point, if any."""
        marks = self._painter.repair_marks
        if not marks:
            return None
        for row, row_y in self.rows.rows_from(self._top, self._offset, self.viewport().height()):
            if row in marks and repair_mark_rect(self.rows, row, row_y).adjusted(-3, -3, 3, 3).contains(x, y):
                return row
        return None

    def repair_mark_rect(self, row: int) -> tuple[float, float, float, float] | None:
        """(x, y, width, height) of `row`'s mark in the viewport, when it is marked and on screen."""
        if row not in self._painter.repair_marks:
            return None
        for r, row_y in self.rows.rows_from(self._top, self._offset, self.viewport().height()):
            if r == row:
                rect = repair_mark_rect(self.rows, row, row_y)
                return rect.x(), rect.y(), rect.width(), rect.height()
        return None

    def repair_mark_tooltip(self, row: int) -> str:
        """What the mark beside `row` says: the repairs made there and how to see them."""
        kinds = self._painter.repair_marks.get(row, ())
        names = self.tr(", ").join(repair_label(kind) for kind in kinds)
        return (
            self.tr("Repaired in this paragraph: %1.").replace("%1", names)
            + "\n"
            + self.tr(
                "Click the dot, or open the Repairs view (%1), to see each change beside the raw file."
            ).replace("%1", self._repairs_shortcut)
        )

    # ------------------------------------------------------------ selection

    def selection_ranges(self) -> list[TextRange]:
        """The selection as (document, paragraph, start, end in the ORIGINAL text, text), one per paragraph."""
        return self._selection.ranges()

    def selected_text(self) -> str:
        """The selected text as shown in the column where it was selected, paragraphs joined by newlines."""
        return self._selection.text()

    def select_range(self, row: int, start: int, end: int, side: str = ORIGINAL) -> None:
        """Select programmatically (tests, find-in-document)."""
        self._set_selection(side, (row, start), (row, end))

    def select_all(self) -> None:
        """Ctrl+A: the paragraph holding the selection's end (or the top one); pressed again, the document."""
        if not len(self.rows):
            return
        sel = self._selection
        side = sel.side or self.column_sides()[0]
        row = sel.cursor[0] if sel.cursor is not None else self._top
        paragraph = [(row, 0), (row, len(self.text_of(row, side)))]
        selected = list(sel.ordered() or ()) if sel.anchor and sel.cursor else None
        if selected == paragraph:
            last = len(self.rows) - 1
            self._set_selection(side, (0, 0), (last, len(self.text_of(last, side))))
        else:
            self._set_selection(side, *paragraph)

    def extend_selection(self, move: str) -> None:
        """Shift+arrows: move the selection's free end by a character, a line, to a line's or the
        document's start or end ("left", "right", "up", "down", "home", "end", "doc-start", "doc-end").

        Without a selection it starts at the top paragraph's start in the first column.
        """
        if not len(self.rows):
            return
        sel = self._selection
        side = sel.side or self.column_sides()[0]
        anchor = sel.anchor if sel.anchor is not None else (self._top, 0)
        cursor = sel.cursor if sel.cursor is not None else anchor
        cursor = sel.moved(cursor, side, move)
        self._set_selection(side, anchor, cursor)
        self._ensure_visible(cursor, side)

    def copy_selection(self) -> None:
        text = self.selected_text()
        if text:
            QGuiApplication.clipboard().setText(text)

    def _set_selection(self, side: str, anchor: Position, cursor: Position) -> None:
        self._selection.set(side, anchor, cursor)
        self.viewport().update()
        self.selection_changed.emit()

    def _clear_selection(self) -> None:
        if self._selection.clear():
            self.selection_changed.emit()

    def search_selection_action(self) -> QAction:
        """The context menu's "Search the archive for …" entry (disabled without a selection)."""
        return self._search_action

    def _selection_query(self) -> str:
        return re.sub(r"\s+", " ", self.selected_text()).strip()

    def _update_search_action(self) -> None:
        query = self._selection_query()
        short = query if len(query) <= SEARCH_LABEL_CHARS else query[:SEARCH_LABEL_CHARS].rstrip() + "…"
        if query:
            self._search_action.setText(
                self.tr("Search the archive for “%1”").replace("%1", short.replace("&", "&&"))
            )
        else:
            self._search_action.setText(self.tr("Search the archive for the selection"))
        self._search_action.setEnabled(bool(query))

    def _on_search_action_triggered(self) -> None:
        query = self._selection_query()
        if query:
            self.search_requested.emit(query)

    # ------------------------------------------------------------ scrolling

    def top_paragraph(self) -> int:
        """The paragraph the reader is at: the top one, or the one scrolled to when it is on screen but
        the end of the document keeps it from reaching the top."""
        return self._target_row if self._target_row is not None else self._top

    def visible_rows(self) -> range:
        """The paragraphs currently on screen."""
        end = self._top
        for row, _y in self.rows.rows_from(self._top, self._offset, self.viewport().height()):
            end = row + 1
        return range(self._top, end)

    def scroll_to_paragraph(self, row: int, position: int | None = None) -> None:
        """Bring paragraph `row` (and the line holding `position`, if given) a third down the view."""
        if not len(self.rows):
            return
        row = max(0, min(row, len(self.rows) - 1))
        self._top, self._offset = row, 0
        if position is not None:
            layout = self.rows.layout(row, ORIGINAL)
            line = layout.lineForTextPosition(max(0, min(position, len(self.rows.paragraphs[row].text))))
            if line.isValid():
                self._offset = self.rows.text_top(row) + int(line.y())
        self._scroll(-self.viewport().height() // 3 if position is not None else 0, target=row)

    def scroll_by(self, dy: int) -> None:
        """Scroll by pixels, walking paragraph boundaries; only rows passed over are laid out."""
        self._scroll(dy)

    def _scroll(self, dy: int, target: int | None = None) -> None:
        """Scroll by pixels; `target`: the paragraph scrolled to, reported as the top while on screen."""
        rows = self.rows
        if not len(rows):
            return
        self._offset += int(dy)
        while self._offset < 0 and self._top > 0:
            self._top -= 1
            self._offset += rows.row_height(self._top)
        self._offset = max(0, self._offset)
        while self._top < len(rows) - 1 and self._offset >= rows.row_height(self._top):
            self._offset -= rows.row_height(self._top)
            self._top += 1
        self._clamp_end()
        # The top row, once the scroll has settled (the end clamped): unless the scroll went to a
        # paragraph that is now on screen below it (a short last section, a hit a third down).
        self._target_row = target if target is not None and target > self._top else None
        if self._target_row is not None and self._target_row not in self.visible_rows():
            self._target_row = None
        self._update_scrollbar()
        self.viewport().update()
        self._report_top()

    def _clamp_end(self) -> None:
        """Do not scroll past the point where the last paragraph's end meets the bottom of the view."""
        rows, height = self.rows, self.viewport().height()
        total, row = -self._offset, self._top
        while row < len(rows) and total < height:
            total += rows.row_height(row)
            row += 1
        if row >= len(rows) and total < height:
            self._offset = max(0, self._offset - (height - total))
            while self._offset == 0 and self._top > 0:
                above = rows.row_height(self._top - 1)
                if total + above > height:
                    self._top -= 1
                    self._offset = above - (height - total)
                    break
                total += above
                self._top -= 1

    def _ensure_visible(self, cursor: Position, side: str) -> None:
        """Scroll just enough to show the line holding `cursor`."""
        row, pos = cursor
        line = self.rows.layout(row, side).lineForTextPosition(pos)
        pad = self.rows.text_top(row)
        line_top = pad + int(line.y()) if line.isValid() else 0
        line_bottom = pad + int(line.y() + line.height()) + 1 if line.isValid() else self.rows.row_height(row)
        if row < self._top or (row == self._top and line_top < self._offset):
            self._top, self._offset = row, line_top
            self.scroll_by(0)
            return
        height = self.viewport().height()
        y, r = -self._offset, self._top
        while r < row and y < height:
            y += self.rows.row_height(r)
            r += 1
        if r < row:  # far below the view: jump there
            self.scroll_to_paragraph(row, pos)
        elif y + line_bottom > height:
            self.scroll_by(y + line_bottom - height)

    def _update_scrollbar(self) -> None:
        bar = self.verticalScrollBar()
        self._syncing_scrollbar = True
        try:
            bar.setRange(0, max(0, (len(self.rows) - 1) * SCROLL_UNITS))
            bar.setPageStep(SCROLL_UNITS * 5)
            bar.setSingleStep(max(1, SCROLL_UNITS // 4))
            fraction = 0
            if len(self.rows):
                height = max(1, self.rows.row_height(self._top))
                fraction = min(SCROLL_UNITS - 1, self._offset * SCROLL_UNITS // height)
            bar.setValue(self._top * SCROLL_UNITS + fraction)
        finally:
            self._syncing_scrollbar = False

    def _on_scrollbar_value_changed(self, value: int) -> None:
        if self._syncing_scrollbar or not len(self.rows):
            return
        self._top = min(len(self.rows) - 1, value // SCROLL_UNITS)
        self._offset = (value % SCROLL_UNITS) * self.rows.row_height(self._top) // SCROLL_UNITS
        self._clamp_end()
        self._target_row = None
        self.viewport().update()
        self._report_top()

    def _report_top(self) -> None:
        top = self.top_paragraph()
        if top != self._reported_top:
            self._reported_top = top
            self.top_paragraph_changed.emit(top)

    # ------------------------------------------------------------ events

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self.viewport())
        viewport = self.viewport().rect()
        if not len(self.rows):
            paint_placeholder(painter, self.palette(), event.rect(), viewport, self._placeholder)
            return
        self._painter.paint(painter, self.palette(), event.rect(), viewport, self._top, self._offset)

    def viewportEvent(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ToolTip and isinstance(event, QHelpEvent):
            row = self.repair_mark_at(event.pos().x(), event.pos().y())
            if row is not None:
                tip = plain.tooltip(self.repair_mark_tooltip(row))  # a stored kind is shown by its name
                QToolTip.showText(event.globalPos(), tip, self.viewport())
            else:
                QToolTip.hideText()
                event.ignore()
            return True
        return super().viewportEvent(event)

    def actionEvent(self, event: QEvent) -> None:
        super().actionEvent(event)  # type: ignore[arg-type]
        # The window adds its own entries (copy, excerpt) to the context menu: keep the search last.
        ours = [self._search_separator, self._search_action]
        if getattr(self, "_reordering", False):
            return
        if event.type() == QEvent.Type.ActionAdded and self.actions()[-2:] != ours:
            self._reordering = True  # re-adding ours sends ActionAdded again
            try:
                for action in ours:
                    self.removeAction(action)
                self.addActions(ours)
            finally:
                self._reordering = False

    def mousePressEvent(self, event: QMouseEvent) -> None:
        if event.button() != Qt.MouseButton.LeftButton:
            super().mousePressEvent(event)
            return
        marked = self.repair_mark_at(event.position().x(), event.position().y())
        if marked is not None:
            self.repair_marker_clicked.emit(self.rows.paragraphs[marked].id)
            event.accept()
            return
        hit = self.rows.hit(event.position().x(), event.position().y(), self._top, self._offset)
        if hit is not None:
            side, row, position = hit
            self._set_selection(side, (row, position), (row, position))

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        sel = self._selection
        if not (event.buttons() & Qt.MouseButton.LeftButton) or sel.side is None or sel.anchor is None:
            return
        y = event.position().y()
        if y < 0:
            self.scroll_by(int(y))
        elif y > self.viewport().height():
            self.scroll_by(int(y - self.viewport().height()))
        hit = self.rows.hit(event.position().x(), y, self._top, self._offset, sel.side)
        if hit is not None:
            self._set_selection(sel.side, sel.anchor, (hit[1], hit[2]))

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        event.accept()  # the press did the work (a selection started, a mark clicked)

    def mouseDoubleClickEvent(self, event: QMouseEvent) -> None:
        hit = self.rows.hit(event.position().x(), event.position().y(), self._top, self._offset)
        if hit is not None:
            side, row, _pos = hit
            self.select_range(row, 0, len(self.text_of(row, side)), side)  # a paragraph at a time

    def wheelEvent(self, event: QWheelEvent) -> None:
        if event.modifiers() & Qt.KeyboardModifier.ControlModifier:
            # Ctrl+wheel zooms like Ctrl +/−: a step per notch, fractions (touchpads) add up.
            self._wheel_zoom += event.angleDelta().y()
            steps = int(self._wheel_zoom / WHEEL_NOTCH)
            if steps:
                self._wheel_zoom -= steps * WHEEL_NOTCH
                self.set_zoom(self.zoom() + steps)
            event.accept()
            return
        pixels = event.pixelDelta().y()
        if not pixels:
            pixels = int(event.angleDelta().y() / WHEEL_NOTCH * 3 * self.fontMetrics().height() * 1.5)
        self.scroll_by(-pixels)
        event.accept()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        line = int(self.fontMetrics().height() * 1.5)
        page = max(line, int(self.viewport().height() * 0.9))
        key = event.key()
        move = selection_move(event)
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
            self.scroll_to_paragraph(len(self.rows) - 1)
        else:
            super().keyPressEvent(event)

    def resizeEvent(self, event: QResizeEvent) -> None:
        if event.oldSize().width() != event.size().width():
            self.rows.invalidate()
        super().resizeEvent(event)
        self._update_scrollbar()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.FontChange:
            self.rows.set_font(self.font())
            self.viewport().update()
        super().changeEvent(event)
