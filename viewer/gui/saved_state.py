"""What the window remembers across restarts: layout, open document and scroll, zoom, variant, history.

Everything is kept in Settings (saved atomically by viewer/settings.py); this module only moves values
between the settings and the window's widgets.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from PySide6.QtCore import QByteArray

from viewer.core.catalogue import CatalogueArchive as Archive
from viewer.core.citation import STYLE_GBT7714
from viewer.errors import ViewerError
from viewer.gui.i18n import core_text
from viewer.paths import bundled_archive

if TYPE_CHECKING:
    from viewer.gui.mainwindow import MainWindow

logger = logging.getLogger(__name__)


class SavedState:
    """Restores the window from Settings at start and writes it back on quit and after preferences."""

    def __init__(self, window: MainWindow) -> None:
        self._window = window
        self._pending_open: tuple[str, int] | None = None  # (document id, top paragraph) to reopen

    def apply_reading_settings(self) -> None:
        """Zoom, spacing, panes and the checked state of every option menu, from the settings."""
        window, s = self._window, self._window.settings
        view = window.view
        view.set_zoom(s.zoom)
        view.set_line_spacing(s.line_spacing)
        view.set_single_pane(s.single_pane)
        view.set_original_side(s.original_side)
        window.commands.single_pane_action.setChecked(s.single_pane)
        window.commands.variant_actions[window.traditional_variant()].setChecked(True)
        window.commands.theme_actions.get(s.theme, window.commands.theme_actions["system"]).setChecked(True)
        style = (
            s.citation_style if s.citation_style in window.commands.citation_style_actions else STYLE_GBT7714
        )
        window.commands.citation_style_actions[style].setChecked(True)
        script = (
            s.excerpt_script if s.excerpt_script in window.commands.excerpt_script_actions else "original"
        )
        window.commands.excerpt_script_actions[script].setChecked(True)

    def restore(self) -> None:
        """The saved layout, query history and sort; the last open document reopens once the archive is read."""
        window, s = self._window, self._window.settings
        if s.window_geometry:
            window.restoreGeometry(QByteArray.fromBase64(s.window_geometry.encode("ascii")))
        if s.window_state:
            window.restoreState(QByteArray.fromBase64(s.window_state.encode("ascii")))
        window.repairs_dock.setVisible(s.show_raw or window.repairs_dock.isVisible())
        window.search_bar.set_history(s.query_history)
        window.results.set_sort(s.sort)
        if s.open_document:
            self._pending_open = (s.open_document, s.scroll_paragraph)

    def reopen_document(self, archive: Archive) -> None:
        """After a (re-)read: the document open at the last quit, else the open one, else the first one.

        The first start (or an archive without the remembered document) thus shows a document, not an
        empty page; only an empty archive leaves the view's hint in place.
        """
        window = self._window
        pending, self._pending_open = self._pending_open, None
        if pending is not None and archive.find(pending[0]) is not None:
            window.open_document(pending[0])
            window.view.scroll_to_paragraph(pending[1])
            return
        current = window.current_document()
        if current is not None:  # the open document as read anew, at the same place
            top = window.view.top_paragraph()
            try:
                window.show_document(archive.document(current.id))
            except ViewerError as exc:
                window.statusBar().showMessage(core_text(exc), 10_000)
                window.show_document(None)
            if window.current_document() is not None:
                window.view.scroll_to_paragraph(top)
        if window.current_document() is None:
            first = window.tree_panel.first_document_id()
            if first is not None:
                window.open_document(first)

    def save(self) -> None:
        """Write the layout, the open document and the reading settings (atomically)."""
        window, s = self._window, self._window.settings
        s.window_geometry = bytes(window.saveGeometry().toBase64().data()).decode("ascii")
        s.window_state = bytes(window.saveState().toBase64().data()).decode("ascii")
        doc = window.current_document()
        s.open_document = doc.id if doc is not None else ""
        s.scroll_paragraph = window.view.top_paragraph() if doc is not None else 0
        s.zoom = window.view.zoom()
        s.single_pane = window.view.is_single_pane()
        s.original_side = window.view.original_side()
        s.show_raw = window.repairs_dock.isVisible()
        s.query_history = window.search_bar.history()
        s.sort = window.results.sort()
        s.last_archive = (
            str(window.archive_session.root) if window.archive_session.root != bundled_archive() else ""
        )
        try:
            s.save(window.paths.ensure().settings_file)
        except OSError as exc:
            logger.warning("Could not save settings: %s", exc)
