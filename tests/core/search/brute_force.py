"""The reference the search must equal: evaluate a query on every paragraph, with plain `in`."""

from __future__ import annotations

import functools
from collections.abc import Iterable

from viewer.core.documents import Document
from viewer.core.search import fold as _fold
from viewer.core.search.query import And, FieldText, Folder, Kind, Node, Not, Or, Text, Year, positive_terms


@functools.lru_cache(maxsize=500_000)
def fold(text: str) -> str:
    """Folding is what is tested elsewhere; here it is only cached, for speed."""
    return _fold(text)


def _paragraph_ok(node: Node, doc: Document, folded: str, section_title: str | None) -> bool:
    if isinstance(node, Text):
        return node.folded in folded
    if isinstance(node, FieldText):
        if node.field == "title":
            return node.folded in fold(doc.title)
        if node.field == "author":
            return any(node.folded in fold(a) for a in doc.authors)
        return section_title is not None and node.folded in fold(section_title)
    if isinstance(node, Kind):
        return doc.kind == node.kind
    if isinstance(node, Year):
        return doc.year is not None and node.accepts(doc.year)
    if isinstance(node, Folder):  # the folder of the file, or one below it, compared folded
        folder = fold(doc.source.rpartition("/")[0])
        return folder == node.folded or folder.startswith(node.folded + "/")
    if isinstance(node, Not):
        return not _paragraph_ok(node.item, doc, folded, section_title)
    if isinstance(node, And):
        return all(_paragraph_ok(i, doc, folded, section_title) for i in node.items)
    if isinstance(node, Or):
        return any(_paragraph_ok(i, doc, folded, section_title) for i in node.items)
    raise TypeError(node)


def _document_ok(node: Node, doc: Document) -> bool:
    if isinstance(node, Text):
        return any(node.folded in fold(p.text) for p in doc.paragraphs)
    if isinstance(node, FieldText) and node.field == "section":
        return any(node.folded in fold(s.title) for s in doc.sections)
    if isinstance(node, FieldText | Kind | Year | Folder):
        return _paragraph_ok(node, doc, "", None)
    if isinstance(node, Not):
        return not _document_ok(node.item, doc)
    if isinstance(node, And):
        return all(_document_ok(i, doc) for i in node.items)
    if isinstance(node, Or):
        return any(_document_ok(i, doc) for i in node.items)
    raise TypeError(node)


def matching(documents: Iterable[Document], tree: Node) -> set[tuple[str, str]]:
    """(doc id, paragraph id) of every paragraph that satisfies the query.

    A query without a positive text term selects documents: their first paragraph stands for them.
    """
    found = set()
    document_mode = not positive_terms(tree)
    for doc in documents:
        if document_mode:
            if doc.paragraphs and _document_ok(tree, doc):
                found.add((doc.id, doc.paragraphs[0].id))
            continue
        titles = {s.id: s.title for s in doc.sections}
        for p in doc.paragraphs:
            section = titles.get(p.section) if p.section else None
            if _paragraph_ok(tree, doc, fold(p.text), section):
                found.add((doc.id, p.id))
    return found
