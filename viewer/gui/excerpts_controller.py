"""Excerpts in the main window: the store and its docked panel, Add excerpt, Copy with citation, export.

The controller opens the ExcerptStore (a corrupt one is moved aside by the store and reported once the
window shows), docks an ExcerptPanel over it, turns the window's ``excerpt_requested`` and
``citation_requested`` into a saved excerpt and a cited clipboard text, opens an activated excerpt at
its re-anchored range, re-anchors every excerpt after each (re-)ingest, and closes the store on exit.
Without a usable store (locked, read-only, newer version) the window runs without excerpts.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, QStandardPaths, Qt, Signal
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

from viewer.core.anchor import ANCHOR_MISSING, ANCHOR_MOVED, Anchor, paragraphs_between, resolve
from viewer.core.catalogue import CatalogueArchive as Archive
from viewer.core.citation import CITATION_STYLES, SCRIPT_CHOICES, cite
from viewer.core.documents import Document
from viewer.core.excerpts import Excerpt, ExcerptStore, make_excerpt
from viewer.errors import UsageError, ViewerError
from viewer.gui import plain
from viewer.gui.archive_session import ArchiveSession
from viewer.gui.i18n import collection_label, core_text
from viewer.gui.widgets.excerpt_panel import ExcerptPanel
from viewer.gui.widgets.parallel_view import ParallelView, TextRange
from viewer.settings import Settings

if TYPE_CHECKING:
    from viewer.gui.dialogs.export_dialog import ExportDialog

logger = logging.getLogger(__name__)


class ExcerptsController(QObject):
    """The excerpt store and its panel, and what the excerpt actions do; the window docks the panel."""

    excerpt_requested = Signal(list)  # list[TextRange]: Add excerpt, on the selection
    citation_requested = Signal(list)  # list[TextRange]: Copy with citation, on the selection
    citation_style_changed = Signal(str)
    excerpt_script_changed = Signal(str)
    store_closed = Signal()
    shown = Signal()  # an excerpt was added: the window shows the panel's dock

    def __init__(
        self,
        session: ArchiveSession,
        store_path: Path,
        settings: Settings,
        view: ParallelView,
        open_document: Callable[..., bool],
        traditional_variant: Callable[[], str],
        show_message: Callable[[str, int], None],
        dialog_parent: QWidget,
    ) -> None:
        super().__init__(dialog_parent)
        self._session = session
        self._settings = settings
        self._view = view
        self._open_document = open_document
        self._traditional_variant = traditional_variant
        self._show_message = show_message
        self._parent = dialog_parent
        self.store: ExcerptStore | None = None
        self.panel: ExcerptPanel | None = None
        self.store_error = ""  # why there is no store
        self.store_message: QMessageBox | None = None
        self.export_dialog: ExportDialog | None = None
        self.excerpt_requested.connect(self._on_excerpt_requested)
        self.citation_requested.connect(self._on_citation_requested)
        try:
            self.store = ExcerptStore(store_path)
        except (ViewerError, OSError) as exc:
            self.store_error = core_text(exc)
            logger.warning("Excerpts unavailable: %s", exc)
            return
        panel = ExcerptPanel(
            self.store,
            dialog_parent,
            citation_style=settings.citation_style,
            script=settings.excerpt_script,
        )
        panel.setObjectName("excerpt-panel")
        panel.excerpt_activated.connect(self._on_panel_excerpt_activated)
        panel.export_requested.connect(self.export_excerpts)
        panel.error_occurred.connect(self._on_panel_error_occurred)
        self.panel = panel
        if self.store.read_only:  # a read-only data folder: excerpts are listed and exported, not changed
            self._show_message(
                self.tr("Excerpts are read-only: the folder %1 cannot be written.").replace(
                    "%1", str(Path(store_path).parent)
                ),
                0,
            )

    def unavailable_message(self) -> str:
        return self.tr("Excerpts are unavailable: %1").replace("%1", self.store_error)

    def _show_status(self, message: str, msecs: int) -> None:
        self._show_message(message, msecs)

    # ------------------------------------------------------------ settings

    def set_citation_style(self, style: str) -> None:
        """The citation format of Copy with citation and the default of the export dialog."""
        if style not in CITATION_STYLES:
            return
        self._settings.citation_style = style
        self.citation_style_changed.emit(style)
        if self.panel is not None:
            self.panel.citation_style = style

    def set_excerpt_script(self, script: str) -> None:
        """Which text Copy with citation and exports quote: original, simplified, traditional or both."""
        if script not in SCRIPT_CHOICES:
            return
        self._settings.excerpt_script = script
        self.excerpt_script_changed.emit(script)
        if self.panel is not None:
            self.panel.script = script

    # ------------------------------------------------------------ the two actions

    def add_excerpt(self) -> None:
        """Edit → Add excerpt: ask (through the window's hook signal) to save the selection."""
        ranges = self._view.selection_ranges()
        if not ranges:
            self._show_status(self.tr("Select some text first."), 4000)
            return
        self.excerpt_requested.emit(ranges)

    def copy_with_citation(self) -> None:
        """Edit → Copy with citation: the selected excerpts when their list has focus, else the selection."""
        panel = self.panel
        focus = QApplication.focusWidget()
        if (
            panel is not None
            and focus is not None
            and panel.isAncestorOf(focus)
            and panel.selected_excerpts()
        ):
            if panel.copy_selected():  # the excerpt list has focus: copy its selected excerpts
                self._show_status(self.tr("Copied with citation."), 4000)
            return
        ranges = self._view.selection_ranges()
        if not ranges:
            self._show_status(self.tr("Select some text first."), 4000)
            return
        self.citation_requested.emit(ranges)

    def _excerpt_of(self, ranges: list[TextRange]) -> Excerpt | None:
        """An unsaved excerpt of the selection (first paragraph's start to last paragraph's end)."""
        doc_id = ranges[0].document_id
        doc = self._session.document
        archive = self._session.archive
        if doc is None or doc.id != doc_id:
            doc = archive.document(doc_id) if archive is not None else None
        if doc is None:
            self._show_status(self.tr("The selected document is no longer in the archive."), 6000)
            return None
        first, last = ranges[0], ranges[-1]
        try:
            return make_excerpt(
                doc,
                first.paragraph_id,
                first.start,
                last.paragraph_id,
                last.end,
                to_traditional=self._traditional_variant(),
            )
        except UsageError as exc:
            self._show_status(core_text(exc), 6000)
            return None

    def _on_excerpt_requested(self, ranges: list[TextRange]) -> None:
        panel, store = self.panel, self.store
        if panel is None or store is None:
            self._show_status(self.unavailable_message(), 8000)
            return
        excerpt = self._excerpt_of(ranges)
        if excerpt is None:
            return
        saved = panel.add_excerpt(excerpt)
        if saved is None:  # the panel shows why
            return
        self.shown.emit()
        name = collection_label(store.collection(saved.collection_id).name)
        self._show_status(self.tr("Excerpt added to “%1”.").replace("%1", name), 4000)

    def _on_citation_requested(self, ranges: list[TextRange]) -> None:
        excerpt = self._excerpt_of(ranges)
        if excerpt is None:
            return
        settings = self._settings
        text = cite(excerpt.texts(settings.excerpt_script), excerpt.citation, settings.citation_style)
        QGuiApplication.clipboard().setText(text)
        self._show_status(self.tr("Copied with citation."), 4000)

    # ------------------------------------------------------------ the panel

    def _on_panel_excerpt_activated(self, excerpt: Excerpt) -> None:
        """Open the excerpt's document with its range highlighted, wherever its text is now."""
        archive = self._session.archive
        if archive is None:
            self._show_status(self.tr("The archive is still being read; try again in a moment."), 6000)
            return
        doc = archive.by_id().get(excerpt.doc_id)
        found = resolve(doc, excerpt.anchor, excerpt.text, excerpt.text_hash or None)
        if doc is None or found.anchor is None or found.status == ANCHOR_MISSING:
            message = self.tr(
                "The source text of this excerpt is no longer in the archive (%1); the excerpt is kept."
            ).replace("%1", excerpt.citation.source or excerpt.doc_id)
            self._show_status(message, 10_000)
            if self.panel is not None:
                self.panel.show_message(message)
            return
        spans = anchor_spans(doc, found.anchor)
        first_start, first_end = spans[found.anchor.first][0]
        self._open_document(doc.id, found.anchor.first, first_start, first_end, highlights=spans)
        if found.status == ANCHOR_MOVED:
            self._show_status(
                self.tr("The document changed; the excerpt's text was found in a new place."), 6000
            )

    def _on_panel_error_occurred(self, message: str) -> None:
        self._show_status(message, 10_000)

    def reanchor(self, archive: Archive) -> None:
        """After (re-)ingest: find every excerpt's text again; mark, never drop, those whose text is gone."""
        store, panel = self.store, self.panel
        if store is None or panel is None:
            return
        try:
            counts = store.reanchor(archive.by_id())
        except ViewerError as exc:
            panel.show_message(core_text(exc), error=True)
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

    # ------------------------------------------------------------ export

    def export_excerpts(self) -> None:
        """File → Export excerpts…: the selected excerpts, the collection or all, in a non-blocking dialog."""
        store, panel = self.store, self.panel
        if store is None or panel is None:
            self._show_status(self.unavailable_message(), 8000)
            return
        try:
            collection = store.collection(panel.current_collection_id())
            scopes: list[tuple[str, list[Excerpt]]] = [
                (
                    self.tr("Collection “%1” (%2)")
                    .replace("%1", collection_label(collection.name))
                    .replace("%2", str(collection.count)),
                    store.list(collection.id),
                ),
            ]
            everything = store.list(all_collections=True)
        except ViewerError as exc:
            panel.show_message(core_text(exc), error=True)
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
            self._parent,
            script=self._settings.excerpt_script,
            style=self._settings.citation_style,
            directory=_documents_folder(),
            scopes=scopes,
            scope=0 if len(selected) > 1 else (1 if selected else 0),
            bookmarks=self._bookmarks(),
        )
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.accepted.connect(self._on_export_dialog_accepted)
        dialog.destroyed.connect(self._on_export_dialog_destroyed)
        self.export_dialog = dialog
        dialog.open()  # window-modal without a nested event loop

    def _bookmarks(self) -> list[Any]:
        """The bookmarks an export may include (none when they cannot be read)."""
        if self.store is None:
            return []
        try:
            return list(self.store.bookmarks.list())
        except ViewerError as exc:
            logger.warning("Bookmarks not exported: %s", exc)
            return []

    def _on_export_dialog_accepted(self) -> None:
        dialog = self.export_dialog
        if dialog is None or dialog.written is None:
            return
        self._show_status(
            self.tr("Exported %n excerpt(s) to %1.", "", len(dialog.excerpts())).replace(
                "%1", str(dialog.written)
            ),
            8000,
        )

    def _on_export_dialog_destroyed(self) -> None:
        self.export_dialog = None

    # ------------------------------------------------------------ start and end

    def report_store_problem(self) -> None:
        """A store moved aside as corrupt, or no store at all: say so once, without stopping the app."""
        store = self.store
        if store is not None and store.recovered is not None:
            title = self.tr("Excerpts file damaged")
            text = self.tr(
                "The excerpts file could not be read. It was moved aside (not deleted) and a new one "
                "was started with what could be recovered from it; the app works normally."
            )
            details = core_text(store.recovered)  # one line: where the file went, how much came back
        elif self.store_error:
            title = self.tr("Excerpts unavailable")
            text = self.tr("The excerpts file cannot be opened, so excerpts cannot be kept in this session.")
            details = self.store_error
        else:
            return
        self._show_status(text, 20_000)  # the details once, in the box
        box = plain.message_box(QMessageBox.Icon.Warning, title, text, self._parent, details)
        box.setWindowModality(Qt.WindowModality.WindowModal)
        self.store_message = box
        box.open()

    def close_store(self) -> None:
        if self.store is not None:
            self.store.close()
        if self.panel is not None:
            self.panel.setEnabled(False)  # the store is closed: no more edits through it
        self.store_closed.emit()


def anchor_spans(doc: Document, anchor: Anchor) -> dict[str, list[tuple[int, int]]]:
    """The ranges an anchor covers, by paragraph id (offsets into each paragraph's text)."""
    paras = paragraphs_between(doc, anchor.first, anchor.last)
    spans: dict[str, list[tuple[int, int]]] = {}
    for i, para in enumerate(paras):
        start = anchor.start if i == 0 else 0
        end = anchor.end if i == len(paras) - 1 else len(para.text)
        spans[para.id] = [(start, end)]
    return spans


def _documents_folder() -> str:
    """Where exports go by default: the user's documents folder, else home."""
    found = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    return found if found and Path(found).is_dir() else str(Path.home())
