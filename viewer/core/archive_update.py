"""Opening an archive's stored state and bringing it up to date: the catalogue, then the search index.

Where the work runs: reading many files and building an index take memory that a long-running window
should not keep (Python returns little of it to the system), so large updates run in a child process
(`refresh_in_child`); small ones run in the calling thread. `refresh_auto` decides by what the scan
finds (stat only). The child writes the catalogue and the index on disk; the caller then reopens them.
"""

from __future__ import annotations

import logging
import multiprocessing
import queue as queue_module
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from viewer.core.catalogue import Catalogue, CatalogueArchive
from viewer.core.progress import CancelCheck, Progress, never, no_progress
from viewer.core.scan import DEFAULT_MAX_FILE_BYTES
from viewer.core.search.maintenance import IndexStats
from viewer.core.sync import Plan, SyncStats, plan_sync, sync_catalogue
from viewer.errors import Cancelled, ViewerError, message

logger = logging.getLogger(__name__)

CHILD_MIN_BYTES = 8_000_000  # files to read at least this large run in a child process
CHILD_MIN_DOCUMENTS = 2_000  # ... or an index to (re)build over at least this many documents
SYNC_SHARE = 0.5  # of the progress bar, for reading files (the rest is indexing)
PIPELINE_MIN_BYTES = 4_000_000  # this much to read: read and index side by side (_pipelined)
PIPELINE_ROUND_SECONDS = 8.0  # the index takes in what was read this often (one commit each)


@dataclass
class RefreshStats:
    """What bringing an archive up to date did."""

    catalogue: SyncStats = field(default_factory=SyncStats)
    index: IndexStats | None = None
    in_child: bool = False

    @property
    def changed(self) -> bool:
        return self.catalogue.changed or bool(self.index and self.index.changed)

    def to_json(self) -> dict[str, Any]:
        return {
            "catalogue": self.catalogue.to_json(),
            "index": self.index.to_json() if self.index else None,
            "in_child": self.in_child,
        }


def open_archive(root: Path, index_dir: Path) -> CatalogueArchive:
    """The archive's catalogue as last stored (possibly empty, never raising for damage: it starts anew)."""
    return CatalogueArchive(Path(root), Catalogue.open(index_dir, Path(root)))


def _phase(progress: Progress, start: float, share: float) -> Progress:
    """A progress callback for one phase of a longer piece of work (scaled into 0..1000)."""

    def report(done: int, total: int, message: str) -> None:
        fraction = done / total if total else 1.0
        progress(int(1000 * (start + share * min(1.0, fraction))), 1000, message)

    return report


def refresh(
    root: Path,
    index_dir: Path,
    *,
    engine: str = "tantivy",
    max_file_bytes: int = DEFAULT_MAX_FILE_BYTES,
    rebuild: bool = False,
    with_index: bool = True,
    progress: Progress = no_progress,
    cancelled: CancelCheck = never,
    plan: Plan | None = None,
) -> RefreshStats:
    """Bring the catalogue, then the index, up to date (both at once, in two processes, when much
    is to be read: see _pipelined). `plan`: a scan the caller already made (refresh_auto)."""
    from viewer.core.search.index import SearchIndex

    stats = RefreshStats()
    catalogue = Catalogue.open(index_dir, Path(root))
    try:
        # SQLite's own check of the whole file, after an update that did not finish (a kill, a crash):
        # damage means starting anew now, never serving it. Damage at rest is caught when read (zlib
        # and CRC checks) and recorded, which sets the catalogue aside at the next open.
        if not catalogue.finished_cleanly() and catalogue.check():
            catalogue.close()
            catalogue = Catalogue.open(index_dir, Path(root))
            plan = None  # a scan against the catalogue that was set aside
        catalogue.set_finished(False)
        plan = plan or plan_sync(Path(root), catalogue)
        if with_index and plan.bytes_to_read >= PIPELINE_MIN_BYTES:
            with SearchIndex.open(index_dir, catalogue, engine) as index:
                stats.catalogue, stats.index = _pipelined(
                    root, index_dir, index, max_file_bytes, rebuild, progress, cancelled
                )
        else:
            share = SYNC_SHARE if with_index else 1.0
            stats.catalogue = sync_catalogue(
                Path(root),
                catalogue,
                max_file_bytes=max_file_bytes,
                progress=_phase(progress, 0.0, share),
                cancelled=cancelled,
                plan=plan,
            )
            if with_index:
                with SearchIndex.open(index_dir, catalogue, engine) as index:
                    stats.index = index.update(
                        progress=_phase(progress, share, 1.0 - share), cancelled=cancelled, rebuild=rebuild
                    )
        catalogue.set_finished(True)
    finally:
        catalogue.close()
    progress(1000, 1000, "")
    return stats


def _pipelined(
    root: Path,
    index_dir: Path,
    index: Any,
    max_file_bytes: int,
    rebuild: bool,
    progress: Progress,
    cancelled: CancelCheck,
) -> tuple[SyncStats, IndexStats]:
    """Read the files in a child process while this one indexes what the child has committed.

    Reading (decode, repair, structure) and indexing each take about half the time of a first
    ingest, and each is one Python thread: on two cores, running them side by side nearly halves
    the wall time. The index follows the catalogue in rounds of PIPELINE_ROUND_SECONDS (one commit
    each); a last round after the reading ends makes it exact (maintenance.py decides what to send).
    """
    context = multiprocessing.get_context("spawn")  # never fork a process that may run Qt threads
    out = context.Queue()
    cancel = context.Event()
    child = context.Process(
        target=_sync_child,
        args=(str(root), str(index_dir), max_file_bytes, out, cancel),
        name="archive-viewer-reader",
        daemon=True,
    )
    child.start()
    reading = _phase(progress, 0.0, 0.9)
    total = IndexStats()
    synced: SyncStats | None = None
    first = True
    try:
        while True:
            deadline = time.monotonic() + PIPELINE_ROUND_SECONDS
            while synced is None and time.monotonic() < deadline:
                if cancelled():
                    cancel.set()
                try:
                    reply = out.get(timeout=0.1)
                except queue_module.Empty:
                    if not child.is_alive() and out.empty():
                        raise ViewerError(
                            f"Reading the archive stopped unexpectedly (exit code {child.exitcode}); "
                            "what it finished is kept."
                        ) from None
                    continue
                if reply[0] == "progress":
                    reading(reply[1], reply[2], reply[3])
                elif reply[0] == "done":
                    synced = reply[1]
                elif reply[0] == "cancelled":
                    raise Cancelled(reply[1])
                else:
                    raise ViewerError(message("Reading the archive failed: {reason}", reason=reply[1]))
            last = synced is not None
            done = index.update(
                progress=_phase(progress, 0.9, 0.1) if last else no_progress,
                cancelled=cancelled,
                rebuild=rebuild and first,
            )
            first = False
            total.added += done.added
            total.updated += done.updated
            total.removed += done.removed
            total.rebuilt = total.rebuilt or done.rebuilt
            total.seconds += done.seconds
            if last:
                total.unchanged = index.catalogue.document_count_rows() - total.added - total.updated
                break
    finally:
        if synced is None:
            cancel.set()  # an error or a cancel here: the reader stops at its next file
        child.join(30)
        if child.is_alive():
            child.kill()
            child.join()
    assert synced is not None
    return synced, total


def _sync_child(root: str, index_dir: str, max_file_bytes: int, out: Any, cancel: Any) -> None:
    """Runs in the reader process of _pipelined."""
    try:

        def progress(done: int, total: int, message: str) -> None:
            out.put(("progress", done, total, message))

        with Catalogue.open(Path(index_dir), Path(root)) as catalogue:
            stats = sync_catalogue(
                Path(root),
                catalogue,
                max_file_bytes=max_file_bytes,
                progress=progress,
                cancelled=cancel.is_set,
            )
        out.put(("done", stats))
    except Cancelled as exc:
        out.put(("cancelled", str(exc)))
    except ViewerError as exc:
        out.put(("error", str(exc)))
    except Exception as exc:  # reported to the parent, which shows it; the details go to the log
        logger.exception("Reading %s failed in the reader process", root)
        out.put(("error", f"{type(exc).__name__}: {exc}"))


def work_is_large(root: Path, index_dir: Path, *, engine: str, rebuild: bool) -> tuple[bool, Plan]:
    """Whether an update should run in a child process (stat only: no file is read), and the scan."""
    with Catalogue.open(index_dir, Path(root)) as catalogue:
        plan = plan_sync(Path(root), catalogue)
        if plan.bytes_to_read >= CHILD_MIN_BYTES:
            return True, plan
        documents = len(plan.states) + len(plan.to_read)
        if documents < CHILD_MIN_DOCUMENTS:
            return False, plan
        if rebuild or catalogue.index_identity(engine) == "":
            return True, plan
        return len(plan.to_read) + len(plan.removed) >= CHILD_MIN_DOCUMENTS, plan


def refresh_auto(
    root: Path,
    index_dir: Path,
    *,
    engine: str = "tantivy",
    max_file_bytes: int = DEFAULT_MAX_FILE_BYTES,
    rebuild: bool = False,
    progress: Progress = no_progress,
    cancelled: CancelCheck = never,
) -> RefreshStats:
    """`refresh`, in a child process when the work is large (see the module docstring)."""
    kwargs: dict[str, Any] = {"engine": engine, "max_file_bytes": max_file_bytes, "rebuild": rebuild}
    large, plan = work_is_large(root, index_dir, engine=engine, rebuild=rebuild)
    if large:  # the child scans again: the plan does not cross processes, and the folder may change
        stats = refresh_in_child(root, index_dir, progress=progress, cancelled=cancelled, **kwargs)
        stats.in_child = True
        return stats
    return refresh(root, index_dir, progress=progress, cancelled=cancelled, plan=plan, **kwargs)


def _child(root: str, index_dir: str, kwargs: dict[str, Any], out: Any, cancel: Any) -> None:
    """Runs in the child: refresh, reporting progress and the outcome on `out`."""
    try:

        def progress(done: int, total: int, message: str) -> None:
            out.put(("progress", done, total, message))

        stats = refresh(Path(root), Path(index_dir), progress=progress, cancelled=cancel.is_set, **kwargs)
        out.put(("done", stats))
    except Cancelled as exc:
        out.put(("cancelled", str(exc)))
    except ViewerError as exc:
        out.put(("error", str(exc)))
    except Exception as exc:  # reported to the caller, which shows it; the details go to the log
        logger.exception("Updating %s failed in the child process", root)
        out.put(("error", f"{type(exc).__name__}: {exc}"))


def refresh_in_child(
    root: Path,
    index_dir: Path,
    *,
    progress: Progress = no_progress,
    cancelled: CancelCheck = never,
    **kwargs: Any,
) -> RefreshStats:
    """`refresh` in a child process; raises Cancelled or ViewerError like it. Frozen builds can do it
    too: the entry point (viewer/__main__.py) calls freeze_support() first."""
    context = multiprocessing.get_context("spawn")  # never fork a process that runs Qt threads
    out = context.Queue()
    cancel = context.Event()
    child = context.Process(
        target=_child,
        args=(str(root), str(index_dir), kwargs, out, cancel),
        name="archive-viewer-indexer",
        # Not a daemon: it starts a reader process of its own (_pipelined); it is joined or
        # killed below, and stops at its next file when told to.
        daemon=False,
    )
    child.start()
    finished = False
    try:
        while True:
            if cancelled():
                cancel.set()
            try:
                reply = out.get(timeout=0.1)
            except queue_module.Empty:
                if not child.is_alive() and out.empty():
                    raise ViewerError(
                        f"The indexer stopped unexpectedly (exit code {child.exitcode}); what it finished is kept."
                    ) from None
                continue
            kind = reply[0]
            if kind == "progress":
                progress(reply[1], reply[2], reply[3])
            elif kind == "done":
                finished = True
                stats: RefreshStats = reply[1]
                return stats
            elif kind == "cancelled":
                raise Cancelled(reply[1])
            else:
                raise ViewerError(message("Updating the archive failed: {reason}", reason=reply[1]))
    finally:
        if not finished:
            cancel.set()  # an error here: the child stops at its next file, its work so far kept
        child.join(30)
        if child.is_alive():
            child.kill()
            child.join()
