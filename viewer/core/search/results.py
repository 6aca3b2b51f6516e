"""What a search answers, engine-independent: hits with snippets and offsets in the original text."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

SNIPPET_CONTEXT = 40  # characters of context on each side of the first match
SNIPPET_SPAN = 120  # further matches join the snippet while they end within this many characters
ELLIPSIS = "…"
# The year facet's key for matching documents that have no year (years are digits, so it never clashes);
# it comes after the years. The query language has no year:undated; `-year:0..9999` finds them.
UNDATED = "undated"


@dataclass
class Hit:
    """One paragraph that matches, with where (offsets into its original text) and a snippet."""

    doc_id: str
    source: str
    title: str
    kind: str
    year: int | None
    paragraph_id: str
    paragraph_ordinal: int
    score: float
    matches: list[tuple[int, int]]
    snippet: str
    snippet_matches: list[tuple[int, int]]

    def to_json(self) -> dict[str, Any]:
        return {
            "doc": self.doc_id,
            "source": self.source,
            "title": self.title,
            "kind": self.kind,
            "year": self.year,
            "paragraph": self.paragraph_id,
            "ordinal": self.paragraph_ordinal,
            "score": round(self.score, 4),
            "snippet": self.snippet,
            "matches": [list(m) for m in self.matches],
            "snippet_matches": [list(m) for m in self.snippet_matches],
        }


@dataclass
class SearchResults:
    """One page of hits grouped by document (documents ranked, a document's hits consecutive, in
    reading order), with the exact totals and facets of the whole result."""

    query: str
    total_hits: int
    total_documents: int
    facets: dict[str, dict[str, int]]
    hits: list[Hit] = field(default_factory=list)
    explanation: str | None = None
    offset: int = 0
    incomplete: str = ""  # why hits may be missing (a search cluster's shard did not answer)

    def to_json(self) -> dict[str, Any]:
        return {
            "query": self.query,
            "total_hits": self.total_hits,
            "total_documents": self.total_documents,
            "offset": self.offset,
            "facets": self.facets,
            "explanation": self.explanation,
            "incomplete": self.incomplete or None,
            "hits": [h.to_json() for h in self.hits],
        }


def make_snippet(text: str, spans: list[tuple[int, int]]) -> tuple[str, list[tuple[int, int]]]:
    """About SNIPPET_CONTEXT characters either side of the first match; line breaks become spaces."""
    if not spans:
        end = min(len(text), 2 * SNIPPET_CONTEXT)
        body = text[:end].replace("\n", " ")
        return body + (ELLIPSIS if end < len(text) else ""), []
    first_start, first_end = spans[0]
    start = max(0, first_start - SNIPPET_CONTEXT)
    last_end = first_end
    for _s, e in spans[1:]:
        if e - first_start <= SNIPPET_SPAN:
            last_end = e
    end = min(len(text), last_end + SNIPPET_CONTEXT)
    prefix = ELLIPSIS if start > 0 else ""
    snippet = prefix + text[start:end].replace("\n", " ") + (ELLIPSIS if end < len(text) else "")
    shift = len(prefix) - start
    inside = [(s + shift, e + shift) for s, e in spans if s >= start and e <= end]
    return snippet, inside
