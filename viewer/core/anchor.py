"""Where an excerpt sits in its document, and how to find it again after the document changed."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from enum import StrEnum

from viewer.core.documents import Document, Paragraph, paragraph_ordinal
from viewer.errors import UsageError


class AnchorState(StrEnum):
    """What re-anchoring found: the text is where it was, it moved, or it is gone from the document."""

    OK = "ok"
    MOVED = "moved"
    MISSING = "missing"


ANCHOR_OK: str = AnchorState.OK
ANCHOR_MOVED: str = AnchorState.MOVED
ANCHOR_MISSING: str = AnchorState.MISSING

PARAGRAPH_SEPARATOR = "\n"


def text_hash(text: str) -> str:
    """A short, stable fingerprint of an excerpt's text."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


@dataclass(frozen=True)
class Anchor:
    """A range of a document: first paragraph + offset into it, last paragraph + end offset into it."""

    paragraph_ids: tuple[str, ...]
    start: int  # offset into the first paragraph's text
    end: int  # offset into the last paragraph's text (exclusive)

    @property
    def first(self) -> str:
        return self.paragraph_ids[0]

    @property
    def last(self) -> str:
        return self.paragraph_ids[-1]


@dataclass(frozen=True)
class Resolved:
    """The result of finding an anchor in a (possibly re-ingested) document."""

    status: str  # ANCHOR_OK, ANCHOR_MOVED or ANCHOR_MISSING
    anchor: Anchor | None  # where the text is now; None when missing


def paragraphs_between(doc: Document, first_id: str, last_id: str) -> list[Paragraph]:
    """The paragraphs from first_id to last_id inclusive, in document order."""
    ids = [p.id for p in doc.paragraphs]
    try:
        i, j = ids.index(first_id), ids.index(last_id)
    except ValueError as exc:
        missing = first_id if first_id not in ids else last_id
        raise UsageError(
            f"No paragraph '{missing}' in document {doc.id} "
            f"(paragraph ids: `archive-viewer show {doc.id} --json`)"
        ) from exc
    if j < i:
        raise UsageError(f"Paragraph {last_id} comes before {first_id}")
    return doc.paragraphs[i : j + 1]


def make_anchor(
    doc: Document, first_id: str, start: int, last_id: str | None = None, end: int | None = None
) -> tuple[Anchor, str]:
    """Validate a selection and return its anchor and the selected text (paragraphs joined by \\n)."""
    last_id = last_id or first_id
    paras = paragraphs_between(doc, first_id, last_id)
    end = len(paras[-1].text) if end is None else end
    if not 0 <= start <= len(paras[0].text):
        raise UsageError(f"Start offset {start} is outside paragraph {first_id} (0..{len(paras[0].text)})")
    if not 0 <= end <= len(paras[-1].text):
        raise UsageError(f"End offset {end} is outside paragraph {last_id} (0..{len(paras[-1].text)})")
    if len(paras) == 1 and end <= start:
        raise UsageError(f"Empty selection: end ({end}) must be greater than start ({start})")
    anchor = Anchor(tuple(p.id for p in paras), start, end)
    return anchor, anchor_text(paras, start, end)


def anchor_text(paras: list[Paragraph], start: int, end: int) -> str:
    """The text an anchor covers in these paragraphs."""
    if len(paras) == 1:
        return paras[0].text[start:end]
    middle = [p.text for p in paras[1:-1]]
    return PARAGRAPH_SEPARATOR.join([paras[0].text[start:], *middle, paras[-1].text[:end]])


def resolve(doc: Document | None, anchor: Anchor, text: str, digest: str | None = None) -> Resolved:
    """Find the excerpt in `doc`: at its anchor if the text there still hashes the same, else by
    searching for the text (the occurrence nearest the old place wins), else report it missing."""
    if doc is None or not text:
        return Resolved(ANCHOR_MISSING, None)
    digest = digest or text_hash(text)
    try:
        paras = paragraphs_between(doc, anchor.first, anchor.last)
        if text_hash(anchor_text(paras, anchor.start, anchor.end)) == digest:
            return Resolved(ANCHOR_OK, anchor)
    except UsageError:
        pass
    found = _search(doc, text, _ordinal_of(anchor.first))
    if found is None:
        return Resolved(ANCHOR_MISSING, None)
    return Resolved(ANCHOR_MOVED, found)


def _ordinal_of(pid: str) -> int:
    """The ordinal encoded in a paragraph id `<docid>-p<ordinal>`, or 0."""
    return paragraph_ordinal(pid) or 0


def _search(doc: Document, text: str, near_ordinal: int) -> Anchor | None:
    """Locate `text` in the document's paragraphs joined by the separator."""
    if not doc.paragraphs:
        return None
    starts: list[int] = []  # offset of each paragraph in the joined text
    pos = 0
    for p in doc.paragraphs:
        starts.append(pos)
        pos += len(p.text) + len(PARAGRAPH_SEPARATOR)
    joined = PARAGRAPH_SEPARATOR.join(p.text for p in doc.paragraphs)
    hits: list[int] = []
    at = joined.find(text)
    while at >= 0 and len(hits) < 1000:
        hits.append(at)
        at = joined.find(text, at + 1)
    if not hits:
        return None

    def paragraph_index(offset: int) -> int:
        lo, hi = 0, len(starts) - 1
        while lo < hi:  # last paragraph whose start <= offset
            mid = (lo + hi + 1) // 2
            if starts[mid] <= offset:
                lo = mid
            else:
                hi = mid - 1
        return lo

    best = min(hits, key=lambda h: abs(doc.paragraphs[paragraph_index(h)].ordinal - near_ordinal))
    i = paragraph_index(best)
    j = paragraph_index(best + len(text) - 1) if text else i
    start = best - starts[i]
    end = best + len(text) - starts[j]
    return Anchor(tuple(p.id for p in doc.paragraphs[i : j + 1]), start, end)
