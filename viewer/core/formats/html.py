"""Saved web pages (.html, .htm, and .mhtml/.mht web archives) to the text pipeline's shape.

Bytes to text: a byte-order mark, then the charset the MHTML part or the page declares (if it decodes
the visible text), then detection on the visible text (`decode_bytes`). GB2312 and GBK labels are
read as GB18030, as browsers do (a "GB2312" page holding 镕 or 堃 is GBK); a page that is valid
UTF-8 but declares a legacy charset was re-saved by a tool that kept the old <meta>: UTF-8.

The main text comes from trafilatura (Apache-2.0). Measured on 62 real Chinese news and government
pages (saved by GeneralNewsExtractor's tests) and on our own pages (tests/core/formats/test_html.py):
- MIN_EXTRACTED_SIZE 50, not 250. Below it trafilatura distrusts its result and dumps the whole page
  into one line, menus and all. 250 characters are some 40 English words but 250 Chinese words: at
  250, 4 of our 5 short notices came out as one line; at 50 all 5 as paragraphs, and the real pages
  alike (696 of their 708 prose <p> paragraphs kept either way; the 12 left out are disclaimers,
  comment rules and readers' comments).
- The full cascade (readability and jusText comparisons), not `fast`: fast made 5 of the 62 real
  pages worse (3 of them one-line dumps) for 8 % more speed.
- XML output, walked here: <head rend="h2"> gives "## …", <lb/> a new line.
- A one-paragraph notice defeats it at any setting: it returns the menu and breadcrumbs, or the page
  dumped in one line. Then (`_instead_of`) the lines come from the page's largest text block
  instead. The test is narrow on purpose: wherever else the two disagreed on the real pages,
  trafilatura was right (a comment section outweighs the article). One real page is lost all the
  same (a one-sentence flash item: trafilatura takes the disclaimer below it).
What trafilatura leaves at the edges (a menu, breadcrumbs, a share bar, the print and font-size
widgets, a hit counter, lists of related links) is removed with what only the HTML knows: how much
of a line is the text of a link on the page, and the widget words of Chinese CMSs. Every removal is
listed in `removed`. Footers (copyright, ICP) and "發布時間：… 來源：…" lines are the repair step's.

Metadata: trafilatura's title, date and site; authors from <meta> only (trafilatura drops a meta
author without a space, so every Chinese name, and then guesses from the page: "我已授权"). The
<meta> names of Chinese government sites (ArticleTitle, PubDate, SiteName, Author) come first. Dates
without htmldate's extensive search, so dateparser (and its 10 MB of locale data) is never imported.
"""

from __future__ import annotations

import codecs
import email
import email.policy
import functools
import logging
import re
import socket
from dataclasses import dataclass
from email.message import Message
from pathlib import PurePath
from typing import TYPE_CHECKING, Any

import lxml.html
from lxml import etree

from viewer.core.decode import UndecodableError, decode_bytes
from viewer.core.formats.extracted import Extracted, body_line
from viewer.errors import message

if TYPE_CHECKING:
    from configparser import ConfigParser

logger = logging.getLogger(__name__)

# trafilatura's MIN_EXTRACTED_SIZE for Chinese (its default, 250, is for Latin script)
MIN_EXTRACTED_CHARS = 50
HEAD_BYTES = 65536  # where a <meta charset> is looked for (and before <body>)
MHTML_SUFFIXES = (".mhtml", ".mht")

# ---------------------------------------------------------------- bytes to text

# Labels browsers read with a GB18030 or Big5-HKSCS decoder (WHATWG Encoding), Python's names.
_GB = {"gb2312", "gbk", "gb18030", "cp936", "euc-cn", "chinese", "csgb2312", "x-gbk", "gb_2312-80"}
_BIG5 = {"big5", "big5hkscs", "cp950", "big5-hkscs", "x-x-big5", "cn-big5", "csbig5"}
_META_CHARSET_RE = re.compile(rb"""<meta[^>]*?charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.IGNORECASE)
_XML_ENCODING_RE = re.compile(rb"""^\s*<\?xml[^>]*?encoding\s*=\s*["']([A-Za-z0-9_.:-]+)""")
# What a reader does not see: scripts, styles, comments and tags. Safe on GBK and Big5 bytes: their
# trail bytes start at 0x40, above "<" and ">".
_INVISIBLE_RE = re.compile(
    rb"<script\b.*?</script\s*>|<style\b.*?</style\s*>|<!--.*?-->|<[^>]*>", re.IGNORECASE | re.DOTALL
)


def decode_html(data: bytes, charset: str | None = None) -> tuple[str, str]:
    """The page's text and the codec it was read with: BOM, declared charset, then detection.

    `charset` is what an MHTML part (or an HTTP header) says; it outranks the page's own <meta>.
    Raises UndecodableError when the visible text is in no encoding we know.
    """
    for bom, codec in (
        (codecs.BOM_UTF8, "utf-8-sig"),
        (codecs.BOM_UTF16_LE, "utf-16"),
        (codecs.BOM_UTF16_BE, "utf-16"),
    ):
        if data.startswith(bom):
            return data.decode(codec, errors="replace"), codec
    visible = _INVISIBLE_RE.sub(b" ", data)
    if visible.isascii():
        return data.decode("utf-8", errors="replace"), "utf-8"
    declared = _codec(charset) or _declared_codec(data)
    if declared is not None and not declared.startswith("utf-"):
        try:
            visible.decode("utf-8")
        except UnicodeDecodeError:
            pass
        else:  # a legacy declaration on UTF-8 bytes: re-saved by a tool that kept the old <meta>
            return data.decode("utf-8", errors="replace"), "utf-8"
    if declared is not None and (declared.startswith("utf-") or declared in ("gb18030", "big5hkscs")):
        # WHATWG: a <meta> cannot declare UTF-16 (the page would not be ASCII-compatible to say so).
        codec = "utf-8" if declared.startswith(("utf-16", "utf-32")) else declared
        for attempt in (codec, "cp950") if codec == "big5hkscs" else (codec,):
            try:
                visible.decode(attempt)
            except UnicodeDecodeError:
                continue
            return data.decode(attempt, errors="replace"), attempt
    # No declaration, one that lies, or a Western one on bytes that are not ASCII: detect.
    western = (
        declared is not None and not declared.startswith("utf-") and declared not in ("gb18030", "big5hkscs")
    )
    try:
        detected = decode_bytes(visible).encoding
    except UndecodableError:
        if not western:
            raise
        detected = "?"
    if declared is not None and western and detected not in ("gb18030", "big5", "big5hkscs"):
        detected = declared  # a real Western page (no Chinese found): its declaration stands
    codec = "utf-8" if detected == "utf-8-sig" else detected
    return data.decode(codec, errors="replace"), codec


def _declared_codec(data: bytes) -> str | None:
    head = data[:HEAD_BYTES]
    end = head.lower().find(b"<body")
    head = head if end < 0 else head[:end]
    match = _XML_ENCODING_RE.match(head) or _META_CHARSET_RE.search(head)
    return _codec(match.group(1).decode("ascii")) if match else None


def _codec(label: str | None) -> str | None:
    """Python's codec for a charset label, with browsers' supersets; None for an unknown label."""
    if not label:
        return None
    label = label.strip().lower()
    if label in _GB:
        return "gb18030"
    if label in _BIG5:
        return "big5hkscs"
    if label in ("iso-8859-1", "latin1", "latin-1", "us-ascii", "ascii"):
        return "cp1252"  # WHATWG: these labels mean windows-1252
    try:
        name = codecs.lookup(label).name
    except LookupError:
        return None
    return {"gbk": "gb18030", "gb2312": "gb18030", "big5": "big5hkscs", "cp950": "big5hkscs"}.get(name, name)


# ---------------------------------------------------------------- MHTML


def is_mhtml(data: bytes, name: str) -> bool:
    """An MHTML web archive: by its name, or by a MIME header block announcing multipart/related."""
    if PurePath(name).suffix.lower() in MHTML_SUFFIXES:
        return True
    head = data[:4096]
    return bool(re.match(rb"[A-Za-z-]+:", head)) and b"multipart/related" in head.lower()


def mhtml_page(data: bytes) -> tuple[bytes, str | None]:
    """The web page of an MHTML archive: the first text/html part, transfer encoding undone, and its charset."""
    archive = email.message_from_bytes(data, policy=email.policy.compat32)
    for part in archive.walk():
        if part.get_content_type() == "text/html":
            payload = part.get_payload(decode=True)
            if isinstance(payload, bytes) and payload:
                return payload, _part_charset(part)
    raise UndecodableError(message("web archive (MHTML) without a web page in it"))


def _part_charset(part: Message) -> str | None:
    charset = part.get_content_charset()
    return charset if isinstance(charset, str) else None


# ---------------------------------------------------------------- the main text


@dataclass
class _Line:
    """One output line while it is built: heading level (0 for a paragraph), text, and how much is link text."""

    level: int
    text: str
    link_chars: int = 0
    source: Any = None  # the block element the line comes from

    @property
    def word_chars(self) -> int:
        return sum(ch.isalnum() for ch in self.text)


@dataclass(frozen=True)
class _Markup:
    """The tags of one tree that make lines: trafilatura's XML or the page's HTML."""

    blocks: frozenset[str]
    line_break: str
    link: str
    code: str
    cell: str
    skip: frozenset[str] = frozenset()

    def heading(self, tag: str, node: Any) -> int:
        if tag == "head":  # trafilatura: <head rend="h2">
            rend = node.get("rend") or ""
            return int(rend[1]) if re.fullmatch(r"h[1-6]", rend) else 2
        return int(tag[1]) if len(tag) == 2 and tag[0] == "h" and tag[1] in "123456" else 0


_XML = _Markup(
    blocks=frozenset(("p", "head", "item", "list", "row", "table", "quote", "div", "details", "summary")),
    line_break="lb",
    link="ref",
    code="code",
    cell="cell",
)
_HTML_BLOCKS = frozenset(("p", "div", "td", "th", "tr", "table", "ul", "ol", "li", "dl", "dt", "dd", "blockquote", "pre", "section", "article", "main", "header", "footer", "nav", "aside", "center", "form", "fieldset", "figure", "figcaption", "address", "hr", "body"))  # fmt: skip
_HTML_SKIP = frozenset(("head", "script", "style", "noscript", "template", "iframe", "select", "option", "button", "textarea", "input", "svg", "object", "embed"))  # fmt: skip
_HTML = _Markup(blocks=_HTML_BLOCKS, line_break="br", link="a", code="pre", cell="td", skip=_HTML_SKIP)
_RAW = frozenset(("pre", "textarea", "script", "style"))
_SPACE_RE = re.compile(r"\s+")
# HTML collapses these only: an ideographic or no-break space is the text's own (the repair step's).
_HTML_SPACE_RE = re.compile(r"[ \t\n\r\f]+")
_CONTROL_RE = re.compile("[\x00-\x08\x0b\x0e-\x1f]")
# CSS Text 3 segment-break transformation: a newline between two East Asian wide characters is
# no space at all (Chinese wrapped in the HTML source must not come out as "第一句， 第二句").
_WIDE = (
    "\u2e80-\u303f\u3040-\u30ff\u3100-\u312f\u3190-\u31ff\u3400-\u4dbf\u4e00-\u9fff"
    "\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6\U00020000-\U0003ffff"
)
_SEGMENT_BREAK_RE = re.compile(f"(?<=[{_WIDE}])[ \t\r\f]*\n[ \t\r\n\f]*(?=[{_WIDE}])")
_ATTACHMENT_HREF_RE = re.compile(r"\.(?:docx?|xlsx?|pdf|wps|ofd|zip|rar|pptx?|txt)(?:[?#]|$)", re.IGNORECASE)
_ANCHOR_MAX = 100  # longer link texts are teasers, not titles of related pages


@functools.cache
def _trafilatura() -> tuple[Any, ConfigParser]:
    """trafilatura and our settings for it, imported when the first page is read (0.4 s), offline."""
    # WORKAROUND: urllib3 (imported by trafilatura's downloader, which we never call) opens and binds
    # an IPv6 socket at import to learn whether IPv6 works; the app opens no socket, so it is told
    # there is none while it is imported.
    saved, socket.has_ipv6 = socket.has_ipv6, False
    try:
        import trafilatura
    finally:
        socket.has_ipv6 = saved
    from tld.base import BaseTLDSourceParser
    from trafilatura.settings import use_config

    # WORKAROUND for https://github.com/barseghyanartur/tld/blob/master/src/tld/utils.py
    # (get_tld_names): when tld cannot read its list of domains it downloads one. courlan asks tld
    # about any canonical URL its own pattern does not parse (localhost, an IP address, an IDN),
    # so a page saved from an intranet would make the app go online wherever the list is missing
    # (a bundle without tld's data). Domains are no business of ours: no list is as good.
    setattr(BaseTLDSourceParser, "update_tld_names", classmethod(_no_download))  # noqa: B010
    config = use_config()
    config["DEFAULT"]["MIN_EXTRACTED_SIZE"] = str(MIN_EXTRACTED_CHARS)
    return trafilatura, config


def _no_download(cls: Any, fail_silently: bool = False) -> bool:
    """In place of tld's download: an empty list (refusing would make tld fail on its own None)."""
    from tld.trie import Trie
    from tld.utils import update_tld_names_container

    logger.warning("%s: no list of Internet domains; using none rather than downloading one", cls.__name__)
    update_tld_names_container(cls.local_path, Trie())
    return True


def _parse(html: str) -> lxml.html.HtmlElement | None:
    source = _CONTROL_RE.sub("", re.sub(r"^\s*<\?xml[^>]*>", "", html))
    if not source.strip():
        return None
    try:
        tree = lxml.html.document_fromstring(source)
    except (etree.ParserError, ValueError):
        return None
    # A link to an attachment is text of the notice, not navigation: trafilatura's link-density
    # pruning drops a paragraph that is one link ("附件：延長開放時間安排表.doc").
    for link in list(tree.iter("a")):
        if _ATTACHMENT_HREF_RE.search(link.get("href") or ""):
            link.drop_tag()
    for node in tree.iter():
        if node.tail and "\n" in node.tail:
            node.tail = _SEGMENT_BREAK_RE.sub("", node.tail)
        if isinstance(node.tag, str) and node.tag not in _RAW and node.text and "\n" in node.text:
            node.text = _SEGMENT_BREAK_RE.sub("", node.text)
    return tree


class _Anchors:
    """The text of every link on the page, without spaces, to measure how much of a line is links.

    trafilatura marks links (<ref>) only when its own extractor wins; its readability and jusText
    fallbacks drop them, so the page's links are the measure.
    """

    def __init__(self, tree: lxml.html.HtmlElement) -> None:
        self._texts: set[str] = set()
        lengths: dict[str, set[int]] = {}
        for a in tree.iter("a"):
            text = _SPACE_RE.sub("", a.text_content())
            if 2 <= len(text) <= _ANCHOR_MAX:
                self._texts.add(text)
                lengths.setdefault(text[:2], set()).add(len(text))
        # the lengths of the link texts starting with each two characters, longest first
        self._lengths = {start: sorted(ns, reverse=True) for start, ns in lengths.items()}

    def covered(self, text: str) -> int:
        """Word characters of `text` inside link texts, matched greedily from the left, longest first."""
        bare = _SPACE_RE.sub("", text)
        covered = i = 0
        while i < len(bare) - 1:
            lengths = self._lengths.get(bare[i : i + 2], ())
            match = next((n for n in lengths if bare[i : i + n] in self._texts), 0)
            if match:
                covered += sum(ch.isalnum() for ch in bare[i : i + match])
                i += match
            else:
                i += 1
        return covered


def _extract(tree: lxml.html.HtmlElement) -> Any:
    """trafilatura's Document (body as XML, metadata), or None when the page has no text at all."""
    trafilatura, config = _trafilatura()
    return trafilatura.bare_extraction(
        tree,
        output_format="xml",
        include_comments=False,
        include_tables=True,
        include_images=False,
        include_formatting=True,
        include_links=True,
        with_metadata=True,
        deduplicate=False,
        date_extraction_params={"extensive_search": False, "original_date": True},
        config=config,
    )


def _lines(root: Any, anchors: _Anchors, markup: _Markup = _XML) -> list[_Line]:
    """A tree as lines: one per block and per line break, "#" levels for headings, link text counted."""
    lines: list[_Line] = []
    parts: list[tuple[str, bool, bool]] = []  # (text, in a link, in code: its newlines are kept)
    level = 0
    blocks: list[Any] = [root]

    def flush() -> None:
        nonlocal level
        joined = "".join(t if code else _HTML_SPACE_RE.sub(" ", t) for t, _, code in parts)
        linked = sum(ch.isalnum() for t, link, _ in parts if link for ch in t)
        for raw in joined.split("\n"):
            text = re.sub(r"[ \t]+", " ", raw).strip()
            if text:
                lines.append(_Line(level, text, max(linked, anchors.covered(text)), blocks[-1]))
                linked = 0
        parts.clear()
        level = 0

    def walk(node: Any, in_link: bool, in_code: bool) -> None:
        nonlocal level
        tag = node.tag if isinstance(node.tag, str) else ""
        if tag in markup.skip:
            return
        heading = markup.heading(tag, node) if tag else 0
        block = tag in markup.blocks or heading > 0
        if block or tag == markup.line_break:
            flush()
        if block:
            blocks.append(node)
            level = heading
        if tag == markup.cell and parts:
            parts.append((" ", False, False))
        in_link = in_link or tag == markup.link
        in_code = in_code or tag == markup.code
        if node.text and tag:
            parts.append((node.text, in_link, in_code))
        for child in node:
            walk(child, in_link, in_code)
            if child.tail:
                parts.append((child.tail, in_link, in_code))
        if block:
            flush()
            blocks.pop()

    walk(root, False, False)
    flush()
    return lines


# ---------------------------------------------------------------- when trafilatura misses the text

_PROSE_MARKS = "。，；！？"
_MAIN_SHARE = 0.8  # a block holding this share of the page's prose is the text; look inside it


def _is_prose(line: _Line) -> bool:
    return line.word_chars >= 5 and any(ch in line.text for ch in _PROSE_MARKS) and not _is_link_line(line)


def _main_block_lines(tree: lxml.html.HtmlElement, anchors: _Anchors) -> list[_Line]:
    """The lines of the block that holds the page's prose: from <body> down into the child holding
    four fifths of it, while there is one (the "largest text block" of the readability family)."""
    body = tree.find("body")
    if body is None:
        return []
    lines = _lines(body, anchors, _HTML)
    score: dict[Any, int] = {}
    for line in lines:
        if _is_prose(line):
            for node in (line.source, *line.source.iterancestors()):
                score[node] = score.get(node, 0) + line.word_chars
    if not score.get(body):
        return []
    node = body
    while True:
        child = max(node, key=lambda c: score.get(c, 0), default=None)
        if child is None or score.get(child, 0) < _MAIN_SHARE * score[node]:
            break
        node = child
    inside = set(node.iter())
    return [line for line in lines if line.source in inside]


def _instead_of(lines: list[_Line], tree: lxml.html.HtmlElement, anchors: _Anchors) -> list[_Line] | None:
    """The largest text block's lines where trafilatura failed the way it does on one-paragraph
    notices: its lines hold no prose at all (it picked the chrome), or the page's prose sits in a
    line that is a third links or more (the whole page dumped in one line). Otherwise None: on the
    62 real pages, the largest text block was worse wherever the two disagreed (a comment section
    outweighs the article)."""
    dumps = [
        _SPACE_RE.sub("", line.text)
        for line in lines
        if line.link_chars * 3 >= line.word_chars and any(ch in line.text for ch in _PROSE_MARKS)
    ]
    some_prose = any(_is_prose(line) for line in lines)
    if some_prose and not dumps:
        return None
    main = _main_block_lines(tree, anchors)
    prose = [_SPACE_RE.sub("", line.text) for line in main if _is_prose(line)]
    if prose and (not some_prose or any(p in dump and p != dump for dump in dumps for p in prose)):
        return main
    return None


# ---------------------------------------------------------------- chrome trafilatura leaves

_SENTENCE_END = "。！？!?；"
# "当前位置：", "您现在的位置是:", "當前頁：" (a bare "位置：" only with separators: "位置：北京" is prose)
_BREADCRUMB_RE = re.compile(
    r"^(?:[您你]的|[您你]?(?:当前|當前|现在|現在|所在)的?)(?:位置|页面|頁面)[为為是]?\s*[:：]|^(?:当前页|當前頁)\s*[:：]"
)
_CRUMB_SEPARATORS_RE = re.compile(r"\s*(?:>>?|›|»|→|＞)\s*")
_SHARE_RE = re.compile(r"^(?:分享到|分享至|分享)\s*[:：]?")
_WIDGET_WORDS = (
    "字号|字號|字体|字體|打印本页|打印本頁|打印此页|打印此頁|打印|关闭窗口|關閉窗口|关闭本页|關閉本頁|关闭|關閉"
    "|加入收藏|收藏本页|收藏本頁|收藏|返回顶部|返回頂部|返回|默认|默認|[大中小]"
)
_WIDGET_RE = re.compile(
    f"[【\\[［]\\s*(?:(?:{_WIDGET_WORDS})\\s*[:：]?\\s*)+[】\\]］]"
    "|(?:点击|點擊|浏览|瀏覽|阅读|閱讀|访问|訪問)(?:次数|次數|量|数|數|人次)\\s*[:：]\\s*\\d*(?:\\s*次)?"
)
# The label over a list of related links; a short line with these words and no punctuation.
_LABEL_RE = re.compile(
    r"相[关關]|推荐|推薦|[阅閱][读讀]|[热熱][点點门門]|排行|喜[欢歡]|更多|精彩|[专專]题|[链鏈]接"
)
# Attachments are links that belong to the text (附件：…申請表.doc).
_ATTACHMENT_RE = re.compile(r"附件|\.(?:docx?|xlsx?|pdf|wps|ofd|zip|rar|txt|pptx?)\b", re.IGNORECASE)
# A link's date, time or count: "2018-03-02 08:58:39", "(2019/09/07)", "评论 683", "赞 122".
_STAMP_RE = re.compile(
    r"\d{4}[-/.年]\d{1,2}[-/.月]\d{1,2}日?(?:\s*\d{1,2}:\d{2}(?::\d{2})?)?|(?:评论|評論|赞|讚|阅读|閱讀)\s*\d+"
)
_FILLER_MAX = 20  # dates and comment counts between related links: "2018-03-02 08:58:39", "评论 683"
_WIDGET_LINE_MAX = 120  # widgets are taken out of short lines only (bylines), never out of prose


def _is_link_line(line: _Line) -> bool:
    """Half of it or more is link text, not counting the dates and counts that go with links."""
    own = sum(ch.isalnum() for ch in _STAMP_RE.sub("", line.text))
    return line.link_chars > 0 and line.link_chars * 2 >= own and not _ATTACHMENT_RE.search(line.text)


def _is_filler(line: _Line) -> bool:
    return line.word_chars <= _FILLER_MAX and not any(ch in line.text for ch in _SENTENCE_END + "，,")


def _is_label(line: _Line) -> bool:
    return (
        _is_filler(line) and line.word_chars <= 12 and (line.level > 0 or bool(_LABEL_RE.search(line.text)))
    )


def _crumb_fragment(text: str) -> bool:
    """One piece of breadcrumbs laid out a link per line: "首页 >"."""
    return len(text) <= 16 and bool(re.search(r"(?:>>?|›|»|→|＞)$", text))


def _is_breadcrumb(text: str) -> bool:
    if _BREADCRUMB_RE.match(text):
        return True
    segments = _CRUMB_SEPARATORS_RE.split(text)
    return (
        len(segments) >= (2 if re.match(r"位置\s*[:：]", text) else 3)
        and len(text) <= 80
        and all(0 < len(s) <= 15 for s in segments)
        and not any(ch in text for ch in _SENTENCE_END)
    )


def _is_share_bar(text: str) -> bool:
    return bool(_SHARE_RE.match(text)) and len(text) <= 40 and not any(ch in text for ch in _SENTENCE_END)


def _similar(a: str, b: str) -> bool:
    a, b = _SPACE_RE.sub("", a), _SPACE_RE.sub("", b)
    return len(a) >= 4 and len(b) >= 4 and (a in b or b in a)


def _remove_chrome(lines: list[_Line], title: str, removed: list[tuple[str, str]]) -> list[_Line]:
    """Drop breadcrumbs, share bars and widgets anywhere, and lists of links at either end of the text."""
    kept: list[_Line] = []
    in_crumbs = False
    for line in lines:
        text = line.text
        if (
            _is_breadcrumb(text)
            or _crumb_fragment(text)
            or (in_crumbs and _is_filler(line) and len(text) <= 16)
        ):
            removed.append(("breadcrumbs", text))
            in_crumbs = _crumb_fragment(text) or text.endswith((":", "："))  # "您所在的位置：" alone
            continue
        in_crumbs = False
        if _is_share_bar(text):
            removed.append(("share bar", text))
            continue
        if len(text) <= _WIDGET_LINE_MAX and "。" not in text and _WIDGET_RE.search(text):
            rest = _HTML_SPACE_RE.sub(" ", _WIDGET_RE.sub("", text)).strip(" \u3000|｜/·")
            if not any(ch.isalnum() for ch in rest):
                removed.append(("widgets", text))
                continue
            removed.extend(("widgets", w.group()) for w in _WIDGET_RE.finditer(text))
            line = _Line(line.level, rest, line.link_chars)
        kept.append(line)

    def keep(line: _Line) -> bool:  # the title, even where the page makes it a link to itself
        return bool(title) and _similar(line.text, title)

    # Menus above the text: links (and the "|" between them) up to the first line that is neither.
    start = 0
    while (
        start < len(kept)
        and not keep(kept[start])
        and (_is_link_line(kept[start]) or not kept[start].word_chars)
    ):
        removed.append(("navigation", kept[start].text))
        start += 1
    # Related links below it: a block of two or more links, with dates or counts between them, up
    # to its label ("相關推薦"). Short lines above the block's first link stay (a signature: the
    # agency's name may be a link elsewhere on the page).
    end = len(kept)
    while True:
        first_link = None
        links = 0
        i = end
        while i > start and not keep(kept[i - 1]):
            line = kept[i - 1]
            if _is_link_line(line):
                links += 1
                first_link = i - 1
            elif _is_label(line) and links >= 2:
                first_link = i - 1
                break
            elif line.word_chars and not _is_filler(line):
                break
            i -= 1
        if first_link is None or links < 2 or links * 2 < end - first_link:
            break
        removed.extend(("navigation", line.text) for line in kept[first_link:end])
        end = first_link
    # A heading with nothing under it, at the very end, labelled what was taken away ("## 热点新闻").
    if end > start and kept[end - 1].level and _is_label(kept[end - 1]) and not keep(kept[end - 1]):
        end -= 1
        removed.append(("navigation", kept[end].text))
    return kept[start:end]


# ---------------------------------------------------------------- metadata

_SITE_SUFFIX_RE = re.compile(
    r"\s*(?:[_|｜]|--|-|—|\s-\s)\s*([^_|｜—-]{1,16}(?:网|網|网站|網站|官网|官網|门户|門戶))\s*$"
)
_TITLE_SEPARATORS_RE = re.compile(r"\s*(?:[_|｜]|--|\s[-—]\s)\s*")
_COPYRIGHT_RE = re.compile(r"\s*(?:版权所有|版權所有|copyright.*)$", re.IGNORECASE)
_ISO_DATE_RE = re.compile(r"(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})")
_AUTHOR_SPLIT_RE = re.compile(r"\s*[;；,，、/]\s*")


def _metas(tree: lxml.html.HtmlElement) -> dict[str, str]:
    """<meta name|property|itemprop=… content=…>, keys in lower case, the first of each."""
    found: dict[str, str] = {}
    for meta in tree.iter("meta"):
        key = meta.get("name") or meta.get("property") or meta.get("itemprop")
        content = _SPACE_RE.sub(" ", meta.get("content") or "").strip()
        if key and content:
            found.setdefault(key.strip().lower(), content)
    return found


def _first(metas: dict[str, str], *keys: str) -> str:
    return next((metas[k] for k in keys if metas.get(k)), "")


def _iso_date(text: str) -> str:
    match = _ISO_DATE_RE.search(text)
    if not match:
        return text
    year, month, day = (int(g) for g in match.groups())
    return f"{year:04d}-{month:02d}-{day:02d}" if 1 <= month <= 12 and 1 <= day <= 31 else text


def _clean_title(title: str, site: str) -> str:
    """A <title> without the site's name ("…通知_某市檔案館", "…交通-新华网", "…封閉！_网易订阅")."""
    title = _SPACE_RE.sub(" ", title).strip()
    while site:
        last = next(reversed(list(_TITLE_SEPARATORS_RE.finditer(title))), None)
        tail = title[last.end() :] if last else ""
        if not last or not tail or not (site in tail or tail in site):
            break
        title = title[: last.start()]
    return _SITE_SUFFIX_RE.sub("", title) or title


def _authors(text: str, site: str) -> list[str]:
    """Names from a meta author: not the site itself, a number (an editor's id) or an e-mail address."""
    names = (a for a in _AUTHOR_SPLIT_RE.split(text) if a and a != site and not a.isdigit() and "@" not in a)
    return list(dict.fromkeys(names))


# ---------------------------------------------------------------- the reader


def web_page_source(data: bytes, name: str) -> str:
    """The page's HTML as read_html decodes it (its `source_text`), without extracting the text: the
    raw view shows it on request, also for a page whose main text could not be found.

    Raises UndecodableError when the page cannot be decoded or an MHTML archive holds no page.
    """
    charset = None
    if is_mhtml(data, name):
        data, charset = mhtml_page(data)
    return decode_html(data, charset)[0]


def read_html(data: bytes, name: str) -> Extracted:
    """A saved web page's main text, one paragraph per line, headings as "#" lines, and its metadata.

    Raises UndecodableError when the page cannot be decoded or has no main text.
    """
    charset = None
    kind = "html"
    if is_mhtml(data, name):
        data, charset = mhtml_page(data)
        kind = "mhtml"
    html, codec = decode_html(data, charset)
    tree = _parse(html)
    if tree is None:
        raise UndecodableError(message("web page with no main text"))
    document = _extract(tree)
    if document is None or document.body is None:
        raise UndecodableError(message("web page with no main text"))

    metas = _metas(tree)
    site = _first(metas, "sitename", "og:site_name", "application-name") or _COPYRIGHT_RE.sub(
        "", document.sitename or ""
    )
    title = _clean_title(_first(metas, "articletitle", "og:title") or document.title or "", site)
    anchors = _Anchors(tree)
    removed: list[tuple[str, str]] = []
    lines = _remove_chrome(_lines(document.body, anchors), title, removed)
    main = _instead_of(lines, tree, anchors)
    if main is not None:
        logger.debug("%s: trafilatura missed the text, the largest text block instead", name)
        removed = []
        lines = _remove_chrome(main, title, removed)
    if not any(line.level == 0 and line.word_chars for line in lines):
        raise UndecodableError(message("web page with no main text"))

    # The title opens the text as a "#" line, as in a Markdown file (the structure pass takes it
    # from there). trafilatura leaves out an <h1> outside the block it chose; its own title may be
    # a cut one ("多地项目连环爆雷 狂奔的龙湖集团" for the <h1>'s "…集团"暗伤"曝露？").
    text_lines = [
        "#" * line.level + " " + line.text if line.level else body_line(line.text) for line in lines
    ]
    if title and title != site:
        heading = next((i for i, ln in enumerate(lines[:5]) if ln.level and _similar(ln.text, title)), None)
        plain = next((i for i, ln in enumerate(lines[:5]) if not ln.level and ln.text == title), None)
        if heading is not None:
            title = max(title, lines[heading].text, key=len)
        elif plain is not None:
            text_lines[plain] = "# " + title
        else:
            text_lines.insert(0, "# " + title)
    date = _iso_date(_first(metas, "pubdate", "article:published_time", "publishdate", "og:release_date"))
    authors = _authors(_first(metas, "author", "article:author", "dc.creator", "citation_author"), site)
    return Extracted(
        text="\n".join(text_lines),
        encoding=f"{kind}:{codec}",
        title=title,
        authors=authors,
        date=date or (document.date or ""),
        site=site,
        removed=removed,
        source_text=html,
    )
