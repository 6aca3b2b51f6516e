"""File names that are not UTF-8, special files and links that leave the archive (issue 11 item 5).

On Linux a file name is bytes. b'bad\\xff.txt' and b'bad\\xfe.txt' both showed as bad\ufffd.txt and got
one id, so neither could be opened; a named pipe called x.txt was passed over without a word (and
opening one blocks for ever); a link to /proc/self/status became a document.
"""

from __future__ import annotations

import os
import shutil
import socket
import stat
import sys
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from viewer.core import files as files_module
from viewer.core.archive_update import open_archive
from viewer.core.catalogue import read_raw_text
from viewer.core.decode import UndecodableError
from viewer.core.documents import document_id
from viewer.core.files import add_files_to_archive
from viewer.core.ingest import ingest_archive, load_file
from viewer.core.scan import SourceFile, display_safe, folders_unchanged, real_relative, scan_archive
from viewer.core.sync import sync_catalogue
from viewer.paths import DataPaths

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="POSIX file names, pipes and links")

TEXT = "标题{n}\n\n正文第{n}篇，赤峰合作。\n"
FF, FE = os.fsdecode(b"bad\xff.txt"), os.fsdecode(b"bad\xfe.txt")  # what os.scandir gives for them

# The ids the seeds had before ids were taken from a name's bytes (`archive-viewer list`, commit
# 644cd49): excerpts and bookmarks point to them, so they must never change.
SEED_IDS = {
    "000_7afbcf673c75e218.txt": "b74c2a7fd798",
    "001_8bc3bdda47a0d5aa.txt": "ecd12d5bb6ce",
    "002_e6c407031090df99.txt": "66454fab8d9d",
    "003_75a584e44efd689f.txt": "a3b370cfe1f1",
    "004_190cf7dfcffd7ea5.txt": "d2dabafe1d10",
}


def _write(path: Path | bytes, n: int) -> None:
    with open(path, "wb") as handle:
        handle.write(TEXT.format(n=n).encode("utf-8"))


def _reasons(problems: Any) -> dict[str, str]:
    return {p.source: str(p.reason) for p in problems}


def _within(seconds: float, action: Callable[[], Any], fifo: Path | None = None) -> Any:
    """`action`'s result, or a failed test when it takes longer (a read blocked on a named pipe)."""
    result: list[Any] = []
    errors: list[BaseException] = []

    def run() -> None:
        try:
            result.append(action())
        except BaseException as exc:  # handed to the test
            errors.append(exc)

    worker = threading.Thread(target=run, daemon=True)
    worker.start()
    worker.join(seconds)
    if worker.is_alive():
        if fifo is not None:  # let the blocked open return, so the thread ends
            os.close(os.open(fifo, os.O_WRONLY | os.O_NONBLOCK))
        pytest.fail(f"still running after {seconds} s: blocked opening a named pipe?")
    if errors:
        raise errors[0]
    return result[0]


# ---------------------------------------------------------------- ids


def test_ids_of_valid_names_are_unchanged(seeds_archive) -> None:
    assert {d.source: d.id for d in seeds_archive.documents} == SEED_IDS
    assert document_id("sub/深层/gbk.txt") == "b2ad44b28fa6"
    assert document_id("with space 档案 📜.txt") == "8d18c1154b56"


def test_ids_come_from_the_bytes_of_the_name() -> None:
    assert document_id(FF) != document_id(FE)
    assert display_safe(FF) == "bad\\xff.txt" and display_safe(FE) == "bad\\xfe.txt"
    name = "档案/卷一.txt"
    assert display_safe(name) is name  # valid names are shown, stored and hashed as before
    assert real_relative(display_safe(FF), document_id(FF)) == FF
    literal = "bad\\xff.txt"  # a valid name holding the text \xff: the id tells it from the byte
    assert real_relative(literal, document_id(literal)) == literal
    mixed = os.fsdecode(b"\xff\\xfe\xfd/\\x80.txt")  # bytes and the text of escapes, both
    assert display_safe(mixed) == "\\xff\\xfe\\xfd/\\x80.txt"
    assert real_relative(display_safe(mixed), document_id(mixed)) == mixed


@pytest.fixture
def odd_names(tmp_path: Path) -> Path:
    root = tmp_path / "archive"
    root.mkdir()
    _write(root / FF, 1)
    _write(root / FE, 2)
    folder = root / os.fsdecode(b"\xb5\xb5\xb0\xb8")  # 档案 in GBK, as an old zip leaves it
    folder.mkdir()
    _write(folder / "内.txt", 3)
    return root


def test_two_names_that_are_not_utf8_are_two_documents(odd_names: Path) -> None:
    archive = ingest_archive(odd_names)
    assert archive.problems == []
    by_source = {d.source: d for d in archive.documents}
    assert set(by_source) == {"bad\\xff.txt", "bad\\xfe.txt", "\\xb5\\xb5\\xb0\\xb8/内.txt"}
    assert len({d.id for d in archive.documents}) == 3
    assert "正文第1篇" in by_source["bad\\xff.txt"].text and "正文第2篇" in by_source["bad\\xfe.txt"].text
    for doc in archive.documents:  # found as shown, by id, and by the real name (a command line's)
        assert archive.find(doc.source) is doc and archive.find(doc.id) is doc
    assert archive.find(FF) is by_source["bad\\xff.txt"]
    assert archive.find(FE) is by_source["bad\\xfe.txt"]


def test_the_catalogue_keeps_them_apart_and_reads_their_files(odd_names: Path, tmp_path: Path) -> None:
    archive = open_archive(odd_names, tmp_path / "index")
    catalogue = archive.catalogue
    stats = sync_catalogue(odd_names, catalogue)  # used to fail storing the folder's name
    assert stats.added == 3 and stats.problems == 0
    ff, fe = archive.find(FF), archive.find("bad\\xfe.txt")
    assert ff is not None and fe is not None and ff.id != fe.id
    assert ff.id == document_id(FF)
    assert "正文第1篇" in read_raw_text(odd_names, ff) and "正文第2篇" in read_raw_text(odd_names, fe)
    inner = archive.find("\\xb5\\xb5\\xb0\\xb8/内.txt")
    assert inner is not None and "正文第3篇" in archive.raw_text(archive.document(inner.id))
    assert folders_unchanged(odd_names, catalogue.folder_times())  # the folder's name read back as stored
    assert sync_catalogue(odd_names, catalogue).changed is False
    catalogue.close()


def test_a_valid_name_shown_like_an_escaped_one_is_reported(tmp_path: Path) -> None:
    _write(tmp_path / "bad\\xff.txt", 1)  # the text \xff, four characters
    _write(tmp_path / FF, 2)  # the byte 0xff
    files, problems = scan_archive(tmp_path)
    assert [f.source for f in files] == ["bad\\xff.txt"]
    assert "same name as another file" in _reasons(problems)["bad\\xff.txt"]


# ---------------------------------------------------------------- special files


def test_a_named_pipe_is_reported_and_never_opened(tmp_path: Path) -> None:
    _write(tmp_path / "good.txt", 1)
    fifo = tmp_path / "x.txt"
    os.mkfifo(fifo)
    archive = _within(10, lambda: ingest_archive(tmp_path), fifo)
    assert [d.source for d in archive.documents] == ["good.txt"]
    assert "named pipe" in _reasons(archive.problems)["x.txt"]
    catalogue = open_archive(tmp_path, tmp_path / ".index").catalogue
    stats = _within(10, lambda: sync_catalogue(tmp_path, catalogue), fifo)
    assert stats.added == 1 and "named pipe" in _reasons(catalogue.problems())["x.txt"]
    catalogue.close()


def test_a_pipe_put_in_a_files_place_after_the_scan_is_not_read(tmp_path: Path) -> None:
    fifo = tmp_path / "x.txt"
    os.mkfifo(fifo)
    with pytest.raises(UndecodableError, match="not a regular file"):
        _within(10, lambda: load_file(SourceFile(os.fspath(fifo), "x.txt")), fifo)


def test_a_socket_and_a_device_are_reported(tmp_path: Path) -> None:
    _write(tmp_path / "good.txt", 1)
    server = socket.socket(socket.AF_UNIX)
    server.bind(os.fspath(tmp_path / "s.txt"))
    try:
        os.mknod(tmp_path / "null.txt", stat.S_IFCHR | 0o600, os.makedev(1, 3))
        device = True
    except OSError:  # not allowed here (no CAP_MKNOD)
        device = False
    try:
        archive = ingest_archive(tmp_path)
    finally:
        server.close()
    reasons = _reasons(archive.problems)
    assert [d.source for d in archive.documents] == ["good.txt"]
    assert "socket" in reasons["s.txt"]
    if device:
        assert "device" in reasons["null.txt"]


# ---------------------------------------------------------------- links


@pytest.fixture
def linked(tmp_path: Path) -> Path:
    root = tmp_path / "archive"
    (root / "sub").mkdir(parents=True)
    _write(root / "sub" / "real.txt", 1)
    os.symlink("sub/real.txt", root / "inside.txt")  # a link that stays in: read
    os.symlink("sub", root / "to-sub")  # a folder link that stays in (sub is walked first, once)
    outside = tmp_path / "private"
    outside.mkdir()
    _write(outside / "secret.txt", 2)
    os.symlink(outside / "secret.txt", root / "secret.txt")
    os.symlink("../private", root / "elsewhere")
    if Path("/proc/self/status").exists():
        os.symlink("/proc/self/status", root / "status.txt")
    return root


def test_links_that_leave_the_archive_are_reported_not_read(linked: Path) -> None:
    archive = ingest_archive(linked)
    docs = {d.source: d for d in archive.documents}
    reasons = _reasons(archive.problems)
    assert set(docs) == {"sub/real.txt", "inside.txt"}
    assert "already visited" in reasons["to-sub"]
    assert docs["inside.txt"].text == docs["sub/real.txt"].text
    assert "leaves the archive folder" in reasons["secret.txt"]
    assert "leaves the archive folder" in reasons["elsewhere"]
    if (linked / "status.txt").is_symlink():
        assert "leaves the archive folder" in reasons["status.txt"]
    assert not any("正文第2篇" in d.text or "VmRSS" in d.text for d in archive.documents)


def test_an_archive_reached_through_a_link_still_reads_its_links(linked: Path, tmp_path: Path) -> None:
    os.symlink(linked, tmp_path / "via")
    archive = ingest_archive(tmp_path / "via")
    assert {d.source for d in archive.documents} == {"sub/real.txt", "inside.txt"}
    assert "already visited" in _reasons(archive.problems)["to-sub"]  # not "leaves the archive"


def test_the_copy_of_a_read_only_archive_leaves_out_what_the_scan_refuses(
    linked: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    os.mkfifo(linked / "x.txt")
    monkeypatch.setattr(files_module, "bundled_archive", lambda: linked)  # forces the user copy
    new = tmp_path / "new.txt"
    _write(new, 3)
    added = _within(10, lambda: add_files_to_archive([new], linked, tmp_path / "copy"), linked / "x.txt")
    copy = added.archive
    assert copy == tmp_path / "copy" and (copy / "new.txt").is_file()
    assert (copy / "inside.txt").read_text(encoding="utf-8") == TEXT.format(n=1)
    for name in ("x.txt", "secret.txt", "elsewhere", "status.txt"):
        assert not os.path.lexists(copy / name)
    shutil.rmtree(copy)


# ---------------------------------------------------------------- index folder


def test_index_dir_of_an_archive_named_with_bytes_that_are_not_utf8(tmp_path: Path) -> None:
    paths = DataPaths(Path("/data"))
    # The name an archive's index folder had before (a valid UTF-8 path): kept, so it is found again.
    assert paths.index_dir(Path("/档案/卷一 2023")) == Path("/data/indexes/卷一 2023-f66042c99fb4e179")
    first = paths.index_dir(tmp_path / os.fsdecode(b"\xb5\xb5\xb0\xb8"))
    second = paths.index_dir(tmp_path / os.fsdecode(b"\xb5\xb5\xb0\xb9"))
    assert first != second and first.parent == second.parent == paths.indexes_dir
    first.name.encode("utf-8")  # a name the search engines can take
