"""Structure and metadata: title, authors, kind, year, sections and paragraphs from repaired text.

The repaired text holds one paragraph per line. Each paragraph becomes a Paragraph with a stable id and a
role; sections come from yearbook entries 【…】, numbered headings (一、 (一) 1. (1) ①, 第…章), Markdown
`#` headings, newspaper subheads (short lines standing alone between prose) and article headings followed
by a byline. Rules look at general features only, so they work on any archive, not just the seeds.

Where '#' headings are read: in a .md file (where numbered lines are lists, and the '#' stays in the
paragraph, as the file has it), and in the text of a format's reader (`reader_markup`: PDF, DOCX,
EPUB, web pages), where a '#' line is a heading the file marked (a font size, a heading style, <h2>)
and every other rule still applies (a yearbook PDF's 【…】 entries and 一、 headings are set in the body
font). There the markup is the reader's, not the document's: the paragraph holds the heading's text
without its '#'s, and a body line the reader escaped as "\\#" holds its text from the '#' on.

Speed: only paragraphs that could be special (by their first or last character, length or position) go
through the patterns of viewer.core.metadata; the rest become body paragraphs in one pass.
"""

from __future__ import annotations

import dataclasses
import logging
from collections import Counter
from dataclasses import dataclass, field
from pathlib import PurePosixPath

from viewer.core import lines
from viewer.core.convert import detect_script
from viewer.core.documents import (
    ROLE_AUTHOR,
    ROLE_BODY,
    ROLE_CAPTION,
    ROLE_HEADING,
    ROLE_META,
    ROLE_SUBTITLE,
    ROLE_TITLE,
    Document,
    Paragraph,
    Section,
    paragraph_id,
    reader_markup_length,
)
from viewer.core.lines import LineInfo
from viewer.core.metadata import YEAR_RE, decide_kind, extract_metadata, page_authors

logger = logging.getLogger(__name__)

FRONT = 12  # paragraphs searched for the title, volume and byline
TITLE_MAX = 60
SUBHEAD_MAX = 32
ARTICLE_TITLE_MAX = 40
REPEATED_LABEL = 3  # a standalone line seen this often is a label, not a subhead
FALLBACK_TITLE_MAX = 30

# First or last characters that make a paragraph worth classifying; everything else is body text.
# Strong starts always are; weak ones (label and byline words) only on short or labelled lines.
_STRONG_START = frozenset(
    "#【[［(（第卷"
    + "0123456789０１２３４５６７８９"
    + lines.BYLINE_MARKS
    + "".join(chr(c) for c in range(ord("①"), ord("⑳") + 1))
)
_CN_START = frozenset(lines.CN_DIGITS)
_WEAK_START = frozenset(
    "摘关關参參责責编編作本记記实實特见見通文图圖内內提主基中DdAaKkR上下往当當标標放发發出印日时時"
)
_END_CHARS = frozenset("摄攝影)）")
_SENTENCE_END = frozenset("。，,；;！!？?：:、…")
_DASHES = "—－-─~～ \u3000"


@dataclass
class Scan:
    """Everything the passes share for one document."""

    paras: list[str]
    lens: list[int]
    infos: dict[int, LineInfo]
    candidates: list[int]  # paragraphs that were classified (the rest are body text)
    markdown: bool
    reader_markup: bool  # a format reader's text (its '#' headings only mark, never list, and stop early)
    title_idx: int | None = None
    subtitle_idx: int | None = None
    title: str = ""
    subtitle: str = ""
    volume_idx: int | None = None
    references: list[int] = field(default_factory=list)
    roles: dict[int, str] = field(default_factory=dict)


@dataclass
class _Open:
    """A section being built, with the rank that decides what nests inside it."""

    rank: int
    section: Section


def build_structure(doc: Document, *, reader_markup: bool = False, title_hint: str = "") -> None:
    """Fill in title, subtitle, authors, volume, year, kind, script, metadata, paragraphs and sections.

    `reader_markup`: the text came from a format's reader (see the module docstring). `title_hint`:
    the title when the text has no title line (the file's own metadata), before the fallbacks."""
    # One paragraph per "\n" line, as repair leaves them (splitlines would also cut at U+2028, \f…).
    paras = list(filter(None, map(str.strip, doc.text.split("\n"))))
    doc.script = detect_script(doc.text)
    markdown = reader_markup or doc.source.lower().endswith(".md")
    candidates = _candidates(paras)
    infos = (
        _classify_reader_lines(paras, candidates)
        if reader_markup
        else _classify_all(paras, candidates, markdown)
    )
    scan = Scan(paras, list(map(len, paras)), infos, candidates, markdown, reader_markup)
    _front_matter(scan)
    meta = extract_metadata(scan, doc)
    sections, starts, styles = _sections(scan, doc.id)
    _assign(doc, scan, sections, starts, styles)
    if reader_markup:
        _strip_reader_markup(doc, scan)
    authors = list(dict.fromkeys(page_authors(doc.repairs) + _authors(scan, sections, styles)))
    doc.sections = sections
    doc.volume, doc.year, year_source = _volume_and_year(scan)
    if doc.year is None and meta.get("date"):
        m = YEAR_RE.match(meta["date"])  # the date of the page's metadata line
        if m:
            doc.year, year_source = int(m.group(1)), "date"
    doc.title = scan.title or title_hint or _fallback_title(scan, doc.source, doc.volume)
    doc.subtitle = scan.subtitle
    doc.authors = authors
    if year_source:
        meta["year_source"] = year_source
    doc.metadata = meta
    doc.kind = decide_kind(scan, doc, sections, styles)


# ---------------------------------------------------------------- per-paragraph classification


def _candidates(paras: list[str]) -> list[int]:
    """Paragraphs that might be more than body text, by their first and last characters."""
    return [
        i
        for i, s in enumerate(paras)
        if s[0] in _STRONG_START
        or s[-1] in _END_CHARS
        or (s[0] in _CN_START and ("、" in s[:5] or "．" in s[:5]))
        or (s[0] in _WEAK_START and (len(s) <= 30 or ":" in s[:12] or "：" in s[:12]))
    ]


def _classify_all(paras: list[str], candidates: list[int], markdown: bool) -> dict[int, LineInfo]:
    infos: dict[int, LineInfo] = {}
    for i in candidates:
        info = lines.classify(paras[i], markdown)
        if info is not None:
            infos[i] = info
    # Past the front matter a byline must sit under an article heading: "□庭倚" in a classical text
    # is a name with a lost character (□ marks a lacuna), not a byline.
    for i in [i for i, info in infos.items() if info.kind == "byline" and i >= FRONT]:
        if i - 1 in infos or not lines.is_title_like(paras[i - 1], ARTICLE_TITLE_MAX):
            del infos[i]
    return infos


def _classify_reader_lines(paras: list[str], candidates: list[int]) -> dict[int, LineInfo]:
    """A reader's text: its '#' lines are headings, everything else is classified as plain text is
    (numbered headings and entries included: the reader marks only what the file marked)."""
    infos = _classify_all(paras, candidates, markdown=False)
    for i in candidates:
        if paras[i][0] == "#":
            info = lines.classify(paras[i], markdown=True)
            if info is not None and info.kind == "md":  # ("#话题#", no space, is not: a hashtag)
                infos[i] = dataclasses.replace(info, title=paras[i][reader_markup_length(paras[i]) :])
    return infos


def _strip_reader_markup(doc: Document, scan: Scan) -> None:
    """Paragraphs without the reader's markup (a heading stays one through its role and section)."""
    for p in doc.paragraphs:
        cut = reader_markup_length(p.text)
        if cut:
            p.text = p.text[cut:]
    if scan.title_idx is not None:
        scan.title = doc.paragraphs[scan.title_idx].text


# ---------------------------------------------------------------- title, subtitle, volume


def _front_matter(scan: Scan) -> None:
    paras, infos = scan.paras, scan.infos
    n = len(paras)
    if scan.markdown:
        first = next((i for i in sorted(infos) if infos[i].kind == "md"), None)
        if scan.reader_markup and first is not None and first >= FRONT:
            first = None  # a PDF's first larger line deep in the text is a heading, not its title
        if first is not None:
            scan.title_idx, scan.title = first, infos[first].title
    first_body: int | None = None
    for i in range(min(n, FRONT)):
        if scan.title_idx is not None:
            break
        info = infos.get(i)
        if info is not None:
            if info.kind in ("heading", "entry", "md"):
                first_body = i
                break
            continue  # volume, date, byline, caption, label, navigation: front matter
        if lines.is_title_like(paras[i], TITLE_MAX) and not _is_subtitle(paras[i]):
            scan.title_idx, scan.title = i, paras[i]
        else:
            first_body = i
            break
    if scan.title_idx is None and first_body is not None:
        # A cover letter before the title (notices): a standalone line soon after, followed by prose.
        for i in range(first_body, min(n - 1, 8)):
            s = paras[i]
            if (
                i not in infos
                and len(s) >= 4
                and lines.is_title_like(s, TITLE_MAX)
                and lines.is_prose(paras[i + 1])
            ):
                scan.title_idx, scan.title = i, s
                break
    if scan.title_idx is not None:
        scan.roles[scan.title_idx] = ROLE_TITLE
        j = scan.title_idx + 1
        while j < n and j in infos and infos[j].kind == "caption":
            j += 1
        if j < n and j not in infos and _is_subtitle(paras[j]):
            scan.subtitle_idx, scan.subtitle = j, paras[j].lstrip(_DASHES).strip()
            scan.roles[j] = ROLE_SUBTITLE
    for i in range(min(n, 3)):
        info = infos.get(i)
        if info is not None and info.kind == "volume":
            scan.volume_idx = i
            break


def _is_subtitle(text: str) -> bool:
    return len(text) > 2 and text[0] in "—－-─~～" and text.lstrip(_DASHES) != "" and text[1] in "—－-─~～"


def _fallback_title(scan: Scan, source: str, volume: str) -> str:
    """No title line: a yearbook's volume, else the first paragraph (shortened), else the file name."""
    entries = [scan.infos[i].title for i in sorted(scan.infos)[:FRONT] if scan.infos[i].kind == "entry"]
    if entries:
        # Entries are parts of the book: naming the whole after its first entry would mis-cite the rest.
        return f"年鉴 {volume}" if volume else f"年鉴：{entries[0]}等"
    for i, text in enumerate(scan.paras):
        if scan.roles.get(i) not in (ROLE_META, ROLE_AUTHOR, ROLE_CAPTION) and lines.has_words(text):
            return _shorten(text)
    return _shorten(scan.paras[0]) if scan.paras else (PurePosixPath(source).stem or source)


def _shorten(text: str) -> str:
    if len(text) <= FALLBACK_TITLE_MAX:
        return text
    head = text[: FALLBACK_TITLE_MAX + 1]
    for i, ch in enumerate(head):
        if ch in "。！？!?；;" and i >= 4:
            return head[: i + 1]
    return text[:FALLBACK_TITLE_MAX].rstrip() + "…"


def _volume_and_year(scan: Scan) -> tuple[str, int | None, str]:
    """Year from the volume line ("2023卷"), else from a date line in the front or back matter."""
    volume = ""
    if scan.volume_idx is not None:
        volume_info = scan.infos[scan.volume_idx]
        volume = volume_info.title
        if volume_info.number:
            return volume, volume_info.number, "volume"
    n = len(scan.paras)
    edges = [*range(min(n, FRONT)), *range(max(FRONT, n - FRONT), n)]
    for i in edges:
        info = scan.infos.get(i)
        if info is not None and info.kind == "date":
            return volume, info.number, "date"
    return volume, None, ""


# ---------------------------------------------------------------- sections


def _sections(scan: Scan, doc_id: str) -> tuple[list[Section], list[int], list[str]]:
    """Sections in document order, the paragraph each starts at and its style; nesting by rank."""
    events = _section_events(scan)
    sections: list[Section] = []
    starts: list[int] = []
    styles: list[str] = []
    stack: list[_Open] = []
    counters: dict[str, int] = {}
    for i, style, number, title, heading_role, author in events:
        rank = _rank(style)
        if number and style in counters:
            last = counters[style]
            if number != 1 and not last < number <= last + 2:
                continue  # out of sequence: a numbered sentence, not a heading
        while stack and stack[-1].rank >= rank:
            stack.pop()
        for other in [s for s in counters if _rank(s) > rank]:
            del counters[other]
        if number:
            counters[style] = number
        section = Section(
            id=f"{doc_id}-s{len(sections)}",
            title=title,
            level=len(stack) + 1,
            heading_paragraph=paragraph_id(doc_id, i),
            author=author,
            parent=stack[-1].section.id if stack else None,
        )
        stack.append(_Open(rank, section))
        sections.append(section)
        starts.append(i)
        styles.append(style)
        if heading_role:
            scan.roles[i] = ROLE_HEADING
    return sections, starts, styles


def _rank(style: str) -> int:
    """Lower ranks are outer: an article holds subheads, 一、 holds (一), (一) holds 1."""
    if style.startswith("md"):
        return int(style[2:])
    return lines.RANKS.get(style, 4)


def _section_events(scan: Scan) -> list[tuple[int, str, int, str, bool, str]]:
    """(paragraph, style, number, title, is a heading-only paragraph, author) for each candidate."""
    paras, infos, lens = scan.paras, scan.infos, scan.lens
    n = len(paras)
    skip = {scan.title_idx, scan.subtitle_idx, scan.volume_idx, *scan.references}
    events: list[tuple[int, str, int, str, bool, str]] = []
    for i in sorted(infos):
        if i in skip:
            continue
        info = infos[i]
        if info.kind == "md":
            events.append((i, f"md{info.level}", 0, info.title, True, ""))
        elif info.kind == "entry":
            events.append((i, "entry", 0, info.title, not info.run_in, ""))
        elif info.kind == "label" and info.style == "references":
            events.append((i, "references", 0, paras[i].strip("【】[]［］():：（） "), True, ""))
        elif info.kind == "heading" and not _in_list(infos, i, info):
            events.append((i, info.style, info.number, info.title, not info.run_in, ""))
    # An article heading: a short standalone line right above a byline.
    standalone: list[tuple[int, str, int, str, bool, str]] = []
    for j, info in infos.items():
        i = j - 1
        if (
            info.kind == "byline"
            and i > 0
            and i not in infos
            and i not in skip
            and lines.is_title_like(paras[i], ARTICLE_TITLE_MAX)
        ):
            standalone.append((i, "article", 0, paras[i], True, "、".join(info.names)))
    # A subhead: a short standalone line between prose (or after a byline or caption), before prose.
    short = [
        i
        for i in range(1, n - 1)
        if paras[i][-1] not in _SENTENCE_END
        and lens[i] <= SUBHEAD_MAX
        and lens[i + 1] >= 8
        and (lens[i - 1] >= 8 or i - 1 in infos)
        and i not in infos
        and i + 1 not in infos
        and i not in skip
    ]
    for i in short:
        prev = infos.get(i - 1)
        if prev is None:
            if not lines.is_prose(paras[i - 1]):
                continue
        elif not (prev.kind in ("byline", "caption") or (prev.kind == "heading" and prev.run_in)):
            continue
        if lines.is_prose(paras[i + 1]) and lines.is_title_like(paras[i], SUBHEAD_MAX):
            standalone.append((i, "subhead", 0, paras[i], True, ""))
    # The same short line over and over is a label (a category, a refrain), not a heading.
    repeats = Counter(event[3] for event in standalone)
    events.extend(event for event in standalone if repeats[event[3]] < REPEATED_LABEL)
    events.sort(key=lambda e: e[0])
    return events


def _in_list(infos: dict[int, LineInfo], i: int, info: LineInfo) -> bool:
    """Standalone numbered lines next to each other of the same style are a list, not headings."""
    if info.run_in:
        return False
    for j in (i - 1, i + 1):
        other = infos.get(j)
        if other is not None and other.kind == "heading" and other.style == info.style and not other.run_in:
            return True
    return False


def _assign(doc: Document, scan: Scan, sections: list[Section], starts: list[int], styles: list[str]) -> None:
    """Paragraphs with ids, roles and sections; entry authors found at the end of their entries."""
    n = len(scan.paras)
    ids = _paragraph_ids(doc.id, n)
    section_of: list[str | None] = [None] * n
    for k, section in enumerate(sections):
        start = starts[k]
        end = starts[k + 1] if k + 1 < len(starts) else n
        section_of[start:end] = [section.id] * (end - start)
        section.paragraph_ids = ids[start:end]
    roles = [ROLE_BODY] * n
    for i, role in scan.roles.items():
        roles[i] = role
    doc.paragraphs = [
        Paragraph(pid, i, text, role, sid)
        for i, (pid, text, role, sid) in enumerate(zip(ids, scan.paras, roles, section_of, strict=True))
    ]
    for k, section in enumerate(sections):
        if styles[k] != "entry" or section.author:
            continue
        end = starts[k + 1] if k + 1 < len(starts) else n
        for i in range(end - 1, starts[k] - 1, -1):
            names = lines.entry_author(scan.paras[i])
            if names:
                section.author = "、".join(names)
                break


def _paragraph_ids(doc_id: str, n: int) -> list[str]:
    """paragraph_id for every ordinal; formatted inline (a third of the cost) when the format allows."""
    prefix = f"{doc_id}-p"
    if paragraph_id(doc_id, 7) != f"{prefix}7":
        return [paragraph_id(doc_id, i) for i in range(n)]
    return [f"{prefix}{i}" for i in range(n)]


def _authors(scan: Scan, sections: list[Section], styles: list[str]) -> list[str]:
    """Bylines of the document first, then of articles inside it, then yearbook entry contributors."""
    names: list[str] = []
    for i in sorted(scan.infos):
        info = scan.infos[i]
        if info.kind == "byline" and scan.roles.get(i - 1) != ROLE_HEADING:
            names.extend(info.names)
    for section, style in zip(sections, styles, strict=True):
        if section.author and style in ("article", "entry"):
            names.extend(section.author.split("、"))
    return list(dict.fromkeys(names))
