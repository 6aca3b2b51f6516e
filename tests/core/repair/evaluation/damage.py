"""Damage as the web converter and the browser produce it, byte by byte, with where each byte came from.

The converter (real pages, see viewer/core/repair/mojibake.py) scans the GBK bytes of a traditional text
at every offset and glues a pinyin gloss after any two bytes that spell a character of its table (the
GBK characters outside GB2312): after a real character (`業(yè)`) and also after a false pair made of the
last byte of one character and the first byte of the next (the second mechanism: `或?qū)I(yè)`). The first
mechanism is a lead byte lost from that output and shown as "?" (`?。▍^(qū)、市)` for `省（區(qū)、市)`);
where it happened is not known, so `damage_bytes` puts it at chosen characters. A browser then decodes
the bytes as GBK: a lead byte followed by a byte that cannot follow it is one "?" for both, and a
user-defined code is a Private Use character the page does not show. A false pair that spells a
full-width mark of row A3 (？，！：；) is written as the ASCII mark, after the lead byte before it shown
alone as "?" (real pages: `需要??傮w` for `需要。總體`, 。總 = A1 A3 BF 82): the third kind of damage.

Every output character carries the indices of the source characters its bytes came from, so the
evaluation can say which damage a difference in the repaired text belongs to.
"""

from __future__ import annotations

import contextlib
import functools
import random
import re
from dataclasses import dataclass, field

from viewer.core.repair.chars import TONE_VOWELS
from viewer.core.repair.mojibake import _readings

GLOSS_RE = re.compile(f"\\([a-zü{TONE_VOWELS}]*[{TONE_VOWELS}][a-zü{TONE_VOWELS}]*\\)")


@functools.cache
def glosses() -> dict[str, str]:
    """Every GBK character outside GB2312 with one reading: the widest table the converter can have."""
    table: dict[str, str] = {}
    for syllable, chars in sorted(_readings().items()):
        if not any(ch in TONE_VOWELS for ch in syllable):
            continue  # the converter glosses with tone marks
        for ch in chars:
            table.setdefault(ch, syllable)
    return table


# The converter does not gloss every such character: on the bundled notice and the real pages in
# real_pages.json, 49 characters outside GB2312 carry glosses (661 times) and 188 others never do
# (1,165 times, 國 為 對 過 among them). Its table is taken as what was seen: those 49 with the reading
# they carry there, and the false pairs seen glossed (驅 in `或?qū)I(yè)`, 驗, 數); a denser table makes far
# more false pairs than the real pages show (the widest one, `glosses()`, glues a gloss into most lines).
# Pages differ (some gloss 國, 營, 動, which the notice never does): this table is the sparse end.
SEEN = (
    "來lái 優yōu 內nèi 創chuàng 務wù 區qū 協xié 堅jiān 場chǎng 強qiáng 復fù 態tài 應yīng 戰zhàn 據jù 時shí 會huì 業yè "
    "標biāo 機jī 權quán 獻xiàn 現xiàn 環huán 產chǎn 發fā 礎chǔ 穩wěn 結jié 絡luò 統tǒng 經jīng 網wǎng 續xù "
    "聯lián 號hào 術shù 規guī 覺jué 設shè 調diào 識shí 貿mào 質zhì 轉zhuǎn 農nóng 開kāi 領lǐng 養yǎng "
    "驅qū 驗yàn 數shù"
)


def real_like_glosses() -> dict[str, str]:
    """The converter's table as far as the real pages show it (see SEEN)."""
    return {item[0]: item[1:] for item in SEEN.split()}


def _pair_char(pair: bytes) -> str:
    if len(pair) != 2:
        return ""
    try:
        return pair.decode("gbk")
    except UnicodeDecodeError:
        return ""


@dataclass
class Site:
    """One place of mojibake: the source characters it spans (first, last), and its mechanism (1, 2, or 3: a
    false pair written as an ASCII mark)."""

    mechanism: int
    first: int
    last: int


@dataclass
class Damaged:
    """A damaged text, the source character(s) behind each of its characters, and its mojibake sites."""

    text: str
    owners: list[frozenset[int]]
    sites: list[Site] = field(default_factory=list)
    glosses: int = 0  # glosses the converter glued in (in step and after false pairs)


# False pairs the converter writes as ASCII: the full-width marks ？，！：； (A3 BF, A3 AC, A3 A1, A3 BA, A3 BB).
_FALSE_MARKS = frozenset(bytes((0xA3, 0x80 + ord(mark))) for mark in "?,!:;")


def _source_bytes(text: str) -> tuple[bytearray, list[int], list[int]]:
    """GBK bytes of text, the source character of each byte, and the offset of each character's first byte."""
    data = bytearray()
    owner: list[int] = []
    starts: list[int] = []
    for k, ch in enumerate(text):
        starts.append(len(data))
        b = ch.encode("gbk", errors="replace")
        data += b
        owner += [k] * len(b)
    return data, owner, starts


def damage_bytes(
    text: str, lose: frozenset[int] = frozenset(), table: dict[str, str] | None = None
) -> Damaged:
    """The converter's glosses (by `table`, every character outside GB2312 by default; {} for none), the
    lead bytes of characters `lose` shown as "?", and the browser's decoding."""
    data, owner, starts = _source_bytes(text)
    table = glosses() if table is None else table
    out = bytearray()
    out_owner: list[int | None] = []
    sites: list[Site] = []
    count = 0
    char_start = set(starts)
    i = 0
    while i < len(data):
        pair = bytes(data[i : i + 2])
        ch = _pair_char(pair)
        if ch in table:
            out += pair
            out_owner += owner[i : i + 2]
            gloss_bytes = f"({table[ch]})".encode("gbk")
            out += gloss_bytes
            out_owner += [None] * len(gloss_bytes)
            count += 1
            if i not in char_start:  # a false pair: the second mechanism
                sites.append(Site(2, owner[i], owner[i + 1]))
            i += 2
        elif i not in char_start and pair in _FALSE_MARKS and out and out[-1] >= 0x81:
            out[-1] = 0x3F  # the lead byte before it, alone: "?"
            out.append(pair[1] - 0x80)
            out_owner.append(owner[i + 1])
            sites.append(Site(3, owner[i], owner[i + 1]))
            i += 2
        else:
            out.append(data[i])
            out_owner.append(owner[i])
            i += 1
    for k in lose:  # the first mechanism: a lead byte shown as "?"
        at = out_owner.index(k)
        if out[at] >= 0x81:
            out[at] = 0x3F
            sites.append(Site(1, k, k))
    shown: list[str] = []
    owners: list[frozenset[int]] = []
    i = 0
    while i < len(out):
        if out[i] <= 0x80:  # 0x80 alone is "€" (WHATWG's GBK decoder)
            shown.append(chr(out[i]) if out[i] < 0x80 else "€")
            owners.append(frozenset({out_owner[i]} - {None}))  # type: ignore[arg-type]
            i += 1
            continue
        pair = bytes(out[i : i + 2])
        both = frozenset(o for o in out_owner[i : i + 2] if o is not None)
        if len(pair) < 2 or pair[1] < 0x20:  # a line break is never swallowed
            shown.append("?")
            owners.append(frozenset(o for o in out_owner[i : i + 1] if o is not None))
            i += 1
            continue
        if not (0x40 <= pair[1] <= 0xFE and pair[1] != 0x7F):
            shown.append("?")  # a lead byte and a byte that cannot follow it: one "?" for both
            owners.append(both)
        else:
            # A user-defined code: a Private Use character the page does not show.
            with contextlib.suppress(UnicodeDecodeError):
                shown.append(pair.decode("gbk"))
                owners.append(both)
        i += 2
    damaged = Damaged("".join(shown), owners, sorted(sites, key=lambda s: s.first), count)
    _extend_sites(damaged, text)
    merged: list[Site] = []
    for site in damaged.sites:  # a false pair inside another site's run is the same damage
        if merged and site.first <= merged[-1].last:
            merged[-1].last = max(merged[-1].last, site.last)
            merged[-1].mechanism = min(merged[-1].mechanism, site.mechanism)
        else:
            merged.append(site)
    damaged.sites = merged
    return damaged


def _extend_sites(damaged: Damaged, text: str) -> None:
    """Stretch each site over the source characters shown wrongly after it (up to the realignment)."""
    # A source character is shown right when an output character made of its bytes alone is itself.
    right = {
        next(iter(o))
        for o, ch in zip(damaged.owners, damaged.text, strict=True)
        if len(o) == 1 and text[next(iter(o))] == ch
    }
    for site in damaged.sites:
        while site.last + 1 < len(text) and site.last + 1 not in right and text[site.last + 1] != "\n":
            site.last += 1


def converter_damage(text: str, table: dict[str, str] | None = None) -> str:
    """The converter's output for `text` as a browser shows it (both kinds of glosses, no lost byte)."""
    return damage_bytes(text, table=table).text


def lost_lead_byte(original: str) -> str:
    """The first mechanism alone: the first byte becomes "?", the rest is read out of step."""
    return damage_bytes(original, lose=frozenset({0}), table={}).text


# ------------------------------------------------------------------ doubling, chrome and page breaks


def doubled(text: str, rng: random.Random) -> str:
    """The whole text twice (a page saved with its body repeated), one blank line or none between."""
    return text + rng.choice(["\n", "\n\n"]) + text


_SECTIONS = [
    "新闻中心", "政务公开", "通知公告", "工作动态", "部门动态", "信息公开", "政策法规", "图片新闻",
    "要闻动态", "基层动态", "专题专栏", "办事服务", "互动交流", "走进本市", "新闻发布", "区县动态",
    "政策解读", "公示公告", "人事信息", "统计数据", "领导之窗", "机构概况", "网上办事", "热点专题",
]  # fmt: skip
_SITES = [
    "某某市人民政府",
    "自治区发展和改革委员会",
    "某某县融媒体中心",
    "市教育局",
    "某某日报社",
    "区商务局",
]
_PEOPLE = ["张三", "李明", "王晓红", "赵伟", "刘洋", "陈静", "杨帆", "黄磊"]


def _date(rng: random.Random) -> str:
    y, m, d = rng.randint(2005, 2024), rng.randint(1, 12), rng.randint(1, 28)
    return rng.choice(
        [
            f"{y}-{m:02d}-{d:02d}",
            f"{y}年{m}月{d}日",
            f"{y}/{m:02d}/{d:02d}",
            f"{y}-{m:02d}-{d:02d} {rng.randint(0, 23):02d}:{rng.randint(0, 59):02d}",
        ]
    )


def _breadcrumb(rng: random.Random) -> str:
    label = rng.choice(
        [
            "当前位置：",
            "当前位置:",
            "您所在的位置：",
            "您现在的位置：",
            "你的位置：",
            "【当前位置】",
            "位置：",
            "",
            "您当前所在位置：",
            "所在位置：",
            "当前所在位置：",
        ]
    )
    sep = rng.choice([" > ", ">", " >> ", " » ", " → ", " / ", "＞", " - ", " -> "])
    home = rng.choice(["首页", "网站首页", "主页"])
    items = [home, *rng.sample(_SECTIONS, rng.randint(1, 3))]
    if rng.random() < 0.4:
        items.append("正文")
    return label + sep.join(items)


def _share(rng: random.Random) -> str:
    label = rng.choice(["分享到：", "分享到:", "分享：", "分享至：", "一键分享：", "【分享到】"])
    return label + rng.choice(
        [
            "",
            "微信 微博 QQ空间",
            "微信｜微博",
            "微博 微信 QQ",
            " 新浪微博 腾讯微博 人人网",
            "微信朋友圈 新浪微博",
        ]
    )


def _widget_bar(rng: random.Random) -> str:
    parts = rng.sample(
        ["【字号 大 中 小】", "【字号：大 中 小】", "【打印本页】", "【打印】", "【关闭窗口】", "【关闭】",
         "【加入收藏】", "【我要纠错】", "[打印本页]", "[关闭窗口]", "字体：【大】【中】【小】", "【 打印 】",
         "【 关闭 】", "[ 打印 ]", "[ 关闭 ]"],
        rng.randint(2, 4),
    )  # fmt: skip
    return rng.choice([" ", "  ", ""]).join(parts)


def _menu(rng: random.Random) -> str:
    items = rng.sample(_SECTIONS, rng.randint(3, 6))
    if rng.random() < 0.6:
        items.insert(0, rng.choice(["首页", "网站首页"]))
    return rng.choice([" | ", "｜", " 丨 ", "  "]).join(items)


def _counter(rng: random.Random) -> str:
    label = rng.choice(
        ["点击次数", "浏览次数", "阅读量", "访问次数", "点击数", "浏览量", "人气", "浏览", "阅读"]
    )
    return f"{label}{rng.choice(['：', ':', ': ', ' '])}{rng.randint(1, 99999)}{rng.choice(['', '', '次'])}"


def _hotline(rng: random.Random) -> str:
    label = rng.choice(
        [
            "咨询热线",
            "服务热线",
            "投诉举报电话",
            "联系电话",
            "政务服务热线",
            "值班电话",
            "客服电话",
            "举报电话",
        ]
    )
    number = rng.choice(
        [
            "12345",
            f"0{rng.randint(10, 999)}-{rng.randint(1000000, 9999999)}",
            f"400-{rng.randint(100, 999)}-{rng.randint(1000, 9999)}",
        ]
    )
    line = f"{label}：{number}"
    if rng.random() < 0.3:
        line += f" / {rng.choice(['服务热线', '传真'])}：{rng.randint(1000000, 9999999)}"
    return line


# What each generated metadata line says (date, source, author, editor), for the evaluation to compare.
METADATA_FIELDS: dict[str, dict[str, str]] = {}


def _metadata(rng: random.Random) -> str:
    date, source = _date(rng), rng.choice(_SITES)
    expected = {"date": date, "source": source}
    fields = [
        f"{rng.choice(['发布时间', '发布日期', '时间'])}：{date}",
        f"{rng.choice(['来源', '信息来源', '文章来源'])}：{source}",
    ]
    if rng.random() < 0.5:
        label, person = rng.choice(["作者", "编辑"]), rng.choice(_PEOPLE)
        expected["author" if label == "作者" else "editor"] = person
        fields.append(f"{label}：{person}")
    rng.shuffle(fields)
    line = rng.choice(["  ", " ", "　"]).join(fields)
    if rng.random() < 0.3:
        line += " " + _counter(rng)
    METADATA_FIELDS[line] = expected
    return line


def _header(rng: random.Random) -> str:
    return rng.choice(
        [
            "网站导航",
            "- 相关推荐",
            "相关阅读：",
            "【相关新闻】",
            "延伸阅读",
            "友情链接",
            "相关文章",
            "推荐阅读",
        ]
    )


def _footer(rng: random.Random) -> str:
    return rng.choice(
        [f"版权所有：{rng.choice(_SITES)}", f"Copyright © {rng.randint(2005, 2024)} {rng.choice(_SITES)} All Rights Reserved",
         f"主办单位：{rng.choice(_SITES)}", "技术支持：某某网络科技有限公司", f"京ICP备{rng.randint(10000000, 99999999)}号",
         "网站地图 | 联系我们 | 关于我们", f"网站标识码：{rng.randint(1000000000, 9999999999)}",
         f"ICP备案号：京ICP备{rng.randint(10000000, 99999999)}号", f"Copyright©{rng.randint(2005, 2024)}"]
    )  # fmt: skip


TOP_CHROME = (_breadcrumb, _menu, _metadata, _widget_bar, _share)
BOTTOM_CHROME = (_share, _widget_bar, _counter, _hotline, _footer)


def add_chrome(paragraphs: list[str], rng: random.Random) -> tuple[list[str], list[str]]:
    """A page: chrome lines above and below the body (title first), with link lists under a header.

    Returns (lines, chrome lines) in simplified characters."""
    top = [make(rng) for make in rng.sample(TOP_CHROME, rng.randint(2, len(TOP_CHROME)))]
    bottom = [make(rng) for make in rng.sample(BOTTOM_CHROME, rng.randint(2, len(BOTTOM_CHROME)))]
    chrome = top + bottom
    # The page's title: the first clause or two of its first paragraph (a headline is short, without a
    # full stop, and may have a comma).
    clauses = [c for c in re.split("[，。；：！？（）]", paragraphs[0]) if c] or [paragraphs[0][:20]]
    title = clauses[0][:28]
    if len(clauses) > 1 and len(title) + len(clauses[1]) < 30 and rng.random() < 0.4:
        title += "，" + clauses[1]
    body = paragraphs
    lines = [top[0], title, *top[1:], *body, *bottom]
    if rng.random() < 0.4:
        header = _header(rng)
        links = [
            f"{rng.choice(_SITES)}召开{rng.choice(['工作会议', '专题会议', '新闻发布会'])}"
            for _ in range(rng.randint(2, 4))
        ]
        lines += [header, *links]
        chrome += [header, *links]
    return lines, chrome


PAGE_NUMBERS = ("- {n} -", "— {n} —", "·{n}·", "第{n}页", "{n}", "－{n}－")


# Marks a typesetter never puts at the start of a line (they hang at the end of the line before), and
# marks never left at the end of one (they move down to the next line).
NO_LINE_START = "，。、；：！？”’）》〉』」…"
NO_LINE_END = "“‘（《〈『「"
SENTENCE_END = "。！？；：…”"
# Printed lines of 16 (a narrow newspaper column: the shortest first half of the 13 real cuts in the
# seeds 002 and 004 is 16 characters) to 40 characters (an A4 page), the first one indented by two.
LINE_WIDTHS = (16, 40)


def cut_paragraph(paragraph: str, rng: random.Random, width: int | None = None) -> int | None:
    """Where a page break cuts the paragraph: at the end of one of its printed lines (`width` characters,
    the first line indented by two), with the typesetter's rules for marks at line ends. A cut right after
    a sentence's end is left out: no reader can see it, and it costs nothing (it reads as a paragraph
    break)."""
    width = width or rng.randint(*LINE_WIDTHS)
    options = []
    p = width - 2
    while p < len(paragraph) - 6:
        at = p
        if paragraph[at] in NO_LINE_START:  # the mark hangs at the end of the line
            at += 1
        elif paragraph[at - 1] in NO_LINE_END:  # the mark moves down to the next line
            at -= 1
        if paragraph[at - 1] not in SENTENCE_END and paragraph[at] not in NO_LINE_START:
            options.append(at)
        p += width
    return rng.choice(options) if options else None


def page_break(rng: random.Random, page: int) -> str:
    """What a page break leaves between the halves: a blank line, sometimes with the page number."""
    if rng.random() < 0.5:
        return "\n\n"
    return "\n\n" + rng.choice(PAGE_NUMBERS).format(n=page) + "\n\n"
