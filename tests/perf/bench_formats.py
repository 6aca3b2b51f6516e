"""Ingest speed per format (issue 13): 100 files of each format made from the poetry corpus, read by
the real ingest (reader, repairs, structure) with `ingest_archive`; prints MB/s of file and of text,
files/s, and the peak RSS of reading a 2,000-page PDF in a child process. Figures only.

Run: .venv/bin/python tests/perf/bench_formats.py [--files N]
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from tests.perf.bench_office import make_docx, make_epub  # noqa: E402
from viewer.core.ingest import ingest_archive  # noqa: E402

CORPUS = REPO.parent / "shared" / "corpus" / "poetry"


def corpus_texts(count: int) -> list[str]:
    """The `count` largest corpus files' texts (a title line, then the poems)."""
    files = sorted(CORPUS.rglob("*.txt"), key=lambda p: p.stat().st_size, reverse=True)[:count]
    return [p.read_text(encoding="utf-8") for p in files]


def make_html(text: str, path: Path) -> None:
    """A GBK web page with a menu, breadcrumbs and a footer around the text."""
    title, *body = [line for line in text.splitlines() if line.strip()]
    paragraphs = "".join(f"<p>{line}</p>\n" for line in body)
    page = (
        f'<html><head><meta charset="gbk"><title>{title}</title></head><body>'
        '<div class="nav"><a href="/">首页</a> | <a href="/n">新闻中心</a> | <a href="/g">政务公开</a></div>'
        f'<div class="crumb">当前位置：<a href="/">首页</a> &gt; 正文</div>'
        f"<div class='article'><h1>{title}</h1>\n{paragraphs}</div>"
        "<div class='footer'>版权所有 某市人民政府 ICP备12345678号</div></body></html>"
    )
    path.write_bytes(page.encode("gb18030"))


def make_pdf(text: str, path: Path) -> None:
    from tests.core.formats.pdf_samples import Block, qt_pdf

    title, *body = [line for line in text.splitlines() if line.strip()]
    blocks = [Block(title, 1), *(Block(line) for line in body[:400])]
    qt_pdf(path, blocks, title=title)


MAKERS = {"txt": None, "html": make_html, "pdf": make_pdf, "docx": make_docx, "epub": make_epub}


def build(folder: Path, fmt: str, texts: list[str]) -> int:
    folder.mkdir(parents=True)
    for n, text in enumerate(texts):
        target = folder / f"{n:03d}.{fmt}"
        maker = MAKERS[fmt]
        if maker is None:
            target.write_text(text, encoding="utf-8")
        else:
            maker(text, target)
    return sum(p.stat().st_size for p in folder.iterdir())


def measure(folder: Path) -> tuple[float, float, int, int]:
    """(wall seconds, CPU seconds, documents, characters of text) of ingesting `folder`, best of 2."""
    best: tuple[float, float, int, int] | None = None
    for _ in range(2):
        wall, cpu = time.perf_counter(), time.process_time()
        archive = ingest_archive(folder)
        figures = (
            time.perf_counter() - wall,
            time.process_time() - cpu,
            len(archive.documents),
            sum(len(d.text) for d in archive.documents),
        )
        if archive.problems:
            print(f"  problems: {[str(p) for p in archive.problems[:3]]}")
        best = figures if best is None or figures[0] < best[0] else best
    assert best is not None
    return best


# VmHWM, not ru_maxrss: Linux carries a forked child's maxrss (the parent's size) across exec.
PDF_RSS_CHILD = """
import re, sys
from pathlib import Path
from viewer.core.formats.pdf import read_pdf
extracted = read_pdf(Path(sys.argv[1]))
hwm = re.search(r"VmHWM:\\s+(\\d+) kB", Path("/proc/self/status").read_text()).group(1)
print(len(extracted.text), max(extracted.pages or [0]), hwm)
"""


def big_pdf_rss(folder: Path, texts: list[str]) -> str:
    """Peak RSS of reading a 2,000-page PDF in a fresh process (ru_maxrss)."""
    from tests.core.formats.pdf_samples import Block, qt_pdf

    lines = [line for text in texts for line in text.splitlines()[1:] if line.strip()]
    blocks = [Block(lines[n % len(lines)]) for n in range(60_000)]
    path = folder / "big.pdf"
    qt_pdf(path, blocks, title="大型文档")
    started = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-c", PDF_RSS_CHILD, str(path)], capture_output=True, text=True, cwd=REPO, check=True
    )
    chars, pages, rss_kb = map(int, done.stdout.split())
    seconds = time.perf_counter() - started
    return (
        f"{pages:,}-page PDF ({path.stat().st_size / 1e6:.1f} MB, {chars:,} characters): read in "
        f"{seconds:.1f} s, peak RSS {rss_kb / 1024:.0f} MB"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--files", type=int, default=100)
    args = parser.parse_args()
    from PySide6.QtGui import QGuiApplication

    app = QGuiApplication([])  # noqa: F841 (Qt draws the PDFs)
    work = Path(tempfile.mkdtemp(prefix="bench-formats-"))
    try:
        texts = corpus_texts(args.files)
        print(f"{args.files} files per format from {CORPUS} (load {os.getloadavg()[0]:.1f})")
        print(
            "| format | files MB | text MB | wall s | CPU s | MB/s (file, wall) | MB/s (text, CPU) | files/s |"
        )
        print("|---|---:|---:|---:|---:|---:|---:|---:|")
        for fmt in MAKERS:
            folder = work / fmt
            size = build(folder, fmt, texts)
            wall, cpu, docs, chars = measure(folder)
            text_mb = chars * 3 / 1e6  # UTF-8 of CJK text
            print(
                f"| {fmt} | {size / 1e6:.1f} | {text_mb:.1f} | {wall:.1f} | {cpu:.1f} | "
                f"{size / 1e6 / wall:.2f} | {text_mb / cpu:.2f} | {docs / wall:.0f} |",
                flush=True,
            )
        print(big_pdf_rss(work, texts))
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
