"""DOCX -> Extracted: the body's paragraphs and tables in document order, headings as Markdown '#' lines.

python-docx opens the package (relationships, content types, the parts' XML); the text is then read
from the WordprocessingML itself rather than through `Paragraph.text`, which misses what Word shows:
tracked insertions (`w:ins`), content controls (`w:sdt`: cover pages, tables of contents), text boxes,
simple fields' results (`w:fldSimple`), equations and notes. What Word does not show is left out: deletions, field codes, hidden runs and
the fallback copy of a drawing (`mc:Fallback`).

- A heading is a paragraph with an outline level (its own `w:outlineLvl`, else its style's, along the
  `basedOn` chain) or whose style is named "heading N" / "Title" (also "标题 N": WPS writes localised
  names; Word writes the English built-in name whatever the UI language and localises only the style
  id, "1" or "berschrift1", so the id is never matched). Level N becomes N '#' (7-9 become 6), Title '#'.
- A table row becomes one line, its cells joined by "　|　": a tab would do in plain text, but the
  whitespace repair turns tabs into a space (reporting a repair on every row), and a cell boundary
  read as a space runs "张三 男 1950" together into one phrase for search. Ideographic spaces around
  a bar keep the cells apart on screen and in search, and the repair leaves them alone. A table with
  one column is a box around text (a layout table): its paragraphs stay paragraphs.
- A line break inside a paragraph (`w:br`, `w:cr`) starts a new line: the text pipeline has nothing
  between a line and a paragraph, and verse, letters and addresses keep their lines this way.
- Footnotes and endnotes keep their text: the reference becomes "[n]" where Word shows the mark, and
  the notes follow the body as "[n] …" lines, numbered in the order they are referenced.
- A body line that starts with '#' is escaped as "\\#", so it is not read as a heading (see
  viewer/core/formats/__init__.py).
- Automatic numbering (`w:numPr`: "第一章", "一、" made by a list style) is not text in the file and
  is not reproduced.
"""

from __future__ import annotations

import io
import logging
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.package import OpcPackage
from docx.opc.part import Part, XmlPart
from docx.oxml.parser import parse_xml
from lxml import etree

from viewer.core.decode import UndecodableError
from viewer.core.formats.extracted import Extracted, body_line
from viewer.core.formats.zipsafe import SafeZip
from viewer.errors import message

logger = logging.getLogger(__name__)

CELL_SEPARATOR = "\u3000|\u3000"

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_MC = "{http://schemas.openxmlformats.org/markup-compatibility/2006}"
_M = "{http://schemas.openxmlformats.org/officeDocument/2006/math}"
_VAL = _W + "val"
_DC = "{http://purl.org/dc/elements/1.1/}"
_DCTERMS = "{http://purl.org/dc/terms/}"
_CORE_PROPERTIES = (
    RT.CORE_PROPERTIES,  # what Word writes
    "http://schemas.openxmlformats.org/officedocument/2006/relationships/metadata/core-properties",  # LibreOffice
)
_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")

# Main parts python-docx reads as Word text (its Document() takes only the first).
_WORD_MAIN_TYPES = frozenset(
    {
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml",
        "application/vnd.openxmlformats-officedocument.wordprocessingml.template.main+xml",
        "application/vnd.ms-word.document.macroEnabled.main+xml",
        "application/vnd.ms-word.template.macroEnabledTemplate.main+xml",
    }
)
_HEADING_MARK = "\x01"  # before a heading line until the text is finished; XML text never holds it
_CFB_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # OLE compound file: .doc, or an encrypted .docx
_HEADING_NAME = re.compile(r"(?:heading|标题|標題)\s*([1-9])")
_TOC_NAME = re.compile(r"(?:toc|目录|目錄)\s*[1-9]")
_TITLE_NAMES = frozenset({"title", "标题", "標題"})
_MAX_STYLE_DEPTH = 20  # basedOn chains are short; a loop in a damaged file must end
# Containers whose children are read as if they stood in the container's place.
_BLOCK_WRAPPERS = frozenset({_W + "sdt", _W + "customXml", _W + "ins", _W + "moveTo", _W + "smartTag"})
_INLINE_WRAPPERS = _BLOCK_WRAPPERS | {_W + "hyperlink", _W + "fldSimple", _W + "dir", _W + "bdo"}


def read_docx(path: Path) -> Extracted:
    """Read a .docx file; UndecodableError says why one cannot be read."""
    return read_docx_bytes(Path(path).read_bytes())


def read_docx_bytes(data: bytes) -> Extracted:
    """Read a .docx file's bytes (as ingest holds them, read once and hashed)."""
    if data.startswith(_CFB_MAGIC):
        # An encrypted OOXML file is an OLE container holding a stream named EncryptedPackage.
        if "EncryptedPackage".encode("utf-16-le") in data:
            raise UndecodableError(message("password-protected Word document (encrypted)"))
        raise UndecodableError(
            message("a Word 97-2003 .doc file, not DOCX (save it as .docx in Word or LibreOffice)")
        )
    archive = SafeZip(data, "DOCX")
    kind = archive.kind()
    if kind not in ("DOCX", ""):
        raise UndecodableError(message("not a Word document ({kind} file)", kind=kind))
    if "[Content_Types].xml" not in archive:
        raise UndecodableError(message("not a Word document (no main document part)"))
    archive.verify_all()  # python-docx unpacks every part itself: only after each passed the limits
    package = _open_package(data, archive)
    try:
        main = package.main_document_part
    except (KeyError, ValueError) as exc:
        raise UndecodableError(message("not a Word document (no main document part)")) from exc
    if main.content_type not in _WORD_MAIN_TYPES:
        raise UndecodableError(
            message("not a Word document (its main part is {content_type})", content_type=main.content_type)
        )
    reader = _BodyReader(_Styles(_related_xml(main, RT.STYLES)))
    reader.notes = _notes(_related_xml(main, RT.FOOTNOTES), "footnote") | _notes(
        _related_xml(main, RT.ENDNOTES), "endnote"
    )
    body = _xml(main).find(_W + "body")
    if body is not None:
        reader.blocks(body, reader.lines)
    reader.add_notes()
    extracted = Extracted(
        text="\n".join(map(_finished, reader.lines)),
        encoding="docx",
        removed=[(what, text.lstrip(_HEADING_MARK)) for what, text in reader.removed],
    )
    _read_core_properties(package, extracted)
    return extracted


def _open_package(data: bytes, archive: SafeZip) -> OpcPackage:
    try:
        return OpcPackage.open(io.BytesIO(data))
    except etree.XMLSyntaxError as exc:
        part, error = _first_bad_xml(archive) or ("?", exc.msg)
        raise UndecodableError(
            message(
                "damaged {kind}: {part} is not well-formed XML ({error})", kind="DOCX", part=part, error=error
            )
        ) from exc
    except MemoryError:
        raise
    except Exception as exc:  # python-docx parsing a damaged package raises whatever it meets
        logger.debug("python-docx cannot open the package", exc_info=True)
        raise UndecodableError(
            message("damaged {kind} file ({error})", kind="DOCX", error=f"{type(exc).__name__}: {exc}")
        ) from exc


def _first_bad_xml(archive: SafeZip) -> tuple[str, str] | None:
    """The first XML member that does not parse, and why (python-docx's error does not name it)."""
    for name in archive.names():
        if name.endswith((".xml", ".rels")):
            try:
                etree.fromstring(archive.read(name), etree.XMLParser(resolve_entities=False, no_network=True))
            except etree.XMLSyntaxError as exc:
                return name, exc.msg
    return None


def _xml(part: Part) -> Any:
    """A part's root element: python-docx parsed the parts it knows; the rest are parsed here."""
    if isinstance(part, XmlPart):
        return part.element
    try:
        return parse_xml(part.blob)
    except etree.XMLSyntaxError as exc:
        raise UndecodableError(
            message(
                "damaged {kind}: {part} is not well-formed XML ({error})",
                kind="DOCX",
                part=str(part.partname).lstrip("/"),
                error=exc.msg,
            )
        ) from exc


def _related_xml(part: Part, reltype: str) -> Any:
    try:
        related = part.part_related_by(reltype)
    except (KeyError, ValueError):
        return None  # styles, footnotes and endnotes are all optional
    return _xml(related)


def _read_core_properties(package: OpcPackage, extracted: Extracted) -> None:
    """Title, authors and creation date from docProps/core.xml.

    Read here, not through python-docx's CoreProperties: that follows only the relationship type Word
    writes (LibreOffice writes ECMA-376 1st edition's) and, where there is none, invents a part with
    the title "Word Document".
    """
    for reltype in _CORE_PROPERTIES:
        try:
            root = _xml(package.part_related_by(reltype))
            break
        except (KeyError, ValueError):
            continue
    else:
        return
    extracted.title = _text_of(root, _DC + "title")
    # Word keeps several authors in one field, separated by semicolons.
    extracted.authors = [a.strip() for a in re.split("[;；]", _text_of(root, _DC + "creator")) if a.strip()]
    created = _text_of(root, _DCTERMS + "created")
    extracted.date = created[:10] if _ISO_DATE.match(created) else created


def _text_of(root: Any, tag: str) -> str:
    element = root.find(tag)
    return "" if element is None else (element.text or "").strip()


class _Styles:
    """Paragraph styles by id: the heading level each one gives, following basedOn."""

    def __init__(self, root: Any) -> None:
        self._styles: dict[str, tuple[str, str, int | None]] = {}  # id -> (name, basedOn, outline level)
        self._levels: dict[str, int] = {}
        self.default = ""
        if root is None:
            return
        for style in root.iter(_W + "style"):
            if style.get(_W + "type", "paragraph") != "paragraph":
                continue
            style_id = style.get(_W + "styleId", "")
            name = _child_val(style, "name").strip().lower()
            outline = _outline_level(style.find(_W + "pPr"))
            self._styles[style_id] = (name, _child_val(style, "basedOn"), outline)
            if style.get(_W + "default") in ("1", "true", "on"):
                self.default = style_id

    def is_toc(self, style_id: str) -> bool:
        """Word's table-of-contents entry styles ("toc 1"…, "目录 1" in WPS): navigation, not text."""
        return bool(_TOC_NAME.fullmatch(self._styles.get(style_id, ("", "", None))[0]))

    def level(self, style_id: str) -> int:
        """The heading level (1-9) a paragraph of this style has, or 0 for body text."""
        style_id = style_id or self.default
        if style_id not in self._levels:
            self._levels[style_id] = self._find_level(style_id)
        return self._levels[style_id]

    def _find_level(self, style_id: str) -> int:
        for _ in range(_MAX_STYLE_DEPTH):
            if style_id not in self._styles:
                return 0
            name, based_on, outline = self._styles[style_id]
            if outline is not None:
                return outline
            if name in _TITLE_NAMES:
                return 1
            match = _HEADING_NAME.fullmatch(name)
            if match:
                return int(match[1])
            style_id = based_on
        return 0


def _child_val(element: Any, local: str) -> str:
    child = element.find(_W + local)
    return "" if child is None else child.get(_VAL, "")


def _outline_level(ppr: Any) -> int | None:
    """1-9 for a heading's outline level, 0 for "body text" (level 9 in the file), None if not set."""
    if ppr is None:
        return None
    outline = ppr.find(_W + "outlineLvl")
    if outline is None:
        return None
    try:
        level = int(outline.get(_VAL, ""))
    except ValueError:
        return None
    return level + 1 if 0 <= level < 9 else 0


def _notes(root: Any, kind: str) -> dict[tuple[str, str], Any]:
    """(kind, id) -> the w:footnote/w:endnote element, leaving out Word's separator notes."""
    if root is None:
        return {}
    return {
        (kind, note.get(_W + "id", "")): note
        for note in root.iter(_W + kind)
        if note.get(_W + "type", "normal") == "normal"
    }


@dataclass
class _BodyReader:
    """Walks WordprocessingML blocks into lines; collects the notes referenced on the way."""

    styles: _Styles
    lines: list[str] = field(default_factory=list)
    notes: dict[tuple[str, str], Any] = field(default_factory=dict)
    referenced: list[tuple[str, str]] = field(default_factory=list)  # notes in order of first reference
    removed: list[tuple[str, str]] = field(default_factory=list)

    def blocks(self, container: Any, out: list[str], *, headings: bool = True) -> None:
        """Paragraphs and tables of a body, cell, text box or content control, in document order."""
        for child in container:
            tag = child.tag
            if tag == _W + "p":
                self.paragraph(child, out, headings=headings)
            elif tag == _W + "tbl":
                self.table(child, out, headings=headings)
            elif tag == _W + "sdt":
                content = child.find(_W + "sdtContent")
                if content is None:
                    continue
                if _is_table_of_contents(child):
                    toc: list[str] = []
                    self.blocks(content, toc, headings=False)
                    self.removed.extend(("navigation", line) for line in toc)
                else:
                    self.blocks(content, out, headings=headings)
            elif tag in _BLOCK_WRAPPERS:
                self.blocks(child, out, headings=headings)

    def paragraph(self, p: Any, out: list[str], *, headings: bool = True) -> None:
        pieces: list[str] = []
        boxes: list[str] = []  # text boxes anchored in this paragraph: their lines follow it
        self.inline(p, pieces, boxes)
        text = "".join(pieces)
        ppr = p.find(_W + "pPr")
        style = "" if ppr is None else _child_val(ppr, "pStyle")
        if self.styles.is_toc(style):
            self.removed.extend(("navigation", line) for line in text.split("\n") if line.strip())
            return
        level = _outline_level(ppr) if headings else 0
        if headings and level is None:
            level = self.styles.level(style)
        if level:
            title = " ".join(part.strip() for part in text.split("\n") if part.strip())
            if title:
                out.append(_HEADING_MARK + "#" * min(level, 6) + " " + title)
        else:
            out.extend(line for line in text.split("\n") if line.strip())
        out.extend(boxes)

    def inline(self, element: Any, pieces: list[str], boxes: list[str]) -> None:
        """The text Word shows for a paragraph's content: runs, links, fields, insertions, math."""
        for child in element:
            tag = child.tag
            if tag == _W + "r":
                self.run(child, pieces, boxes)
            elif tag in _INLINE_WRAPPERS:
                inner = child.find(_W + "sdtContent") if tag == _W + "sdt" else child
                if inner is not None:
                    self.inline(inner, pieces, boxes)
            elif tag in (_M + "oMath", _M + "oMathPara"):
                pieces.extend(t.text or "" for t in child.iter(_M + "t"))
            elif tag == _MC + "AlternateContent":
                self.inline(_first_choice(child), pieces, boxes)

    def run(self, run: Any, pieces: list[str], boxes: list[str]) -> None:
        rpr = run.find(_W + "rPr")
        if rpr is not None and _is_on(rpr.find(_W + "vanish")):
            return  # hidden text
        for child in run:
            tag = child.tag
            if tag == _W + "t":
                pieces.append(child.text or "")
            elif tag in (_W + "tab", _W + "ptab"):
                pieces.append("\t")
            elif tag == _W + "br":
                if child.get(_W + "type", "textWrapping") == "textWrapping":
                    pieces.append("\n")
            elif tag == _W + "cr":
                pieces.append("\n")
            elif tag == _W + "noBreakHyphen":
                pieces.append("-")
            elif tag in (_W + "footnoteReference", _W + "endnoteReference"):
                kind = "footnote" if tag == _W + "footnoteReference" else "endnote"
                pieces.append(self.reference((kind, child.get(_W + "id", ""))))
            elif tag in (_W + "drawing", _W + "pict"):
                self.text_boxes(child, boxes)
            elif tag == _MC + "AlternateContent":
                choice = _first_choice(child)
                for inner in choice.iter(_W + "drawing", _W + "pict"):
                    self.text_boxes(inner, boxes)

    def text_boxes(self, drawing: Any, boxes: list[str]) -> None:
        """The outermost text boxes in a drawing (boxes inside them are reached through their paragraphs)."""
        for child in drawing:
            if child.tag == _W + "txbxContent":
                self.blocks(child, boxes, headings=False)
            elif child.tag != _MC + "Fallback":
                self.text_boxes(child, boxes)

    def table(self, tbl: Any, out: list[str], *, headings: bool) -> None:
        rows = [list(_cells(tr)) for tr in _rows(tbl)]
        if all(len(cells) <= 1 for cells in rows):  # one column: a box around paragraphs
            for cells in rows:
                for tc in cells:
                    self.blocks(tc, out, headings=headings)
            return
        for cells in rows:
            texts = []
            for tc in cells:
                cell_lines: list[str] = []
                self.blocks(tc, cell_lines, headings=False)
                texts.append(" ".join(line.strip() for line in cell_lines))
            while texts and not texts[-1]:
                texts.pop()
            if texts:
                out.append(CELL_SEPARATOR.join(texts))

    def reference(self, key: tuple[str, str]) -> str:
        if key not in self.notes:
            return ""
        if key not in self.referenced:
            self.referenced.append(key)
        return f"[{self.referenced.index(key) + 1}]"

    def add_notes(self) -> None:
        """Each referenced note's lines after the body, the first one marked "[n] "."""
        done = 0
        while done < len(self.referenced):  # a note may reference another
            key = self.referenced[done]
            done += 1
            note_lines: list[str] = []
            self.blocks(self.notes[key], note_lines, headings=False)
            if note_lines:
                note_lines[0] = f"[{done}] {note_lines[0].strip()}"
                self.lines.extend(note_lines)


def _rows(tbl: Any) -> Iterable[Any]:
    for child in tbl:
        if child.tag == _W + "tr":
            yield child
        elif child.tag == _W + "sdt" or child.tag in _BLOCK_WRAPPERS:
            inner = child.find(_W + "sdtContent") if child.tag == _W + "sdt" else child
            if inner is not None:
                yield from _rows(inner)


def _cells(tr: Any) -> Iterable[Any]:
    for child in tr:
        if child.tag == _W + "tc":
            yield child
        elif child.tag == _W + "sdt" or child.tag in _BLOCK_WRAPPERS:
            inner = child.find(_W + "sdtContent") if child.tag == _W + "sdt" else child
            if inner is not None:
                yield from _cells(inner)


def _first_choice(alternate: Any) -> Any:
    """The mc:Choice Word would show (the first); mc:Fallback repeats it for older readers."""
    choice = alternate.find(_MC + "Choice")
    if choice is None:
        choice = alternate.find(_MC + "Fallback")
    return () if choice is None else choice


def _is_table_of_contents(sdt: Any) -> bool:
    gallery = sdt.find(f"{_W}sdtPr/{_W}docPartObj/{_W}docPartGallery")
    return gallery is not None and gallery.get(_VAL, "") == "Table of Contents"


def _finished(line: str) -> str:
    """A line as the text pipeline takes it: a heading without its mark, a body line starting with '#'
    escaped as "\\#" (after the indentation the whitespace repair would strip anyway)."""
    return line[1:] if line.startswith(_HEADING_MARK) else body_line(line)


def _is_on(toggle: Any) -> bool:
    return toggle is not None and toggle.get(_VAL, "true") not in ("0", "false", "off")
