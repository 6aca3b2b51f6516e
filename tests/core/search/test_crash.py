"""Crash safety: SIGKILL a real indexing process at random moments; the next open always works."""

from __future__ import annotations

import hashlib
import os
import random
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from viewer.core.ingest import ingest_archive
from viewer.core.search import SearchIndex

REPO = Path(__file__).resolve().parents[3]
KILLS = 20

CHILD = """
import sys
from pathlib import Path
from viewer.core.ingest import ingest_archive
from viewer.core.search import SearchIndex
archive = ingest_archive(sys.argv[1])
index = SearchIndex.open(Path(sys.argv[2]))
print("indexing", flush=True)
index.update(archive, rebuild=sys.argv[3] == "rebuild")
print("done", flush=True)
"""

pytestmark = pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs SIGKILL")


def _state(archive: Path) -> frozenset[tuple[str, str]]:
    return frozenset(
        (p.relative_to(archive).as_posix(), hashlib.sha256(p.read_bytes()).hexdigest())
        for p in archive.rglob("*.txt")
    )


def _indexed(index: SearchIndex) -> frozenset[tuple[str, str]]:
    return frozenset((m["source"], m["sha256"]) for m in index.indexed().values())


def _mutate(archive: Path, rng: random.Random, step: int) -> None:
    files = sorted(archive.rglob("*.txt"))
    action = rng.randrange(3)
    if action == 0 and len(files) > 10:
        rng.choice(files).unlink()
    elif action == 1:
        (archive / f"added_{step}.txt").write_text(
            f"新增文件{step}\n\n区域合作第{step}号\n", encoding="utf-8"
        )
    for path in rng.sample(files, k=min(12, len(files))):
        if path.exists():
            with open(path, "a", encoding="utf-8") as handle:
                handle.write(f"\n修改{step}：協同發展\n")


def _run_child(archive: Path, index_dir: Path, mode: str, kill_after: float | None) -> tuple[bool, float]:
    """Run an indexing process; kill it `kill_after` seconds into indexing.

    Returns whether it finished, and how long its indexing ran.
    """
    env = dict(os.environ, PYTHONPATH=str(REPO))
    child = subprocess.Popen(
        [sys.executable, "-c", CHILD, str(archive), str(index_dir), mode],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
        cwd=REPO,
    )
    assert child.stdout is not None
    line = child.stdout.readline()
    assert line.strip() == "indexing", child.stderr.read() if child.stderr else line
    started = time.perf_counter()
    if kill_after is not None:
        time.sleep(kill_after)
        child.send_signal(signal.SIGKILL)
    out, err = child.communicate(timeout=120)
    if kill_after is None:
        assert child.returncode == 0, err
    return "done" in out, time.perf_counter() - started


def test_sigkill_while_indexing_never_breaks_the_index(
    tmp_path: Path, corpus_dir: Path, seeds_dir: Path
) -> None:
    archive = tmp_path / "archive"
    shutil.copytree(seeds_dir, archive)
    for path in sorted((corpus_dir / "poetry").rglob("*.txt"))[::12]:
        shutil.copy(path, archive / f"c_{path.parent.name}_{path.name}")
    index_dir = tmp_path / "index"
    rng = random.Random(20240611)

    finished, seconds = _run_child(archive, index_dir, "rebuild", None)
    assert finished
    duration = {"rebuild": seconds, "update": seconds / 2}  # how long indexing runs, per kind
    index = SearchIndex.open(index_dir)
    known = _indexed(index)
    assert known == _state(archive)
    index.close()

    interrupted = 0
    for step in range(KILLS):
        mode = "rebuild" if step % 3 == 0 else "update"
        if mode == "update":
            _mutate(archive, rng, step)
        after = _state(archive)
        finished, seconds = _run_child(archive, index_dir, mode, rng.uniform(0.0, duration[mode]))
        interrupted += not finished
        if finished:
            duration[mode] = seconds

        index = SearchIndex.open(index_dir)
        assert index.state == "ready", f"step {step}: {index.state} ({index.problem})"
        now = _indexed(index)
        assert now in (known, after), f"step {step}: neither the old nor the new index"
        if finished:
            assert now == after
        index.search("协同发展 OR 区域合作")  # readable end to end
        known = now
        index.close()

    print(f"{interrupted} of {KILLS} kills interrupted a running indexer")
    assert interrupted >= KILLS // 3, f"only {interrupted} of {KILLS} kills hit a running indexer"
    # The survivor brings itself up to date and answers exactly.
    index = SearchIndex.open(index_dir)
    index.update(ingest_archive(archive))
    assert _indexed(index) == _state(archive)
    assert index.search("区域合作").total_hits > 0
