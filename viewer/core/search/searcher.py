"""Query evaluation for the Whoosh backend: Whoosh narrows the documents, the folded text decides exactly.

Candidates come from Whoosh (distinct-character postings for text, exact terms for kind and year).
They are a superset of the documents that can match; each candidate's folded text is then searched
for the exact folded query terms (matching.py: regular expressions and str methods, C loops), so
the hits equal a brute-force scan (precision and recall 1.0). Matching paragraphs are counted for
every document but listed only for the documents on the page asked for. Scores are
BM25F over the occurrences in body and title (str.count), with document frequencies counted exactly.
"""

from __future__ import annotations

import logging
import math
from dataclasses import dataclass, field
from typing import Any

from viewer.core.search.corpus import K1, W_BODY, W_TITLE, Corpus
from viewer.core.search.matching import Plan, QueryPlanner, reduce
from viewer.core.search.query import Node, Text, positive_terms

logger = logging.getLogger(__name__)


@dataclass
class Evaluation:
    """Every matching document of one query, ranked, with how to list its matching paragraphs."""

    matched: list[tuple[int, int]]  # (docnum, matching paragraphs), in result order
    scores: dict[int, float]
    plans: dict[int, Plan] = field(default_factory=dict)  # paragraph mode only

    def paragraphs(self, corpus: Corpus, docnum: int) -> list[int]:
        """Indexes of the document's matching paragraphs, in reading order."""
        plan = self.plans.get(docnum)
        if plan is None:  # document mode: the first paragraph stands for the document
            return [0]
        return plan.paragraphs(corpus.folded(docnum), lambda: corpus.sections(docnum))


def _document_level(corpus: Corpus, docnum: int, node: Node) -> bool:
    """Whether the document as a whole satisfies `node` (used when a query names no text)."""

    def holds(leaf: Node) -> bool:
        if isinstance(leaf, Text):
            return leaf.folded in corpus.folded(docnum).text
        return corpus.document_holds(docnum, leaf)

    return reduce(node, holds) is True


# ---------------------------------------------------------------- search


def evaluate(corpus: Corpus, tree: Node, *, sort: str) -> Evaluation:
    """Evaluate a parsed query against one index snapshot: every match counted, documents ranked."""
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
    return Evaluation(matched, scores, plans)


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
