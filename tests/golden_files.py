"""Golden-file comparison shared by the repair, structure and export tests."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

GOLDEN = Path(__file__).resolve().parent / "golden"


def check_golden(folder: str, name: str, actual: str) -> None:
    """Compare with tests/golden/<folder>/<name>; UPDATE_GOLDEN=1 rewrites it (then check it by eye)."""
    path = GOLDEN / folder / name
    update = os.environ.get("UPDATE_GOLDEN") == "1"
    if update or not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(actual.encode("utf-8"))
        if not update:
            pytest.fail(f"golden file {path} was missing and has been written; check it and rerun")
    assert actual == path.read_bytes().decode("utf-8"), f"differs from golden {path}"
