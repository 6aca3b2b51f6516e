"""A damaged or emptied excerpt store is backed up beside itself, and every row still readable in it is
carried into the new store with its id; the user gets one line saying where the old file went and how
many excerpts came back. Real SQLite files, damaged the way crashes and sync tools damage them."""

from __future__ import annotations

import os
import random
import re
import shutil
import sqlite3
import subprocess
import sys
import time
from dataclasses import replace
from pathlib import Path

import pytest

from tests.conftest import REPO
from tests.core.excerpt_samples import yearbook_doc
from viewer.core.bookmarks import make_bookmark
from viewer.core.excerpts import ExcerptStore, make_excerpt
from viewer.core.sqlite_salvage import read_tables
from viewer.core.store_salvage import RECOVERED_COLLECTION, store_lock

MARK = "MARK{:05d}"  # in each excerpt's note: finds the page the excerpt's row is on


def _fill(path: Path, count: int) -> ExcerptStore:
    """A store with `count` excerpts over two collections (one reordered, some deleted, notes and
    tags), three bookmarks (one removed); closed, so the whole store is in the one file."""
    doc = yearbook_doc()
    store = ExcerptStore(path)
    second = store.create_collection("论文一")
    for i in range(count):
        para = doc.paragraphs[3 + i % 4]
        excerpt = make_excerpt(doc, para.id, 0, None, min(len(para.text), 4 + i % 9), tags=[f"标签{i % 3}"])
        target = second.id if i % 3 == 0 else None
        saved = store.add(replace(excerpt, note=f"{MARK.format(i + 1)} 注释{i}"), target)
        assert saved.id == i + 1
    store.move(count, 0)  # the last one first in its collection
    store.delete([4, count // 2 + 1])
    for para in doc.paragraphs[2:5]:
        store.bookmarks.add(make_bookmark(doc, para.id, note=f"书签{para.ordinal}"))
    store.bookmarks.remove([store.bookmarks.list()[1].id])
    store.close()
    assert not Path(f"{path}-wal").exists()
    return store


def _snapshot(path: Path) -> dict[str, list[tuple]]:
    """Every row of every table, as SQLite returns it (what must come back)."""
    db = sqlite3.connect(path)
    try:
        return {
            table: db.execute(f"SELECT * FROM {table} ORDER BY id").fetchall()
            for table in ("collections", "excerpts", "bookmarks")
        }
    finally:
        db.close()


def _live(snapshot: dict[str, list[tuple]], table: str) -> list[int]:
    """Ids of the rows not deleted (the deleted flag is every table's last column)."""
    return [row[0] for row in snapshot[table] if not row[-1]]


def _page_size(path: Path) -> int:
    size = int.from_bytes(path.read_bytes()[16:18], "big")
    return 65536 if size == 1 else size


def _excerpt_pages(path: Path) -> dict[int, set[int]]:
    """Page number -> the ids of the excerpts stored on it (found by the marks in their notes)."""
    data, size = path.read_bytes(), _page_size(path)
    pages: dict[int, set[int]] = {}
    for match in re.finditer(rb"MARK(\d{5})", data):
        pages.setdefault(match.start() // size + 1, set()).add(int(match.group(1)))
    return pages


def _damage_page(path: Path, page: int, filler: bytes) -> None:
    size = _page_size(path)
    data = bytearray(path.read_bytes())
    data[(page - 1) * size : page * size] = (filler * size)[:size]
    path.write_bytes(bytes(data))


def _backups(path: Path) -> list[Path]:
    return sorted(
        p
        for p in path.parent.iterdir()
        if p.name.startswith(f"{path.name}.corrupt-") and not p.name.endswith(("-wal", "-shm"))
    )


def _one_line(text: str) -> bool:
    return "\n" not in text and "\r" not in text


# ---------------------------------------------------------------- (a) emptied


def test_store_truncated_to_zero_bytes_is_backed_up_and_reported(tmp_path: Path) -> None:
    path = tmp_path / "excerpts.sqlite3"
    _fill(path, 5)
    path.write_bytes(b"")  # what a crash mid-sync leaves
    with ExcerptStore(path) as store:
        assert store.recovered is not None
        said = str(store.recovered)
        assert store.list() == []  # a 0-byte file holds nothing to salvage
    (backup,) = _backups(path)
    assert backup.stat().st_size == 0
    assert said.startswith(f"The excerpt store {path} was empty (0 bytes)")
    assert f"moved to {backup}" in said and "nothing in it could be recovered" in said
    assert _one_line(said)
    with ExcerptStore(path) as store:  # and the new store is a sound one
        assert store.recovered is None and _backups(path) == [backup]


def test_zero_byte_store_keeps_its_write_ahead_log(tmp_path: Path) -> None:
    """SQLite deletes the log beside a 0-byte file; the log may hold every recent change."""
    live = tmp_path / "live" / "excerpts.sqlite3"
    _fill(live, 3)
    store = ExcerptStore(live)
    store.update(1, note="最近的修改")  # in the log until a checkpoint
    path = tmp_path / "excerpts.sqlite3"
    for suffix in ("", "-wal"):
        shutil.copyfile(f"{live}{suffix}", f"{path}{suffix}")
    store.close()
    log = Path(f"{path}-wal").read_bytes()
    assert log
    path.write_bytes(b"")
    with ExcerptStore(path) as reopened:
        assert reopened.recovered is not None and "was empty (0 bytes)" in str(reopened.recovered)
    (backup,) = _backups(path)
    assert Path(f"{backup}-wal").read_bytes() == log


# ---------------------------------------------------------------- (b) a damaged page


@pytest.mark.parametrize(
    ("which", "filler"),
    [
        ("first", b"\x00"),
        ("middle", bytes(random.Random(7).randrange(1, 256) for _ in range(997))),
        ("last", b"\xff"),
    ],
)
def test_rows_on_readable_pages_are_salvaged_with_their_ids(
    tmp_path: Path, which: str, filler: bytes
) -> None:
    path = tmp_path / "excerpts.sqlite3"
    _fill(path, 150)
    before = _snapshot(path)
    pages = _excerpt_pages(path)
    assert len(pages) >= 5  # the table spans many pages
    order = sorted(pages, key=lambda page: min(pages[page]))
    bad = order[{"first": 0, "middle": len(order) // 2, "last": -1}[which]]
    lost = pages[bad]
    _damage_page(path, bad, filler)
    damaged = path.read_bytes()

    with ExcerptStore(path) as store:
        assert store.recovered is not None
        said = str(store.recovered)
        assert store.integrity_check() == "ok"
        assert store.collections()[1].name == "论文一"  # collections and their order
        live = [e.id for e in store.list(all_collections=True)]
    after = _snapshot(path)
    # every row not on the damaged page: the same id, collection, position, text, note, tags, deleted flag
    assert after["excerpts"] == [row for row in before["excerpts"] if row[0] not in lost]
    assert after["collections"] == before["collections"]
    assert after["bookmarks"] == before["bookmarks"]
    live_before = _live(before, "excerpts")
    assert sorted(live) == [i for i in live_before if i not in lost]
    bookmarks = len(_live(before, "bookmarks"))
    assert (
        f"{len(live)} of {len(live_before)} excerpts and {bookmarks} of {bookmarks} bookmarks were recovered"
        in said
    )
    (backup,) = _backups(path)
    assert backup.read_bytes() == damaged  # kept as it was: salvage reads a copy
    assert f"moved to {backup}" in said and _one_line(said)


def test_lost_collection_row_is_rebuilt_from_its_index(tmp_path: Path) -> None:
    path = tmp_path / "excerpts.sqlite3"
    _fill(path, 12)
    before = _snapshot(path)
    db = sqlite3.connect(path)
    (root,) = db.execute("SELECT rootpage FROM sqlite_master WHERE name='collections'").fetchone()
    db.close()
    _damage_page(path, root, b"\x00")
    with ExcerptStore(path) as store:
        assert store.recovered is not None
        names = {c.id: c.name for c in store.collections()}
        assert names == {row[0]: row[1] for row in before["collections"]}  # the names the index kept
        assert [row[0] for row in _snapshot(path)["excerpts"]] == [row[0] for row in before["excerpts"]]
    assert "10 of 10 excerpts and 2 of 2 bookmarks were recovered" in str(store.recovered)


def test_unnamed_lost_collection_gets_a_recovered_name(tmp_path: Path) -> None:
    path = tmp_path / "excerpts.sqlite3"
    _fill(path, 6)
    db = sqlite3.connect(path)
    for (name,) in db.execute("SELECT name FROM sqlite_master WHERE tbl_name='collections'").fetchall():
        (root,) = db.execute("SELECT rootpage FROM sqlite_master WHERE name=?", (name,)).fetchone()
        _damage_page(path, root, b"\x00")  # the table and its name index
    db.close()
    with ExcerptStore(path) as store:
        names = sorted(c.name for c in store.collections())
    assert names == [f"{RECOVERED_COLLECTION} 1", f"{RECOVERED_COLLECTION} 2"]


# ---------------------------------------------------------------- (c) a damaged header


def test_store_with_a_garbage_header_is_backed_up_and_read_under_a_rebuilt_one(tmp_path: Path) -> None:
    path = tmp_path / "excerpts.sqlite3"
    _fill(path, 5)
    before = _snapshot(path)
    data = bytearray(path.read_bytes())
    data[:100] = bytes(random.Random(3).randrange(256) for _ in range(100))
    path.write_bytes(bytes(data))
    with ExcerptStore(path) as store:
        assert store.recovered is not None
        said = str(store.recovered)
    (backup,) = _backups(path)
    assert backup.read_bytes() == bytes(data)
    excerpts, bookmarks = len(_live(before, "excerpts")), len(_live(before, "bookmarks"))
    assert (excerpts, bookmarks) == (3, 2)
    assert f"moved to {backup}" in said
    assert (
        f"{excerpts} of {excerpts} excerpts and {bookmarks} of {bookmarks} bookmarks were recovered" in said
    )
    assert _snapshot(path) == before
    assert _one_line(said)


def test_file_that_is_not_sqlite_is_backed_up_and_nothing_is_invented(tmp_path: Path) -> None:
    path = tmp_path / "excerpts.sqlite3"
    path.write_bytes("摘录\n".encode() * 3000)
    with ExcerptStore(path) as store:
        said = str(store.recovered)
        assert store.list() == []
    assert "could not be read" in said and "nothing in it could be recovered" in said and _one_line(said)
    assert _backups(path)[0].read_bytes() == "摘录\n".encode() * 3000


def test_salvage_of_an_unreadable_file_finds_nothing(tmp_path: Path) -> None:
    path = tmp_path / "x.sqlite3"
    path.write_bytes(os.urandom(8192))
    assert not read_tables(path, {"excerpts": ("uid",)}).readable


# ---------------------------------------------------------------- (d) the CLI says it once


def test_cli_warns_once_on_one_line(tmp_path: Path) -> None:
    """`excerpt list` on a damaged store: one warning line on stderr, exit 0, the salvaged list."""
    home = tmp_path / "home"
    path = home / "excerpts.sqlite3"
    _fill(path, 30)
    pages = _excerpt_pages(path)
    bad = sorted(pages, key=lambda page: min(pages[page]))[1]
    _damage_page(path, bad, b"\x00")
    deleted = {4, 16}  # by _fill
    env = {**os.environ, "ARCHIVE_VIEWER_HOME": str(home)}
    cli = [sys.executable, "-m", "viewer", "excerpt", "list"]
    first = subprocess.run(cli, cwd=REPO, env=env, capture_output=True, text=True, timeout=120)
    assert first.returncode == 0, first.stderr
    (line,) = first.stderr.splitlines()  # once, on one line
    found = re.search(
        r"was damaged \(.*\); it was moved to .*\.corrupt-.* and (\d+) of (\d+) excerpts and 2 of 2 bookmarks were recovered\.$",
        line,
    )
    assert found is not None, line
    assert int(found.group(2)) == 30 - len(deleted)
    assert int(found.group(1)) == 30 - len(deleted | pages[bad])
    again = subprocess.run(cli, cwd=REPO, env=env, capture_output=True, text=True, timeout=120)
    assert again.returncode == 0 and again.stderr == ""
    assert first.stdout == again.stdout


# ---------------------------------------------------------------- (e) a healthy store


def test_healthy_store_is_not_touched(tmp_path: Path) -> None:
    path = tmp_path / "excerpts.sqlite3"
    _fill(path, 20)
    before = _snapshot(path)
    with ExcerptStore(path) as store:
        assert store.recovered is None
        store.update(3, note="改")  # left in the log: a process killed now
        with ExcerptStore(path) as other:  # a second window on the same store
            assert other.recovered is None and other.get(3).note == "改"
        shutil.copyfile(path, tmp_path / "copy.sqlite3")
        shutil.copyfile(f"{path}-wal", tmp_path / "copy.sqlite3-wal")
    with ExcerptStore(tmp_path / "copy.sqlite3") as copy:  # a store with a log left by a crash
        assert copy.recovered is None and copy.get(3).note == "改"
    assert _backups(path) == [] and _backups(tmp_path / "copy.sqlite3") == []
    assert len(_snapshot(path)["excerpts"]) == len(before["excerpts"])


# ---------------------------------------------------------------- several processes at once

_WORKER = """
import sys
from viewer.core.excerpts import ExcerptStore
store = ExcerptStore(sys.argv[1])
print(len(store.list(all_collections=True)), "|", store.recovered or "")
"""


def _start_together(path: Path, workers: int) -> list[str]:
    """Start processes that each open `path` while this one holds the store's lock, then let them go."""
    with store_lock(path.with_name(f"{path.name}.lock")):
        procs = [
            subprocess.Popen(
                [sys.executable, "-c", _WORKER, str(path)], cwd=REPO, stdout=subprocess.PIPE, text=True
            )
            for _ in range(workers)
        ]
        time.sleep(1.5)  # they find the file missing or damaged and wait for the lock
    outputs = []
    for proc in procs:
        out, _ = proc.communicate(timeout=120)
        assert proc.returncode == 0
        outputs.append(out.strip())
    return outputs


def test_processes_starting_on_a_damaged_store_salvage_it_once(tmp_path: Path) -> None:
    path = tmp_path / "excerpts.sqlite3"
    _fill(path, 40)
    pages = _excerpt_pages(path)
    bad = sorted(pages)[len(pages) // 2]
    _damage_page(path, bad, b"\x00")
    outputs = _start_together(path, 4)
    assert len(_backups(path)) == 1
    told = [out for out in outputs if out.split("|")[1].strip()]
    assert len(told) == 1 and "excerpts and 2 of 2 bookmarks were recovered" in told[0]
    assert len({out.split("|")[0] for out in outputs}) == 1  # all see the same, salvaged store
    with ExcerptStore(path) as store:
        assert store.recovered is None and len(store.list(all_collections=True)) > 0


def test_processes_creating_a_store_together_never_see_it_damaged(tmp_path: Path) -> None:
    path = tmp_path / "excerpts.sqlite3"
    outputs = _start_together(path, 4)
    assert outputs == ["0 |"] * 4
    assert _backups(path) == []
