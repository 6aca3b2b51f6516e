"""Citations for excerpts: GB/T 7714-2015 and a CBETA-like short form, in the source's own script.

The page: a PDF's paragraphs know the page they start on and where inside them the next page begins,
and an excerpt's citation gives the pages its text is printed on, from its first character to its last
("23", or "23-24" over a page break, inside a paragraph too) in `CitationData.page`; it is the PDF's
page (the n-th page of the file), not a number printed on it. GB/T 7714-2015 puts the cited
page after the year ("…. 2023: 23."; 8.8.2, 引文页码), the short form inside the brackets (第23页).
A newspaper's page (版, read from a web page's navigation) stays as it was: "(08版)" in GB/T 7714,
left out of the short form.
"""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass
from typing import Any

from viewer.core.documents import (
    KIND_JOURNAL,
    KIND_NEWSPAPER,
    KIND_NOTICE,
    KIND_YEARBOOK,
    Document,
    Section,
    paragraph_ordinal,
)

STYLE_GBT7714 = "gbt7714"
STYLE_SHORT = "short"
CITATION_STYLES = (STYLE_GBT7714, STYLE_SHORT)
STYLES = (STYLE_GBT7714, STYLE_SHORT)

SCRIPT_ORIGINAL = "original"
SCRIPT_SIMPLIFIED = "simplified"
SCRIPT_TRADITIONAL_CHOICE = "traditional"
SCRIPT_BOTH = "both"
SCRIPT_CHOICES = (SCRIPT_ORIGINAL, SCRIPT_SIMPLIFIED, SCRIPT_TRADITIONAL_CHOICE, SCRIPT_BOTH)

# GB/T 7714-2015 document type codes (table B.1): M monograph, J journal, N newspaper, A archive,
# Z other. A yearbook entry is an analytic part of a monograph ("//" form, 8.1.2).
_TYPE_CODES = {KIND_YEARBOOK: "M", KIND_JOURNAL: "J", KIND_NEWSPAPER: "N", KIND_NOTICE: "A"}
_MAX_AUTHORS = 3  # GB/T 7714-2015 8.1.2: list three, then "等"


@dataclass(frozen=True)
class CitationData:
    """Everything a citation needs, copied from the document when the excerpt was taken."""

    doc_id: str
    source: str  # archive-relative file
    title: str
    subtitle: str = ""
    authors: tuple[str, ...] = ()
    kind: str = "other"
    volume: str = ""
    year: int | None = None
    script: str = "simplified"  # the source's script
    section: str = ""  # section/entry title, e.g. 【概况】
    section_author: str = ""
    publication: str = ""  # journal or newspaper name, when the document names it
    date: str = ""  # newspaper date or issue, when known
    page: str = ""  # newspaper page (版), journal pages, or a PDF excerpt's pages ("23", "23-24")

    def to_json(self) -> dict[str, Any]:
        data = asdict(self)
        data["authors"] = list(self.authors)
        return data

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> CitationData:
        known = {k: v for k, v in data.items() if k in cls.__dataclass_fields__}
        known["authors"] = tuple(known.get("authors") or ())
        return cls(**known)


def citation_data(
    doc: Document, paragraph_ids: tuple[str, ...] | list[str] = (), start: int = 0, end: int | None = None
) -> CitationData:
    """The citation fields of `doc`, with the section (and its author) of the first paragraph, and a
    PDF's pages of the passage from offset `start` of the first paragraph to `end` of the last
    (`end` None: to the end of the last paragraph)."""
    section_title = section_author = ""
    first = doc.paragraph(paragraph_ids[0]) if paragraph_ids else None
    if first is not None and first.section:
        section = doc.section(first.section)
        if section is not None:
            section_title, section_author = section.title, section.author
            # An entry without its own author is credited to the nearest enclosing one that has one.
            parent: Section | None = section
            while not section_author and parent is not None and parent.parent:
                parent = doc.section(parent.parent)
                section_author = parent.author if parent is not None else ""
    meta = doc.metadata or {}
    pages = excerpt_pages(doc, paragraph_ids, start, end)
    return CitationData(
        doc_id=doc.id,
        source=doc.source,
        title=doc.title,
        subtitle=doc.subtitle,
        authors=tuple(doc.authors),
        kind=doc.kind,
        volume=doc.volume,
        year=doc.year,
        script=doc.script,
        section=section_title,
        section_author=section_author,
        publication=str(meta.get("publication") or meta.get("journal") or meta.get("newspaper") or ""),
        date=str(meta.get("date") or meta.get("issue") or ""),
        page=pages or str(meta.get("page") or ""),
    )


def excerpt_pages(
    doc: Document, paragraph_ids: tuple[str, ...] | list[str], start: int = 0, end: int | None = None
) -> str:
    """The pages of a passage in a PDF: "23", or "23-24" over a page break ("" when the document has
    no pages).

    From the page of the character at `start` in the first paragraph to the page of the last
    character before `end` in the last one (`end` None: the paragraph's end): a paragraph running
    from page 23 onto 24 is cited "24" for a passage printed wholly on 24, "23-24" whole."""
    paragraphs = [p for p in map(doc.paragraph, paragraph_ids) if p is not None]
    if not paragraphs:
        return ""
    first_paragraph, last_paragraph = paragraphs[0], paragraphs[-1]
    if end is None:
        end = len(last_paragraph.text)
    first = first_paragraph.page_at(start)
    # `end` is exclusive: a passage ending where the next page begins ends on the page before; one
    # ending at the very start of its last paragraph ends in the paragraph before.
    if end <= 0 and len(paragraphs) > 1:
        last_paragraph, end = paragraphs[-2], len(paragraphs[-2].text)
    last = last_paragraph.page_at(end - 1) if end > 0 else last_paragraph.page
    known = [page for page in (first, last) if page is not None]
    if not known:
        known = [p.page for p in paragraphs if p.page is not None]
    if not known:
        return ""
    low, high = min(known), max(known)
    return str(low) if low == high else f"{low}-{high}"


def entry_label(data: CitationData) -> str:
    """A yearbook entry is shown in its 【】 brackets; other section titles as they are."""
    title = data.section.strip()
    if title and data.kind == KIND_YEARBOOK and not title.startswith("【"):
        return f"【{title}】"
    return title


def _bare(title: str) -> str:
    return title.strip().strip("【】").strip()


def _authors(names: tuple[str, ...]) -> str:
    kept = [n for n in names if n]
    if len(kept) > _MAX_AUTHORS:
        return ", ".join(kept[:_MAX_AUTHORS]) + ", 等"
    return ", ".join(kept)


def reference(data: CitationData, style: str = STYLE_GBT7714) -> str:
    """The citation of the source alone (no excerpt text), in `style`."""
    if style == STYLE_SHORT:
        return short_reference(data)
    return gbt7714(data)


def gbt7714(data: CitationData) -> str:
    """A GB/T 7714-2015 reference entry; fields the archive does not know are left out, not invented."""
    code = _TYPE_CODES.get(data.kind, "Z")
    title = data.title or data.source
    if data.subtitle:
        title = f"{title}: {data.subtitle.lstrip('—').strip()}"
    year = str(data.year) if data.year else ""
    cited = f": {data.page}" if is_page_number(data.page) else ""  # 引文页码, after the year
    if data.kind == KIND_YEARBOOK and data.section:
        # 析出文献: 析出责任者. 析出题名[M]//专著题名: 卷. 出版年: 引文页码.
        parts = []
        if data.section_author:
            parts.append(f"{data.section_author}. ")
        host = title + (f": {data.volume}" if data.volume else "")
        parts.append(f"{_bare(data.section)}[{code}]//{host}")
        text = "".join(parts)
        return f"{text}. {year}{cited}." if year else f"{text}{cited}."
    authors = _authors(data.authors)
    head = f"{authors}. " if authors else ""
    body = f"{title}[{code}]"
    tail = []
    if data.kind == KIND_JOURNAL:
        if data.publication:
            tail.append(
                data.publication + (f", {year}" if year else "") + (f": {data.page}" if data.page else "")
            )
        elif year:
            tail.append(year)
    elif data.kind == KIND_NEWSPAPER:
        if data.publication:
            when = data.date or year
            tail.append(
                data.publication + (f", {when}" if when else "") + (f"({data.page})" if data.page else "")
            )
        elif year:
            tail.append(year)
    else:
        if data.volume:
            body += f". {data.volume}"
        if year and (not data.volume or year not in data.volume):
            tail.append(year)
        if cited:
            if tail:
                tail[-1] += cited
            else:
                body += cited
    text = head + body
    if tail:
        text += ". " + ". ".join(tail)
    return text + "."


_PAGE_NUMBER = re.compile(r"(\d+)(?:-(\d+))?")


def is_page_number(page: str) -> bool:
    """A page or a range of pages ("23", "23-24"), not a newspaper's "08版"."""
    return bool(_PAGE_NUMBER.fullmatch(page))


def page_span(pages: list[str]) -> tuple[int, int] | None:
    """The lowest and the highest page of several pages or ranges ("23", "23-24"); None when one of
    them is not a page number (a newspaper's "08版") or there are none."""
    found = [_PAGE_NUMBER.fullmatch(page) for page in pages]
    if not found or not all(found):
        return None
    starts = [int(m.group(1)) for m in found if m]
    ends = [int(m.group(2) or m.group(1)) for m in found if m]
    return min(starts), max(ends)


def short_reference(data: CitationData) -> str:
    """The short form's source part: 《title》(2023卷,【entry】)."""
    title = data.title or data.source
    page = f"第{data.page}页" if is_page_number(data.page) else ""
    inside = [x for x in (data.volume or (str(data.year) if data.year else ""), entry_label(data), page) if x]
    return f"《{title}》" + (f"({','.join(inside)})" if inside else "")


def quote(text: str) -> str:
    """Corner brackets round the excerpt text; several paragraphs stay separate lines."""
    return f"「{text}」"


def quoted(texts: list[str]) -> str:
    """One or two texts (both scripts) quoted side by side, as every export and citation writes them."""
    return " / ".join(quote(t) for t in texts)


def cite(texts: list[str], data: CitationData, style: str = STYLE_GBT7714) -> str:
    """The excerpt (one text, or two side by side for "both") followed by its citation.

    Short: 《title》(2023卷,【entry】)：「text」. GB/T 7714: 「text」 then the reference on its own line.
    """
    text = quoted(texts)
    if style == STYLE_SHORT:
        return f"{short_reference(data)}：{text}"
    return f"{text}\n{gbt7714(data)}"


def paragraph_numbers(paragraph_ids: tuple[str, ...] | list[str]) -> list[int]:
    """The paragraphs' numbers as people count them (1-based), from their ids' 0-based ordinals.

    The one place the +1 happens: the citation's 第N段, every export, the search results' ¶N and the
    bookmarks all print these numbers, so one paragraph never shows two.
    """
    return [o + 1 for o in map(paragraph_ordinal, paragraph_ids) if o is not None]


def paragraph_span(numbers: list[int]) -> str:
    """ "6", or "6–7" for a passage over several paragraphs ("" when none is known)."""
    if not numbers:
        return ""
    return f"{numbers[0]}" if len(numbers) == 1 else f"{numbers[0]}–{numbers[-1]}"


def paragraph_label(paragraph_ids: tuple[str, ...] | list[str]) -> str:
    """The paragraph part of a location in Chinese: 第6段 / 第6–7段 ("" when none is known)."""
    span = paragraph_span(paragraph_numbers(paragraph_ids))
    return f"第{span}段" if span else ""


def pilcrow(ordinal: int) -> str:
    """A paragraph by its 0-based ordinal as the results list and bookmark list show it: ¶6."""
    return f"¶{ordinal + 1}"


def flat_fields(data: CitationData) -> dict[str, str]:
    """Every citation field as text, for one CSV row."""
    return {
        "document_id": data.doc_id,
        "source_file": data.source,
        "title": data.title,
        "subtitle": data.subtitle,
        "authors": "; ".join(data.authors),
        "kind": data.kind,
        "volume": data.volume,
        "year": str(data.year) if data.year else "",
        "source_script": data.script,
        "section": data.section,
        "section_author": data.section_author,
        "publication": data.publication,
        "date": data.date,
        "page": data.page,
    }
