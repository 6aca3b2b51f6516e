"""What one line of a document is (heading, byline, caption, label…): the patterns structure uses.

Every rule looks at one stripped paragraph, never at the whole text, and only at a bounded slice of it,
so a 50 MB single-line file costs no more than a short one. Keywords are written in both simplified
and traditional forms because the archive holds both.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

HAN = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
# A personal name: 2–4 Han characters, or a transliterated name joined by a middle dot (乌兰·巴特尔).
NAME = rf"(?:[{HAN}]{{1,6}}[·•][{HAN}]{{1,8}}|[{HAN}]{{2,4}})"
_NAME_RE = re.compile(NAME)
_HAN_CHAR = re.compile(f"[{HAN}]")
_NAMES = rf"{NAME}(?:[ \u3000、，,]+{NAME}){{0,5}}"

CN_DIGITS = "〇零一二三四五六七八九十百两"
_CN_VALUES = {
    "〇": 0,
    "零": 0,
    "一": 1,
    "二": 2,
    "两": 2,
    "三": 3,
    "四": 4,
    "五": 5,
    "六": 6,
    "七": 7,
    "八": 8,
    "九": 9,
}

# Sentence punctuation: a line holding any of it is prose, not a heading.
_SENTENCE_PUNCT = re.compile(r"[。，,；;！!？?：:]")
_TWO_WORD_CHARS = re.compile(rf"[{HAN}A-Za-z0-9].*?[{HAN}A-Za-z0-9]")
# Lines cut at a page break or ending in a lead-in mark are not standalone headings either.
_OPEN_END = "—-－…、“‘「『（(《〈"

# Byline marks used by Chinese newspapers and journals (□郭洪申 王晓飞, ■ 张学刚).
BYLINE_MARKS = "□■◇◆●○◎★☆▲△▼▽"
_ROLE_WORDS = (
    "本报特约记者",
    "本报记者",
    "本報記者",
    "本报通讯员",
    "本報通訊員",
    "特约记者",
    "特約記者",
    "见习记者",
    "實習記者",
    "实习记者",
    "实习生",
    "實習生",
    "通讯员",
    "通訊員",
    "记者",
    "記者",
    "撰稿人",
    "撰稿",
    "供稿",
    "文图",
    "文圖",
    "图文",
    "圖文",
    "作者",
    "摄影",
    "攝影",
    "本报",
    "本報",
)
_ROLE_RE = "|".join(sorted(_ROLE_WORDS, key=len, reverse=True))
_BYLINE_MARKED = re.compile(rf"^[{BYLINE_MARKS}]\s*(?P<names>\S.{{0,60}})$")
_BYLINE_ROLE = re.compile(
    rf"^(?:(?:{_ROLE_RE})\s*[/／:：]?|(?:文|图|圖)\s*[/／:：])\s*(?P<names>\S.{{0,60}})$"
)
_NAME_SPLIT = re.compile(r"[\s\u3000、，,；;/／]+")
_ROLE_PREFIX = re.compile(rf"^(?:{_ROLE_RE})")

# Photo captions end with the photographer's credit: "城市面貌日新月异。 张启民 摄".
_CAPTION = re.compile(
    rf"(?<![{HAN}])(?P<credit>(?:(?:新华社记者|新華社記者|{_ROLE_RE})\s*)?(?P<names>{_NAMES}))\s*[摄攝](?:影)?\s*[)）]?$"
)
# A yearbook entry's trailing contributor: "…打下基础。 (李谭芳)".
_ENTRY_AUTHOR = re.compile(rf"(?<=[。！？!?”’」』.])\s*[（(]\s*(?P<names>{_NAMES})\s*[)）]$")

_ENTRY = re.compile(r"^【(?P<title>[^】]{1,40})】\s*(?P<rest>.*)$", re.S)
_MD_HEADING = re.compile(r"^(?P<hashes>#{1,6})\s+(?P<title>.*?)\s*#*$")
_VOLUME = re.compile(
    rf"^(?:(?P<year>(?:1[89]|20)\d\d)\s*年?\s*卷|第\s*[\d{CN_DIGITS}]{{1,5}}\s*卷|卷\s*[\d{CN_DIGITS}]{{1,5}})$"
)
_DATE = re.compile(
    r"^(?:(?:发布|發布|出版|印发|印發)?(?:日期|时间|時間)\s*[:：]?\s*)?[（(]?(?P<year>(?:1[89]|20)\d\d)\s*"
    r"(?:年\s*\d{1,2}\s*月(?:\s*\d{1,2}\s*日)?|[-/.]\s*\d{1,2}\s*[-/.]\s*\d{1,2}|年\s*第\s*\d{1,3}\s*期)"
    r"(?:\s*(?:星期|周)[一二三四五六日天])?[)）]?$"
)
_NAV = re.compile(
    r"上一[版篇页頁]|下一[版篇页頁]|往期阅读|往期閱讀|当前版|當前版|标题导航|標題導航|放大\s*缩小|放大\s*縮小"
)

# Numbered headings: (style, pattern). Ranks say which style nests inside which (lower = outer).
_NUMBERED = (
    (
        "chapter",
        re.compile(
            rf"^第\s*(?P<num>[\d{CN_DIGITS}]{{1,5}})\s*(?P<unit>编|編|篇|部分|章|节|節)\s*(?P<rest>.*)$", re.S
        ),
    ),
    ("cn", re.compile(rf"^(?P<num>[{CN_DIGITS}]{{1,4}})\s*[、．.]\s*(?P<rest>.*)$", re.S)),
    (
        "cn_paren",
        re.compile(rf"^[（(]\s*(?P<num>[{CN_DIGITS}]{{1,4}})\s*[)）]\s*[、．.]?\s*(?P<rest>.*)$", re.S),
    ),
    ("arabic", re.compile(r"^(?P<num>\d{1,2})\s*(?:[.．](?!\d)|、)\s*(?P<rest>.*)$", re.S)),
    ("arabic_paren", re.compile(r"^[（(]\s*(?P<num>\d{1,2})\s*[)）]\s*(?P<rest>.*)$", re.S)),
    ("circled", re.compile(r"^(?P<num>[①-⑳])\s*(?P<rest>.*)$", re.S)),
)
RANKS = {
    "article": 0,
    "part": 1,
    "chapter": 2,
    "section": 3,
    "entry": 4,
    "cn": 4,
    "subhead": 4,
    "references": 4,
    "cn_paren": 5,
    "arabic": 6,
    "arabic_paren": 7,
    "circled": 8,
}
_CHAPTER_UNITS = {
    "编": "part",
    "編": "part",
    "篇": "part",
    "部分": "part",
    "章": "chapter",
    "节": "section",
    "節": "section",
}
# A run-in heading: a short phrase closed by 。 or ：, then the paragraph's body ("(一)鐵路。繼續…").
_RUN_IN = re.compile(r"^(?P<head>[^。，,；;！!？?：:]{1,20}?)[。．:：](?P<body>.{20,})", re.S)
# "1.谢家--谢家仙观：…" is a numbered note glossing a word, not a heading.
_GLOSS = re.compile(r"--|——|－－")

# Labelled metadata lines (摘要：…, 关键词：…, 参考文献：, (作者单位: …), 责任编辑: …).
_LABELS = {
    "abstract": "摘\\s*要|内容提要|內容提要|提\\s*要|Abstract|ABSTRACT",
    "keywords": "关键词|關鍵詞|关键字|關鍵字|主题词|主題詞|Key\\s*[Ww]ords|KEY\\s*WORDS",
    "references": "参考文献|參考文獻|参考资料|參考資料|References|REFERENCES",
    "editor": "责任编辑|責任編輯|责编|責編|本版编辑|本版編輯|编辑|編輯",
    "affiliation": "作者单位|作者單位",
    "author_bio": "作者简介|作者簡介",
    "funding": "基金项目|基金項目",
    "classification": "中图分类号|中圖分類號",
    "doi": "DOI|doi",
}
_LABEL_RE = re.compile(
    r"^[【\[［(（]?\s*(?P<label>"
    + "|".join(f"(?P<{k}>{v})" for k, v in _LABELS.items())
    + r")\s*[】\]］]?\s*(?P<sep>[:：]?)\s*(?P<value>.*?)\s*[)）]?$",
    re.S,
)
# Labels that only count with a separator (编辑 starts ordinary sentences too).
_LABELS_NEED_SEP = frozenset({"editor", "doi", "funding", "classification", "author_bio"})
_REFERENCE_ITEM = re.compile(r"^(?:[\[［]\s*\d{1,3}\s*[\]］]|\d{1,3}\s*[.．、]|[（(]\d{1,3}[)）]|[①-⑳])")
_REFERENCE_TYPE = re.compile(r"\[(?:[JMNCDRSPZAGK]|EB|OB|DB|CP)(?:/OL)?\]")
_KEYWORD_SPLIT = re.compile(r"[；;，,、\s\u3000]+")
# A notice's addressees: "各盟行政公署、市人民政府,自治区各委、办、厅、局…:".
_SALUTATION = re.compile(r"^[^。！？]{2,160}[:：]$")
_ADDRESSEE_WORDS = re.compile(r"各|政府|公署|委员会|委員會|单位|單位|部门|部門|[厅廳局办辦]")


@dataclass(slots=True)
class LineInfo:
    """What one paragraph was recognised as; `kind` says which fields matter."""

    kind: str  # heading | entry | md | label | byline | caption | volume | date | nav
    style: str = ""  # numbering style for headings, label name for labels
    number: int = 0
    title: str = ""  # heading title; label value; caption text without the credit
    run_in: bool = False  # heading followed by body text in the same paragraph
    names: list[str] = field(default_factory=list)
    level: int = 0  # markdown heading depth


def cn_number(text: str) -> int:
    """'十二' -> 12, '二十' -> 20, '3' -> 3, '①' -> 1."""
    text = text.strip()
    if text.isdigit():
        if "①" <= text[0] <= "⑳":
            return ord(text[0]) - ord("①") + 1
        return int(text)
    total = current = 0
    for ch in text:
        if ch in _CN_VALUES:
            current = _CN_VALUES[ch]
        elif ch == "十":
            total += (current or 1) * 10
            current = 0
        elif ch == "百":
            total += (current or 1) * 100
            current = 0
    return total + current


def is_title_like(text: str, max_len: int = 40) -> bool:
    """A short line standing alone: no sentence punctuation, not cut off, some real words."""
    if not 2 <= len(text) <= max_len or text[-1] in _OPEN_END:
        return False
    if _SENTENCE_PUNCT.search(text) or _DATE.match(text) or _VOLUME.match(text):
        return False
    if text[0] in "(（[［〔" and text[-1] in ")）]］〕":
        return False  # a bracketed note or citation
    return has_words(text)


def has_words(text: str) -> bool:
    """At least two letters, digits or Han characters: not just punctuation."""
    return _TWO_WORD_CHARS.search(text[:1000]) is not None


def is_prose(text: str) -> bool:
    """A body paragraph: a sentence that ends like one, or a long run of text with punctuation in it."""
    if len(text) < 8:
        return False
    return text[-1] in "。！？!?；;”」』…" or (
        len(text) >= 40 and _SENTENCE_PUNCT.search(text[:200]) is not None
    )


def parse_names(text: str) -> list[str]:
    """Names from a byline ("本报记者 张三 通讯员 李四" -> [张三, 李四]); [] when it is not one."""
    names: list[str] = []
    for token in _NAME_SPLIT.split(text.strip()):
        if not token:
            continue
        token = _ROLE_PREFIX.sub("", token)
        if not token:
            continue  # a role word on its own
        if not _NAME_RE.fullmatch(token):
            return []
        names.append(token)
    return names


def classify(text: str, markdown: bool = False) -> LineInfo | None:
    """Recognise one paragraph; None means plain text (body, or a title/subhead decided by context)."""
    head = text[:200]
    if markdown and text[0] == "#":
        m = _MD_HEADING.match(head)
        if m and m["title"]:
            return LineInfo("md", title=m["title"], level=len(m["hashes"]))
    if len(text) <= 200:
        if _NAV.search(text) and len(text) <= 60:
            return LineInfo("nav")
        label = _label(text)
        if label:
            return label
        m = _VOLUME.match(text)
        if m:
            return LineInfo("volume", title=text, number=int(m["year"] or 0))
        m = _DATE.match(text)
        if m:
            return LineInfo("date", title=text, number=int(m["year"]))
        byline = _byline(text)
        if byline:
            return byline
    if text[-1] in "摄攝)）影" and len(text) <= 160:
        tail = text[-60:]
        m = _CAPTION.search(tail)
        if m and m.start() == 0 and len(text) > 60 and _HAN_CHAR.match(text[-61]):
            m = None  # the slice cut a name in two
        if m:
            names = parse_names(m["names"])
            caption = text[: len(text) - len(m.group(0))].strip().strip("(（").strip()
            if names and caption:
                return LineInfo("caption", title=caption, names=names)
    if markdown:
        return None  # Markdown marks its headings with #; numbered lines there are lists
    if text[0] == "【":
        m = _ENTRY.match(head)
        if m:
            rest = text[m.start("rest") :]
            return LineInfo("entry", title=m["title"].strip(), run_in=bool(rest.strip()))
    return _numbered(text)


def _label(text: str) -> LineInfo | None:
    m = _LABEL_RE.match(text)
    if not m:
        return None
    name = next(k for k in _LABELS if m[k])
    value = m["value"].strip()
    bracketed = text[0] in "【[［(（"
    if name in _LABELS_NEED_SEP:
        if not m["sep"]:
            return None
    elif not (m["sep"] or bracketed or not value):
        return None  # "摘要显示…" is a sentence, not a label
    return LineInfo("label", style=name, title=value)


def _byline(text: str) -> LineInfo | None:
    m = _BYLINE_MARKED.match(text) if text[0] in BYLINE_MARKS else _BYLINE_ROLE.match(text)
    if not m:
        return None
    names = parse_names(m["names"])
    return LineInfo("byline", names=names) if names else None


def _numbered(text: str) -> LineInfo | None:
    first = text[0]
    if not (first in CN_DIGITS or first in "第(（" or first.isdigit() or "①" <= first <= "⑳"):
        return None
    head = text[:120]
    for style, pattern in _NUMBERED:
        m = pattern.match(head)
        if not m:
            continue
        if style == "chapter":
            style = _CHAPTER_UNITS[m["unit"]]
        rest = text[m.start("rest") :].strip()
        prefix = text[: m.start("rest")].strip()
        if not rest:
            return (
                LineInfo("heading", style, cn_number(m["num"]), prefix)
                if style in ("part", "chapter", "section")
                else None
            )
        if is_title_like(rest.rstrip(":："), 40):
            return LineInfo("heading", style, cn_number(m["num"]), f"{prefix}{rest.rstrip(':：')}")
        run_in = _RUN_IN.match(rest[:200])
        if run_in and is_title_like(run_in["head"].strip(), 20) and not _GLOSS.search(run_in["head"]):
            return LineInfo(
                "heading", style, cn_number(m["num"]), f"{prefix}{run_in['head'].strip()}", run_in=True
            )
        return None
    return None


def entry_author(text: str) -> list[str]:
    """The contributor a yearbook entry ends with ("…基础。 (李谭芳)" -> [李谭芳])."""
    if text[-1] not in ")）":
        return []
    m = _ENTRY_AUTHOR.search(text[-50:])
    return parse_names(m["names"]) if m else []


def is_reference(text: str) -> bool:
    return bool(_REFERENCE_ITEM.match(text) or _REFERENCE_TYPE.search(text[:300]))


def split_keywords(value: str) -> list[str]:
    return [k for k in _KEYWORD_SPLIT.split(value) if k]


def is_salutation(text: str) -> bool:
    """The addressee line a notice opens with."""
    return bool(len(text) <= 160 and _SALUTATION.match(text) and len(_ADDRESSEE_WORDS.findall(text)) >= 2)


_NAV_HINTS = ("上一", "下一", "往期", "当前版", "當前版", "标题导航", "標題導航", "放大")


def has_navigation(text: str) -> bool:
    """Web page navigation ("上一版 下一版"); substring tests first, since most texts have none."""
    return any(hint in text for hint in _NAV_HINTS) and _NAV.search(text) is not None
