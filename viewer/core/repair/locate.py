"""Where each repair change sits in the raw file and in the repaired text, so the repairs view can show it.

A RepairChange's offset points into the text as its rule received it (after the earlier rules), which
no user has ever seen. To show a change in the raw file and in the repaired text, the rules are
replayed on the raw text (they are pure functions) and each step is written down as a list of edits;
a change is then mapped back through the earlier steps to the raw text and forward through the later
ones to the repaired text. The chrome rule's result depends on lines shared across the archive, which
the document does not keep, so its step is rebuilt from the lines it recorded as removed. The replay
is checked against the document's paragraphs; when it does not agree (the document was repaired by
other rule versions), the changes are found by searching for their text instead, and marked inexact.

A document read by a format's reader (PDF, DOCX, EPUB, web pages) has its raw text from the reader,
and repairs the reader made itself (running heads, navigation left out: READER_REPAIR_KINDS): those
are not in the raw text and are not replayed; they are located at the start. Its paragraphs are cut
without the reader's '#' markup, as the structure pass cuts them. The same replay tells ingest the
raw line each paragraph starts in (`paragraph_raw_lines`), which carries a PDF's page numbers over
the repairs.
"""

from __future__ import annotations

import bisect
import difflib
import logging
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from viewer.core.documents import READER_REPAIR_KINDS, Document, Repair, RepairChange, reader_markup_length
from viewer.core.formats import is_extracted
from viewer.core.repair import chrome, doubled, mojibake, pagebreaks, pinyin, whitespace

logger = logging.getLogger(__name__)

Span = tuple[int, int]

# The rules in the order repair_text runs them (keep in step with viewer.core.repair.repair_text).
RULE_ORDER = (
    whitespace.KIND_LINE_ENDINGS,
    doubled.KIND,
    mojibake.KIND,
    pinyin.KIND,
    chrome.KIND,
    pagebreaks.KIND,
    whitespace.KIND,
)
# Rules whose changes are worth a mark beside the paragraph (whitespace touches nearly every line).
MARKED_KINDS = frozenset({doubled.KIND, mojibake.KIND, pinyin.KIND, chrome.KIND, pagebreaks.KIND})

_REFINE_MAX = 4000  # longer replaced stretches are not diffed character by character (quadratic)
_SEARCH_WINDOW = 64


@dataclass(frozen=True)
class _Edit:
    """text[in_start:in_end] became out[out_start:out_end] in one rule's step."""

    in_start: int
    in_end: int
    out_start: int
    out_end: int


class _Step:
    """One rule's step as sorted, non-touching edits, with offset maps in both directions."""

    def __init__(self, kind: str, text_in: str, text_out: str, edits: list[_Edit]) -> None:
        self.kind = kind
        self.text_in = text_in
        self.text_out = text_out
        self.edits = edits
        self._in_starts = [e.in_start for e in edits]
        self._out_starts = [e.out_start for e in edits]

    def forward(self, pos: int, *, end: bool) -> int:
        """Where input offset `pos` lands in the output (`end`: as the end of a span, else its start)."""
        return _map(pos, self.edits, self._in_starts, forward=True, end=end)

    def backward(self, pos: int, *, end: bool) -> int:
        """Where output offset `pos` came from in the input."""
        return _map(pos, self.edits, self._out_starts, forward=False, end=end)


def _map(pos: int, edits: list[_Edit], starts: list[int], *, forward: bool, end: bool) -> int:
    k = bisect.bisect_right(starts, pos) - 1
    if k < 0:
        return pos
    e = edits[k]
    src_s, src_e, dst_s, dst_e = (
        (e.in_start, e.in_end, e.out_start, e.out_end)
        if forward
        else (e.out_start, e.out_end, e.in_start, e.in_end)
    )
    if pos > src_e:
        return pos + dst_e - src_e
    if src_s == src_e:  # a pure insertion at pos: a span starting here starts after it
        return dst_s if end else dst_e
    if pos == src_s:
        return dst_s
    if pos == src_e:
        return dst_e
    return dst_e if end else dst_s  # inside a replaced stretch: take all of its replacement


@dataclass(frozen=True)
class LocatedChange:
    """One change of one repair, located in the raw file and in the repaired text.

    Offsets are Python string offsets: `raw_start/raw_end` into the raw text as decoded (the "before"
    as it stands in the file), `text_start/text_end` into the repaired text (the "after", empty where
    something was only removed). Lines and paragraph numbers are 1-based, as shown to users.
    """

    repair_index: int  # into Document.repairs
    change_index: int  # into that Repair's changes
    kind: str
    before: str
    after: str
    raw_start: int
    raw_end: int
    raw_line: int
    raw_column: int  # 1-based, in characters
    raw_end_line: int
    text_start: int
    text_end: int
    paragraph_index: int | None  # into Document.paragraphs; None when the document has none
    paragraph_id: str | None
    paragraph_offset: int  # of text_start inside that paragraph (0 when it falls between paragraphs)
    exact: bool  # the spans were found by replaying the rules (False: by searching for the text)

    @property
    def paragraph_number(self) -> int | None:
        return None if self.paragraph_index is None else self.paragraph_index + 1


@dataclass(frozen=True)
class RepairLocations:
    """Every change of a document's repairs, located; and the texts the offsets point into."""

    raw_text: str
    repaired_text: str
    changes: tuple[LocatedChange, ...]
    paragraph_spans: tuple[Span, ...]  # each paragraph's span in repaired_text
    replayed: bool  # the replay of the rules reproduced the document's paragraphs

    def for_repair(self, repair_index: int) -> list[LocatedChange]:
        return [c for c in self.changes if c.repair_index == repair_index]


def locate_repairs(doc: Document, raw_text: str | None = None) -> RepairLocations:
    """Locate every change of `doc.repairs`; `raw_text` is the file's text when doc holds none."""
    raw = raw_text if raw_text is not None else doc.raw_text
    paragraphs = [p.text for p in doc.paragraphs]
    markup = is_extracted(doc.encoding)
    steps = _replay(raw, doc.repairs)
    replayed = (
        steps is not None and _paragraphs_of(steps[-1].text_out if steps else raw, markup) == paragraphs
    )
    if replayed and steps is not None:
        final = steps[-1].text_out if steps else raw
        located = _located_by_replay(raw, final, steps, doc.repairs)
    else:
        final = doc.text or "\n\n".join(paragraphs)
        located = _located_by_search(raw, final, doc.repairs)
    spans = _paragraph_spans(final, markup)
    if len(spans) != len(doc.paragraphs):
        spans = []
    raw_lines = _LineIndex(raw)
    out: list[LocatedChange] = []
    for ri, ci, change, raw_span, text_span in located:
        line, column = raw_lines.line_column(raw_span[0])
        end_line, _ = raw_lines.line_column(max(raw_span[0], raw_span[1] - 1))
        index, offset = _paragraph_at(spans, text_span[0])
        out.append(
            LocatedChange(
                ri,
                ci,
                doc.repairs[ri].kind,
                change.before,
                change.after,
                raw_span[0],
                raw_span[1],
                line,
                column,
                end_line,
                text_span[0],
                text_span[1],
                index,
                doc.paragraphs[index].id if index is not None else None,
                offset,
                replayed,
            )
        )
    return RepairLocations(raw, final, tuple(out), tuple(spans), replayed)


def repair_marks(doc: Document, raw_text: str | None = None) -> dict[str, tuple[str, ...]]:
    """By paragraph id: the kinds of the repairs (whitespace aside) that changed that paragraph."""
    if not any(r.count for r in doc.repairs if r.kind in MARKED_KINDS):
        return {}
    return marks_of(locate_repairs(doc, raw_text))


def marks_of(locations: RepairLocations) -> dict[str, tuple[str, ...]]:
    """By paragraph id: the kinds of the located repairs (whitespace aside) that changed it."""
    marks: dict[str, list[str]] = {}
    for change in locations.changes:
        if change.paragraph_id is not None and change.kind in MARKED_KINDS:
            kinds = marks.setdefault(change.paragraph_id, [])
            if change.kind not in kinds:
                kinds.append(change.kind)
    return {pid: tuple(kinds) for pid, kinds in marks.items()}


# ---------------------------------------------------------------- replay


def paragraph_raw_lines(raw: str, repairs: Sequence[Repair], final: str, *, markup: bool) -> list[int] | None:
    """For each paragraph of the repaired text `final`, the raw text's line (0-based, lines cut at
    "\\n") it starts in: the paragraph's first character mapped back through every rule's step.
    A paragraph two lines were joined into starts where its first half did. None when the rules
    cannot be replayed on `raw` to give `final` (then the caller aligns the lines by their text)."""
    steps = _replay(raw, repairs)
    if steps is None or (steps[-1].text_out if steps else raw) != final:
        return None
    starts = _line_starts(raw)
    out: list[int] = []
    for start, _end in _paragraph_spans(final, markup):
        pos = start
        for step in reversed(steps):
            pos = step.backward(pos, end=False)
        out.append(bisect.bisect_right(starts, pos) - 1)
    return out


def _replay(raw: str, repairs: Sequence[Repair]) -> list[_Step] | None:
    """Each rule's step from the raw text to the repaired text, or None when a step cannot be rebuilt."""
    recorded: dict[str, Repair] = {}
    for repair in repairs:
        if repair.kind in READER_REPAIR_KINDS:
            continue  # made before the raw text (by the reader): nothing to replay
        if repair.kind not in RULE_ORDER or repair.kind in recorded:
            return None
        recorded[repair.kind] = repair
    steps: list[_Step] = []
    text = raw
    for kind in RULE_ORDER:
        try:
            step = _step(kind, text, recorded.get(kind))
        except (ValueError, IndexError) as exc:  # recorded changes that do not fit this text
            logger.info("Cannot replay %s: %s", kind, exc)
            return None
        if step is None:
            return None
        steps.append(step)
        text = step.text_out
    return steps


def _step(kind: str, text: str, repair: Repair | None) -> _Step | None:
    if kind == chrome.KIND:
        changes = repair.changes if repair is not None else ()
        edits = _line_block_edits(text, changes)
        return _make_step(kind, text, edits)
    rule = _RULES[kind]
    out, found = rule(text)
    found_changes = found[0].changes if found else ()
    recorded = repair.changes if repair is not None else ()
    if tuple(found_changes) != tuple(recorded):
        return None
    if kind == whitespace.KIND_LINE_ENDINGS:
        edits = [(m.start(), m.end(), "\n") for m in re.finditer("\r\n?", text)]
    elif kind == doubled.KIND:
        edits = _line_block_edits(text, recorded)
    elif kind in (mojibake.KIND, pinyin.KIND):
        edits = [(c.where, c.where + len(c.before), c.after) for c in recorded]
    elif kind == pagebreaks.KIND:
        edits = _chained_edits(text, recorded)
    else:
        edits = _whitespace_edits(text, out)
    step = _make_step(kind, text, edits)
    if step.text_out != out:  # the edits do not rebuild the rule's result: diff the two instead
        step = _make_step(kind, text, _diff_edits(text, out))
    return step


_RULES: dict[str, Callable[[str], tuple[str, list[Repair]]]] = {
    whitespace.KIND_LINE_ENDINGS: whitespace.normalise_line_endings,
    doubled.KIND: doubled.repair_doubled,
    mojibake.KIND: mojibake.repair_mojibake,
    pinyin.KIND: pinyin.remove_glosses,
    pagebreaks.KIND: pagebreaks.join_page_breaks,
    whitespace.KIND: whitespace.normalise_whitespace,
}

RawEdit = tuple[int, int, str]


def _make_step(kind: str, text: str, raw_edits: list[RawEdit]) -> _Step:
    """Apply sorted, non-overlapping edits (each refined to what really changed) and record them."""
    refined: list[RawEdit] = []
    for start, end, replacement in sorted(raw_edits):
        if refined and start < refined[-1][1]:
            raise ValueError(f"overlapping edits at {start}")
        refined.extend(_refine(text, start, end, replacement))
    merged: list[RawEdit] = []
    for start, end, replacement in refined:
        if merged and start == merged[-1][1]:  # touching edits become one, so maps are unambiguous
            s0, _e0, r0 = merged[-1]
            merged[-1] = (s0, end, r0 + replacement)
        else:
            merged.append((start, end, replacement))
    out: list[str] = []
    edits: list[_Edit] = []
    pos = delta = 0
    for start, end, replacement in merged:
        out.append(text[pos:start])
        out.append(replacement)
        edits.append(_Edit(start, end, start + delta, start + delta + len(replacement)))
        delta += len(replacement) - (end - start)
        pos = end
    out.append(text[pos:])
    return _Step(kind, text, "".join(out), edits)


def _refine(text: str, start: int, end: int, replacement: str) -> list[RawEdit]:
    """One replacement split into the stretches that really changed (kept text is not an edit)."""
    old = text[start:end]
    if old == replacement:
        return []
    if not old or not replacement or max(len(old), len(replacement)) > _REFINE_MAX:
        head, tail = common_ends(old, replacement)
        return [(start + head, end - tail, replacement[head : len(replacement) - tail])]
    matcher = difflib.SequenceMatcher(None, old, replacement, autojunk=False)
    return [
        (start + i1, start + i2, replacement[j1:j2])
        for tag, i1, i2, j1, j2 in matcher.get_opcodes()
        if tag != "equal"
    ]


def _common_prefix(a: str, b: str) -> int:
    n = min(len(a), len(b))
    i = 0
    while i < n and a[i] == b[i]:
        i += 1
    return i


def common_ends(a: str, b: str) -> tuple[int, int]:
    """How many characters `a` and `b` share at their start, then at their end (not overlapping)."""
    head = _common_prefix(a, b)
    return head, _common_prefix(a[head:][::-1], b[head:][::-1])


def _line_starts(text: str) -> list[int]:
    starts = [0]
    pos = text.find("\n")
    while pos >= 0:
        starts.append(pos + 1)
        pos = text.find("\n", pos + 1)
    return starts


def _line_block_edits(text: str, changes: Sequence[RepairChange]) -> list[RawEdit]:
    """Whole lines removed from a "\\n"-joined text, as the rule's "\\n".join of the kept lines does it."""
    starts = _line_starts(text)
    dropped: set[int] = set()
    for change in changes:
        first = bisect.bisect_left(starts, change.where)
        if first >= len(starts) or starts[first] != change.where:
            raise ValueError(f"a removed line does not start at {change.where}")
        if text[change.where : change.where + len(change.before)] != change.before:
            raise ValueError(f"the removed text is not at {change.where}")
        last = bisect.bisect_right(starts, change.where + len(change.before)) - 1
        dropped.update(range(first, max(first, last) + 1))
    n = len(starts)
    edits: list[RawEdit] = []
    i = 0
    while i < n:
        if i not in dropped:
            i += 1
            continue
        j = i
        while j + 1 < n and j + 1 in dropped:
            j += 1
        block_start = starts[i]
        if j + 1 < n:  # the lines and the newline after them
            edits.append((block_start, starts[j + 1], ""))
        elif i > 0:  # a block at the end: the newline before it goes with it
            edits.append((block_start - 1, len(text), ""))
        else:
            edits.append((0, len(text), ""))
        i = j + 1
    return edits


def _chained_edits(text: str, changes: Sequence[RepairChange]) -> list[RawEdit]:
    """Replacements that may overlap where one joined line is joined again (its text kept in both)."""
    edits: list[RawEdit] = []
    for change in sorted(changes, key=lambda c: c.where):
        start, end = change.where, change.where + len(change.before)
        if text[start:end] != change.before:
            raise ValueError(f"the changed text is not at {start}")
        if edits and start < edits[-1][1]:
            s0, e0, r0 = edits[-1]
            edits[-1] = (s0, end, r0 + change.after[e0 - start :])
        else:
            edits.append((start, end, change.after))
    return edits


def _whitespace_edits(text: str, out: str) -> list[RawEdit]:
    """Each non-blank line onto its cleaned form; what lies between two of them onto one separator."""
    out_lines = out.split("\n") if out else []
    kept_out = [line for line in out_lines if line]
    edits: list[RawEdit] = []
    prev_end = 0
    k = 0
    pos = 0
    first = True
    for line in text.split("\n"):
        start, end = pos, pos + len(line)
        pos = end + 1
        clean = whitespace._clean_line(line)
        if not clean:
            continue
        if k >= len(kept_out) or kept_out[k] != clean:
            raise ValueError("whitespace lines out of step")
        if first:
            edits.append((0, start, ""))
        else:
            blank = text.count("\n", prev_end, start) > 1
            edits.append((prev_end, start, "\n\n" if blank else "\n"))
        edits.append((start, end, clean))
        prev_end, k, first = end, k + 1, False
    edits.append((prev_end, len(text), ""))
    return edits


def _diff_edits(a: str, b: str) -> list[RawEdit]:
    """Edits from `a` to `b` by a line diff refined within changed lines (the last resort)."""
    a_lines = a.splitlines(keepends=True)
    b_lines = b.splitlines(keepends=True)
    a_starts = [0]
    for line in a_lines:
        a_starts.append(a_starts[-1] + len(line))
    matcher = difflib.SequenceMatcher(None, a_lines, b_lines, autojunk=False)
    return [
        (a_starts[i1], a_starts[i2], "".join(b_lines[j1:j2]))
        for tag, i1, i2, j1, j2 in matcher.get_opcodes()
        if tag != "equal"
    ]


# ---------------------------------------------------------------- locating


Located = tuple[int, int, RepairChange, Span, Span]


def _located_by_replay(raw: str, final: str, steps: list[_Step], repairs: Sequence[Repair]) -> list[Located]:
    index = {step.kind: i for i, step in enumerate(steps)}
    out: list[Located] = []
    for ri, repair in enumerate(repairs):
        if repair.kind in READER_REPAIR_KINDS:
            out.extend(_nowhere(ri, repair))
            continue
        i = index[repair.kind]
        step = steps[i]
        for ci, change in enumerate(repair.changes):
            start, end = change.where, change.where + len(change.before)
            raw_s, raw_e = start, end
            for earlier in reversed(steps[:i]):
                raw_s, raw_e = earlier.backward(raw_s, end=False), earlier.backward(raw_e, end=True)
            a = step.forward(start, end=False)
            if step.text_out[a : a + len(change.after)] != change.after:
                a = _nearest(step.text_out, change.after, a)
            s, e = a, a + len(change.after)
            for later in steps[i + 1 :]:
                s, e = later.forward(s, end=False), later.forward(e, end=True)
            out.append((ri, ci, change, (raw_s, max(raw_s, raw_e)), (s, max(s, e))))
    return out


def _located_by_search(raw: str, final: str, repairs: Sequence[Repair]) -> list[Located]:
    """Without a replay: each change's text searched for near where its offset points."""
    out: list[Located] = []
    for ri, repair in enumerate(repairs):
        if repair.kind in READER_REPAIR_KINDS:
            out.extend(_nowhere(ri, repair))
            continue
        for ci, change in enumerate(repair.changes):
            guess = min(change.where, len(raw))
            rs = _nearest(raw, change.before, guess) if change.before else guess
            ratio = len(final) / len(raw) if raw else 1.0
            ts = _nearest(final, change.after, int(guess * ratio)) if change.after else int(guess * ratio)
            ts = min(ts, len(final))
            out.append((ri, ci, change, (rs, rs + len(change.before)), (ts, ts + len(change.after))))
    return out


def _nowhere(ri: int, repair: Repair) -> list[Located]:
    """A reader's repair: what it left out is in neither text (located at the start of both)."""
    return [(ri, ci, change, (0, 0), (0, 0)) for ci, change in enumerate(repair.changes)]


def _nearest(text: str, needle: str, around: int) -> int:
    """The occurrence of `needle` nearest to `around` (or `around` itself when there is none)."""
    if not needle:
        return max(0, min(around, len(text)))
    lo = max(0, around - _SEARCH_WINDOW - len(needle))
    hit = text.find(needle, lo, around + _SEARCH_WINDOW + len(needle))
    if hit >= 0:
        return hit
    before = text.rfind(needle, 0, around + len(needle))
    after = text.find(needle, around)
    found = [p for p in (before, after) if p >= 0]
    return min(found, key=lambda p: abs(p - around)) if found else max(0, min(around, len(text)))


def _paragraphs_of(text: str, markup: bool = False) -> list[str]:
    """The paragraphs structure cuts from a repaired text (one per non-blank line, stripped; without
    the reader's markup for a reader's text)."""
    return [text[s:e] for s, e in _paragraph_spans(text, markup)]


def _paragraph_spans(text: str, markup: bool = False) -> list[Span]:
    spans: list[Span] = []
    pos = 0
    for line in text.split("\n"):
        stripped = line.strip()
        if stripped:
            start = pos + line.index(stripped)
            cut = reader_markup_length(stripped) if markup else 0
            spans.append((start + cut, start + len(stripped)))
        pos += len(line) + 1
    return spans


def _paragraph_at(spans: Sequence[Span], pos: int) -> tuple[int | None, int]:
    """(paragraph index, offset in it) holding `pos`; between two paragraphs, the next one (offset 0)."""
    if not spans:
        return None, 0
    k = bisect.bisect_right([s for s, _ in spans], pos) - 1
    if k >= 0 and pos <= spans[k][1]:
        return k, pos - spans[k][0]
    if k + 1 < len(spans):
        return k + 1, 0
    return len(spans) - 1, spans[-1][1] - spans[-1][0]


class _LineIndex:
    """1-based (line, column) of offsets in a text whose lines end in \\n, \\r\\n or \\r."""

    def __init__(self, text: str) -> None:
        self.starts = [0] + [m.end() for m in re.finditer("\r\n|\r|\n", text)]

    def line_column(self, pos: int) -> tuple[int, int]:
        k = bisect.bisect_right(self.starts, pos) - 1
        return k + 1, pos - self.starts[k] + 1
