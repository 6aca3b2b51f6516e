"""Where an archive's catalogue and index live this session: their folder in the data directory, or a
temporary folder when that one cannot be read and written, so the archive is still read and searched."""

from __future__ import annotations

import atexit
import contextlib
import os
import secrets
import shutil
import tempfile
from collections.abc import Callable
from pathlib import Path

from viewer.errors import Message, ViewerError, message
from viewer.paths import DataPaths

TEMP_PREFIX = "archive-viewer-index-"


def unusable_reason(directory: Path) -> str | None:
    """Why `directory` cannot hold a catalogue and an index, or None: a probe file is written in it
    (in its parent, created if needed, when it does not exist yet: the shipped index is copied to a
    new folder only), and every folder and file already in it must be readable and writable."""
    try:
        if not directory.exists():
            directory.parent.mkdir(parents=True, exist_ok=True)
            _probe_write(directory.parent)
            return None
        _probe_write(directory)
        problems: list[OSError] = []
        for folder, _dirs, files in os.walk(directory, onerror=problems.append):
            if not os.access(folder, os.R_OK | os.W_OK | os.X_OK):
                raise PermissionError(13, os.strerror(13), folder)
            for name in files:
                _check_file(os.path.join(folder, name))
        if problems:
            raise problems[0]
    except OSError as exc:
        return _describe(exc, directory)
    return None


def _check_file(path: str) -> None:
    """Raise when `path` cannot be read and written. Windows' os.access sees only the read-only
    attribute, not permissions (ACLs): there the file is opened, which also asks for both."""
    if os.name == "nt":
        with open(path, "r+b"):
            return
    if not os.access(path, os.R_OK | os.W_OK):
        raise PermissionError(13, os.strerror(13), path)


def _probe_write(directory: Path) -> None:
    """Create and remove a file: os.access alone says nothing of a read-only mount on every platform."""
    probe = directory / f".probe-{secrets.token_hex(4)}"
    fd = os.open(probe, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    os.close(fd)
    os.unlink(probe)


def _describe(exc: OSError, directory: Path | None = None) -> str:
    """The OS's words for the failure, and the path it concerns unless that is the folder or a probe."""
    reason = exc.strerror or type(exc).__name__
    path = exc.filename
    if path is None or directory is None or Path(path) == directory or Path(path).name.startswith(".probe-"):
        return reason
    return f"{reason}: {path}"


class IndexPlaces:
    """One index folder per archive for this process: the data directory's, or a temporary one once.

    The temporary folders are removed when the process exits (or at `cleanup`); the next session
    tries the data directory again.
    """

    def __init__(self, paths: DataPaths, warn: Callable[[Message], None]) -> None:
        self._paths = paths
        self._warn = warn
        self._chosen: dict[Path, Path] = {}
        self._temporary: list[Path] = []
        atexit.register(self.cleanup)

    def directory(self, archive: Path) -> Path:
        """The folder for `archive`'s catalogue and index this session (checked on first use)."""
        usual = self._paths.index_dir(archive)
        chosen = self._chosen.get(usual)
        if chosen is None:
            chosen = self._choose(usual)
            self._chosen[usual] = chosen
        return chosen

    def is_temporary(self, directory: Path) -> bool:
        """Whether `directory` is a temporary stand-in (nothing there survives the session)."""
        return directory in self._temporary

    def _choose(self, usual: Path) -> Path:
        reason = unusable_reason(usual)
        if reason is None:
            return usual
        try:
            temporary = Path(tempfile.mkdtemp(prefix=TEMP_PREFIX))
        except OSError as exc:
            raise ViewerError(
                message(
                    "The index folder {folder} cannot be used ({reason}), and no temporary folder can be "
                    "created ({error}).",
                    folder=str(usual),
                    reason=reason,
                    error=_describe(exc),
                )
            ) from exc
        self._temporary.append(temporary)
        self._warn(
            message(
                "The index folder {folder} cannot be used ({reason}); this session keeps the archive's "
                "index in a temporary folder.",
                folder=str(usual),
                reason=reason,
            )
        )
        return temporary

    def cleanup(self) -> None:
        """Remove the temporary folders (their indexes are rebuilt next time)."""
        while self._temporary:
            folder = self._temporary.pop()
            with contextlib.suppress(OSError):
                shutil.rmtree(folder, ignore_errors=True)
