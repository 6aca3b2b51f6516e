"""Repairs for text damaged on its way into the archive; each rule is a pure function in its own module.

`repair_text` runs them in an order where each rule sees what it needs: the doubled copy goes first (so
nothing is counted twice), byte-level mojibake is restored while the pinyin glosses that help identify
characters are still there, glosses go before chrome (footers are glossed too: `版權(quán)所有`), page
breaks are joined while indentation still tells paragraphs apart, and whitespace is normalised last.
The output is one paragraph per line, blank lines between paragraphs (at most one), no surrounding
whitespace on a line, "\\n" line endings, punctuation as in the source.
"""

from __future__ import annotations

from viewer.core.documents import Repair
from viewer.core.repair.chrome import find_common_lines, remove_chrome
from viewer.core.repair.doubled import repair_doubled
from viewer.core.repair.mojibake import repair_mojibake
from viewer.core.repair.pagebreaks import join_page_breaks
from viewer.core.repair.pinyin import remove_glosses
from viewer.core.repair.whitespace import normalise_line_endings, normalise_whitespace

__all__ = ["find_common_lines", "repair_text"]


def repair_text(text: str, *, common_lines: frozenset[str] = frozenset()) -> tuple[str, list[Repair]]:
    """Run every repair in order; return the repaired text and one Repair per rule that changed it.

    Each Repair's change offsets point into the text as that rule received it (after earlier rules).
    """
    repairs: list[Repair] = []
    for rule in (
        normalise_line_endings,
        repair_doubled,
        repair_mojibake,
        remove_glosses,
        lambda t: remove_chrome(t, common_lines),
        join_page_breaks,
        normalise_whitespace,
    ):
        text, found = rule(text)
        repairs.extend(found)
    return text, repairs
