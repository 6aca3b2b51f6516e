"""Paragraph bookmarks, kept in the excerpt store's SQLite file so they are as safe as the excerpts.

A bookmark marks a whole paragraph (what a calibre, Zotero or CBETA reader user expects from Ctrl+D),
not a text range: it keeps the paragraph's id and 1-based number, the document's citation fields and
the first characters of the paragraph. Those characters find the paragraph again after a re-ingest
moved or renumbered it (the same idea as the excerpts' anchors), and are what the bookmark list shows.
Removal is a soft delete, so the panel can undo it.
"""

from __future__ import annotations

import builtins
import contextlib
import json
import logging
import sqlite3
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any, NamedTuple

from viewer.core.anchor import ANCHOR_MISSING, ANCHOR_MOVED, ANCHOR_OK
from viewer.core.citation import CitationData, citation_data
from viewer.core.documents import Document, Paragraph
from viewer.core.natural_sort import natural_key
from viewer.errors import UsageError, message

if TYPE_CHECKING:
    from viewer.core.excerpts import ExcerptStore

logger = logging.getLogger(__name__)

QUOTE_CHARS = 40  # enough to recognise a paragraph and to find it again; short enough for one row

# Created by ExcerptStore._check_and_migrate (schema version 2), in the same file as the excerpts.
SCHEMA = """
CREATE TABLE IF NOT EXISTS bookmarks (
    id INTEGER PRIMARY KEY,
    doc_id TEXT NOT NULL,
    paragraph_id TEXT NOT NULL,
    number INTEGER NOT NULL,
    title TEXT NOT NULL,
    source TEXT NOT NULL,
    quote TEXT NOT NULL,
    citation TEXT NOT NULL DEFAULT '{}',
    note TEXT NOT NULL DEFAULT '',
    created TEXT NOT NULL,
    modified TEXT NOT NULL,
    anchor_status TEXT NOT NULL DEFAULT 'ok',
    deleted INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX IF NOT EXISTS bookmarks_by_paragraph ON bookmarks(doc_id, paragraph_id)
"""
# One bookmark per paragraph is kept by BookmarkStore, not by a UNIQUE constraint: a bookmark whose
# paragraph is gone keeps its last known id (marked missing) while another may be found there later.
_LIVE = f"deleted=0 AND anchor_status<>'{ANCHOR_MISSING}'"

_COLUMNS = (
    "id, doc_id, paragraph_id, number, title, source, quote, citation, note, created, modified, "
    "anchor_status, deleted"
)


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def short_quote(text: str) -> str:
    """The start of a paragraph as a bookmark keeps it: white space folded, at most QUOTE_CHARS."""
    return " ".join(text.split())[:QUOTE_CHARS]


class BookmarkTarget(NamedTuple):
    """Where the reader is, as the GUI reports it: what a new bookmark needs."""

    doc_id: str
    paragraph_id: str
    ordinal: int  # 0-based Paragraph.ordinal, as the documents and search hits carry it
    title: str
    quote: str  # the paragraph's text (or its start); trimmed by short_quote
    citation: CitationData | None = None  # the document's citation fields, when the caller has them


def bookmark_target(doc: Document, paragraph_id: str) -> BookmarkTarget:
    """The target for a paragraph of an open document (what `current_location()` may return)."""
    para = doc.paragraph(paragraph_id)
    if para is None:
        raise UsageError(
            message("No paragraph {paragraph} in {file}", paragraph=paragraph_id, file=doc.source)
        )
    return BookmarkTarget(
        doc.id, para.id, para.ordinal, doc.title or doc.source, para.text, citation_data(doc, [para.id])
    )


@dataclass(frozen=True)
class Bookmark:
    """A marked paragraph: where it is, how it starts, and the user's note."""

    doc_id: str
    paragraph_id: str
    number: int  # 1-based, the number the citation's 第N段 and the results' ¶N print
    title: str
    source: str = ""  # archive-relative file
    quote: str = ""  # the paragraph's first characters (short_quote)
    note: str = ""
    citation: CitationData | None = None
    id: int = 0  # 0 until stored
    created: str = field(default_factory=_now)
    modified: str = ""
    anchor_status: str = ANCHOR_OK
    deleted: bool = False

    @property
    def missing(self) -> bool:
        return self.anchor_status == ANCHOR_MISSING

    @property
    def display_quote(self) -> str:
        """The quote as shown: an ellipsis when the paragraph goes on."""
        return self.quote + ("…" if len(self.quote) >= QUOTE_CHARS else "")

    @property
    def citation_data(self) -> CitationData:
        """The citation fields (title and source alone for a bookmark made without them)."""
        return self.citation or CitationData(self.doc_id, self.source, self.title)

    @classmethod
    def from_target(cls, target: BookmarkTarget | tuple[Any, ...], note: str = "") -> Bookmark:
        """An unsaved bookmark at a BookmarkTarget (or a plain tuple of the same fields)."""
        t = BookmarkTarget(*target)
        citation = t.citation
        return cls(
            doc_id=t.doc_id,
            paragraph_id=t.paragraph_id,
            number=t.ordinal + 1,
            title=t.title or (citation.title if citation else "") or (citation.source if citation else ""),
            source=citation.source if citation else "",
            quote=short_quote(t.quote),
            note=note,
            citation=citation,
        )

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "doc_id": self.doc_id,
            "paragraph_id": self.paragraph_id,
            "number": self.number,
            "title": self.title,
            "source": self.source,
            "quote": self.quote,
            "note": self.note,
            "citation": self.citation.to_json() if self.citation else None,
            "created": self.created,
            "modified": self.modified,
            "anchor_status": self.anchor_status,
            "deleted": self.deleted,
        }


def make_bookmark(doc: Document, paragraph_id: str, *, note: str = "") -> Bookmark:
    """An unsaved bookmark on one paragraph of `doc`."""
    return Bookmark.from_target(bookmark_target(doc, paragraph_id), note)


def _row_to_bookmark(row: sqlite3.Row) -> Bookmark:
    data = json.loads(row["citation"] or "{}")
    return Bookmark(
        id=row["id"],
        doc_id=row["doc_id"],
        paragraph_id=row["paragraph_id"],
        number=row["number"],
        title=row["title"],
        source=row["source"],
        quote=row["quote"],
        citation=CitationData.from_json(data) if data else None,
        note=row["note"],
        created=row["created"],
        modified=row["modified"],
        anchor_status=row["anchor_status"],
        deleted=bool(row["deleted"]),
    )


def document_order(bookmarks: Iterable[Bookmark]) -> list[Bookmark]:
    """Documents in the archive's natural order of their files (第2册 before 第10册), paragraphs by number."""
    return sorted(
        bookmarks,
        key=lambda b: (natural_key(b.source or b.title), b.doc_id, b.number, b.paragraph_id, b.id),
    )


class BookmarkStore:
    """The bookmarks table of an ExcerptStore; each method is one committed transaction of that store."""

    def __init__(self, store: ExcerptStore) -> None:
        self._store = store

    # The store's own transaction and read helpers: errors come out in the user's words, as for excerpts.
    def _transaction(self) -> contextlib.AbstractContextManager[sqlite3.Connection]:
        return self._store._transaction()

    def _read(self, sql: str, params: Iterable[Any] = ()) -> list[sqlite3.Row]:
        return self._store._read(sql, params)

    def add(self, bookmark: Bookmark) -> Bookmark:
        """Store a bookmark; the paragraph's existing one (even a removed one) is updated and kept."""
        now = _now()
        citation = json.dumps(bookmark.citation.to_json(), ensure_ascii=False) if bookmark.citation else "{}"
        values = (
            bookmark.number,
            bookmark.title,
            bookmark.source,
            bookmark.quote,
            citation,
            now,
            bookmark.anchor_status,
        )
        with self._transaction() as db:
            row = db.execute(
                "SELECT id, note FROM bookmarks WHERE doc_id=? AND paragraph_id=? "
                f"AND anchor_status<>'{ANCHOR_MISSING}' ORDER BY deleted, modified DESC LIMIT 1",
                (bookmark.doc_id, bookmark.paragraph_id),
            ).fetchone()
            if row is not None:
                db.execute(
                    "UPDATE bookmarks SET number=?, title=?, source=?, quote=?, citation=?, modified=?, "
                    "anchor_status=?, note=?, deleted=0 WHERE id=?",
                    (*values, bookmark.note or row["note"], row["id"]),
                )
                new_id = int(row["id"])
            else:
                cur = db.execute(
                    f"INSERT INTO bookmarks({_COLUMNS.replace('id, ', '', 1)}) VALUES (?,?,?,?,?,?,?,?,?,?,?,0)",
                    (
                        bookmark.doc_id,
                        bookmark.paragraph_id,
                        *values[:5],
                        bookmark.note,
                        bookmark.created or now,
                        now,
                        bookmark.anchor_status,
                    ),
                )
                new_id = int(cur.lastrowid or 0)
        return self.get(new_id)

    def get(self, bookmark_id: int) -> Bookmark:
        rows = self._read(f"SELECT {_COLUMNS} FROM bookmarks WHERE id=?", (bookmark_id,))
        if not rows:
            raise UsageError(f"No bookmark {bookmark_id}")
        return _row_to_bookmark(rows[0])

    def find(self, doc_id: str, paragraph_id: str) -> Bookmark | None:
        """The live bookmark on a paragraph, if any."""
        rows = self._read(
            f"SELECT {_COLUMNS} FROM bookmarks WHERE doc_id=? AND paragraph_id=? AND {_LIVE}",
            (doc_id, paragraph_id),
        )
        return _row_to_bookmark(rows[0]) if rows else None

    def is_bookmarked(self, doc_id: str, paragraph_id: str) -> bool:
        return self.find(doc_id, paragraph_id) is not None

    def list(self, doc_id: str | None = None, *, include_deleted: bool = False) -> list[Bookmark]:
        """Bookmarks in document order (of one document when `doc_id` is given)."""
        where, params = [], []
        if not include_deleted:
            where.append("deleted=0")
        if doc_id is not None:
            where.append("doc_id=?")
            params.append(doc_id)
        sql = f"SELECT {_COLUMNS} FROM bookmarks" + (" WHERE " + " AND ".join(where) if where else "")
        return document_order(_row_to_bookmark(r) for r in self._read(sql, params))

    def paragraph_ids(self, doc_id: str) -> set[str]:
        """The bookmarked paragraphs of one document (for markers in the text view)."""
        rows = self._read(f"SELECT paragraph_id FROM bookmarks WHERE doc_id=? AND {_LIVE}", (doc_id,))
        return {r[0] for r in rows}

    def remove(self, bookmark_ids: Iterable[int]) -> builtins.list[Bookmark]:
        """Soft-delete (the undo of which is restore); returns what was removed."""
        ids = list(bookmark_ids)
        removed = [b for b in (self.get(i) for i in ids) if not b.deleted]
        self._set_deleted(ids, True)
        return removed

    def restore(self, bookmark_ids: Iterable[int]) -> None:
        """Undo a remove (a paragraph has one bookmark row, so bookmarking it again revives the same one)."""
        self._set_deleted(bookmark_ids, False)

    def _set_deleted(self, bookmark_ids: Iterable[int], deleted: bool) -> None:
        rows = [(int(deleted), _now(), i) for i in bookmark_ids]
        with self._transaction() as db:
            db.executemany("UPDATE bookmarks SET deleted=?, modified=? WHERE id=?", rows)

    def toggle(self, bookmark: Bookmark) -> tuple[bool, Bookmark]:
        """Bookmark the paragraph, or remove its bookmark: (bookmarked now?, the bookmark concerned)."""
        current = self.find(bookmark.doc_id, bookmark.paragraph_id)
        if current is not None:
            self.remove([current.id])
            return False, current
        return True, self.add(bookmark)

    def set_note(self, bookmark_id: int, note: str) -> Bookmark:
        with self._transaction() as db:
            changed = db.execute(
                "UPDATE bookmarks SET note=?, modified=? WHERE id=?", (note, _now(), bookmark_id)
            ).rowcount
        if not changed:
            raise UsageError(f"No bookmark {bookmark_id}")
        return self.get(bookmark_id)

    def purge_deleted(self) -> int:
        """Forget removed bookmarks for good; returns how many."""
        with self._transaction() as db:
            return int(db.execute("DELETE FROM bookmarks WHERE deleted=1").rowcount)

    def reanchor(self, documents: Mapping[str, Document]) -> dict[str, int]:
        """Find every bookmark's paragraph again after a (re-)ingest; mark, never drop, lost ones."""
        counts = {ANCHOR_OK: 0, ANCHOR_MOVED: 0, ANCHOR_MISSING: 0}
        updates = []
        for b in self.list(include_deleted=True):
            para, status = _locate(documents.get(b.doc_id), b)
            counts[status] += 1
            pid, number = (para.id, para.ordinal + 1) if para is not None else (b.paragraph_id, b.number)
            if (pid, number, status) != (b.paragraph_id, b.number, b.anchor_status):
                updates.append((pid, number, status, b.id))
        if updates:
            with self._transaction() as db:
                db.executemany(
                    "UPDATE bookmarks SET paragraph_id=?, number=?, anchor_status=? WHERE id=?", updates
                )
                # Two live bookmarks found on one paragraph: the older stays, the newer is removed.
                db.execute(
                    f"UPDATE bookmarks SET deleted=1 WHERE {_LIVE} AND id NOT IN "
                    f"(SELECT MIN(id) FROM bookmarks WHERE {_LIVE} GROUP BY doc_id, paragraph_id)"
                )
        return counts


def _locate(doc: Document | None, b: Bookmark) -> tuple[Paragraph | None, str]:
    """The bookmark's paragraph in `doc`: its own id if it still starts with the quote, else the nearest
    paragraph that starts with (then contains) the quote."""
    if doc is None:
        return None, ANCHOR_MISSING
    same = doc.paragraph(b.paragraph_id)
    if same is not None and short_quote(same.text).startswith(b.quote):
        return same, ANCHOR_OK
    if not b.quote:
        return (same, ANCHOR_OK) if same is not None else (None, ANCHOR_MISSING)
    for matches in (
        lambda p: short_quote(p.text).startswith(b.quote),
        lambda p: b.quote in " ".join(p.text.split()),
    ):
        found = [p for p in doc.paragraphs if matches(p)]
        if found:
            return min(found, key=lambda p: abs(p.ordinal + 1 - b.number)), ANCHOR_MOVED
    return None, ANCHOR_MISSING
