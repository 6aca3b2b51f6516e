"""The catalogue: one SQLite database per archive holding every processed document, so the archive is
read once and only changed files are processed afterwards.

What it holds, and why in that shape:
- `documents`: a row per file: what the scan compares (source, size, mtime, SHA-256) in plain columns,
  and the rest (sections, repairs, metadata, paragraph roles, a PDF's pages) in one zlib-compressed
  JSON body, read only when the document is opened. zlib's checksum makes a damaged body fail loudly,
  never silently. Pages are kept as runs ([first paragraph, page] where the page changes): a PDF's
  paragraphs follow its pages in order, so 2,000 pages cost some 2,000 pairs, and text files none.
  The offsets where a paragraph runs onto the next page are kept only for the paragraphs that do
  ([index, offset, ...]): at most one per page.
- `paragraph_blocks`: the paragraph texts in compressed blocks of ~2,000 characters, so a search hit
  reads one block (~20 us) rather than its whole document (a poem collection: 300 paragraphs).
- `summaries`: the rows the tree and the results show, for every document, as ONE compressed blob in
  `meta`, rewritten after each batch: loading 87,000 summaries is then one read and one json.loads
  (~0.1 s) instead of 87,000 row decodes, so the window paints at once whatever the archive's size.
- `chrome_lines`: each document's short lines that could be chrome shared across pages
  (repair/chrome.py), so the archive-wide counts are updated without reading unchanged files.
- `indexed`: per search engine, which documents its index holds and with what text (maintenance.py).

Writes are transactions of one batch; SQLite's journal (WAL) makes a kill lose at most the batch in
flight. Damage found on read is recorded on disk (a marker beside the database), so the next open
moves the damaged file aside and starts over: damage is never served twice.
"""

from __future__ import annotations

import contextlib
import functools
import json
import logging
import os
import re
import sqlite3
import threading
import time
import zlib
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, NoReturn, TypeVar

from viewer.core.documents import (
    ROLE_BODY,
    Document,
    DocumentSummary,
    IngestProblem,
    Paragraph,
    Repair,
    RepairChange,
    Section,
    paragraph_id,
)
from viewer.core.scan import display_safe, open_regular, source_path
from viewer.errors import ViewerError, message

logger = logging.getLogger(__name__)

SCHEMA_VERSION = 6  # 5: paragraph pages (PDF), reader repairs and formats; 6: page breaks in paragraphs
FILE_NAME = "catalogue.sqlite3"
DAMAGED_MARK = "catalogue.damaged"
BLOCK_CHARS = 2000  # paragraph text per compressed block: small enough to read one hit cheaply
_COMPRESSION = 1  # zlib level 1: ~4x faster than the default here and only ~10 % larger

_SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value BLOB);
CREATE TABLE IF NOT EXISTS documents (
    id TEXT PRIMARY KEY,
    source TEXT NOT NULL UNIQUE,
    size INTEGER NOT NULL,
    mtime REAL NOT NULL,
    sha256 TEXT NOT NULL,
    text_hash TEXT NOT NULL,
    summary TEXT NOT NULL,
    summary_crc INTEGER NOT NULL,
    body BLOB NOT NULL
);
CREATE TABLE IF NOT EXISTS paragraph_blocks (
    doc_id TEXT NOT NULL, start INTEGER NOT NULL, data BLOB NOT NULL, PRIMARY KEY (doc_id, start)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS chrome_lines (
    line TEXT NOT NULL, doc_id TEXT NOT NULL, PRIMARY KEY (line, doc_id)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS problems (source TEXT PRIMARY KEY, reason TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS indexed (
    engine TEXT NOT NULL, doc_id TEXT NOT NULL, text_hash TEXT NOT NULL, PRIMARY KEY (engine, doc_id)
) WITHOUT ROWID;
"""


class CatalogueCorrupt(ViewerError):
    """The catalogue cannot be read; it is set aside and the archive read again."""


_Method = TypeVar("_Method", bound=Callable[..., Any])


def _reads(method: _Method) -> _Method:
    """SQLite's own errors on a read (a page that fails to decode, a malformed file) are damage:
    recorded, and said in words (CatalogueCorrupt), never a traceback; a busy database is not."""

    @functools.wraps(method)
    def guarded(self: Catalogue, *args: Any, **kwargs: Any) -> Any:
        try:
            return method(self, *args, **kwargs)
        except sqlite3.ProgrammingError:
            raise  # our own misuse (a closed connection), not the file's
        except sqlite3.OperationalError as exc:
            if "locked" in str(exc) or "busy" in str(exc):
                raise ViewerError(
                    "The archive's catalogue is busy (another Archive Viewer process is writing it); try again."
                ) from exc
            self._damaged(str(exc))
        except sqlite3.DatabaseError as exc:
            self._damaged(str(exc))

    return guarded  # type: ignore[return-value]


@dataclass(frozen=True)
class FileState:
    """What the catalogue knows of one file, to tell whether it changed without reading it."""

    doc_id: str
    size: int
    mtime: float
    sha256: str


def _crc(text: str) -> int:
    return zlib.crc32(text.encode("utf-8", "surrogatepass"))


def _checked_summaries(conn: sqlite3.Connection) -> list[str]:
    """Every row's summary JSON, each checked against its CRC (a plain column has no checksum of its own)."""
    rows = conn.execute("SELECT summary, summary_crc FROM documents ORDER BY source").fetchall()
    for text, crc in rows:
        if _crc(text) != crc:
            raise ValueError(f"a document summary fails its check: {text[:40]!r}")
    return [text for text, _crc_value in rows]


def _summary_row(s: DocumentSummary) -> list[Any]:
    return [
        s.id,
        s.source,
        s.title,
        s.subtitle,
        s.kind,
        s.volume,
        s.year,
        s.script,
        list(s.authors),
        s.encoding,
        s.size,
        s.repaired,
        s.paragraph_count,
    ]


def _summary_of(row: list[Any]) -> DocumentSummary:
    return DocumentSummary._make((*row[:8], tuple(row[8]), *row[9:]))


def _pack_summaries(rows: list[str]) -> bytes:
    """Every summary (JSON rows) as one blob of columns: json.loads reads 13 flat lists of 87,000
    values about twice as fast as 87,000 small lists, and the tuples are then made by zip in C."""
    columns = [list(column) for column in zip(*map(json.loads, rows), strict=True)] if rows else []
    text = json.dumps({"columns": columns}, ensure_ascii=False, separators=(",", ":"))
    return zlib.compress(text.encode("utf-8", "surrogatepass"), _COMPRESSION)


def _unpack_summaries(blob: bytes) -> list[DocumentSummary]:
    data = json.loads(zlib.decompress(blob))
    if not isinstance(data, dict):
        raise ValueError("the summaries are not an object")
    columns = data["columns"]
    if not columns:
        return []
    columns[8] = map(tuple, columns[8])  # authors
    return list(map(DocumentSummary._make, zip(*columns, strict=True)))


def pack_body(doc: Document, chrome_lines: Iterable[str] = ()) -> bytes:
    """Everything of a document the reader needs beyond its summary and its paragraph texts, compressed.

    Paragraph roles and sections only where they differ from the usual (body text, no section).
    """
    paragraphs = doc.paragraphs
    data = {
        "n": len(paragraphs),
        "roles": {str(i): p.role for i, p in enumerate(paragraphs) if p.role != ROLE_BODY},
        "in_section": [p.section for p in paragraphs] if any(p.section for p in paragraphs) else None,
        "pages": _page_runs(paragraphs),
        "breaks": [[i, *p.page_breaks] for i, p in enumerate(paragraphs) if p.page_breaks] or None,
        "sections": [s.to_json() for s in doc.sections],
        "repairs": [r.to_json() for r in doc.repairs],
        "metadata": doc.metadata,
        "warnings": doc.warnings,
        "chrome": sorted(chrome_lines),
    }
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    return zlib.compress(text.encode("utf-8", "surrogatepass"), _COMPRESSION)


def _page_runs(paragraphs: list[Paragraph]) -> list[list[int | None]] | None:
    """[index, page] where the paragraphs' page changes (None when no paragraph has one)."""
    if all(p.page is None for p in paragraphs):
        return None
    runs: list[list[int | None]] = []
    for i, p in enumerate(paragraphs):
        if not runs or runs[-1][1] != p.page:
            runs.append([i, p.page])
    return runs


def _pages(data: dict[str, Any], n: int) -> list[int | None]:
    """Each paragraph's page, from the runs of _page_runs."""
    pages: list[int | None] = [None] * n
    runs = data.get("pages") or []
    for k, (start, page) in enumerate(runs):
        end = runs[k + 1][0] if k + 1 < len(runs) else n
        pages[start:end] = [page] * (end - start)
    return pages


def _page_breaks(data: dict[str, Any], n: int) -> list[tuple[int, ...]]:
    """Each paragraph's page breaks, from the [index, offset, ...] lists of pack_body."""
    breaks: list[tuple[int, ...]] = [()] * n
    for index, *offsets in data.get("breaks") or ():
        breaks[index] = tuple(offsets)
    return breaks


def _unpack_body(blob: bytes) -> dict[str, Any]:
    data = json.loads(zlib.decompress(blob).decode("utf-8", "surrogatepass"))
    if not isinstance(data, dict):
        raise ValueError("document body is not an object")
    return data


def pack_blocks(doc: Document) -> list[tuple[int, bytes]]:
    """The paragraph texts (with ids and ordinals where unusual) in compressed blocks of about
    BLOCK_CHARS characters, keyed by their first paragraph's index.

    A search hit needs one paragraph: its block is read and decompressed (~20 us), not the document.
    """
    blocks: list[tuple[int, bytes]] = []
    start, size = 0, 0
    paragraphs = doc.paragraphs
    for i, p in enumerate(paragraphs):
        size += len(p.text) + 1
        if size >= BLOCK_CHARS or i == len(paragraphs) - 1:
            part = paragraphs[start : i + 1]
            data = {
                "t": [q.text for q in part],
                "o": None
                if all(q.ordinal == start + k for k, q in enumerate(part))
                else [q.ordinal for q in part],
                "i": None
                if all(q.id == paragraph_id(doc.id, q.ordinal) for q in part)
                else [q.id for q in part],
            }
            text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
            blocks.append((start, zlib.compress(text.encode("utf-8", "surrogatepass"), _COMPRESSION)))
            start, size = i + 1, 0
    return blocks


def _unpack_block(doc_id: str, start: int, blob: bytes) -> list[tuple[str, int, str]]:
    """(id, ordinal, text) of each paragraph of a block."""
    data = json.loads(zlib.decompress(blob).decode("utf-8", "surrogatepass"))
    texts = data["t"]
    ordinals = data["o"] or range(start, start + len(texts))
    ids = data["i"] or [paragraph_id(doc_id, n) for n in ordinals]
    return list(zip(ids, ordinals, texts, strict=True))


def _sections(data: dict[str, Any]) -> list[Section]:
    return [
        Section(
            s["id"], s["title"], s["level"], s["heading_paragraph"], list(s["paragraph_ids"]),
            s.get("author", ""), s.get("parent"),
        )
        for s in data["sections"]
    ]  # fmt: skip


def _repairs(data: dict[str, Any]) -> list[Repair]:
    return [
        Repair(
            r["kind"], r["count"], r["description"],
            tuple(
                RepairChange(c["where"], c["before"], c["after"], tuple(c.get("candidates", ())))
                for c in r["details"]
            ),
            r.get("unresolved", 0),
        )
        for r in data["repairs"]
    ]  # fmt: skip


class Catalogue:
    """The processed documents of one archive, in `directory/catalogue.sqlite3`; safe to share between threads."""

    def __init__(self, directory: Path, archive_root: Path) -> None:
        self.directory = Path(directory)
        self.path = self.directory / FILE_NAME
        self.archive_root = Path(archive_root)
        self.reset_reason = ""  # why the catalogue was started anew on open ("" when it was not)
        self._local = threading.local()
        self._connections: list[sqlite3.Connection] = []
        self._lock = threading.Lock()  # guards _connections and _summaries
        self._summaries: list[DocumentSummary] | None = None
        self._summary_index: dict[str, DocumentSummary] = {}
        self._generation = 0  # bumped by reload(): each thread then reopens its connection

    # ------------------------------------------------------------ opening

    @classmethod
    def open(cls, directory: Path, archive_root: Path) -> Catalogue:
        """Open (creating if needed); a damaged, foreign or outdated catalogue is set aside and started anew."""
        catalogue = cls(directory, archive_root)
        catalogue.directory.mkdir(parents=True, exist_ok=True)
        problem = catalogue._problem_on_open()
        if problem:
            catalogue._set_aside(problem)
        catalogue._create()
        return catalogue

    def _problem_on_open(self) -> str:
        if (self.directory / DAMAGED_MARK).exists():
            return "it was found damaged"
        if not self.path.exists():
            return ""
        try:
            conn = sqlite3.connect(self.path)
            try:
                rows = dict(conn.execute("SELECT key, value FROM meta WHERE key = 'schema'"))
            finally:
                conn.close()
        except sqlite3.DatabaseError as exc:
            return f"it cannot be read ({exc})"
        if rows.get("schema") != str(SCHEMA_VERSION):
            return f"it has another layout ({rows.get('schema')}, this version uses {SCHEMA_VERSION})"
        return ""

    def _set_aside(self, reason: str) -> None:
        """Move a damaged catalogue out of the way (the last one kept for inspection), start a new one."""
        self.close()
        self.reset_reason = reason
        logger.info("Catalogue %s set aside: %s", self.path, reason)
        for older in self.directory.glob(f"{FILE_NAME}.damaged-*"):
            with contextlib.suppress(OSError):
                older.unlink()
        stamp = time.strftime("%Y%m%d-%H%M%S")
        for suffix in ("", "-wal", "-shm"):
            old = Path(f"{self.path}{suffix}")
            if not old.exists():
                continue
            try:
                os.replace(old, self.directory / f"{FILE_NAME}.damaged-{stamp}{suffix}")
            except OSError as exc:  # still open elsewhere (Windows): keep the mark, say so
                raise CatalogueCorrupt(
                    message(
                        "The archive's catalogue is damaged and still in use by another Archive Viewer "
                        "window; close it and open the archive again ({error}).",
                        error=exc.strerror or str(exc),
                    )
                ) from exc
        with contextlib.suppress(OSError):
            (self.directory / DAMAGED_MARK).unlink()
        self._summaries = None
        self._summary_index = {}

    def _create(self) -> None:
        conn = self._conn()
        with conn:
            conn.executescript(_SCHEMA)
            conn.execute("INSERT OR IGNORE INTO meta VALUES ('schema', ?)", (str(SCHEMA_VERSION),))
            conn.execute(
                "INSERT OR IGNORE INTO meta VALUES ('root', ?)", (display_safe(str(self.archive_root)),)
            )

    def _conn(self) -> sqlite3.Connection:
        """This thread's connection (sqlite3 connections must not be shared between threads)."""
        conn: sqlite3.Connection | None = getattr(self._local, "conn", None)
        if conn is not None and getattr(self._local, "generation", -1) != self._generation:
            with self._lock:  # reload() asked: the file may have been replaced (set aside)
                if conn in self._connections:
                    self._connections.remove(conn)
            with contextlib.suppress(sqlite3.Error):
                conn.close()
            conn = None
        if conn is None:
            conn = sqlite3.connect(self.path, timeout=30, check_same_thread=False)
            conn.execute("PRAGMA journal_mode=WAL")
            conn.execute("PRAGMA synchronous=NORMAL")
            self._local.conn = conn
            self._local.generation = self._generation
            with self._lock:
                self._connections.append(conn)
        return conn

    @contextlib.contextmanager
    def _snapshot(self) -> Iterator[sqlite3.Connection]:
        """Several reads that see one state of the database (a writer may commit between statements)."""
        conn = self._conn()
        if conn.in_transaction:  # inside a batch on this thread: already one state
            yield conn
            return
        conn.execute("BEGIN")
        try:
            yield conn
        finally:
            conn.execute("COMMIT")

    def close(self) -> None:
        with self._lock:
            connections, self._connections = self._connections, []
        for conn in connections:
            with contextlib.suppress(sqlite3.Error):
                conn.close()
        self._local = threading.local()

    def __enter__(self) -> Catalogue:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def check(self) -> str:
        """SQLite's own quick integrity check: "" when sound, else what is wrong (then marked damaged)."""
        try:
            rows = [r[0] for r in self._conn().execute("PRAGMA quick_check")]
        except sqlite3.DatabaseError as exc:
            rows = [str(exc)]
        if rows == ["ok"]:
            return ""
        problem = "; ".join(rows[:3])
        self.mark_damaged(problem)
        return problem

    def mark_damaged(self, problem: str) -> None:
        """Record damage on disk so that the next open starts anew, whatever happens now."""
        logger.info("Catalogue %s is damaged: %s", self.path, problem)
        with contextlib.suppress(OSError):
            (self.directory / DAMAGED_MARK).write_text(problem[:500], encoding="utf-8")

    @_reads
    def finished_cleanly(self) -> bool:
        """Whether the last update ran to its end (a new catalogue counts as clean)."""
        row = self._conn().execute("SELECT value FROM meta WHERE key = 'updating'").fetchone()
        return row is None or str(row[0]) == "0"

    @_reads
    def set_finished(self, finished: bool) -> None:
        """Mark an update begun (False) or ended (True): see finished_cleanly."""
        conn = self._conn()
        with conn:
            conn.execute("INSERT OR REPLACE INTO meta VALUES ('updating', ?)", ("0" if finished else "1",))

    @property
    def damaged(self) -> bool:
        return (self.directory / DAMAGED_MARK).exists()

    # ------------------------------------------------------------ reading

    @_reads
    def summaries(self) -> list[DocumentSummary]:
        """Every document's summary, sorted by source path: one blob read (see the module docstring)."""
        with self._lock:
            if self._summaries is not None:
                return self._summaries
        conn = self._conn()
        rows = dict(conn.execute("SELECT key, value FROM meta WHERE key IN ('summaries', 'summaries_stale')"))
        try:
            if rows.get("summaries_stale") or "summaries" not in rows:  # a batch landed after the last blob
                summaries = [_summary_of(json.loads(text)) for text in _checked_summaries(conn)]
            else:
                summaries = _unpack_summaries(rows["summaries"])
        except (zlib.error, ValueError, TypeError, IndexError, KeyError) as exc:
            self.mark_damaged(f"summaries: {exc}")
            raise CatalogueCorrupt(
                message(
                    "The archive's catalogue is damaged; it will be rebuilt the next time the archive is opened."
                )
            ) from exc
        with self._lock:
            self._summaries = summaries
            self._summary_index = {s.id: s for s in summaries}
        return summaries

    def reload(self) -> None:
        """Another process changed (or replaced) the catalogue: drop what is cached, reconnect."""
        with self._lock:
            self._summaries = None
            self._summary_index = {}
            self._generation += 1

    @_reads
    def summary(self, doc_id: str) -> DocumentSummary | None:
        """One document's summary: from the loaded list, else from its own row (a search hit in a
        fresh process need not load every summary of a large archive)."""
        with self._lock:
            if self._summaries is not None:
                return self._summary_index.get(doc_id)
        return self._row_summary(self._conn(), doc_id)

    def _row_summary(self, conn: sqlite3.Connection, doc_id: str) -> DocumentSummary | None:
        row = conn.execute("SELECT summary, summary_crc FROM documents WHERE id = ?", (doc_id,)).fetchone()
        if row is None:
            return None
        if _crc(row[0]) != row[1]:
            self._damaged(f"document {doc_id}: its summary fails its check")
        return _summary_of(json.loads(row[0]))

    def document_count(self) -> int:
        return len(self.summaries())

    @_reads
    def document_count_rows(self) -> int:
        """Documents in the table itself (the summaries may lag behind while an update runs)."""
        return int(self._conn().execute("SELECT COUNT(*) FROM documents").fetchone()[0])

    def find(self, key: str) -> DocumentSummary | None:
        """A document by id, by archive-relative path, or by file name (or stem) when unambiguous.

        A name may be given as shown (bad\\xff.txt) or with its real bytes (from a command line)."""
        key = display_safe(key)
        summaries = self.summaries()
        with self._lock:
            found = self._summary_index.get(key)
        if found is not None:
            return found
        for s in summaries:
            if s.source == key:
                return s
        name_matches = [s for s in summaries if key in (s.source.rpartition("/")[2], Path(s.source).stem)]
        return name_matches[0] if len(name_matches) == 1 else None

    def _body(self, doc_id: str, conn: sqlite3.Connection | None = None) -> dict[str, Any] | None:
        row = (conn or self._conn()).execute("SELECT body FROM documents WHERE id = ?", (doc_id,)).fetchone()
        if row is None:
            return None
        try:
            return _unpack_body(row[0])
        except (zlib.error, ValueError, TypeError, UnicodeDecodeError) as exc:
            self.mark_damaged(f"document {doc_id}: {exc}")
            raise CatalogueCorrupt(
                message(
                    "The archive's catalogue is damaged; it will be rebuilt the next time the archive is opened."
                )
            ) from exc

    @_reads
    def paragraphs(self, doc_id: str) -> list[Paragraph]:
        """A document's paragraphs (empty when it is not in the catalogue)."""
        with self._snapshot() as conn:
            data = self._body(doc_id, conn)
            return [] if data is None else self._paragraphs(doc_id, data, conn)

    def _paragraphs(self, doc_id: str, data: dict[str, Any], conn: sqlite3.Connection) -> list[Paragraph]:
        rows = conn.execute(
            "SELECT start, data FROM paragraph_blocks WHERE doc_id = ? ORDER BY start", (doc_id,)
        )
        found: list[tuple[str, int, str]] = []
        for start, blob in rows:
            if start != len(found):
                self._damaged(f"document {doc_id}: paragraph block {start} out of place")
            found.extend(self._block(doc_id, start, blob))
        if len(found) != data["n"]:
            self._damaged(f"document {doc_id}: {len(found)} paragraphs stored, {data['n']} listed")
        roles = data["roles"]
        in_section = data["in_section"] or [None] * len(found)
        pages = _pages(data, len(found))
        breaks = _page_breaks(data, len(found))
        return [
            Paragraph(pid, ordinal, text, roles.get(str(i), ROLE_BODY), in_section[i], pages[i], breaks[i])
            for i, (pid, ordinal, text) in enumerate(found)
        ]

    @_reads
    def paragraph_block(self, doc_id: str, index: int) -> tuple[int, list[tuple[str, int, str]]]:
        """The block holding paragraph `index`: (its first index, [(id, ordinal, text), ...]).

        What a search hit needs of a document, without reading the rest of it."""
        row = (
            self._conn()
            .execute(
                "SELECT start, data FROM paragraph_blocks WHERE doc_id = ? AND start <= ? ORDER BY start DESC LIMIT 1",
                (doc_id, index),
            )
            .fetchone()
        )
        if row is None:
            return index, []
        return row[0], self._block(doc_id, row[0], row[1])

    def _block(self, doc_id: str, start: int, blob: bytes) -> list[tuple[str, int, str]]:
        try:
            return _unpack_block(doc_id, start, blob)
        except (zlib.error, ValueError, TypeError, KeyError, UnicodeDecodeError) as exc:
            self._damaged(f"document {doc_id}: {exc}")

    def _damaged(self, problem: str) -> NoReturn:
        self.mark_damaged(problem)
        raise CatalogueCorrupt(
            "The archive's catalogue is damaged; it will be rebuilt the next time the archive is opened."
        )

    def _check_listed(self, doc_id: str) -> None:
        """A document asked for is not stored: fine if the list is out of date (an update removed
        it); damage if the list on disk, current, still names it (its row was lost or garbled)."""
        self.reload()
        conn = self._conn()
        stale = conn.execute("SELECT 1 FROM meta WHERE key = 'summaries_stale'").fetchone() is not None
        if not stale and any(s.id == doc_id for s in self.summaries()):
            self._damaged(f"document {doc_id} is listed but not stored")

    @_reads
    def sections(self, doc_id: str) -> list[Section]:
        data = self._body(doc_id)
        return _sections(data) if data is not None else []

    @_reads
    def document(self, doc_id: str) -> Document | None:
        """The whole processed document, as ingest made it, except the file's text (see read_raw_text).

        None when it is not (or no longer) in the catalogue."""
        with self._snapshot() as conn:
            summary = self._row_summary(conn, doc_id)
            row = conn.execute("SELECT size, mtime, sha256 FROM documents WHERE id = ?", (doc_id,)).fetchone()
            data = self._body(doc_id, conn)
            stored = summary is not None and row is not None and data is not None
            paragraphs = self._paragraphs(doc_id, data, conn) if data is not None else []
        if not stored:
            self._check_listed(doc_id)
            return None
        assert summary is not None and row is not None and data is not None
        return Document(
            id=summary.id,
            source=summary.source,
            encoding=summary.encoding,
            raw_text="",
            text="",
            size=row[0],
            mtime=row[1],
            sha256=row[2],
            title=summary.title,
            subtitle=summary.subtitle,
            kind=summary.kind,
            volume=summary.volume,
            year=summary.year,
            script=summary.script,
            authors=list(summary.authors),
            paragraphs=paragraphs,
            sections=_sections(data),
            repairs=_repairs(data),
            metadata=data["metadata"],
            warnings=list(data["warnings"]),
        )

    def documents(self, doc_ids: Iterable[str]) -> Iterator[Document]:
        """The given documents, loaded one at a time (memory stays flat whatever their number)."""
        for doc_id in doc_ids:
            doc = self.document(doc_id)
            if doc is not None:
                yield doc

    @_reads
    def file_states(self) -> dict[str, FileState]:
        """By source path: what the scan compares a file with."""
        rows = self._conn().execute("SELECT source, id, size, mtime, sha256 FROM documents")
        return {r[0]: FileState(r[1], r[2], r[3], r[4]) for r in rows}

    @_reads
    def text_hashes(self) -> dict[str, str]:
        """By document id: the hash of what the search index takes from the document."""
        return dict(self._conn().execute("SELECT id, text_hash FROM documents"))

    @_reads
    def problems(self) -> list[IngestProblem]:
        rows = self._conn().execute("SELECT source, reason FROM problems ORDER BY source")
        return [IngestProblem(r[0], r[1]) for r in rows]

    @_reads
    def folder_times(self) -> dict[str, int]:
        """The folders of the last full scan and their modification times (ns)."""
        row = self._conn().execute("SELECT value FROM meta WHERE key = 'folders'").fetchone()
        try:
            data = json.loads(row[0]) if row else {}
        except ValueError:
            return {}  # damaged: the quick check then fails, and the full check runs
        return data if isinstance(data, dict) else {}

    @_reads
    def common_lines(self) -> frozenset[str]:
        """The chrome lines shared across the archive that the stored documents were repaired with."""
        row = self._conn().execute("SELECT value FROM meta WHERE key = 'common_lines'").fetchone()
        return frozenset(json.loads(row[0])) if row else frozenset()

    @_reads
    def chrome_line_counts(self) -> dict[str, int]:
        """Documents holding each candidate chrome line."""
        return dict(self._conn().execute("SELECT line, COUNT(*) FROM chrome_lines GROUP BY line"))

    @_reads
    def documents_with_lines(self, lines: Iterable[str]) -> set[str]:
        conn = self._conn()
        found: set[str] = set()
        for line in lines:
            found.update(
                r[0] for r in conn.execute("SELECT doc_id FROM chrome_lines WHERE line = ?", (line,))
            )
        return found

    # ------------------------------------------------------------ writing (one batch a transaction)

    @contextlib.contextmanager
    def batch(self) -> Iterator[Batch]:
        """A transaction: everything written in it lands together or not at all."""
        conn = self._conn()
        batch = Batch(conn)
        with conn:
            yield batch
            if batch.changed_summaries:
                conn.execute("INSERT OR REPLACE INTO meta VALUES ('summaries_stale', 1)")
        if batch.changed_summaries:
            with self._lock:
                self._summaries = None
                self._summary_index = {}

    @_reads
    def write_summaries(self) -> None:
        """Rewrite the summaries blob after the batches of an update (the window then loads it at once)."""
        conn = self._conn()
        with conn:
            stale = conn.execute("SELECT 1 FROM meta WHERE key = 'summaries_stale'").fetchone() is not None
            if (
                not stale
                and conn.execute("SELECT 1 FROM meta WHERE key = 'summaries'").fetchone() is not None
            ):
                return
            try:
                blob = _pack_summaries(_checked_summaries(conn))
            except ValueError as exc:
                self.mark_damaged(str(exc))
                raise CatalogueCorrupt(
                    "The archive's catalogue is damaged; it will be rebuilt the next time the archive is opened."
                ) from exc
            conn.execute("INSERT OR REPLACE INTO meta VALUES ('summaries', ?)", (blob,))
            conn.execute("DELETE FROM meta WHERE key = 'summaries_stale'")
        with self._lock:
            self._summaries = None
            self._summary_index = {}

    # ------------------------------------------------------------ the search index's view

    @_reads
    def indexed(self, engine: str) -> dict[str, str]:
        """By document id: the text hash `engine`'s index holds for it."""
        rows = self._conn().execute("SELECT doc_id, text_hash FROM indexed WHERE engine = ?", (engine,))
        return dict(rows)

    @_reads
    def index_identity(self, engine: str) -> str:
        row = self._conn().execute("SELECT value FROM meta WHERE key = ?", (f"index:{engine}",)).fetchone()
        return str(row[0]) if row else ""

    @_reads
    def set_indexed(
        self, engine: str, identity: str, done: dict[str, str], removed: Iterable[str], *, reset: bool
    ) -> None:
        """Record what `engine`'s index (`identity`) now holds, after its commit."""
        conn = self._conn()
        with conn:
            if reset:
                conn.execute("DELETE FROM indexed WHERE engine = ?", (engine,))
            conn.execute("INSERT OR REPLACE INTO meta VALUES (?, ?)", (f"index:{engine}", identity))
            conn.executemany(
                "DELETE FROM indexed WHERE engine = ? AND doc_id = ?", ((engine, d) for d in removed)
            )
            conn.executemany(
                "INSERT OR REPLACE INTO indexed VALUES (?, ?, ?)", ((engine, d, h) for d, h in done.items())
            )


class Batch:
    """The writes of one transaction (Catalogue.batch)."""

    def __init__(self, conn: sqlite3.Connection) -> None:
        self._conn = conn
        self.changed_summaries = False

    def put(self, doc: Document, text_hash: str, chrome_lines: Iterable[str]) -> None:
        """Add or replace a processed document."""
        summary = json.dumps(_summary_row(DocumentSummary.of(doc)), ensure_ascii=False, separators=(",", ":"))
        lines = sorted(set(chrome_lines))
        self.remove(doc.id)
        conn = self._conn
        old = conn.execute("SELECT id FROM documents WHERE source = ?", (doc.source,)).fetchone()
        if old is not None:
            self.remove(old[0])
        conn.execute(
            "INSERT INTO documents VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                doc.id,
                doc.source,
                doc.size,
                doc.mtime,
                doc.sha256,
                text_hash,
                summary,
                _crc(summary),
                pack_body(doc, lines),
            ),
        )
        conn.executemany(
            "INSERT INTO paragraph_blocks VALUES (?, ?, ?)", ((doc.id, s, b) for s, b in pack_blocks(doc))
        )
        conn.executemany(
            "INSERT OR IGNORE INTO chrome_lines VALUES (?, ?)", ((line, doc.id) for line in lines)
        )
        self.changed_summaries = True

    def touch(self, doc_id: str, mtime: float) -> None:
        """A file whose modification time changed but whose bytes did not."""
        self._conn.execute("UPDATE documents SET mtime = ? WHERE id = ?", (mtime, doc_id))

    def remove(self, doc_id: str) -> None:
        conn = self._conn
        row = conn.execute("SELECT body FROM documents WHERE id = ?", (doc_id,)).fetchone()
        if row is None:
            return
        try:
            lines = _unpack_body(row[0]).get("chrome", [])
        except (zlib.error, ValueError, TypeError, UnicodeDecodeError):
            lines = None  # damaged: find its lines the slow way
        if lines is None:
            conn.execute("DELETE FROM chrome_lines WHERE doc_id = ?", (doc_id,))
        else:
            conn.executemany(
                "DELETE FROM chrome_lines WHERE line = ? AND doc_id = ?", ((x, doc_id) for x in lines)
            )
        conn.execute("DELETE FROM documents WHERE id = ?", (doc_id,))
        conn.execute("DELETE FROM paragraph_blocks WHERE doc_id = ?", (doc_id,))
        self.changed_summaries = True

    def set_problems(self, problems: Iterable[IngestProblem]) -> None:
        self._conn.execute("DELETE FROM problems")
        self._conn.executemany(
            "INSERT OR REPLACE INTO problems VALUES (?, ?)", ((p.source, p.reason) for p in problems)
        )

    def set_folder_times(self, folders: dict[str, int]) -> None:
        self._conn.execute("INSERT OR REPLACE INTO meta VALUES ('folders', ?)", (_json_text(folders),))

    def set_common_lines(self, lines: frozenset[str]) -> None:
        self._conn.execute(
            "INSERT OR REPLACE INTO meta VALUES ('common_lines', ?)",
            (json.dumps(sorted(lines), ensure_ascii=False),),
        )


_SURROGATE = re.compile("[\ud800-\udfff]")


def _json_text(data: Any) -> str:
    """JSON that SQLite can store whatever the names in it: a folder named with bytes that are not
    UTF-8 holds a lone surrogate (surrogateescape), which is written as its JSON escape (\\udcff) and
    read back as the same name (written escaped only there, so Chinese names stay readable)."""
    text = json.dumps(data, ensure_ascii=False)
    return _SURROGATE.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


def read_raw_text(archive_root: Path, doc: Document | DocumentSummary, sha256: str = "") -> str:
    """The file's text as read, before repair: the raw view reads the file itself, never a copy.

    A PDF, DOCX, EPUB or web page is read again by its reader, whose text is the raw text (the same
    reader gives the same text; a PDF of 2,000 pages takes seconds: this runs in a job, never on the
    UI thread).
    Raises ViewerError with a message for the user when the file is gone or changed since it was read.
    """
    from viewer.core.decode import decode_bytes
    from viewer.core.formats import extract, format_of, reads_from_path

    fmt = format_of(doc.source)
    path, data = _read_checked(archive_root, doc, sha256, whole=fmt is None or not reads_from_path(fmt))
    if fmt is not None:
        return _decoded_for(doc, lambda: extract(fmt, Path(path), data or None).text)
    return _decoded_for(doc, lambda: decode_bytes(data).text)


def read_web_page_source(archive_root: Path, doc: Document | DocumentSummary, sha256: str = "") -> str:
    """A web page's HTML as saved, decoded as its reader decodes it: what the raw view shows on request."""
    from viewer.core.formats.html import web_page_source

    _path, data = _read_checked(archive_root, doc, sha256, whole=True)
    return _decoded_for(doc, lambda: web_page_source(data, doc.source))


def _read_checked(
    archive_root: Path, doc: Document | DocumentSummary, sha256: str, *, whole: bool
) -> tuple[str, bytes]:
    """The document's file path and (when `whole`) bytes, checked against the hash it was read with;
    a PDF is only hashed, in chunks, never held whole. ViewerError in the user's words otherwise."""
    import hashlib

    from viewer.core.decode import UndecodableError

    path = source_path(archive_root, doc.source, doc.id)
    digest = hashlib.sha256()
    data = b""
    try:
        with open_regular(path) as (handle, _status):
            if whole:
                data = handle.read()
                digest.update(data)
            else:
                while chunk := handle.read(1 << 20):
                    digest.update(chunk)
    except UndecodableError as exc:  # no longer a regular file
        raise ViewerError(
            message("The file {file} cannot be read ({reason}).", file=doc.source, reason=str(exc))
        ) from exc
    except FileNotFoundError as exc:
        raise ViewerError(
            message("The file {file} is no longer in the archive folder.", file=doc.source)
        ) from exc
    except OSError as exc:
        raise ViewerError(_cannot_read(doc, exc)) from exc
    expected = sha256 or getattr(doc, "sha256", "")
    if expected and digest.hexdigest() != expected:
        raise ViewerError(
            message(
                "The file {file} has changed since it was read; reopen the archive to read it again.",
                file=doc.source,
            )
        )
    return path, data


def _decoded_for(doc: Document | DocumentSummary, decode: Callable[[], str]) -> str:
    """`decode()`, its failures said in the user's words."""
    from viewer.core.decode import UndecodableError

    try:
        return decode()
    except UndecodableError as exc:
        raise ViewerError(
            message("The file {file} cannot be decoded ({reason}).", file=doc.source, reason=str(exc))
        ) from exc
    except OSError as exc:
        raise ViewerError(_cannot_read(doc, exc)) from exc


def _cannot_read(doc: Document | DocumentSummary, exc: OSError) -> str:
    return message(
        "The file {file} cannot be read ({reason}).", file=doc.source, reason=exc.strerror or str(exc)
    )


class _DocumentsById(Mapping[str, Document]):
    """Documents by id, each loaded from the catalogue when asked for (never all at once)."""

    def __init__(self, catalogue: Catalogue) -> None:
        self._catalogue = catalogue

    def __getitem__(self, doc_id: str) -> Document:
        doc = self._catalogue.document(doc_id)
        if doc is None:
            raise KeyError(doc_id)
        return doc

    def __iter__(self) -> Iterator[str]:
        return (s.id for s in self._catalogue.summaries())

    def __len__(self) -> int:
        return self._catalogue.document_count()


@dataclass
class CatalogueArchive:
    """An archive as the window and the commands see it: summaries at once, a document's text on demand."""

    root: Path
    catalogue: Catalogue
    _recent: dict[str, Document] = field(default_factory=dict, repr=False)  # the last documents read

    RECENT = 8

    def reload(self) -> None:
        """Forget what was read: the catalogue changed on disk (an update in another process)."""
        self.catalogue.reload()
        self._recent.clear()

    @property
    def documents(self) -> list[DocumentSummary]:
        return self.catalogue.summaries()

    @property
    def problems(self) -> list[IngestProblem]:
        return self.catalogue.problems()

    @property
    def size_bytes(self) -> int:
        return sum(s.size for s in self.catalogue.summaries())

    def find(self, key: str) -> DocumentSummary | None:
        return self.catalogue.find(key)

    def document(self, doc_id: str) -> Document | None:
        """The document, the same object while it is among the last few read (the window compares them)."""
        doc = self._recent.pop(doc_id, None) or self.catalogue.document(doc_id)
        if doc is not None:
            self._recent[doc_id] = doc
            while len(self._recent) > self.RECENT:
                self._recent.pop(next(iter(self._recent)))
        return doc

    def sections(self, doc_id: str) -> list[Section]:
        return self.catalogue.sections(doc_id)

    def by_id(self) -> Mapping[str, Document]:
        return _DocumentsById(self.catalogue)

    def raw_text(self, doc: Document) -> str:
        """The file's text before repair, read from the file (ViewerError when changed or gone)."""
        return read_raw_text(self.root, doc)
