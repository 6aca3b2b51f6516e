"""Clean documents that look a little like damage (verse, brackets, readings) come out of repair unchanged."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tests.core.repair.evaluation.clean import CLEAN_DOCUMENTS, NEWS, PROSE
from viewer.core.repair import repair_text


@pytest.mark.parametrize("name", sorted(CLEAN_DOCUMENTS))
def test_clean_document_unchanged(name: str) -> None:
    text = CLEAN_DOCUMENTS[name]
    repaired, repairs = repair_text(text)
    assert repaired == text
    assert repairs == []


def _verse_lines(path: Path) -> list[str]:
    """A file's verse lines: short lines of clause-punctuated text."""
    lines = [line.strip() for line in path.read_text(encoding="utf-8-sig").splitlines()]
    return [line for line in lines if 8 <= len(line) <= 16 and re.fullmatch("[\\w，。]+[，。]", line)]


def test_classical_verse_quoted_in_prose_unchanged(corpus_dir: Path) -> None:
    """Classical stanzas quoted without their last full stop (as newspapers print them), between prose."""
    files = sorted((corpus_dir / "poetry").rglob("*.txt"))[::80]
    assert len(files) >= 5
    checked = 0
    for path in files:
        verse = _verse_lines(path)[:8]
        if len(verse) < 8:
            continue
        stanzas = [verse[:4], verse[4:]]
        body = ["\n".join([*stanza[:-1], stanza[-1][:-1]]) for stanza in stanzas]
        text = "\n\n".join([PROSE, *body, NEWS])
        repaired, repairs = repair_text(text)
        assert (repaired, repairs) == (text, []), path
        checked += 1
    assert checked >= 5
