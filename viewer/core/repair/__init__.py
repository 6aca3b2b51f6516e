"""Repairs for text damaged on its way into the archive; each rule is a pure function in its own module."""

from __future__ import annotations

from collections.abc import Iterable

from viewer.core.documents import Repair


def find_common_lines(texts: Iterable[str]) -> frozenset[str]:
    """Lines that recur across many documents of one archive: site chrome. (stub)"""
    return frozenset()


def repair_text(text: str, *, common_lines: frozenset[str] = frozenset()) -> tuple[str, list[Repair]]:
    """Run every repair in order; return the repaired text and what each rule changed. (stub)"""
    return text, []
