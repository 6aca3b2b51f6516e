"""Script-insensitive, exact full-text search over the archive, on a pluggable engine (backend.py).

Importing this package imports no engine: the window paints before tantivy or Whoosh is loaded.
"""

from __future__ import annotations

from viewer.core.folding import find_matches, fold
from viewer.core.search.index import SearchIndex
from viewer.core.search.maintenance import IndexStats
from viewer.core.search.results import Hit, SearchResults

__all__ = ["Hit", "IndexStats", "SearchIndex", "SearchResults", "find_matches", "fold"]
