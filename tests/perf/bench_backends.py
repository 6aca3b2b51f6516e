"""Backend benchmark: each search engine's build time, size and query latency on the same documents.

Run: .venv/bin/python tests/perf/bench_backends.py [--size MB] [--engines tantivy,whoosh] [--work DIR]

--size 10 (the default) is the poetry corpus itself; larger sizes are the corpus replicated by
tests/perf/scale_archive.py into --work (kept and reused). The archive is ingested once (not timed
as part of any build); every engine then indexes the same Documents, and SQLite FTS5 (trigram) the
same folded paragraphs, as the yardstick for build speed and size. Queries are bench_search.py's,
with limit 500, run twice (the second pass is the warm figure); "first query" is a fresh interpreter
that imports, opens the index and runs one query. The machine is shared: figures are noisy.
"""

from __future__ import annotations

import argparse
import gc
import os
import shutil
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO))

from tests.perf.bench_search import QUERIES  # noqa: E402
from viewer.core.documents import Document  # noqa: E402
from viewer.core.folding import fold  # noqa: E402
from viewer.core.ingest import ingest_archive  # noqa: E402
from viewer.core.progress import never, no_progress  # noqa: E402
from viewer.core.search.engines import available_engines, open_backend  # noqa: E402
from viewer.core.search.query import parse_query  # noqa: E402


def _mb(n: float) -> float:
    return n / 1e6


def _dir_size(path: Path) -> int:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file())


def load_archive(size: int, work: Path) -> tuple[list[Document], int, str]:
    """The benchmark archive of `size` MB (10: the poetry corpus itself), ingested: its documents, the
    bytes of their paragraph text (UTF-8), and a line about it."""
    if size <= 10:
        root = REPO.parent / "shared" / "corpus" / "poetry"
    else:
        from tests.perf.scale_archive import build_archive

        root = build_archive(size, work).root
    started = time.perf_counter()
    documents = ingest_archive(root).documents
    text = sum(len(p.text.encode("utf-8")) for d in documents for p in d.paragraphs)
    paragraphs = sum(len(d.paragraphs) for d in documents)
    return (
        documents,
        text,
        (
            f"archive {root}: {len(documents)} documents, {paragraphs} paragraphs, {_mb(text):.1f} MB of "
            f"paragraph text (UTF-8); ingest {time.perf_counter() - started:.1f} s"
        ),
    )


def _percentile(values: list[float], pct: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(pct / 100 * (len(ordered) - 1)))]


def _first_query(engine: str, directory: Path, query: str) -> tuple[float, float]:
    """A fresh interpreter: (seconds from start to the answer, seconds of open + search alone)."""
    code = (
        "import time;t=time.perf_counter();from pathlib import Path;"
        "from viewer.core.search.engines import open_backend;from viewer.core.search.query import parse_query;"
        f"u=time.perf_counter();b=open_backend({engine!r},Path({str(directory)!r}));"
        f"b.search(parse_query({query!r}),limit=500);e=time.perf_counter();print(e-t,e-u)"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, cwd=REPO, check=True
    ).stdout.split()
    return float(out[0]), float(out[1])


def _fts5(documents: list[Document], workdir: Path) -> tuple[float, int]:
    path = workdir / "fts.sqlite3"
    started = time.perf_counter()
    db = sqlite3.connect(path)
    db.execute("CREATE VIRTUAL TABLE p USING fts5(text, tokenize='trigram')")
    db.executemany(
        "INSERT INTO p(text) VALUES (?)", ((fold(p.text),) for d in documents for p in d.paragraphs)
    )
    db.commit()
    db.close()
    return time.perf_counter() - started, path.stat().st_size


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", type=int, default=10)
    parser.add_argument("--engines", default=",".join(available_engines()))
    parser.add_argument("--work", type=Path, default=Path(tempfile.gettempdir()) / "bench-backends")
    parser.add_argument("--skip-fts5", action="store_true")
    args = parser.parse_args()

    documents, text, summary = load_archive(args.size, args.work)
    print(f"{summary} (not part of the builds); {os.cpu_count()} cores, load {os.getloadavg()[0]:.2f}")
    # The ingested archive (GBs of objects at 1 GB) is not in the app's memory when it searches; kept
    # out of the collector's sight, it no longer stalls queries with full collections (~0.4 s).
    gc.collect()
    gc.freeze()
    workdir = Path(tempfile.mkdtemp(prefix="bench-backends-"))
    try:
        if not args.skip_fts5:
            seconds, size = _fts5(documents, workdir)
            print(
                f"SQLite FTS5 trigram: build {seconds:.2f} s ({_mb(text) / seconds:.2f} MB/s), "
                f"{_mb(size):.1f} MB = {size / text:.2f}x text"
            )
        for engine in args.engines.split(","):
            directory = workdir / engine
            backend = open_backend(engine, directory)
            started = time.perf_counter()
            backend.update(documents, [], reset=True, progress=no_progress, cancelled=never)
            seconds = time.perf_counter() - started
            size = _dir_size(directory)
            backend.close()
            print(
                f"{engine}: build {seconds:.2f} s ({_mb(text) / seconds:.2f} MB/s), "
                f"{_mb(size):.1f} MB = {size / text:.2f}x text"
            )
            cold = [_first_query(engine, directory, q) for q in ("月", "李白", "之")]
            print(
                "  first query of a new process (start to answer / open + search): "
                + ", ".join(f"{a * 1000:.0f}/{b * 1000:.0f} ms" for a, b in cold)
            )
            backend = open_backend(engine, directory)
            trees = [parse_query(q) for q in QUERIES]
            passes = []
            for _ in range(2):
                walls = []
                for tree in trees:
                    started = time.perf_counter()
                    backend.search(tree, limit=500)
                    walls.append(time.perf_counter() - started)
                passes.append(walls)
            for label, walls in zip(("first pass", "warm"), passes, strict=True):
                print(
                    f"  {len(QUERIES)} queries, limit 500, {label}: p50 {statistics.median(walls) * 1000:.1f} ms, "
                    f"p95 {_percentile(walls, 95) * 1000:.1f} ms, max {max(walls) * 1000:.1f} ms"
                )
            slowest = sorted(zip(passes[1], QUERIES, strict=True), reverse=True)[:4]
            print("  slowest (warm): " + ", ".join(f"{q} {w * 1000:.1f} ms" for w, q in slowest))
            backend.close()
    finally:
        shutil.rmtree(workdir, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
