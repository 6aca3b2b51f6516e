"""Folded text as the SphinxQL index holds it: every character one token, so a term is a phrase.

The cluster's indexes (sphinx_config.py) tokenize with `ngram_len = 1` over U+3000..U+2FA1F and treat
every other character as a separator. A hit is an exact substring of the folded text, spaces, Latin
letters and punctuation included (schema.py), so each character outside that range, and each
private-use character inside it, is written as two private-use characters: a high one (U+E000 +
code >> 8, up to U+F0FF) and a low one (U+F100 + code & 0xFF). The two ranges are disjoint, so a
phrase of pairs can only match pair-aligned, and a term's tokens are consecutive in a paragraph
exactly when the term is a substring of it. Nothing written holds an ASCII character, so a query
built from these tokens needs no escaping. Three private-use characters the pairs never use mark
what the engine needs beside the text.
"""

from __future__ import annotations

_RANGE_LOW, _RANGE_HIGH = 0x3000, 0x2FA1F
_PRIVATE_LOW, _PRIVATE_HIGH = 0xE000, 0xF8FF
_HIGH_BASE, _LOW_BASE = 0xE000, 0xF100

EVERY = "\uf8ff"  # starts every paragraph's body: "every paragraph", for a NOT with nothing beside it
SEPARATOR = "\uf8fe"  # between the section titles of a document (no phrase spans two)


def _token(ch: str) -> str:
    code = ord(ch)
    if _RANGE_LOW <= code <= _RANGE_HIGH and not _PRIVATE_LOW <= code <= _PRIVATE_HIGH:
        return ch
    return chr(_HIGH_BASE + (code >> 8)) + chr(_LOW_BASE + (code & 0xFF))


class _Tokens(dict[str, str]):
    """Each character's tokens, made once."""

    def __missing__(self, ch: str) -> str:
        token = self[ch] = _token(ch)
        return token


_TOKENS = _Tokens()


def encode(folded: str) -> str:
    """The indexed form of folded text (also of a query term, which is then written as a phrase)."""
    tokens = _TOKENS
    if all(_RANGE_LOW <= ord(ch) <= _RANGE_HIGH for ch in folded) and not any(
        _PRIVATE_LOW <= ord(ch) <= _PRIVATE_HIGH for ch in folded
    ):
        return folded
    return "".join([tokens[ch] for ch in folded])
