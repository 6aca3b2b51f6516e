"""The helpers that run long core work off the UI thread and signal back: Job, JobRunner, JobSlot.

The threading model, in one place:
- The UI thread builds widgets and reads at most a catalogue row (opening a document); it never
  reads archive files, never indexes, never searches.
- Jobs run on the window's QThreadPool; their results come back as queued signals. A job never
  touches a widget.
- Each shared resource has one JobSlot, which runs at most one job that matters at a time: a new
  job supersedes the slot's running one (it is cancelled, and its late reports are dropped; a result
  it still returns goes to `discarded` so an opened index or catalogue gets closed). The slots:
  "reading"  (archive_jobs.py) reads the stored catalogue summaries, then opens the stored index;
  "indexing" (archive_jobs.py) brings the catalogue and the index up to date (in a child process when
            large: core/archive_update.py), or rebuilds the index;
  "search"   (search_controller.py) runs one search or fetches a further page of its hits. One Enter
            is one search; a newer one supersedes it, so searches never pile up on the pool;
  "check"    (search_controller.py) the index's integrity check after a failed search;
  "kwic"     (results_views.py) every match of the search for the KWIC tab, when it is shown;
  "repairs"  (mainwindow.py) the open document's raw file and where its repairs lie;
  "pdf-page" (pdf_page_controller.py) renders the PDF page of the current paragraph; pdfium is not
            thread-safe, so it holds the PDF reader's lock (viewer/render/pdf_page.py).
- The catalogue is SQLite in WAL mode: one writer (indexing) and any number of readers; each thread
  has its own connection. A search may run while indexing commits (tantivy searchers see the index
  before or after a commit, never between).
- Closing the window cancels every slot and waits for the pool; a job never outlives the window.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from typing import Any, Protocol

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal

from viewer.errors import Cancelled

logger = logging.getLogger(__name__)

# The work a job runs: a core function taking progress= and cancelled= keyword arguments.
Work = Callable[..., Any]


class Pool(Protocol):
    """What a job runner needs of a pool: QThreadPool, or a synchronous stand-in in tests."""

    def start(self, runnable: QRunnable) -> None: ...


class SynchronousPool:
    """A pool whose start() runs the job at once on the calling thread (tests: no waiting, no races)."""

    def start(self, runnable: QRunnable) -> None:
        runnable.run()


class JobSignals(QObject):
    """A job's events; they are queued to the UI thread because this object lives there."""

    progressed = Signal(int, int, str)  # done, total, message
    succeeded = Signal(object)  # the work's return value
    failed = Signal(object)  # the exception (viewer.errors.Cancelled when cancelled)
    finished = Signal(object)  # the job itself, after succeeded or failed


class Job(QRunnable):
    """One piece of core work with a cancel flag; never touches widgets, only emits signals."""

    def __init__(self, name: str, work: Work) -> None:
        super().__init__()
        self.setAutoDelete(False)  # the runner keeps it until finished; Python owns it
        self.name = name
        self.signals = JobSignals()
        self._work = work
        self._cancel = threading.Event()

    def cancel(self) -> None:
        """Ask the work to stop at its next cancel check."""
        self._cancel.set()

    def is_cancelled(self) -> bool:
        return self._cancel.is_set()

    def _progress(self, done: int, total: int, message: str = "") -> None:
        try:
            self.signals.progressed.emit(int(done), int(total), str(message))
        except RuntimeError:  # the window is gone (the app is exiting): stop at once
            self.cancel()
            raise Cancelled(f"{self.name}: the window is closed") from None

    def run(self) -> None:
        try:
            if self.is_cancelled():
                raise Cancelled(f"{self.name} cancelled")
            result = self._work(progress=self._progress, cancelled=self.is_cancelled)
        except Exception as exc:  # every failure goes back to the UI thread as a signal
            if not isinstance(exc, Cancelled):
                logger.exception("Job %s failed", self.name)
            self._report(self.signals.failed, exc)
        else:
            self._report(self.signals.succeeded, result)
        self._report(self.signals.finished, self)

    def _report(self, signal: Any, value: Any) -> None:
        try:
            signal.emit(value)
        except RuntimeError:  # the signals' owner was deleted with the window: nobody to tell
            logger.debug("Job %s finished after its window closed", self.name)


class JobRunner(QObject):
    """Starts jobs on a pool and keeps them alive until they finish."""

    def __init__(self, pool: Pool | None = None, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._pool: Pool = pool if pool is not None else QThreadPool.globalInstance()
        self._active: set[Job] = set()

    def start(
        self,
        name: str,
        work: Work,
        *,
        succeeded: Callable[[Any], None] | None = None,
        failed: Callable[[Exception], None] | None = None,
        progressed: Callable[[int, int, str], None] | None = None,
    ) -> Job:
        """Run `work(progress=..., cancelled=...)` on the pool; callbacks run on the UI thread."""
        job = self.create(name, work)
        self.start_job(job, succeeded=succeeded, failed=failed, progressed=progressed)
        return job

    def create(self, name: str, work: Work) -> Job:
        """A job not started yet, so a caller can record it (or bind it in callbacks) before it runs."""
        return Job(name, work)

    def start_job(
        self,
        job: Job,
        *,
        succeeded: Callable[[Any], None] | None = None,
        failed: Callable[[Exception], None] | None = None,
        progressed: Callable[[int, int, str], None] | None = None,
    ) -> None:
        """Start a job from create(); callbacks run on the UI thread (at once with a synchronous pool)."""
        if progressed is not None:
            job.signals.progressed.connect(progressed)
        if succeeded is not None:
            job.signals.succeeded.connect(succeeded)
        if failed is not None:
            job.signals.failed.connect(failed)
        # A bound method of this QObject, so the call is queued to the UI thread.
        job.signals.finished.connect(self._on_job_finished)
        self._active.add(job)
        self._pool.start(job)

    def active(self) -> list[Job]:
        return list(self._active)

    def cancel_all(self) -> None:
        for job in list(self._active):
            job.cancel()

    def wait(self, msecs: int = 5000) -> bool:
        """Block until the pool is idle (used on quit so no job outlives the window)."""
        if isinstance(self._pool, QThreadPool):
            return bool(self._pool.waitForDone(msecs))
        return True

    def _on_job_finished(self, job: Job) -> None:
        self._active.discard(job)


class JobSlot(QObject):
    """The one current job of a resource: starting a job cancels the previous one, whose reports are dropped."""

    def __init__(self, runner: JobRunner, name: str, parent: QObject | None = None) -> None:
        super().__init__(parent if parent is not None else runner)
        self._runner = runner
        self.name = name
        self._job: Job | None = None

    def start(
        self,
        work: Work,
        *,
        succeeded: Callable[[Any], None] | None = None,
        failed: Callable[[Exception], None] | None = None,
        progressed: Callable[[int, int, str], None] | None = None,
        discarded: Callable[[Any], None] | None = None,
        label: str = "",
    ) -> Job:
        """Run `work` as this slot's job; callbacks run on the UI thread only while it is still current.

        `discarded(result)` receives what a superseded job returned anyway (to close it)."""
        self.cancel()
        job = self._runner.create(label or self.name, work)
        self._job = job

        def on_succeeded(result: Any) -> None:
            if job is not self._job:
                if discarded is not None:
                    discarded(result)
                return
            self._job = None
            if succeeded is not None:
                succeeded(result)

        def on_failed(error: Exception) -> None:
            if job is not self._job:
                return
            self._job = None
            if failed is not None:
                failed(error)

        def on_progressed(done: int, total: int, message: str) -> None:
            if job is self._job and progressed is not None:
                progressed(done, total, message)

        self._runner.start_job(job, succeeded=on_succeeded, failed=on_failed, progressed=on_progressed)
        return job

    def current(self) -> Job | None:
        """The running job whose reports will be taken (None when idle)."""
        return self._job

    def busy(self) -> bool:
        return self._job is not None

    def cancel(self) -> None:
        """Cancel the running job and drop whatever it reports from now on."""
        if self._job is not None:
            self._job.cancel()
            self._job = None
