"""Shared helpers for the repair tests: the seeds' raw texts and golden-file comparison."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from tests.conftest import SEEDS

GOLDEN = Path(__file__).resolve().parents[2] / "golden" / "repair"
UPDATE = os.environ.get("UPDATE_GOLDEN") == "1"


def seed_text(name: str) -> str:
    """A seed's raw text (the seeds are UTF-8; decoding is tested elsewhere)."""
    (path,) = SEEDS.glob(f"{name}_*.txt")
    return path.read_text(encoding="utf-8-sig")


def check_golden(name: str, actual: str) -> None:
    """Compare with tests/golden/repair/<name>; UPDATE_GOLDEN=1 rewrites it (check it by eye)."""
    path = GOLDEN / name
    if UPDATE or not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(actual.encode("utf-8"))
        if not UPDATE:
            pytest.fail(f"golden file {path} was missing and has been written; check it and rerun")
    assert actual == path.read_bytes().decode("utf-8"), f"differs from golden {path}"
