"""The index's text analysis: per-character folding shared by documents and queries, so either script
finds the other, and the candidate terms the index keeps.

The folding itself lives in viewer.core.folding (no Whoosh there, so the window's tree filter and
find-in-document use the very same fold); it is re-exported here. See schema.py for why the analysis
is what it is.
"""

from __future__ import annotations

from viewer.core.folding import VARIANTS, _t2s_char, clean_query_text, find_all, find_matches, fold, fold_char

__all__ = [
    "PARAGRAPH_SEPARATOR",
    "VARIANTS",
    "_t2s_char",
    "clean_query_text",
    "find_all",
    "find_matches",
    "fold",
    "fold_char",
    "index_chars",
    "merge_spans",
]

# Separates paragraphs in a document's folded text; queries never contain it (see clean_query_text),
# so no match can cross a paragraph boundary.
PARAGRAPH_SEPARATOR = "\x1f"

_WHITESPACE = frozenset(" \t\n\r\x0b\x0c\u3000\u00a0" + PARAGRAPH_SEPARATOR)


def index_chars(folded: str) -> set[str]:
    """The characters of folded text that the index keeps as candidate terms (whitespace is not)."""
    return set(folded) - _WHITESPACE


def merge_spans(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Sorted spans with overlaps joined, so a highlighter never paints a character twice."""
    merged: list[tuple[int, int]] = []
    for start, end in sorted(spans):
        if merged and start < merged[-1][1]:
            if end > merged[-1][1]:
                merged[-1] = (merged[-1][0], end)
        else:
            merged.append((start, end))
    return merged
