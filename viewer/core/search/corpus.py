"""One snapshot of the index as the searcher sees it: metadata in memory, texts loaded on first use.

The folded texts are what every query scans, so they stay decoded in memory once read, up to
TEXT_CACHE_CHARS characters (the 10 MB poetry corpus folds to 3.5 M characters: about 8 MB); beyond
that the oldest are dropped and decoded again when needed (plain UTF-8: no decompression).
"""

from __future__ import annotations

import logging
from typing import Any

from whoosh import query as wq

from viewer.core.search.analysis import index_chars
from viewer.core.search.query import And, FieldText, Folder, Kind, Node, Not, Text, Year
from viewer.core.search.records import FoldedText, OriginalText, Sections, unpack_folded

logger = logging.getLogger(__name__)

# BM25F parameters: title occurrences weigh three body occurrences.
K1, B_BODY, B_TITLE, W_BODY, W_TITLE = 1.2, 0.75, 0.5, 1.0, 3.0
TEXT_CACHE_CHARS = 24_000_000  # folded characters kept decoded (~50-100 MB at most)
ORIGINAL_CACHE = 256  # documents whose original text stays decoded for snippets


class Corpus:
    """Metadata of every document (read on open), texts and postings read lazily."""

    def __init__(self, reader: Any, searcher: Any) -> None:
        self.reader = reader
        self.searcher = searcher
        self.metas: dict[int, dict[str, Any]] = {}
        self.doc_ids: dict[int, str] = {}
        for docnum, stored in reader.iter_docs():
            self.metas[docnum] = stored["meta"]
            self.doc_ids[docnum] = stored["doc_id"]
        count = max(len(self.metas), 1)
        self._total_chars = sum(m["length"] for m in self.metas.values())
        self.avg_length = self._total_chars / count or 1.0
        self.avg_title = sum(len(m["folded_title"]) for m in self.metas.values()) / count or 1.0
        self._columns: dict[str, Any] = {}  # made on first use: an empty index has no columns
        self._folded: dict[int, FoldedText] = {}  # oldest first
        self._folded_chars = 0
        self._sections: dict[int, Sections] = {}
        self._original: dict[int, OriginalText] = {}  # recently shown documents, oldest first
        self._df: dict[str, int] = {}
        self._norms: dict[int, tuple[float, float, str]] = {}

    # ------------------------------------------------------------ texts

    def load_texts(self) -> None:
        """Decode every document's folded text at once, if they fit the cache (first search)."""
        if not self.metas or self._folded or self._total_chars > TEXT_CACHE_CHARS:
            return
        for docnum in self.metas:
            self.folded(docnum)

    def folded(self, docnum: int) -> FoldedText:
        cached = self._folded.get(docnum)
        if cached is None:
            text = unpack_folded(self._column("folded")[docnum])
            cached = FoldedText(text, self.metas[docnum]["paragraphs"])
            self._folded[docnum] = cached
            self._folded_chars += len(text)
            while self._folded_chars > TEXT_CACHE_CHARS and len(self._folded) > 1:
                oldest = next(iter(self._folded))
                self._folded_chars -= len(self._folded.pop(oldest).text)
        return cached

    def sections(self, docnum: int) -> Sections:
        cached = self._sections.get(docnum)
        if cached is None:
            cached = self._sections[docnum] = Sections.unpack(self._column("sections")[docnum])
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
            for name in ("folded", "sections"):
                self._column(name)[last]
            self.original(last)

    # ------------------------------------------------------------ document-level facts

    def norms(self, docnum: int) -> tuple[float, float, str]:
        """BM25F length normalisation of the body and the title, and the folded title."""
        cached = self._norms.get(docnum)
        if cached is None:
            meta = self.metas[docnum]
            title = meta["folded_title"]
            body_norm = 1 - B_BODY + B_BODY * meta["length"] / self.avg_length
            title_norm = 1 - B_TITLE + B_TITLE * len(title) / self.avg_title
            cached = self._norms[docnum] = (body_norm, title_norm, title)
        return cached

    def document_holds(self, docnum: int, node: Node) -> bool:
        """Whether a title:, author:, section:, kind: or year: condition holds for the document."""
        meta = self.metas[docnum]
        if isinstance(node, FieldText):
            if node.field == "title":
                return node.folded in meta["folded_title"]
            if node.field == "author":
                return any(node.folded in a for a in meta["folded_authors"])
            return any(node.folded in t for t in self.sections(docnum).titles)
        if isinstance(node, Kind):
            return bool(meta["kind"] == node.kind)
        if isinstance(node, Year):
            return node.accepts(meta["year"])
        if isinstance(node, Folder):
            return node.holds(meta["source"])
        raise TypeError(node)

    # ------------------------------------------------------------ candidates

    def candidates(self, node: Node) -> list[int]:
        """A superset of the documents with a paragraph that can satisfy `node`, in index order."""
        whoosh_query, _exact = _candidate_query(node)
        if isinstance(whoosh_query, wq.Every):
            return sorted(self.metas)
        return sorted(set(self.searcher.docs_for_query(whoosh_query)) & self.metas.keys())

    def document_frequency(self, term: str) -> int:
        """Documents whose folded text contains `term`: exact, counted over the term's candidates."""
        df = self._df.get(term)
        if df is None:
            docs = self.candidates(Text(term, term))
            df = sum(1 for d in docs if term in self.folded(d).text)
            self._df[term] = df
        return df

    def remember_document_frequency(self, term: str, df: int) -> None:
        self._df[term] = df


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
    if isinstance(node, Folder):
        return wq.Every(), False  # no folder field: every document, then document_holds decides
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
