"""Character classes and line helpers the repair rules share, so they agree on what Han text is."""

from __future__ import annotations

import re

# Han ideographs: URO, Extension A, compatibility ideographs, and the supplementary planes (Ext B+).
HAN_CLASS = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f"
HAN_RE = re.compile(f"[{HAN_CLASS}]")

# Tone-marked vowels (and the syllabic nasals) of Hanyu Pinyin.
TONE_VOWELS = "āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜńňǹḿ"
PINYIN_LETTERS = "a-zü" + TONE_VOWELS

# Whitespace that web pages and word processors put into Chinese text.
SPACE_CLASS = " \t\u00a0\u1680\u2000-\u200b\u202f\u205f\u3000\ufeff"
SPACE_RE = re.compile(f"[{SPACE_CLASS}]+")

# Punctuation that can end a paragraph (or a heading line that is complete as it stands).
FINAL_PUNCT = frozenset("。．.！!？?；;：:…”’」』）)】》〉]—–-~～■□▲△●◆◇★☆※\"'")

# Punctuation inside a sentence; a line holding one of these reads like running text, not a heading.
CLAUSE_PUNCT_RE = re.compile("[，,。；;！!？?]")


def is_han(ch: str) -> bool:
    return bool(HAN_RE.match(ch))


def normalise_line(line: str) -> str:
    """A line as compared across documents and copies: trimmed, inner whitespace runs as one space."""
    line = line.strip()
    if not SPACE_RE.search(line):
        return line
    return SPACE_RE.sub(" ", line)


# The start of a pinyin gloss, "(" then letters up to a tone-marked vowel: a cheap pre-check that both
# the gloss and the mojibake rules use before any real work.
GLOSS_START_RE = re.compile(f"\\([a-zü]*[{TONE_VOWELS}]")
