"""The GUI's door to viewer.core.search, imported lazily so the window opens even without an index."""

from __future__ import annotations

import functools
import importlib
import importlib.util
import logging
from collections.abc import Callable
from types import ModuleType

from viewer.core.convert import char_table, convert

logger = logging.getLogger(__name__)


def search_module() -> ModuleType | None:
    """viewer.core.search when it is importable and complete, else None (search shows as unavailable)."""
    try:
        module = importlib.import_module("viewer.core.search")
    except ImportError as exc:
        logger.info("Search unavailable: %s", exc)
        return None
    return module if hasattr(module, "SearchIndex") else None


def search_available() -> bool:
    """Cheap check (no import) that the search package is present; the import happens in a job."""
    try:
        return importlib.util.find_spec("viewer.core.search") is not None
    except (ImportError, ValueError):
        return False


@functools.cache
def _fallback_table() -> dict[int, str]:
    return char_table("t2s")


def _fallback_fold(text: str) -> str:
    return text.translate(_fallback_table()).casefold()


def quick_fold(text: str) -> str:
    """Folding without importing the search engine (the tree filter uses it before the index exists)."""
    folded = _fallback_fold(text)
    return folded if len(folded) == len(text) else text.translate(_fallback_table())


def fold_function() -> Callable[[str], str]:
    """Per-character folding (traditional → simplified, case), same length as its input."""
    module = search_module()
    fold = getattr(module, "fold", None) if module is not None else None
    if fold is not None:
        return fold

    def fold_same_length(text: str) -> str:
        folded = _fallback_fold(text)
        return folded if len(folded) == len(text) else text.translate(_fallback_table())

    return fold_same_length


def find_function() -> Callable[[str, str], list[tuple[int, int]]]:
    """Script-insensitive find-in-document: the search module's, or folding + str.find."""
    module = search_module()
    find = getattr(module, "find_matches", None) if module is not None else None
    if find is not None:
        return find
    fold = fold_function()

    def find_matches(needle: str, text: str) -> list[tuple[int, int]]:
        key = fold(needle)
        if not key:
            return []
        hay = fold(text)
        out, start = [], hay.find(key)
        while start >= 0:
            out.append((start, start + len(key)))
            start = hay.find(key, start + len(key))
        return out

    return find_matches


def script_variants(query: str) -> set[str]:
    """The query in each script, so a raw-text `in` test finds it whichever script a document is in."""
    out = {query}
    for config in ("t2s", "s2t", "s2tw", "s2hk"):
        out.add(convert(query, config))
    return {v for v in out if v}
