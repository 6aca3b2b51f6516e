"""Plain-text export: readable in any editor, one block per excerpt."""

from __future__ import annotations

from collections.abc import Sequence

from viewer.core.bookmarks import Bookmark
from viewer.core.citation import cite
from viewer.core.excerpts import Excerpt
from viewer.core.export import (
    LABEL_BOOKMARKS,
    LABEL_NOTE,
    LABEL_TAGS,
    ExportOptions,
    bookmark_line,
    bookmark_location,
    group_by_document,
    included_bookmarks,
    location,
)

RULE = "=" * 40


def render(excerpts: Sequence[Excerpt], options: ExportOptions, bookmarks: Sequence[Bookmark] = ()) -> str:
    out = [options.title, RULE, ""]
    for group in group_by_document(excerpts):
        c = group.citation
        out += [c.title or c.source, "-" * 40, ""]
        for e in group.excerpts:
            out.append(cite(e.texts(options.script), e.citation, options.style))
            out.append(f"（{location(e)}）")
            if options.include_notes and e.note:
                out.append(f"{LABEL_NOTE}：{e.note}")
            if options.include_tags and e.tags:
                out.append(f"{LABEL_TAGS}：" + "、".join(e.tags))
            out.append("")
    marks = included_bookmarks(bookmarks, options)
    if marks:
        out += [LABEL_BOOKMARKS, "-" * 40, ""]
        for b in marks:
            out.append(bookmark_line(b))
            out.append(f"（{bookmark_location(b)}）")
            if options.include_notes and b.note:
                out.append(f"{LABEL_NOTE}：{b.note}")
            out.append("")
    return "\n".join(out).rstrip("\n") + "\n"
