"""Script-insensitive, exact full-text search over the archive: the only package that imports Whoosh."""

from __future__ import annotations

from viewer.core.search import whoosh_fixes as _whoosh_fixes  # noqa: F401 (patches Whoosh once)
from viewer.core.search.analysis import find_matches, fold
from viewer.core.search.index import SearchIndex
from viewer.core.search.indexer import UpdateStats
from viewer.core.search.schema import SCHEMA_VERSION
from viewer.core.search.searcher import Hit, SearchResults

__all__ = ["SCHEMA_VERSION", "Hit", "SearchIndex", "SearchResults", "UpdateStats", "find_matches", "fold"]
