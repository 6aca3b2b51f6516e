"""The job helper: results and errors come back as signals; a long job leaves the event loop running."""

from __future__ import annotations

import threading

import pytest

from PySide6.QtCore import QThreadPool, QTimer

from viewer.errors import Cancelled
from viewer.gui.jobs import JobRunner, SynchronousPool

pytestmark = pytest.mark.qt_log_ignore("propagateSizeHints")


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

    job = runner.start("never", cancellable, failed=errors.append)
    job.cancel()
    assert job.is_cancelled()


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
        if len(ticks) >= 5 and window.is_busy():
            released.set()

    timer.timeout.connect(on_tick)
    timer.start()
    with qtbot.waitSignal(window.index_ready, timeout=20_000):
        window.start()
    timer.stop()
    assert released.is_set()
    assert job_thread and job_thread[0] is not threading.main_thread()
    assert window.search_index is not None
    assert not window.is_busy()
    assert window.index_label.text()
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
    qtbot.waitUntil(lambda: not window.is_busy(), timeout=10_000)
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
    from viewer.core.search import SearchIndex
    from viewer.gui.index_process import update_index_in_child

    index_dir = tmp_path / "index"
    with pytest.raises(Cancelled):
        update_index_in_child(
            seeds_dir,
            64 * 1024 * 1024,
            index_dir,
            progress=lambda *a: None,
            cancelled=lambda: True,
            rebuild=True,
        )
    with SearchIndex.open(index_dir) as index:
        assert index.needs_rebuild  # nothing was committed
