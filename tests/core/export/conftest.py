"""Excerpts of the seeds in a throwaway store, and golden-file comparison for every export format."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from tests.core.excerpt_samples import seed_excerpts
from viewer.core.excerpts import ExcerptStore

GOLDEN = Path(__file__).resolve().parents[2] / "golden" / "export"
UPDATE = bool(os.environ.get("UPDATE_GOLDEN"))


@pytest.fixture
def seed_store(tmp_path: Path, seeds_archive):
    with ExcerptStore(tmp_path / "excerpts.sqlite3") as store:
        seed_excerpts(seeds_archive, store)
        yield store


def check_golden(name: str, actual: str) -> None:
    """Compare with tests/golden/export/<name>; UPDATE_GOLDEN=1 rewrites it (check it by eye)."""
    path = GOLDEN / name
    if UPDATE or not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(actual.encode("utf-8"))
        if not UPDATE:
            pytest.fail(f"golden file {path} was missing and has been written; check it and rerun")
    assert actual == path.read_bytes().decode("utf-8"), f"differs from golden {path}"
