"""Which readings of damaged characters form Chinese words: evidence that needs no repetition in the document.

A mojibake run leaves some characters open (a lost byte: tens of candidates). The document itself
rarely repeats the same words, so the candidates are scored by the words they form with their
neighbours, in a word list with frequencies: jieba's dict.txt (jieba 0.42.1, MIT licence, (c) Sun
Junyi), the list a widely used segmenter ships, built from large modern corpora, 349,046 simplified
words. `words.txt` beside this module keeps its words of one to four Han characters seen at least
5 times (132,921 words, 1.5 MB instead of 5 MB, and no run-time dependency); `extract` derives it
and a test checks it against the installed package. Why jieba: a permissive licence, a plain list
with counts that a few lines can read (HanLP and pkuseg ship models, fetched at run time or large),
and the most used Chinese segmenter, so its list is well exercised. Candidates are traditional, so
each character is folded to its simplified form (OpenCC t2s, viewer/core/convert.py) before lookup.
Read once, on the first run that needs it (0.17 s).

A reading is scored as jieba scores a segmentation: the best sum of log word frequencies over the
ways to cut it into listed words (an unlisted single character counts as seen once; the list has no
punctuation, so each mark counts as its share of running text (MARK_SHARES), a digit as 0.05 %, or
0.002 % where nothing numeric can stand beside it; marks that go together, `。”`, `：“`, as one
(MARK_PAIRS), and two of ，。、；： in a row, or one before an ellipsis, as the rarity they are:
MARK_AFTER_MARK). `score` gives,
for every position, how far the best reading is ahead of the best one with another character there,
and the word the best reading puts that position in.
"""

from __future__ import annotations

import functools
import math
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from importlib import resources

from viewer.core.convert import convert

WORDS_FILE = "words.txt"
MIN_FREQ = 5  # jieba's list gives 3 to words it never saw counted: most are rare compounds
MAX_WORD = 4
# A single character this frequent (了, 是, 國, 省, 嗎; not 微) is a word on its own in a reading.
COMMON_SINGLE = 10_000
# A word of two characters seen this often is a word, not a piece of a name (蒙特 35, 利尔 28; 党委 1,656).
COMPOUND_HALF = 100
RARE_WORD = 10  # a longer word seen fewer times is a name or a rare compound (台希德 7): no evidence
# Chinese punctuation and digits: not in the list, but about one character in seven of running text.
# Other full-width forms (letters, symbols) count as unlisted characters.
_PUNCTUATION_RE = re.compile("[，。、；：？！「」『』（）《》〈〉“”‘’—…·０-９0-9]")
_DIGIT_RE = re.compile("[０-９0-9]")
# What stands beside a digit in a number: digits, a decimal point or per cent, and the units after one.
_NUMERIC_RE = re.compile("[０-９0-9．.％%·年月日时號号万萬亿億千百十个個名元次岁歲届屆项項件位家人]")
LONE_DIGIT_SHARE = 0.00002  # a digit between two characters no number has beside it (`我們９我們`)
# How often each mark occurs in running modern Chinese prose, as a share of all characters (rounded
# figures for news text: a comma every 18 characters, a full stop every 30); the rest of the marks above
# are rarer still. Distinct shares let the words tell `工作。` from `工作·` at the end of a run.
MARK_SHARES = {
    "，": 0.055, "。": 0.033, "、": 0.013, "“": 0.006, "”": 0.006, "：": 0.004, "；": 0.002,
    "（": 0.002, "）": 0.002, "《": 0.002, "》": 0.002, "？": 0.001, "！": 0.001, "—": 0.0001,
    "…": 0.00005,
}  # fmt: skip
# The dash and the ellipsis are written twice (`——`, `……`); one alone is rare. Marks that go together
# (`。”`, `：“`), at their share in People's Daily 1998, read as one: the end of a quote after a full stop
# is likelier than a character that ends in the same byte (`常”`).
MARK_PAIRS = {
    "——": 0.001, "……": 0.0005, "”，": 0.0006, "：“": 0.0005, "。”": 0.0005, "”。": 0.0005, "。（": 0.0004,
    "）、": 0.0004, "”、": 0.0002, "、“": 0.0002, "》、": 0.00015, "》，": 0.00015,
    "、《": 0.00015, "！”": 0.00012,
}  # fmt: skip
RARE_MARK_SHARE = 0.0003
_HAN_WORD_RE = re.compile(f"[\u4e00-\u9fff]{{1,{MAX_WORD}}}")
_HEADER = (
    "# Words of 1-4 Han characters with their frequencies, from jieba 0.42.1's dict.txt (MIT licence,\n"
    "# (c) 2013 Sun Junyi), those seen at least {min_freq} times. Derived by\n"
    "# viewer.core.repair.words.extract; used by mojibake.py to choose among candidate characters.\n"
)


def extract(dict_lines: Iterable[str], min_freq: int = MIN_FREQ) -> str:
    """The text of words.txt from the lines of jieba's dict.txt ("word freq tag")."""
    out = [_HEADER.format(min_freq=min_freq)]
    for line in dict_lines:
        parts = line.split()
        if len(parts) >= 2 and _HAN_WORD_RE.fullmatch(parts[0]) and int(parts[1]) >= min_freq:
            out.append(f"{parts[0]} {parts[1]}\n")
    return "".join(out)


class WordList:
    """Log frequencies of simplified words and the set of their proper prefixes, for scoring readings."""

    def __init__(self, freqs: dict[str, int]) -> None:
        total = sum(freqs.values())
        self.logp = {w: math.log(f / total) for w, f in freqs.items()}
        # Each proper prefix of a word -> the characters that continue it to a longer word or prefix.
        following: dict[str, set[str]] = {}
        for w in freqs:
            for i in range(1, len(w)):
                following.setdefault(w[:i], set()).add(w[i])
        for pair, share in MARK_PAIRS.items():  # marks written twice: one word of two characters
            self.logp[pair] = math.log(share)
            following.setdefault(pair[0], set()).add(pair[1])
        self.following = {prefix: frozenset(chars) for prefix, chars in following.items()}
        self.unknown = math.log(1 / total)  # an unlisted single character
        self.punctuation = {mark: math.log(share) for mark, share in MARK_SHARES.items()}
        self.rare_mark = math.log(RARE_MARK_SHARE)
        self.lone_digit = math.log(LONE_DIGIT_SHARE)
        self.digit = math.log(0.0005)  # each digit: rarer, and a lone one inside words is suspect
        self.common = math.log(COMMON_SINGLE / total)
        self.compound_half = math.log(COMPOUND_HALF / total)
        self.rare_word = math.log(RARE_WORD / total)

    @classmethod
    def from_text(cls, text: str) -> WordList:
        freqs = {}
        for line in text.splitlines():
            if line and not line.startswith("#"):
                word, freq = line.split(" ")
                freqs[word] = int(freq)
        return cls(freqs)


@functools.cache
def word_list() -> WordList:
    """The shipped list, read on first use (only a document with mojibake needs it)."""
    return WordList.from_text(resources.files(__package__).joinpath(WORDS_FILE).read_text(encoding="utf-8"))


@functools.cache
def fold(ch: str) -> str:
    """The simplified form of one character, under which the word list knows it."""
    folded = convert(ch, "t2s")
    return folded if len(folded) == 1 else ch


@dataclass(frozen=True)
class Scores:
    """The best reading of a row of positions and, per position, how clearly the words single it out."""

    best: tuple[str, ...]
    total: float  # log-probability of the best reading under its best segmentation
    margins: tuple[float, ...]  # best total minus the best with another character there (inf if none)
    words: tuple[str, ...]  # the word the best reading's best segmentation puts each position in
    spans: tuple[tuple[int, int], ...]  # where that word starts and ends

    def worded(self, start: int, stop: int, words: WordList) -> bool:
        """Every position in start:stop is in a listed word of 2+ characters, a common one, or punctuation."""
        return all(
            len(self.words[p]) > 1
            or _PUNCTUATION_RE.match(self.words[p])
            or words.logp.get(fold(self.words[p]), -math.inf) >= words.common
            for p in range(start, stop)
        )


_DOUBLING = "，。、；："  # marks never written two in a row
_NOT_AFTER_MARK = _DOUBLING + "…"  # nor with an ellipsis after them (2 in People's Daily 1998)
MARK_AFTER_MARK = math.log(5 / 1_900_000)  # how rare that is: possible in a text as shown, never likely


def _after(seq: Sequence[str]) -> str:
    """The mark a reading stands on after a word: its last character if one of _DOUBLING, else ""."""
    last = seq[-1][-1:]
    return last if last in _DOUBLING else ""


def _after_mark(state: str, seq: Sequence[str]) -> float:
    """What reading `seq` right after the mark `state` costs: MARK_AFTER_MARK if it opens with one."""
    return MARK_AFTER_MARK if state and seq[0][:1] in _NOT_AFTER_MARK else 0.0


def score(positions: Sequence[Iterable[str]], words: WordList, longest: int = MAX_WORD) -> Scores:
    """Score every reading of `positions` (candidate characters each) by the words it forms (of up to
    `longest` characters)."""
    # Each position's candidates by their simplified form, which is what the list knows.
    cells: list[dict[str, list[str]]] = []
    for options in positions:
        cell: dict[str, list[str]] = {}
        for c in sorted(set(options)):
            cell.setdefault(fold(c), []).append(c)
        cells.append(cell)
    n = len(cells)
    # Positions that can hold part of a number: a digit there is not alone.
    numeric = [any(_NUMERIC_RE.match(f) for f in cell) for cell in cells]
    # Edges of the word lattice: (start, end, characters, log frequency).
    edges: list[tuple[int, int, tuple[str, ...], float]] = []
    for i in range(n):
        beside_number = (i > 0 and numeric[i - 1]) or (i + 1 < n and numeric[i + 1])
        for folded, originals in cells[i].items():
            single = words.logp.get(folded)
            if single is None:
                single = (
                    (words.digit if beside_number else words.lone_digit)
                    if _DIGIT_RE.match(folded)
                    else words.punctuation.get(folded, words.rare_mark)
                    if _PUNCTUATION_RE.match(folded)
                    else words.unknown
                )
            edges.extend((i, i + 1, (c,), single) for c in originals)
        # Longer words: follow the list's continuations, or the candidates, whichever are fewer.
        stack: list[tuple[int, str, tuple[str, ...]]] = [
            (i + 1, folded, (c,)) for folded, originals in cells[i].items() for c in originals
        ]
        while stack:
            j, word, seq = stack.pop()
            following = words.following.get(word)
            if j >= n or following is None:
                continue
            cell = cells[j]
            nexts = (
                [f for f in following if f in cell]
                if len(following) < len(cell)
                else [f for f in cell if f in following]
            )
            for f in nexts:
                longer = word + f
                logp = words.logp.get(longer)
                for c in cell[f]:
                    if logp is not None:
                        edges.append((i, j + 1, (*seq, c), logp))
                    if len(seq) + 1 < longest:
                        stack.append((j + 1, longer, (*seq, c)))
    # Best totals up to (forward) and from (backward) each position, by the mark the reading stands on
    # there: a comma, stop, enumeration comma, semicolon or colon is almost never followed by one of them
    # or an ellipsis (`，，`, `，。`, `。……`: 5 in the 1.9 million characters of People's Daily 1998).
    forward: list[dict[str, float]] = [{} for _ in range(n + 1)]
    forward[0][""] = 0.0
    backward: list[dict[str, float]] = [{} for _ in range(n + 1)]
    for state in ("", *_DOUBLING):
        backward[n][state] = 0.0
    for start, end, seq, logp in sorted(edges, key=lambda e: e[1]):
        after = _after(seq)
        for state, total in forward[start].items():
            step = total + logp + _after_mark(state, seq)
            if step > forward[end].get(after, -math.inf):
                forward[end][after] = step
    for start, end, seq, logp in sorted(edges, key=lambda e: -e[0]):
        rest = backward[end].get(_after(seq), -math.inf) + logp
        for state in forward[start]:  # only the marks a reading can stand on there
            step = rest + _after_mark(state, seq)
            if step > backward[start].get(state, -math.inf):
                backward[start][state] = step
    # The best total with character c at position p, and the word its best segmentation puts it in.
    best_with: list[dict[str, tuple[float, str, int]]] = [{} for _ in range(n)]
    for start, end, seq, logp in edges:
        before = max(
            (t + _after_mark(state, seq) for state, t in forward[start].items()),
            default=-math.inf,
        )
        total = before + logp + backward[end].get(_after(seq), -math.inf)
        for k, c in enumerate(seq):
            known = best_with[start + k].get(c)
            if known is None or total > known[0] or (total == known[0] and len(seq) > len(known[1])):
                best_with[start + k][c] = (total, "".join(seq), start)
    best, margins, in_words, spans = [], [], [], []
    for options in best_with:
        ranked = sorted(options.items(), key=lambda item: -item[1][0])
        best.append(ranked[0][0])
        margins.append(ranked[0][1][0] - ranked[1][1][0] if len(ranked) > 1 else math.inf)
        in_words.append(ranked[0][1][1])
        spans.append((ranked[0][1][2], ranked[0][1][2] + len(ranked[0][1][1])))
    return Scores(
        tuple(best),
        max(forward[n].values(), default=-math.inf),
        tuple(margins),
        tuple(in_words),
        tuple(spans),
    )


def across(left: str, right: str, words: WordList) -> tuple[str, float]:
    """How much likelier (natural log) the end of `left` and the start of `right` read as one text than
    as two, each side segmented on its own, and the word that spans the cut; ("", -inf) if none does.
    Evidence that a cut fell inside that word: `主` / `席` gains e^10.9, while `调整` / `整个` gains nothing
    (整 is already in a word on each side)."""
    a = left[-MAX_WORD:]
    b = right[:MAX_WORD]
    if not (a and b and _HAN_WORD_RE.fullmatch(a[-1]) and _HAN_WORD_RE.fullmatch(fold(b[0]))):
        return "", -math.inf
    joint = score(list(a + b), words)
    # The joint reading can always cut where the texts meet, so the gain is never below 0.
    gain = joint.total - score(list(a), words).total - score(list(b), words).total
    spans_cut = joint.spans[len(a) - 1][1] > len(a)
    return (joint.words[len(a) - 1], gain) if spans_cut else ("", gain)
