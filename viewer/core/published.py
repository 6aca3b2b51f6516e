"""The catalogue an institution publishes beside its archive, so readers need not read the archive again.

`archive-viewer publish` puts the archive's index on a search cluster and writes, inside the archive
folder, `.archive-viewer/` (skipped by the scan, as every dot folder): a consistent copy of the
catalogue (SQLite's backup) and `sphinxql/cluster.json`, which names the archive on the cluster.
A reader opening the archive with a server copies both into its own index folder when they are new
to it, then searches the cluster and takes text, snippets and offsets from that catalogue, which
holds exactly what was published.
"""

from __future__ import annotations

import contextlib
import json
import logging
import os
import shutil
import sqlite3
from pathlib import Path

from viewer.core.atomic import atomic_write_text
from viewer.core.catalogue import FILE_NAME

logger = logging.getLogger(__name__)

PUBLISHED_DIRNAME = ".archive-viewer"
_CLUSTER = "sphinxql"
_CLUSTER_FILE = "cluster.json"
_STAMP = "published.json"  # in the reader's index folder: which published copy it installed


def published_dir(archive: Path) -> Path:
    return Path(archive) / PUBLISHED_DIRNAME


def write_published(archive: Path, index_dir: Path) -> Path:
    """Copy the catalogue (consistently, while it may be open) and the cluster file beside the archive."""
    target = published_dir(archive)
    (target / _CLUSTER).mkdir(parents=True, exist_ok=True)
    partial = target / f"{FILE_NAME}.partial"
    with contextlib.suppress(FileNotFoundError):
        partial.unlink()
    source = sqlite3.connect(f"file:{index_dir / FILE_NAME}?mode=ro", uri=True)
    try:
        copy = sqlite3.connect(partial)
        try:
            source.backup(copy)
        finally:
            copy.close()
    finally:
        source.close()
    os.replace(partial, target / FILE_NAME)
    cluster = index_dir / _CLUSTER / _CLUSTER_FILE
    atomic_write_text(target / _CLUSTER / _CLUSTER_FILE, cluster.read_text(encoding="utf-8"))
    return target


def _stamp(path: Path) -> dict[str, int]:
    stat = path.stat()
    return {"size": stat.st_size, "mtime_ns": stat.st_mtime_ns}


def install_published(archive: Path, index_dir: Path) -> bool:
    """Copy the published catalogue into `index_dir` when it is one this folder has not installed yet.

    Returns True when it copied; False when there is none or it is installed already."""
    source = published_dir(archive)
    catalogue = source / FILE_NAME
    cluster = source / _CLUSTER / _CLUSTER_FILE
    if not catalogue.is_file() or not cluster.is_file():
        return False
    stamp = _stamp(catalogue)
    with contextlib.suppress(OSError, ValueError):
        installed = json.loads((index_dir / _STAMP).read_text(encoding="utf-8"))
        if installed == stamp and (index_dir / FILE_NAME).is_file():
            return False
    index_dir.mkdir(parents=True, exist_ok=True)
    (index_dir / _CLUSTER).mkdir(exist_ok=True)
    partial = index_dir / f"{FILE_NAME}.published"
    shutil.copyfile(catalogue, partial)
    for suffix in ("-wal", "-shm"):  # a stale journal must not be replayed over the new copy
        with contextlib.suppress(FileNotFoundError):
            (index_dir / f"{FILE_NAME}{suffix}").unlink()
    os.replace(partial, index_dir / FILE_NAME)
    atomic_write_text(index_dir / _CLUSTER / _CLUSTER_FILE, cluster.read_text(encoding="utf-8"))
    atomic_write_text(index_dir / _STAMP, json.dumps(stamp) + "\n")
    logger.info("Installed the catalogue published beside %s", archive)
    return True
