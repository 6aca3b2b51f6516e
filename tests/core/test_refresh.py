"""Bringing an archive up to date (catalogue, then index): only changes, exact results, kills lose nothing."""

from __future__ import annotations

import os
import random
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.core.search.brute_force import matching
from tests.core.search.indexing import engines
from viewer.core.archive_update import open_archive, refresh, refresh_in_child
from viewer.core.catalogue import Catalogue
from viewer.core.ingest import ingest_archive
from viewer.core.search import SearchIndex
from viewer.core.search.query import parse_query
from viewer.errors import Cancelled

REPO = Path(__file__).resolve().parents[2]
QUERIES = ["区域合作", "協同發展", "赤峰 -通辽", "月 OR 风", "kind:yearbook", "明月"]


def _hits(index: SearchIndex, query: str) -> set[tuple[str, str]]:
    results = index.search(query, limit=None)
    assert len(results.hits) == results.total_hits
    return {(h.doc_id, h.paragraph_id) for h in results.hits}


def _assert_exact(root: Path, index_dir: Path, engine: str) -> None:
    expected = ingest_archive(root)
    archive = open_archive(root, index_dir)
    with SearchIndex.open(index_dir, archive.catalogue, engine) as index:
        assert index.ready, index.problem
        for query in QUERIES:
            assert _hits(index, query) == matching(expected.documents, parse_query(query)), query
    archive.catalogue.close()


@pytest.fixture
def archive(tmp_path: Path, seeds_dir: Path, corpus_dir: Path) -> Path:
    root = tmp_path / "archive"
    shutil.copytree(seeds_dir, root)
    (root / "poetry").mkdir()
    for path in sorted((corpus_dir / "poetry").rglob("*.txt"))[::15]:
        shutil.copy(path, root / "poetry" / path.name)
    return root


@pytest.mark.parametrize("engine", engines())
def test_refresh_reads_and_indexes_only_changes(archive: Path, tmp_path: Path, engine: str) -> None:
    index_dir = tmp_path / "ix"
    first = refresh(archive, index_dir, engine=engine)
    assert first.catalogue.added == len(list(archive.rglob("*.txt")))
    assert first.index is not None and first.index.rebuilt
    _assert_exact(archive, index_dir, engine)
    again = refresh(archive, index_dir, engine=engine)
    assert not again.changed and again.index is not None and again.index.unchanged == first.catalogue.added
    files = sorted(archive.rglob("*.txt"))
    files[0].unlink()
    files[1].write_text("新的标题\n\n区域合作与協同發展，明月。\n", encoding="utf-8")
    (archive / "新增.txt").write_text("新增\n\n赤峰的明月。\n", encoding="utf-8")
    third = refresh(archive, index_dir, engine=engine)
    assert (third.catalogue.added, third.catalogue.updated, third.catalogue.removed) == (1, 1, 1)
    assert third.index is not None and not third.index.rebuilt
    assert (third.index.added, third.index.updated, third.index.removed) == (1, 1, 1)
    _assert_exact(archive, index_dir, engine)


def test_an_index_missing_or_rebuilt_is_filled_from_the_catalogue(archive: Path, tmp_path: Path) -> None:
    index_dir = tmp_path / "ix"
    refresh(archive, index_dir)
    shutil.rmtree(index_dir / "tantivy")
    stats = refresh(archive, index_dir)
    assert stats.catalogue.unchanged and not stats.catalogue.changed  # no file read again
    assert stats.index is not None and stats.index.rebuilt
    _assert_exact(archive, index_dir, "tantivy")
    assert refresh(archive, index_dir, rebuild=True).index.rebuilt  # type: ignore[union-attr]
    _assert_exact(archive, index_dir, "tantivy")


def test_cancel_then_finish(archive: Path, tmp_path: Path) -> None:
    index_dir = tmp_path / "ix"
    calls = iter(range(10**6))
    with pytest.raises(Cancelled):
        refresh(archive, index_dir, cancelled=lambda: next(calls) > 5)
    refresh(archive, index_dir)
    _assert_exact(archive, index_dir, "tantivy")


def test_reading_and_indexing_side_by_side(
    archive: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Large updates read in a second process while this one indexes in rounds: the same result."""
    import viewer.core.archive_update as archive_update

    monkeypatch.setattr(archive_update, "PIPELINE_MIN_BYTES", 0)
    monkeypatch.setattr(archive_update, "PIPELINE_ROUND_SECONDS", 0.05)
    index_dir = tmp_path / "ix"
    rounds: list[object] = []
    real_update = SearchIndex.update

    def counted(self: SearchIndex, **kwargs: object) -> object:
        rounds.append(kwargs)
        return real_update(self, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(SearchIndex, "update", counted)
    stats = refresh(archive, index_dir)
    count = len(list(archive.rglob("*.txt")))
    assert stats.catalogue.added == count
    assert stats.index is not None and stats.index.rebuilt and stats.index.added == count
    assert stats.index.unchanged == 0
    assert len(rounds) >= 2  # the index followed the reading, then made itself exact
    _assert_exact(archive, index_dir, "tantivy")
    (archive / "新增.txt").write_text("新增\n\n赤峰的明月。\n", encoding="utf-8")
    again = refresh(archive, index_dir)
    assert (again.catalogue.added, again.index.added, again.index.unchanged) == (1, 1, count)  # type: ignore[union-attr]
    _assert_exact(archive, index_dir, "tantivy")


def test_a_large_refresh_in_a_child_process_reads_in_a_grandchild(tmp_path: Path, corpus_dir: Path) -> None:
    """What the window does with a large archive: a child process, which reads in a second one."""
    import viewer.core.archive_update as archive_update

    root = tmp_path / "large"
    root.mkdir()
    size = 0
    for path in sorted((corpus_dir / "poetry").rglob("*.txt")):
        shutil.copy(path, root / path.name)
        size += path.stat().st_size
        if size > archive_update.PIPELINE_MIN_BYTES * 1.2:
            break
    stats = refresh_in_child(root, tmp_path / "ix", engine="tantivy")
    assert stats.catalogue.added == len(list(root.glob("*.txt")))
    assert stats.index is not None and stats.index.added == stats.catalogue.added


def test_refresh_in_a_child_process(archive: Path, tmp_path: Path) -> None:
    index_dir = tmp_path / "ix"
    seen = []
    stats = refresh_in_child(
        archive, index_dir, progress=lambda d, t, m: seen.append((d, t)), engine="tantivy"
    )
    assert stats.catalogue.added and stats.index is not None and stats.index.rebuilt
    assert seen and seen[-1] == (1000, 1000)
    _assert_exact(archive, index_dir, "tantivy")


CHILD = """
import sys
from pathlib import Path
from viewer.core import sync
from viewer.core.archive_update import refresh
sync.BATCH_DOCUMENTS = 3
print("started", flush=True)
refresh(Path(sys.argv[1]), Path(sys.argv[2]), rebuild=sys.argv[3] == "rebuild")
print("done", flush=True)
"""


def _mutate(root: Path, rng: random.Random, step: int) -> None:
    files = sorted(root.rglob("*.txt"))
    if rng.random() < 0.4 and len(files) > 10:
        rng.choice(files).unlink()
    if rng.random() < 0.5:
        (root / f"added_{step}.txt").write_text(
            f"新增文件{step}\n\n区域合作第{step}号，明月。\n", encoding="utf-8"
        )
    for path in rng.sample(files, k=min(30, len(files))):
        if path.exists():
            with open(path, "a", encoding="utf-8") as handle:
                handle.write(f"\n修改{step}：協同發展\n")


@pytest.mark.slow
@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs SIGKILL")
def test_sigkill_while_updating_never_breaks_anything(archive: Path, tmp_path: Path) -> None:
    index_dir = tmp_path / "ix"
    refresh(archive, index_dir)

    def run(mode: str, kill_after: float | None) -> tuple[bool, float]:
        child = subprocess.Popen(
            [sys.executable, "-c", CHILD, str(archive), str(index_dir), mode],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            cwd=REPO,
            env=dict(os.environ, PYTHONPATH=str(REPO)),
        )
        assert child.stdout is not None
        child.stdout.readline()
        started = time.perf_counter()
        if kill_after is not None:
            time.sleep(kill_after)
            child.send_signal(signal.SIGKILL)
        out, _err = child.communicate(timeout=120)
        return "done" in out, time.perf_counter() - started

    finished, duration = run("rebuild", None)  # how long a whole update runs here
    assert finished
    rng = random.Random(20261204)
    interrupted = 0
    for step in range(12):
        mode = "rebuild" if step % 3 == 0 else "update"
        if mode == "update":
            _mutate(archive, rng, step)
        finished, _seconds = run(mode, rng.uniform(0.05, 0.9) * duration)
        interrupted += not finished
        # What the kill left opens and answers; then one update makes everything exact again.
        with Catalogue.open(index_dir, archive) as catalogue:
            assert catalogue.check() == ""
            with SearchIndex.open(index_dir, catalogue) as index:
                assert index.ready, f"step {step}: {index.problem}"
                index.search("协同发展 OR 区域合作")
        refresh(archive, index_dir)
        _assert_exact(archive, index_dir, "tantivy")
    assert interrupted >= 4, f"only {interrupted} kills hit a running update"
