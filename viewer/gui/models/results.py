"""Search results as a tree: one row per document (title, hit count), one child per paragraph hit."""

from __future__ import annotations

import html
from typing import Any

from PySide6.QtCore import QModelIndex, QObject, QPersistentModelIndex, QPointF, QRectF, Qt
from PySide6.QtGui import (
    QColor,
    QPainter,
    QPalette,
    QStandardItem,
    QStandardItemModel,
    QTextCharFormat,
    QTextLayout,
    QTextOption,
)
from PySide6.QtWidgets import QStyle, QStyledItemDelegate, QStyleOptionViewItem

from viewer.gui.i18n import kind_label

HIT_INDEX_ROLE = Qt.ItemDataRole.UserRole + 11  # index into the visible hit list
SNIPPET_MATCHES_ROLE = Qt.ItemDataRole.UserRole + 12
SNIPPET_LEAD = 12  # characters kept before a snippet's first match, so a narrow dock still shows it
SNIPPET_MIN_CUT = 5  # cutting fewer characters is not worth the "…" that replaces them


class ResultsModel(QStandardItemModel):
    """Rows over a list of hits already grouped by document (the search contract guarantees it)."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._hit_items: list[QStandardItem] = []

    def set_hits(self, hits: list[Any]) -> None:
        self.clear()
        self._hit_items = []
        doc_item: QStandardItem | None = None
        current_doc = None
        count = 0
        for i, hit in enumerate(hits):
            if hit.doc_id != current_doc:
                if doc_item is not None:
                    self._finish_doc(doc_item, count)
                current_doc, count = hit.doc_id, 0
                doc_item = QStandardItem(hit.title or hit.source)
                doc_item.setEditable(False)
                doc_item.setData(i, HIT_INDEX_ROLE)
                year = f" · {hit.year}" if hit.year else ""
                doc_item.setToolTip(html.escape(f"{hit.source} · {kind_label(hit.kind)}{year}"))
                self.appendRow(doc_item)
            count += len(hit.matches) or 1
            snippet, matches = lead_trimmed(hit.snippet, list(hit.snippet_matches))
            child = QStandardItem(f"¶{hit.paragraph_ordinal + 1}  {snippet}")
            child.setEditable(False)
            child.setData(i, HIT_INDEX_ROLE)
            prefix = len(f"¶{hit.paragraph_ordinal + 1}  ")
            child.setData([(prefix + s, prefix + e) for s, e in matches], SNIPPET_MATCHES_ROLE)
            child.setToolTip(html.escape(hit.snippet))
            assert doc_item is not None
            doc_item.appendRow(child)
            self._hit_items.append(child)
        if doc_item is not None:
            self._finish_doc(doc_item, count)

    @staticmethod
    def _finish_doc(item: QStandardItem, count: int) -> None:
        item.setText(f"{item.text()}  ({count})")

    def index_of_hit(self, hit_index: int) -> QModelIndex:
        if 0 <= hit_index < len(self._hit_items):
            return self._hit_items[hit_index].index()
        return QModelIndex()


def lead_trimmed(snippet: str, matches: list[tuple[int, int]]) -> tuple[str, list[tuple[int, int]]]:
    """The snippet cut to start SNIPPET_LEAD characters before its first match (marked "…"), and
    the matches moved with it; the row's tooltip keeps the whole snippet."""
    if not matches:
        return snippet, matches
    cut = min(s for s, _e in matches) - SNIPPET_LEAD
    if cut < SNIPPET_MIN_CUT:
        return snippet, matches
    shift = cut - 1  # one character for the "…"
    return "…" + snippet[cut:], [(s - shift, e - shift) for s, e in matches]


class SnippetDelegate(QStyledItemDelegate):
    """Paints a snippet as plain text with its matches marked (never as rich text)."""

    def paint(
        self, painter: QPainter, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> None:
        matches = index.data(SNIPPET_MATCHES_ROLE)
        if not matches:
            super().paint(painter, option, index)
            return
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        text = opt.text
        opt.text = ""
        style = opt.widget.style() if opt.widget is not None else None
        if style is not None:
            style.drawControl(QStyle.ControlElement.CE_ItemViewItem, opt, painter, opt.widget)
        layout = QTextLayout(text, opt.font)
        option_ = QTextOption()
        option_.setWrapMode(QTextOption.WrapMode.NoWrap)
        layout.setTextOption(option_)
        layout.beginLayout()
        line = layout.createLine()
        if line.isValid():
            line.setLineWidth(1e6)
            line.setPosition(QPointF(0, 0))
        layout.endLayout()
        formats = []
        for s, e in matches:
            fmt = QTextCharFormat()
            fmt.setBackground(QColor("#ffe27a"))
            fmt.setForeground(QColor("#000000"))
            r = QTextLayout.FormatRange()
            r.start, r.length, r.format = s, max(0, e - s), fmt
            formats.append(r)
        selected = bool(opt.state & QStyle.StateFlag.State_Selected)
        role = QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text
        painter.save()
        painter.setClipRect(opt.rect)
        painter.setPen(opt.palette.color(role))
        rect = QRectF(opt.rect)
        y = rect.top() + (rect.height() - layout.boundingRect().height()) / 2
        layout.draw(painter, QPointF(rect.left() + 4, y), formats)
        painter.restore()
