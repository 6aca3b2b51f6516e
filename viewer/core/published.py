"""The catalogue an institution publishes beside its archive, so readers need not read the archive again.

`archive-viewer publish` puts the archive's index on a search cluster and writes, inside the archive
folder, `.archive-viewer/` (skipped by the scan, as every dot folder): a consistent copy of the
catalogue (SQLite's backup), `sphinxql/cluster.json`, which names the archive on the cluster, and,
written last, `published.json`: the cluster state (identity, stamp) that catalogue belongs to.
A reader opening the archive with a server copies them into its own index folder when that state is
new to it, then searches the cluster and takes text, snippets and offsets from that catalogue; the
backend refuses to serve a cluster whose live state is another one (sphinxql_backend.py).
"""

from __future__ import annotations

import contextlib
import json
import logging
import os
import shutil
import sqlite3
from pathlib import Path
from typing import Any

from viewer.core.atomic import atomic_write_text
from viewer.core.catalogue import FILE_NAME, CatalogueArchive

logger = logging.getLogger(__name__)

PUBLISHED_DIRNAME = ".archive-viewer"
_CLUSTER = "sphinxql"
_CLUSTER_FILE = "cluster.json"
_STATE = "published.json"  # beside the archive, in an index folder and in its sphinxql/: the state


def published_dir(archive: Path) -> Path:
    return Path(archive) / PUBLISHED_DIRNAME


def _fsynced_copy(source: sqlite3.Connection, target: Path) -> None:
    copy = sqlite3.connect(target)
    try:
        source.backup(copy)
    finally:
        copy.close()
    with open(target, "rb+") as handle:
        os.fsync(handle.fileno())


def write_published(archive: Path, index_dir: Path, state: dict[str, Any]) -> Path:
    """Copy the catalogue (consistently, while it may be open) and the cluster file beside the archive,
    then the state they belong to; the publisher's own index folder records that state too."""
    target = published_dir(archive)
    (target / _CLUSTER).mkdir(parents=True, exist_ok=True)
    partial = target / f"{FILE_NAME}.partial"
    with contextlib.suppress(FileNotFoundError):
        partial.unlink()
    source = sqlite3.connect(f"file:{index_dir / FILE_NAME}?mode=ro", uri=True)
    try:
        _fsynced_copy(source, partial)
    finally:
        source.close()
    os.replace(partial, target / FILE_NAME)
    cluster = index_dir / _CLUSTER / _CLUSTER_FILE
    atomic_write_text(target / _CLUSTER / _CLUSTER_FILE, cluster.read_text(encoding="utf-8"))
    text = json.dumps(state, sort_keys=True) + "\n"
    atomic_write_text(target / _STATE, text)
    _record_installed(index_dir, state)
    with contextlib.suppress(FileNotFoundError):  # once installed as a reader: its own is the newest now
        (index_dir / _CLUSTER / _STATE).unlink()
    return target


def adopt_published_name(archive: Path, index_dir: Path) -> bool:
    """A publisher without its own record of the archive's name on the cluster takes the one published
    beside the archive (its data folder was lost or is new), so the cluster holds one copy, not two."""
    own = index_dir / _CLUSTER / _CLUSTER_FILE
    published = published_dir(archive) / _CLUSTER / _CLUSTER_FILE
    if own.exists() or not published.is_file():
        return False
    own.parent.mkdir(parents=True, exist_ok=True)
    atomic_write_text(own, published.read_text(encoding="utf-8"))
    return True


def _record_installed(index_dir: Path, state: dict[str, Any]) -> None:
    """Which state the index folder's catalogue belongs to, and which file that is: a catalogue set
    aside as damaged and started anew is another file, so the published one is installed again."""
    installed = {**state, "file": (index_dir / FILE_NAME).stat().st_ino}
    atomic_write_text(index_dir / _STATE, json.dumps(installed, sort_keys=True) + "\n")


def _installed(index_dir: Path, state: dict[str, Any]) -> bool:
    with contextlib.suppress(OSError):
        return _state(index_dir / _STATE) == {**state, "file": (index_dir / FILE_NAME).stat().st_ino}
    return False


def _state(path: Path) -> dict[str, Any] | None:
    with contextlib.suppress(OSError, ValueError):
        data = json.loads(path.read_text(encoding="utf-8"))
        if isinstance(data, dict) and {"identity", "stamp"} <= data.keys():
            return data
    return None


def install_published(archive: Path, index_dir: Path) -> bool:
    """Copy the published catalogue into `index_dir` when it belongs to a state this folder has not
    installed yet. Returns True when it copied; False when there is none or it is installed already."""
    source = published_dir(archive)
    catalogue = source / FILE_NAME
    cluster = source / _CLUSTER / _CLUSTER_FILE
    state = _state(source / _STATE)
    if state is None or not catalogue.is_file() or not cluster.is_file():
        return False
    if _installed(index_dir, state):
        return False
    index_dir.mkdir(parents=True, exist_ok=True)
    (index_dir / _CLUSTER).mkdir(exist_ok=True)
    partial = index_dir / f"{FILE_NAME}.published"
    shutil.copyfile(catalogue, partial)
    with open(partial, "rb+") as handle:
        os.fsync(handle.fileno())
    for suffix in ("-wal", "-shm"):  # a stale journal must not be replayed over the new copy
        with contextlib.suppress(FileNotFoundError):
            (index_dir / f"{FILE_NAME}{suffix}").unlink()
    os.replace(partial, index_dir / FILE_NAME)
    atomic_write_text(index_dir / _CLUSTER / _CLUSTER_FILE, cluster.read_text(encoding="utf-8"))
    text = json.dumps(state, sort_keys=True) + "\n"
    atomic_write_text(index_dir / _CLUSTER / _STATE, text)  # what the backend checks the cluster against
    _record_installed(index_dir, state)
    logger.info("Installed the catalogue published beside %s", archive)
    return True


def open_published(archive: Path, index_dir: Path) -> CatalogueArchive:
    """The archive's catalogue as published: installed when new, and installed again when the one here
    was just set aside as damaged (its replacement is empty)."""
    from viewer.core.archive_update import open_archive

    install_published(archive, index_dir)
    opened = open_archive(archive, index_dir)
    if not opened.catalogue.document_count_rows():
        opened.catalogue.close()
        if install_published(archive, index_dir):
            logger.warning(
                "The catalogue was damaged; the one published beside %s was installed again", archive
            )
        opened = open_archive(archive, index_dir)
    return opened
