"""Adding files to an archive folder: what the window's Add Files and drop do, without Qt."""

from __future__ import annotations

import os
import shutil
from dataclasses import dataclass, field
from pathlib import Path

from viewer.core.scan import TEXT_SUFFIXES
from viewer.paths import bundled_archive

ACCEPTED_SUFFIXES = TEXT_SUFFIXES


@dataclass
class AddedFiles:
    """Where the files went: the archive folder (maybe a new user copy) and the copies made."""

    archive: Path
    copied: list[Path] = field(default_factory=list)


def add_files_to_archive(files: list[Path], archive: Path, user_copy: Path) -> AddedFiles:
    """Copy accepted files into `archive`, never overwriting (name-1.txt, …).

    The bundled archive and read-only folders are not written to: they are first copied to
    `user_copy` (once), and the files go there.
    """
    files = [f for f in files if f.is_file() and f.suffix.lower() in ACCEPTED_SUFFIXES]
    if not files:
        return AddedFiles(archive)
    target = archive
    if target.resolve() == bundled_archive().resolve() or not os.access(target, os.W_OK):
        target = user_copy
        if not target.exists():
            shutil.copytree(archive, target)
    added = AddedFiles(target)
    for source in files:
        destination = target / source.name
        n = 1
        while destination.exists():
            destination = target / f"{source.stem}-{n}{source.suffix}"
            n += 1
        shutil.copy2(source, destination)
        added.copied.append(destination)
    return added
