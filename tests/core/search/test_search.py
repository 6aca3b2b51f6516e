"""Search end to end on the seeds and the corpus: exactness against brute force, hits, ranking."""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from tests.core.search.brute_force import matching
from tests.core.search.indexing import build_index, engines
from viewer.core.convert import convert
from viewer.core.ingest import Archive, ingest_archive
from viewer.core.search import SearchIndex, find_matches, fold
from viewer.core.search.query import parse_query
from viewer.core.search.results import UNDATED
from viewer.errors import QuerySyntaxError, UsageError


@pytest.fixture(scope="module", params=engines())
def engine(request: pytest.FixtureRequest) -> str:
    return str(request.param)


@pytest.fixture(scope="module")
def seeds_index(tmp_path_factory: pytest.TempPathFactory, seeds_archive: Archive, engine: str):
    index = build_index(seeds_archive.documents, tmp_path_factory.mktemp("ix") / "seeds", engine)
    yield index
    index.close()


@pytest.fixture(scope="module")
def corpus_sample(corpus_dir: Path) -> Archive:
    full = ingest_archive(corpus_dir / "poetry")
    return Archive(full.root, full.documents[::6])


@pytest.fixture(scope="module")
def corpus_index(tmp_path_factory: pytest.TempPathFactory, corpus_sample: Archive, engine: str):
    index = build_index(corpus_sample.documents, tmp_path_factory.mktemp("ix") / "corpus", engine)
    yield index
    index.close()


def _hit_keys(index: SearchIndex, query: str) -> set[tuple[str, str]]:
    results = index.search(query, limit=None)
    keys = {(h.doc_id, h.paragraph_id) for h in results.hits}
    assert len(keys) == len(results.hits) == results.total_hits
    assert results.total_documents == len({h.doc_id for h in results.hits})
    return keys


def _random_queries(archive: Archive, count: int, seed: int) -> list[str]:
    """Substrings of real paragraphs (1-6 characters, either script), single and combined."""
    rng = random.Random(seed)
    paragraphs = [p.text for d in archive.documents for p in d.paragraphs if p.text.strip()]

    def term() -> str:
        text = rng.choice(paragraphs)
        size = rng.randint(1, 6)
        start = rng.randrange(max(1, len(text) - size + 1))
        piece = "".join(text[start : start + size].split()).replace('"', "") or "之"
        if rng.random() < 0.3:
            piece = convert(piece, rng.choice(["s2t", "t2s"]))
        if any(ch in piece for ch in '()":-') or piece in ("OR", "AND", "NOT"):
            piece = f'"{piece}"'  # quoted: the query language's own characters are text here
        return piece

    docs = archive.documents
    queries = []
    for _ in range(count):
        shape = rng.randrange(9)
        a, b, c = term(), term(), term()
        if shape <= 2:
            queries.append(a)
        elif shape == 3:
            queries.append(f"{a} {b}")
        elif shape == 4:
            queries.append(f"{a} OR {b}")
        elif shape == 5:
            queries.append(f"{a} -{c}")
        elif shape == 6:
            queries.append(f"({a} OR {b}) -{c}")
        elif shape == 7:
            doc = rng.choice(docs)
            queries.append(f"{c} kind:{doc.kind}" if rng.random() < 0.5 else f"{c} -kind:{doc.kind}")
        else:
            doc = rng.choice(docs)
            title = (doc.title or "之")[:2].replace('"', "")
            queries.append(f'{b} title:"{title}"')
    return queries


EXTRA_SEED_QUERIES = [
    "区域合作",
    "協同發展",
    "赤峰",
    "通遼 赤峰",
    "赤峰 -通辽",
    '"双子星座"',
    "，",
    "的",
    "2014",
    "(赤峰 OR 北京) 合作",
    "year:2015",
    "year:2014..2023",
    "kind:yearbook",
    "-kind:newspaper 赤峰",
    "author:张",
    "section:概況",
    "section:概况 合作",
    "title:赤峰",
    "赤峰 NOT (通辽 OR 北京)",
    "year:2023 OR 京蒙",
    "不存在的词语",
    "kind:newspaper -北京",
]


def test_acceptance_examples(seeds_index: SearchIndex, seeds_archive: Archive) -> None:
    notice = seeds_archive.find("001_8bc3bdda47a0d5aa.txt")
    yearbook = seeds_archive.find("000_7afbcf673c75e218.txt")
    results = seeds_index.search("区域合作")
    hits = [h for h in results.hits if h.doc_id == notice.id]
    assert hits
    for hit in hits:
        text = notice.paragraph(hit.paragraph_id).text
        assert next(text[s:e] for s, e in hit.matches) == "區域合作"
        assert "區域合作" in hit.snippet
        s, e = hit.snippet_matches[0]
        assert hit.snippet[s:e] == "區域合作"
    results = seeds_index.search("協同發展")
    hits = [h for h in results.hits if h.doc_id == yearbook.id]
    assert hits
    text = yearbook.paragraph(hits[0].paragraph_id).text
    assert "协同发展" in [text[s:e] for s, e in hits[0].matches]


def test_equals_brute_force_on_the_seeds(seeds_index: SearchIndex, seeds_archive: Archive) -> None:
    queries = EXTRA_SEED_QUERIES + _random_queries(seeds_archive, 250, seed=3)
    for query in queries:
        expected = matching(seeds_archive.documents, parse_query(query))
        assert _hit_keys(seeds_index, query) == expected, query


def test_equals_brute_force_on_the_corpus(corpus_index: SearchIndex, corpus_sample: Archive) -> None:
    queries = [
        "之",
        "月",
        "明月",
        "春 OR 秋",
        "风 -雨",
        "(春 OR 秋) 月 -风",
        "李白",
        "長安",
        "不知 何处",
        *_random_queries(corpus_sample, 120, seed=7),
    ]
    for query in queries:
        expected = matching(corpus_sample.documents, parse_query(query))
        assert _hit_keys(corpus_index, query) == expected, query


def test_matches_are_offsets_into_the_original_paragraph(
    seeds_index: SearchIndex, seeds_archive: Archive
) -> None:
    docs = seeds_archive.by_id()
    for query in ["赤峰", "協同 發展", "京蒙 OR 區域"]:
        terms = {fold(t) for t in query.replace("OR", " ").split()}
        for hit in seeds_index.search(query, limit=None).hits:
            text = docs[hit.doc_id].paragraph(hit.paragraph_id).text
            assert hit.matches == sorted(hit.matches)
            assert {fold(text[s:e]) for s, e in hit.matches} == {t for t in terms if t in fold(text)}
            for s, e in hit.snippet_matches:
                assert fold(hit.snippet[s:e]) in terms


def test_hits_are_grouped_by_document_in_reading_order(seeds_index: SearchIndex) -> None:
    hits = seeds_index.search("合作", limit=None).hits
    order: list[str] = []
    for hit in hits:
        if not order or order[-1] != hit.doc_id:
            assert hit.doc_id not in order, "a document's hits must be consecutive"
            order.append(hit.doc_id)
    for doc_id in order:
        ordinals = [h.paragraph_ordinal for h in hits if h.doc_id == doc_id]
        assert ordinals == sorted(ordinals)
    scores = [next(h.score for h in hits if h.doc_id == d) for d in order]
    assert scores == sorted(scores, reverse=True)


def test_title_matches_rank_higher(seeds_index: SearchIndex, seeds_archive: Archive) -> None:
    results = seeds_index.search("北京")
    assert results.hits[0].source == "004_190cf7dfcffd7ea5.txt"  # 北京刮起赤峰“风”


def test_sort_by_year(seeds_index: SearchIndex) -> None:
    hits = seeds_index.search("合作", sort="year", limit=None).hits
    years = [h.year for h in hits]
    dated = [y for y in years if y is not None]
    assert dated == sorted(dated, reverse=True)
    assert years[: len(dated)] == dated  # undated documents last


def test_facets_and_limit(seeds_index: SearchIndex, seeds_archive: Archive) -> None:
    results = seeds_index.search("合作", limit=3)
    assert len(results.hits) == 3
    assert results.total_hits > 3
    assert sum(results.facets["kind"].values()) == results.total_documents
    docs = seeds_archive.by_id()
    matched = {h.doc_id for h in seeds_index.search("合作", limit=None).hits}
    undated = {UNDATED: n} if (n := sum(docs[d].year is None for d in matched)) else {}
    assert results.facets["year"] == {str(y): 1 for y in {docs[d].year for d in matched} if y} | undated


def test_empty_results_explain_themselves(seeds_index: SearchIndex) -> None:
    results = seeds_index.search("量子纠缠态")
    assert results.total_hits == 0 and not results.hits
    assert "量子纠缠态" in results.explanation
    results = seeds_index.search("赤峰 year:1990")
    assert "field filters" in results.explanation


def test_bad_queries_raise_clear_errors(seeds_index: SearchIndex) -> None:
    with pytest.raises(QuerySyntaxError, match="Missing"):
        seeds_index.search("(赤峰")
    with pytest.raises(UsageError):
        seeds_index.search("赤峰", sort="size")


def test_document_level_queries_return_one_hit_per_document(seeds_index: SearchIndex) -> None:
    results = seeds_index.search("kind:newspaper")
    assert results.total_documents == 2 == len(results.hits)
    assert all(h.matches == [] and h.paragraph_ordinal == 0 for h in results.hits)


def test_single_characters_and_punctuation(seeds_index: SearchIndex, seeds_archive: Archive) -> None:
    for query in ["區", "区", "“", "2", "a"]:
        assert _hit_keys(seeds_index, query) == matching(seeds_archive.documents, parse_query(query))


def test_find_matches_in_a_seed_document(seeds_archive: Archive) -> None:
    notice = seeds_archive.find("001_8bc3bdda47a0d5aa.txt")
    spans = find_matches("区域合作", notice.text)
    assert spans and all(notice.text[s:e] == "區域合作" for s, e in spans)


def test_pages_cover_every_hit_once(seeds_index: SearchIndex) -> None:
    everything = seeds_index.search("合作", limit=None)
    paged = []
    offset = 0
    while True:
        page = seeds_index.search("合作", offset=offset, limit=7)
        assert (page.total_hits, page.total_documents, page.facets) == (
            everything.total_hits,
            everything.total_documents,
            everything.facets,
        )
        if not page.hits:
            break
        paged.extend((h.doc_id, h.paragraph_id) for h in page.hits)
        offset += 7
    assert paged == [(h.doc_id, h.paragraph_id) for h in everything.hits]
    assert len(paged) == everything.total_hits
