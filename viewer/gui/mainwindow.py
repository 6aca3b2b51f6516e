"""The main window: document tree, parallel view, search, repairs; long work runs through jobs.py.

Integration points for the excerpts issue (and anything else that plugs in later):

- ``MainWindow.view.selection_ranges()`` returns the current selection as a list of
  :class:`~viewer.gui.widgets.parallel_view.TextRange` ``(document_id, paragraph_id, start, end, text)``,
  one per paragraph, offsets into the paragraph's ORIGINAL (repaired) text, whichever column the
  user selected in; ``view.selection_changed`` fires when it changes; ``current_document()`` is the open
  :class:`~viewer.core.documents.Document`.
- ``add_excerpt_action`` (Ctrl+E, "Add excerpt") and ``copy_citation_action`` (Ctrl+Shift+C, "Copy with
  citation") are in the Edit menu and the toolbar; they emit ``excerpt_requested(list[TextRange])`` and
  ``citation_requested(list[TextRange])``; the window itself connects them to the excerpt store
  and the clipboard (see below).
- ``add_dock(widget, title, object_name, area)`` adds a dock (remembered in the saved layout) and its
  toggle in the View menu.
- ``open_document(doc_id, paragraph_id=None, start=None, end=None)`` opens a document at a paragraph
  with the range highlighted in both columns (search results use the same method).

Excerpts are wired here: the window opens the ExcerptStore (a corrupt one is moved aside by the store
and reported once the window shows), docks an ExcerptPanel over it, turns ``excerpt_requested`` and
``citation_requested`` into a saved excerpt and a cited clipboard text, opens an activated excerpt at
its re-anchored range, re-anchors every excerpt after each (re-)ingest, and closes the store on exit.
"""

from __future__ import annotations

import logging
import shutil
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QByteArray, QModelIndex, QStandardPaths, Qt, Signal
from PySide6.QtGui import (
    QAction,
    QActionGroup,
    QCloseEvent,
    QDragEnterEvent,
    QDropEvent,
    QGuiApplication,
    QKeySequence,
)
from PySide6.QtWidgets import (
    QApplication,
    QDockWidget,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMainWindow,
    QMessageBox,
    QProgressBar,
    QToolButton,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from viewer.core.anchor import ANCHOR_MISSING, ANCHOR_MOVED, Anchor, paragraphs_between, resolve
from viewer.core.citation import STYLE_GBT7714, STYLE_SHORT, cite
from viewer.core.convert import VARIANTS, ConversionCache, char_table
from viewer.core.documents import SCRIPT_TRADITIONAL, Document
from viewer.core.excerpts import Excerpt, ExcerptStore, make_excerpt
from viewer.core.ingest import TEXT_SUFFIXES, Archive, ingest_archive
from viewer.errors import Cancelled, QuerySyntaxError, UsageError, ViewerError
from viewer.gui.dialogs.about import ShortcutsDialog, show_about
from viewer.gui.dialogs.preferences import PreferencesDialog
from viewer.gui.i18n import script_label
from viewer.gui.index_process import SUBPROCESS_MIN_BYTES, update_index_in_child
from viewer.gui.jobs import Job, JobRunner, Pool
from viewer.gui.models.doc_tree import (
    DOC_ID_ROLE,
    NODE_ROLE,
    PARAGRAPH_ID_ROLE,
    DocumentFilterModel,
    DocumentTreeModel,
)
from viewer.gui.searching import (
    find_function,
    quick_fold,
    script_variants,
    search_available,
    search_module,
)
from viewer.gui.theme import apply_theme
from viewer.gui.widgets.excerpt_panel import ExcerptPanel
from viewer.gui.widgets.find_bar import FindBar
from viewer.gui.widgets.parallel_view import CONVERTED, ORIGINAL, ParallelView, TextRange
from viewer.gui.widgets.repairs_panel import RepairsPanel
from viewer.gui.widgets.search_panel import ResultsPanel, SearchBar
from viewer.paths import DataPaths, bundled_archive
from viewer.settings import Settings

if TYPE_CHECKING:
    from viewer.gui.dialogs.export_dialog import ExportDialog

logger = logging.getLogger(__name__)

TRADITIONAL_VARIANTS = ("s2t", "s2tw", "s2hk", "s2twp")
EXCERPT_SCRIPTS = ("original", "simplified", "traditional", "both")
SEARCH_LIMIT = 500


def update_index(
    index_dir: Path,
    archive: Archive,
    *,
    progress: Callable[[int, int, str], None],
    cancelled: Callable[[], bool],
    rebuild: bool = False,
    max_file_bytes: int = 0,
) -> Any:
    """Bring the archive's index up to date and return it opened for searching; runs in a job.

    Large archives are indexed in a child process (see index_process) so the window keeps little memory.
    """
    module = search_module()
    if module is None:
        raise ViewerError("search is not available in this build")
    # Frozen builds would need multiprocessing.freeze_support() in the entry point: index in-process there.
    frozen = bool(getattr(sys, "frozen", False))
    if archive.size_bytes >= SUBPROCESS_MIN_BYTES and max_file_bytes and not frozen:
        update_index_in_child(
            archive.root, max_file_bytes, index_dir, progress=progress, cancelled=cancelled, rebuild=rebuild
        )
        index = module.SearchIndex.open(index_dir)
        if index.needs_rebuild:
            index.close()
            raise ViewerError(f"the new index cannot be read ({index.state})")
        return index
    index = module.SearchIndex.open(index_dir)
    try:
        index.update(archive, progress=progress, cancelled=cancelled, rebuild=rebuild)
    except BaseException:
        index.close()
        raise
    return index


class MainWindow(QMainWindow):
    """The reading window; see the module docstring for the places other features plug in."""

    archive_loaded = Signal(object)  # Archive
    index_ready = Signal()
    document_opened = Signal(object)  # Document
    search_finished = Signal(object)  # SearchResults
    excerpt_requested = Signal(list)  # list[TextRange]
    citation_requested = Signal(list)  # list[TextRange]

    def __init__(
        self, archive_root: Path, paths: DataPaths, settings: Settings, *, pool: Pool | None = None
    ) -> None:
        super().__init__()
        self.setObjectName("main-window")
        self.paths = paths
        self.settings = settings
        self.archive_root = Path(archive_root)
        self.jobs = JobRunner(pool, self)
        self.archive: Archive | None = None
        self.search_index: Any = None
        self._index_job: Job | None = None
        self._ingest_job: Job | None = None
        self._pending_query: str | None = None
        self._pending_open: tuple[str, int] | None = None
        self._conversions = ConversionCache()
        self._fold = quick_fold  # no search-engine import before the first paint
        self._find_function: Callable[[str, str], list[tuple[int, int]]] | None = None
        self._original_override = ""  # "", "simplified" or "traditional"
        self._find_matches: list[tuple[int, int, int]] = []
        self._find_current = -1
        self._hit_steps: list[tuple[int, int]] = []  # (visible hit index, match index)
        self._hit_current = -1
        self._busy = 0
        self.setWindowTitle(self.tr("Archive Viewer"))
        self.setAcceptDrops(True)
        self._build_central()
        self._build_docks()
        self._build_actions()
        self._build_menus()
        self._build_toolbar()
        self._build_status_bar()
        self._apply_reading_settings()
        self.excerpt_requested.connect(self._on_excerpt_requested)
        self.citation_requested.connect(self._on_citation_requested)
        self.resize(1280, 820)

    # ================================================================ construction

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
        layout.addWidget(self.view, 1)
        self.find_bar = FindBar(central)
        self.find_bar.hide()
        self.find_bar.find_requested.connect(self._on_find_bar_find_requested)
        self.find_bar.next_requested.connect(self.find_next)
        self.find_bar.previous_requested.connect(self.find_previous)
        self.find_bar.closed.connect(self._on_find_bar_closed)
        layout.addWidget(self.find_bar)
        self.setCentralWidget(central)

    def _build_docks(self) -> None:
        tree_box = QWidget(self)
        tree_layout = QVBoxLayout(tree_box)
        tree_layout.setContentsMargins(4, 4, 4, 4)
        self.tree_filter = QLineEdit(tree_box)
        self.tree_filter.setPlaceholderText(self.tr("Filter documents (either script)"))
        self.tree_filter.setClearButtonEnabled(True)
        self.tree_filter.textChanged.connect(self._on_tree_filter_text_changed)
        tree_layout.addWidget(self.tree_filter)
        self.tree_model = DocumentTreeModel(self)
        self.tree_proxy = DocumentFilterModel(self._fold, script_variants, self)
        self.tree_proxy.setSourceModel(self.tree_model)
        self.tree = QTreeView(tree_box)
        self.tree.setObjectName("document-tree")
        self.tree.setHeaderHidden(True)
        self.tree.setModel(self.tree_proxy)
        self.tree.setUniformRowHeights(True)
        self.tree.clicked.connect(self._on_tree_activated)
        self.tree.activated.connect(self._on_tree_activated)
        tree_layout.addWidget(self.tree, 1)
        self.tree_dock = self.add_dock(
            tree_box, self.tr("Documents"), "documents-dock", Qt.DockWidgetArea.LeftDockWidgetArea
        )
        self.results = ResultsPanel(self)
        self.results.hit_activated.connect(self._on_results_hit_activated)
        self.results.sort_changed.connect(self._on_results_sort_changed)
        self.results_dock = self.add_dock(
            self.results, self.tr("Search results"), "results-dock", Qt.DockWidgetArea.RightDockWidgetArea
        )
        self.repairs = RepairsPanel(self)
        self.repairs_dock = self.add_dock(
            self.repairs,
            self.tr("Repairs and raw text"),
            "repairs-dock",
            Qt.DockWidgetArea.RightDockWidgetArea,
        )
        self.repairs_dock.hide()
        self._build_excerpt_dock()

    def _build_excerpt_dock(self) -> None:
        """Open the excerpt store and dock its panel; without a usable store the window runs without it."""
        self.excerpt_store: ExcerptStore | None = None
        self.excerpt_panel: ExcerptPanel | None = None
        self.excerpts_dock: QDockWidget | None = None
        self.excerpt_store_error = ""  # why there is no store (locked, read-only, newer version)
        self.excerpt_store_message: QMessageBox | None = None
        self.export_dialog: ExportDialog | None = None
        try:
            self.excerpt_store = ExcerptStore(self.paths.excerpts_db)
        except (ViewerError, OSError) as exc:
            self.excerpt_store_error = str(exc)
            logger.warning("Excerpts unavailable: %s", exc)
            return
        panel = ExcerptPanel(
            self.excerpt_store,
            self,
            citation_style=self.settings.citation_style,
            script=self.settings.excerpt_script,
        )
        panel.setObjectName("excerpt-panel")
        panel.excerpt_activated.connect(self._on_excerpt_panel_excerpt_activated)
        panel.export_requested.connect(self.export_excerpts)
        panel.error_occurred.connect(self._on_excerpt_panel_error_occurred)
        self.excerpt_panel = panel
        self.excerpts_dock = self.add_dock(
            panel, self.tr("Excerpts"), "excerpts-dock", Qt.DockWidgetArea.RightDockWidgetArea
        )

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
        menu = getattr(self, "docks_menu", None)
        if menu is not None:
            menu.addAction(dock.toggleViewAction())
        return dock

    def _action(
        self,
        text: str,
        slot: Callable[..., Any],
        shortcut: Any = None,
        *,
        checkable: bool = False,
        tip: str = "",
    ) -> QAction:
        action = QAction(text, self)
        if shortcut is not None:
            if isinstance(shortcut, list):
                action.setShortcuts(shortcut)
            else:
                action.setShortcut(QKeySequence(shortcut))
        action.setCheckable(checkable)
        if tip:
            action.setToolTip(tip)
            action.setStatusTip(tip)
        action.triggered.connect(slot)
        self.addAction(action)  # shortcuts work even when the menu bar is hidden
        return action

    def _build_actions(self) -> None:
        self.open_archive_action = self._action(
            self.tr("&Open archive folder…"), self.choose_archive_folder, QKeySequence.StandardKey.Open
        )
        self.add_files_action = self._action(self.tr("&Add files…"), self.choose_files_to_add, "Ctrl+Shift+O")
        self.quit_action = self._action(self.tr("&Quit"), self.close, QKeySequence.StandardKey.Quit)
        self.copy_action = self._action(
            self.tr("&Copy"), self.view.copy_selection, QKeySequence.StandardKey.Copy
        )
        self.add_excerpt_action = self._action(
            self.tr("Add &excerpt"),
            self._on_add_excerpt_triggered,
            "Ctrl+E",
            tip=self.tr("Add the selected text to the excerpts"),
        )
        self.copy_citation_action = self._action(
            self.tr("Copy with &citation"),
            self._on_copy_citation_triggered,
            "Ctrl+Shift+C",
            tip=self.tr("Copy the selected text (or the selected excerpts) with its citation"),
        )
        self.export_excerpts_action = self._action(
            self.tr("&Export excerpts…"), self.export_excerpts, "Ctrl+Shift+E"
        )
        self.citation_style_group = QActionGroup(self)
        self.citation_style_actions: dict[str, QAction] = {}
        for key, label in (
            (STYLE_GBT7714, self.tr("GB/T 7714-2015")),
            (STYLE_SHORT, self.tr("Short: 《title》(volume,【entry】)：「text」")),
        ):
            action = self._action(
                label, lambda _checked=False, k=key: self.set_citation_style(k), checkable=True
            )
            self.citation_style_group.addAction(action)
            self.citation_style_actions[key] = action
        self.excerpt_script_group = QActionGroup(self)
        self.excerpt_script_actions: dict[str, QAction] = {}
        for key, label in zip(
            EXCERPT_SCRIPTS,
            (
                self.tr("As in the source"),
                self.tr("Simplified"),
                self.tr("Traditional"),
                self.tr("Both, side by side"),
            ),
            strict=True,
        ):
            action = self._action(
                label, lambda _checked=False, k=key: self.set_excerpt_script(k), checkable=True
            )
            self.excerpt_script_group.addAction(action)
            self.excerpt_script_actions[key] = action
        if self.excerpt_panel is None:
            for action in (self.add_excerpt_action, self.export_excerpts_action):
                action.setEnabled(False)
                action.setToolTip(
                    self.tr("Excerpts are unavailable: %1").replace("%1", self.excerpt_store_error)
                )
        self.find_action = self._action(
            self.tr("&Find in document…"), self.open_find_bar, QKeySequence.StandardKey.Find
        )
        self.preferences_action = self._action(self.tr("&Preferences…"), self.show_preferences, "Ctrl+,")
        self.search_action = self._action(self.tr("&Search the archive"), self.focus_search, "Ctrl+K")
        self.next_hit_action = self._action(self.tr("&Next hit"), self.next_hit, QKeySequence("F3"))
        self.previous_hit_action = self._action(
            self.tr("&Previous hit"), self.previous_hit, QKeySequence("Shift+F3")
        )
        self.rebuild_index_action = self._action(self.tr("&Rebuild index"), self.rebuild_index)
        self.swap_action = self._action(self.tr("S&wap sides"), self.swap_sides, "Ctrl+Shift+S")
        self.single_pane_action = self._action(
            self.tr("&Single pane"), self.set_single_pane, "Ctrl+\\", checkable=True
        )
        self.repairs_action = self.repairs_dock.toggleViewAction()
        self.repairs_action.setText(self.tr("Show &repairs and raw text"))
        self.repairs_action.setShortcut(QKeySequence("Ctrl+R"))
        self.zoom_in_action = self._action(
            self.tr("Zoom &in"),
            self.zoom_in,
            [QKeySequence(QKeySequence.StandardKey.ZoomIn), QKeySequence("Ctrl+=")],
        )
        self.zoom_out_action = self._action(
            self.tr("Zoom &out"), self.zoom_out, QKeySequence.StandardKey.ZoomOut
        )
        self.zoom_reset_action = self._action(self.tr("&Reset zoom"), self.zoom_reset, "Ctrl+0")
        self.shortcuts_action = self._action(
            self.tr("&Keyboard shortcuts"), self.show_shortcuts, QKeySequence.StandardKey.HelpContents
        )
        self.about_action = self._action(self.tr("&About Archive Viewer"), lambda: show_about(self))
        self.variant_group = QActionGroup(self)
        self.variant_actions: dict[str, QAction] = {}
        tips = {
            "s2t": self.tr("OpenCC standard traditional forms (赤峰 becomes 赤峯)"),
            "s2tw": self.tr("Taiwan standard forms (keeps 赤峰); the default"),
            "s2hk": self.tr("Hong Kong standard forms"),
            "s2twp": self.tr(
                "Taiwan forms and Taiwan vocabulary: rewrites words (项目 → 專案), not only characters"
            ),
        }
        for config in TRADITIONAL_VARIANTS:
            action = self._action(
                f"{VARIANTS[config].label} ({config})",
                lambda _checked=False, c=config: self.set_variant(c),
                checkable=True,
                tip=tips[config],
            )
            self.variant_group.addAction(action)
            self.variant_actions[config] = action
        self.original_group = QActionGroup(self)
        self.original_actions: dict[str, QAction] = {}
        for key, label in (
            ("", self.tr("As detected")),
            ("simplified", self.tr("Simplified")),
            ("traditional", self.tr("Traditional")),
        ):
            action = self._action(
                label, lambda _checked=False, k=key: self.set_original_script(k), checkable=True
            )
            self.original_group.addAction(action)
            self.original_actions[key] = action
        self.original_actions[""].setChecked(True)
        self.theme_group = QActionGroup(self)
        self.theme_actions: dict[str, QAction] = {}
        for key, label in (
            ("system", self.tr("Follow the system")),
            ("light", self.tr("Light")),
            ("dark", self.tr("Dark")),
        ):
            action = self._action(label, lambda _checked=False, k=key: self.set_theme(k), checkable=True)
            self.theme_group.addAction(action)
            self.theme_actions[key] = action

    def _build_menus(self) -> None:
        bar = self.menuBar()
        file_menu = bar.addMenu(self.tr("&File"))
        file_menu.addActions([self.open_archive_action, self.add_files_action])
        file_menu.addSeparator()
        file_menu.addAction(self.export_excerpts_action)
        file_menu.addSeparator()
        file_menu.addAction(self.quit_action)
        edit_menu = bar.addMenu(self.tr("&Edit"))
        edit_menu.addActions([self.copy_action, self.add_excerpt_action, self.copy_citation_action])
        style_menu = edit_menu.addMenu(self.tr("Citation st&yle"))
        style_menu.addActions(list(self.citation_style_actions.values()))
        script_menu = edit_menu.addMenu(self.tr("E&xcerpt text"))
        script_menu.addActions(list(self.excerpt_script_actions.values()))
        edit_menu.addSeparator()
        edit_menu.addActions([self.find_action, self.preferences_action])
        view_menu = bar.addMenu(self.tr("&View"))
        variant_menu = view_menu.addMenu(self.tr("Traditional &form"))
        variant_menu.setToolTipsVisible(True)
        variant_menu.addActions(list(self.variant_actions.values()))
        original_menu = view_menu.addMenu(self.tr("&Original script"))
        original_menu.addActions(list(self.original_actions.values()))
        view_menu.addActions([self.swap_action, self.single_pane_action, self.repairs_action])
        view_menu.addSeparator()
        view_menu.addActions([self.zoom_in_action, self.zoom_out_action, self.zoom_reset_action])
        theme_menu = view_menu.addMenu(self.tr("&Theme"))
        theme_menu.addActions(list(self.theme_actions.values()))
        view_menu.addSeparator()
        self.docks_menu = view_menu.addMenu(self.tr("&Panels"))
        for dock in (self.tree_dock, self.results_dock, self.excerpts_dock):
            if dock is not None:
                self.docks_menu.addAction(dock.toggleViewAction())
        search_menu = bar.addMenu(self.tr("&Search"))
        search_menu.addActions([self.search_action, self.next_hit_action, self.previous_hit_action])
        search_menu.addSeparator()
        search_menu.addAction(self.rebuild_index_action)
        help_menu = bar.addMenu(self.tr("&Help"))
        help_menu.addActions([self.shortcuts_action, self.about_action])

    def _build_toolbar(self) -> None:
        toolbar = self.addToolBar(self.tr("Main"))
        toolbar.setObjectName("main-toolbar")
        self.search_bar = SearchBar(toolbar)
        self.search_bar.search_requested.connect(self._on_search_bar_search_requested)
        toolbar.addWidget(self.search_bar)
        toolbar.addSeparator()
        toolbar.addActions(
            [self.swap_action, self.single_pane_action, self.add_excerpt_action, self.copy_citation_action]
        )
        # Right-click in the text: the same actions as the Edit menu, acting on the selection.
        self.view.setContextMenuPolicy(Qt.ContextMenuPolicy.ActionsContextMenu)
        self.view.addActions([self.copy_action, self.add_excerpt_action, self.copy_citation_action])

    def _build_status_bar(self) -> None:
        status = self.statusBar()
        self.archive_label = QLabel(self)
        self.index_label = QLabel(self)
        self.progress = QProgressBar(self)
        self.progress.setMaximumWidth(220)
        self.progress.setTextVisible(True)
        self.cancel_button = QToolButton(self)
        self.cancel_button.setText(self.tr("Cancel"))
        self.cancel_button.clicked.connect(self.cancel_jobs)
        status.addPermanentWidget(self.archive_label)
        status.addPermanentWidget(self.index_label)
        status.addPermanentWidget(self.progress)
        status.addPermanentWidget(self.cancel_button)
        self.progress.hide()
        self.cancel_button.hide()
        self.index_label.setText(self.tr("Index: not built"))

    # ================================================================ startup and state

    def start(self) -> None:
        """Restore the saved layout, then read and index the archive in the background."""
        self.restore_layout()
        self.search_bar.set_history(self.settings.query_history)
        self.results.set_sort(self.settings.sort)
        if self.settings.open_document:
            self._pending_open = (self.settings.open_document, self.settings.scroll_paragraph)
        self._report_excerpt_store_problem()
        self.load_archive(self.archive_root)

    def restore_layout(self) -> None:
        s = self.settings
        if s.window_geometry:
            self.restoreGeometry(QByteArray.fromBase64(s.window_geometry.encode("ascii")))
        if s.window_state:
            self.restoreState(QByteArray.fromBase64(s.window_state.encode("ascii")))
        self.repairs_dock.setVisible(s.show_raw or self.repairs_dock.isVisible())

    def save_state(self) -> None:
        """Write the layout, the open document and the reading settings (atomically)."""
        s = self.settings
        s.window_geometry = bytes(self.saveGeometry().toBase64().data()).decode("ascii")
        s.window_state = bytes(self.saveState().toBase64().data()).decode("ascii")
        doc = self.current_document()
        s.open_document = doc.id if doc is not None else ""
        s.scroll_paragraph = self.view.top_paragraph() if doc is not None else 0
        s.zoom = self.view.zoom()
        s.single_pane = self.view.is_single_pane()
        s.original_side = self.view.original_side()
        s.show_raw = self.repairs_dock.isVisible()
        s.query_history = self.search_bar.history()
        s.sort = self.results.sort()
        s.last_archive = str(self.archive_root) if self.archive_root != bundled_archive() else ""
        try:
            s.save(self.paths.ensure().settings_file)
        except OSError as exc:
            logger.warning("Could not save settings: %s", exc)

    def closeEvent(self, event: QCloseEvent) -> None:
        self.save_state()
        self.jobs.cancel_all()
        self.jobs.wait(10_000)
        if self.search_index is not None:
            self.search_index.close()
            self.search_index = None
        self._close_excerpt_store()
        super().closeEvent(event)

    def _apply_reading_settings(self) -> None:
        s = self.settings
        self.view.set_zoom(s.zoom)
        self.view.set_line_spacing(s.line_spacing)
        self.view.set_single_pane(s.single_pane)
        self.view.set_original_side(s.original_side)
        self.single_pane_action.setChecked(s.single_pane)
        variant = s.variant if s.variant in TRADITIONAL_VARIANTS else "s2tw"
        self.variant_actions[variant].setChecked(True)
        self.theme_actions.get(s.theme, self.theme_actions["system"]).setChecked(True)
        style = s.citation_style if s.citation_style in self.citation_style_actions else STYLE_GBT7714
        self.citation_style_actions[style].setChecked(True)
        script = s.excerpt_script if s.excerpt_script in self.excerpt_script_actions else "original"
        self.excerpt_script_actions[script].setChecked(True)

    # ================================================================ archive and index

    def load_archive(self, root: Path) -> None:
        """Ingest `root` in the background; the tree fills when it is done."""
        if self._ingest_job is not None:
            self._ingest_job.cancel()
        if self._index_job is not None:
            self._index_job.cancel()
        self.archive_root = Path(root)
        self.archive_label.setText(self.tr("Reading %1…").replace("%1", self.archive_root.name))
        max_bytes = self.settings.max_file_mb * 1024 * 1024
        root_path = self.archive_root

        def work(progress: Callable[[int, int, str], None], cancelled: Callable[[], bool]) -> Archive:
            return ingest_archive(root_path, max_file_bytes=max_bytes, progress=progress, cancelled=cancelled)

        self._begin_busy(self.tr("Reading the archive"))
        self._ingest_job = self.jobs.start(
            "ingest",
            work,
            succeeded=self._on_ingest_succeeded,
            failed=self._on_ingest_failed,
            progressed=self._on_job_progressed,
        )

    def _on_ingest_succeeded(self, archive: Archive) -> None:
        self._ingest_job = None
        self._end_busy()
        self.archive = archive
        self.reanchor_excerpts(archive)
        self.tree_model.set_archive(archive, self._fold)
        self.tree.expandToDepth(1)
        self._update_archive_label()
        self.archive_loaded.emit(archive)
        if self._pending_open is not None:
            doc_id, row = self._pending_open
            self._pending_open = None
            if archive.find(doc_id) is not None:
                self.open_document(doc_id)
                self.view.scroll_to_paragraph(row)
        elif self.current_document() is not None:
            current = archive.find(self.current_document().id)  # type: ignore[union-attr]
            self._show_document(current)
        if archive.problems:
            self.statusBar().showMessage(
                self.tr(
                    "%n file(s) could not be read; see the tooltip of the archive size.",
                    "",
                    len(archive.problems),
                ),
                10_000,
            )
        self.start_indexing()

    def _on_ingest_failed(self, error: Exception) -> None:
        self._ingest_job = None
        self._end_busy()
        if isinstance(error, Cancelled):
            self.archive_label.setText(self.tr("Reading cancelled"))
            return
        self.archive_label.setText(self.tr("Archive not loaded"))
        QMessageBox.warning(self, self.tr("Cannot read the archive"), str(error))

    def _update_archive_label(self) -> None:
        archive = self.archive
        if archive is None:
            return
        self.archive_label.setText(
            self.tr("%1 documents · %2 MB")
            .replace("%1", str(len(archive.documents)))
            .replace("%2", f"{archive.size_bytes / 1e6:.1f}")
        )
        problems = "\n".join(str(p) for p in archive.problems[:50])
        self.archive_label.setToolTip(f"{archive.root}\n{problems}".strip())

    def start_indexing(self, *, rebuild: bool = False) -> None:
        """Bring the search index up to date in the background; searches wait for it."""
        if self.archive is None:
            return
        if not search_available():
            self.index_label.setText(self.tr("Search unavailable"))
            return
        if self._index_job is not None:
            self._index_job.cancel()
        if self.search_index is not None:
            self.search_index.close()
            self.search_index = None
        archive = self.archive
        index_dir = self.paths.index_dir(archive.root)

        max_bytes = self.settings.max_file_mb * 1024 * 1024

        def work(progress: Callable[[int, int, str], None], cancelled: Callable[[], bool]) -> Any:
            return update_index(
                index_dir,
                archive,
                progress=progress,
                cancelled=cancelled,
                rebuild=rebuild,
                max_file_bytes=max_bytes,
            )

        self.index_label.setText(self.tr("Index: updating…"))
        self._begin_busy(self.tr("Indexing"))
        self._index_job = self.jobs.start(
            "index",
            work,
            succeeded=self._on_index_succeeded,
            failed=self._on_index_failed,
            progressed=self._on_job_progressed,
        )

    def rebuild_index(self) -> None:
        self.start_indexing(rebuild=True)

    def _on_index_succeeded(self, index: Any) -> None:
        self._index_job = None
        self._end_busy()
        self.search_index = index
        self.index_label.setText(self.tr("Index: ready"))
        self.index_ready.emit()
        if self._pending_query is not None:
            query, self._pending_query = self._pending_query, None
            self.run_search(query)

    def _on_index_failed(self, error: Exception) -> None:
        self._index_job = None
        self._end_busy()
        if isinstance(error, Cancelled):
            self.index_label.setText(self.tr("Index: update cancelled"))
        else:
            self.index_label.setText(self.tr("Index: failed"))
            self.index_label.setToolTip(str(error))
            self.statusBar().showMessage(self.tr("Indexing failed: %1").replace("%1", str(error)), 10_000)

    def _begin_busy(self, label: str) -> None:
        self._busy += 1
        self.progress.setFormat(f"{label} %p%")
        self.progress.setRange(0, 0)
        self.progress.show()
        self.cancel_button.show()

    def _end_busy(self) -> None:
        self._busy = max(0, self._busy - 1)
        if self._busy == 0:
            self.progress.hide()
            self.cancel_button.hide()

    def _on_job_progressed(self, done: int, total: int, _message: str) -> None:
        if total > 0:
            self.progress.setRange(0, total)
            self.progress.setValue(min(done, total))

    def cancel_jobs(self) -> None:
        self.jobs.cancel_all()

    def is_busy(self) -> bool:
        return self._busy > 0

    # ================================================================ archive folder and files

    def choose_archive_folder(self) -> None:
        folder = QFileDialog.getExistingDirectory(
            self, self.tr("Open archive folder"), str(self.archive_root)
        )
        if folder:
            self.open_archive_folder(Path(folder))

    def open_archive_folder(self, folder: Path) -> None:
        self.settings.last_archive = str(folder)
        self.load_archive(folder)

    def choose_files_to_add(self) -> None:
        files, _ = QFileDialog.getOpenFileNames(
            self, self.tr("Add files to the archive"), "", self.tr("Text files (*.txt *.md)")
        )
        if files:
            self.add_files([Path(f) for f in files])

    def add_files(self, files: list[Path]) -> None:
        """Copy text files into the archive folder (a user copy when the archive is the bundled one)."""
        files = [f for f in files if f.is_file() and f.suffix.lower() in TEXT_SUFFIXES]
        if not files:
            self.statusBar().showMessage(self.tr("Only .txt and .md files can be added."), 6000)
            return
        target = self.archive_root
        if target.resolve() == bundled_archive().resolve() or not _writable(target):
            target = self.paths.ensure().root / "archive"
            if not target.exists():
                shutil.copytree(self.archive_root, target)
        for source in files:
            destination = target / source.name
            n = 1
            while destination.exists():
                destination = target / f"{source.stem}-{n}{source.suffix}"
                n += 1
            shutil.copy2(source, destination)
        self.settings.last_archive = str(target)
        self.statusBar().showMessage(self.tr("Added %n file(s).", "", len(files)), 6000)
        self.load_archive(target)

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if event.mimeData().hasUrls() and all(u.isLocalFile() for u in event.mimeData().urls()):
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:
        paths = [Path(u.toLocalFile()) for u in event.mimeData().urls() if u.isLocalFile()]
        folders = [p for p in paths if p.is_dir()]
        if len(folders) == 1 and len(paths) == 1:
            self.open_archive_folder(folders[0])
        else:
            self.add_files([p for p in paths if p.is_file()])
        event.acceptProposedAction()

    # ================================================================ documents

    def current_document(self) -> Document | None:
        return self.view.document()

    def original_script(self, doc: Document) -> str:
        return self._original_override or doc.script

    def conversion_config(self, doc: Document) -> str:
        """t2s opposite a traditional original, else the chosen traditional form (s2tw by default)."""
        if self.original_script(doc) == SCRIPT_TRADITIONAL:
            return "t2s"
        return self.settings.variant if self.settings.variant in TRADITIONAL_VARIANTS else "s2tw"

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
        if self.archive is None:
            return False
        doc = self.archive.find(doc_id)
        if doc is None:
            return False
        if doc is not self.current_document():
            self._show_document(doc)
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
        self.view.setFocus()
        return True

    def _show_document(self, doc: Document | None) -> None:
        if doc is None:
            self.view.set_document(None, lambda t: t)
            self.repairs.set_document(None)
            return
        converter, charwise = self._converters(doc)
        self.view.set_document(doc, converter, charwise)
        self.repairs.set_document(doc)
        self._apply_fonts()
        self._find_matches, self._find_current = [], -1
        if self.find_bar.isVisible() and self.find_bar.edit.text():
            self._on_find_bar_find_requested(self.find_bar.edit.text())
        self._update_headers()
        self.setWindowTitle(f"{doc.title or doc.source} — {self.tr('Archive Viewer')}")
        self.document_opened.emit(doc)

    def _update_headers(self) -> None:
        doc = self.current_document()
        if doc is None:
            self.left_header.setText("")
            self.right_header.setText("")
            return
        config = self.conversion_config(doc)
        texts = {
            ORIGINAL: self.tr("Original · %1").replace("%1", script_label(self.original_script(doc))),
            CONVERTED: f"{VARIANTS[config].label} ({config})",
        }
        sides = self.view.column_sides()
        self.left_header.setText(texts[sides[0]])
        self.right_header.setText(texts[sides[1]] if len(sides) > 1 else "")
        self.right_header.setToolTip(VARIANTS[config].note)

    def _on_tree_activated(self, index: QModelIndex) -> None:
        node = index.data(NODE_ROLE)
        doc_id = index.data(DOC_ID_ROLE)
        if node == "document" and doc_id:
            self.open_document(doc_id)
            self.view.scroll_to_paragraph(0)
        elif node == "section" and doc_id:
            paragraph_id = index.data(PARAGRAPH_ID_ROLE)
            self.open_document(doc_id)
            row = self.view.row_of(paragraph_id) if paragraph_id else None
            if row is not None:
                self.view.scroll_to_paragraph(row)

    def _on_tree_filter_text_changed(self, text: str) -> None:
        self.tree_proxy.set_query(text)
        if text:
            self.tree.expandAll()
        else:
            self.tree.collapseAll()
            self.tree.expandToDepth(1)

    # ================================================================ view options

    def set_variant(self, config: str) -> None:
        """Choose the traditional form shown opposite simplified originals."""
        if config not in TRADITIONAL_VARIANTS:
            return
        self.settings.variant = config
        self.variant_actions[config].setChecked(True)
        self._reconvert()

    def set_original_script(self, script: str) -> None:
        self._original_override = script
        self.original_actions.get(script, self.original_actions[""]).setChecked(True)
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
        self.single_pane_action.setChecked(bool(single))
        self._update_headers()

    def zoom_in(self) -> None:
        self.view.set_zoom(self.view.zoom() + 1)

    def zoom_out(self) -> None:
        self.view.set_zoom(self.view.zoom() - 1)

    def zoom_reset(self) -> None:
        self.view.set_zoom(0)

    def set_theme(self, theme: str) -> None:
        self.settings.theme = theme
        self.theme_actions.get(theme, self.theme_actions["system"]).setChecked(True)
        app = QApplication.instance()
        if isinstance(app, QApplication):
            apply_theme(app, theme)

    def show_preferences(self) -> None:
        dialog = PreferencesDialog(self.settings, self)
        if dialog.exec():
            language = self.settings.language
            dialog.apply_to(self.settings)
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
            self.save_state()

    def _apply_fonts(self) -> None:
        doc = self.current_document()
        trad = self.settings.font_traditional
        simp = self.settings.font_simplified
        if doc is None:
            return
        original_traditional = self.original_script(doc) == SCRIPT_TRADITIONAL
        self.view.set_font_families(
            trad if original_traditional else simp, simp if original_traditional else trad
        )

    def shortcut_actions(self) -> list[QAction]:
        """Every action with a shortcut for Help → Keyboard shortcuts, the excerpt list's own included."""
        actions = list(self.actions())
        panel = self.excerpt_panel
        if panel is not None:
            for text, key in (
                (self.tr("Excerpts: delete the selected excerpts"), panel.delete_action.shortcut()),
                (self.tr("Excerpts: undo"), panel.undo_action.shortcut()),
                (self.tr("Excerpts: redo"), panel.redo_action.shortcut()),
            ):
                label = QAction(text, self)  # a row of the list only: never added to a widget
                label.setShortcut(key)
                actions.append(label)
        return actions

    def show_shortcuts(self) -> None:
        ShortcutsDialog(self.shortcut_actions(), self).exec()

    # ================================================================ selection hooks (excerpts)

    def selection_ranges(self) -> list[TextRange]:
        return self.view.selection_ranges()

    def _signal_connected(self, name: str) -> bool:
        meta = self.metaObject()
        for i in range(meta.methodCount()):
            method = meta.method(i)
            if bytes(method.name().data()).decode() == name:
                return bool(self.isSignalConnected(method))
        return False

    def _on_add_excerpt_triggered(self) -> None:
        ranges = self.view.selection_ranges()
        if not ranges:
            self.statusBar().showMessage(self.tr("Select some text first."), 4000)
            return
        if not self._signal_connected("excerpt_requested"):
            self.statusBar().showMessage(self.tr("Excerpts are not available yet."), 4000)
        self.excerpt_requested.emit(ranges)

    def _on_copy_citation_triggered(self) -> None:
        panel = self.excerpt_panel
        focus = QApplication.focusWidget()
        if (
            panel is not None
            and focus is not None
            and panel.isAncestorOf(focus)
            and panel.selected_excerpts()
        ):
            copied = panel.copy_selected()  # the excerpt list has focus: copy its selected excerpts
            if copied:
                self.statusBar().showMessage(self.tr("Copied with citation."), 4000)
            return
        ranges = self.view.selection_ranges()
        if not ranges:
            self.statusBar().showMessage(self.tr("Select some text first."), 4000)
            return
        if self._signal_connected("citation_requested"):
            self.citation_requested.emit(ranges)
            return
        doc = self.current_document()
        source = f"{doc.title}（{doc.source}）" if doc is not None else ""
        QGuiApplication.clipboard().setText(self.view.selected_text() + "\n—— " + source)

    # ================================================================ excerpts

    def set_citation_style(self, style: str) -> None:
        """The citation format of Copy with citation and the default of the export dialog."""
        if style not in self.citation_style_actions:
            return
        self.settings.citation_style = style
        self.citation_style_actions[style].setChecked(True)
        if self.excerpt_panel is not None:
            self.excerpt_panel.citation_style = style

    def set_excerpt_script(self, script: str) -> None:
        """Which text Copy with citation and exports quote: original, simplified, traditional or both."""
        if script not in self.excerpt_script_actions:
            return
        self.settings.excerpt_script = script
        self.excerpt_script_actions[script].setChecked(True)
        if self.excerpt_panel is not None:
            self.excerpt_panel.script = script

    def _excerpt_of(self, ranges: list[TextRange]) -> Excerpt | None:
        """An unsaved excerpt of the selection (first paragraph's start to last paragraph's end)."""
        doc_id = ranges[0].document_id
        doc = self.current_document()
        if doc is None or doc.id != doc_id:
            doc = self.archive.find(doc_id) if self.archive is not None else None
        if doc is None:
            self.statusBar().showMessage(self.tr("The selected document is no longer in the archive."), 6000)
            return None
        first, last = ranges[0], ranges[-1]
        variant = self.settings.variant if self.settings.variant in TRADITIONAL_VARIANTS else "s2tw"
        try:
            return make_excerpt(
                doc, first.paragraph_id, first.start, last.paragraph_id, last.end, to_traditional=variant
            )
        except UsageError as exc:
            self.statusBar().showMessage(str(exc), 6000)
            return None

    def _on_excerpt_requested(self, ranges: list[TextRange]) -> None:
        panel = self.excerpt_panel
        if panel is None or self.excerpt_store is None:
            self.statusBar().showMessage(
                self.tr("Excerpts are unavailable: %1").replace("%1", self.excerpt_store_error), 8000
            )
            return
        excerpt = self._excerpt_of(ranges)
        if excerpt is None:
            return
        saved = panel.add_excerpt(excerpt)
        if saved is None:  # the panel shows why
            return
        if self.excerpts_dock is not None and not self.excerpts_dock.isVisible():
            self.excerpts_dock.show()
        name = self.excerpt_store.collection(saved.collection_id).name
        self.statusBar().showMessage(self.tr("Excerpt added to “%1”.").replace("%1", name), 4000)

    def _on_citation_requested(self, ranges: list[TextRange]) -> None:
        excerpt = self._excerpt_of(ranges)
        if excerpt is None:
            return
        text = cite(
            excerpt.texts(self.settings.excerpt_script), excerpt.citation, self.settings.citation_style
        )
        QGuiApplication.clipboard().setText(text)
        self.statusBar().showMessage(self.tr("Copied with citation."), 4000)

    def _on_excerpt_panel_excerpt_activated(self, excerpt: Excerpt) -> None:
        """Open the excerpt's document with its range highlighted, wherever its text is now."""
        if self.archive is None:
            self.statusBar().showMessage(
                self.tr("The archive is still being read; try again in a moment."), 6000
            )
            return
        doc = self.archive.by_id().get(excerpt.doc_id)
        found = resolve(doc, excerpt.anchor, excerpt.text, excerpt.text_hash or None)
        if doc is None or found.anchor is None or found.status == ANCHOR_MISSING:
            message = self.tr(
                "The source text of this excerpt is no longer in the archive (%1); the excerpt is kept."
            ).replace("%1", excerpt.citation.source or excerpt.doc_id)
            self.statusBar().showMessage(message, 10_000)
            if self.excerpt_panel is not None:
                self.excerpt_panel.show_message(message)
            return
        spans = self.anchor_spans(doc, found.anchor)
        first_start, first_end = spans[found.anchor.first][0]
        self.open_document(doc.id, found.anchor.first, first_start, first_end, highlights=spans)
        if found.status == ANCHOR_MOVED:
            self.statusBar().showMessage(
                self.tr("The document changed; the excerpt's text was found in a new place."), 6000
            )

    @staticmethod
    def anchor_spans(doc: Document, anchor: Anchor) -> dict[str, list[tuple[int, int]]]:
        """The ranges an anchor covers, by paragraph id (offsets into each paragraph's text)."""
        paras = paragraphs_between(doc, anchor.first, anchor.last)
        spans: dict[str, list[tuple[int, int]]] = {}
        for i, para in enumerate(paras):
            start = anchor.start if i == 0 else 0
            end = anchor.end if i == len(paras) - 1 else len(para.text)
            spans[para.id] = [(start, end)]
        return spans

    def _on_excerpt_panel_error_occurred(self, message: str) -> None:
        self.statusBar().showMessage(message, 10_000)

    def reanchor_excerpts(self, archive: Archive) -> None:
        """After (re-)ingest: find every excerpt's text again; mark, never drop, those whose text is gone."""
        store, panel = self.excerpt_store, self.excerpt_panel
        if store is None or panel is None:
            return
        try:
            counts = store.reanchor(archive.by_id())
        except ViewerError as exc:
            panel.show_message(str(exc), error=True)
            return
        panel.refresh()
        if counts.get(ANCHOR_MISSING):
            panel.show_message(
                self.tr(
                    "%n excerpt(s) whose source text is not in this archive are marked; they are kept.",
                    "",
                    counts[ANCHOR_MISSING],
                )
            )

    def export_excerpts(self) -> None:
        """File → Export excerpts…: the selected excerpts, the collection or all, in a non-blocking dialog."""
        store, panel = self.excerpt_store, self.excerpt_panel
        if store is None or panel is None:
            self.statusBar().showMessage(
                self.tr("Excerpts are unavailable: %1").replace("%1", self.excerpt_store_error), 8000
            )
            return
        try:
            collection = store.collection(panel.current_collection_id())
            scopes: list[tuple[str, list[Excerpt]]] = [
                (
                    self.tr("Collection “%1” (%2)")
                    .replace("%1", collection.name)
                    .replace("%2", str(collection.count)),
                    store.list(collection.id),
                ),
            ]
            everything = store.list(all_collections=True)
        except ViewerError as exc:
            panel.show_message(str(exc), error=True)
            return
        if len(store.collections()) > 1:
            scopes.append((self.tr("All collections (%1)").replace("%1", str(len(everything))), everything))
        selected = panel.selected_excerpts()
        if selected:
            scopes.insert(0, (self.tr("Selected excerpts (%1)").replace("%1", str(len(selected))), selected))
        if self.export_dialog is not None:
            self.export_dialog.close()
        from viewer.gui.dialogs.export_dialog import ExportDialog  # not needed for the first paint

        dialog = ExportDialog(
            [],
            self,
            script=self.settings.excerpt_script,
            style=self.settings.citation_style,
            directory=_documents_folder(),
            scopes=scopes,
            scope=0 if len(selected) > 1 else (1 if selected else 0),
        )
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.accepted.connect(self._on_export_dialog_accepted)
        dialog.destroyed.connect(self._on_export_dialog_destroyed)
        self.export_dialog = dialog
        dialog.open()  # window-modal without a nested event loop

    def _on_export_dialog_accepted(self) -> None:
        dialog = self.export_dialog
        if dialog is None or dialog.written is None:
            return
        self.statusBar().showMessage(
            self.tr("Exported %n excerpt(s) to %1.", "", len(dialog.excerpts())).replace(
                "%1", str(dialog.written)
            ),
            8000,
        )

    def _on_export_dialog_destroyed(self) -> None:
        self.export_dialog = None

    def _report_excerpt_store_problem(self) -> None:
        """A store moved aside as corrupt, or no store at all: say so once, without stopping the app."""
        store = self.excerpt_store
        if store is not None and store.recovered is not None:
            title = self.tr("Excerpts file damaged")
            text = self.tr(
                "The excerpts file could not be read. It was moved aside (not deleted) and a new, "
                "empty one was started; the app works normally."
            )
            details = str(store.recovered)
        elif self.excerpt_store_error:
            title = self.tr("Excerpts unavailable")
            text = self.tr("The excerpts file cannot be opened, so excerpts cannot be kept in this session.")
            details = self.excerpt_store_error
        else:
            return
        self.statusBar().showMessage(f"{text} {details}", 20_000)
        box = QMessageBox(QMessageBox.Icon.Warning, title, text, QMessageBox.StandardButton.Ok, self)
        box.setInformativeText(details)
        box.setWindowModality(Qt.WindowModality.WindowModal)
        self.excerpt_store_message = box
        box.open()

    def _close_excerpt_store(self) -> None:
        if self.excerpt_store is not None:
            self.excerpt_store.close()
        if self.excerpt_panel is not None:
            self.excerpt_panel.setEnabled(False)  # the store is closed: no more edits through it
        for action in (self.add_excerpt_action, self.export_excerpts_action):
            action.setEnabled(False)

    # ================================================================ find in document

    def open_find_bar(self) -> None:
        self.find_bar.open_bar()

    def _on_find_bar_find_requested(self, text: str) -> None:
        doc = self.current_document()
        self._find_matches, self._find_current = [], -1
        if doc is None or not text.strip():
            self.view.set_highlights({}, None)
            self.find_bar.set_count(-1, 0)
            return
        if self._find_function is None:
            self._find_function = find_function()
        find = self._find_function
        marks: dict[int, list[tuple[int, int]]] = {}
        for row, para in enumerate(doc.paragraphs):
            for s, e in find(text, para.text):
                self._find_matches.append((row, s, e))
                marks.setdefault(row, []).append((s, e))
        self.view.set_highlights(marks, None)
        if self._find_matches:
            self._goto_find(0)
        else:
            self.find_bar.set_count(-1, 0)

    def find_next(self) -> None:
        if self._find_matches:
            self._goto_find((self._find_current + 1) % len(self._find_matches))

    def find_previous(self) -> None:
        if self._find_matches:
            self._goto_find((self._find_current - 1) % len(self._find_matches))

    def find_matches(self) -> list[tuple[int, int, int]]:
        return list(self._find_matches)

    def _goto_find(self, i: int) -> None:
        self._find_current = i
        row, s, e = self._find_matches[i]
        self.view.set_current_highlight((row, s, e))
        self.view.scroll_to_paragraph(row, s)
        self.find_bar.set_count(i, len(self._find_matches))

    def _on_find_bar_closed(self) -> None:
        self._find_matches, self._find_current = [], -1
        self.view.set_highlights({}, None)
        self.view.setFocus()

    # ================================================================ search

    def focus_search(self) -> None:
        self.results_dock.show()
        self.search_bar.focus_query()

    def _on_search_bar_search_requested(self, query: str) -> None:
        self.run_search(query)

    def _on_results_sort_changed(self, sort: str) -> None:
        self.settings.sort = sort
        query = self.search_bar.query()
        if query and self.search_index is not None:
            self.run_search(query)

    def run_search(self, query: str) -> None:
        """Search in a job; if the index is still being built, run when it is ready."""
        query = query.strip()
        if not query:
            return
        self.search_bar.remember(query)
        self.results_dock.show()
        if self.search_index is None:
            if self._index_job is not None or self._ingest_job is not None:
                self._pending_query = query
                self.results.set_message(
                    self.tr("The index is being built; the search runs when it is ready.")
                )
            else:
                self.results.set_message(self.tr("Search is not available: the index could not be built."))
            return
        index, sort = self.search_index, self.results.sort()

        def work(progress: Callable[[int, int, str], None], cancelled: Callable[[], bool]) -> Any:
            return index.search(query, limit=SEARCH_LIMIT, sort=sort)

        self.results.set_message(self.tr("Searching…"))
        self.jobs.start("search", work, succeeded=self._on_search_succeeded, failed=self._on_search_failed)

    def _on_search_succeeded(self, results: Any) -> None:
        self.results.set_results(results)
        self._hit_current = -1
        self._rebuild_hit_steps()
        self.search_finished.emit(results)

    def _on_search_failed(self, error: Exception) -> None:
        if isinstance(error, QuerySyntaxError | ViewerError):
            self.results.set_message(str(error))
        else:
            self.results.set_message(self.tr("Search failed: %1").replace("%1", str(error)))
        self.search_finished.emit(None)

    def _rebuild_hit_steps(self) -> None:
        self._hit_steps = []
        for i, hit in enumerate(self.results.visible_hits()):
            for m in range(max(1, len(hit.matches))):
                self._hit_steps.append((i, m))

    def _on_results_hit_activated(self, hit_index: int) -> None:
        self._rebuild_hit_steps()
        for step, (i, _m) in enumerate(self._hit_steps):
            if i == hit_index:
                self.goto_hit_step(step)
                return

    def next_hit(self) -> None:
        """F3: the next match across the whole result set (wraps)."""
        if self.find_bar.isVisible() and self._find_matches and not self._hit_steps:
            self.find_next()
            return
        if self._hit_steps:
            self.goto_hit_step((self._hit_current + 1) % len(self._hit_steps))

    def previous_hit(self) -> None:
        if self.find_bar.isVisible() and self._find_matches and not self._hit_steps:
            self.find_previous()
            return
        if self._hit_steps:
            self.goto_hit_step((self._hit_current - 1) % len(self._hit_steps))

    def current_hit(self) -> Any:
        if 0 <= self._hit_current < len(self._hit_steps):
            return self.results.visible_hits()[self._hit_steps[self._hit_current][0]]
        return None

    def goto_hit_step(self, step: int) -> None:
        hits = self.results.visible_hits()
        self._hit_current = step
        hit_index, match_index = self._hit_steps[step]
        hit = hits[hit_index]
        marks: dict[str, list[tuple[int, int]]] = {}
        for other in hits:
            if other.doc_id == hit.doc_id:
                marks.setdefault(other.paragraph_id, []).extend(other.matches)
        start, end = hit.matches[match_index] if hit.matches else (None, None)
        self.open_document(hit.doc_id, hit.paragraph_id, start, end, highlights=marks)
        self.results.select_hit(hit_index)
        self.statusBar().showMessage(
            self.tr("Hit %1 of %2").replace("%1", str(step + 1)).replace("%2", str(len(self._hit_steps))),
            4000,
        )


def _documents_folder() -> str:
    """Where exports go by default: the user's documents folder, else home."""
    found = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    return found if found and Path(found).is_dir() else str(Path.home())


def _writable(folder: Path) -> bool:
    import os

    return os.access(folder, os.W_OK)
