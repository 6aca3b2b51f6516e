"""The archive tree: archive → kind → volume/year → document → sections, and its type-ahead filter."""

from __future__ import annotations

import html
import logging

from PySide6.QtCore import (
    QCoreApplication,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
)
from PySide6.QtGui import QColor, QIcon, QPainter, QPixmap, QStandardItem, QStandardItemModel

from viewer.core.documents import KINDS, Document, Section
from viewer.core.folding import clean_query_text, fold
from viewer.core.ingest import Archive
from viewer.gui.i18n import kind_label, script_label

logger = logging.getLogger(__name__)

DOC_ID_ROLE = Qt.ItemDataRole.UserRole + 1
PARAGRAPH_ID_ROLE = Qt.ItemDataRole.UserRole + 2
NODE_ROLE = Qt.ItemDataRole.UserRole + 3  # "archive", "kind", "volume", "document", "section"
SEARCH_TEXT_ROLE = Qt.ItemDataRole.UserRole + 4  # folded label text the filter looks in
SECTION_ID_ROLE = Qt.ItemDataRole.UserRole + 5


def _repaired_icon() -> QIcon:
    pixmap = QPixmap(12, 12)
    pixmap.fill(QColor(0, 0, 0, 0))
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setBrush(QColor("#e0a030"))
    painter.setPen(QColor("#a06810"))
    painter.drawEllipse(2, 2, 8, 8)
    painter.end()
    return QIcon(pixmap)


class DocumentTreeModel(QStandardItemModel):
    """Rows over the archive's documents and sections; built once per ingest."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._documents: dict[str, Document] = {}
        self._items: dict[tuple[str, str], QStandardItem] = {}  # (doc id, section id or "") → row
        self._folded: dict[str, str] = {}  # doc id → folded text, made the first time the filter looks
        self._repaired_icon: QIcon | None = None

    def set_archive(self, archive: Archive | None) -> None:
        self.clear()
        self._documents = {}
        self._items = {}
        self._folded = {}
        if archive is None:
            return
        if self._repaired_icon is None:
            self._repaired_icon = _repaired_icon()
        root = self._item(archive.root.name or str(archive.root), "archive")
        root.setToolTip(html.escape(str(archive.root)))
        self.appendRow(root)
        groups: dict[str, dict[str, list[Document]]] = {}
        for doc in archive.documents:
            self._documents[doc.id] = doc
            volume = doc.volume or (str(doc.year) if doc.year else "")
            groups.setdefault(doc.kind, {}).setdefault(volume, []).append(doc)
        for kind in sorted(groups, key=lambda k: KINDS.index(k) if k in KINDS else len(KINDS)):
            kind_item = self._item(kind_label(kind), "kind")
            root.appendRow(kind_item)
            for volume in sorted(groups[kind], reverse=True):
                parent = kind_item
                if volume:
                    parent = self._item(volume, "volume")
                    kind_item.appendRow(parent)
                for doc in groups[kind][volume]:
                    parent.appendRow(self._document_item(doc))

    def document(self, doc_id: str) -> Document | None:
        return self._documents.get(doc_id)

    def folded_text(self, doc_id: str) -> str:
        """The document's text folded (viewer.core.folding), kept for the next keystroke in the filter."""
        folded = self._folded.get(doc_id)
        if folded is None:
            doc = self._documents.get(doc_id)
            folded = fold(doc.text) if doc is not None else ""
            self._folded[doc_id] = folded
        return folded

    def index_of(self, doc_id: str, section_id: str = "") -> QModelIndex:
        """The row of a document's section, or of the document itself; invalid if neither is here."""
        item = self._items.get((doc_id, section_id)) or self._items.get((doc_id, ""))
        return item.index() if item is not None else QModelIndex()

    def first_document_id(self) -> str | None:
        """The document shown first in the tree (depth first), or None for an empty archive."""
        pending = [self.invisibleRootItem()]
        while pending:
            item = pending.pop()
            if item.data(NODE_ROLE) == "document":
                return str(item.data(DOC_ID_ROLE))
            pending.extend(item.child(r) for r in reversed(range(item.rowCount())))
        return None

    def _item(self, text: str, node: str) -> QStandardItem:
        item = QStandardItem(text)
        item.setEditable(False)
        item.setData(node, NODE_ROLE)
        item.setData(fold(text), SEARCH_TEXT_ROLE)
        return item

    def _document_item(self, doc: Document) -> QStandardItem:
        item = self._item(doc.title or doc.source, "document")
        item.setData(doc.id, DOC_ID_ROLE)
        self._items[(doc.id, "")] = item
        item.setData(fold(" ".join([doc.title, doc.subtitle, doc.source, *doc.authors])), SEARCH_TEXT_ROLE)
        item.setToolTip(document_tooltip(doc))
        if doc.repaired and self._repaired_icon is not None:
            item.setIcon(self._repaired_icon)
        by_id: dict[str, QStandardItem] = {}
        for section in doc.sections:
            child = self._section_item(doc, section)
            by_id[section.id] = child
            parent = by_id.get(section.parent or "", item)
            parent.appendRow(child)
        return item

    def _section_item(self, doc: Document, section: Section) -> QStandardItem:
        item = self._item(section.title, "section")
        item.setData(doc.id, DOC_ID_ROLE)
        first = section.heading_paragraph or (section.paragraph_ids[0] if section.paragraph_ids else "")
        item.setData(first, PARAGRAPH_ID_ROLE)
        item.setData(section.id, SECTION_ID_ROLE)
        self._items[(doc.id, section.id)] = item
        if section.author:
            item.setToolTip(html.escape(section.author))
        return item


def document_tooltip(doc: Document) -> str:
    """Metadata as a small table; every value escaped, since tooltips are rich text."""
    rows = [
        (QCoreApplication.translate("DocumentTree", "Title"), doc.title),
        (QCoreApplication.translate("DocumentTree", "Subtitle"), doc.subtitle),
        (QCoreApplication.translate("DocumentTree", "Authors"), "、".join(doc.authors)),
        (QCoreApplication.translate("DocumentTree", "Kind"), kind_label(doc.kind)),
        (QCoreApplication.translate("DocumentTree", "Volume"), doc.volume),
        (QCoreApplication.translate("DocumentTree", "Year"), str(doc.year) if doc.year else ""),
        (QCoreApplication.translate("DocumentTree", "Script"), script_label(doc.script)),
        (QCoreApplication.translate("DocumentTree", "File"), doc.source),
        (QCoreApplication.translate("DocumentTree", "Encoding"), doc.encoding),
        (QCoreApplication.translate("DocumentTree", "Size"), f"{doc.size / 1024:.1f} KB"),
    ]
    for key, value in sorted(doc.metadata.items()):
        if isinstance(value, (str, int, float)) and str(value):
            rows.append((str(key), str(value)))
    body = "".join(
        f"<tr><td><b>{html.escape(k)}</b>&nbsp;</td><td>{html.escape(v)}</td></tr>" for k, v in rows if v
    )
    repairs = [r for r in doc.repairs if r.count]
    if repairs:
        heading = QCoreApplication.translate("DocumentTree", "Repairs applied")
        items = "".join(f"<li>{html.escape(r.description or r.kind)} ×{r.count}</li>" for r in repairs)
        body += f"<tr><td colspan=2><b>{html.escape(heading)}</b><ul>{items}</ul></td></tr>"
    return f"<table>{body}</table>"


class DocumentFilterModel(QSortFilterProxyModel):
    """Keeps rows whose label, or whose document's text, contains the query in either script.

    Both sides are folded with the search's own fold (script, variants, width, case), so the filter
    and the archive search agree on what matches.
    """

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.setRecursiveFilteringEnabled(True)
        self.setAutoAcceptChildRows(True)
        self._needle = ""

    def set_query(self, query: str) -> None:
        self.beginFilterChange()
        self._needle = fold(clean_query_text(query).strip())
        self.endFilterChange()

    def filterAcceptsRow(self, source_row: int, source_parent: QModelIndex | QPersistentModelIndex) -> bool:
        if not self._needle:
            return True
        model = self.sourceModel()
        index = model.index(source_row, 0, source_parent)
        label = index.data(SEARCH_TEXT_ROLE) or ""
        if self._needle in label:
            return True
        if index.data(NODE_ROLE) == "document" and isinstance(model, DocumentTreeModel):
            return self._needle in model.folded_text(index.data(DOC_ID_ROLE))
        return False
