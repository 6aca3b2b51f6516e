"""Atomic file writes, so a crash never leaves a half-written file the user would miss."""

from __future__ import annotations

import contextlib
import errno
import os
import secrets
import stat
import zlib
from collections.abc import Iterator
from pathlib import Path
from typing import IO, Any

MAX_LINKS = 40  # symbolic links followed for one path, as Linux allows (MAXSYMLINKS)


class NotAFileError(OSError):
    """The path is a folder, device, pipe or socket: replacing it with a file would destroy it."""

    def __init__(self, path: str, kind: str) -> None:
        super().__init__(
            errno.EISDIR if kind == "folder" else errno.EINVAL, f"it is a {kind}, not a file", path
        )
        self.kind = kind  # folder, device, pipe, socket, link or special file


@contextlib.contextmanager
def atomic_open(path: str | os.PathLike[str], mode: str = "w", **kwargs: Any) -> Iterator[IO[Any]]:
    """Write to a temp file beside `path`, fsync it, then os.replace it over `path`.

    Only a regular file or a new path is replaced; anything else raises NotAFileError before anything
    is written, since os.replace would swap a device, pipe or socket for a file (as root, /dev/full).
    A symbolic link is written through: the file at the end of its chain is replaced, in that file's
    folder, so the link stays a link (a dangling one gets its file made).
    The new file gets the mode a plain open() would give it (0o666 less the umask), or the mode of the
    file it replaces: mkstemp's private 0600 would make every export unreadable to the user's group.
    """
    target = Path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    existing = _regular_or_new(target, follow=True)  # follows /proc/self/fd links that readlink cannot
    final = _end_of_links(target)
    fd, tmp = _create_temp(final, None if existing is None else stat.S_IMODE(existing.st_mode))
    try:
        with open(fd, mode, **kwargs) as handle:
            yield handle
            handle.flush()
            os.fsync(handle.fileno())
        # Look again: the caller's writing may have taken long. A device, pipe or socket put at `final`
        # between this look and the rename is still replaced (a folder makes the rename fail): no
        # portable rename refuses them. Links changed meanwhile are not followed again.
        _regular_or_new(final, follow=False)
        os.replace(tmp, final)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
    _fsync_dir(final.parent)


def _regular_or_new(path: Path, *, follow: bool) -> os.stat_result | None:
    """The status of the regular file at `path`, None if nothing is there; anything else is refused."""
    try:
        status = os.stat(path, follow_symlinks=follow)
    except FileNotFoundError:
        return None
    if not stat.S_ISREG(status.st_mode):
        raise NotAFileError(str(path), _kind(status.st_mode))
    return status


def _kind(mode: int) -> str:
    """What a path that is not a regular file is, in the words NotAFileError.kind uses."""
    if stat.S_ISDIR(mode):
        return "folder"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "device"
    if stat.S_ISFIFO(mode):
        return "pipe"
    if stat.S_ISSOCK(mode):
        return "socket"
    if stat.S_ISLNK(mode):
        return "link"
    return "special file"


def _end_of_links(path: Path) -> Path:
    """Where the chain of symbolic links at `path` ends (the path itself if it is no link).

    Only the last part is followed: a linked folder on the way is the same folder to the rename.
    """
    for _ in range(MAX_LINKS):
        try:
            link = os.readlink(path)
        except OSError:  # not a link, or not there
            return path
        path = path.parent / link  # relative to the link's folder; an absolute link replaces it all
    raise OSError(errno.ELOOP, os.strerror(errno.ELOOP), str(path))


def _create_temp(target: Path, keep: int | None) -> tuple[int, str]:
    """A new temp file beside `target`, created with 0o666 so the kernel applies the umask as for any file.

    `keep` is the mode of the file it will replace, if any.
    """
    flags = os.O_RDWR | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0) | getattr(os, "O_NOINHERIT", 0)
    for _ in range(100):
        tmp = str(target.parent / f".{target.name}.{secrets.token_hex(6)}.tmp")
        try:
            fd = os.open(tmp, flags, 0o666)
        except FileExistsError:
            continue
        if keep is not None and os.name == "posix":
            try:
                os.fchmod(fd, keep)  # replacing a file keeps its permissions, as editors do
            except OSError:
                os.close(fd)
                os.unlink(tmp)
                raise
        return fd, tmp
    raise FileExistsError(f"No free temporary name beside {target}")


def atomic_write_text(path: str | os.PathLike[str], text: str, encoding: str = "utf-8") -> None:
    """Replace `path` with `text` atomically."""
    with atomic_open(path, "w", encoding=encoding, newline="") as handle:
        handle.write(text)


def atomic_write_bytes(path: str | os.PathLike[str], data: bytes) -> None:
    """Replace `path` with `data` atomically."""
    with atomic_open(path, "wb") as handle:
        handle.write(data)


def _fsync_dir(directory: Path) -> None:
    """Make the rename itself durable where the platform allows it."""
    if os.name != "posix":
        return
    with contextlib.suppress(OSError):
        fd = os.open(directory, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def file_crc(path: Path) -> int:
    """CRC-32 of a file, read in 1 MB pieces: what the index records to notice damage later."""
    crc = 0
    with open(path, "rb") as handle:
        while chunk := handle.read(1 << 20):
            crc = zlib.crc32(chunk, crc)
    return crc
