"""What the index stores per document, and the byte layout of its folded and original text.

The folded text is what every query scans, so it is stored to load fast: plain UTF-8 (no
compression: zlib cost 50 ms per first query over the 10 MB corpus, decoding alone ~10 ms), the
paragraphs joined by PARAGRAPH_SEPARATOR and nothing else; where each paragraph starts is derived
from the separators when needed. The original text (read for the hits shown, up to ~100 documents
per query) is plain UTF-8 as well: decompressing and splitting it cost ~150 us a document. The
section structure (read only by section: queries) is compressed. The index stays ~2.5x the text.
"""

from __future__ import annotations

import hashlib
import json
import struct
import zlib
from array import array
from dataclasses import dataclass, field
from itertools import accumulate
from typing import Any

from viewer.core.documents import Document
from viewer.core.search.analysis import PARAGRAPH_SEPARATOR, fold, index_chars

_ORIGINAL_HEADER = struct.Struct("<BII")  # ids layout, ids size, ordinals size (bytes)
_IDS_JOINED, _IDS_JSON, _IDS_PREFIX = 0, 1, 2
_COMPRESSION = 1  # zlib level: level 1 is ~4x faster than 6 here and only ~8 % larger
# Stands in, in the folded text, for a PARAGRAPH_SEPARATOR inside a paragraph, so the separators
# count paragraphs exactly. Both are control characters, which queries never contain
# (analysis.clean_query_text), so neither can be part of a match and the swap changes no result.
SEPARATOR_STAND_IN = "\x00"


def text_hash(doc: Document) -> str:
    """A hash of everything the index takes from a processed document.

    Archive-wide repairs can change a document's cleaned text while its file stays the same, so the
    index compares this as well as the file's size, mtime and content hash.
    """
    digest = hashlib.sha1()
    head = [doc.title, doc.kind, doc.year, doc.authors, doc.script, [(s.id, s.title) for s in doc.sections]]
    digest.update(json.dumps(head, ensure_ascii=False).encode("utf-8"))
    for p in doc.paragraphs:
        digest.update(f"\0{p.id}\0{p.ordinal}\0{p.section or ''}\0".encode())
        digest.update(p.text.encode("utf-8", "surrogatepass"))
    return digest.hexdigest()


def pack_folded(folded_paragraphs: list[str]) -> bytes:
    """The folded paragraphs as stored: joined by the separator, plain UTF-8."""
    cleaned = (p.replace(PARAGRAPH_SEPARATOR, SEPARATOR_STAND_IN) for p in folded_paragraphs)
    return PARAGRAPH_SEPARATOR.join(cleaned).encode("utf-8", "surrogatepass")


def unpack_folded(blob: bytes) -> str:
    return blob.decode("utf-8", "surrogatepass")


@dataclass
class FoldedText:
    """A document's folded paragraphs joined by PARAGRAPH_SEPARATOR; paragraph starts on demand."""

    text: str
    paragraph_count: int  # from the metadata: "" is one empty paragraph or none
    _starts: list[int] | None = field(default=None, repr=False)

    @property
    def starts(self) -> list[int]:
        """Offset of each paragraph in `text` (computed on first use, then kept)."""
        if self._starts is None:
            if not self.paragraph_count:
                self._starts = []
            else:
                sizes = (len(p) + 1 for p in self.text.split(PARAGRAPH_SEPARATOR))
                self._starts = list(accumulate(sizes, initial=0))[:-1]
        return self._starts

    def paragraph(self, index: int) -> str:
        starts = self.starts
        end = starts[index + 1] - 1 if index + 1 < len(starts) else len(self.text)
        return self.text[starts[index] : end]


@dataclass
class Sections:
    """Which section each paragraph belongs to, and the folded section titles (section: queries)."""

    titles: list[str]
    of_paragraph: list[int]  # index into titles, or -1

    @classmethod
    def unpack(cls, blob: bytes) -> Sections:
        if not blob:
            return cls([], [])
        data = json.loads(zlib.decompress(blob))
        return cls(data["titles"], data["of_paragraph"])


@dataclass
class OriginalText:
    """A document's paragraphs as the reader sees them, with their ids and ordinals.

    The text is joined like the folded text and has the same length (folding is 1:1), so the
    folded text's paragraph starts slice it too.
    """

    text: str
    _ids: str | list[str]  # see _IDS_*; split on first use
    _ids_layout: int
    _ordinals: list[int] | None  # None: ordinal == index, the usual case

    @classmethod
    def unpack(cls, blob: bytes) -> OriginalText:
        layout, ids_size, ordinals_size = _ORIGINAL_HEADER.unpack_from(blob)
        pos = _ORIGINAL_HEADER.size
        ids_text = blob[pos : pos + ids_size].decode("utf-8", "surrogatepass")
        ids: str | list[str] = json.loads(ids_text) if layout == _IDS_JSON else ids_text
        pos += ids_size
        ordinals = None
        if ordinals_size:
            numbers = array("q")
            numbers.frombytes(blob[pos : pos + ordinals_size])
            ordinals = numbers.tolist()
        pos += ordinals_size
        return cls(blob[pos:].decode("utf-8", "surrogatepass"), ids, layout, ordinals)

    def paragraph_id(self, index: int) -> str:
        if self._ids_layout == _IDS_PREFIX:
            return f"{self._ids}{index}"
        if isinstance(self._ids, str):
            self._ids = self._ids.split(PARAGRAPH_SEPARATOR)
        return self._ids[index]

    def ordinal(self, index: int) -> int:
        return index if self._ordinals is None else self._ordinals[index]

    def paragraph(self, index: int, folded: FoldedText) -> str:
        starts = folded.starts
        end = starts[index + 1] - 1 if index + 1 < len(starts) else len(self.text)
        return self.text[starts[index] : end]


def pack_original(doc: Document) -> bytes:
    """Paragraph texts joined like the folded ones (plain UTF-8: decoding must be cheap), ids, ordinals."""
    ids = [p.id for p in doc.paragraphs]
    prefix = ids[0][:-1] if ids and ids[0].endswith("0") else None
    if prefix is not None and all(i == f"{prefix}{n}" for n, i in enumerate(ids)):
        layout, ids_text = _IDS_PREFIX, prefix  # "<doc>-p0", "<doc>-p1", ...: the usual ids
    elif any(PARAGRAPH_SEPARATOR in i for i in ids):
        layout, ids_text = _IDS_JSON, json.dumps(ids)
    else:
        layout, ids_text = _IDS_JOINED, PARAGRAPH_SEPARATOR.join(ids)
    ids_blob = ids_text.encode("utf-8", "surrogatepass")
    ordinals = [p.ordinal for p in doc.paragraphs]
    ordinals_blob = b"" if ordinals == list(range(len(ordinals))) else array("q", ordinals).tobytes()
    text = PARAGRAPH_SEPARATOR.join(p.text for p in doc.paragraphs).encode("utf-8", "surrogatepass")
    return _ORIGINAL_HEADER.pack(layout, len(ids_blob), len(ordinals_blob)) + ids_blob + ordinals_blob + text


@dataclass
class IndexRecord:
    """The Whoosh fields of one document, ready for writer.add_document(**record.fields)."""

    fields: dict[str, Any] = field(default_factory=dict)


def _pack_sections(doc: Document) -> bytes:
    if not doc.sections:
        return b""
    section_index = {s.id: i for i, s in enumerate(doc.sections)}
    data = {
        "titles": [fold(s.title) for s in doc.sections],
        "of_paragraph": [section_index.get(p.section, -1) if p.section else -1 for p in doc.paragraphs],
    }
    return zlib.compress(json.dumps(data, ensure_ascii=False).encode("utf-8"), _COMPRESSION)


def build_record(doc: Document, digest: str | None = None) -> IndexRecord:
    """Fold and pack one document (pure Python, no Whoosh: measured separately in the benchmark)."""
    texts = [p.text for p in doc.paragraphs]
    folded = fold(PARAGRAPH_SEPARATOR.join(texts))
    lengths = [len(t) for t in texts]
    folded_paragraphs = []
    pos = 0
    for n in lengths:
        folded_paragraphs.append(folded[pos : pos + n])
        pos += n + 1
    section_titles = [fold(s.title) for s in doc.sections]
    title = fold(doc.title)
    authors = [fold(a) for a in doc.authors]
    meta = {
        "source": doc.source,
        "title": doc.title,
        "kind": doc.kind,
        "year": doc.year,
        "script": doc.script,
        "authors": list(doc.authors),
        "size": doc.size,
        "mtime": doc.mtime,
        "sha256": doc.sha256,
        "text_hash": digest or text_hash(doc),
        "folded_title": title,
        "folded_authors": authors,
        "length": len(folded),
        "paragraphs": len(texts),
    }
    values: dict[str, Any] = {
        "doc_id": doc.id,
        "chars": index_chars(folded),
        "title": index_chars(title),
        "author": index_chars("".join(authors)),
        "section": index_chars("".join(section_titles)),
        "kind": doc.kind,
        "meta": meta,
        "folded": pack_folded(folded_paragraphs),
        "sections": _pack_sections(doc),
        "original": pack_original(doc),
    }
    if doc.year is not None:
        values["year"] = int(doc.year)
    return IndexRecord(values)
