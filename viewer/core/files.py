"""Adding files to an archive folder: what the window's Add Files and drop do, without Qt."""

from __future__ import annotations

import os
import shutil
import stat
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from viewer.core.scan import DOCUMENT_SUFFIXES, inside
from viewer.paths import bundled_archive

ACCEPTED_SUFFIXES = DOCUMENT_SUFFIXES  # text files, web pages, PDF, DOCX, EPUB (what the scan reads)


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
            shutil.copytree(archive, target, ignore=_unreadable_in(archive))
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


def _unreadable_in(archive: Path) -> Callable[[str, list[str]], set[str]]:
    """What the copy of an archive leaves out: what the scan would not read either (scan.py): special
    files (copying a named pipe blocks), links that leave the archive folder (their targets'
    contents would otherwise become files of the copy, and documents) and folder links back up."""
    real_root = os.path.realpath(archive)

    def ignore(directory: str, names: list[str]) -> set[str]:
        left_out = set()
        for name in names:
            path = os.path.join(directory, name)
            try:
                mode = os.lstat(path).st_mode
                if stat.S_ISLNK(mode):
                    target = os.path.realpath(path)
                    mode = os.stat(path).st_mode
                    if not inside(target, real_root) or (
                        stat.S_ISDIR(mode) and inside(os.path.realpath(directory), target)
                    ):  # leaves the archive, or a folder link back up (a copy without end)
                        left_out.add(name)
                        continue
            except OSError:
                left_out.add(name)  # a broken link or a loop: nothing to copy
                continue
            if not (stat.S_ISREG(mode) or stat.S_ISDIR(mode)):
                left_out.add(name)
        return left_out

    return ignore
