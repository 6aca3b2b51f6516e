"""Bring an archive's catalogue up to date with its folder: stat every file, process only what changed.

A file is read again only when its size or modification time differs from the catalogue's; its
content hash then decides whether it really changed (a touched file costs a read, never a re-process).
New and changed files are decoded, repaired and structured one at a time and written in batches
(Catalogue.batch), so memory stays flat whatever the archive's size and a kill loses at most one batch.

Chrome lines shared across an archive (repair/chrome.py) depend on every file. Files are processed
with the shared lines the catalogue already has; afterwards the counts (kept per document in the
catalogue) give the new shared lines, and only documents holding a line that entered or left that set
are processed again. The result equals reading the whole archive at once (a test compares them).
"""

from __future__ import annotations

import logging
import os
import time
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from viewer.core.catalogue import Catalogue, FileState
from viewer.core.decode import UndecodableError
from viewer.core.documents import IngestProblem
from viewer.core.gc_pause import gc_paused
from viewer.core.progress import CancelCheck, Progress, never, no_progress, stats_json
from viewer.core.scan import (
    DEFAULT_MAX_FILE_BYTES,
    SourceFile,
    _os_reason,
    folders_unchanged,
    real_relative,
    scan_archive,
)
from viewer.errors import Cancelled, message

logger = logging.getLogger(__name__)

BATCH_SECONDS = 1.0  # a batch commits after this long (or BATCH_DOCUMENTS): a kill loses at most this
BATCH_DOCUMENTS = 500


@dataclass
class SyncStats:
    """What an update of the catalogue did."""

    added: int = 0
    updated: int = 0
    removed: int = 0
    unchanged: int = 0
    reprocessed: int = 0  # unchanged files processed again because the shared chrome lines changed
    problems: int = 0
    bytes_read: int = 0
    seconds: float = 0.0
    changed_ids: set[str] = field(default_factory=set)

    @property
    def changed(self) -> bool:
        return bool(self.added or self.updated or self.removed or self.reprocessed)

    def to_json(self) -> dict[str, Any]:
        return stats_json(self, leave_out=("bytes_read", "changed_ids"))


@dataclass
class Plan:
    """What the scan found: files to read, files gone, and what could not even be listed."""

    to_read: list[SourceFile]
    removed: list[str]  # document ids
    problems: list[IngestProblem]
    unchanged: int
    file_count: int
    folders: dict[str, int]  # folder -> modification time (ns), for quick checks later
    states: dict[str, FileState]  # what the catalogue knew of each file, by source

    @property
    def bytes_to_read(self) -> int:
        return sum(source.size for source in self.to_read)


def plan_sync(root: Path, catalogue: Catalogue) -> Plan:
    """Stat every file (reading none) and compare with the catalogue."""
    folders: dict[str, int] = {}
    files, problems = scan_archive(root, folders)
    states = catalogue.file_states()
    to_read: list[SourceFile] = []
    unchanged = 0
    seen: set[str] = set()
    for source in files:
        seen.add(source.source)
        state = states.get(source.source)
        if state is not None and (state.size, state.mtime) == (source.size, source.mtime):
            unchanged += 1
        else:
            to_read.append(source)
    removed = [state.doc_id for source, state in states.items() if source not in seen]
    return Plan(to_read, removed, problems, unchanged, len(files), folders, states)


def needs_sync(root: Path, catalogue: Catalogue) -> bool:
    """Whether anything in the folder differs from the catalogue (stat only)."""
    plan = plan_sync(root, catalogue)
    return bool(plan.to_read or plan.removed)


def probably_current(root: Path, catalogue: Catalogue) -> bool:
    """A quick check (folder times only, see scan.folders_unchanged): no file added, removed or
    renamed since the last update. For a command that must answer at once; the window and
    `index` run the full check."""
    return folders_unchanged(Path(root), catalogue.folder_times())


def sync_catalogue(
    root: Path,
    catalogue: Catalogue,
    *,
    max_file_bytes: int = DEFAULT_MAX_FILE_BYTES,
    progress: Progress = no_progress,
    cancelled: CancelCheck = never,
    plan: Plan | None = None,
) -> SyncStats:
    """Process new and changed files into the catalogue, drop removed ones; raises Cancelled (what was
    committed stays: the next update carries on from there). `plan`: the scan the caller already made
    of this catalogue (a 1 GB archive's scan takes about a second: it is made once)."""

    started = time.perf_counter()
    root = Path(root).expanduser()
    plan = plan or plan_sync(root, catalogue)
    stats = SyncStats(unchanged=plan.unchanged, removed=len(plan.removed))
    states = plan.states
    problems = list(plan.problems)
    common = catalogue.common_lines()
    total = sum(source.size for source in plan.to_read) or 1
    done = 0
    writer = _BatchWriter(catalogue)
    with gc_paused():
        for doc_id in plan.removed:
            writer.batch_remove(doc_id)
            stats.changed_ids.add(doc_id)
        for source in plan.to_read:
            if cancelled():
                writer.flush()
                raise Cancelled("Reading the archive was cancelled; what was read is kept.")
            progress(done, total, source.source)
            state = states.get(source.source)
            try:
                outcome = _process(
                    source,
                    max_file_bytes,
                    common,
                    state.sha256 if state else "",
                    problems,
                    progress=_within(progress, done, source.size, total),
                    cancelled=cancelled,
                )
            except Cancelled:  # inside a file (a PDF's pages): what was read before it is kept
                writer.flush()
                raise Cancelled("Reading the archive was cancelled; what was read is kept.") from None
            done += source.size
            if outcome is None:  # unreadable: a document it was before is gone
                if state is not None:
                    writer.batch_remove(state.doc_id)
                    stats.removed += 1
                    stats.changed_ids.add(state.doc_id)
                continue
            if outcome == "same":
                assert state is not None
                writer.batch_touch(state.doc_id, source.mtime)
                stats.unchanged += 1
                continue
            doc, digest, lines, size = outcome
            stats.bytes_read += size
            if state is None:
                stats.added += 1
            else:
                stats.updated += 1
            stats.changed_ids.add(doc.id)
            writer.batch_put(doc, digest, lines)
        writer.flush()
        stats.reprocessed = _reshare_chrome(
            root, catalogue, common, max_file_bytes, problems, stats, cancelled
        )
    with catalogue.batch() as batch:
        batch.set_problems(sorted(problems, key=lambda p: p.source))
        batch.set_folder_times(plan.folders)
    catalogue.write_summaries()
    progress(total, total, "")
    stats.problems = len(problems)
    stats.seconds = time.perf_counter() - started
    return stats


def _within(progress: Progress, done: int, size: int, total: int) -> Progress:
    """A reader's progress through one file (a PDF's pages) as bytes of the whole update, so the
    bar moves during a long PDF; the page is said in the message."""

    def report(page: int, pages: int, label: str) -> None:
        if label and pages:
            progress(done + size * page // pages, total, f"{label} ({page}/{pages})")

    return report


def _process(
    source: SourceFile,
    max_file_bytes: int,
    common: frozenset[str],
    known_sha256: str,
    problems: list[IngestProblem],
    *,
    progress: Progress = no_progress,
    cancelled: CancelCheck = never,
) -> Any:
    """Read and process one file: (document, text hash, chrome lines, size), "same", or None (a problem).

    Raises Cancelled when `cancelled` says so inside a long file."""
    from viewer.core.ingest import build_document, load_file

    try:
        loaded = load_file(source, max_file_bytes, progress=progress, cancelled=cancelled)
    except UndecodableError as exc:
        problems.append(IngestProblem(source.source, str(exc)))
        return None
    except PermissionError:
        problems.append(IngestProblem(source.source, message("permission denied (cannot read the file)")))
        return None
    except OSError as exc:
        problems.append(IngestProblem(source.source, _os_reason(exc)))
        return None
    except MemoryError:
        problems.append(IngestProblem(source.source, message("too large to read into memory")))
        return None
    if known_sha256 and loaded.sha256 == known_sha256:
        return "same"
    from viewer.core.repair.chrome import chrome_candidates
    from viewer.core.search.records import text_hash

    lines = chrome_candidates(loaded.text)
    try:
        doc = build_document(loaded, common)
    except Exception as exc:  # a bug in one rule must not cost the user the rest of the archive
        logger.exception("Failed to process %s", source.source)
        problems.append(
            IngestProblem(
                source.source,
                message("could not be processed ({error})", error=f"{type(exc).__name__}: {exc}"),
            )
        )
        return None
    return doc, text_hash(doc), lines, loaded.size


def _reshare_chrome(
    root: Path,
    catalogue: Catalogue,
    used: frozenset[str],
    max_file_bytes: int,
    problems: list[IngestProblem],
    stats: SyncStats,
    cancelled: CancelCheck,
) -> int:
    """Process again the documents whose chrome depends on shared lines that changed; returns how many."""
    from viewer.core.repair.chrome import common_from_counts

    counts = catalogue.chrome_line_counts()
    current = common_from_counts(counts.items(), catalogue.document_count_rows())
    if current == used:
        return 0
    affected = catalogue.documents_with_lines(current ^ used)
    states = {state.doc_id: source for source, state in catalogue.file_states().items()}
    writer = _BatchWriter(catalogue)
    count = 0
    for doc_id in sorted(affected):
        if cancelled():
            writer.flush()
            raise Cancelled("Reading the archive was cancelled; what was read is kept.")
        source = states.get(doc_id)
        if source is None:
            continue
        relative = real_relative(source, doc_id)
        path = os.path.join(os.fspath(root), *relative.split("/"))
        try:
            outcome = _process(
                SourceFile(path, source, relative=relative),
                max_file_bytes,
                current,
                "",
                problems,
                cancelled=cancelled,
            )
        except Cancelled:
            writer.flush()
            raise Cancelled("Reading the archive was cancelled; what was read is kept.") from None
        if outcome is None:
            writer.batch_remove(doc_id)
            continue
        doc, digest, lines, _size = outcome
        writer.batch_put(doc, digest, lines)
        stats.changed_ids.add(doc.id)
        count += 1
    writer.flush()
    with catalogue.batch() as batch:
        batch.set_common_lines(current)
    return count


class _BatchWriter:
    """Collects writes and commits them every BATCH_SECONDS or BATCH_DOCUMENTS."""

    def __init__(self, catalogue: Catalogue) -> None:
        self.catalogue = catalogue
        self.pending: list[tuple[str, Any]] = []
        self.since = time.monotonic()

    def batch_put(self, doc: Any, digest: str, lines: Iterable[str]) -> None:
        self._add(("put", (doc, digest, list(lines))))

    def batch_remove(self, doc_id: str) -> None:
        self._add(("remove", doc_id))

    def batch_touch(self, doc_id: str, mtime: float) -> None:
        self._add(("touch", (doc_id, mtime)))

    def _add(self, item: tuple[str, Any]) -> None:
        self.pending.append(item)
        if len(self.pending) >= BATCH_DOCUMENTS or time.monotonic() - self.since > BATCH_SECONDS:
            self.flush()

    def flush(self) -> None:
        if self.pending:
            with self.catalogue.batch() as batch:
                for kind, value in self.pending:
                    if kind == "put":
                        batch.put(*value)
                    elif kind == "remove":
                        batch.remove(value)
                    else:
                        batch.touch(*value)
        self.pending = []
        self.since = time.monotonic()
