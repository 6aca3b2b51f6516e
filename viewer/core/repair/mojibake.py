"""GBK text that lost a lead byte and was then read one byte out of step: restore it from the bytes.

The damage comes from a web converter that wrote traditional characters with pinyin glosses. Where a
character's GBK lead byte was lost (shown as "?"), the bytes after it were decoded in the wrong pairs:
`省（區` = CA A1 | A3 A8 | 85 5E became `?` + A1A3 `。` + A885 `▍` + 5E `^`. The stream falls back
into step at the first byte in the ASCII range, which is the trail byte of the last damaged character.
So the run between the "?" and that ASCII character, encoded back to GBK with an unknown lead byte in
front, decodes in step to the original characters. Only the first one is ambiguous (its lead byte is
gone): it is chosen from the candidates by the document's own evidence, then by a fixed order.

Two more traces of the same damage are handled:
- a lone ASCII character followed by a pinyin gloss (`I(yè)`) is the trail byte of a character whose
  lead byte was lost (業 = 98 49); the gloss and the trail byte together name it;
- a "?" followed by the tail of a gloss (`?qū)`) is a character lost with the opening of its gloss;
  nothing of its bytes is left, so it is marked with 〓 and counted as unresolved, never guessed.
"""

from __future__ import annotations

import functools
import re
from collections import Counter

from viewer.core.documents import Repair, RepairChange
from viewer.core.repair.chars import GLOSS_START_RE, HAN_CLASS, PINYIN_LETTERS, TONE_VOWELS, is_han
from viewer.errors import LIST_SEPARATOR, message

KIND = "mojibake"
MARK = "〓"  # GB 2312's geta mark: the conventional sign for a character that could not be restored

_SYLLABLE = f"[a-zü]*[{TONE_VOWELS}][{PINYIN_LETTERS}]*"
# "?" + out-of-step run (GBK double-byte characters) + the ASCII trail byte that realigned the stream.
_SHIFTED_RE = re.compile("[?\ufffd]([^\\x00-\\x7f]{1,16}?)([\\x40-\\x7e])")
# A lone ASCII character glued to a gloss: the trail byte left of a character whose lead byte was lost.
_ORPHAN_TRAIL_RE = re.compile(f"(?<![A-Za-z0-9])([\\x40-\\x7e])(\\({_SYLLABLE}\\))")
# "?" + the tail of a gloss without its opening bracket: a character lost together with "(".
_LOST_GLOSSED_RE = re.compile(f"[?\ufffd]({_SYLLABLE}\\))")
# Characters a correct Chinese text does not hold but an out-of-step GBK decode often produces.
_IMPLAUSIBLE_RE = re.compile(
    "[\u2500-\u259f\u0370-\u03ff\u0400-\u04ff\u3040-\u30ff\ue000-\uf8ff\u02c0-\u02ff]"
)
_PLAIN_RE = re.compile(f"[{HAN_CLASS}\u3000-\u303f\uff00-\uffef]")
_GLOSSED_CHAR_RE = re.compile(f"([{HAN_CLASS}])(\\({_SYLLABLE}\\))")

_LEAD_BYTES = range(0x81, 0xFF)
_FOLD = str.maketrans("（）：，；！？", "():,;!?")


def _first_char_candidates(trail: int) -> list[str]:
    """Han characters whose GBK encoding ends in `trail`, in code-point order."""
    found = []
    for lead in _LEAD_BYTES:
        try:
            ch = bytes((lead, trail)).decode("gbk")
        except UnicodeDecodeError:
            continue
        if is_han(ch):
            found.append(ch)
    return sorted(found)


def _decode_in_step(run: str, trail: str) -> tuple[int, str] | None:
    """(first trail byte, the characters after the first) if run+trail re-read in step is plausible."""
    try:
        data = (run + trail).encode("gbk")
    except UnicodeEncodeError:
        return None
    if len(data) % 2 == 0:  # run must be whole double-byte characters plus one trail byte
        return None
    try:
        rest = data[1:].decode("gbk")
    except UnicodeDecodeError:
        return None
    if len(rest) != (len(data) - 1) // 2 or not all(_PLAIN_RE.match(ch) for ch in rest):
        return None
    return data[0], rest


class _Evidence:
    """What the document itself says about characters, computed once and only if a run needs it."""

    def __init__(self, text: str) -> None:
        self.text = text

    @functools.cached_property
    def folded(self) -> str:
        return self.text.translate(_FOLD)

    @functools.cached_property
    def counts(self) -> Counter[str]:
        return Counter(ch for ch in self.text if is_han(ch))


def _choose(candidates: list[str], rest: str, evidence: _Evidence) -> tuple[str, str]:
    """Pick the lost first character: the document's own use of it before `rest`, then its frequency."""
    folded_text = evidence.folded
    follow = rest.translate(_FOLD)[:2]
    in_context = {c: folded_text.count(c + follow) for c in candidates} if follow else {}
    best_context = max(in_context.values(), default=0)
    if best_context:
        choice = min((c for c in candidates if in_context[c] == best_context), key=ord)
        return choice, message(
            "{text} occurs {count}× in this document", text=choice + follow, count=best_context
        )
    counts = evidence.counts
    best = max(candidates, key=lambda c: (counts[c], -ord(c)))
    if counts[best]:
        return best, message(
            "{char} is the most frequent candidate in this document ({count}×)", char=best, count=counts[best]
        )
    return best, message("no evidence in the document; first candidate in code-point order")


def repair_mojibake(text: str) -> tuple[str, list[Repair]]:
    """Restore GBK runs decoded out of step; mark what cannot be restored with 〓."""
    if "?" not in text and "\ufffd" not in text and not GLOSS_START_RE.search(text):
        return text, []
    changes: list[RepairChange] = []
    notes: list[str] = []
    unresolved = 0
    evidence = _Evidence(text)
    glossed: Counter[tuple[str, str]] = Counter(
        (m.group(1), m.group(2)) for m in _GLOSSED_CHAR_RE.finditer(text)
    )

    def shifted(m: re.Match[str]) -> str:
        run, trail = m.group(1), m.group(2)
        if not _IMPLAUSIBLE_RE.search(run):
            return m.group(0)  # no sign of damage: a real "?" before ordinary text
        decoded = _decode_in_step(run, trail)
        if decoded is None:
            return m.group(0)
        first_trail, rest = decoded
        candidates = _first_char_candidates(first_trail)
        if not candidates:
            return m.group(0)
        choice, why = _choose(candidates, rest, evidence)
        after = choice + rest
        changes.append(RepairChange(m.start(), m.group(0), after))
        shown = "".join(candidates[:12]) + ("…" if len(candidates) > 12 else "")
        notes.append(
            message(
                "at {where}: {before} → {after}; first character chosen from {count} candidates "
                "({candidates}) because {why}",
                where=m.start(),
                before=m.group(0),
                after=after,
                count=len(candidates),
                candidates=shown,
                why=why,
            )
        )
        return after

    def orphan(m: re.Match[str]) -> str:
        trail, gloss = m.group(1), m.group(2)
        # Characters with this trail byte that the document itself glosses the same way.
        options = [
            (n, ch)
            for (ch, g), n in glossed.items()
            if g == gloss
            and ch.encode("gbk", "ignore")[-1:] == trail.encode("ascii")
            and len(ch.encode("gbk", "ignore")) == 2
        ]
        if not options:
            return m.group(0)
        options.sort(key=lambda item: (-item[0], ord(item[1])))
        ch = options[0][1]
        changes.append(RepairChange(m.start(), trail, ch))
        notes.append(
            message(
                "at {where}: {before} → {after}; {trail} is the trail byte of {char} (GBK {bytes}), "
                "which the document glosses {gloss}",
                where=m.start(),
                before=trail + gloss,
                after=ch + gloss,
                trail=trail,
                char=ch,
                bytes=ch.encode("gbk").hex(" ").upper(),
                gloss=gloss,
            )
        )
        return ch + gloss

    def lost(m: re.Match[str]) -> str:
        nonlocal unresolved
        unresolved += 1
        changes.append(RepairChange(m.start(), m.group(0), MARK))
        notes.append(
            message(
                "at {where}: {before} is a character lost with the opening of its gloss; no byte of it "
                "is left, marked {mark}",
                where=m.start(),
                before=m.group(0),
                mark=MARK,
            )
        )
        return MARK

    # Offsets in the changes are into the text this rule was given, so each pass works on the
    # original positions: the passes touch disjoint spans and are applied in one sweep below.
    spans: list[tuple[int, int, str]] = []
    for regex, fix in ((_SHIFTED_RE, shifted), (_ORPHAN_TRAIL_RE, orphan), (_LOST_GLOSSED_RE, lost)):
        for m in regex.finditer(text):
            if any(s < m.end() and m.start() < e for s, e, _ in spans):
                continue
            replacement = fix(m)
            if replacement != m.group(0):
                spans.append((m.start(), m.end(), replacement))
    if not spans:
        return text, []
    spans.sort()
    out, pos = [], 0
    for start, end, replacement in spans:
        out.append(text[pos:start])
        out.append(replacement)
        pos = end
    out.append(text[pos:])
    changes.sort(key=lambda c: c.where)
    restored = len(changes) - unresolved
    details = LIST_SEPARATOR.join(notes)
    description = (
        message(
            "Restored {restored} character run(s) damaged by a GBK byte misalignment; marked {unresolved} "
            "that cannot be restored with {mark}. {notes}",
            restored=restored,
            unresolved=unresolved,
            mark=MARK,
            notes=details,
        )
        if unresolved
        else message(
            "Restored {restored} character run(s) damaged by a GBK byte misalignment. {notes}",
            restored=restored,
            notes=details,
        )
    )
    return "".join(out), [Repair(KIND, len(changes), description, tuple(changes), unresolved)]
