"""What the index stores per document, and the compact byte layout of its folded and original text."""

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

_HEADER = struct.Struct("<II")  # json length, paragraph count
_COMPRESSION = 1  # zlib level: level 1 is ~4x faster than 6 here and only ~8 % larger


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


def _pack(header: dict[str, Any], lengths: list[int], text: str) -> bytes:
    head = json.dumps(header, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    body = array("I", lengths).tobytes() + text.encode("utf-8", "surrogatepass")
    return zlib.compress(_HEADER.pack(len(head), len(lengths)) + head + body, _COMPRESSION)


def _unpack(blob: bytes) -> tuple[dict[str, Any], list[int], str]:
    data = zlib.decompress(blob)
    head_len, count = _HEADER.unpack_from(data)
    start = _HEADER.size
    header = json.loads(data[start : start + head_len])
    start += head_len
    lengths = array("I")
    lengths.frombytes(data[start : start + 4 * count])
    start += 4 * count
    return header, lengths.tolist(), data[start:].decode("utf-8", "surrogatepass")


@dataclass
class FoldedText:
    """A document's folded paragraphs joined by PARAGRAPH_SEPARATOR, and where each one starts."""

    text: str
    starts: list[int]
    lengths: list[int]
    paragraph_sections: list[int]  # index into section_titles, or -1
    section_titles: list[str]  # folded
    _paragraphs: list[str] | None = field(default=None, repr=False)

    @classmethod
    def unpack(cls, blob: bytes) -> FoldedText:
        header, lengths, text = _unpack(blob)
        starts = [0, *accumulate(n + 1 for n in lengths)][: len(lengths)]
        return cls(text, starts, lengths, header["para_sections"], header["sections"])

    def paragraph(self, index: int) -> str:
        start = self.starts[index]
        return self.text[start : start + self.lengths[index]]

    def paragraphs(self) -> list[str]:
        """The folded paragraphs as a list (made on first use, then kept)."""
        if self._paragraphs is None:
            self._paragraphs = [self.text[s : s + n] for s, n in zip(self.starts, self.lengths, strict=True)]
        return self._paragraphs


@dataclass
class OriginalText:
    """A document's paragraphs as the reader sees them, with their ids and ordinals."""

    ids: list[str]
    ordinals: list[int]
    texts: list[str]

    @classmethod
    def unpack(cls, blob: bytes) -> OriginalText:
        header, lengths, text = _unpack(blob)
        texts: list[str] = []
        pos = 0
        for n in lengths:
            texts.append(text[pos : pos + n])
            pos += n
        return cls(header["ids"], header["ordinals"], texts)


@dataclass
class IndexRecord:
    """The Whoosh fields of one document, ready for writer.add_document(**record.fields)."""

    fields: dict[str, Any] = field(default_factory=dict)


def build_record(doc: Document, digest: str | None = None) -> IndexRecord:
    """Fold and pack one document (pure Python, no Whoosh: measured separately in the benchmark)."""
    texts = [p.text for p in doc.paragraphs]
    joined = PARAGRAPH_SEPARATOR.join(texts)
    folded = fold(joined)
    lengths = [len(t) for t in texts]
    section_index = {s.id: i for i, s in enumerate(doc.sections)}
    section_titles = [fold(s.title) for s in doc.sections]
    para_sections = [section_index.get(p.section, -1) if p.section else -1 for p in doc.paragraphs]
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
        "folded": _pack({"sections": section_titles, "para_sections": para_sections}, lengths, folded),
        "original": _pack(
            {"ids": [p.id for p in doc.paragraphs], "ordinals": [p.ordinal for p in doc.paragraphs]},
            lengths,
            "".join(texts),
        ),
    }
    if doc.year is not None:
        values["year"] = int(doc.year)
    return IndexRecord(values)
