"""The `archive-viewer` command: the GUI with no command, headless commands over the same core otherwise."""

from __future__ import annotations

import argparse
import json
import logging
import os
import re
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from viewer import __version__
from viewer.core.citation import pilcrow
from viewer.errors import UsageError, ViewerError
from viewer.index_place import IndexPlaces
from viewer.logs import LogSetup, report_unexpected
from viewer.paths import DataPaths, bundled_archive
from viewer.settings import Settings

logger = logging.getLogger(__name__)

EXIT_OK, EXIT_FAILURE, EXIT_USAGE = 0, 1, 2
_SURROGATE_RE = re.compile("[\ud800-\udfff]")  # see _json_bytes
SQLITE_INT_MIN, SQLITE_INT_MAX = -(2**63), 2**63 - 1  # SQLite's INTEGER: a larger id cannot be stored


@dataclass
class Context:
    """What every command needs: the archive folder, the user's data paths and settings."""

    archive: Path
    paths: DataPaths
    settings: Settings
    args: argparse.Namespace
    logs: LogSetup | None = None  # the log file, for the About dialog and "details are in …"
    places: IndexPlaces | None = None  # made on first use: the window keeps its own (status bar)

    @property
    def engine(self) -> str:
        return str(getattr(self.args, "engine", None) or self.settings.search_engine)

    @property
    def servers(self) -> list[tuple[str, int]] | None:
        """The search cluster to use: --server, else the one remembered for this archive (None: local)."""
        text = getattr(self.args, "server", None)
        if text is None:
            text = self.settings.servers_for(self.archive)
        if not text:
            return None
        from viewer.core.search.sphinxql_backend import parse_servers

        return parse_servers(text)

    @property
    def index_dir(self) -> Path:
        """The archive's index folder in the data dir, or a temporary one when that cannot be used."""
        if self.places is None:
            self.places = IndexPlaces(self.paths, warn=logger.warning)
        return self.places.directory(self.archive)

    def ingest(self, progress: Callable[[int, int, str], None] | None = None) -> Any:
        """The archive's catalogue, brought up to date first (only new and changed files are read)."""
        from viewer.core.archive_update import open_archive
        from viewer.core.progress import no_progress
        from viewer.core.sync import sync_catalogue

        def read() -> Any:
            archive = open_archive(self.archive, self.index_dir)
            sync_catalogue(
                self.archive,
                archive.catalogue,
                max_file_bytes=self.settings.max_file_bytes,
                progress=progress if progress is not None else no_progress,
            )
            return archive

        return again_if_damaged(read)


def again_if_damaged(action: Callable[[], Any]) -> Any:
    """Run `action`; if it meets a damaged catalogue (recorded on disk as it is met), say so in one
    line and run it once more: the catalogue is then set aside and the archive read anew."""
    from viewer.core.catalogue import CatalogueCorrupt

    try:
        return action()
    except CatalogueCorrupt:
        _say("archive-viewer: the archive's catalogue is damaged; reading the archive again")
        return action()


# ---------------------------------------------------------------- argument parsing


def _global_options(parser: argparse.ArgumentParser, *, top: bool) -> None:
    """Global options, accepted before or after the command name."""
    default = None if top else argparse.SUPPRESS
    parser.add_argument(
        "--archive", metavar="DIR", default=default, help="archive folder (default: the bundled archive)"
    )
    parser.add_argument(
        "--data-dir",
        metavar="DIR",
        default=default,
        help="user data folder (default: platform user data dir; env ARCHIVE_VIEWER_HOME)",
    )
    parser.add_argument(
        "--portable",
        action="store_true",
        default=False if top else argparse.SUPPRESS,
        help="keep the user data in a 'data' folder beside the program (a portable install)",
    )
    parser.add_argument(
        "--engine",
        choices=["tantivy", "whoosh"],
        default=default,
        help="search engine (default: the setting search_engine, tantivy; whoosh is the fallback)",
    )
    parser.add_argument(
        "--server",
        metavar="HOST:PORT",
        default=default,
        help="search the archive on this search cluster (Manticore or Sphinx; README: search cluster);"
        " publish: every shard, HOST:PORT,HOST:PORT,…",
    )
    parser.add_argument(
        "-v",
        "--verbose",
        action="store_true",
        default=False if top else argparse.SUPPRESS,
        help="log what happens to standard error",
    )


class _Parser(argparse.ArgumentParser):
    """argparse that raises instead of exiting, so main() decides exit codes and messages."""

    def error(self, message: str) -> None:  # type: ignore[override]
        raise UsageError(f"{self.prog}: {message}")


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="archive-viewer",
        description="Archive Viewer (档案阅览): read, search and "
        "excerpt an archive of Chinese documents offline. With no command, opens the window.",
    )
    parser.add_argument("--version", action="version", version=f"archive-viewer {__version__}")
    _global_options(parser, top=True)
    parser.add_argument(
        "--startup-probe",
        action="store_true",
        help="start the window, print painted_ms=<n> once painted, and exit",
    )
    parser.add_argument(
        "--self-test",
        action="store_true",
        help="check the installed app end to end, offscreen, and print a summary",
    )
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    for register in _COMMANDS:
        register(commands)
    return parser


def _add_command(
    commands: Any, name: str, help_text: str, handler: Callable[[Context], int]
) -> argparse.ArgumentParser:
    sub = commands.add_parser(name, help=help_text, description=help_text)
    _global_options(sub, top=False)
    sub.set_defaults(handler=handler)
    return sub


def excerpt_id(text: str) -> int:
    """An excerpt id from the command line: a whole number SQLite can hold (any other cannot exist)."""
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"invalid excerpt id: '{text}' (a whole number)") from None
    if not SQLITE_INT_MIN <= value <= SQLITE_INT_MAX:
        raise argparse.ArgumentTypeError(f"no excerpt {text} (ids go up to {SQLITE_INT_MAX})")
    return value


def utf8_text(text: str, what: str) -> str:
    """`text` as given, or a usage error when it came from bytes that were not UTF-8 (Python decodes
    argv with surrogateescape: such bytes become lone surrogates, which SQLite cannot store)."""
    if _SURROGATE_RE.search(text):
        shown = _SURROGATE_RE.sub("\ufffd", text)
        raise UsageError(f"the {what} '{shown}' is not valid UTF-8; nothing was stored")
    return text


def _say(line: str) -> None:
    """One line on stderr (none in a windowed app: then the log has it). A byte that was not UTF-8
    (a lone surrogate, from an argument or a file name) is shown as \\xNN, as `list` shows names."""
    line = _SURROGATE_RE.sub(_escaped_byte, line).replace("\r", "\\r").replace("\n", "\\n")  # one line
    if sys.stderr is None:
        logger.info("%s", line)
        return
    sys.stderr.write(line + "\n")


def _escaped_byte(match: re.Match[str]) -> str:
    code = ord(match.group())
    return f"\\x{code - 0xDC00:02x}" if 0xDC80 <= code <= 0xDCFF else "\ufffd"


def _link_loop(value: str | None) -> str:
    """Why a folder given on the command line cannot be resolved (a symbolic link loop), or ""."""
    if not value:
        return ""
    try:
        Path(value).expanduser().resolve()
    except (RuntimeError, OSError) as exc:  # RuntimeError up to Python 3.12, OSError (ELOOP) after
        return f"its symbolic links form a loop ({exc})" if "loop" in str(exc).lower() else str(exc)
    return ""


def _data_dir_problem(root: Path) -> str | None:
    """Why the data folder `root` cannot be used, when it (or the nearest existing folder above it)
    is a file: checked before anything is read or written there."""
    for path in (root, *root.parents):
        try:
            if path.exists():
                return (
                    None
                    if path.is_dir()
                    else f"the data folder {root} cannot be used: {path} is not a folder"
                )
        except OSError:  # a folder above cannot be searched: each store says so when it is needed
            return None
    return None


# ---------------------------------------------------------------- output helpers


def _json_bytes(data: Any, *, indent: int | None = None) -> bytes:
    """JSON in UTF-8. A lone surrogate (Python's stand-in for bytes that were not UTF-8: an argument,
    a file name) cannot be encoded; it goes out as U+FFFD, as a UTF-8 decoder would have shown it."""
    text = json.dumps(data, ensure_ascii=False, indent=indent)
    return _SURROGATE_RE.sub("\ufffd", text).encode("utf-8")


def print_json(data: Any) -> None:
    """JSON on stdout, UTF-8 whatever the terminal's locale."""
    sys.stdout.buffer.write(_json_bytes(data, indent=2) + b"\n")
    sys.stdout.flush()


def echo(text: str = "") -> None:
    """A line on stdout in UTF-8 (Windows consoles and C locales included)."""
    sys.stdout.buffer.write(text.encode("utf-8", "replace") + b"\n")
    sys.stdout.flush()


def terminal_progress(label: str) -> Callable[[int, int, str], None]:
    """A one-line progress bar on a terminal; silent when stderr is not a terminal."""
    if sys.stderr is None or not sys.stderr.isatty():
        return lambda done, total, message: None

    def show(done: int, total: int, message: str) -> None:
        width = 30
        filled = int(width * done / total) if total else width
        sys.stderr.write(f"\r{label} [{'#' * filled}{'.' * (width - filled)}] {done}/{total}")
        if done >= total:
            sys.stderr.write("\n")
        sys.stderr.flush()

    return show


# ---------------------------------------------------------------- commands: documents


def _cmd_list(ctx: Context) -> int:
    archive = ctx.ingest(terminal_progress("Reading archive"))
    if ctx.args.json:
        print_json(
            {
                "archive": str(archive.root),
                "documents": [d.summary_json() for d in archive.documents],
                "problems": [{"source": p.source, "reason": p.reason} for p in archive.problems],
            }
        )
        return EXIT_OK
    for d in archive.documents:
        authors = "、".join(d.authors)
        echo(
            f"{d.id}  {d.source}  {d.title}  [{d.kind}, {d.year or '-'}, {d.script}, {d.encoding}]  {authors}".rstrip()
        )
    echo(f"{len(archive.documents)} documents, {archive.size_bytes / 1e6:.2f} MB")
    if archive.problems:
        echo(f"{len(archive.problems)} files could not be read:")
        for p in archive.problems:
            echo(f"  {p}")
    return EXIT_OK


def _cmd_show(ctx: Context) -> int:
    archive = ctx.ingest()
    summary = find_document(archive, ctx.args.doc)
    doc = archive.document(summary.id)
    if doc is None:
        raise UsageError(f"No document '{ctx.args.doc}' in {archive.root} (try `archive-viewer list`)")
    if ctx.args.raw and not ctx.args.json:
        sys.stdout.buffer.write(archive.raw_text(doc).encode("utf-8"))
        sys.stdout.flush()
        return EXIT_OK
    if ctx.args.json:
        data = doc.to_json()
        if ctx.args.raw:
            data["raw_text"] = archive.raw_text(doc)
        print_json(data)
        return EXIT_OK
    echo(doc.title)
    if doc.subtitle:
        echo(doc.subtitle)
    echo(f"[{doc.id} · {doc.source} · {doc.kind} · {doc.year or '-'} · {doc.script} · {doc.encoding}]")
    if doc.authors:
        echo("、".join(doc.authors))
    about = [str(doc.metadata.get(key) or "") for key in ("date", "site")]
    pages = [p.page for p in doc.paragraphs if p.page is not None]
    if pages:
        about.append(f"pp. {min(pages)}-{max(pages)}")
    if any(about):
        echo(" · ".join(x for x in about if x))
    for repair in doc.repairs:
        if repair.count:
            echo(f"repaired: {repair.kind} ×{repair.count}: {repair.description}")
    echo()
    page = None
    for p in doc.paragraphs:
        if p.page is not None and p.page != page:
            page = p.page
            echo(f"[p. {page}]")
        echo(p.text)
    return EXIT_OK


def find_document(archive: Any, key: str) -> Any:
    """The document for an id, a file name or the path of its file, or a usage error that says
    what exists. A name with bytes that are not UTF-8 may be given with those bytes ($'bad\\xff.txt')
    or as `list` shows it (bad\\xff.txt)."""
    doc = archive.find(key)
    if doc is None:
        relative = _archive_relative(Path(archive.root), key)
        doc = archive.find(relative) if relative else None
    if doc is None:
        raise UsageError(f"No document '{key}' in {archive.root} (try `archive-viewer list`)")
    return doc


def _archive_relative(root: Path, key: str) -> str | None:
    """The archive-relative path (POSIX separators) of a file path given on the command line, if it
    is in the archive folder (as given, or once links are resolved)."""
    if not key or not os.path.exists(key):
        return None
    for base, path in (
        (os.path.abspath(root), os.path.abspath(key)),
        (os.path.realpath(root), os.path.realpath(key)),
    ):
        try:
            relative = os.path.relpath(path, base)
        except ValueError:  # Windows: another drive
            continue
        if relative != os.curdir and relative != os.pardir and not relative.startswith(os.pardir + os.sep):
            return relative.replace(os.sep, "/")
    return None


def _register_documents(commands: Any) -> None:
    sub = _add_command(commands, "list", "list the documents and the ingest report", _cmd_list)
    sub.add_argument("--json", action="store_true", help="machine-readable output")
    sub = _add_command(commands, "show", "show one document (id or source file name)", _cmd_show)
    sub.add_argument("doc", metavar="DOC")
    sub.add_argument("--json", action="store_true", help="machine-readable output (fields: see README)")
    sub.add_argument("--raw", action="store_true", help="the untouched text as read from the file")


# ---------------------------------------------------------------- commands: search (issue 3)


def _open_index(
    ctx: Context, *, rebuild: bool = False, force: bool = False, quick: bool = False
) -> tuple[Any, Any]:
    """The archive's search index, brought up to date first when the folder or the index changed;
    and what the update did (None when none was needed)."""
    from viewer.core.archive_update import open_archive, refresh
    from viewer.core.search import SearchIndex
    from viewer.core.sync import needs_sync, probably_current
    from viewer.prebuilt import install_prebuilt_index

    if ctx.servers:
        return _open_cluster_index(ctx, ctx.servers), None
    install_prebuilt_index(ctx.index_dir, ctx.archive)  # installed app, first run: the shipped index
    archive = open_archive(ctx.archive, ctx.index_dir)
    index = SearchIndex.open(ctx.index_dir, archive.catalogue, ctx.engine)
    stats = None

    def stale() -> bool:
        # `search` answers at once when no file was added, removed or renamed (folder times); edits
        # in place are found by `index` and by the window, which compare every file's size and date.
        if quick:  # an update killed before its end (catalogue read, index not) leaves the mark unset
            identity = archive.catalogue.index_identity(index.engine)
            return (
                not archive.catalogue.finished_cleanly()
                or not probably_current(ctx.archive, archive.catalogue)
                or identity != index.backend.identity
            )
        return needs_sync(ctx.archive, archive.catalogue) or index.needs_update()

    if force or rebuild or not index.ready or stale():
        index.close()
        archive.catalogue.close()
        stats = refresh(
            ctx.archive,
            ctx.index_dir,
            engine=ctx.engine,
            max_file_bytes=ctx.settings.max_file_bytes,
            rebuild=rebuild,
            progress=terminal_progress("Updating the index"),
        )
        archive = open_archive(ctx.archive, ctx.index_dir)
        index = SearchIndex.open(ctx.index_dir, archive.catalogue, ctx.engine)
        if not index.ready:
            index.close()
            raise ViewerError(f"The new search index cannot be read ({index.problem}).")
    return index, stats


def _open_cluster_index(ctx: Context, servers: list[tuple[str, int]]) -> Any:
    """The archive's index on a search cluster, with the catalogue published beside the archive; the
    local index when the cluster does not answer and there is one that matches the catalogue."""
    from viewer.core.published import open_published
    from viewer.core.search.backend import STATE_MISSING
    from viewer.core.search.index import open_cluster_index
    from viewer.core.search.sphinxql_backend import ServerUnreachable, format_servers

    archive = open_published(ctx.archive, ctx.index_dir)
    try:
        index, note = open_cluster_index(ctx.index_dir, archive.catalogue, servers, ctx.engine)
    except ServerUnreachable:
        archive.catalogue.close()
        raise
    if note:
        _say(f"archive-viewer: {note}")
    if not index.ready:
        state, problem = index.state, index.problem
        index.close()
        archive.catalogue.close()
        where = format_servers(servers)
        if state == STATE_MISSING:
            hint = (
                "publish it first (archive-viewer publish --server HOST:PORT,…), or search without --server"
            )
        else:
            hint = "give the first shard alone (--server HOST:PORT), or publish the archive again"
        raise ViewerError(f"The archive cannot be searched on {where} ({problem}); {hint}.")
    return index


def _cmd_publish(ctx: Context) -> int:
    """Read the archive, put its index on the cluster (changed documents only), publish the catalogue."""
    from viewer.core.published import adopt_published_name, write_published
    from viewer.core.search.engines import CLUSTER_ENGINE
    from viewer.core.search.index import SearchIndex
    from viewer.core.search.maintenance import update_index
    from viewer.core.search.sphinxql_backend import SphinxBackend, format_servers

    servers = ctx.servers if getattr(ctx.args, "server", None) else None
    if not servers:
        raise UsageError(
            "publish needs --server HOST:PORT[,HOST:PORT…] (every shard of the cluster, in order)"
        )
    adopt_published_name(ctx.archive, ctx.index_dir)
    archive = again_if_damaged(lambda: ctx.ingest(terminal_progress("Reading the archive")))
    try:
        backend = SphinxBackend.open(SearchIndex.directory(ctx.index_dir, CLUSTER_ENGINE), servers)
        try:
            stats = update_index(
                archive.catalogue, backend, rebuild=ctx.args.rebuild, progress=terminal_progress("Publishing")
            )
            state = backend.published_state()
        finally:
            backend.close()
        try:
            where = write_published(ctx.archive, ctx.index_dir, state)
        except OSError as exc:
            raise ViewerError(
                f"Published to {format_servers(servers)}, but the catalogue cannot be written beside the"
                f" archive ({exc.strerror or exc}): readers cannot search it until it is; make the archive"
                " folder writable and publish again (only the catalogue is written then)."
            ) from exc
    finally:
        archive.catalogue.close()
    if ctx.args.json:
        print_json(dict(stats.to_json(), servers=format_servers(servers), catalogue=str(where)))
        return EXIT_OK
    what = "anew" if stats.rebuilt else "changes"
    echo(
        f"Published ({what}) to {format_servers(servers)}: {stats.added} added, {stats.updated} updated,"
        f" {stats.removed} removed, {stats.unchanged} unchanged, {stats.seconds:.2f} s"
    )
    echo(f"Catalogue for readers: {where}")
    return EXIT_OK


def _cmd_server_config(ctx: Context) -> int:
    """Write ready searchd configs for a cluster of --shards shards on loopback ports from --port."""
    from viewer.core.search.sphinx_config import BINARY_OFFSET, write_configs

    args = ctx.args
    try:
        written = write_configs(args.shards, args.port, Path(args.out))
    except ValueError as exc:
        raise UsageError(str(exc)) from exc
    except OSError as exc:
        raise ViewerError(f"Cannot write the configs in {args.out}: {exc.strerror or exc}") from exc
    for number, path in enumerate(written, start=1):
        sql, binary = args.port + number - 1, args.port + BINARY_OFFSET + number - 1
        echo(f"{path}  (SphinxQL 127.0.0.1:{sql}, agents 127.0.0.1:{binary})")
    echo("Start each shard:  searchd --config DIR/shardK.conf")
    echo(
        "Publish:  archive-viewer publish --archive ARCHIVE --server "
        + ",".join(f"127.0.0.1:{args.port + k}" for k in range(args.shards))
    )
    echo(f"Read:     archive-viewer --archive ARCHIVE --server 127.0.0.1:{args.port}")
    return EXIT_OK


def _register_cluster(commands: Any) -> None:
    sub = _add_command(
        commands,
        "publish",
        "put the archive's index on a search cluster (--server: every shard) and its catalogue beside it",
        _cmd_publish,
    )
    sub.add_argument("--rebuild", action="store_true", help="publish everything anew")
    sub.add_argument("--json", action="store_true", help="machine-readable output")
    sub = _add_command(
        commands, "server-config", "write ready searchd configs for a search cluster", _cmd_server_config
    )
    sub.add_argument("--shards", type=int, required=True, metavar="N", help="number of shards")
    sub.add_argument("--port", type=int, required=True, metavar="P", help="SphinxQL port of the first shard")
    sub.add_argument("--out", required=True, metavar="DIR", help="folder for shard1.conf … and the data")


def _cmd_index(ctx: Context) -> int:
    if getattr(ctx.args, "server", None):
        raise UsageError("an index on a search cluster is made by `archive-viewer publish --server …`")
    index, stats = again_if_damaged(lambda: _open_index(ctx, rebuild=ctx.args.rebuild, force=True))
    index.close()
    index.catalogue.close()
    if ctx.args.json:
        print_json(stats.to_json())
        return EXIT_OK
    docs, ix = stats.catalogue, stats.index
    echo(
        f"Archive read: {docs.added} added, {docs.updated} changed, {docs.removed} removed, "
        f"{docs.unchanged} unchanged, {docs.problems} not readable, {docs.seconds:.2f} s"
    )
    if ix is not None:
        what = "rebuilt" if ix.rebuilt else "updated"
        echo(
            f"Index {what}: {ix.added} added, {ix.updated} updated, {ix.removed} removed, "
            f"{ix.unchanged} unchanged, {ix.seconds:.2f} s"
        )
    return EXIT_OK


def _print_results(results: Any) -> None:
    mark = sys.stdout.isatty()
    last_doc = None
    for hit in results.hits:
        if hit.doc_id != last_doc:
            last_doc = hit.doc_id
            echo(f"{hit.source}  {hit.title}  [{hit.kind}, {hit.year or '-'}]")
        snippet = hit.snippet
        if mark:
            for start, end in reversed(hit.snippet_matches):
                snippet = f"{snippet[:start]}\x1b[1;31m{snippet[start:end]}\x1b[0m{snippet[end:]}"
        echo(f"  {pilcrow(hit.paragraph_ordinal)}  {snippet}")
    shown = len(results.hits)
    if shown < results.total_hits:
        first = results.offset + 1 if shown else results.offset
        note = (
            f" (showing {first}–{results.offset + shown})" if shown else f" (none from {results.offset + 1})"
        )
    else:
        note = ""
    echo(f"{results.total_hits} hits in {results.total_documents} documents{note}")
    if results.explanation:
        echo(results.explanation)


def _cmd_search(ctx: Context) -> int:
    args = ctx.args
    if args.limit is not None and args.limit < 0:
        raise UsageError("--limit must be 0 or more")
    if args.offset < 0:
        raise UsageError("--offset must be 0 or more")
    from viewer.core.search.query import parse_query

    if args.stdin:
        if args.query is not None:
            raise UsageError("give the queries on standard input or as an argument, not both")
        return _search_batch(ctx)
    if args.query is None:
        raise UsageError("a query is needed (or --stdin for one query per line)")
    parse_query(args.query)  # a syntax error is reported before any indexing

    def search() -> Any:
        index, _stats = _open_index(ctx, quick=True)
        try:
            return index.search(args.query, offset=args.offset, limit=args.limit, sort=args.sort)
        finally:
            index.close()
            index.catalogue.close()

    results = again_if_damaged(search)
    if args.json:
        print_json(results.to_json())
    else:
        _print_results(results)
    if results.incomplete:
        _say(f"archive-viewer: {results.incomplete}")
    return EXIT_OK


def _search_batch(ctx: Context) -> int:
    """One query per line on stdin; each answer printed (and flushed) as soon as it is found.

    With --json each answer is one line of JSON: the results, or {"query": …, "error": …} for a query
    that cannot be parsed. Used by scripts, and to measure latency in one warm process.
    """
    from viewer.core.catalogue import CatalogueCorrupt
    from viewer.errors import QuerySyntaxError

    args = ctx.args
    index, _stats = again_if_damaged(lambda: _open_index(ctx, quick=True))
    try:
        for raw in sys.stdin.buffer:
            query = raw.decode("utf-8", "replace").strip()
            if not query:
                continue
            try:
                try:
                    results = index.search(query, offset=args.offset, limit=args.limit, sort=args.sort)
                except CatalogueCorrupt:  # met while reading hits: read the archive again, then answer
                    index.close()
                    index.catalogue.close()
                    _say("archive-viewer: the archive's catalogue is damaged; reading the archive again")
                    index, _stats = again_if_damaged(lambda: _open_index(ctx, quick=True))
                    results = index.search(query, offset=args.offset, limit=args.limit, sort=args.sort)
            except QuerySyntaxError as exc:
                if args.json:
                    _print_json_line({"query": query, "error": str(exc)})
                else:
                    echo(f"{query}: {exc}")
                continue
            if args.json:
                _print_json_line(results.to_json())
            else:
                echo(f"# {query}")
                _print_results(results)
            if results.incomplete:
                _say(f"archive-viewer: {query}: {results.incomplete}")
    finally:
        index.close()
        index.catalogue.close()
    return EXIT_OK


def _print_json_line(data: Any) -> None:
    sys.stdout.buffer.write(_json_bytes(data) + b"\n")
    sys.stdout.flush()


def _register_search(commands: Any) -> None:
    sub = _add_command(commands, "index", "build or update the search index of the archive", _cmd_index)
    sub.add_argument("--rebuild", action="store_true", help="rebuild from scratch")
    sub.add_argument("--json", action="store_true", help="machine-readable output")
    sub = _add_command(commands, "search", "search the archive (query language: see README)", _cmd_search)
    sub.add_argument("query", metavar="QUERY", nargs="?")
    sub.add_argument("--json", action="store_true", help="machine-readable output (fields: see README)")
    sub.add_argument("--limit", type=int, default=20, metavar="N", help="hits to show (default 20)")
    sub.add_argument("--offset", type=int, default=0, metavar="N", help="hits to skip first (paging)")
    sub.add_argument("--sort", choices=["relevance", "year"], default="relevance")
    sub.add_argument(
        "--stdin", action="store_true", help="read one query per line; print each answer as it is found"
    )


# ---------------------------------------------------------------- commands: kwic (issue 10)


def _cmd_kwic(ctx: Context) -> int:
    """Every match of a query on its own line, centred on the match (core/search/kwic.py)."""
    from viewer.core.search.kwic import kwic, sort_lines, write_kwic_csv
    from viewer.core.search.query import parse_query

    args = ctx.args
    if args.width < 0:
        raise UsageError("--width must be 0 or more")
    if args.limit < 0:
        raise UsageError("--limit must be 0 or more")
    parse_query(args.query)  # a syntax error is reported before any indexing

    def run() -> Any:
        index, _stats = _open_index(ctx, quick=True)
        try:
            return kwic(
                index, args.query, width=args.width, limit=args.limit, progress=terminal_progress("KWIC")
            )
        finally:
            index.close()
            index.catalogue.close()

    result = again_if_damaged(run)
    result.lines = sort_lines(result.lines, args.sort)
    if args.csv:
        write_kwic_csv(result.lines, Path(args.csv))
    if args.json:
        print_json(dict(result.to_json(), sort=args.sort))
        if result.incomplete:
            _say(f"archive-viewer: {result.incomplete}")
        return EXIT_OK
    if args.csv:
        echo(f"{len(result.lines)} lines -> {args.csv}")
    else:
        _print_kwic(result.lines, args.width)
    echo(_kwic_summary(result))
    if result.incomplete:
        _say(f"archive-viewer: {result.incomplete}")
    return EXIT_OK


def _print_kwic(lines: Any, width: int) -> None:
    """Aligned lines: the left context right-aligned, so every keyword starts in the same column."""
    mark = sys.stdout.isatty()
    for line in lines:
        keyword = f"\x1b[1;31m{line.keyword}\x1b[0m" if mark else f"[{line.keyword}]"
        pad = " " * max(0, width * 2 - _columns(line.left))  # CJK takes two terminal columns
        right = line.right + " " * max(0, width * 2 - _columns(line.right))
        echo(f"{pad}{line.left} {keyword} {right}  {line.source} ¶{line.ordinal + 1}")


def _columns(text: str) -> int:
    """Terminal columns `text` takes: wide (CJK) characters two, others one."""
    import unicodedata

    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def _kwic_summary(result: Any) -> str:
    if result.truncated:
        return (
            f"{len(result.lines)} of at least {result.total_matches_seen} matches "
            f"(from {result.hits_seen} of {result.total_hits} matching paragraphs; raise --limit for more)"
        )
    if result.total_hits and not result.total_matches_seen:
        return f"The query selects whole documents ({result.total_documents}): no words to show in context"
    return (
        f"{len(result.lines)} matches in {result.total_hits} paragraphs of {result.total_documents} documents"
    )


# As in viewer.core.search.kwic (a test checks): not imported here, so building the parser (every
# start of the window included) does not load the search package.
KWIC_SORTS = ("order", "left", "right", "keyword", "document")
KWIC_WIDTH = 20
KWIC_LIMIT = 20_000


def _register_kwic(commands: Any) -> None:
    sub = _add_command(
        commands, "kwic", "keyword in context: every match on its own line, centred on it", _cmd_kwic
    )
    sub.add_argument("query", metavar="QUERY")
    sub.add_argument(
        "--width",
        type=int,
        default=KWIC_WIDTH,
        metavar="N",
        help=f"characters of context on each side (default {KWIC_WIDTH})",
    )
    sub.add_argument(
        "--sort",
        choices=list(KWIC_SORTS),
        default="order",
        help="order: result order (default); left: by the left context read from the match outwards; "
        "right: by the right context; keyword; document",
    )
    sub.add_argument(
        "--limit",
        type=int,
        default=KWIC_LIMIT,
        metavar="N",
        help=f"lines at most, in result order before sorting (default {KWIC_LIMIT})",
    )
    sub.add_argument("--csv", metavar="FILE", help="write the lines to a CSV file (UTF-8 with BOM)")
    sub.add_argument("--json", action="store_true", help="machine-readable output")


# ---------------------------------------------------------------- commands: excerpts (issue 5)


def _open_store(ctx: Context) -> Any:
    """The user's excerpt store; a damaged one is moved aside, salvaged into a new one, and said once."""
    from viewer.core.excerpts import ExcerptStore

    store = ExcerptStore(ctx.paths.ensure().excerpts_db)
    if store.recovered is not None:
        logger.warning("%s", store.recovered)  # one line on stderr, as the settings' warning
    return store


def _cmd_excerpt_add(ctx: Context) -> int:
    from viewer.core.convert import traditional_config
    from viewer.core.excerpts import make_excerpt

    args = ctx.args
    utf8_text(args.note, "note")
    for tag in args.tag:
        utf8_text(tag, "tag")
    utf8_text(args.collection, "collection name")
    archive = ctx.ingest()
    doc = archive.document(find_document(archive, args.doc).id)
    to_traditional = traditional_config(ctx.settings.variant)
    excerpt = make_excerpt(
        doc,
        args.paragraph,
        args.start,
        args.end_paragraph,
        args.end,
        note=args.note,
        tags=args.tag,
        to_traditional=to_traditional,
    )
    with _open_store(ctx) as store:
        collection = store.get_or_create_collection(args.collection) if args.collection else None
        saved = store.add(excerpt, collection.id if collection else None)
    if args.json:
        print_json(saved.to_json())
    else:
        echo(f"{saved.id}  {saved.text[:40]}")
    return EXIT_OK


def _cmd_excerpt_list(ctx: Context) -> int:
    from viewer.core.citation import reference

    utf8_text(ctx.args.collection, "collection name")
    with _open_store(ctx) as store:
        collections = store.collections()
        if ctx.args.collection:
            collections = [store.collection(ctx.args.collection)]
        listed = [(c, store.list(c.id)) for c in collections]
    if ctx.args.json:
        print_json(
            {
                "collections": [{"id": c.id, "name": c.name, "count": c.count} for c, _ in listed],
                "excerpts": [dict(e.to_json(), collection=c.name) for c, found in listed for e in found],
            }
        )
        return EXIT_OK
    for c, found in listed:
        echo(f"{c.name} ({len(found)})")
        for e in found:
            text = e.text.replace("\n", " ")
            flags = "" if e.anchor_status == "ok" else f" [{e.anchor_status}]"
            echo(
                f"  {e.id}  「{text[:30]}{'…' if len(text) > 30 else ''}」  {reference(e.citation, 'short')}"
                f"{flags}"
            )
            if e.note:
                echo(f"      note: {e.note}")
            if e.tags:
                echo(f"      tags: {', '.join(e.tags)}")
    return EXIT_OK


def _cmd_excerpt_delete(ctx: Context) -> int:
    with _open_store(ctx) as store:
        for excerpt_id in ctx.args.ids:
            store.get(excerpt_id)  # a usage error for an id that does not exist
        store.delete(ctx.args.ids)
    echo(f"deleted {len(ctx.args.ids)} excerpt(s)")
    return EXIT_OK


def _cmd_excerpt_check(ctx: Context) -> int:
    archive = ctx.ingest()
    with _open_store(ctx) as store:
        counts = store.reanchor(archive.by_id())
    echo(
        f"{counts['ok']} in place, {counts['moved']} moved (re-anchored), "
        f"{counts['missing']} missing from the archive (kept, marked)"
    )
    return EXIT_OK


def _cmd_excerpt_export(ctx: Context) -> int:
    from viewer.core.export import ExportOptions

    args = ctx.args
    utf8_text(args.collection, "collection name")
    options = ExportOptions(
        script=args.script or ctx.settings.excerpt_script,
        style=args.style or ctx.settings.citation_style,
        include_notes=not args.no_notes,
        include_tags=not args.no_tags,
        **({"title": args.title} if args.title else {}),
    )
    with _open_store(ctx) as store:
        if args.collection:
            excerpts = store.list(store.collection(args.collection).id)
        else:
            excerpts = store.list(all_collections=True)
    if args.format == "pdf":
        from viewer.render.pdf import export  # Qt only for PDF
    else:
        from viewer.core.export import write_export as export
    size = export(Path(args.output), args.format, excerpts, options)
    echo(f"{len(excerpts)} excerpts -> {args.output} ({size} bytes)")
    return EXIT_OK


def _register_excerpts(commands: Any) -> None:
    from viewer.core.citation import SCRIPT_CHOICES, STYLES
    from viewer.core.export import FORMATS

    sub = _add_command(commands, "excerpt", "add, list and export excerpts", lambda ctx: EXIT_USAGE)
    actions = sub.add_subparsers(
        dest="excerpt_command", metavar="ACTION", parser_class=_Parser, required=True
    )
    add = _add_command(actions, "add", "keep a passage of a document", _cmd_excerpt_add)
    add.add_argument("doc", metavar="DOC", help="document id or file name")
    add.add_argument(
        "--paragraph", required=True, metavar="P", help="paragraph id (as `show --json` gives it)"
    )
    add.add_argument("--start", type=int, default=0, metavar="A", help="offset into the paragraph text")
    add.add_argument(
        "--end",
        type=int,
        default=None,
        metavar="B",
        help="end offset (exclusive; default: end of the paragraph)",
    )
    add.add_argument(
        "--end-paragraph",
        default=None,
        metavar="Q",
        help="last paragraph, for a passage over several (B is then an offset into Q)",
    )
    add.add_argument("--note", default="", metavar="T")
    add.add_argument("--tag", action="append", default=[], metavar="X", help="a tag (repeatable)")
    add.add_argument("--collection", default="", metavar="C", help="collection (created if new)")
    add.add_argument("--json", action="store_true", help="print the stored excerpt as JSON")
    lst = _add_command(actions, "list", "list the excerpts by collection", _cmd_excerpt_list)
    lst.add_argument("--collection", default="", metavar="C")
    lst.add_argument("--json", action="store_true", help="machine-readable output")
    delete = _add_command(actions, "delete", "delete excerpts by id", _cmd_excerpt_delete)
    delete.add_argument("ids", type=excerpt_id, nargs="+", metavar="ID")
    _add_command(actions, "check", "re-anchor the excerpts against the archive", _cmd_excerpt_check)
    exp = _add_command(actions, "export", "export excerpts to a file", _cmd_excerpt_export)
    exp.add_argument("--format", required=True, choices=list(FORMATS))
    exp.add_argument(
        "--script",
        choices=SCRIPT_CHOICES,
        default=None,
        help="excerpt text script (default: the setting, normally original)",
    )
    exp.add_argument("--style", choices=STYLES, default=None, help="citation style (default: gbt7714)")
    exp.add_argument("--collection", default="", metavar="C", help="one collection (default: all)")
    exp.add_argument("--no-notes", action="store_true", help="leave the notes out")
    exp.add_argument("--no-tags", action="store_true", help="leave the tags out")
    exp.add_argument("--title", default="", help="title of the exported file")
    exp.add_argument("-o", "--output", required=True, metavar="FILE")


_COMMANDS: list[Callable[[Any], None]] = [
    _register_documents,
    _register_excerpts,
    _register_search,
    _register_kwic,
    _register_cluster,
]


# ---------------------------------------------------------------- entry point


def main(argv: Sequence[str] | None = None, *, run_window: Callable[[Context], int] | None = None) -> int:
    """Parse arguments and run a command; user errors become one line and an exit code.

    Without a command, `run_window` opens the window (launcher.py passes it: this module never
    imports the GUI); without one, the usage is printed."""
    argv = list(sys.argv[1:] if argv is None else argv)
    try:
        args = build_parser().parse_args(argv)
    except UsageError as exc:
        _say(str(exc))
        return EXIT_USAGE
    except SystemExit as exc:  # --help / --version
        return int(exc.code or 0)
    logs = LogSetup(verbose=args.verbose).install()
    if args.self_test:  # before any user path or setting is touched: it runs in a temporary data dir
        from viewer.selftest import run_self_test

        return run_self_test(verbose=args.verbose)
    for option, value in (("--archive", args.archive), ("--data-dir", args.data_dir)):
        if value is not None and not value.strip():
            _say(f"archive-viewer: {option} needs a folder, not an empty string")
            return EXIT_USAGE
    for option, value in (("--archive", args.archive), ("--data-dir", args.data_dir)):
        loop = _link_loop(value)
        if loop:
            _say(f"archive-viewer: {option} {value} cannot be used: {loop}")
            return EXIT_USAGE
    paths = DataPaths.resolve(args.data_dir, portable=args.portable)
    problem = _data_dir_problem(paths.root)
    if problem:
        _say(f"archive-viewer: {problem}")
        return EXIT_USAGE
    logs.attach_file(paths.log_file)
    settings, warning = Settings.load(paths.settings_file)
    if warning:
        logger.warning("%s", warning)
    archive = Path(args.archive).expanduser() if args.archive else bundled_archive()
    ctx = Context(archive, paths, settings, args, logs=logs)
    handler = getattr(args, "handler", None)
    try:
        if handler is None:
            if run_window is None:
                build_parser().print_usage(sys.stderr or sys.stdout)
                return EXIT_USAGE
            return run_window(ctx)
        return int(handler(ctx))
    except UsageError as exc:
        _say(f"archive-viewer: {exc}")
        return EXIT_USAGE
    except ViewerError as exc:
        _say(f"archive-viewer: {exc}")
        return EXIT_FAILURE
    except KeyboardInterrupt:
        _say("archive-viewer: interrupted")
        return 130
    except BrokenPipeError:
        return EXIT_OK
    except Exception as exc:  # a bug or an unforeseen OS condition: one line; the traceback goes to the log
        report_unexpected(exc, logs)
        return EXIT_FAILURE
    finally:
        if ctx.places is not None:
            ctx.places.cleanup()
