"""Excerpts of the seeds in a throwaway store, and golden-file comparison for every export format."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests import golden_files
from tests.core.excerpt_samples import seed_excerpts
from viewer.core.excerpts import ExcerptStore


@pytest.fixture
def seed_store(tmp_path: Path, seeds_archive):
    with ExcerptStore(tmp_path / "excerpts.sqlite3") as store:
        seed_excerpts(seeds_archive, store)
        yield store


def check_golden(name: str, actual: str) -> None:
    """Compare with tests/golden/export/<name>."""
    golden_files.check_golden("export", name, actual)
