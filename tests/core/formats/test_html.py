"""Web pages and MHTML archives: encodings, the main text without the site's chrome, headings, metadata, offline."""

from __future__ import annotations

import codecs
import re
import socket
import subprocess
import sys
import time
from email.charset import BASE64, QP, Charset
from email.mime.image import MIMEImage
from email.mime.multipart import MIMEMultipart
from email.mime.text import MIMEText
from pathlib import Path

import pytest

from viewer.core.decode import UndecodableError
from viewer.core.formats.html import decode_html, read_html
from viewer.core.repair import repair_text

REPO = Path(__file__).resolve().parents[3]

# ---------------------------------------------------------------- pages as saved from real sites

MENU_TW = '<div class="top"><a href="/">首頁</a> | <a href="/xwzx/">新聞中心</a> | <a href="/zwgk/">政務公開</a></div>'
MENU = '<div class="top"><a href="/">首页</a> | <a href="/xwzx/">新闻中心</a> | <a href="/zwgk/">政务公开</a> | <a href="/bsfw/">办事服务</a></div>'
CRUMBS = (
    '<div class="crumb">當前位置：<a href="/">首頁</a> &gt; <a href="/xwzx/">新聞中心</a> &gt; 正文</div>'
)
SHARE = '<div class="share">分享到：<a href="#">微信</a> <a href="#">微博</a> <a href="#">QQ空間</a></div>'
SIDEBAR = (
    '<div class="side"><h3>相關推薦</h3><ul><li><a href="/a1">市檔案館召開二〇二三年工作會議</a></li>'
    '<li><a href="/a2">關於開展檔案安全檢查的通知</a></li><li><a href="/a3">檔案館新館開館公告</a></li></ul></div>'
)
FOOTER = (
    '<div class="footer"><p>版權所有：某市檔案館　地址：某市人民路1號　電話：010-12345678</p>'
    "<p>京ICP備12345678號-1　京公網安備 11010502030000號</p></div>"
)

NOTICE_PARAGRAPHS = [
    "各區檔案館，市直各單位：",
    "為貫徹落實《中華人民共和國檔案法》及其實施條例，規範檔案開放審核工作，現就有關事項通知如下。",
    "一、各單位應於四月底前完成本年度到期檔案的開放審核，審核結果報市檔案館備案。",
    "二、審核工作實行初審、復審兩級制度，涉及國家秘密的檔案須經保密部門同意。",
    "三、開放審核中發現的問題，請及時與市檔案館利用部聯繫。",
    "特此通知。",
    "某市檔案館",
    "2023年3月15日",
]
NOTICE_TITLE = "關於做好二〇二三年度檔案開放審核工作的通知"


def notice_page(charset: str = "gb2312", paragraphs: list[str] = NOTICE_PARAGRAPHS) -> str:
    """A government notice: menu, breadcrumbs, font-size/print/close widgets, hit counter, share bar,
    related links, copyright and ICP footer; the <h1> outside the block that holds the text."""
    body = "\n".join(f"   <p>{p}</p>" for p in paragraphs)
    return f"""<!DOCTYPE html>
<html><head><meta http-equiv="Content-Type" content="text/html; charset={charset}">
<title>{NOTICE_TITLE}_新聞中心_某市檔案館</title>
<meta name="author" content="某市檔案館辦公室">
<meta property="og:site_name" content="某市檔案館">
<meta property="article:published_time" content="2023-03-15T09:30:00+08:00">
</head><body>
{MENU}
{CRUMBS}
<div class="main">
 <div class="article">
  <h1>{NOTICE_TITLE}</h1>
  <div class="info">發布時間：2023-03-15　來源：市檔案館　點擊次數：6590　【字號 <a href="javascript:;">大</a> <a href="javascript:;">中</a> <a href="javascript:;">小</a>】 【<a href="javascript:window.print()">打印本頁</a>】 【<a href="javascript:window.close()">關閉窗口</a>】</div>
  <div class="content">
{body}
  </div>
  {SHARE}
 </div>
 {SIDEBAR}
</div>
{FOOTER}
</body></html>"""


NEWS_PARAGRAPHS = [
    "清晨八点，省图书馆古籍修复室里已经亮起了灯。修复师李华戴上口罩和手套，小心翼翼地展开一册明代刻本。",
    "“这本书虫蛀严重，书页粘连，需要先揭开再补洞。”她一边说，一边用毛笔蘸水轻轻润湿书页。",
    "修复一页古籍，往往需要数个小时。李华说，修复工作最重要的是“修旧如旧”，尽量保留古籍的原貌。",
    "近年来，随着国家古籍保护计划的推进，越来越多的年轻人加入到古籍修复的队伍中。",
    "“我们希望通过数字化，让更多人看到这些珍贵的典籍。”省图书馆副馆长王明表示，目前已有三千余种古籍完成了数字化。",
]
NEWS_TITLE = "古籍修复师：让沉睡的典籍重获新生"


def news_page() -> str:
    body = "\n".join(f"<p>{p}</p>" for p in NEWS_PARAGRAPHS)
    return f"""<!DOCTYPE html>
<html lang="zh-CN"><head><meta charset="utf-8">
<title>{NEWS_TITLE} - 文化频道 - 某某新闻网</title>
<meta name="author" content="张三">
<meta property="og:site_name" content="某某新闻网">
<meta name="publishdate" content="2024-05-20">
</head><body>
<header><nav><ul><li><a href="/">首页</a></li><li><a href="/news">新闻</a></li><li><a href="/culture">文化</a></li><li><a href="/tech">科技</a></li></ul></nav></header>
<div class="breadcrumb">当前位置：<a href="/">首页</a> &gt; <a href="/culture">文化</a> &gt; 正文</div>
<article>
<h1>{NEWS_TITLE}</h1>
<div class="meta"><span>2024-05-20 08:12</span> <span>来源：某某新闻网</span> <span>作者：张三</span></div>
{body}
</article>
<div class="share">分享到：<a href="#">微信</a><a href="#">微博</a></div>
<aside><h3>相关阅读</h3><ul><li><a href="/1">国家图书馆发布古籍保护成果</a></li><li><a href="/2">敦煌文献数字化取得新进展</a></li></ul></aside>
<footer>版权所有 © 2024 某某新闻网 | 京ICP备00000000号</footer>
</body></html>"""


HEADED_LINES = [
    "# 民國檔案整理概述",
    "本文概述民國時期檔案的整理原則與方法，供館內同仁參考。",
    "## 一、整理原則",
    "整理工作應尊重檔案的原有秩序，保持全宗的完整性。",
    "### （一）全宗原則",
    "同一機關形成的檔案不得分散，應作為一個全宗整理。",
    "### （二）來源原則",
    "檔案的分類應反映其形成機關的職能與組織結構。",
    "## 二、整理方法",
    "先進行鑒定與清點，再分類、排列、編號，最後編製目錄。",
]


def headed_page() -> str:
    body = "\n".join(
        f"<h{len(m[1])}>{m[2]}</h{len(m[1])}>" if (m := re.match(r"(#+) (.*)", line)) else f"<p>{line}</p>"
        for line in HEADED_LINES
    )
    return f"""<html><head><meta charset="utf-8"><title>民國檔案整理概述</title></head><body>
{MENU}<div id="content">{body}</div>{FOOTER}</body></html>"""


def short_page(body: str, title: str = "閉館通知") -> str:
    """A short notice in a page full of chrome: what trafilatura's default thresholds dump whole."""
    return f"""<html><head><meta charset="utf-8"><title>{title}</title></head><body>{MENU}{CRUMBS}
{body}{SHARE}{SIDEBAR}{FOOTER}</body></html>"""


CHROME = ["首页 |", "首頁 |", "新闻中心 |", "當前位置", "当前位置", "分享到", "字號", "打印本頁", "關閉窗口", "點擊次數", "6590", "相關推薦", "相关阅读", "市檔案館召開二〇二三年工作會議", "敦煌文献数字化"]  # fmt: skip
FOOTERS = ["版權所有", "版权所有", "ICP備", "ICP备", "公網安備"]


def lines(text: str) -> list[str]:
    return [re.sub(r"\s+", "", line) for line in text.split("\n")]


def assert_paragraphs_in_order(text: str, paragraphs: list[str]) -> None:
    """Every paragraph is a line of its own, in order and together (whitespace aside)."""
    got = lines(text)
    want = [re.sub(r"\s+", "", p) for p in paragraphs]
    assert want[0] in got, f"{want[0]!r} not a line of {got}"
    start = got.index(want[0])
    assert got[start : start + len(want)] == want


def assert_no_chrome(text: str) -> None:
    found = [c for c in CHROME if c in text]
    assert found == [], f"chrome left: {found}\n{text}"


# ---------------------------------------------------------------- encodings


def test_gb2312_declared_page_is_read_as_gb18030_and_keeps_gbk_only_characters() -> None:
    paragraphs = [
        *NOTICE_PARAGRAPHS[:2],
        "朱镕基同志題寫館名，吳堃先生捐贈家譜一百餘冊。",
        *NOTICE_PARAGRAPHS[2:],
    ]
    page = notice_page("gb2312", paragraphs).encode("gbk")  # 镕 and 堃 are GBK, not GB2312
    with pytest.raises(UnicodeDecodeError):
        page.decode("gb2312")
    got = read_html(page, "notice.html")
    assert got.encoding == "html:gb18030"
    assert_paragraphs_in_order(got.text, paragraphs)


def test_big5_page_declared_and_undeclared() -> None:
    for declared in ("big5", None):
        page = (
            notice_page(declared or "").replace(MENU, MENU_TW).replace("〇", "○").encode("big5")
        )  # no 〇 in Big5
        if declared is None:
            page = page.replace(b"; charset=", b"")
        got = read_html(page, "notice.htm")
        assert got.encoding in ("html:big5hkscs", "html:big5"), declared
        assert_paragraphs_in_order(got.text, NOTICE_PARAGRAPHS)


def test_utf8_with_bom() -> None:
    got = read_html(codecs.BOM_UTF8 + news_page().encode("utf-8"), "news.html")
    assert got.encoding == "html:utf-8-sig"
    assert_paragraphs_in_order(got.text, NEWS_PARAGRAPHS)
    assert not got.source_text.startswith("\ufeff")


def test_a_declaration_that_lies_is_overruled_by_detection() -> None:
    """Declared UTF-8, written in GBK: detection; declared GB2312, re-saved as UTF-8: UTF-8."""
    got = read_html(notice_page("utf-8").encode("gbk"), "notice.html")
    assert got.encoding == "html:gb18030"
    assert_paragraphs_in_order(got.text, NOTICE_PARAGRAPHS)
    got = read_html(notice_page("gb2312").encode("utf-8"), "notice.html")
    assert got.encoding == "html:utf-8"
    assert_paragraphs_in_order(got.text, NOTICE_PARAGRAPHS)


def test_undeclared_gbk_is_detected() -> None:
    page = notice_page("gbk").replace("; charset=gbk", "").encode("gbk")
    got = read_html(page, "notice.html")
    assert got.encoding == "html:gb18030"
    assert_paragraphs_in_order(got.text, NOTICE_PARAGRAPHS)


def test_a_western_declaration_holds_for_western_text_only() -> None:
    """Old Chinese servers sent ISO-8859-1 for GBK pages; a French page in Latin-1 is what it says."""
    gbk = '<meta charset="iso-8859-1"><p>因設備檢修，本館閱覽室五月一日閉館一天。</p>'.encode("gbk")
    assert decode_html(gbk)[1] == "gb18030"
    latin = '<meta charset="iso-8859-1"><p>Café à la crème, déjà vu.</p>'
    assert decode_html(latin.encode("latin-1")) == (latin, "cp1252")


def test_source_text_is_the_decoded_page() -> None:
    page = notice_page("gbk")
    got = read_html(page.encode("gbk"), "notice.html")
    assert got.source_text == page


# ---------------------------------------------------------------- MHTML


def mhtml(html: str, charset: str, body_encoding: int) -> bytes:
    """A web archive as browsers save it: multipart/related, the page first, then its resources."""
    archive = MIMEMultipart("related", type="text/html")
    archive["From"] = "<Saved by Blink>"
    archive["Subject"] = NOTICE_TITLE
    encoding = Charset(charset)
    encoding.body_encoding = body_encoding
    page = MIMEText(html, "html", encoding)
    page["Content-Location"] = "https://www.example.gov.cn/xwzx/202303/t20230315_1.html"
    archive.attach(page)
    archive.attach(MIMEImage(b"GIF89a\x01\x00\x01\x00\x00\x00\x00;", "gif"))
    return archive.as_bytes()


def test_mhtml_quoted_printable_in_its_part_charset() -> None:
    data = mhtml(notice_page("gbk"), "gbk", QP)
    assert b"quoted-printable" in data
    got = read_html(data, "notice.mhtml")
    assert got.encoding == "mhtml:gb18030"
    assert_paragraphs_in_order(got.text, NOTICE_PARAGRAPHS)
    assert got.source_text.startswith("<!DOCTYPE html>")


def test_mhtml_base64_recognised_without_its_extension() -> None:
    got = read_html(mhtml(news_page(), "utf-8", BASE64), "news.html")
    assert got.encoding == "mhtml:utf-8"
    assert_paragraphs_in_order(got.text, NEWS_PARAGRAPHS)


def test_mhtml_part_charset_outranks_the_pages_meta() -> None:
    data = mhtml(notice_page("big5"), "gbk", QP)  # the browser re-encoded the page; the <meta> stayed
    assert read_html(data, "notice.mht").encoding == "mhtml:gb18030"


def test_mhtml_without_a_web_page() -> None:
    archive = MIMEMultipart("related")
    archive.attach(MIMEImage(b"GIF89a\x01\x00\x01\x00\x00\x00\x00;", "gif"))
    with pytest.raises(UndecodableError) as caught:
        read_html(archive.as_bytes(), "empty.mhtml")
    assert caught.value.args[0].template == "web archive (MHTML) without a web page in it"


# ---------------------------------------------------------------- the main text


def test_notice_text_without_chrome_and_title_first() -> None:
    got = read_html(notice_page("gbk").encode("gbk"), "notice.html")
    assert_no_chrome(got.text)
    assert got.text.split("\n")[0] == "# " + NOTICE_TITLE  # the <h1> outside the text block is put back
    assert_paragraphs_in_order(got.text, NOTICE_PARAGRAPHS)


def test_news_text_without_chrome() -> None:
    got = read_html(news_page().encode(), "news.html")
    assert_no_chrome(got.text)
    assert got.text.split("\n") == ["# " + NEWS_TITLE, *NEWS_PARAGRAPHS]


@pytest.mark.parametrize(
    ("body", "paragraphs"),
    [
        (
            '<div class="article"><h1>閉館通知</h1><div class="content"><p>因設備檢修，本館閱覽室五月一日閉館一天。</p><p>特此通知。</p></div></div>',
            ["因設備檢修，本館閱覽室五月一日閉館一天。", "特此通知。"],
        ),
        (  # paragraphs as <br>-separated text with full-width indentation
            '<div class="TRS_Editor">　　為豐富館藏，本館面向社會徵集反映本市歷史變遷的檔案資料。<br>　　徵集範圍包括文書、照片、音像、實物等各類載體的檔案。<br>　　捐贈者將獲頒捐贈證書。</div>',
            [
                "為豐富館藏，本館面向社會徵集反映本市歷史變遷的檔案資料。",
                "徵集範圍包括文書、照片、音像、實物等各類載體的檔案。",
                "捐贈者將獲頒捐贈證書。",
            ],
        ),
        (  # paragraphs as bare <div>s
            '<div id="zoom"><div>本館現有館藏檔案三十餘萬卷，其中民國檔案約五萬卷。</div><div>館藏以本市黨政機關檔案為主，兼有家譜、碑帖等特色資料。</div></div>',
            [
                "本館現有館藏檔案三十餘萬卷，其中民國檔案約五萬卷。",
                "館藏以本市黨政機關檔案為主，兼有家譜、碑帖等特色資料。",
            ],
        ),
        (  # a list
            '<div class="content"><h1>查閱須知</h1><p>查閱檔案須遵守下列規定：</p><ol><li>憑有效身份證件登記。</li><li>不得在檔案上勾畫、塗改。</li></ol><p>違反規定者，本館有權停止其查閱。</p></div>',
            [
                "查閱檔案須遵守下列規定：",
                "憑有效身份證件登記。",
                "不得在檔案上勾畫、塗改。",
                "違反規定者，本館有權停止其查閱。",
            ],
        ),
    ],
    ids=["two-paragraphs", "br", "divs", "list"],
)
def test_short_pages_keep_their_paragraphs_and_lose_the_chrome(body: str, paragraphs: list[str]) -> None:
    """trafilatura's default threshold (250 characters) dumps these whole, chrome and all, on one line."""
    got = read_html(short_page(body).encode(), "short.html")
    assert_no_chrome(got.text)
    assert_paragraphs_in_order(got.text, paragraphs)


@pytest.mark.parametrize(
    "paragraph",
    [
        "因設備檢修，本館閱覽室五月一日閉館一天。",  # trafilatura returns the menu, breadcrumbs and share bar
        "因設備檢修，本館閱覽室五月一日閉館一天，五月二日照常開放，請讀者合理安排查閱時間。",  # the page in one line
    ],
    ids=["chrome-picked", "page-dumped"],
)
def test_one_paragraph_notices_come_from_the_largest_text_block(paragraph: str) -> None:
    body = f'<div class="article"><h1>閉館通知</h1><div class="content"><p>{paragraph}</p></div></div>'
    got = read_html(short_page(body).encode(), "short.html")
    assert got.text.split("\n") == ["# 閉館通知", paragraph]


def test_what_trafilatura_leaves_of_the_chrome_is_listed() -> None:
    body = '<div class="article"><h1>閉館通知</h1><div class="content"><p>因設備檢修，本館閱覽室五月一日閉館一天。</p><p>特此通知。</p></div></div>'
    got = read_html(short_page(body).encode(), "short.html")
    assert got.removed == [
        ("breadcrumbs", "當前位置：首頁 > 新聞中心 > 正文"),
        ("share bar", "分享到：微信 微博 QQ空間"),
        ("navigation", "首页 | 新闻中心 | 政务公开 | 办事服务"),
    ]


def test_table_layout_page() -> None:
    """An old site laid out in tables: the menu column, the title in <font><b>, the hit counter row."""
    page = """<html><head><meta http-equiv="Content-Type" content="text/html; charset=gb2312"><title>關於調整閱覽時間的公告</title></head><body>
<table width="100%"><tr><td><a href="/">首页</a> | <a href="/x">新闻中心</a> | <a href="/y">政务公开</a></td></tr></table>
<table width="980"><tr><td width="200" valign="top"><table><tr><td><a href="/1">館務動態</a></td></tr><tr><td><a href="/2">通知公告</a></td></tr><tr><td><a href="/3">政策法規</a></td></tr></table></td>
<td valign="top"><table><tr><td align="center"><font size="4"><b>關於調整閱覽時間的公告</b></font></td></tr>
<tr><td align="center">點擊次數：6590　【<a href="javascript:window.print()">打印本頁</a>】 【<a href="javascript:window.close()">關閉窗口</a>】</td></tr>
<tr><td class="zw"><font size="3">
<p>　　自二〇二三年七月一日起，本館閱覽室開放時間調整為週二至週日上午九時至下午五時。</p>
<p>　　週一為內部整理日，暫停對外服務，法定節假日另行通知。</p>
<p>　　給讀者帶來的不便，敬請諒解。</p>
</font></td></tr></table></td></tr></table>
<table><tr><td align="center">版權所有 某市檔案館 京ICP備12345678號</td></tr></table></body></html>"""
    got = read_html(page.encode("gbk"), "notice.htm")
    assert got.text.split("\n")[:4] == [
        "# 關於調整閱覽時間的公告",
        "自二〇二三年七月一日起，本館閱覽室開放時間調整為週二至週日上午九時至下午五時。",
        "週一為內部整理日，暫停對外服務，法定節假日另行通知。",
        "給讀者帶來的不便，敬請諒解。",
    ]
    assert_no_chrome(got.text)


def test_footers_are_left_to_the_repair_step() -> None:
    """Copyright and ICP lines the reader keeps, the chrome repair takes away: none in the end."""
    for page in (notice_page("utf-8").encode(), news_page().encode()):
        text, _ = repair_text(read_html(page, "page.html").text)
        assert [f for f in FOOTERS if f in text] == []
        assert_no_chrome(text)


def test_widgets_are_taken_out_of_a_byline_that_stays() -> None:
    body = (
        '<div class="article"><h1>閉館通知</h1>'
        "<p>發布時間：2023-05-01　來源：市檔案館　點擊次數：1024　【字體：大 中 小】【打印本頁】【關閉窗口】</p>"
        "<p>因設備檢修，本館閱覽室五月一日閉館一天，五月二日照常開放，請讀者合理安排查閱時間。</p></div>"
    )
    got = read_html(short_page(body).encode(), "short.html")
    assert "發布時間：2023-05-01 來源：市檔案館" in got.text.split("\n")  # trafilatura: U+3000 is a space
    assert ("widgets", "點擊次數：1024") in got.removed
    assert ("widgets", "【打印本頁】") in got.removed


def test_related_links_go_but_the_signature_and_attachments_stay() -> None:
    """The agency's name is also the text of the home link; the related list sits inside the text block."""
    page = """<html><head><meta charset="utf-8"><title>關於延長開放時間的通知_某市檔案館</title></head><body>
<div class="logo"><a href="/">某市檔案館</a></div>
<div class="nav"><a href="/">首頁</a> | <a href="/x">新聞中心</a> | <a href="/y">政務公開</a> | <a href="/z">辦事服務</a></div>
<div class="content">
<h1>關於延長開放時間的通知</h1>
<p>為方便讀者查閱檔案，本館自六月一日起延長閱覽室開放時間。</p>
<p>週二至週五開放至晚上八時，週末開放時間不變。</p>
<p>特此通知。</p>
<p>某市檔案館</p>
<p>2023年5月20日</p>
<p>附件：<a href="/files/t1.doc">延長開放時間安排表.doc</a></p>
<h3>相關鏈接</h3>
<ul><li><a href="/a1">市檔案館召開二〇二三年工作會議</a> 2023-03-01</li><li><a href="/a2">關於開展檔案安全檢查的通知</a> 2023-02-11</li><li><a href="/a3">檔案館新館開館公告</a> 2023-01-05</li></ul>
</div></body></html>"""
    got = read_html(page.encode(), "notice.html")
    assert got.text.split("\n") == [
        "# 關於延長開放時間的通知",
        "為方便讀者查閱檔案，本館自六月一日起延長閱覽室開放時間。",
        "週二至週五開放至晚上八時，週末開放時間不變。",
        "特此通知。",
        "某市檔案館",
        "2023年5月20日",
        "附件：延長開放時間安排表.doc",
    ]
    assert ("navigation", "相關鏈接") in got.removed


def test_headings_become_markdown_lines() -> None:
    got = read_html(headed_page().encode(), "guide.html")
    assert got.text.split("\n") == HEADED_LINES


def test_chinese_wrapped_in_the_source_is_one_line_without_spaces() -> None:
    """CSS Text 3: a source line break between two Chinese characters renders as nothing."""
    body = '<div class="content"><h1>閉館通知</h1><p>因設備檢修，本館閱覽室\n    五月一日閉館一天，\n五月二日照常開放。</p><p>特此 notice\nand more。</p></div>'
    got = read_html(short_page(body).encode(), "short.html")
    assert "因設備檢修，本館閱覽室五月一日閉館一天，五月二日照常開放。" in got.text.split("\n")
    assert "特此 notice and more。" in got.text.split("\n")


# ---------------------------------------------------------------- metadata


def test_metadata_from_meta_tags() -> None:
    got = read_html(notice_page("gbk").encode("gbk"), "notice.html")
    assert (got.title, got.authors, got.date, got.site) == (
        NOTICE_TITLE,
        ["某市檔案館辦公室"],
        "2023-03-15",
        "某市檔案館",
    )
    got = read_html(news_page().encode(), "news.html")
    assert (got.title, got.authors, got.date, got.site) == (NEWS_TITLE, ["张三"], "2024-05-20", "某某新闻网")


def test_metadata_of_a_chinese_government_site() -> None:
    """The <meta> names of the national standard for government sites, and a <title> with the site's name."""
    page = notice_page("utf-8").replace(
        "<title>",
        '<meta name="SiteName" content="某市人民政府門戶網站"><meta name="ArticleTitle" content="關於做好檔案開放審核工作的通知">'
        '<meta name="PubDate" content="2023年3月16日 10:00"><meta name="Author" content="辦公室；利用部"><title>',
    )
    got = read_html(page.encode(), "notice.html")
    assert (got.title, got.authors, got.date, got.site) == (
        "關於做好檔案開放審核工作的通知",
        ["辦公室", "利用部"],
        "2023-03-16",
        "某市人民政府門戶網站",
    )


def test_title_from_the_title_element_without_the_sites_name() -> None:
    page = f"<html><head><title>閉館通知_新聞中心-某市檔案館網</title></head><body><p>{NEWS_PARAGRAPHS[0]}</p></body></html>"
    got = read_html(page.encode(), "page.html")
    assert got.title == "閉館通知_新聞中心"
    assert got.text.split("\n") == ["# 閉館通知_新聞中心", NEWS_PARAGRAPHS[0]]


# ---------------------------------------------------------------- no main text, no network


@pytest.mark.parametrize(
    "page",
    [
        short_page(""),  # chrome only
        "<html><head><title>首頁</title></head><body></body></html>",
        "<html><body><script>document.write('載入中')</script></body></html>",
        "",
    ],
    ids=["chrome-only", "empty-body", "script-only", "empty-file"],
)
def test_a_page_with_no_main_text(page: str) -> None:
    with pytest.raises(UndecodableError) as caught:
        read_html(page.encode(), "index.html")
    assert caught.value.args[0].template == "web page with no main text"


def test_binary_data_is_not_a_page() -> None:
    with pytest.raises(UndecodableError):
        read_html(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 20, "image.html")


INTRANET_PAGE = news_page().replace(  # courlan hands URLs like these to tld, which may go online
    "<title>", '<link rel="canonical" href="http://10.0.0.1:8080/news/1.html"><title>'
)


def test_no_network_while_reading(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    """Attempts are recorded, not only refused: tld swallows the errors of its download."""
    import tld.utils

    attempts: list[object] = []

    def refuse(*args: object, **kwargs: object) -> None:
        attempts.append(args)
        raise OSError("network use")

    for name in ("connect", "connect_ex", "sendto"):
        monkeypatch.setattr(socket.socket, name, refuse)
    for name in ("create_connection", "getaddrinfo", "gethostbyname"):
        monkeypatch.setattr(socket, name, refuse)
    # as where the package's list of domains is missing (a bundle without its data)
    monkeypatch.setattr(tld.utils.MozillaTLDSourceParser, "local_path", str(tmp_path / "missing.dat"))
    monkeypatch.setattr(tld.utils, "tld_names", {})
    assert_paragraphs_in_order(read_html(INTRANET_PAGE.encode(), "news.html").text, NEWS_PARAGRAPHS)
    assert_paragraphs_in_order(read_html(mhtml(notice_page(), "gbk", QP), "n.mhtml").text, NOTICE_PARAGRAPHS)
    assert attempts == []
    assert "rather than downloading one" in caplog.text  # tld did look for its list


def test_no_network_at_import_either() -> None:
    """A fresh interpreter whose sockets refuse, without ssl and _hashlib (the frozen app has neither)."""
    code = """
import socket, sys
for name in ("ssl", "_ssl", "_hashlib"):
    sys.modules[name] = None
attempts = []
def refuse(*args, **kwargs):
    attempts.append(args)
    raise OSError("network use")
for name in ("connect", "connect_ex", "sendto"):
    setattr(socket.socket, name, refuse)
for name in ("create_connection", "getaddrinfo", "gethostbyname"):
    setattr(socket, name, refuse)
from viewer.core.formats.html import read_html
text = read_html(sys.stdin.buffer.read(), "news.html").text
print(text.split("\\n")[1] if not attempts else attempts)
"""
    done = subprocess.run(
        [sys.executable, "-c", code], input=INTRANET_PAGE.encode(), capture_output=True, cwd=REPO, timeout=120
    )
    assert done.returncode == 0, done.stderr.decode()
    assert done.stdout.decode().strip() == NEWS_PARAGRAPHS[0]


# ---------------------------------------------------------------- speed


def test_speed_on_100_pages() -> None:
    """A figure, not a limit: `pytest -s` prints it."""
    pages = []
    for n in range(100):
        paragraphs = [f"第{n}號通知第{i}段：{p}" for i, p in enumerate(NOTICE_PARAGRAPHS[1:6] * (1 + n % 4))]
        page = (
            notice_page("gbk", paragraphs)
            if n % 2
            else news_page().replace(NEWS_PARAGRAPHS[0], paragraphs[0])
        )
        pages.append(page.encode("gbk" if n % 2 else "utf-8"))
    size = sum(map(len, pages))
    start = time.perf_counter()
    for page in pages:
        assert read_html(page, "page.html").text
    seconds = time.perf_counter() - start
    print(
        f"\nread_html: {len(pages)} pages, {size / 2**20:.2f} MB in {seconds:.2f} s = {size / 2**20 / seconds:.2f} MB/s"
    )


def test_reading_a_page_opens_no_socket_at_all() -> None:
    """Not even the IPv6 probe urllib3 makes when trafilatura imports it: a fresh interpreter in
    which creating any socket raises reads a page."""
    import subprocess
    import sys
    from pathlib import Path

    script = (
        "import socket\n"
        "def refuse(*a, **k):\n"
        "    raise AssertionError('a socket was opened')\n"
        "socket.socket.__init__ = refuse\n"
        "from viewer.core.formats.html import read_html\n"
        "page = '<html><head><title>标题</title></head><body><p>' + '正文内容足够长。' * 20 + '</p></body></html>'\n"
        "print(read_html(page.encode('utf-8'), 'a.html').title)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script],
        capture_output=True,
        text=True,
        cwd=Path(__file__).resolve().parents[3],
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    assert "标题" in done.stdout


def test_a_paragraph_starting_with_a_hash_is_not_a_heading() -> None:
    from viewer.core.formats.html import read_html

    body = "".join(f"<p>第{n}段正文，内容足够长，用来让正文抽取认出这是文章。</p>" for n in range(8))
    page = f"<html><head><title>标题</title></head><body><article>{body}<p># 这不是标题，只是以井号开头的段落。</p></article></body></html>"
    text = read_html(page.encode("utf-8"), "a.html").text
    assert "\\# 这不是标题，只是以井号开头的段落。" in text.splitlines()
