"""An OS lock on a file, held for a block: the OS releases it if the holder dies, so a kill never
leaves a stale lock (the index's writer and the excerpt store's repair use it)."""

from __future__ import annotations

import contextlib
import os
import time
from collections.abc import Iterator
from pathlib import Path
from typing import IO


class LockTimeout(OSError):
    """Another process held the lock for longer than the caller would wait."""


@contextlib.contextmanager
def held(lock_file: Path, timeout: float, *, poll: float = 0.05) -> Iterator[IO[bytes]]:
    """Hold an exclusive lock on `lock_file` (created if needed); LockTimeout after `timeout` s."""
    handle = open(lock_file, "a+b")  # noqa: SIM115 (held for the whole block)
    try:
        deadline = time.monotonic() + timeout
        while not _try_lock(handle):
            if time.monotonic() > deadline:
                raise LockTimeout(f"{lock_file} is held by another process")
            time.sleep(poll)
        try:
            yield handle
        finally:
            _unlock(handle)
    finally:
        handle.close()


def _try_lock(handle: IO[bytes]) -> bool:
    """Lock without waiting: msvcrt's byte-range lock on Windows, flock elsewhere."""
    try:
        if os.name == "nt":
            import msvcrt

            handle.seek(0)
            msvcrt.locking(handle.fileno(), msvcrt.LK_NBLCK, 1)  # type: ignore[attr-defined]
        else:
            import fcntl

            fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        return False
    return True


def _unlock(handle: IO[bytes]) -> None:
    with contextlib.suppress(OSError):
        if os.name == "nt":
            import msvcrt

            handle.seek(0)
            msvcrt.locking(handle.fileno(), msvcrt.LK_UNLCK, 1)  # type: ignore[attr-defined]
        else:
            import fcntl

            fcntl.flock(handle.fileno(), fcntl.LOCK_UN)
