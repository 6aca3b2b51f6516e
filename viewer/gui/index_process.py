"""Build a large archive's search index in a child process, so the indexer's peak memory (Whoosh's
posting pool) is returned to the system when it exits instead of staying in the reading window.

The child re-reads the archive itself (document ids are derived from paths, so they match the
window's); progress and cancel travel over a queue and an event. Used from a job (jobs.py).
"""

from __future__ import annotations

import logging
import multiprocessing
import queue as queue_module
from collections.abc import Callable
from pathlib import Path
from typing import Any

from viewer.errors import Cancelled, ViewerError

logger = logging.getLogger(__name__)

# Archives smaller than this are indexed in-process: a child costs a Python start-up and a re-read.
SUBPROCESS_MIN_BYTES = 2_000_000


def _child(root: str, max_file_bytes: int, index_dir: str, rebuild: bool, out: Any, cancel: Any) -> None:
    """Runs in the child: ingest, update the index, report on `out`."""
    try:
        from viewer.core.ingest import ingest_archive
        from viewer.core.search import SearchIndex

        def progress(done: int, total: int, message: str) -> None:
            out.put(("progress", done, total, message))

        index = SearchIndex.open(Path(index_dir))
        try:
            if rebuild or index.needs_update(Path(root)):
                archive = ingest_archive(Path(root), max_file_bytes=max_file_bytes, cancelled=cancel.is_set)
                index.update(archive, progress=progress, cancelled=cancel.is_set, rebuild=rebuild)
        finally:
            index.close()
        out.put(("done",))
    except Cancelled as exc:
        out.put(("cancelled", str(exc)))
    except Exception as exc:  # reported to the window, which shows it
        out.put(("error", f"{type(exc).__name__}: {exc}"))


def update_index_in_child(
    root: Path,
    max_file_bytes: int,
    index_dir: Path,
    *,
    progress: Callable[[int, int, str], None],
    cancelled: Callable[[], bool],
    rebuild: bool = False,
) -> None:
    """Update the index of `root` in a child process; raises Cancelled or ViewerError like update()."""
    context = multiprocessing.get_context("spawn")  # never fork a process that runs Qt threads
    out = context.Queue()
    cancel = context.Event()
    child = context.Process(
        target=_child,
        args=(str(root), max_file_bytes, str(index_dir), rebuild, out, cancel),
        name="archive-viewer-indexer",
        daemon=True,
    )
    child.start()
    try:
        while True:
            if cancelled():
                cancel.set()
            try:
                message = out.get(timeout=0.1)
            except queue_module.Empty:
                if not child.is_alive() and out.empty():
                    raise ViewerError(
                        f"the indexer stopped unexpectedly (exit code {child.exitcode})"
                    ) from None
                continue
            kind = message[0]
            if kind == "progress":
                progress(message[1], message[2], message[3])
            elif kind == "done":
                return
            elif kind == "cancelled":
                raise Cancelled(message[1])
            else:
                raise ViewerError(f"indexing failed: {message[1]}")
    finally:
        child.join(30)
        if child.is_alive():
            child.kill()
            child.join()
