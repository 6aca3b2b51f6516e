"""GBK text that lost a lead byte and was then read one byte out of step: restore it from the bytes.

The damage comes from a web converter that wrote traditional characters with pinyin glosses. Where a
character's GBK lead byte was lost (shown as "?"), the bytes after it were decoded in the wrong pairs:
`省（區` = CA A1 | A3 A8 | 85 5E became `?` + A1A3 `。` + A885 `▍` + 5E `^`. The stream falls back
into step at the first byte in the ASCII range, which is the trail byte of the last damaged character.
So the run between the "?" and that ASCII character, encoded back to GBK with an unknown lead byte in
front, decodes in step to the original characters. Only the first one is ambiguous (its lead byte is
gone): it is chosen from the candidates by the document's own evidence (the same two characters elsewhere in
the document); without it the character is marked 〓 and the candidates are kept, never guessed.

Second mechanism (real pages). The converter scans the GBK bytes at every offset, not character by
character, and glues a gloss after any two bytes that spell a character of its table (traditional-only
characters, outside GB2312): after a real character (`業` 98 49 + `(yè)`), and also after a false pair
made of the last byte of one character and the first byte of the next. `或專業` = BB F2 | 8C A3 | 98 49
holds F2 8C = 驅 at an odd offset, so the bytes become BB F2 8C `(qū)` A3 98 49 `(yè)`. Decoded in step:
`或`; 8C + "(" is no GBK pair, shown as one `?` (the lost byte 8C and the gloss's "("); then `qū)`;
then the rest out of step: A3 98 (a user-defined code, shown as nothing) and 49 `I` + `(yè)`. So
`P?<gloss tail>)` starts a run: the lost byte x is the one for which P's last byte + x is a character
read that way (`gbk_readings.txt`), and the run's characters re-read one byte over give the rest:
`因?yàn)橐婚_(kāi)始` = D2 F2 [9E] (yàn) E9 D2 BB E9 5F (kāi) CA BC = 因為一開始. A run ends where the
stream falls back into step: at an ASCII byte (the trail of a character: `_`, `I`), at a `?` + gloss
tail (a glossed character's trail byte swallowed with its "("), or at a lone `?` (a trail byte swallowed
with a following ASCII character under 0x40: both lost, `近1` in `全球?qū)⒔? 930萬`). A false pair inside
the run that the converter glossed shows whole with its gloss, which is dropped. Constraints that cut the
candidates: the converter checks every in-step pair after the first, so a character inside a run carries
no gloss (it is not in the table) and the last one carries the gloss that follows it, if any.

What the bytes do not fix stays open: a swallowed byte, and a user-defined pair shown as nothing, which
can hide anywhere in a run (so `因?yàn)橐婚_(kāi)始` can also be read 為[噎寅…][一不…]開, with a hidden pair
inside). Every such reading (none or one hidden pair) is kept; a reading is taken only when it is the
only one, or the only one whose characters all form words (two characters) found elsewhere in the
same document, where a settled neighbour also settles an open position (`專業` elsewhere picks 專 of
尅將專尋尌對導 in `或?qū)I(yè)`). Otherwise the place is marked 〓 and the candidates (characters, or whole
readings separated by spaces) go into the change's `candidates`. No word list or frequency is used:
on 27 sentences damaged by the converter's imitation (tests/core/repair/test_mojibake_mechanisms.py)
this gives 0 exact, 25 marked, 2 not recognised, 0 wrong; without the hidden-pair readings it gave
wrong restorations.

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
from importlib import resources

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
    def unglossed(self) -> str:
        return _FULL_GLOSS_RE.sub("", self.folded)


def _choose(candidates: list[str], rest: str, evidence: _Evidence) -> tuple[str | None, str]:
    """Pick the lost first character by the document's own use of it before `rest`; None if that is no help."""
    folded_text = evidence.folded
    follow = rest.translate(_FOLD)[:2]
    in_context = {c: folded_text.count(c + follow) for c in candidates} if follow else {}
    best_context = max(in_context.values(), default=0)
    chosen = [c for c in candidates if in_context.get(c, 0) == best_context]
    if best_context and len(chosen) == 1:
        return chosen[0], message(
            "{text} occurs {count}× in this document", text=chosen[0] + follow, count=best_context
        )
    return None, message("no evidence in the document singles out one candidate")


@functools.cache
def _readings() -> dict[str, frozenset[str]]:
    """Toned syllable -> the GBK characters outside GB2312 read that way (the converter's glossed set)."""
    table: dict[str, frozenset[str]] = {}
    with resources.files(__package__).joinpath("gbk_readings.txt").open(encoding="utf-8") as f:
        for line in f:
            if line.startswith("#") or "\t" not in line:
                continue
            syllable, chars = line.rstrip("\n").split("\t")
            table[syllable] = frozenset(chars)
    return table


def _pair(lead: int, trail: int) -> str | None:
    """The character two GBK bytes spell, if it is one a correct text holds."""
    try:
        ch = bytes((lead, trail)).decode("gbk")
    except UnicodeDecodeError:
        return None
    return ch if _PLAIN_RE.match(ch) else None


def _bytes_of(ch: str) -> bytes | None:
    """The two bytes a displayed out-of-step character came from (a PUA one from a user-defined code)."""
    try:
        data = ch.encode("gbk")
    except UnicodeEncodeError:
        try:
            data = ch.encode("gb18030")  # user-defined GBK codes decode to the Private Use Area
        except UnicodeEncodeError:
            return None
    return data if len(data) == 2 else None


_LOST_ASCII = "".join(chr(b) for b in range(0x20, 0x40))  # what a swallowed byte under 0x40 can have been
_GLOSS_TAIL_RE = re.compile(f"[?\ufffd]({_SYLLABLE})\\)")
_FULL_GLOSS_RE = re.compile(f"\\(({_SYLLABLE})\\)")
_RUN_START_RE = re.compile(f"([{HAN_CLASS}])[?\ufffd]({_SYLLABLE})\\)")
_MAX_RUN = 24


def _glossed_run(text: str, m: re.Match[str]) -> tuple[int, list[list[frozenset[str]]], bool] | None:
    """The second mechanism at `m` (P + "?" + gloss tail): (end of the run, hypotheses, ASCII lost).

    Each hypothesis is one way the bytes can be read (none or one hidden pair), as the characters each
    restored position can be, from the lost character to the one whose trail byte brought the stream
    back into step; the flag says an ASCII character after it was swallowed too. None if the text after
    `m` does not read as such a run.
    """
    readings = _readings()
    prev = _bytes_of(m.group(1))
    false_chars = readings.get(m.group(2))
    if prev is None or not false_chars:
        return None
    leads = [x for x in range(0x81, 0xFF) if _pair(prev[1], x) in false_chars]
    if not leads:
        return None
    pairs: list[bytes] = []
    glossed_at: set[int] = set()  # pairs inside the run that the converter glossed
    j = m.end()
    while j < len(text) and ord(text[j]) >= 0x80 and len(pairs) < _MAX_RUN:
        data = _bytes_of(text[j])
        if data is None:
            return None
        pairs.append(data)
        j += 1
        gloss = _FULL_GLOSS_RE.match(text, j)  # a false pair inside the run that the converter glossed
        if gloss and text[j - 1] in readings.get(gloss.group(1), ()):
            j = gloss.end()
            glossed_at.add(len(pairs) - 1)
    if j >= len(text):
        return None
    # How the run ends: the last character's trail byte, as candidates, plus what followed it.
    tail = _GLOSS_TAIL_RE.match(text, j)
    if 0x40 <= ord(text[j]) <= 0x7E and text[j] != "(":
        gloss = _FULL_GLOSS_RE.match(text, j + 1)
        last_ok = readings.get(gloss.group(1), frozenset()) if gloss else None
        # The gloss that follows belongs to the restored character: it goes with the run.
        trails, end, lost_ascii = [ord(text[j])], gloss.end() if gloss else j + 1, False
    elif tail:
        last_ok = readings.get(tail.group(1), frozenset())
        trails, end, lost_ascii = list(range(0x40, 0xFF)), tail.end(), False
    elif text[j] in "?\ufffd":
        last_ok, trails, end, lost_ascii = None, list(range(0x80, 0xFF)), j + 1, True
    else:
        return None

    glossed_set = _glossed_chars()

    def hypothesis(
        seq: list[tuple[range | list[int], range | list[int], bool]],
    ) -> list[frozenset[str]] | None:
        # seq: the out-of-step pairs (b_k, a_k+1) as byte options; character k is (a_k, b_k).
        out = []
        count = len(seq) + 1
        for k in range(count):
            heads = leads if k == 0 else seq[k - 1][1]
            tails = seq[k][0] if k < len(seq) else trails
            found = set()
            for lead in heads:
                for trail in tails:
                    ch = _pair(lead, trail)
                    if ch is None:
                        continue
                    if k == count - 1 and last_ok is not None:
                        if ch not in last_ok:
                            continue
                    elif k > 0 and not seq[k - 1][2] and ch in glossed_set:
                        # The converter checks this pair in step (unless it just took the false pair
                        # before it): it would carry a gloss.
                        continue
                    found.add(ch)
            if not found:
                return None
            out.append(frozenset(found))
        return out

    known = [([pair[0]], [pair[1]], k in glossed_at) for k, pair in enumerate(pairs)]
    hypotheses = []
    direct = hypothesis(known)  # type: ignore[arg-type]
    if direct is not None:
        hypotheses.append(direct)
    # A user-defined pair anywhere in the run shows as nothing (`或?qū)I(yè)`: A3 98 between ")" and "I").
    for k in range(len(known) + 1):
        for hidden in _HIDDEN_PAIRS:
            alternative = hypothesis([*known[:k], hidden, *known[k:]])
            if alternative is not None:
                hypotheses.append(alternative)
    if not hypotheses:
        return None
    return end, hypotheses, lost_ascii


@functools.cache
def _glossed_chars() -> frozenset[str]:
    return frozenset().union(*_readings().values())


# The user-defined GBK areas as (first byte options, second byte options).
_HIDDEN_PAIRS = (
    (range(0xA1, 0xA8), [b for b in range(0x40, 0xA1) if b != 0x7F], False),
    ([*range(0xAA, 0xB0), *range(0xF8, 0xFF)], range(0xA1, 0xFF), False),
)


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
        nonlocal unresolved
        choice, why = _choose(candidates, rest, evidence)
        shown = "".join(candidates[:12]) + ("…" if len(candidates) > 12 else "")
        if choice is None:
            unresolved += 1
            after = MARK + rest
            changes.append(RepairChange(m.start(), m.group(0), after, ("".join(candidates),)))
            notes.append(
                message(
                    "at {where}: {before} → {after}; {why}, marked {mark}, candidates: {candidates}",
                    where=m.start(),
                    before=m.group(0),
                    after=after,
                    why=why,
                    mark=MARK,
                    candidates=shown,
                )
            )
            return after
        after = choice + rest
        changes.append(RepairChange(m.start(), m.group(0), after))
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
        changes.append(RepairChange(m.start(), m.group(0), MARK))  # nothing of its bytes: no candidates
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

    def glossed_run(m: re.Match[str]) -> tuple[int, int, str] | None:
        nonlocal unresolved
        found = _glossed_run(text, m)
        if found is None:
            return None
        end, hypotheses, lost_ascii = found
        start = m.start() + 1
        before = text[start:end]
        left = m.group(1)
        right_m = _FULL_GLOSS_RE.match(text, end)
        right = text[right_m.end() : right_m.end() + 1] if right_m else text[end : end + 1]
        # The gloss the last character carried (the converter glosses a character the same way throughout).
        tail = re.search(f"[?(]({_SYLLABLE})\\)$", before)
        gloss_of_last = f"({tail.group(1)})" if tail else ""
        plain_text = evidence.unglossed
        why = message("the bytes leave one reading")

        def settle(hypothesis: list[frozenset[str]]) -> list[set[str]]:
            # Narrow each open position by the document's own use of a candidate with a known neighbour.
            positions = [set(c) for c in hypothesis]
            last = len(positions) - 1
            # Positions settle one another (a settled neighbour is evidence for the next): until none moves.
            for i in [i for _ in positions for i in range(len(positions))]:
                options = positions[i]
                if len(options) == 1:
                    continue
                lefts = positions[i - 1] if i else {left}
                rights = positions[i + 1] if i < last else {right}
                supported = {
                    c
                    for c in options
                    if (len(lefts) == 1 and plain_text.count(next(iter(lefts)) + c))
                    or (len(rights) == 1 and plain_text.count(c + next(iter(rights))))
                    or (i == last and gloss_of_last and text.count(c + gloss_of_last))
                }
                if len(supported) == 1:
                    positions[i] = supported
            return positions

        def attested(positions: list[set[str]]) -> bool:
            # Every character of the reading forms a word with a neighbour that occurs elsewhere.
            full = [left, *(next(iter(c)) for c in positions), right]
            return all(len(c) == 1 for c in positions) and all(
                plain_text.count(full[i] + full[i + 1]) or plain_text.count(full[i + 1] + full[i + 2])
                for i in range(len(positions))
            )

        settled = [settle(h) for h in hypotheses]
        if len(settled) > 1:
            chosen = [p for p in settled if attested(p)]
            if len(chosen) == 1:
                settled = chosen
                why = message("the only reading whose words all occur elsewhere in this document")
        candidates: list[str] = []
        if len(settled) > 1:
            # The bytes can be read more than one way (a hidden pair or not): mark the run, keep the readings.
            shown_readings = sorted(
                {"".join(next(iter(c)) if len(c) == 1 else "[" + "".join(sorted(c, key=ord)[:6]) + "]" for c in h)
                 for h in settled}
            )  # fmt: skip
            after = MARK
            candidates.append(" ".join(shown_readings[:8]) + (" …" if len(shown_readings) > 8 else ""))
        else:
            positions = settled[0]
            if any(p != set(h) for p, h in zip(positions, hypotheses[0], strict=True)):
                why = message("the document's own use of the words decides")
            after = "".join(next(iter(c)) if len(c) == 1 else MARK for c in positions)
            candidates = ["".join(sorted(c, key=ord)) for c in positions if len(c) > 1]
        if lost_ascii:
            after += MARK
            candidates.append(_LOST_ASCII)
        marks = after.count(MARK)
        unresolved += marks
        changes.append(RepairChange(start, before, after, tuple(candidates)))
        shown = LIST_SEPARATOR.join(c[:12] + ("…" if len(c) > 12 else "") for c in candidates)
        notes.append(
            message(
                "at {where}: {before} → {after}; a gloss glued inside a character read the bytes one over "
                "({why}){marked}",
                where=start,
                before=before,
                after=after,
                why=why,
                marked=message("; marked {mark}, candidates: {candidates}", mark=MARK, candidates=shown)
                if marks
                else "",
            )
        )
        return start, end, after

    # Offsets in the changes are into the text this rule was given, so each pass works on the
    # original positions: the passes touch disjoint spans and are applied in one sweep below.
    spans: list[tuple[int, int, str]] = []
    for m in _RUN_START_RE.finditer(text):
        if spans and m.start() < spans[-1][1]:
            continue
        span = glossed_run(m)
        if span is not None:
            spans.append(span)
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
    restored = sum(1 for c in changes if MARK not in c.after)
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
