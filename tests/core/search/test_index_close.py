"""Closing an index while searches run on it: the window replaces its index while a search job may
still be reading the old one; the old one closes when the last search ends, and later ones are told."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest

from tests.core.search.indexing import build_index
from viewer.core.search.index import IndexClosed


def test_close_waits_for_the_searches_in_flight(seeds_archive, tmp_path: Path) -> None:
    index = build_index(seeds_archive.documents, tmp_path / "index")
    closed = threading.Event()
    real_close = index.backend.close

    def close_backend() -> None:
        closed.set()
        real_close()

    index.backend.close = close_backend  # type: ignore[method-assign]
    inside, release = threading.Event(), threading.Event()
    real_search = index.backend.search
    answers: list[int] = []

    def slow_search(*args, **kwargs):
        inside.set()
        release.wait(10)
        return real_search(*args, **kwargs)

    index.backend.search = slow_search  # type: ignore[method-assign]
    thread = threading.Thread(target=lambda: answers.append(index.search("合作").total_hits))
    thread.start()
    assert inside.wait(10)
    index.close()  # the window installs a new index now
    assert not closed.is_set()  # the search in flight still has its index
    release.set()
    thread.join(10)
    assert answers and answers[0] > 0
    assert closed.is_set()  # the last one out closed it
    with pytest.raises(IndexClosed):
        index.search("合作")
    index.close()  # twice is harmless


def test_close_without_searches_is_at_once(seeds_archive, tmp_path: Path) -> None:
    index = build_index(seeds_archive.documents, tmp_path / "index")
    closed: list[bool] = []
    real_close = index.backend.close
    index.backend.close = lambda: (closed.append(True), real_close())  # type: ignore[method-assign]
    index.close()
    assert closed == [True]
