"""Pinyin glosses a web converter glued after characters (`區(qū)`, `業(yè)`) are removed.

Only a bracketed, tone-marked syllable of valid pinyin shape directly after a Han character counts (or
after a Latin letter whose byte and the last byte of the full-width character before it spell a
character read that way: the converter's false pair, `，F(xiàn)intech` on a real page):
real brackets such as `(一)`, `(2013—2030)`, `(B型)` or `(自治区…负责)` never have that shape. A
toneless syllable could be a neutral-tone gloss, but could as well be Latin text, so it stays.

Simplified text also carries readings its author meant (`鲥(shí)鱼`, `龟(qiū)兹`, a rare name's `王堃(kūn)`).
The converter writes traditional text, glosses traditional-only characters (1,545 of 1,556 glossed
characters on real damaged pages are outside GB2312) and glosses a character wherever it occurs. So a
gloss stays when the document is written in simplified characters, glosses no traditional-only
character (區, which simplified text writes 区), and does not gloss that character at every one of two or
more occurrences. (A rare character outside GB2312 that simplified text uses, `堃`, glossed once is a
reading: the evaluation's clean documents hold one; the earlier rule required every glossed character
to be in GB2312 and removed it.)
"""

from __future__ import annotations

import re
from collections import Counter

from viewer.core.convert import convert
from viewer.core.documents import Repair, RepairChange
from viewer.core.repair.chars import GLOSS_START_RE, HAN_CLASS, HAN_RE, TONE_VOWELS
from viewer.core.repair.mojibake import _readings
from viewer.errors import message

KIND = "pinyin_gloss"

_TONED = f"[{TONE_VOWELS}]"
_VOWEL = f"[aeiouü{TONE_VOWELS}]"
# initial? + vowels (exactly one carrying the tone mark) + n/ng/r? ; or a syllabic nasal (ń, ňg, ḿ).
_SYLLABLE = f"(?:(?:zh|ch|sh|[bpmfdtnlgkhjqxrzcsyw])?(?=[a-zü]*{_TONED}){_VOWEL}{{1,3}}(?:ng|n|r)?|[ńňǹ]g?|ḿ)"
GLOSS_RE = re.compile(f"(?<=[{HAN_CLASS}])\\(({_SYLLABLE})\\)")
# A gloss after an ASCII letter right after a full-width character: the converter's false pair, the
# character's last GBK byte and the letter (`，F(xiàn)intech`: A3 AC + 46, and AC 46 is 現).
_AFTER_PAIR = "[^\\x00-\\x7f][\\x40-\\x7e]"
_ANY_GLOSS_RE = re.compile(f"(?:(?<=[{HAN_CLASS}])|(?<={_AFTER_PAIR}))\\(({_SYLLABLE})\\)")


# Share of Han characters outside GB2312 above which a text is written in traditional characters:
# simplified text has next to none, traditional text a fifth or more.
TRADITIONAL_SHARE = 0.05


def _one_tone(syllable: str) -> bool:
    return sum(ch in TONE_VOWELS for ch in syllable) == 1


def _in_gb2312(ch: str) -> bool:
    try:
        ch.encode("gb2312")
    except UnicodeEncodeError:
        return False
    return True


def _traditional_only(ch: str) -> bool:
    """A character outside GB2312 that simplified text writes otherwise (區 → 区; not 堃, a rare name's)."""
    return not _in_gb2312(ch) and convert(ch, "t2s") != ch


def _is_simplified(text: str) -> bool:
    han = HAN_RE.findall(text)
    outside = sum(not _in_gb2312(ch) for ch in han)
    return outside <= TRADITIONAL_SHARE * len(han)


def _false_pair(before: str, letter: str, syllable: str) -> bool:
    """Whether the last GBK byte of `before` and the ASCII `letter` spell a character read `syllable`."""
    try:
        lead = before.encode("gbk")[-1:]
        ch = (lead + letter.encode("ascii")).decode("gbk")
    except (UnicodeEncodeError, UnicodeDecodeError):
        return False
    return ch in _readings().get(syllable, ())


def _intended(text: str, glosses: list[re.Match[str]]) -> set[int]:
    """Start offsets of the glosses that are the author's readings, not the converter's."""
    glossed = [text[m.start() - 1] for m in glosses]
    if not _is_simplified(text) or any(_traditional_only(ch) for ch in set(glossed)):
        return set()  # the converter's pattern: traditional text, traditional-only characters glossed
    times = Counter(glossed)
    return {
        m.start()
        for m, ch in zip(glosses, glossed, strict=True)
        if times[ch] < 2 or text.count(ch) > times[ch]
    }


def remove_glosses(text: str) -> tuple[str, list[Repair]]:
    """Drop every pinyin gloss glued to a Han character, and those the converter glued after a false pair."""
    if not GLOSS_START_RE.search(text):
        return text, []
    glosses = [m for m in GLOSS_RE.finditer(text) if _one_tone(m.group(1))]
    intended = _intended(text, glosses)
    changes: list[RepairChange] = []

    def drop(m: re.Match[str]) -> str:
        if not _one_tone(m.group(1)) or m.start() in intended:
            return m.group(0)
        changes.append(RepairChange(m.start(), m.group(0), ""))
        return ""

    def drop_any(m: re.Match[str]) -> str:
        if HAN_RE.match(text[m.start() - 1]):
            return drop(m)
        if not _false_pair(text[m.start() - 2], text[m.start() - 1], m.group(1)):
            return m.group(0)  # Latin text: "Beijing (Běijīng)" has a space, "X(xiàn)" no such pair
        changes.append(RepairChange(m.start(), m.group(0), ""))
        return ""

    repaired = _ANY_GLOSS_RE.sub(drop_any, text)
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
