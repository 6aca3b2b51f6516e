"""Test PDFs made by real producers in the test run: Qt's PDF writer, and LibreOffice from a DOCX.

Hand-written PDF bytes would test our idea of a PDF; these test what tools write. Each maker returns
what it drew (the paragraphs, the page each starts on, the running heads and page numbers), so a test
compares the reader's output with the source, not with a stored copy of the reader's output.
Qt needs a Q(Gui)Application (pytest-qt's `qapp`; the bench makes one).
"""

from __future__ import annotations

import random
import re
import shutil
import subprocess
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from PySide6.QtCore import QMarginsF, QPointF, QRectF, Qt
from PySide6.QtGui import (
    QColor,
    QFont,
    QImage,
    QPageLayout,
    QPageSize,
    QPainter,
    QPdfWriter,
    QTextLayout,
    QTextLine,
)

from viewer.render.fonts import register_bundled_font


@dataclass(frozen=True)
class Block:
    """A paragraph, or a heading (level 1 or 2: drawn larger) as the source has it."""

    text: str
    level: int = 0

    @property
    def markdown(self) -> str:
        """As a reader gives it: a heading after its '#' mark, a paragraph starting with '#' as "\\#"."""
        if self.level:
            return "#" * self.level + " " + self.text
        return "\\" + self.text if self.text.startswith("#") else self.text


@dataclass
class MadePdf:
    """A PDF made from `blocks`, and where its maker put them."""

    path: Path
    blocks: list[Block]
    pages: list[int]  # the page (1-based) each block starts on
    page_count: int
    split: list[int] = field(default_factory=list)  # blocks that run on over a page break
    removed: list[tuple[str, str]] = field(default_factory=list)  # running heads and page numbers drawn
    notes: list[tuple[int, str, int]] = field(default_factory=list)  # (after block, footnote, page)
    breaks: dict[int, list[int]] = field(default_factory=dict)  # block -> offsets in its text of new pages

    def lines(self) -> list[tuple[str, int]]:
        """What a reader should give: each paragraph (or heading, or footnote after the paragraph its
        page's text ends in) with the page it starts on."""
        out = []
        pages = self.pages or [0] * len(self.blocks)  # 0: the producer laid out the pages
        for number, (block, page) in enumerate(zip(self.blocks, pages, strict=True)):
            out.append((block.markdown, page))
            out += [(note, on) for after, note, on in self.notes if after == number]
        return out

    def line_breaks(self) -> list[tuple[int, ...]]:
        """Parallel to lines(): the offsets in each line (as `markdown` has it) at which a next page begins."""
        out: list[tuple[int, ...]] = []
        for number, block in enumerate(self.blocks):
            mark = len(block.markdown) - len(block.text)
            out.append(tuple(mark + at for at in self.breaks.get(number, [])))
            out += [() for after, _, _ in self.notes if after == number]
        return out

    @property
    def text(self) -> str:
        return "\n".join(line for line, _ in self.lines())

    @property
    def line_pages(self) -> list[int]:
        return [page for _, page in self.lines()]


TITLE = "二〇二三年地方志工作概况"
AUTHOR = "档案阅览测试组"

SAMPLE = [
    Block(TITLE, 1),
    Block(
        "本年度全省地方志工作围绕“修志问道，以启未来”的主题展开，各级地方志机构认真履行职责，"
        "在志书编纂、年鉴出版、资料收集和开发利用等方面取得了新的进展。全年共出版各类志书四十二部，"
        "年鉴一百一十六部，整理旧志三十余种，为研究地方历史提供了丰富的资料。"
    ),
    Block("一、志书编纂", 2),
    Block(
        "第二轮修志工作进入收尾阶段。截至12月底，省、市、县三级规划内的志书已有百分之九十六完成出版，"
        "其余正在终审或印制之中。各地在编纂过程中坚持质量第一，严格执行三审制度，"
        "对资料的准确性、体例的规范性和行文的简洁性提出了更高要求。部分市县还邀请高校和科研院所的专家"
        "参与评审，对发现的问题逐条反馈，确保每一部志书都经得起历史的检验。"
    ),
    Block(
        "在专业志和部门志方面，交通、水利、教育、卫生等部门相继启动了新一轮编纂工作。"
        "这些志书详细记录了各行业的发展历程，既有宏观的统计数据，也有具体的人物和事件，"
        "对于了解本省经济社会的变迁具有重要价值。"
    ),
    Block("二、年鉴出版", 2),
    Block(
        "年鉴作为逐年编纂的资料性文献，其时效性和连续性尤为重要。本年度省级综合年鉴按时出版，"
        "全书约一百二十万字，设有特载、大事记、概况、地区、人物、附录等类目，"
        "收录图片三百余幅。各市县年鉴的出版周期也明显缩短，大多数在次年六月前完成出版发行工作，"
        "有的地方还同步推出了电子版和网络版，方便读者检索和阅读。为了提高年鉴的编校质量，"
        "省地方志办公室组织了两期业务培训班，围绕框架设计、条目撰写、资料核实和图片编辑等内容进行讲解，"
        "参加培训的编辑人员共计二百八十人次。培训结束后，各地结合实际情况修订了编写规范，"
        "建立了稿件登记、分级审核和责任追究等制度，年鉴的整体质量有了明显提高。"
    ),
    Block(
        "值得一提的是，部分年鉴开始采用 PDF/A 格式长期保存电子文件，并在版权页注明 ISSN 1002-3456 等标识，"
        "为今后的数字化利用打下了基础。"
    ),
    Block("三、资料工作", 2),
    Block(
        "资料是修志的基础。各地通过征集、复制、购买和接受捐赠等方式，收集了大量档案、文献、图片和口述资料。"
        "省方志馆新增馆藏图书一万二千余册，其中不少是清代和民国时期的旧志和家谱。"
        "对于破损严重的古籍，有关部门及时进行了修复和数字化处理，并编制了目录和索引。"
    ),
    Block(
        "口述资料的采集工作也在稳步推进。工作人员走访了一百多位老同志、老专家和老艺人，"
        "记录下他们亲历的重要事件和行业变化，整理成文字稿约六十万字，同时保存了原始录音和录像。"
    ),
    Block("四、开发利用", 2),
    Block(
        "地方志资源的开发利用是本年度工作的亮点。各级地方志机构编写了一批通俗读物，举办了专题展览和讲座，"
        "并利用新媒体平台发布了大量介绍地方历史文化的文章，受到社会各界的欢迎。"
        "有的地方将志书内容引入中小学课堂，有的地方结合旅游开发讲好本地故事，"
        "使地方志真正走出书斋，服务于经济社会发展和群众的文化生活。"
    ),
    Block(
        "展望明年，全省地方志系统将继续以提高质量为中心，加快推进志书和年鉴的编纂出版，"
        "加强资料收集和数字化建设，进一步拓展开发利用的途径，为保存历史、传承文化作出新的贡献。"
    ),
]

RUNNING_HEAD = "中国年鉴 2023"


def kind(text: str) -> str:
    """What the reader should call a running line it drops."""
    return "page number" if re.fullmatch(r"[—\s]*(第\s*)?\d+\s*页?[—\s]*", text) else "running head"


def dash_number(page: int) -> str:
    return f"— {page} —"


def chinese_page(page: int) -> str:
    return f"第 {page} 页"


def qt_pdf(
    path: Path,
    blocks: list[Block],
    *,
    title: str = TITLE,
    author: str = AUTHOR,
    head: Callable[[int], str] | None = lambda page: RUNNING_HEAD,
    foot: Callable[[int], str] | None = dash_number,
    body_pt: float = 10.5,
    indent: bool = True,
    paragraph_gap: float = 0.0,
    page_size: QPageSize.PageSizeId = QPageSize.PageSizeId.A5,
    footnote: Callable[[int], str | None] = lambda page: None,
) -> MadePdf:
    """Draw `blocks` page by page with QPainter: paragraphs wrapped by QTextLayout (first line indented
    two characters, as Chinese is set), headings larger, a running head and a page number on each page,
    and the page's `footnote` (one short line of small print) below its text.
    """
    family = register_bundled_font()  # the same glyphs on every machine
    assert family, "the bundled CJK font did not load"
    writer = QPdfWriter(str(path))
    writer.setTitle(title)
    writer.setAuthor(author)
    writer.setCreator("archive-viewer tests")
    writer.setPageSize(QPageSize(page_size))
    writer.setPageMargins(QMarginsF(0, 0, 0, 0), QPageLayout.Unit.Point)
    writer.setResolution(72)  # painter units are points
    width, height = writer.width(), writer.height()
    margin_x, margin_top, margin_bottom = 50.0, 60.0, 60.0
    body_width = width - 2 * margin_x

    def font(points: float) -> QFont:
        f = QFont(family)
        f.setPointSizeF(points)
        return f

    small_font = font(body_pt * 0.85)
    made = MadePdf(path, list(blocks), [], 0)
    painter = QPainter(writer)
    page = 1
    y = margin_top

    def decorate() -> None:
        painter.setFont(small_font)
        if head is not None:
            text = head(page)
            painter.drawText(QRectF(0, 25, width, 20), Qt.AlignmentFlag.AlignHCenter, text)
            made.removed.append((kind(text), text))
        if foot is not None:
            text = foot(page)
            painter.drawText(QRectF(0, height - 40, width, 20), Qt.AlignmentFlag.AlignHCenter, text)
            made.removed.append((kind(text), text))

    def foot_note(after: int) -> None:
        text = footnote(page)
        if text:
            painter.setFont(small_font)
            painter.drawText(QPointF(margin_x, height - margin_bottom + 12), text)
            made.notes.append((after, text, page))

    decorate()
    for number, block in enumerate(blocks):
        size = {0: body_pt, 1: body_pt * 1.8, 2: body_pt * 1.4}[block.level]
        f = font(size)
        layout = QTextLayout(block.text, f, writer)
        layout.beginLayout()
        lines: list[tuple[QTextLine, float]] = []
        while True:
            line = layout.createLine()
            if not line.isValid():
                break
            first = not lines and indent and not block.level
            line.setLineWidth(body_width - (2 * size if first else 0))
            lines.append((line, 2 * size if first else 0.0))
        layout.endLayout()
        if block.level:
            y += size * 0.6
        for i, (line, offset) in enumerate(lines):
            if y + line.height() > height - margin_bottom:
                foot_note(number if i else number - 1)  # after the paragraph the page ends in
                writer.newPage()
                page += 1
                y = margin_top
                decorate()
                if i:
                    made.split.append(number)
                    made.breaks.setdefault(number, []).append(line.textStart())
            if i == 0:
                made.pages.append(page)
            painter.setFont(f)
            painter.setPen(QColor("black"))
            text = block.text[line.textStart() : line.textStart() + line.textLength()]
            painter.drawText(QPointF(margin_x + offset, y + line.ascent()), text)
            y += line.height() * 1.35
        y += size * (0.6 if block.level else paragraph_gap)
    foot_note(len(blocks) - 1)
    painter.end()
    made.page_count = page
    return made


def scan_pdf(path: Path, pages: int = 2) -> Path:
    """A 'scan': pages that hold only a picture of text (Qt draws the image; no text object)."""
    image = QImage(400, 300, QImage.Format.Format_RGB32)
    image.fill(QColor("white"))
    painter = QPainter(image)
    painter.setPen(QColor("black"))
    painter.drawText(QPointF(20, 40), "扫描件：只有图像，没有文字层")
    painter.end()
    writer = QPdfWriter(str(path))
    writer.setResolution(72)
    painter = QPainter(writer)
    for page in range(pages):
        if page:
            writer.newPage()
        painter.drawImage(QRectF(20, 20, 360, 270), image)
    painter.end()
    return path


def generated_blocks(seed: int, paragraphs: int) -> list[Block]:
    """Paragraphs of random sentences drawn from SAMPLE's (for volume tests and the bench)."""
    rng = random.Random(seed)
    sentences = [s + "。" for block in SAMPLE if not block.level for s in block.text.split("。") if s.strip()]
    blocks = []
    for i in range(paragraphs):
        if i % 12 == 0:
            blocks.append(Block(f"第{i // 12 + 1}节 资料摘编", 1))
        blocks.append(Block("".join(rng.sample(sentences, rng.randint(1, 5)))))
    return blocks


# ---------------------------------------------------------------- LibreOffice


def soffice() -> str | None:
    """LibreOffice's command, if installed."""
    return shutil.which("soffice") or shutil.which("libreoffice")


def _convert(soffice_cmd: str, source: Path, out_dir: Path, filter_name: str) -> Path:
    """soffice --headless --convert-to; its own profile dir, so a running LibreOffice does not interfere."""
    profile = out_dir / "lo-profile"
    subprocess.run(
        [
            soffice_cmd,
            f"-env:UserInstallation={profile.as_uri()}",
            "--headless",
            "--norestore",
            "--convert-to",
            filter_name,
            "--outdir",
            str(out_dir),
            str(source),
        ],
        check=True,
        capture_output=True,
        timeout=180,
    )
    out = out_dir / (source.stem + ".pdf")
    assert out.is_file(), f"LibreOffice wrote no PDF for {source}"
    return out


def docx_pdf(soffice_cmd: str, folder: Path, blocks: list[Block], *, password: str = "") -> MadePdf:
    """A DOCX made with python-docx (headings, indented paragraphs, a header, a PAGE field in the footer,
    title and author), turned into a PDF by LibreOffice; encrypted with `password` if one is given.

    LibreOffice lays out the pages, so `pages` is empty and `removed` holds the running head only.
    """
    import docx
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn
    from docx.shared import Pt

    document = docx.Document()
    document.core_properties.title = TITLE
    document.core_properties.author = AUTHOR
    for style in ("Normal", "Heading 1", "Heading 2"):
        run_fonts = document.styles[style].element.get_or_add_rPr().get_or_add_rFonts()
        run_fonts.set(qn("w:eastAsia"), "Noto Serif CJK SC")
    document.styles["Normal"].font.size = Pt(10.5)
    section = document.sections[0]
    section.header.paragraphs[0].text = RUNNING_HEAD
    section.header.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.CENTER
    footer = section.footer.paragraphs[0]
    footer.alignment = WD_ALIGN_PARAGRAPH.CENTER
    footer.add_run("— ")
    field_ = OxmlElement("w:fldSimple")
    field_.set(qn("w:instr"), "PAGE")
    run = OxmlElement("w:r")
    text = OxmlElement("w:t")
    text.text = "1"
    run.append(text)
    field_.append(run)
    footer._p.append(field_)
    footer.add_run(" —")
    for block in blocks:
        if block.level:
            document.add_heading(block.text, block.level)
        else:
            paragraph = document.add_paragraph(block.text)
            paragraph.paragraph_format.first_line_indent = Pt(21)
    source = folder / "sample.docx"
    document.save(str(source))
    filter_name = "pdf"
    if password:
        filter_name = (
            'pdf:writer_pdf_Export:{"EncryptFile":{"type":"boolean","value":"true"},'
            f'"DocumentOpenPassword":{{"type":"string","value":"{password}"}}}}'
        )
    path = _convert(soffice_cmd, source, folder, filter_name)
    return MadePdf(path, list(blocks), [], 0, removed=[("running head", RUNNING_HEAD)])
