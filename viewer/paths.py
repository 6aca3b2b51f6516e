"""Every directory the app writes to, in one place, so nothing is ever written next to the program."""

from __future__ import annotations

import hashlib
import os
import sys
from dataclasses import dataclass
from pathlib import Path

import platformdirs

APP_NAME = "archive-viewer"
HOME_ENV = "ARCHIVE_VIEWER_HOME"


def bundled_root() -> Path:
    """Where read-only program data lives: the source tree, or the PyInstaller bundle."""
    frozen_root = getattr(sys, "_MEIPASS", None)
    if frozen_root:
        return Path(frozen_root)
    return Path(__file__).resolve().parent.parent


def program_dir() -> Path:
    """The folder holding the program: the frozen executable's, or the source tree."""
    if getattr(sys, "frozen", False):
        return Path(sys.executable).resolve().parent
    return bundled_root()


def bundled_archive() -> Path:
    """The archive shipped with the app (the seeds)."""
    return bundled_root() / "seeds"


def resources_dir() -> Path:
    """Icons, fonts and translations shipped with the app."""
    return bundled_root() / "resources"


@dataclass(frozen=True)
class DataPaths:
    """The user's writable directories: settings, excerpts and one index per archive."""

    root: Path

    @classmethod
    def resolve(cls, data_dir: str | os.PathLike[str] | None = None, *, portable: bool = False) -> DataPaths:
        """--data-dir wins, then --portable, then $ARCHIVE_VIEWER_HOME, then the platform's user data dir."""
        if data_dir:
            return cls(Path(data_dir).expanduser().resolve())
        if portable:  # only when the user asks: the program's folder may be read-only
            return cls(program_dir() / "data")
        env = os.environ.get(HOME_ENV)
        if env:
            return cls(Path(env).expanduser().resolve())
        return cls(Path(platformdirs.user_data_dir(APP_NAME, appauthor=False)))

    @property
    def settings_file(self) -> Path:
        return self.root / "settings.json"

    @property
    def excerpts_db(self) -> Path:
        return self.root / "excerpts.sqlite3"

    @property
    def log_file(self) -> Path:
        """Details of problems (tracebacks) for a bug report; the About dialog names it."""
        return self.root / "logs" / "archive-viewer.log"

    @property
    def indexes_dir(self) -> Path:
        return self.root / "indexes"

    def index_dir(self, archive: Path) -> Path:
        """One index per archive folder, keyed by its absolute path.

        The key is the path's bytes (os.fsencode: the UTF-8 of a valid path, as before, so existing
        index folders keep their names; an archive folder named with bytes that are not UTF-8 works
        too). The readable part of the name has such bytes replaced: the search engines take only
        valid UTF-8 paths, and the hash already tells the archives apart."""
        resolved = str(Path(archive).expanduser().resolve())
        digest = hashlib.sha1(os.fsencode(resolved)).hexdigest()[:16]
        name = os.fsencode(Path(resolved).name).decode("utf-8", "replace")
        return self.indexes_dir / f"{name or 'root'}-{digest}"

    def ensure(self) -> DataPaths:
        """Create the root directory (and nothing else) so callers can write into it."""
        self.root.mkdir(parents=True, exist_ok=True)
        return self
