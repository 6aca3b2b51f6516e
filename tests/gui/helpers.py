"""Small helpers the window tests share."""

from __future__ import annotations

from typing import Any


def docs_of(window: Any) -> list[Any]:
    """The window's documents in full (the window itself holds only summaries)."""
    return [window.archive.document(s.id) for s in window.archive.documents]


def text_of(doc: Any) -> str:
    """A document's paragraphs as one text."""
    return "\n".join(p.text for p in doc.paragraphs)
