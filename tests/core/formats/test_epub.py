"""EPUB reading: books built to the EPUB 3 spec with zipfile, and files that are not readable books."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest

from tests.core.formats import zips
from viewer.core.decode import UndecodableError
from viewer.core.formats.epub import read_epub, read_epub_bytes

XHTML = '<?xml version="1.0" encoding="UTF-8"?>\n<!DOCTYPE html>\n<html xmlns="http://www.w3.org/1999/xhtml" xmlns:epub="http://www.idpf.org/2007/ops" xml:lang="zh-CN" lang="zh-CN">\n'
CONTAINER = """<?xml version="1.0" encoding="UTF-8"?>
<container version="1.0" xmlns="urn:oasis:names:tc:opendocument:xmlns:container">
  <rootfiles>
    <rootfile full-path="OEBPS/content.opf" media-type="application/oebps-package+xml"/>
  </rootfiles>
</container>"""

CHAPTER_1 = (
    XHTML
    + """<head><title>第一章</title><link rel="stylesheet" href="css/book.css" type="text/css"/></head>
<body>
  <section epub:type="chapter">
    <h1>第一章　建国初期的档案工作</h1>
    <p>一九四九年十月，中央人民政府成立后，
       各级机关陆续建立了文书处理和档案管理制度。</p>
    <p>The <em>Archives Bureau</em> was founded
       in 1954.</p>
    <h2>一、机构<span>设置</span></h2>
    <p>国家档案局成立于一九五四年十一月。<a epub:type="noteref" href="notes.xhtml#n1">[1]</a></p>
    <table>
      <caption>表一　各省档案馆</caption>
      <thead><tr><th>省份</th><th>成立年份</th></tr></thead>
      <tbody><tr><td>内蒙古</td><td>1959</td></tr><tr><td>河北</td><td></td></tr></tbody>
    </table>
    <ul><li>文书档案</li><li>科技档案</li></ul>
  </section>
</body></html>"""
)
CHAPTER_2 = (
    XHTML
    + """<head><title>第二章</title></head>
<body>
  <h1>第二章　诗词选录</h1>
  <blockquote><p>床前明月光，<br/>疑是地上霜。</p></blockquote>
  <div>《<ruby>静<rp>(</rp><rt>jìng</rt><rp>)</rp></ruby>夜思》李白作。</div>
  <h2>二、附记</h2>
  <div><p>嵌套的段落一。</p><p>嵌套的段落二。</p></div>
  <pre>  第一行
  第二行</pre>
  <script>var x = "不是正文";</script>
</body></html>"""
)
NOTES = (
    XHTML
    + """<head><title>注释</title></head>
<body><aside epub:type="footnote" id="n1"><p>[1] 见《中国档案事业史》。</p></aside></body></html>"""
)
NAV = (
    XHTML
    + """<head><title>目录</title></head>
<body><nav epub:type="toc" id="toc"><h1>目录</h1><ol>
  <li><a href="ch1.xhtml">第一章　建国初期的档案工作</a></li>
  <li><a href="ch2.xhtml">第二章　诗词选录</a></li>
</ol></nav></body></html>"""
)
EXPECTED = [
    "# 第一章　建国初期的档案工作",
    "一九四九年十月，中央人民政府成立后，各级机关陆续建立了文书处理和档案管理制度。",
    "The Archives Bureau was founded in 1954.",
    "## 一、机构设置",
    "国家档案局成立于一九五四年十一月。[1]",
    "表一　各省档案馆",
    "省份　|　成立年份",
    "内蒙古　|　1959",
    "河北",
    "文书档案",
    "科技档案",
    "# 第二章　诗词选录",
    "床前明月光，",
    "疑是地上霜。",
    "《静夜思》李白作。",
    "## 二、附记",
    "嵌套的段落一。",
    "嵌套的段落二。",
    "  第一行",
    "  第二行",
    "[1] 见《中国档案事业史》。",  # linear="no": after the linear documents
]


def opf(*, spine: str, manifest: str = "", metadata: str = "") -> str:
    return f"""<?xml version="1.0" encoding="UTF-8"?>
<package xmlns="http://www.idpf.org/2007/opf" version="3.0" unique-identifier="uid" xml:lang="zh-CN">
  <metadata xmlns:dc="http://purl.org/dc/elements/1.1/">
    <dc:identifier id="uid">urn:uuid:0b6e3c5e-7c1a-4c44-9f52-2f0d3e6a1b11</dc:identifier>
    <dc:title>中国档案工作史稿</dc:title>
    <dc:language>zh-CN</dc:language>
    <dc:creator id="a1">王明</dc:creator>
    <dc:creator id="a2">李华</dc:creator>
    <dc:date>1988-05-01</dc:date>
    <dc:publisher>档案出版社</dc:publisher>
    <meta property="dcterms:modified">2024-01-02T03:04:05Z</meta>
    {metadata}
  </metadata>
  <manifest>
    <item id="nav" href="nav.xhtml" media-type="application/xhtml+xml" properties="nav"/>
    <item id="ch1" href="text/ch1.xhtml" media-type="application/xhtml+xml"/>
    <item id="ch2" href="text/ch%202.xhtml" media-type="application/xhtml+xml"/>
    <item id="notes" href="text/notes.xhtml" media-type="application/xhtml+xml"/>
    <item id="css" href="css/book.css" media-type="text/css"/>
    <item id="cover" href="images/cover.png" media-type="image/png" properties="cover-image"/>
    {manifest}
  </manifest>
  <spine>
    {spine}
  </spine>
</package>"""


SPINE = '<itemref idref="ch1"/><itemref idref="notes" linear="no"/><itemref idref="ch2"/>'


def make_epub(
    path: Path,
    *,
    package: str | None = None,
    files: dict[str, bytes | str] | None = None,
    leave_out: tuple[str, ...] = (),
) -> Path:
    """An EPUB 3 as the spec lays it out: mimetype first and stored, container, OPF, nav, chapters."""
    members: dict[str, bytes | str] = {
        "META-INF/container.xml": CONTAINER,
        "OEBPS/content.opf": package or opf(spine=SPINE),
        "OEBPS/nav.xhtml": NAV,
        "OEBPS/text/ch1.xhtml": CHAPTER_1,
        "OEBPS/text/ch 2.xhtml": CHAPTER_2,
        "OEBPS/text/notes.xhtml": NOTES,
        "OEBPS/css/book.css": "h1 { text-align: center; }",
        "OEBPS/images/cover.png": b"\x89PNG\r\n\x1a\n" + bytes(100),
        **(files or {}),
    }
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr(zipfile.ZipInfo("mimetype"), "application/epub+zip", compress_type=zipfile.ZIP_STORED)
        for name, content in members.items():
            if name not in leave_out:
                z.writestr(name, content)
    return path


@pytest.fixture
def book(tmp_path: Path) -> Path:
    return make_epub(tmp_path / "史稿.epub")


def test_the_spec_layout_is_what_make_epub_writes(book: Path) -> None:
    with zipfile.ZipFile(book) as z:
        first = z.infolist()[0]
        assert (first.filename, first.compress_type, z.read(first)) == (
            "mimetype",
            0,
            b"application/epub+zip",
        )
    assert book.read_bytes()[30:38] == b"mimetype"  # readers sniff the bytes at offset 30


def test_spine_documents_in_reading_order_with_headings(book: Path) -> None:
    extracted = read_epub(book)
    assert extracted.text.split("\n") == EXPECTED
    assert extracted.encoding == "epub"


def test_metadata_from_the_package_document(book: Path) -> None:
    extracted = read_epub(book)
    assert extracted.title == "中国档案工作史稿"
    assert extracted.authors == ["王明", "李华"]
    assert extracted.date == "1988-05-01"
    assert extracted.site == "档案出版社"


def test_nav_outside_the_spine_is_not_read_and_inside_it_is_left_out_as_navigation(tmp_path: Path) -> None:
    assert "目录" not in read_epub(make_epub(tmp_path / "a.epub")).text
    extracted = read_epub(make_epub(tmp_path / "b.epub", package=opf(spine='<itemref idref="nav"/>')))
    assert extracted.text == ""
    assert extracted.removed == [
        ("navigation", "# 目录"),
        ("navigation", "第一章　建国初期的档案工作"),
        ("navigation", "第二章　诗词选录"),
    ]


def test_epub2_dates_prefer_publication_and_html_that_is_not_xml_is_still_read(tmp_path: Path) -> None:
    sloppy = (
        '<html xmlns="http://www.w3.org/1999/xhtml"><head><title>x</title></head>'
        "<body><p>旧版&nbsp;电子书<p>没有闭合的段落</body></html>"
    )
    gbk = (
        '<?xml version="1.0" encoding="gbk"?><html xmlns="http://www.w3.org/1999/xhtml"><body>'
        "<p>用GBK编码的章节。</p></body></html>"
    ).encode("gbk")
    package = opf(
        spine='<itemref idref="old"/><itemref idref="gbk"/>',
        manifest='<item id="old" href="old.html" media-type="text/html"/>'
        '<item id="gbk" href="gbk.xhtml" media-type="application/xhtml+xml"/>',
        metadata='<dc:date xmlns:opf="http://www.idpf.org/2007/opf" opf:event="modification">2010-01-01</dc:date>',
    ).replace("<dc:date>1988-05-01</dc:date>", "")
    path = make_epub(
        tmp_path / "old.epub", package=package, files={"OEBPS/old.html": sloppy, "OEBPS/gbk.xhtml": gbk}
    )
    extracted = read_epub(path)
    assert extracted.text.split("\n") == ["旧版\u00a0电子书", "没有闭合的段落", "用GBK编码的章节。"]
    assert extracted.date == "2010-01-01"


def test_body_lines_starting_with_a_hash_are_escaped_so_they_stay_body_text(tmp_path: Path) -> None:
    chapter = (
        XHTML
        + "<head><title>x</title></head><body><h2>#1 号文件</h2><p>  # 不是标题</p><p>#话题#<br/># 第二行</p>"
        "<table><tr><td># 甲</td><td># 乙</td></tr></table></body></html>"
    )
    path = make_epub(tmp_path / "hash.epub", files={"OEBPS/text/ch1.xhtml": chapter})
    assert read_epub(path).text.split("\n")[:5] == [
        "## #1 号文件",
        "\\# 不是标题",
        "\\#话题#",
        "\\# 第二行",
        "\\# 甲　|　# 乙",
    ]


def test_font_obfuscation_is_not_drm(tmp_path: Path) -> None:
    encryption = """<encryption xmlns="urn:oasis:names:tc:opendocument:xmlns:container"
      xmlns:enc="http://www.w3.org/2001/04/xmlenc#"><enc:EncryptedData>
      <enc:EncryptionMethod Algorithm="http://www.idpf.org/2008/embedding"/>
      <enc:CipherData><enc:CipherReference URI="OEBPS/fonts/kai.otf"/></enc:CipherData>
    </enc:EncryptedData></encryption>"""
    path = make_epub(tmp_path / "fonts.epub", files={"META-INF/encryption.xml": encryption})
    assert read_epub(path).text.split("\n") == EXPECTED


def test_a_missing_spine_document_is_reported_and_the_rest_read(tmp_path: Path) -> None:
    extracted = read_epub(make_epub(tmp_path / "gap.epub", leave_out=("OEBPS/text/ch1.xhtml",)))
    assert extracted.text.split("\n")[0] == "# 第二章　诗词选录"
    assert extracted.removed == [("missing", "OEBPS/text/ch1.xhtml")]


# ---------------------------------------------------------------- files that are not readable EPUB

DRM = """<?xml version="1.0"?>
<encryption xmlns="urn:oasis:names:tc:opendocument:xmlns:container" xmlns:enc="http://www.w3.org/2001/04/xmlenc#"
    xmlns:ds="http://www.w3.org/2000/09/xmldsig#">
  <enc:EncryptedData>
    <enc:EncryptionMethod Algorithm="http://www.w3.org/2001/04/xmlenc#aes128-cbc"/>
    <ds:KeyInfo><ds:RetrievalMethod URI="license.lcpl#/encryption/content_key"/></ds:KeyInfo>
    <enc:CipherData><enc:CipherReference URI="OEBPS/text/ch1.xhtml"/></enc:CipherData>
  </enc:EncryptedData>
</encryption>"""
CIPHERTEXT = bytes((i * 73 + 41) % 256 for i in range(5000))


def _docx_bytes() -> bytes:
    import docx  # python-docx: a real DOCX renamed .epub

    buf = io.BytesIO()
    docx.Document().save(buf)
    return buf.getvalue()


@pytest.mark.parametrize(
    ("make", "expected"),
    [
        (lambda p: b"", "^file is empty$"),
        (lambda p: make_epub(p).read_bytes()[:-100], r"^damaged zip archive \("),
        (lambda p: _docx_bytes(), r"^not an EPUB e-book \(DOCX file\)$"),
        (
            lambda p: make_epub(p, leave_out=("META-INF/container.xml",)).read_bytes(),
            r"no META-INF/container.xml\)$",
        ),
        (
            lambda p: make_epub(p, leave_out=("OEBPS/content.opf",)).read_bytes(),
            r"^damaged EPUB: OEBPS/content.opf is missing$",
        ),
        (
            lambda p: make_epub(
                p, files={"META-INF/container.xml": "<container><rootfiles/></container>"}
            ).read_bytes(),
            r"^damaged EPUB: container.xml names no package document$",
        ),
        (
            lambda p: make_epub(p, files={"OEBPS/content.opf": "<package><metadata>"}).read_bytes(),
            r"^damaged EPUB: OEBPS/content.opf is not well-formed XML",
        ),
        (
            lambda p: make_epub(
                p, files={"META-INF/encryption.xml": DRM, "OEBPS/text/ch1.xhtml": CIPHERTEXT}
            ).read_bytes(),
            r"^EPUB with DRM \(encrypted content\)$",
        ),
        (
            # encryption.xml says nothing usable, but the chapter is ciphertext
            lambda p: make_epub(
                p, files={"META-INF/encryption.xml": "<encryption/>", "OEBPS/text/ch 2.xhtml": CIPHERTEXT}
            ).read_bytes(),
            r"^EPUB with DRM \(encrypted content\)$",
        ),
        (
            lambda p: zips.build(
                [zips.deflated("mimetype", b"application/epub+zip"), zips.zeros("OEBPS/text/ch1.xhtml", 1024)]
            ),
            r"^zip bomb: OEBPS/text/ch1.xhtml unpacks to more than 200 times its packed size$",
        ),
    ],
    ids=[
        "empty",
        "truncated",
        "docx",
        "no-container",
        "no-opf",
        "no-rootfile",
        "bad-opf",
        "drm",
        "drm-silent",
        "bomb",
    ],
)
def test_unreadable_files_say_why(tmp_path: Path, make: object, expected: str) -> None:
    data = make(tmp_path / "made.epub")  # type: ignore[operator]
    bad = tmp_path / "bad.epub"
    bad.write_bytes(data)
    with pytest.raises(UndecodableError, match=expected):
        read_epub(bad)


def test_a_chapter_lying_about_its_size_is_damage_not_a_bomb(book: Path) -> None:
    with zipfile.ZipFile(book) as z:
        members = [
            zips.deflated(i.filename, z.read(i)) for i in z.infolist() if i.filename != "OEBPS/text/ch1.xhtml"
        ]
    lying = zips.zeros("OEBPS/text/ch1.xhtml", 1024)
    lying.size = 40_000
    with pytest.raises(UndecodableError, match=r"^damaged zip archive \(OEBPS/text/ch1.xhtml: Bad CRC-32"):
        read_epub_bytes(zips.build([*members, lying]))
