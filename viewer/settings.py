"""Every user option with its default, in one dataclass; a corrupt file falls back to defaults."""

from __future__ import annotations

import dataclasses
import json
import logging
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from viewer.core.atomic import atomic_write_text

logger = logging.getLogger(__name__)

MAX_RECENT_ARCHIVES = 10


@dataclass
class Settings:
    """User preferences; unknown keys in the file are ignored, bad values fall back to defaults."""

    # Archive and ingest
    last_archive: str = ""
    recent_archives: list[str] = field(default_factory=list)  # newest first (File → Recent archives)
    max_file_mb: int = 64  # larger files are reported, not read (DEFAULT_MAX_FILE_BYTES in ingest)
    # Reading
    language: str = "system"  # "system", "zh_CN" or "en"
    theme: str = "system"  # "system", "light" or "dark"
    variant: str = "auto"  # "auto", "t2s", "s2t", "s2tw", "s2hk", "s2twp"
    original_side: str = "left"  # where the original text stands: "left" or "right"
    single_pane: bool = False
    show_raw: bool = False
    zoom: int = 0  # points added to the base font size
    line_spacing: int = 150  # percent
    font_simplified: str = ""
    font_traditional: str = ""
    # Session state
    window_geometry: str = ""  # base64 of QMainWindow.saveGeometry()
    window_state: str = ""  # base64 of QMainWindow.saveState()
    open_document: str = ""
    scroll_paragraph: int = 0
    query_history: list[str] = field(default_factory=list)
    # Search and excerpts
    search_engine: str = "tantivy"  # or "whoosh": the fallback, also used where tantivy is missing
    # Per archive folder, the search cluster it is searched on ("HOST:PORT[,…]"; README: search cluster)
    archive_servers: dict[str, str] = field(default_factory=dict)
    tree_grouping: str = ""  # "folders" or "kinds"; "" lets the tree choose (folders when there are any)
    sort: str = "relevance"
    citation_style: str = "gbt7714"
    excerpt_script: str = "original"
    current_collection: str = ""

    def remember_archive(self, folder: str) -> None:
        """Put `folder` first among the recent archives (once; at most MAX_RECENT_ARCHIVES)."""
        self.recent_archives = [folder] + [f for f in self.recent_archives if f != folder]
        del self.recent_archives[MAX_RECENT_ARCHIVES:]

    def servers_for(self, archive: Path) -> str:
        """The search cluster remembered for this archive folder ("": it is searched locally)."""
        return self.archive_servers.get(os.path.abspath(archive), "")

    def remember_servers(self, archive: Path, servers: str) -> None:
        if servers:
            self.archive_servers[os.path.abspath(archive)] = servers
        else:
            self.archive_servers.pop(os.path.abspath(archive), None)

    @property
    def max_file_bytes(self) -> int:
        return self.max_file_mb * 1024 * 1024

    @classmethod
    def load(cls, path: Path) -> tuple[Settings, str | None]:
        """Read settings; return defaults and a warning if the file is unreadable or corrupt."""
        try:
            raw = json.loads(path.read_text(encoding="utf-8"))
            if not isinstance(raw, dict):
                raise ValueError("top level is not an object")
        except FileNotFoundError:
            return cls(), None
        except OSError as exc:  # the caller says it, once
            return cls(), f"Settings file {path} is unreadable ({exc.strerror or exc}); using defaults."
        except ValueError as exc:
            return cls(), f"Settings file {path} is unreadable ({exc}); using defaults."
        return cls.from_dict(raw), None

    @classmethod
    def from_dict(cls, raw: dict[str, Any]) -> Settings:
        """Take each known key whose value has the default's type; ignore the rest."""
        settings = cls()
        for f in dataclasses.fields(cls):
            if f.name not in raw:
                continue
            value = raw[f.name]
            default = getattr(settings, f.name)
            if type(value) is type(default):
                setattr(settings, f.name, value)
            else:
                logger.warning("Ignoring setting %s=%r (expected %s)", f.name, value, type(default).__name__)
        return settings

    def save(self, path: Path) -> None:
        """Write atomically, so a crash mid-save keeps the previous settings."""
        atomic_write_text(path, json.dumps(dataclasses.asdict(self), ensure_ascii=False, indent=2))
