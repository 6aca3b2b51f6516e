"""Search results as a tree: one row per document (title, hit count), one child per paragraph hit, paged."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from PySide6.QtCore import (
    QAbstractItemModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QPointF,
    QRectF,
    Qt,
    Signal,
)
from PySide6.QtGui import (
    QColor,
    QPainter,
    QPalette,
    QTextCharFormat,
    QTextLayout,
    QTextOption,
)
from PySide6.QtWidgets import QStyle, QStyledItemDelegate, QStyleOptionViewItem

from viewer.core.citation import pilcrow
from viewer.gui import plain
from viewer.gui.i18n import kind_label

HIT_INDEX_ROLE = Qt.ItemDataRole.UserRole + 11  # index into the visible hit list
SNIPPET_MATCHES_ROLE = Qt.ItemDataRole.UserRole + 12
SNIPPET_LEAD = 12  # characters kept before a snippet's first match, so a narrow dock still shows it
SNIPPET_MIN_CUT = 5  # cutting fewer characters is not worth the "…" that replaces them


@dataclass
class _Group:
    """One document's rows: the hits of it loaded so far (indexes into the model's hit list)."""

    doc_id: str
    label: str
    tooltip: str
    hits: list[int] = field(default_factory=list)
    matches: int = 0


class ResultsModel(QAbstractItemModel):
    """The hits of one search as a two-level tree (documents, then paragraphs), loaded page by page.

    The core answers pages of hits grouped by document; the model appends them (a document cut by a
    page boundary goes on in its existing row) and asks for the next page (`more_wanted`) when the
    panel sees the list scrolled to its end, so every hit is reachable and none is held before it
    is needed. Qt's own canFetchMore/fetchMore is not used: a tree view calls it whenever its layout
    is pending (the scroll bar then reads 0 of 0), which loaded page after page unasked."""

    more_wanted = Signal()

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._groups: list[_Group] = []
        self._hits: list[Any] = []
        self._hit_group: list[int] = []  # the group row of each hit
        self._hit_row: list[int] = []  # its row within the group
        self._total = 0
        self._waiting = False  # a page was asked for and has not come

    # ------------------------------------------------------------ filling

    def reset(self, total_hits: int = 0) -> None:
        """Empty, for a new search whose result has `total_hits` hits."""
        self.beginResetModel()
        self._groups, self._hits, self._hit_group, self._hit_row = [], [], [], []
        self._total, self._waiting = total_hits, False
        self.endResetModel()

    def set_hits(self, hits: list[Any], total_hits: int | None = None) -> None:
        """The first page of a result (the whole result when `total_hits` is None)."""
        self.reset(len(hits) if total_hits is None else total_hits)
        self.append_hits(hits)

    def append_hits(self, hits: list[Any]) -> list[int]:
        """The next page; returns the rows of the documents it added (for the view to expand)."""
        self._waiting = False
        new_rows: list[int] = []
        for hit in hits:
            i = len(self._hits)
            group = self._groups[-1] if self._groups else None
            if group is None or group.doc_id != hit.doc_id:
                row = len(self._groups)
                self.beginInsertRows(QModelIndex(), row, row)
                self._groups.append(_Group(hit.doc_id, group_label(hit), group_tooltip(hit)))
                self.endInsertRows()
                new_rows.append(row)
                group = self._groups[-1]
            row = len(self._groups) - 1
            parent = self.index(row, 0)
            self.beginInsertRows(parent, len(group.hits), len(group.hits))
            self._hits.append(hit)
            self._hit_group.append(row)
            self._hit_row.append(len(group.hits))
            group.hits.append(i)
            group.matches += len(hit.matches) or 1
            self.endInsertRows()
            self.dataChanged.emit(parent, parent)
        return new_rows

    def hits(self) -> list[Any]:
        """The hits loaded so far, in result order."""
        return self._hits

    def total_hits(self) -> int:
        return self._total

    def has_more(self) -> bool:
        return len(self._hits) < self._total

    # ------------------------------------------------------------ paging

    def can_request_more(self) -> bool:
        return self.has_more() and not self._waiting

    def request_more(self) -> None:
        """Ask for the next page (once: until it comes or fails)."""
        if self.can_request_more():
            self._waiting = True
            self.more_wanted.emit()

    def page_failed(self) -> None:
        """The page asked for did not come (cancelled or failed): it may be asked for again."""
        self._waiting = False

    # ------------------------------------------------------------ the tree

    def index(
        self,
        row: int,
        column: int,
        parent: QModelIndex | QPersistentModelIndex = QModelIndex(),  # noqa: B008
    ) -> QModelIndex:
        if column != 0 or row < 0:
            return QModelIndex()
        if not parent.isValid():
            return self.createIndex(row, 0, 0) if row < len(self._groups) else QModelIndex()
        if parent.internalId() != 0:
            return QModelIndex()
        group_row = parent.row()
        if row < len(self._groups[group_row].hits):
            return self.createIndex(row, 0, group_row + 1)
        return QModelIndex()

    def parent(self, index: QModelIndex | QPersistentModelIndex = QModelIndex()) -> QModelIndex:  # type: ignore[override]  # noqa: B008
        if not index.isValid() or index.internalId() == 0:
            return QModelIndex()
        return self.createIndex(int(index.internalId()) - 1, 0, 0)

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        if not parent.isValid():
            return len(self._groups)
        if parent.internalId() == 0:
            return len(self._groups[parent.row()].hits)
        return 0

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 1

    def hasChildren(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> bool:  # noqa: B008
        return self.rowCount(parent) > 0

    def flags(self, index: QModelIndex | QPersistentModelIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    def data(
        self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if not index.isValid():
            return None
        if index.internalId() == 0:
            group = self._groups[index.row()]
            if role == Qt.ItemDataRole.DisplayRole:
                return f"{group.label}  ({group.matches})"
            if role == Qt.ItemDataRole.ToolTipRole:
                return group.tooltip
            if role == HIT_INDEX_ROLE:
                return group.hits[0]
            return None
        hit_index = self._groups[int(index.internalId()) - 1].hits[index.row()]
        if role == HIT_INDEX_ROLE:
            return hit_index
        hit = self._hits[hit_index]
        if role in (Qt.ItemDataRole.DisplayRole, SNIPPET_MATCHES_ROLE):
            snippet, matches = lead_trimmed(hit.snippet, list(hit.snippet_matches))
            prefix = f"{pilcrow(hit.paragraph_ordinal)}  "
            if role == Qt.ItemDataRole.DisplayRole:
                return prefix + snippet
            return [(len(prefix) + s, len(prefix) + e) for s, e in matches]
        if role == Qt.ItemDataRole.ToolTipRole:
            return plain.tooltip(hit.snippet)
        return None

    def index_of_hit(self, hit_index: int) -> QModelIndex:
        if 0 <= hit_index < len(self._hits):
            parent = self.index(self._hit_group[hit_index], 0)
            return self.index(self._hit_row[hit_index], 0, parent)
        return QModelIndex()


def group_label(hit: Any) -> str:
    """A result group's name: the document's title, and its file when the title does not name it.

    A file of many poems takes its first poem's title: the file's name then says which file it is."""
    name = hit.source.rpartition("/")[2]
    stem = name.rpartition(".")[0] or name
    title = hit.title or ""
    if not title or title == stem:
        return hit.source
    return f"{title} — {hit.source}"


def group_tooltip(hit: Any) -> str:
    year = f" · {hit.year}" if hit.year else ""
    return plain.tooltip(f"{hit.source} · {kind_label(hit.kind)}{year}")


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


SNIPPET_MAX_LINES = 3  # a snippet wraps in a narrow dock, up to this many lines


class SnippetDelegate(QStyledItemDelegate):
    """Paints a snippet as plain text with its matches marked (never as rich text), wrapped to the
    dock's width over up to SNIPPET_MAX_LINES lines so a narrow dock still shows the match."""

    def _layout(self, text: str, font: Any, width: float) -> tuple[QTextLayout, float]:
        layout = QTextLayout(text, font)
        option = QTextOption()
        option.setWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)
        layout.setTextOption(option)
        layout.beginLayout()
        height = 0.0
        for _ in range(SNIPPET_MAX_LINES):
            line = layout.createLine()
            if not line.isValid():
                break
            line.setLineWidth(max(40.0, width))
            line.setPosition(QPointF(0, height))
            height += line.height()
        layout.endLayout()
        return layout, height

    def _text_width(self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex) -> float:
        widget = option.widget
        width = float(option.rect.width())
        viewport = getattr(widget, "viewport", None)
        if viewport is not None and width <= 0:
            width = float(viewport().width())
        return width - 8

    def sizeHint(self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex) -> Any:
        size = super().sizeHint(option, index)
        if not index.data(SNIPPET_MATCHES_ROLE):
            return size
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        widget = opt.widget
        width = 0.0
        if widget is not None and hasattr(widget, "viewport"):
            indent = getattr(widget, "indentation", lambda: 20)()
            width = float(widget.viewport().width() - indent - 8)
        _layout, height = self._layout(opt.text, opt.font, width or 300.0)
        size.setHeight(max(size.height(), int(height) + 6))
        return size

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
        layout, height = self._layout(text, opt.font, self._text_width(opt, index))
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
        y = rect.top() + max(0.0, (rect.height() - height) / 2)
        layout.draw(painter, QPointF(rect.left() + 4, y), formats)
        painter.restore()
