"""Citations: GB/T 7714-2015 and the short form, in the source's script, text in the chosen one."""

from __future__ import annotations

from dataclasses import replace

from tests.core.excerpt_samples import yearbook_doc
from viewer.core.citation import (
    CitationData,
    citation_data,
    cite,
    gbt7714,
    reference,
    short_reference,
)
from viewer.core.documents import KIND_JOURNAL, KIND_NEWSPAPER, SCRIPT_TRADITIONAL
from viewer.core.excerpts import make_excerpt


def test_citation_data_takes_the_entry_and_its_author() -> None:
    doc = yearbook_doc()
    data = citation_data(doc, [doc.paragraphs[5].id, doc.paragraphs[6].id])
    assert data.section == "【协同推进教育高质量发展】"
    assert data.section_author == "王明"
    assert data.volume == "2023卷" and data.year == 2023


def test_short_form_matches_the_cbeta_like_pattern() -> None:
    doc = yearbook_doc()
    e = make_excerpt(doc, doc.paragraphs[5].id, 6, None, 16)
    assert e.text == "通辽赤峰协同推进基础"
    assert cite(e.texts("original"), e.citation, "short") == (
        "《通辽年鉴》(2023卷,【协同推进教育高质量发展】)：「通辽赤峰协同推进基础」"
    )


def test_short_form_adds_brackets_to_a_bare_yearbook_entry_and_omits_empty_parts() -> None:
    data = CitationData(
        doc_id="x", source="a.txt", title="赤峰年鉴", kind="yearbook", volume="2023卷", section="概况"
    )
    assert short_reference(data) == "《赤峰年鉴》(2023卷,【概况】)"
    assert short_reference(replace(data, volume="", section="")) == "《赤峰年鉴》"


def test_gbt7714_yearbook_entry_is_an_analytic_part_of_the_book() -> None:
    doc = yearbook_doc()
    data = citation_data(doc, [doc.paragraphs[3].id])
    assert gbt7714(data) == "李谭芳. 概况[M]//通辽年鉴: 2023卷. 2023."


def test_gbt7714_journal_and_newspaper_and_author_limit() -> None:
    journal = CitationData(
        doc_id="j",
        source="j.txt",
        title="推进赤峰、通辽“双子星座”高质量发展的战略思考",
        authors=("张学刚",),
        kind=KIND_JOURNAL,
        year=2023,
        publication="实践",
        page="40-42",
    )
    assert gbt7714(journal) == "张学刚. 推进赤峰、通辽“双子星座”高质量发展的战略思考[J]. 实践, 2023: 40-42."
    paper = CitationData(
        doc_id="n",
        source="n.txt",
        title="抢滩新赛道 跑出加速度",
        authors=("郭洪申", "王晓飞", "甲", "乙"),
        kind=KIND_NEWSPAPER,
        publication="通辽日报",
        date="2023-11-20",
        page="08版",
    )
    assert gbt7714(paper) == "郭洪申, 王晓飞, 甲, 等. 抢滩新赛道 跑出加速度[N]. 通辽日报, 2023-11-20(08版)."


def test_unknown_fields_are_left_out_not_invented() -> None:
    bare = CitationData(doc_id="z", source="z.txt", title="无题")
    assert gbt7714(bare) == "无题[Z]."
    assert reference(replace(bare, title=""), "short") == "《z.txt》"


def test_citation_keeps_the_source_script_while_text_follows_the_choice() -> None:
    doc = yearbook_doc()
    doc.title, doc.script = "通遼年鑑", SCRIPT_TRADITIONAL
    doc.paragraphs[5].text = "通遼赤峰協同推進基礎教育"
    e = make_excerpt(doc, doc.paragraphs[5].id, 0, None, 6)
    assert e.texts("original") == ["通遼赤峰協同"]
    assert e.texts("simplified") == ["通辽赤峰协同"]
    assert e.texts("traditional") == ["通遼赤峰協同"]
    assert e.texts("both") == ["通遼赤峰協同", "通辽赤峰协同"]  # the source's script first
    simplified = cite(e.texts("simplified"), e.citation, "short")
    assert simplified.startswith("《通遼年鑑》") and simplified.endswith("「通辽赤峰协同」")
    both = cite(e.texts("both"), e.citation, "gbt7714")
    assert both.splitlines()[0] == "「通遼赤峰協同」 / 「通辽赤峰协同」"
    assert "通遼年鑑" in both.splitlines()[1]


def test_both_collapses_when_the_scripts_agree() -> None:
    doc = yearbook_doc()
    e = make_excerpt(doc, doc.paragraphs[3].id, 0, None, 5)  # "2022年,": nothing to convert
    assert e.texts("both") == ["2022年"]


def test_citation_data_round_trips_through_json() -> None:
    data = citation_data(yearbook_doc(), ["yb0000000001-p3"])
    assert CitationData.from_json(data.to_json()) == data
    assert CitationData.from_json({**data.to_json(), "unknown_future_field": 1}) == data
