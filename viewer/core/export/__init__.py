"""Exports of excerpts, one module per format; this module holds what they share and the atomic write."""

from __future__ import annotations

import errno
import logging
import os
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from viewer.core.anchor import ANCHOR_MISSING
from viewer.core.atomic import NotAFileError, atomic_write_bytes
from viewer.core.bookmarks import Bookmark, document_order
from viewer.core.citation import (
    SCRIPT_BOTH,
    SCRIPT_CHOICES,
    SCRIPT_ORIGINAL,
    STYLE_GBT7714,
    STYLES,
    CitationData,
    paragraph_label,
    quote,
    reference,
)
from viewer.core.excerpts import Excerpt
from viewer.errors import ExportError, UsageError, message

logger = logging.getLogger(__name__)

# Format name -> (file extension, label). PDF is rendered by viewer.render.pdf (it needs Qt).
FORMATS: dict[str, tuple[str, str]] = {
    "md": (".md", "Markdown"),
    "txt": (".txt", "Plain text"),
    "html": (".html", "HTML"),
    "docx": (".docx", "Word (DOCX)"),
    "pdf": (".pdf", "PDF"),
    "csv": (".csv", "CSV (spreadsheet)"),
    "ris": (".ris", "RIS (reference managers)"),
}

DEFAULT_TITLE = "摘录"
LABEL_NOTE = "注"
LABEL_TAGS = "标签"
LABEL_MISSING = "原文已不在文档中"
LABEL_BOOKMARKS = "书签"
SCRIPT_LABELS = {"simplified": "简体", "traditional": "繁體"}


@dataclass(frozen=True)
class ExportOptions:
    """What the export dialog and `excerpt export` choose."""

    script: str = SCRIPT_ORIGINAL  # original / simplified / traditional / both
    style: str = STYLE_GBT7714
    include_notes: bool = True
    include_tags: bool = True
    title: str = DEFAULT_TITLE
    include_bookmarks: bool = True  # a "书签" section after the excerpts, when bookmarks are given

    def __post_init__(self) -> None:
        if self.script not in SCRIPT_CHOICES:
            raise UsageError(f"Unknown script '{self.script}' (one of: {', '.join(SCRIPT_CHOICES)})")
        if self.style not in STYLES:
            raise UsageError(f"Unknown citation style '{self.style}' (one of: {', '.join(STYLES)})")


@dataclass
class DocumentGroup:
    """The excerpts of one source document, in the order the user arranged them."""

    citation: CitationData
    excerpts: list[Excerpt]


def group_by_document(excerpts: Sequence[Excerpt]) -> list[DocumentGroup]:
    """Excerpts grouped by document, documents in order of their first excerpt."""
    groups: dict[str, DocumentGroup] = {}
    for e in excerpts:
        group = groups.get(e.doc_id)
        if group is None:
            groups[e.doc_id] = DocumentGroup(e.citation, [e])
        else:
            group.excerpts.append(e)
    return list(groups.values())


def script_labels(excerpt: Excerpt, options: ExportOptions) -> list[str]:
    """Labels for the texts `excerpt.texts(options.script)` returns (empty unless "both")."""
    if options.script != SCRIPT_BOTH:
        return []
    pairs = excerpt.scripted_texts(SCRIPT_BOTH)
    return [SCRIPT_LABELS[script] for script, _ in pairs] if len(pairs) > 1 else []


def citation_line(excerpt: Excerpt, options: ExportOptions) -> str:
    """The reference printed under an excerpt."""
    return reference(excerpt.citation, options.style)


def location(excerpt: Excerpt) -> str:
    """Where in the archive: source file and paragraph numbers (1-based, as the citation counts)."""
    where = excerpt.citation.source
    paragraphs = paragraph_label(excerpt.paragraph_ids)
    if paragraphs:
        where += f"，{paragraphs}"
    if excerpt.anchor_status == ANCHOR_MISSING:
        where += f"（{LABEL_MISSING}）"
    return where


def included_bookmarks(bookmarks: Sequence[Bookmark], options: ExportOptions) -> list[Bookmark]:
    """The bookmarks an export lists: none unless asked for, removed ones never, in document order."""
    if not options.include_bookmarks:
        return []
    return document_order(b for b in bookmarks if not b.deleted)


def bookmark_heading(bookmark: Bookmark) -> str:
    """A bookmark's citation-style place: title, 第N段 (N counted from 1, as every export counts)."""
    return f"{bookmark.title or bookmark.source}，第{bookmark.number}段"


def bookmark_line(bookmark: Bookmark) -> str:
    """One line for a bookmark: its place, then the start of its paragraph in corner brackets."""
    return f"{bookmark_heading(bookmark)}：{quote(bookmark.display_quote)}"


def bookmark_location(bookmark: Bookmark) -> str:
    """Where in the archive, as excerpts say it: source file, 第N段, and a mark if the paragraph is gone."""
    where = f"{bookmark.source or bookmark.title}，第{bookmark.number}段"
    if bookmark.missing:
        where += f"（{LABEL_MISSING}）"
    return where


Renderer = Callable[[Sequence[Excerpt], ExportOptions, Sequence[Bookmark]], str | bytes]


def render(
    fmt: str, excerpts: Sequence[Excerpt], options: ExportOptions, bookmarks: Sequence[Bookmark] = ()
) -> str | bytes:
    """The export in memory: text for md/txt/html/csv/ris, bytes for docx."""
    from viewer.core.export import csv, docx, html, markdown, ris, text

    renderers: dict[str, Renderer] = {
        "md": markdown.render,
        "txt": text.render,
        "html": html.render,
        "docx": docx.render,
        "csv": csv.render,
        "ris": ris.render,
    }
    if fmt == "pdf":
        raise UsageError("PDF is written by viewer.render.pdf (it needs Qt)")
    if fmt not in renderers:
        raise UsageError(f"Unknown export format '{fmt}' (one of: {', '.join(FORMATS)})")
    return renderers[fmt](excerpts, options, bookmarks)


def encode(data: str | bytes, fmt: str) -> bytes:
    """File bytes: UTF-8, with a BOM for CSV so spreadsheet programs read Chinese correctly."""
    if isinstance(data, bytes):
        return data
    return data.encode("utf-8-sig" if fmt == "csv" else "utf-8")


def write_bytes(path: str | os.PathLike[str], data: bytes) -> int:
    """Write atomically; a failure leaves no half file and raises ExportError in plain words.

    A symbolic link is written through to its file; a folder, device, pipe or socket is refused.
    """
    target = Path(path)
    try:
        atomic_write_bytes(target, data)
    except NotAFileError as exc:
        raise ExportError(_not_a_file(target, exc.kind)) from exc
    except OSError as exc:
        raise ExportError(_reason(target, exc)) from exc
    logger.info("Exported %d bytes to %s", len(data), target)
    return len(data)


def _not_a_file(target: Path, kind: str) -> str:
    """Why a target that is no regular file was refused (`kind` as NotAFileError gives it)."""
    if kind == "folder":
        return message("Cannot export to {target}: it is a folder", target=str(target))
    if kind == "device":
        return message(
            "Cannot export to {target}: it is a device, not a file. Nothing was written.", target=str(target)
        )
    if kind == "pipe":
        return message(
            "Cannot export to {target}: it is a named pipe, not a file. Nothing was written.",
            target=str(target),
        )
    return message(
        "Cannot export to {target}: it is not a regular file. Nothing was written.", target=str(target)
    )


def _reason(target: Path, exc: OSError) -> str:
    if exc.errno in (errno.EACCES, errno.EPERM):
        return message("Cannot write {target}: permission denied. Nothing was written.", target=str(target))
    if exc.errno == errno.ENOSPC:
        return message("Cannot write {target}: the disk is full. Nothing was written.", target=str(target))
    if exc.errno == errno.EROFS:
        return message(
            "Cannot write {target}: the disk is read-only. Nothing was written.", target=str(target)
        )
    if exc.errno == errno.ENOENT and not Path(os.path.realpath(target)).parent.is_dir():
        # realpath: a dangling link's file is missing its folder, not the link
        return message(
            "Cannot write {target}: the folder does not exist. Nothing was written.", target=str(target)
        )
    return message(
        "Cannot write {target}: {reason}. Nothing was written.",
        target=str(target),
        reason=exc.strerror or str(exc),
    )


def write_export(
    path: str | os.PathLike[str],
    fmt: str,
    excerpts: Sequence[Excerpt],
    options: ExportOptions,
    bookmarks: Sequence[Bookmark] = (),
) -> int:
    """Render and write one export (every format but PDF); returns the size in bytes."""
    return write_bytes(path, encode(render(fmt, excerpts, options, bookmarks), fmt))
