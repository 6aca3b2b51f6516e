"""The seam every search engine implements (tantivy, Whoosh, later SphinxQL): what it indexes, what it answers.

A backend indexes documents paragraph by paragraph and answers a parsed query (query.py) with one page
of hit references, exact totals and facets over the whole result. It never reads the archive and never
makes snippets: the catalogue holds the text, and the facade (index.py) turns hit references into hits
with snippets and match offsets. Which documents the backend holds is tracked by the catalogue
(maintenance.py), so `update` only has to be idempotent per document id and crash-safe per call.

Semantics every backend must equal (the conformance suite checks them against brute force):
- A text condition holds for a paragraph whose folded text contains the folded term as a substring;
  title:, author:, kind:, year: hold for the paragraph's document; section: for the paragraph's section.
- A query with no positive text term selects documents (evaluated on the document as a whole); the
  document's first paragraph (index 0) stands for it; documents without paragraphs never match.
- Hits are grouped by document: documents ranked (relevance: score; year: newest first, then score),
  each document's hits consecutive and in reading order. `offset`/`limit` page over that order.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path
from typing import Protocol

from viewer.core.documents import Document
from viewer.core.progress import CancelCheck, Progress
from viewer.core.search.query import Node

SORTS = ("relevance", "year")


class IndexState(StrEnum):
    """An index's state (Health.state)."""

    READY = "ready"
    MISSING = "missing"
    CORRUPT = "corrupt"
    SCHEMA_CHANGED = "schema-changed"
    BUSY = "busy"  # another process holds the write lock: not judged, not rebuilt; try again


STATE_READY: str = IndexState.READY
STATE_MISSING: str = IndexState.MISSING
STATE_CORRUPT: str = IndexState.CORRUPT
STATE_SCHEMA_CHANGED: str = IndexState.SCHEMA_CHANGED
STATE_BUSY: str = IndexState.BUSY
NEEDS_REBUILD = (STATE_MISSING, STATE_CORRUPT, STATE_SCHEMA_CHANGED)


@dataclass(frozen=True)
class Health:
    """Whether an index can be served, and if not, why (for the log and the status line)."""

    state: str
    problem: str = ""

    @property
    def ready(self) -> bool:
        return self.state == STATE_READY


@dataclass(frozen=True)
class HitRef:
    """One matching paragraph: its document, its index in the document's paragraph list, a score."""

    doc_id: str
    paragraph: int
    score: float


@dataclass
class Page:
    """One page of a result: hit references in result order, exact totals, facets over every hit."""

    hits: list[HitRef] = field(default_factory=list)
    total_hits: int = 0
    total_documents: int = 0
    # {"kind": {kind: documents}, "year": {"2015": documents}, "folder": {"a/b": documents}}:
    # matching documents per value, kinds and folders most common first, years newest first.
    facets: dict[str, dict[str, int]] = field(default_factory=lambda: {"kind": {}, "year": {}, "folder": {}})
    # Why the result may lack hits (a shard of a search cluster that did not answer); "" when whole.
    incomplete: str = ""


class SearchBackend(Protocol):
    """An open index of one archive in its own directory. Searches may run on many threads at once,
    also while another thread runs `update`; they see the index before or after a commit, never between."""

    name: str

    @property
    def health(self) -> Health:
        """The state found on open or by the last check(); never changed by a failing search."""

    @property
    def identity(self) -> str:
        """A token that changes whenever the index is created anew ("" when there is none)."""

    def check(self) -> Health:
        """The full integrity check (checksums of every file); the only thing that declares damage.

        Damage found is recorded on disk, so the next open reports it too until the index is rebuilt."""

    def update(
        self,
        upserts: Iterable[Document],
        removed: Iterable[str],
        *,
        reset: bool = False,
        progress: Progress,
        cancelled: CancelCheck,
        total: int = 0,
    ) -> None:
        """Add or replace `upserts` and delete the documents in `removed`, in one atomic commit.

        `reset` starts from an empty index (a rebuild: new identity; the old index stays live until the
        new one is complete). Raises Cancelled with the index as it was before the call."""

    def search(self, tree: Node, *, offset: int = 0, limit: int | None = 20, sort: str = "relevance") -> Page:
        """The hits at [offset, offset + limit) of the whole result (limit None: all of them)."""

    def close(self) -> None:
        """Release files and memory; the object is not used afterwards."""


def engine_dir(index_dir: Path, name: str) -> Path:
    """Where an engine keeps its files inside an archive's index directory."""
    return index_dir / name
