"""The document model every other part of the app reads: text, structure, metadata, provenance."""

from __future__ import annotations

import bisect
import hashlib
import re
from dataclasses import asdict, dataclass, field
from enum import StrEnum
from typing import Any, NamedTuple, TypedDict


class DocumentKind(StrEnum):
    """Document kinds, as stored (a str: compares and serialises as its value); the GUI translates them."""

    YEARBOOK = "yearbook"
    NOTICE = "official_notice"
    JOURNAL = "journal_article"
    NEWSPAPER = "newspaper"
    OTHER = "other"


KIND_YEARBOOK: str = DocumentKind.YEARBOOK
KIND_NOTICE: str = DocumentKind.NOTICE
KIND_JOURNAL: str = DocumentKind.JOURNAL
KIND_NEWSPAPER: str = DocumentKind.NEWSPAPER
KIND_OTHER: str = DocumentKind.OTHER
KINDS: tuple[str, ...] = tuple(DocumentKind)


class Script(StrEnum):
    """The script a document is written in, as detected."""

    TRADITIONAL = "traditional"
    SIMPLIFIED = "simplified"
    MIXED = "mixed"


SCRIPT_TRADITIONAL: str = Script.TRADITIONAL
SCRIPT_SIMPLIFIED: str = Script.SIMPLIFIED
SCRIPT_MIXED: str = Script.MIXED


class ParagraphRole(StrEnum):
    """What a paragraph is, so views can set headings and metadata apart."""

    BODY = "body"
    TITLE = "title"
    SUBTITLE = "subtitle"
    HEADING = "heading"
    AUTHOR = "author"
    CAPTION = "caption"
    META = "meta"  # volume line, abstract/keywords labels, editor, affiliation
    REFERENCE = "reference"


ROLE_BODY: str = ParagraphRole.BODY
ROLE_TITLE: str = ParagraphRole.TITLE
ROLE_SUBTITLE: str = ParagraphRole.SUBTITLE
ROLE_HEADING: str = ParagraphRole.HEADING
ROLE_AUTHOR: str = ParagraphRole.AUTHOR
ROLE_CAPTION: str = ParagraphRole.CAPTION
ROLE_META: str = ParagraphRole.META
ROLE_REFERENCE: str = ParagraphRole.REFERENCE


class Caption(TypedDict):
    """A photo caption found in the text, with the photographers it names."""

    paragraph: str
    text: str
    photographers: list[str]


class StoredMetadata(TypedDict, total=False):
    """The labelled metadata kept with a document (metadata.py finds it); every key may be absent."""

    abstract: str
    keywords: list[str]
    references: list[str]
    editor: str
    affiliation: str
    captions: list[Caption]
    addressees: str
    document_number: str
    page: str
    date: str
    year_source: str  # where the year was read from (the volume line, a date, the file's metadata)
    source: str  # where the text came from, as a web page's metadata line names it (来源：…)
    site: str  # the web site or publisher a file's own metadata names (formats/)
    file_date: str  # when a PDF or DOCX file was made (its metadata), not the document's own date


@dataclass(frozen=True)
class RepairChange:
    """One place a repair changed: where (offset into the text it was given), what, into what."""

    where: int
    before: str
    after: str
    # For each 〓 in `after`, in order: the characters it could stand for (the evidence did not choose).
    candidates: tuple[str, ...] = ()


@dataclass(frozen=True)
class Repair:
    """What one repair rule did to a document, so the user can see and undo it."""

    kind: str
    count: int
    description: str
    changes: tuple[RepairChange, ...] = ()
    unresolved: int = 0  # places the rule recognised but could not fix (marked, not guessed)

    def to_json(self) -> dict[str, Any]:
        return {
            "kind": self.kind,
            "count": self.count,
            "description": self.description,
            "unresolved": self.unresolved,
            "details": [asdict(c) for c in self.changes],
        }


# Repairs made by a format's reader (viewer/core/formats/) rather than by a rule of viewer/core/repair:
# lines it left out of the text it gave (running heads, page numbers, navigation, web-page widgets).
# Their changes have no place in the raw text, which is the reader's output: `where` is -1.
KIND_RUNNING_HEAD = "running_head"
KIND_PAGE_NUMBER = "page_number"
KIND_NAVIGATION = "navigation"
KIND_PAGE_CHROME = "page_chrome"
KIND_LEFT_OUT = "left_out"
READER_REPAIR_KINDS = frozenset(
    {KIND_RUNNING_HEAD, KIND_PAGE_NUMBER, KIND_NAVIGATION, KIND_PAGE_CHROME, KIND_LEFT_OUT}
)


_READER_MARKUP_RE = re.compile(r"#{1,6}[ \t\u3000]+(?=\S)|\\(?=#)")


def reader_markup_length(line: str) -> int:
    """How many leading characters of a line of a format reader's text are the reader's markup, not
    the document's: the "## " of a heading (hashes and the spaces after them), the backslash of an
    escaped "\\#" body line; else 0. The structure pass leaves them out of the paragraphs it cuts
    from such a text (viewer/core/formats/__init__.py says why), and the repairs view cuts the same."""
    m = _READER_MARKUP_RE.match(line)
    return m.end() if m else 0


@dataclass(slots=True)
class Paragraph:
    """A paragraph of cleaned text with a stable id that hits, excerpts and citations point to."""

    id: str
    ordinal: int
    text: str
    role: str = ROLE_BODY
    section: str | None = None  # Section.id this paragraph belongs to
    page: int | None = None  # PDF: the page (1-based) the paragraph starts on
    # PDF: the offsets in `text` at which the next page begins (a paragraph running over a page break),
    # ascending; an offset twice when a page without text lies between. The page of the character at
    # offset i is `page` plus the number of these offsets <= i (`page_at`).
    page_breaks: tuple[int, ...] = ()

    def page_at(self, offset: int) -> int | None:
        """The page (1-based) the character at `offset` of the text is printed on (None: no pages)."""
        if self.page is None:
            return None
        return self.page + bisect.bisect_right(self.page_breaks, offset)

    def to_json(self) -> dict[str, Any]:
        data: dict[str, Any] = {
            "id": self.id,
            "ordinal": self.ordinal,
            "role": self.role,
            "section": self.section,
            "text": self.text,
        }
        if self.page is not None:
            data["page"] = self.page
            if self.page_breaks:
                data["page_breaks"] = list(self.page_breaks)
        return data


@dataclass
class Section:
    """A titled part of a document: a yearbook entry 【…】, a numbered heading or a subhead."""

    id: str
    title: str
    level: int  # 1 = top level (一、 / 【…】), 2 = (一), 3 = 1.
    heading_paragraph: str | None  # id of the paragraph holding the heading, if any
    paragraph_ids: list[str] = field(default_factory=list)
    author: str = ""
    parent: str | None = None

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "title": self.title,
            "level": self.level,
            "author": self.author,
            "parent": self.parent,
            "heading_paragraph": self.heading_paragraph,
            "paragraph_ids": list(self.paragraph_ids),
        }


@dataclass
class Document:
    """One archive file: untouched raw text, repaired text, structure, metadata and repairs."""

    id: str
    source: str  # path relative to the archive root, POSIX separators
    encoding: str
    raw_text: str
    text: str  # repaired text (what paragraphs were cut from)
    size: int
    mtime: float
    sha256: str
    title: str = ""
    subtitle: str = ""
    kind: str = KIND_OTHER
    volume: str = ""  # "2023卷"
    year: int | None = None
    script: str = SCRIPT_SIMPLIFIED
    authors: list[str] = field(default_factory=list)
    paragraphs: list[Paragraph] = field(default_factory=list)
    sections: list[Section] = field(default_factory=list)
    repairs: list[Repair] = field(default_factory=list)
    metadata: StoredMetadata = field(default_factory=lambda: StoredMetadata())
    warnings: list[str] = field(default_factory=list)

    @property
    def repaired(self) -> bool:
        return any(r.count for r in self.repairs)

    def paragraph(self, paragraph_id: str) -> Paragraph | None:
        for p in self.paragraphs:
            if p.id == paragraph_id:
                return p
        return None

    def section(self, section_id: str) -> Section | None:
        for s in self.sections:
            if s.id == section_id:
                return s
        return None

    def summary_json(self) -> dict[str, Any]:
        """The row `list --json` prints."""
        return DocumentSummary.of(self).summary_json()

    def to_json(self) -> dict[str, Any]:
        """Everything `show --json` prints (see README for the fields)."""
        data = self.summary_json()
        data.update(
            {
                "subtitle": self.subtitle,
                "size": self.size,
                "sha256": self.sha256,
                "sections": [s.to_json() for s in self.sections],
                "paragraphs": [p.to_json() for p in self.paragraphs],
                "repairs": [r.to_json() for r in self.repairs],
                "metadata": self.metadata,
                "warnings": list(self.warnings),
            }
        )
        return data


class DocumentSummary(NamedTuple):
    """What the tree, the results and the status bar show of a document, without its text (a catalogue row).

    A named tuple, not a dataclass: 87,000 of them are made at every start of a 1 GB archive, and a
    tuple is made in C (0.3 s for frozen dataclasses there, 0.1 s for these)."""

    id: str
    source: str  # archive-relative path, POSIX separators
    title: str
    subtitle: str
    kind: str
    volume: str
    year: int | None
    script: str
    authors: tuple[str, ...]
    encoding: str
    size: int
    repaired: bool
    paragraph_count: int

    @property
    def folder(self) -> str:
        """The archive-relative folder holding the file ("" at the archive's top level)."""
        return self.source.rpartition("/")[0]

    @classmethod
    def of(cls, doc: Document) -> DocumentSummary:
        return cls(
            doc.id,
            doc.source,
            doc.title,
            doc.subtitle,
            doc.kind,
            doc.volume,
            doc.year,
            doc.script,
            tuple(doc.authors),
            doc.encoding,
            doc.size,
            doc.repaired,
            len(doc.paragraphs),
        )

    def summary_json(self) -> dict[str, Any]:
        """The row `list --json` prints (the same fields as Document.summary_json)."""
        return {
            "id": self.id,
            "source": self.source,
            "title": self.title,
            "kind": self.kind,
            "year": self.year,
            "volume": self.volume,
            "script": self.script,
            "authors": list(self.authors),
            "encoding": self.encoding,
            "repaired": self.repaired,
        }


def document_id(relative: str) -> str:
    """A stable id from the archive-relative path (POSIX separators) as the file system names it:
    survives edits to the file, not renames.

    The hash is of the name's real bytes: a byte that is not UTF-8 comes from the walk as a lone
    surrogate (surrogateescape) and goes back to that byte here, so bad\\xff.txt and bad\\xfe.txt get
    two ids (hashing the name as shown, with U+FFFD, gave both one). For a valid UTF-8 name the bytes
    are its UTF-8, as before: no existing id changes. On Linux and macOS this is os.fsencode; it is
    written out so that an id never depends on the locale."""
    return hashlib.sha1(path_bytes(relative)).hexdigest()[:12]


def path_bytes(relative: str) -> bytes:
    """A path's bytes, undecodable bytes included (see document_id)."""
    try:
        return relative.encode("utf-8", "surrogateescape")
    except UnicodeEncodeError:  # Windows: a surrogate outside U+DC80-U+DCFF, from a name that is not UTF-16
        return relative.encode("utf-8", "surrogatepass")


def paragraph_id(doc_id: str, ordinal: int) -> str:
    """Paragraph ids are the document id plus the paragraph's ordinal."""
    return f"{doc_id}-p{ordinal}"


def paragraph_ordinal(pid: str) -> int | None:
    """The ordinal a paragraph id carries (the inverse of paragraph_id), or None if it has none."""
    _, _, tail = pid.rpartition("-p")
    return int(tail) if tail.isdigit() else None


@dataclass(frozen=True)
class IngestProblem:
    """One file that could not be ingested, and why, in words a user can act on."""

    source: str
    reason: str

    def __str__(self) -> str:
        return f"{self.source}: {self.reason}"
