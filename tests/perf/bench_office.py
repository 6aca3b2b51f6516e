"""Print MB/s for read_docx and read_epub on 100 generated DOCX and 100 EPUB files (and one big one each).

Run: .venv/bin/python tests/perf/bench_office.py [FOLDER]
The files are made from the texts in ../shared/corpus (the 100 largest): the first line a title, the
first line of each group a heading, every 40th line a three-row table, the rest paragraphs; DOCX by
python-docx, EPUB to the EPUB 3 layout (one chapter per 400 lines). The big ones hold the first 5 MB
of the corpus. Reports CPU time (steadier than wall time on a shared machine), best of three, per MB
of file and per MB of text (UTF-8) recovered, and how much of it the zip checks take (SafeZip with
every member unpacked once under its limits, which read_docx pays before python-docx unpacks again).
"""

from __future__ import annotations

import sys
import tempfile
import time
import zipfile
from collections.abc import Callable
from pathlib import Path

import docx
from docx.text.paragraph import Paragraph

from viewer.core.formats.docx import read_docx
from viewer.core.formats.epub import read_epub
from viewer.core.formats.extracted import Extracted
from viewer.core.formats.zipsafe import SafeZip

CORPUS = Path(__file__).resolve().parents[2].parent / "shared" / "corpus"
BIG_BYTES = 5 * 10**6


def groups(text: str) -> list[list[str]]:
    """Blank-line separated groups of non-empty lines."""
    out: list[list[str]] = [[]]
    for line in text.splitlines():
        if line.strip():
            out[-1].append(line.strip())
        elif out[-1]:
            out.append([])
    return [g for g in out if g]


def make_docx(text: str, path: Path) -> None:
    d = docx.Document()
    sect_pr = d.element.body.sectPr
    width = d._block_width  # once: Document.add_table measures the page each time, a whole-body scan

    def paragraph(line: str, style: str | None = None) -> None:
        # Document.add_paragraph looks for sectPr among all the body's children: quadratic in size.
        p = d.element.body._new_p()
        sect_pr.addprevious(p)
        Paragraph(p, d._body).add_run(line)
        p.style = style  # the style id, set on the element: Paragraph.style looks the name up each time

    n = 0
    for g, lines in enumerate(groups(text)):
        paragraph(lines[0], "Title" if g == 0 else "Heading2")
        for line in lines[1:]:
            n += 1
            if n % 40 == 0:
                table = d._body.add_table(3, 2, width)
                for r in range(3):
                    table.cell(r, 0).text, table.cell(r, 1).text = line[:4], line[4:]
            else:
                paragraph(line)
    d.core_properties.title = text.split("\n", 1)[0][:50]
    d.save(str(path))


def _esc(s: str) -> str:
    return s.replace("&", "&amp;").replace("<", "&lt;")


def make_epub(text: str, path: Path) -> None:
    chapters: list[list[str]] = [[]]
    n = 0
    for g, lines in enumerate(groups(text)):
        chapters[-1].append(f"<h{1 if g == 0 else 2}>{_esc(lines[0])}</h{1 if g == 0 else 2}>")
        for line in lines[1:]:
            n += 1
            if n % 40 == 0:
                rows = "".join(
                    f"<tr><td>{_esc(line[:4])}</td><td>{_esc(line[4:])}</td></tr>" for _ in range(3)
                )
                chapters[-1].append(f"<table>{rows}</table>")
            else:
                chapters[-1].append(f"<p>{_esc(line)}</p>")
            if n % 400 == 0:
                chapters.append([])
    head = '<?xml version="1.0" encoding="UTF-8"?>\n<html xmlns="http://www.w3.org/1999/xhtml"><head><title>t</title></head><body>'
    items = "".join(
        f'<item id="c{i}" href="c{i}.xhtml" media-type="application/xhtml+xml"/>'
        for i in range(len(chapters))
    )
    spine = "".join(f'<itemref idref="c{i}"/>' for i in range(len(chapters)))
    opf = (
        '<?xml version="1.0"?><package xmlns="http://www.idpf.org/2007/opf" version="3.0" unique-identifier="u">'
        '<metadata xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:identifier id="u">x</dc:identifier>'
        f"<dc:title>{_esc(text[:20])}</dc:title><dc:language>zh</dc:language></metadata>"
        f"<manifest>{items}</manifest><spine>{spine}</spine></package>"
    )
    container = (
        '<?xml version="1.0"?><container version="1.0" xmlns="urn:oasis:names:tc:opendocument:xmlns:container">'
        '<rootfiles><rootfile full-path="OEBPS/content.opf" media-type="application/oebps-package+xml"/>'
        "</rootfiles></container>"
    )
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr(zipfile.ZipInfo("mimetype"), "application/epub+zip", compress_type=zipfile.ZIP_STORED)
        z.writestr("META-INF/container.xml", container)
        z.writestr("OEBPS/content.opf", opf)
        for i, body in enumerate(chapters):
            z.writestr(f"OEBPS/c{i}.xhtml", head + "\n".join(body) + "</body></html>")


def measure(paths: list[Path], read: Callable[[Path], Extracted], kind: str) -> str:
    file_mb = sum(p.stat().st_size for p in paths) / 1e6
    datas = [p.read_bytes() for p in paths]
    best = best_zip = float("inf")
    text_mb = 0.0
    for _ in range(3):
        cpu = time.process_time()
        text_mb = sum(len(read(p).text.encode()) for p in paths) / 1e6
        best = min(best, time.process_time() - cpu)
        cpu = time.process_time()
        for data in datas:
            SafeZip(data, kind).verify_all()
        best_zip = min(best_zip, time.process_time() - cpu)
    return (
        f"{kind} x{len(paths)}: {file_mb:.1f} MB of files, {text_mb:.1f} MB of text: cpu {best:.2f}s = "
        f"{file_mb / best:.1f} MB/s of file, {text_mb / best:.1f} MB/s of text, "
        f"{len(paths) / best:.0f} files/s; zip checks {best_zip:.2f}s ({100 * best_zip / best:.0f}%)"
    )


def main() -> None:
    folder = Path(sys.argv[1]) if len(sys.argv) > 1 else CORPUS
    files = sorted((p for p in folder.rglob("*.txt") if p.is_file()), key=lambda p: -p.stat().st_size)
    texts = [p.read_text(encoding="utf-8", errors="replace") for p in files]
    big, size = [], 0
    for text in texts:
        if size >= BIG_BYTES:
            break
        big.append(text)
        size += len(text.encode())
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp)
        for kind, make, read in (("DOCX", make_docx, read_docx), ("EPUB", make_epub, read_epub)):
            start = time.perf_counter()
            paths = []
            for i, text in enumerate(texts[:100]):
                paths.append(out / f"{i}.{kind.lower()}")
                make(text, paths[-1])
            one = out / f"big.{kind.lower()}"
            make("\n\n".join(big), one)
            print(f"(made {kind} files in {time.perf_counter() - start:.1f}s)", flush=True)
            print(measure(paths, read, kind), flush=True)
            print(measure([one], read, kind).replace("x1:", "one big:"), flush=True)


if __name__ == "__main__":
    main()
