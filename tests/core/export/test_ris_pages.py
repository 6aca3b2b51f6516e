"""RIS records hold all of one document's excerpts: SP/EP span their pages, and each note says its own
(issue 13: the record claimed the first excerpt's page for every excerpt)."""

from __future__ import annotations

from dataclasses import replace

from viewer.core.bookmarks import Bookmark, make_bookmark
from viewer.core.citation import page_span
from viewer.core.documents import KIND_NEWSPAPER, Document, Paragraph
from viewer.core.excerpts import Excerpt, make_excerpt
from viewer.core.export import ExportOptions, render
from viewer.core.export.ris import parse

OPTIONS = ExportOptions()
PAGE_1 = "本年度省级综合年鉴按时出版，全书约一百二十万字。"  # page 1, and the paragraph runs onto page 2:
PAGE_2 = "各市县年鉴的出版周期也明显缩短，大多数在次年六月前完成。"
LATER = "第五页上的一段文字，说明了其他情况。"


def pdf_document() -> Document:
    """A PDF's document built by hand: p0 runs from page 1 onto 2, p1 is on page 5."""
    doc = Document("d1", "yearbook.pdf", "pdf", "", "", 0, 0.0, "", title="年鉴", year=2023)
    doc.paragraphs = [
        Paragraph("d1-p0", 0, PAGE_1 + PAGE_2, page=1, page_breaks=(len(PAGE_1),)),
        Paragraph("d1-p1", 1, LATER, page=5),
    ]
    return doc


def record(excerpts: list[Excerpt], bookmarks: list[Bookmark] | None = None) -> dict[str, list[str]]:
    records = parse(str(render("ris", excerpts, OPTIONS, bookmarks or [])))
    assert len(records) == 1
    return records[0]


def test_sp_and_ep_span_the_excerpts_and_each_note_says_its_page() -> None:
    doc = pdf_document()
    on_two = make_excerpt(doc, "d1-p0", len(PAGE_1) + 2)
    on_five = make_excerpt(doc, "d1-p1", 0)
    on_one = make_excerpt(doc, "d1-p0", 0, end=5)
    assert [e.citation.page for e in (on_two, on_five, on_one)] == ["2", "5", "1"]
    r = record([on_two, on_five, on_one])  # the first excerpt's page is neither end
    assert (r["SP"], r["EP"]) == (["1"], ["5"])
    assert [n.rsplit(" — ", 1)[-1] for n in r["N1"]] == ["第2页", "第5页", "第1页"]


def test_a_range_widens_the_span() -> None:
    doc = pdf_document()
    whole = make_excerpt(doc, "d1-p0", 0)
    assert whole.citation.page == "1-2"
    r = record([make_excerpt(doc, "d1-p0", len(PAGE_1) + 1), whole])
    assert (r["SP"], r["EP"]) == (["1"], ["2"])
    assert r["N1"][1].endswith("第1-2页")


def test_one_page_has_no_end_page() -> None:
    doc = pdf_document()
    r = record([make_excerpt(doc, "d1-p1", 0), make_excerpt(doc, "d1-p1", 2, end=6)])
    assert r["SP"] == ["5"] and "EP" not in r


def test_a_newspapers_page_stays_when_all_agree_and_goes_when_they_do_not() -> None:
    doc = pdf_document()
    doc.kind = KIND_NEWSPAPER
    for p in doc.paragraphs:
        p.page = None
        p.page_breaks = ()
    doc.metadata["page"] = "08版"
    a, b = make_excerpt(doc, "d1-p0", 0), make_excerpt(doc, "d1-p1", 0)
    r = record([a, b])
    assert r["SP"] == ["08版"] and "EP" not in r
    assert all(not n.endswith(("页", "版")) for n in r["N1"])  # the document's 版, not an excerpt's page
    c = replace(b, citation=replace(b.citation, page="09版"))
    assert "SP" not in record([a, c])  # no one page claimed for both


def test_no_pages_no_sp() -> None:
    doc = pdf_document()
    for p in doc.paragraphs:
        p.page = None
        p.page_breaks = ()
    r = record([make_excerpt(doc, "d1-p0", 0)])
    assert "SP" not in r and "EP" not in r


def test_a_bookmarked_document_alone_spans_its_bookmarks() -> None:
    doc = pdf_document()
    marks = [
        replace(make_bookmark(doc, "d1-p1"), id=1),
        replace(make_bookmark(doc, "d1-p0"), id=2),
    ]
    r = record([], marks)
    assert (r["SP"], r["EP"]) == (["1"], ["5"])


def test_page_span() -> None:
    assert page_span(["2", "5", "1-2"]) == (1, 5)
    assert page_span(["3-4"]) == (3, 4)
    assert page_span([]) is None
    assert page_span(["2", "08版"]) is None
