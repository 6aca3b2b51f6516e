"""The real classical-Chinese corpus is undamaged: no repair may fire on it, not even whitespace."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

from viewer.core.repair import find_common_lines, repair_text


def test_corpus_gets_no_repairs(corpus_dir: Path) -> None:
    files = sorted(p for p in corpus_dir.rglob("*") if p.suffix in {".txt", ".md"} and p.is_file())
    assert len(files) >= 800
    texts = [p.read_text(encoding="utf-8-sig") for p in files]
    common = find_common_lines(texts)
    assert common == frozenset()  # its poems share short lines ("西湖" in 17 % of files), not chrome
    fired: Counter[str] = Counter()
    examples: dict[str, str] = {}
    for path, text in zip(files, texts, strict=True):
        repaired, repairs = repair_text(text, common_lines=common)
        assert repaired == text.removesuffix("\n"), path
        for repair in repairs:
            fired[repair.kind] += repair.count
            examples.setdefault(repair.kind, f"{path}: {repair.changes[:1]}")
    assert not fired, examples
