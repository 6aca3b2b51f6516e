"""Word export (python-docx): a heading per document, each excerpt a quote, its citation a line under it."""

from __future__ import annotations

import io
from collections.abc import Sequence
from datetime import datetime

import docx
from docx.oxml.ns import qn
from docx.shared import Pt, RGBColor

from viewer.core.bookmarks import Bookmark
from viewer.core.excerpts import Excerpt
from viewer.core.export import (
    LABEL_BOOKMARKS,
    LABEL_NOTE,
    LABEL_TAGS,
    ExportOptions,
    bookmark_heading,
    bookmark_location,
    citation_line,
    group_by_document,
    included_bookmarks,
    location,
    script_labels,
)

# Word picks the East Asian font separately from the Latin one; without it Chinese falls back oddly.
EAST_ASIAN_FONT = "宋体"
CITATION_STYLE = "Excerpt Citation"
META_STYLE = "Excerpt Location"


def _east_asian(style: object, font: str = EAST_ASIAN_FONT) -> None:
    r_pr = style.element.get_or_add_rPr()  # type: ignore[attr-defined]
    r_fonts = r_pr.find(qn("w:rFonts"))
    if r_fonts is None:
        r_fonts = r_pr.makeelement(qn("w:rFonts"), {})
        r_pr.append(r_fonts)
    r_fonts.set(qn("w:eastAsia"), font)


def _add_lines(paragraph: object, text: str) -> None:
    """Text with its line breaks kept as breaks inside one paragraph.

    WordprocessingML allows <w:br/> only inside a run (<w:r>), never directly in <w:p>: each line after
    the first is a run that starts with its break.
    """
    for n, line in enumerate(text.split("\n")):
        run = paragraph.add_run()  # type: ignore[attr-defined]
        if n:
            run.add_break()
        if line:
            run.add_text(line)


def render(excerpts: Sequence[Excerpt], options: ExportOptions, bookmarks: Sequence[Bookmark] = ()) -> bytes:
    document = docx.Document()
    styles = document.styles
    for name in ("Normal", "Title", "Heading 1", "Quote"):
        _east_asian(styles[name])
    citation_style = styles.add_style(CITATION_STYLE, 1)  # WD_STYLE_TYPE.PARAGRAPH
    citation_style.base_style = styles["Normal"]
    citation_style.font.size = Pt(9.5)
    meta_style = styles.add_style(META_STYLE, 1)
    meta_style.base_style = styles["Normal"]
    meta_style.font.size = Pt(8.5)
    meta_style.font.color.rgb = RGBColor(0x66, 0x66, 0x66)
    document.core_properties.title = options.title
    document.core_properties.created = datetime(2000, 1, 1)  # reproducible files; the OS keeps mtime
    document.core_properties.modified = datetime(2000, 1, 1)
    document.core_properties.author = ""
    document.core_properties.last_modified_by = ""

    document.add_heading(options.title, level=0)
    for group in group_by_document(excerpts):
        c = group.citation
        document.add_heading(c.title or c.source, level=1)
        for e in group.excerpts:
            texts = e.texts(options.script)
            labels = script_labels(e, options)
            if labels:
                table = document.add_table(rows=1, cols=len(texts))
                for cell, label, text in zip(table.rows[0].cells, labels, texts, strict=True):
                    cell.paragraphs[0].add_run(label).bold = True
                    quote = cell.add_paragraph(style="Quote")
                    _add_lines(quote, text)
            else:
                _add_lines(document.add_paragraph(style="Quote"), texts[0])
            document.add_paragraph(f"— {citation_line(e, options)}", style=CITATION_STYLE)
            document.add_paragraph(location(e), style=META_STYLE)
            if options.include_notes and e.note:
                note = document.add_paragraph()
                note.add_run(f"{LABEL_NOTE}：").bold = True
                _add_lines(note, e.note)
            if options.include_tags and e.tags:
                document.add_paragraph(f"{LABEL_TAGS}：" + "、".join(e.tags), style=META_STYLE)
    marks = included_bookmarks(bookmarks, options)
    if marks:
        document.add_heading(LABEL_BOOKMARKS, level=1)
        for b in marks:
            line = document.add_paragraph()
            line.add_run(bookmark_heading(b)).bold = True
            line.add_run(f"：「{b.display_quote}」")
            document.add_paragraph(bookmark_location(b), style=META_STYLE)
            if options.include_notes and b.note:
                note = document.add_paragraph()
                note.add_run(f"{LABEL_NOTE}：").bold = True
                _add_lines(note, b.note)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()
