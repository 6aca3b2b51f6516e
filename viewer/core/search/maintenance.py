"""Keeping a search backend in step with the catalogue: which documents to add, replace or delete.

The catalogue records, per engine, the identity of the index it fed and the text hash of every
document that index holds (Catalogue.indexed). An update sends the backend only the documents whose
hash differs, in one commit, and records them after the commit. A kill between the two leaves those
documents marked as not indexed, so the next update sends them again: backends replace by document
id, so sending twice is harmless. An index created anew (a rebuild, or one found missing or damaged)
has a new identity, which makes every document pending again.
"""

from __future__ import annotations

import logging
import time
from dataclasses import dataclass
from typing import Any

from viewer.core.catalogue import Catalogue
from viewer.core.progress import CancelCheck, Progress, never, no_progress, stats_json
from viewer.core.search.backend import NEEDS_REBUILD, STATE_BUSY, STATE_CORRUPT, SearchBackend
from viewer.errors import ViewerError

logger = logging.getLogger(__name__)


@dataclass
class IndexStats:
    """What an index update did."""

    added: int = 0
    updated: int = 0
    removed: int = 0
    unchanged: int = 0
    rebuilt: bool = False
    seconds: float = 0.0

    @property
    def changed(self) -> bool:
        return bool(self.added or self.updated or self.removed or self.rebuilt)

    def to_json(self) -> dict[str, Any]:
        return stats_json(self)


def pending(
    catalogue: Catalogue, backend: SearchBackend, *, rebuild: bool = False
) -> tuple[bool, list[str], list[str]]:
    """(start anew?, documents to send, documents to delete) for bringing `backend` up to date."""
    if backend.health.state == STATE_BUSY:
        raise ViewerError(
            "The search index is being updated by another Archive Viewer process; try again soon."
        )
    hashes = catalogue.text_hashes()
    reset = (
        rebuild
        or backend.health.state in NEEDS_REBUILD
        or not backend.identity
        or catalogue.index_identity(backend.name) != backend.identity
    )
    indexed = {} if reset else catalogue.indexed(backend.name)
    upserts = sorted(d for d, h in hashes.items() if indexed.get(d) != h)
    removed = sorted(d for d in indexed if d not in hashes)
    return reset, upserts, removed


def update_index(
    catalogue: Catalogue,
    backend: SearchBackend,
    *,
    rebuild: bool = False,
    progress: Progress = no_progress,
    cancelled: CancelCheck = never,
) -> IndexStats:
    """Bring `backend` up to date with `catalogue`; raises Cancelled with the index as it was."""
    started = time.perf_counter()
    reset, upserts, removed = pending(catalogue, backend, rebuild=rebuild)
    previous = catalogue.indexed(backend.name) if not reset else {}
    stats = IndexStats(rebuilt=reset, removed=len(removed))
    stats.added = sum(1 for d in upserts if d not in previous)
    stats.updated = len(upserts) - stats.added
    stats.unchanged = catalogue.document_count_rows() - len(upserts)
    if reset or upserts or removed:
        if reset and backend.health.state == STATE_CORRUPT:  # said: the user should know why it takes long
            logger.warning("The search index is damaged (%s); building it anew", backend.health.problem)
        elif reset:
            logger.info("Building the %s index anew (%s)", backend.name, backend.health.problem or "rebuild")
        hashes = catalogue.text_hashes()
        backend.update(
            catalogue.documents(upserts),
            removed,
            reset=reset,
            progress=progress,
            cancelled=cancelled,
            total=len(upserts),
        )
        catalogue.set_indexed(
            backend.name,
            backend.identity,
            {d: hashes[d] for d in upserts if d in hashes},
            removed,
            reset=reset,
        )
    stats.seconds = time.perf_counter() - started
    return stats
