"""Keyword in context (KWIC): every match of a search on its own line, centred on the match.

A concordance answers questions a list of hits cannot: which words come before 合作, in which
contexts a term is used, how often each turn of phrase occurs. Lines come from the search facade's
hits (index.py) in result order, one line per match span (`Hit.matches`: the positive terms' spans,
overlaps merged), so the KWIC shows exactly what the results highlight. The contexts are cut from the
paragraph's original text; a line break inside them is shown as a space. Result order is kept in
`KwicLine.rank`, so any sort can be undone.

Sorting compares folded text (viewer.core.folding), so 區域 and 区域 sort together; CJK then sorts by
code point, which groups identical contexts (what a concordance is read for), not by pinyin.
"""

from __future__ import annotations

import csv
import io
import os
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from viewer.core.export.csv import safe_cell
from viewer.core.folding import fold
from viewer.core.natural_sort import natural_key
from viewer.core.progress import CancelCheck, Progress, never, no_progress
from viewer.core.search.results import Hit
from viewer.errors import Cancelled, UsageError

if TYPE_CHECKING:
    from viewer.core.search.index import SearchIndex

DEFAULT_WIDTH = 20  # characters of context either side: about a clause of Chinese
DEFAULT_LIMIT = 20_000  # lines kept: a table of this size stays quick in the window (~10 MB)
PAGE_SIZE = 2_000  # hits asked of the index at a time
SORT_KEYS = ("order", "left", "right", "keyword", "document")
CSV_COLUMNS = ["document", "source", "paragraph", "left", "keyword", "right", "year", "kind"]

# Line breaks (and tabs) inside a context become spaces, so every line stays one line.
_BREAKS = str.maketrans(dict.fromkeys("\r\n\t\x0b\x0c\x1c\x1d\x1e\x1f\x85\u2028\u2029", " "))


@dataclass(frozen=True, slots=True)
class KwicLine:
    """One match with its context: `left` + `keyword` + `right` is a slice of the paragraph's text."""

    doc_id: str
    source: str
    title: str
    year: int | None
    kind: str
    paragraph_id: str
    ordinal: int  # 0-based, as Hit.paragraph_ordinal; citations and the CSV say ordinal + 1
    start: int  # the match's offsets in the paragraph's original text
    end: int
    left: str
    keyword: str
    right: str
    rank: int = 0  # position in result order

    def to_json(self) -> dict[str, Any]:
        return {
            "doc": self.doc_id,
            "source": self.source,
            "title": self.title,
            "year": self.year,
            "kind": self.kind,
            "paragraph": self.paragraph_id,
            "ordinal": self.ordinal,
            "start": self.start,
            "end": self.end,
            "left": self.left,
            "keyword": self.keyword,
            "right": self.right,
        }


@dataclass
class KwicResult:
    """The lines of a KWIC, and how much of the whole result they cover."""

    query: str
    lines: list[KwicLine] = field(default_factory=list)
    total_matches_seen: int = 0  # matches in the paragraphs read (more than len(lines) when truncated)
    truncated: bool = False  # the limit stopped the reading: more matches exist than the lines hold
    total_hits: int = 0  # matching paragraphs of the whole result (the engine's exact total)
    hits_seen: int = 0  # matching paragraphs read
    total_documents: int = 0
    facets: dict[str, dict[str, int]] = field(default_factory=dict)
    width: int = DEFAULT_WIDTH
    incomplete: str = ""  # a search cluster's shard did not answer: lines may be missing

    def to_json(self) -> dict[str, Any]:
        return {
            "query": self.query,
            "width": self.width,
            "total_hits": self.total_hits,
            "total_documents": self.total_documents,
            "hits_seen": self.hits_seen,
            "total_matches_seen": self.total_matches_seen,
            "truncated": self.truncated,
            "incomplete": self.incomplete or None,
            "lines": [line.to_json() for line in self.lines],
        }


def flat(text: str) -> str:
    """`text` on one line: line breaks and tabs become spaces (length unchanged)."""
    return text.translate(_BREAKS)


def lines_of_hit(hit: Hit, text: str, width: int = DEFAULT_WIDTH, rank: int = 0) -> list[KwicLine]:
    """One line per match span of `hit`, its contexts cut from `text` (the paragraph's original text)."""
    lines: list[KwicLine] = []
    for start, end in hit.matches:
        lines.append(
            KwicLine(
                hit.doc_id,
                hit.source,
                hit.title,
                hit.year,
                hit.kind,
                hit.paragraph_id,
                hit.paragraph_ordinal,
                start,
                end,
                flat(text[max(0, start - width) : start]),
                flat(text[start:end]),
                flat(text[end : end + width]),
                rank + len(lines),
            )
        )
    return lines


def kwic(
    index: SearchIndex,
    query: str,
    *,
    width: int = DEFAULT_WIDTH,
    limit: int = DEFAULT_LIMIT,
    sort: str = "relevance",
    page_size: int = PAGE_SIZE,
    progress: Progress = no_progress,
    cancelled: CancelCheck = never,
) -> KwicResult:
    """The KWIC lines of `query` in result order, at most `limit` of them.

    Pages through `index.search` (a SearchIndex); the paragraph text comes from the index's cached
    catalogue blocks. Raises QuerySyntaxError for a bad query, Cancelled when `cancelled()` turns true
    (checked between pages and every 256 hits), and reports progress as (paragraphs read, total).
    """
    if width < 0:
        raise UsageError("The context width must be 0 or more")
    if limit < 0 or page_size < 1:
        raise UsageError("The line limit must be 0 or more, the page size 1 or more")
    result = KwicResult(query, width=width)
    offset = 0
    while True:
        if cancelled():
            raise Cancelled("KWIC cancelled")
        page = index.search(query, offset=offset, limit=page_size, sort=sort)
        result.incomplete = result.incomplete or page.incomplete
        if offset == 0:
            result.total_hits = page.total_hits
            result.total_documents = page.total_documents
            result.facets = page.facets
            progress(0, result.total_hits, "")
        for n, hit in enumerate(page.hits):
            if n % 256 == 255 and cancelled():
                raise Cancelled("KWIC cancelled")
            if len(result.lines) >= limit and hit.matches:
                result.truncated = True
                break
            result.hits_seen += 1
            if not hit.matches:
                continue
            result.total_matches_seen += len(hit.matches)
            text = paragraph_text(index, hit)
            if text is None:
                continue
            room = limit - len(result.lines)
            found = lines_of_hit(hit, text, width, rank=len(result.lines))
            if len(found) > room:
                found = found[:room]
                result.truncated = True
            result.lines.extend(found)
        offset += len(page.hits)
        progress(min(offset, result.total_hits), result.total_hits, "")
        if result.truncated or not page.hits or offset >= page.total_hits:
            break
    return result


def paragraph_text(index: SearchIndex, hit: Hit) -> str | None:
    """The original text of a hit's paragraph, from the index's cached blocks (a block read at most).

    Ingest numbers paragraphs by their position, so the ordinal is tried as the index first and
    confirmed by the id; a catalogue that numbers them otherwise is read in full (rarely)."""
    found = index.paragraph(hit.doc_id, hit.paragraph_ordinal)
    if found is not None and found[0] == hit.paragraph_id:
        return str(found[2])
    for paragraph in index.catalogue.paragraphs(hit.doc_id):
        if paragraph.id == hit.paragraph_id:
            return str(paragraph.text)
    return None


def _left_key(line: KwicLine) -> str:
    """The left context read from the keyword outwards: the word just before the match sorts first."""
    return fold(line.left)[::-1]


_SORTS: dict[str, Callable[[KwicLine], Any]] = {
    "order": lambda line: line.rank,
    "left": lambda line: (_left_key(line), fold(line.keyword), fold(line.right), line.rank),
    "right": lambda line: (fold(line.right), fold(line.keyword), _left_key(line), line.rank),
    "keyword": lambda line: (fold(line.keyword), fold(line.right), _left_key(line), line.rank),
    "document": lambda line: (natural_key(line.source), line.doc_id, line.ordinal, line.start, line.rank),
}


def sort_lines(lines: Sequence[KwicLine], key: str, *, descending: bool = False) -> list[KwicLine]:
    """`lines` sorted by "order" (result order), "left" (left context read right to left from the
    keyword), "right" (right context), "keyword" (then right context) or "document" (file, paragraph,
    position); ties go to the keyword, then the other context, then result order."""
    if key not in _SORTS:
        raise UsageError(f"Unknown KWIC sort '{key}' (use {', '.join(SORT_KEYS)})")
    return sorted(lines, key=_SORTS[key], reverse=descending)


def render_csv(lines: Sequence[KwicLine]) -> str:
    """The CSV text: one row per line; `paragraph` is 1-based, as citations number paragraphs.

    Text cells go through `safe_cell`, so a context such as =HYPERLINK(...) is not run as a formula."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(CSV_COLUMNS)
    for line in lines:
        writer.writerow(
            [
                safe_cell(line.title),
                safe_cell(line.source),
                line.ordinal + 1,
                safe_cell(line.left),
                safe_cell(line.keyword),
                safe_cell(line.right),
                "" if line.year is None else line.year,
                safe_cell(line.kind),
            ]
        )
    return buffer.getvalue()


def write_kwic_csv(lines: Sequence[KwicLine], path: str | os.PathLike[str]) -> int:
    """Write the lines as CSV, atomically, in UTF-8 with a BOM (so Excel reads Chinese); returns bytes.

    Raises ExportError in plain words when the file cannot be written."""
    from viewer.core.export import encode, write_bytes

    return write_bytes(path, encode(render_csv(lines), "csv"))
