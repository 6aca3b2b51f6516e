"""Issue 12's evaluation in full: prints the goals table (generated damage on People's Daily 1998, the real
pages in tests/core/repair/evaluation/real_pages.json, clean documents, the bundled notice).

    python tests/perf/bench_repair_eval.py [documents of each kind, default 300] [--details]
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO))

from tests.core.repair.evaluation import measure  # noqa: E402


def main() -> int:
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    documents = int(args[0]) if args else 300
    start = time.perf_counter()
    figures = measure.run(documents=documents)
    seconds = time.perf_counter() - start
    print(
        f"{figures.documents} documents of each kind (12 paragraphs of People's Daily 1998 each; the corpus "
        f"holds about 400 of each), {seconds:.1f} s\n"
    )
    print(measure.table(figures))
    if "--details" in sys.argv:
        for title, items in (
            ("chrome lines left", figures.chrome_left),
            ("body lines lost", figures.body_lost),
            ("metadata lines not read right", figures.metadata_wrong),
            ("page breaks left", figures.breaks_left),
            ("false joins", figures.false_joins),
            ("clean documents changed", figures.clean_changed),
            ("blank-separated clean documents changed", figures.blank_separated_changed),
            ("changes where nothing was damaged", figures.stray_changes),
            ("wrong restorations", figures.wrong_sites),
            ("real pages not exact", figures.real_notes),
        ):
            print(f"\n{title} ({len(items)}):")
            for item in items[:20]:
                print(f"  {item[:160]}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
