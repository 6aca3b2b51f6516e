"""SearchIndex: open (never failing), update (incremental, crash-safe), search, close."""

from __future__ import annotations

import logging
import os
import threading
import time
from pathlib import Path
from typing import Any

from whoosh import index as whoosh_index

from viewer.core.progress import CancelCheck, Progress, never, no_progress
from viewer.core.search import indexer
from viewer.core.search.corpus import Corpus
from viewer.core.search.indexer import UpdateStats
from viewer.core.search.query import parse_query
from viewer.core.search.schema import FIELD_NAMES, SCHEMA_VERSION
from viewer.core.search.searcher import SearchResults, run_search
from viewer.errors import IndexCorrupt, UsageError, ViewerError

logger = logging.getLogger(__name__)

STATE_READY = "ready"
STATE_MISSING = "missing"
STATE_CORRUPT = "corrupt"
STATE_SCHEMA_CHANGED = "schema-changed"
STATE_STALE = "stale"  # readable, but the archive has changed since (see needs_update)
SORTS = ("relevance", "year")


class SearchIndex:
    """The search index of one archive, in its own directory under the user data dir."""

    def __init__(self, index_dir: Path) -> None:
        self.index_dir = Path(index_dir)
        self.state = STATE_MISSING
        self.problem = ""  # why the index is not ready, for logs and the GUI's status line
        self._gen: Path | None = None
        self._ix: Any = None
        self._searcher: Any = None
        self._corpus: Corpus | None = None
        self._lock = threading.Lock()

    # ------------------------------------------------------------ opening

    @classmethod
    def open(cls, index_dir: Path) -> SearchIndex:
        """Open the index; a missing, corrupt or outdated index is noted (needs_rebuild), not raised."""
        index = cls(index_dir)
        index._load()
        return index

    @property
    def needs_rebuild(self) -> bool:
        return self.state in (STATE_MISSING, STATE_CORRUPT, STATE_SCHEMA_CHANGED)

    @property
    def document_count(self) -> int:
        return len(self._corpus.metas) if self._corpus else 0

    def indexed(self) -> dict[str, dict[str, Any]]:
        """What the index holds, by document id: source, title, kind, year, size, mtime, sha256."""
        if self._corpus is None:
            return {}
        keys = ("source", "title", "kind", "year", "size", "mtime", "sha256", "text_hash")
        return {self._corpus.doc_ids[d]: {k: m[k] for k in keys} for d, m in self._corpus.metas.items()}

    def _load(self) -> None:
        self._release()
        gen = indexer.current_generation(self.index_dir)
        if gen is None or not gen.is_dir():
            self._set_state(STATE_MISSING, "no index yet")
            return
        try:
            manifest = indexer.read_manifest(gen)
        except (OSError, ValueError) as exc:
            self._set_state(STATE_CORRUPT, f"unreadable manifest ({exc})")
            return
        if manifest.get("schema_version") != SCHEMA_VERSION:
            self._set_state(
                STATE_SCHEMA_CHANGED,
                f"index schema {manifest.get('schema_version')}, this version needs {SCHEMA_VERSION}",
            )
            return
        try:
            ix = whoosh_index.open_dir(os.fspath(gen / indexer.WHOOSH_DIR))
            if set(ix.schema.names()) != FIELD_NAMES:
                self._set_state(STATE_SCHEMA_CHANGED, "index fields differ from this version's")
                return
            indexer.check_files(gen, ix)
            searcher = ix.searcher()
            corpus = Corpus(searcher.reader(), searcher)
            corpus.check()
        except Exception as exc:  # any failure to read the index means: rebuild it
            logger.warning("Search index at %s is unreadable: %s", gen, exc, exc_info=True)
            self._set_state(STATE_CORRUPT, f"{type(exc).__name__}: {exc}")
            return
        self._gen, self._ix, self._searcher, self._corpus = gen, ix, searcher, corpus
        self._set_state(STATE_READY, "")

    def _set_state(self, state: str, problem: str) -> None:
        self.state, self.problem = state, problem
        if problem:
            logger.info("Search index %s: %s (%s)", self.index_dir, state, problem)

    def _release(self) -> None:
        if self._searcher is not None:
            try:
                self._searcher.close()
            except Exception:  # closing a damaged index must not hide the real problem
                logger.debug("Closing the searcher failed", exc_info=True)
        self._gen = self._ix = self._searcher = self._corpus = None

    def close(self) -> None:
        self._release()

    def __enter__(self) -> SearchIndex:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # ------------------------------------------------------------ updating

    def needs_update(self, archive_root: Path) -> bool:
        """A quick check without reading any file: are the archive's files (name, size, mtime) the
        ones indexed? True also when the index needs a rebuild. Sets state to "stale" if not."""
        if self.needs_rebuild or self._corpus is None:
            return True
        from viewer.core.ingest import scan_archive

        try:
            files, _problems = scan_archive(Path(archive_root))
        except Exception:
            return True
        indexed = {m["source"]: (m["size"], m["mtime"]) for m in self._corpus.metas.values()}
        if len(files) != len(indexed):
            self.state = STATE_STALE
            return True
        for source in files:
            try:
                st = os.stat(source.path)
            except OSError:
                self.state = STATE_STALE
                return True
            if indexed.get(source.source) != (st.st_size, st.st_mtime):
                self.state = STATE_STALE
                return True
        return False

    def update(
        self,
        archive: Any,
        progress: Progress = no_progress,
        cancelled: CancelCheck = never,
        rebuild: bool = False,
    ) -> UpdateStats:
        """Bring the index up to date with an ingested archive (viewer.core.ingest.Archive).

        Incremental unless the index needs a rebuild or `rebuild` is set. Raises Cancelled when
        `cancelled()` turns true; the index on disk is then as it was before.
        """
        started = time.perf_counter()
        with self._lock, indexer.write_lock(self.index_dir):
            # Damage found while searching is not visible to the checks on open: keep that verdict.
            damaged = self.state == STATE_CORRUPT
            self._load()  # another process may have changed it since we opened it
            documents = list(archive.documents)
            if rebuild or damaged or self.needs_rebuild:
                previous = self.state
                self._release()
                indexer.rebuild(
                    self.index_dir, documents, Path(archive.root), progress=progress, cancelled=cancelled
                )
                stats = UpdateStats(added=len(documents), rebuilt=True)
                logger.info("Rebuilt the search index (%s): %d documents", previous, len(documents))
            else:
                assert self._corpus is not None and self._gen is not None
                stored = {self._corpus.doc_ids[d]: m for d, m in self._corpus.metas.items()}
                stats = indexer.incremental(
                    self._gen, self._ix, stored, documents, progress=progress, cancelled=cancelled
                )
            if stats.changed or self.state != STATE_READY:
                self._load()
            else:
                self.state = STATE_READY
        if self.needs_rebuild:
            raise IndexCorrupt(f"The new search index cannot be read back ({self.problem})")
        stats.seconds = time.perf_counter() - started
        return stats

    # ------------------------------------------------------------ searching

    def search(self, query: str, *, limit: int | None = 200, sort: str = "relevance") -> SearchResults:
        """Run a query; raises QuerySyntaxError (with a message for the user) on bad syntax."""
        if sort not in SORTS:
            raise UsageError(f"Unknown sort '{sort}' (use {' or '.join(SORTS)})")
        tree = parse_query(query)
        if self._corpus is None:
            return SearchResults(
                query, 0, 0, {"kind": {}, "year": {}}, explanation="The search index has not been built yet."
            )
        try:
            return run_search(self._corpus, query, tree, limit=limit, sort=sort)
        except ViewerError:
            raise
        except Exception as exc:  # Whoosh reports damaged postings with plain Exception, among others
            logger.exception("Search failed on index %s", self._gen)
            self._release()
            self._set_state(STATE_CORRUPT, f"{type(exc).__name__}: {exc}")
            raise IndexCorrupt("The search index is damaged; it will be rebuilt.") from exc
