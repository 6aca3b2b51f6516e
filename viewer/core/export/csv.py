"""CSV export: one row per excerpt, every citation field a column (written UTF-8 with a BOM).

Text cells that a spreadsheet would run as a formula are neutralised here (`safe_cell`), for this
export and for the KWIC CSV (viewer.core.search.kwic).
"""

from __future__ import annotations

import csv as _csv
import io
from collections.abc import Mapping, Sequence

from viewer.core.bookmarks import Bookmark
from viewer.core.citation import CitationData, flat_fields, paragraph_numbers, reference
from viewer.core.excerpts import Excerpt
from viewer.core.export import ExportOptions, citation_line, included_bookmarks

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


# A cell starting with one of these is run as a formula by Excel, LibreOffice and Google Sheets
# (=HYPERLINK(...) in a document or a note): OWASP "CSV Injection".
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(text: str) -> str:
    """`text` with a leading ' if a spreadsheet would run it as a formula (OWASP), else unchanged."""
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def _safe_row(row: Mapping[str, str | int]) -> dict[str, str | int]:
    """Every text cell through `safe_cell`; the app's own numbers (ints) stay plain numbers."""
    return {k: safe_cell(v) if isinstance(v, str) else v for k, v in row.items()}


# Added last, and only when bookmarks are listed, so the columns of an excerpts-only file never move.
RECORD_COLUMN = "record"  # "excerpt" or "bookmark"


def columns(options: ExportOptions, with_bookmarks: bool = False) -> list[str]:
    extra = (["note"] if options.include_notes else []) + (["tags"] if options.include_tags else [])
    return EXCERPT_COLUMNS + extra + CITATION_COLUMNS + ([RECORD_COLUMN] if with_bookmarks else [])


def _bookmark_row(b: Bookmark, options: ExportOptions) -> dict[str, str | int]:
    """A bookmark in the excerpt columns: its quote as the text, its paragraph, its document's fields."""
    row: dict[str, str | int] = {
        "text": b.display_quote,
        "text_original": b.quote,
        "citation": reference(b.citation_data, options.style),
        "paragraph_ids": b.paragraph_id,
        "paragraphs": str(b.number),
        "created": b.created,
        "anchor_status": b.anchor_status,
        **flat_fields(b.citation_data),
        RECORD_COLUMN: "bookmark",
    }
    if options.include_notes:
        row["note"] = b.note
    return _safe_row(row)


def render(excerpts: Sequence[Excerpt], options: ExportOptions, bookmarks: Sequence[Bookmark] = ()) -> str:
    marks = included_bookmarks(bookmarks, options)
    buffer = io.StringIO()
    writer = _csv.DictWriter(
        buffer, fieldnames=columns(options, bool(marks)), lineterminator="\r\n", restval=""
    )
    writer.writeheader()
    for e in excerpts:
        row: dict[str, str | int] = {
            "excerpt_id": e.id,
            "text": " / ".join(e.texts(options.script)),
            "text_original": e.text,
            "text_simplified": e.text_simplified,
            "text_traditional": e.text_traditional,
            "citation": citation_line(e, options),
            "paragraph_ids": " ".join(e.paragraph_ids),
            "paragraphs": " ".join(map(str, paragraph_numbers(e.paragraph_ids))),
            "start": e.start,
            "end": e.end,
            "created": e.created,
            "anchor_status": e.anchor_status,
            **flat_fields(e.citation),
        }
        if options.include_notes:
            row["note"] = e.note
        if options.include_tags:
            row["tags"] = "; ".join(e.tags)
        if marks:
            row[RECORD_COLUMN] = "excerpt"
        writer.writerow(_safe_row(row))
    for b in marks:
        writer.writerow(_bookmark_row(b, options))
    return buffer.getvalue()
