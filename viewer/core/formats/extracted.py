"""The one shape every non-text reader returns, so the text pipeline (repair, structure) takes them all."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class Extracted:
    """A non-text file's content as the text pipeline takes it: one paragraph per line, headings as Markdown '#' lines."""

    text: str  # paragraphs one per line ("\n"), headings as "# …"/"## …" lines
    encoding: str  # how the bytes were read, e.g. "html:gbk", "pdf", "docx", "epub"
    title: str = ""
    authors: list[str] = field(default_factory=list)
    date: str = ""  # ISO date or whatever the source says
    site: str = ""  # web site / publisher / source
    pages: list[int] | None = None  # PDF: the page number (1-based) of each line of `text`
    # PDF: for each line of `text`, the offsets in the line at which the next page begins (a paragraph
    # the reader joined across page breaks); () for a line on one page. None: no pages.
    page_breaks: list[tuple[int, ...]] | None = None
    removed: list[tuple[str, str]] = field(default_factory=list)  # (kind, text) dropped: ("running head", …)
    source_text: str = ""  # HTML: the page's HTML source (the raw view can show it)


def body_line(line: str) -> str:
    """A body line as the text pipeline takes it: one starting with '#' (after the indentation the
    whitespace repair strips anyway) escaped as "\\#", so the structure pass never reads it as a heading."""
    stripped = line.lstrip()
    return "\\" + stripped if stripped.startswith("#") else line
