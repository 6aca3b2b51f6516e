"""Repair speed alone on ../shared/corpus (texts decoded up front): prints MB/s per rule and overall."""

from __future__ import annotations

import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO))

from viewer.core.repair import find_common_lines, repair_text  # noqa: E402
from viewer.core.repair.chrome import remove_chrome  # noqa: E402
from viewer.core.repair.doubled import repair_doubled  # noqa: E402
from viewer.core.repair.mojibake import repair_mojibake  # noqa: E402
from viewer.core.repair.pagebreaks import join_page_breaks  # noqa: E402
from viewer.core.repair.pinyin import remove_glosses  # noqa: E402
from viewer.core.repair.whitespace import normalise_line_endings, normalise_whitespace  # noqa: E402

CORPUS = REPO.parent / "shared" / "corpus"
RULES = {
    "line_endings": normalise_line_endings,
    "doubled": repair_doubled,
    "mojibake": repair_mojibake,
    "pinyin_gloss": remove_glosses,
    "chrome": remove_chrome,
    "page_break": join_page_breaks,
    "whitespace": normalise_whitespace,
}


def _timed(func: Callable[[], object], runs: int = 3) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        func()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> int:
    root = Path(sys.argv[1]) if len(sys.argv) > 1 else CORPUS
    if not root.is_dir():
        print(f"corpus not found: {root}")
        return 1
    files = sorted(p for p in root.rglob("*") if p.suffix in {".txt", ".md"} and p.is_file())
    texts = [p.read_text(encoding="utf-8-sig", errors="replace") for p in files]
    mb = sum(len(t.encode("utf-8")) for t in texts) / 1e6
    print(f"corpus: {root} ({len(texts)} files, {mb:.2f} MB of UTF-8), median of 3 runs")
    common_s = _timed(lambda: find_common_lines(texts))
    common = find_common_lines(texts)
    total_s = _timed(lambda: [repair_text(t, common_lines=common) for t in texts])
    fired = sum(len(repair_text(t, common_lines=common)[1]) for t in texts)
    print(f"find_common_lines: {common_s:.3f} s = {mb / common_s:.1f} MB/s ({len(common)} common lines)")
    print(f"repair_text:       {total_s:.3f} s = {mb / total_s:.1f} MB/s ({fired} repairs fired)")
    print(f"both:              {mb / (common_s + total_s):.1f} MB/s")
    for name, rule in RULES.items():

        def run(rule: Callable[[str], object] = rule) -> None:
            for text in texts:
                rule(text)

        seconds = _timed(run)
        print(f"  {name:<13} {seconds:.3f} s = {mb / seconds:.1f} MB/s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
