"""What every paragraph-per-record engine (tantivy, SphinxQL) shares: the document table, ranking,
the result order and which slice of each document's hits a page shows.

An engine answers "how many paragraphs of each document match" (counts) and "which ones, in reading
order" for the documents on a page; everything between is computed here, the same for every engine,
so two engines that count alike also rank, sort and page alike.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Callable
from typing import NamedTuple

from viewer.core.search.backend import Page
from viewer.core.search.engines import facets, folder_of
from viewer.core.search.query import And, FieldText, Folder, Kind, Node, Not, Or, Text, Year

# Ranking: BM25-like over documents; a term's frequency is the number of matching paragraphs
# holding it, normalised by the document's paragraph count; a title holding it adds W_TITLE.
K1, B, W_TITLE = 1.2, 0.75, 3.0
# A term that not every matching paragraph holds (an OR branch) has its own paragraphs counted only
# when rare (at most this share of all paragraphs): that takes one more count, and its cost is the
# number of documents it returns (~0.5 us each in tantivy: 5 ms for "春" on 100 MB). A common term has
# little weight (low idf), so the document's matching paragraphs stand in for its own.
RARE = 0.01
_UNDATED = 1 << 40


class DocInfo(NamedTuple):
    """What ranking, sorting and facets need of a document.

    A named tuple: made once per document per snapshot, ~3x faster to create than a dataclass."""

    doc_id: str
    source: str
    year: int | None
    kind: str
    paragraphs: int
    title: str  # folded
    authors: tuple[str, ...]  # folded


class DocTable:
    """The documents of a snapshot, with what ranking reads per document in lists by docnum.

    Broad queries match nearly every document; lists indexed by docnum let sorting and counting
    run as C loops (sort keys like rank.__getitem__), which at 8 700 documents saved ~10 ms a query.
    """

    def __init__(self, docs: dict[int, DocInfo], paragraphs: int) -> None:
        self.docs = docs
        self.paragraphs = paragraphs
        size = max(docs, default=-1) + 1
        self.rank = [0] * size  # position in source order: the tie-break
        for position, num in enumerate(sorted(docs, key=lambda n: docs[n].source)):
            self.rank[num] = position
        self.kind: list[str] = [""] * size
        self.folder: list[str] = [""] * size
        self.year: list[int | None] = [None] * size
        self.year_order = [0] * size  # newest first, undated last
        self.norm = [1.0] * size  # BM25 length normalisation by the paragraph count
        self._titled: dict[str, set[int]] = {}
        average = paragraphs / len(docs) if docs else 1.0
        for num, doc in docs.items():
            self.kind[num] = doc.kind
            self.folder[num] = folder_of(doc.source)
            self.year[num] = doc.year
            self.year_order[num] = _UNDATED if doc.year is None else -doc.year
            self.norm[num] = 1 - B + B * doc.paragraphs / average

    def titled(self, folded: str) -> set[int]:
        """The documents whose folded title holds `folded` (kept for the snapshot's life)."""
        found = self._titled.get(folded)
        if found is None:
            if len(self._titled) >= 1024:
                self._titled.clear()
            found = self._titled[folded] = {n for n, d in self.docs.items() if d.title and folded in d.title}
        return found

    def holds(self, num: int, node: Node) -> bool:
        """Whether a document-level condition (title:, author:, kind:, year:, folder:) holds for `num`."""
        doc = self.docs[num]
        if isinstance(node, FieldText):
            if node.field == "title":
                return bool(doc.title) and node.folded in doc.title
            return any(node.folded in a for a in doc.authors)
        if isinstance(node, Kind):
            return doc.kind == node.kind
        if isinstance(node, Year):
            return node.accepts(doc.year)
        if isinstance(node, Folder):
            return node.holds(doc.source)
        raise TypeError(node)


def required_terms(tree: Node) -> set[str]:
    """Terms every matching paragraph holds: their per-document counts are the result's counts."""
    items = tree.items if isinstance(tree, And) else (tree,)
    return {item.folded for item in items if isinstance(item, Text)}


def field_documents(node: FieldText, docs: dict[int, DocInfo]) -> set[int]:
    """The documents whose title (title:) or one of whose authors (author:) holds the value."""
    folded = node.folded
    if node.field == "title":
        return {n for n, d in docs.items() if folded in d.title}
    return {n for n, d in docs.items() if any(folded in a for a in d.authors)}


def document_set(table: DocTable, node: Node, containing: Callable[[str, str], set[int]]) -> set[int]:
    """The documents that satisfy `node` as wholes (brute_force._document_ok).

    `containing(field, folded)` is the engine's answer for text: the documents with a paragraph
    ("text") or a section title ("section") holding `folded`."""
    docs = table.docs
    if isinstance(node, Text):
        return containing("text", node.folded)
    if isinstance(node, FieldText) and node.field == "section":
        return containing("section", node.folded)
    if isinstance(node, FieldText):
        return field_documents(node, docs)
    if isinstance(node, Kind | Year | Folder):
        return {n for n in docs if table.holds(n, node)}
    if isinstance(node, Not):
        return set(docs) - document_set(table, node.item, containing)
    if isinstance(node, And):
        result = document_set(table, node.items[0], containing)
        for item in node.items[1:]:
            if not result:
                break
            result &= document_set(table, item, containing)
        return result
    if isinstance(node, Or):
        union: set[int] = set()
        for item in node.items:
            union |= document_set(table, item, containing)
        return union
    raise TypeError(node)


def scores(
    table: DocTable,
    tree: Node,
    counts: dict[int, int],
    terms: list[Text],
    paragraph_frequency: Callable[[str], int],
    counts_with: Callable[[str], dict[int, int]],
) -> dict[int, float]:
    """BM25-like per document over the positive terms (see K1, B, W_TITLE and RARE).

    `paragraph_frequency(term)`: paragraphs holding the term in the whole index; `counts_with(term)`:
    per document, the matching paragraphs that also hold the term."""
    total = max(table.paragraphs, 1)
    required = required_terms(tree)
    norm = table.norm
    result: dict[int, float] = {}
    for term in terms:
        folded = term.folded
        df = sum(counts.values()) if isinstance(tree, Text) else paragraph_frequency(folded)
        idf = math.log(1 + (total - df + 0.5) / (df + 0.5))
        if folded in required:
            per_doc = counts  # every matching paragraph holds it
        elif df <= RARE * total:
            per_doc = counts_with(folded)
        else:  # common: its matching paragraphs are not counted apart (an upper bound; low idf)
            per_doc = counts
        part = {n: idf * x / (K1 + x) for n, c in per_doc.items() for x in (c / norm[n],)}
        for num in table.titled(folded).intersection(counts):
            x = per_doc.get(num, 0) / norm[num] + W_TITLE
            part[num] = idf * x / (K1 + x)
        if not result:
            result = part
        else:
            for num, value in part.items():
                result[num] = result.get(num, 0.0) + value
    for num in counts:  # a document matched by a negation alone, or by a term absent here
        result.setdefault(num, 0.0)
    return result


def ordered_page(
    table: DocTable,
    counts: dict[int, int],
    ranks: dict[int, float],
    offset: int,
    limit: int | None,
    sort: str,
) -> tuple[Page, list[int], list[tuple[int, int, int]]]:
    """The page's totals and facets, the documents in result order, and what the page shows of them:
    (docnum, first hit, end) of each document's hits in reading order."""
    # Stable sorts, last key first: source, then score (descending), then for "year" the year.
    order = sorted(counts, key=table.rank.__getitem__)
    order.sort(key=ranks.__getitem__, reverse=True)
    if sort == "year":
        order.sort(key=table.year_order.__getitem__)
    page = Page(total_hits=sum(counts.values()), total_documents=len(counts))
    page.facets = facets(
        Counter(map(table.kind.__getitem__, counts)),
        Counter(map(table.year.__getitem__, counts)),
        Counter(map(table.folder.__getitem__, counts)),
    )
    end = None if limit is None else offset + limit
    plan: list[tuple[int, int, int]] = []
    seen = 0
    for num in order:
        count = counts[num]
        if end is not None and seen >= end:
            break
        start, stop = max(0, offset - seen), count if end is None else min(count, end - seen)
        if start < stop:
            plan.append((num, start, stop))
        seen += count
    return page, order, plan
