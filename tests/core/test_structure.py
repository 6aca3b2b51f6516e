"""Structure and metadata: golden files for the seeds, one test per rule (with negatives), odd inputs, corpus.

Regenerate the goldens after a deliberate change with `UPDATE_GOLDEN=1 .venv/bin/pytest tests/core/test_structure.py`
and check the diff by eye.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.golden_files import check_golden
from viewer.core import lines as line_rules
from viewer.core.documents import (
    KIND_JOURNAL,
    KIND_NEWSPAPER,
    KIND_NOTICE,
    KIND_OTHER,
    KIND_YEARBOOK,
    ROLE_AUTHOR,
    ROLE_BODY,
    ROLE_CAPTION,
    ROLE_HEADING,
    ROLE_META,
    ROLE_REFERENCE,
    ROLE_SUBTITLE,
    ROLE_TITLE,
    Document,
    document_id,
    paragraph_id,
)
from viewer.core.structure import build_structure

SEED_STEMS = [
    "000_7afbcf673c75e218",
    "001_8bc3bdda47a0d5aa",
    "002_e6c407031090df99",
    "003_75a584e44efd689f",
    "004_190cf7dfcffd7ea5",
]

PROSE = "通辽市不断强化系统观念，坚持山水林田湖草沙一体化保护和系统治理，统筹产业结构调整、污染治理和生态修复，扎实推动绿色低碳循环发展。"
PROSE2 = "近年来，通辽市全力打好污染防治攻坚战，持续实施大气精细化管控，精准溯源，源头治理，同时实施跨省区联防联控、共保共治。"


def structure(text: str, source: str = "doc.txt", raw: str | None = None) -> Document:
    doc = Document(
        id=document_id(source),
        source=source,
        encoding="utf-8",
        raw_text=text if raw is None else raw,
        text=text,
        size=len(text.encode("utf-8", "surrogatepass")),
        mtime=0.0,
        sha256="",
    )
    build_structure(doc)
    return doc


def lines(*parts: str) -> str:
    return "\n".join(parts)


def roles(doc: Document) -> list[str]:
    return [p.role for p in doc.paragraphs]


# ---------------------------------------------------------------- goldens on the real pipeline


def golden_view(doc: Document) -> dict[str, Any]:
    """What the golden pins: everything structure decides, with paragraph text heads for eyeballing."""
    titles = {s.id: s.title for s in doc.sections}
    return {
        "source": doc.source,
        "title": doc.title,
        "subtitle": doc.subtitle,
        "kind": doc.kind,
        "year": doc.year,
        "volume": doc.volume,
        "script": doc.script,
        "authors": doc.authors,
        "metadata": doc.metadata,
        "sections": [
            {
                "title": s.title,
                "level": s.level,
                "author": s.author,
                "parent": titles.get(s.parent) if s.parent else None,
                "paragraphs": len(s.paragraph_ids),
            }
            for s in doc.sections
        ],
        "paragraphs": [f"{p.ordinal} {p.role}: {p.text[:24]}" for p in doc.paragraphs],
    }


@pytest.mark.parametrize("stem", SEED_STEMS)
def test_seed_matches_golden(seeds_archive, stem: str) -> None:
    doc = seeds_archive.find(stem)
    assert doc is not None, f"seed {stem} was not ingested"
    actual = golden_view(doc)
    check_golden("structure", f"{stem}.json", json.dumps(actual, ensure_ascii=False, indent=1) + "\n")


def test_seed_essentials(seeds_archive) -> None:
    """The facts the issue names, independent of the goldens' detail."""
    docs = {stem: seeds_archive.find(stem) for stem in SEED_STEMS}
    yearbook, notice, journal, paper1, paper2 = (docs[s] for s in SEED_STEMS)
    assert (yearbook.kind, yearbook.volume, yearbook.year) == (KIND_YEARBOOK, "2023卷", 2023)
    entry = next(s for s in yearbook.sections if s.title == "概况")
    assert entry.author == "李谭芳"
    assert next(s for s in yearbook.sections if s.title == "蒙药企业重组发展").author == "袁洪军、赵广雷"
    assert (notice.kind, notice.script, notice.year) == (KIND_NOTICE, "traditional", 2015)
    assert [s.level for s in notice.sections][:4] == [1, 2, 2, 2]
    assert journal.kind == KIND_JOURNAL and journal.authors == ["张学刚"]
    assert journal.metadata["keywords"] == ["赤峰市", "通辽市", "“双子星座”", "高质量发展"]
    assert len(journal.metadata["references"]) == 5
    assert journal.metadata["editor"] == "张莉莉" and journal.metadata["affiliation"] == "内蒙古党校"
    assert journal.metadata["abstract"].startswith("自治区党委")
    assert paper1.kind == paper2.kind == KIND_NEWSPAPER
    assert paper1.title == "抢滩新赛道 跑出加速度" and paper1.subtitle.startswith("通辽市全力助推")
    assert paper1.authors == ["郭洪申", "王晓飞"]
    assert len(paper1.metadata["captions"]) == 5
    assert paper1.metadata["captions"][0]["photographers"] == ["张启民"]
    assert paper2.title == "北京刮起赤峰“风”"
    article = next(s for s in paper2.sections if s.title.startswith("北京8区"))
    assert article.author == "魏那" and article.level == 1
    assert all(s.parent == article.id for s in paper2.sections if s.title.endswith(("右旗", "特旗")))


def test_seed_ids_are_consistent(seeds_archive) -> None:
    for doc in seeds_archive.documents:
        assert [p.ordinal for p in doc.paragraphs] == list(range(len(doc.paragraphs)))
        assert all(p.id == paragraph_id(doc.id, p.ordinal) for p in doc.paragraphs)
        owner = {p.id: p.section for p in doc.paragraphs}
        for section in doc.sections:
            assert section.paragraph_ids, section.title
            assert all(owner[pid] == section.id for pid in section.paragraph_ids)
            assert section.heading_paragraph == section.paragraph_ids[0]
            ordinals = [int(pid.rsplit("-p", 1)[1]) for pid in section.paragraph_ids]
            assert ordinals == list(range(ordinals[0], ordinals[0] + len(ordinals)))  # contiguous
            assert section.parent is None or doc.section(section.parent) is not None
        assert [p.text for p in doc.paragraphs] == [
            t for t in (x.strip() for x in doc.text.splitlines()) if t
        ]


# ---------------------------------------------------------------- title, subtitle, authors


def test_title_is_first_standalone_line_and_subtitle_follows() -> None:
    doc = structure(
        lines("抢滩新赛道 跑出加速度", "", "——通辽市全力助推“五大任务”见行见效", "□郭洪申 王晓飞", PROSE)
    )
    assert doc.title == "抢滩新赛道 跑出加速度"
    assert doc.subtitle == "通辽市全力助推“五大任务”见行见效"
    assert doc.authors == ["郭洪申", "王晓飞"]
    assert roles(doc) == [ROLE_TITLE, ROLE_SUBTITLE, ROLE_AUTHOR, ROLE_BODY]


def test_title_skips_volume_and_finds_title_after_cover_letter() -> None:
    doc = structure(
        lines(
            "2015卷",
            "各盟行政公署、市人民政府,自治区各委、办、厅、局:",
            PROSE,
            "内蒙古自治区区域合作重点推进事项及分工方案",
            PROSE2,
        )
    )
    assert doc.title == "内蒙古自治区区域合作重点推进事项及分工方案"
    assert doc.paragraphs[3].role == ROLE_TITLE
    assert doc.metadata["addressees"].startswith("各盟行政公署")


def test_title_fallbacks() -> None:
    assert structure(lines(PROSE, PROSE2)).title == PROSE[:30] + "…"
    assert structure("黄九烟曰：古之绝胜于今者，官妓也。").title == "黄九烟曰：古之绝胜于今者，官妓也。"
    assert structure(lines("2023卷", "【概况】 " + PROSE)).title == "年鉴 2023卷"
    assert structure(lines("【概况】 " + PROSE, "【交通】 " + PROSE2)).title == "年鉴：概况等"
    assert structure("", source="folder/空文件.txt").title == "空文件"
    assert structure("。。。！！").title == "。。。！！"


def test_byline_forms_and_non_bylines() -> None:
    assert line_rules.classify("■ 张学刚").names == ["张学刚"]
    assert line_rules.classify("□郭洪申 王晓飞").names == ["郭洪申", "王晓飞"]
    assert line_rules.classify("本报记者 张三 通讯员 李四").names == ["张三", "李四"]
    assert line_rules.classify("□乌兰·巴特尔").names == ["乌兰·巴特尔"]
    for text in (
        "■",
        "□ 这是一段很长的说明文字，并不是署名。",
        "记者从市统计局获悉，今年以来经济运行稳中向好。",
    ):
        info = line_rules.classify(text)
        assert info is None or info.kind != "byline", text


def test_end_mark_is_not_an_author() -> None:
    doc = structure(lines("标题", "■ 张学刚", PROSE + "■", "■"))
    assert doc.authors == ["张学刚"]


# ---------------------------------------------------------------- volume, year, kind


def test_volume_and_year() -> None:
    doc = structure(lines("2023卷", "【概况】 " + PROSE))
    assert (doc.volume, doc.year, doc.metadata["year_source"]) == ("2023卷", 2023, "volume")
    doc = structure(lines("标题", "2024年7月20日", PROSE))
    assert (doc.volume, doc.year, doc.metadata["year_source"]) == ("", 2024, "date")
    doc = structure(lines("标题", "2022年，通辽市全力打好污染防治攻坚战。"))
    assert doc.year is None  # a year in the prose is not the document's year


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        (lines("2023卷", "【概况】 " + PROSE + " (李谭芳)", "【司法协作】 " + PROSE2), KIND_YEARBOOK),
        (
            lines(
                "题目",
                "■ 张三",
                "摘要：" + PROSE,
                "关键词：甲 乙",
                "一、引言",
                PROSE,
                "参考文献：",
                "[1] 张三. 论文[J]. 期刊, 2021.",
            ),
            KIND_JOURNAL,
        ),
        (
            lines(
                "各盟行政公署、市人民政府,自治区各委、办、厅、局:",
                "现将《方案》印发给你们，请结合实际，认真组织实施。",
                "工作方案",
                "一、基础设施",
                PROSE + "(自治区发展改革委负责)",
                PROSE2 + "(自治区交通运输厅负责,财政厅配合)",
            ),
            KIND_NOTICE,
        ),
        (
            lines(
                "标题一行",
                "——副题",
                "城市面貌日新月异。 张启民 摄",
                "□郭洪申 王晓飞",
                PROSE,
                "小标题一",
                PROSE2,
                "小标题二",
                PROSE,
            ),
            KIND_NEWSPAPER,
        ),
        (lines("静夜思", "李白", "床前明月光，疑是地上霜。", "举头望明月，低头思故乡。"), KIND_OTHER),
        ("", KIND_OTHER),
    ],
)
def test_kind(text: str, kind: str) -> None:
    assert structure(text).kind == kind


def test_navigation_in_raw_text_counts_for_newspaper() -> None:
    text = lines("标题一行", "城市面貌日新月异。 张启民 摄", PROSE)
    raw = lines("往期阅读", "当前版: 08版 上一版  下一版", text)
    doc = structure(text, raw=raw)
    assert doc.kind == KIND_NEWSPAPER and doc.metadata["page"] == "08版"


def test_script_detection() -> None:
    assert structure("內蒙古自治區人民政府關於進一步加強區域合作的通知").script == "traditional"
    assert structure("内蒙古自治区人民政府关于进一步加强区域合作的通知").script == "simplified"
    assert structure("ABC 123").script == "simplified"


# ---------------------------------------------------------------- sections


def test_numbered_headings_nest_by_style() -> None:
    doc = structure(
        lines(
            "方案",
            "一、基础设施合作",
            "(一)铁路。继续协调推进呼和浩特至张家口客运专线建设工作，力争早日建成。",
            "（二）公路。积极协调推进京新高速临河至白疙瘩段建设，力争年内全线贯通。",
            "1.城市道路",
            PROSE,
            "二、能源合作",
            PROSE2,
        )
    )
    got = [(s.title, s.level, doc.section(s.parent).title if s.parent else None) for s in doc.sections]
    assert got == [
        ("一、基础设施合作", 1, None),
        ("(一)铁路", 2, "一、基础设施合作"),
        ("（二）公路", 2, "一、基础设施合作"),
        ("1.城市道路", 3, "（二）公路"),
        ("二、能源合作", 1, None),
    ]
    assert doc.paragraphs[1].role == ROLE_HEADING
    assert doc.paragraphs[2].role == ROLE_BODY  # run-in heading: the paragraph is body text


def test_numbered_lines_that_are_not_headings() -> None:
    doc = structure(
        lines(
            "诉衷情",
            "毛文锡",
            "1.绣衣轻--形容鸳鸯羽翼。",
            "2.藻荇--水生植物。",
            "1.谢家--谢家仙观：谢女峡。在今广东省中山县境海中。相传为谢女得道地。",
            "鸳鸯交颈绣衣轻，碧沼藕花馨。",
        )
    )
    assert doc.sections == []
    doc = structure(lines("清单", PROSE, "1. 苹果", "2. 香蕉", "3. 橘子", PROSE2))
    assert doc.sections == []  # a list of short items, not headings
    doc = structure(lines("标题", "一、总体要求", PROSE, "五、保障措施", PROSE2, "二、重点任务", PROSE))
    assert [s.title for s in doc.sections] == ["一、总体要求", "二、重点任务"]  # 五 out of sequence


def test_numbered_sentence_is_not_a_heading() -> None:
    assert (
        line_rules.classify("一、二级公路建设加快推进，全年新增里程一千二百公里，超额完成年度目标任务。")
        is None
    )
    assert line_rules.classify("2022年，全市新增就业岗位一万个。") is None
    assert line_rules.classify("1.5万亩耕地完成改造。") is None


def test_yearbook_entries_and_their_authors() -> None:
    doc = structure(
        lines(
            "2023卷",
            "【概况】 " + PROSE + " (李谭芳)",
            "【司法协作】 " + PROSE2,
            "【蒙药企业重组发展】 " + PROSE,
            PROSE2 + " (袁洪军 赵广雷)",
        )
    )
    assert [(s.title, s.author, len(s.paragraph_ids)) for s in doc.sections] == [
        ("概况", "李谭芳", 1),
        ("司法协作", "", 1),
        ("蒙药企业重组发展", "袁洪军、赵广雷", 2),
    ]
    assert doc.authors == ["李谭芳", "袁洪军", "赵广雷"]
    assert all(p.role == ROLE_BODY for p in doc.paragraphs[1:])


def test_trailing_brackets_that_are_not_entry_authors() -> None:
    assert line_rules.entry_author(PROSE + "(自治区科技厅负责,自治区发展改革委配合)") == []
    assert line_rules.entry_author("通辽保税物流中心(B型)") == []
    assert line_rules.entry_author("内蒙古蒙药集团(通辽)") == []  # not after a sentence end
    assert line_rules.entry_author(PROSE + " (李谭芳)") == ["李谭芳"]


def test_subheads_between_prose() -> None:
    doc = structure(
        lines(
            "标题",
            "□郭洪申",
            PROSE,
            "夯实发展之基 聚力筑牢生态安全屏障",
            PROSE2,
            "座谈交流思路新——",
            PROSE,
            "朋友越走越近,亲戚越处越亲。",
            PROSE2,
        )
    )
    assert [s.title for s in doc.sections] == ["夯实发展之基 聚力筑牢生态安全屏障"]
    assert doc.paragraphs[3].role == ROLE_HEADING


def test_repeated_short_lines_are_labels_not_subheads() -> None:
    block = [PROSE, "郊庙朝会歌辞", PROSE2]
    doc = structure(lines("标题", *block, *block, *block))
    assert doc.sections == []


def test_article_heading_with_byline_holds_its_subheads() -> None:
    doc = structure(
        lines(
            "总标题",
            PROSE,
            "北京8区&赤峰8旗县对口帮扶全景扫描",
            "□魏那",
            "经开区&巴林右旗",
            PROSE,
            "通州区&翁牛特旗",
            PROSE2,
        )
    )
    article, first, second = doc.sections
    assert (article.title, article.author, article.level) == ("北京8区&赤峰8旗县对口帮扶全景扫描", "魏那", 1)
    assert first.parent == second.parent == article.id and first.level == 2
    assert doc.authors == ["魏那"]


def test_poems_get_no_sections() -> None:
    poem = [
        "过晋阳宫",
        "李隆基",
        "缅想封唐处，实惟建国初。俯察伊晋野，仰观乃参虚。",
        "卷三",
        "",
        "行次成皋途经先圣擒建德之所",
        "李隆基",
        "有隋政昏虐，群雄已交争。先圣按剑起，叱咤风云生。",
        "卷三",
    ]
    doc = structure(lines(*poem))
    assert doc.title == "过晋阳宫"
    assert doc.sections == []


# ---------------------------------------------------------------- labelled metadata and captions


def test_journal_labels() -> None:
    doc = structure(
        lines(
            "题目",
            "摘 要",
            PROSE,
            "关键词：赤峰市；通辽市；高质量发展",
            "参考文献：",
            "[1] 石泰峰. 报告[J]. 实践, 2021,(12).",
            "[2] 内蒙古自治区党委. 建议[OB/OL]. 正北方网, 2021-1-5.",
            "(作者单位: 内蒙古党校)",
            "责任编辑: 张莉莉",
        )
    )
    meta = doc.metadata
    assert meta["abstract"] == PROSE
    assert meta["keywords"] == ["赤峰市", "通辽市", "高质量发展"]
    assert len(meta["references"]) == 2
    assert (meta["editor"], meta["affiliation"]) == ("张莉莉", "内蒙古党校")
    assert roles(doc) == [
        ROLE_TITLE,
        ROLE_META,
        ROLE_META,
        ROLE_META,
        ROLE_HEADING,
        ROLE_REFERENCE,
        ROLE_REFERENCE,
        ROLE_META,
        ROLE_META,
    ]


def test_sentences_starting_with_label_words_are_not_labels() -> None:
    for text in (
        "摘要显示，今年全市经济运行总体平稳。",
        "编辑部收到读者来信三百余封。",
        "参考文献数量逐年增加。",
    ):
        info = line_rules.classify(text)
        assert info is None or info.kind != "label", text


def test_captions() -> None:
    doc = structure(
        lines("标题", "大力推动绿电产业发展。张懋 摄", "7月20日，推介会在京举行。 本报记者 石铁鑫 摄", PROSE)
    )
    assert [c["photographers"] for c in doc.metadata["captions"]] == [["张懋"], ["石铁鑫"]]
    assert doc.metadata["captions"][0]["text"] == "大力推动绿电产业发展。"
    assert roles(doc)[1:3] == [ROLE_CAPTION, ROLE_CAPTION]
    assert line_rules.classify("他把这一幕拍摄") is None
    assert line_rules.classify(PROSE + "由专人负责拍摄") is None


# ---------------------------------------------------------------- Markdown and odd inputs


def test_markdown_headings() -> None:
    doc = structure(
        lines(
            "前言文字。",
            "# 档案说明",
            "正文第一段。",
            "## 来源",
            "1. 第一项",
            "2. 第二项",
            "### 细节",
            "内容。",
        ),
        source="说明.md",
    )
    assert doc.title == "档案说明"
    assert [(s.title, s.level) for s in doc.sections] == [("来源", 1), ("细节", 2)]
    assert doc.paragraphs[1].role == ROLE_TITLE


def test_hash_lines_in_text_files_are_not_headings() -> None:
    assert structure(lines("标题", "# 不是标题", PROSE)).sections == []


def test_empty_and_blank_text() -> None:
    for text in ("", "\n\n   \n\u3000\n"):
        doc = structure(text, source="a/b/c.txt")
        assert doc.paragraphs == [] and doc.sections == [] and doc.title == "c" and doc.kind == KIND_OTHER


def test_fifty_megabyte_single_line() -> None:
    text = "测试文本，" * (50_000_000 // 15)
    doc = structure(text)
    assert len(doc.paragraphs) == 1 and doc.paragraphs[0].text == text
    assert doc.title == "测试文本，测试文本，测试文本，测试文本，测试文本，测试文本，…"


def test_punctuation_only() -> None:
    doc = structure(lines("。。。", "！？", "……", "【】", "()", "■"))
    assert doc.title and len(doc.paragraphs) == 6


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.text(
        alphabet=st.sampled_from(
            list("一二三、.．(（)）【】#□■摄负责卷2023年月日：:，。 \n——张李王字文本·-[]1①")
        ),
        max_size=300,
    )
)
def test_never_fails_and_ids_are_consistent(text: str) -> None:
    doc = structure(text, source="x.md" if "#" in text[:3] else "x.txt")
    assert doc.title
    assert [p.ordinal for p in doc.paragraphs] == list(range(len(doc.paragraphs)))
    in_sections = [pid for s in doc.sections for pid in s.paragraph_ids]
    assert len(in_sections) == len(set(in_sections))
    assert doc.kind in (KIND_YEARBOOK, KIND_JOURNAL, KIND_NOTICE, KIND_NEWSPAPER, KIND_OTHER)


# ---------------------------------------------------------------- the classical corpus


@pytest.mark.slow
def test_corpus_titles_paragraphs_and_no_absurd_structure(corpus_dir: Path) -> None:
    from viewer.core.ingest import ingest_archive

    archive = ingest_archive(corpus_dir)
    assert len(archive.documents) >= 870 and archive.problems == []
    paragraphs = sections = 0
    for doc in archive.documents:
        assert doc.title.strip(), doc.source
        assert len(doc.title) <= 61, doc.source
        assert doc.paragraphs, doc.source
        assert all(len(s.title) <= 60 for s in doc.sections), doc.source
        paragraphs += len(doc.paragraphs)
        sections += len(doc.sections)
    assert sections < paragraphs * 0.02  # poems have no yearbook entries or numbered headings
    kinds = [d.kind for d in archive.documents]
    assert kinds.count(KIND_OTHER) >= 0.99 * len(kinds)


def test_lacuna_marks_in_classical_text_are_not_bylines() -> None:
    body = ["張瓚", "無傳。"] * 8
    doc = structure(lines("全唐詩補編", *body, "□庭倚", "無傳。", "□□雨過□□□，□□□□□□油。"))
    assert doc.authors == []
    assert all(p.role != ROLE_AUTHOR for p in doc.paragraphs)


def test_bracketed_note_is_not_a_subhead() -> None:
    assert structure(lines("句", PROSE, "（《贈池陽守陳德誠》）", PROSE2)).sections == []
    assert structure(lines("。", "", "于祐題紅葉二句", PROSE)).title == "于祐題紅葉二句"
