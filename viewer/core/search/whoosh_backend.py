"""The fallback search engine: Whoosh (pure Python), where no tantivy wheel exists.

It adapts the Whoosh index of indexer.py, corpus.py and searcher.py (one Whoosh document per archive
document: candidate characters plus the folded text, decided exactly by matching.py) to the backend
interface: `search` evaluates every match (searcher.evaluate), then lists the paragraphs of the
documents on the page only. A Whoosh searcher is not thread-safe, so searches take turns (a lock).
"""

from __future__ import annotations

import contextlib
import logging
import os
import threading
from collections import Counter
from collections.abc import Iterable, Sized
from pathlib import Path
from typing import Any

from whoosh import index as whoosh_index

from viewer.core.atomic import atomic_write_text
from viewer.core.documents import Document
from viewer.core.progress import CancelCheck, Progress
from viewer.core.search import indexer
from viewer.core.search import whoosh_fixes as _whoosh_fixes  # noqa: F401 (patches Whoosh once)
from viewer.core.search.backend import (
    SORTS,
    STATE_CORRUPT,
    STATE_MISSING,
    STATE_READY,
    STATE_SCHEMA_CHANGED,
    Health,
    HitRef,
    Page,
)
from viewer.core.search.corpus import Corpus
from viewer.core.search.engines import facets, folder_of
from viewer.core.search.indexer import IndexBusy
from viewer.core.search.query import Node
from viewer.core.search.schema import FIELD_NAMES, SCHEMA_VERSION
from viewer.core.search.searcher import evaluate
from viewer.errors import IndexCorrupt, UsageError, ViewerError, message

logger = logging.getLogger(__name__)

DAMAGED_FILE = "DAMAGED"


class _Open:
    """One opened generation: the Whoosh index, its searcher and the corpus read from it."""

    def __init__(self, gen: Path, ix: Any, searcher: Any, corpus: Corpus) -> None:
        self.gen, self.ix, self.searcher, self.corpus = gen, ix, searcher, corpus

    def close(self) -> None:
        try:
            self.searcher.close()
        except Exception:  # closing a damaged index must not hide the real problem
            logger.debug("Closing the Whoosh searcher failed", exc_info=True)


class WhooshBackend:
    """The Whoosh index of one archive; searches run one at a time, also during an update."""

    name = "whoosh"

    def __init__(self, directory: Path) -> None:
        self.directory = Path(directory)
        self._health = Health(STATE_MISSING, message("not opened"))
        self._identity = ""
        self._open: _Open | None = None
        self._search_lock = threading.Lock()
        self._update_lock = threading.Lock()

    @classmethod
    def open(cls, directory: Path) -> WhooshBackend:
        """Open the index; damage, absence or an old schema are noted in `health`, never raised."""
        backend = cls(directory)
        backend._load(full=True)  # every file against its checksum: ~0.5 s a GB, damage never served
        return backend

    @property
    def health(self) -> Health:
        return self._health

    @property
    def identity(self) -> str:
        return self._identity

    @property
    def _corpus(self) -> Corpus | None:
        """The open snapshot's corpus (tests inspect its text cache)."""
        return None if self._open is None else self._open.corpus

    # ------------------------------------------------------------ opening and checking

    def _load(self, *, full: bool) -> None:
        """(Re)open the live generation; a damage verdict is taken under the write lock."""
        problem = self._try_load(full=full)
        if problem:
            try:
                with indexer.write_lock(self.directory, timeout=10.0):
                    problem = self._try_load(full=full)  # a writer elsewhere may just have committed
                    if problem:
                        with contextlib.suppress(OSError):
                            atomic_write_text(self.directory / DAMAGED_FILE, problem + "\n")
            except IndexBusy:
                logger.info("Index %s is being updated elsewhere; not judging damage now", self.directory)
        if problem:
            self._set(STATE_CORRUPT, problem)

    def _try_load(self, *, full: bool) -> str:
        """Open the live generation; return a damage problem ("" when none: else health is set)."""
        try:
            damaged = (self.directory / DAMAGED_FILE).read_text(encoding="utf-8", errors="replace")
        except FileNotFoundError:
            pass
        except OSError as exc:
            return f"the damage marker is unreadable ({exc})"
        else:
            self._set(STATE_CORRUPT, message("damaged earlier: {problem}", problem=damaged.strip()))
            return ""
        gen = indexer.current_generation(self.directory)
        if gen is None or not gen.is_dir():
            self._set(STATE_MISSING, message("no index yet"))
            return ""
        try:
            manifest = indexer.read_manifest(gen)
        except (OSError, ValueError) as exc:
            self._release()
            return f"unreadable manifest ({exc})"
        if manifest.get("schema_version") != SCHEMA_VERSION or not manifest.get("identity"):
            self._set(
                STATE_SCHEMA_CHANGED,
                f"index schema {manifest.get('schema_version')}, this version needs {SCHEMA_VERSION}",
            )
            return ""
        try:
            ix = whoosh_index.open_dir(os.fspath(gen / indexer.WHOOSH_DIR))
            if set(ix.schema.names()) != FIELD_NAMES:
                self._set(STATE_SCHEMA_CHANGED, message("index fields differ from this version's"))
                return ""
            indexer.check_files(gen, ix, full=full)
            searcher = ix.searcher()
            corpus = Corpus(searcher.reader(), searcher)
            corpus.check()
        except Exception as exc:  # any failure to read the index means: rebuild it
            logger.warning("Search index at %s is unreadable: %s", gen, exc)
            logger.debug("Details", exc_info=True)
            self._release()
            return f"{type(exc).__name__}: {exc}"
        previous, self._open = self._open, _Open(gen, ix, searcher, corpus)
        if previous is not None:
            with self._search_lock:
                previous.close()
        self._identity = str(manifest["identity"])
        self._set(STATE_READY, "")
        return ""

    def _set(self, state: str, problem: str) -> None:
        if state != STATE_READY:
            self._release()
        self._health = Health(state, problem)
        if problem:
            logger.info("Search index %s: %s (%s)", self.directory, state, problem)

    def _release(self) -> None:
        previous, self._open = self._open, None
        self._identity = ""
        if previous is not None:
            with self._search_lock:
                previous.close()

    def check(self) -> Health:
        """The full check: every file's size and CRC-32, then a read of the last document's texts."""
        if not self.directory.is_dir():
            self._set(STATE_MISSING, message("no index yet"))
            return self._health
        try:
            with self._update_lock, indexer.write_lock(self.directory, timeout=10.0):
                problem = self._try_load(full=True)
                if problem:
                    with contextlib.suppress(OSError):
                        atomic_write_text(self.directory / DAMAGED_FILE, problem + "\n")
                    self._set(STATE_CORRUPT, problem)
        except IndexBusy:
            logger.info("Index %s is being updated elsewhere; checked nothing", self.directory)
        return self._health

    def close(self) -> None:
        self._release()

    # ------------------------------------------------------------ updating

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
        """Add or replace `upserts`, delete `removed`, in one commit (see backend.SearchBackend)."""
        if not total and isinstance(upserts, Sized):
            total = len(upserts)
        with self._update_lock, indexer.write_lock(self.directory):
            current = self._open
            if not reset and (current is None or current.gen != indexer.current_generation(self.directory)):
                self._try_load(full=False)  # another process may have changed it since
                current = self._open
            if reset or self._health.state == STATE_MISSING:
                indexer.rebuild(self.directory, upserts, progress=progress, cancelled=cancelled, total=total)
                with contextlib.suppress(FileNotFoundError):
                    (self.directory / DAMAGED_FILE).unlink()
            else:
                if current is None or not self._health.ready:
                    raise IndexCorrupt(f"The search index needs a rebuild ({self._health.problem})")
                indexer.apply_changes(
                    current.gen,
                    current.ix,
                    upserts,
                    removed,
                    progress=progress,
                    cancelled=cancelled,
                    total=total,
                )
            problem = self._try_load(full=False)
        if problem or not self._health.ready:
            raise IndexCorrupt(
                f"The new search index cannot be read back ({problem or self._health.problem})"
            )

    # ------------------------------------------------------------ searching

    def search(self, tree: Node, *, offset: int = 0, limit: int | None = 20, sort: str = "relevance") -> Page:
        """The hits at [offset, offset + limit) of the whole result (see backend.SearchBackend)."""
        if sort not in SORTS:
            raise UsageError(f"Unknown sort '{sort}' (use {' or '.join(SORTS)})")
        with self._search_lock:
            current = self._open
            if current is None:
                return Page()
            try:
                return _page(current.corpus, tree, max(0, offset), limit, sort)
            except ViewerError:
                raise
            except Exception as exc:  # Whoosh reports damaged postings with plain Exception, among others
                logger.warning("Search failed on index %s", current.gen)
                logger.debug("Details", exc_info=True)
                raise ViewerError(f"The search failed: {type(exc).__name__}: {exc}") from exc


def _page(corpus: Corpus, tree: Node, offset: int, limit: int | None, sort: str) -> Page:
    result = evaluate(corpus, tree, sort=sort)
    metas = corpus.metas
    page = Page(
        total_hits=sum(count for _, count in result.matched),
        total_documents=len(result.matched),
        facets=facets(
            Counter(metas[d]["kind"] for d, _ in result.matched),
            Counter(metas[d]["year"] for d, _ in result.matched),
            Counter(folder_of(metas[d]["source"]) for d, _ in result.matched),
        ),
    )
    end = None if limit is None else offset + limit
    seen = 0
    for docnum, count in result.matched:
        if end is not None and seen >= end:
            break
        start, stop = max(0, offset - seen), count if end is None else min(count, end - seen)
        if start < stop:
            doc_id, score = corpus.doc_ids[docnum], result.scores[docnum]
            indexes = result.paragraphs(corpus, docnum)[start:stop]
            page.hits.extend(HitRef(doc_id, index, score) for index in indexes)
        seen += count
    return page
