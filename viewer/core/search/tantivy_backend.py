"""The main search engine: tantivy (Rust), one index document per paragraph, one token per character.

Why one token per character, with positions: a hit is an exact substring of a paragraph's folded text
(schema.py says why), and with every character a token (whitespace and punctuation included) a term
of n characters is exactly a phrase of n consecutive tokens, so tantivy's phrase query decides it
with no verification against the text: nothing but postings is read, and no text is stored.
Section titles are tokenized the same way (the paragraph's own; all of a document's on its first
paragraph, joined by a control character that queries never contain, so no phrase spans two).

Why one document per paragraph: the whole boolean query then runs inside tantivy, per paragraph,
exactly as the query language defines it (query.py). Results are grouped by document: a terms
aggregation over `docnum` gives every matching document's paragraph count (exact totals), the
documents are ranked in Python from those counts and a per-document table (source, kind, year,
folded title and authors; read once per snapshot from the first paragraph's `key`), and only the
documents on the requested page have their paragraph indexes fetched. title: and author: are
answered from that table (as sets of documents): indexed with every paragraph, the title alone
doubled the index of the poetry corpus. tantivy refuses aggregations of more than 65 000 buckets,
so `docnum` is a small sequential number and larger archives are aggregated in ranges of it.

Measured (tests/perf/bench_backends.py, 2 shared cores): the poetry corpus (9.6 MB of text, 271 000
paragraphs) builds in ~2.8 s against ~3.4 s for SQLite FTS5 trigram on the same folded paragraphs,
into 12 MB (1.25x the text; FTS5 4.4x); at 100 MB (2.7 M paragraphs) 50 queries with limit 500 take
p50 ~6 ms, p95 ~14 ms, the cost being the aggregation's buckets (~0.5 us per matching document).

Crash safety and damage as in indexer.py: generations, a CURRENT pointer, an OS write lock; after
every commit a record of every file (size, CRC-32) is written, checked by size on open and by
checksum in check(). Damage found leaves a DAMAGED marker until a rebuild succeeds.
"""

from __future__ import annotations

import contextlib
import json
import logging
import os
import re
import shutil
import threading
import time
import uuid
from collections.abc import Iterable, Sized
from pathlib import Path
from typing import Any

import tantivy

from viewer.core.atomic import atomic_write_text, file_crc
from viewer.core.documents import Document
from viewer.core.folding import fold
from viewer.core.progress import CancelCheck, Progress
from viewer.core.search.backend import (
    SORTS,
    STATE_BUSY,
    STATE_CORRUPT,
    STATE_MISSING,
    STATE_READY,
    STATE_SCHEMA_CHANGED,
    Health,
    HitRef,
    Page,
)
from viewer.core.search.indexer import IndexBusy, write_lock
from viewer.core.search.query import And, FieldText, Folder, Kind, Node, Not, Or, Text, Year, positive_terms
from viewer.core.search.ranking import DocInfo, DocTable, document_set, field_documents, ordered_page, scores
from viewer.errors import Cancelled, IndexCorrupt, UsageError, ViewerError, message

logger = logging.getLogger(__name__)

# Bump when the fields, the tokenization or the folding change: the index is then rebuilt.
SCHEMA_VERSION = 1

CURRENT_FILE = "CURRENT"
MANIFEST_FILE = "manifest.json"
FILES_FILE = "files.json"
DAMAGED_FILE = "DAMAGED"
COMMITTING_FILE = "COMMITTING"  # in a generation while an update commits and records its files
TANTIVY_DIR = "tantivy"
_GENERATION_RE = re.compile(r"^g(\d+)$")
_SMALL_FILE = 64 * 1024  # files up to this size are checksummed on open too (meta.json, manifest)

TOKENIZER = "chars"
BUCKETS = 60_000  # documents per aggregation: tantivy aborts one of more than 65 000 buckets
WRITER_THREADS = 2
WRITER_HEAP = 128_000_000  # bytes per writer thread: fewer, larger segments, still modest memory

_SEP = "\x1f"  # joins authors / section titles / key parts: a control character, never in a query
_AUTHOR_SEP = "\x1e"
_SURROGATES = re.compile("[\ud800-\udfff]")
_KEY_UNSAFE = str.maketrans({_SEP: "\x00", _AUTHOR_SEP: "\x00"})


def _clean(text: str) -> str:
    """Text tantivy can take: lone surrogates (from undecodable bytes) become U+FFFD."""
    return text if text.isascii() else _SURROGATES.sub("\ufffd", text)


_CHAR_FIELDS = ("text", "section", "doc_sections")  # one token per character
_RAW_FIELDS = ("doc_id", "kind", "folder")  # one token per value


def _schema() -> tantivy.Schema:
    builder = tantivy.SchemaBuilder()
    for name in _CHAR_FIELDS:
        builder.add_text_field(name, tokenizer_name=TOKENIZER, index_option="position")
    for name in _RAW_FIELDS:
        builder.add_text_field(name, tokenizer_name="raw", index_option="basic")
    builder.add_text_field("key", fast=True, tokenizer_name="raw", index_option="basic")
    builder.add_unsigned_field("docnum", indexed=True, fast=True)
    builder.add_unsigned_field("para", indexed=True, fast=True)
    builder.add_integer_field("year", fast=True)  # range queries run on the fast field
    return builder.build()


SCHEMA = _schema()
FIELD_NAMES = frozenset((*_CHAR_FIELDS, *_RAW_FIELDS, "key", "docnum", "para", "year"))


def _analyzer() -> tantivy.TextAnalyzer:
    """Every character one token, in order (regex `.` with DOTALL: whitespace and newlines too)."""
    return tantivy.TextAnalyzerBuilder(tantivy.Tokenizer.regex(r"(?s).")).build()


# ---------------------------------------------------------------- per-document table


def _key(num: int, doc: Document, title: str, authors: list[str]) -> str:
    if _SEP in doc.id or _AUTHOR_SEP in doc.id:
        raise ValueError(f"document id {doc.id!r} holds a control character")
    parts = [
        str(num),
        doc.id,
        "" if doc.year is None else str(int(doc.year)),
        doc.kind.translate(_KEY_UNSAFE),
        str(len(doc.paragraphs)),
        _clean(doc.source).translate(_KEY_UNSAFE),
        title.translate(_KEY_UNSAFE),
        _AUTHOR_SEP.join(a.translate(_KEY_UNSAFE) for a in authors),
    ]
    return _SEP.join(parts)


def _parse_key(key: str) -> tuple[int, DocInfo]:
    num, doc_id, year, kind, paragraphs, source, title, authors = key.split(_SEP)
    return int(num), DocInfo(
        doc_id,
        source,
        int(year) if year else None,
        kind,
        int(paragraphs),
        title,
        tuple(authors.split(_AUTHOR_SEP)) if authors else (),
    )


# ---------------------------------------------------------------- queries


def _char_query(field: str, folded: str) -> tantivy.Query:
    """Exact substring: one character is a term, more are a phrase of consecutive characters."""
    folded = _clean(folded)
    if len(folded) == 1:
        return tantivy.Query.term_query(SCHEMA, field, folded)
    return tantivy.Query.phrase_query(SCHEMA, field, list(folded))


def _all_but(query: tantivy.Query) -> tantivy.Query:
    return tantivy.Query.boolean_query(
        [(tantivy.Occur.Must, tantivy.Query.all_query()), (tantivy.Occur.MustNot, query)]
    )


def _and(*queries: tantivy.Query) -> tantivy.Query:
    return tantivy.Query.boolean_query([(tantivy.Occur.Must, q) for q in queries])


def _year_query(node: Year) -> tantivy.Query:
    return tantivy.Query.range_query(SCHEMA, "year", tantivy.FieldType.Integer, node.low, node.high)


def _paragraph_query(node: Node, docs: dict[int, DocInfo]) -> tantivy.Query:
    """The query on paragraphs, as query.py defines it (And: Must, Or: Should, Not: MustNot).

    title: and author: become the set of documents whose title / an author holds the value, from
    the document table: indexing them with every paragraph doubled the index of the poetry corpus
    (2.9 M title characters beside 3.2 M of text)."""
    if isinstance(node, Text):
        return _char_query("text", node.folded)
    if isinstance(node, FieldText):
        if node.field == "section":
            return _char_query("section", node.folded)
        return _documents_query(field_documents(node, docs), docs)
    if isinstance(node, Kind):
        return tantivy.Query.term_query(SCHEMA, "kind", node.kind)
    if isinstance(node, Year):
        return _year_query(node)
    if isinstance(node, Folder):
        return _documents_query({n for n, d in docs.items() if node.holds(d.source)}, docs)
    if isinstance(node, Not):
        return _all_but(_paragraph_query(node.item, docs))
    if isinstance(node, And):
        clauses = [
            (tantivy.Occur.MustNot, _paragraph_query(item.item, docs))
            if isinstance(item, Not)
            else (tantivy.Occur.Must, _paragraph_query(item, docs))
            for item in node.items
        ]
        if all(occur == tantivy.Occur.MustNot for occur, _ in clauses):
            clauses.append((tantivy.Occur.Must, tantivy.Query.all_query()))  # MustNot alone matches nothing
        return tantivy.Query.boolean_query(clauses)
    if isinstance(node, Or):
        return tantivy.Query.boolean_query(
            [(tantivy.Occur.Should, _paragraph_query(item, docs)) for item in node.items]
        )
    raise TypeError(node)


def _documents_query(numbers: set[int], docs: dict[int, DocInfo]) -> tantivy.Query:
    """The paragraphs of these documents (a set larger than half the archive: by its complement)."""
    if len(numbers) * 2 <= len(docs):
        if not numbers:
            return tantivy.Query.empty_query()
        return tantivy.Query.term_set_query(SCHEMA, "docnum", sorted(numbers))
    others = set(docs) - numbers
    if not others:
        return tantivy.Query.all_query()
    return _all_but(tantivy.Query.term_set_query(SCHEMA, "docnum", sorted(others)))


# ---------------------------------------------------------------- snapshot


class _Snapshot:
    """One committed state of the index as searches see it, with what is derived from it once."""

    def __init__(self, searcher: tantivy.Searcher) -> None:
        self.searcher = searcher
        self.paragraphs: int = searcher.num_docs
        self._lock = threading.Lock()
        self._table: DocTable | None = None
        self._ranges: list[tantivy.Query | None] = [None]
        self._df: dict[str, int] = {}

    def table(self) -> DocTable:
        """The documents, read on first use (one aggregation per BUCKETS documents)."""
        table = self._table
        if table is not None:
            return table
        with self._lock:
            if self._table is None:
                first = tantivy.Query.term_query(SCHEMA, "para", 0)
                found = self.searcher.aggregate(first, {"m": {"max": {"field": "docnum"}}})
                top = found["m"]["value"]
                top = -1 if top is None else int(top)
                if top >= BUCKETS:
                    self._ranges = [
                        tantivy.Query.range_query(
                            SCHEMA, "docnum", tantivy.FieldType.Unsigned, low, low + BUCKETS - 1
                        )
                        for low in range(0, top + 1, BUCKETS)
                    ]
                docs: dict[int, DocInfo] = {}
                for key in self._terms(first, "key"):
                    num, doc = _parse_key(str(key))
                    docs[num] = doc
                self._table = DocTable(docs, self.paragraphs)
            return self._table

    def _terms(self, query: tantivy.Query, field: str) -> dict[Any, int]:
        """Matching paragraphs per value of `field` (a terms aggregation per range of docnums)."""
        counts: dict[Any, int] = {}
        spec = {"t": {"terms": {"field": field, "size": BUCKETS, "segment_size": BUCKETS}}}
        for part in self._ranges:
            scoped = query if part is None else _and(query, part)
            found = self.searcher.aggregate(scoped, spec)["t"]
            if found.get("sum_other_doc_count"):
                raise RuntimeError("an aggregation left documents out")
            counts.update({bucket["key"]: bucket["doc_count"] for bucket in found["buckets"]})
        return counts

    def counts(self, query: tantivy.Query) -> dict[int, int]:
        """docnum -> number of matching paragraphs, for every document with a match."""
        self.table()  # sets the ranges
        return self._terms(query, "docnum")

    def containing(self, field: str, folded: str) -> set[int]:
        """The documents with a paragraph ("text") or a section title ("section") holding `folded`."""
        return set(self.counts(_char_query("text" if field == "text" else "doc_sections", folded)))

    def paragraph_frequency(self, term: str) -> int:
        """How many paragraphs hold `term` (for its idf)."""
        df = self._df.get(term)
        if df is None:
            # Counted, not doc_freq: that counts deleted paragraphs until a merge drops them,
            # and the ranking would then depend on the history of updates.
            found = self.searcher.search(_char_query("text", term), limit=1, count=True)
            df = int(getattr(found, "count", 0) or 0)
            self._df[term] = df
        return df


# ---------------------------------------------------------------- files on disk


def current_generation(directory: Path) -> Path | None:
    try:
        name = (directory / CURRENT_FILE).read_text(encoding="utf-8").strip()
    except (OSError, UnicodeDecodeError):
        return None
    return directory / name if _GENERATION_RE.match(name) else None


def _new_generation(directory: Path) -> Path:
    numbers = [int(m.group(1)) for p in directory.iterdir() if (m := _GENERATION_RE.match(p.name))]
    gen = directory / f"g{max(numbers, default=0) + 1}"
    gen.mkdir()
    return gen


def _index_files(gen: Path) -> list[str]:
    """Every file that makes up the generation's committed data: the manifest, meta.json and the files
    of the segments meta.json lists.

    Not tantivy's lock files (empty), nor .managed.json (its list of the files it may delete,
    rewritten by an update that is rolled back), nor the files of an unfinished commit."""
    names = [MANIFEST_FILE, f"{TANTIVY_DIR}/meta.json"]
    try:
        meta = json.loads((gen / TANTIVY_DIR / "meta.json").read_text(encoding="utf-8"))
        live = {str(s["segment_id"]).replace("-", "") for s in meta["segments"]}
    except (OSError, ValueError, KeyError, TypeError):
        return names  # _verify then says what is wrong with meta.json
    for name in sorted(os.listdir(gen / TANTIVY_DIR)):
        if name.split(".")[0] in live:
            names.append(f"{TANTIVY_DIR}/{name}")
    return names


_SEGMENT_FILE_RE = re.compile(r"^([0-9a-f]{32})\.(?:(\d+)\.del|[a-z]+)$")


def _remove_debris(folder: Path) -> None:
    """Delete the segment and delete-set files of an update that was killed before its commit (no
    commit in meta.json refers to them): tantivy's next writer picks the same names and fails with
    FileAlreadyExists otherwise. Called under the write lock; readers never open such files."""
    try:
        meta = json.loads((folder / "meta.json").read_text(encoding="utf-8"))
        live: dict[str, int | None] = {}
        for segment in meta["segments"]:
            deletes = segment.get("deletes")
            live[str(segment["segment_id"]).replace("-", "")] = int(deletes["opstamp"]) if deletes else None
    except (OSError, ValueError, KeyError, TypeError):
        return  # the checks on open judge a meta.json that cannot be read
    for name in os.listdir(folder):
        match = _SEGMENT_FILE_RE.match(name)
        if match is None:
            continue
        segment, opstamp = match.group(1), match.group(2)
        if segment in live and (opstamp is None or int(opstamp) == live[segment]):
            continue
        with contextlib.suppress(OSError):
            (folder / name).unlink()
            logger.info("Removed %s, left by an update that did not commit", name)


def _record_files(gen: Path) -> None:
    """Remember size and CRC-32 of every file of the last commit: damage is noticed against this.

    Segment files never change once written, so a file recorded before with the same size keeps its
    checksum: an update of one document reads only what it wrote, not the whole index."""
    try:
        known = json.loads((gen / FILES_FILE).read_text(encoding="utf-8"))["files"]
    except (OSError, ValueError, KeyError, TypeError):
        known = {}
    files = {}
    for name in _index_files(gen):
        path = gen / name
        size = path.stat().st_size
        old = known.get(name)
        reuse = isinstance(old, list) and len(old) == 2 and old[0] == size and not name.endswith(".json")
        files[name] = [size, old[1] if reuse else file_crc(path)]
    atomic_write_text(gen / FILES_FILE, json.dumps({"files": files}))


def _verify(gen: Path, *, full: bool) -> str:
    """What is wrong with the generation's files ("" when nothing): sizes always, checksums if full."""
    try:
        data = json.loads((gen / FILES_FILE).read_text(encoding="utf-8"))
        files = {str(k): (int(v[0]), int(v[1])) for k, v in data["files"].items()}
    except (OSError, ValueError, KeyError, TypeError, IndexError, AttributeError) as exc:
        return f"the record of the index files is unreadable ({exc})"
    if MANIFEST_FILE not in files or f"{TANTIVY_DIR}/meta.json" not in files:
        return "the record of the index files is incomplete"
    for name, (size, crc) in files.items():
        path = gen / name
        try:
            actual = path.stat().st_size
        except OSError:
            return message("index file {name} is missing", name=name)
        if actual != size:
            return f"index file {name} has {actual} bytes, expected {size}"
        if (full or size <= _SMALL_FILE) and file_crc(path) != crc:
            return message("index file {name} is damaged (checksum)", name=name)
    if full:
        try:
            meta = json.loads((gen / TANTIVY_DIR / "meta.json").read_text(encoding="utf-8"))
            segments = [str(s["segment_id"]).replace("-", "") for s in meta["segments"]]
        except (OSError, ValueError, KeyError, TypeError) as exc:
            return f"tantivy's meta.json is unreadable ({exc})"
        recorded = {name.rpartition("/")[2].split(".")[0] for name in files}
        for segment in segments:
            if segment not in recorded:
                return f"segment {segment} has no recorded files"
    return ""


# ---------------------------------------------------------------- the backend


class TantivyBackend:
    """The tantivy index of one archive (see the module docstring); many threads may search at once."""

    name = "tantivy"

    def __init__(self, directory: Path) -> None:
        self.directory = Path(directory)
        self._health = Health(STATE_MISSING, message("not opened"))
        self._identity = ""
        self._gen: Path | None = None
        self._index: tantivy.Index | None = None
        self._snapshot: _Snapshot | None = None
        self._update_lock = threading.Lock()

    @classmethod
    def open(cls, directory: Path) -> TantivyBackend:
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

    # ------------------------------------------------------------ opening and checking

    def _load(self, *, full: bool) -> None:
        """(Re)read the live generation; a damage verdict is taken under the write lock."""
        problem = self._try_load(full=full)
        if problem:
            try:
                with write_lock(self.directory, timeout=10.0):
                    self._finish_interrupted_commit()
                    problem = self._try_load(full=full)  # a writer elsewhere may just have committed
                    if problem:
                        self._mark_damaged(problem)
            except IndexBusy:
                logger.info("Index %s is being updated elsewhere; not judging damage now", self.directory)
                self._set(STATE_BUSY, message("being updated by another Archive Viewer process"))
                return
        if problem:
            self._set(STATE_CORRUPT, problem)

    def _finish_interrupted_commit(self) -> None:
        """An update killed between tantivy's commit and the record of its files (the write lock is
        held, so no writer runs now): tantivy's commit is atomic, so record what it holds now, if
        tantivy opens it, instead of calling the index damaged and rebuilding it."""
        gen = current_generation(self.directory)
        if gen is None or not (gen / COMMITTING_FILE).exists():
            return
        try:
            index = tantivy.Index.open(os.fspath(gen / TANTIVY_DIR))
            index.register_tokenizer(TOKENIZER, _analyzer())
            index.searcher()
            del index
            _remove_debris(gen / TANTIVY_DIR)
            _record_files(gen)
        except Exception as exc:  # not openable: the checks that follow call it damaged
            logger.warning("An interrupted update left %s unreadable: %s", gen, exc)
            return
        with contextlib.suppress(OSError):
            (gen / COMMITTING_FILE).unlink()
        logger.info("Recorded the files of an update that was interrupted after its commit (%s)", gen)

    def _try_load(self, *, full: bool) -> str:
        """Load the live generation; return a damage problem ("" when none: else health is set).

        The loaded state is replaced only at the end, so searches running meanwhile keep theirs."""
        try:
            damaged = (self.directory / DAMAGED_FILE).read_text(encoding="utf-8", errors="replace")
        except FileNotFoundError:
            pass
        except OSError as exc:
            return f"the damage marker is unreadable ({exc})"
        else:
            self._set(STATE_CORRUPT, message("damaged earlier: {problem}", problem=damaged.strip()))
            return ""
        gen = current_generation(self.directory)
        if gen is None or not gen.is_dir():
            self._set(STATE_MISSING, message("no index yet"))
            return ""
        problem = _verify(gen, full=full)
        if problem:
            self._release()
            return problem
        try:
            manifest = json.loads((gen / MANIFEST_FILE).read_text(encoding="utf-8"))
            version, identity = manifest["schema_version"], str(manifest["identity"])
        except (OSError, ValueError, KeyError, TypeError) as exc:
            self._release()
            return f"unreadable manifest ({exc})"
        if version != SCHEMA_VERSION:
            self._set(
                STATE_SCHEMA_CHANGED,
                message(
                    "index schema {version}, this version needs {needed}",
                    version=version,
                    needed=SCHEMA_VERSION,
                ),
            )
            return ""
        try:
            meta = json.loads((gen / TANTIVY_DIR / "meta.json").read_text(encoding="utf-8"))
            if {field["name"] for field in meta["schema"]} != FIELD_NAMES:
                self._set(STATE_SCHEMA_CHANGED, message("index fields differ from this version's"))
                return ""
            index = tantivy.Index.open(os.fspath(gen / TANTIVY_DIR))
            index.register_tokenizer(TOKENIZER, _analyzer())
            snapshot = _Snapshot(index.searcher())
        except Exception as exc:
            logger.warning("Search index at %s is unreadable: %s", gen, exc)
            logger.debug("Details", exc_info=True)
            self._release()
            return f"{type(exc).__name__}: {exc}"
        self._gen, self._index, self._snapshot, self._identity = gen, index, snapshot, identity
        self._set(STATE_READY, "")
        return ""

    def _set(self, state: str, problem: str) -> None:
        if state != STATE_READY:
            self._release()
        self._health = Health(state, problem)
        if problem:
            logger.info("Search index %s: %s (%s)", self.directory, state, problem)

    def _mark_damaged(self, problem: str) -> None:
        """Remember the damage on disk: every later open reports it until a rebuild succeeds."""
        with contextlib.suppress(OSError):
            atomic_write_text(self.directory / DAMAGED_FILE, problem + "\n")

    def _release(self) -> None:
        self._gen = self._index = self._snapshot = None
        self._identity = ""

    def check(self) -> Health:
        """The full check: every file's CRC-32 against the record of the last commit."""
        if not self.directory.is_dir():
            self._set(STATE_MISSING, message("no index yet"))
            return self._health
        try:
            with self._update_lock, write_lock(self.directory, timeout=10.0):
                problem = self._try_load(full=True)
                if problem:
                    self._mark_damaged(problem)
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
        with self._update_lock, write_lock(self.directory):
            if not reset and (self._gen != current_generation(self.directory) or not self._health.ready):
                self._try_load(full=False)  # another process may have changed it since
            if reset or self._health.state == STATE_MISSING:
                self._rebuild(upserts, progress=progress, cancelled=cancelled, total=total)
                return
            if not self._health.ready or self._index is None or self._snapshot is None:
                raise IndexCorrupt(f"The search index needs a rebuild ({self._health.problem})")
            assert self._gen is not None
            numbers = {doc.doc_id: num for num, doc in self._snapshot.table().docs.items()}
            _remove_debris(self._gen / TANTIVY_DIR)
            writer = self._index.writer(heap_size=WRITER_HEAP * WRITER_THREADS, num_threads=WRITER_THREADS)
            atomic_write_text(self._gen / COMMITTING_FILE, "")  # see _finish_interrupted_commit
            self._write(writer, upserts, list(removed), numbers, progress, cancelled, total, fresh=False)
            _record_files(self._gen)
            with contextlib.suppress(OSError):
                (self._gen / COMMITTING_FILE).unlink()
            self._index.reload()
            self._snapshot = _Snapshot(self._index.searcher())
        progress(total + 1, total + 1, "")

    def _rebuild(
        self, upserts: Iterable[Document], *, progress: Progress, cancelled: CancelCheck, total: int
    ) -> None:
        """Write a complete new generation, then point CURRENT at it; the old one serves until then."""
        self.directory.mkdir(parents=True, exist_ok=True)
        gen = _new_generation(self.directory)
        identity = uuid.uuid4().hex
        try:
            manifest = {"schema_version": SCHEMA_VERSION, "identity": identity, "created": time.time()}
            atomic_write_text(gen / MANIFEST_FILE, json.dumps(manifest))
            (gen / TANTIVY_DIR).mkdir()
            index = tantivy.Index(SCHEMA, path=os.fspath(gen / TANTIVY_DIR), reuse=False)
            index.register_tokenizer(TOKENIZER, _analyzer())
            writer = index.writer(heap_size=WRITER_HEAP * WRITER_THREADS, num_threads=WRITER_THREADS)
            self._write(writer, upserts, [], {}, progress, cancelled, total, fresh=True)
            _record_files(gen)
            atomic_write_text(self.directory / CURRENT_FILE, gen.name)
        except BaseException:
            shutil.rmtree(gen, ignore_errors=True)
            raise
        with contextlib.suppress(FileNotFoundError):
            (self.directory / DAMAGED_FILE).unlink()
        index.reload()
        self._gen, self._index, self._identity = gen, index, identity
        self._snapshot = _Snapshot(index.searcher())
        self._set(STATE_READY, "")
        for path in self.directory.iterdir():  # best effort: a reader elsewhere may hold files (Windows)
            if path != gen and _GENERATION_RE.match(path.name) and path.is_dir():
                shutil.rmtree(path, ignore_errors=True)
        progress(total + 1, total + 1, "")

    @staticmethod
    def _write(
        writer: tantivy.IndexWriter,
        upserts: Iterable[Document],
        removed: list[str],
        numbers: dict[str, int],
        progress: Progress,
        cancelled: CancelCheck,
        total: int,
        *,
        fresh: bool,
    ) -> None:
        """Delete, add, commit; on any failure (Cancelled too) roll back to the last commit."""
        next_number = max(numbers.values(), default=-1) + 1
        try:
            for doc_id in removed:
                writer.delete_documents_by_term("doc_id", doc_id)
            done = 0
            for doc in upserts:
                if cancelled():
                    raise Cancelled("Indexing cancelled; the previous index is unchanged.")
                progress(done, total + 1, doc.source)
                if not fresh:
                    writer.delete_documents_by_term("doc_id", doc.id)
                num = numbers.get(doc.id)
                if num is None:
                    num = numbers[doc.id] = next_number
                    next_number += 1
                for record in _records(doc, num):
                    writer.add_document(record)
                done += 1
            if cancelled():
                raise Cancelled("Indexing cancelled; the previous index is unchanged.")
            progress(done, total + 1, "writing the index")
            writer.commit()
        except BaseException:
            with contextlib.suppress(Exception):
                writer.rollback()
            with contextlib.suppress(Exception):
                writer.wait_merging_threads()
            raise
        writer.wait_merging_threads()  # merges finish before the files are recorded

    # ------------------------------------------------------------ searching

    def search(self, tree: Node, *, offset: int = 0, limit: int | None = 20, sort: str = "relevance") -> Page:
        """The hits at [offset, offset + limit) of the whole result (see backend.SearchBackend)."""
        if sort not in SORTS:
            raise UsageError(f"Unknown sort '{sort}' (use {' or '.join(SORTS)})")
        snapshot = self._snapshot
        if snapshot is None:
            return Page()
        try:
            return _search(snapshot, tree, max(0, offset), limit, sort)
        except ViewerError:
            raise
        except BaseException as exc:  # tantivy panics arrive as pyo3's PanicException (a BaseException)
            if isinstance(exc, KeyboardInterrupt | SystemExit | GeneratorExit):
                raise
            logger.warning("Search failed on index %s", self._gen)
            logger.debug("Details", exc_info=True)
            raise ViewerError(f"The search failed: {type(exc).__name__}: {exc}") from exc


def _records(doc: Document, num: int) -> list[tantivy.Document]:
    """The tantivy documents of one archive document: one per paragraph (none without paragraphs)."""
    if not doc.paragraphs:
        return []
    texts = [p.text for p in doc.paragraphs]
    folded = _clean(fold(_SEP.join(texts)))  # folding is 1:1, so the lengths cut it back up
    title = _clean(fold(doc.title))
    authors = [_clean(fold(a)) for a in doc.authors]
    section_titles = {s.id: _clean(fold(s.title)) for s in doc.sections}
    folder = _clean(doc.source.rpartition("/")[0])
    kind = _clean(doc.kind)
    records = []
    pos = 0
    for index, (para, text) in enumerate(zip(doc.paragraphs, texts, strict=True)):
        record = tantivy.Document()
        record.add_text("doc_id", doc.id)
        record.add_unsigned("docnum", num)
        record.add_unsigned("para", index)
        record.add_text("text", folded[pos : pos + len(text)])
        pos += len(text) + 1
        section = section_titles.get(para.section) if para.section else None
        if section:
            record.add_text("section", section)
        record.add_text("kind", kind)
        if doc.year is not None:
            record.add_integer("year", int(doc.year))
        if index == 0:  # what belongs to the document as a whole
            record.add_text("folder", folder)
            record.add_text("key", _key(num, doc, title, authors))
            if section_titles:
                record.add_text("doc_sections", _SEP.join(section_titles.values()))
        records.append(record)
    return records


# ---------------------------------------------------------------- search


def _search(snapshot: _Snapshot, tree: Node, offset: int, limit: int | None, sort: str) -> Page:
    table = snapshot.table()
    docs = table.docs
    terms = positive_terms(tree)
    query: tantivy.Query | None = None
    if terms:
        scoped = query = _paragraph_query(tree, docs)
        counts = snapshot.counts(query)
        ranks = scores(
            table,
            tree,
            counts,
            terms,
            snapshot.paragraph_frequency,
            lambda term: snapshot.counts(_and(scoped, _char_query("text", term))),
        )
    else:  # no text to find: documents are selected as wholes, paragraph 0 stands for each
        counts = dict.fromkeys(document_set(table, tree, snapshot.containing), 1)
        ranks = dict.fromkeys(counts, 0.0)
    page, order, plan = ordered_page(table, counts, ranks, offset, limit, sort)
    if query is None:
        end = None if limit is None else offset + limit
        page.hits = [HitRef(docs[n].doc_id, 0, ranks[n]) for n in order[offset:end]]
        return page
    paragraphs = _paragraphs(snapshot, query, plan, counts)
    for num, start, stop in plan:
        found = paragraphs.get(num, [])
        if len(found) != stop - start:
            raise RuntimeError(
                f"document {docs[num].doc_id}: {len(found)} hits listed, {stop - start} counted"
            )
        page.hits.extend(HitRef(docs[num].doc_id, p, ranks[num]) for p in found)
    return page


def _paragraphs(
    snapshot: _Snapshot, query: tantivy.Query, plan: list[tuple[int, int, int]], counts: dict[int, int]
) -> dict[int, list[int]]:
    """Matching paragraph indexes (reading order) of the planned slices: one search for the documents
    shown whole, one per document shown in part (at most the first and the last)."""
    searcher = snapshot.searcher
    found: dict[int, list[int]] = {}
    whole = [num for num, start, stop in plan if start == 0 and stop == counts[num]]
    if whole:
        scoped = query
        if len(whole) < len(counts):
            scoped = _and(query, tantivy.Query.term_set_query(SCHEMA, "docnum", whole))
        hits = searcher.search(
            scoped,
            limit=sum(counts[n] for n in whole),
            count=False,
            order_by_field="para",
            order=tantivy.Order.Asc,
        ).hits
        numbers = searcher.fast_field_values("docnum", [address for _, address in hits])
        for (para, _), num in zip(hits, numbers, strict=True):
            found.setdefault(int(num or 0), []).append(para)
    for num, start, stop in plan:
        if start == 0 and stop == counts[num]:
            continue
        scoped = _and(query, tantivy.Query.term_query(SCHEMA, "docnum", num))
        hits = searcher.search(
            scoped,
            limit=stop - start,
            offset=start,
            count=False,
            order_by_field="para",
            order=tantivy.Order.Asc,
        ).hits
        found[num] = [para for para, _ in hits]
    return found
