"""Ingest + repair + structure speed on ../shared/corpus (goal: >= 10 MB/s on 2 cores). Prints figures."""

from __future__ import annotations

import statistics
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO))

from viewer.core.ingest import ingest_archive, load_file, scan_archive  # noqa: E402

CORPUS = REPO.parent / "shared" / "corpus"


def main() -> int:
    root = Path(sys.argv[1]) if len(sys.argv) > 1 else CORPUS
    if not root.is_dir():
        print(f"corpus not found: {root}")
        return 1
    runs, cpu = [], []
    archive = ingest_archive(root)  # warm the OpenCC tables and the file cache
    for _ in range(5):
        start, start_cpu = time.perf_counter(), time.process_time()
        archive = ingest_archive(root)
        runs.append(time.perf_counter() - start)
        cpu.append(time.process_time() - start_cpu)
    assert archive is not None
    mb = archive.size_bytes / 1e6
    files, _ = scan_archive(root)
    start = time.perf_counter()
    for f in files:
        load_file(f)
    read_s = time.perf_counter() - start
    best, median = min(runs), statistics.median(runs)
    repaired = sum(1 for d in archive.documents if d.repaired)
    print(
        f"corpus: {root} ({len(archive.documents)} documents, {mb:.2f} MB, {len(archive.problems)} problems)"
    )
    print(
        f"ingest+repair+structure: best {best:.2f} s = {mb / best:.1f} MB/s; median {median:.2f} s = {mb / median:.1f} MB/s"
    )
    print(f"  CPU time (less sensitive to other load): best {min(cpu):.2f} s = {mb / min(cpu):.1f} MB/s")
    print(f"  of which read+decode: {read_s:.2f} s")
    print(f"documents with repairs: {repaired}")
    print(
        f"paragraphs: {sum(len(d.paragraphs) for d in archive.documents)}, "
        f"sections: {sum(len(d.sections) for d in archive.documents)}"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
