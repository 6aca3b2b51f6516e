"""The document model every other part of the app reads: text, structure, metadata, provenance."""

from __future__ import annotations

import hashlib
from dataclasses import asdict, dataclass, field
from typing import Any, NamedTuple

# Document kinds, as stored; the GUI translates them for display.
KIND_YEARBOOK = "yearbook"
KIND_NOTICE = "official_notice"
KIND_JOURNAL = "journal_article"
KIND_NEWSPAPER = "newspaper"
KIND_OTHER = "other"
KINDS = (KIND_YEARBOOK, KIND_NOTICE, KIND_JOURNAL, KIND_NEWSPAPER, KIND_OTHER)

SCRIPT_TRADITIONAL = "traditional"
SCRIPT_SIMPLIFIED = "simplified"
SCRIPT_MIXED = "mixed"

# Paragraph roles: what a paragraph is, so views can set headings and metadata apart.
ROLE_BODY = "body"
ROLE_TITLE = "title"
ROLE_SUBTITLE = "subtitle"
ROLE_HEADING = "heading"
ROLE_AUTHOR = "author"
ROLE_CAPTION = "caption"
ROLE_META = "meta"  # volume line, abstract/keywords labels, editor, affiliation
ROLE_REFERENCE = "reference"


@dataclass(frozen=True)
class RepairChange:
    """One place a repair changed: where (offset into the text it was given), what, into what."""

    where: int
    before: str
    after: str


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


@dataclass(slots=True)
class Paragraph:
    """A paragraph of cleaned text with a stable id that hits, excerpts and citations point to."""

    id: str
    ordinal: int
    text: str
    role: str = ROLE_BODY
    section: str | None = None  # Section.id this paragraph belongs to

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "ordinal": self.ordinal,
            "role": self.role,
            "section": self.section,
            "text": self.text,
        }


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
    metadata: dict[str, Any] = field(default_factory=dict)
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


def document_id(source: str) -> str:
    """A stable id from the archive-relative path: survives edits to the file, not renames."""
    return hashlib.sha1(source.encode("utf-8")).hexdigest()[:12]


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
