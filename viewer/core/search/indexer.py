"""The index on disk: generations, a pointer to the live one, a write lock, and (re)building.

Layout of an index directory (one per archive, in the user data dir)::

    CURRENT          name of the live generation, replaced atomically ("g3")
    lock             held (OS file lock) by the one process updating the index
    g3/manifest.json schema version and archive, written before CURRENT points here
    g3/whoosh/       the Whoosh index; each commit is atomic (it renames its table of contents)
    g3/files.json    sizes of the files of the last commit, to detect truncation on open

Crash safety: a rebuild writes a new generation and only then switches CURRENT, so a kill leaves
the old generation live; an incremental update is one Whoosh commit, which is atomic. The OS lock
dies with its process, so a lock left by a killed process is never in the way (Whoosh's own write
lock likewise; if it ever blocks us while we hold ours, it is stale and is removed).
"""

from __future__ import annotations

import contextlib
import json
import logging
import os
import re
import shutil
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

from whoosh import index as whoosh_index

from viewer.core.atomic import atomic_write_text
from viewer.core.documents import Document
from viewer.core.progress import CancelCheck, Progress
from viewer.core.search.records import build_record, text_hash
from viewer.core.search.schema import SCHEMA_VERSION, build_schema
from viewer.errors import Cancelled, IndexCorrupt, ViewerError

logger = logging.getLogger(__name__)


CURRENT_FILE = "CURRENT"
LOCK_FILE = "lock"
MANIFEST_FILE = "manifest.json"
FILES_FILE = "files.json"
WHOOSH_DIR = "whoosh"
WRITER_LIMIT_MB = 256  # Whoosh's posting pool: below the corpus's needs it spills to slow temp runs
_GENERATION_RE = re.compile(r"^g(\d+)$")


@dataclass
class UpdateStats:
    """What an update did."""

    added: int = 0
    updated: int = 0
    removed: int = 0
    unchanged: int = 0
    rebuilt: bool = False
    seconds: float = 0.0

    @property
    def changed(self) -> bool:
        return bool(self.added or self.updated or self.removed or self.rebuilt)

    def to_json(self) -> dict[str, Any]:
        return {
            "added": self.added,
            "updated": self.updated,
            "removed": self.removed,
            "unchanged": self.unchanged,
            "rebuilt": self.rebuilt,
            "seconds": round(self.seconds, 3),
        }


class IndexBusy(ViewerError):
    """Another process is updating this index."""


# ---------------------------------------------------------------- lock


@contextlib.contextmanager
def write_lock(index_dir: Path, timeout: float = 30.0) -> Iterator[None]:
    """Hold the index's write lock (an OS lock: released by the OS if the holder dies)."""
    index_dir.mkdir(parents=True, exist_ok=True)
    handle = open(index_dir / LOCK_FILE, "a+b")  # noqa: SIM115 (held for the whole block)
    try:
        deadline = time.monotonic() + timeout
        while not _try_lock(handle):
            if time.monotonic() > deadline:
                raise IndexBusy(
                    "The search index is being updated by another Archive Viewer "
                    "process; try again when it has finished."
                )
            time.sleep(0.1)
        try:
            handle.seek(0)
            handle.truncate()
            handle.write(str(os.getpid()).encode())
            handle.flush()
            yield
        finally:
            _unlock(handle)
    finally:
        handle.close()


def _try_lock(handle: IO[bytes]) -> bool:
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


# ---------------------------------------------------------------- generations


def current_generation(index_dir: Path) -> Path | None:
    """The live generation's directory, or None when there is none (yet)."""
    try:
        name = (index_dir / CURRENT_FILE).read_text(encoding="utf-8").strip()
    except (OSError, UnicodeDecodeError):
        return None
    if not _GENERATION_RE.match(name):
        return None
    return index_dir / name


def _new_generation(index_dir: Path) -> Path:
    numbers = [int(m.group(1)) for p in index_dir.iterdir() if (m := _GENERATION_RE.match(p.name))]
    gen = index_dir / f"g{max(numbers, default=0) + 1}"
    gen.mkdir()
    return gen


def _remove_other_generations(index_dir: Path, keep: Path) -> None:
    """Best effort: a reader elsewhere (Windows) may still hold files; the next update retries."""
    for path in index_dir.iterdir():
        if path != keep and _GENERATION_RE.match(path.name) and path.is_dir():
            shutil.rmtree(path, ignore_errors=True)


def read_manifest(gen_dir: Path) -> dict[str, Any]:
    data = json.loads((gen_dir / MANIFEST_FILE).read_text(encoding="utf-8"))
    if not isinstance(data, dict):
        raise ValueError("manifest is not an object")
    return data


def record_files(gen_dir: Path, ix: Any) -> None:
    """Remember the sizes of the committed files, so truncation is noticed on the next open."""
    whoosh_dir = gen_dir / WHOOSH_DIR
    files = {}
    for name in os.listdir(whoosh_dir):
        if not name.endswith("LOCK"):  # every segment file (.toc, .seg or .trm/.pst/.col)
            files[name] = (whoosh_dir / name).stat().st_size
    data = {"generation": ix.latest_generation(), "files": files}
    atomic_write_text(gen_dir / FILES_FILE, json.dumps(data))


def check_files(gen_dir: Path, ix: Any) -> None:
    """Raise IndexCorrupt when a file of the last recorded commit is missing or has another size."""
    try:
        data = json.loads((gen_dir / FILES_FILE).read_text(encoding="utf-8"))
        generation, files = data["generation"], data["files"]
    except (OSError, ValueError, KeyError, TypeError):
        return  # killed between a commit and this record: the structural checks still run
    if generation != ix.latest_generation():
        return
    whoosh_dir = gen_dir / WHOOSH_DIR
    for name, size in files.items():
        try:
            actual = (whoosh_dir / name).stat().st_size
        except OSError as exc:
            raise IndexCorrupt(f"index file {name} is missing") from exc
        if actual != size:
            raise IndexCorrupt(f"index file {name} has {actual} bytes, expected {size}")


# ---------------------------------------------------------------- writing


def _writer(ix: Any) -> Any:
    """A Whoosh writer; our lock is held, so a Whoosh lock that blocks us is stale: clear it.

    Segments are written as separate files, not one compound file: a reader opens each file of a
    compound segment as an in-memory copy (BytesIO), which cost ~18 MB of RSS per 10 MB archive.
    """
    try:
        return ix.writer(limitmb=WRITER_LIMIT_MB, compound=False)
    except whoosh_index.LockError:
        logger.warning("Clearing a stale Whoosh write lock in %s", ix.storage)
        with contextlib.suppress(OSError):
            ix.storage.delete_file(f"{ix.indexname}_WRITELOCK")
        return ix.writer(limitmb=WRITER_LIMIT_MB, compound=False)


def rebuild(
    index_dir: Path,
    documents: list[Document],
    archive_root: Path,
    *,
    progress: Progress,
    cancelled: CancelCheck,
) -> Path:
    """Build a complete new generation and make it live; the old one stays live until then."""
    index_dir.mkdir(parents=True, exist_ok=True)
    gen = _new_generation(index_dir)
    try:
        atomic_write_text(
            gen / MANIFEST_FILE,
            json.dumps(
                {"schema_version": SCHEMA_VERSION, "archive": str(archive_root), "created": time.time()},
                ensure_ascii=False,
            ),
        )
        (gen / WHOOSH_DIR).mkdir()
        ix = whoosh_index.create_in(gen / WHOOSH_DIR, build_schema())
        total = len(documents) + 1
        with _writer(ix) as writer:
            for done, doc in enumerate(documents):
                if cancelled():
                    raise Cancelled("Indexing cancelled; the previous index is unchanged.")
                progress(done, total, doc.source)
                writer.add_document(**build_record(doc).fields)
            progress(len(documents), total, "writing the index")
        record_files(gen, ix)
        ix.close()
        atomic_write_text(index_dir / CURRENT_FILE, gen.name)
    except BaseException:
        shutil.rmtree(gen, ignore_errors=True)
        raise
    progress(total, total, "")
    _remove_other_generations(index_dir, keep=gen)
    return gen


def incremental(
    gen: Path,
    ix: Any,
    stored: dict[str, dict[str, Any]],
    documents: list[Document],
    *,
    progress: Progress,
    cancelled: CancelCheck,
) -> UpdateStats:
    """Re-index only what changed, in one atomic Whoosh commit (none when nothing changed).

    `stored` maps doc_id to the stored metadata. A document is unchanged when its file (size,
    mtime, SHA-256) and its processed text (text_hash) are both the same as when it was indexed.
    """
    stats = UpdateStats()
    changed: list[tuple[Document, str]] = []
    current_ids = set()
    for doc in documents:
        current_ids.add(doc.id)
        digest = text_hash(doc)
        meta = stored.get(doc.id)
        if meta is None:
            stats.added += 1
        elif (meta["size"], meta["mtime"], meta["sha256"], meta["text_hash"]) != (
            doc.size,
            doc.mtime,
            doc.sha256,
            digest,
        ):
            stats.updated += 1
        else:
            stats.unchanged += 1
            continue
        changed.append((doc, digest))
    removed = [doc_id for doc_id in stored if doc_id not in current_ids]
    stats.removed = len(removed)
    if not changed and not removed:
        return stats
    total = len(changed) + 1
    with _writer(ix) as writer:
        for doc_id in removed:
            writer.delete_by_term("doc_id", doc_id)
        for done, (doc, digest) in enumerate(changed):
            if cancelled():
                raise Cancelled("Indexing cancelled; the previous index is unchanged.")
            progress(done, total, doc.source)
            if doc.id in stored:
                writer.delete_by_term("doc_id", doc.id)
            writer.add_document(**build_record(doc, digest).fields)
        progress(len(changed), total, "writing the index")
    record_files(gen, ix)
    progress(total, total, "")
    return stats
