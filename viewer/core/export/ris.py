"""RIS export for reference managers: one record per source document, its excerpts as notes."""

from __future__ import annotations

from collections.abc import Sequence

from viewer.core.bookmarks import Bookmark
from viewer.core.citation import CitationData, entry_label, is_page_number, page_span, quoted
from viewer.core.documents import KIND_JOURNAL, KIND_NEWSPAPER, KIND_NOTICE, KIND_YEARBOOK
from viewer.core.excerpts import Excerpt
from viewer.core.export import (
    LABEL_BOOKMARKS,
    LABEL_NOTE,
    LABEL_TAGS,
    ExportOptions,
    bookmark_line,
    bookmark_location,
    group_by_document,
    included_bookmarks,
    location,
)

# RIS reference types (the RIS specification's TY list).
_TYPES = {KIND_YEARBOOK: "BOOK", KIND_JOURNAL: "JOUR", KIND_NEWSPAPER: "NEWS", KIND_NOTICE: "GOVDOC"}
EOL = "\r\n"


def _one_line(value: str) -> str:
    """RIS values end at the line end: fold newlines into spaces."""
    return " ".join(value.split("\n")).strip()


def _tag(tag: str, value: str) -> str:
    return f"{tag}  - {_one_line(value)}"


def _record_head(c: CitationData, pages: list[str]) -> list[str]:
    """The record's fields; `pages` are its excerpts' pages (see _page_fields)."""
    lines = [_tag("TY", _TYPES.get(c.kind, "GEN")), _tag("TI", c.title or c.source)]
    if c.subtitle:
        lines.append(_tag("T2", c.subtitle))
    lines += [_tag("AU", a) for a in c.authors]
    if c.year:
        lines.append(_tag("PY", str(c.year)))
    if c.volume:
        lines.append(_tag("VL", c.volume))
    if c.publication:
        lines.append(_tag("JO" if c.kind == KIND_JOURNAL else "T2", c.publication))
    if c.date:
        lines.append(_tag("DA", c.date))
    lines += _page_fields(pages)
    lines.append(_tag("LA", "zh"))
    lines.append(_tag("ID", c.doc_id))
    if c.source:
        lines.append(_tag("M1", c.source))
    return lines


def _page_fields(pages: list[str]) -> list[str]:
    """SP and EP of a record, which holds all the excerpts of one document.

    A PDF's excerpts each have their pages, so the record spans them: SP the lowest, EP the highest
    (EP only when it differs), and each excerpt's note says its own page. Giving the first excerpt's
    page told a reference manager that every excerpt was on it. Pages that are not numbers (a
    newspaper's "08版", the document's own and the same for every excerpt) are written when all
    excerpts agree, else left out rather than one of them claimed for all."""
    pages = [p for p in pages if p]
    span = page_span(pages)
    if span is not None:
        low, high = span
        return [_tag("SP", str(low))] + ([_tag("EP", str(high))] if high != low else [])
    if pages and all(p == pages[0] for p in pages):
        return [_tag("SP", pages[0])]
    return []


def _citation_of(item: Excerpt | Bookmark) -> CitationData:
    return item.citation if isinstance(item, Excerpt) else item.citation_data


def render(excerpts: Sequence[Excerpt], options: ExportOptions, bookmarks: Sequence[Bookmark] = ()) -> str:
    """One record per document; its bookmarks are notes too (a bookmarked document alone gets a record)."""
    marks_of: dict[str, list[Bookmark]] = {}
    for b in included_bookmarks(bookmarks, options):
        marks_of.setdefault(b.doc_id, []).append(b)
    groups = group_by_document(excerpts)
    records = [(g.citation, g.excerpts, marks_of.pop(g.citation.doc_id, [])) for g in groups]
    records += [(marks[0].citation_data, [], marks) for marks in marks_of.values()]
    lines: list[str] = []
    for c, group_excerpts, marks in records:
        cited = group_excerpts or marks
        lines += _record_head(c, [_citation_of(x).page for x in cited])
        keywords: list[str] = []
        for e in group_excerpts:
            parts = [quoted(e.texts(options.script))]
            if e.citation.section:
                author = e.citation.section_author
                parts.append(entry_label(e.citation) + (f"（{author}）" if author else ""))
            parts.append(location(e))
            if is_page_number(e.citation.page):
                parts.append(f"第{e.citation.page}页")
            if options.include_notes and e.note:
                parts.append(f"{LABEL_NOTE}：{e.note}")
            if options.include_tags and e.tags:
                parts.append(f"{LABEL_TAGS}：" + "、".join(e.tags))
                keywords += [t for t in e.tags if t not in keywords]
            lines.append(_tag("N1", " — ".join(parts)))
        for b in marks:
            parts = [f"{LABEL_BOOKMARKS}：{bookmark_line(b)}", bookmark_location(b)]
            if options.include_notes and b.note:
                parts.append(f"{LABEL_NOTE}：{b.note}")
            lines.append(_tag("N1", " — ".join(parts)))
        lines += [_tag("KW", k) for k in keywords]
        lines.append("ER  - ")
        lines.append("")
    return EOL.join(lines)


def parse(text: str) -> list[dict[str, list[str]]]:
    """Records of a RIS file as {tag: [values]} (for tests and round trips)."""
    records: list[dict[str, list[str]]] = []
    current: dict[str, list[str]] | None = None
    for line in text.splitlines():
        if len(line) < 5 or line[2:5] != "  -":
            continue
        tag, value = line[:2], line[6:]
        if tag == "TY":
            current = {}
        if current is None:
            continue
        if tag == "ER":
            records.append(current)
            current = None
            continue
        current.setdefault(tag, []).append(value)
    return records
