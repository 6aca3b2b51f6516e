"""What the excerpt store keeps of a damaged file: its sound rows, ids kept, and one line saying so.

The excerpt store (viewer.core.excerpts) moves a damaged file aside and builds a new one; this module
fills the new one from what viewer.core.sqlite_salvage could read of the old, in the order the rows
refer to each other (collections, excerpts, bookmarks), and keeps every id: citations, bookmarks and
the panels' undo refer to them. A row is kept only when it is whole: each column of its declared type,
its JSON readable, an excerpt's text still matching its fingerprint (damage can change bytes without
SQLite noticing). An excerpt whose collection row was lost gets its collection back under the name
the collections' index kept, else RECOVERED_COLLECTION and its id.

The counts are of live (not deleted) excerpts and bookmarks, what the user sees: those read, and those
an index names whose row is lost. The file is made and replaced under `store_lock`, so two processes
starting together on a missing or damaged store never both do it.
"""

from __future__ import annotations

import contextlib
import json
import logging
import sqlite3
import uuid
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from viewer.core.anchor import text_hash
from viewer.core.citation import CitationData
from viewer.core.file_lock import held
from viewer.core.sqlite_salvage import Salvage
from viewer.errors import Message, message

logger = logging.getLogger(__name__)

TABLES = ("collections", "excerpts", "bookmarks")  # in this order: excerpts refer to collections
RECOVERED_COLLECTION = "恢复"  # with its id: a collection whose name was lost with its page
LOCK_TIMEOUT = 30.0  # seconds to wait for another process making or mending the same store

_JSON_COLUMNS: dict[str, type] = {"paragraph_ids": list, "tags": list, "citation": dict}
_TYPES: dict[str, type] = {"INTEGER": int, "TEXT": str}


@dataclass
class Restored:
    """Live excerpts and bookmarks of a damaged store: how many there were (as far as can be told) and
    how many came back."""

    excerpts: int = 0
    excerpts_total: int = 0
    bookmarks: int = 0
    bookmarks_total: int = 0
    collections: int = 0


def one_line(text: str, *, limit: int | None = None) -> str:
    """`text` safe to print as one line: control characters (newlines too, and the lone surrogates of
    an undecodable file name) escaped; cut at `limit` characters when given."""
    text = "".join(c if c.isprintable() else c.encode("unicode_escape").decode("ascii") for c in text)
    return text if limit is None or len(text) <= limit else text[: limit - 1] + "…"


def one_line_error(error: object) -> str:
    """An error's text for a message: white space folded (SQLite's integrity report spans lines), cut."""
    return one_line(" ".join(str(error).split()), limit=160)


# ---------------------------------------------------------------- restoring


def restore(db: sqlite3.Connection, salvage: Salvage) -> Restored:
    """Insert every sound salvaged row into the new store `db` (its schema made), ids kept."""
    layout = {table: _layout(db, table) for table in TABLES}
    restored = Restored()
    collections = salvage.tables.get("collections")
    if collections is not None:
        for row_id, values in sorted(collections.rows.items()):
            restored.collections += _sound(layout["collections"], values) and _insert(
                db, "collections", row_id, values
            )
    known = {r[0] for r in db.execute("SELECT id FROM collections")}
    excerpts = salvage.tables.get("excerpts")
    if excerpts is not None:
        for row_id, values in sorted(excerpts.rows.items()):
            live = not values.get("deleted")
            restored.excerpts_total += live
            if not _sound(layout["excerpts"], values) or not _sound_excerpt(values):
                continue
            collection_id = values["collection_id"]
            if collection_id not in known:
                name = collections.indexed.get(collection_id, {}).get("name") if collections else None
                _insert_collection(db, collection_id, name if isinstance(name, str) else "")
                known.add(collection_id)
            inserted = _insert(db, "excerpts", row_id, values)  # deleted ones too: undo restores them
            restored.excerpts += live and inserted
        restored.excerpts_total += sum(not excerpts.indexed[i].get("deleted") for i in excerpts.lost)
    bookmarks = salvage.tables.get("bookmarks")
    if bookmarks is not None:
        for row_id, values in sorted(bookmarks.rows.items()):
            live = not values.get("deleted")
            restored.bookmarks_total += live
            inserted = _sound(layout["bookmarks"], values) and _insert(db, "bookmarks", row_id, values)
            restored.bookmarks += live and inserted
        restored.bookmarks_total += len(bookmarks.lost)  # their index does not keep the deleted flag
    return restored


def _layout(db: sqlite3.Connection, table: str) -> list[tuple[str, type, bool]]:
    """(column, Python type, NOT NULL) of a table of the new store, its id (read as the rowid) aside."""
    return [
        (r[1], _TYPES[r[2]], bool(r[3])) for r in db.execute(f"PRAGMA table_info({table})") if r[1] != "id"
    ]


def _sound(layout: list[tuple[str, type, bool]], values: Mapping[str, Any]) -> bool:
    """Every column read holds its declared type (or NULL where allowed) and its JSON parses."""
    for name, kind, not_null in layout:
        if name not in values:
            continue  # an older schema's row: the column's default applies (or the insert refuses it)
        value = values[name]
        if value is None:
            if not_null:
                return False
            continue
        if type(value) is not kind:
            return False
        if name in _JSON_COLUMNS and not _sound_json(name, str(value)):
            return False
    return True


def _sound_json(name: str, text: str) -> bool:
    try:
        parsed: Any = json.loads(text)
        if isinstance(parsed, dict) and name == "citation" and parsed:
            CitationData.from_json(parsed)
    except (TypeError, ValueError):
        return False
    return isinstance(parsed, _JSON_COLUMNS[name])


def _sound_excerpt(values: Mapping[str, Any]) -> bool:
    """The excerpt's paragraph ids and tags are strings and its text still matches its fingerprint."""
    lists = [json.loads(values.get(name) or "[]") for name in ("paragraph_ids", "tags")]
    if not all(isinstance(item, str) for items in lists for item in items):
        return False
    digest = values.get("text_hash")
    return not digest or text_hash(values.get("text") or "") == digest


def _insert(db: sqlite3.Connection, table: str, row_id: int, values: Mapping[str, Any]) -> bool:
    """Insert a salvaged row with its own id; False when a constraint refuses it."""
    names = ["id", *values]
    try:
        db.execute(
            f"INSERT INTO {table}({', '.join(names)}) VALUES ({', '.join('?' * len(names))})",
            (row_id, *values.values()),
        )
    except sqlite3.IntegrityError:
        return False
    return True


def _insert_collection(db: sqlite3.Connection, collection_id: int, name: str) -> None:
    """A collection for salvaged excerpts whose collection row was lost."""
    fallback = f"{RECOVERED_COLLECTION} {collection_id}"
    now = datetime.now(UTC).isoformat(timespec="seconds")
    for candidate in dict.fromkeys([name.strip(), fallback, f"{fallback} {uuid.uuid4().hex[:6]}"]):
        values = {"name": candidate, "position": collection_id, "created": now, "deleted": 0}
        if candidate and _insert(db, "collections", collection_id, values):
            return


# ---------------------------------------------------------------- the message


def recovery_message(
    path: Path, backup: Path, error: object, salvage: Salvage, restored: Restored, *, empty: bool = False
) -> Message:
    """One line: what was wrong, where the old file went, and how much of it came back."""
    shown = {"path": one_line(str(path)), "backup": one_line(str(backup))}
    if empty:
        return message(
            "The excerpt store {path} was empty (0 bytes), as a crash or a sync tool can leave it; it was "
            "moved to {backup}, nothing in it could be recovered, and a new, empty store was started.",
            **shown,
        )
    if "excerpts" not in salvage.tables:
        return message(
            "The excerpt store {path} could not be read ({error}); it was moved to {backup}, nothing in it "
            "could be recovered, and a new, empty store was started.",
            error=one_line_error(error),
            **shown,
        )
    if restored.bookmarks_total:
        return message(
            "The excerpt store {path} was damaged ({error}); it was moved to {backup} and {recovered} of "
            "{total} excerpts and {bookmarks_recovered} of {bookmarks_total} bookmarks were recovered.",
            error=one_line_error(error),
            recovered=restored.excerpts,
            total=restored.excerpts_total,
            bookmarks_recovered=restored.bookmarks,
            bookmarks_total=restored.bookmarks_total,
            **shown,
        )
    return message(
        "The excerpt store {path} was damaged ({error}); it was moved to {backup} and {recovered} of "
        "{total} excerpts were recovered.",
        error=one_line_error(error),
        recovered=restored.excerpts,
        total=restored.excerpts_total,
        **shown,
    )


def move_aside_failed(path: Path, error: OSError) -> Message:
    return message(
        "The excerpt store {path} is damaged and could not be moved aside ({error}); close the other "
        "Archive Viewer windows and start again.",
        path=one_line(str(path)),
        error=one_line_error(error.strerror or error),
    )


# ---------------------------------------------------------------- the store's lock


@contextlib.contextmanager
def store_lock(lock_file: Path, timeout: float = LOCK_TIMEOUT) -> Iterator[None]:
    """Hold the store's OS lock while its file is made or replaced (see viewer.core.file_lock)."""
    with held(lock_file, timeout):
        yield
