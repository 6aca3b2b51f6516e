"""The bundled archive's search index, built when packaging and copied to the user on first run.

Installed apps ship `prebuilt-index/` next to `seeds/` (see packaging/build.py), so the first search
after install needs no indexing. The hook for whoever opens an index:

    index_dir = paths.index_dir(archive)
    install_prebuilt_index(index_dir, archive)   # no-op unless archive is the bundled one and
    archive = open_archive(archive, index_dir)   # index_dir does not exist yet

The copy is an ordinary archive directory (catalogue and index, same layouts as any other), so the
usual checks still apply: files whose dates differ are hashed, found the same, and not read again.
"""

from __future__ import annotations

import logging
import os
import shutil
from pathlib import Path

from viewer.paths import bundled_archive, bundled_root

logger = logging.getLogger(__name__)

PREBUILT_DIRNAME = "prebuilt-index"


def prebuilt_index_dir() -> Path:
    """Where the shipped index lives: next to the bundled archive."""
    return bundled_root() / PREBUILT_DIRNAME


def install_prebuilt_index(index_dir: Path, archive: Path) -> bool:
    """Copy the shipped index to `index_dir` if `archive` is the bundled one and none exists yet.

    Returns True when it copied. Never raises for a missing or unreadable prebuilt index: the
    caller then indexes as usual.
    """
    source = prebuilt_index_dir()
    if index_dir.exists() or not source.is_dir():
        return False
    try:
        if Path(archive).resolve() != bundled_archive().resolve():
            return False
        staging = index_dir.with_name(f".{index_dir.name}.prebuilt-tmp")
        shutil.rmtree(staging, ignore_errors=True)
        _copy_writable(source, staging)
        os.replace(staging, index_dir)  # all or nothing: a crash mid-copy leaves no half index
    except OSError as exc:
        logger.warning("could not copy the prebuilt index (%s); indexing instead", exc)
        return False
    logger.info("copied the prebuilt index to %s", index_dir)
    return True


def _copy_writable(source: Path, target: Path) -> None:
    """Copy a tree with default permissions: the installed original may be read-only (root, /opt)."""
    for folder, _dirs, files in os.walk(source):
        destination = target / Path(folder).relative_to(source)
        destination.mkdir(parents=True, exist_ok=True)
        for name in files:
            shutil.copyfile(Path(folder) / name, destination / name)


def build_prebuilt_index(archive_dir: Path, out_dir: Path, engine: str = "tantivy") -> str:
    """Read and index `archive_dir` into `out_dir` (packaging time); returns a one-line summary."""
    from viewer.core.archive_update import refresh

    shutil.rmtree(out_dir, ignore_errors=True)
    out_dir.parent.mkdir(parents=True, exist_ok=True)
    stats = refresh(archive_dir, out_dir, engine=engine, rebuild=True)
    seconds = stats.catalogue.seconds + (stats.index.seconds if stats.index else 0.0)
    return f"{stats.catalogue.added} documents read and indexed in {seconds:.2f} s"
