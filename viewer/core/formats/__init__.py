"""Readers for non-text files (HTML, PDF, DOCX, EPUB): each turns a file into an `Extracted` text.

This module is the dispatch, by file name suffix: `.txt` and `.md` are not here (ingest decodes them
as text, as it always has); every other accepted suffix names its reader. The readers are imported
on the first file of their kind (pdfium is 8 MB, trafilatura pulls in lxml and htmldate), so a scan
or an archive of text files never loads them.

What the text pipeline takes from a reader (see Extracted): one paragraph per line; a heading is a
line of one to six '#', a space and its text, written only for what the file marks as a heading (a
font size, a heading style, an <h1>-<h6>). A body line that itself starts with '#' and a space is
to be escaped by its reader as "\\#" (Markdown's escape), which the structure pass reads as text
(the readers do not escape yet: such a paragraph, rare in Chinese text, would read as a heading);
Chinese hashtags ("#话题#", no space) are never headings. The structure pass strips this markup from
the paragraphs it cuts (a heading's level lives on in its section: documents.reader_markup_length),
and the raw view shows the reader's text with it.

Size limits: text and web pages are text, held whole in memory several times over (decode, repair,
structure): `max_file_mb` (64 MB) applies. A PDF is mostly fonts and images, and pdfium reads it page
by page from the file (hashed in chunks, never held whole): up to PDF_MAX_BYTES (1 GB). A DOCX or
EPUB is held in memory as bytes and unpacked under zipsafe's limits (200 MB unpacked, 200:1): up to
ZIP_MAX_BYTES (256 MB). A larger `max_file_mb` raises these too.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path, PurePath
from typing import TYPE_CHECKING

from viewer.core.progress import CancelCheck, Progress, never, no_progress

if TYPE_CHECKING:
    from viewer.core.formats.extracted import Extracted

FORMAT_HTML = "html"
FORMAT_PDF = "pdf"
FORMAT_DOCX = "docx"
FORMAT_EPUB = "epub"

# suffix -> format; .txt and .md are decoded as text by ingest (viewer.core.scan.TEXT_SUFFIXES)
FORMATS = {
    ".html": FORMAT_HTML,
    ".htm": FORMAT_HTML,
    ".mhtml": FORMAT_HTML,
    ".mht": FORMAT_HTML,
    ".pdf": FORMAT_PDF,
    ".docx": FORMAT_DOCX,
    ".epub": FORMAT_EPUB,
}
FORMAT_SUFFIXES = frozenset(FORMATS)

PDF_MAX_BYTES = 1024 * 2**20  # read page by page from the file: the text, not the file, is in memory
ZIP_MAX_BYTES = 256 * 2**20  # held as bytes; zipsafe bounds what is unpacked
_LIMITS = {FORMAT_PDF: PDF_MAX_BYTES, FORMAT_DOCX: ZIP_MAX_BYTES, FORMAT_EPUB: ZIP_MAX_BYTES}

# The encodings a reader gives (Extracted.encoding: "pdf", "docx", "epub", "html:gbk", "mhtml:utf-8").
_READER_ENCODINGS = frozenset({"pdf", "docx", "epub", "html", "mhtml"})


def format_of(name: str) -> str | None:
    """The format of a file by its name ("pdf", "html", …), or None for a text file (.txt, .md, other)."""
    return FORMATS.get(PurePath(name).suffix.lower())


def is_extracted(encoding: str) -> bool:
    """Whether a document with this encoding came through a reader (its text carries the readers'
    markup: '#' headings, "\\#" escapes) rather than being decoded as text."""
    return encoding.partition(":")[0] in _READER_ENCODINGS


def size_limit(fmt: str | None, max_file_bytes: int) -> int:
    """The largest file of this format that is read (see the module docstring)."""
    return max(max_file_bytes, _LIMITS.get(fmt or "", 0))


def reads_from_path(fmt: str) -> bool:
    """Whether the reader takes the file's path rather than its bytes (pdfium reads pages as needed)."""
    return fmt == FORMAT_PDF


def extract(
    fmt: str,
    path: Path,
    data: bytes | None,
    *,
    progress: Progress = no_progress,
    cancelled: CancelCheck = never,
) -> Extracted:
    """Read a file of format `fmt`: from `data` (its bytes, read once and hashed by ingest), or for a
    PDF from `path`. Raises UndecodableError with a reason a user understands, Cancelled, OSError."""
    reader = _READERS[fmt]
    return reader(Path(path), data, progress, cancelled)


def _pdf(path: Path, data: bytes | None, progress: Progress, cancelled: CancelCheck) -> Extracted:
    from viewer.core.formats.pdf import read_pdf

    return read_pdf(path, progress=progress, cancelled=cancelled)


def _html(path: Path, data: bytes | None, progress: Progress, cancelled: CancelCheck) -> Extracted:
    from viewer.core.formats.html import read_html

    return read_html(data if data is not None else path.read_bytes(), path.name)


def _docx(path: Path, data: bytes | None, progress: Progress, cancelled: CancelCheck) -> Extracted:
    from viewer.core.formats.docx import read_docx_bytes

    return read_docx_bytes(data if data is not None else path.read_bytes())


def _epub(path: Path, data: bytes | None, progress: Progress, cancelled: CancelCheck) -> Extracted:
    from viewer.core.formats.epub import read_epub_bytes

    return read_epub_bytes(data if data is not None else path.read_bytes())


_READERS: dict[str, Callable[[Path, bytes | None, Progress, CancelCheck], Extracted]] = {
    FORMAT_PDF: _pdf,
    FORMAT_HTML: _html,
    FORMAT_DOCX: _docx,
    FORMAT_EPUB: _epub,
}
