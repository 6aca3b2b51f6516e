"""SearchIndex: the one object the window and the CLI search through (a backend plus the catalogue).

The backend (tantivy, or the Whoosh fallback) answers a parsed query with hit references and exact
totals; the catalogue holds the text, from which this facade makes the snippets and the match offsets
in the paragraph's own script (folding is 1:1 per character, so folded offsets are original offsets).
"""

from __future__ import annotations

import logging
import threading
from bisect import bisect_right, insort
from collections import OrderedDict
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from viewer.core.catalogue import Catalogue
from viewer.core.documents import DocumentSummary
from viewer.core.folding import find_all, fold
from viewer.core.progress import CancelCheck, Progress, never, no_progress
from viewer.core.search.analysis import merge_spans
from viewer.core.search.backend import SORTS, STATE_READY, Health, SearchBackend, engine_dir
from viewer.core.search.maintenance import IndexStats, pending, update_index
from viewer.core.search.query import And, Folder, Kind, Node, Text, Year, parse_query, positive_terms
from viewer.core.search.results import UNDATED, Hit, SearchResults, make_snippet
from viewer.errors import UsageError, ViewerError, message

logger = logging.getLogger(__name__)


class IndexClosed(ViewerError):
    """A search asked of an index already closed (a newer one replaced it)."""


BLOCK_CACHE = 4096  # paragraph blocks kept for snippets (~2,000 characters each: ~16 MB at most)
MAX_LIMIT = 100_000  # one page at the most: "all hits" is paged through, never loaded at once


def with_undated(facets: dict[str, dict[str, int]], total_documents: int) -> dict[str, dict[str, int]]:
    """The facets with the matching documents that have no year as the year facet's last entry (UNDATED).

    A document has one year or none, so the dated ones are the sum of the year counts and the rest
    are undated; the entry is left out when there are none."""
    years = facets.get("year", {})
    undated = total_documents - sum(n for year, n in years.items() if year != UNDATED)
    if undated <= 0 or UNDATED in years:
        return facets
    return {**facets, "year": {**years, UNDATED: undated}}


def open_cluster_index(
    index_dir: Path, catalogue: Catalogue, servers: list[tuple[str, int]], engine: str = "tantivy"
) -> tuple[SearchIndex, str]:
    """The archive's index on a search cluster; when the cluster does not answer, the local index if
    there is a ready one, with a note saying so ("" otherwise). Raises ServerUnreachable without one."""
    from viewer.core.search.sphinxql_backend import ServerUnreachable

    try:
        return SearchIndex.open(index_dir, catalogue, servers=servers), ""
    except ServerUnreachable as exc:
        local = SearchIndex.open(index_dir, catalogue, engine)
        if local.ready and _matches(local):
            logger.warning("%s Searching the local index instead.", exc)
            return local, message("{error} Searching the local index instead.", error=exc.message)
        local.close()
        raise


def _matches(index: SearchIndex) -> bool:
    """Whether the index holds what its catalogue holds (the published catalogue may be newer)."""
    try:
        return not index.needs_update()
    except ViewerError:
        return False


class SearchIndex:
    """The search index of one archive: a backend in the archive's index directory, fed by its catalogue."""

    def __init__(self, backend: SearchBackend, catalogue: Catalogue) -> None:
        self.backend = backend
        self.catalogue = catalogue
        self._blocks: OrderedDict[tuple[str, int], list[tuple[str, int, str]]] = OrderedDict()
        self._block_starts: dict[str, list[int]] = {}  # per document, the starts of the cached blocks
        self._lock = threading.Lock()
        # close() waits for the searches in flight: the window installs a new index while a search
        # on the old one may still be running on another thread; the last one out closes it.
        self._users = 0
        self._closing = False

    @classmethod
    def open(
        cls,
        index_dir: Path,
        catalogue: Catalogue,
        engine: str = "tantivy",
        servers: list[tuple[str, int]] | None = None,
    ) -> SearchIndex:
        """Open the archive's index; a missing, damaged or outdated one is noted (health), not raised.

        With `servers`, the archive's index on that search cluster (ServerUnreachable if it does not answer)."""
        from viewer.core.search.engines import CLUSTER_ENGINE, available_engines, open_backend

        if servers:
            return cls(
                open_backend(CLUSTER_ENGINE, engine_dir(Path(index_dir), CLUSTER_ENGINE), servers), catalogue
            )
        if engine not in available_engines():
            logger.warning("The %s engine cannot run here; searching with Whoosh instead", engine)
            engine = "whoosh"
        backend = open_backend(engine, engine_dir(Path(index_dir), engine))
        return cls(backend, catalogue)

    @staticmethod
    def directory(index_dir: Path, engine: str) -> Path:
        return engine_dir(index_dir, engine)

    # ------------------------------------------------------------ state

    @property
    def engine(self) -> str:
        return self.backend.name

    @property
    def health(self) -> Health:
        return self.backend.health

    @property
    def state(self) -> str:
        return self.backend.health.state

    @property
    def problem(self) -> str:
        return self.backend.health.problem

    @property
    def ready(self) -> bool:
        return self.backend.health.state == STATE_READY

    def needs_update(self) -> bool:
        """Whether the catalogue holds documents (or versions of them) the index does not."""
        reset, upserts, removed = pending(self.catalogue, self.backend)
        return reset or bool(upserts or removed)

    def check(self) -> Health:
        """The backend's full integrity check (only this declares the index damaged)."""
        with self._in_use():
            return self.backend.check()

    def update(
        self, *, progress: Progress = no_progress, cancelled: CancelCheck = never, rebuild: bool = False
    ) -> IndexStats:
        """Bring the index up to date with the catalogue (a rebuild when asked, missing or damaged)."""
        stats = update_index(
            self.catalogue, self.backend, rebuild=rebuild, progress=progress, cancelled=cancelled
        )
        with self._lock:
            self._blocks.clear()
            self._block_starts.clear()
        return stats

    def close(self) -> None:
        """Close now, or when the last search in flight ends; searches after this raise IndexClosed."""
        with self._lock:
            if self._closing:
                return
            self._closing = True
            idle = self._users == 0
        if idle:
            self.backend.close()

    @contextmanager
    def _in_use(self) -> Iterator[None]:
        with self._lock:
            if self._closing:
                raise IndexClosed(message("The search index was closed (another one replaced it)."))
            self._users += 1
        try:
            yield
        finally:
            with self._lock:
                self._users -= 1
                last = self._closing and self._users == 0
            if last:
                self.backend.close()

    def __enter__(self) -> SearchIndex:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # ------------------------------------------------------------ searching

    def search(
        self, query: str, *, offset: int = 0, limit: int | None = 200, sort: str = "relevance"
    ) -> SearchResults:
        """One page of hits for a query; raises QuerySyntaxError (with a message for the user) on bad syntax."""
        with self._in_use():
            return self._search(query, offset=offset, limit=limit, sort=sort)

    def _search(self, query: str, *, offset: int, limit: int | None, sort: str) -> SearchResults:
        if sort not in SORTS:
            raise UsageError(f"Unknown sort '{sort}' (use {' or '.join(SORTS)})")
        if offset < 0 or (limit is not None and limit < 0):
            raise UsageError("offset and limit must be 0 or more")
        tree = parse_query(query)
        if not self.ready:
            return SearchResults(
                query,
                0,
                0,
                {"kind": {}, "year": {}, "folder": {}},
                explanation=message("The search index is not ready yet."),
            )
        page = self.backend.search(
            tree, offset=offset, limit=MAX_LIMIT if limit is None else min(limit, MAX_LIMIT), sort=sort
        )
        terms = [t.folded for t in positive_terms(tree)]
        facets = with_undated(page.facets, page.total_documents)
        results = SearchResults(
            query, page.total_hits, page.total_documents, facets, offset=offset, incomplete=page.incomplete
        )
        summaries: dict[str, DocumentSummary | None] = {}  # this page's documents, each read once
        for ref in page.hits:
            if ref.doc_id not in summaries:
                summaries[ref.doc_id] = self.catalogue.summary(ref.doc_id)
            hit = self._hit(summaries[ref.doc_id], ref.doc_id, ref.paragraph, ref.score, terms)
            if hit is not None:
                results.hits.append(hit)
        if not page.total_hits:
            results.explanation = self._explain(tree)
        return results

    def paragraph(self, doc_id: str, index: int) -> tuple[str, int, str] | None:
        """(id, ordinal, text) of one paragraph, from a cached block or one block read."""
        with self._lock:
            starts = self._block_starts.get(doc_id, [])
            at = bisect_right(starts, index) - 1
            if at >= 0:
                block = self._blocks.get((doc_id, starts[at]))
                if block is not None and index - starts[at] < len(block):
                    self._blocks.move_to_end((doc_id, starts[at]))
                    return block[index - starts[at]]
        start, block = self.catalogue.paragraph_block(doc_id, index)
        if not 0 <= index - start < len(block):
            return None
        with self._lock:
            if (doc_id, start) not in self._blocks:
                insort(self._block_starts.setdefault(doc_id, []), start)
            self._blocks[(doc_id, start)] = block
            while len(self._blocks) > BLOCK_CACHE:
                (old_doc, old_start), _ = self._blocks.popitem(last=False)
                self._block_starts[old_doc].remove(old_start)
        return block[index - start]

    def _hit(
        self, summary: DocumentSummary | None, doc_id: str, index: int, score: float, terms: list[str]
    ) -> Hit | None:
        paragraph = self.paragraph(doc_id, index) if summary is not None else None
        if summary is None or paragraph is None:
            logger.warning("Hit %s ¶%d is not in the catalogue (index out of step)", doc_id, index)
            return None
        pid, ordinal, text = paragraph
        folded = fold(text) if terms else ""
        spans = merge_spans([span for term in terms for span in find_all(term, folded)])
        snippet, snippet_spans = make_snippet(text, spans)
        return Hit(
            doc_id,
            summary.source,
            summary.title,
            summary.kind,
            summary.year,
            pid,
            ordinal,
            score,
            spans,
            snippet,
            snippet_spans,
        )

    def _documents_with(self, node: Node) -> int:
        return self.backend.search(node, offset=0, limit=0).total_documents

    def _explain(self, tree: Node) -> str:
        """Why nothing matched, when that can be said simply."""
        if not self.catalogue.document_count():
            return message("The index is empty: the archive has no documents.")
        terms = positive_terms(tree)
        for term in terms:
            if not self._documents_with(Text(term.raw, term.folded)):
                return message(
                    "“{term}” does not occur anywhere in the archive (in either script).", term=term.raw
                )
        items = tree.items if isinstance(tree, And) else (tree,)
        filters = [item for item in items if isinstance(item, Kind | Year | Folder)]
        if filters and not self._documents_with(And(tuple(filters)) if len(filters) > 1 else filters[0]):
            return message("No document matches the field filters.")
        if len(terms) > 1:
            return message("Each term occurs, but no paragraph satisfies the whole query.")
        return message("No paragraph satisfies the whole query.")
