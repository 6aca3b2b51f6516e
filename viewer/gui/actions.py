"""The main window's commands: every QAction with its shortcut, the menus, the toolbar, and the list
Help → Keyboard shortcuts shows.

The actions are attributes of one WindowCommands object the window keeps (``window.commands.add_excerpt_action``,
``window.commands.variant_actions[...]``), so other features and tests can trigger them; each is
also added to the window itself, so its shortcut works even when the menu bar is hidden.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QAction, QActionGroup, QKeySequence, QPalette
from PySide6.QtWidgets import QMenu

from viewer.core.citation import STYLE_GBT7714, STYLE_SHORT
from viewer.core.convert import TRADITIONAL_VARIANTS
from viewer.gui import plain
from viewer.gui.dialogs.about import ShortcutsDialog, show_about
from viewer.gui.i18n import plain_label, variant_label, variant_tip
from viewer.gui.icons import icon

if TYPE_CHECKING:
    from viewer.gui.mainwindow import MainWindow

logger = logging.getLogger(__name__)

EXCERPT_SCRIPTS = ("original", "simplified", "traditional", "both")


class WindowCommands(QObject):
    """The window's actions (attributes of this object, not of the window), its menus and toolbar."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self._window = window
        self.extra_icons: dict[str, QAction] = {}  # actions other parts add (bookmarks, printing)
        self._build_file_actions()
        self._build_edit_actions()
        self._build_view_actions()
        self._build_search_and_help_actions()
        self._build_menus()
        self._build_toolbar()
        self.apply_icons()
        window.view.set_repairs_shortcut(
            self.repairs_action.shortcut().toString(QKeySequence.SequenceFormat.NativeText)
        )

    def _action(
        self,
        text: str,
        slot: Callable[..., Any],
        shortcut: Any = None,
        *,
        checkable: bool = False,
        tip: str = "",
    ) -> QAction:
        action = QAction(text, self._window)
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
        self._window.addAction(action)  # shortcuts work even when the menu bar is hidden
        return action

    def _choices(
        self,
        choices: list[tuple[str, str]],
        choose: Callable[[str], None],
        tips: dict[str, str] | None = None,
    ) -> dict[str, QAction]:
        """One checkable action per (key, label), exclusive in a group; triggering one calls choose(key)."""
        group = QActionGroup(self._window)
        actions: dict[str, QAction] = {}
        for key, label in choices:
            action = self._action(
                label,
                lambda _checked=False, k=key: choose(k),
                checkable=True,
                tip=(tips or {}).get(key, ""),
            )
            group.addAction(action)
            actions[key] = action
        return actions

    # ------------------------------------------------------------ actions

    def _build_file_actions(self) -> None:
        w = self._window
        jobs = w.archive_jobs
        self.open_archive_action = self._action(
            self.tr("&Open archive folder…"), jobs.choose_archive_folder, QKeySequence.StandardKey.Open
        )
        self.add_files_action = self._action(self.tr("&Add files…"), jobs.choose_files_to_add, "Ctrl+Shift+O")
        self.ingest_report_action = self._action(
            self.tr("Files that could not be &read…"), jobs.show_problems
        )
        self.quit_action = self._action(self.tr("&Quit"), w.close, QKeySequence.StandardKey.Quit)
        self.print_action = self._action(
            self.tr("&Print…"), w.printing.print_document, QKeySequence.StandardKey.Print
        )
        self.print_pdf_action = self._action(
            self.tr("Print to P&DF…"), w.printing.print_to_pdf, "Ctrl+Shift+P"
        )
        self.recent_menu = QMenu(self.tr("Open &recent"), w)
        self.recent_menu.aboutToShow.connect(self._fill_recent_menu)
        self.export_excerpts_action = self._action(
            self.tr("&Export excerpts…"), w.excerpts.export_excerpts, "Ctrl+Shift+E"
        )

    def _build_edit_actions(self) -> None:
        w = self._window
        excerpts = w.excerpts
        self.copy_action = self._action(
            self.tr("&Copy"), w.view.copy_selection, QKeySequence.StandardKey.Copy
        )
        self.add_excerpt_action = self._action(
            self.tr("Add &excerpt"),
            excerpts.add_excerpt,
            "Ctrl+E",
            tip=self.tr("Add the selected text to the excerpts"),
        )
        self.copy_citation_action = self._action(
            self.tr("Copy with &citation"),
            excerpts.copy_with_citation,
            "Ctrl+Shift+C",
            tip=self.tr("Copy the selected text (or the selected excerpts) with its citation"),
        )
        self.citation_style_actions = self._choices(
            [
                (STYLE_GBT7714, self.tr("GB/T 7714-2015")),
                (STYLE_SHORT, self.tr("Short: 《title》(volume,【entry】)：「text」")),
            ],
            excerpts.set_citation_style,
        )
        labels = (
            self.tr("As in the source"),
            self.tr("Simplified"),
            self.tr("Traditional"),
            self.tr("Both, side by side"),
        )
        self.excerpt_script_actions = self._choices(
            list(zip(EXCERPT_SCRIPTS, labels, strict=True)), excerpts.set_excerpt_script
        )
        if excerpts.panel is None:
            for action in (self.add_excerpt_action, self.export_excerpts_action):
                action.setEnabled(False)
                action.setToolTip(plain.tooltip(excerpts.unavailable_message()))
        excerpts.citation_style_changed.connect(
            lambda style: self.citation_style_actions[style].setChecked(True)
        )
        excerpts.excerpt_script_changed.connect(
            lambda script: self.excerpt_script_actions[script].setChecked(True)
        )
        excerpts.store_closed.connect(self._on_excerpt_store_closed)
        self.bookmark_action: QAction | None = None
        if w.bookmarks is not None:
            self.bookmark_action = w.bookmarks.create_toggle_action(w)
            w.addAction(self.bookmark_action)
            self.extra_icons["bookmark"] = self.bookmark_action
        self.find_action = self._action(
            self.tr("&Find in document…"), w.search.open_find_bar, QKeySequence.StandardKey.Find
        )
        self.preferences_action = self._action(self.tr("&Preferences…"), w.show_preferences, "Ctrl+,")

    def _build_view_actions(self) -> None:
        w = self._window
        self.swap_action = self._action(self.tr("S&wap sides"), w.swap_sides, "Ctrl+Shift+S")
        self.single_pane_action = self._action(
            self.tr("&Single pane"), w.set_single_pane, "Ctrl+\\", checkable=True
        )
        self.repairs_action = w.repairs_dock.toggleViewAction()
        self.repairs_action.setText(self.tr("Show &repairs and raw text"))
        self.repairs_action.setShortcut(QKeySequence("Ctrl+R"))
        w.addAction(self.repairs_action)  # in the shortcuts list, and works with the menu bar hidden
        self.pdf_page_action = w.pdf_page_dock.toggleViewAction()
        self.pdf_page_action.setText(self.tr("P&DF page"))
        self.pdf_page_action.setShortcut(QKeySequence("Ctrl+Shift+G"))
        tip = self.tr("Show the PDF page of the current paragraph beside the text")
        self.pdf_page_action.setToolTip(tip)
        self.pdf_page_action.setStatusTip(tip)
        w.addAction(self.pdf_page_action)
        self.zoom_in_action = self._action(
            self.tr("Zoom &in"),
            lambda: w.view.set_zoom(w.view.zoom() + 1),
            [QKeySequence(QKeySequence.StandardKey.ZoomIn), QKeySequence("Ctrl+=")],
        )
        self.zoom_out_action = self._action(
            self.tr("Zoom &out"), lambda: w.view.set_zoom(w.view.zoom() - 1), QKeySequence.StandardKey.ZoomOut
        )
        self.zoom_reset_action = self._action(self.tr("&Reset zoom"), lambda: w.view.set_zoom(0), "Ctrl+0")
        self.goto_paragraph_action = self._action(
            self.tr("&Go to paragraph…"),
            w.ask_paragraph,
            "Ctrl+G",
            tip=self.tr("Jump to a paragraph of the open document by its number"),
        )
        self.variant_actions = self._choices(
            [(c, variant_label(c)) for c in TRADITIONAL_VARIANTS],
            w.set_variant,
            {c: variant_tip(c) for c in TRADITIONAL_VARIANTS},
        )
        self.original_actions = self._choices(
            [
                ("", self.tr("As detected")),
                ("simplified", self.tr("Simplified")),
                ("traditional", self.tr("Traditional")),
            ],
            w.set_original_script,
        )
        self.original_actions[""].setChecked(True)
        self.theme_actions = self._choices(
            [
                ("system", self.tr("Follow the system")),
                ("light", self.tr("Light")),
                ("dark", self.tr("Dark")),
            ],
            w.set_theme,
        )

    def _build_search_and_help_actions(self) -> None:
        w = self._window
        search = w.search
        self.search_action = self._action(self.tr("&Search the archive"), search.focus_search, "Ctrl+K")
        self.next_hit_action = self._action(self.tr("&Next hit"), search.next_hit, QKeySequence("F3"))
        self.previous_hit_action = self._action(
            self.tr("&Previous hit"), search.previous_hit, QKeySequence("Shift+F3")
        )
        self.rebuild_index_action = self._action(self.tr("&Rebuild index"), w.archive_jobs.rebuild_index)
        self.shortcuts_action = self._action(
            self.tr("&Keyboard shortcuts"), self.show_shortcuts, QKeySequence.StandardKey.HelpContents
        )
        self.about_action = self._action(
            self.tr("&About Archive Viewer"), lambda: show_about(w, w.paths.log_file)
        )

    # ------------------------------------------------------------ icons

    def icon_names(self) -> dict[str, QAction]:
        """Each action that has an icon, by the bundled icon's name (resources/icons/actions)."""
        return {
            "open-folder": self.open_archive_action,
            "add-files": self.add_files_action,
            "export": self.export_excerpts_action,
            "search": self.search_action,
            "find": self.find_action,
            "previous-hit": self.previous_hit_action,
            "next-hit": self.next_hit_action,
            "zoom-in": self.zoom_in_action,
            "zoom-out": self.zoom_out_action,
            "zoom-reset": self.zoom_reset_action,
            "swap-columns": self.swap_action,
            "single-pane": self.single_pane_action,
            "repairs": self.repairs_action,
            "excerpt-add": self.add_excerpt_action,
            "citation-copy": self.copy_citation_action,
            "go-to-paragraph": self.goto_paragraph_action,
            "print": self.print_action,
            "print-pdf": self.print_pdf_action,
            "preferences": self.preferences_action,
            "rebuild-index": self.rebuild_index_action,
            "shortcuts": self.shortcuts_action,
            "about": self.about_action,
            **self.extra_icons,
        }

    def apply_icons(self) -> None:
        """Draw every action's icon in the palette's text colour (again after a theme change)."""
        color = self._window.palette().color(QPalette.ColorRole.WindowText)
        for name, action in self.icon_names().items():
            action.setIcon(icon(name, color))

    # ------------------------------------------------------------ menus and toolbar

    def _build_menus(self) -> None:
        w = self._window
        bar = w.menuBar()
        file_menu = bar.addMenu(self.tr("&File"))
        file_menu.addAction(self.open_archive_action)
        file_menu.addMenu(self.recent_menu)
        file_menu.addActions([self.add_files_action, self.ingest_report_action])
        file_menu.addSeparator()
        file_menu.addAction(self.export_excerpts_action)
        file_menu.addActions([self.print_action, self.print_pdf_action])
        file_menu.addSeparator()
        file_menu.addAction(self.quit_action)
        edit_menu = bar.addMenu(self.tr("&Edit"))
        edit_menu.addActions([self.copy_action, self.add_excerpt_action, self.copy_citation_action])
        if self.bookmark_action is not None:
            edit_menu.addAction(self.bookmark_action)
        _submenu(edit_menu, self.tr("Citation st&yle"), self.citation_style_actions)
        _submenu(edit_menu, self.tr("E&xcerpt text"), self.excerpt_script_actions)
        edit_menu.addSeparator()
        edit_menu.addActions([self.find_action, self.preferences_action])
        view_menu = bar.addMenu(self.tr("&View"))
        _submenu(view_menu, self.tr("Traditional &form"), self.variant_actions).setToolTipsVisible(True)
        _submenu(view_menu, self.tr("&Original script"), self.original_actions)
        view_menu.addActions(
            [self.swap_action, self.single_pane_action, self.repairs_action, self.pdf_page_action]
        )
        view_menu.addSeparator()
        view_menu.addActions([self.zoom_in_action, self.zoom_out_action, self.zoom_reset_action])
        view_menu.addAction(self.goto_paragraph_action)
        _submenu(view_menu, self.tr("&Theme"), self.theme_actions)
        view_menu.addSeparator()
        self.docks_menu = view_menu.addMenu(self.tr("&Panels"))
        for dock in (w.tree_dock, w.results_dock, w.excerpts_dock, w.bookmarks_dock):
            if dock is not None:
                self.docks_menu.addAction(dock.toggleViewAction())
        search_menu = bar.addMenu(self.tr("&Search"))
        search_menu.addActions([self.search_action, self.next_hit_action, self.previous_hit_action])
        search_menu.addSeparator()
        search_menu.addAction(self.rebuild_index_action)
        help_menu = bar.addMenu(self.tr("&Help"))
        help_menu.addActions([self.shortcuts_action, self.about_action])

    def _build_toolbar(self) -> None:
        w = self._window
        toolbar = w.addToolBar(self.tr("Main"))
        toolbar.setObjectName("main-toolbar")
        toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonIconOnly)  # the name is the tooltip
        self.toolbar = toolbar
        toolbar.addAction(self.open_archive_action)
        w.search_bar.setParent(toolbar)
        toolbar.addWidget(w.search_bar)
        toolbar.addActions([self.previous_hit_action, self.next_hit_action])
        toolbar.addSeparator()
        toolbar_actions = [
            self.swap_action,
            self.single_pane_action,
            self.repairs_action,
            self.add_excerpt_action,
            self.copy_citation_action,
            *([self.bookmark_action] if self.bookmark_action is not None else []),
            self.print_action,
        ]
        for action in toolbar_actions:  # Qt strips "&" but leaves the "(S)" of "单栏(&S)" on buttons
            action.setIconText(plain_label(action.text()))
        toolbar.addActions(toolbar_actions)
        # Right-click in the text: the same actions as the Edit menu, acting on the selection.
        w.view.setContextMenuPolicy(Qt.ContextMenuPolicy.ActionsContextMenu)
        w.view.addActions([self.copy_action, self.add_excerpt_action, self.copy_citation_action])
        if self.bookmark_action is not None:
            w.view.addAction(self.bookmark_action)

    def _on_excerpt_store_closed(self) -> None:
        for action in (self.add_excerpt_action, self.export_excerpts_action, self.bookmark_action):
            if action is not None:
                action.setEnabled(False)

    def _fill_recent_menu(self) -> None:
        """File → Open recent: the archives opened before, newest first (missing folders disabled)."""
        w = self._window
        menu = self.recent_menu
        menu.clear()
        for folder in w.settings.recent_archives:
            action = menu.addAction(folder.replace("&", "&&"))  # a path's "&" is no mnemonic
            action.setEnabled(Path(folder).is_dir())
            action.triggered.connect(
                lambda _checked=False, f=folder: w.archive_jobs.open_archive_folder(Path(f))
            )
        if not w.settings.recent_archives:
            menu.addAction(self.tr("No recent archives")).setEnabled(False)
        else:
            menu.addSeparator()
            menu.addAction(self.tr("Clear the list"), self._clear_recent)

    def _clear_recent(self) -> None:
        self._window.settings.recent_archives = []

    # ------------------------------------------------------------ the shortcuts list

    def shortcut_actions(self) -> list[QAction]:
        """Every action with a shortcut for Help → Keyboard shortcuts, the excerpt list's own included."""
        w = self._window
        actions = list(w.actions())
        rows = [  # keys the text view handles itself
            (
                self.tr("Text: extend the selection (Shift+arrows, Shift+Home/End)"),
                QKeySequence("Shift+Right"),
            ),
            (
                self.tr("Text: select the paragraph; pressed again, the document"),
                QKeySequence(QKeySequence.StandardKey.SelectAll),
            ),
        ]
        panel = w.excerpts.panel
        if panel is not None:
            rows += [
                (self.tr("Excerpts: delete the selected excerpts"), panel.delete_action.shortcut()),
                (self.tr("Excerpts: undo"), panel.undo_action.shortcut()),
                (self.tr("Excerpts: redo"), panel.redo_action.shortcut()),
            ]
        for text, key in rows:
            label = QAction(text, self)  # a row of the list only: never added to a widget
            label.setShortcut(key)
            actions.append(label)
        return actions

    def show_shortcuts(self) -> None:
        ShortcutsDialog(self.shortcut_actions(), self._window).exec()


def _submenu(menu: QMenu, title: str, actions: dict[str, QAction]) -> QMenu:
    sub = menu.addMenu(title)
    sub.addActions(list(actions.values()))
    return sub
