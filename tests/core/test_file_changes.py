"""A file written to while it is read (issue 11 item 9): read again, never stored half old, half new."""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO

import pytest

from viewer.core import ingest, scan
from viewer.core.archive_update import open_archive, refresh
from viewer.core.decode import UndecodableError
from viewer.core.scan import SourceFile

FIRST = "第一版：区域合作\n" * 200
SECOND = "第二版：協同發展\n" * 300


class AppendingReader:
    """A file handle whose read() returns the bytes, then has the file rewritten on disk (as a sync
    tool or an editor saving would, between the read and the end of the ingest)."""

    def __init__(self, handle: BinaryIO, path: str, changes: list[str]) -> None:
        self._handle, self._path, self._changes = handle, path, changes

    def read(self) -> bytes:
        data = self._handle.read()
        if self._changes:
            with open(self._path, "a", encoding="utf-8") as out:
                out.write(self._changes.pop(0))
            st = os.stat(self._path)
            os.utime(self._path, ns=(st.st_atime_ns, st.st_mtime_ns + 1_000_000))
        return data

    def fileno(self) -> int:
        return self._handle.fileno()


@pytest.fixture
def changing(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Texts appended to the file during successive reads (one per read, while any are left)."""
    changes: list[str] = []
    original = scan.open_regular

    @contextlib.contextmanager
    def open_changing(path: str) -> Iterator[tuple[AppendingReader, os.stat_result]]:
        with original(path) as (handle, st):
            yield AppendingReader(handle, path, changes), st

    monkeypatch.setattr(ingest, "open_regular", open_changing)
    return changes


def test_a_file_changed_during_its_read_is_read_again(tmp_path: Path, changing: list[str]) -> None:
    path = tmp_path / "a.txt"
    path.write_text(FIRST, encoding="utf-8")
    changing.append(SECOND)

    loaded = ingest.load_file(SourceFile(str(path), "a.txt"))

    assert loaded.text == FIRST + SECOND  # the second, steady read
    assert loaded.size == len((FIRST + SECOND).encode())
    assert loaded.mtime == os.stat(path).st_mtime


def test_a_file_that_keeps_changing_is_reported_and_read_at_the_next_update(
    tmp_path: Path, changing: list[str]
) -> None:
    archive, index_dir = tmp_path / "archive", tmp_path / "index"
    archive.mkdir()
    (archive / "steady.txt").write_text("不变的文件：明月\n", encoding="utf-8")
    busy = archive / "busy.txt"
    busy.write_text(FIRST, encoding="utf-8")
    changing.extend([SECOND] * (ingest.READ_ATTEMPTS * 2))  # more than one file's attempts

    with pytest.raises(UndecodableError, match="changed while it was being read"):
        ingest.load_file(SourceFile(str(busy), "busy.txt"))

    changing.clear()
    changing.extend([SECOND] * ingest.READ_ATTEMPTS)
    refresh(archive, index_dir)
    opened = open_archive(archive, index_dir)
    try:
        problems = {p.source: str(p.reason) for p in opened.problems}
        assert "changed while it was being read" in problems.get("busy.txt", "")
        assert [d.source for d in opened.documents] == ["steady.txt"]
    finally:
        opened.catalogue.close()

    refresh(archive, index_dir)  # nothing writes now: the next update reads it whole
    opened = open_archive(archive, index_dir)
    try:
        doc = next(d for d in opened.documents if d.source == "busy.txt")
        stored = opened.catalogue.document(doc.id)
        assert stored is not None
        on_disk = busy.read_text(encoding="utf-8")
        assert [p.text for p in stored.paragraphs] == on_disk.split()
        assert stored.size == len(on_disk.encode())
        assert "busy.txt" not in {p.source for p in opened.problems}
    finally:
        opened.catalogue.close()
