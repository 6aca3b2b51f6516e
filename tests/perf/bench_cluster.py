"""Cluster benchmark: the sphinxql engine on 2, 3… local searchd shards against a local tantivy index.

Run: .venv/bin/python tests/perf/bench_cluster.py [--size MB] [--shards 2,3] [--work DIR]

--size 100 (the default) is the poetry corpus replicated by tests/perf/scale_archive.py into --work
(kept and reused); --size 10 is the corpus itself (../shared/corpus/poetry). The archive is ingested
once (not timed). tantivy indexes the documents first: its build time, its answers to bench_search.py's
queries (limit 500, two passes; the second, warm pass gives p50/p95) and the time to re-publish 1% of
the documents edited are the yardstick. Then for each shard count of --shards, a cluster of that many
searchd (tests/sphinx_cluster.py: loopback ports, configs from sphinx_config.py) is started, the
documents are published to it (timed), the queries run twice, and every query's total_hits and
total_documents are compared with tantivy's; so are the facets and the 500 hits of the page (same
ranking code, so they should agree too). Every page's `incomplete` should be empty. The same 1% edit
is then re-published (timed) and the totals compared with tantivy's after its edit. Each cluster is
stopped (and its folder removed) before the next starts, also on an error or SIGTERM.

The machine is shared (2 cores run the benchmark, the shards and tantivy's writer): figures are noisy,
and nothing here asserts a time. Exit 1 when any total differs or a page is incomplete.
"""

from __future__ import annotations

import argparse
import dataclasses
import gc
import os
import shutil
import signal
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO))

from tests.perf.bench_backends import _dir_size, _mb, _percentile, load_archive  # noqa: E402
from tests.perf.bench_search import QUERIES  # noqa: E402
from tests.sphinx_cluster import Cluster, available  # noqa: E402
from viewer.core.documents import Document  # noqa: E402
from viewer.core.progress import never, no_progress  # noqa: E402
from viewer.core.search.backend import Page  # noqa: E402
from viewer.core.search.engines import open_backend  # noqa: E402
from viewer.core.search.query import parse_query  # noqa: E402

EDIT_FRACTION = 0.01
# Appended to the last paragraph of an edited document: changes the totals of common queries.
EDIT_TEXT = "明月故人来"


class _Reporter:
    """Progress of a long publish on stderr, about every 10% (stdout keeps the figures alone)."""

    def __init__(self, label: str) -> None:
        self.label = label
        self.started = time.perf_counter()
        self.next = 0.1

    def __call__(self, done: int, total: int, what: str) -> None:
        if total and done / total >= self.next:
            self.next = done / total + 0.1
            print(
                f"  [{self.label}] {done}/{total} {time.perf_counter() - self.started:.0f} s",
                file=sys.stderr,
                flush=True,
            )


def _edited(documents: list[Document]) -> list[Document]:
    """1% of the documents, spread over the archive (so over every shard), each with one paragraph changed."""
    step = max(1, round(1 / EDIT_FRACTION))
    edited = []
    for doc in documents[::step]:
        if not doc.paragraphs:
            continue
        paragraphs = list(doc.paragraphs)
        last = paragraphs[-1]
        paragraphs[-1] = dataclasses.replace(last, text=last.text + EDIT_TEXT)
        edited.append(dataclasses.replace(doc, paragraphs=paragraphs, sha256="edited-" + doc.sha256[:57]))
    return edited


def _queries(backend: Any, trees: list[Any], passes: int) -> tuple[list[list[float]], list[list[Page]]]:
    """Every query `passes` times, limit 500: the seconds and the pages of each pass."""
    walls: list[list[float]] = []
    pages: list[list[Page]] = []
    for _ in range(passes):
        times, answers = [], []
        for tree in trees:
            started = time.perf_counter()
            answers.append(backend.search(tree, limit=500))
            times.append(time.perf_counter() - started)
        walls.append(times)
        pages.append(answers)
    return walls, pages


def _incomplete(passes: list[list[Page]]) -> list[tuple[str, str]]:
    """(query, message) of every page of every pass whose `incomplete` is set."""
    return [
        (q, p.incomplete) for pages in passes for q, p in zip(QUERIES, pages, strict=True) if p.incomplete
    ]


def _compare(pages: list[Page], reference: list[Page]) -> dict[str, list[str]]:
    """The queries whose totals, facets or page of hits differ from the reference's."""
    differ: dict[str, list[str]] = {"totals": [], "facets": [], "hits": []}
    for query, page, ref in zip(QUERIES, pages, reference, strict=True):
        if (page.total_hits, page.total_documents) != (ref.total_hits, ref.total_documents):
            differ["totals"].append(
                f"{query}: {page.total_hits} hits/{page.total_documents} docs"
                f" (tantivy {ref.total_hits}/{ref.total_documents})"
            )
        if page.facets != ref.facets:
            differ["facets"].append(query)
        if [(h.doc_id, h.paragraph) for h in page.hits] != [(h.doc_id, h.paragraph) for h in ref.hits]:
            differ["hits"].append(query)
    return differ


def _report_differences(label: str, differ: dict[str, list[str]]) -> None:
    totals = differ["totals"]
    print(f"  {label}: {len(totals)} of {len(QUERIES)} queries with other totals than tantivy's")
    for line in totals:
        print(f"    {line}")
    for kind, what in (("facets", "facets"), ("hits", "the page of 500 hits (order)")):
        names = differ[kind]
        print(f"  {label}: {what} differ on {len(names)}" + (f": {', '.join(names)}" if names else ""))


def _rss_mb(cluster: Cluster) -> float:
    """The resident memory of the cluster's searchd processes (pid files), in MB."""
    total = 0
    for number in range(1, len(cluster.shards) + 1):
        pid = cluster._pid(number)
        try:
            status = Path(f"/proc/{pid}/status").read_text()
        except (OSError, TypeError):
            continue
        for line in status.splitlines():
            if line.startswith("VmRSS:"):
                total += int(line.split()[1]) * 1024
    return _mb(total)


def _ms(seconds: float) -> str:
    return f"{seconds * 1000:.1f}"


def _ratio(value: float, base: float) -> str:
    return f"{value / base:.1f}x" if base > 0 else "-"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", type=int, default=100)
    parser.add_argument("--shards", default="2,3")
    parser.add_argument("--work", type=Path, default=Path(tempfile.gettempdir()) / "bench-cluster")
    args = parser.parse_args()
    began = time.perf_counter()
    counts = [int(c) for c in args.shards.split(",") if c.strip()]
    if not available():
        print("searchd is not installed (Debian: sphinxsearch)", file=sys.stderr)
        return 2
    # SIGTERM unwinds like an exception, so the finally blocks stop the shards.
    signal.signal(signal.SIGTERM, lambda signum, frame: sys.exit(128 + signum))

    documents, text, summary = load_archive(args.size, args.work)
    print(
        f"{summary} (not timed below); {os.cpu_count()} cores, load {os.getloadavg()[0]:.2f};"
        f" {len(QUERIES)} queries, limit 500"
    )
    gc.collect()
    gc.freeze()  # as bench_backends.py: the ingested archive out of the collector's sight
    edited = _edited(documents)
    trees = [parse_query(q) for q in QUERIES]
    rows: list[dict[str, Any]] = []
    failed = False
    workdir = Path(tempfile.mkdtemp(prefix="bench-cluster-"))
    try:
        # ------------------------------------------------ tantivy, the yardstick
        backend = open_backend("tantivy", workdir / "tantivy")
        started = time.perf_counter()
        backend.update(documents, [], reset=True, progress=no_progress, cancelled=never, total=len(documents))
        build = time.perf_counter() - started
        size = _dir_size(workdir / "tantivy")
        walls, answers = _queries(backend, trees, 2)
        reference = answers[-1]
        started = time.perf_counter()
        backend.update(edited, [], progress=no_progress, cancelled=never, total=len(edited))
        incremental = time.perf_counter() - started
        reference_edited = _queries(backend, trees, 1)[1][-1]
        backend.close()
        tantivy = {
            "engine": "tantivy (local)",
            "build": build,
            "p50": statistics.median(walls[1]),
            "p95": _percentile(walls[1], 95),
            "incremental": incremental,
            "differ": "-",
            "incomplete": "-",
        }
        rows.append(tantivy)
        print(
            f"tantivy: build {build:.2f} s ({len(documents) / build:.0f} docs/s, {_mb(text) / build:.2f} MB/s), "
            f"{_mb(size):.1f} MB; warm p50 {_ms(tantivy['p50'])} ms, p95 {_ms(tantivy['p95'])} ms "
            f"(first pass p50 {_ms(statistics.median(walls[0]))} ms); re-publish {len(edited)} edited "
            f"documents {incremental:.2f} s"
        )

        # ------------------------------------------------ the clusters
        for count in counts:
            started = time.perf_counter()
            cluster = Cluster(count)
            try:
                start = time.perf_counter() - started
                ports = ",".join(str(p) for _, p in cluster.servers)
                directory = workdir / f"sphinxql-{count}"
                backend = open_backend("sphinxql", directory, cluster.servers)
                try:
                    started = time.perf_counter()
                    backend.update(
                        documents,
                        [],
                        reset=True,
                        progress=_Reporter(f"{count} shards"),
                        cancelled=never,
                        total=len(documents),
                    )
                    build = time.perf_counter() - started
                    health = backend.check()
                    rss = _rss_mb(cluster)
                    print(
                        f"sphinxql, {count} shards (127.0.0.1:{ports}; started in {start:.1f} s): publish "
                        f"{build:.2f} s ({len(documents) / build:.0f} docs/s, {_mb(text) / build:.2f} MB/s), "
                        f"searchd RSS {rss:.0f} MB; check: {health.state}"
                        + (f" ({health.problem})" if health.problem else "")
                    )
                    walls, answers = _queries(backend, trees, 2)
                    pages = answers[-1]
                    p50, p95 = statistics.median(walls[1]), _percentile(walls[1], 95)
                    print(
                        f"  queries: warm p50 {_ms(p50)} ms, p95 {_ms(p95)} ms, max {_ms(max(walls[1]))} ms "
                        f"(first pass p50 {_ms(statistics.median(walls[0]))} ms, "
                        f"p95 {_ms(_percentile(walls[0], 95))} ms)"
                    )
                    slowest = sorted(zip(walls[1], QUERIES, strict=True), reverse=True)[:4]
                    print("  slowest (warm): " + ", ".join(f"{q} {_ms(w)} ms" for w, q in slowest))
                    differ = _compare(pages, reference)
                    _report_differences("full publish", differ)
                    incomplete = _incomplete(answers)
                    print(
                        f"  page.incomplete: empty on {2 * len(QUERIES) - len(incomplete)} of {2 * len(QUERIES)}"
                        " pages (both passes)" + "".join(f"\n    {q}: {m}" for q, m in incomplete[:10])
                    )

                    started = time.perf_counter()
                    backend.update(edited, [], progress=no_progress, cancelled=never, total=len(edited))
                    incremental = time.perf_counter() - started
                    _, answers = _queries(backend, trees, 1)
                    differ_edited = _compare(answers[-1], reference_edited)
                    incomplete += _incomplete(answers)
                    print(f"  re-publish {len(edited)} edited documents: {incremental:.2f} s")
                    _report_differences("after the edit", differ_edited)
                finally:
                    backend.close()
            finally:
                started = time.perf_counter()
                cluster.close()
                print(f"  cluster stopped in {time.perf_counter() - started:.1f} s", flush=True)
            total_differ = len(differ["totals"]) + len(differ_edited["totals"])
            failed = failed or total_differ > 0 or bool(incomplete) or not health.ready
            rows.append(
                {
                    "engine": f"sphinxql {count} shards",
                    "build": build,
                    "p50": p50,
                    "p95": p95,
                    "incremental": incremental,
                    "differ": f"{len(differ['totals'])}+{len(differ_edited['totals'])}",
                    "incomplete": str(len(incomplete)),
                }
            )
    finally:
        shutil.rmtree(workdir, ignore_errors=True)

    n = len(documents)
    print()
    print(
        f"{'engine':<18} {'build s':>8} {'docs/s':>7} {'MB/s':>6} {'x':>6} │ {'p50 ms':>7} {'x':>6} "
        f"{'p95 ms':>7} {'x':>6} │ {'1% edit s':>9} {'x':>6} │ {'totals≠':>7} {'incompl.':>8}"
    )
    base = rows[0]
    for row in rows:
        print(
            f"{row['engine']:<18} {row['build']:>8.2f} {n / row['build']:>7.0f} {_mb(text) / row['build']:>6.2f} "
            f"{_ratio(row['build'], base['build']):>6} │ {_ms(row['p50']):>7} {_ratio(row['p50'], base['p50']):>6} "
            f"{_ms(row['p95']):>7} {_ratio(row['p95'], base['p95']):>6} │ {row['incremental']:>9.2f} "
            f"{_ratio(row['incremental'], base['incremental']):>6} │ {row['differ']:>7} {row['incomplete']:>8}"
        )
    print(
        "(x: ratio to tantivy, time over time; totals≠: queries whose total_hits/total_documents differ "
        "from tantivy's, after the full publish + after the 1% edit; incompl.: pages with page.incomplete set)"
    )
    print(f"whole run {time.perf_counter() - began:.0f} s")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
