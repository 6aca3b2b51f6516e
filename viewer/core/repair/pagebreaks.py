"""Paragraphs cut in two by a page break (`…向南连接京津冀都市圈、环` / `渤海地区，…`) are joined again.

A line is the first half of a cut paragraph when it reads like running text (it has clause punctuation
inside) but stops without the punctuation that ends a paragraph, and the next paragraph is not a
heading, a list item or a metadata line and does not start with the indentation new paragraphs carry.
Headings, titles, author lines and captions have no clause punctuation, or end in a way that stops the
join (`… 摄`, `——`, `)`), so they stay where they are.

Verse looks like a cut too: a stanza's last line often has no full stop (`乱石穿空，惊涛拍岸，卷起千堆雪`)
and the next stanza, or the prose after the poem, follows a blank line. But verse comes in runs of short
lines with no blank line between them, and a page break does not: a page holds far more than a line of
verse, so the first half of a cut paragraph is not the last of a run of short lines, and its second half
is not the first. A short line directly under a short punctuated line (or under two short lines), or
a blank-separated short line followed the same way by short lines, is verse and is never joined; so
is a line in a run of four or more short paragraphs (verse printed one line to a paragraph). (On
1,335 paragraphs of the seeds cut at random, this gives up no join the rule made before.)

Where blank lines separate every paragraph and none is indented, the layout says nothing: a headline
without its full stop (`岗位变了，服务精神不变`; People's Daily 1998 has them with commas up to ~28
characters) reads exactly like the first half of a cut, and a false join is worse than a missed one.
There a line is joined only on evidence a headline does not give: it ends on a comma, holds a finished
sentence, is longer than a headline, opens with a dateline, or leaves a bracket open that the next
paragraph closes (`（记者乐` / `绍延）`). A dateline, a label (`附记：`) or a bracketed note opens a
paragraph of its own. On issue 12's evaluation (tests/perf/bench_repair_eval.py, cuts at the end of a
printed line) this joins 94 % of such cuts and changes 2 of 300 clean documents (paragraphs the source
left without a full stop) instead of 16: a cut inside a word (`呼和` / `浩特市`) is evidence too, by the
word list (WORD_ACROSS; after a line of running text a weaker gain, RUNNING_ACROSS: `石` / `油`), and so
is a paragraph that opens on the particle 的 or on one character and a full stop (`者。`), which no
sentence does, and a dateline that ends in a title mark; the cuts it leaves fall between words.
"""

from __future__ import annotations

import itertools
import re

from viewer.core.documents import Repair, RepairChange
from viewer.core.repair.chars import CLAUSE_PUNCT_RE, FINAL_PUNCT
from viewer.core.repair.words import MAX_WORD, across, score, word_list
from viewer.errors import message

KIND = "page_break"

MIN_FIRST_LEN = 8  # shorter lines are headings or labels, never half a paragraph
MAX_GAP = 2  # blank lines a page break leaves; more mark a deliberate separation
CONTEXT = 8  # characters either side shown in the recorded change
# Longest line of verse: a classical couplet with its marks is 16 (`大江东去，浪淘尽，千古风流人物。`),
# modern verse lines run 4-17 characters; a page that ends or starts on a line this short is rare.
VERSE_MAX = 18
VERSE_RUN = 4  # short paragraphs in a row that are verse printed one line to a paragraph

_HEADING_RE = re.compile(
    "^(?:[一二三四五六七八九十百]+[、．.]|[（(][一二三四五六七八九十百\\d]+[）)]|[【\\[［〔]"
    "|第[一二三四五六七八九十百千\\d]+[章节節条條部篇回卷]|\\d+(?:\\.\\d+)*[.、．]\\s*\\D|[■□●▲◆※★☆]|—"
    "|参考文献|參考文獻|摘要|关键词|關鍵詞|责任编辑|責任編輯|注释|註釋|附[：:件录錄]|作者)"
)
# A cut falls inside a word or right after an opening mark; a comma at the end of a line is verse.
_OPENING = frozenset("“‘「『《〈（([【")
# Pre-check: a line with clause punctuation or an opening mark, or that starts with a dateline, ending
# in a word character, an opening mark or a comma, then a blank line.
_CUT_END = "[\\w“‘「『《〈（(\\[【，,、》〉]"
_CUT_RE = re.compile(  # anchored at line starts, possessive over the line, then a look back: linear time
    "(?m)^(?:[^\\n，,、。；;！!？?（(“《『「]*+[，,、。；;！!？?（(“《『「]|(?:据|據)?(?:新华社|新華社|本报|本報|中新社))"
    "[^\\n]*+"
    + "(?:"
    + "|".join(f"(?<={_CUT_END}[^\\S\\n]{{{k}}})" for k in range(4))
    + ")"  # up to 3 trailing spaces
    + "\\n[^\\S\\n]*\\n"
)
_WORD_RE = re.compile("[^\\W_]")
# A page number a page break leaves between the halves: `- 12 -`, `— 12 —`, `·12·`, `第12页`, `12`.
_PAGE_NUMBER_RE = re.compile("^[-－—–·•]*\\s*(?:第\\s*)?\\d{1,4}(?:\\s*[页頁])?\\s*[-－—–·•]*$")
# A long line (no verse line is this long) may be cut after a comma or an enumeration comma.
_COMMA_END = frozenset("，,、")
LONG_LINE = 24  # no line of verse is this long
MIN_COMMA_CUT = 16  # a printed line of a narrow column; verse lines ending on a comma come in runs
# Paragraphs begin indented in a document where this share of the lines is: there a line that is not
# indented after a blank line continues the paragraph above, punctuated or not.
INDENTED_SHARE = 0.5
# A text with paragraphs one to a line: at least this many lines, blank lines after at most this share.
MIN_SPARSE_LINES = 5
SPARSE_BLANKS = 0.25
MIN_UNPUNCTUATED = 10  # shorter unpunctuated lines are labels
# Pre-checks of the layouts above: an indented line, or a long line right under another, ending in a
# word character or an opening mark, then a blank line.
_ENDS_OPEN = "[\\w“‘「『《〈（(\\[【》〉][^\\S\\n]*\\n[^\\S\\n]*\\n[^\\s]"
_INDENTED_CUT_RE = re.compile(f"\\n[\\u3000 \\t]+[^\\n]*{_ENDS_OPEN}")
# A line of MIN_UNPUNCTUATED characters or more, ending open (before up to 3 spaces), then a blank line:
# possessive over the line, then a look back at its end (linear time).
_OPEN_END = "[\\w“‘「『《〈（(\\[【]"
_SPARSE_CUT_RE = re.compile(
    f"(?m)^(?=[^\\n]{{{MIN_UNPUNCTUATED}}})[^\\n]*+"
    + "(?:"
    + "|".join(f"(?<={_OPEN_END}[^\\S\\n]{{{k}}})" for k in range(4))
    + ")"
    + "\\n[^\\S\\n]*\\n(?=\\S)"
)


_LABEL_RE = re.compile("^(?:关键词|關鍵詞|key ?words)", re.IGNORECASE)
# A news dateline (`新华社北京１月５日电`, `本报大连十二月三十一日讯`): the start of running text, and of a
# new paragraph, never the rest of one.
_DATELINE_RE = re.compile(
    "^(?:据|據)?(?:新华社|新華社|本报|本報|中新社)(?:[^，。,\\n]{0,12}?[日号]|[^\\W\\d０-９]{0,6}?)"
    "(?:电|電|讯|訊)(?![台视視话話脑腦影力网網子器])"
)
# A new paragraph that opens with a short label and a colon (`附记：`, `编辑同志：`).
_OPENING_LABEL_RE = re.compile(
    "^(?:附记|附記|编者按|編者按|编后|編後|按语|按語|编辑同志|編輯同志|读者来信|讀者來信|相关链接|相關鏈接|背景资料|背景資料)[：:]"
)
# A note or caption in brackets on its own line (`（图为原载《讽刺与幽默》）`).
_NOTE_RE = re.compile("^[（(][^（()）\\n]*[）)]$")
# Where nothing in the layout tells a page break from a paragraph break (blank lines between paragraphs,
# none indented), a line without a full stop is as likely a headline (`岗位变了，服务精神不变`, up to
# ~28 characters with commas in People's Daily 1998) as half a paragraph: it is joined only on evidence a
# headline does not give (see _cut_evidence).
HEADLINE_MAX = 28
# A cut inside a word: the end of one paragraph and the start of the next read at least e^10 times
# likelier as one text than as two (words.across: each side segmented on its own, so `调整` / `整个`
# gains nothing), through a word that spans the cut (`主` / `席` e^10.9, `呼和` / `浩特市` e^22). Over the
# 4,625 pairs of paragraphs of People's Daily (January 1998) where the first stops without a full stop,
# the highest is e^6.3 (`李滨声／画` / `面人`).
WORD_ACROSS = 10.0
# After a line of running text (a comma, stop, semicolon, colon, question or exclamation mark inside), a
# smaller gain is enough: over the
# 298 pairs of People's Daily paragraphs whose first is punctuated and stops without a full stop, none
# gains anything (e^0), and over the 1,079 such pairs of lines in the poetry corpus the highest is e^4.6
# (`无限山` / `南歌子`); a cut inside a word gains e^5.0 (`最` / `后`) to e^8.4 (`石` / `油`).
RUNNING_ACROSS = 5.0
_RUNNING_PUNCT_RE = re.compile("[，,。；;！!？?：:]")
BLANK_SEPARATED = 0.5  # share of the paragraphs with a blank line before the next one
_SENTENCE_INSIDE_RE = re.compile("[。；;！!？?]")
# A second half that opens with the last character of a clause (`在，英灵永存。`, `运。（…）`): an
# interjection (`啊，`) opens a line of verse that way, any other character does not.
_CLAUSE_TAIL_RE = re.compile("^[^\\W\\d_啊呵哦噢呀唉嗨哈喂嘿哎呜](?:[，,。；;]|$)")
# A paragraph that opens with one character and a full stop or semicolon (`者。`, `问。`): the end of a
# sentence begun above (none of the 19,484 paragraphs of People's Daily opens that way; `他，` and `雪，` do).
_SENTENCE_TAIL_RE = re.compile("[^\\W\\d_a-zA-Z啊呵哦噢呀唉嗨哈喂嘿哎呜][。；;]")
_BRACKETS = {"（": "）", "(": ")", "“": "”", "《": "》", "『": "』", "「": "」"}


def _open_bracket(line: str) -> str:
    """The closing mark that the last opening mark left open in line, or ""."""
    stack: list[str] = []
    closing = {v: k for k, v in _BRACKETS.items()}
    for ch in line:
        if ch in _BRACKETS:
            stack.append(_BRACKETS[ch])
        elif ch in closing and stack and stack[-1] == ch:
            stack.pop()
    return stack[-1] if stack else ""


def _closes(line: str, mark: str) -> bool:
    """Whether line closes `mark` before it opens another of its kind (the rest of a bracket)."""
    opening = next(k for k, v in _BRACKETS.items() if v == mark)
    at = line.find(mark)
    return at >= 0 and opening not in line[:at]


def _bracket_continues(first: str, second: str) -> bool:
    """A bracket or quote the first half leaves open and the second half closes: one paragraph."""
    mark = _open_bracket(first)
    return bool(mark) and _closes(second[:40], mark)


def _long_running_text(line: str) -> bool:
    """A long line with clause punctuation: ending mid-sentence, it does not introduce a poem."""
    return len(line) >= LONG_LINE and bool(CLAUSE_PUNCT_RE.search(line) or "、" in line)


def _never_verse(first: str, second: str) -> bool:
    """Evidence no verse gives: a dateline, an enumeration comma at the end, a bracket left open for
    the next line to close, a word the cut splits (a line of verse ends between words)."""
    return (
        first[-1] == "、"
        or bool(_DATELINE_RE.match(first))
        or _bracket_continues(first, second)
        or bool(_CLAUSE_TAIL_RE.match(second))
        or _opens_on_particle(second)
        or _splits_word(first, second, _across_threshold(first))
    )


# The ends of two paragraphs a blank line apart (the second's start looked at, not consumed).
_GAP_RE = re.compile("(\\w{1,4})[^\\S\\n]*\\n[^\\S\\n]*\\n(?=[^\\S\\n]*(\\w{1,4}))")


def _word_cut(text: str) -> bool:
    """Whether some blank line splits a word (see WORD_ACROSS) or comes before the particle 的 or the end
    of a sentence: a cut no punctuation shows."""
    return any(
        _splits_word(m.group(1), m.group(2))
        or _opens_on_particle(m.group(2))
        or bool(_SENTENCE_TAIL_RE.match(text, m.start(2)))
        for m in _GAP_RE.finditer(text)
    )


def _splits_word(first: str, second: str, threshold: float = WORD_ACROSS) -> bool:
    """Whether a cut between two paragraphs falls inside a word (see WORD_ACROSS)."""
    return across(first, second, word_list())[1] >= threshold


def _across_threshold(first: str) -> float:
    """The gain across a cut that shows a word split (see RUNNING_ACROSS)."""
    return RUNNING_ACROSS if _RUNNING_PUNCT_RE.search(first) else WORD_ACROSS


def _opens_on_particle(second: str) -> bool:
    """Whether a paragraph opens on the particle 的 (`的冬日`, not `的确`): no sentence does, so the
    paragraph above was cut (2 of the 19,484 paragraphs of People's Daily open on 的: `的确`, a table)."""
    return second[:1] == "的" and score(list(second[:MAX_WORD]), word_list()).words[0] == "的"


def _cut_evidence(first: str, second: str) -> bool:
    """Evidence that a line ending mid-sentence is half a paragraph, not a headline: it ends on a comma,
    it holds a finished sentence, it is longer than a headline, it opens with a dateline, a bracket
    it opens is closed in the next paragraph, or the cut splits a word (see WORD_ACROSS)."""
    return (
        first[-1] in _COMMA_END
        or bool(_SENTENCE_INSIDE_RE.search(first[:-1]))
        or len(first) > HEADLINE_MAX
        or bool(_DATELINE_RE.match(first))
        or _bracket_continues(first, second)
        or _opens_on_particle(second)
        or bool(_SENTENCE_TAIL_RE.match(second))
        or _splits_word(first, second, _across_threshold(first))
    )


_CAPTION_RE = re.compile("(?:摄|攝|供图|供圖)$")


def _indented(line: str) -> bool:
    return line[:1].isspace() or line[:1] in ("\ufeff", "\u200b")


def _ends_open(line: str, relaxed: bool = False) -> bool:
    """Whether a line stops mid-sentence: in a word, after an opening mark, or after a comma (a long line)."""
    if len(line) < MIN_FIRST_LEN:
        return False
    if not (
        line[-1].isalnum()
        or line[-1] in _OPENING
        or line[-1] == "、"
        or (
            line[-1] in "》〉"
            and len(line) >= LONG_LINE
            and (relaxed or bool(CLAUSE_PUNCT_RE.search(line)) or bool(_DATELINE_RE.match(line)))
        )
        or (
            line[-1] in _COMMA_END
            and (relaxed or len(line) >= MIN_COMMA_CUT or bool(_DATELINE_RE.match(line)))
        )
    ):
        return False
    return not (_CAPTION_RE.search(line) or _LABEL_RE.match(line))


def _is_first_half(line: str, relaxed: bool = False, second: str = "") -> bool:
    """Whether a paragraph stops mid-sentence (see _ends_open) and reads like running text: clause
    punctuation or a dateline before more text, a bracket the next paragraph closes, or a word the cut
    splits (see WORD_ACROSS); or `relaxed`:
    where the layout itself says a blank line is no paragraph break (see join_page_breaks)."""
    if not _ends_open(line, relaxed):
        return False
    if relaxed or line[-1] in _COMMA_END or CLAUSE_PUNCT_RE.search(line):
        return True
    dateline = _DATELINE_RE.match(line)
    return (
        bool(dateline and dateline.end() < len(line))
        or _bracket_continues(line, second)
        or _opens_on_particle(second)
        or bool(_SENTENCE_TAIL_RE.match(second))
        or (bool(second) and _splits_word(line, second, _across_threshold(line)))
    )


def _is_continuation(raw: str, line: str) -> bool:
    if _indented(raw) or _HEADING_RE.match(line) or not _WORD_RE.search(line):
        return False  # indented or a heading: a new paragraph; only marks ("……"): an omission
    if _DATELINE_RE.match(line) or _OPENING_LABEL_RE.match(line) or _NOTE_RE.match(line):
        return False  # a dateline, a label (`附记：`) or a note in brackets opens a paragraph
    return line[-1] in FINAL_PUNCT or bool(CLAUSE_PUNCT_RE.search(line)) or len(line) >= 20


def _is_verse_line(line: str) -> bool:
    return 0 < len(line) <= VERSE_MAX and not _HEADING_RE.match(line)


def _verse_neighbour(stripped: list[str], k: int, step: int) -> bool:
    """Whether line k, next to a short line, makes a run of verse with it.

    A punctuated short line does (`喂马，劈柴，周游世界`); an unpunctuated one (a title, a byline) only
    when the line beyond it, away from the candidate, is short too.
    """
    if not 0 <= k < len(stripped) or not _is_verse_line(stripped[k]):
        return False
    if CLAUSE_PUNCT_RE.search(stripped[k]) or stripped[k][-1] in FINAL_PUNCT:
        return True
    return 0 <= k + step < len(stripped) and _is_verse_line(stripped[k + step])


def _is_stanza_end(stripped: list[str], first: int, last: int, nxt: int) -> bool:
    """Whether lines first..last (one paragraph so far) and the one at nxt are verse, not a cut paragraph.

    True when the paragraph is one short line and the lines directly above it are short too (the end of a
    stanza), or the line at nxt is short and the lines directly below it are short too (a stanza begins).
    """
    if first != last or not _is_verse_line(stripped[last]):
        return False
    if _verse_neighbour(stripped, first - 1, -1):
        return True
    if _is_verse_line(stripped[nxt]) and _verse_neighbour(stripped, nxt + 1, 1):
        return True
    # Verse printed one line to a paragraph: four or more short paragraphs in a row. (Three short pieces
    # of one sentence over two page breaks are kept joinable, though a page holds more than a line.)
    return _spaced_run(stripped, last, -1) + _spaced_run(stripped, nxt, 1) >= VERSE_RUN


def _stanza_begins(stripped: list[str], k: int) -> bool:
    """Whether line k begins a run of verse: it and the line under it are short, that one punctuated
    (or the one under it short too). A page holds more than a line: a cut's second half is not verse."""
    return _is_verse_line(stripped[k]) and _verse_neighbour(stripped, k + 1, 1)


def _spaced_run(stripped: list[str], k: int, step: int) -> int:
    """How many short lines, one blank line apart, run from line k (included) in the direction step."""
    count = 0
    while 0 <= k < len(stripped) and _is_verse_line(stripped[k]):
        count += 1
        if not (0 <= k + step < len(stripped)) or stripped[k + step]:
            break
        k += 2 * step
    return count


def _glue(a: str, b: str) -> str:
    """Two halves joined: no space between CJK, one between two Latin words."""
    if a[-1].isascii() and a[-1].isalpha() and b[0].isascii() and b[0].isalpha():
        return " "
    return ""


def join_page_breaks(text: str) -> tuple[str, list[Repair]]:
    """Join every paragraph a page break cut in two."""
    # Cheap gate: look only at lines that end in a word character before a blank line.
    for m in _CUT_RE.finditer(text):
        line = text[text.rfind("\n", 0, m.start()) + 1 : text.find("\n", m.start())].strip()
        if _ends_open(line) and (
            line[-1] in _COMMA_END
            or CLAUSE_PUNCT_RE.search(line)
            or _open_bracket(line)
            or _DATELINE_RE.match(line)
            or _splits_word(line, text[m.end() : m.end() + 8].lstrip(), _across_threshold(line))
        ):
            break
    else:
        # Only the layouts that relax the test can have a cut the punctuation did not show.
        lines_count, blanks = text.count("\n"), text.count("\n\n")
        maybe_sparse = blanks <= SPARSE_BLANKS * (lines_count - blanks) + 2
        maybe_indented = (
            _indented(text) + text.count("\n\u3000") + text.count("\n ") + text.count("\n\t") >= 3
        )
        if not (
            (maybe_sparse and _SPARSE_CUT_RE.search(text))
            or (maybe_indented and _INDENTED_CUT_RE.search(text))
            or _word_cut(text)
        ):
            return text, []
    lines = text.split("\n")
    stripped = [line.strip() for line in lines]
    content = [k for k, line in enumerate(stripped) if line]
    indented_style = sum(_indented(lines[k]) for k in content) >= max(3, INDENTED_SHARE * len(content))
    # Paragraphs one to a line, blank lines rare: a blank line is a page break or a section break.
    paragraphs = [k for k in content if not _PAGE_NUMBER_RE.match(stripped[k])]
    gaps = sum(b - a > 1 for a, b in itertools.pairwise(paragraphs))
    # A blank line after an open line is what is in question; after a finished one, it is the layout's.
    finished_gaps = sum(
        b - a > 1 and stripped[a][-1] in FINAL_PUNCT for a, b in itertools.pairwise(paragraphs)
    )
    sparse_blanks = len(content) >= MIN_SPARSE_LINES and finished_gaps <= SPARSE_BLANKS * len(content)
    # Blank lines between paragraphs and none indented: nothing in the layout tells a break from a cut.
    blank_separated = not indented_style and gaps > BLANK_SEPARATED * (len(paragraphs) - 1)
    offsets = []
    pos = 0
    for line in lines:
        offsets.append(pos)
        pos += len(line) + 1
    out: list[str] = []
    changes: list[RepairChange] = []
    i = 0
    n = len(lines)
    while i < n:
        current = lines[i]
        current_stripped = stripped[i]
        first = i
        i += 1
        # Absorb continuations while the paragraph so far ends mid-sentence.
        # Where the layout says the blank line below is no paragraph break, an unpunctuated line can be
        # the first half too: an indented paragraph whose continuation is not indented, or a long line
        # (not a heading) right under the paragraph before it in a text that puts no blank lines between
        # its paragraphs (unpunctuated classical text in blank-separated paragraphs stays as it is).
        relaxed = (indented_style and _indented(lines[first])) or (
            sparse_blanks and first > 0 and bool(stripped[first - 1]) and not _HEADING_RE.match(current_stripped)
            and len(current_stripped) >= MIN_UNPUNCTUATED
        )  # fmt: skip
        while current_stripped and _ends_open(current_stripped, relaxed):
            j = i
            while j < n and not stripped[j] and j - i < MAX_GAP:
                j += 1
            if j < n and _PAGE_NUMBER_RE.match(stripped[j]):  # the page's number, between the halves
                k = j + 1
                while k < n and not stripped[k] and k - j <= MAX_GAP:
                    k += 1
                j = k
            # A page break leaves a blank line; a bare newline after a cut is hard wrapping or verse.
            if j == i or j >= n or not stripped[j]:
                break
            # After an enumeration comma, `二、三等奖` goes on with the list; it heads nothing.
            if not _is_continuation(lines[j], stripped[j]) and not (
                current_stripped[-1] == "、" and not _indented(lines[j])
            ):
                break
            nxt = stripped[j]
            if not _never_verse(current_stripped, nxt) and (
                _is_stanza_end(stripped, first, i - 1, j)
                or (not _long_running_text(current_stripped) and _stanza_begins(stripped, j))
            ):
                break
            if not _is_first_half(current_stripped, relaxed, nxt):
                break
            if blank_separated and not _cut_evidence(current_stripped, nxt):
                break  # a headline without its full stop, as likely as half a paragraph: left as it is
            end_of_a = offsets[i - 1] + len(lines[i - 1].rstrip())
            where = max(end_of_a - CONTEXT, offsets[i - 1])
            before = text[where : offsets[j] + len(lines[j]) - len(lines[j].lstrip())] + nxt[:CONTEXT]
            glue = _glue(current_stripped, nxt)
            after = text[where:end_of_a] + glue + nxt[:CONTEXT]
            changes.append(RepairChange(where, before, after))
            current = current.rstrip() + glue + lines[j].lstrip()  # trailing spaces: the whitespace rule's
            current_stripped = current.strip()
            i = j + 1
        out.append(current)
    if not changes:
        return text, []
    return "\n".join(out), [
        Repair(
            KIND,
            len(changes),
            message("Joined {count} paragraphs that a page break had cut in two.", count=len(changes)),
            tuple(changes),
        )
    ]
