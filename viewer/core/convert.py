"""Traditional/simplified conversion and per-character folding: the only module that imports OpenCC."""

from __future__ import annotations

import functools
import logging
import re
from collections import OrderedDict
from dataclasses import dataclass

import opencc

from viewer.core.documents import SCRIPT_MIXED, SCRIPT_SIMPLIFIED, SCRIPT_TRADITIONAL

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class Variant:
    """A conversion the app offers, by its OpenCC configuration name."""

    config: str
    target_script: str  # "simplified" or "traditional"
    label: str  # shown in the UI (translated there)
    note: str = ""


VARIANTS: dict[str, Variant] = {
    "t2s": Variant("t2s", "simplified", "简体"),
    "s2t": Variant("s2t", "traditional", "繁體", "OpenCC standard forms (赤峰 → 赤峯)"),
    "s2tw": Variant("s2tw", "traditional", "臺灣正體"),
    "s2hk": Variant("s2hk", "traditional", "香港繁體"),
    "s2twp": Variant(
        "s2twp",
        "traditional",
        "臺灣正體+慣用詞",
        "Also rewrites vocabulary to Taiwan usage (项目 → 專案): not a character conversion",
    ),
}
DEFAULT_TO_SIMPLIFIED = "t2s"
DEFAULT_TO_TRADITIONAL = "s2tw"
# The traditional forms offered opposite a simplified original, in menu order.
TRADITIONAL_VARIANTS: tuple[str, ...] = tuple(
    c for c, v in VARIANTS.items() if v.target_script == "traditional"
)


def traditional_config(variant: str) -> str:
    """The traditional conversion to use for a chosen variant: itself if traditional, else the default."""
    return variant if variant in TRADITIONAL_VARIANTS else DEFAULT_TO_TRADITIONAL


# True when the official binding is in use; the pure-Python fallback is less accurate (see README).
OFFICIAL_BINDING = hasattr(opencc, "__version__") or not hasattr(opencc, "Converter")


@functools.cache
def _opencc(config: str) -> opencc.OpenCC:
    """One OpenCC instance per configuration; they are immutable and thread-safe to share."""
    try:
        return opencc.OpenCC(f"{config}.json")
    except Exception:  # the pure-Python fallback takes names without .json
        return opencc.OpenCC(config)


def convert(text: str, config: str) -> str:
    """Convert `text` with an OpenCC configuration (any name OpenCC knows, e.g. "s2tw")."""
    if not text:
        return text
    return str(_opencc(config).convert(text))


class ConversionCache:
    """Converted paragraphs by (variant, text), bounded, so re-opening a document is instant."""

    def __init__(self, max_entries: int = 20_000) -> None:
        self._entries: OrderedDict[tuple[str, str], str] = OrderedDict()
        self._max = max_entries

    def convert(self, text: str, config: str) -> str:
        key = (config, text)
        hit = self._entries.get(key)
        if hit is not None:
            self._entries.move_to_end(key)
            return hit
        result = convert(text, config)
        self._entries[key] = result
        if len(self._entries) > self._max:
            self._entries.popitem(last=False)
        return result


# The CJK ideograph blocks: unified, extension A, compatibility, and extensions B to G.
CJK_RANGES = (
    (0x3400, 0x4DBF),
    (0x4E00, 0x9FFF),
    (0xF900, 0xFAFF),
    (0x20000, 0x2A6DF),
    (0x2A700, 0x2EBEF),
    (0x30000, 0x3134F),
)


def _cjk_codepoints() -> list[int]:
    return [cp for lo, hi in CJK_RANGES for cp in range(lo, hi + 1)]


@functools.cache
def char_table(config: str) -> dict[int, str]:
    """Each CJK character converted alone: a 1:1 mapping, independent of context."""
    cps = _cjk_codepoints()
    # A newline between characters stops OpenCC's phrase matching from joining neighbours.
    converted = convert("\n".join(chr(cp) for cp in cps), config).split("\n")
    if len(converted) != len(cps):  # never expected; fall back to slow but certain
        converted = [convert(chr(cp), config) for cp in cps]
    return {cp: out for cp, out in zip(cps, converted, strict=True) if len(out) == 1 and out != chr(cp)}


@functools.cache
def _script_patterns() -> tuple[re.Pattern[str], re.Pattern[str]]:
    """Character classes of what t2s and s2t would change; built once, matched in C."""

    def char_class(table: dict[int, str]) -> re.Pattern[str]:
        # BMP only: a class with astral characters makes sre fall back to a slow linear scan.
        return re.compile("[" + "".join(re.escape(chr(cp)) for cp in sorted(table) if cp < 0x10000) + "]")

    return char_class(char_table("t2s")), char_class(char_table("s2t"))


def detect_script(text: str, sample: int = 200_000) -> str:
    """Traditional, simplified or mixed, from how many characters each direction would change."""
    head = text[:sample]
    traditional_chars, simplified_chars = _script_patterns()
    trad = len(traditional_chars.findall(head))
    simp = len(simplified_chars.findall(head))
    if trad == simp == 0:
        return SCRIPT_SIMPLIFIED
    share = trad / (trad + simp)
    if share >= 0.8:
        return SCRIPT_TRADITIONAL
    if share <= 0.2:
        return SCRIPT_SIMPLIFIED
    return SCRIPT_MIXED
