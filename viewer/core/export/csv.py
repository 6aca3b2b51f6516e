"""CSV export: one row per excerpt, every citation field a column (written UTF-8 with a BOM)."""

from __future__ import annotations

import csv as _csv
import io
from collections.abc import Sequence

from viewer.core.citation import CitationData, flat_fields, paragraph_numbers
from viewer.core.excerpts import Excerpt
from viewer.core.export import ExportOptions, citation_line

EXCERPT_COLUMNS = [
    "excerpt_id",
    "text",
    "text_original",
    "text_simplified",
    "text_traditional",
    "citation",
    "paragraph_ids",
    "paragraphs",
    "start",
    "end",
    "created",
    "anchor_status",
]
# The citation's own fields, in citation.flat_fields order: one place names them.
CITATION_COLUMNS = list(flat_fields(CitationData("", "", "")))


def columns(options: ExportOptions) -> list[str]:
    extra = (["note"] if options.include_notes else []) + (["tags"] if options.include_tags else [])
    return EXCERPT_COLUMNS + extra + CITATION_COLUMNS


def render(excerpts: Sequence[Excerpt], options: ExportOptions) -> str:
    buffer = io.StringIO()
    writer = _csv.DictWriter(buffer, fieldnames=columns(options), lineterminator="\r\n")
    writer.writeheader()
    for e in excerpts:
        row = {
            "excerpt_id": str(e.id),
            "text": " / ".join(e.texts(options.script)),
            "text_original": e.text,
            "text_simplified": e.text_simplified,
            "text_traditional": e.text_traditional,
            "citation": citation_line(e, options),
            "paragraph_ids": " ".join(e.paragraph_ids),
            "paragraphs": " ".join(map(str, paragraph_numbers(e.paragraph_ids))),
            "start": str(e.start),
            "end": str(e.end),
            "created": e.created,
            "anchor_status": e.anchor_status,
            **flat_fields(e.citation),
        }
        if options.include_notes:
            row["note"] = e.note
        if options.include_tags:
            row["tags"] = "; ".join(e.tags)
        writer.writerow(row)
    return buffer.getvalue()
