"""Which search engines this installation can run, and opening one by name.

tantivy is the main engine; it is a compiled wheel that may be missing on an unusual platform, so
Whoosh (pure Python) is always there as the fallback. The third, "sphinxql", is not local: it is an
institution's search cluster, opened only with the servers to ask (sphinxql_backend.py).
"""

from __future__ import annotations

import importlib.util
import logging
from collections import Counter
from pathlib import Path

from viewer.core.search.backend import SearchBackend

logger = logging.getLogger(__name__)

ENGINES = ("tantivy", "whoosh")  # local engines, preferred first
CLUSTER_ENGINE = "sphinxql"


def _tantivy_importable() -> bool:
    try:
        return importlib.util.find_spec("tantivy") is not None
    except (ImportError, ValueError):
        return False


def available_engines() -> list[str]:
    """The engines that can run here, preferred first ("whoosh" always)."""
    return [name for name in ENGINES if name != "tantivy" or _tantivy_importable()]


def open_backend(engine: str, directory: Path, servers: list[tuple[str, int]] | None = None) -> SearchBackend:
    """Open the index of `engine` in `directory` (never raises for damage: see its health).

    An engine that cannot run here falls back to Whoosh; an unknown name is a programming error.
    "sphinxql" needs `servers` and raises ServerUnreachable when the first one does not answer.
    """
    if engine == CLUSTER_ENGINE:
        if not servers:
            raise ValueError("the sphinxql engine needs servers")
        from viewer.core.search.sphinxql_backend import SphinxBackend

        return SphinxBackend.open(directory, servers)
    if engine not in ENGINES:
        raise ValueError(f"unknown search engine {engine!r} (engines: {', '.join(ENGINES)})")
    if engine == "tantivy":
        try:
            from viewer.core.search.tantivy_backend import TantivyBackend
        except ImportError as exc:
            logger.warning("tantivy cannot be imported (%s); searching with Whoosh instead", exc)
        else:
            return TantivyBackend.open(directory)
    from viewer.core.search.whoosh_backend import WhooshBackend

    return WhooshBackend.open(directory)


def facets(
    kinds: Counter[str], years: Counter[int | None], folders: Counter[str]
) -> dict[str, dict[str, int]]:
    """The facets every backend reports, from matching documents counted per kind, year and folder:
    kinds and folders most common first (then by name), years newest first (undated left out);
    a folder is the archive-relative folder of the file ("" at the archive's top)."""
    return {
        "kind": dict(sorted(kinds.items(), key=lambda kv: (-kv[1], kv[0]))),
        "year": {str(y): n for y, n in sorted((y, n) for y, n in years.items() if y is not None)[::-1]},
        "folder": dict(sorted(folders.items(), key=lambda kv: (-kv[1], kv[0]))),
    }


def folder_of(source: str) -> str:
    """The archive-relative folder of a file ("" at the archive's top)."""
    return source.rpartition("/")[0]
