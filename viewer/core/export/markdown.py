"""Markdown export: a heading per document, each excerpt a block quote with its citation under it."""

from __future__ import annotations

import re
from collections.abc import Sequence

from viewer.core.bookmarks import Bookmark
from viewer.core.excerpts import Excerpt
from viewer.core.export import (
    LABEL_BOOKMARKS,
    LABEL_NOTE,
    LABEL_TAGS,
    ExportOptions,
    bookmark_heading,
    bookmark_location,
    citation_line,
    group_by_document,
    included_bookmarks,
    location,
    script_labels,
)

# Characters that would otherwise start markup (emphasis, links, HTML, headings, tables).
_SPECIAL = re.compile(r"([\\`*_\[\]<>#|~])")


def escape(text: str) -> str:
    """Document text shown literally by any CommonMark renderer."""
    return _SPECIAL.sub(r"\\\1", text)


def render(excerpts: Sequence[Excerpt], options: ExportOptions, bookmarks: Sequence[Bookmark] = ()) -> str:
    out = [f"# {escape(options.title)}", ""]
    for group in group_by_document(excerpts):
        c = group.citation
        out += [f"## {escape(c.title or c.source)}", ""]
        for e in group.excerpts:
            texts = e.texts(options.script)
            labels = script_labels(e, options) or [""] * len(texts)
            for n, (label, text) in enumerate(zip(labels, texts, strict=True)):
                if n:
                    out.append(">")
                lines = escape(text).split("\n")
                if label:
                    lines[0] = f"**{label}**　{lines[0]}"
                out += [f"> {line}" if line else ">" for line in lines]
            out.append("")
            out.append(f"— {escape(citation_line(e, options))}  ")
            out.append(f"  {escape(location(e))}")
            if options.include_notes and e.note:
                note = "  \n  ".join(escape(e.note).split("\n"))
                out.append(f"\n*{LABEL_NOTE}：* {note}")
            if options.include_tags and e.tags:
                out.append(f"\n*{LABEL_TAGS}：* " + " ".join(f"`{t.replace('`', '')}`" for t in e.tags))
            out.append("")
    marks = included_bookmarks(bookmarks, options)
    if marks:
        out += [f"## {LABEL_BOOKMARKS}", ""]
        for b in marks:
            out.append(f"- **{escape(bookmark_heading(b))}**　「{escape(b.display_quote)}」  ")
            out.append(f"  {escape(bookmark_location(b))}")
            if options.include_notes and b.note:
                note = "  \n  ".join(escape(b.note).split("\n"))
                out.append(f"  *{LABEL_NOTE}：* {note}")
        out.append("")
    return "\n".join(out).rstrip("\n") + "\n"
