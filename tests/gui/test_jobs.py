"""The job helper: results and errors come back as signals; a long job leaves the event loop running."""

from __future__ import annotations

import threading

import pytest

from PySide6.QtCore import QThreadPool, QTimer

from viewer.errors import Cancelled
from viewer.gui.jobs import JobRunner, SynchronousPool

pytestmark = pytest.mark.qt_log_ignore("propagateSizeHints")


class DeferredPool:
    """A pool that only queues jobs: the test runs each one, on the UI thread, when it chooses."""

    def __init__(self) -> None:
        self.queued: list = []

    def start(self, runnable) -> None:
        self.queued.append(runnable)

    def run_next(self, name: str | None = None):
        """Run the oldest queued job (of that name); returns it."""
        job = next(j for j in self.queued if name is None or j.name == name)
        self.queued.remove(job)
        job.run()
        return job


def test_synchronous_pool_runs_jobs_inline(qtbot) -> None:
    runner = JobRunner(SynchronousPool())
    got: list[object] = []
    progress: list[tuple[int, int, str]] = []

    def work(progress, cancelled):
        progress(1, 2, "half")
        return 42

    runner.start("answer", work, succeeded=got.append, progressed=lambda *a: progress.append(a))
    assert got == [42]
    assert progress == [(1, 2, "half")]
    assert runner.active() == []


def test_failure_and_cancel_are_signalled(qtbot) -> None:
    runner = JobRunner(SynchronousPool())
    errors: list[Exception] = []
    runner.start("boom", lambda progress, cancelled: 1 / 0, failed=errors.append)
    assert isinstance(errors[0], ZeroDivisionError)

    def cancellable(progress, cancelled):
        if cancelled():
            raise Cancelled("stopped")
        return "done"

    pool = DeferredPool()
    runner = JobRunner(pool)
    errors.clear()
    succeeded: list[object] = []
    job = runner.start("never", cancellable, succeeded=succeeded.append, failed=errors.append)
    job.cancel()
    assert job.is_cancelled()
    pool.run_next()
    assert len(errors) == 1 and isinstance(errors[0], Cancelled)
    assert succeeded == []
    assert runner.active() == []


def test_long_index_job_does_not_block_the_event_loop(make_window, qtbot, monkeypatch) -> None:
    """The index job waits until the UI thread has handled timer events: a blocked loop would hang it."""
    import viewer.gui.archive_jobs as mw

    ticks: list[int] = []
    released = threading.Event()
    job_thread: list[threading.Thread] = []
    real_update = mw.update_index

    def slow_update(index_dir, archive, *, progress, cancelled, **options):
        job_thread.append(threading.current_thread())
        for step in range(100):
            if released.wait(0.05):
                break
            progress(step, 100, "indexing")
        if not released.is_set():
            raise RuntimeError("the event loop never processed the timer while indexing ran")
        return real_update(index_dir, archive, progress=progress, cancelled=cancelled, **options)

    monkeypatch.setattr(mw, "update_index", slow_update)
    pool = QThreadPool()
    window = make_window(pool=pool, start=False)
    timer = QTimer()
    timer.setInterval(10)

    def on_tick() -> None:
        ticks.append(1)
        if len(ticks) >= 5 and window.archive_jobs.is_busy():
            released.set()

    timer.timeout.connect(on_tick)
    timer.start()
    with qtbot.waitSignal(window.index_ready, timeout=20_000):
        window.start()
    timer.stop()
    assert released.is_set()
    assert job_thread and job_thread[0] is not threading.main_thread()
    assert window.search_index is not None
    assert not window.archive_jobs.is_busy()
    assert window.index_label.text() == "Index: ready"
    pool.waitForDone(5000)


def test_cancel_stops_the_index_job(make_window, qtbot, monkeypatch) -> None:
    import viewer.gui.archive_jobs as mw

    def endless(index_dir, archive, *, progress, cancelled, **options):
        while not cancelled():
            threading.Event().wait(0.01)
        raise Cancelled("Indexing cancelled")

    monkeypatch.setattr(mw, "update_index", endless)
    pool = QThreadPool()
    window = make_window(pool=pool, start=False)
    with qtbot.waitSignal(window.archive_loaded, timeout=20_000):
        window.start()
    qtbot.waitUntil(lambda: window.cancel_button.isVisibleTo(window), timeout=5000)
    window.cancel_button.click()
    qtbot.waitUntil(lambda: not window.archive_jobs.is_busy(), timeout=10_000)
    assert window.search_index is None
    pool.waitForDone(5000)


def test_index_built_in_a_child_process_is_searchable(seeds_dir, tmp_path) -> None:
    from viewer.core.search import SearchIndex
    from viewer.gui.index_process import update_index_in_child

    seen: list[tuple[int, int]] = []
    index_dir = tmp_path / "index"
    update_index_in_child(
        seeds_dir,
        64 * 1024 * 1024,
        index_dir,
        progress=lambda done, total, _m: seen.append((done, total)),
        cancelled=lambda: False,
    )
    assert seen
    with SearchIndex.open(index_dir) as index:
        assert not index.needs_rebuild
        results = index.search("区域合作")
        assert results.total_hits > 0


def test_child_indexer_cancel_keeps_nothing_half_written(seeds_dir, tmp_path) -> None:
    """Cancel once the child reports progress, i.e. while it is indexing, not before it starts."""
    from viewer.core.search import SearchIndex
    from viewer.gui.index_process import update_index_in_child

    # Enough documents that indexing lasts well beyond the moment the cancel reaches the child.
    archive = tmp_path / "archive"
    archive.mkdir()
    texts = [p.read_text(encoding="utf-8") for p in sorted(seeds_dir.glob("*.txt"))]
    for i in range(300):
        text = texts[i % len(texts)]
        start = (i * 997) % (len(text) - 1500)
        (archive / f"doc{i:04d}.txt").write_text(f"文档{i}\n\n{text[start : start + 1500]}", encoding="utf-8")
    seen: list[tuple[int, int]] = []
    index_dir = tmp_path / "index"
    with pytest.raises(Cancelled):
        update_index_in_child(
            archive,
            64 * 1024 * 1024,
            index_dir,
            progress=lambda done, total, _m: seen.append((done, total)),
            cancelled=lambda: bool(seen),
            rebuild=True,
        )
    assert seen and seen[0][0] < seen[0][1]  # the child had started indexing
    with SearchIndex.open(index_dir) as index:
        assert index.needs_rebuild  # nothing was committed


def test_a_replaced_reading_reports_late_without_touching_the_new_one(make_window, seeds_dir) -> None:
    """Opening the folder again cancels the first reading; its late "cancelled" must change nothing."""
    pool = DeferredPool()
    window = make_window(pool=pool, start=False)
    jobs = window.archive_jobs
    window.start()
    jobs.load_archive(seeds_dir)  # replaces the queued reading
    assert len(pool.queued) == 2
    old = pool.run_next("ingest")
    assert old.is_cancelled()
    assert jobs.is_working()
    assert window.archive_jobs.is_busy()
    assert window.archive_label.text() == f"Reading {seeds_dir.name}…"
    pool.run_next("ingest")  # the new reading
    assert window.archive is not None
    assert window.archive_label.text().endswith("MB")
    pool.run_next("index")
    assert not jobs.is_working()
    assert not window.archive_jobs.is_busy()
    assert window.index_label.text() == "Index: ready"
    found: list[object] = []
    window.search_finished.connect(found.append)
    window.run_search("区域合作")
    pool.run_next("search")
    assert found and found[0] is not None and found[0].total_hits > 0


def test_a_superseded_index_job_finishing_late_is_closed_not_installed(make_window, monkeypatch) -> None:
    """An index job replaced while it runs (past its cancel checks) still succeeds: drop its index."""
    import viewer.gui.archive_jobs as aj

    pool = DeferredPool()
    window = make_window(pool=pool, start=False)
    jobs = window.archive_jobs
    real_update = aj.update_index
    opened: list = []
    closed: list = []

    def update(index_dir, archive, **options):
        index = real_update(index_dir, archive, **options)
        real_close = index.close
        index.close = lambda: (closed.append(index), real_close())
        opened.append(index)
        if len(opened) == 1:
            jobs.start_indexing()  # the user asks again while this job is finishing
        return index

    monkeypatch.setattr(aj, "update_index", update)
    window.start()
    pool.run_next("ingest")
    pool.run_next("index")  # succeeds, but a newer index job replaced it meanwhile
    assert closed == [opened[0]]
    assert window.search_index is None
    assert jobs.is_working()
    assert window.index_label.text() == "Index: updating…"
    pool.run_next("index")
    assert window.search_index is opened[1]
    assert closed == [opened[0]]
    assert window.index_label.text() == "Index: ready"
    assert not window.archive_jobs.is_busy()
    window.search_index.close()
