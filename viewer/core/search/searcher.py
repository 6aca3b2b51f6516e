"""Query evaluation: Whoosh narrows the documents, the folded text decides exactly, then rank.

Candidates come from Whoosh (distinct-character postings for text, exact terms for kind and year).
They are a superset of the documents that can match; each candidate's folded text is then searched
for the exact folded query terms (matching.py: regular expressions and str methods, C loops), so
the hits equal a brute-force scan (precision and recall 1.0). Matching paragraphs are counted for
every document but listed only for the documents whose hits are returned (the limit). Scores are
BM25F over the occurrences in body and title (str.count), with document frequencies counted exactly.
"""

from __future__ import annotations

import logging
import math
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from viewer.core.search.analysis import find_all, merge_spans
from viewer.core.search.corpus import K1, W_BODY, W_TITLE, Corpus
from viewer.core.search.matching import Plan, QueryPlanner, reduce
from viewer.core.search.query import And, Kind, Node, Text, Year, positive_terms

logger = logging.getLogger(__name__)

SNIPPET_CONTEXT = 40  # characters of context on each side of the first match
SNIPPET_SPAN = 120  # further matches join the snippet while they end within this many characters
ELLIPSIS = "…"


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


def _document_level(corpus: Corpus, docnum: int, node: Node) -> bool:
    """Whether the document as a whole satisfies `node` (used when a query names no text)."""

    def holds(leaf: Node) -> bool:
        if isinstance(leaf, Text):
            return leaf.folded in corpus.folded(docnum).text
        return corpus.document_holds(docnum, leaf)

    return reduce(node, holds) is True


# ---------------------------------------------------------------- search


def run_search(corpus: Corpus, query: str, tree: Node, *, limit: int | None, sort: str) -> SearchResults:
    """Evaluate a parsed query against one index snapshot."""
    terms = [t.folded for t in positive_terms(tree)]
    matched: list[tuple[int, int]] = []  # (docnum, matching paragraphs)
    plans: dict[int, Plan] = {}
    corpus.load_texts()
    candidates = corpus.candidates(tree)
    if not terms:  # a query that names no text selects documents; the first paragraph stands for them
        for docnum in candidates:
            if corpus.metas[docnum]["paragraphs"] and _document_level(corpus, docnum, tree):
                matched.append((docnum, 1))
    else:
        planner = QueryPlanner(tree, corpus.document_holds)
        for docnum in candidates:
            text = corpus.folded(docnum)
            plan = planner.plan(docnum, text)
            count = plan.count(text, lambda d=docnum: corpus.sections(d))  # type: ignore[misc]
            if count:
                matched.append((docnum, count))
                plans[docnum] = plan
        if isinstance(tree, Text):  # every document holding the term was just counted
            corpus.remember_document_frequency(tree.folded, len(matched))

    scores = _scores(corpus, [d for d, _ in matched], terms)
    metas = corpus.metas
    if sort == "year":

        def key(item: tuple[int, int]) -> tuple[Any, ...]:
            year = metas[item[0]]["year"]
            return (year is None, -(year or 0), -scores[item[0]], metas[item[0]]["source"])
    else:

        def key(item: tuple[int, int]) -> tuple[Any, ...]:
            return (-scores[item[0]], metas[item[0]]["source"])

    matched.sort(key=key)

    facets: dict[str, dict[str, int]] = {"kind": {}, "year": {}}
    kinds = Counter(metas[d]["kind"] for d, _ in matched)
    years = Counter(str(metas[d]["year"]) for d, _ in matched if metas[d]["year"] is not None)
    facets["kind"] = dict(kinds.most_common())
    facets["year"] = dict(sorted(years.items(), reverse=True))

    results = SearchResults(query, sum(n for _, n in matched), len(matched), facets)
    for docnum, _count in matched:
        if limit is not None and len(results.hits) >= limit:
            break
        room = None if limit is None else limit - len(results.hits)
        if terms:
            text = corpus.folded(docnum)
            paragraphs = plans[docnum].paragraphs(text, lambda d=docnum: corpus.sections(d))  # type: ignore[misc]
        else:
            paragraphs = [0]
        results.hits.extend(_hits(corpus, docnum, paragraphs[:room], terms, scores[docnum]))
    if not matched:
        results.explanation = _explain(corpus, tree, positive_terms(tree))
    return results


def _scores(corpus: Corpus, docnums: list[int], terms: list[str]) -> dict[int, float]:
    """BM25F over the occurrences in the body and the title (str.count: exact, and C speed)."""
    if not terms:
        return dict.fromkeys(docnums, 0.0)
    total = len(corpus.metas)
    scores = dict.fromkeys(docnums, 0.0)
    for term in terms:
        df = corpus.document_frequency(term)
        idf = math.log(1 + (total - df + 0.5) / (df + 0.5))
        for docnum in docnums:
            body_norm, title_norm, title = corpus.norms(docnum)
            tf = W_BODY * corpus.folded(docnum).text.count(term) / body_norm
            if term in title:
                tf += W_TITLE * title.count(term) / title_norm
            if tf:
                scores[docnum] += idf * tf / (K1 + tf)
    return scores


def _hits(corpus: Corpus, docnum: int, paragraphs: list[int], terms: list[str], score: float) -> list[Hit]:
    meta = corpus.metas[docnum]
    folded = corpus.folded(docnum)
    original = corpus.original(docnum)
    hits = []
    for index in paragraphs:
        para = folded.paragraph(index) if terms else ""
        spans = merge_spans([span for term in terms for span in find_all(term, para)])
        snippet, snippet_spans = make_snippet(original.paragraph(index, folded), spans)
        hits.append(
            Hit(
                corpus.doc_ids[docnum],
                meta["source"],
                meta["title"],
                meta["kind"],
                meta["year"],
                original.paragraph_id(index),
                original.ordinal(index),
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
