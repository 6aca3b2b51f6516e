"""Backends on a real thread pool: many searches at once, and searches while another thread commits."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest

from tests.core.search.test_search import _random_queries
from viewer.core.documents import Document
from viewer.core.ingest import Archive, ingest_archive
from viewer.core.progress import never, no_progress
from viewer.core.search.backend import SearchBackend
from viewer.core.search.engines import available_engines, open_backend
from viewer.core.search.query import parse_query

THREADS = 8
FIXED = [
    "之",
    "月",
    "赤峰",
    "合作 -赤峰",
    "(春 OR 秋) 月 -风",
    "kind:yearbook",
    "title:通知 -赤峰",
    "改过 OR 赤峰",
]


@pytest.fixture(scope="module", params=available_engines())
def engine(request: pytest.FixtureRequest) -> str:
    return str(request.param)


@pytest.fixture(scope="module")
def documents(seeds_archive: Archive, corpus_dir: Path) -> list[Document]:
    return list(seeds_archive.documents) + ingest_archive(corpus_dir / "poetry").documents[::15]


@pytest.fixture
def backend(tmp_path: Path, engine: str, documents: list[Document]) -> Iterator[SearchBackend]:
    opened = open_backend(engine, tmp_path / engine)
    opened.update(documents, [], reset=True, progress=no_progress, cancelled=never)
    yield opened
    opened.close()


def _queries(documents: list[Document]) -> list[str]:
    return FIXED + _random_queries(Archive(Path("."), documents), 40, seed=21)


def _answer(backend: SearchBackend, query: str, offset: int, limit: int | None) -> tuple[Any, ...]:
    page = backend.search(parse_query(query), offset=offset, limit=limit)
    hits = tuple((h.doc_id, h.paragraph) for h in page.hits)
    return (
        hits,
        page.total_hits,
        page.total_documents,
        tuple((k, tuple(v.items())) for k, v in page.facets.items()),
    )


SHAPES = [(0, None), (0, 20), (5, 7)]


def _answers(
    backend: SearchBackend, queries: list[str]
) -> dict[tuple[str, int, int | None], tuple[Any, ...]]:
    return {(q, o, n): _answer(backend, q, o, n) for q in queries for o, n in SHAPES}


def test_many_searches_at_once_equal_one_at_a_time(backend: SearchBackend, documents: list[Document]) -> None:
    queries = _queries(documents)
    expected = _answers(backend, queries)
    keys = list(expected) * 3
    with ThreadPoolExecutor(max_workers=THREADS) as pool:
        results = list(pool.map(lambda key: _answer(backend, *key), keys))
    for key, result in zip(keys, results, strict=True):
        assert result == expected[key], key


def test_searches_during_updates_see_before_or_after(
    backend: SearchBackend, documents: list[Document]
) -> None:
    queries = _queries(documents)
    before = _answers(backend, queries)
    edited = [
        replace(d, paragraphs=[replace(p, text=p.text + "改过") for p in d.paragraphs]) for d in documents[:3]
    ]
    removed = [documents[4].id, documents[10].id]
    restore = [documents[0], documents[1], documents[2], documents[4], documents[10]]

    def to_after() -> None:
        backend.update(edited, removed, progress=no_progress, cancelled=never)

    def to_before() -> None:
        backend.update(restore, [], progress=no_progress, cancelled=never)

    to_after()
    after = _answers(backend, queries)
    to_before()
    assert _answers(backend, queries) == before
    assert sum(before[k] != after[k] for k in before) >= 5, (
        "the two states must differ for the test to mean anything"
    )

    commits = [0]
    stop = threading.Event()

    def updater() -> None:
        while not stop.is_set():
            to_after()
            to_before()
            commits[0] += 2

    keys = list(before)

    def searches(worker: int) -> list[tuple[tuple[str, int, int | None], tuple[Any, ...]]]:
        """Search until the updater has committed a few times (each worker from its own place)."""
        found = []
        deadline = time.monotonic() + 120
        turn = worker
        while commits[0] < 6 or turn < worker + len(keys):
            key = keys[turn % len(keys)]
            found.append((key, _answer(backend, *key)))
            turn += 1
            assert time.monotonic() < deadline, "the updater made no progress"
        return found

    thread = threading.Thread(target=updater)
    thread.start()
    try:
        with ThreadPoolExecutor(max_workers=THREADS) as pool:
            results = [r for rs in pool.map(searches, range(0, THREADS * 7, 7)) for r in rs]
    finally:
        stop.set()
        thread.join()
    seen_after = 0
    for key, result in results:
        assert result in (before[key], after[key]), key
        seen_after += result == after[key] != before[key]
    assert seen_after, "no search saw the other state: the updates did not overlap the searches"
    assert backend.health.ready
