"""The PDF page beside the text: which page the reader is on, rendered off the UI thread.

The page is the one the current paragraph starts on (Paragraph.page, from the PDF reader); the
current paragraph is the one the status bar's "¶N of M" shows, so the page follows scrolling, Go to
paragraph, search hits and bookmarks alike. Nothing is rendered while the panel is hidden.

Rendering runs as a job in its own slot, "pdf-page": scrolling through a PDF asks for page after
page, and each new one supersedes the last, whose image (if pdfium had already started on it) is
kept in PdfPages' cache but not shown, so the page shown is always the current paragraph's. A page
in the cache comes back without waiting for pdfium (which the PDF reader may hold for seconds).
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import NamedTuple

from PySide6.QtCore import QObject

from viewer.core.documents import Document
from viewer.core.scan import source_path
from viewer.errors import Cancelled
from viewer.gui.archive_session import ArchiveSession
from viewer.gui.i18n import core_text
from viewer.gui.jobs import JobRunner, JobSlot
from viewer.gui.widgets.parallel_view import ParallelView
from viewer.gui.widgets.pdf_page_panel import PdfPagePanel
from viewer.render.pdf_page import PdfPages, RenderedPage

logger = logging.getLogger(__name__)


class PageRequest(NamedTuple):
    """A page to show: the file, the page (1-based) and the width in device pixels."""

    path: str
    label: str  # the file as the archive names it (for messages)
    page: int
    width: int


def is_pdf(doc: Document) -> bool:
    return doc.source.lower().endswith(".pdf")


def page_of(doc: Document, row: int) -> int:
    """The page paragraph `row` starts on: its own, else the last one known before it, else 1."""
    for paragraph in reversed(doc.paragraphs[: max(0, row) + 1]):
        page = getattr(paragraph, "page", None)
        if page is not None:
            return max(1, int(page))
    return 1


class PdfPageController(QObject):
    """Keeps the PDF page panel on the page of the paragraph being read."""

    def __init__(
        self,
        runner: JobRunner,
        session: ArchiveSession,
        view: ParallelView,
        panel: PdfPagePanel,
        *,
        pages: PdfPages | None = None,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._session = session
        self._view = view
        self._panel = panel
        self._pages = pages if pages is not None else PdfPages()
        self._slot = JobSlot(runner, "pdf-page", self)
        self._shown = False
        self._row = 0
        self._wanted: PageRequest | None = None  # the page shown, or being rendered to be shown
        session.document_changed.connect(self._on_session_document_changed)
        view.top_paragraph_changed.connect(self._on_view_top_paragraph_changed)
        panel.width_changed.connect(self._on_panel_width_changed)

    @property
    def pages(self) -> PdfPages:
        return self._pages

    def set_shown(self, shown: bool) -> None:
        """The panel was shown or hidden (its dock's visibilityChanged): render only while it is seen."""
        self._shown = bool(shown)
        if self._shown:
            self._update()
        else:
            self._slot.cancel()
            self._wanted = None
            self._pages.release()  # not held open while unseen (Windows locks open files)

    def busy(self) -> bool:
        """Whether a page is being rendered to be shown."""
        return self._slot.busy()

    def shutdown(self) -> None:
        """On quit, once no job runs any more: close the PDF."""
        self._slot.cancel()
        self._pages.close()

    # ------------------------------------------------------------ following the reader

    def _on_session_document_changed(self, doc: Document | None) -> None:
        self._row = self._view.top_paragraph() if doc is not None else 0
        self._update(again=True)  # the file may have changed (the job asks the cache first)

    def _on_view_top_paragraph_changed(self, row: int) -> None:
        self._row = row
        self._update()

    def _on_panel_width_changed(self) -> None:
        self._update()

    def _request(self) -> PageRequest | None:
        doc = self._session.document
        if doc is None or not is_pdf(doc):
            return None
        archive = self._session.archive
        root = archive.root if archive is not None else self._session.root
        return PageRequest(
            source_path(root, doc.source, doc.id),
            doc.source,
            page_of(doc, self._row),
            self._panel.render_width(),
        )

    def _update(self, *, again: bool = False) -> None:
        if not self._shown:
            return
        request = self._request()
        if request == self._wanted and not again:
            return  # the same page: shown already, or on its way
        self._wanted = request
        if request is None:
            self._slot.cancel()
            self._panel.show_empty()
            self._pages.release()  # a document that is no PDF: let go of the last one
            return
        pages = self._pages

        def work(progress: Callable[[int, int, str], None], cancelled: Callable[[], bool]) -> RenderedPage:
            return pages.render(
                request.path, request.page, request.width, label=request.label, cancelled=cancelled
            )

        def rendered(page: RenderedPage) -> None:
            self._panel.show_page(page)

        def failed(error: Exception) -> None:
            if not isinstance(error, Cancelled):
                self._panel.show_message(core_text(error))

        self._slot.start(work, succeeded=rendered, failed=failed)
