"""Natural order for file and folder names: 第2册 before 第10册, 卷九十九 before 卷一百, in either script.

Archives name their volumes with digits (第2册), Chinese numerals (卷四百二十八, 第十册) or both, in
simplified or traditional script (第十册 / 第十冊, 一万 / 一萬); plain string order puts 第10册 before
第2册 and 卷一百 before 卷九十九. A name is cut into runs of digits, runs of Chinese numerals and text
between them; numbers compare by value, text by its folded form (viewer.core.folding: script, width,
case), and the original name breaks ties, so the order is total and the same on every run.

Only the everyday numerals count (〇零一二三四五六七八九两 十百千万亿 廿卅卌). The financial forms
(壹贰叁 ... 陆 ...) are left out: 陆 (land), 伍 and 参 (参考) are common in ordinary words, and reading
them as numbers would scatter names like 大陆 for no gain.
"""

from __future__ import annotations

import functools
import re
import unicodedata

from viewer.core.folding import fold

_DIGITS = {ch: value for value, ch in enumerate("零一二三四五六七八九")} | {"〇": 0, "两": 2}
_TENS = {"廿": 20, "卅": 30, "卌": 40}
_UNITS = {"十": 10, "百": 100, "千": 1000}
_MYRIADS = {"万": 10**4, "亿": 10**8}
_CHINESE = "".join([*_DIGITS, *_TENS, *_UNITS, *_MYRIADS])

# Matched on the folded name, where fullwidth digits are ASCII and 萬/億/兩 are 万/亿/两.
_NUMBER = re.compile(rf"(\d+)|([{_CHINESE}]+)")

_LARGEST = 10**4000  # below Python's limit on int → str conversion (4300 digits); no name needs more

NUMBER = 0  # a part's tag: numbers sort before text, and a number is never compared with a string
TEXT = 1


def chinese_number(run: str) -> int:
    """The value of a run of Chinese numerals: 四百二十八 → 428, 一百零五 → 105, 廿一 → 21, 二〇二三 → 2023.

    A run of bare digits with no unit (二〇二三, 一一) is read digit by digit, as years are written;
    anything else is read with its units. Malformed runs still get a value, so sorting never fails.
    """
    if all(ch in _DIGITS for ch in run):
        value = 0
        for ch in run:
            value = value * 10 + _DIGITS[ch]
        return value
    total = 0  # the part above the last 万 / 亿
    section = 0  # the part below it
    digit: int | None = None
    for ch in run:
        if ch in _DIGITS:
            digit = _DIGITS[ch] if digit is None else digit * 10 + _DIGITS[ch]
        elif ch in _TENS:
            section += _TENS[ch]
            digit = None
        elif ch in _UNITS:
            section += (1 if digit is None else digit) * _UNITS[ch]
            digit = None
        else:
            section += digit or 0
            digit = None
            if ch == "亿":
                total = (total + (section or 1)) * _MYRIADS[ch]
            else:
                total += (section or 1) * _MYRIADS[ch]
            section = 0
    return total + section + (digit or 0)


def _decimal(run: str) -> str:
    """A run of decimal digits of any script as ASCII, without leading zeros ("0" for zero)."""
    if not run.isascii():
        run = "".join(str(unicodedata.decimal(ch)) for ch in run)
    return run.lstrip("0") or "0"


def natural_key(name: str) -> tuple:
    """A sort key: ((tag, ...), ...) parts, then the name itself so that distinct names never tie.

    Numbers are (NUMBER, number of digits, digits) so that values of any length compare without int
    conversion; text is (TEXT, folded text).
    """
    folded = fold(name)
    pieces = _NUMBER.split(folded)  # text, digits or None, numerals or None, text, ...
    parts: list[tuple] = [(TEXT, pieces[0])] if pieces[0] else []
    for i in range(1, len(pieces), 3):
        digits, chinese, text = pieces[i], pieces[i + 1], pieces[i + 2]
        if digits:
            value = digits.lstrip("0") or "0" if digits.isascii() else _decimal(digits)
        else:
            value = _chinese_digits(chinese)
        parts.append((NUMBER, len(value), value))
        if text:
            parts.append((TEXT, text))
    return (tuple(parts), name)


@functools.lru_cache(maxsize=4096)
def _chinese_digits(run: str) -> str:
    """chinese_number as a digit string; the same few runs (卷一百, 第二册) recur across an archive."""
    return str(min(chinese_number(run), _LARGEST))
