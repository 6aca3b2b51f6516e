"""The Whoosh index on disk: generations, a pointer to the live one, a write lock, and (re)building.

Layout of an index directory (one per archive and engine, in the user data dir)::

    CURRENT          name of the live generation, replaced atomically ("g3")
    lock             held (OS file lock) by the one process updating the index
    g3/manifest.json schema version and identity, written before CURRENT points here
    g3/whoosh/       the Whoosh index; each commit is atomic (it renames its table of contents)
    g3/files.json    size and CRC-32 of the files of the last commit (size checked on open)

The write lock is shared with the tantivy backend, which is why Whoosh is imported only where a
function needs it: the tantivy path never loads it.

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
import uuid
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from viewer.core.atomic import atomic_write_text, file_crc
from viewer.core.documents import Document
from viewer.core.file_lock import LockTimeout, held
from viewer.core.progress import CancelCheck, Progress
from viewer.core.search.records import build_record
from viewer.errors import Cancelled, IndexCorrupt, ViewerError

logger = logging.getLogger(__name__)


CURRENT_FILE = "CURRENT"
LOCK_FILE = "lock"
MANIFEST_FILE = "manifest.json"
FILES_FILE = "files.json"
WHOOSH_DIR = "whoosh"
WRITER_LIMIT_MB = 256  # Whoosh's posting pool: below the corpus's needs it spills to slow temp runs
_GENERATION_RE = re.compile(r"^g(\d+)$")


class IndexBusy(ViewerError):
    """Another process is updating this index."""


# ---------------------------------------------------------------- lock


@contextlib.contextmanager
def write_lock(index_dir: Path, timeout: float = 30.0) -> Iterator[None]:
    """Hold the index's write lock (an OS lock: released by the OS if the holder dies)."""
    index_dir.mkdir(parents=True, exist_ok=True)
    try:
        with held(index_dir / LOCK_FILE, timeout, poll=0.1) as handle:
            handle.seek(0)
            handle.truncate()
            handle.write(str(os.getpid()).encode())
            handle.flush()
            yield
    except LockTimeout as exc:
        raise IndexBusy(
            "The search index is being updated by another Archive Viewer process; try again when it has finished."
        ) from exc


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
    """Remember size and CRC-32 of the committed files: truncation is noticed on open, damage by check."""
    whoosh_dir = gen_dir / WHOOSH_DIR
    files = {}
    for name in os.listdir(whoosh_dir):
        if not name.endswith("LOCK"):  # every segment file (.toc, .seg or .trm/.pst/.col)
            path = whoosh_dir / name
            files[name] = [path.stat().st_size, file_crc(path)]
    data = {"generation": ix.latest_generation(), "files": files}
    atomic_write_text(gen_dir / FILES_FILE, json.dumps(data))


def check_files(gen_dir: Path, ix: Any, *, full: bool = False) -> None:
    """Raise IndexCorrupt when a file of the last recorded commit is missing, has another size or
    (when `full`) another checksum."""
    try:
        data = json.loads((gen_dir / FILES_FILE).read_text(encoding="utf-8"))
        generation, files = data["generation"], data["files"]
        files = {str(name): (int(v[0]), int(v[1])) for name, v in files.items()}
    except (OSError, ValueError, KeyError, TypeError, IndexError, AttributeError):
        return  # killed between a commit and this record: the structural checks still run
    if generation != ix.latest_generation():
        return
    whoosh_dir = gen_dir / WHOOSH_DIR
    for name, (size, crc) in files.items():
        try:
            actual = (whoosh_dir / name).stat().st_size
        except OSError as exc:
            raise IndexCorrupt(f"index file {name} is missing") from exc
        if actual != size:
            raise IndexCorrupt(f"index file {name} has {actual} bytes, expected {size}")
        if full and file_crc(whoosh_dir / name) != crc:
            raise IndexCorrupt(f"index file {name} is damaged (checksum)")


# ---------------------------------------------------------------- writing


def _writer(ix: Any) -> Any:
    """A Whoosh writer; our lock is held, so a Whoosh lock that blocks us is stale: clear it.

    Segments are written as separate files, not one compound file: a reader opens each file of a
    compound segment as an in-memory copy (BytesIO), which cost ~18 MB of RSS per 10 MB archive.
    """
    from whoosh import index as whoosh_index

    try:
        return ix.writer(limitmb=WRITER_LIMIT_MB, compound=False)
    except whoosh_index.LockError:
        logger.warning("Clearing a stale Whoosh write lock in %s", ix.storage)
        with contextlib.suppress(OSError):
            ix.storage.delete_file(f"{ix.indexname}_WRITELOCK")
        return ix.writer(limitmb=WRITER_LIMIT_MB, compound=False)


def rebuild(
    index_dir: Path,
    documents: Iterable[Document],
    *,
    progress: Progress,
    cancelled: CancelCheck,
    total: int = 0,
) -> Path:
    """Build a complete new generation (a new identity) and make it live; the old one stays live until then."""
    from whoosh import index as whoosh_index

    from viewer.core.search.schema import SCHEMA_VERSION, build_schema

    index_dir.mkdir(parents=True, exist_ok=True)
    gen = _new_generation(index_dir)
    try:
        atomic_write_text(
            gen / MANIFEST_FILE,
            json.dumps(
                {"schema_version": SCHEMA_VERSION, "identity": uuid.uuid4().hex, "created": time.time()},
                ensure_ascii=False,
            ),
        )
        (gen / WHOOSH_DIR).mkdir()
        ix = whoosh_index.create_in(gen / WHOOSH_DIR, build_schema())
        with _writer(ix) as writer:
            done = 0
            for doc in documents:
                if cancelled():
                    raise Cancelled("Indexing cancelled; the previous index is unchanged.")
                progress(done, total + 1, doc.source)
                writer.add_document(**build_record(doc).fields)
                done += 1
            if cancelled():
                raise Cancelled("Indexing cancelled; the previous index is unchanged.")
            progress(done, total + 1, "writing the index")
        record_files(gen, ix)
        ix.close()
        atomic_write_text(index_dir / CURRENT_FILE, gen.name)
    except BaseException:
        shutil.rmtree(gen, ignore_errors=True)
        raise
    progress(total + 1, total + 1, "")
    _remove_other_generations(index_dir, keep=gen)
    return gen


def apply_changes(
    gen: Path,
    ix: Any,
    upserts: Iterable[Document],
    removed: Iterable[str],
    *,
    progress: Progress,
    cancelled: CancelCheck,
    total: int = 0,
) -> None:
    """Replace `upserts` and delete `removed` by document id, in one atomic Whoosh commit."""
    with _writer(ix) as writer:  # an exception (Cancelled too) cancels the writer: nothing is written
        for doc_id in removed:
            writer.delete_by_term("doc_id", doc_id)
        done = 0
        for doc in upserts:
            if cancelled():
                raise Cancelled("Indexing cancelled; the previous index is unchanged.")
            progress(done, total + 1, doc.source)
            writer.delete_by_term("doc_id", doc.id)
            writer.add_document(**build_record(doc).fields)
            done += 1
        if cancelled():
            raise Cancelled("Indexing cancelled; the previous index is unchanged.")
        progress(done, total + 1, "writing the index")
    record_files(gen, ix)
    progress(total + 1, total + 1, "")
