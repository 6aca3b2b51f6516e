"""The main window's commands: every QAction with its shortcut, the menus, the toolbar, and the list
Help → Keyboard shortcuts shows.

Actions are attributes of the window (``window.add_excerpt_action``, ``window.variant_actions[...]``)
so other features and tests can trigger them; they are added to the window itself, so their
shortcuts work even when the menu bar is hidden.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QAction, QActionGroup, QKeySequence
from PySide6.QtWidgets import QMenu

from viewer.core.citation import STYLE_GBT7714, STYLE_SHORT
from viewer.core.convert import TRADITIONAL_VARIANTS
from viewer.gui.dialogs.about import ShortcutsDialog, show_about
from viewer.gui.i18n import plain_label, variant_label, variant_tip

if TYPE_CHECKING:
    from viewer.gui.mainwindow import MainWindow

logger = logging.getLogger(__name__)

EXCERPT_SCRIPTS = ("original", "simplified", "traditional", "both")


class WindowActions(QObject):
    """Builds the window's actions, menus and toolbar, connected to the window and its controllers."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self._window = window
        self._build_file_actions()
        self._build_edit_actions()
        self._build_view_actions()
        self._build_search_and_help_actions()
        self._build_menus()
        self._build_toolbar()

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
        w.open_archive_action = self._action(
            self.tr("&Open archive folder…"), jobs.choose_archive_folder, QKeySequence.StandardKey.Open
        )
        w.add_files_action = self._action(self.tr("&Add files…"), jobs.choose_files_to_add, "Ctrl+Shift+O")
        w.ingest_report_action = self._action(self.tr("Files that could not be &read…"), jobs.show_problems)
        w.quit_action = self._action(self.tr("&Quit"), w.close, QKeySequence.StandardKey.Quit)
        w.export_excerpts_action = self._action(
            self.tr("&Export excerpts…"), w.excerpts.export_excerpts, "Ctrl+Shift+E"
        )

    def _build_edit_actions(self) -> None:
        w = self._window
        excerpts = w.excerpts
        w.copy_action = self._action(self.tr("&Copy"), w.view.copy_selection, QKeySequence.StandardKey.Copy)
        w.add_excerpt_action = self._action(
            self.tr("Add &excerpt"),
            excerpts.add_excerpt,
            "Ctrl+E",
            tip=self.tr("Add the selected text to the excerpts"),
        )
        w.copy_citation_action = self._action(
            self.tr("Copy with &citation"),
            excerpts.copy_with_citation,
            "Ctrl+Shift+C",
            tip=self.tr("Copy the selected text (or the selected excerpts) with its citation"),
        )
        w.citation_style_actions = self._choices(
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
        w.excerpt_script_actions = self._choices(
            list(zip(EXCERPT_SCRIPTS, labels, strict=True)), excerpts.set_excerpt_script
        )
        if excerpts.panel is None:
            for action in (w.add_excerpt_action, w.export_excerpts_action):
                action.setEnabled(False)
                action.setToolTip(excerpts.unavailable_message())
        w.find_action = self._action(
            self.tr("&Find in document…"), w.search.open_find_bar, QKeySequence.StandardKey.Find
        )
        w.preferences_action = self._action(self.tr("&Preferences…"), w.show_preferences, "Ctrl+,")

    def _build_view_actions(self) -> None:
        w = self._window
        w.swap_action = self._action(self.tr("S&wap sides"), w.swap_sides, "Ctrl+Shift+S")
        w.single_pane_action = self._action(
            self.tr("&Single pane"), w.set_single_pane, "Ctrl+\\", checkable=True
        )
        w.repairs_action = w.repairs_dock.toggleViewAction()
        w.repairs_action.setText(self.tr("Show &repairs and raw text"))
        w.repairs_action.setShortcut(QKeySequence("Ctrl+R"))
        w.addAction(w.repairs_action)  # in the shortcuts list, and works with the menu bar hidden
        w.zoom_in_action = self._action(
            self.tr("Zoom &in"),
            lambda: w.view.set_zoom(w.view.zoom() + 1),
            [QKeySequence(QKeySequence.StandardKey.ZoomIn), QKeySequence("Ctrl+=")],
        )
        w.zoom_out_action = self._action(
            self.tr("Zoom &out"), lambda: w.view.set_zoom(w.view.zoom() - 1), QKeySequence.StandardKey.ZoomOut
        )
        w.zoom_reset_action = self._action(self.tr("&Reset zoom"), lambda: w.view.set_zoom(0), "Ctrl+0")
        w.variant_actions = self._choices(
            [(c, variant_label(c)) for c in TRADITIONAL_VARIANTS],
            w.set_variant,
            {c: variant_tip(c) for c in TRADITIONAL_VARIANTS},
        )
        w.original_actions = self._choices(
            [
                ("", self.tr("As detected")),
                ("simplified", self.tr("Simplified")),
                ("traditional", self.tr("Traditional")),
            ],
            w.set_original_script,
        )
        w.original_actions[""].setChecked(True)
        w.theme_actions = self._choices(
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
        w.search_action = self._action(self.tr("&Search the archive"), search.focus_search, "Ctrl+K")
        w.next_hit_action = self._action(self.tr("&Next hit"), search.next_hit, QKeySequence("F3"))
        w.previous_hit_action = self._action(
            self.tr("&Previous hit"), search.previous_hit, QKeySequence("Shift+F3")
        )
        w.rebuild_index_action = self._action(self.tr("&Rebuild index"), w.archive_jobs.rebuild_index)
        w.shortcuts_action = self._action(
            self.tr("&Keyboard shortcuts"), self.show_shortcuts, QKeySequence.StandardKey.HelpContents
        )
        w.about_action = self._action(self.tr("&About Archive Viewer"), lambda: show_about(w))

    # ------------------------------------------------------------ menus and toolbar

    def _build_menus(self) -> None:
        w = self._window
        bar = w.menuBar()
        file_menu = bar.addMenu(self.tr("&File"))
        file_menu.addActions([w.open_archive_action, w.add_files_action, w.ingest_report_action])
        file_menu.addSeparator()
        file_menu.addAction(w.export_excerpts_action)
        file_menu.addSeparator()
        file_menu.addAction(w.quit_action)
        edit_menu = bar.addMenu(self.tr("&Edit"))
        edit_menu.addActions([w.copy_action, w.add_excerpt_action, w.copy_citation_action])
        _submenu(edit_menu, self.tr("Citation st&yle"), w.citation_style_actions)
        _submenu(edit_menu, self.tr("E&xcerpt text"), w.excerpt_script_actions)
        edit_menu.addSeparator()
        edit_menu.addActions([w.find_action, w.preferences_action])
        view_menu = bar.addMenu(self.tr("&View"))
        _submenu(view_menu, self.tr("Traditional &form"), w.variant_actions).setToolTipsVisible(True)
        _submenu(view_menu, self.tr("&Original script"), w.original_actions)
        view_menu.addActions([w.swap_action, w.single_pane_action, w.repairs_action])
        view_menu.addSeparator()
        view_menu.addActions([w.zoom_in_action, w.zoom_out_action, w.zoom_reset_action])
        _submenu(view_menu, self.tr("&Theme"), w.theme_actions)
        view_menu.addSeparator()
        w.docks_menu = view_menu.addMenu(self.tr("&Panels"))
        for dock in (w.tree_dock, w.results_dock, w.excerpts.dock):
            if dock is not None:
                w.docks_menu.addAction(dock.toggleViewAction())
        search_menu = bar.addMenu(self.tr("&Search"))
        search_menu.addActions([w.search_action, w.next_hit_action, w.previous_hit_action])
        search_menu.addSeparator()
        search_menu.addAction(w.rebuild_index_action)
        help_menu = bar.addMenu(self.tr("&Help"))
        help_menu.addActions([w.shortcuts_action, w.about_action])

    def _build_toolbar(self) -> None:
        w = self._window
        toolbar = w.addToolBar(self.tr("Main"))
        toolbar.setObjectName("main-toolbar")
        w.search_bar.setParent(toolbar)
        toolbar.addWidget(w.search_bar)
        toolbar.addSeparator()
        toolbar_actions = [w.swap_action, w.single_pane_action, w.add_excerpt_action, w.copy_citation_action]
        for action in toolbar_actions:  # Qt strips "&" but leaves the "(S)" of "单栏(&S)" on buttons
            action.setIconText(plain_label(action.text()))
        toolbar.addActions(toolbar_actions)
        # Right-click in the text: the same actions as the Edit menu, acting on the selection.
        w.view.setContextMenuPolicy(Qt.ContextMenuPolicy.ActionsContextMenu)
        w.view.addActions([w.copy_action, w.add_excerpt_action, w.copy_citation_action])

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
