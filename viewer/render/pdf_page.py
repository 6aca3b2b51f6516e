"""A PDF's page as an image, rendered by pdfium, for the reader's page panel beside the text.

pdfium has global state and no locking of its own: two calls at once on different threads, even on
different documents, may crash the process (pypdfium2's "thread incompatibility" note). So every call
here holds the lock the core's PDF reader holds (viewer/core/formats/pdf.py: ingest and the raw view
read PDFs in jobs too); a lock of this module alone would leave those calls free to overlap ours.
While the reader holds it for a large file, a render waits, checking its cancel flag, so a render that
has been superseded gives its thread back at once.

Objects pypdfium2 returns close themselves when collected, which may be on any thread, outside the
lock: every page and bitmap is closed here explicitly, under the lock, as soon as it has been used.
A text page takes pdfium 3-10 ms at a dock's 360-720 px and some 20 ms at 1,440 px (Qt-made A5 and A4
pages on a 2-core server; the first page of a file 10-60 ms more, to open it); the last few pages are
kept, so moving back and forth between two pages renders nothing.
"""

from __future__ import annotations

import contextlib
import logging
import os
import threading
import time
from collections import OrderedDict
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any, BinaryIO, Protocol

from PySide6.QtGui import QImage

from viewer.core.formats.pdf import PDFIUM_LOCK  # the one pdfium lock of the process (see above)
from viewer.core.progress import CancelCheck, never
from viewer.errors import Cancelled, ViewerError, message

logger = logging.getLogger(__name__)

CACHE_PAGES = 6  # rendered pages kept (a page 800 px wide is some 2 MB)
MIN_WIDTH, MAX_WIDTH = 32, 4096  # pixels: a page narrower is unreadable, wider a waste of memory
_LOCK_POLL_SECONDS = 0.05  # how often a render waiting for the lock checks whether it was cancelled

_Identity = tuple[str, int, int]  # a file's path, modification time (ns) and size


class Lock(Protocol):
    """What PdfPages needs of a lock (threading.Lock)."""

    def acquire(self, blocking: bool = ..., timeout: float = ...) -> bool: ...

    def release(self) -> None: ...


@dataclass(frozen=True)
class RenderedPage:
    """One page of a PDF as an image `width` pixels wide."""

    path: str
    page: int  # 1-based, within 1..page_count
    page_count: int
    width: int
    image: QImage
    seconds: float  # how long pdfium took to draw it


class PdfPages:
    """The PDF being shown, kept open between pages, and its last few rendered pages.

    render() runs in a job (it reads the file); a page rendered before comes from the cache without
    waiting for pdfium. One instance per window, owned by the controller that shows the pages.
    """

    def __init__(self, *, lock: Lock | None = None, cache_pages: int = CACHE_PAGES) -> None:
        self._pdfium_lock: Lock = lock if lock is not None else PDFIUM_LOCK
        self._cache_lock = threading.Lock()  # jobs of a superseded render may still fill it
        self._cache: OrderedDict[tuple[_Identity, int, int], RenderedPage] = OrderedDict()
        self._cache_pages = cache_pages
        # The open document; touched only while the pdfium lock is held.
        self._pdf: Any = None
        self._handle: BinaryIO | None = None
        self._identity: _Identity | None = None  # of the open file

    def render(
        self, path: str, page: int, width: int, *, label: str = "", cancelled: CancelCheck = never
    ) -> RenderedPage:
        """Page `page` (1-based; past the end: the last page) of the PDF at `path`, `width` pixels wide.

        `label` names the file in messages (the archive-relative name). Raises ViewerError when the
        file cannot be opened or rendered, Cancelled when `cancelled()` turns true before pdfium starts.
        """
        width = _clamp_width(width)
        label = label or os.path.basename(path)
        try:
            st = os.stat(path)
        except OSError as exc:
            raise ViewerError(
                message("The file {file} cannot be read ({reason}).", file=label, reason=_reason(exc))
            ) from exc
        identity = (path, st.st_mtime_ns, st.st_size)  # a file changed on disk is rendered anew
        key = (identity, page, width)
        with self._cache_lock:
            found = self._cache.get(key)
            if found is not None:
                self._cache.move_to_end(key)
                return found
        with self._locked(cancelled):
            pdf = self._open(identity, label)
            count = len(pdf)
            number = max(1, min(page, count))
            started = time.perf_counter()
            image = _render_page(pdf, number - 1, width, label)
            seconds = time.perf_counter() - started
        rendered = RenderedPage(path, number, count, width, image, seconds)
        logger.debug("Rendered page %d of %s at %d px in %.1f ms", number, label, width, seconds * 1000)
        with self._cache_lock:
            self._cache[key] = rendered
            while len(self._cache) > self._cache_pages:
                self._cache.popitem(last=False)
        return rendered

    def release(self, timeout: float = 0.2) -> bool:
        """Close the open PDF but keep the rendered pages: Windows lets nobody delete, rename or
        replace a file that is held open, so it is not held while no page of it is wanted. False
        when pdfium stayed busy (the next release or close closes it)."""
        if not self._pdfium_lock.acquire(timeout=timeout):
            return False
        try:
            self._close_document()
        finally:
            self._pdfium_lock.release()
        return True

    def close(self, timeout: float = 5.0) -> None:
        """Close the open PDF and forget the pages (on quit); gives up when pdfium stays busy."""
        with self._cache_lock:
            self._cache.clear()
        if not self._pdfium_lock.acquire(timeout=timeout):
            logger.warning("The PDF page was not closed: pdfium is still busy")
            return
        try:
            self._close_document()
        finally:
            self._pdfium_lock.release()

    # ------------------------------------------------------------ under the pdfium lock

    @contextlib.contextmanager
    def _locked(self, cancelled: CancelCheck) -> Iterator[None]:
        while not self._pdfium_lock.acquire(timeout=_LOCK_POLL_SECONDS):
            if cancelled():
                raise Cancelled("rendering the PDF page was cancelled")
        try:
            if cancelled():
                raise Cancelled("rendering the PDF page was cancelled")
            yield
        finally:
            self._pdfium_lock.release()

    def _open(self, identity: _Identity, label: str) -> Any:
        """The document, opened again when another file or a changed one is asked for."""
        import pypdfium2 as pdfium  # 8 MB: loaded with the first PDF page shown

        if identity == self._identity and self._pdf is not None:
            return self._pdf
        path = identity[0]
        if self._identity is not None and self._identity[0] == path:  # changed on disk: pages are stale
            with self._cache_lock:
                for key in [k for k in self._cache if k[0][0] == path]:
                    del self._cache[key]
        self._close_document()
        try:
            # Opened by Python, not by pdfium: a file name that is not UTF-8 opens all the same.
            handle: BinaryIO = open(path, "rb")  # noqa: SIM115 (kept open with the document)
        except OSError as exc:
            raise ViewerError(
                message("The file {file} cannot be read ({reason}).", file=label, reason=_reason(exc))
            ) from exc
        try:
            pdf = pdfium.PdfDocument(handle)
            if len(pdf) < 1:
                pdf.close()
                raise ViewerError(message("damaged PDF ({error})", error="no pages"))
        except pdfium.PdfiumError as exc:
            handle.close()
            raise ViewerError(
                message("The file {file} cannot be read ({reason}).", file=label, reason=str(exc))
            ) from exc
        except BaseException:
            handle.close()
            raise
        self._pdf, self._handle, self._identity = pdf, handle, identity
        return pdf

    def _close_document(self) -> None:
        if self._pdf is not None:
            self._pdf.close()
        if self._handle is not None:
            self._handle.close()
        self._pdf, self._handle, self._identity = None, None, None


def _render_page(pdf: Any, index: int, width: int, label: str) -> QImage:
    """Page `index` (0-based) `width` pixels wide, as an image that owns its pixels."""
    import pypdfium2 as pdfium

    page = pdf[index]
    try:
        page_width = max(1.0, float(page.get_width()))
        # RGBx bytes in this order on every platform: QImage's RGBX8888, no conversion.
        bitmap = page.render(scale=width / page_width, prefer_bgrx=True, rev_byteorder=True)
        try:
            image = QImage(
                bytes(bitmap.buffer),
                bitmap.width,
                bitmap.height,
                bitmap.stride,
                QImage.Format.Format_RGBX8888,
            ).copy()  # QImage over a Python buffer does not own it
        finally:
            bitmap.close()
    except pdfium.PdfiumError as exc:
        raise ViewerError(message("damaged PDF ({error})", error=f"{label}: {exc}")) from exc
    finally:
        page.close()
    return image


def _clamp_width(width: int) -> int:
    return max(MIN_WIDTH, min(MAX_WIDTH, int(width)))


def _reason(exc: OSError) -> str:
    return exc.strerror or str(exc)
