"""The documents dock: a filter box (either script) over the archive tree; choosing a row opens it."""

from __future__ import annotations

import logging

from PySide6.QtCore import QModelIndex, Signal
from PySide6.QtWidgets import QLineEdit, QTreeView, QVBoxLayout, QWidget

from viewer.core.ingest import Archive
from viewer.gui.models.doc_tree import (
    DOC_ID_ROLE,
    NODE_ROLE,
    PARAGRAPH_ID_ROLE,
    DocumentFilterModel,
    DocumentTreeModel,
)

logger = logging.getLogger(__name__)


class DocumentTreePanel(QWidget):
    """Archive → kind → volume → document → sections, narrowed as the user types."""

    location_chosen = Signal(str, str)  # document id, section's paragraph id ("" for a whole document)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        self.filter = QLineEdit(self)
        self.filter.setPlaceholderText(self.tr("Filter documents (either script)"))
        self.filter.setClearButtonEnabled(True)
        self.filter.textChanged.connect(self._on_filter_text_changed)
        layout.addWidget(self.filter)
        self.model = DocumentTreeModel(self)
        self.proxy = DocumentFilterModel(self)
        self.proxy.setSourceModel(self.model)
        self.tree = QTreeView(self)
        self.tree.setObjectName("document-tree")
        self.tree.setHeaderHidden(True)
        self.tree.setModel(self.proxy)
        self.tree.setUniformRowHeights(True)
        self.tree.clicked.connect(self._on_tree_activated)
        self.tree.activated.connect(self._on_tree_activated)
        layout.addWidget(self.tree, 1)

    def set_archive(self, archive: Archive | None) -> None:
        self.model.set_archive(archive)
        self.tree.expandToDepth(1)

    def first_document_id(self) -> str | None:
        return self.model.first_document_id()

    def select_location(self, doc_id: str, section_id: str = "") -> None:
        """Show where the reader is: select the section (or the document) without opening it again.

        Only user clicks and activation open documents, so setting the current row here is silent.
        A row the filter hides falls back to its document; a hidden document leaves no selection.
        """
        source = self.model.index_of(doc_id, section_id)
        index = self.proxy.mapFromSource(source)
        if not index.isValid() and section_id:
            index = self.proxy.mapFromSource(self.model.index_of(doc_id))
        if index == self.tree.currentIndex():
            return
        if not index.isValid():
            self.tree.clearSelection()
            return
        self.tree.setCurrentIndex(index)
        self.tree.scrollTo(index)

    def _on_tree_activated(self, index: QModelIndex) -> None:
        node, doc_id = index.data(NODE_ROLE), index.data(DOC_ID_ROLE)
        if node == "document" and doc_id:
            self.location_chosen.emit(doc_id, "")
        elif node == "section" and doc_id:
            self.location_chosen.emit(doc_id, index.data(PARAGRAPH_ID_ROLE) or "")

    def _on_filter_text_changed(self, text: str) -> None:
        self.proxy.set_query(text)
        if text:
            self.tree.expandAll()
        else:
            self.tree.collapseAll()
            self.tree.expandToDepth(1)
