"""KWIC lines against brute force on the seeds (every match once, exact contexts), sorts, CSV, cancel;
and the year facet's undated entry."""

from __future__ import annotations

import csv
import random
from pathlib import Path

import pytest

from tests.core.search.brute_force import matching
from tests.core.search.indexing import build_index, engines
from tests.core.search.test_backends import _doc
from viewer.core.documents import Document, Paragraph
from viewer.core.folding import fold
from viewer.core.ingest import Archive
from viewer.core.natural_sort import natural_key
from viewer.core.search import SearchIndex
from viewer.core.search.index import with_undated
from viewer.core.search.kwic import KwicLine, kwic, sort_lines, write_kwic_csv
from viewer.core.search.query import parse_query, positive_terms
from viewer.core.search.results import UNDATED
from viewer.errors import Cancelled, UsageError

QUERIES = [
    "合作",
    "区域合作",
    "區",
    "，",
    "的",
    "合作 OR 发展",
    "区域 OR 区域合作",  # overlapping terms: one line per merged span
    '"区域 合作"',
    "发展 year:2015",
    "合作 -year:0..9999",
    "2",
]


@pytest.fixture(scope="module", params=engines())
def engine(request: pytest.FixtureRequest) -> str:
    return str(request.param)


@pytest.fixture(scope="module")
def seeds_index(tmp_path_factory: pytest.TempPathFactory, seeds_archive: Archive, engine: str):
    index = build_index(seeds_archive.documents, tmp_path_factory.mktemp("kwic") / "seeds", engine)
    yield index
    index.close()


def _occurrences(needle: str, haystack: str) -> list[tuple[int, int]]:
    """Non-overlapping occurrences, left to right (written apart from folding.find_all on purpose)."""
    spans, at = [], 0
    while needle and (at := haystack.find(needle, at)) >= 0:
        spans.append((at, at + len(needle)))
        at += len(needle)
    return spans


def _merged(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    for start, end in sorted(spans):
        if out and start < out[-1][1]:
            out[-1] = (out[-1][0], max(end, out[-1][1]))
        else:
            out.append((start, end))
    return out


def _brute_lines(documents: list[Document], query: str, width: int) -> dict[tuple[str, str, int], tuple]:
    """(doc, paragraph, start) -> (end, left, keyword, right) for every match of every matching paragraph."""
    tree = parse_query(query)
    terms = [t.folded for t in positive_terms(tree)]
    keys = matching(documents, tree)
    expected = {}
    for doc in documents:
        for p in doc.paragraphs:
            if (doc.id, p.id) not in keys:
                continue
            folded = fold(p.text)
            for start, end in _merged([s for term in terms for s in _occurrences(term, folded)]):
                left = p.text[max(0, start - width) : start].replace("\n", " ")
                right = p.text[end : end + width].replace("\n", " ")
                expected[(doc.id, p.id, start)] = (end, left, p.text[start:end], right)
    return expected


@pytest.mark.parametrize("width", [20, 3])
def test_every_match_once_with_its_contexts(
    seeds_index: SearchIndex, seeds_archive: Archive, width: int
) -> None:
    documents = list(seeds_archive.documents)
    for query in QUERIES:
        result = kwic(seeds_index, query, width=width)
        expected = _brute_lines(documents, query, width)
        got = {(x.doc_id, x.paragraph_id, x.start): (x.end, x.left, x.keyword, x.right) for x in result.lines}
        assert len(got) == len(result.lines), f"{query}: a match listed twice"
        assert got == expected, query
        assert not result.truncated and result.total_matches_seen == len(expected), query
        assert result.total_hits == seeds_index.search(query, limit=0).total_hits
        assert all(len(x.left) <= width and len(x.right) <= width for x in result.lines)


def test_lines_follow_result_order(seeds_index: SearchIndex) -> None:
    result = kwic(seeds_index, "合作 OR 发展", page_size=7)
    hits = seeds_index.search("合作 OR 发展", limit=None).hits
    expected = [(h.doc_id, h.paragraph_id, s) for h in hits for s, _e in h.matches]
    assert [(x.doc_id, x.paragraph_id, x.start) for x in result.lines] == expected
    assert [x.rank for x in result.lines] == list(range(len(result.lines)))
    assert result.hits_seen == len(hits) == result.total_hits
    by_hit = {(h.doc_id, h.paragraph_id): h for h in hits}
    line = result.lines[0]
    hit = by_hit[(line.doc_id, line.paragraph_id)]
    assert (line.source, line.title, line.year, line.kind, line.ordinal) == (
        hit.source,
        hit.title,
        hit.year,
        hit.kind,
        hit.paragraph_ordinal,
    )


def test_limit_truncates_and_says_so(seeds_index: SearchIndex) -> None:
    whole = kwic(seeds_index, "的")
    assert len(whole.lines) > 12
    for limit in (0, 1, 5, 12):
        part = kwic(seeds_index, "的", limit=limit, page_size=3)
        assert part.lines == whole.lines[:limit]
        assert part.truncated and part.total_matches_seen >= limit
        assert part.total_hits == whole.total_hits and part.hits_seen < whole.total_hits
    exact = kwic(seeds_index, "的", limit=len(whole.lines))
    assert not exact.truncated and exact.lines == whole.lines


def test_document_queries_have_no_lines(seeds_index: SearchIndex) -> None:
    result = kwic(seeds_index, "kind:newspaper")
    assert result.lines == [] and result.total_hits == 2 and not result.truncated


def test_cancel_and_progress(seeds_index: SearchIndex) -> None:
    with pytest.raises(Cancelled):
        kwic(seeds_index, "的", cancelled=lambda: True)
    calls = []

    def after_first_page() -> bool:
        calls.append(1)
        return len(calls) > 1

    with pytest.raises(Cancelled):
        kwic(seeds_index, "的", page_size=5, cancelled=after_first_page)
    reports: list[tuple[int, int]] = []
    result = kwic(
        seeds_index, "的", page_size=5, progress=lambda done, total, _m: reports.append((done, total))
    )
    assert reports[0] == (0, result.total_hits) and reports[-1] == (result.total_hits, result.total_hits)
    assert [d for d, _ in reports] == sorted(d for d, _ in reports)


def test_bad_arguments(seeds_index: SearchIndex) -> None:
    with pytest.raises(UsageError):
        kwic(seeds_index, "的", width=-1)
    with pytest.raises(UsageError):
        sort_lines([], "colour")


def test_line_breaks_become_spaces_and_odd_ordinals(tmp_path: Path) -> None:
    plain = _doc("a.txt", ["甲乙\n丙丁戊\r\n己", "x"], title="A", kind="other")
    odd = _doc("b.txt", ["无", "丙丁 二"], title="B", kind="other", year=2001)
    # Paragraph ordinals that are not their positions (a catalogue may store them so).
    odd.paragraphs = [Paragraph(p.id, p.ordinal + 10, p.text) for p in odd.paragraphs]
    index = build_index([plain, odd], tmp_path / "ix")
    try:
        lines = sort_lines(kwic(index, "丙丁", width=3).lines, "document")
    finally:
        index.close()
    assert [(x.source, x.left, x.keyword, x.right, x.ordinal) for x in lines] == [
        ("a.txt", "甲乙 ", "丙丁", "戊  ", 0),
        ("b.txt", "", "丙丁", " 二", 11),
    ]


def _line(
    left: str, keyword: str, right: str, rank: int, source: str = "a.txt", ordinal: int = 0
) -> KwicLine:
    return KwicLine(
        "d" + source, source, "T", None, "other", f"p{ordinal}", ordinal, 0, 1, left, keyword, right, rank
    )


def test_left_sort_reads_from_the_keyword_outwards() -> None:
    lines = [
        _line("xba", "K", "", 0),
        _line("xab", "K", "", 1),
        _line("xca", "K", "", 2),
        _line("a", "K", "", 3),
    ]
    # By the character nearest the keyword, then the next one out: a, a(b…), a(c…), then b.
    assert [x.rank for x in sort_lines(lines, "left")] == [3, 0, 2, 1]
    assert [x.rank for x in sort_lines(lines, "left", descending=True)] == [1, 2, 0, 3]
    # Folded: the traditional form sorts with the simplified one.
    folded = [_line("區", "K", "", 0), _line("甲", "K", "", 1), _line("区", "K", "", 2)]
    assert [x.rank for x in sort_lines(folded, "left")] == [0, 2, 1]


def test_sorts_on_the_seeds(seeds_index: SearchIndex) -> None:
    lines = kwic(seeds_index, "合作 OR 发展").lines
    shuffled = list(lines)
    random.Random(3).shuffle(shuffled)
    assert sort_lines(shuffled, "order") == lines
    left = [fold(x.left)[::-1] for x in sort_lines(shuffled, "left")]
    assert left == sorted(left)
    right = [fold(x.right) for x in sort_lines(shuffled, "right")]
    assert right == sorted(right)
    keyword = [(fold(x.keyword), fold(x.right)) for x in sort_lines(shuffled, "keyword")]
    assert keyword == sorted(keyword)
    document = [(natural_key(x.source), x.ordinal, x.start) for x in sort_lines(shuffled, "document")]
    assert document == sorted(document)
    for key in ("left", "right", "keyword", "document"):  # a total order: the shuffle does not matter
        assert sort_lines(shuffled, key) == sort_lines(lines, key)


def test_csv_round_trips(seeds_index: SearchIndex, tmp_path: Path) -> None:
    lines = [*kwic(seeds_index, "合作").lines, _line('a "quoted", comma', "K", "=1+1", 99)]
    path = tmp_path / "out" / "kwic.csv"
    size = write_kwic_csv(lines, path)
    data = path.read_bytes()
    assert size == len(data) and data.startswith(b"\xef\xbb\xbf")
    assert not [p for p in path.parent.iterdir() if p.name != "kwic.csv"]  # no temp file left
    with open(path, encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.reader(handle))
    assert rows[0] == ["document", "source", "paragraph", "left", "keyword", "right", "year", "kind"]
    assert rows[1:-1] == [
        [x.title, x.source, str(x.ordinal + 1), x.left, x.keyword, x.right, str(x.year or ""), x.kind]
        for x in lines[:-1]
    ]
    assert rows[-1] == ["T", "a.txt", "1", 'a "quoted", comma', "K", "'=1+1", "", "other"]  # no formula


# ---------------------------------------------------------------- the year facet's undated entry


@pytest.mark.parametrize(
    "query", ["合作", "的", "kind:newspaper", "发展 year:2015", "合作 -year:0..9999", "a"]
)
def test_undated_documents_are_counted(seeds_index: SearchIndex, seeds_archive: Archive, query: str) -> None:
    docs = seeds_archive.by_id()
    matched = {d for d, _ in matching(seeds_archive.documents, parse_query(query))}
    results = seeds_index.search(query, limit=0)
    undated = sum(1 for d in matched if docs[d].year is None)
    dated = {str(docs[d].year) for d in matched if docs[d].year is not None}
    years = results.facets["year"]
    assert years.get(UNDATED, 0) == undated
    assert (UNDATED in years) == bool(undated)
    assert set(years) - {UNDATED} == dated
    assert sum(years.values()) == results.total_documents == len(matched)
    if undated:
        assert list(years)[-1] == UNDATED  # after the years


def test_minus_any_year_selects_the_undated(seeds_index: SearchIndex) -> None:
    whole = seeds_index.search("合作", limit=0).facets["year"]
    only = seeds_index.search("合作 -year:0..9999", limit=0).facets["year"]
    assert only == {UNDATED: whole[UNDATED]}


def test_with_undated_keeps_what_it_is_given() -> None:
    facets = {"kind": {"other": 3}, "year": {"2015": 1, "2014": 1}}
    assert with_undated(facets, 3) == {"kind": {"other": 3}, "year": {"2015": 1, "2014": 1, UNDATED: 1}}
    assert facets["year"] == {"2015": 1, "2014": 1}  # not changed in place
    assert with_undated(facets, 2) is facets
    assert with_undated({"kind": {}, "year": {}}, 0) == {"kind": {}, "year": {}}
