"""Query evaluation: Whoosh narrows the documents, str.find verifies every paragraph exactly, then rank.

Candidates come from Whoosh (distinct-character postings for text, exact terms for kind and year).
They are a superset of the documents that can match; each candidate's folded paragraphs are then
checked for the exact folded query terms, so the hits equal a brute-force scan (precision and recall
1.0). Scores are BM25F over the verified occurrences in body and title, with document frequencies
counted exactly as well.
"""

from __future__ import annotations

import logging
import math
from bisect import bisect_right
from collections import Counter
from dataclasses import dataclass, field
from itertools import compress, repeat
from operator import contains
from typing import Any

from whoosh import query as wq

from viewer.core.search.analysis import find_all, index_chars, merge_spans
from viewer.core.search.query import (
    And,
    FieldText,
    Kind,
    Node,
    Not,
    Or,
    Text,
    Year,
    positive_terms,
)
from viewer.core.search.records import FoldedText, OriginalText

logger = logging.getLogger(__name__)

SNIPPET_CONTEXT = 40  # characters of context on each side of the first match
SNIPPET_SPAN = 120  # further matches join the snippet while they end within this many characters
ELLIPSIS = "…"
ORIGINAL_CACHE = 256  # documents whose original text stays decompressed for snippets
# BM25F parameters: title occurrences weigh three body occurrences.
K1, B_BODY, B_TITLE, W_BODY, W_TITLE = 1.2, 0.75, 0.5, 1.0, 3.0


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
    """Hits grouped by document (documents ranked, a document's hits consecutive, in reading order)."""

    query: str
    total_hits: int
    total_documents: int
    facets: dict[str, dict[str, int]]
    hits: list[Hit] = field(default_factory=list)
    explanation: str | None = None

    def to_json(self) -> dict[str, Any]:
        return {
            "query": self.query,
            "total_hits": self.total_hits,
            "total_documents": self.total_documents,
            "facets": self.facets,
            "explanation": self.explanation,
            "hits": [h.to_json() for h in self.hits],
        }


class Corpus:
    """One snapshot of the index as the searcher sees it: metadata in memory, texts loaded lazily."""

    def __init__(self, reader: Any, searcher: Any) -> None:
        self.reader = reader
        self.searcher = searcher
        self.metas: dict[int, dict[str, Any]] = {}
        self.doc_ids: dict[int, str] = {}
        for docnum, stored in reader.iter_docs():
            self.metas[docnum] = stored["meta"]
            self.doc_ids[docnum] = stored["doc_id"]
        count = max(len(self.metas), 1)
        self.avg_length = sum(m["length"] for m in self.metas.values()) / count or 1.0
        self.avg_title = sum(len(m["folded_title"]) for m in self.metas.values()) / count or 1.0
        self._columns: dict[str, Any] = {}  # made on first use: an empty index has no columns
        self._folded: dict[int, FoldedText] = {}
        self._df: dict[str, int] = {}
        self._original: dict[int, OriginalText] = {}  # recently shown documents, oldest first

    def folded(self, docnum: int) -> FoldedText:
        cached = self._folded.get(docnum)
        if cached is None:
            cached = FoldedText.unpack(self._column("folded")[docnum])
            self._folded[docnum] = cached
        return cached

    def original(self, docnum: int) -> OriginalText:
        cached = self._original.get(docnum)
        if cached is None:
            cached = OriginalText.unpack(self._column("original")[docnum])
            if len(self._original) >= ORIGINAL_CACHE:
                self._original.pop(next(iter(self._original)))
            self._original[docnum] = cached
        return cached

    def _column(self, name: str) -> Any:
        column = self._columns.get(name)
        if column is None:
            column = self._columns[name] = self.reader.column_reader(name)
        return column

    def check(self) -> None:
        """Read the last document's texts: a truncated column fails here, on open, not mid-search."""
        if self.metas:
            last = max(self.metas)
            self.folded(last)
            self.original(last)

    # ------------------------------------------------------------ candidates

    def candidates(self, node: Node) -> set[int]:
        """A superset of the documents with a paragraph that can satisfy `node`."""
        whoosh_query, _exact = _candidate_query(node)
        if isinstance(whoosh_query, wq.Every):
            return set(self.metas)
        return set(self.searcher.docs_for_query(whoosh_query)) & self.metas.keys()

    def document_frequency(self, term: str) -> int:
        """Documents whose folded text contains `term`: exact, counted over the term's candidates."""
        df = self._df.get(term)
        if df is None:
            docs = self.candidates(Text(term, term))
            df = sum(1 for d in docs if term in self.folded(d).text)
            self._df[term] = df
        return df


def _char_query(field_name: str, folded: str) -> wq.Query:
    chars = sorted(index_chars(folded))
    if not chars:
        return wq.Every()
    if len(chars) == 1:
        return wq.Term(field_name, chars[0])
    return wq.And([wq.Term(field_name, ch) for ch in chars])


def _candidate_query(node: Node) -> tuple[wq.Query, bool]:
    """Whoosh query for the candidates and whether it is exact at document level.

    Text conditions give supersets (the characters occur somewhere in the document), so only an
    exact condition may be negated; the negation of a superset becomes "every document".
    """
    if isinstance(node, Text):
        return _char_query("chars", node.folded), False
    if isinstance(node, FieldText):
        return _char_query(node.field, node.folded), False
    if isinstance(node, Kind):
        return wq.Term("kind", node.kind), True
    if isinstance(node, Year):
        return wq.NumericRange("year", node.low, node.high), True
    if isinstance(node, Not):
        inner, exact = _candidate_query(node.item)
        if exact:
            return wq.Not(inner), True
        return wq.Every(), False
    parts = [_candidate_query(item) for item in node.items]
    exact = all(e for _, e in parts)
    queries = [q for q, _ in parts]
    if isinstance(node, And):
        queries = [q for q in queries if not isinstance(q, wq.Every)]
        if not queries:
            return wq.Every(), exact
        return (queries[0] if len(queries) == 1 else wq.And(queries)), exact
    if any(isinstance(q, wq.Every) for q in queries):
        return wq.Every(), exact
    return wq.Or(queries), exact


# ---------------------------------------------------------------- verification


class _DocMatcher:
    """Evaluates a query tree on one document's paragraphs, exactly."""

    def __init__(self, corpus: Corpus, docnum: int) -> None:
        self.meta = corpus.metas[docnum]
        self.text = corpus.folded(docnum)
        self.count = len(self.text.lengths)
        self._all: set[int] | None = None
        self._terms: dict[str, set[int]] = {}
        self.counts: dict[str, int] = {}  # occurrences of a term in the whole document

    def everything(self) -> set[int]:
        if self._all is None:
            self._all = set(range(self.count))
        return self._all

    def paragraphs_with(self, term: str) -> set[int]:
        found = self._terms.get(term)
        if found is not None:
            return found
        text = self.text.text
        occurrences = self.counts[term] = text.count(term)
        if not occurrences:
            found = set()
        elif occurrences * 16 > self.count:
            # Many occurrences: test each paragraph, a loop that runs in C.
            paras = self.text.paragraphs()
            found = set(compress(range(self.count), map(contains, paras, repeat(term))))
        else:
            # Few: jump from occurrence to occurrence, skipping the rest of each found paragraph.
            found = set()
            starts = self.text.starts
            last = len(starts) - 1
            pos = text.find(term)
            while pos >= 0:
                index = bisect_right(starts, pos) - 1
                found.add(index)
                if index >= last:
                    break
                pos = text.find(term, starts[index + 1])
        self._terms[term] = found
        return found

    def paragraphs(self, node: Node) -> set[int]:
        """Indices of the paragraphs that satisfy `node`."""
        if isinstance(node, Text):
            return self.paragraphs_with(node.folded)
        if isinstance(node, FieldText) and node.field == "section":
            titles = self.text.section_titles
            wanted = {i for i, t in enumerate(titles) if node.folded in t}
            if not wanted:
                return set()
            return {i for i, s in enumerate(self.text.paragraph_sections) if s in wanted}
        if isinstance(node, FieldText | Kind | Year):
            return self.everything() if self.document_level(node) else set()
        if isinstance(node, Not):
            return self.everything() - self.paragraphs(node.item)
        if isinstance(node, And):
            result: set[int] | None = None
            for item in node.items:
                found = self.paragraphs(item)
                result = set(found) if result is None else result & found
                if not result:
                    return set()
            return result or set()
        union: set[int] = set()
        for item in node.items:
            union |= self.paragraphs(item)
        return union

    def document_level(self, node: Node) -> bool:
        """Whether the document as a whole satisfies `node` (used when a query names no text)."""
        if isinstance(node, Text):
            return node.folded in self.text.text
        if isinstance(node, FieldText):
            if node.field == "title":
                return node.folded in self.meta["folded_title"]
            if node.field == "author":
                return any(node.folded in a for a in self.meta["folded_authors"])
            return any(node.folded in t for t in self.text.section_titles)
        if isinstance(node, Kind):
            return bool(self.meta["kind"] == node.kind)
        if isinstance(node, Year):
            return node.accepts(self.meta["year"])
        if isinstance(node, Not):
            return not self.document_level(node.item)
        if isinstance(node, And):
            return all(self.document_level(item) for item in node.items)
        if isinstance(node, Or):
            return any(self.document_level(item) for item in node.items)
        raise TypeError(node)


# ---------------------------------------------------------------- search


def run_search(corpus: Corpus, query: str, tree: Node, *, limit: int | None, sort: str) -> SearchResults:
    """Evaluate a parsed query against one index snapshot."""
    terms = [t.folded for t in positive_terms(tree)]
    document_mode = not terms
    matched: list[tuple[int, list[int]]] = []
    counts: dict[int, dict[str, int]] = {}
    for docnum in sorted(corpus.candidates(tree)):
        matcher = _DocMatcher(corpus, docnum)
        counts[docnum] = matcher.counts
        if document_mode:
            if matcher.count and matcher.document_level(tree):
                matched.append((docnum, [0]))
        else:
            found = matcher.paragraphs(tree)
            if found:
                matched.append((docnum, sorted(found)))

    scores = {docnum: _score(corpus, docnum, terms, counts[docnum]) for docnum, _ in matched}
    metas = corpus.metas
    if sort == "year":

        def key(item: tuple[int, list[int]]) -> tuple[Any, ...]:
            year = metas[item[0]]["year"]
            return (year is None, -(year or 0), -scores[item[0]], metas[item[0]]["source"])
    else:

        def key(item: tuple[int, list[int]]) -> tuple[Any, ...]:
            return (-scores[item[0]], metas[item[0]]["source"])

    matched.sort(key=key)

    facets: dict[str, dict[str, int]] = {"kind": {}, "year": {}}
    kinds = Counter(metas[d]["kind"] for d, _ in matched)
    years = Counter(str(metas[d]["year"]) for d, _ in matched if metas[d]["year"] is not None)
    facets["kind"] = dict(kinds.most_common())
    facets["year"] = dict(sorted(years.items(), reverse=True))

    results = SearchResults(query, sum(len(p) for _, p in matched), len(matched), facets)
    for docnum, paragraphs in matched:
        if limit is not None and len(results.hits) >= limit:
            break
        room = None if limit is None else limit - len(results.hits)
        results.hits.extend(_hits(corpus, docnum, paragraphs[:room], terms, scores[docnum]))
    if not matched:
        results.explanation = _explain(corpus, tree, positive_terms(tree))
    return results


def _score(corpus: Corpus, docnum: int, terms: list[str], counts: dict[str, int]) -> float:
    """BM25F over verified occurrences in the body and the title."""
    if not terms:
        return 0.0
    meta = corpus.metas[docnum]
    text = corpus.folded(docnum).text
    total = len(corpus.metas)
    body_norm = 1 - B_BODY + B_BODY * meta["length"] / corpus.avg_length
    title_norm = 1 - B_TITLE + B_TITLE * len(meta["folded_title"]) / corpus.avg_title
    score = 0.0
    for term in terms:
        body = counts[term] if term in counts else text.count(term)
        tf = W_BODY * body / body_norm + W_TITLE * meta["folded_title"].count(term) / title_norm
        if not tf:
            continue
        df = corpus.document_frequency(term)
        idf = math.log(1 + (total - df + 0.5) / (df + 0.5))
        score += idf * tf / (K1 + tf)
    return score


def _hits(corpus: Corpus, docnum: int, paragraphs: list[int], terms: list[str], score: float) -> list[Hit]:
    meta = corpus.metas[docnum]
    folded = corpus.folded(docnum)
    original = corpus.original(docnum)
    hits = []
    for index in paragraphs:
        para = folded.paragraph(index)
        spans = merge_spans([span for term in terms for span in find_all(term, para)])
        snippet, snippet_spans = make_snippet(original.texts[index], spans)
        hits.append(
            Hit(
                corpus.doc_ids[docnum],
                meta["source"],
                meta["title"],
                meta["kind"],
                meta["year"],
                original.ids[index],
                original.ordinals[index],
                score,
                spans,
                snippet,
                snippet_spans,
            )
        )
    return hits


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


def _explain(corpus: Corpus, tree: Node, terms: list[Text]) -> str:
    """Why nothing matched, when that can be said simply."""
    if not corpus.metas:
        return "The index is empty: the archive has no documents."
    for term in terms:
        if corpus.document_frequency(term.folded) == 0:
            return f"“{term.raw}” does not occur anywhere in the archive (in either script)."
    filters = _filters(tree)
    if filters and not corpus.candidates(And(tuple(filters)) if len(filters) > 1 else filters[0]):
        return "No document matches the field filters."
    if len(terms) > 1:
        return "Each term occurs, but no paragraph satisfies the whole query."
    return "No paragraph satisfies the whole query."


def _filters(tree: Node) -> list[Node]:
    """The top-level kind:/year: conditions, the ones a user most often over-narrows with."""
    items = tree.items if isinstance(tree, And) else (tree,)
    return [item for item in items if isinstance(item, Kind | Year)]
