"""Shared fixtures: offscreen Qt, a throwaway data dir, and the bundled archive."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

REPO = Path(__file__).resolve().parent.parent
SEEDS = REPO / "seeds"
CORPUS = REPO.parent / "shared" / "corpus"


@pytest.fixture(autouse=True)
def _data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Never touch the real user data dir from a test."""
    home = tmp_path / "data"
    monkeypatch.setenv("ARCHIVE_VIEWER_HOME", str(home))
    return home


@pytest.fixture
def data_dir(_data_dir: Path) -> Path:
    return _data_dir


@pytest.fixture(scope="session")
def seeds_dir() -> Path:
    return SEEDS


@pytest.fixture(scope="session")
def seeds_archive():
    """The bundled archive, ingested once per test session (treat as read-only)."""
    from viewer.core.ingest import ingest_archive

    return ingest_archive(SEEDS)


@pytest.fixture(scope="session")
def corpus_dir() -> Path:
    if not CORPUS.is_dir():
        pytest.skip("../shared/corpus is not present")
    return CORPUS


@pytest.fixture(scope="session", autouse=True)
def _sphinx_clusters():
    """Stop the searchd processes that tests started (tests/sphinx_cluster.py), at the session's end."""
    yield
    from tests import sphinx_cluster

    sphinx_cluster.stop_all()
