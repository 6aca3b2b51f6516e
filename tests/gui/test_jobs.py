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


def test_long_refresh_job_does_not_block_the_event_loop(make_window, qtbot, monkeypatch) -> None:
    """The refresh job waits until the UI thread has handled timer events: a blocked loop would hang it."""
    import viewer.gui.archive_jobs as aj

    ticks: list[int] = []
    released = threading.Event()
    job_thread: list[threading.Thread] = []
    real_refresh = aj.refresh_auto

    def slow_refresh(root, index_dir, *, progress, cancelled, **options):
        job_thread.append(threading.current_thread())
        for step in range(100):
            if released.wait(0.05):
                break
            progress(step, 100, "indexing")
        if not released.is_set():
            raise RuntimeError("the event loop never processed the timer while indexing ran")
        return real_refresh(root, index_dir, progress=progress, cancelled=cancelled, **options)

    monkeypatch.setattr(aj, "refresh_auto", slow_refresh)
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
    qtbot.waitUntil(lambda: not window.archive_jobs.is_busy(), timeout=10_000)
    assert window.index_label.text() == "Index: ready"
    pool.waitForDone(5000)


def test_cancel_stops_the_refresh_job(make_window, qtbot, monkeypatch) -> None:
    import viewer.gui.archive_jobs as aj

    def endless(root, index_dir, *, progress, cancelled, **options):
        while not cancelled():
            threading.Event().wait(0.01)
        raise Cancelled("Indexing cancelled")

    monkeypatch.setattr(aj, "refresh_auto", endless)
    pool = QThreadPool()
    window = make_window(pool=pool, start=False)
    window.start()
    qtbot.waitUntil(lambda: window.cancel_button.isVisibleTo(window), timeout=10_000)
    window.cancel_button.click()
    qtbot.waitUntil(lambda: not window.archive_jobs.is_busy(), timeout=10_000)
    assert window.search_index is None  # nothing was ever indexed in this data dir
    assert window.index_label.text() == "Index: update cancelled"
    pool.waitForDone(5000)


def test_a_replaced_opening_reports_late_without_touching_the_new_one(make_window, seeds_dir) -> None:
    """Opening the folder again cancels the first opening; its late report must change nothing."""
    pool = DeferredPool()
    window = make_window(pool=pool, start=False)
    jobs = window.archive_jobs
    window.start()
    jobs.load_archive(seeds_dir)  # replaces the queued opening
    assert len(pool.queued) == 2
    old = pool.run_next("open")
    assert old.is_cancelled()
    assert jobs.is_working()
    assert window.archive_label.text() == f"Reading {seeds_dir.name}…"
    pool.run_next("open")  # the new opening: an empty catalogue, then its (missing) index
    assert window.archive is not None
    pool.run_next("index")
    assert window.search_index is None
    pool.run_next("refresh")
    assert window.archive_label.text().endswith("MB")
    assert not jobs.is_working()
    assert not window.archive_jobs.is_busy()
    assert window.index_label.text() == "Index: ready"
    found: list[object] = []
    window.search_finished.connect(found.append)
    window.run_search("区域合作")
    pool.run_next("search")
    assert found and found[0] is not None and found[0].total_hits > 0


def test_a_superseded_refresh_finishing_late_changes_nothing(make_window, monkeypatch) -> None:
    """A refresh replaced while it runs (past its cancel checks) still succeeds: only the newer one counts."""
    import viewer.gui.archive_jobs as aj

    pool = DeferredPool()
    window = make_window(pool=pool, start=False)
    jobs = window.archive_jobs
    real_refresh = aj.refresh_auto
    runs: list[object] = []

    def refresh(root, index_dir, **options):
        stats = real_refresh(root, index_dir, **options)
        runs.append(stats)
        if len(runs) == 1:
            jobs.start_refresh()  # the user asks again while this job is finishing
        return stats

    monkeypatch.setattr(aj, "refresh_auto", refresh)
    window.start()
    pool.run_next("open")
    pool.run_next("index")
    pool.run_next("refresh")  # succeeds, but a newer refresh replaced it meanwhile
    assert window.search_index is None
    assert jobs.is_working()
    pool.run_next("refresh")
    assert len(runs) == 2
    assert window.search_index is not None
    assert window.index_label.text() == "Index: ready"
    assert not window.archive_jobs.is_busy()


def test_a_second_start_paints_from_the_catalogue_before_any_file_is_read(
    make_window, seeds_dir, tmp_path, monkeypatch
) -> None:
    """With the catalogue and index stored, the tree and search are ready before the refresh runs."""
    import viewer.gui.archive_jobs as aj

    pool = DeferredPool()
    window = make_window(pool=pool, start=False)
    window.start()
    pool.run_next("open")
    pool.run_next("index")
    pool.run_next("refresh")
    window.close()

    def must_not_run(*args, **kwargs):
        raise AssertionError("the refresh ran before the window painted")

    monkeypatch.setattr(aj, "refresh_auto", must_not_run)
    pool2 = DeferredPool()
    again = make_window(pool=pool2, start=False)
    loaded: list[object] = []
    again.archive_loaded.connect(loaded.append)
    again.start()
    pool2.run_next("open")
    assert loaded and len(loaded[0].documents) == 5  # the tree, before the index is even checked
    assert again.search_index is None
    pool2.run_next("index")
    assert again.search_index is not None and again.index_label.text() == "Index: ready"
    assert [j.name for j in pool2.queued if j.name != "repairs"] == ["refresh"]  # queued, not yet run


def test_a_search_waiting_for_an_index_that_will_not_come_says_so(make_window, monkeypatch) -> None:
    """Enter during the first build, then Cancel: the waiting search must not promise to run."""
    import viewer.gui.archive_jobs as aj

    def cancelled_refresh(*args, **kwargs):
        raise Cancelled("Indexing cancelled")

    monkeypatch.setattr(aj, "refresh_auto", cancelled_refresh)
    pool = DeferredPool()
    window = make_window(pool=pool, start=False)
    window.start()
    pool.run_next("open")
    pool.run_next("index")
    window.run_search("区域合作")
    assert "runs when it is ready" in window.results.message.text()
    pool.run_next("refresh")  # cancelled: no index
    assert window.search_index is None
    assert "not available" in window.results.message.text()
    assert window.search._pending_query is None


def test_a_waiting_search_does_not_carry_over_to_another_archive(make_window, seeds_dir, tmp_path) -> None:
    import shutil

    other = tmp_path / "other"
    shutil.copytree(seeds_dir, other)
    pool = DeferredPool()
    window = make_window(pool=pool, start=False)
    window.start()
    pool.run_next("open")
    window.run_search("区域合作")  # waits for the index
    window.archive_jobs.load_archive(other)
    while pool.queued:
        pool.run_next()
    assert window.archive.root == other and window.search_index is not None
    assert window.results.results() is None  # nothing searched on its own
    assert window.search.query() == ""


def test_the_refresh_reads_into_a_new_archive_and_the_shown_one_is_left_alone(
    make_window, seeds_dir, tmp_path, monkeypatch
) -> None:
    """The refresh job never reloads the archive the window reads: it hands over a new one."""
    import shutil

    archive_dir = tmp_path / "archive"
    shutil.copytree(seeds_dir, archive_dir)
    window = make_window(archive=archive_dir)
    shown = window.archive
    reloads: list[object] = []
    monkeypatch.setattr(type(shown), "reload", lambda self: reloads.append(self))
    extra = sorted(seeds_dir.glob("*.txt"))[0]
    shutil.copy(extra, archive_dir / "copy.txt")
    window.archive_jobs.start_refresh()
    assert reloads == []
    assert window.archive is not shown and len(window.archive.documents) == len(shown.documents) + 1
    assert any(s.source == "copy.txt" for s in window.archive.documents)
    assert window.search_index.catalogue is window.archive.catalogue  # the index reads the new one


def test_no_job_starts_once_the_window_is_closed(make_window) -> None:
    """A callback that runs after the window closed (e.g. the index opened just then) starts nothing:
    a job outliving the window printed tracebacks at exit."""
    pool = DeferredPool()
    window = make_window(pool=pool, start=False)
    window.start()
    pool.run_next("open")
    window.close()
    pool.queued.clear()
    window.archive_jobs.start_refresh()
    window.archive_jobs.load_archive(window.archive_root)
    assert pool.queued == []


def test_a_job_whose_window_is_gone_ends_quietly(qtbot, caplog) -> None:
    """Its signals deleted with the window, a job stops at its next progress report, without a traceback."""
    from viewer.gui.jobs import Job

    seen: list[int] = []

    def work(progress, cancelled):
        for i in range(1000):
            progress(i, 1000, "")
            seen.append(i)
        return "done"

    job = Job("refresh", work)
    job.signals.deleteLater()
    qtbot.wait(10)  # the deferred delete runs
    job.run()
    assert len(seen) < 1000 and job.is_cancelled()
    assert not [r for r in caplog.records if r.levelname == "ERROR"]
