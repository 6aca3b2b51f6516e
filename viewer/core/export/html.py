"""HTML export: one self-contained file (inline style, no scripts, no links out); all text escaped."""

from __future__ import annotations

from collections.abc import Sequence
from html import escape

from viewer.core.bookmarks import Bookmark
from viewer.core.excerpts import Excerpt
from viewer.core.export import (
    LABEL_BOOKMARKS,
    LABEL_NOTE,
    LABEL_TAGS,
    SCRIPT_LABELS,
    ExportOptions,
    bookmark_heading,
    bookmark_location,
    citation_line,
    group_by_document,
    included_bookmarks,
    location,
    script_labels,
)

_STYLE = """
body { font-family: "Noto Serif CJK SC", "Source Han Serif SC", "Songti SC", SimSun, serif;
       max-width: 48em; margin: 2em auto; padding: 0 1em; line-height: 1.7; color: #222; }
h1 { font-size: 1.6em; } h2 { font-size: 1.25em; margin-top: 2em; border-bottom: 1px solid #ccc; }
blockquote { margin: 1em 0 .3em; padding: .3em 1em; border-left: 4px solid #b0a58a; background: #faf8f2; }
blockquote p { margin: .3em 0; }
.both { display: grid; grid-template-columns: 1fr 1fr; gap: 1em; }
.label { font-size: .8em; color: #777; }
.cite { margin: .2em 0 0 1.2em; color: #444; }
.where, .tags { margin: 0 0 0 1.2em; font-size: .9em; color: #666; }
.note { margin: .3em 0 0 1.2em; }
.bookmark { margin: .6em 0; } .bookmark .quote { margin: .1em 0 0 1.2em; color: #333; }
.tag { display: inline-block; padding: 0 .4em; margin-right: .3em; border: 1px solid #ccc; border-radius: 3px; }
"""


def _lang(label: str) -> str:
    return "zh-Hant" if label == SCRIPT_LABELS["traditional"] else "zh-Hans"


def _paragraphs(text: str) -> str:
    return "".join(f"<p>{escape(line)}</p>" for line in text.split("\n"))


def render(
    excerpts: Sequence[Excerpt],
    options: ExportOptions,
    bookmarks: Sequence[Bookmark] = (),
    *,
    side_by_side: str = "grid",
) -> str:
    """The page; side_by_side="table" lays "both" out as a table (for Qt's HTML subset)."""
    out = [
        "<!DOCTYPE html>",
        '<html lang="zh">',
        "<head>",
        '<meta charset="utf-8">',
        f"<title>{escape(options.title)}</title>",
        f"<style>{_STYLE}</style>",
        "</head>",
        "<body>",
        f"<h1>{escape(options.title)}</h1>",
    ]
    for group in group_by_document(excerpts):
        c = group.citation
        out.append(f"<h2>{escape(c.title or c.source)}</h2>")
        for e in group.excerpts:
            out.append(f'<div class="excerpt" id="excerpt-{e.id}">')
            texts = e.texts(options.script)
            labels = script_labels(e, options)
            if labels and side_by_side == "table":
                cells = "".join(
                    f'<td width="50%" lang="{_lang(lab)}"><p class="label">{escape(lab)}</p>'
                    f"{_paragraphs(t)}</td>"
                    for lab, t in zip(labels, texts, strict=True)
                )
                out.append(f'<table width="100%" cellpadding="6"><tr>{cells}</tr></table>')
            elif labels:
                out.append('<div class="both">')
                for lab, t in zip(labels, texts, strict=True):
                    out.append(
                        f'<blockquote lang="{_lang(lab)}"><p class="label">{escape(lab)}</p>'
                        f"{_paragraphs(t)}</blockquote>"
                    )
                out.append("</div>")
            else:
                out.append(f"<blockquote>{_paragraphs(texts[0])}</blockquote>")
            out.append(f'<p class="cite">— {escape(citation_line(e, options))}</p>')
            out.append(f'<p class="where">{escape(location(e))}</p>')
            if options.include_notes and e.note:
                note = "<br>".join(escape(line) for line in e.note.split("\n"))
                out.append(f'<p class="note"><b>{LABEL_NOTE}：</b>{note}</p>')
            if options.include_tags and e.tags:
                tags = " ".join(f'<span class="tag">{escape(t)}</span>' for t in e.tags)
                out.append(f'<p class="tags">{LABEL_TAGS}：{tags}</p>')
            out.append("</div>")
    marks = included_bookmarks(bookmarks, options)
    if marks:
        out.append(f'<h2 id="bookmarks">{LABEL_BOOKMARKS}</h2>')
        for b in marks:
            out.append(f'<div class="bookmark" id="bookmark-{b.id}">')
            out.append(f"<p><b>{escape(bookmark_heading(b))}</b></p>")
            out.append(f'<p class="quote">「{escape(b.display_quote)}」</p>')
            out.append(f'<p class="where">{escape(bookmark_location(b))}</p>')
            if options.include_notes and b.note:
                note = "<br>".join(escape(line) for line in b.note.split("\n"))
                out.append(f'<p class="note"><b>{LABEL_NOTE}：</b>{note}</p>')
            out.append("</div>")
    out += ["</body>", "</html>"]
    return "\n".join(out) + "\n"
