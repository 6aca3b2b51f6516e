"""Plain-text export: readable in any editor, one block per excerpt."""

from __future__ import annotations

from collections.abc import Sequence

from viewer.core.citation import cite
from viewer.core.excerpts import Excerpt
from viewer.core.export import (
    LABEL_NOTE,
    LABEL_TAGS,
    ExportOptions,
    group_by_document,
    location,
)

RULE = "=" * 40


def render(excerpts: Sequence[Excerpt], options: ExportOptions) -> str:
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
    return "\n".join(out).rstrip("\n") + "\n"
