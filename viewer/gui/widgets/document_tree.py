"""The documents dock: a filter box (either script) and a grouping choice over the archive tree."""

from __future__ import annotations

import logging

from PySide6.QtCore import QModelIndex, QTimer, Signal
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLineEdit, QTreeView, QVBoxLayout, QWidget

from viewer.gui.models.doc_tree import (
    DOC_ID_ROLE,
    FOLDERS,
    KINDS_AND_YEARS,
    NODE_ROLE,
    PARAGRAPH_ID_ROLE,
    SECTION_ID_ROLE,
    DocumentFilterModel,
    DocumentTreeModel,
    TreeArchive,
)

logger = logging.getLogger(__name__)

# The rows the panel opens by itself; never a document, whose sections are a catalogue read each.
_GROUP_NODES = ("archive", "folder", "kind", "volume")
# How much the panel opens on its own, in rows shown and in rows filtered to show them: each row costs
# a call into Python (laying out rows, ~15 us a row, took 1.4 s for one folder of 87,000 documents;
# filtering one, ~3 us: 30,000 made each keystroke ~0.1 s on 87,000 documents). Beyond that a group
# opens when the user asks.
_ROWS_SHOWN_AT_MOST = 3000
_ROWS_FILTERED_AT_MOST = 10000
# Up to this many groups and documents a keystroke filters at once (the poetry corpus, 870 files:
# ~20 ms); above it the filter waits until typing pauses, as one pass costs ~50-350 ms at 87,000.
_INSTANT_FILTER_ROWS = 20000
FILTER_DELAY_MS = 200


class DocumentTreePanel(QWidget):
    """The archive by folder (or by kind and year) → document → sections, narrowed as the user types."""

    location_chosen = Signal(str, str)  # document id, section's paragraph id ("" for a whole document)
    grouping_changed = Signal(str)  # "folders" or "kinds", when the user picks the other one

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        bar = QHBoxLayout()
        bar.setContentsMargins(0, 0, 0, 0)
        self.filter = QLineEdit(self)
        self.filter.setPlaceholderText(self.tr("Filter documents (either script)"))
        self.filter.setClearButtonEnabled(True)
        self.filter.textChanged.connect(self._on_filter_text_changed)
        self._filter_timer = QTimer(self)
        self._filter_timer.setSingleShot(True)
        self._filter_timer.setInterval(FILTER_DELAY_MS)
        self._filter_timer.timeout.connect(self._apply_filter)
        bar.addWidget(self.filter, 1)
        self.grouping_box = QComboBox(self)
        self.grouping_box.setObjectName("tree-grouping")
        self.grouping_box.addItem(self.tr("By folder"), FOLDERS)
        self.grouping_box.addItem(self.tr("By kind and year"), KINDS_AND_YEARS)
        self.grouping_box.setToolTip(self.tr("Group the documents by folder, or by kind and year"))
        self.grouping_box.activated.connect(self._on_grouping_box_activated)
        bar.addWidget(self.grouping_box)
        layout.addLayout(bar)
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
        self.tree.selectionModel().currentChanged.connect(self._on_tree_current_changed)
        layout.addWidget(self.tree, 1)
        # Where the reader is (or what the user last chose), kept while a filter hides its row, so
        # that clearing the filter selects it again. None: nothing chosen yet.
        self._location: tuple[str, str] | None = None
        self._moving = False  # the panel itself is moving the current row: not the user's choice
        self._show_grouping()

    def set_archive(self, archive: TreeArchive | None) -> None:
        """Show `archive` (narrowed by the filter text, if any); the remembered location is selected."""
        self._filter_timer.stop()
        self.proxy.set_query(self.filter.text())  # typed while the previous archive was shown
        self._moving = True
        try:
            self.model.set_archive(archive)
            self._show_grouping()
            self._expand()
        finally:
            self._moving = False
        self._show_location()

    def set_grouping(self, grouping: str) -> None:
        """ "folders", "kinds", or "" for the archive's own choice (folders when it has any); no signal."""
        generation = self.model.generation
        self._moving = True
        try:
            self.model.set_grouping(grouping)
            self._show_grouping()
            if self.model.generation == generation:
                return  # the same grouping: the rows and what the user opened stay
            self._expand()
        finally:
            self._moving = False
        self._show_location()

    def grouping(self) -> str:
        """The grouping shown: "folders" or "kinds"."""
        return self.model.grouping()

    def first_document_id(self) -> str | None:
        return self.model.first_document_id()

    def select_location(self, doc_id: str, section_id: str = "") -> None:
        """Show where the reader is: select the section (or the document) without opening it again.

        Only user clicks and activation open documents, so setting the current row here is silent.
        A row the filter hides falls back to its document; a hidden document leaves no selection,
        and is selected again when the filter changes to show it.
        """
        self._location = (doc_id, section_id)
        index = self._location_index()
        if index == self.tree.currentIndex():
            return
        self._select(index)

    def location(self) -> tuple[str, str] | None:
        """The remembered (document id, section id) the tree selects whenever its row shows."""
        return self._location

    def _location_index(self) -> QModelIndex:
        """The shown row of the remembered location: its section, else its document, else invalid."""
        if self._location is None:
            return QModelIndex()
        doc_id, section_id = self._location
        index = self.proxy.mapFromSource(self.model.index_of(doc_id, section_id))
        if not index.isValid() and section_id:
            index = self.proxy.mapFromSource(self.model.index_of(doc_id))
        return index

    def _select(self, index: QModelIndex) -> None:
        self._moving = True
        try:
            if not index.isValid():
                self.tree.clearSelection()
                return
            self.tree.setCurrentIndex(index)
            self.tree.scrollTo(index)
        finally:
            self._moving = False

    def _show_location(self) -> None:
        """After the rows changed (a filter, an archive, a grouping): the remembered row, in view."""
        self._select(self._location_index())

    def _show_grouping(self) -> None:
        self.grouping_box.setCurrentIndex(self.grouping_box.findData(self.model.grouping()))

    def _expand(self) -> None:
        """The archive and its groups open (or, while filtering, the branches holding matches).

        Never expandToDepth/expandAll: expanding a document row reads its sections, and opening
        everything lays out every row.
        """
        self.tree.collapseAll()
        branches = self.proxy.branches()
        if not self.proxy.filtering():
            for archive in (self.proxy.index(row, 0) for row in range(self.proxy.rowCount())):
                branches.append(self.proxy.mapToSource(archive))
                for row in range(self.proxy.rowCount(archive)):
                    child = self.proxy.index(row, 0, archive)
                    if child.data(NODE_ROLE) not in _GROUP_NODES:
                        break  # groups come first, then documents
                    branches.append(self.proxy.mapToSource(child))
        shown, filtered = _ROWS_SHOWN_AT_MOST, _ROWS_FILTERED_AT_MOST
        opened = {QModelIndex().internalId()}
        for source in branches:  # outermost first
            if shown <= 0 or filtered <= 0:
                break
            if source.parent().internalId() not in opened:
                continue  # inside a group left closed
            size = self.model.rowCount(source)
            index = self.proxy.mapFromSource(source)
            if size > filtered or not index.isValid():
                continue
            filtered -= size
            rows = self.proxy.rowCount(index)
            if rows <= shown:
                self.tree.expand(index)
                opened.add(source.internalId())
                shown -= rows

    def _on_tree_activated(self, index: QModelIndex) -> None:
        node, doc_id = index.data(NODE_ROLE), index.data(DOC_ID_ROLE)
        if node == "document" and doc_id:
            self.location_chosen.emit(doc_id, "")
        elif node == "section" and doc_id:
            self.location_chosen.emit(doc_id, index.data(PARAGRAPH_ID_ROLE) or "")

    def _on_grouping_box_activated(self, row: int) -> None:
        grouping = self.grouping_box.itemData(row)
        if grouping != self.model.grouping():
            self.set_grouping(grouping)
            self.grouping_changed.emit(grouping)

    def _on_tree_current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        doc_id = current.data(DOC_ID_ROLE)
        if not self._moving and doc_id:  # the user moved (click, keys): that is the location now
            self._location = (doc_id, current.data(SECTION_ID_ROLE) or "")

    def _on_filter_text_changed(self, _text: str) -> None:
        if self.model.row_total() <= _INSTANT_FILTER_ROWS:
            self._apply_filter()
        else:
            self._filter_timer.start()  # restarted by each keystroke: one pass when typing pauses

    def filter_pending(self) -> bool:
        """Whether typed text waits for typing to pause before it filters (a large archive)."""
        return self._filter_timer.isActive()

    def apply_filter(self) -> None:
        """Filter by the typed text now, rather than when typing pauses."""
        self._apply_filter()

    def _apply_filter(self) -> None:
        self._filter_timer.stop()
        self._moving = True
        try:
            if not self.proxy.set_query(self.filter.text()):
                return
            self._expand()
        finally:
            self._moving = False
        self._show_location()
