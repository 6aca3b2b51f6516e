"""Build a searchable index from Documents in a test: a catalogue holding them, then the engine's index."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from viewer.core.catalogue import Catalogue
from viewer.core.documents import Document
from viewer.core.search import SearchIndex
from viewer.core.search.records import text_hash


def engines() -> list[str]:
    """Every engine this machine can run (the suite tests each)."""
    from viewer.core.search.engines import available_engines

    return available_engines()


def store(catalogue: Catalogue, documents: Iterable[Document], removed: Iterable[str] = ()) -> None:
    """Put processed documents straight into a catalogue (as sync would after reading their files)."""
    with catalogue.batch() as batch:
        for doc_id in removed:
            batch.remove(doc_id)
        for doc in documents:
            batch.put(doc, text_hash(doc), ())
    catalogue.write_summaries()


def build_index(documents: Iterable[Document], directory: Path, engine: str = "tantivy") -> SearchIndex:
    """A ready index of `documents` in `directory` (its catalogue included)."""
    catalogue = Catalogue.open(directory, directory / "no-archive")
    store(catalogue, documents)
    index = SearchIndex.open(directory, catalogue, engine)
    index.update()
    return index
