"""Pinyin glosses a web converter glued after characters (`區(qū)`, `業(yè)`) are removed.

Only a bracketed, tone-marked syllable of valid pinyin shape directly after a Han character counts:
real brackets such as `(一)`, `(2013—2030)`, `(B型)` or `(自治区…负责)` never have that shape. A
toneless syllable could be a neutral-tone gloss, but could as well be Latin text, so it stays.
"""

from __future__ import annotations

import re

from viewer.core.documents import Repair, RepairChange
from viewer.core.repair.chars import GLOSS_START_RE, HAN_CLASS, TONE_VOWELS
from viewer.errors import message

KIND = "pinyin_gloss"

_TONED = f"[{TONE_VOWELS}]"
_VOWEL = f"[aeiouü{TONE_VOWELS}]"
# initial? + vowels (exactly one carrying the tone mark) + n/ng/r? ; or a syllabic nasal (ń, ňg, ḿ).
_SYLLABLE = f"(?:(?:zh|ch|sh|[bpmfdtnlgkhjqxrzcsyw])?(?=[a-zü]*{_TONED}){_VOWEL}{{1,3}}(?:ng|n|r)?|[ńňǹ]g?|ḿ)"
GLOSS_RE = re.compile(f"(?<=[{HAN_CLASS}])\\(({_SYLLABLE})\\)")


def _one_tone(syllable: str) -> bool:
    return sum(ch in TONE_VOWELS for ch in syllable) == 1


def remove_glosses(text: str) -> tuple[str, list[Repair]]:
    """Drop every pinyin gloss glued to a Han character."""
    if not GLOSS_START_RE.search(text):
        return text, []
    changes: list[RepairChange] = []

    def drop(m: re.Match[str]) -> str:
        if not _one_tone(m.group(1)):
            return m.group(0)
        changes.append(RepairChange(m.start(), m.group(0), ""))
        return ""

    repaired = GLOSS_RE.sub(drop, text)
    if not changes:
        return text, []
    return repaired, [
        Repair(
            KIND,
            len(changes),
            message(
                "Removed {count} pinyin glosses a web converter glued after characters.", count=len(changes)
            ),
            tuple(changes),
        )
    ]
