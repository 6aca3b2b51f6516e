"""Per-character folding (script, width, case) shared by search, find-in-document and the tree filter.

`fold` maps every character to one character (never more, never fewer), which keeps offsets in the
folded text equal to offsets in the original: a match found in folded text highlights straight in
the document's own script. No Whoosh here, so the window can fold before the search engine is
imported; each character is folded the first time it is seen, so importing this module is cheap.
See viewer/core/search/schema.py for why the analysis is what it is.
"""

from __future__ import annotations

import unicodedata

from viewer.core.convert import CJK_RANGES, convert

# Variant characters (異體字) that OpenCC's t2s leaves alone, mapped to the form t2s produces for
# their standard counterpart. Applied after t2s. Pairs that t2s already unifies (峯/峰, 爲/為, 衆/眾,
# 綫/線, 裏/裡, 羣/群 ...) need no entry; a test checks both kinds.
VARIANTS: dict[str, str] = {
    "衞": "卫",
    "値": "值",
    "槪": "概",
    "硏": "研",
    "呑": "吞",
    "戸": "户",
    "吿": "告",
    "靑": "青",
    "淸": "清",
    "緖": "绪",
    "晩": "晚",
    "姸": "妍",
    "汚": "污",
    "敍": "叙",
    "粧": "妆",
    "竝": "并",
    "覩": "睹",
    "囘": "回",
    "廻": "回",
    "凴": "凭",
    "鬭": "斗",
    "鬬": "斗",
    "閧": "哄",
    "姪": "侄",
    "邨": "村",
    "甦": "苏",
}


def _t2s_char(ch: str) -> str:
    """OpenCC t2s of one CJK character alone, exactly what convert.char_table("t2s") holds.

    Converted one at a time (~2 us each, once per process: _FoldTable keeps them) rather than by
    building the whole table (~50 ms of 93 000 characters), which a fresh process's first search
    would otherwise wait for. A test compares the two on every CJK code point.
    """
    cp = ord(ch)
    if not any(low <= cp <= high for low, high in CJK_RANGES):
        return ch
    out = convert(ch, "t2s")
    return out if len(out) == 1 else ch


def _fold_once(ch: str) -> str:
    """NFKC (when it yields one character), case folding (when 1:1), t2s, then the variant table."""
    nfkc = unicodedata.normalize("NFKC", ch)
    if len(nfkc) == 1:
        ch = nfkc
    lower = ch.casefold()
    if len(lower) == 1:
        ch = lower
    ch = _t2s_char(ch)
    return VARIANTS.get(ch, ch)


def fold_char(ch: str) -> str:
    """One character folded; applied until stable, so fold(fold(x)) == fold(x)."""
    for _ in range(4):
        folded = _fold_once(ch)
        if folded == ch:
            break
        ch = folded
    return ch


class _FoldTable(dict[int, str]):
    """Code point -> folded character, filled on first sight so str.translate runs at C speed."""

    def __missing__(self, codepoint: int) -> str:
        folded = fold_char(chr(codepoint))
        self[codepoint] = folded
        return folded


_TABLE = _FoldTable()


def fold(text: str) -> str:
    """Fold `text` character by character: len(fold(text)) == len(text), always."""
    return text.translate(_TABLE)


def clean_query_text(text: str) -> str:
    """Drop control characters from user input: they are never searchable text."""
    return "".join(ch for ch in text if ch in "\t\n" or unicodedata.category(ch) != "Cc")


def find_all(needle: str, haystack: str) -> list[tuple[int, int]]:
    """Non-overlapping (start, end) spans of an already-folded needle in already-folded text."""
    spans: list[tuple[int, int]] = []
    if not needle:
        return spans
    size = len(needle)
    pos = haystack.find(needle)
    while pos >= 0:
        spans.append((pos, pos + size))
        pos = haystack.find(needle, pos + size)
    return spans


def find_matches(needle: str, text: str) -> list[tuple[int, int]]:
    """Script-insensitive find-in-document (Ctrl+F): spans of `needle` in `text`, in text's offsets."""
    needle = fold(clean_query_text(needle))
    if not needle.strip():
        return []
    return find_all(needle, fold(text))
