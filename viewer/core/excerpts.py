"""The excerpt store: every change committed to SQLite (WAL) at once, so nothing the user kept is lost."""

from __future__ import annotations

import contextlib
import json
import logging
import os
import shutil
import sqlite3
import tempfile
import time
import uuid
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from viewer.core import bookmarks as _bookmarks
from viewer.core import sqlite_salvage, store_salvage
from viewer.core.anchor import (
    ANCHOR_MISSING,
    ANCHOR_MOVED,
    ANCHOR_OK,
    Anchor,
    make_anchor,
    resolve,
    text_hash,
)
from viewer.core.citation import (
    SCRIPT_BOTH,
    SCRIPT_SIMPLIFIED,
    SCRIPT_TRADITIONAL_CHOICE,
    CitationData,
    citation_data,
)
from viewer.core.convert import DEFAULT_TO_SIMPLIFIED, DEFAULT_TO_TRADITIONAL, convert
from viewer.core.documents import SCRIPT_TRADITIONAL, Document, paragraph_ordinal
from viewer.core.file_lock import LockTimeout
from viewer.errors import StoreCorrupt, UsageError, ViewerError, message

logger = logging.getLogger(__name__)

# 1: collections and excerpts. 2: bookmarks (viewer.core.bookmarks), a table added on open.
SCHEMA_VERSION = 2
DEFAULT_COLLECTION = "默认"

_SCHEMA = """
CREATE TABLE IF NOT EXISTS collections (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL UNIQUE,
    position INTEGER NOT NULL DEFAULT 0,
    created TEXT NOT NULL,
    deleted INTEGER NOT NULL DEFAULT 0
);
CREATE TABLE IF NOT EXISTS excerpts (
    id INTEGER PRIMARY KEY,
    uid TEXT NOT NULL UNIQUE,
    collection_id INTEGER NOT NULL REFERENCES collections(id),
    position INTEGER NOT NULL,
    doc_id TEXT NOT NULL,
    paragraph_ids TEXT NOT NULL,
    start_offset INTEGER NOT NULL,
    end_offset INTEGER NOT NULL,
    text TEXT NOT NULL,
    text_simplified TEXT NOT NULL,
    text_traditional TEXT NOT NULL,
    text_hash TEXT NOT NULL,
    citation TEXT NOT NULL,
    note TEXT NOT NULL DEFAULT '',
    tags TEXT NOT NULL DEFAULT '[]',
    created TEXT NOT NULL,
    modified TEXT NOT NULL,
    anchor_status TEXT NOT NULL DEFAULT 'ok',
    deleted INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX IF NOT EXISTS excerpts_by_collection ON excerpts(collection_id, deleted, position);
"""

_COLUMNS = (
    "id, uid, collection_id, position, doc_id, paragraph_ids, start_offset, end_offset, text, "
    "text_simplified, text_traditional, text_hash, citation, note, tags, created, modified, "
    "anchor_status, deleted"
)


class _NotAStore(sqlite3.DatabaseError):
    """The file opens as SQLite but is not (or no longer) a sound excerpt store."""


class _EmptyFile(_NotAStore):
    """The file is there but holds nothing (0 bytes): cut short by a crash or a sync tool.

    SQLite would open it as a new, empty database, and silently delete a write-ahead log beside it.
    """


class _NoFile(Exception):
    """There is no store file yet: one is made (under the store's lock)."""


_CORRUPTION_CODES = {11, 26}  # SQLITE_CORRUPT, SQLITE_NOTADB


def _is_corruption(exc: sqlite3.DatabaseError) -> bool:
    if isinstance(exc, _NotAStore):
        return True
    code = getattr(exc, "sqlite_errorcode", None)
    if code is not None:
        return code & 0xFF in _CORRUPTION_CODES
    message = str(exc)
    return "malformed" in message or "not a database" in message


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


@dataclass(frozen=True)
class Collection:
    """A named list of excerpts (e.g. one per paper the user is writing)."""

    id: int
    name: str
    position: int = 0
    count: int = 0


@dataclass(frozen=True)
class Excerpt:
    """A kept passage: where it is, its text in both scripts, its citation, and the user's note and tags."""

    doc_id: str
    paragraph_ids: tuple[str, ...]
    start: int
    end: int
    text: str  # as in the source
    text_simplified: str
    text_traditional: str
    citation: CitationData
    note: str = ""
    tags: tuple[str, ...] = ()
    id: int = 0  # 0 until stored
    uid: str = field(default_factory=lambda: uuid.uuid4().hex)
    collection_id: int = 0
    position: int = 0
    created: str = field(default_factory=_now)
    modified: str = ""
    anchor_status: str = ANCHOR_OK
    deleted: bool = False
    text_hash: str = ""

    @property
    def anchor(self) -> Anchor:
        return Anchor(self.paragraph_ids, self.start, self.end)

    @property
    def missing(self) -> bool:
        return self.anchor_status == ANCHOR_MISSING

    @property
    def paragraph_ordinals(self) -> list[int]:
        """The paragraphs the excerpt spans, by ordinal: from its (re-anchored) ids, never stored apart."""
        return [o for o in map(paragraph_ordinal, self.paragraph_ids) if o is not None]

    def texts(self, script: str) -> list[str]:
        """The excerpt text for a script choice: one text, or original first then the other for "both"."""
        return [text for _, text in self.scripted_texts(script)]

    def scripted_texts(self, script: str) -> list[tuple[str, str]]:
        """(script, text) pairs for a script choice; "both" puts the source's script first."""
        if script == SCRIPT_SIMPLIFIED:
            return [("simplified", self.text_simplified)]
        if script == SCRIPT_TRADITIONAL_CHOICE:
            return [("traditional", self.text_traditional)]
        if script == SCRIPT_BOTH:
            pair = [("simplified", self.text_simplified), ("traditional", self.text_traditional)]
            if self.citation.script == SCRIPT_TRADITIONAL:
                pair.reverse()
            return pair if pair[0][1] != pair[1][1] else [pair[0]]
        return [("original", self.text)]

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "uid": self.uid,
            "collection_id": self.collection_id,
            "position": self.position,
            "doc_id": self.doc_id,
            "paragraph_ids": list(self.paragraph_ids),
            "start": self.start,
            "end": self.end,
            "text": self.text,
            "text_simplified": self.text_simplified,
            "text_traditional": self.text_traditional,
            "text_hash": self.text_hash,
            "citation": self.citation.to_json(),
            "note": self.note,
            "tags": list(self.tags),
            "created": self.created,
            "modified": self.modified,
            "anchor_status": self.anchor_status,
            "deleted": self.deleted,
        }


def make_excerpt(
    doc: Document,
    first_id: str,
    start: int,
    last_id: str | None = None,
    end: int | None = None,
    *,
    note: str = "",
    tags: Iterable[str] = (),
    to_traditional: str = DEFAULT_TO_TRADITIONAL,
) -> Excerpt:
    """An unsaved excerpt of `doc` from (first_id, start) to (last_id, end); offsets into paragraph text."""
    anchor, text = make_anchor(doc, first_id, start, last_id, end)
    if not text.strip():
        raise UsageError(message("The selection holds only white space; nothing to excerpt"))
    return Excerpt(
        doc_id=doc.id,
        paragraph_ids=anchor.paragraph_ids,
        start=anchor.start,
        end=anchor.end,
        text=text,
        text_simplified=convert(text, DEFAULT_TO_SIMPLIFIED),
        text_traditional=convert(text, to_traditional),
        citation=citation_data(doc, anchor.paragraph_ids, anchor.start, anchor.end),
        note=note,
        tags=normalize_tags(tags),
        text_hash=text_hash(text),
    )


def normalize_tags(tags: Iterable[str]) -> tuple[str, ...]:
    """Tags trimmed, de-duplicated, in the order given; commas and 、 split a string into several."""
    out: list[str] = []
    for tag in tags:
        for part in tag.replace("、", ",").replace("，", ",").split(","):
            part = part.strip()
            if part and part not in out:
                out.append(part)
    return tuple(out)


def _row_to_excerpt(row: sqlite3.Row) -> Excerpt:
    return Excerpt(
        id=row["id"],
        uid=row["uid"],
        collection_id=row["collection_id"],
        position=row["position"],
        doc_id=row["doc_id"],
        paragraph_ids=tuple(json.loads(row["paragraph_ids"])),
        start=row["start_offset"],
        end=row["end_offset"],
        text=row["text"],
        text_simplified=row["text_simplified"],
        text_traditional=row["text_traditional"],
        text_hash=row["text_hash"],
        citation=CitationData.from_json(json.loads(row["citation"])),
        note=row["note"],
        tags=tuple(json.loads(row["tags"])),
        created=row["created"],
        modified=row["modified"],
        anchor_status=row["anchor_status"],
        deleted=bool(row["deleted"]),
    )


def _folder_writable(folder: Path) -> bool:
    """Whether a file can be made in `folder`: os.access alone misses a read-only mount on Windows
    and says yes to root on one that is read-only only by permissions."""
    probe = folder / f".excerpts-probe-{uuid.uuid4().hex[:8]}"
    try:
        os.close(os.open(probe, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600))
    except OSError:
        return False
    with contextlib.suppress(OSError):
        probe.unlink()
    return True


class ExcerptStore:
    """Excerpts and collections in one SQLite file; each method is one committed transaction.

    A file that is not a readable excerpt store (damaged pages, a damaged header, 0 bytes, not SQLite)
    is moved aside (never deleted), every row that can still be read from it is carried into the new
    store with its id (citations, bookmarks and undo refer to ids), and `recovered` holds a
    StoreCorrupt whose one-line message says what happened, where the old file went and how many
    excerpts came back. The caller shows it; the store only logs it (at INFO, so a terminal shows it
    once).
    """

    def __init__(self, path: str | os.PathLike[str]) -> None:
        self.path = Path(path)
        self.recovered: StoreCorrupt | None = None
        self.read_only = False  # its folder cannot be written (a read-only mount): read and export only
        self._copy_dir: Path | None = None
        self.path.parent.mkdir(parents=True, exist_ok=True)
        if self.path.exists() and not _folder_writable(self.path.parent):
            self._open_read_only()
            return
        problem = self._open_existing()
        if problem is None:
            return
        # The file is made or replaced only under the store's lock: two processes starting together
        # must not both do it, nor one move aside the store the other has just made or mended.
        try:
            with store_salvage.store_lock(self.path.with_name(f"{self.path.name}.lock")):
                problem = self._open_existing()  # another process may have done it meanwhile
                if problem is not None:
                    self._replace(problem)
                    problem = self._open_existing()
        except LockTimeout as exc:
            raise ViewerError(
                f"The excerpt store {self.path} is busy in another program; try again."
            ) from exc
        except OSError as exc:  # a read-only folder, a full disk
            raise ViewerError(
                f"The excerpt store {self.path} cannot be written ({exc.strerror or exc})."
            ) from exc
        if problem is not None:  # the file just made cannot be opened: not a damaged file's doing
            raise ViewerError(
                f"The excerpt store {self.path} failed: {store_salvage.one_line_error(problem)}"
            )

    # ------------------------------------------------------------ opening

    def _open_existing(self) -> Exception | None:
        """Open the store if its file is sound (None); else what is wrong: _NoFile or the damage.

        Never creates the file: a file another process is just making must not be found empty.
        Errors that are not the file's fault (locked, read-only, disk full) are raised as ViewerError.
        """
        try:
            size = self.path.stat().st_size
        except FileNotFoundError:
            if _size(Path(f"{self.path}-wal")):
                return _NotAStore("the file is gone but its write-ahead log is left")
            return _NoFile()
        if size == 0:
            return _EmptyFile("the file is empty (0 bytes)")
        try:
            self._db = self._connect()
            self._check_and_migrate()
        except sqlite3.DatabaseError as exc:
            self.close()
            if not _is_corruption(exc):  # locked, read-only, disk full: not the file's fault
                raise self._translate(exc) from exc
            return exc
        return None

    def _open_read_only(self) -> None:
        """Open a store whose folder cannot be written: its excerpts can be listed and exported; a
        change says the store is read-only. SQLite reads a WAL store read-only only with its -shm
        file; without one, a store whose log holds commits is read from a copy in a temporary folder
        (an immutable open would skip the log), and one with an empty log is opened immutable."""
        failure: sqlite3.Error | OSError | None = None
        for opener in (self._ro_in_place, self._ro_copy_or_immutable):
            try:
                db = opener()
                db.row_factory = sqlite3.Row
                result = db.execute("PRAGMA quick_check").fetchone()[0]
                version = db.execute("PRAGMA user_version").fetchone()[0]
            except (sqlite3.Error, OSError) as exc:
                failure = exc
                continue
            if result != "ok" or version != SCHEMA_VERSION:
                db.close()
                why = "it is damaged" if result != "ok" else "it was written by another version of the app"
                raise ViewerError(
                    f"The excerpt store {self.path} cannot be used: {why}, and its folder cannot be "
                    "written to mend it."
                )
            self._db = db
            self.read_only = True
            logger.info("The excerpt store %s is opened read-only (its folder cannot be written)", self.path)
            return
        raise ViewerError(
            f"The excerpt store {self.path} cannot be read, and its folder cannot be written "
            f"({store_salvage.one_line_error(failure) if failure else 'unknown error'})."
        )

    def _ro_in_place(self) -> sqlite3.Connection:
        uri = f"{self.path.absolute().as_uri()}?mode=ro"
        return sqlite3.connect(uri, uri=True, isolation_level=None, check_same_thread=False)

    def _ro_copy_or_immutable(self) -> sqlite3.Connection:
        if _size(Path(f"{self.path}-wal")):
            self._copy_dir = Path(tempfile.mkdtemp(prefix="archive-viewer-excerpts-"))
            for suffix in ("", "-wal"):
                shutil.copyfile(f"{self.path}{suffix}", self._copy_dir / f"excerpts.sqlite3{suffix}")
            uri = f"{(self._copy_dir / 'excerpts.sqlite3').as_uri()}?mode=ro"
        else:
            uri = f"{self.path.absolute().as_uri()}?mode=ro&immutable=1"
        return sqlite3.connect(uri, uri=True, isolation_level=None, check_same_thread=False)

    def _replace(self, problem: Exception) -> None:
        """Make the store file: a new one, or one in place of a damaged file (moved aside) holding
        every row that could be read from that file. Called under the store's lock."""
        for leftover in self.path.parent.iterdir():  # a new store's file, from a process killed making it
            if leftover.name.startswith(f".{self.path.name}.new-"):
                with contextlib.suppress(OSError):
                    leftover.unlink()
        if isinstance(problem, _NoFile):
            self._make_file(None)
            return
        backup = self._move_aside()
        try:
            salvage = sqlite_salvage.read_tables(backup, _table_columns())
        except Exception:  # a salvage that fails must still leave a working store (the backup is kept)
            logger.info("Nothing salvaged from %s", backup, exc_info=True)
            salvage = sqlite_salvage.Salvage()
        restored = self._make_file(salvage)
        kept = backup if backup.exists() else Path(f"{backup}-wal")  # only the log was left
        self.recovered = StoreCorrupt(
            store_salvage.recovery_message(
                self.path, kept, problem, salvage, restored, empty=isinstance(problem, _EmptyFile)
            )
        )
        logger.info(  # INFO, not WARNING: the caller shows the message, and a terminal must show it once
            "%s (%s; header rebuilt: %s; every read succeeded: %s)",
            self.recovered,
            restored,
            salvage.header_rebuilt,
            all(t.complete for t in salvage.tables.values()),
        )

    def _make_file(self, salvage: sqlite_salvage.Salvage | None) -> store_salvage.Restored:
        """Build a new store (with the salvaged rows) in a temporary file, then move it into place.

        Other processes never see a half-made store: they find no file, wait for the lock, then find
        the whole one.
        """
        temp = self.path.with_name(f".{self.path.name}.new-{uuid.uuid4().hex[:12]}")
        try:
            db = sqlite3.connect(temp, isolation_level=None)
            try:
                db.execute("PRAGMA journal_mode=WAL")
                db.execute("PRAGMA synchronous=FULL")
                db.execute("PRAGMA foreign_keys=ON")
                db.execute("BEGIN IMMEDIATE")
                _make_schema(db)
                restored = store_salvage.Restored()
                if salvage is not None:
                    restored = store_salvage.restore(db, salvage)
                _ensure_a_collection(db)
                db.execute("COMMIT")
            finally:
                db.close()  # checkpoints: the whole store is in `temp`, with no log beside it
            # Under the lock, and no process creates the file without it, so nothing is replaced here.
            os.replace(temp, self.path)
        except sqlite3.Error as exc:
            raise self._translate(exc) from exc
        finally:
            for name in (temp, Path(f"{temp}-wal"), Path(f"{temp}-shm")):
                with contextlib.suppress(OSError):
                    name.unlink()
        return restored

    def _connect(self) -> sqlite3.Connection:
        # mode=rw: never create the file (only _make_file does, under the lock); the URI form needs an
        # absolute path, and as_uri escapes the characters a URI would take for its own (?, #, %).
        uri = f"{self.path.absolute().as_uri()}?mode=rw"
        db = sqlite3.connect(uri, uri=True, isolation_level=None, timeout=10.0, check_same_thread=False)
        try:
            db.row_factory = sqlite3.Row
            mode = db.execute("PRAGMA journal_mode=WAL").fetchone()[0]
            if str(mode).lower() != "wal":
                logger.warning("SQLite refused WAL mode for %s (got %s)", self.path, mode)
            db.execute("PRAGMA synchronous=FULL")  # a returned commit survives power loss, not only a kill
            db.execute("PRAGMA foreign_keys=ON")
        except BaseException:
            db.close()  # now, not when the error is freed: Windows cannot move aside an open file
            raise
        return db

    def _check_and_migrate(self) -> None:
        result = self._db.execute("PRAGMA quick_check").fetchone()[0]
        if result != "ok":
            problems = [line for line in str(result).splitlines() if line.strip() and "***" not in line]
            raise _NotAStore(f"integrity check failed: {(problems or [result])[0]}")  # the first of them
        version = self._db.execute("PRAGMA user_version").fetchone()[0]
        if version > SCHEMA_VERSION:
            self._db.close()
            raise ViewerError(
                f"The excerpt store {self.path} was written by a newer version of the "
                "app; update the app to open it (the file was left untouched)."
            )
        tables = {r[0] for r in self._db.execute("SELECT name FROM sqlite_master WHERE type='table'")}
        if version == 0 and tables - {"collections", "excerpts", "bookmarks"}:
            raise _NotAStore("the file is an SQLite database but not an excerpt store")
        with self._transaction() as db:
            _make_schema(db)
            columns = {r[1] for r in db.execute("PRAGMA table_info(excerpts)")}
            if not {"uid", "text_hash", "anchor_status"} <= columns:
                raise _NotAStore("the excerpts table lacks required columns")
            _ensure_a_collection(db)

    def _move_aside(self) -> Path:
        """Rename the store file (and its log) to a timestamped name beside it; returns that name."""
        stamp = time.strftime("%Y%m%d-%H%M%S")
        target = self.path.with_name(f"{self.path.name}.corrupt-{stamp}")
        n = 1
        while target.exists():
            target = self.path.with_name(f"{self.path.name}.corrupt-{stamp}-{n}")
            n += 1
        try:
            for suffix in ("", "-wal", "-shm"):  # the file first: if it is open elsewhere, nothing moves
                side = Path(f"{self.path}{suffix}")
                if side.exists():
                    os.replace(side, Path(f"{target}{suffix}"))
        except OSError as exc:  # Windows: still open in another window
            raise StoreCorrupt(store_salvage.move_aside_failed(self.path, exc)) from exc
        return target

    @contextlib.contextmanager
    def _transaction(self) -> Iterator[sqlite3.Connection]:
        """BEGIN IMMEDIATE ... COMMIT; any error rolls back and is reported in the user's words."""
        db = self._db
        try:
            db.execute("BEGIN IMMEDIATE")
        except sqlite3.Error as exc:
            raise self._translate(exc) from exc
        try:
            yield db
            db.execute("COMMIT")
        except BaseException as exc:
            with contextlib.suppress(sqlite3.Error):
                db.execute("ROLLBACK")
            if isinstance(exc, sqlite3.DatabaseError) and not isinstance(exc, sqlite3.IntegrityError):
                raise self._translate(exc) from exc
            raise

    def _translate(self, exc: sqlite3.Error) -> ViewerError:
        message = str(exc)
        if "full" in message:
            return ViewerError(f"The disk holding {self.path} is full; the change was not saved.")
        if "readonly" in message or "read-only" in message:
            return ViewerError(f"The excerpt store {self.path} cannot be written (read-only).")
        if "locked" in message or "busy" in message:
            return ViewerError(f"The excerpt store {self.path} is busy in another program; try again.")
        if isinstance(exc, sqlite3.DatabaseError) and _is_corruption(exc):
            return StoreCorrupt(
                f"The excerpt store {self.path} is damaged ({message}); restart the app "
                "to move it aside and start a new one."
            )
        return ViewerError(f"The excerpt store {self.path} failed: {message}")

    def _read(self, sql: str, params: Iterable[Any] = ()) -> list[sqlite3.Row]:
        try:
            return list(self._db.execute(sql, tuple(params)))
        except sqlite3.DatabaseError as exc:
            raise self._translate(exc) from exc

    @property
    def bookmarks(self) -> _bookmarks.BookmarkStore:
        """The paragraph bookmarks, kept in this file and committed like the excerpts."""
        return _bookmarks.BookmarkStore(self)

    def close(self) -> None:
        with contextlib.suppress(sqlite3.Error, AttributeError):  # AttributeError: never opened
            self._db.close()
        if self._copy_dir is not None:  # the copy a read-only store was read from
            shutil.rmtree(self._copy_dir, ignore_errors=True)
            self._copy_dir = None

    def __enter__(self) -> ExcerptStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def integrity_check(self) -> str:
        """SQLite's full integrity check: "ok" or what is wrong."""
        return str(self._read("PRAGMA integrity_check")[0][0])

    # ------------------------------------------------------------ collections

    def collections(self) -> list[Collection]:
        rows = self._read(
            "SELECT c.id, c.name, c.position, COUNT(e.id) AS n FROM collections c "
            "LEFT JOIN excerpts e ON e.collection_id=c.id AND e.deleted=0 "
            "WHERE c.deleted=0 GROUP BY c.id ORDER BY c.position, c.id"
        )
        return [Collection(r["id"], r["name"], r["position"], r["n"]) for r in rows]

    def default_collection(self) -> Collection:
        return self.collections()[0]

    def collection(self, key: int | str | None) -> Collection:
        """A collection by id or name; None is the first (default) collection."""
        if key is None or key == "":
            return self.default_collection()
        for c in self.collections():
            if key in (c.id, c.name):
                return c
        names = "、".join(c.name for c in self.collections())
        raise UsageError(f"No collection '{key}' (collections: {names})")

    def create_collection(self, name: str) -> Collection:
        name = name.strip()
        if not name:
            raise UsageError(message("A collection needs a name"))
        with self._transaction() as db:
            row = db.execute("SELECT id, deleted FROM collections WHERE name=?", (name,)).fetchone()
            if row is not None and not row["deleted"]:
                raise UsageError(message("A collection named '{name}' already exists", name=name))
            position = db.execute("SELECT COALESCE(MAX(position), -1) + 1 FROM collections").fetchone()[0]
            if row is not None:  # a deleted collection's name is free again
                db.execute("UPDATE collections SET name=name || ' ' || id WHERE id=?", (row["id"],))
            cid = db.execute(
                "INSERT INTO collections(name, position, created) VALUES (?, ?, ?)", (name, position, _now())
            ).lastrowid
        return self.collection(int(cid or 0))

    def get_or_create_collection(self, name: str) -> Collection:
        for c in self.collections():
            if c.name == name.strip():
                return c
        return self.create_collection(name)

    def rename_collection(self, key: int | str, name: str) -> Collection:
        current = self.collection(key)
        name = name.strip()
        if not name:
            raise UsageError(message("A collection needs a name"))
        if name == current.name:
            return current
        with self._transaction() as db:
            clash = db.execute("SELECT deleted FROM collections WHERE name=?", (name,)).fetchone()
            if clash is not None and not clash["deleted"]:
                raise UsageError(message("A collection named '{name}' already exists", name=name))
            if clash is not None:  # a deleted collection's name is free again
                db.execute("UPDATE collections SET name=name || ' ' || id WHERE name=?", (name,))
            db.execute("UPDATE collections SET name=? WHERE id=?", (name, current.id))
        return self.collection(current.id)

    def delete_collection(self, key: int | str) -> Collection:
        """Soft-delete a collection (undo: restore_collection); its excerpts go with it."""
        current = self.collection(key)
        if len(self.collections()) == 1:
            raise UsageError(message("The last collection cannot be deleted"))
        with self._transaction() as db:
            db.execute("UPDATE collections SET deleted=1 WHERE id=?", (current.id,))
        return current

    def restore_collection(self, collection_id: int) -> None:
        with self._transaction() as db:
            db.execute("UPDATE collections SET deleted=0 WHERE id=?", (collection_id,))

    # ------------------------------------------------------------ excerpts

    def add(
        self, excerpt: Excerpt, collection: int | str | None = None, position: int | None = None
    ) -> Excerpt:
        """Store a new excerpt at the end of a collection (or at `position`); returns it with its id."""
        target = self.collection(collection if collection is not None else (excerpt.collection_id or None))
        now = _now()
        digest = excerpt.text_hash or text_hash(excerpt.text)
        with self._transaction() as db:
            if position is None:
                position = db.execute(
                    "SELECT COALESCE(MAX(position), -1) + 1 FROM excerpts WHERE collection_id=?", (target.id,)
                ).fetchone()[0]
            else:
                db.execute(
                    "UPDATE excerpts SET position=position+1 WHERE collection_id=? AND position>=?",
                    (target.id, position),
                )
            cur = db.execute(
                f"INSERT INTO excerpts({_COLUMNS.replace('id, uid', 'uid', 1)}) "
                "VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
                (
                    excerpt.uid,
                    target.id,
                    position,
                    excerpt.doc_id,
                    json.dumps(list(excerpt.paragraph_ids)),
                    excerpt.start,
                    excerpt.end,
                    excerpt.text,
                    excerpt.text_simplified,
                    excerpt.text_traditional,
                    digest,
                    json.dumps(excerpt.citation.to_json(), ensure_ascii=False),
                    excerpt.note,
                    json.dumps(list(excerpt.tags), ensure_ascii=False),
                    excerpt.created or now,
                    now,
                    excerpt.anchor_status,
                    0,
                ),
            )
            new_id = int(cur.lastrowid or 0)
        return self.get(new_id)

    def get(self, excerpt_id: int) -> Excerpt:
        rows = self._read(f"SELECT {_COLUMNS} FROM excerpts WHERE id=?", (excerpt_id,))
        if not rows:
            raise UsageError(f"No excerpt {excerpt_id}")
        return _row_to_excerpt(rows[0])

    def list(
        self,
        collection: int | str | None = None,
        *,
        all_collections: bool = False,
        include_deleted: bool = False,
        text_filter: str = "",
    ) -> list[Excerpt]:
        """Excerpts in order: one collection (default: the first), or all collections in order."""
        where: list[str] = []
        params: list[Any] = []
        if not include_deleted:
            where.append("e.deleted=0")
        if not all_collections:
            where.append("e.collection_id=?")
            params.append(self.collection(collection).id)
        sql = (
            f"SELECT {', '.join('e.' + c.strip() for c in _COLUMNS.split(','))} FROM excerpts e "
            "JOIN collections c ON c.id=e.collection_id AND c.deleted=0 "
            + ("WHERE " + " AND ".join(where) if where else "")
            + " ORDER BY c.position, c.id, e.position, e.id"
        )
        found = [_row_to_excerpt(r) for r in self._read(sql, params)]
        if text_filter:
            found = [e for e in found if matches(e, text_filter)]
        return found

    def update(
        self, excerpt_id: int, *, note: str | None = None, tags: Iterable[str] | None = None
    ) -> Excerpt:
        """Change an excerpt's note and/or tags."""
        sets, params = ["modified=?"], [_now()]
        if note is not None:
            sets.append("note=?")
            params.append(note)
        if tags is not None:
            sets.append("tags=?")
            params.append(json.dumps(list(normalize_tags(tags)), ensure_ascii=False))
        with self._transaction() as db:
            if (
                db.execute(
                    f"UPDATE excerpts SET {', '.join(sets)} WHERE id=?", (*params, excerpt_id)
                ).rowcount
                == 0
            ):
                raise UsageError(f"No excerpt {excerpt_id}")
        return self.get(excerpt_id)

    def delete(self, excerpt_ids: Iterable[int]) -> None:
        """Soft-delete (the undo of which is restore)."""
        self._set_deleted(excerpt_ids, True)

    def restore(self, excerpt_ids: Iterable[int]) -> None:
        self._set_deleted(excerpt_ids, False)

    def _set_deleted(self, excerpt_ids: Iterable[int], deleted: bool) -> None:
        ids = list(excerpt_ids)
        with self._transaction() as db:
            db.executemany(
                "UPDATE excerpts SET deleted=?, modified=? WHERE id=?",
                [(int(deleted), _now(), i) for i in ids],
            )

    def purge_deleted(self) -> int:
        """Forget soft-deleted excerpts for good; returns how many."""
        with self._transaction() as db:
            return int(db.execute("DELETE FROM excerpts WHERE deleted=1").rowcount)

    def move(self, excerpt_id: int, index: int, collection: int | str | None = None) -> Excerpt:
        """Put an excerpt at `index` among the live excerpts of a collection (its own by default)."""
        current = self.get(excerpt_id)
        target = (
            self.collection(collection) if collection is not None else self.collection(current.collection_id)
        )
        with self._transaction() as db:
            ids = [
                r[0]
                for r in db.execute(
                    "SELECT id FROM excerpts WHERE collection_id=? AND deleted=0 AND id<>? "
                    "ORDER BY position, id",
                    (target.id, excerpt_id),
                )
            ]
            index = max(0, min(index, len(ids)))
            ids.insert(index, excerpt_id)
            db.execute(
                "UPDATE excerpts SET collection_id=?, modified=? WHERE id=?", (target.id, _now(), excerpt_id)
            )
            db.executemany(
                "UPDATE excerpts SET position=? WHERE id=?", [(pos, i) for pos, i in enumerate(ids)]
            )
        return self.get(excerpt_id)

    def index_of(self, excerpt_id: int) -> int:
        """The excerpt's row among the live excerpts of its collection."""
        current = self.get(excerpt_id)
        ids = [e.id for e in self.list(current.collection_id)]
        return ids.index(excerpt_id) if excerpt_id in ids else -1

    # ------------------------------------------------------------ anchoring

    def reanchor(self, documents: Mapping[str, Document]) -> dict[str, int]:
        """Check every excerpt against the (re-ingested) documents; record moved and missing ones.

        Nothing is dropped: an excerpt whose text is gone keeps its text and citation, marked missing.
        """
        counts = {ANCHOR_OK: 0, ANCHOR_MOVED: 0, ANCHOR_MISSING: 0}
        updates = []
        for e in self.list(all_collections=True, include_deleted=True):
            found = resolve(documents.get(e.doc_id), e.anchor, e.text, e.text_hash)
            counts[found.status] += 1
            anchor = found.anchor or e.anchor  # a missing excerpt keeps its last known place
            if anchor != e.anchor or found.status != e.anchor_status:
                updates.append(
                    (found.status, json.dumps(list(anchor.paragraph_ids)), anchor.start, anchor.end, e.id)
                )
        if updates:
            with self._transaction() as db:
                db.executemany(
                    "UPDATE excerpts SET anchor_status=?, paragraph_ids=?, start_offset=?, "
                    "end_offset=? WHERE id=?",
                    updates,
                )
        return counts


# ------------------------------------------------------------ the file: made, checked, salvaged


def _size(path: Path) -> int:
    try:
        return path.stat().st_size
    except OSError:
        return 0


def _make_schema(db: sqlite3.Connection) -> None:
    """The tables and indexes of the current schema, where missing (inside the caller's transaction)."""
    for statement in (_SCHEMA + ";" + _bookmarks.SCHEMA).split(";"):
        if statement.strip():
            db.execute(statement)
    db.execute(f"PRAGMA user_version={SCHEMA_VERSION}")


def _ensure_a_collection(db: sqlite3.Connection) -> None:
    """The default collection, when no collection is live (the panel always shows one)."""
    if db.execute("SELECT COUNT(*) FROM collections WHERE deleted=0").fetchone()[0] == 0:
        db.execute(
            "INSERT OR IGNORE INTO collections(name, position, created) VALUES (?, 0, ?)",
            (DEFAULT_COLLECTION, _now()),
        )
        db.execute("UPDATE collections SET deleted=0 WHERE name=?", (DEFAULT_COLLECTION,))


def _table_columns() -> dict[str, tuple[str, ...]]:
    """The columns salvage reads of each table: all of the current schema's (the id is the rowid)."""
    db = sqlite3.connect(":memory:")
    try:
        _make_schema(db)
        return {
            table: tuple(r[1] for r in db.execute(f"PRAGMA table_info({table})") if r[1] != "id")
            for table in store_salvage.TABLES
        }
    finally:
        db.close()


def matches(excerpt: Excerpt, needle: str) -> bool:
    """Case-insensitive filter over text (both scripts), note, tags and citation title/section."""
    needle = needle.strip().lower()
    if not needle:
        return True
    c = excerpt.citation
    haystack = "\n".join(
        [
            excerpt.text,
            excerpt.text_simplified,
            excerpt.text_traditional,
            excerpt.note,
            " ".join(excerpt.tags),
            c.title,
            c.section,
            c.section_author,
            " ".join(c.authors),
            c.source,
        ]
    ).lower()
    return all(word in haystack for word in needle.split())
