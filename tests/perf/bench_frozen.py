"""Figures for the installed app: sizes, frozen cold start to painted window, self-test time.

Run after `make dist`:  .venv/bin/python tests/perf/bench_frozen.py [--runs N]
Cold start uses `--startup-probe` (prints painted_ms=<n>) on a fresh Xvfb display; the first run
after building also pays for the page cache, so the median of the runs is reported with min/max.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
DIST = REPO / "dist"
BUNDLE = DIST / "archive-viewer"


def _mb(path: Path) -> float:
    if path.is_file():
        return path.stat().st_size / 1e6
    return sum(p.lstat().st_size for p in path.rglob("*") if not p.is_symlink()) / 1e6


def _newest(pattern: str) -> Path | None:
    found = sorted(DIST.glob(pattern), key=lambda p: p.stat().st_mtime)
    return found[-1] if found else None


def _painted_ms(binary: Path, display: str, data: Path) -> float:
    env = {**os.environ, "DISPLAY": display, "QT_QPA_PLATFORM": "xcb", "ARCHIVE_VIEWER_HOME": str(data)}
    out = subprocess.run(
        [str(binary), "--startup-probe"], env=env, capture_output=True, text=True, timeout=120
    ).stdout
    for line in out.splitlines():
        if line.startswith("painted_ms="):
            return float(line.split("=", 1)[1])
    raise SystemExit(f"--startup-probe printed no painted_ms: {out!r}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    runs = parser.parse_args().runs
    binary = BUNDLE / "archive-viewer"
    if not binary.is_file():
        print("no dist/archive-viewer bundle: run `make dist` first")
        return 1
    print(f"machine: {os.cpu_count()} CPUs (shared, figures are noisy)")
    print(f"bundle (one folder): {_mb(BUNDLE):.1f} MB")
    for label, pattern in (("deb", "archive-viewer_*.deb"), ("portable tar.gz", "archive-viewer-*.tar.gz")):
        path = _newest(pattern)
        print(f"{label}: {_mb(path):.1f} MB ({path.name})" if path else f"{label}: not built")

    with tempfile.TemporaryDirectory() as tmp:
        t0 = time.perf_counter()
        result = subprocess.run(
            [str(binary), "--self-test"], capture_output=True, text=True, env={**os.environ, "HOME": tmp}
        )
        print(
            f"self-test: {time.perf_counter() - t0:.2f} s wall, exit {result.returncode}: "
            f"{result.stdout.strip()}"
        )

        xvfb = shutil.which("Xvfb")
        if xvfb is None:
            print("cold start: skipped (Xvfb not installed)")
            return 0
        read_fd, write_fd = os.pipe()
        server = subprocess.Popen(
            [xvfb, "-displayfd", str(write_fd), "-screen", "0", "1280x800x24", "-nolisten", "tcp"],
            pass_fds=(write_fd,),
            stderr=subprocess.DEVNULL,
        )
        os.close(write_fd)
        try:
            display = ":" + os.read(read_fd, 64).decode().strip()
            data = Path(tmp) / "data"
            times = [_painted_ms(binary, display, data) for _ in range(runs)]
        finally:
            server.terminate()
            server.wait(timeout=10)
            os.close(read_fd)
    print(
        f"cold start to painted window (frozen, Xvfb, {runs} runs): median {statistics.median(times):.0f} ms "
        f"(min {min(times):.0f}, max {max(times):.0f}); first run {times[0]:.0f} ms"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
