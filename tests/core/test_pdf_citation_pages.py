"""A PDF paragraph that runs onto the next page is cited by the pages its excerpt is printed on (issue 13):
the reader's page breaks inside a line reach the paragraph over the repairs, the catalogue keeps them,
`show --json` gives them, and GB/T 7714 and the short form cite "2" for a passage on page 2 of a
paragraph that starts on page 1, "1-2" for the whole of it."""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path

import pytest

from viewer.cli import main
from viewer.core.catalogue import Catalogue
from viewer.core.citation import STYLE_SHORT, citation_data, excerpt_pages, gbt7714, reference
from viewer.core.documents import Document, Paragraph
from viewer.core.excerpts import make_excerpt
from viewer.core.formats.extracted import Extracted
from viewer.core.ingest import LoadedFile, build_document
from viewer.core.scan import SourceFile

REPO = Path(__file__).resolve().parents[2]
YEARBOOK = REPO / "resources" / "selftest" / "yearbook.pdf"

# A paragraph from page 1 onto page 2: the reader joined it and says where page 2 begins in the line.
HEAD = "本年度省级综合年鉴按时出版，全书约一百二十万字，设有特载、大事记等类目。"
TAIL = "各市县年鉴的出版周期也明显缩短，大多数在次年六月前完成出版发行工作。"
LAST = "值得一提的是，部分年鉴开始长期保存电子文件。"


def reader_file(lines: Sequence[tuple[str, int, tuple[int, ...]]], name: str = "x.pdf") -> LoadedFile:
    """What the ingest takes from a PDF reader: the text, each line's page and page breaks."""
    text = "\n".join(line for line, _, _ in lines)
    extracted = Extracted(
        text,
        "pdf",
        pages=[page for _, page, _ in lines],
        page_breaks=[breaks for _, _, breaks in lines],
    )
    return LoadedFile(SourceFile("", name), text, "pdf", len(text), 0.0, "", extracted)


def by_text(doc: Document, start: str) -> Paragraph:
    return next(p for p in doc.paragraphs if p.text.startswith(start))


def yearbook_lines() -> list[tuple[str, int, tuple[int, ...]]]:
    return [
        ("# 二〇二三年年鉴工作概况", 1, ()),
        ("## 二、年鉴出版", 1, ()),
        (HEAD + TAIL, 1, (len(HEAD),)),
        (LAST, 2, ()),
    ]


# ---------------------------------------------------------------- ingest: reader's breaks -> paragraph


def test_a_break_inside_a_line_reaches_its_paragraph() -> None:
    doc = build_document(reader_file(yearbook_lines()))
    p = by_text(doc, HEAD)
    assert (p.page, p.page_breaks) == (1, (len(HEAD),))
    assert p.text[len(HEAD) :] == TAIL
    assert [q.page_breaks for q in doc.paragraphs if q is not p] == [(), (), ()]
    assert p.page_at(0) == p.page_at(len(HEAD) - 1) == 1
    assert p.page_at(len(HEAD)) == p.page_at(len(p.text) - 1) == 2
    assert p.to_json()["page_breaks"] == [len(HEAD)]
    assert "page_breaks" not in by_text(doc, LAST).to_json()  # most paragraphs: nothing more


def test_breaks_follow_the_text_the_repairs_changed() -> None:
    # Indentation, the reader's markup, and a pinyin gloss (seven characters) before the break go.
    glossed = "檔(dàng)案工作的进展，" + HEAD
    lines = [
        ("# 标题", 1, ()),
        (
            "## 小节的标题：" + HEAD + TAIL,
            1,
            (len("## 小节的标题：") + len(HEAD),),
        ),  # a heading over two pages
        ("\u3000\u3000" + glossed + TAIL, 2, (2 + len(glossed),)),
        (LAST, 3, ()),
    ]
    doc = build_document(reader_file(lines))
    assert any(r.kind == "pinyin_gloss" and r.count for r in doc.repairs)
    heading = by_text(doc, "小节的标题")
    assert heading.text[heading.page_breaks[0] :] == TAIL
    body = by_text(doc, "檔案工作")
    assert (body.page, len(body.page_breaks)) == (2, 1)
    assert body.text[body.page_breaks[0] :] == TAIL  # the gloss before it is gone: the offset moved
    assert body.page_at(len(body.text) - 1) == 3


FIRST_HALF = "前半段写在第一页上，说明了编纂工作的总体情况，内容较多，编纂的进度"
SECOND_HALF = "安排得当，并且一直写到了下一页的开头，才算结束。"
JOINED: list[tuple[str, int, tuple[int, ...]]] = [
    ("# 一、概况", 1, ()),
    ("\u3000\u3000" + FIRST_HALF, 1, ()),
    ("", 1, ()),
    (SECOND_HALF, 2, ()),  # the page-break rule joins it to the line above: page 2 begins at the join
    ("资料收集工作稳步推进，征集到旧志三十种。", 2, ()),
]


def test_a_paragraph_the_page_break_rule_joins_breaks_at_the_join() -> None:
    doc = build_document(reader_file(JOINED))
    assert any(r.kind == "page_break" and r.count for r in doc.repairs)
    p = by_text(doc, FIRST_HALF)
    assert p.text == FIRST_HALF + SECOND_HALF
    assert (p.page, p.page_breaks) == (1, (len(FIRST_HALF),))
    assert by_text(doc, "资料收集").page_breaks == ()


def test_breaks_are_the_same_without_the_replay(monkeypatch: pytest.MonkeyPatch) -> None:
    import viewer.core.repair.locate as locate

    expected = [(p.text, p.page, p.page_breaks) for p in build_document(reader_file(JOINED)).paragraphs]
    monkeypatch.setattr(locate, "paragraph_raw_lines", lambda *args, **kwargs: None)
    assert [
        (p.text, p.page, p.page_breaks) for p in build_document(reader_file(JOINED)).paragraphs
    ] == expected


def test_a_break_at_either_end_of_a_line_is_no_break_inside_it() -> None:
    lines = [("# 标题", 1, ()), (HEAD, 1, (0, len(HEAD))), (TAIL, 2, ())]
    doc = build_document(reader_file(lines))
    assert all(p.page_breaks == () for p in doc.paragraphs)


def test_a_reader_without_breaks_leaves_none() -> None:
    loaded = reader_file(yearbook_lines())
    assert loaded.extracted is not None
    loaded.extracted.page_breaks = None
    doc = build_document(loaded)
    assert all(p.page_breaks == () for p in doc.paragraphs)
    assert excerpt_pages(doc, [by_text(doc, HEAD).id]) == "1"  # as before: the page it starts on


# ---------------------------------------------------------------- the catalogue keeps them


def test_the_catalogue_keeps_the_breaks(tmp_path: Path) -> None:
    doc = build_document(reader_file(yearbook_lines()))
    with Catalogue.open(tmp_path / "cat", tmp_path) as catalogue:
        with catalogue.batch() as batch:
            batch.put(doc, "", ())
        stored = catalogue.paragraphs(doc.id)
    assert [(p.page, p.page_breaks) for p in stored] == [(p.page, p.page_breaks) for p in doc.paragraphs]
    assert by_text(doc, HEAD).page_breaks  # the test stores something


# ---------------------------------------------------------------- citations


def test_an_excerpt_is_cited_by_the_pages_its_text_is_on() -> None:
    doc = build_document(reader_file(yearbook_lines()))
    p = by_text(doc, HEAD)
    on_two = make_excerpt(doc, p.id, len(HEAD) + 3)
    assert on_two.citation.page == "2"
    whole = make_excerpt(doc, p.id, 0)
    assert whole.citation.page == "1-2"
    on_one = make_excerpt(doc, p.id, 0, end=len(HEAD))  # ends where page 2 begins: all on page 1
    assert on_one.citation.page == "1"
    assert make_excerpt(doc, p.id, len(HEAD) - 1, end=len(HEAD) + 1).citation.page == "1-2"
    last = by_text(doc, LAST)
    assert make_excerpt(doc, p.id, len(HEAD), last.id, 4).citation.page == "2"
    assert make_excerpt(doc, p.id, 5, last.id, 4).citation.page == "1-2"
    assert ": 2." in gbt7714(on_two.citation) and ": 1-2." in gbt7714(whole.citation)
    assert "第2页" in reference(on_two.citation, STYLE_SHORT)
    assert "第1-2页" in reference(whole.citation, STYLE_SHORT)


def test_a_passage_over_paragraphs_ending_at_a_paragraphs_start() -> None:
    doc = build_document(reader_file(yearbook_lines()))
    first, last = by_text(doc, HEAD), by_text(doc, LAST)
    assert excerpt_pages(doc, [first.id, last.id], 0, 0) == "1-2"  # to the end of the one before
    assert excerpt_pages(doc, [first.id, last.id], 0, len(LAST)) == "1-2"
    assert excerpt_pages(doc, [first.id], 0, len(HEAD)) == "1"


def test_a_bookmark_of_the_paragraph_names_both_pages() -> None:
    doc = build_document(reader_file(yearbook_lines()))
    assert citation_data(doc, [by_text(doc, HEAD).id]).page == "1-2"


def test_documents_without_pages_cite_none() -> None:
    doc = build_document(LoadedFile(SourceFile("", "a.txt"), "标题\n\n正文一段。\n", "utf-8", 10, 0.0, ""))
    assert excerpt_pages(doc, [doc.paragraphs[-1].id], 1, 3) == ""


# ---------------------------------------------------------------- end to end: the self-test's yearbook.pdf


def _yearbook_breaks() -> None:
    from viewer.core.formats.pdf import read_pdf

    if read_pdf(YEARBOOK).page_breaks is None:
        pytest.skip("the PDF reader does not give Extracted.page_breaks yet (viewer/core/formats/pdf.py)")


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> str:
    code = main(list(argv))
    out, err = capsys.readouterr()
    assert code == 0, err
    return out


def test_yearbook_pdf_end_to_end(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _yearbook_breaks()
    archive = tmp_path / "archive"
    archive.mkdir()
    (archive / "yearbook.pdf").write_bytes(YEARBOOK.read_bytes())
    opts = ["--archive", str(archive), "--data-dir", str(tmp_path / "data")]
    shown = json.loads(run(capsys, *opts, "show", "yearbook.pdf", "--json"))
    p6 = next(p for p in shown["paragraphs"] if p["id"].endswith("-p6"))
    assert p6["page"] == 1 and len(p6["page_breaks"]) == 1 and 0 < p6["page_breaks"][0] <= 250
    run(capsys, *opts, "excerpt", "add", "yearbook.pdf", "--paragraph", p6["id"], "--start", "250")
    run(capsys, *opts, "excerpt", "add", "yearbook.pdf", "--paragraph", p6["id"])
    cited = {}
    for style in ("gbt7714", "short"):
        out = tmp_path / f"{style}.md"
        run(capsys, *opts, "excerpt", "export", "--format", "md", "--style", style, "-o", str(out))
        cited[style] = [
            line for line in out.read_text(encoding="utf-8").splitlines() if line.startswith("— ")
        ]
    assert len(cited["gbt7714"]) == len(cited["short"]) == 2
    part, whole = cited["gbt7714"]
    assert part.rstrip().endswith(": 2.") and whole.rstrip().endswith(": 1-2.")
    part, whole = cited["short"]
    assert "第2页" in part and "第1-2页" in whole
