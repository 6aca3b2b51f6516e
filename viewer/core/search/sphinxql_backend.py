"""The institution's engine: an archive published to a SphinxQL cluster (Manticore, or Sphinx 2.2).

What the cluster holds (sphinx_config.py writes the indexes): one row per paragraph in the shard of
its document (`paragraphs_local`: body, section title, the document's section titles on paragraph 0;
archive, docnum, para), one row per document (`documents_local`: what ranking, sorting and facets
need, as base64 JSON), and on the first shard `archives`: per published archive its live generation.
Readers query the first shard's distributed indexes, which ask every shard. The text is written one
token per character (sphinxql_text.py), so a term is a phrase the engine decides exactly; nothing is
verified against the text afterwards, and snippets come from the reader's catalogue as for tantivy.

Queries: a query mixes paragraph conditions (text, section:) with document conditions (title:,
author:, kind:, year:, folder:), which the document table decides locally. Documents are grouped by
the truth of their document conditions; per group the query reduces (matching.reduce) to a formula
of text conditions, sent as one MATCH limited to the group's documents. The engine returns exact
per-document counts (GROUP BY docnum) and, for the documents a page shows, the paragraph numbers;
ranking and paging are ranking.py's, the same as tantivy's, so both engines answer alike.

Updates never show a half-written state to a reader: rows are written under a staging generation
(or a new generation, for a rebuild) and made live at the end, after the last cancel check, by
changing one attribute (or the `archives` row); a shard failing during that switch is switched back.
Row ids are generation << 47 + docnum << 20 + para, so whole documents and generations are deleted by
id range. A changed document gets a new docnum; what a killed publish left (staged rows, or a document
live twice when the old copy's deletion failed) is removed at the start of the next one. Publishing
needs every shard, in the order of the first publish (the `archives` row keeps it).

Readers: the archive's name on the cluster and the state it was published in come from the catalogue
published beside the archive (published.py); a reader never makes a name up, and a catalogue that
does not belong to the live state is said, not served.

A shard that does not answer is never silent: the engine reports its agents' failures as warnings,
and every page carries "k of N shards answered" (Page.incomplete).
"""

from __future__ import annotations

import base64
import contextlib
import json
import logging
import random
import re
import threading
import uuid
import zlib
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from viewer.core.atomic import atomic_write_text
from viewer.core.documents import Document
from viewer.core.folding import fold
from viewer.core.progress import CancelCheck, Progress
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
from viewer.core.search.indexer import write_lock
from viewer.core.search.matching import document_conditions, reduce
from viewer.core.search.query import And, FieldText, Node, Not, Or, Text, positive_terms
from viewer.core.search.ranking import DocInfo, DocTable, document_set, ordered_page, scores
from viewer.core.search.sphinx_config import ARCHIVES, DOCUMENTS, LOCAL, PARAGRAPHS
from viewer.core.search.sphinxql_text import EVERY, SEPARATOR, encode
from viewer.errors import Cancelled, UsageError, ViewerError, message

logger = logging.getLogger(__name__)

NAME = "sphinxql"
SCHEMA_VERSION = 1
CLUSTER_FILE = "cluster.json"  # in the engine directory: which archive of the cluster this is
PUBLISHED_FILE = "published.json"  # in the engine directory: the live state its catalogue belongs to
DEFAULT_PORT = 9306
_GEN_SHIFT, _DOC_SHIFT = 47, 20
_MAX_PARAGRAPHS = 1 << _DOC_SHIFT
_MAX_DOCNUM = 1 << (_GEN_SHIFT - _DOC_SHIFT)
_STAGING = 1 << 16  # added to a generation: rows written but not yet live
_BATCH_BYTES = 2_000_000  # one INSERT statement at most
_PAGE = 10_000  # rows per read of the document table
_MAX_FILTER = 1_000_000  # values in one IN list (max_filter_values in sphinx_config.py)
_AGENT_RE = re.compile(r"agent ([^\s:]+:\d+)")
_HOST_RE = re.compile(r"[A-Za-z0-9._:-]{1,253}")  # a name or an address (IPv6 in brackets)
CONNECT_TIMEOUT = 3
READ_TIMEOUT = 60


class ServerUnreachable(ViewerError):
    """The search server does not answer (the caller may fall back to a local index)."""


Address = tuple[str, int]


def parse_servers(text: str) -> list[Address]:
    """HOST:PORT[,HOST:PORT…] (PORT defaults to 9306); raises UsageError with the faulty part."""
    servers: list[Address] = []
    for part in (p.strip() for p in text.split(",")):
        if not part:
            continue
        host, sep, port = part.rpartition(":")
        if not sep:
            host, port = part, str(DEFAULT_PORT)
        host = host.strip("[]")
        if not _HOST_RE.fullmatch(host) or not port.isdigit() or not 0 < int(port) < 65536:
            raise UsageError(message("Not a server address: {address} (use HOST:PORT).", address=part))
        servers.append((host, int(port)))
    if not servers:
        raise UsageError(message("No server address given (use HOST:PORT)."))
    return servers


def format_servers(servers: list[Address]) -> str:
    return ",".join(f"{host}:{port}" for host, port in servers)


def _pack(values: list[Any]) -> str:
    """Document fields as a string attribute: base64 of JSON (SphinxQL unescapes backslashes its way)."""
    return base64.b64encode(json.dumps(values, ensure_ascii=False).encode("utf-8")).decode("ascii")


def _unpack(text: str) -> list[Any]:
    values = json.loads(base64.b64decode(text))
    return values if isinstance(values, list) else []


# ---------------------------------------------------------------- connections


class _Server:
    """Connections to one searchd, one per thread (a PyMySQL connection is not thread-safe)."""

    def __init__(self, address: Address) -> None:
        self.address = address
        self._local = threading.local()
        self._all: list[Any] = []
        self._lock = threading.Lock()

    @property
    def label(self) -> str:
        return f"{self.address[0]}:{self.address[1]}"

    def _connection(self) -> Any:
        conn = getattr(self._local, "conn", None)
        if conn is None:
            import pymysql

            try:
                conn = pymysql.connect(
                    host=self.address[0],
                    port=self.address[1],
                    charset="utf8mb4",
                    autocommit=True,
                    connect_timeout=CONNECT_TIMEOUT,
                    read_timeout=READ_TIMEOUT,
                    write_timeout=READ_TIMEOUT,
                )
            except Exception as exc:  # pymysql raises OperationalError; DNS errors arrive as OSError
                raise self._unreachable(exc) from exc
            self._local.conn = conn
            with self._lock:
                self._all.append(conn)
        return conn

    def run(self, sql: str) -> tuple[list[tuple[Any, ...]], list[str]]:
        """Rows and warnings of one statement; a broken connection is dropped and the statement retried once."""
        import pymysql

        for attempt in (1, 2):
            conn = self._connection()
            try:
                with conn.cursor() as cursor:
                    cursor.execute(sql)
                    rows = list(cursor.fetchall() or ())
                    # PyMySQL keeps the server's warning count on its result only; without it, ask.
                    warned = getattr(getattr(cursor, "_result", None), "warning_count", None)
                warnings = [str(w[2]) for w in (conn.show_warnings() or ())] if warned != 0 else []
                return rows, warnings
            except (pymysql.err.OperationalError, pymysql.err.InterfaceError, OSError) as exc:
                self._drop(conn)
                if attempt == 2:
                    raise self._unreachable(exc) from exc
            except pymysql.err.MySQLError as exc:
                raise ViewerError(
                    message(
                        "The search server {server} refused a query: {error}",
                        server=self.label,
                        error=_reason(exc),
                    )
                ) from exc
        raise AssertionError("unreachable")

    def _unreachable(self, exc: BaseException) -> ServerUnreachable:
        return ServerUnreachable(
            message(
                "The search server {server} does not answer ({error}).", server=self.label, error=_reason(exc)
            )
        )

    def _drop(self, conn: Any) -> None:
        self._local.conn = None
        with self._lock:
            if conn in self._all:
                self._all.remove(conn)
        with contextlib.suppress(Exception):
            conn.close()

    def close(self) -> None:
        with self._lock:
            conns, self._all = self._all, []
        for conn in conns:
            with contextlib.suppress(Exception):
                conn.close()


def _reason(exc: BaseException) -> str:
    args: tuple[Any, ...] = tuple(getattr(exc, "args", ()))
    if len(args) >= 2 and isinstance(args[1], str):
        found = re.search(r"\[Errno -?\d+\] ([^)]*)", args[1])  # PyMySQL wraps the OS error in its own words
        return found.group(1) if found else args[1]
    return str(exc) or type(exc).__name__


# ---------------------------------------------------------------- query text


def _match(node: Node) -> str:
    """A formula of text conditions as a SphinxQL MATCH expression (field-limited phrases)."""
    if isinstance(node, Text):
        return f'(@body "{encode(node.folded)}")'
    if isinstance(node, FieldText) and node.field == "section":
        return f'(@section "{encode(node.folded)}")'
    if isinstance(node, Not):
        return f"(@body {EVERY} -{_match(node.item)})"
    if isinstance(node, And):
        return "(" + " ".join(_match(item) for item in node.items) + ")"
    if isinstance(node, Or):
        return "(" + " | ".join(_match(item) for item in node.items) + ")"
    raise TypeError(node)


def _sql_match(formula: Node) -> str:
    return f"MATCH('{_match(formula)}')"


@dataclass(frozen=True)
class _Live:
    """The archive's row in `archives`: what readers search."""

    generation: int
    stamp: int
    schema: int
    identity: str
    layout: str  # the shards published to, in order ("HOST:PORT,…")

    def state(self) -> dict[str, Any]:
        """What a published catalogue records of the state it belongs to."""
        return {"identity": self.identity, "stamp": self.stamp}


@dataclass
class _Group:
    """Documents for which the query reduces to the same text formula (by their document conditions)."""

    formula: Node | bool
    docs: list[int]


class _Snapshot:
    """The document table of one state of the published archive (its stamp)."""

    def __init__(self, live: _Live, docs: dict[int, DocInfo], incomplete: str = "") -> None:
        self.live = live
        self.incomplete = incomplete  # shards missing when the table was read: read it again next time
        self.docs = docs  # every published document, those without paragraphs too
        # What searches see: documents without paragraphs never match (as in every engine).
        searched = {n: d for n, d in docs.items() if d.paragraphs}
        self.table = DocTable(searched, sum(d.paragraphs for d in searched.values()))
        self.frequency: dict[str, int] = {}


class SphinxBackend:
    """An archive's index on a SphinxQL cluster; `servers[0]` holds the distributed indexes.

    A reader gives the first shard alone; a publisher gives every shard, in order (documents are
    sharded by docnum modulo their number)."""

    name = NAME

    def __init__(self, directory: Path, servers: list[Address]) -> None:
        self.directory = Path(directory)
        self.servers = [_Server(a) for a in servers]
        self.archive = self._read_json(CLUSTER_FILE).get("archive")
        if not isinstance(self.archive, str) or not re.fullmatch(r"[0-9a-f]{32}", self.archive):
            self.archive = None  # not published from here, nor beside the archive: a reader says so
        expected = self._read_json(PUBLISHED_FILE)
        self._expected = expected if {"identity", "stamp"} <= expected.keys() else None
        self._health = Health(STATE_MISSING)
        self._live: _Live | None = None
        self._snapshot: _Snapshot | None = None
        self._shard_count: int | None = None
        self._lock = threading.Lock()

    @classmethod
    def open(cls, directory: Path, servers: list[Address]) -> SphinxBackend:
        """Open; raises ServerUnreachable when the first server does not answer."""
        backend = cls(directory, servers)
        backend._load()
        return backend

    def _read_json(self, name: str) -> dict[str, Any]:
        with contextlib.suppress(OSError, ValueError):
            data = json.loads((self.directory / name).read_text(encoding="utf-8"))
            if isinstance(data, dict):
                return data
        return {}

    @property
    def archive_key(self) -> int:
        """The archive's row in `archives` (from its name on the cluster)."""
        name = (self.archive or "").encode()
        return (zlib.crc32(name) << 31 | zlib.adler32(name)) & ((1 << 62) - 1) or 1

    def _name_archive(self) -> None:
        """A publisher names its archive on the cluster once; the name is published beside the archive."""
        if self.archive is None:
            self.archive = uuid.uuid4().hex
            self.directory.mkdir(parents=True, exist_ok=True)
            atomic_write_text(self.directory / CLUSTER_FILE, json.dumps({"archive": self.archive}) + "\n")

    @property
    def layout(self) -> str:
        return format_servers([s.address for s in self.servers])

    def published_state(self) -> dict[str, Any]:
        """The live state, for the catalogue published beside the archive ({} when not published)."""
        live = self._live
        return {} if live is None else live.state()

    # ------------------------------------------------------------ state

    @property
    def health(self) -> Health:
        return self._health

    @property
    def identity(self) -> str:
        live = self._live
        return live.identity if live is not None and self._health.ready else ""

    def _read_live(self) -> _Live | None:
        if self.archive is None:
            return None
        rows, _ = self.servers[0].run(
            f"SELECT generation, stamp, schema, identity, layout FROM {ARCHIVES}"
            f" WHERE id = {self.archive_key}"
        )
        if not rows:
            return None
        generation, stamp, schema, identity, layout = rows[0]
        return _Live(int(generation), int(stamp), int(schema), str(identity), str(layout))

    def _load(self) -> None:
        live = self._read_live()
        self._live = live
        if self.archive is None:
            self._health = Health(STATE_MISSING, message("nothing is published beside this archive"))
        elif live is None:
            self._health = Health(STATE_MISSING, message("not published to this server yet"))
        elif live.schema != SCHEMA_VERSION:
            self._health = Health(
                STATE_SCHEMA_CHANGED, message("published by another version of Archive Viewer")
            )
        elif len(self.servers) > 1 and live.layout != self.layout:
            self._health = Health(
                STATE_SCHEMA_CHANGED,
                message("published to the shards {then}, now {now} given", then=live.layout, now=self.layout),
            )
        elif self._expected is not None and live.state() != self._expected:
            self._health = Health(
                STATE_SCHEMA_CHANGED,
                message(
                    "the catalogue beside the archive is not the one of the server's index (a publish is"
                    " running or did not finish)"
                ),
            )
        else:
            self._health = Health(STATE_READY)

    def check(self) -> Health:
        """Every shard answers and holds every paragraph of the live generation."""
        self._load()
        live = self._live
        if live is None or not self._health.ready:
            return self._health
        gen = live.generation
        rows, warnings = self.servers[0].run(
            f"SELECT COUNT(*) FROM {PARAGRAPHS} WHERE archive = {gen} GROUP BY archive"
        )
        incomplete = self._incomplete(warnings)
        if incomplete:
            return Health(STATE_READY, incomplete)
        held = int(rows[0][0]) if rows else 0
        snapshot = self._snapshot_for(live)
        expected = snapshot.table.paragraphs
        if held != expected or len({d.doc_id for d in snapshot.docs.values()}) != len(snapshot.docs):
            self._health = Health(
                STATE_CORRUPT,
                message("the server holds {held} paragraphs of {expected}", held=held, expected=expected),
            )
        return self._health

    def live_generation(self) -> int | None:
        live = self._live
        return None if live is None else live.generation

    def close(self) -> None:
        for server in self.servers:
            server.close()

    # ------------------------------------------------------------ shards

    def shard_count(self) -> int:
        """How many shards the distributed index asks (itself and its agents)."""
        if self._shard_count is None:
            rows, _ = self.servers[0].run(f"DESCRIBE {PARAGRAPHS}")
            self._shard_count = max(1, len(rows))
        return self._shard_count

    def _incomplete(self, warnings: list[str]) -> str:
        failed = {m.group(1) for w in warnings for m in [_AGENT_RE.search(w)] if m}
        if not failed and not warnings:
            return ""
        total = self.shard_count()
        if not failed:
            logger.warning("The search server warned: %s", "; ".join(warnings))
            return message("The search server warned: {warning}", warning="; ".join(warnings))
        logger.info("Shards did not answer: %s", "; ".join(warnings))
        return message(
            "{answered} of {total} shards answered; results are incomplete.",
            answered=max(0, total - len(failed)),
            total=total,
        )

    # ------------------------------------------------------------ reading

    def _snapshot_for(self, live: _Live) -> _Snapshot:
        snapshot = self._snapshot
        if snapshot is not None and snapshot.live == live and not snapshot.incomplete:
            return snapshot
        with self._lock:
            snapshot = self._snapshot
            if snapshot is None or snapshot.live != live or snapshot.incomplete:
                snapshot = self._snapshot = _Snapshot(live, *self._read_table(live.generation))
        return snapshot

    def _read_table(self, generation: int) -> tuple[dict[int, DocInfo], str]:
        """The published documents, and why some may be missing ("" when every shard answered)."""
        docs: dict[int, DocInfo] = {}
        missing: list[str] = []
        after = -1
        while True:
            rows, warnings = self.servers[0].run(
                f"SELECT docnum, info FROM {DOCUMENTS} WHERE archive = {generation} AND docnum > {after}"
                f" ORDER BY docnum ASC LIMIT {_PAGE} OPTION max_matches={_PAGE}"
            )
            missing += warnings
            for num, info in rows:
                doc_id, source, year, kind, paragraphs, title, authors = _unpack(info)
                docs[int(num)] = DocInfo(doc_id, source, year, kind, int(paragraphs), title, tuple(authors))
            if len(rows) < _PAGE:
                break
            after = int(rows[-1][0])
        return docs, self._incomplete(missing)

    def search(self, tree: Node, *, offset: int = 0, limit: int | None = 20, sort: str = "relevance") -> Page:
        """The hits at [offset, offset + limit) of the whole result (see backend.SearchBackend)."""
        if sort not in SORTS:
            raise UsageError(f"Unknown sort '{sort}' (use {' or '.join(SORTS)})")
        if not self._health.ready:
            return Page()
        live = self._read_live()
        if live is None:
            raise ViewerError(message("This archive is no longer published on the search server."))
        if self._expected is not None and live.state() != self._expected:
            raise ViewerError(
                message("The archive was published again since it was opened; open it again to search it.")
            )
        self._live = live
        search = _Search(self, self._snapshot_for(live), tree)
        return search.page(max(0, offset), limit, sort)

    # ------------------------------------------------------------ writing

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
        """Publish: write the documents under a staging generation, then make them live at once."""
        count = self.shard_count()
        if count != len(self.servers):
            raise UsageError(
                message(
                    "The cluster has {count} shards; publishing needs all of them, in order"
                    " (--server HOST:PORT,HOST:PORT,…).",
                    count=count,
                )
            )
        self._name_archive()
        with write_lock(self.directory):
            self._load()
            live = self._live if self._health.ready else None
            if reset or live is None:
                _Publish(self, None).run(upserts, [], progress, cancelled, total)
            else:
                _Publish(self, live).run(upserts, list(removed), progress, cancelled, total)
            self._expected = None  # the publisher's own catalogue is the newest
            self._load()


class _Search:
    """One query against one snapshot: groups of documents, their counts, the page."""

    def __init__(self, backend: SphinxBackend, snapshot: _Snapshot, tree: Node) -> None:
        self.server = backend.servers[0]
        self.backend = backend
        self.snapshot = snapshot
        self.table = snapshot.table
        self.generation = snapshot.live.generation
        self.tree = tree
        self.warnings: list[str] = []

    def run(self, sql: str) -> list[tuple[Any, ...]]:
        rows, warnings = self.server.run(sql)
        self.warnings.extend(warnings)
        return rows

    def _where(self, docs: list[int] | None) -> str:
        """The archive's live rows, limited to `docs` (None: all of them)."""
        where = f"archive = {self.generation}"
        if docs is None:
            return where
        if len(docs) <= min(_MAX_FILTER, len(self.table.docs) // 2 + 1):
            return where + f" AND docnum IN ({','.join(map(str, sorted(docs)))})"
        others = set(self.table.docs).difference(docs)
        if len(others) < len(docs) and len(others) <= _MAX_FILTER:
            return where + (f" AND docnum NOT IN ({','.join(map(str, sorted(others)))})" if others else "")
        raise ViewerError(message("The query selects too many documents for the server at once; narrow it."))

    def groups(self) -> list[_Group]:
        """The documents grouped by the text formula the query reduces to for them (often one group)."""
        table = self.table
        conditions = document_conditions(self.tree, [])
        by_key: dict[tuple[bool, ...], list[int]] = defaultdict(list)
        for num in table.docs:
            by_key[tuple(table.holds(num, c) for c in conditions)].append(num)
        by_formula: dict[Node | bool, list[int]] = defaultdict(list)
        for key, docs in by_key.items():
            decided = dict(zip(conditions, key, strict=True))
            by_formula[reduce(self.tree, decided.get)].extend(docs)
        return [_Group(formula, docs) for formula, docs in by_formula.items()]

    def counts(self, groups: list[_Group], extra: Node | None = None) -> dict[int, int]:
        """Per document, the paragraphs matching each group's formula (and `extra`)."""
        counts: dict[int, int] = {}
        every = len(groups) == 1
        for group in groups:
            formula = group.formula
            if extra is not None:
                formula = extra if formula is True else (False if formula is False else And((formula, extra)))
            if formula is False:
                continue
            if formula is True:
                counts.update(
                    (n, self.table.docs[n].paragraphs) for n in group.docs if self.table.docs[n].paragraphs
                )
                continue
            scope = None if every else group.docs
            rows = self.run(
                f"SELECT docnum, COUNT(*) FROM {PARAGRAPHS} WHERE {_sql_match(formula)} AND {self._where(scope)}"
                f" GROUP BY docnum LIMIT {len(self.table.docs) or 1}"
                f" OPTION max_matches={len(self.table.docs) or 1}, ranker=none"
            )
            docs = self.table.docs
            counts.update((int(n), int(c)) for n, c in rows if int(n) in docs)
        return counts

    def containing(self, field: str, folded: str) -> set[int]:
        node: Node = Text(folded, folded) if field == "text" else FieldText("section", folded, folded)
        if field == "section":  # all of a document's section titles, on its first paragraph
            rows = self.run(
                f"SELECT docnum, COUNT(*) FROM {PARAGRAPHS} WHERE MATCH('(@docsections \"{encode(folded)}\")')"
                f" AND {self._where(None)} GROUP BY docnum LIMIT {len(self.table.docs) or 1}"
                f" OPTION max_matches={len(self.table.docs) or 1}, ranker=none"
            )
            return {int(n) for n, _ in rows if int(n) in self.table.docs}
        return set(self.counts([_Group(node, list(self.table.docs))]))

    def frequency(self, term: str) -> int:
        cache = self.snapshot.frequency
        if term not in cache:
            rows = self.run(
                f"SELECT COUNT(*) FROM {PARAGRAPHS} WHERE {_sql_match(Text(term, term))}"
                f" AND {self._where(None)} GROUP BY archive OPTION ranker=none"
            )
            if len(cache) > 4096:
                cache.clear()
            cache[term] = int(rows[0][0]) if rows else 0
        return cache[term]

    def page(self, offset: int, limit: int | None, sort: str) -> Page:
        table, tree = self.table, self.tree
        terms = positive_terms(tree)
        groups: list[_Group] = []
        if terms:
            groups = self.groups()
            counts = self.counts(groups)
            ranks = scores(
                table, tree, counts, terms, self.frequency, lambda t: self.counts(groups, Text(t, t))
            )
        else:
            counts = dict.fromkeys(document_set(table, tree, self.containing), 1)
            ranks = dict.fromkeys(counts, 0.0)
        page, order, plan = ordered_page(table, counts, ranks, offset, limit, sort)
        if not terms:
            end = None if limit is None else offset + limit
            page.hits = [HitRef(table.docs[n].doc_id, 0, ranks[n]) for n in order[offset:end]]
        else:
            found = self.paragraphs(groups, plan, counts)
            for num, start, stop in plan:
                paras = found.get(num, [])
                if len(paras) != stop - start:
                    raise ViewerError(
                        message(
                            "The search server's index changed during the search; search again ({doc}).",
                            doc=table.docs[num].doc_id,
                        )
                    )
                page.hits.extend(HitRef(table.docs[num].doc_id, p, ranks[num]) for p in paras)
        page.incomplete = self.backend._incomplete(self.warnings) or self.snapshot.incomplete
        return page

    def paragraphs(
        self, groups: list[_Group], plan: list[tuple[int, int, int]], counts: dict[int, int]
    ) -> dict[int, list[int]]:
        """The paragraph numbers the page shows: one query per group for documents shown whole,
        one per document shown in part (at most the first and the last)."""
        group_of = {n: g for g in groups for n in g.docs}
        found: dict[int, list[int]] = {}
        whole: dict[int, list[int]] = defaultdict(list)  # id(group) -> docnums
        by_id = {id(g): g for g in groups}
        for num, start, stop in plan:
            group = group_of[num]
            formula = group.formula
            if isinstance(formula, bool):  # (False never counts a hit, so never reaches a page)
                found[num] = list(range(start, stop))
            elif start == 0 and stop == counts[num]:
                whole[id(group)].append(num)
            else:
                rows = self.run(
                    f"SELECT para FROM {PARAGRAPHS} WHERE {_sql_match(formula)}"
                    f" AND {self._where([num])} ORDER BY para ASC LIMIT {start}, {stop - start}"
                    f" OPTION max_matches={stop}, ranker=none"
                )
                found[num] = [int(r[0]) for r in rows]
        for key, docs in whole.items():
            size = sum(counts[n] for n in docs)
            formula = by_id[key].formula
            assert not isinstance(formula, bool)
            rows = self.run(
                f"SELECT docnum, para FROM {PARAGRAPHS} WHERE {_sql_match(formula)}"
                f" AND {self._where(docs)} ORDER BY docnum ASC, para ASC LIMIT 0, {size}"
                f" OPTION max_matches={size}, ranker=none"
            )
            for num, para in rows:
                found.setdefault(int(num), []).append(int(para))
        return found


def _row(generation: int, docnum: int, para: int = 0) -> int:
    """A paragraph row's id (para 0 also names the document's row in `documents_local`)."""
    return (generation << _GEN_SHIFT) + (docnum << _DOC_SHIFT) + para


class _Publish:
    """One update of the cluster: staged rows, then one switch to live."""

    def __init__(self, backend: SphinxBackend, live: _Live | None) -> None:
        self.backend = backend
        self.servers = backend.servers
        self.live = live
        self.table: dict[int, DocInfo] = {}
        if live is None:  # a new generation, live when its `archives` row is written
            self.generation = self._free_generation()
            self.archive_value = self.generation
        else:
            self.generation = live.generation
            self.archive_value = live.generation + _STAGING
            snapshot = backend._snapshot_for(live)
            if snapshot.incomplete:  # new docnums could land on documents of a shard not seen
                raise ServerUnreachable(
                    message(
                        "Publishing needs every shard, and not all answered: {problem}",
                        problem=snapshot.incomplete,
                    )
                )
            self.table = snapshot.docs
        self.next_docnum = max(self.table, default=-1) + 1
        self.first_new = self.next_docnum
        self._batches: dict[tuple[int, str], list[str]] = defaultdict(list)
        self._sizes: dict[tuple[int, str], int] = defaultdict(int)
        if live is not None:
            # What a killed publish left: rows staged above the live documents, and a document live
            # twice (its old copy's deletion did not finish): the newest copy stays.
            self._delete_new(upto=_MAX_DOCNUM)
            newest: dict[str, int] = {}
            for num in sorted(self.table):
                newest[self.table[num].doc_id] = num
            stale = [n for n in self.table if newest[self.table[n].doc_id] != n]
            if stale:
                logger.warning("Removing %d documents a publish left live twice", len(stale))
                self._delete_documents(stale)
                self.table = {n: d for n, d in self.table.items() if n not in set(stale)}

    def _free_generation(self) -> int:
        rows, _ = self.servers[0].run(f"SELECT generation FROM {ARCHIVES} LIMIT 1000 OPTION max_matches=1000")
        used = {int(r[0]) for r in rows}
        return next(g for g in random.sample(range(1, 1 << 16), 64) if g not in used)

    def _shard(self, docnum: int) -> int:
        return docnum % len(self.servers)

    def _queue(self, shard: int, index: str, values: str) -> None:
        key = (shard, index)
        self._batches[key].append(values)
        self._sizes[key] += len(values) * 3
        if self._sizes[key] > _BATCH_BYTES:
            self._flush(shard, index)

    def _flush(self, shard: int, index: str) -> None:
        rows = self._batches.pop((shard, index), [])
        self._sizes.pop((shard, index), None)
        if not rows:
            return
        columns = (
            "(id, body, section, docsections, archive, docnum, para)"
            if index == PARAGRAPHS
            else "(id, unused, archive, docnum, info)"
        )
        self.servers[shard].run(f"REPLACE INTO {index}{LOCAL} {columns} VALUES {','.join(rows)}")

    def _flush_all(self) -> None:
        for shard, index in list(self._batches):
            self._flush(shard, index)

    def _write(self, doc: Document) -> int:
        if len(doc.paragraphs) >= _MAX_PARAGRAPHS:
            raise ViewerError(
                message(
                    "{source} has more than {limit} paragraphs; the server cannot hold it.",
                    source=doc.source,
                    limit=_MAX_PARAGRAPHS - 1,
                )
            )
        num = self.next_docnum
        if num >= _MAX_DOCNUM:
            raise ViewerError(message("The server's index is full; publish the archive anew (--rebuild)."))
        self.next_docnum += 1
        shard = self._shard(num)
        sections = {s.id: encode(fold(s.title)) for s in doc.sections}
        for index, para in enumerate(doc.paragraphs):
            body = EVERY + encode(fold(para.text))
            section = sections.get(para.section, "") if para.section else ""
            all_sections = SEPARATOR.join(sections.values()) if index == 0 else ""
            self._queue(
                shard,
                PARAGRAPHS,
                f"({_row(self.generation, num, index)},'{body}','{section}','{all_sections}',"
                f"{self.archive_value},{num},{index})",
            )
        info = _pack(
            [
                doc.id,
                doc.source,
                None if doc.year is None else int(doc.year),
                doc.kind,
                len(doc.paragraphs),
                fold(doc.title),
                [fold(a) for a in doc.authors],
            ]
        )
        self._queue(
            shard, DOCUMENTS, f"({_row(self.generation, num)},'',{self.archive_value},{num},'{info}')"
        )
        return num

    def _delete_range(self, server: _Server, lo: int, hi: int) -> None:
        for index in (PARAGRAPHS, DOCUMENTS):  # a document's row has its paragraph 0's id
            server.run(f"DELETE FROM {index}{LOCAL} WHERE id >= {lo} AND id < {hi}")

    def _delete_documents(self, nums: Iterable[int]) -> None:
        """Delete documents on every shard (whatever shard order they were written in)."""
        for num in nums:
            lo = _row(self.generation, num)
            for server in self.servers:
                self._delete_range(server, lo, lo + _MAX_PARAGRAPHS)

    def _delete_new(self, upto: int | None = None) -> None:
        """Drop what this update wrote (cancelled or failed): never live, so nobody saw it."""
        lo = _row(self.generation, self.first_new)
        hi = _row(self.generation, self.next_docnum if upto is None else upto)
        for server in self.servers:
            with contextlib.suppress(ViewerError):
                self._delete_range(server, lo, hi)

    def run(
        self,
        upserts: Iterable[Document],
        removed: list[str],
        progress: Progress,
        cancelled: CancelCheck,
        total: int,
    ) -> None:
        by_id = {d.doc_id: n for n, d in self.table.items()}
        replaced: list[int] = []
        done = 0
        try:
            for doc in upserts:
                if cancelled():
                    raise Cancelled(message("Publishing cancelled; the server's index is unchanged."))
                progress(done, total + 1, doc.source)
                if doc.id in by_id:
                    replaced.append(by_id[doc.id])
                self._write(doc)
                done += 1
            if cancelled():
                raise Cancelled(message("Publishing cancelled; the server's index is unchanged."))
            progress(done, total + 1, "writing the index")
            self._flush_all()
        except BaseException:
            self._batches.clear()
            self._delete_new()
            raise
        replaced += [by_id[d] for d in removed if d in by_id]
        self._go_live(replaced)
        progress(total + 1, total + 1, "")

    def _switch(self, server: _Server, value: int) -> None:
        lo, hi = _row(self.generation, self.first_new), _row(self.generation, self.next_docnum)
        for index in (PARAGRAPHS, DOCUMENTS):
            server.run(f"UPDATE {index}{LOCAL} SET archive = {value} WHERE id >= {lo} AND id < {hi}")

    def _go_live(self, replaced: list[int]) -> None:
        backend = self.backend
        old = backend._read_live() if self.live is None else None
        if self.live is None:
            identity, stamp = uuid.uuid4().hex, 1
        else:
            identity, stamp = self.live.identity, self.live.stamp + 1
            switched: list[_Server] = []
            try:
                for server in self.servers:
                    self._switch(server, self.generation)
                    switched.append(server)
            except BaseException:  # a shard failed: the others back to staged, then dropped
                for server in switched:
                    with contextlib.suppress(ViewerError):
                        self._switch(server, self.archive_value)
                self._delete_new()
                raise
            self._delete_documents(replaced)
        self.servers[0].run(
            f"REPLACE INTO {ARCHIVES} (id, unused, generation, stamp, schema, identity, layout) VALUES"
            f" ({backend.archive_key},'',{self.generation},{stamp},{SCHEMA_VERSION},"
            f"'{identity}','{backend.layout}')"
        )
        if old is not None and old.generation != self.generation:  # the previous generation, now unused
            lo, hi = _row(old.generation, 0), _row(old.generation + 1, 0)
            for server in self.servers:
                with contextlib.suppress(ViewerError):
                    self._delete_range(server, lo, hi)
