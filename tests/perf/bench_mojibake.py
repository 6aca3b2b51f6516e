"""Mojibake repair on People's Daily sentences damaged by both mechanisms: outcomes and speed."""

from __future__ import annotations

import sys
import time
from collections import Counter
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO))

from tests.core.repair.test_mojibake_mechanisms import (  # noqa: E402
    clean_sentences,
    first_mechanism_outcomes,
    generated_outcomes,
)


def _line(name: str, counts: Counter[str], seconds: float) -> str:
    total = sum(counts[k] for k in ("exact", "marked", "left", "wrong"))
    shares = ", ".join(
        f"{k} {counts[k]} ({100 * counts[k] / total:.1f} %)" for k in ("exact", "marked", "left", "wrong")
    )
    runs = counts["runs_exact"] + counts["runs_marked"]
    return (
        f"{name}: {total} damaged sentences: {shares}; runs changed: {runs}, "
        f"exact {counts['runs_exact']} ({100 * counts['runs_exact'] / max(runs, 1):.1f} %); {seconds:.1f} s"
    )


def main(count: int = 300) -> None:
    sentences = clean_sentences(count)
    for name, run in (
        ("first mechanism", first_mechanism_outcomes),
        ("second mechanism", generated_outcomes),
    ):
        start = time.perf_counter()
        counts = run(sentences)
        print(_line(name, counts, time.perf_counter() - start))


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 300)
