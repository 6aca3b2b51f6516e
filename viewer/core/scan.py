"""Finding an archive's files: a walk of the folder that reads no file (stat only), fast enough to run
at every start. Kept apart from ingest so that checking for changes imports no repair or structure code.
"""

from __future__ import annotations

import errno
import os
from dataclasses import dataclass
from pathlib import Path

from viewer.core.documents import IngestProblem
from viewer.errors import ArchiveNotFound, message

TEXT_SUFFIXES = frozenset({".txt", ".md"})
DEFAULT_MAX_FILE_BYTES = 64 * 1024 * 1024  # larger files are reported, not read (max_file_mb setting)
_SUFFIXES = tuple(TEXT_SUFFIXES)


@dataclass(frozen=True)
class SourceFile:
    """A candidate file found in the archive folder."""

    path: str  # real file-system path (may hold undecodable bytes as surrogates)
    source: str  # display-safe, archive-relative, POSIX separators
    size: int = -1  # as the scan saw it (-1: not looked at)
    mtime: float = 0.0


def display_safe(name: str) -> str:
    """File names with bytes that are not UTF-8 still print: undecodable bytes become U+FFFD."""
    return name.encode("utf-8", "surrogateescape").decode("utf-8", "replace")


def scan_archive(
    root: Path, folders: dict[str, int] | None = None
) -> tuple[list[SourceFile], list[IngestProblem]]:
    """Every .txt/.md file under `root` (following links, each real folder once), plus problems.

    `folders`, when given, receives each folder walked with its modification time (ns): see
    folders_unchanged."""
    root = Path(root)
    if not root.is_dir():
        raise ArchiveNotFound(f"Archive folder not found: {root}")
    files: list[SourceFile] = []
    problems: list[IngestProblem] = []
    seen_dirs: set[tuple[int, int]] = set()

    def walk(directory: str, rel: str) -> None:
        try:
            st = os.stat(directory)
        except OSError as exc:
            problems.append(
                IngestProblem(display_safe(rel or "."), f"folder cannot be read ({exc.strerror})")
            )
            return
        key = (st.st_dev, st.st_ino)
        if key in seen_dirs:
            problems.append(
                IngestProblem(display_safe(rel), "symbolic link loop (folder already visited); skipped")
            )
            return
        seen_dirs.add(key)
        if folders is not None:
            folders[rel] = st.st_mtime_ns
        try:
            entries = sorted(os.scandir(directory), key=lambda e: e.name)
        except OSError as exc:
            problems.append(
                IngestProblem(display_safe(rel or "."), f"folder cannot be read ({exc.strerror})")
            )
            return
        for entry in entries:
            if entry.name.startswith("."):
                continue
            entry_rel = f"{rel}/{entry.name}" if rel else entry.name
            try:
                is_dir = entry.is_dir(follow_symlinks=True)
                is_file = entry.is_file(follow_symlinks=True)
            except OSError as exc:
                problems.append(IngestProblem(display_safe(entry_rel), _os_reason(exc)))
                continue
            if is_dir:
                walk(entry.path, entry_rel)
                continue
            if not entry.name.lower().endswith(_SUFFIXES):
                continue
            if is_file:
                try:
                    st = entry.stat()
                except OSError as exc:
                    problems.append(IngestProblem(display_safe(entry_rel), _os_reason(exc)))
                    continue
                files.append(SourceFile(entry.path, display_safe(entry_rel), st.st_size, st.st_mtime))
            elif entry.is_symlink():
                problems.append(IngestProblem(display_safe(entry_rel), _broken_link_reason(entry.path)))

    walk(os.fspath(root), "")
    return files, problems


def _broken_link_reason(path: str) -> str:
    try:
        os.stat(path)
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            return _os_reason(exc)
        return message("broken symbolic link ({error}); skipped", error=exc.strerror or str(exc))
    return message("not a regular file; skipped")


def _os_reason(exc: OSError) -> str:
    if exc.errno == errno.ELOOP:
        return message("symbolic link loop; skipped")
    return message("cannot be read ({error})", error=exc.strerror or str(exc))


def folders_unchanged(root: Path, folders: dict[str, int]) -> bool:
    """Whether every folder of the last scan is still there with the same modification time.

    A folder's time changes when a file is added, removed or renamed in it, so this notices those
    without listing or stat-ing any file (~10 ms for 87,000 files in 1,300 folders, against ~1 s for
    a full scan). It does not notice a file edited in place: the full scan (sync) does.
    """
    if not folders:
        return False
    base = os.fspath(root)
    for rel, mtime in folders.items():
        try:
            if os.stat(os.path.join(base, rel) if rel else base).st_mtime_ns != mtime:
                return False
        except OSError:
            return False
    return True
