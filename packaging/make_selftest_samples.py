"""Make the sample files `archive-viewer --self-test` reads: one of each format, in resources/selftest/.

    .venv/bin/python packaging/make_selftest_samples.py

Run once, and again only when a sample should change; the files are committed (a few KB each) so
the installed app needs no test tool to make them. Each is made by the tool that makes such files
in the wild, never written by hand: the PDF by Qt's PDF writer (the bundled CJK font, two pages, a
paragraph across the page break, a running head and page numbers), the DOCX by python-docx (heading
styles, a table, core properties), the EPUB per the EPUB 3 spec with zipfile, and two saved web
pages: a notice in GBK with its site's menu, breadcrumbs, share bar, related links and footer, and a
one-paragraph notice in Big5 (trafilatura cannot read it alone: the reader's jusText comparison and
its largest-block fallback run, so jusText's stoplists are needed in the bundle).

expected.json records what each maker put in: the paragraphs (headings and title included, without
markup; a PDF's with the page each starts on), the encoding, the title and the authors. The self-test
compares what ingest reads with it; it is never the readers' output copied back.
"""

from __future__ import annotations

import json
import os
import sys
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
TARGET = ROOT / "resources" / "selftest"
ZIP_DATE = (2024, 1, 2, 3, 4, 6)  # fixed member dates: the same bytes at each run

# ---------------------------------------------------------------- web pages

NOTICE_TITLE = "关于做好档案开放审核工作的通知"
NOTICE_PARAGRAPHS = [
    "各区档案馆，市直各单位：",
    "为贯彻落实《中华人民共和国档案法》，规范档案开放审核工作，现就有关事项通知如下。",
    "一、各单位应于四月底前完成本年度到期档案的开放审核，审核结果报市档案馆备案。",
    "二、审核工作实行初审、复审两级制度，涉及国家秘密的档案须经保密部门同意。",
    "特此通知。",
]
NOTICE_SITE = "某市档案馆"
NOTICE_AUTHOR = "某市档案馆办公室"
NOTICE_DATE = "2023-03-15"


def notice_page() -> bytes:
    """A government notice saved from its site, in GBK: all the site's chrome around the text."""
    body = "\n".join(f"<p>{p}</p>" for p in NOTICE_PARAGRAPHS)
    page = f"""<!DOCTYPE html>
<html><head><meta http-equiv="Content-Type" content="text/html; charset=gbk">
<title>{NOTICE_TITLE}_通知公告_{NOTICE_SITE}</title>
<meta name="author" content="{NOTICE_AUTHOR}">
<meta property="og:site_name" content="{NOTICE_SITE}">
<meta property="article:published_time" content="{NOTICE_DATE}T09:30:00+08:00">
</head><body>
<div class="top"><a href="/">首页</a> | <a href="/xwzx/">新闻中心</a> | <a href="/zwgk/">政务公开</a> | <a href="/bsfw/">办事服务</a></div>
<div class="crumb">当前位置：<a href="/">首页</a> &gt; <a href="/tzgg/">通知公告</a> &gt; 正文</div>
<div class="main"><div class="article">
<h1>{NOTICE_TITLE}</h1>
<div class="content">
{body}
</div>
<div class="share">分享到：<a href="#">微信</a> <a href="#">微博</a> <a href="#">QQ空间</a></div>
</div>
<div class="side"><h3>相关推荐</h3><ul><li><a href="/a1">市档案馆召开二〇二三年工作会议</a></li>
<li><a href="/a2">关于开展档案安全检查的通知</a></li><li><a href="/a3">档案馆新馆开馆公告</a></li></ul></div>
</div>
<div class="footer"><p>版权所有：{NOTICE_SITE}　地址：某市人民路1号</p><p>京ICP备12345678号-1</p></div>
</body></html>"""
    return page.encode("gbk")


FLASH_TITLE = "閉館通知"
FLASH_PARAGRAPH = "因設備檢修，本館閱覽室五月一日閉館一天，五月二日照常開放，請讀者合理安排查閱時間。"


def flash_page() -> bytes:
    """A one-paragraph notice in Big5 (a Taiwanese or Hong Kong site), chrome and all."""
    page = f"""<html><head><meta charset="big5"><title>{FLASH_TITLE}</title></head><body>
<div class="top"><a href="/">首頁</a> | <a href="/xwzx/">新聞中心</a> | <a href="/zwgk/">政務公開</a></div>
<div class="crumb">當前位置：<a href="/">首頁</a> &gt; <a href="/xwzx/">新聞中心</a> &gt; 正文</div>
<div class="article"><h1>{FLASH_TITLE}</h1><div class="content"><p>{FLASH_PARAGRAPH}</p></div></div>
<div class="share">分享到：<a href="#">微信</a> <a href="#">微博</a> <a href="#">QQ空間</a></div>
<div class="side"><h3>相關推薦</h3><ul><li><a href="/a1">市檔案館召開年度工作會議</a></li>
<li><a href="/a2">關於開展檔案安全檢查的通知</a></li><li><a href="/a3">檔案館新館開館公告</a></li></ul></div>
<div class="footer"><p>版權所有：某市檔案館　地址：某市中山路1號</p></div>
</body></html>"""
    return page.encode("big5")


# ---------------------------------------------------------------- PDF


def pdf(path: Path) -> list[tuple[str, int]]:
    """Two A5 pages by Qt's PDF writer: (paragraph, page it starts on) as drawn."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtGui import QGuiApplication

    from tests.core.formats.pdf_samples import SAMPLE, qt_pdf

    app = QGuiApplication.instance() or QGuiApplication([])
    blocks = SAMPLE[:8]  # the title, two sections, the yearbook's first paragraphs
    made = qt_pdf(path, blocks)
    del app
    if made.page_count != 2 or not made.split:
        raise SystemExit(
            f"the PDF has {made.page_count} pages, split paragraphs {made.split}: want 2 and one"
        )
    return [(line.lstrip("#").lstrip(), page) for line, page in made.lines()]


# ---------------------------------------------------------------- DOCX

DOCX_TITLE = "二〇二二年档案馆工作报告"
DOCX_BLOCKS = [
    (1, "一、馆藏建设"),
    (0, "全年接收进馆档案一万二千卷，其中照片档案三千张，录音录像档案二百盘。"),
    (2, "（一）征集工作"),
    (0, "通过社会征集获得家谱、契约等珍贵资料一百二十件，丰富了馆藏结构。"),
    (1, "二、开放利用"),
    (0, "全年接待查档群众五千余人次，出具档案证明一千二百份。"),
]
DOCX_TABLE = [("类别", "卷数"), ("文书档案", "8000")]
DOCX_AUTHOR = "王明"


def docx_file(path: Path) -> list[str]:
    import docx

    document = docx.Document()
    document.core_properties.title = DOCX_TITLE
    document.core_properties.author = DOCX_AUTHOR
    document.add_heading(DOCX_TITLE, 0)
    for level, text in DOCX_BLOCKS:
        if level:
            document.add_heading(text, level)
        else:
            document.add_paragraph(text)
    table = document.add_table(rows=len(DOCX_TABLE), cols=2)
    for r, row in enumerate(DOCX_TABLE):
        for c, value in enumerate(row):
            table.cell(r, c).text = value
    document.save(str(path))
    return [DOCX_TITLE, *(text for _level, text in DOCX_BLOCKS), *("　|　".join(row) for row in DOCX_TABLE)]


# ---------------------------------------------------------------- EPUB

EPUB_TITLE = "中国档案工作史稿"
EPUB_AUTHORS = ["王明", "李华"]
EPUB_CHAPTERS = [
    ("第一章　建国初期的档案工作", ["一九四九年十月，中央人民政府成立后，各级机关陆续建立了文书处理制度。"]),
    ("第二章　档案馆网的形成", ["一九五九年起，各省相继成立省级档案馆，收藏本省重要档案。"]),
]


def epub(path: Path) -> list[str]:
    """An EPUB 3 as the spec lays it out: mimetype first and stored, container, OPF, nav, chapters."""
    xhtml = (
        '<?xml version="1.0" encoding="UTF-8"?>\n<!DOCTYPE html>\n<html xmlns="http://www.w3.org/1999/xhtml" '
        'xmlns:epub="http://www.idpf.org/2007/ops" xml:lang="zh-CN"><head><title>{title}</title></head>'
        "<body><section><h1>{title}</h1>{body}</section></body></html>"
    )
    toc = "".join(f'<li><a href="ch{i + 1}.xhtml">{t}</a></li>' for i, (t, _) in enumerate(EPUB_CHAPTERS))
    nav = (  # in the spine, as many books have it: the reader leaves the table of contents out
        '<?xml version="1.0" encoding="UTF-8"?>\n<!DOCTYPE html>\n<html xmlns="http://www.w3.org/1999/xhtml" '
        'xmlns:epub="http://www.idpf.org/2007/ops" xml:lang="zh-CN"><head><title>目录</title></head>'
        f'<body><nav epub:type="toc" id="toc"><h1>目录</h1><ol>{toc}</ol></nav></body></html>'
    )
    creators = "".join(f"<dc:creator>{a}</dc:creator>" for a in EPUB_AUTHORS)
    opf = f"""<?xml version="1.0" encoding="UTF-8"?>
<package xmlns="http://www.idpf.org/2007/opf" version="3.0" unique-identifier="uid" xml:lang="zh-CN">
  <metadata xmlns:dc="http://purl.org/dc/elements/1.1/">
    <dc:identifier id="uid">urn:uuid:0b6e3c5e-7c1a-4c44-9f52-2f0d3e6a1b11</dc:identifier>
    <dc:title>{EPUB_TITLE}</dc:title><dc:language>zh-CN</dc:language>{creators}
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
    members = [("mimetype", "application/epub+zip"), ("META-INF/container.xml", container)]
    members += [("OEBPS/content.opf", opf), ("OEBPS/nav.xhtml", nav)]
    for i, (title, paragraphs) in enumerate(EPUB_CHAPTERS):
        body = "".join(f"<p>{p}</p>" for p in paragraphs)
        members.append((f"OEBPS/ch{i + 1}.xhtml", xhtml.format(title=title, body=body)))
    with zipfile.ZipFile(path, "w") as z:
        for name, text in members:
            stored = name == "mimetype"  # the spec: first, uncompressed
            info = zipfile.ZipInfo(name, ZIP_DATE)
            info.compress_type = zipfile.ZIP_STORED if stored else zipfile.ZIP_DEFLATED
            z.writestr(info, text)
    return [line for title, paragraphs in EPUB_CHAPTERS for line in (title, *paragraphs)]


# ---------------------------------------------------------------- all of them


def main() -> int:
    TARGET.mkdir(parents=True, exist_ok=True)
    (TARGET / "notice.html").write_bytes(notice_page())
    (TARGET / "flash.htm").write_bytes(flash_page())
    pdf_lines = pdf(TARGET / "yearbook.pdf")
    expected = {
        "notice.html": {
            "encoding": "html:gb18030",  # a GBK declaration is read as GB18030, as browsers do
            "title": NOTICE_TITLE,
            "paragraphs": [[p, None] for p in [NOTICE_TITLE, *NOTICE_PARAGRAPHS]],
            "authors": [NOTICE_AUTHOR],
        },
        "flash.htm": {
            "encoding": "html:big5hkscs",
            "title": FLASH_TITLE,
            "paragraphs": [[FLASH_TITLE, None], [FLASH_PARAGRAPH, None]],
            "authors": [],
        },
        "yearbook.pdf": {
            "encoding": "pdf",
            "title": pdf_lines[0][0],
            "paragraphs": [list(line) for line in pdf_lines],
            "authors": ["档案阅览测试组"],
        },
        "report.docx": {
            "encoding": "docx",
            "title": DOCX_TITLE,
            "paragraphs": [[p, None] for p in docx_file(TARGET / "report.docx")],
            "authors": [DOCX_AUTHOR],
        },
        "book.epub": {
            "encoding": "epub",
            "title": EPUB_TITLE,
            "paragraphs": [[p, None] for p in epub(TARGET / "book.epub")],
            "authors": EPUB_AUTHORS,
        },
    }
    (TARGET / "expected.json").write_text(json.dumps(expected, ensure_ascii=False, indent=1) + "\n", "utf-8")
    for path in sorted(TARGET.iterdir()):
        print(f"{path.relative_to(ROOT)}: {path.stat().st_size:,} bytes")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
