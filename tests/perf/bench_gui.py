"""GUI figures: startup probe (median of 5), opening a 5 MB document, scrolling, RSS with the corpus.

Run: .venv/bin/python tests/perf/bench_gui.py  (offscreen; prints figures, asserts nothing).
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

REPO = Path(__file__).resolve().parents[2]
CORPUS = REPO.parent / "shared" / "corpus" / "poetry"
sys.path.insert(0, str(REPO))


def bench_startup(runs: int = 5) -> None:
    figures = []
    for _ in range(runs):
        env = dict(os.environ, ARCHIVE_VIEWER_HOME=tempfile.mkdtemp(prefix="av-probe-"))
        out = subprocess.run(
            [sys.executable, "-m", "viewer", "--startup-probe"],
            cwd=REPO,
            env=env,
            capture_output=True,
            text=True,
            timeout=120,
        ).stdout
        figures.append(int(out.split()[0].split("=")[1]))  # painted_ms=…, then search_ready_ms=…
    print(f"startup painted_ms: median {statistics.median(figures):.0f} (runs {figures}); budget 1000")


def build_big_document(target_bytes: int = 5_000_000) -> Path:
    folder = Path(tempfile.mkdtemp(prefix="av-big-"))
    parts, size = [], 0
    for path in sorted(CORPUS.rglob("*.txt")):
        text = path.read_text(encoding="utf-8", errors="replace")
        parts.append(text)
        size += len(text.encode("utf-8"))
        if size >= target_bytes:
            break
    (folder / "big.txt").write_text("\n".join(parts), encoding="utf-8")
    return folder


def bench_open_big_document() -> None:
    from PySide6.QtWidgets import QApplication

    from viewer.core.convert import ConversionCache, convert
    from viewer.core.ingest import ingest_archive
    from viewer.gui.widgets.parallel_view import ParallelView

    app = QApplication.instance() or QApplication([])
    folder = build_big_document()
    doc = ingest_archive(folder).documents[0]
    print(
        f"5 MB document: {doc.size / 1e6:.2f} MB, {len(doc.text)} chars, {len(doc.paragraphs)} paragraphs, "
        f"script {doc.script}"
    )
    config = "t2s" if doc.script == "traditional" else "s2tw"
    view = ParallelView()
    view.resize(1100, 800)
    view.show()
    app.processEvents()  # benchmark only: let the window map before timing
    for attempt in ("cold", "warm (cached conversions)"):
        cache = ConversionCache(max_entries=400_000) if attempt == "cold" else cache  # noqa: F821
        start = time.perf_counter()
        view.set_document(doc, lambda text, c=cache: c.convert(text, config))
        view.repaint()
        print(f"open + first paint ({attempt}): {(time.perf_counter() - start) * 1000:.1f} ms; budget 300")
    start = time.perf_counter()
    converted = convert("\n".join(p.text for p in doc.paragraphs), config)
    print(
        f"(for reference) converting the whole document eagerly: {(time.perf_counter() - start) * 1000:.0f} ms, "
        f"{len(converted)} chars"
    )
    steps = 200
    start = time.perf_counter()
    for _ in range(steps):
        view.scroll_by(45)
        view.repaint()
    print(f"scroll step (45 px, repaint): {(time.perf_counter() - start) * 1000 / steps:.2f} ms")
    start = time.perf_counter()
    bar = view.verticalScrollBar()
    for i in range(1, 21):
        bar.setValue(bar.maximum() * i // 21)
        view.repaint()
    print(f"scrollbar jump (repaint): {(time.perf_counter() - start) * 1000 / 20:.2f} ms")
    view.close()


def bench_rss_with_corpus(archive: Path = CORPUS, data_dir: Path | None = None) -> None:
    """The window's memory on a real archive: opened (the second start when `data_dir` holds its
    catalogue and index already), the largest document open, a search shown with its KWIC view
    (every match of 山: ~16,000 lines on the poetry corpus); then how long closing takes."""
    import psutil

    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    from viewer.gui.mainwindow import MainWindow
    from viewer.paths import DataPaths
    from viewer.settings import Settings

    app = QApplication.instance() or QApplication([])
    home = data_dir or Path(tempfile.mkdtemp(prefix="av-rss-"))
    window = MainWindow(archive, DataPaths(home), Settings())
    window.resize(1280, 820)
    window.show()
    started = time.perf_counter()
    marks: dict[str, float] = {}

    def on_loaded(_archive: object) -> None:
        marks["ingest"] = time.perf_counter() - started

    def on_index_ready() -> None:
        if "index" in marks:
            return
        marks["index"] = time.perf_counter() - started
        biggest = max(window.archive.documents, key=lambda d: d.size)
        window.open_document(biggest.id)
        window.results_tabs.setCurrentWidget(window.kwic_view)
        marks["kwic_started"] = time.perf_counter()
        window.run_search("山")
        poll()

    figures: dict[str, float] = {}

    def measure_and_close() -> None:
        """RSS with everything shown, then the time close() takes (what Quit costs the user)."""
        figures["rss"] = psutil.Process().memory_info().rss / 1e6
        figures["docs"] = len(window.archive.documents) if window.archive else 0
        figures["lines"] = len(window.kwic_view.lines())
        closing = time.perf_counter()
        window.close()
        figures["close"] = time.perf_counter() - closing
        app.quit()

    def poll() -> None:
        if window.kwic_view.result() is not None:
            marks["kwic"] = time.perf_counter() - marks["kwic_started"]
            QTimer.singleShot(1000, measure_and_close)
        else:
            QTimer.singleShot(50, poll)

    window.archive_loaded.connect(on_loaded)
    window.index_ready.connect(on_index_ready)
    window.start()
    QTimer.singleShot(600_000, app.quit)
    app.exec()
    rss, docs, lines, closed = (figures.get(k, -1) for k in ("rss", "docs", "lines", "close"))
    print(
        f"{archive.name} as archive: {docs:.0f} documents; tree {marks.get('ingest', -1):.1f} s, "
        f"ingest+index {marks.get('index', -1):.1f} s (background); KWIC of 山: {lines:.0f} lines in "
        f"{marks.get('kwic', -1):.1f} s; RSS {rss:.0f} MB with the largest document open and the "
        f"KWIC shown; budget 300 MB; close {closed * 1000:.0f} ms"
    )


if __name__ == "__main__":
    if sys.argv[1:2] == ["--rss"]:  # --rss [ARCHIVE [DATA_DIR]]
        extra = [Path(a) for a in sys.argv[2:4]]
        bench_rss_with_corpus(*extra)  # type: ignore[arg-type]
        raise SystemExit(0)
    print(f"machine: {os.cpu_count()} cores, shared; Qt platform {os.environ['QT_QPA_PLATFORM']}")
    bench_startup()
    bench_open_big_document()
    if CORPUS.is_dir():
        # A fresh process: what the 5 MB document above allocated must not count against the corpus.
        subprocess.run([sys.executable, __file__, "--rss"], check=False)
