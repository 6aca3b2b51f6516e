"""Documents saved twice over (the whole body repeated) keep one copy: the one with fewer defects."""

from __future__ import annotations

import math
import re
from collections import Counter
from difflib import SequenceMatcher

from viewer.core.documents import Repair, RepairChange
from viewer.core.repair.chars import PINYIN_LETTERS, SPACE_RE
from viewer.errors import message

KIND = "doubled"

MATCH_SHARE = 0.8  # share of a copy's lines that must match the other copy's
MAX_HEADER = 3  # content lines allowed before the first copy (e.g. a volume line "2015卷")
MIN_COPY_LINES = 2
MIN_COPY_CHARS = 40
FUZZY_MIN_LEN = 10  # shorter lines must match exactly
FUZZY_RATIO = 0.9
DUPLICATE_GATE = 0.4  # share of lines that must occur twice exactly before the real search runs

_GLOSS_RE = re.compile(f"\\([{PINYIN_LETTERS}]{{1,7}}\\)")
# Signs of damage: lost bytes shown as "?" or U+FFFD, box/block drawing and private-use characters.
_DEFECT_RE = re.compile("[?\ufffd\u2500-\u259f\ue000-\uf8ff]")


def _key(line: str) -> str:
    """A line as the two copies are compared: no whitespace, no pinyin glosses."""
    return _GLOSS_RE.sub("", SPACE_RE.sub("", line))


def _lines_match(a: str, b: str) -> bool:
    if a == b:
        return True
    if min(len(a), len(b)) < FUZZY_MIN_LEN or abs(len(a) - len(b)) > 0.1 * max(len(a), len(b)):
        return False
    # Cheap gate before the quadratic ratio: the copies of one line share a head or a tail.
    if a[:6] != b[:6] and a[-6:] != b[-6:]:
        return False
    return SequenceMatcher(None, a, b, autojunk=False).ratio() >= FUZZY_RATIO


class _Keys:
    """Comparison keys of the content lines, computed only for the lines the search looks at."""

    def __init__(self, lines: list[str]) -> None:
        self.lines = lines
        self.cache: dict[int, str] = {}

    def __len__(self) -> int:
        return len(self.lines)

    def __getitem__(self, i: int) -> str:
        key = self.cache.get(i)
        if key is None:
            key = self.cache[i] = _key(self.lines[i])
        return key


def _copies_match(keys: _Keys, start: int, second: int, length: int) -> bool:
    allowed_misses = length - math.ceil(MATCH_SHARE * length - 1e-9)  # (1 - 0.8) * 5 < 1 in floats
    misses = 0
    for i in range(length):
        if not _lines_match(keys[start + i], keys[second + i]):
            misses += 1
            if misses > allowed_misses:
                return False
    return True


def _find_copies(keys: _Keys) -> tuple[int, int] | None:
    """(start of first copy, copy length) in content-line indices, or None if the text is not doubled."""
    n = len(keys)
    chars_before = [0]  # running length of the raw lines, for the copy-size floor
    for line in keys.lines:
        chars_before.append(chars_before[-1] + len(line))
    for start in range(min(MAX_HEADER + 1, n)):
        if not keys[start]:
            continue
        # The second copy ends at most a short footer before the end, so it starts near the middle:
        # walk down from the middle while the footer stays short enough.
        second = (n + start) // 2
        while second - start >= MIN_COPY_LINES:
            length = second - start
            if n - (second + length) > max(3, length // 5):
                break
            if (
                _lines_match(keys[start], keys[second])
                and chars_before[second] - chars_before[start] >= MIN_COPY_CHARS
                and _copies_match(keys, start, second, length)
            ):
                return start, length
            second -= 1
    return None


def repair_doubled(text: str) -> tuple[str, list[Repair]]:
    """Keep one copy of a text that holds its whole body twice; the rest of the text is untouched."""
    lines = text.split("\n")
    content = [i for i, line in enumerate(lines) if line.strip()]
    if len(content) < 2 * MIN_COPY_LINES:
        return text, []
    # Cheapest gate: in a doubled text most lines occur twice, letter for letter (the copies differ
    # only where one was damaged); real texts repeat few lines.
    stripped = [lines[i].strip() for i in content]
    counts = Counter(stripped)
    if sum(1 for line in stripped if counts[line] >= 2) < DUPLICATE_GATE * len(stripped):
        return text, []
    # Cheap gate: one of the first lines must recur further down, whole (short lines) or by its head
    # or tail (long lines, which the fuzzy match compares that way too).
    end = 0
    probes: list[tuple[str, int]] = []
    for line in lines[: content[min(MAX_HEADER, len(content) - 1)] + 1]:
        end += len(line) + 1
        line = line.strip()
        if len(line) >= FUZZY_MIN_LEN:
            probes += [(line[:6], end), (line[-6:], end)]
        elif line:
            probes.append((f"\n{line}\n", end - 1))
    # The second copy starts near the middle of the text (a short footer may follow it).
    lo, hi = int(len(text) * 0.25), int(len(text) * 0.7)
    if not any(text.find(probe, max(end, lo), hi + len(probe)) >= 0 for probe, end in probes):
        return text, []
    found = _find_copies(_Keys([lines[i] for i in content]))
    if found is None:
        return text, []
    start, length = found
    # Line ranges [a, b) of the two copies, each with the blank lines that follow it.
    first = (content[start], content[start + length])
    after_second = start + 2 * length  # the first footer line, if any
    second = (content[start + length], content[after_second] if after_second < len(content) else len(lines))
    copy1 = "\n".join(lines[first[0] : first[1]])
    copy2 = "\n".join(lines[second[0] : second[1]])
    keep_second = len(_DEFECT_RE.findall(copy2)) < len(_DEFECT_RE.findall(copy1))
    if keep_second:
        drop = first
        kept_lines = lines[: first[0]] + lines[second[0] :]
    else:
        drop = second
        kept_lines = lines[: second[0]] + lines[second[1] :]
    where = sum(len(line) + 1 for line in lines[: drop[0]])
    removed = "\n".join(lines[drop[0] : drop[1]])
    change = RepairChange(where, removed, "")
    repair = Repair(
        KIND,
        1,
        message(
            "The text was there twice ({lines} lines each); removed the first copy, which had more "
            "damaged characters.",
            lines=length,
        )
        if keep_second
        else message("The text was there twice ({lines} lines each); removed the second copy.", lines=length),
        (change,),
    )
    return "\n".join(kept_lines), [repair]
