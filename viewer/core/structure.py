"""Structure and metadata: title, authors, kind, year, sections and paragraphs from repaired text."""

from __future__ import annotations

from viewer.core.convert import detect_script
from viewer.core.documents import Document, Paragraph, paragraph_id


def build_structure(doc: Document) -> None:
    """Fill in the document's structure from doc.text. (stub: one paragraph per non-empty line)"""
    lines = [line.strip() for line in doc.text.splitlines() if line.strip()]
    doc.paragraphs = [Paragraph(paragraph_id(doc.id, i), i, line) for i, line in enumerate(lines)]
    doc.title = lines[0] if lines else doc.source
    doc.script = detect_script(doc.text)
