"""PDF -> Extracted: the text layer through pdfium, visual lines joined into paragraphs, running heads gone.

Why pdfium (pypdfium2: Apache-2.0/BSD-3-Clause, one 9 MB wheel, no other dependency): PyMuPDF is AGPL,
and the pure-Python readers (pypdf, pdfminer.six) are many times slower. pdfium gives each character with
its box, baseline, font size and text matrix, and breaks the text into lines (not always: TeX output
has lines it runs together, so a line whose ends sit on two baselines is cut where the baseline moves).

A PDF's text is visual lines; the reader rebuilds the paragraphs a researcher cites:
- running heads and page numbers go, each listed in `removed`: an edge line (two topmost, two
  bottommost of a page) whose own text, numbers aside, recurs on three pages' edges (and hardly
  inside pages, where recurring body text also is) with numbers that stay or follow the pages
  ("中国年鉴 2023", "— 23 —", "第 23 页"; not "Chapter 2" ten pages after "Chapter 1"), when mostly
  such lines sit at its height; an edge line at such a height that is set apart from the body (another
  size, beyond its first or last line: a chapter's head seen on one page only); a bare page number
  that is its own page's. Measured on a 1,967-page PDF whose body lines recur on up to 44 pages'
  edges: all 1.33 M characters kept (a rule that dropped whatever sat at a head's height lost 7%);
- a line goes on into the next when the next one's first character (or Latin word) would not have
  fitted after it (kinsoku allowed for: "X，" moved down together), the next is not indented further,
  not after a wider gap, not in another font size, not a bullet. Chinese paragraphs are told apart by
  their first-line indent; in a PDF that does not indent them, a full line ending a sentence (。！？…)
  ends its paragraph. This runs over page breaks, so a paragraph cut by one is whole again, on the
  page where it starts (`page_breaks` says where in it each next page begins); small print at a
  page's foot (footnotes) follows that paragraph;
- lines in a font clearly larger than the body's (1.2x) become Markdown headings, "#" for the largest.
  The size is FPDFText_GetFontSize times the text matrix's scale (the font size alone ignores it).
  Headings set only in bold, at the body's size, stay paragraphs. A paragraph starting with '#' is
  escaped as "\\#", as the DOCX and EPUB readers do, so it does not become a heading.

Memory: a page's objects are closed once its lines are taken, and the document is opened afresh every
PAGES_PER_LOAD pages (pdfium keeps what it parsed until then). What stays is each line's text and six
numbers: 2,000 pages (1.3 M characters) peak at about 60 MB RSS (tests/perf/bench_pdf.py).
pdfium is not thread-safe: one lock serialises every pdfium call in the process, taken per page (and
per open and close) so that the page view draws a page between two pages of a long read.
Not handled: vertical writing, several columns (read in the PDF's order), scans (no text layer: an
UndecodableError says so; OCR is not ours), fonts without a ToUnicode map (the text is what pdfium says).
"""

from __future__ import annotations

import ctypes
import itertools
import logging
import math
import os
import re
import statistics
import threading
import unicodedata
from collections import Counter, deque
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from viewer.core.decode import UndecodableError
from viewer.core.formats.extracted import Extracted
from viewer.core.progress import CancelCheck, Progress, never, no_progress
from viewer.errors import Cancelled, message

logger = logging.getLogger(__name__)


class FairLock:
    """A lock that goes to the threads waiting for it in turn (threading.Lock's interface).

    threading.Lock hands nothing over: the reader, releasing it after a page and taking it again for
    the next, kept the page view waiting up to 0.4 s (measured on 1,967 pages); with this one the
    page view waits for one page at most.
    """

    def __init__(self) -> None:
        self._changed = threading.Condition(threading.Lock())
        self._held = False
        self._queue: deque[object] = deque()  # the waiting threads' tickets, first come first

    def acquire(self, blocking: bool = True, timeout: float = -1) -> bool:
        with self._changed:
            if not self._held and not self._queue:
                self._held = True
                return True
            if not blocking:
                return False
            ticket = object()
            self._queue.append(ticket)
            got = self._changed.wait_for(
                lambda: not self._held and self._queue[0] is ticket, None if timeout < 0 else timeout
            )
            self._queue.remove(ticket)
            if got:
                self._held = True
            else:
                self._changed.notify_all()  # the next in line may be first now
            return got

    def release(self) -> None:
        with self._changed:
            if not self._held:
                raise RuntimeError("release unlocked lock")
            self._held = False
            self._changed.notify_all()

    def locked(self) -> bool:
        return self._held

    def __enter__(self) -> bool:
        return self.acquire()

    def __exit__(self, *exc: object) -> None:
        self.release()


# pdfium is one per process, with no locking of its own: every caller (reader, page view) holds this
PDFIUM_LOCK = FairLock()

HEADING_RATIO = 1.2  # a line this much larger than the body text is a heading
MAX_HEADING_CHARS = 80  # longer "headings" are large-print paragraphs (an abstract, a motto)
MIN_REPEATS = 3  # pages an edge line must appear on to be a running head (2 in a PDF of <= 4 pages)
PAGES_PER_LOAD = 250  # pages read before the document is opened afresh (bounds pdfium's object cache)
_EDGE_LINES = 2  # lines at the top and at the bottom of a page that may be running heads

_SENTENCE_END = frozenset("。！？…!?；;：:")  # a full line ending so ends its paragraph in unindented text
_CLOSERS = frozenset("”’」』）)】》〉\"'")  # may follow the sentence end: 。” still ends the sentence
_NO_LINE_START = frozenset("，。、；：？！）》」』】〉”’…—·,.;:?!)]}%")  # kinsoku: never first on a line
_NO_LINE_END = frozenset("（《「『【〈“‘([{")  # never last on a line
_BULLETS = frozenset("•●○■□◆◇▪▫►▶✓✔※")
_LATIN = re.compile(r"[0-9A-Za-z\u00c0-\u024f]")
_CONTROLS = re.compile("[\x00-\x08\x0b-\x1f\x7f\ufffe\uffff]")
_SPACES = re.compile(r"\s+")
_DIGITS = re.compile(r"\d+")
_CN_PAGE = re.compile(r"第\s*[一二三四五六七八九十百千零〇两]+\s*[页頁]")
_PAGE_NUMBER = re.compile(
    r"[\W_]*(?:(?:第\s*)?(?:\d+|[一二三四五六七八九十百千零〇两]+)\s*[页頁]?"
    r"(?:\s*(?:/|of|共)\s*\d+\s*[页頁]?)?|(?:page|p\.)\s*\d+(?:\s*(?:/|of)\s*\d+)?|[ivxlcdm]+)[\W_]*",
    re.IGNORECASE,
)
_PDF_DATE = re.compile(r"(?:D:)?(\d{4})(\d{2})?(\d{2})?")


@dataclass(slots=True)
class _Line:
    """One visual line of a page: its text and the geometry the paragraph rules need (PDF points, y up)."""

    text: str
    page: int  # 1-based
    left: float
    right: float
    top: float
    bottom: float
    size: float  # effective font size: pdfium's font size times the text matrix's scale


def read_pdf(
    path: Path, *, progress: Progress | None = None, cancelled: CancelCheck | None = None
) -> Extracted:
    """The text of a PDF's text layer, one paragraph per line, with the page each paragraph starts on.

    Raises UndecodableError (a scan without text, an encrypted or a damaged PDF), Cancelled, OSError.
    """
    progress = progress or no_progress
    cancelled = cancelled or never
    with open(path, "rb") as handle:
        if os.fstat(handle.fileno()).st_size == 0:
            raise UndecodableError(message("file is empty"))
        pages, widths, meta = _read_lines(handle, path.name, progress, cancelled)
    if not any(line.text.strip() for page in pages for line in page):
        raise UndecodableError(message("scanned: no text layer"))
    body, removed = _drop_running_heads(pages)
    paragraphs = _paragraphs(body, widths)
    text_lines, page_numbers, page_breaks = _headings(paragraphs, _body_size(body))
    return Extracted(
        text="\n".join(text_lines),
        encoding="pdf",
        title=meta.get("Title", "").strip(),
        authors=[a.strip() for a in re.split(r"[;；、]", meta.get("Author", "")) if a.strip()],
        date=_iso_date(meta.get("CreationDate", "")),
        pages=page_numbers,
        page_breaks=page_breaks,
        removed=removed,
    )


# ---------------------------------------------------------------- pdfium


def _read_lines(
    handle: Any, label: str, progress: Progress, cancelled: CancelCheck
) -> tuple[list[list[_Line]], list[float], dict[str, str]]:
    """Every page's lines and width (one page in memory at a time), and the document's metadata.

    PDFIUM_LOCK is taken for each pdfium call (an open, a page, a close), not for the whole read, so
    the page view can draw a page while a long PDF is read.
    """
    import pypdfium2 as pdfium  # imported on the first PDF: the library is 8 MB

    def load() -> Any:
        handle.seek(0)
        try:
            return pdfium.PdfDocument(handle)
        except pdfium.PdfiumError as exc:
            raise _load_error(exc) from exc

    with PDFIUM_LOCK:
        pdf = load()
    try:
        with PDFIUM_LOCK:
            meta = {k: v for k, v in pdf.get_metadata_dict().items() if isinstance(v, str)}
            total = len(pdf)
        pages, widths = [], []
        for index in range(total):
            if cancelled():
                raise Cancelled(message("reading the PDF was cancelled"))
            progress(index, total, label)
            with PDFIUM_LOCK:
                if index and index % PAGES_PER_LOAD == 0:
                    pdf.close()  # pdfium keeps every object it parsed until the document is closed
                    pdf = None
                    pdf = load()
                try:
                    lines, width = _page_lines(pdf, index)
                except pdfium.PdfiumError as exc:
                    raise UndecodableError(message("damaged PDF ({error})", error=str(exc))) from exc
            pages.append(lines)
            widths.append(width)
        progress(total, total, "")
    finally:
        if pdf is not None:
            with PDFIUM_LOCK:
                pdf.close()
    return pages, widths, meta


def _load_error(exc: Any) -> UndecodableError:
    """The user's words for why pdfium cannot open a file."""
    import pypdfium2.raw as pdfium_c

    code = getattr(exc, "err_code", None)
    if code in (pdfium_c.FPDF_ERR_PASSWORD, pdfium_c.FPDF_ERR_SECURITY):
        return UndecodableError(message("encrypted PDF (a password is needed)"))
    reasons = {
        pdfium_c.FPDF_ERR_SUCCESS: "no pages",  # it opened, but has not one page
        pdfium_c.FPDF_ERR_FORMAT: "not a PDF, or its structure is broken",
        pdfium_c.FPDF_ERR_FILE: "the file cannot be read",
        pdfium_c.FPDF_ERR_PAGE: "a page cannot be read",
    }
    return UndecodableError(message("damaged PDF ({error})", error=reasons.get(code, str(exc))))


def _page_lines(pdf: Any, index: int) -> tuple[list[_Line], float]:
    """A page's visual lines in the PDF's order, with their geometry, and the page's width."""
    import pypdfium2.raw as pdfium_c

    page = pdf[index]
    textpage = page.get_textpage()
    try:
        raw = textpage.raw
        count = textpage.count_chars()
        text = textpage.get_text_range() if count > 0 else ""
        # Text indexes are char indexes unless a character outside the BMP takes two UTF-16 units.
        to_char = (
            (lambda i: i)
            if len(text) == count
            else (lambda i: pdfium_c.FPDFText_GetCharIndexFromTextIndex(raw, i))
        )
        box = pdfium_c.FS_RECTF()
        matrix = pdfium_c.FS_MATRIX()
        x, y = ctypes.c_double(), ctypes.c_double()

        def size_at(i: int) -> float:
            char = to_char(i)
            pdfium_c.FPDFText_GetMatrix(raw, char, matrix)
            scale = math.sqrt(abs(matrix.a * matrix.d - matrix.b * matrix.c)) or 1.0
            return float(pdfium_c.FPDFText_GetFontSize(raw, char)) * scale

        def box_at(i: int) -> tuple[float, float, float, float]:
            pdfium_c.FPDFText_GetLooseCharBox(raw, to_char(i), ctypes.byref(box))
            return box.left, box.right, box.top, box.bottom

        def baseline_at(i: int) -> float:
            pdfium_c.FPDFText_GetCharOrigin(raw, to_char(i), ctypes.byref(x), ctypes.byref(y))
            return y.value

        def visual_lines(start: int, end: int) -> Iterator[tuple[int, int]]:
            """pdfium's line as the lines it is drawn on: it misses some breaks (seen in TeX output)."""
            piece = text[start:end]
            first = start + len(piece) - len(piece.lstrip())
            last = start + len(piece.rstrip()) - 1
            if last < first:
                return  # only spaces
            _, _, top, bottom = box_at(first)
            tolerance = 0.4 * (top - bottom)  # the loose box is about 1.2 em high
            current = baseline_at(first)
            if abs(current - baseline_at(last)) < tolerance:
                yield first, last + 1
                return
            for i in range(first + 1, last + 1):
                if text[i].isspace():
                    continue
                here = baseline_at(i)
                if abs(here - current) >= tolerance:
                    yield start, i
                    start, current = i, here
            yield start, end

        lines: list[_Line] = []
        number = index + 1  # one int object for the page's lines
        for match in re.finditer(r"[^\r\n]+", text):
            for start, end in visual_lines(*match.span()):
                piece = text[start:end]
                first = start + len(piece) - len(piece.lstrip())
                last = start + len(piece.rstrip()) - 1
                if last < first:
                    continue  # only spaces
                inked = [i for i in (first, (first + last) // 2, last) if not text[i].isspace()]
                left, _, top1, bottom1 = box_at(first)
                _, right, top2, bottom2 = box_at(last)
                size = sorted(map(size_at, inked))[len(inked) // 2]  # the middle of three
                line = _Line(
                    text[first : last + 1], number, left, right, max(top1, top2), min(bottom1, bottom2), size
                )
                if lines and _same_baseline(lines[-1], line):
                    _merge(lines[-1], line)
                else:
                    lines.append(line)
        return lines, float(page.get_width())
    finally:
        textpage.close()
        page.close()


def _same_baseline(a: _Line, b: _Line) -> bool:
    """pdfium breaks a line where the PDF's order goes back on it: such pieces are one line."""
    return abs(a.bottom - b.bottom) < 0.3 * max(a.size, b.size) and b.left >= a.right - 0.5 * a.size


def _merge(a: _Line, b: _Line) -> None:
    gap = b.left - a.right
    a.text += _separator(a.text, b.text) if gap > 0.2 * a.size else ""
    a.text += b.text
    a.right = b.right
    a.top, a.bottom = max(a.top, b.top), min(a.bottom, b.bottom)


def _separator(before: str, after: str) -> str:
    """What joins two pieces of a paragraph: a space between Latin words, nothing beside Chinese."""
    a, b = before[-1:], after[:1]
    if not a or not b or a.isspace() or b.isspace() or a in "-([{/" or b in ",.;:!?)]}%/":
        return ""
    if unicodedata.east_asian_width(a) in "WF" or unicodedata.east_asian_width(b) in "WF":
        return ""
    return " "


# ---------------------------------------------------------------- running heads and page numbers


def _edge_key(text: str) -> str:
    """A running head's identity: its text with the numbers that change from page to page taken out."""
    text = _SPACES.sub(" ", text.strip())
    return "#" if _PAGE_NUMBER.fullmatch(text) else _DIGITS.sub("#", _CN_PAGE.sub("第#页", text))


def _drop_running_heads(pages: list[list[_Line]]) -> tuple[list[_Line], list[tuple[str, str]]]:
    """The body lines of every page in order, and the (kind, text) of each running head or number dropped.

    A running head is an edge line (the two topmost and bottommost of a page) whose own key
    (_edge_key) recurs: on MIN_REPEATS pages' edges in all, with numbers that stay or follow the pages,
    and hardly ever inside a page. That last test keeps body text: in a long PDF the same sentence
    often opens or closes a page (one generated 1,967-page PDF has lines on 44 pages' edges), but it
    is set inside pages more often still, where a head never is. A candidate's height on the page is a
    head's place when most lines there, over the whole PDF, are candidates too. Then, from each page's
    top and bottom inwards, these go: a candidate at such a place; a line there that is set apart from
    the body, in another font size or beyond the body's usual top or bottom line (a chapter's head seen
    on one page only); and a bare page number that is its page's own (the one page of a short PDF).
    A line is never dropped only because other lines at its height recur.
    """
    edges: list[dict[int, str]] = []  # per page: id(line) -> _edge_key(line.text)
    numbers: dict[str, dict[int, list[int]]] = {}  # key -> page -> the numbers in its line there
    inside: Counter[str] = Counter()  # key -> lines inside pages (not at an edge) with that key
    for page, lines in enumerate(pages, 1):
        by_height = sorted(lines, key=lambda line: -line.top)
        edge = by_height[:_EDGE_LINES] + by_height[_EDGE_LINES:][-_EDGE_LINES:]
        keys = {id(line): _edge_key(line.text) for line in edge}
        edges.append(keys)
        for line in edge:
            numbers.setdefault(keys[id(line)], {})[page] = [int(n) for n in _DIGITS.findall(line.text)]
        inside.update(_edge_key(line.text) for line in lines if id(line) not in keys)
    repeats = 2 if len(pages) <= 4 else MIN_REPEATS
    heads = {
        key
        for key, found in numbers.items()
        if len(found) >= repeats and 2 * inside[key] < len(found) and _numbers_follow_pages(found)
    }
    occupied: Counter[int] = Counter()  # lines per baseline height (whole points)
    repeated: Counter[int] = Counter()  # candidates per baseline height
    for lines, keys in zip(pages, edges, strict=True):
        for line in lines:
            occupied[round(line.bottom)] += 1
            if keys.get(id(line), "") in heads:
                repeated[round(line.bottom)] += 1

    def near(counts: Counter[int], y: int) -> int:
        return sum(counts[y + d] for d in (-2, -1, 0, 1, 2))

    places = {y for y in repeated if 2 * near(repeated, y) >= near(occupied, y)}

    def at_place(line: _Line) -> bool:
        y = round(line.bottom)
        return any(y + d in places for d in (-2, -1, 0, 1, 2))

    body_size = _body_size([line for lines in pages for line in lines])
    tops, bottoms = [], []  # per page: the top of its highest body line, the bottom of its lowest
    for lines in pages:
        kept = [line for line in lines if not at_place(line)]
        if kept:
            tops.append(max(line.top for line in kept))
            bottoms.append(min(line.bottom for line in kept))
    body_top = statistics.median(tops) if tops else math.inf
    body_bottom = statistics.median(bottoms) if bottoms else -math.inf

    def set_apart(line: _Line) -> bool:
        """Not set as the body is: another font size, or above (below) the body's usual first (last) line."""
        return (
            abs(line.size - body_size) > 0.1 * body_size
            or line.bottom >= body_top - 0.1 * line.size
            or line.top <= body_bottom + 0.1 * line.size
        )

    dropped: set[int] = set()
    for number, (lines, keys) in enumerate(zip(pages, edges, strict=True), 1):
        by_height = sorted(lines, key=lambda line: -line.top)
        for inwards in (by_height[:_EDGE_LINES], by_height[::-1][:_EDGE_LINES]):
            for line in inwards:
                if id(line) in dropped:
                    continue
                key = keys[id(line)]
                if (at_place(line) and (key in heads or set_apart(line))) or (
                    key == "#" and _number_in(line.text) == number
                ):
                    dropped.add(id(line))
                else:
                    break
    body: list[_Line] = []
    removed: list[tuple[str, str]] = []
    for lines, keys in zip(pages, edges, strict=True):
        for line in lines:
            if id(line) in dropped:
                kind = "page number" if keys[id(line)] == "#" else "running head"
                removed.append((kind, line.text.strip()))
            else:
                body.append(line)
    return body, removed


def _numbers_follow_pages(found: dict[int, list[int]]) -> bool:
    """Whether the numbers in a repeated line stay the same (a year) or go up with the pages (a page
    number) from one page it is on to the next, as a running head's do; a heading's ("Chapter 2" ten
    pages after "Chapter 1") do not. Four in five steps must (a chapter's pages restart at 1)."""
    pages = sorted(found)
    steps = list(itertools.pairwise(pages))
    good = sum(
        len(found[p]) == len(found[q])
        and all(m == n or m - n == q - p for n, m in zip(found[p], found[q], strict=True))
        for p, q in steps
    )
    return good >= 0.8 * len(steps)


def _number_in(text: str) -> int | None:
    digits = _DIGITS.search(text)
    return int(digits[0]) if digits else None


# ---------------------------------------------------------------- lines -> paragraphs


def _body_size(lines: list[_Line]) -> float:
    """The font size most of the text is set in (weighted by characters)."""
    sizes: Counter[float] = Counter()
    for line in lines:
        sizes[round(line.size * 2) / 2] += len(line.text)
    return sizes.most_common(1)[0][0] if sizes else 0.0


@dataclass(slots=True)
class _Paragraph:
    text: str
    page: int
    size: float
    breaks: list[int] = field(default_factory=list)  # offsets in `text` at which a next page begins


def _paragraphs(lines: list[_Line], widths: list[float]) -> list[_Paragraph]:
    """Join visual lines into paragraphs (see the module docstring for the rules).

    Small print at the foot of a page (footnotes) is joined on its own and put after the paragraph
    its page's text ends in, so that paragraph runs on into the next page unbroken.
    """
    if not lines:
        return []
    em = _body_size(lines) or 10.0
    margins = _margins(lines, em, widths)
    pitch = _line_pitch(lines)
    indented_style = _uses_indent(lines, margins, em)

    def join(run: list[_Line]) -> list[tuple[_Paragraph, int]]:
        """Paragraphs with the index (in `run`) of the last line of each."""
        out = [(_Paragraph(run[0].text, run[0].page, run[0].size), 0)]
        for i, (a, b) in enumerate(itertools.pairwise(run), 1):
            paragraph = out[-1][0]
            if not _continues(a, b, margins, em, pitch, indented_style):
                out.append((_Paragraph(b.text, b.page, b.size), i))
                continue
            if a.text.endswith(("\x02", "\u00ad")):  # a soft hyphen: the word goes on
                paragraph.text = paragraph.text[:-1]
            else:
                paragraph.text += _separator(paragraph.text, b.text)
            if b.page != a.page:
                paragraph.breaks.append(len(paragraph.text))
            paragraph.text += b.text
            out[-1] = (paragraph, i)
        return out

    text, notes = _set_aside_footnotes(lines, em)
    paragraphs: list[_Paragraph] = []
    pending = sorted(notes.items())  # (index of the text line before them, the footnote lines)
    for paragraph, last in join(text):
        paragraphs.append(paragraph)
        while pending and pending[0][0] <= last:
            paragraphs += [note for note, _ in join(pending.pop(0)[1])]
    for _, note_lines in pending:
        paragraphs += [note for note, _ in join(note_lines)]
    for paragraph in paragraphs:
        paragraph.breaks = [len(_clean(paragraph.text[:at]).lstrip()) for at in paragraph.breaks]
        paragraph.text = _clean(paragraph.text).strip()
        paragraph.breaks = [at for at in paragraph.breaks if 0 < at < len(paragraph.text)]
    return [p for p in paragraphs if p.text]


def _clean(text: str) -> str:
    """Control characters out, runs of whitespace as one space."""
    return _SPACES.sub(" ", _CONTROLS.sub("", text))


def _set_aside_footnotes(lines: list[_Line], em: float) -> tuple[list[_Line], dict[int, list[_Line]]]:
    """The lines without the small print that ends a page below its text, and that small print by
    the index (among the lines kept) of the text line before it."""
    kept: list[_Line] = []
    notes: dict[int, list[_Line]] = {}
    for _, page_lines in itertools.groupby(lines, key=lambda line: line.page):
        run = list(page_lines)
        tail = len(run)
        while tail > 1 and run[tail - 1].size < 0.9 * em:
            tail -= 1
        if 0 < tail < len(run) and all(line.top <= run[tail - 1].bottom for line in run[tail:]):
            kept += run[:tail]
            notes[len(kept) - 1] = run[tail:]
        else:
            kept += run
    return kept, notes


def _margins(lines: list[_Line], em: float, widths: list[float]) -> dict[int, tuple[float, float]]:
    """Each page's text block (left, right): where its lines start and end, as most pages of the same
    parity have it (books mirror their margins), so that a page of a few short lines is not 'full' and
    one line that overshoots (a long URL, a wide table) does not make every other line short.

    A block narrower than half its page is verse or a list, not prose: its right edge is infinitely far,
    so every line stays a paragraph of its own.
    """
    rows: dict[int, tuple[list[float], list[float]]] = {}
    for line in lines:
        if abs(line.size - em) <= 0.1 * em:
            lefts, rights = rows.setdefault(line.page, ([], []))
            lefts.append(line.left)
            rights.append(line.right)
    extent = {
        page: (_shared(lefts, em, min), _shared(rights, em, max)) for page, (lefts, rights) in rows.items()
    }
    usual = {}
    for parity in (0, 1):
        same = [v for p, v in extent.items() if p % 2 == parity]
        if same:
            usual[parity] = (statistics.median(v[0] for v in same), statistics.median(v[1] for v in same))
    margins = {}
    for page in {line.page for line in lines}:
        default = usual.get(page % 2) or usual.get(1 - page % 2) or (0.0, 0.0)
        left, right = extent.get(page, default)
        left = left if default[0] - em <= left < default[0] else default[0]
        right = right if default[1] < right <= default[1] + em else default[1]
        if right - left < 0.5 * widths[page - 1]:
            right = math.inf
        margins[page] = (left, right)
    return margins


def _shared(values: list[float], em: float, pick: Any) -> float:
    """The leftmost (min) or rightmost (max) of values that another value comes within an em of."""
    ordered = sorted(values)
    shared = [
        v
        for i, v in enumerate(ordered)
        if (i and v - ordered[i - 1] <= em) or (i + 1 < len(ordered) and ordered[i + 1] - v <= em)
    ]
    return float(pick(shared or ordered))


def _line_pitch(lines: list[_Line]) -> float:
    """The usual distance between the baselines of two lines of one paragraph."""
    gaps = [
        a.bottom - b.bottom
        for a, b in itertools.pairwise(lines)
        if a.page == b.page and abs(a.size - b.size) < 0.05 * a.size and a.bottom > b.bottom
    ]
    return statistics.median(gaps) if gaps else 0.0


def _is_full(a: _Line, b: _Line, right: float) -> bool:
    """Line `a` reaches its page's right margin: the next line's first character (or Latin word) would
    not have fitted after it. Line breaking keeps closing punctuation off a line's start and opening
    punctuation off its end, so a full line may end one character early: "X，" or "“X" then moved down."""
    room, em = right - a.right, a.size
    if _LATIN.match(b.text[:1]):
        need = 0.6 * em * len(b.text.split(" ", 1)[0]) + 0.3 * em
    elif b.text[:1] in _NO_LINE_END or b.text[1:2] in _NO_LINE_START:
        need = 2 * em
    else:
        need = em
    return room < need + 0.2 * em


def _uses_indent(lines: list[_Line], margins: dict[int, tuple[float, float]], em: float) -> bool:
    """Whether paragraphs start indented: most lines that follow a clearly short line are."""
    starts = [
        b.left - margins[b.page][0] > 0.8 * em
        for a, b in itertools.pairwise(lines)
        if abs(a.size - em) < 0.1 * em
        and abs(b.size - em) < 0.1 * em
        and margins[a.page][1] - a.right > 4 * em
    ]
    return bool(starts) and sum(starts) > len(starts) / 2


def _continues(
    a: _Line,
    b: _Line,
    margins: dict[int, tuple[float, float]],
    em: float,
    pitch: float,
    indented_style: bool,
) -> bool:
    """Whether line `b` goes on with the paragraph that line `a` is in."""
    if abs(a.size - b.size) > 0.1 * max(a.size, b.size):
        return False  # a heading, a footnote
    if not _is_full(a, b, margins[a.page][1]):
        return False
    if b.text[:1] in _BULLETS:
        return False  # a list's next item
    if (
        b.left - margins[b.page][0] > a.left - margins[a.page][0] + 0.8 * a.size
        and a.text[:1] not in _BULLETS
    ):
        return False  # b starts a paragraph with an indent (not the hanging indent of a list item)
    if a.page == b.page and pitch and a.bottom - b.bottom > 1.4 * pitch:
        return False  # a blank line, paragraph spacing
    end = a.text.rstrip("".join(_CLOSERS))[-1:]
    return indented_style or end not in _SENTENCE_END


# ---------------------------------------------------------------- headings and metadata


def _headings(
    paragraphs: list[_Paragraph], body_size: float
) -> tuple[list[str], list[int], list[tuple[int, ...]]]:
    """Text lines (headings as '#' lines, the largest size first; a body line starting with '#'
    escaped as "\\#", as the DOCX and EPUB readers do), the page of each, and where in each line a
    next page begins."""
    sizes = sorted(
        {
            round(p.size, 1)
            for p in paragraphs
            if body_size and p.size >= HEADING_RATIO * body_size and len(p.text) <= MAX_HEADING_CHARS
        },
        reverse=True,
    )
    levels: dict[float, int] = {}
    for size in sizes:  # sizes within 3% of a larger one share its level (rounding, not design)
        near = [s for s in levels if s <= size * 1.03]
        levels[size] = levels[near[0]] if near else min(len(set(levels.values())) + 1, 6)
    text, pages, breaks = [], [], []
    for p in paragraphs:
        level = levels.get(round(p.size, 1), 0) if len(p.text) <= MAX_HEADING_CHARS else 0
        mark = "#" * level + " " if level else "\\" if p.text.startswith("#") else ""
        text.append(mark + p.text)
        pages.append(p.page)
        breaks.append(tuple(len(mark) + at for at in p.breaks))
    return text, pages, breaks


def _iso_date(value: str) -> str:
    """A PDF date (D:20231204174958+08'00') as an ISO date; anything else as it is."""
    match = _PDF_DATE.match(value.strip())
    if not match:
        return value.strip()
    return "-".join(part for part in match.groups() if part)
