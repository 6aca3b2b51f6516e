"""Archive folder -> Documents: find files, read (decode a text file, or run its format's reader), repair,
structure; bad files are reported, never fatal.

Every format becomes the same Document. A reader's text (viewer/core/formats: PDF, DOCX, EPUB, web
pages) is the document's raw text, and goes through the same repairs and structure pass as a text
file's, with its '#' lines read as headings (`reader_markup`). What the reader adds:
- what it left out (running heads, page numbers, navigation, web widgets) becomes Repairs of
  READER_REPAIR_KINDS, listed with the others;
- its metadata: the title when the text has no title line (a PDF's Title is often a file name:
  "Microsoft Word - 文档1.docx", so the text's own title comes first), except an EPUB's, which names
  the book whose first heading is only a chapter; authors (an EPUB's or web page's first, a PDF's or
  DOCX's only when the text names none, without "Administrator" and the like); a web page's or
  EPUB's date (and the year from it when the text gives none), but a PDF's or DOCX's date only as
  `file_date` (it is the day the file was made: a 2023 yearbook exported in 2024 is not of 2024);
  the site or publisher;
- a PDF's page of each line, carried to the paragraphs over the repairs (`_paragraph_rows`), and
  where inside a line the next page begins, carried to the offsets in the repaired paragraph
  (`_paragraph_breaks`), so that a citation of part of a paragraph names the page it is printed on.
"""

from __future__ import annotations

import difflib
import hashlib
import logging
import os
import re
from dataclasses import dataclass, field
from pathlib import Path

from viewer.core.decode import UndecodableError, decode_bytes
from viewer.core.documents import (
    KIND_LEFT_OUT,
    KIND_NAVIGATION,
    KIND_PAGE_CHROME,
    KIND_PAGE_NUMBER,
    KIND_RUNNING_HEAD,
    Document,
    IngestProblem,
    Repair,
    RepairChange,
)
from viewer.core.formats import (
    FORMAT_EPUB,
    FORMAT_HTML,
    extract,
    format_of,
    reads_from_path,
    size_limit,
)
from viewer.core.formats.extracted import Extracted
from viewer.core.gc_pause import gc_paused
from viewer.core.progress import CancelCheck, Progress, never, no_progress
from viewer.core.repair import chrome, doubled, find_common_lines, pagebreaks, repair_text
from viewer.core.scan import (
    DEFAULT_MAX_FILE_BYTES,
    SourceFile,
    _os_reason,
    display_safe,
    open_regular,
    scan_archive,
)
from viewer.core.structure import build_structure
from viewer.errors import Cancelled, message

logger = logging.getLogger(__name__)


@dataclass
class Archive:
    """The ingested archive: its documents (sorted by source path) and what could not be read."""

    root: Path
    documents: list[Document] = field(default_factory=list)
    problems: list[IngestProblem] = field(default_factory=list)

    @property
    def size_bytes(self) -> int:
        return sum(d.size for d in self.documents)

    def find(self, key: str) -> Document | None:
        """A document by id, by archive-relative path, or by file name (or stem) when unambiguous.

        A name may be given as shown (bad\\xff.txt) or with its real bytes (from a command line)."""
        key = display_safe(key)
        for doc in self.documents:
            if key in (doc.id, doc.source):
                return doc
        matches = [d for d in self.documents if key in (Path(d.source).name, Path(d.source).stem)]
        return matches[0] if len(matches) == 1 else None

    def by_id(self) -> dict[str, Document]:
        return {d.id: d for d in self.documents}


@dataclass
class LoadedFile:
    """A file's bytes decoded (or read by its format's reader), before repair: what the archive-wide
    passes need."""

    source: SourceFile
    text: str
    encoding: str
    size: int
    mtime: float
    sha256: str
    extracted: Extracted | None = None  # a reader's output: metadata, pages, what it left out


READ_ATTEMPTS = 3  # a file still changing after this many reads is reported and read at the next update
_HASH_CHUNK = 1 << 20


def load_file(
    source: SourceFile,
    max_bytes: int = DEFAULT_MAX_FILE_BYTES,
    *,
    progress: Progress = no_progress,
    cancelled: CancelCheck = never,
) -> LoadedFile:
    """Read and decode one file (a PDF, DOCX, EPUB or web page through its reader); raise
    UndecodableError/OSError with a reason a user understands, or Cancelled (`progress` and
    `cancelled` reach into a PDF's pages).

    A file written to while it is read (a sync tool, an editor saving) is read again, so the
    catalogue never keeps half of one version and half of the next under the newer date."""
    fmt = format_of(source.source)
    limit = size_limit(fmt, max_bytes)
    for _attempt in range(READ_ATTEMPTS):
        if fmt is not None and reads_from_path(fmt):
            digest, st = _hash_once(source, limit, fmt)
            if digest is None:
                continue
            extracted = _extract(fmt, source, None, progress, cancelled)
            if not _unchanged(source.path, st):
                continue  # written to while the reader read it
            return LoadedFile(
                source, extracted.text, extracted.encoding, st.st_size, st.st_mtime, digest, extracted
            )
        data, st = _read_once(source, limit, fmt)
        if data is None:
            continue
        if fmt is None:
            return _decoded(source, data, st)
        extracted = _extract(fmt, source, data, progress, cancelled)
        return LoadedFile(
            source,
            extracted.text,
            extracted.encoding,
            len(data),
            st.st_mtime,
            hashlib.sha256(data).hexdigest(),
            extracted,
        )
    raise UndecodableError(message("changed while it was being read; it will be read at the next update"))


def _extract(
    fmt: str, source: SourceFile, data: bytes | None, progress: Progress, cancelled: CancelCheck
) -> Extracted:
    """The reader's output; anything else a third-party parser raises on a hostile or odd file
    (lxml, python-docx, pdfium) costs that file only, reported as an UndecodableError."""
    try:
        return extract(fmt, Path(source.path), data, progress=progress, cancelled=cancelled)
    except (UndecodableError, Cancelled, OSError, MemoryError):
        raise
    except Exception as exc:
        logger.exception("The %s reader failed on %s", fmt, source.source)
        raise UndecodableError(
            message("could not be processed ({error})", error=f"{type(exc).__name__}: {exc}")
        ) from exc


def _decoded(source: SourceFile, data: bytes, st: os.stat_result) -> LoadedFile:
    decoded = decode_bytes(data)
    return LoadedFile(
        source, decoded.text, decoded.encoding, len(data), st.st_mtime, hashlib.sha256(data).hexdigest()
    )


def _too_large(size: int, limit: int, fmt: str | None) -> UndecodableError:
    if fmt is None:
        return UndecodableError(
            message(
                "too large ({size} MB; the limit is {limit} MB, set by max_file_mb in the settings)",
                size=f"{size / 2**20:.1f}",
                limit=f"{limit / 2**20:.0f}",
            )
        )
    return UndecodableError(
        message(
            "too large ({size} MB; the limit for {kind} files is {limit} MB)",
            size=f"{size / 2**20:.1f}",
            kind=fmt.upper(),
            limit=f"{limit / 2**20:.0f}",
        )
    )


def _read_once(
    source: SourceFile, max_bytes: int, fmt: str | None = None
) -> tuple[bytes | None, os.stat_result]:
    """The file's bytes and status, or None for the bytes when the file changed during the read."""
    with open_regular(source.path) as (handle, st):
        if st.st_size > max_bytes:
            raise _too_large(st.st_size, max_bytes, fmt)
        data = handle.read()
        after = os.fstat(handle.fileno())
    steady = (after.st_size, after.st_mtime_ns) == (st.st_size, st.st_mtime_ns) == (len(data), st.st_mtime_ns)
    return (data if steady else None), st


def _hash_once(source: SourceFile, max_bytes: int, fmt: str) -> tuple[str | None, os.stat_result]:
    """The SHA-256 of a file read in chunks (a PDF is never held whole), or None when it changed."""
    digest = hashlib.sha256()
    read = 0
    with open_regular(source.path) as (handle, st):
        if st.st_size > max_bytes:
            raise _too_large(st.st_size, max_bytes, fmt)
        while chunk := handle.read(_HASH_CHUNK):
            digest.update(chunk)
            read += len(chunk)
        after = os.fstat(handle.fileno())
    steady = (after.st_size, after.st_mtime_ns) == (st.st_size, st.st_mtime_ns) == (read, st.st_mtime_ns)
    return (digest.hexdigest() if steady else None), st


def _unchanged(path: str, st: os.stat_result) -> bool:
    try:
        now = os.stat(path)
    except OSError:
        return False
    return (now.st_size, now.st_mtime_ns) == (st.st_size, st.st_mtime_ns)


def build_document(loaded: LoadedFile, common_lines: frozenset[str] = frozenset()) -> Document:
    """Repair and structure one decoded file; the raw text is kept untouched beside the result."""
    raw = loaded.text
    clean, repairs = repair_text(raw, common_lines=common_lines)
    extracted = loaded.extracted
    doc = Document(
        id=loaded.source.doc_id,
        source=loaded.source.source,
        encoding=loaded.encoding,
        raw_text=raw,
        text=clean,
        size=loaded.size,
        mtime=loaded.mtime,
        sha256=loaded.sha256,
        repairs=repairs,
    )
    if extracted is None:
        build_structure(doc)
        return doc
    fmt = format_of(doc.source) or ""
    build_structure(doc, reader_markup=True, title_hint=_metadata_title(extracted, doc.source))
    doc.repairs = _reader_repairs(extracted.removed, doc.warnings) + repairs
    _apply_metadata(doc, extracted, fmt)
    if extracted.pages:
        _set_pages(doc, raw, repairs, extracted.pages, extracted.page_breaks)
    return doc


# ---------------------------------------------------------------- what a reader adds

# The reader's names for what it left out (Extracted.removed) -> the repair that lists them.
_REMOVED_KINDS = {
    "running head": KIND_RUNNING_HEAD,
    "page number": KIND_PAGE_NUMBER,
    "navigation": KIND_NAVIGATION,
    "breadcrumbs": KIND_PAGE_CHROME,
    "share bar": KIND_PAGE_CHROME,
    "widgets": KIND_PAGE_CHROME,
}
_MISSING = "missing"  # an EPUB's spine document that is not in the file: a warning, not a repair


def _reader_repairs(removed: list[tuple[str, str]], warnings: list[str]) -> list[Repair]:
    """One Repair per kind of line the reader left out, in the order first met (changes at -1: they
    are not in the raw text, which is the reader's output)."""
    grouped: dict[str, list[RepairChange]] = {}
    for kind, text in removed:
        if kind == _MISSING:
            warnings.append(message("a part of the book is missing from the file: {part}", part=text))
            continue
        grouped.setdefault(_REMOVED_KINDS.get(kind, KIND_LEFT_OUT), []).append(RepairChange(-1, text, ""))
    return [
        Repair(kind, len(changes), _removed_description(kind, len(changes)), tuple(changes))
        for kind, changes in grouped.items()
    ]


def _removed_description(kind: str, count: int) -> str:
    if kind == KIND_RUNNING_HEAD:
        return message(
            "Removed {count} running heads (lines repeated at the top or foot of the pages).", count=count
        )
    if kind == KIND_PAGE_NUMBER:
        return message("Removed {count} page numbers.", count=count)
    if kind == KIND_NAVIGATION:
        return message("Left out {count} lines of navigation (tables of contents, menus).", count=count)
    if kind == KIND_PAGE_CHROME:
        return message(
            "Left out {count} pieces of web-page chrome (breadcrumbs, share bars, widgets).", count=count
        )
    return message("Left out {count} lines that are not the document's text.", count=count)


# A title a program gave the file rather than its author: "Microsoft Word - 文档1.docx", "Untitled".
_JUNK_TITLE_RE = re.compile(
    r"^(?:microsoft\s+\w+\s*-|wps\s|untitled|无标题|無標題|新建|document\d*$|文档\d*$|文檔\d*$|\W*$)"
    r"|\.(?:docx?|pdf|txt|rtf|wps|html?|indd|tex|dvi|ps|xlsx?|pptx?)\s*$",
    re.IGNORECASE,
)
# An author a program filled in from the computer's user: no one a citation should name.
_JUNK_AUTHORS = frozenset(
    {"administrator", "admin", "user", "owner", "unknown", "author", "microsoft", "windows 用户",
     "windows 使用者", "微软用户", "微软中国", "微軟用戶", "作者", "佚名", "lenovo", "dell", "hp", "pc"}
)  # fmt: skip
_YEAR_RE = re.compile(r"^\D{0,4}((?:1[5-9]|20)\d\d)(?!\d)")


def _metadata_title(extracted: Extracted, source: str) -> str:
    """The file's own title, unless a program made it up (or it is only the file's name)."""
    title = " ".join(extracted.title.split())
    if not title or _JUNK_TITLE_RE.search(title) or title == Path(source).stem:
        return ""
    return title


def _apply_metadata(doc: Document, extracted: Extracted, fmt: str) -> None:
    """Title (an EPUB's), authors, date, year and site from the file's own metadata."""
    if fmt == FORMAT_EPUB and _metadata_title(extracted, doc.source):
        doc.title = _metadata_title(extracted, doc.source)
    named = [a.strip() for a in extracted.authors if a.strip() and a.strip().lower() not in _JUNK_AUTHORS]
    if fmt in (FORMAT_EPUB, FORMAT_HTML):
        doc.authors = list(dict.fromkeys(named + doc.authors))
    elif not doc.authors:
        doc.authors = list(dict.fromkeys(named))
    date = extracted.date.strip()
    if date and fmt not in (FORMAT_EPUB, FORMAT_HTML):
        doc.metadata["file_date"] = date  # the day the PDF or DOCX was made: no year of the text's
    elif date:
        if not doc.metadata.get("date"):
            doc.metadata["date"] = date
        m = _YEAR_RE.match(date)
        if doc.year is None and m:
            doc.year = int(m.group(1))
            doc.metadata["year_source"] = "metadata"
    if extracted.site.strip():
        doc.metadata["site"] = extracted.site.strip()


# ---------------------------------------------------------------- a PDF's pages

_LINE_RULES = frozenset({doubled.KIND, chrome.KIND, pagebreaks.KIND})  # rules that remove or join lines
_ALIGN_MAX = 20_000  # longer paragraphs are aligned by their common ends only (difflib is quadratic)


def _set_pages(
    doc: Document,
    raw: str,
    repairs: list[Repair],
    line_pages: list[int],
    line_breaks: list[tuple[int, ...]] | None,
) -> None:
    """Each paragraph's page, and the offsets in it where the next page begins, from the reader's
    page and page breaks of each raw line."""
    lines = raw.split("\n")
    if len(line_pages) != len(lines):
        logger.warning("The reader gave %d pages for %d lines", len(line_pages), len(lines))
    if line_breaks is not None and len(line_breaks) != len(lines):
        logger.warning("The reader gave %d page breaks for %d lines", len(line_breaks), len(lines))
    rows = _paragraph_rows(lines, repairs, doc.text, len(doc.paragraphs))
    last = len(line_pages) - 1
    for paragraph, row in zip(doc.paragraphs, rows, strict=True):
        paragraph.page = line_pages[min(row, last)] if last >= 0 else None
    texts = [p.text for p in doc.paragraphs]
    breaks = _paragraph_breaks(lines, rows, texts, line_pages, line_breaks or [])
    for paragraph, offsets in zip(doc.paragraphs, breaks, strict=True):
        paragraph.page_breaks = offsets


def _paragraph_rows(lines: list[str], repairs: list[Repair], clean: str, count: int) -> list[int]:
    """The raw line (0-based) each paragraph starts in.

    The rules may drop lines (a doubled copy, chrome) or join them (page breaks: the PDF reader
    leaves none, as it joins paragraphs over page breaks itself), so paragraphs are mapped back to
    the raw lines they start in: one for one when no rule dropped or joined a line, else by
    replaying the rules (repair/locate.py), else by aligning the lines' texts."""
    if not any(r.count for r in repairs if r.kind in _LINE_RULES):
        nonblank = [i for i, line in enumerate(lines) if line.strip()]
        if len(nonblank) == count:
            return nonblank
    from viewer.core.repair import locate

    rows = locate.paragraph_raw_lines("\n".join(lines), repairs, clean, markup=True)
    if rows is None or len(rows) != count:
        rows = _aligned_rows(lines, clean)
    return rows


def _paragraph_breaks(
    lines: list[str],
    rows: list[int],
    texts: list[str],
    line_pages: list[int],
    line_breaks: list[tuple[int, ...]],
) -> list[tuple[int, ...]]:
    """For each paragraph, the offsets in its (repaired) text where the next page begins.

    A paragraph's raw material is the line it starts in, and the lines after it up to the next
    paragraph's, for as long as they fit in its length (a paragraph the page-break rule joined from
    two lines; past its length they are lines the rules dropped). Its page breaks are the reader's
    breaks inside those lines and the page changes between them; they are carried to the repaired
    text by aligning the two strings (the repairs change a few characters: a gloss, a space, the
    reader's markup), and kept only strictly inside the text: a break at either end is no break
    within the paragraph."""
    stops = [len(lines)] * len(rows)  # the next paragraph's raw line, past any that share this one's
    for k in range(len(rows) - 2, -1, -1):
        stops[k] = rows[k + 1] if rows[k + 1] > rows[k] else stops[k + 1]
    out: list[tuple[int, ...]] = []
    for k, (row, text) in enumerate(zip(rows, texts, strict=True)):
        if k and row <= rows[k - 1]:  # no raw line of its own (the text alignment found none)
            out.append(())
            continue
        stop = stops[k]
        material: list[str] = []
        positions: list[int] = []
        length = 0
        end_page: int | None = None
        for i in range(row, min(stop, len(lines))):
            line = lines[i]
            if not line.strip():
                continue
            if material and length >= len(text):
                break
            page = line_pages[i] if i < len(line_pages) else None
            if end_page is not None and page is not None and page > end_page:
                positions += [length] * (page - end_page)  # the line begins a later page
            breaks = line_breaks[i] if i < len(line_breaks) else ()
            positions += [length + b for b in breaks]
            end_page = None if page is None else page + len(breaks)
            material.append(line)
            length += len(line)
        if not positions:
            out.append(())
            continue
        mapped = _map_offsets("".join(material), text, positions)
        out.append(tuple(b for b in mapped if 0 < b < len(text)))
    return out


def _map_offsets(a: str, b: str, offsets: list[int]) -> list[int]:
    """Offsets into `a` carried to `b` by a character alignment of the two (ascending offsets)."""
    if a == b:
        return list(offsets)
    if max(len(a), len(b)) > _ALIGN_MAX:  # too long to align (quadratic): by the common ends only
        from viewer.core.repair.locate import common_ends

        head, tail = common_ends(a, b)
        return [o if o <= head else o - len(a) + len(b) if o >= len(a) - tail else head for o in offsets]
    blocks = [
        (i1, i2, j1, j2)
        for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes()
        if i2 > i1 or tag == "equal"
    ]
    out: list[int] = []
    for o in offsets:
        for i1, i2, j1, j2 in blocks:
            if i1 <= o < i2:
                out.append(j1 + min(o - i1, j2 - j1))
                break
        else:
            out.append(len(b))
    return out


def _aligned_rows(raw_lines: list[str], clean: str) -> list[int]:
    """The raw line of each paragraph of `clean` by a diff of the lines' texts (the last resort)."""
    raw_rows = [i for i, line in enumerate(raw_lines) if line.strip()]
    a = [raw_lines[i].strip() for i in raw_rows]
    b = [line.strip() for line in clean.split("\n") if line.strip()]
    rows: list[int] = []
    matcher = difflib.SequenceMatcher(None, a, b, autojunk=False)
    for _tag, i1, i2, j1, j2 in matcher.get_opcodes():
        for k in range(j2 - j1):
            if i2 > i1:
                rows.append(raw_rows[i1 + min(k * (i2 - i1) // (j2 - j1), i2 - i1 - 1)])
            else:  # a paragraph no raw line matches: the page of the one before
                rows.append(rows[-1] if rows else (raw_rows[0] if raw_rows else 0))
    return rows


def ingest_archive(
    root: Path,
    *,
    max_file_bytes: int = DEFAULT_MAX_FILE_BYTES,
    progress: Progress = no_progress,
    cancelled: CancelCheck = never,
) -> Archive:
    """Ingest every document file under `root`; one bad file costs only itself, reported with its reason."""
    root = Path(root).expanduser()
    files, problems = scan_archive(root)
    total = len(files) * 2
    loaded: list[LoadedFile] = []
    for i, source in enumerate(files):
        if cancelled():
            raise Cancelled("Ingest cancelled")
        progress(i, total, source.source)
        try:
            loaded.append(
                load_file(source, max_file_bytes, progress=_pages_of(progress, i, total), cancelled=cancelled)
            )
        except UndecodableError as exc:
            problems.append(IngestProblem(source.source, str(exc)))
        except PermissionError:
            problems.append(IngestProblem(source.source, message("permission denied (cannot read the file)")))
        except OSError as exc:
            problems.append(IngestProblem(source.source, _os_reason(exc)))
        except MemoryError:
            problems.append(IngestProblem(source.source, message("too large to read into memory")))
    common = find_common_lines(f.text for f in loaded)
    documents: list[Document] = []
    with gc_paused():
        _build_all(loaded, common, documents, problems, len(files), total, progress, cancelled)
    progress(total, total, "")
    documents.sort(key=lambda d: d.source)
    problems.sort(key=lambda p: p.source)
    return Archive(root, documents, problems)


def _pages_of(progress: Progress, done: int, total: int) -> Progress:
    """A reader's progress (a PDF's pages) said within one file's step of the whole."""

    def report(page: int, pages: int, label: str) -> None:
        if label:
            progress(done, total, f"{label} ({page}/{pages})")

    return report


def _build_all(
    loaded: list[LoadedFile],
    common: frozenset[str],
    documents: list[Document],
    problems: list[IngestProblem],
    offset: int,
    total: int,
    progress: Progress,
    cancelled: CancelCheck,
) -> None:
    """Repair and structure each decoded file; a failure costs only that file."""
    for i, item in enumerate(loaded):
        if cancelled():
            raise Cancelled("Ingest cancelled")
        progress(offset + i, total, item.source.source)
        try:
            documents.append(build_document(item, common))
        except Exception as exc:  # a bug in one rule must not cost the user the rest of the archive
            logger.exception("Failed to process %s", item.source.source)
            problems.append(
                IngestProblem(
                    item.source.source,
                    message("could not be processed ({error})", error=f"{type(exc).__name__}: {exc}"),
                )
            )
