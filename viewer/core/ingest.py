"""Archive folder -> Documents: find text files, decode, repair, structure; bad files are reported, never fatal."""

from __future__ import annotations

import hashlib
import logging
import os
from dataclasses import dataclass, field
from pathlib import Path

from viewer.core.decode import UndecodableError, decode_bytes
from viewer.core.documents import Document, IngestProblem
from viewer.core.gc_pause import gc_paused
from viewer.core.progress import CancelCheck, Progress, never, no_progress
from viewer.core.repair import find_common_lines, repair_text
from viewer.core.scan import (
    DEFAULT_MAX_FILE_BYTES,
    SourceFile,
    _os_reason,
    display_safe,
    open_regular,
    scan_archive,
)
from viewer.core.structure import build_structure
from viewer.errors import Cancelled, message

logger = logging.getLogger(__name__)


@dataclass
class Archive:
    """The ingested archive: its documents (sorted by source path) and what could not be read."""

    root: Path
    documents: list[Document] = field(default_factory=list)
    problems: list[IngestProblem] = field(default_factory=list)

    @property
    def size_bytes(self) -> int:
        return sum(d.size for d in self.documents)

    def find(self, key: str) -> Document | None:
        """A document by id, by archive-relative path, or by file name (or stem) when unambiguous.

        A name may be given as shown (bad\\xff.txt) or with its real bytes (from a command line)."""
        key = display_safe(key)
        for doc in self.documents:
            if key in (doc.id, doc.source):
                return doc
        matches = [d for d in self.documents if key in (Path(d.source).name, Path(d.source).stem)]
        return matches[0] if len(matches) == 1 else None

    def by_id(self) -> dict[str, Document]:
        return {d.id: d for d in self.documents}


@dataclass
class LoadedFile:
    """A file's bytes decoded, before repair: what the archive-wide passes need."""

    source: SourceFile
    text: str
    encoding: str
    size: int
    mtime: float
    sha256: str


READ_ATTEMPTS = 3  # a file still changing after this many reads is reported and read at the next update


def load_file(source: SourceFile, max_bytes: int = DEFAULT_MAX_FILE_BYTES) -> LoadedFile:
    """Read and decode one file; raise UndecodableError/OSError with a reason a user understands.

    A file written to while it is read (a sync tool, an editor saving) is read again, so the
    catalogue never keeps half of one version and half of the next under the newer date."""
    for _attempt in range(READ_ATTEMPTS):
        data, st = _read_once(source, max_bytes)
        if data is not None:
            return _decoded(source, data, st)
    raise UndecodableError(message("changed while it was being read; it will be read at the next update"))


def _decoded(source: SourceFile, data: bytes, st: os.stat_result) -> LoadedFile:
    decoded = decode_bytes(data)
    return LoadedFile(
        source, decoded.text, decoded.encoding, len(data), st.st_mtime, hashlib.sha256(data).hexdigest()
    )


def _read_once(source: SourceFile, max_bytes: int) -> tuple[bytes | None, os.stat_result]:
    """The file's bytes and status, or None for the bytes when the file changed during the read."""
    with open_regular(source.path) as (handle, st):
        if st.st_size > max_bytes:
            raise UndecodableError(
                message(
                    "too large ({size} MB; the limit is {limit} MB, set by max_file_mb in the settings)",
                    size=f"{st.st_size / 2**20:.1f}",
                    limit=f"{max_bytes / 2**20:.0f}",
                )
            )
        data = handle.read()
        after = os.fstat(handle.fileno())
    steady = (after.st_size, after.st_mtime_ns) == (st.st_size, st.st_mtime_ns) == (len(data), st.st_mtime_ns)
    return (data if steady else None), st


def build_document(loaded: LoadedFile, common_lines: frozenset[str] = frozenset()) -> Document:
    """Repair and structure one decoded file; the raw text is kept untouched beside the result."""
    raw = loaded.text
    clean, repairs = repair_text(raw, common_lines=common_lines)
    doc = Document(
        id=loaded.source.doc_id,
        source=loaded.source.source,
        encoding=loaded.encoding,
        raw_text=raw,
        text=clean,
        size=loaded.size,
        mtime=loaded.mtime,
        sha256=loaded.sha256,
        repairs=repairs,
    )
    build_structure(doc)
    return doc


def ingest_archive(
    root: Path,
    *,
    max_file_bytes: int = DEFAULT_MAX_FILE_BYTES,
    progress: Progress = no_progress,
    cancelled: CancelCheck = never,
) -> Archive:
    """Ingest every text file under `root`; one bad file costs only itself, reported with its reason."""
    root = Path(root).expanduser()
    files, problems = scan_archive(root)
    total = len(files) * 2
    loaded: list[LoadedFile] = []
    for i, source in enumerate(files):
        if cancelled():
            raise Cancelled("Ingest cancelled")
        progress(i, total, source.source)
        try:
            loaded.append(load_file(source, max_file_bytes))
        except UndecodableError as exc:
            problems.append(IngestProblem(source.source, str(exc)))
        except PermissionError:
            problems.append(IngestProblem(source.source, message("permission denied (cannot read the file)")))
        except OSError as exc:
            problems.append(IngestProblem(source.source, _os_reason(exc)))
        except MemoryError:
            problems.append(IngestProblem(source.source, message("too large to read into memory")))
    common = find_common_lines(f.text for f in loaded)
    documents: list[Document] = []
    with gc_paused():
        _build_all(loaded, common, documents, problems, len(files), total, progress, cancelled)
    progress(total, total, "")
    documents.sort(key=lambda d: d.source)
    problems.sort(key=lambda p: p.source)
    return Archive(root, documents, problems)


def _build_all(
    loaded: list[LoadedFile],
    common: frozenset[str],
    documents: list[Document],
    problems: list[IngestProblem],
    offset: int,
    total: int,
    progress: Progress,
    cancelled: CancelCheck,
) -> None:
    """Repair and structure each decoded file; a failure costs only that file."""
    for i, item in enumerate(loaded):
        if cancelled():
            raise Cancelled("Ingest cancelled")
        progress(offset + i, total, item.source.source)
        try:
            documents.append(build_document(item, common))
        except Exception as exc:  # a bug in one rule must not cost the user the rest of the archive
            logger.exception("Failed to process %s", item.source.source)
            problems.append(
                IngestProblem(
                    item.source.source,
                    message("could not be processed ({error})", error=f"{type(exc).__name__}: {exc}"),
                )
            )
