"""Site chrome of Chinese web pages by general patterns (issue 12): each pattern in simplified and
traditional forms and with variations goes, body sentences with the same words stay, and a page's
metadata line becomes the document's date, source and authors."""

from __future__ import annotations

from pathlib import Path

import pytest

from viewer.core.catalogue import Catalogue
from viewer.core.ingest import ingest_archive
from viewer.core.repair import repair_text
from viewer.core.repair.chrome import is_chrome_line, metadata_fields, remove_chrome
from viewer.core.sync import sync_catalogue

BREADCRUMBS = [
    "當前位置：首頁 > 新聞中心 > 正文",
    "当前位置: 首页 » 政务公开 » 通知公告",
    "当前位置：首页>新闻中心>正文",
    "您所在的位置：首页 / 新闻动态",
    "您現在的位置：首頁>>新聞中心>>正文",
    "你的位置：首页 → 信息公开 → 工作动态",
    "【当前位置】首页 ＞ 新闻中心",
    "当前所在位置：首页＞专题专栏＞区县动态＞正文",  # issue 12 evaluation
    "當前所在位置：首頁 → 基層動態",
    "主頁 - 工作動態 - 人事信息 - 政務公開 - 正文",
    "位置：首页 - 部门动态 - 热点专题",
    "首页 > 新闻中心 > 正文",
    "首頁 » 新聞中心",
    # issue 12 evaluation: a bare label, and paths with slashes
    "位置：网站首页 » 新闻中心 » 政策解读 » 正文",
    "位置：首頁＞政策法規",
    "首頁 / 部門動態 / 圖片新聞",
    "网站首页 / 走进本市",
]
SHARE_BARS = [
    "分享到：",
    "分享到:",
    "分享到：微信 微博 QQ空间",
    "分享至：微信｜微博",
    "分享：",
    "一鍵分享：微信 微博",
]
WIDGET_BARS = [
    "【字號 大 中 小】 【打印本頁】 【關閉窗口】",
    "【字号：大 中 小】【打印此页】【关闭窗口】",
    "【打印】【关闭】",
    "【打印】 【關閉】",
    "[打印本页] [关闭窗口]",
    "字体：【大】【中】【小】",
    "【我要纠错】【打印】【收藏】",
    "【加入收藏】【打印本页】【关闭】",
    "【關閉窗口】  【字號：大 中 小】  字體：【大】【中】【小】  【字號 大 中 小】",  # longer than 40
]
MENUS = [
    "首页 | 新闻中心 | 政务公开 | 办事服务 | 互动交流",
    "首頁｜新聞中心｜政務公開｜…",
    "首页 新闻中心 政务公开 办事服务 互动交流",
    "新闻动态丨政务公开丨办事指南",
    "机构概况 | 新闻中心 | 信息公开 | 网上办事 | 互动交流 | 专题专栏",
    "信息公开  要闻动态  人事信息",  # issue 12 evaluation: three sections
    "新闻发布  通知公告  热点专题",
    "政策法规｜领导之窗｜通知公告",
    "网上办事  通知公告  统计数据",
]
COUNTERS = [
    "點擊次數：6590",
    "点击次数:6590",
    "浏览次数: 123",
    "瀏覽次數：123次",
    "阅读量：10万+",
    "【访问次数：88】",
    "人气：12",
    # issue 12 evaluation: without the colon
    "点击次数 87348",
    "浏览 49256次",
    "阅读 1234",
    "閱讀: 67310",
]
HOTLINES = [
    "咨詢熱線：0471-1234567 / 服務熱線：12345",
    "服务热线：400-123-4567",
    "投诉举报电话：0471-6600000",
    "咨询热线:(010)12345678",
    "諮詢熱線：0218-3122037 / 傳真：5313155",  # issue 12 evaluation: OpenCC writes 咨询 諮詢
]
HEADERS = [
    "網站導航",
    "网站导航",
    "- 相關推薦",
    "相关阅读：",
    "【相关新闻】",
    "—— 相关推荐",
    "延伸阅读",
    "友情链接",
]
# Lines of real public pages (a document site, a training site, a law library's site).
REAL = [
    "首页 冰点文库 > 资源分类 > DOC文档下载",
    "分享到微信 分享到微博 分享到QQ空间",
    "您现在的位置:首页 > 银行从业 > 银行业专业实务 > 个人贷款 >",
    "當前位置:首頁 > 法律信息研究 > 法律信息資源",
]
CHROME = REAL + BREADCRUMBS + SHARE_BARS + WIDGET_BARS + MENUS + COUNTERS + HOTLINES + HEADERS

# Body lines using the same words: none is chrome.
BODY_LINES = [
    "他打开首页，看到了新闻中心的公告。",
    "请把这篇文章分享到朋友圈，让更多人看到。",
    "分享经验",
    "当前位置的确定需要依靠卫星定位系统，误差不超过十米。",
    "目前位置偏北的冷空气将继续南下。",
    "请拨打服务热线12345咨询。",
    "服务热线开通以来，共受理群众来电3万余次。",
    "第1版：要闻",
    "春眠不觉晓",
    "大",
    "打印机",
    "上下一心",
    "抢滩新赛道 跑出加速度",
    "张三 李四 王五 赵六",
    "项目 | 金额 | 比例",
    "相关阅读材料请见附件。",
    "作者在文中指出，发展是第一要务。",
    "点击次数越多，说明关注度越高。",
    "首页新闻中心的建设",
    "时间：2023年5月6日上午9时",
    "来源于群众，服务于群众。",
    "记者从市政府新闻中心获悉，全市经济运行稳中向好。",
    "网友纷纷分享到社交平台，相关话题阅读量超过一亿次。",
    "关闭窗口后，系统会自动保存当前位置。",
    "服务热线：接线员耐心解答了群众的问题。",
    "打印本页的按钮位于页面右下角。",
    "首页、新闻、政务三个栏目",
    "新闻中心 政务公开",
    "本报记者 张三",
    "第3版",
    "相关推荐算法得到了广泛应用",
    "一、会议时间：2023年5月6日",
    "日期：2023年5月6日上午9时",
    "作者简介：张三，男，汉族。",
    "阅读 是一种习惯",
    "点击次数 越多越好",
    "首页 - 一个网站给人的第一印象，要简洁。",
    "位置：市中心",
    "位置：北纬40度，东经116度",
    "张三 李四 王五",
]


@pytest.mark.parametrize("line", CHROME)
def test_chrome_line(line: str) -> None:
    assert is_chrome_line(line), line


@pytest.mark.parametrize("line", CHROME)
def test_chrome_line_removed_from_a_text(line: str) -> None:
    """Through the whole-text pre-check, which must know every pattern's keywords."""
    body = "会议总结了今年以来的经济工作，部署了下一阶段的重点任务。"
    assert remove_chrome(f"{body}\n{line}\n{body}")[0] == f"{body}\n{body}"


@pytest.mark.parametrize("line", BODY_LINES)
def test_body_line_is_not_chrome(line: str) -> None:
    assert not is_chrome_line(line), line
    assert not metadata_fields(line), line


def test_chrome_removed_from_a_page_and_the_body_kept() -> None:
    body = [
        "某某市召开新闻发布会",
        "他打开首页，看到了新闻中心的公告，并把消息分享到朋友圈。",
        "请拨打服务热线12345咨询。",
    ]
    text = "\n".join(
        [BREADCRUMBS[0], MENUS[0], body[0], WIDGET_BARS[0], *body[1:], SHARE_BARS[2], HEADERS[2]]
    )
    fixed, repairs = remove_chrome(text)
    assert fixed.split("\n") == body
    assert repairs[0].count == 5


def test_link_list_under_a_header_at_the_end() -> None:
    body = "会议总结了今年以来的经济工作，部署了下一阶段的重点任务。"
    text = f"标题\n{body}\n- 相關推薦\n某某市召开防汛工作会议\n某某区举行招聘会"
    assert remove_chrome(text)[0] == f"标题\n{body}"
    kept = f"标题\n{body}\n延伸阅读\n会议还研究了其他事项，要求各部门抓好落实。"
    assert remove_chrome(kept)[0] == f"标题\n{body}\n会议还研究了其他事项，要求各部门抓好落实。"


def test_page_index_alone_in_a_body_is_content() -> None:
    text = "标题\n第1版：要闻\n本报讯 某某市召开会议，研究部署下一阶段工作。"
    assert remove_chrome(text) == (text, [])
    fixed, _ = repair_text("\n".join([f"正文第{i}段，内容。\n第{i}版：要闻" for i in range(1, 4)]))
    assert fixed.count("版：要闻") == 3


def test_page_index_run_is_chrome() -> None:
    text = "标题\n本报讯 某某市召开会议，研究部署下一阶段工作。\n第01版:要闻\n第02版:要闻\n第03版:经济"
    fixed, repairs = remove_chrome(text)
    assert fixed == "标题\n本报讯 某某市召开会议，研究部署下一阶段工作。"
    assert repairs[0].count == 3


FOOTERS = ["网站标识码：2775729342", "網站標識碼：5348546558"]  # issue 12 evaluation


@pytest.mark.parametrize("line", FOOTERS)
def test_footer_line(line: str) -> None:
    assert is_chrome_line(line)


METADATA = [
    (
        "發布時間：2023-05-06 來源：某某市政府 作者：張三",
        {"date": "2023-05-06", "source": "某某市政府", "author": "張三"},
    ),
    ("发布日期：2023年5月6日", {"date": "2023年5月6日"}),
    ("来源：人民网", {"source": "人民网"}),
    ("作者：张三", {"author": "张三"}),
    ("编辑：李四", {"editor": "李四"}),
    (
        "发布时间：2023-05-06 10:21 来源：市政府办公室 浏览次数：1234 【字体：大 中 小】【打印】【关闭】",
        {"date": "2023-05-06 10:21", "source": "市政府办公室"},
    ),
    (
        "發布時間: 2023/05/06  來源: 新華社  編輯: 李四",
        {"date": "2023/05/06", "source": "新華社", "editor": "李四"},
    ),
    ("时间：2023-05-06 来源：本站", {"date": "2023-05-06", "source": "本站"}),
    ("来源:中国产业经济信息网   时间:2020-11-25", {"source": "中国产业经济信息网", "date": "2020-11-25"}),
    ("发布时间:2015-11-19 来源: 浏览量: 浏览字号:", {"date": "2015-11-19"}),
    # issue 12 evaluation: a hit counter without its colon at the end
    (
        "文章来源：市教育局 时间：2018-12-09 17:46 点击次数 8505",
        {"source": "市教育局", "date": "2018-12-09 17:46"},
    ),
]
METADATA_LINES = [line for line, _ in METADATA]


@pytest.mark.parametrize(("line", "fields"), METADATA)
def test_metadata_fields(line: str, fields: dict[str, str]) -> None:
    assert metadata_fields(line) == fields


@pytest.mark.parametrize("line", METADATA_LINES)
def test_metadata_line_removed_from_a_text(line: str) -> None:
    body = "会议总结了今年以来的经济工作，部署了下一阶段的重点任务。"
    assert remove_chrome(f"标题\n{line}\n{body}")[0] == f"标题\n{body}"


def test_metadata_line_under_a_title_with_a_comma() -> None:
    # issue 12 evaluation: a headline with a comma is no body text; the metadata line under it goes.
    body = "会议总结了今年以来的经济工作，部署了下一阶段的重点任务。"
    text = f"坚持稳中求进，推动高质量发展\n发布时间：2023-05-06 来源：某某市政府\n{body}"
    assert remove_chrome(text)[0] == f"坚持稳中求进，推动高质量发展\n{body}"


def test_metadata_lines_only_at_the_top() -> None:
    text = "标题\n来源：人民网\n正文第一段，内容。\n作者：张三"
    fixed, repairs = remove_chrome(text)
    assert fixed == "标题\n正文第一段，内容。\n作者：张三"
    assert [c.before for c in repairs[0].changes] == ["来源：人民网"]


def _ingest(tmp_path: Path, text: str) -> dict:
    (tmp_path / "page.txt").write_text(text, encoding="utf-8")
    (doc,) = ingest_archive(tmp_path).documents
    return {"doc": doc, "body": [p.text for p in doc.paragraphs]}


def test_metadata_line_fills_date_source_author(tmp_path: Path) -> None:
    page = "\n".join(
        [
            "當前位置：首頁 > 新聞中心 > 正文",
            "某某市召開全市經濟工作會議",
            "發布時間：2023-05-06 來源：某某市政府 作者：張三",
            "【字號 大 中 小】 【打印本頁】 【關閉窗口】",
            "會議總結了今年以來的經濟工作，部署了下一階段的重點任務。",
            "點擊次數：6590",
        ]
    )
    got = _ingest(tmp_path, page)
    doc = got["doc"]
    assert got["body"] == [
        "某某市召開全市經濟工作會議",
        "會議總結了今年以來的經濟工作，部署了下一階段的重點任務。",
    ]
    assert doc.title == "某某市召開全市經濟工作會議"
    assert doc.metadata["date"] == "2023-05-06"
    assert doc.metadata["source"] == "某某市政府"
    assert doc.authors == ["張三"]
    assert doc.year == 2023
    chrome = next(r for r in doc.repairs if r.kind == "chrome")
    assert "發布時間：2023-05-06 來源：某某市政府 作者：張三" in [c.before for c in chrome.changes]
    assert doc.to_json()["metadata"]["source"] == "某某市政府"


def test_metadata_on_several_lines(tmp_path: Path) -> None:
    page = "\n".join(
        [
            "关于做好防汛工作的通知",
            "发布日期：2024年6月1日",
            "来源：市应急管理局",
            "作者：李四 王五",
            "编辑：赵六",
            "各区县人民政府：",
            "为切实做好今年防汛工作，现将有关事项通知如下。",
        ]
    )
    doc = _ingest(tmp_path, page)["doc"]
    assert [p.text for p in doc.paragraphs][:2] == ["关于做好防汛工作的通知", "各区县人民政府："]
    assert doc.metadata["date"] == "2024年6月1日"
    assert doc.metadata["source"] == "市应急管理局"
    assert doc.metadata["editor"] == "赵六"
    assert doc.authors == ["李四", "王五"]
    assert doc.year == 2024


def test_body_sentences_survive_ingest(tmp_path: Path) -> None:
    page = "标题\n" + "\n".join(BODY_LINES)
    got = _ingest(tmp_path, page)
    assert got["body"] == ["标题", *BODY_LINES]


def test_page_metadata_kept_by_the_catalogue(tmp_path: Path) -> None:
    root = tmp_path / "pages"
    root.mkdir()
    page = "标题\n发布时间：2023-05-06 来源：某某市政府 作者：张三\n会议总结了今年以来的经济工作。\n"
    (root / "page.txt").write_text(page, encoding="utf-8")
    with Catalogue.open(tmp_path / "ix", root) as catalogue:
        sync_catalogue(root, catalogue)
        (summary,) = catalogue.summaries()
        stored = catalogue.document(summary.id)
        assert stored is not None
        assert stored.metadata["source"] == "某某市政府"
        assert stored.metadata["date"] == "2023-05-06"
        assert stored.authors == ["张三"]
