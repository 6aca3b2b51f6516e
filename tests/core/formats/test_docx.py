"""DOCX reading: documents made by python-docx (and LibreOffice, where installed), and files that are not."""

from __future__ import annotations

import datetime
import io
import re
import shutil
import subprocess
import zipfile
from pathlib import Path

import docx
import pytest
from docx.enum.style import WD_STYLE_TYPE
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn

from tests.core.formats import zips
from tests.core.formats.test_epub import make_epub
from viewer.core.decode import UndecodableError
from viewer.core.formats.docx import read_docx, read_docx_bytes

# The source: (kind, text), kind "title" / "h1" / "h2" / "p" / a table's rows.
TITLE = "内蒙古自治区档案工作规定"
BEFORE_TABLE = "第一条　为了加强档案管理，根据《中华人民共和国档案法》，结合本自治区实际，制定本规定。"
TABLE = [
    ["姓名", "性别", "出生年月", "籍贯"],
    ["乌兰·巴特尔", "男", "1950年3月", "锡林郭勒盟"],
    ["李秀英", "女", "", "呼和浩特市"],
]
AFTER_TABLE = "第二条　本规定所称档案，是指过去和现在的机关、团体、企业事业单位……形成的历史记录。"
EXPECTED = [
    f"# {TITLE}",
    "# 第一章 总则",
    BEFORE_TABLE,
    "姓名　|　性别　|　出生年月　|　籍贯",
    "乌兰·巴特尔　|　男　|　1950年3月　|　锡林郭勒盟",
    "李秀英　|　女　|　　|　呼和浩特市",
    AFTER_TABLE,
    "## 第一节 管理体制",
    "旗县级以上档案主管部门 (Archives Bureau) 主管本行政区域内的档案工作。",
    "床前明月光，",
    "疑是地上霜。",
    "### 一、细则",
    "第三条　本规定自发布之日起施行。",
]


def normalised(text: str) -> list[str]:
    """Lines with runs of ASCII whitespace made one space (how the comparison forgives layout)."""
    return [" ".join(line.split(" ")).strip() for line in text.split("\n")]


def make_document() -> docx.document.Document:
    d = docx.Document()
    d.add_heading(TITLE, 0)  # the Title style
    d.add_heading("第一章 总则", 1)
    d.add_paragraph(BEFORE_TABLE)
    table = d.add_table(rows=len(TABLE), cols=len(TABLE[0]))
    for r, row in enumerate(TABLE):
        for c, value in enumerate(row):
            table.cell(r, c).text = value
    d.add_paragraph(AFTER_TABLE)
    d.add_heading("第一节 管理体制", 2)
    p = d.add_paragraph("旗县级以上档案主管部门 ")
    p.add_run("(Archives Bureau)").bold = True
    p.add_run(" 主管本行政区域内的档案工作。")
    verse = d.add_paragraph("床前明月光，")
    verse.add_run().add_break()  # a line break inside one paragraph
    verse.add_run("疑是地上霜。")
    d.add_paragraph("")  # empty paragraphs are not lines
    d.add_heading("一、细则", 3)
    d.add_paragraph("第三条　本规定自发布之日起施行。")
    props = d.core_properties
    props.title = TITLE
    props.author = "自治区档案局; 张三"
    props.created = datetime.datetime(2003, 7, 1, 9, 30)
    return d


@pytest.fixture
def document_path(tmp_path: Path) -> Path:
    path = tmp_path / "规定.docx"
    make_document().save(str(path))
    return path


def test_text_in_document_order_with_tables_and_headings(document_path: Path) -> None:
    extracted = read_docx(document_path)
    assert normalised(extracted.text) == EXPECTED
    assert extracted.encoding == "docx"
    assert extracted.pages is None and extracted.removed == []


def test_core_properties_are_the_metadata(document_path: Path) -> None:
    extracted = read_docx(document_path)
    assert extracted.title == TITLE
    assert extracted.authors == ["自治区档案局", "张三"]
    assert extracted.date == "2003-07-01"
    assert extracted.site == ""


def test_localised_and_derived_heading_styles() -> None:
    d = docx.Document()
    wps = d.styles.add_style("标题 2", WD_STYLE_TYPE.PARAGRAPH)  # WPS names its styles in Chinese
    d.add_paragraph("按名称的二级标题", style=wps)
    mine = d.styles.add_style("我的章标题", WD_STYLE_TYPE.PARAGRAPH)  # based on a heading: inherits it
    mine.base_style = d.styles["Heading 1"]
    d.add_paragraph("派生的一级标题", style=mine)
    outlined = d.add_paragraph("正文样式但设了大纲级别")
    outlined._p.get_or_add_pPr().append(parse_xml(f'<w:outlineLvl {nsdecls("w")} w:val="2"/>'))
    body = d.add_paragraph("大纲级别为正文的标题样式", style="Heading 4")
    body._p.get_or_add_pPr().append(parse_xml(f'<w:outlineLvl {nsdecls("w")} w:val="9"/>'))
    d.add_paragraph("第八级", style="Heading 8")
    d.add_paragraph("副标题不是标题", style="Subtitle")
    buf = io.BytesIO()
    d.save(buf)
    assert read_docx_bytes(buf.getvalue()).text.split("\n") == [
        "## 按名称的二级标题",
        "# 派生的一级标题",
        "### 正文样式但设了大纲级别",
        "大纲级别为正文的标题样式",
        "###### 第八级",
        "副标题不是标题",
    ]


W = nsdecls("w")
MC = 'xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006"'
WPS = 'xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape"'
V = 'xmlns:v="urn:schemas-microsoft-com:vml"'
TEXT_BOX = "<w:txbxContent><w:p><w:r><w:t>文本框里的说明</w:t></w:r></w:p></w:txbxContent>"
WORD_CONSTRUCTS = [
    # A content control around a block (Word's cover pages, building blocks).
    f"<w:sdt {W}><w:sdtPr/><w:sdtContent><w:p><w:r><w:t>内容控件中的段落</w:t></w:r></w:p></w:sdtContent></w:sdt>",
    # Tracked changes: the insertion is shown, the deletion is not.
    f"<w:p {W}><w:r><w:t>修订：</w:t></w:r><w:ins w:id='1' w:author='a'><w:r><w:t>新增的字</w:t></w:r></w:ins>"
    "<w:del w:id='2' w:author='a'><w:r><w:delText>删去的字</w:delText></w:r></w:del></w:p>",
    # A field: its code is not text, its result is; a hidden run is not shown.
    f"<w:p {W}><w:r><w:t xml:space='preserve'>见第 </w:t></w:r><w:r><w:fldChar w:fldCharType='begin'/></w:r>"
    "<w:r><w:instrText> PAGEREF _Toc1 \\h </w:instrText></w:r><w:r><w:fldChar w:fldCharType='separate'/></w:r>"
    "<w:r><w:t>3</w:t></w:r><w:r><w:fldChar w:fldCharType='end'/></w:r><w:r><w:t xml:space='preserve'> 页</w:t></w:r>"
    "<w:r><w:rPr><w:vanish/></w:rPr><w:t>隐藏文字</w:t></w:r></w:p>",
    # A text box (a drawing with its VML fallback copy): read once, after its paragraph.
    f"<w:p {W} {MC} {WPS} {V}><w:r><w:t>带文本框的段落</w:t></w:r><w:r><mc:AlternateContent>"
    f"<mc:Choice Requires='wps'><w:drawing><wps:wsp><wps:txbx>{TEXT_BOX}</wps:txbx></wps:wsp></w:drawing></mc:Choice>"
    f"<mc:Fallback><w:pict><v:shape><v:textbox>{TEXT_BOX}</v:textbox></v:shape></w:pict></mc:Fallback>"
    "</mc:AlternateContent></w:r></w:p>",
    # A footnote reference (the note itself is added to the package below).
    f"<w:p {W}><w:r><w:t>正文引用脚注</w:t></w:r><w:r><w:footnoteReference w:id='1'/></w:r>"
    "<w:r><w:t>，续文。</w:t></w:r></w:p>",
    # Word's table of contents: navigation, left out.
    f"<w:sdt {W}><w:sdtPr><w:docPartObj><w:docPartGallery w:val='Table of Contents'/></w:docPartObj></w:sdtPr>"
    "<w:sdtContent><w:p><w:r><w:t>目录</w:t></w:r></w:p><w:p><w:r><w:t>第一章 总则</w:t></w:r><w:r><w:tab/></w:r>"
    "<w:r><w:t>1</w:t></w:r></w:p></w:sdtContent></w:sdt>",
]
FOOTNOTES = (
    f"<w:footnotes {W}>"
    "<w:footnote w:type='separator' w:id='-1'><w:p><w:r><w:separator/></w:r></w:p></w:footnote>"
    "<w:footnote w:id='1'><w:p><w:r><w:footnoteRef/></w:r><w:r><w:t xml:space='preserve'> 见《档案法》第五条。</w:t>"
    "</w:r></w:p></w:footnote></w:footnotes>"
)


def add_part(data: bytes, name: str, xml: str, content_type: str, reltype: str) -> bytes:
    """The package with one more part, related from word/document.xml (as Word would write it)."""
    src = zipfile.ZipFile(io.BytesIO(data))
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as out:
        for info in src.infolist():
            content = src.read(info)
            if info.filename == "[Content_Types].xml":
                override = f'<Override PartName="/{name}" ContentType="{content_type}"/></Types>'
                content = content.replace(b"</Types>", override.encode())
            elif info.filename == "word/_rels/document.xml.rels":
                rel = f'<Relationship Id="rIdNote" Type="{reltype}" Target="{name.removeprefix("word/")}"/>'
                content = content.replace(b"</Relationships>", rel.encode() + b"</Relationships>")
            out.writestr(info, content)
        out.writestr(name, xml)
    return buf.getvalue()


def test_what_word_shows_is_read_and_what_it_hides_is_not() -> None:
    d = docx.Document()
    sect = d.element.body.find(qn("w:sectPr"))
    for xml in WORD_CONSTRUCTS:
        sect.addprevious(parse_xml(xml))
    buf = io.BytesIO()
    d.save(buf)
    data = add_part(
        buf.getvalue(),
        "word/footnotes.xml",
        FOOTNOTES,
        "application/vnd.openxmlformats-officedocument.wordprocessingml.footnotes+xml",
        "http://schemas.openxmlformats.org/officeDocument/2006/relationships/footnotes",
    )
    extracted = read_docx_bytes(data)
    assert extracted.text.split("\n") == [
        "内容控件中的段落",
        "修订：新增的字",
        "见第 3 页",
        "带文本框的段落",
        "文本框里的说明",
        "正文引用脚注[1]，续文。",
        "[1] 见《档案法》第五条。",
    ]
    assert extracted.removed == [("navigation", "目录"), ("navigation", "第一章 总则\t1")]


def test_a_one_column_table_is_a_box_of_paragraphs() -> None:
    d = docx.Document()
    cell = d.add_table(rows=1, cols=1).cell(0, 0)
    cell.text = "整篇公文排在一个单元格里。"
    cell.add_paragraph("第二段。")
    cell.add_paragraph("小标题", style="Heading 2")
    buf = io.BytesIO()
    d.save(buf)
    assert read_docx_bytes(buf.getvalue()).text.split("\n") == [
        "整篇公文排在一个单元格里。",
        "第二段。",
        "## 小标题",
    ]


def test_body_lines_starting_with_a_hash_are_escaped_so_they_stay_body_text() -> None:
    d = docx.Document()
    d.add_paragraph("# 不是标题，是正文")
    d.add_paragraph("　　#话题# 缩进的正文")
    d.add_heading("#1 号文件", 2)
    table = d.add_table(rows=1, cols=2)
    table.cell(0, 0).text, table.cell(0, 1).text = "#", "# 第二格"
    buf = io.BytesIO()
    d.save(buf)
    assert read_docx_bytes(buf.getvalue()).text.split("\n") == [
        "\\# 不是标题，是正文",
        "\\#话题# 缩进的正文",
        "## #1 号文件",
        "\\#　|　# 第二格",
    ]


def test_a_package_without_core_properties_has_no_invented_title(document_path: Path) -> None:
    src = zipfile.ZipFile(document_path)
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as out:
        for info in src.infolist():
            content = src.read(info)
            if info.filename == "_rels/.rels":
                content = re.sub(rb"<Relationship [^>]*core-properties[^>]*/>", b"", content)
            if info.filename != "docProps/core.xml":
                out.writestr(info, content)
    extracted = read_docx_bytes(buf.getvalue())
    assert (extracted.title, extracted.authors, extracted.date) == ("", [], "")
    assert normalised(extracted.text) == EXPECTED


@pytest.mark.slow
@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice is not installed")
def test_libreoffice_round_trip_reads_the_same(document_path: Path, tmp_path: Path) -> None:
    """LibreOffice as a second producer: DOCX -> ODT -> DOCX, written by its own OOXML filter."""
    profile = f"-env:UserInstallation=file://{tmp_path}/profile"  # never the user's own profile
    odt_dir, docx_dir = tmp_path / "odt", tmp_path / "docx"
    for target, source, outdir in (("odt", document_path, odt_dir), ("docx", odt_dir / "规定.odt", docx_dir)):
        subprocess.run(
            ["soffice", profile, "--headless", "--convert-to", target, "--outdir", str(outdir), str(source)],
            check=True,
            capture_output=True,
            timeout=180,
        )
    converted = docx_dir / "规定.docx"
    assert zipfile.ZipFile(converted).read("docProps/app.xml").find(b"LibreOffice") >= 0
    extracted = read_docx(converted)
    assert normalised(extracted.text) == EXPECTED
    assert (extracted.title, extracted.authors, extracted.date) == (
        TITLE,
        ["自治区档案局", "张三"],
        "2003-07-01",
    )


# ---------------------------------------------------------------- files that are not readable DOCX


def _replace_member(path: Path, name: str, content: bytes) -> bytes:
    src = zipfile.ZipFile(path)
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as out:
        for info in src.infolist():
            out.writestr(info, content if info.filename == name else src.read(info))
    return buf.getvalue()


CFB = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(504)


@pytest.mark.parametrize(
    ("make", "expected"),
    [
        (lambda p: b"", "^file is empty$"),
        (lambda p: p.read_bytes()[: len(p.read_bytes()) // 2], r"^damaged zip archive \("),
        (lambda p: "一份纯文本".encode(), r"^not a zip archive, as DOCX files are$"),
        (lambda p: make_epub(p.with_name("书.epub")).read_bytes(), r"^not a Word document \(EPUB file\)$"),
        (lambda p: CFB + "WordDocument".encode("utf-16-le"), r"^a Word 97-2003 \.doc file, not DOCX"),
        (lambda p: CFB + "EncryptedPackage".encode("utf-16-le"), r"^password-protected Word document"),
        (
            lambda p: zips.build([zips.deflated("notes.txt", b"x")]),
            r"^not a Word document \(no main document part\)$",
        ),
        (
            lambda p: _replace_member(p, "word/document.xml", b"<w:document><w:body>"),
            r"^damaged DOCX: word/document.xml is not well-formed XML \(",
        ),
        (
            lambda p: zips.build(
                [zips.deflated("[Content_Types].xml", b"<Types/>"), zips.zeros("word/document.xml", 1024)]
            ),
            r"^zip bomb: word/document.xml unpacks to more than 200 times its packed size$",
        ),
    ],
    ids=["empty", "truncated", "text", "epub", "doc", "encrypted", "plain-zip", "bad-xml", "bomb"],
)
def test_unreadable_files_say_why(document_path: Path, make: object, expected: str) -> None:
    data = make(document_path)  # type: ignore[operator]
    bad = document_path.with_name("bad.docx")
    bad.write_bytes(data)
    with pytest.raises(UndecodableError, match=expected):
        read_docx(bad)


def test_a_member_lying_about_its_size_is_damage_not_a_bomb(document_path: Path) -> None:
    bomb = zips.zeros("word/media/image1.png", 1024)
    bomb.size = 50_000  # the headers say 50 KB; the stream holds 1 GB
    members = [
        zips.deflated(i.filename, zipfile.ZipFile(document_path).read(i))
        for i in zipfile.ZipFile(document_path).infolist()
    ]
    with pytest.raises(UndecodableError, match=r"^damaged zip archive \(word/media/image1.png: Bad CRC-32"):
        read_docx_bytes(zips.build([*members, bomb]))
