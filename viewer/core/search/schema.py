"""The Whoosh schema of the search index, and why the Chinese analysis is what it is.

Why not words: Chinese has no spaces, and a word segmenter (jieba) cuts text differently from the
query, so hits go missing: measured here at recall 0.82 on real text. Researchers need every
occurrence, so a hit is defined as an exact substring of a paragraph's *folded* text.

Why per-character folding, not phrase conversion: OpenCC's phrase-level t2s folds the same character
differently by context (乾隆 stays, 乾 alone becomes 干), so a query and a document could fold apart.
Folding each character alone (t2s character table, NFKC, case folding, a small 異體字 table: see
analysis.py) is consistent between the two sides and keeps len(fold(x)) == len(x), so offsets found
in folded text are offsets in the original and highlight in the document's own script.

Why candidate characters plus verification, not positional n-grams: Whoosh pays per posting and per
unique term. Bigrams with positions indexed the 10 MB poetry corpus at 0.05-0.085 MB/s into 162 MB;
unigrams with positions at 0.2-0.45 MB/s with slow queries. So Whoosh holds, per document, only the
set of its distinct folded characters without positions (about a thousand postings per document, a
few thousand distinct terms per archive): a query term's characters, ANDed, give a superset of the
documents that contain it, and the searcher then decides every candidate exactly on the folded text
stored beside the postings (a column, kept decoded in memory), with regular expressions and str
methods that run in C (matching.py), so precision and recall are 1.0.
Ranking is computed from the verified occurrences (BM25F over body and title), never from the
candidate postings. Whoosh also holds the metadata fields and answers the field filters.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any

from whoosh import columns, fields, formats

# Bump when the schema, the folding or the stored record layout changes: the index is then rebuilt.
SCHEMA_VERSION = 2

_ONE = 1.0
_NO_VALUE = b""


class _TermBytes(dict[str, bytes]):
    """UTF-8 of each character, made once: one shared bytes object per term keeps the pool small."""

    def __missing__(self, ch: str) -> bytes:
        encoded = ch.encode("utf-8")
        self[ch] = encoded
        return encoded


_TERM_BYTES = _TermBytes()


class CharSet(fields.FieldType):
    """A field whose terms are the distinct characters given (already folded), without positions.

    Scorable only so that Whoosh writes a lengths column: without one, its posting writer stats a
    missing file once per posting (measured: 8.9 s of a 15.8 s commit on the poetry corpus).
    """

    def __init__(self) -> None:
        self.format = formats.Existence()
        self.analyzer = None
        self.scorable = True
        self.stored = False
        self.unique = False
        self.vector = None
        self.column_type = None

    def index(self, value: Iterable[str], **kwargs: Any) -> Iterator[tuple[bytes, int, float, bytes]]:
        term_bytes = _TERM_BYTES
        for ch in sorted(value):
            yield term_bytes[ch], 1, _ONE, _NO_VALUE

    def process_text(self, qstring: str, mode: str = "", **kwargs: Any) -> Iterator[str]:
        return iter(sorted(set(qstring)))

    def self_parsing(self) -> bool:
        return False


def build_schema() -> fields.Schema:
    """One Whoosh document per archive document."""
    return fields.Schema(
        doc_id=fields.ID(stored=True, unique=True),
        chars=CharSet(),  # distinct folded characters of all paragraphs
        title=CharSet(),  # ... of the folded title
        author=CharSet(),  # ... of the folded author names
        section=CharSet(),  # ... of the folded section titles
        kind=fields.ID(),
        year=fields.NUMERIC(numtype=int, bits=32),
        meta=fields.STORED(),  # small dict: source, title, kind, year, sizes and hashes
        folded=fields.COLUMN(columns.VarBytesColumn()),  # folded paragraphs, plain UTF-8 (records.py)
        sections=fields.COLUMN(columns.VarBytesColumn()),  # section of each paragraph (records.py)
        original=fields.COLUMN(columns.VarBytesColumn()),  # packed original paragraphs and ids
    )


FIELD_NAMES = frozenset(build_schema().names())
