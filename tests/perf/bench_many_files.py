"""An archive of 20,000 small files (issue 11 item 9): time and memory to read it, then to open it.

The poetry corpus is cut into pieces of about 500 bytes (each piece a whole line run, with its
file's title on top), spread over 100 folders; the first index, a second `search`, an update after
one file changed, and second starts of the window (--startup-probe, offscreen) are measured with the
peak RSS of the process tree. Prints figures; nothing is asserted.

Run: .venv/bin/python tests/perf/bench_many_files.py [--files N] [--work DIR]
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

from tests.perf.bench_scale import CliRun, _run_cli, measure_probe  # noqa: E402

CORPUS = REPO.parent / "shared" / "corpus" / "poetry"
PIECE_BYTES = 500
FOLDERS = 100


def build_archive(target: Path, files: int) -> int:
    """Write `files` small documents cut from the corpus (cycling through it); their total bytes."""
    sources = sorted(CORPUS.rglob("*.txt"))
    pieces: list[tuple[str, str]] = []
    for source in sources:
        lines = source.read_text(encoding="utf-8").splitlines()
        title, body = (lines[0] if lines else source.stem), lines[1:]
        chunk: list[str] = []
        for line in body:
            chunk.append(line)
            if sum(len(x.encode()) for x in chunk) >= PIECE_BYTES:
                pieces.append((title, "\n".join(chunk)))
                chunk = []
        if chunk:
            pieces.append((title, "\n".join(chunk)))
    total = 0
    for n in range(files):
        title, body = pieces[n % len(pieces)]
        folder = target / f"卷{n % FOLDERS:03d}"
        folder.mkdir(parents=True, exist_ok=True)
        data = f"{title}（{n}）\n{body}\n".encode()
        (folder / f"{n:05d}.txt").write_bytes(data)
        total += len(data)
    return total


def describe(run: CliRun) -> str:
    return f"{run.wall:.1f} s wall, {run.cpu:.1f} s CPU, peak RSS {run.peak_rss_mb:.0f} MB"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--files", type=int, default=20_000)
    parser.add_argument("--work", type=Path, default=None)
    args = parser.parse_args()
    work = args.work or Path(tempfile.mkdtemp(prefix="many-files-"))
    archive, data = work / "archive", work / "data"
    shutil.rmtree(archive, ignore_errors=True)
    shutil.rmtree(data, ignore_errors=True)
    size = build_archive(archive, args.files)
    print(f"archive: {args.files:,} files in {FOLDERS} folders, {size / 1e6:.1f} MB ({work})", flush=True)
    common = ["--archive", str(archive), "--data-dir", str(data)]
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    first = _run_cli([*common, "index"], env=env)
    print(f"first index: {describe(first)}", flush=True)
    search = _run_cli([*common, "search", "明月"], env=env)
    tail = search.stdout.decode().strip().splitlines()[-1]
    print(f"second search (明月): {describe(search)}; {tail}", flush=True)
    changed = archive / "卷007" / "00007.txt"
    changed.write_text(changed.read_text(encoding="utf-8") + "\n新添一行：風雨\n", encoding="utf-8")
    update = _run_cli([*common, "index"], env=env)
    print(f"update after one file changed: {describe(update)}", flush=True)
    probe = measure_probe(common)
    print(
        f"window second start: painted median {statistics.median(probe.painted_ms):.0f} ms "
        f"(runs {', '.join(f'{v:.0f}' for v in probe.painted_ms)}), "
        f"peak RSS {max(probe.sampled_rss_mb):.0f} MB; printed: {probe.printed}",
        flush=True,
    )
    if args.work is None:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
