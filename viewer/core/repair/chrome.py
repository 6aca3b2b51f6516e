"""Web-page chrome saved along with the text: navigation, copyright and tech-support footers.

Only short lines can be chrome. A line is chrome when it is made of navigation words only, when it is
a copyright/ICP/tech-support footer, when it is a newspaper's page index entry (`第01版:要闻`), or when
it recurs in many documents of the archive (`find_common_lines`). Below a navigation line at the end
of a page, a block of short lines (title lists, a repeated headline) is the page's footer and goes too.
Metadata lines the structure pass reads (editor, captions, references, author affiliation) are kept.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable

from viewer.core.documents import Repair, RepairChange
from viewer.core.repair.chars import normalise_line
from viewer.errors import message

KIND = "chrome"

MAX_CHROME_LEN = 40  # navigation and page-index lines
MAX_FOOTER_LEN = 80  # copyright lines can be longer (they carry the owner's full name)
COMMON_MIN_DOCS = 3
COMMON_MIN_SHARE = 0.4  # the poetry corpus's most shared line ("西湖") is in 17 % of its files
COMMON_MAX_LEN = 30

_NAV_WORDS = (
    "往期阅读|往期閱讀|往期回顾|往期回顧|过往期刊|過往期刊"
    "|上一版|下一版|上一篇|下一篇|上一页|下一页|上一頁|下一頁|上一条|下一条|上一條|下一條"
    "|首页|首頁|尾页|尾頁|末页|末頁|返回目录|返回目錄|返回首页|返回首頁|返回顶部|返回頂部|返回"
    "|放大|缩小|縮小|默认|默認|字号|字號|打印本页|打印本頁|打印|关闭窗口|關閉窗口|关闭|關閉"
    "|标题导航|標題導航|版面导航|版面導航|本版导航|本版導航|分享到|收藏本页|收藏|"
    "当前版|當前版|第?\\d{1,3}版|[大中小]"
)
_NAV_TOKEN_RE = re.compile(f"(?:{_NAV_WORDS})[:：]?")
_NAV_SPLIT_RE = re.compile("[\\s|｜/·•>»]+")
_NAV_REAL_RE = re.compile(
    "往期|上一|下一|首[页頁]|[尾末][页頁]|返回|放大|缩小|縮小|打印|关闭|關閉|导航|導航|当前版|當前版"
)
_PAGE_INDEX_RE = re.compile("^第\\s*\\d{1,3}\\s*版\\s*[:：]\\s*\\S.{0,14}$")
_FOOTER_WORDS = (
    "版权所有|版權所有|版权归|版權歸|技术支持|技術支持|主办单位|主辦單位|承办单位|承辦單位"
    "|网站地图|網站地圖|联系我们|聯繫我們|聯系我們|关于我们|關於我們"
)
# A footer is a label line: it starts with the word or puts a colon after it ("技術支持: …");
# copyright signs and ICP licence numbers are footers wherever they stand in a short line.
_FOOTER_RE = re.compile(
    f"^\\W*(?:本站|本网|本網)?(?:{_FOOTER_WORDS})|(?:{_FOOTER_WORDS})\\s*[:：]|copyright|all rights reserved|©"
    "|icp[备備证證]|公网安备|公網安備",
    re.IGNORECASE,
)
# Lines the structure pass needs; never chrome even when short and recurring.
_PROTECTED_RE = re.compile(
    "责任编辑|責任編輯|编辑|編輯|摄$|攝$|作者|来源|來源|参考文献|參考文獻|摘要|关键词|關鍵詞"
    "|^[\\[［【]|^[■□]|^[一二三四五六七八九十]+、|^[（(][一二三四五六七八九十\\d]+[）)]|^\\d+[.、．]|卷$"
)
# Any chrome at all? One search over the whole text spares the line-by-line test for most documents.
# The lookahead lists the first character of every keyword above (keep it in step with them): a
# character class rejects most positions far faster than trying each alternative in turn.
_KEYWORD_STARTS = "版技往上下首尾末返放缩縮打关關导導当當第©公主承网網联聯CcAaIi"
_PRECHECK_RE = re.compile(
    f"(?=[{_KEYWORD_STARTS}])(?:{_FOOTER_WORDS}|copyright|all rights|©|icp|公网安备|公網安備"
    f"|{_NAV_REAL_RE.pattern}|第\\s*\\d{{1,3}}\\s*版)",
    re.IGNORECASE,
)
_HAS_WORD_RE = re.compile("[A-Za-z\u3400-\u9fff]")


def _is_navigation(line: str) -> bool:
    tokens = [t for t in _NAV_SPLIT_RE.split(line) if t]
    if not tokens or not _NAV_REAL_RE.search(line):
        return False
    return all(_NAV_TOKEN_RE.fullmatch(t) or t.isdigit() for t in tokens)


def is_chrome_line(line: str, common_lines: frozenset[str] = frozenset()) -> bool:
    """Whether one (normalised) line is site chrome."""
    if not line or len(line) > MAX_FOOTER_LEN:
        return False
    if _FOOTER_RE.search(line):
        return True
    if len(line) > MAX_CHROME_LEN or _PROTECTED_RE.search(line):
        return False
    return _is_navigation(line) or bool(_PAGE_INDEX_RE.match(line)) or line in common_lines


def chrome_candidates(text: str) -> set[str]:
    """The short lines of one text that could be chrome if many documents share them (normalised).

    Running text (a full-width comma or full stop) is not chrome: leaving it out keeps the set small
    for verse, where nearly every line is short. The catalogue keeps each document's set, so the
    archive-wide counts can be updated without reading unchanged files again.
    """
    return {
        normalise_line(line)
        for line in map(str.strip, text.split("\n"))
        if 2 <= len(line) <= COMMON_MAX_LEN + 10 and "，" not in line and "。" not in line
    }


def common_from_counts(counts: Iterable[tuple[str, int]], documents: int) -> frozenset[str]:
    """Lines present in at least 3 documents and 40 % of them, from (line, documents holding it)."""
    needed = max(COMMON_MIN_DOCS, COMMON_MIN_SHARE * documents)
    return frozenset(
        line
        for line, n in counts
        if n >= needed
        and 2 <= len(line) <= COMMON_MAX_LEN
        and _HAS_WORD_RE.search(line)
        and not _PROTECTED_RE.search(line)
    )


def find_common_lines(texts: Iterable[str]) -> frozenset[str]:
    """Short lines present in at least 3 documents and 40 % of them: chrome shared by an archive's pages."""
    docs = 0
    seen: Counter[str] = Counter()
    for text in texts:
        docs += 1
        seen.update(chrome_candidates(text))
    return common_from_counts(seen.items(), docs)


def remove_chrome(text: str, common_lines: frozenset[str] = frozenset()) -> tuple[str, list[Repair]]:
    """Drop chrome lines, and the short footer block that follows navigation at the end of a page."""
    if not _PRECHECK_RE.search(text) and not any(line in text for line in common_lines):
        return text, []
    lines = text.split("\n")
    norm = [normalise_line(line) for line in lines]
    drop = [is_chrome_line(n, common_lines) for n in norm]
    if not any(drop):
        return text, []
    # The page footer: below the body text (a long line), a block that starts with a chrome line and
    # holds only chrome and short unprotected lines, more chrome than not (title lists, a headline).
    tail_start = None
    chrome_in_tail = 0
    below_body = False
    for i in range(len(lines) - 1, -1, -1):
        if not norm[i]:
            continue
        if drop[i]:
            tail_start = i
            chrome_in_tail += 1
        elif len(norm[i]) > MAX_CHROME_LEN or _PROTECTED_RE.search(norm[i]):
            below_body = True
            break
    if tail_start is not None and below_body:
        other_in_tail = sum(1 for i in range(tail_start, len(lines)) if norm[i] and not drop[i])
        if other_in_tail <= chrome_in_tail:
            for i in range(tail_start, len(lines)):
                drop[i] = drop[i] or bool(norm[i])
    changes: list[RepairChange] = []
    kept: list[str] = []
    offset = 0
    for line, dropped in zip(lines, drop, strict=True):
        if dropped:
            changes.append(RepairChange(offset, line, ""))
        else:
            kept.append(line)
        offset += len(line) + 1
    return "\n".join(kept), [
        Repair(
            KIND,
            len(changes),
            message("Removed {count} lines of web-page navigation and footers.", count=len(changes)),
            tuple(changes),
        )
    ]
