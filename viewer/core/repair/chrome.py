"""Web-page chrome saved along with the text: navigation, widgets, copyright and tech-support footers.

Only short lines can be chrome, and a line is chrome only when a pattern matches it as a whole, so a
body sentence that mentions 首页 or 分享 stays. A line is chrome when it is made of navigation words
only, when it is a copyright/ICP/tech-support footer, when it is one of the widgets Chinese web pages
put around the text (`_is_page_widget`: breadcrumbs `当前位置：首页 > 新闻中心 > 正文`, share bars
`分享到：微信 微博`, font-size and print bars `【字号 大 中 小】【打印】【关闭】`, menus of short items
`首页 | 新闻中心 | 政务公开`, hit counters `点击次数：6590`, hotlines `服务热线：12345`, list headers
`网站导航`, `- 相关推荐`), when it is a newspaper's page index entry (`第01版:要闻`) next to other
chrome (alone in a body it is content), or when it recurs in many documents of the archive
(`find_common_lines`). Below a navigation line at the end of a page, a block of short lines (title
lists, a repeated headline) is the page's footer and goes too.

A page's metadata line near the top (`发布时间：2023-05-06 来源：某某市政府 作者：张三`) is removed
from the body too, and `metadata_fields` reads its values back from the repair record, so the document
gets them as its date, source and authors (viewer/core/metadata.py). Metadata lines the structure pass
reads in place (editor, captions, references, author affiliation) are kept.
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
    "|网站地图|網站地圖|联系我们|聯繫我們|聯系我們|关于我们|關於我們|网站标识码|網站標識碼"
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


# ---------------------------------------------------------------- page widgets

_SENTENCE_RE = re.compile("[。，,；;！!？?]")
# Breadcrumbs: "当前位置：首页 > 新闻中心 > 正文", "您所在的位置：…", or a bare path from the home page.
_CRUMB_LABEL_RE = re.compile(
    "^[【\\[]?(?:[您你](?:现在|現在|目前|当前|當前)?(?:的|所在的?|所处的?|所處的?)?"
    "|(?:当前|當前|现在|現在|目前)(?:所在的?|所处的?|所處的?)?|所在)"
    "(?:位置|位址)[】\\]]?\\s*[:：]?\\s*"
)
_HOME = "网站首页|網站首頁|首页|首頁|主页|主頁|Home|HOME|home"
_CRUMB_PATH_RE = re.compile(f"^(?:{_HOME})(?:[^>＞»›→/／]{{0,12}}[>＞»›→/／]|\\s+-{{1,2}}\\s)")
# A bare "位置：" label: a breadcrumb only when a path follows it.
_CRUMB_BARE_RE = re.compile("^[【\\[]?位置[】\\]]?\\s*[:：]\\s*")
_CRUMB_SEPARATOR_RE = re.compile("[>＞»›→/／]|\\s-{1,2}\\s")
_CRUMB_SPLIT_RE = re.compile("\\s*(?:[>＞»›→/／|｜]|&gt;|-{1,2}|—)\\s*")
# Share bars: "分享到：微信 微博 QQ空间", "分享：".
_SHARE_RE = re.compile("^[-—【\\[]?\\s*(?:分享到|分享至|一键分享|一鍵分享|分享\\s*(?=[:：]))\\s*[:：]?\\s*")
_ITEM_SPLIT_RE = re.compile("[\\s|｜丨/／、,，·•]+")
# Font-size and print bars: every token (brackets and separators aside) a widget word.
_BAR_TOKEN_RE = re.compile(
    "字号|字號|字体|字體|文字|[大中小]|默认|默認|放大|缩小|縮小|A[+＋-]?|打印(?:本[页頁文]|此[页頁文]|文章|正文)?"
    "|关闭(?:窗口|本[页頁])?|關閉(?:窗口|本[页頁])?|(?:加入|添加)?收藏(?:本[页頁])?|返回[顶頂]部|我要[纠糾][错錯]|[纠糾][错錯]"
    "|分享|推荐|推薦|[:：]"
)
_BAR_REAL_RE = re.compile("字号|字號|字体|字體|打印|关闭|關閉|收藏|[纠糾][错錯]")
_BAR_SPLIT_RE = re.compile("[\\s【】\\[\\]［］()（）「」〈〉<>|｜/／·•]+")
# Hit counters: "点击次数：6590", "阅读量：10万+", "人气：12".
_COUNTER = "(?:点击|點擊|浏览|瀏覽|阅读|閱讀|访问|訪問|查看)(?:次数|次數|量|数|數|率)|(?:点击|點擊|浏览|瀏覽|阅读|閱讀)|人气|人氣"
# A count: "6590", "6590次", "10万+".
_COUNT = "(?:\\d[\\d,]*\\s*(?:次|[万萬]\\+?)?|\\d[\\d.]*\\s*[万萬]\\+?)"
_COUNTER_RE = re.compile(f"^[【\\[]?(?:{_COUNTER})(?:\\s*[:：]\\s*(?:{_COUNT})?|\\s+{_COUNT})\\s*[】\\]]?$")
# Hotlines: labels and phone numbers only ("咨询热线：0471-1234567 / 服务热线：12345").
_PHONE_RE = re.compile("[(（]?\\+?\\d[\\d\\-－—()（） ]{3,18}\\d")
_HOTLINE_WORD_RE = re.compile("热线|熱線|电话|電話")
_HOTLINE_REST_RE = re.compile(
    "咨询|咨詢|諮詢|服务|服務|投诉|投訴|举报|舉報|客服|政务|政務|便民|热线|熱線|电话|電話|联系|聯繫|聯系|传真|傳真"
    "|值班|监督|監督|咨询|[:：/／|｜、,，;；\\s]"
)
# Headers of link lists: "网站导航", "- 相关推荐", "相关阅读：".
_LIST_HEADER_RE = re.compile(
    "^[-—–·•\\s【\\[「]*(?:网站导航|網站導航|站点导航|站點導航|相关推荐|相關推薦|相关阅读|相關閱讀|相关新闻|相關新聞"
    "|相关文章|相關文章|相关链接|相關鏈接|相關連結|延伸阅读|延伸閱讀|推荐阅读|推薦閱讀|热点推荐|熱點推薦|热门推荐"
    "|熱門推薦|猜你喜欢|猜你喜歡|热门文章|熱門文章|友情链接|友情鏈接|友情連結)[】\\]」]?\\s*[:：]?\\s*(?:更多\\s*[>»]*)?[-—–·•\\s】\\]」]*$"
)
# Menus: 3+ short items, most of them sections a site has ("新闻中心", "政务公开").
_MENU_WORD_RE = re.compile(
    "首[页頁]|主[页頁]|中心|公开|公開|服[务務]|互[动動]|[动動][态態]|新[闻聞]|[频頻]道|[专專][题題]|概[况況]"
    "|[导導]航|指南|大[厅廳]|平[台臺]|政[务務]|[办辦]事|[关關]于|[联聯][系繫]|信息|[资資][讯訊]|[图圖]片"
    "|[视視][频頻]|留言|[论論][坛壇]|[网網]站|English|[简簡]介|[领領][导導]|[机機][构構]|[党黨][建]"
    "|公告|公示|通知|法[规規]|政策|解[读讀]|之窗|要[闻聞]|[热熱][点點]|[统統][计計]|[数數][据據]"
)
_MENU_BAR_SPLIT_RE = re.compile("\\s*[|｜丨]\\s*")
_MORE = frozenset({"…", "...", "……", "更多", "更多>>", "更多>"})


# Any widget or metadata line at all? (a keyword of each pattern above)
_WIDGET_WORDS = (
    "位置|分享|字[号號体體]|打印|收藏|[关關][闭閉]|[纠糾][错錯]|点击|點擊|[浏瀏][览覽]|[阅閱][读讀](?:[量次数數]|\\s*\\d)"
    "|[访訪][问問][量次数數]|查看[次数數]|人[气氣]|[热熱][线線]|[电電][话話]|[导導]航|相[关關][推阅閱新文链鏈連]"
    "|延伸|推[荐薦]|猜你|友情|[热熱][点點门門]|[|｜丨>＞»›→]"
    "|(?:[来來]源|出[处處]|作者|撰|[编編][辑輯]|[责責][编編]|[时時][间間]|日期)\\s*[:：]"
    f"|(?:{_MENU_WORD_RE.pattern})[ \u3000]"
)
# Any widget or metadata line at all? Keywords of the patterns above, behind a lookahead of their
# first characters (as _PRECHECK_RE): a 3.5 MB poetry corpus is searched in a tenth of the time.
_WIDGET_PRECHECK_RE = re.compile(
    "(?=[位分字打收关關纠糾点點浏瀏阅閱访訪查人热熱电電导導相延推猜友|｜丨>＞»›→来來出作撰编編责責时時日"
    "首主中公服互动動态態新频頻专專概指大平政办辦联聯信资資图圖视視留论論网網E简簡领領机機党黨通法解之要])"
    f"(?:{_WIDGET_WORDS})"
)


def _short_items(items: list[str], max_len: int) -> bool:
    return all(len(t) <= max_len and not _SENTENCE_RE.search(t) for t in items)


def _is_breadcrumb(line: str) -> bool:
    m = _CRUMB_LABEL_RE.match(line)
    bare = _CRUMB_BARE_RE.match(line) if not m else None
    if m:
        rest = line[m.end() :]
    elif bare:
        rest = line[bare.end() :]
        if not _CRUMB_SEPARATOR_RE.search(rest):
            return False  # "位置：市中心" is text
    elif _CRUMB_PATH_RE.match(line):
        rest = line
    else:
        return False
    items = [t for t in _CRUMB_SPLIT_RE.split(rest) if t]
    return len(items) <= 8 and _short_items(items, 16)


def _is_share_bar(line: str) -> bool:
    m = _SHARE_RE.match(line)
    if not m:
        return False
    items = [t for t in _ITEM_SPLIT_RE.split(line[m.end() :].strip("】] ")) if t]
    return len(items) <= 12 and _short_items(items, 8)


def _is_widget_bar(line: str) -> bool:
    tokens = [t for t in _BAR_SPLIT_RE.split(line) if t]
    return (
        bool(tokens)
        and bool(_BAR_REAL_RE.search(line))
        and all(_BAR_TOKEN_RE.sub("", t) == "" for t in tokens)
    )


def _is_hotline(line: str) -> bool:
    return (
        bool(_HOTLINE_WORD_RE.search(line))
        and bool(_PHONE_RE.search(line))
        and _HOTLINE_REST_RE.sub("", _PHONE_RE.sub("", line)) == ""
    )


def _is_menu(line: str) -> bool:
    barred = "|" in line or "｜" in line or "丨" in line
    if not (barred or " " in line) or _DIGIT_RE.search(line):
        return False
    items = [
        t for t in (_MENU_BAR_SPLIT_RE if barred else _ITEM_SPLIT_RE).split(line) if t and t not in _MORE
    ]
    if len(items) < 3 or not _short_items(items, 10 if barred else 6):
        return False
    if not barred and not all(_HAN_ONLY_RE.fullmatch(t) for t in items):
        return False
    words = sum(1 for t in items if _MENU_WORD_RE.search(t))
    if not barred and len(items) == 3 and words < 3:
        return False  # three words apart ("张三 李四 王五") are a menu only when all are sections
    return words >= 2 or (words >= 1 and re.fullmatch(_HOME, items[0]) is not None)


_HAN_ONLY_RE = re.compile("[\u3400-\u9fff]+")


_DIGIT_RE = re.compile("\\d")
# A character every widget line holds (one of each pattern's keywords or separators): most lines of
# a text have none, and one character-class search spares them the patterns (a 3.5 MB poetry
# corpus, nearly all short lines, is tested 3 times faster).
_WIDGET_CHAR_RE = re.compile(
    "[位>＞»›→享击擊览覽读讀问問看气氣导導荐薦闻聞章链鏈連伸喜情号號体體印闭閉藏错錯线線话話|｜丨 ]"
)


def _is_page_widget(line: str) -> bool:
    """Breadcrumbs, share, font-size and print bars, hit counters, hotlines, list headers, menus."""
    return _WIDGET_CHAR_RE.search(line) is not None and (
        _is_breadcrumb(line)
        or _is_share_bar(line)
        or bool(_COUNTER_RE.match(line))
        or bool(_LIST_HEADER_RE.match(line))
        or _is_widget_bar(line)  # every token a widget word: any length a line of chrome has
        or _is_hotline(line)
        or _is_menu(line)
    )


# ---------------------------------------------------------------- metadata lines

META_HEAD_LINES = 8  # metadata lines sit among the first lines of a page that are not chrome
MAX_META_LEN = 140
_DATE_LABEL = "发布时间|發布時間|發佈時間|发布日期|發布日期|發佈日期|发表时间|發表時間|发表日期|發表日期|更新时间|更新時間"
_META_LABELS = {
    "date": f"{_DATE_LABEL}|时间|時間|日期",
    "source": "信息来源|信息來源|文章来源|文章來源|稿件来源|稿件來源|新闻来源|新聞來源|来源|來源|出处|出處",
    "author": "作者|撰稿人|撰稿|撰文",
    "editor": "责任编辑|責任編輯|责编|責編|编辑|編輯",
    "count": _COUNTER,
    "widget": "(?:浏览|瀏覽)?(?:字号|字號|字体|字體)",
}
_META_LABEL_RE = re.compile(
    "(?:^|(?<=[\\s】\\]|｜]))[【\\[]?(?:"
    + "|".join(f"(?P<{k}>{v})" for k, v in _META_LABELS.items())
    + ")\\s*[】\\]]?\\s*[:：]\\s*"
)
_META_DATE_RE = re.compile(
    "^(?:19|20)\\d\\d\\s*(?:[-/.年]\\s*\\d{1,2}\\s*(?:[-/.月]\\s*\\d{1,2}\\s*日?)?)?"
    "(?:\\s*\\d{1,2}\\s*[:：时時]\\s*\\d{1,2}(?:\\s*[:：分]\\s*\\d{1,2}\\s*秒?)?)?$"
)
_META_STRIP = " \u3000【】[]［］|｜"


def metadata_fields(line: str) -> dict[str, str]:
    """The date, source, author and editor a page's metadata line gives; {} when it is not one.

    The line is a run of `label：value` fields from its start (hit counters and font-size bars may
    sit among them); a bare 时间/日期 counts only beside another field, as a notice's own
    "时间：5月6日上午9时" is text. Values are short, and a date's value is a date."""
    line = normalise_line(line)
    if not line or len(line) > MAX_META_LEN:
        return {}
    counter = _TRAILING_COUNTER_RE.search(line)  # a hit counter without its colon ("点击次数 8505")
    if counter and counter.start() > 0:
        line = line[: counter.start()]
    matches = list(_META_LABEL_RE.finditer(line))
    if not matches or matches[0].start() != 0:
        return {}
    fields: dict[str, str] = {}
    labels: list[str] = []
    for k, m in enumerate(matches):
        name = next(key for key in _META_LABELS if m[key])
        end = matches[k + 1].start() if k + 1 < len(matches) else len(line)
        value = line[m.end() : end].strip(_META_STRIP)
        if name == "widget":
            continue  # the rest of a font-size bar ("大 中 小")
        if k + 1 == len(matches) and value:
            value = _trailing_bar(value)
        if name == "count":
            if value and not _COUNTER_RE.match(f"{m[name]}：{value}"):
                return {}
            continue
        if not value:
            continue  # a field the page left empty ("来源：" beside a date)
        if len(value) > 30 or _SENTENCE_RE.search(value):
            return {}
        if name == "date" and not _META_DATE_RE.match(value):
            return {}
        labels.append(m[name])
        fields.setdefault(name, value)
    if not fields or (
        list(fields) == ["date"] and len(matches) == 1 and not re.fullmatch(_DATE_LABEL, labels[0])
    ):
        return {}
    return fields


_TRAILING_COUNTER_RE = re.compile(f"\\s+(?:{_COUNTER})\\s+{_COUNT}$")
_TRAILING_BAR_RE = re.compile("(?:[\\s【\\[]*(?:" + _BAR_TOKEN_RE.pattern + ")[\\s】\\]]*)+$")


def _trailing_bar(value: str) -> str:
    """A value without the print and close buttons after it ("张三 【打印】【关闭】" -> "张三")."""
    m = _TRAILING_BAR_RE.search(value)
    if m and m.start() > 0 and _BAR_REAL_RE.search(m.group(0)):
        return value[: m.start()].strip(_META_STRIP)
    return value


def _is_navigation(line: str) -> bool:
    tokens = [t for t in _NAV_SPLIT_RE.split(line) if t]
    if not tokens or not _NAV_REAL_RE.search(line):
        return False
    return all(_NAV_TOKEN_RE.fullmatch(t) or t.isdigit() for t in tokens)


def is_chrome_line(line: str, common_lines: frozenset[str] = frozenset()) -> bool:
    """Whether one (normalised) line is site chrome."""
    if not line or len(line) > MAX_FOOTER_LEN:
        return False
    if _FOOTER_RE.search(line) or _is_page_widget(line):
        return True
    if len(line) > MAX_CHROME_LEN or _PROTECTED_RE.search(line):
        return False
    return _is_navigation(line) or line in common_lines


def _is_page_index(line: str) -> bool:
    """A newspaper's page index entry (`第01版:要闻`): chrome only next to other chrome."""
    return len(line) <= MAX_CHROME_LEN and bool(_PAGE_INDEX_RE.match(line))


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
    if (
        not _PRECHECK_RE.search(text)
        and not _WIDGET_PRECHECK_RE.search(text)
        and not any(line in text for line in common_lines)
    ):
        return text, []
    lines = text.split("\n")
    norm = [normalise_line(line) for line in lines]
    drop = [is_chrome_line(n, common_lines) for n in norm]
    _drop_page_indexes(norm, drop)
    _drop_metadata_lines(norm, drop)
    _drop_link_list(norm, drop)
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
        elif _is_page_index(norm[i]):
            chrome_in_tail += 1  # a page index under the navigation: chrome once the block is
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


def _drop_page_indexes(norm: list[str], drop: list[bool]) -> None:
    """Page index entries in a run of them or next to chrome (a page's index); one alone is content."""
    rows = [i for i, n in enumerate(norm) if n]
    index = [_is_page_index(norm[i]) for i in rows]
    for k, i in enumerate(rows):
        if not index[k] or drop[i]:
            continue
        neighbours = [rows[j] for j in (k - 1, k + 1) if 0 <= j < len(rows)]
        if any(drop[j] or _is_page_index(norm[j]) for j in neighbours):
            drop[i] = True


def _drop_metadata_lines(norm: list[str], drop: list[bool]) -> None:
    """The page's metadata lines among its first lines that are not chrome."""
    seen = 0
    for i, line in enumerate(norm):
        if not line or drop[i]:
            continue
        if seen >= META_HEAD_LINES or "。" in line or ("，" in line and len(line) > MAX_CHROME_LEN):
            break  # the body has begun: a label line below it is the structure pass's (责任编辑)
        seen += 1
        if metadata_fields(line):
            drop[i] = True


def _drop_link_list(norm: list[str], drop: list[bool]) -> None:
    """The titles under the last list header (`相关推荐`, `相关阅读`) when only such short lines
    follow it to the end of the page: the links of the list, not text."""
    for i in range(len(norm) - 1, -1, -1):
        line = norm[i]
        if not line:
            continue
        if _LIST_HEADER_RE.match(line):
            rest = range(i + 1, len(norm))
            if any(norm[j] for j in rest):
                for j in rest:
                    drop[j] = drop[j] or bool(norm[j])
            return
        if len(line) > MAX_CHROME_LEN or _SENTENCE_RE.search(line) or _PROTECTED_RE.search(line):
            return
