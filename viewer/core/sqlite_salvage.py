"""Every row a damaged SQLite file still holds, read around its bad pages.

SQLite's own answer is the CLI's `.recover`, which Python's sqlite3 module does not offer and a user's
machine may not have; the approach here needs only queries. A bad page costs the rows stored on it, not
the rows after it: a table is read in rowid order until the first error, then from the far end
backwards until the first error, and the rowids between (up to the last rowid known) are read in
ranges halved around each read that fails, down to single rowids, so every row on a readable leaf page
is found. A failing read costs about 16 us, so READ_BUDGET bounds the worst case, a table whose root
page is gone (every read fails), at a third of a second. What a query cannot reach is a readable leaf
below a destroyed interior page: finding those would mean parsing pages as `.recover` does.

Each index is read as well, as a covering scan that touches only the index's own pages, from both
ends: it names the rows it indexes even when their table page is lost (so the caller can say how many
there were, and each is then looked up by its rowid) and keeps its columns (a collection's name, an
excerpt's collection and deleted flag).

A file whose 100-byte header is overwritten is read under a rebuilt header: a reader needs only the
page size from it (tried in turn, and checked against the page types of the tables' root pages); the
schema starts on page 1 right after it. The damaged file is never written: it is copied, with its
write-ahead log, into a scratch folder and read there (SQLite replays a log into the file it opens).
"""

from __future__ import annotations

import contextlib
import logging
import shutil
import sqlite3
import tempfile
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

logger = logging.getLogger(__name__)

READ_BUDGET = 20_000  # reads per table at most, when halving ranges around bad pages
SCRATCH_PREFIX = ".salvage-"

_MIN_ROWID, _MAX_ROWID = -(2**63), 2**63 - 1
_MAGIC = b"SQLite format 3\x00"
_HEADER_BYTES = 100
_PAGE_SIZES = (4096, 1024, 2048, 8192, 16384, 32768, 65536, 512)  # SQLite's default first
_BTREE_PAGE_TYPES = {2, 5, 10, 13}  # index/table, interior/leaf


@dataclass
class TableRows:
    """What could be read of one table."""

    columns: tuple[str, ...]
    rows: dict[int, dict[str, Any]] = field(default_factory=dict)  # rowid -> the columns read
    indexed: dict[int, dict[str, Any]] = field(default_factory=dict)  # rowid -> columns an index keeps
    complete: bool = True  # no read failed

    @property
    def lost(self) -> set[int]:
        """Rowids an index names whose row could not be read."""
        return set(self.indexed) - set(self.rows)


@dataclass
class Salvage:
    """The readable rows of a damaged file; `readable` is False when not even its schema could be read."""

    readable: bool = False
    header_rebuilt: bool = False
    tables: dict[str, TableRows] = field(default_factory=dict)


def read_tables(path: Path, columns: Mapping[str, Sequence[str]], *, budget: int = READ_BUDGET) -> Salvage:
    """The rows of each table in `columns` (those columns of it that the file has) that can still be read.

    `path` is not written; its write-ahead log (`path`-wal), when there is one, is read with it.
    """
    if not path.is_file() or path.stat().st_size == 0:
        return Salvage()  # nothing to read (SQLite would also delete the log of an empty file)
    with _scratch_dir(path.parent) as scratch:
        copy = scratch / "store.sqlite3"
        shutil.copyfile(path, copy)
        wal = Path(f"{path}-wal")
        if wal.is_file():
            shutil.copyfile(wal, Path(f"{copy}-wal"))
        db, rebuilt = _open(copy)
        if db is None:
            return Salvage()
        try:
            found = Salvage(readable=True, header_rebuilt=rebuilt)
            for table, wanted in columns.items():
                rows = _read_table(db, table, wanted, budget)
                if rows is not None:
                    found.tables[table] = rows
            return found
        finally:
            db.close()


@contextlib.contextmanager
def _scratch_dir(beside: Path) -> Iterator[Path]:
    """A temporary folder beside the store (the same disk, and not a shared /tmp), else the system's."""
    try:
        scratch = tempfile.TemporaryDirectory(prefix=SCRATCH_PREFIX, dir=beside, ignore_cleanup_errors=True)
    except OSError:
        scratch = tempfile.TemporaryDirectory(prefix=SCRATCH_PREFIX, ignore_cleanup_errors=True)
    with scratch as name:
        yield Path(name)


# ---------------------------------------------------------------- opening


def _connect(path: Path) -> sqlite3.Connection | None:
    """A connection that can read the schema of `path`, or None."""
    db = sqlite3.connect(path, isolation_level=None)
    db.text_factory = _lenient_text
    try:
        db.execute("PRAGMA writable_schema=ON")  # one unparsable schema entry must not hide the rest
        db.execute("SELECT name FROM sqlite_master").fetchall()
    except sqlite3.DatabaseError:
        db.close()
        return None
    return db


def _lenient_text(data: bytes) -> str:
    """Text with a damaged byte read as U+FFFD, rather than the whole row lost to a decoding error."""
    return data.decode("utf-8", "replace")


def _open(copy: Path) -> tuple[sqlite3.Connection | None, bool]:
    """A connection to the scratch copy, rebuilding its header when that is what is wrong with it."""
    db = _connect(copy)
    if db is not None:
        return db, False
    size = copy.stat().st_size
    wal = Path(f"{copy}-wal").is_file()
    sizes = sorted(_PAGE_SIZES, key=lambda s: size % s != 0)  # whole pages first; stable: default first
    best: tuple[int, int] | None = None  # (roots that are b-tree pages, page size)
    for page_size in sizes:
        if size <= _HEADER_BYTES:
            break
        _write_header(copy, page_size, wal)
        score = _root_pages_found(copy, page_size)
        if score and (best is None or score > best[0]):
            best = (score, page_size)
    if best is None:
        return None, False
    _write_header(copy, best[1], wal)
    logger.info("Rebuilt the header of a damaged store copy (page size %d)", best[1])
    return _connect(copy), True


def _write_header(path: Path, page_size: int, wal: bool) -> None:
    """An SQLite header for a file of `page_size` pages: the rest are defaults or derived on open."""
    header = bytearray(_HEADER_BYTES)
    header[0:16] = _MAGIC
    header[16:18] = (1 if page_size == 65536 else page_size).to_bytes(2, "big")
    header[18] = header[19] = 2 if wal else 1  # WAL or rollback journal
    header[21:24] = bytes((64, 32, 32))  # payload fractions, fixed by the format
    header[24:28] = (1).to_bytes(4, "big")  # change counter; 0 pages below + mismatch: size from the file
    header[40:44] = (1).to_bytes(4, "big")  # schema cookie
    header[44:48] = (4).to_bytes(4, "big")  # schema format
    header[56:60] = (1).to_bytes(4, "big")  # UTF-8, as Python's sqlite3 creates files
    major, minor, patch = sqlite3.sqlite_version_info
    header[96:100] = (major * 1_000_000 + minor * 1000 + patch).to_bytes(4, "big")  # the writer's version
    with open(path, "r+b") as handle:
        handle.write(header)


def _root_pages_found(path: Path, page_size: int) -> int:
    """How many tables' and indexes' root pages are b-tree pages when the file has `page_size` pages."""
    db = _connect(path)
    if db is None:
        return 0
    try:
        roots = [r[0] for r in db.execute("SELECT rootpage FROM sqlite_master WHERE rootpage > 0")]
    except sqlite3.DatabaseError:
        return 0
    finally:
        db.close()
    found = 0
    with open(path, "rb") as handle:
        for root in roots:
            handle.seek((root - 1) * page_size + (_HEADER_BYTES if root == 1 else 0))
            kind = handle.read(1)
            found += bool(kind) and kind[0] in _BTREE_PAGE_TYPES
    return found


# ---------------------------------------------------------------- reading


def _quote(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def _read_table(db: sqlite3.Connection, table: str, wanted: Sequence[str], budget: int) -> TableRows | None:
    try:
        present = {r[1] for r in db.execute(f"PRAGMA table_info({_quote(table)})")}
    except sqlite3.DatabaseError:
        return None
    if not present:
        return None
    found = TableRows(tuple(c for c in wanted if c in present))
    _read_indexes(db, table, found)
    _read_rows(db, table, found, budget)
    return found


def _read_rows(db: sqlite3.Connection, table: str, found: TableRows, budget: int) -> None:
    """Every row that can be read, keyed by rowid: forwards, backwards, then by halves around errors,
    and last each row an index names that is still missing."""
    select = f"SELECT {', '.join(['rowid', *map(_quote, found.columns)])} FROM {_quote(table)} WHERE "
    reads = 0

    def read(low: int, high: int, *, backwards: bool = False) -> tuple[int, int, bool]:
        """Rows of [low, high] until an error: the range still unread, and whether it was all read.

        The row before an error is lost with it (the sqlite3 module steps ahead before returning a
        row), and so is a range's last row when the page after it is bad (the scan steps on to see
        where the range ends): one rowid is read with `=`, a lookup that does neither.
        """
        nonlocal reads
        if low > high:
            return low, high, True
        reads += 1
        params: tuple[int, ...]
        if low == high:
            sql, params = select + "rowid = ?", (low,)
        else:
            order = " DESC" if backwards else ""
            sql, params = select + f"rowid BETWEEN ? AND ? ORDER BY rowid{order}", (low, high)
        try:
            for row in db.execute(sql, params):
                rowid = row[0]
                if not isinstance(rowid, int) or not low <= rowid <= high:
                    continue  # a damaged page can yield rows out of order
                found.rows[rowid] = dict(zip(found.columns, row[1:], strict=True))
                if backwards:
                    high = rowid - 1
                else:
                    low = rowid + 1
        except sqlite3.DatabaseError:
            found.complete = False
            return low, high, False
        return low, high, True

    low, high, whole = read(_MIN_ROWID, _MAX_ROWID)
    if not whole:
        low, high, whole = read(low, high, backwards=True)
    known = found.indexed.keys() | found.rows.keys()
    if known:  # a bad first or last leaf fails every read out to the end of the rowid range: stop at the
        low, high = max(low, min(known)), min(high, max(known))  # rows the indexes and reads know of
    pending = [] if whole else [(low, high)]
    while pending and reads < budget:
        low, high = pending.pop()
        low, high, whole = read(low, high)
        if not whole and low < high:
            middle = low + (high - low) // 2
            pending += [(middle + 1, high), (low, middle)]  # the lower half first
    if pending:
        logger.info("Salvage of %s stopped after %d reads", table, reads)
    for rowid in sorted(found.lost):
        read(rowid, rowid)


def _read_indexes(db: sqlite3.Connection, table: str, found: TableRows) -> None:
    """The rowids (and indexed columns) every index of the table names, from both ends of each index."""
    try:
        indexes = [r[1] for r in db.execute(f"PRAGMA index_list({_quote(table)})")]
    except sqlite3.DatabaseError:
        return
    for index in indexes:
        try:
            columns = [r[2] for r in db.execute(f"PRAGMA index_info({_quote(index)})")]
        except sqlite3.DatabaseError:
            continue
        if not columns or None in columns:
            continue  # an expression index keeps nothing a row needs
        names = [str(c) for c in columns]
        select = ", ".join(["rowid", *map(_quote, names)])
        for order in ("", " DESC"):
            sql = (
                f"SELECT {select} FROM {_quote(table)} INDEXED BY {_quote(index)} "
                f"ORDER BY {', '.join(_quote(n) + order for n in names)}"
            )
            try:
                for row in db.execute(sql):
                    if isinstance(row[0], int):
                        found.indexed.setdefault(row[0], {}).update(zip(names, row[1:], strict=True))
            except sqlite3.DatabaseError:
                found.complete = False
                continue  # and read it from its other end
            break
