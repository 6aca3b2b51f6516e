"""Search benchmark: indexing speed, size, memory, query latency and exactness; SQLite FTS5 as yardstick.

Run: .venv/bin/python tests/perf/bench_search.py [ARCHIVE_DIR]   (default ../shared/corpus/poetry)
Prints figures against the goals of issue 3; exits 1 if precision or recall is below 1.0.
"""

from __future__ import annotations

import os
import random
import resource
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

from tests.core.search.brute_force import matching  # noqa: E402
from viewer.core.ingest import ingest_archive  # noqa: E402
from viewer.core.search import SearchIndex  # noqa: E402
from viewer.core.search.query import parse_query  # noqa: E402

QUERIES = [
    "之",
    "不",
    "人",
    "月",
    "風",
    "山",
    "李白",
    "明月",
    "長安",
    "春风",
    "白日",
    "黄河",
    "江南",
    "相思",
    "杜甫",
    "故人",
    "天下",
    "不知",
    "何处",
    "万里",
    "秋风",
    "夕阳",
    "落花",
    "青山",
    "明月光",
    "春眠不觉晓",
    "床前明月光",
    "千山鸟飞绝",
    "大江东去",
    "人生得意须尽欢",
    "君不见",
    "桃花潭",
    "白发三千丈",
    "孤帆远影碧空尽",
    "葡萄美酒",
    "黃鶴樓",
    "滕王閣",
    "春 OR 秋",
    "风 -雨",
    "(春 OR 秋) 月",
    "明月 故乡",
    "长安 -李白",
    '"春 风"',
    "花 月 夜",
    "title:唐诗 月",
    "(山 OR 水) -(风 OR 雨)",
    "龍 OR 鳳",
    "酒 -愁",
    "江 南 -北",
    "楚 辞",
]


def _mb(n: float) -> float:
    return n / 1e6


def _dir_size(path: Path) -> int:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file())


def _percentile(values: list[float], pct: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(pct / 100 * (len(ordered) - 1)))]


def _cold_open(index_dir: Path, query: str) -> float:
    """A fresh interpreter: import, open the index, run one query (the app's first search)."""
    code = (
        "import time,sys;t=time.perf_counter();from pathlib import Path;"
        "from viewer.core.search import SearchIndex;"
        f"ix=SearchIndex.open(Path({str(index_dir)!r}));ix.search({query!r});"
        "print(time.perf_counter()-t)"
    )
    out = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        cwd=REPO,
        check=True,
        env=dict(os.environ, PYTHONPATH=str(REPO)),
    )
    return float(out.stdout.strip())


def _fts5(documents: list, workdir: Path) -> dict[str, float]:
    db_path = workdir / "fts.sqlite3"
    started = time.perf_counter()
    db = sqlite3.connect(db_path)
    db.execute("CREATE VIRTUAL TABLE p USING fts5(text, tokenize='trigram')")
    db.executemany("INSERT INTO p(text) VALUES (?)", ((p.text,) for d in documents for p in d.paragraphs))
    db.commit()
    seconds = time.perf_counter() - started
    times = []
    for q in QUERIES:
        term = q.split()[0].strip('"()-')
        if ":" in term:
            continue
        t = time.perf_counter()
        if len(term) >= 3:
            db.execute("SELECT rowid FROM p WHERE p MATCH ?", (f'"{term}"',)).fetchall()
        else:  # trigram cannot index shorter strings: FTS5 falls back to a scan
            db.execute("SELECT rowid FROM p WHERE text LIKE ?", (f"%{term}%",)).fetchall()
        times.append(time.perf_counter() - t)
    db.close()
    return {"seconds": seconds, "size": db_path.stat().st_size, "p95": _percentile(times, 95)}


def main() -> int:
    archive_dir = Path(sys.argv[1]) if len(sys.argv) > 1 else REPO.parent / "shared/corpus/poetry"
    workdir = Path(tempfile.mkdtemp(prefix="bench-search-"))
    try:
        print(f"archive {archive_dir}  (machine: {os.cpu_count()} cores, shared; figures are noisy)")
        started = time.perf_counter()
        archive = ingest_archive(archive_dir)
        ingest_seconds = time.perf_counter() - started
        size = archive.size_bytes
        print(
            f"ingest (not part of search): {len(archive.documents)} documents, {_mb(size):.1f} MB "
            f"in {ingest_seconds:.2f} s"
        )

        index = SearchIndex.open(workdir / "ix")
        stats = index.update(archive)
        rate = _mb(size) / stats.seconds
        index_size = _dir_size(workdir / "ix")
        rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux
        print(f"index build: {stats.seconds:.2f} s = {rate:.2f} MB/s (goal >= 1)")
        print(f"index size: {_mb(index_size):.1f} MB = {index_size / size:.2f}x text (goal <= 3)")
        print(f"peak RSS (ingest + index): {rss:.0f} MB (goal <= 500)")

        started = time.perf_counter()
        again = index.update(archive)
        print(
            f"re-open unchanged: {time.perf_counter() - started:.3f} s, "
            f"{again.unchanged} unchanged, nothing written"
        )

        cold = [_cold_open(workdir / "ix", q) for q in ("月", "李白", "之")]
        print(f"cold open + first query: {', '.join(f'{c * 1000:.0f}' for c in cold)} ms (goal <= 300)")

        index.search("预热")  # the first query loads texts; p95 is over warm queries
        times = []
        for q in QUERIES:
            t = time.perf_counter()
            index.search(q)
            times.append(time.perf_counter() - t)
        p95 = _percentile(times, 95)
        print(
            f"queries: {len(QUERIES)}, median {statistics.median(times) * 1000:.1f} ms, "
            f"p95 {p95 * 1000:.1f} ms, max {max(times) * 1000:.1f} ms (goal p95 <= 30)"
        )

        rng = random.Random(1)
        exact_queries = QUERIES + [
            p.text[i : i + n]
            for d in rng.sample(archive.documents, 20)
            for p in d.paragraphs[:2]
            for n in (1, 3)
            for i in [rng.randrange(max(1, len(p.text) - n))]
            if p.text[i : i + n].strip() and not set('()":-') & set(p.text[i : i + n])
        ]
        relevant = retrieved = correct = 0
        for q in exact_queries:
            expected = matching(archive.documents, parse_query(q))
            got = {(h.doc_id, h.paragraph_id) for h in index.search(q, limit=None).hits}
            relevant += len(expected)
            retrieved += len(got)
            correct += len(expected & got)
        precision = correct / retrieved if retrieved else 1.0
        recall = correct / relevant if relevant else 1.0
        print(
            f"exactness over {len(exact_queries)} queries ({relevant} paragraph hits): "
            f"precision {precision:.4f}, recall {recall:.4f} (goal 1.0)"
        )
        index.close()

        seeds = ingest_archive(REPO / "seeds")
        seeds_index = SearchIndex.open(workdir / "seeds")
        seeds_stats = seeds_index.update(seeds)
        seeds_index.close()
        print(f"seeds index: {seeds_stats.seconds * 1000:.0f} ms (goal < 1000)")

        fts = _fts5(archive.documents, workdir)
        print(
            f"SQLite FTS5 trigram, same paragraphs: build {fts['seconds']:.2f} s "
            f"({_mb(size) / fts['seconds']:.2f} MB/s), size {_mb(fts['size']):.1f} MB, "
            f"p95 {fts['p95'] * 1000:.1f} ms"
        )
        print(
            f"ratios ours/FTS5: build speed {rate / (_mb(size) / fts['seconds']):.2f}x, "
            f"size {index_size / fts['size']:.2f}x, p95 {p95 / fts['p95']:.2f}x"
        )
        return 0 if precision == recall == 1.0 else 1
    finally:
        shutil.rmtree(workdir, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
