"""Print MB/s for build_structure alone over ../shared/corpus (texts taken as already repaired).

Run: .venv/bin/python tests/perf/bench_structure.py [FOLDER]
Reports CPU time (process_time: steadier than wall time on a shared machine) and wall time, the best
of three rounds, with the garbage collector as in production and, for comparison, paused.
"""

from __future__ import annotations

import gc
import sys
import time
from pathlib import Path

from viewer.core.convert import detect_script
from viewer.core.documents import Document, document_id
from viewer.core.structure import build_structure

CORPUS = Path(__file__).resolve().parents[2].parent / "shared" / "corpus"


def load(folder: Path) -> list[tuple[str, str, int]]:
    files = sorted(p for p in folder.rglob("*") if p.suffix in (".txt", ".md") and p.is_file())
    out = []
    for path in files:
        data = path.read_bytes()
        out.append((path.relative_to(folder).as_posix(), data.decode("utf-8", "replace"), len(data)))
    return out


def run(texts: list[tuple[str, str, int]]) -> tuple[float, float, int]:
    docs = [
        Document(
            id=document_id(src),
            source=src,
            encoding="utf-8",
            raw_text=text,
            text=text,
            size=size,
            mtime=0.0,
            sha256="",
        )
        for src, text, size in texts
    ]
    cpu, wall = time.process_time(), time.perf_counter()
    for doc in docs:
        build_structure(doc)
    return time.process_time() - cpu, time.perf_counter() - wall, sum(len(d.paragraphs) for d in docs)


def main() -> None:
    folder = Path(sys.argv[1]) if len(sys.argv) > 1 else CORPUS
    texts = load(folder)
    megabytes = sum(size for _, _, size in texts) / 1e6
    detect_script("預熱")  # build the character tables once, as a running app has
    for label, paused in (("gc on", False), ("gc paused", True)):
        best_cpu = best_wall = float("inf")
        paragraphs = 0
        for _ in range(3):
            gc.collect()
            if paused:
                gc.disable()
            cpu, wall, paragraphs = run(texts)
            gc.enable()
            best_cpu, best_wall = min(best_cpu, cpu), min(best_wall, wall)
        print(
            f"structure ({label}): {len(texts)} files, {megabytes:.1f} MB, {paragraphs} paragraphs: "
            f"cpu {best_cpu:.2f}s = {megabytes / best_cpu:.1f} MB/s; wall {best_wall:.2f}s = "
            f"{megabytes / best_wall:.1f} MB/s"
        )


if __name__ == "__main__":
    main()
