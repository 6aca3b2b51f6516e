"""Killing the app (SIGKILL) at any moment never loses or corrupts an excerpt whose save returned."""

from __future__ import annotations

import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.conftest import REPO
from viewer.core.anchor import text_hash
from viewer.core.excerpts import ExcerptStore

RUNS = 25


@pytest.mark.slow
@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs SIGKILL")
def test_sigkill_mid_write_never_loses_a_saved_excerpt(tmp_path: Path) -> None:
    path = tmp_path / "excerpts.sqlite3"
    rng = random.Random(5)
    saved: dict[int, str] = {}  # id -> text hash, for every add that returned
    notes: dict[int, tuple[int, int]] = {}  # id -> (run, counter) of the last edit that returned
    total_ops = 0
    for run in range(RUNS):
        worker = subprocess.Popen(
            [sys.executable, "-m", "tests.core.crash_worker", str(path), str(run)],
            cwd=REPO,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            env={**os.environ},
        )
        assert worker.stdout is not None
        assert worker.stdout.readline().strip() == b"READY", worker.stderr.read()
        time.sleep(rng.uniform(0.02, 0.4))  # a random moment, usually mid-transaction
        worker.send_signal(signal.SIGKILL)
        out, _ = worker.communicate()
        assert worker.returncode == -signal.SIGKILL
        for line in out.decode().splitlines():
            parts = line.split()
            if parts[:1] == ["A"] and len(parts) == 3:
                saved[int(parts[1])] = parts[2]
                total_ops += 1
            elif parts[:1] == ["N"] and len(parts) == 4:
                notes[int(parts[1])] = (int(parts[2]), int(parts[3]))
                total_ops += 1

        raw = sqlite3.connect(path)
        assert raw.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        raw.close()
        with ExcerptStore(path) as store:
            assert store.recovered is None
            assert store.integrity_check() == "ok"
            live = {e.id: e for e in store.list(all_collections=True)}
            for excerpt_id, digest in saved.items():
                excerpt = live.get(excerpt_id)
                assert excerpt is not None, f"run {run}: excerpt {excerpt_id} lost"
                assert excerpt.text_hash == digest == text_hash(excerpt.text), f"run {run}: {excerpt_id}"
            for excerpt_id, (note_run, counter) in notes.items():
                got_run, got_counter = map(int, live[excerpt_id].note.split(":"))
                # the edit that returned is there, or one made after it
                assert (got_run, got_counter) >= (note_run, counter), f"run {run}: note of {excerpt_id}"
            positions = [e.position for e in store.list()]
            assert len(positions) == len(set(positions)), "positions must stay unique"
    print(f"{RUNS} kills, {len(saved)} excerpts and {total_ops} confirmed operations checked")
    assert len(saved) > RUNS  # the kills did land while the worker was writing
