"""The main window: the composition root that lays out the widgets and wires the parts together.

What is open (the archive, its index, the document) lives in one ArchiveSession whose signals the
parts follow; each part gets only what it uses in its constructor. Integration points:

- ``MainWindow.view.selection_ranges()`` (also ``MainWindow.selection_ranges()``) returns the current
  selection as a list of :class:`~viewer.gui.widgets.parallel_view.TextRange`
  ``(document_id, paragraph_id, start, end, text)``, one per paragraph, offsets into the paragraph's
  ORIGINAL (repaired) text, whichever column the user selected in; ``view.selection_changed`` fires
  when it changes; ``current_document()`` is the open :class:`~viewer.core.documents.Document`.
- ``commands.add_excerpt_action`` (Ctrl+E) and ``commands.copy_citation_action`` (Ctrl+Shift+C) are in
  the Edit menu, the toolbar and the text's context menu; the window re-emits the ExcerptsController's
  ``excerpt_requested(list[TextRange])`` and ``citation_requested(list[TextRange])``.
- ``add_dock(widget, title, object_name, area)`` adds a dock (remembered in the saved layout) and its
  toggle in the View menu.
- ``open_document(doc_id, paragraph_id=None, start=None, end=None)`` opens a document at a paragraph
  with the range highlighted in both columns (search results and excerpts use the same method).
- Events: ``archive_loaded(Archive)``, ``index_ready()``, ``document_opened(Document)``,
  ``search_finished(SearchResults | None)``.

The window keeps the view options (variant, original script) and shows documents; its parts:

- archive_session.py: the archive, its index and the open document, with their signals;
- actions.py: every action and shortcut (one WindowCommands object), the menus, the toolbar;
- archive_jobs.py: reading the archive and updating its index in the background, progress, cancel;
- search_controller.py: archive search (paged), F3 through every hit, and find-in-document;
- results_views.py: the KWIC and chart tabs of the results dock;
- excerpts_controller.py and bookmarks_controller.py: excerpts, citations, bookmarks, export;
- pdf_page_controller.py: the PDF page of the current paragraph in its dock (Ctrl+Shift+G);
- print_commands.py: Print… and Print to PDF…;
- saved_state.py: layout, open document, scroll, zoom and history saved and restored across restarts.
Threads: see jobs.py.
"""

from __future__ import annotations

import functools
import logging
from collections.abc import Callable
from pathlib import Path
from typing import Any, NamedTuple

from PySide6.QtCore import QEvent, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QCloseEvent, QDragEnterEvent, QDropEvent, QKeySequence
from PySide6.QtWidgets import (
    QApplication,
    QDockWidget,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QMainWindow,
    QMessageBox,
    QProgressBar,
    QTabWidget,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from viewer.core.bookmarks import bookmark_target
from viewer.core.catalogue import CatalogueArchive as Archive
from viewer.core.convert import TRADITIONAL_VARIANTS, ConversionCache, char_table, traditional_config
from viewer.core.documents import SCRIPT_TRADITIONAL, Document
from viewer.core.excerpts import ExcerptStore
from viewer.errors import Cancelled, ViewerError
from viewer.gui import plain
from viewer.gui.actions import WindowCommands
from viewer.gui.archive_jobs import ArchiveJobs, StatusParts
from viewer.gui.archive_session import ArchiveSession
from viewer.gui.bookmarks_controller import BookmarksController
from viewer.gui.dialogs.preferences import PreferencesDialog
from viewer.gui.excerpts_controller import ExcerptsController
from viewer.gui.i18n import core_text, script_label, variant_label, variant_tip
from viewer.gui.jobs import JobRunner, JobSlot, Pool
from viewer.gui.pdf_page_controller import PdfPageController
from viewer.gui.print_commands import PrintCommands
from viewer.gui.results_views import ResultsViews
from viewer.gui.saved_state import SavedState
from viewer.gui.search_controller import SearchController
from viewer.gui.theme import apply_theme
from viewer.gui.widgets.bookmark_panel import BookmarkPanel
from viewer.gui.widgets.document_tree import DocumentTreePanel
from viewer.gui.widgets.find_bar import FindBar
from viewer.gui.widgets.hits_chart import HitsChart
from viewer.gui.widgets.kwic_view import KwicView
from viewer.gui.widgets.parallel_view import CONVERTED, ORIGINAL, ParallelView, TextRange
from viewer.gui.widgets.pdf_page_panel import PdfPagePanel
from viewer.gui.widgets.repairs_panel import RepairsPanel
from viewer.gui.widgets.search_panel import ResultsPanel, SearchBar
from viewer.paths import DataPaths
from viewer.settings import Settings

logger = logging.getLogger(__name__)


class RepairStudy(NamedTuple):
    """What the repairs job found for a document: its raw file and where each repair lies, or why not."""

    document: Document
    raw_text: str
    locations: Any  # RepairLocations | None
    problem: str


class MainWindow(QMainWindow):
    """The reading window; see the module docstring for the places other features plug in."""

    archive_loaded = Signal(object)  # Archive
    index_ready = Signal()
    document_opened = Signal(object)  # Document
    search_finished = Signal(object)  # SearchResults, or None when the search failed
    excerpt_requested = Signal(list)  # list[TextRange]
    citation_requested = Signal(list)  # list[TextRange]

    def __init__(
        self,
        archive_root: Path,
        paths: DataPaths,
        settings: Settings,
        *,
        pool: Pool | None = None,
        servers: str | None = None,
    ) -> None:
        super().__init__()
        self.setObjectName("main-window")
        self.paths = paths
        self.settings = settings
        self.archive_session = ArchiveSession(Path(archive_root), self)
        self.jobs = JobRunner(pool, self)
        self._conversions = ConversionCache()
        self._original_override = ""  # "", "simplified" or "traditional"
        self._closed = False
        self.setWindowTitle(self.tr("Archive Viewer"))
        self.setAcceptDrops(True)
        self._build_central()
        self._build_docks()
        self._build_status_bar()
        self.excerpts = ExcerptsController(
            self.archive_session,
            paths.excerpts_db,
            settings,
            self.view,
            self.open_document,
            self.traditional_variant,
            self.statusBar().showMessage,
            self,
        )
        self.excerpts.excerpt_requested.connect(self.excerpt_requested)
        self.excerpts.citation_requested.connect(self.citation_requested)
        self.excerpts_dock: QDockWidget | None = None
        self.bookmarks: BookmarksController | None = None
        self.bookmarks_dock: QDockWidget | None = None
        if self.excerpts.panel is not None and self.excerpts.store is not None:
            self.excerpts_dock = self.add_dock(
                self.excerpts.panel,
                self.tr("Excerpts"),
                "excerpts-dock",
                Qt.DockWidgetArea.RightDockWidgetArea,
            )
            self.excerpts.shown.connect(self.excerpts_dock.show)
            self._build_bookmarks(self.excerpts.store)
        status = StatusParts(
            self.archive_label,
            self.index_label,
            self.progress,
            self.cancel_button,
            self.problems_button,
            self.statusBar().showMessage,
        )
        self.archive_jobs = ArchiveJobs(
            self.jobs, self.archive_session, paths, settings, status, self, servers=servers
        )
        self.search = SearchController(
            self.jobs,
            self.archive_session,
            self.archive_jobs,
            settings,
            self.search_bar,
            self.results,
            self.find_bar,
            self.view,
            self.open_document,
            self.results_dock.show,
            self.statusBar().showMessage,
            self,
        )
        self.search.search_finished.connect(self._on_search_finished)
        self.archive_jobs.index_unavailable.connect(self.search.index_unavailable)
        self.results_views = ResultsViews(
            self.jobs,
            self.archive_session,
            self.search,
            self.results,
            self.results_tabs,
            self.kwic_view,
            self.hits_chart,
            self.open_document,
            self,
        )
        self._marks = JobSlot(self.jobs, "repairs", self)  # the raw file and the repairs of the open document
        self._build_pdf_page_dock()
        self.pdf_page = PdfPageController(
            self.jobs, self.archive_session, self.view, self.pdf_page_panel, parent=self
        )
        self.pdf_page_dock.visibilityChanged.connect(self.pdf_page.set_shown)
        self._repair_study: RepairStudy | None = None
        self.printing = PrintCommands(self.view, self._header_texts, self, self.statusBar().showMessage)
        self.saved_state = SavedState(self)
        self.commands = WindowCommands(self)
        self.saved_state.apply_reading_settings()
        self.archive_session.archive_changed.connect(self._on_session_archive_changed)
        self.archive_session.index_changed.connect(self._on_session_index_changed)
        self._update_placeholder(None)
        self.resize(1280, 820)

    # ================================================================ layout

    def _build_central(self) -> None:
        central = QWidget(self)
        layout = QVBoxLayout(central)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        header = QWidget(central)
        header_layout = QHBoxLayout(header)
        header_layout.setContentsMargins(14, 4, 14, 4)
        self.left_header = QLabel(header)
        self.right_header = QLabel(header)
        for label in (self.left_header, self.right_header):
            label.setTextFormat(Qt.TextFormat.PlainText)
            header_layout.addWidget(label, 1)
        layout.addWidget(header)
        self.view = ParallelView(central)
        self.view.setObjectName("parallel-view")
        self.view.zoom_changed.connect(self._on_view_zoom_changed)
        self.view.top_paragraph_changed.connect(self._on_view_top_paragraph_changed)
        layout.addWidget(self.view, 1)
        self.find_bar = FindBar(central)
        self.find_bar.hide()
        layout.addWidget(self.find_bar)
        self.setCentralWidget(central)
        self.search_bar = SearchBar(self)  # WindowCommands puts it in the toolbar

    def _build_docks(self) -> None:
        self.tree_panel = DocumentTreePanel(self)
        self.tree_panel.location_chosen.connect(self._on_tree_panel_location_chosen)
        self.tree_panel.set_grouping(self.settings.tree_grouping)
        self.tree_panel.grouping_changed.connect(self._on_tree_panel_grouping_changed)
        self.tree, self.tree_filter = self.tree_panel.tree, self.tree_panel.filter
        self.tree_model, self.tree_proxy = self.tree_panel.model, self.tree_panel.proxy
        self.tree_dock = self.add_dock(
            self.tree_panel, self.tr("Documents"), "documents-dock", Qt.DockWidgetArea.LeftDockWidgetArea
        )
        self.results = ResultsPanel(self)
        self.kwic_view = KwicView(self)
        self.hits_chart = HitsChart(self)
        self.results_tabs = QTabWidget(self)
        self.results_tabs.setObjectName("results-tabs")
        self.results_tabs.setDocumentMode(True)
        self.results_tabs.addTab(self.results, self.tr("Hits"))
        self.results_tabs.addTab(self.kwic_view, self.tr("Keyword in context"))
        self.results_tabs.addTab(self.hits_chart, self.tr("Chart"))
        self.results_dock = self.add_dock(
            self.results_tabs,
            self.tr("Search results"),
            "results-dock",
            Qt.DockWidgetArea.RightDockWidgetArea,
        )
        self.repairs = RepairsPanel(self, jobs=self.jobs, archive_root=lambda: self.archive_root)
        self.repairs_dock = self.add_dock(  # wide, below the text: raw and repaired side by side
            self.repairs,
            self.tr("Repairs and raw text"),
            "repairs-dock",
            Qt.DockWidgetArea.BottomDockWidgetArea,
        )
        self.repairs_dock.hide()
        self.repairs_dock.visibilityChanged.connect(self._on_repairs_dock_visibility_changed)
        self.repairs.paragraph_requested.connect(self._on_repairs_paragraph_requested)
        self.view.repair_marker_clicked.connect(self._on_view_repair_marker_clicked)
        self.view.search_requested.connect(self._on_view_search_requested)

    def _build_status_bar(self) -> None:
        """Archive size, index state, and a progress bar with Cancel (ArchiveJobs keeps them current)."""
        status = self.statusBar()
        self.archive_label = plain.label(self)  # the archive folder's name
        self.index_label = plain.label(self)
        self.progress = QProgressBar(self)
        self.progress.setMaximumWidth(220)
        self.progress.setTextVisible(True)
        self.cancel_button = QToolButton(self)
        self.cancel_button.setText(self.tr("Cancel"))
        # Where the reader is and how large the text is drawn.
        self.position_label = QLabel(self)
        self.zoom_label = QLabel(self)
        # Shown only when files could not be read: opens the list with the reasons.
        self.problems_button = QToolButton(self)
        self.problems_button.setAutoRaise(True)
        for widget in (
            self.position_label,
            self.zoom_label,
            self.problems_button,
            self.archive_label,
            self.index_label,
            self.progress,
            self.cancel_button,
        ):
            status.addPermanentWidget(widget)
        self.problems_button.hide()
        self.progress.hide()
        self.cancel_button.hide()

    def _build_bookmarks(self, store: ExcerptStore) -> None:
        """Paragraph bookmarks, kept in the excerpt store: their panel, dock and controller."""
        panel = BookmarkPanel(store.bookmarks, self)
        panel.setObjectName("bookmark-panel")
        self.bookmarks_dock = self.add_dock(
            panel, self.tr("Bookmarks"), "bookmarks-dock", Qt.DockWidgetArea.RightDockWidgetArea
        )
        self.bookmarks_dock.hide()
        self.bookmarks = BookmarksController(
            store.bookmarks, panel, self._bookmark_location, self._open_bookmark, parent=self
        )
        self.bookmarks.status_message.connect(self.statusBar().showMessage)

    def _build_pdf_page_dock(self) -> None:
        """The PDF page of the current paragraph: a column of its own beside the text, not a strip
        between the results and the excerpts (added last, so it is not shared with them)."""
        self.pdf_page_panel = PdfPagePanel(self)
        self.pdf_page_dock = QDockWidget(self.tr("PDF page"), self)
        self.pdf_page_dock.setObjectName("pdf-page-dock")
        self.pdf_page_dock.setWidget(self.pdf_page_panel)
        self.addDockWidget(
            Qt.DockWidgetArea.RightDockWidgetArea, self.pdf_page_dock, Qt.Orientation.Horizontal
        )
        self.pdf_page_dock.hide()

    def _bookmark_location(self) -> Any:
        """The paragraph a bookmark marks: the selection's first, else the one at the top of the view."""
        doc = self.current_document()
        if doc is None or not doc.paragraphs:
            return None
        ranges = self.view.selection_ranges()
        if ranges:
            paragraph_id = ranges[0].paragraph_id
        else:
            paragraph_id = doc.paragraphs[min(self.view.top_paragraph(), len(doc.paragraphs) - 1)].id
        return bookmark_target(doc, paragraph_id)

    def _open_bookmark(self, doc_id: str, paragraph_id: str) -> None:
        self.open_document(doc_id, paragraph_id)
        self.view.scroll_to_paragraph(self.view.row_of(paragraph_id) or 0)

    def add_dock(
        self,
        widget: QWidget,
        title: str,
        object_name: str,
        area: Qt.DockWidgetArea = Qt.DockWidgetArea.RightDockWidgetArea,
    ) -> QDockWidget:
        """Add a dock whose place and visibility are saved with the layout (excerpts plug in here)."""
        dock = QDockWidget(title, self)
        dock.setObjectName(object_name)
        dock.setWidget(widget)
        self.addDockWidget(area, dock)
        commands = getattr(self, "commands", None)  # None while the window is being built
        menu = commands.docks_menu if commands is not None else None
        if menu is not None:
            menu.addAction(dock.toggleViewAction())
        return dock

    # ================================================================ start and end

    def start(self) -> None:
        """Restore the saved layout, then read and index the archive in the background."""
        self.saved_state.restore()
        self.excerpts.report_store_problem()
        self.archive_jobs.load_archive(self.archive_session.root)

    def closeEvent(self, event: QCloseEvent) -> None:
        self._closed = True
        self.saved_state.save()
        self.search.shutdown()
        self.results_views.shutdown()
        self._marks.cancel()
        self.jobs.cancel_all()
        self.jobs.wait(10_000)  # no job may still use the archive when it closes
        self.pdf_page.shutdown()
        self.archive_jobs.close_archive()
        self.excerpts.close_store()
        super().closeEvent(event)

    def _update_placeholder(self, archive: Archive | None) -> None:
        """The hint the view shows while no document is open: what to do next."""

        def key(action: QAction) -> str:
            return action.shortcut().toString(QKeySequence.SequenceFormat.NativeText)

        if archive is not None and not archive.documents:
            text = self.tr(
                "This folder holds no documents (text, web pages, PDF, DOCX or EPUB): add files (%1), "
                "drop them here, or open another folder (%2)."
            )
            text = text.replace("%1", key(self.commands.add_files_action)).replace(
                "%2", key(self.commands.open_archive_action)
            )
        else:
            text = self.tr("Choose a document in the tree on the left, or search the archive (%1).")
            text = text.replace("%1", key(self.commands.search_action))
        self.view.set_placeholder_text(text)

    def _on_session_archive_changed(self, archive: Archive | None) -> None:
        if archive is None:
            return
        self._update_placeholder(archive)
        self.tree_panel.set_archive(archive)
        self.archive_loaded.emit(archive)
        self.saved_state.reopen_document(archive)
        # Re-anchoring resolves every excerpt and writes the store (on this thread: the store's
        # SQLite connection is not shared with jobs), so it waits until the tree has painted.
        QTimer.singleShot(0, self, functools.partial(self._reanchor_excerpts, archive))

    def _reanchor_excerpts(self, archive: Archive) -> None:
        if archive is self.archive and not self._closed:
            self.excerpts.reanchor(archive)
            if self.bookmarks is not None:
                self.bookmarks.reanchor(archive.by_id())

    def _on_session_index_changed(self, index: Any) -> None:
        if index is not None:
            self.index_ready.emit()

    def _on_search_finished(self, results: Any) -> None:
        """A new search: the open document shows its hits of this query, and no longer the last one's."""
        doc = self.current_document()
        if doc is not None:
            marks: dict[int, list[tuple[int, int]]] = {}
            for hit in results.hits if results is not None else []:
                if hit.doc_id == doc.id and (row := self.view.row_of(hit.paragraph_id)) is not None:
                    marks.setdefault(row, []).extend(hit.matches)
            self.view.set_highlights(marks, None)
        self.search_finished.emit(results)

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.PaletteChange and hasattr(self, "commands"):
            self.commands.apply_icons()  # icons follow the theme's text colour

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if event.mimeData().hasUrls() and all(u.isLocalFile() for u in event.mimeData().urls()):
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:
        self.archive_jobs.open_dropped(
            [Path(u.toLocalFile()) for u in event.mimeData().urls() if u.isLocalFile()]
        )
        event.acceptProposedAction()

    # ================================================================ documents

    def current_document(self) -> Document | None:
        return self.view.document()

    def selection_ranges(self) -> list[TextRange]:
        return self.view.selection_ranges()

    def original_script(self, doc: Document) -> str:
        return self._original_override or doc.script

    def traditional_variant(self) -> str:
        """The traditional form chosen for simplified originals (s2tw unless the settings say otherwise)."""
        return traditional_config(self.settings.variant)

    def conversion_config(self, doc: Document) -> str:
        """t2s opposite a traditional original, else the chosen traditional form."""
        return "t2s" if self.original_script(doc) == SCRIPT_TRADITIONAL else self.traditional_variant()

    def _converters(self, doc: Document) -> tuple[Callable[[str], str], Callable[[str], str] | None]:
        config = self.conversion_config(doc)
        cache = self._conversions

        def converter(text: str) -> str:
            return cache.convert(text, config)

        charwise = None
        if config == "s2twp":  # rewrites words: align through the character-level conversion
            table = char_table("s2tw")

            def charwise(text: str) -> str:
                return text.translate(table)

        return converter, charwise

    def open_document(
        self,
        doc_id: str,
        paragraph_id: str | None = None,
        start: int | None = None,
        end: int | None = None,
        *,
        highlights: dict[str, list[tuple[int, int]]] | None = None,
    ) -> bool:
        """Open a document; with a paragraph, scroll there and mark [start, end) in both columns.

        `highlights` marks more ranges by paragraph id (e.g. every hit of a search in this document).
        """
        doc = self._read_document(doc_id)
        if doc is None:
            return False
        if doc is not self.current_document():
            self.show_document(doc)
        row = self.view.row_of(paragraph_id) if paragraph_id else None
        marks: dict[int, list[tuple[int, int]]] = {}
        for pid, spans in (highlights or {}).items():
            r = self.view.row_of(pid)
            if r is not None:
                marks.setdefault(r, []).extend(spans)
        current = (row, start, end) if row is not None and start is not None and end is not None else None
        if marks or current is not None:
            self.view.set_highlights(marks, current)
        if row is not None:
            self.view.scroll_to_paragraph(row, start)
        self._show_in_tree(row if row is not None else self.view.top_paragraph())
        self.view.setFocus()
        return True

    def _read_document(self, doc_id: str) -> Document | None:
        """A document from the catalogue (one row); a damaged catalogue is said, then rebuilt."""
        if self.archive is None:
            return None
        try:
            return self.archive.document(doc_id)
        except ViewerError as exc:
            self.statusBar().showMessage(core_text(exc), 10_000)
            return None

    def show_document(self, doc: Document | None) -> None:
        """Show `doc` (None: nothing, and the view's hint) without scrolling or highlighting."""
        if doc is None:
            self.view.set_document(None, lambda t: t)
            self._update_repairs()
            self._update_headers()
            self.setWindowTitle(self.tr("Archive Viewer"))
            self.archive_session.set_document(None)
            return
        converter, charwise = self._converters(doc)
        self.view.set_document(doc, converter, charwise)
        self._update_repairs()
        self._apply_fonts()
        self.search.refind()
        self._update_headers()
        self.setWindowTitle(f"{doc.title or doc.source} — {self.tr('Archive Viewer')}")
        self._show_in_tree(self.view.top_paragraph())
        self._update_position(self.view.top_paragraph())
        self._study_repairs(doc)
        self.archive_session.set_document(doc)
        self.document_opened.emit(doc)

    def _study_repairs(self, doc: Document) -> None:
        """Read the raw file and locate the repairs in a job (never on this thread): the dots on the
        repaired paragraphs and the repairs view both take what it finds."""
        self._marks.cancel()
        self._repair_study = None
        if self.archive is None or not (doc.repaired or self.repairs_dock.isVisible()):
            return
        archive = self.archive

        def work(progress: Callable[[int, int, str], None], cancelled: Callable[[], bool]) -> Any:
            from viewer.core.repair.locate import locate_repairs

            raw = doc.raw_text or archive.raw_text(doc)
            return raw, locate_repairs(doc, raw)  # (the repairs view shows even whitespace tidying)

        def found(result: tuple[str, Any]) -> None:
            if self.current_document() is not doc:
                return
            raw, locations = result
            self._repair_study = RepairStudy(doc, raw, locations, "")
            if locations is not None and not doc.raw_text:  # (with its raw text the view marks it itself)
                from viewer.core.repair.locate import marks_of

                self.view.set_repair_marks(marks_of(locations))
            self._update_repairs()

        def failed(error: Exception) -> None:
            if self.current_document() is doc and not isinstance(error, Cancelled):
                self._repair_study = RepairStudy(doc, "", None, core_text(error))
                self._update_repairs()

        self._marks.start(work, succeeded=found, failed=failed)

    def _on_repairs_paragraph_requested(self, paragraph_id: str) -> None:
        row = self.view.row_of(paragraph_id)
        if row is not None:
            self.view.scroll_to_paragraph(row)
            self._show_in_tree(row)

    def _on_view_repair_marker_clicked(self, paragraph_id: str) -> None:
        self.repairs_dock.show()
        self.repairs_dock.raise_()
        self._update_repairs()
        self.repairs.show_paragraph(paragraph_id)

    def _on_view_search_requested(self, text: str) -> None:
        self.search_bar.set_query(text)
        self.search.run_search(text)

    def _header_texts(self) -> list[str]:
        """The column headers as shown (for printing)."""
        return [self.left_header.text(), self.right_header.text()]

    def _update_repairs(self) -> None:
        """Fill the repairs dock for the open document while it is shown, from the job's findings."""
        if not self.repairs_dock.isVisible():
            return
        doc = self.current_document()
        study = self._repair_study
        if doc is None:
            self.repairs.set_document(None)
        elif study is not None and study.document is doc:
            self.repairs.set_document(doc, study.raw_text, locations=study.locations, problem=study.problem)
        elif not self._marks.busy():
            self._study_repairs(doc)

    def _on_repairs_dock_visibility_changed(self, visible: bool) -> None:
        if visible:
            self._update_repairs()

    def _update_headers(self) -> None:
        doc = self.current_document()
        if doc is None:
            self.left_header.setText("")
            self.right_header.setText("")
            return
        config = self.conversion_config(doc)
        texts = {
            ORIGINAL: self.tr("Original · %1").replace("%1", script_label(self.original_script(doc))),
            CONVERTED: variant_label(config),
        }
        sides = self.view.column_sides()
        self.left_header.setText(texts[sides[0]])
        self.right_header.setText(texts[sides[1]] if len(sides) > 1 else "")
        tips = {ORIGINAL: "", CONVERTED: variant_tip(config)}
        self.left_header.setToolTip(tips[sides[0]])
        self.right_header.setToolTip(tips[sides[1]] if len(sides) > 1 else "")

    def _on_tree_panel_grouping_changed(self, grouping: str) -> None:
        self.settings.tree_grouping = grouping

    def _on_tree_panel_location_chosen(self, doc_id: str, paragraph_id: str) -> None:
        self.open_document(doc_id)
        row = self.view.row_of(paragraph_id) if paragraph_id else 0
        if row is not None:
            self.view.scroll_to_paragraph(row)
            self._show_in_tree(row)  # the chosen section, even where the view cannot scroll it to the top

    def _show_in_tree(self, row: int) -> None:
        """Select the open document's section holding paragraph `row` (or the document) in the tree."""
        doc = self.current_document()
        if doc is None:
            return
        section = doc.paragraphs[row].section if 0 <= row < len(doc.paragraphs) else None
        self.tree_panel.select_location(doc.id, section or "")

    def _on_view_top_paragraph_changed(self, row: int) -> None:
        self._show_in_tree(row)
        self._update_position(row)

    def _update_position(self, row: int) -> None:
        doc = self.current_document()
        if doc is None or not doc.paragraphs:
            self.position_label.setText("")
            return
        row = max(0, min(row, len(doc.paragraphs) - 1))
        self.position_label.setText(
            self.tr("¶%1 of %2").replace("%1", str(row + 1)).replace("%2", str(len(doc.paragraphs)))
        )

    def _on_view_zoom_changed(self, zoom: int) -> None:
        self.settings.zoom = zoom
        self._update_zoom_label()

    def _update_zoom_label(self) -> None:
        base = max(1.0, self.view.rows.base_point_size())
        percent = round(100 * (base + self.view.zoom()) / base)
        self.zoom_label.setText(self.tr("Zoom %1%").replace("%1", str(percent)))

    def ask_paragraph(self) -> None:
        """Ctrl+G: jump to a paragraph of the open document by its number (¶N, as citations count)."""
        doc = self.current_document()
        if doc is None or not doc.paragraphs:
            self.statusBar().showMessage(self.tr("Open a document first."), 4000)
            return
        number, ok = QInputDialog.getInt(
            self,
            self.tr("Go to paragraph"),
            self.tr("Paragraph (1–%1):").replace("%1", str(len(doc.paragraphs))),
            self.view.top_paragraph() + 1,
            1,
            len(doc.paragraphs),
        )
        if ok:
            self.goto_paragraph(number)

    def goto_paragraph(self, number: int) -> None:
        """Show paragraph `number` (1-based) of the open document at the top, and its section in the tree."""
        doc = self.current_document()
        if doc is None or not doc.paragraphs:
            return
        row = max(0, min(number - 1, len(doc.paragraphs) - 1))
        self.view.scroll_to_paragraph(row)
        self._show_in_tree(row)
        self._update_position(row)
        self.view.setFocus()

    # ================================================================ view options

    def set_variant(self, config: str) -> None:
        """Choose the traditional form shown opposite simplified originals."""
        if config not in TRADITIONAL_VARIANTS:
            return
        self.settings.variant = config
        self.commands.variant_actions[config].setChecked(True)
        self._reconvert()

    def set_original_script(self, script: str) -> None:
        self._original_override = script
        self.commands.original_actions.get(script, self.commands.original_actions[""]).setChecked(True)
        self._reconvert()

    def _reconvert(self) -> None:
        doc = self.current_document()
        if doc is not None:
            converter, charwise = self._converters(doc)
            self.view.set_converter(converter, charwise)
            self._update_headers()

    def swap_sides(self) -> None:
        self.view.set_original_side("right" if self.view.original_side() == "left" else "left")
        self._update_headers()

    def set_single_pane(self, single: bool) -> None:
        self.view.set_single_pane(bool(single))
        self.commands.single_pane_action.setChecked(bool(single))
        self._update_headers()

    def set_theme(self, theme: str) -> None:
        self.settings.theme = theme
        self.commands.theme_actions.get(theme, self.commands.theme_actions["system"]).setChecked(True)
        app = QApplication.instance()
        if isinstance(app, QApplication):
            apply_theme(app, theme)

    def show_preferences(self) -> None:
        root = self.archive_root
        dialog = PreferencesDialog(self.settings, self, servers=self.archive_jobs.servers_text(root))
        if dialog.exec():
            language = self.settings.language
            dialog.apply_to(self.settings)
            servers = dialog.servers_text()
            if servers != self.archive_jobs.servers_text(root):
                self.archive_jobs.set_servers(root, servers)
                self.archive_jobs.load_archive(root)  # searched there (or locally) from now on
            self.view.set_zoom(self.settings.zoom)
            self.view.set_line_spacing(self.settings.line_spacing)
            self._apply_fonts()
            self.set_theme(self.settings.theme)
            if self.settings.language != language:
                QMessageBox.information(
                    self,
                    self.tr("Language"),
                    self.tr("The new language takes effect when you restart the app."),
                )
            self.saved_state.save()

    def _apply_fonts(self) -> None:
        doc = self.current_document()
        if doc is None:
            return
        trad, simp = self.settings.font_traditional, self.settings.font_simplified
        original_traditional = self.original_script(doc) == SCRIPT_TRADITIONAL
        self.view.set_font_families(
            trad if original_traditional else simp, simp if original_traditional else trad
        )

    # ================================================================ the parts, for their users

    @property
    def archive_root(self) -> Path:
        return self.archive_session.root

    @property
    def archive(self) -> Archive | None:
        return self.archive_session.archive

    @property
    def search_index(self) -> Any:
        return self.archive_session.index

    def run_search(self, query: str) -> None:
        self.search.run_search(query)

    def next_hit(self) -> None:
        self.search.next_hit()
