"""The window on a real thread pool, driven by keys: what a synchronous pool cannot show.

One Return once sent two to four searches at the same time (the editable box's returnPressed, then
its activated once the query was in the history); they shared one searcher and a failure was taken
for damage, so the index was rebuilt. These tests press the keys a user presses, with jobs on
threads, and compare every result with the core's.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from PySide6.QtCore import Qt

from viewer.gui.jobs import JobRunner

pytestmark = pytest.mark.qt_log_ignore("propagateSizeHints")


class SearchSpy:
    """Counts the search jobs the window starts and the damage it reports."""

    def __init__(self, window, monkeypatch) -> None:
        self.searches: list[str] = []
        self.rebuilds = 0
        self.damaged_messages = 0
        real_start = JobRunner.start_job

        def start_job(runner, job, **callbacks):
            if job.name == "search":
                self.searches.append(job.name)
            return real_start(runner, job, **callbacks)

        monkeypatch.setattr(JobRunner, "start_job", start_job)
        real_damaged = window.archive_jobs.index_damaged

        def index_damaged(message: str) -> None:
            self.rebuilds += 1
            real_damaged(message)

        monkeypatch.setattr(window.archive_jobs, "index_damaged", index_damaged)
        self._window = window

    def saw_damage(self) -> bool:
        return "damaged" in self._window.results.message.text()


def type_and_enter(qtbot, window, query: str) -> None:
    edit = window.search_bar.query_box.lineEdit()
    edit.setFocus()
    edit.selectAll()
    edit.insert(query)  # what an input method commits (QTest types ASCII keys only)
    qtbot.keyClick(edit, Qt.Key.Key_Return)


def wait_for_results(qtbot, window, query: str, timeout: int = 30_000) -> None:
    def done() -> bool:
        results = window.results.results()
        return results is not None and results.query.startswith(query) and not window.search._slot.busy()

    qtbot.waitUntil(done, timeout=timeout)


def same_as_core(window, query: str) -> None:
    results = window.results.results()
    expected = window.search_index.search(query, limit=len(results.hits))
    assert (results.total_hits, results.total_documents) == (expected.total_hits, expected.total_documents)
    assert [(h.doc_id, h.paragraph_id) for h in results.hits] == [
        (h.doc_id, h.paragraph_id) for h in expected.hits
    ]


def test_one_return_is_one_search_even_when_the_query_is_in_the_history(
    make_window, qtbot, pool, monkeypatch
) -> None:
    window = make_window(pool=pool)
    qtbot.waitUntil(lambda: window.search_index is not None, timeout=60_000)
    spy = SearchSpy(window, monkeypatch)
    for _ in range(3):  # the second and third time the query is in the history
        type_and_enter(qtbot, window, "区域合作")
        wait_for_results(qtbot, window, "区域合作")
    assert len(spy.searches) == 3
    same_as_core(window, "区域合作")
    assert spy.rebuilds == 0 and not spy.saw_damage()


def test_return_twice_quickly_leaves_the_last_search_shown(make_window, qtbot, pool, monkeypatch) -> None:
    window = make_window(pool=pool)
    qtbot.waitUntil(lambda: window.search_index is not None, timeout=60_000)
    spy = SearchSpy(window, monkeypatch)
    edit = window.search_bar.query_box.lineEdit()
    type_and_enter(qtbot, window, "合作")
    qtbot.keyClick(edit, Qt.Key.Key_Return)  # at once, before the first has answered
    type_and_enter(qtbot, window, "发展")
    qtbot.keyClick(edit, Qt.Key.Key_Return)
    wait_for_results(qtbot, window, "发展")
    same_as_core(window, "发展")
    assert spy.rebuilds == 0 and not spy.saw_damage()


def test_ctrl_k_then_return_searches_what_was_typed_not_a_history_entry(make_window, qtbot, pool) -> None:
    from viewer.settings import Settings

    window = make_window(pool=pool, settings=Settings(query_history=["量子计算机", "山水"]))
    qtbot.waitUntil(lambda: window.search_index is not None, timeout=60_000)
    edit = window.search_bar.query_box.lineEdit()
    edit.setFocus()
    edit.insert("山")
    window.commands.search_action.trigger()  # Ctrl+K: focus and select the query
    qtbot.keyClick(edit, Qt.Key.Key_Return)
    wait_for_results(qtbot, window, "山")
    assert window.results.results().query == "山"
    assert window.search.query() == "山"


def test_searches_while_indexing_and_after_a_rebuild_run_and_are_right(
    make_window, qtbot, pool, monkeypatch, seeds_dir, tmp_path: Path
) -> None:
    """A search typed while the first index is built waits and then runs; searches during a rebuild
    run on the index in place; none is taken for damage."""
    archive = tmp_path / "archive"
    shutil.copytree(seeds_dir, archive)
    window = make_window(pool=pool, archive=archive)
    spy = SearchSpy(window, monkeypatch)
    type_and_enter(qtbot, window, "合作")  # the index is being built
    wait_for_results(qtbot, window, "合作", timeout=120_000)
    same_as_core(window, "合作")
    window.archive_jobs.rebuild_index()
    for query in ("发展", "區域", "合作"):
        type_and_enter(qtbot, window, query)
        wait_for_results(qtbot, window, query, timeout=120_000)
        same_as_core(window, query)
    qtbot.waitUntil(lambda: not window.archive_jobs.is_working(), timeout=120_000)
    type_and_enter(qtbot, window, "區域合作")
    wait_for_results(qtbot, window, "區域合作")
    same_as_core(window, "區域合作")
    assert spy.rebuilds == 0 and not spy.saw_damage()


def test_opening_another_archive_mid_index_shows_only_the_new_one(
    make_window, qtbot, pool, seeds_dir, tmp_path: Path
) -> None:
    first = tmp_path / "first"
    shutil.copytree(seeds_dir, first)
    second = tmp_path / "second"
    second.mkdir()
    only = sorted(seeds_dir.glob("*.txt"))[0]
    shutil.copy(only, second / only.name)
    window = make_window(pool=pool, archive=first)
    qtbot.waitUntil(lambda: window.archive_jobs.is_working(), timeout=10_000)
    window.archive_jobs.load_archive(second)  # while the first is being read and indexed
    qtbot.waitUntil(
        lambda: window.search_index is not None and not window.archive_jobs.is_working(), timeout=120_000
    )
    assert window.archive.root == second
    assert [s.source for s in window.archive.documents] == [only.name]
    assert window.tree_model.first_document_id() == window.archive.documents[0].id
    type_and_enter(qtbot, window, only.read_text(encoding="utf-8-sig").strip()[:2])
    qtbot.waitUntil(lambda: window.results.results() is not None, timeout=30_000)
    assert {h.source for h in window.results.visible_hits()} <= {only.name}


def test_closing_while_jobs_run_is_quick_and_clean(make_window, qtbot, pool, seeds_dir, tmp_path) -> None:
    import time

    archive = tmp_path / "archive"
    shutil.copytree(seeds_dir, archive)
    window = make_window(pool=pool, archive=archive)
    qtbot.waitUntil(lambda: window.archive_jobs.is_working(), timeout=10_000)
    type_and_enter(qtbot, window, "合作")
    started = time.monotonic()
    window.close()
    elapsed = time.monotonic() - started
    assert pool.waitForDone(30_000)
    assert window.archive is None and window.search_index is None
    print(f"close while indexing: {elapsed:.2f} s")
