"""The PDF reader on PDFs that Qt and LibreOffice write in the test run: text, pages, running heads, metadata."""

from __future__ import annotations

import itertools
import re
import threading
import time
from pathlib import Path

import pytest

from PySide6.QtGui import QPageSize

from tests.core.formats.pdf_samples import (
    AUTHOR,
    RUNNING_HEAD,
    SAMPLE,
    TITLE,
    Block,
    MadePdf,
    chinese_page,
    docx_pdf,
    generated_blocks,
    qt_pdf,
    scan_pdf,
    soffice,
)
from viewer.core.decode import UndecodableError
from viewer.core.formats.extracted import Extracted
from viewer.core.formats.pdf import (
    PDFIUM_LOCK,
    FairLock,
    _edge_key,
    _iso_date,
    _numbers_follow_pages,
    read_pdf,
)
from viewer.errors import Cancelled, Message

pytestmark = pytest.mark.usefixtures("qapp")  # Qt draws the PDFs

_CJK_SPACE = re.compile(r"\s+(?=[^\x00-\x7f])|(?<=[^\x00-\x7f])\s+")


def normalised(text: str) -> list[str]:
    """Lines with runs of whitespace as one space, and none beside a CJK character: a PDF keeps no
    spaces, only gaps, and LibreOffice widens the one between Chinese and Latin text."""
    return [_CJK_SPACE.sub("", re.sub(r"\s+", " ", line).strip()) for line in text.split("\n")]


def assert_read_back(made: MadePdf) -> Extracted:
    """The reader gives back what the maker drew: paragraphs, headings, start pages, where paragraphs
    cross pages, dropped lines."""
    got = read_pdf(made.path)
    assert normalised(got.text) == normalised(made.text)
    assert got.pages == made.line_pages
    assert pieces(got.text, got.page_breaks) == pieces(made.text, made.line_breaks())
    assert got.removed == made.removed
    assert got.encoding == "pdf"
    return got


def pieces(text: str, breaks: list[tuple[int, ...]] | None) -> list[list[str]]:
    """Each line cut where a next page begins, each piece normalised (the reader keeps no spaces)."""
    assert breaks is not None
    lines = text.split("\n")
    assert len(breaks) == len(lines)
    out = []
    for line, offsets in zip(lines, breaks, strict=True):
        assert list(offsets) == sorted(offsets) and all(0 < at < len(line) for at in offsets)
        bounds = [0, *offsets, len(line)]
        out.append([normalised(line[a:b])[0] for a, b in itertools.pairwise(bounds)])
    return out


def template(exc: pytest.ExceptionInfo[BaseException]) -> str:
    message = exc.value.args[0]
    assert isinstance(message, Message)
    return message.template


# ---------------------------------------------------------------- Qt's PDF writer


def test_paragraphs_pages_heads_and_metadata(tmp_path: Path) -> None:
    made = qt_pdf(tmp_path / "sample.pdf", SAMPLE)
    assert made.page_count >= 3 and made.split, "the sample must run a paragraph over a page break"
    got = read_pdf(made.path)
    assert got.text.split("\n") == [block.markdown for block in SAMPLE]  # exact: Qt adds no gaps
    assert got.pages == made.pages
    assert got.page_breaks == made.line_breaks()  # exact, as the text is
    assert got.text.split("\n")[0] == "# " + TITLE and got.text.split("\n")[2] == "## 一、志书编纂"
    assert got.removed == made.removed
    assert ("running head", RUNNING_HEAD) in got.removed and ("page number", "— 2 —") in got.removed
    assert (got.title, got.authors) == (TITLE, [AUTHOR])
    assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", got.date)
    assert got.site == "" and got.source_text == ""


def test_a_paragraph_across_pages_breaks_where_the_page_text_ends(tmp_path: Path) -> None:
    """page_breaks cuts the joined paragraph where pdfium's text of the page it starts on ends."""
    import pypdfium2 as pdfium

    made = qt_pdf(tmp_path / "sample.pdf", SAMPLE)
    got = read_pdf(made.path)
    assert got.pages is not None and got.page_breaks is not None
    with pdfium.PdfDocument(made.path) as pdf:
        page_texts = [re.sub(r"\s+", "", page.get_textpage().get_text_range()) for page in pdf]
    lines = got.text.split("\n")
    split = [i for i, offsets in enumerate(got.page_breaks) if offsets]
    assert split == sorted(set(made.split))
    for i in split:
        (at,) = got.page_breaks[i]
        before, after = lines[i][:at], lines[i][at:]
        page = got.pages[i]  # Qt draws a page's head and number first, then its text
        assert page_texts[page - 1].endswith(before[-20:])
        assert page_texts[page].startswith(RUNNING_HEAD.replace(" ", "") + f"—{page + 1}—" + after[:20])


@pytest.mark.parametrize(
    ("options", "why"),
    [
        ({"indent": False, "paragraph_gap": 12.0}, "paragraphs told apart by the space between them"),
        ({"indent": False}, "no indent, no space: a full line ending a sentence ends its paragraph"),
        ({"foot": chinese_page}, "第 n 页"),
        ({"head": str, "foot": None}, "a bare page number at the top"),
        ({"head": None, "foot": None}, "nothing to drop"),
    ],
)
def test_layouts(tmp_path: Path, options: dict, why: str) -> None:
    assert_read_back(qt_pdf(tmp_path / "layout.pdf", SAMPLE, **options))


def test_alternating_heads_and_many_pages(tmp_path: Path) -> None:
    """A book's heads: its title on even pages, the chapter on odd ones; 14 sections of one size."""
    made = qt_pdf(
        tmp_path / "book.pdf",
        generated_blocks(7, 160),
        head=lambda page: "地方志工作文集" if page % 2 == 0 else "第一编 综述",
        foot=chinese_page,
        page_size=QPageSize.PageSizeId.A4,
        body_pt=12,
    )
    assert made.page_count >= 15 and len(made.split) > 10
    assert_read_back(made)


NOTES = {
    1: "① 数据来源：省地方志办公室《年度工作统计表》。",
    2: "② 含电子版年鉴十二部。",
    3: "③ 口述资料另有录音三百小时。",
}


def test_footnotes_follow_the_paragraph_a_page_ends_in(tmp_path: Path) -> None:
    """A paragraph cut by a page break stays whole; the first page's footnote comes after it."""
    made = qt_pdf(tmp_path / "notes.pdf", SAMPLE, footnote=NOTES.get)
    assert made.split and made.notes[0][0] == made.split[0]
    assert_read_back(made)


def test_a_single_page_keeps_its_text_and_loses_its_number(tmp_path: Path) -> None:
    made = qt_pdf(tmp_path / "one.pdf", SAMPLE[:2], head=None)
    assert made.page_count == 1
    assert_read_back(made)


POEM = [
    Block("静夜思", 1),
    *map(Block, ["床前明月光", "疑是地上霜", "举头望明月", "低头思故乡"]),
    Block("登鹳雀楼", 1),
    *map(Block, ["白日依山尽", "黄河入海流", "欲穷千里目", "更上一层楼"]),
]


def test_verse_keeps_its_lines(tmp_path: Path) -> None:
    """Lines of one length that all end at the same place are full, but a block that narrow is verse."""
    assert_read_back(qt_pdf(tmp_path / "poem.pdf", POEM, indent=False, head=None))


ENGLISH = [
    Block("Notes on the Archive", 1),
    Block(
        "The provincial gazetteers were compiled between 1983 and 2005 and revised twice since; "
        "each volume records the land, the people and the institutions of one county, with tables "
        "of population, harvests and schools that later researchers quote without a second look."
    ),
    Block(
        "Where a word is cut at the end of a line, the reader must join it again with a space "
        "between words and none inside them, or every search for a phrase across lines would fail."
    ),
]


def test_latin_words_keep_their_spaces(tmp_path: Path) -> None:
    made = qt_pdf(tmp_path / "english.pdf", ENGLISH, head=None)
    got = read_pdf(made.path)
    assert got.text.split("\n") == [block.markdown for block in ENGLISH]


def test_a_paragraph_starting_with_a_hash_is_not_a_heading(tmp_path: Path) -> None:
    """Headings are '#' lines: a body paragraph that starts with '#' is escaped as "\\#", as in DOCX."""
    blocks = [
        SAMPLE[0],
        Block("#3 号档案柜的钥匙由馆长保管，借阅须登记。"),
        Block("# 这一行也是正文。"),
        *SAMPLE[1:],
    ]
    got = assert_read_back(qt_pdf(tmp_path / "hash.pdf", blocks))
    assert got.text.split("\n")[1:3] == [
        "\\#3 号档案柜的钥匙由馆长保管，借阅须登记。",
        "\\# 这一行也是正文。",
    ]


# ---------------------------------------------------------------- long PDFs


@pytest.fixture(scope="module")
def long_pdf(tmp_path_factory: pytest.TempPathFactory, qapp: object) -> MadePdf:
    """The 1,967 pages that once lost 7% of their text: body lines recur on many pages' edges."""
    made = qt_pdf(tmp_path_factory.mktemp("long") / "long.pdf", generated_blocks(7, 9200))
    assert made.page_count > 1900
    return made


def test_a_long_pdf_keeps_lines_that_recur_in_its_body(long_pdf: MadePdf) -> None:
    began = time.perf_counter()
    got = assert_read_back(long_pdf)
    assert time.perf_counter() - began < 30
    assert len(got.removed) == 2 * long_pdf.page_count  # the head and the number of each page, no more


@pytest.mark.parametrize(("repeats", "count"), [(1, 820), (3, 300)])
def test_the_same_paragraph_on_every_page_is_body_text(tmp_path: Path, repeats: int, count: int) -> None:
    """Body text on every page, its lines at the page's edges again and again, is not a running head:
    a paragraph of 9 lines (several on a page) and one of 27 (about a page)."""
    made = qt_pdf(tmp_path / "same.pdf", [Block(SAMPLE[6].text * repeats)] * count)
    assert made.page_count >= 300
    got = assert_read_back(made)
    assert len(got.removed) == 2 * made.page_count


def test_the_page_view_waits_for_a_page_not_for_the_whole_read(long_pdf: MadePdf) -> None:
    """The reader holds PDFIUM_LOCK per page, so another thread gets it in a moment, again and again."""
    done = threading.Event()
    outcome: list[BaseException] = []

    def read() -> None:
        try:
            read_pdf(long_pdf.path, cancelled=done.is_set)
        except Cancelled as exc:
            outcome.append(exc)

    reader = threading.Thread(target=read)
    reader.start()
    waits: list[float] = []
    try:
        while reader.is_alive() and len(waits) < 200:  # two seconds of the read, some 900 pages
            began = time.perf_counter()
            with PDFIUM_LOCK:
                waits.append(time.perf_counter() - began)
            time.sleep(0.01)
    finally:
        done.set()
        reader.join()
    assert outcome, "the read ended before the test did: it proves nothing"
    # a page takes some 2 ms; with a threading.Lock (no hand-over) the longest wait was 0.3-0.4 s
    assert len(waits) == 200 and max(waits) < 0.2, (len(waits), max(waits))


def test_the_fair_lock_is_a_lock() -> None:
    lock = FairLock()
    assert lock.acquire() and lock.locked()
    assert not lock.acquire(blocking=False)
    began = time.perf_counter()
    assert not lock.acquire(timeout=0.05)
    assert time.perf_counter() - began >= 0.05
    order: list[int] = []

    def wait_in_turn(n: int) -> None:
        with lock:
            order.append(n)

    threads = [threading.Thread(target=wait_in_turn, args=(n,)) for n in range(3)]
    for thread in threads:
        thread.start()
        time.sleep(0.05)  # queued one after the other
    lock.release()
    for thread in threads:
        thread.join()
    assert order == [0, 1, 2] and not lock.locked()
    with pytest.raises(RuntimeError):
        lock.release()


# ---------------------------------------------------------------- what cannot be read


def test_a_scan_has_no_text_layer(tmp_path: Path) -> None:
    with pytest.raises(UndecodableError) as caught:
        read_pdf(scan_pdf(tmp_path / "scan.pdf"))
    assert str(caught.value) == "scanned: no text layer"
    assert template(caught) == "scanned: no text layer"


def test_an_empty_file_says_so(tmp_path: Path) -> None:
    path = tmp_path / "empty.pdf"
    path.write_bytes(b"")
    with pytest.raises(UndecodableError) as caught:
        read_pdf(path)
    assert template(caught) == "file is empty"  # the words the other readers use


@pytest.mark.parametrize("keep", [0.05, 0.5, 0.95, 0.999])
def test_damaged(tmp_path: Path, keep: float) -> None:
    data = qt_pdf(tmp_path / "whole.pdf", SAMPLE).path.read_bytes()
    cut = tmp_path / "cut.pdf"
    cut.write_bytes(data[: int(len(data) * keep)])
    with pytest.raises(UndecodableError) as caught:
        read_pdf(cut)
    assert template(caught) == "damaged PDF ({error})"
    assert str(caught.value).startswith("damaged PDF (")


def test_not_a_pdf(tmp_path: Path) -> None:
    path = tmp_path / "fake.pdf"
    path.write_bytes(b"%PDF-1.7\n" + bytes(range(256)) * 40)
    with pytest.raises(UndecodableError) as caught:
        read_pdf(path)
    assert template(caught) == "damaged PDF ({error})"


def test_missing_file_is_an_os_error(tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError):
        read_pdf(tmp_path / "gone.pdf")


# ---------------------------------------------------------------- progress and cancel


def test_progress_per_page_and_cancel(tmp_path: Path) -> None:
    made = qt_pdf(tmp_path / "p.pdf", SAMPLE)
    calls: list[tuple[int, int, str]] = []
    read_pdf(made.path, progress=lambda *call: calls.append(call))
    n = made.page_count
    assert calls == [(i, n, "p.pdf") for i in range(n)] + [(n, n, "")]
    asked: list[int] = []

    def cancelled() -> bool:
        asked.append(1)
        return len(asked) > 1  # the user cancels once the first page is read

    with pytest.raises(Cancelled):
        read_pdf(made.path, cancelled=cancelled)
    assert len(asked) == 2
    assert read_pdf(made.path).pages == made.pages  # nothing left half-open


# ---------------------------------------------------------------- LibreOffice, a second producer


@pytest.fixture(scope="module")
def libreoffice() -> str:
    command = soffice()
    if command is None:
        pytest.skip("LibreOffice (soffice) is not installed")
    return command


def test_libreoffice_from_docx(libreoffice: str, tmp_path: Path) -> None:
    """python-docx writes headings (Word styles), indented paragraphs, a header and a PAGE field."""
    import pypdfium2 as pdfium

    made = docx_pdf(libreoffice, tmp_path, SAMPLE)
    got = read_pdf(made.path)
    assert normalised(got.text) == normalised(made.text)
    assert (got.title, got.authors) == (TITLE, [AUTHOR])
    with pdfium.PdfDocument(made.path) as pdf:
        page_texts = [normalised(page.get_textpage().get_text_range().replace("\r\n", ""))[0] for page in pdf]
        page_count = len(pdf)
    assert page_count >= 2
    assert got.pages is not None and got.pages == sorted(got.pages) and got.pages[-1] == page_count
    for line, page in zip(normalised(got.text), got.pages, strict=True):
        assert line.lstrip("# ")[:12] in page_texts[page - 1], (line, page)
    assert got.removed == [
        item
        for page in range(1, page_count + 1)
        for item in [("running head", RUNNING_HEAD), ("page number", f"— {page} —")]
    ]


def test_libreoffice_encrypted(libreoffice: str, tmp_path: Path) -> None:
    made = docx_pdf(libreoffice, tmp_path, SAMPLE[:3], password="秘密")
    with pytest.raises(UndecodableError) as caught:
        read_pdf(made.path)
    assert str(caught.value) == "encrypted PDF (a password is needed)"


# ---------------------------------------------------------------- the rules alone


def test_edge_keys() -> None:
    assert _edge_key("— 23 —") == _edge_key("— 4 —") == _edge_key("第 7 页") == "#"
    assert _edge_key("第二十三页") == _edge_key("Page 3 of 9") == _edge_key("xii") == "#"
    assert _edge_key("中国年鉴 2023") == _edge_key("中国年鉴  2024") == "中国年鉴 #"
    assert _edge_key("第一章 总述") != _edge_key("第二章 方法")


def test_numbers_in_running_heads_follow_the_pages() -> None:
    assert _numbers_follow_pages({3: [2023, 3], 4: [2023, 4], 5: [2023, 5]})  # a year and a page number
    assert _numbers_follow_pages({10: [12], 12: [14], 14: [16]})  # odd pages only, offset 2
    assert not _numbers_follow_pages({1: [1], 15: [2], 31: [3]})  # "Chapter n" opening each chapter


def test_pdf_dates() -> None:
    assert _iso_date("D:20231204174958+08'00'") == "2023-12-04"
    assert _iso_date("D:2023") == "2023"
    assert _iso_date("Tuesday") == "Tuesday"
    assert _iso_date("") == ""
