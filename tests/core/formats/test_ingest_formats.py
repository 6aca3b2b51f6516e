"""Every format becomes the same Document: an archive of a text file, a PDF, a DOCX, an EPUB and a GBK
web page, each made by a real tool in the run (Qt, python-docx, zipfile per EPUB 3), read, repaired,
structured, stored, searched and cited."""

from __future__ import annotations

import json
import shutil
import zipfile
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.core.formats.pdf_samples import SAMPLE, MadePdf, qt_pdf
from viewer.core.archive_update import open_archive, refresh
from viewer.core.catalogue import SCHEMA_VERSION, Catalogue
from viewer.core.citation import citation_data, cite
from viewer.core.documents import (
    KIND_PAGE_NUMBER,
    KIND_RUNNING_HEAD,
    ROLE_HEADING,
    ROLE_TITLE,
    Document,
)
from viewer.core.excerpts import make_excerpt
from viewer.core.formats.extracted import Extracted
from viewer.core.ingest import LoadedFile, build_document, ingest_archive, load_file
from viewer.core.repair.locate import locate_repairs
from viewer.core.scan import SourceFile
from viewer.core.search import SearchIndex
from viewer.core.sync import sync_catalogue
from viewer.errors import Cancelled

pytestmark = pytest.mark.usefixtures("qapp")  # Qt draws the PDFs

# ---------------------------------------------------------------- the samples

TEXT = "档案工作随笔\n\n　　清晨整理卷宗，发现一份民国时期的地契，字迹清晰。\n"

DOCX_TITLE = "二〇二二年档案馆工作报告"
DOCX_BLOCKS = [
    (1, "一、馆藏建设"),
    (0, "全年接收进馆档案一万二千卷，其中照片档案三千张，录音录像档案二百盘。"),
    (2, "（一）征集工作"),
    (0, "通过社会征集获得家谱、契约等珍贵资料一百二十件，丰富了馆藏结构。"),
    (1, "二、开放利用"),
    (0, "全年接待查档群众五千余人次，出具档案证明一千二百份，满意率达到百分之九十九。"),
]

EPUB_TITLE = "中国档案工作史稿"
EPUB_CHAPTERS = [
    ("第一章　建国初期的档案工作", ["一九四九年十月，中央人民政府成立后，各级机关陆续建立了文书处理制度。"]),
    ("第二章　档案馆网的形成", ["一九五九年起，各省相继成立省级档案馆，收藏本省重要档案。"]),
]

HTML_TITLE = "关于做好档案开放审核工作的通知"
HTML_PARAGRAPHS = [
    "各区档案馆，市直各单位：",
    "为贯彻落实《中华人民共和国档案法》，规范档案开放审核工作，现就有关事项通知如下。",
    "一、各单位应于四月底前完成本年度到期档案的开放审核，审核结果报市档案馆备案。",
    "二、审核工作实行初审、复审两级制度，涉及国家秘密的档案须经保密部门同意。",
    "特此通知。",
]


def make_docx(path: Path) -> Path:
    """A DOCX by python-docx: core properties, headings by style, paragraphs, a table."""
    import docx

    document = docx.Document()
    document.core_properties.title = DOCX_TITLE
    document.core_properties.author = "Administrator"  # what Word fills in: never an author
    document.add_heading(DOCX_TITLE, 0)
    for level, text in DOCX_BLOCKS:
        if level:
            document.add_heading(text, level)
        else:
            document.add_paragraph(text)
    table = document.add_table(rows=2, cols=2)
    for r, row in enumerate([("类别", "卷数"), ("文书档案", "8000")]):
        for c, value in enumerate(row):
            table.cell(r, c).text = value
    document.save(str(path))
    return path


def make_epub(path: Path) -> Path:
    """An EPUB 3 as the spec lays it out: mimetype first and stored, container, OPF, nav, chapters."""
    xhtml = (
        '<?xml version="1.0" encoding="UTF-8"?>\n<!DOCTYPE html>\n<html xmlns="http://www.w3.org/1999/xhtml" '
        'xmlns:epub="http://www.idpf.org/2007/ops" xml:lang="zh-CN"><head><title>{title}</title></head>'
        "<body><section><h1>{title}</h1>{body}</section></body></html>"
    )
    chapters = {
        f"OEBPS/ch{i + 1}.xhtml": xhtml.format(title=title, body="".join(f"<p>{p}</p>" for p in paragraphs))
        for i, (title, paragraphs) in enumerate(EPUB_CHAPTERS)
    }
    nav = xhtml.format(
        title="目录",
        body='<nav epub:type="toc"><ol>'
        + "".join(f'<li><a href="ch{i + 1}.xhtml">{t}</a></li>' for i, (t, _) in enumerate(EPUB_CHAPTERS))
        + "</ol></nav>",
    )
    opf = f"""<?xml version="1.0" encoding="UTF-8"?>
<package xmlns="http://www.idpf.org/2007/opf" version="3.0" unique-identifier="uid" xml:lang="zh-CN">
  <metadata xmlns:dc="http://purl.org/dc/elements/1.1/">
    <dc:identifier id="uid">urn:uuid:0b6e3c5e-7c1a-4c44-9f52-2f0d3e6a1b11</dc:identifier>
    <dc:title>{EPUB_TITLE}</dc:title><dc:language>zh-CN</dc:language>
    <dc:creator>王明</dc:creator><dc:creator>李华</dc:creator>
    <dc:date>1988-05-01</dc:date><dc:publisher>档案出版社</dc:publisher>
    <meta property="dcterms:modified">2024-01-02T03:04:05Z</meta>
  </metadata>
  <manifest>
    <item id="nav" href="nav.xhtml" media-type="application/xhtml+xml" properties="nav"/>
    <item id="ch1" href="ch1.xhtml" media-type="application/xhtml+xml"/>
    <item id="ch2" href="ch2.xhtml" media-type="application/xhtml+xml"/>
  </manifest>
  <spine><itemref idref="nav"/><itemref idref="ch1"/><itemref idref="ch2"/></spine>
</package>"""
    container = """<?xml version="1.0" encoding="UTF-8"?>
<container version="1.0" xmlns="urn:oasis:names:tc:opendocument:xmlns:container">
  <rootfiles><rootfile full-path="OEBPS/content.opf" media-type="application/oebps-package+xml"/></rootfiles>
</container>"""
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr(zipfile.ZipInfo("mimetype"), "application/epub+zip", compress_type=zipfile.ZIP_STORED)
        z.writestr("META-INF/container.xml", container)
        z.writestr("OEBPS/content.opf", opf)
        z.writestr("OEBPS/nav.xhtml", nav)
        for name, text in chapters.items():
            z.writestr(name, text)
    return path


def make_html(path: Path) -> Path:
    """A government notice saved from a site, in GBK: menu, breadcrumbs, share bar, related links, footer."""
    body = "\n".join(f"<p>{p}</p>" for p in HTML_PARAGRAPHS)
    page = f"""<!DOCTYPE html>
<html><head><meta http-equiv="Content-Type" content="text/html; charset=gbk">
<title>{HTML_TITLE}_通知公告_某市档案馆</title>
<meta name="author" content="某市档案馆办公室">
<meta property="og:site_name" content="某市档案馆">
<meta property="article:published_time" content="2023-03-15T09:30:00+08:00">
</head><body>
<div class="top"><a href="/">首页</a> | <a href="/xwzx/">新闻中心</a> | <a href="/zwgk/">政务公开</a> | <a href="/bsfw/">办事服务</a></div>
<div class="crumb">当前位置：<a href="/">首页</a> &gt; <a href="/tzgg/">通知公告</a> &gt; 正文</div>
<div class="main"><div class="article">
<h1>{HTML_TITLE}</h1>
<div class="content">
{body}
</div>
<div class="share">分享到：<a href="#">微信</a> <a href="#">微博</a> <a href="#">QQ空间</a></div>
</div>
<div class="side"><h3>相关推荐</h3><ul><li><a href="/a1">市档案馆召开二〇二三年工作会议</a></li>
<li><a href="/a2">关于开展档案安全检查的通知</a></li><li><a href="/a3">档案馆新馆开馆公告</a></li></ul></div>
</div>
<div class="footer"><p>版权所有：某市档案馆　地址：某市人民路1号</p><p>京ICP备12345678号-1</p></div>
</body></html>"""
    path.write_bytes(page.encode("gbk"))
    return path


@dataclass
class Samples:
    """An archive folder holding one file of each format, and what the PDF's maker drew."""

    root: Path
    pdf: MadePdf


def make_archive(root: Path) -> Samples:
    root.mkdir(parents=True, exist_ok=True)
    (root / "随笔.txt").write_text(TEXT, encoding="utf-8")
    made = qt_pdf(root / "概况.pdf", SAMPLE)
    make_docx(root / "报告.docx")
    make_epub(root / "史稿.epub")
    make_html(root / "通知.html")
    return Samples(root, made)


@pytest.fixture(scope="module")
def samples(tmp_path_factory: pytest.TempPathFactory, qapp: object) -> Samples:
    return make_archive(tmp_path_factory.mktemp("formats") / "archive")


@pytest.fixture(scope="module")
def ingested(samples: Samples) -> dict[str, Document]:
    archive = ingest_archive(samples.root)
    assert archive.problems == []
    return {Path(d.source).suffix: d for d in archive.documents}


def expected_pdf_paragraphs(made: MadePdf) -> list[tuple[str, int]]:
    """The PDF's blocks as paragraphs: the heading's '#' is the reader's markup, not the text."""
    return [(line.lstrip("#").lstrip(), page) for line, page in made.lines()]


# ---------------------------------------------------------------- every format, one Document


def test_every_format_becomes_a_document_with_its_encoding(ingested: dict[str, Document]) -> None:
    assert set(ingested) == {".txt", ".pdf", ".docx", ".epub", ".html"}
    encodings = {suffix: doc.encoding for suffix, doc in ingested.items()}
    assert encodings[".pdf"] == "pdf" and encodings[".docx"] == "docx" and encodings[".epub"] == "epub"
    assert encodings[".html"] in ("html:gbk", "html:gb18030")
    assert encodings[".txt"] == "utf-8"
    for doc in ingested.values():
        assert doc.paragraphs and doc.title and doc.raw_text
        assert [p.ordinal for p in doc.paragraphs] == list(range(len(doc.paragraphs)))
        assert not any(p.text.startswith("#") for p in doc.paragraphs), doc.source


def test_pdf_paragraphs_pages_sections_and_running_heads(
    ingested: dict[str, Document], samples: Samples
) -> None:
    doc = ingested[".pdf"]
    assert [(p.text, p.page) for p in doc.paragraphs] == expected_pdf_paragraphs(samples.pdf)
    assert samples.pdf.split, "the sample must have a paragraph across a page break"
    assert doc.title == "二〇二三年地方志工作概况" and doc.paragraphs[0].role == ROLE_TITLE
    assert [s.title for s in doc.sections] == ["一、志书编纂", "二、年鉴出版", "三、资料工作", "四、开发利用"]
    headings = {p.id for p in doc.paragraphs if p.role == ROLE_HEADING}
    assert {s.heading_paragraph for s in doc.sections} == headings
    assert doc.authors == ["档案阅览测试组"]
    assert doc.year is None and "file_date" in doc.metadata  # the day Qt wrote it is not the text's year
    listed = {r.kind: sorted(c.before for c in r.changes) for r in doc.repairs}
    drawn = {
        KIND_RUNNING_HEAD: sorted(t for k, t in samples.pdf.removed if k == "running head"),
        KIND_PAGE_NUMBER: sorted(t for k, t in samples.pdf.removed if k == "page number"),
    }
    assert {k: listed.get(k) for k in drawn} == drawn
    assert "中国年鉴" not in "\n".join(p.text for p in doc.paragraphs)
    assert doc.raw_text.startswith("# 二〇二三年地方志工作概况\n")  # the raw view shows the reader's text


def test_docx_headings_table_and_core_properties(ingested: dict[str, Document]) -> None:
    doc = ingested[".docx"]
    assert doc.title == DOCX_TITLE
    assert [(s.title, s.level) for s in doc.sections] == [
        ("一、馆藏建设", 1),
        ("（一）征集工作", 2),
        ("二、开放利用", 1),
    ]
    texts = [p.text for p in doc.paragraphs]
    for _level, text in DOCX_BLOCKS:
        assert text in texts
    assert "文书档案　|　8000" in texts
    assert doc.authors == []  # "Administrator" is the computer's user, not an author


def test_epub_title_authors_date_and_chapters(ingested: dict[str, Document]) -> None:
    doc = ingested[".epub"]
    assert doc.title == EPUB_TITLE  # the book's, not its first chapter's
    assert doc.authors[:2] == ["王明", "李华"]
    assert doc.year == 1988 and doc.metadata["date"] == "1988-05-01"
    assert doc.metadata["site"] == "档案出版社"
    assert [(s.title, s.level) for s in doc.sections] == [(t, 1) for t, _ in EPUB_CHAPTERS]
    for _title, paragraphs in EPUB_CHAPTERS:
        for text in paragraphs:
            assert text in [p.text for p in doc.paragraphs]
    assert any(r.kind == "navigation" and r.count for r in doc.repairs)  # the nav's table of contents


def test_gbk_web_page_text_metadata_and_chrome(ingested: dict[str, Document]) -> None:
    doc = ingested[".html"]
    assert doc.title == HTML_TITLE
    texts = [p.text for p in doc.paragraphs]
    assert [t for t in texts if t in HTML_PARAGRAPHS] == HTML_PARAGRAPHS
    page = "\n".join(texts)
    for chrome in ("当前位置", "分享到", "相关推荐", "版权所有", "ICP备", "办事服务"):
        assert chrome not in page
    assert doc.metadata["site"] == "某市档案馆"
    assert doc.metadata["date"].startswith("2023-03-15") and doc.year == 2023
    assert "某市档案馆办公室" in doc.authors


def test_text_files_are_read_as_before(ingested: dict[str, Document]) -> None:
    doc = ingested[".txt"]
    assert [p.text for p in doc.paragraphs] == [
        "档案工作随笔",
        "清晨整理卷宗，发现一份民国时期的地契，字迹清晰。",
    ]
    assert all(p.page is None for p in doc.paragraphs)
    assert "page" not in doc.paragraphs[0].to_json()


def test_the_repairs_view_locates_exactly_in_every_format(ingested: dict[str, Document]) -> None:
    for doc in ingested.values():
        located = locate_repairs(doc)
        assert located.replayed, doc.source
        assert len(located.paragraph_spans) == len(doc.paragraphs)
        for (start, end), p in zip(located.paragraph_spans, doc.paragraphs, strict=True):
            assert located.repaired_text[start:end] == p.text


# ---------------------------------------------------------------- pages over the repairs


def reader_file(lines: list[tuple[str, int]], name: str = "x.pdf") -> LoadedFile:
    text = "\n".join(line for line, _ in lines)
    extracted = Extracted(text, "pdf", pages=[page for _, page in lines])
    return LoadedFile(SourceFile("", name), text, "pdf", len(text), 0.0, "", extracted)


PROSE_A = "这一段在第一页开始，说明了编纂工作的总体情况，内容较多，"
PROSE_B = "并且一直写到了下一页的开头，才算结束。"
LINES = [
    ("# 一、概况", 1),
    ("版權(quán)所有 某某出版社", 1),
    ("编纂工作由地方志办公室组织实施，全年完成书稿一百二十万字。", 1),
    (PROSE_A + "编纂的进度", 2),  # a half that the page-break rule joins with the line after the blank one
    ("", 2),
    ("安排得当，" + PROSE_B, 3),
    ("## 二、资料", 3),
    ("资料收集工作稳步推进，征集到旧志三十种。", 4),
]


def test_pages_follow_paragraphs_that_repairs_join_or_drop() -> None:
    doc = build_document(reader_file(LINES))
    kinds = {r.kind for r in doc.repairs if r.count}
    assert {"page_break", "pinyin_gloss", "chrome"} <= kinds  # the copyright line unglossed, then dropped
    pages = {p.text[:8]: p.page for p in doc.paragraphs}
    assert pages == {
        "一、概况": 1,
        "编纂工作由地方志": 1,
        PROSE_A[:8]: 2,  # the joined paragraph starts on its first half's page
        "二、资料": 3,
        "资料收集工作稳步": 4,
    }


def test_pages_survive_without_the_replay(monkeypatch: pytest.MonkeyPatch) -> None:
    import viewer.core.repair.locate as locate

    monkeypatch.setattr(locate, "paragraph_raw_lines", lambda *args, **kwargs: None)
    replayed = [(p.text, p.page) for p in build_document(reader_file(LINES)).paragraphs]
    monkeypatch.undo()
    assert replayed == [(p.text, p.page) for p in build_document(reader_file(LINES)).paragraphs]


def test_a_hash_line_that_is_text_is_not_a_heading() -> None:
    doc = build_document(
        reader_file(
            [
                ("# 标题", 1),
                ("#话题#开头的一句话，是正文。", 1),
                ("\\# 这一行的井号是正文，读取器转义了它。", 2),
                ("## 小节", 2),
                ("正文内容，说明一些情况。", 2),
            ]
        )
    )
    assert [(p.text, p.role) for p in doc.paragraphs] == [
        ("标题", ROLE_TITLE),
        ("#话题#开头的一句话，是正文。", "body"),
        ("# 这一行的井号是正文，读取器转义了它。", "body"),
        ("小节", ROLE_HEADING),
        ("正文内容，说明一些情况。", "body"),
    ]
    assert [s.title for s in doc.sections] == ["小节"]


@pytest.mark.parametrize(
    ("meta_title", "expected"),
    [
        ("Microsoft Word - 文档1.docx", "本文没有标题行，这一段说明档案的来源和整理情况。"),
        ("x", "本文没有标题行，这一段说明档案的来源和整理情况。"),  # the file's own name
        ("二〇二三年档案整理说明", "二〇二三年档案整理说明"),
    ],
)
def test_a_files_title_is_used_when_the_text_has_none_unless_a_program_made_it(
    meta_title: str, expected: str
) -> None:
    text = (
        "本文没有标题行，这一段说明档案的来源和整理情况。\n档案共计三百卷，均已完成数字化，可在阅览室查阅。"
    )
    extracted = Extracted(text, "pdf", title=meta_title, pages=[1, 1])
    doc = build_document(LoadedFile(SourceFile("", "x.pdf"), text, "pdf", 1, 0.0, "", extracted))
    assert doc.title == expected


# ---------------------------------------------------------------- the catalogue, search, citations


@pytest.fixture(scope="module")
def refreshed(samples: Samples, tmp_path_factory: pytest.TempPathFactory) -> Path:
    index_dir = tmp_path_factory.mktemp("index")
    stats = refresh(samples.root, index_dir)
    assert stats.catalogue.added == 5 and stats.catalogue.problems == 0
    return index_dir


def test_the_catalogue_keeps_pages_and_reader_repairs(
    samples: Samples, refreshed: Path, ingested: dict[str, Document]
) -> None:
    archive = open_archive(samples.root, refreshed)
    try:
        for source in ingested.values():
            stored = archive.document(source.id)
            assert stored is not None
            assert [(p.text, p.page, p.role, p.section) for p in stored.paragraphs] == [
                (p.text, p.page, p.role, p.section) for p in source.paragraphs
            ]
            assert stored.repairs == source.repairs and stored.metadata == source.metadata
            assert archive.raw_text(stored) == source.raw_text  # read by the reader again
            assert locate_repairs(stored, archive.raw_text(stored)).replayed
    finally:
        archive.catalogue.close()


def test_an_older_catalogue_is_rebuilt(tmp_path: Path) -> None:
    import sqlite3

    Catalogue.open(tmp_path, tmp_path).close()
    with sqlite3.connect(tmp_path / "catalogue.sqlite3") as conn:
        conn.execute("UPDATE meta SET value = ? WHERE key = 'schema'", (str(SCHEMA_VERSION - 1),))
    conn.close()
    catalogue = Catalogue.open(tmp_path, tmp_path)
    assert "another layout" in catalogue.reset_reason
    catalogue.close()


@pytest.mark.parametrize(
    ("query", "suffix"),
    [
        ("民国时期的地契", ".txt"),
        ("年鉴出版", ".pdf"),
        ("征集工作", ".docx"),
        ("省级档案馆", ".epub"),
        ("两级制度", ".html"),
    ],
)
def test_search_finds_text_from_each_format(
    samples: Samples, refreshed: Path, ingested: dict[str, Document], query: str, suffix: str
) -> None:
    archive = open_archive(samples.root, refreshed)
    try:
        with SearchIndex.open(refreshed, archive.catalogue) as index:
            hits = index.search(query, limit=None).hits
        assert {h.doc_id for h in hits} == {ingested[suffix].id}
    finally:
        archive.catalogue.close()


def test_a_pdf_excerpt_is_cited_with_its_page(
    samples: Samples, refreshed: Path, ingested: dict[str, Document]
) -> None:
    archive = open_archive(samples.root, refreshed)
    try:
        doc = archive.document(ingested[".pdf"].id)
        assert doc is not None
        on_two = next(i for i, p in enumerate(doc.paragraphs) if p.page == 2)
        first = doc.paragraphs[on_two]
        excerpt = make_excerpt(doc, first.id, 0, None, 6)
        assert excerpt.citation.page == "2"
        assert cite(excerpt.texts("original"), excerpt.citation, "gbt7714").endswith("[Z]: 2.")
        assert cite(excerpt.texts("original"), excerpt.citation, "short").startswith(
            "《二〇二三年地方志工作概况》(二、年鉴出版,第2页)："
        )
        before = doc.paragraphs[on_two - 1]
        assert before.page == 1
        spanning = make_excerpt(doc, before.id, 0, first.id, 4)
        assert spanning.citation.page == "1-2"
        assert "[Z]: 1-2." in cite(spanning.texts("original"), spanning.citation, "gbt7714")
        assert "第1-2页" in cite(spanning.texts("original"), spanning.citation, "short")
        assert citation_data(ingested[".txt"], [ingested[".txt"].paragraphs[0].id]).page == ""
    finally:
        archive.catalogue.close()


# ---------------------------------------------------------------- bad files, limits, progress, cancel


def test_a_corrupt_pdf_and_a_broken_docx_are_one_line_each(samples: Samples, tmp_path: Path) -> None:
    root = tmp_path / "archive"
    shutil.copytree(samples.root, root)
    pdf = (root / "概况.pdf").read_bytes()
    (root / "坏.pdf").write_bytes(pdf[: len(pdf) // 3])
    (root / "坏.docx").write_bytes((root / "报告.docx").read_bytes()[:2000])
    (root / "空.epub").write_bytes(b"PK\x05\x06" + bytes(18))
    archive = ingest_archive(root)
    problems = {p.source: p.reason for p in archive.problems}
    assert set(problems) == {"坏.pdf", "坏.docx", "空.epub"}
    assert all("\n" not in reason and reason for reason in problems.values())
    assert "PDF" in problems["坏.pdf"]
    assert len(archive.documents) == 5
    stats = refresh(root, tmp_path / "index", with_index=False)  # the catalogue's path says the same
    assert stats.catalogue.added == 5 and stats.catalogue.problems == 3


def test_size_limits_per_format(samples: Samples, monkeypatch: pytest.MonkeyPatch) -> None:
    import viewer.core.formats as formats

    pdf = SourceFile(str(samples.root / "概况.pdf"), "概况.pdf")
    text = SourceFile(str(samples.root / "随笔.txt"), "随笔.txt")
    assert load_file(pdf, max_bytes=10).encoding == "pdf"  # max_file_mb is for text files
    with pytest.raises(Exception, match="max_file_mb"):
        load_file(text, max_bytes=10)
    monkeypatch.setitem(formats._LIMITS, "pdf", 100)
    with pytest.raises(Exception, match="the limit for PDF files is"):
        load_file(pdf, max_bytes=10)


def test_progress_moves_through_a_pdfs_pages_and_cancel_stops_inside_it(
    samples: Samples, tmp_path: Path
) -> None:
    made = qt_pdf(tmp_path / "长.pdf", SAMPLE * 6)
    assert made.page_count >= 10
    root = tmp_path / "archive"
    root.mkdir()
    shutil.copy(made.path, root / "长.pdf")
    reports: list[tuple[int, int, str]] = []
    catalogue = Catalogue.open(tmp_path / "index", root)
    try:
        sync_catalogue(root, catalogue, progress=lambda d, t, m: reports.append((d, t, m)))
        pages = [r for r in reports if r[2].startswith("长.pdf (")]
        assert len(pages) >= made.page_count
        assert [d for d, _, _ in pages] == sorted(d for d, _, _ in pages) and pages[-1][0] > pages[0][0]
    finally:
        catalogue.close()

    catalogue = Catalogue.open(tmp_path / "index2", root)
    seen: list[str] = []

    def cancel_after_three_pages() -> bool:
        return len(seen) >= 3

    try:
        with pytest.raises(Cancelled):
            sync_catalogue(
                root, catalogue, progress=lambda d, t, m: seen.append(m), cancelled=cancel_after_three_pages
            )
        assert len(seen) < made.page_count  # stopped inside the PDF, not after it
        assert catalogue.document_count_rows() == 0
    finally:
        catalogue.close()


def test_show_json_holds_pages(ingested: dict[str, Document]) -> None:
    data = json.loads(json.dumps(ingested[".pdf"].to_json(), ensure_ascii=False))
    assert all(isinstance(p["page"], int) for p in data["paragraphs"])
    assert data["encoding"] == "pdf"
