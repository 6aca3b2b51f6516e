"""Shared helpers for the repair tests: the seeds' raw texts and golden-file comparison."""

from __future__ import annotations

from tests import golden_files
from tests.conftest import SEEDS


def seed_text(name: str) -> str:
    """A seed's raw text (the seeds are UTF-8; decoding is tested elsewhere)."""
    (path,) = SEEDS.glob(f"{name}_*.txt")
    return path.read_text(encoding="utf-8-sig")


def check_golden(name: str, actual: str) -> None:
    """Compare with tests/golden/repair/<name>."""
    golden_files.check_golden("repair", name, actual)
