"""Print the PDF reader's speed on 100 Qt-made PDFs and its peak memory on one of 2,000 pages.

Run: QT_QPA_PLATFORM=offscreen .venv/bin/python tests/perf/bench_pdf.py [--pages 2000] [--files 100]
Speed: MB/s of PDF bytes (mostly the embedded font subset, so also pages/s and characters/s of text
out), CPU and wall time, best of three. Memory: the read runs in a fresh child process that samples
its RSS every 100 pages (psutil), so Qt's memory from making the PDF is not counted; a flat curve
from page 200 to the last says pages are freed as they are read.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO))

PARAGRAPHS_PER_PAGE = 4.6  # A5, 10.5 pt, generated_blocks (measured: 600 paragraphs -> 131 pages)

CHILD = """
import json, sys, time, psutil
from pathlib import Path
sys.path.insert(0, {repo!r})
process = psutil.Process()
start = process.memory_info().rss
from viewer.core.formats.pdf import read_pdf
imported = process.memory_info().rss
samples = []
def progress(done, total, label):
    if done % 100 == 0:
        samples.append((done, process.memory_info().rss))
began = time.perf_counter()
got = read_pdf(Path({path!r}), progress=progress)
seconds = time.perf_counter() - began
peak = getattr(process.memory_info(), "peak_wset", None)  # Windows
if peak is None:
    import resource
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024  # Linux: KiB
print(json.dumps(dict(start=start, imported=imported, samples=samples, peak=peak, seconds=seconds,
                      paragraphs=len(got.pages), chars=len(got.text), pages=max(got.pages))))
"""


def make_many(folder: Path, files: int) -> list[Path]:
    from tests.core.formats.pdf_samples import generated_blocks, qt_pdf

    return [qt_pdf(folder / f"doc{i:03}.pdf", generated_blocks(i, 25)).path for i in range(files)]


def speed(paths: list[Path]) -> None:
    from viewer.core.formats.pdf import read_pdf

    megabytes = sum(p.stat().st_size for p in paths) / 1e6
    read_pdf(paths[0])  # load pdfium once, as a running app has
    best_cpu = best_wall = float("inf")
    pages = chars = 0
    for _ in range(3):
        cpu, wall = time.process_time(), time.perf_counter()
        results = [read_pdf(p) for p in paths]
        best_cpu = min(best_cpu, time.process_time() - cpu)
        best_wall = min(best_wall, time.perf_counter() - wall)
        pages = sum(max(r.pages or [0]) for r in results)
        chars = sum(len(r.text) for r in results)
    print(
        f"speed: {len(paths)} PDFs, {pages} pages, {megabytes:.1f} MB, {chars / 1e6:.2f} M characters out: "
        f"cpu {best_cpu:.2f}s = {megabytes / best_cpu:.1f} MB/s; wall {best_wall:.2f}s = "
        f"{megabytes / best_wall:.1f} MB/s, {pages / best_wall:.0f} pages/s, {chars / best_wall / 1e6:.2f} M chars/s"
    )


def memory(path: Path) -> None:
    out = subprocess.run(
        [sys.executable, "-c", CHILD.format(repo=str(REPO), path=str(path))],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    m = json.loads(out)
    mib = 2**20
    curve = ", ".join(f"{done}: {rss / mib:.0f}" for done, rss in m["samples"][::4])
    after_200 = [rss for done, rss in m["samples"] if done >= 200]
    print(
        f"memory: {m['pages']} pages ({path.stat().st_size / 1e6:.1f} MB, {m['paragraphs']} paragraphs, "
        f"{m['chars'] / 1e6:.2f} M characters) in {m['seconds']:.1f}s; RSS at start "
        f"{m['start'] / mib:.0f} MiB, after import {m['imported'] / mib:.0f} MiB, peak {m['peak'] / mib:.0f} MiB; "
        f"growth from page 200 to the last {(after_200[-1] - after_200[0]) / mib:.1f} MiB; "
        f"RSS (MiB) by page: {curve}"
    )


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--files", type=int, default=100)
    parser.add_argument("--pages", type=int, default=2000)
    args = parser.parse_args()

    from PySide6.QtGui import QGuiApplication

    app = QGuiApplication([])  # noqa: F841 (Qt draws the PDFs)
    from tests.core.formats.pdf_samples import generated_blocks, qt_pdf

    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        began = time.perf_counter()
        paths = make_many(folder, args.files)
        print(f"made {len(paths)} PDFs in {time.perf_counter() - began:.1f}s")
        speed(paths)
        began = time.perf_counter()
        big = qt_pdf(folder / "big.pdf", generated_blocks(1, int(args.pages * PARAGRAPHS_PER_PAGE)))
        print(f"made a {big.page_count}-page PDF in {time.perf_counter() - began:.1f}s")
        memory(big.path)


if __name__ == "__main__":
    main()
