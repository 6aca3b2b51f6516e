"""EPUB -> Extracted: the spine's XHTML documents in reading order, headings as Markdown '#' lines.

Read with zipfile (through zipsafe's limits) and lxml, as EPUB 3.3 lays a book out: META-INF/
container.xml names the package document (OPF); its spine lists the content documents in reading
order; its metadata gives dc:title, dc:creator (each one, in order), dc:date and dc:publisher (the
`site`). Not ebooklib: it is AGPL.

- Spine items marked linear="no" (notes, answers, pop-ups) follow the linear ones: a reading system
  shows them only when asked, but they are the book's text and a researcher searches them too.
- The navigation document is read only if the spine lists it; `<nav>` elements (table of contents,
  landmarks, page list) are left out wherever they are and kept in `removed` as ("navigation", …):
  they repeat the headings. The EPUB 2 NCX is never in the spine.
- h1-h6 become '#' lines; p, li, div, blockquote, dt/dd and the other blocks one line each; `<br/>`
  starts a new line (verse keeps its lines); pre keeps its lines; a table row is one line with its
  cells joined by "　|　" (as in DOCX: see docx.py), a one-column table is a box of paragraphs. Ruby
  annotations (rt, rp: pinyin, zhuyin) go, the annotated characters stay. Whitespace is collapsed as
  HTML renders it, and a line break between two CJK characters is dropped (CSS Text 3), since
  Chinese has no spaces between words.
- A body line that starts with '#' is escaped as "\\#", so it is not read as a heading (see
  viewer/core/formats/__init__.py).
- Content documents listed in META-INF/encryption.xml with a cipher other than font obfuscation are
  DRM (Adobe ADEPT, Apple FairPlay, Readium LCP): "EPUB with DRM (encrypted content)".
- XHTML is parsed as XML without a DTD, entity expansion or network; a document that is not
  well-formed (EPUB 2 books using &nbsp; without the DTD, hand-made HTML) is parsed as HTML instead.
"""

from __future__ import annotations

import logging
import posixpath
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import unquote

import lxml.html
from lxml import etree

from viewer.core.decode import UndecodableError, decode_bytes
from viewer.core.formats.extracted import Extracted, body_line
from viewer.core.formats.zipsafe import SafeZip
from viewer.errors import message

logger = logging.getLogger(__name__)

CELL_SEPARATOR = "\u3000|\u3000"  # as in docx.py
CONTAINER = "META-INF/container.xml"
ENCRYPTION = "META-INF/encryption.xml"

_OPF_MEDIA_TYPE = "application/oebps-package+xml"
_HTML_MEDIA_TYPES = frozenset({"application/xhtml+xml", "text/html", "application/x-dtbook+xml"})
# Font obfuscation (IDPF, Adobe) is not DRM: the text is readable.
_OBFUSCATION = frozenset({"http://www.idpf.org/2008/embedding", "http://ns.adobe.com/pdf/enc#RC"})
_XML_DECLARATION = re.compile(rb"\s*<\?xml[^>]*?encoding\s*=\s*[\"']([A-Za-z0-9._-]+)")
_CONTROL_BYTES = re.compile(rb"[\x01-\x08\x0b\x0e-\x1f\x7f]")  # never in text, ~11% of ciphertext

_HEADINGS = {"h1": 1, "h2": 2, "h3": 3, "h4": 4, "h5": 5, "h6": 6}
_BLOCKS = frozenset(
    {
        *("address", "article", "aside", "blockquote", "body", "caption", "center", "dd", "details"),
        *("dialog", "div", "dl", "dt", "fieldset", "figcaption", "figure", "footer", "form", "header"),
        *("hgroup", "hr", "legend", "li", "main", "ol", "p", "section", "summary", "tbody", "tfoot"),
        *("thead", "tr", "ul"),
    }
)
_SKIP = frozenset({"head", "script", "style", "template", "rt", "rp", "svg", "title"})
_BR = "\x00"  # a <br/> in collected text; XML text never holds NUL
_HEADING_MARK = "\x01"  # before a heading line until the text is finished; nor this
_SPACES = re.compile("[ \t\n\r\f]+")  # HTML's ASCII whitespace; U+3000 and no-break spaces are text
_CJK = "\u2e80-\u2fff\u3001-\u303f\u3040-\u9fff\uf900-\ufaff\ufe30-\ufe4f\uff00-\uffef\U00020000-\U0003134f"
_CJK_SEGMENT_BREAK = re.compile(f"(?<=[{_CJK}])[ \t\r\f]*\n[ \t\n\r\f]*(?=[{_CJK}])")


def read_epub(path: Path) -> Extracted:
    """Read an .epub file; UndecodableError says why one cannot be read."""
    return read_epub_bytes(Path(path).read_bytes())


def read_epub_bytes(data: bytes) -> Extracted:
    """Read an .epub file's bytes (as ingest holds them, read once and hashed)."""
    archive = SafeZip(data, "EPUB")
    kind = archive.kind()
    if kind not in ("EPUB", ""):
        raise UndecodableError(message("not an EPUB e-book ({kind} file)", kind=kind))
    if CONTAINER not in archive:
        raise UndecodableError(message("not an EPUB e-book (no META-INF/container.xml)"))
    encrypted = _encrypted(archive)
    opf_path = _package_path(_parse_xml(archive, CONTAINER))
    if opf_path in encrypted:
        raise UndecodableError(message("EPUB with DRM (encrypted content)"))
    opf = _parse_xml(archive, _member(archive, opf_path) or opf_path)
    book = _read_package(opf, posixpath.dirname(opf_path))
    for path in book.documents:
        if path in encrypted:
            raise UndecodableError(message("EPUB with DRM (encrypted content)"))
    text = _BookText()
    for path in book.documents:
        name = _member(archive, path)
        if name is None:
            logger.warning("EPUB spine document %s is missing", path)
            text.removed.append(("missing", path))
            continue
        root = _parse_content(archive.read(name), name, drm_possible=ENCRYPTION in archive)
        if root is not None:
            body = _find_local(root, "body")
            text.children(root if body is None else body)
            text.flush()
    return Extracted(
        text="\n".join(map(_finished, text.lines)),
        encoding="epub",
        title=book.title,
        authors=book.authors,
        date=book.date,
        site=book.publisher,
        removed=[(kind, line.lstrip(_HEADING_MARK)) for kind, line in text.removed],
    )


def _finished(line: str) -> str:
    """A line as the text pipeline takes it: a heading without its mark, a body line starting with '#'
    escaped as "\\#" (after the indentation the whitespace repair would strip anyway)."""
    return line[1:] if line.startswith(_HEADING_MARK) else body_line(line)


def _local(element: Any) -> str:
    tag = element.tag
    return tag.rpartition("}")[2].lower() if isinstance(tag, str) else ""


def _find_local(root: Any, name: str) -> Any:
    return next((e for e in root.iter() if _local(e) == name), None)


def _member(archive: SafeZip, path: str) -> str | None:
    """The zip member a package path names: exactly, else ignoring case (books made on Windows)."""
    if path in archive:
        return path
    lowered = path.lower()
    return next((name for name in archive.names() if name.lower() == lowered), None)


def _parse_xml(archive: SafeZip, name: str) -> Any:
    """A package file (container, OPF, encryption) parsed strictly: a damaged one is a damaged EPUB."""
    if name not in archive:
        raise UndecodableError(message("damaged {kind}: {part} is missing", kind="EPUB", part=name))
    try:
        return etree.fromstring(archive.read(name), _xml_parser())
    except etree.XMLSyntaxError as exc:
        raise UndecodableError(
            message(
                "damaged {kind}: {part} is not well-formed XML ({error})",
                kind="EPUB",
                part=name,
                error=exc.msg,
            )
        ) from exc


def _package_path(container: Any) -> str:
    """The first package document container.xml names (EPUB 3.3 §4.2.6.3.1: the default rendition)."""
    rootfiles = [e for e in container.iter() if _local(e) == "rootfile" and e.get("full-path")]
    rootfiles.sort(key=lambda e: e.get("media-type") != _OPF_MEDIA_TYPE)  # stable: keeps the order
    if not rootfiles:
        raise UndecodableError(message("damaged EPUB: container.xml names no package document"))
    return _resolve("", rootfiles[0].get("full-path"))


def _resolve(base: str, href: str) -> str:
    """A package-relative href (percent-encoded, maybe with a fragment) as a zip member path."""
    path = unquote(href.split("#", 1)[0]).replace("\\", "/")
    return posixpath.normpath(posixpath.join(base, path)).lstrip("/")


def _encrypted(archive: SafeZip) -> set[str]:
    """Members encrypted with a real cipher, by META-INF/encryption.xml (URIs relative to the root)."""
    if ENCRYPTION not in archive:
        return set()
    try:
        root = etree.fromstring(archive.read(ENCRYPTION), _xml_parser())
    except etree.XMLSyntaxError:
        logger.warning("EPUB encryption.xml is not well-formed")
        return set()  # the content documents themselves will tell (_parse_content)
    found: set[str] = set()
    for data in root.iter():
        if _local(data) != "encrypteddata":
            continue
        method = next((e for e in data.iter() if _local(e) == "encryptionmethod"), None)
        if method is not None and method.get("Algorithm", "") in _OBFUSCATION:
            continue
        for reference in data.iter():
            if _local(reference) == "cipherreference" and reference.get("URI"):
                found.add(_resolve("", reference.get("URI")))
    return found


def _xml_parser() -> etree.XMLParser:
    """A parser per document (lxml locks a parser while it parses: shared, readers in threads would queue).

    No DTD, no entity expansion, no network: a book cannot make the reader fetch or expand anything.
    """
    return etree.XMLParser(
        resolve_entities=False, no_network=True, load_dtd=False, remove_comments=True, remove_pis=True
    )


def _parse_content(data: bytes, name: str, *, drm_possible: bool) -> Any:
    """A content document's root: as XML, else as HTML (None when there is nothing to parse)."""
    try:
        return etree.fromstring(data, _xml_parser())
    except etree.XMLSyntaxError as exc:
        if drm_possible and len(_CONTROL_BYTES.findall(data[:4096])) > len(data[:4096]) // 100:
            # encryption.xml unreadable or silent, and this is ciphertext, not markup
            raise UndecodableError(message("EPUB with DRM (encrypted content)")) from exc
        logger.debug("EPUB document %s is not well-formed XML (%s); parsed as HTML", name, exc.msg)
    try:
        return lxml.html.document_fromstring(_decode_html(data))
    except (etree.ParserError, ValueError):
        return None


def _decode_html(data: bytes) -> str:
    """Text for the HTML parser, which would take bytes without a <meta charset> for Latin-1."""
    declared = _XML_DECLARATION.match(data)
    try:
        text = data.decode(declared[1].decode("ascii") if declared else "utf-8-sig")
    except (LookupError, UnicodeDecodeError):
        try:
            text = decode_bytes(data).text
        except UndecodableError:
            text = data.decode("utf-8", "replace")
    # lxml refuses str input that still declares an encoding
    return re.sub(r"^\s*<\?xml[^>]*\?>", "", text.lstrip("\ufeff"))


@dataclass
class _Package:
    """What the OPF says: metadata, and the content documents in the order the text takes them."""

    title: str = ""
    authors: list[str] = field(default_factory=list)
    date: str = ""
    publisher: str = ""
    documents: list[str] = field(default_factory=list)


def _read_package(opf: Any, base: str) -> _Package:
    """The OPF's metadata and spine; `base` is the OPF's folder, which its hrefs are relative to."""
    metadata = _find_local(opf, "metadata")
    dc = [] if metadata is None else [e for e in metadata.iter() if isinstance(e.tag, str)]

    def texts(name: str) -> list[str]:
        return [e.text.strip() for e in dc if _local(e) == name and (e.text or "").strip()]

    dates = [e for e in dc if _local(e) == "date" and (e.text or "").strip()]
    # EPUB 2 may give several dates with opf:event; the publication date is the one to cite.
    dates.sort(key=lambda e: _event(e) not in ("", "publication", "original-publication"))
    book = _Package(
        title=next(iter(texts("title")), ""),
        authors=texts("creator"),
        date=dates[0].text.strip() if dates else "",
        publisher=next(iter(texts("publisher")), ""),
    )
    manifest: dict[str, tuple[str, str]] = {}
    for item in opf.iter():
        if _local(item) == "item" and item.get("id") and item.get("href"):
            manifest[item.get("id")] = (_resolve(base, item.get("href")), item.get("media-type", ""))
    linear: list[str] = []
    auxiliary: list[str] = []
    for itemref in opf.iter():
        if _local(itemref) != "itemref" or itemref.get("idref") not in manifest:
            continue
        path, media_type = manifest[itemref.get("idref")]
        if media_type not in _HTML_MEDIA_TYPES and not path.lower().endswith((".xhtml", ".html", ".htm")):
            continue  # an image or SVG page: no text to read
        target = auxiliary if itemref.get("linear", "yes").strip() == "no" else linear
        if path not in linear and path not in auxiliary:
            target.append(path)
    book.documents = linear + auxiliary
    return book


def _event(element: Any) -> str:
    return next((v for k, v in element.attrib.items() if k.rpartition("}")[2] == "event"), "")


@dataclass
class _BookText:
    """XHTML content into lines: one per block, headings as '#' lines; what was left out in `removed`."""

    headings: bool = True  # False in table cells, whose lines are joined into a row
    lines: list[str] = field(default_factory=list)
    removed: list[tuple[str, str]] = field(default_factory=list)
    pieces: list[str] = field(default_factory=list)  # inline text of the block being read

    def flush(self) -> None:
        """End the block being read: its inline text becomes lines."""
        if not self.pieces:
            return
        text = _SPACES.sub(" ", _CJK_SEGMENT_BREAK.sub("", "".join(self.pieces)))
        self.pieces.clear()
        self.lines.extend(line.strip(" ") for line in text.split(_BR) if line.strip(" "))

    def children(self, element: Any) -> None:
        if element.text:
            self.pieces.append(element.text)
        for child in element:
            if isinstance(child.tag, str):
                self.element(child)
            if child.tail:
                self.pieces.append(child.tail)

    def element(self, element: Any) -> None:
        name = _local(element)
        if name in _SKIP or element.get("hidden") is not None:
            return
        if name == "br":
            self.pieces.append(_BR)
        elif name in _HEADINGS and self.headings:
            self.flush()
            title = " ".join(self._lines_of(element))
            if title:
                self.lines.append(_HEADING_MARK + "#" * _HEADINGS[name] + " " + title)
        elif name == "nav":
            self.flush()
            self.removed.extend(("navigation", line) for line in self._lines_of(element))
        elif name == "pre":
            self.flush()
            text = "".join(_texts(element))
            self.lines.extend(line.rstrip() for line in text.split("\n") if line.strip())
        elif name == "table":
            self.flush()
            self.table(element)
        elif name in _BLOCKS or name in _HEADINGS:
            self.flush()
            self.children(element)
            self.flush()
        else:
            self.children(element)

    def _lines_of(self, element: Any, *, headings: bool = True) -> list[str]:
        inner = _BookText(headings=headings and self.headings)
        inner.children(element)
        inner.flush()
        self.removed.extend(inner.removed)
        return inner.lines

    def table(self, table: Any) -> None:
        for caption in (c for c in table if _local(c) == "caption"):
            self.children(caption)
            self.flush()
        rows = [[c for c in tr if _local(c) in ("td", "th")] for tr in _rows(table)]
        if all(len(cells) <= 1 for cells in rows):  # one column: a box around paragraphs
            for cells in rows:
                for cell in cells:
                    self.children(cell)
                    self.flush()
            return
        for cells in rows:
            texts = [" ".join(self._lines_of(cell, headings=False)) for cell in cells]
            while texts and not texts[-1]:
                texts.pop()
            if texts:
                self.lines.append(CELL_SEPARATOR.join(texts))


def _rows(table: Any) -> list[Any]:
    """The table's own rows (thead, tbody, tfoot or bare), not those of tables nested in its cells."""
    rows = []
    for child in table:
        name = _local(child)
        if name == "tr":
            rows.append(child)
        elif name in ("thead", "tbody", "tfoot"):
            rows.extend(tr for tr in child if _local(tr) == "tr")
    return rows


def _texts(element: Any) -> list[str]:
    """An element's text in order, leaving out what is not shown (ruby annotations, scripts)."""
    out = [element.text or ""]
    for child in element:
        if isinstance(child.tag, str) and _local(child) not in _SKIP:
            out.append("\n" if _local(child) == "br" else "")
            out.extend(_texts(child))
        out.append(child.tail or "")
    return out
