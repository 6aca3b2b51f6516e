"""atomic_open replaces only a regular file or a new path, and writes through symbolic links.

os.replace swaps whatever the path names for the temp file: as root an export to /dev/full replaced the
device with a file, and a link became a file while the file it pointed at kept the old text.
"""

from __future__ import annotations

import contextlib
import errno
import os
import socket
import stat
from collections.abc import Iterator
from pathlib import Path

import pytest

from viewer.core.atomic import NotAFileError, atomic_open, atomic_write_bytes, atomic_write_text
from viewer.settings import Settings

pytestmark = pytest.mark.skipif(os.name != "posix", reason="POSIX links, FIFOs, devices and modes")


@pytest.fixture
def umask_027() -> Iterator[int]:
    old = os.umask(0o027)
    try:
        yield 0o027
    finally:
        os.umask(old)


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def _names(folder: Path) -> list[str]:
    """Everything in `folder`, so a leftover temp file shows."""
    return sorted(p.name for p in folder.iterdir())


@contextlib.contextmanager
def _fifo(path: Path) -> Iterator[Path]:
    """A FIFO with a reader held open, so a wrong open() for writing returns instead of hanging the test."""
    os.mkfifo(path)
    reader = os.open(path, os.O_RDONLY | os.O_NONBLOCK)
    try:
        yield path
    finally:
        os.close(reader)


def _char_device(folder: Path) -> Path:
    """A character device to write to: a /dev/null node of our own as root (so a failure cannot take
    the real one), else /dev/null itself (which a non-root user could not replace anyway)."""
    if os.geteuid() != 0:
        return Path("/dev/null")
    node = folder / "null"
    try:
        os.mknod(node, stat.S_IFCHR | 0o666, os.makedev(1, 3))
    except PermissionError:
        pytest.skip("root without CAP_MKNOD")
    return node


# ---------------------------------------------------------------- links are written through


def test_a_link_stays_a_link_and_its_file_gets_the_text_and_keeps_its_mode(
    umask_027: int, tmp_path: Path
) -> None:
    (tmp_path / "real").mkdir()
    (tmp_path / "links").mkdir()
    real = tmp_path / "real" / "notes.txt"
    real.write_text("old")
    real.chmod(0o644)
    inode = real.stat().st_ino
    link = tmp_path / "links" / "notes.txt"
    link.symlink_to(real)

    atomic_write_text(link, "new")

    assert link.is_symlink() and os.readlink(link) == str(real)
    assert real.read_text() == "new" and not real.is_symlink()
    assert _mode(real) == 0o644  # kept, not 0o640 from the umask
    assert real.stat().st_ino != inode  # replaced by a rename, not rewritten in place
    assert _names(tmp_path / "real") == ["notes.txt"] and _names(tmp_path / "links") == ["notes.txt"]


def test_a_chain_of_relative_links_is_followed_to_its_file(tmp_path: Path) -> None:
    for folder in ("a", "b", "c"):
        (tmp_path / folder).mkdir()
    real = tmp_path / "c" / "file.txt"
    real.write_text("old")
    (tmp_path / "b" / "second").symlink_to("../c/file.txt")
    (tmp_path / "a" / "first").symlink_to("../b/second")

    atomic_write_bytes(tmp_path / "a" / "first", b"new")

    assert os.readlink(tmp_path / "a" / "first") == "../b/second"
    assert os.readlink(tmp_path / "b" / "second") == "../c/file.txt"
    assert real.read_bytes() == b"new"
    assert _names(tmp_path / "c") == ["file.txt"]


def test_a_dangling_link_gets_its_file_made_with_the_umask_mode(umask_027: int, tmp_path: Path) -> None:
    (tmp_path / "real").mkdir()
    link = tmp_path / "out.md"
    link.symlink_to(tmp_path / "real" / "out.md")

    atomic_write_text(link, "new")

    assert link.is_symlink()
    assert (tmp_path / "real" / "out.md").read_text() == "new"
    assert _mode(tmp_path / "real" / "out.md") == 0o640
    assert _names(tmp_path / "real") == ["out.md"]


def test_a_dangling_link_into_a_missing_folder_fails_and_makes_nothing(tmp_path: Path) -> None:
    link = tmp_path / "out.md"
    link.symlink_to(tmp_path / "gone" / "out.md")
    with pytest.raises(FileNotFoundError):
        atomic_write_text(link, "new")
    assert link.is_symlink() and _names(tmp_path) == ["out.md"]


def test_a_loop_of_links_fails_and_stays(tmp_path: Path) -> None:
    (tmp_path / "a").symlink_to("b")
    (tmp_path / "b").symlink_to("a")
    with pytest.raises(OSError) as raised:
        atomic_write_text(tmp_path / "a", "new")
    assert raised.value.errno == errno.ELOOP
    assert os.readlink(tmp_path / "a") == "b" and os.readlink(tmp_path / "b") == "a"
    assert _names(tmp_path) == ["a", "b"]


def test_settings_saved_through_a_link_keep_the_link(tmp_path: Path) -> None:
    """Internal stores go through atomic_open too: a settings.json linked from a dotfiles folder."""
    (tmp_path / "dotfiles").mkdir()
    real = tmp_path / "dotfiles" / "settings.json"
    real.write_text("{}")
    link = tmp_path / "settings.json"
    link.symlink_to(real)
    Settings(zoom=2).save(link)
    assert link.is_symlink() and Settings.load(real)[0].zoom == 2


# ---------------------------------------------------------------- modes


def test_a_new_path_gets_the_umask_mode(umask_027: int, tmp_path: Path) -> None:
    atomic_write_text(tmp_path / "new.txt", "x")
    assert _mode(tmp_path / "new.txt") == 0o640


def test_replacing_a_file_keeps_its_mode_against_the_umask(umask_027: int, tmp_path: Path) -> None:
    target = tmp_path / "old.txt"
    target.write_text("old")
    target.chmod(0o644)
    atomic_write_text(target, "new")
    assert target.read_text() == "new" and _mode(target) == 0o644


# ---------------------------------------------------------------- what is not a file is refused


def test_a_fifo_is_refused_without_blocking_and_stays(tmp_path: Path) -> None:
    with _fifo(tmp_path / "pipe") as fifo:
        with pytest.raises(NotAFileError) as raised:
            atomic_write_text(fifo, "new")
        assert raised.value.kind == "pipe"
        assert stat.S_ISFIFO(os.lstat(fifo).st_mode)
    assert _names(tmp_path) == ["pipe"]


def test_a_link_to_a_fifo_is_refused(tmp_path: Path) -> None:
    with _fifo(tmp_path / "pipe") as fifo:
        (tmp_path / "link").symlink_to(fifo)
        with pytest.raises(NotAFileError):
            atomic_write_text(tmp_path / "link", "new")
        assert stat.S_ISFIFO(os.lstat(fifo).st_mode) and (tmp_path / "link").is_symlink()
    assert _names(tmp_path) == ["link", "pipe"]


@pytest.mark.skipif(not Path("/proc/self/fd").is_dir(), reason="Linux /proc")
def test_a_pipe_behind_proc_self_fd_is_refused(tmp_path: Path) -> None:
    """/dev/stdout and friends: /proc links that readlink gives as `pipe:[N]`, not as a path."""
    read_end, write_end = os.pipe()
    try:
        with pytest.raises(NotAFileError) as raised:
            atomic_write_text(f"/proc/self/fd/{write_end}", "new")
        assert raised.value.kind == "pipe"
    finally:
        os.close(read_end)
        os.close(write_end)


def test_a_folder_is_refused_and_stays_empty(tmp_path: Path) -> None:
    folder = tmp_path / "folder"
    folder.mkdir()
    (tmp_path / "link").symlink_to(folder)
    for target in (folder, tmp_path / "link"):
        with pytest.raises(NotAFileError) as raised:
            atomic_write_text(target, "new")
        assert raised.value.kind == "folder" and raised.value.errno == errno.EISDIR
    assert folder.is_dir() and _names(folder) == [] and _names(tmp_path) == ["folder", "link"]


def test_a_socket_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "sock"
    with socket.socket(socket.AF_UNIX) as server:
        server.bind(str(path))
        with pytest.raises(NotAFileError) as raised:
            atomic_write_text(path, "new")
        assert raised.value.kind == "socket" and stat.S_ISSOCK(os.lstat(path).st_mode)
    assert _names(tmp_path) == ["sock"]


def test_a_character_device_is_refused_and_stays_a_device(tmp_path: Path) -> None:
    device = _char_device(tmp_path)
    with pytest.raises(NotAFileError) as raised:
        atomic_write_bytes(device, b"new")
    assert raised.value.kind == "device" and stat.S_ISCHR(os.lstat(device).st_mode)
    assert not [p for p in device.parent.iterdir() if p.name.startswith(f".{device.name}.")]


def test_a_fifo_put_in_place_while_writing_is_not_replaced(tmp_path: Path) -> None:
    """The path is looked at again after the (maybe long) write, just before the rename."""
    target = tmp_path / "out.txt"
    target.write_text("old")
    with pytest.raises(NotAFileError), atomic_open(target, "w") as handle:
        handle.write("new")
        target.unlink()
        os.mkfifo(target)
    assert stat.S_ISFIFO(os.lstat(target).st_mode) and _names(tmp_path) == ["out.txt"]
