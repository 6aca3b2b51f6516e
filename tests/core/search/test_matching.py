"""The per-document evaluation (matching.py) against brute force, on the shapes that stress it.

Each query shape takes a different path: one literal, characters ORed (str.replace), terms ORed,
the lookahead formula (overlapping terms, terms inside terms, regex metacharacters), and the set
fallback (`A OR -B`, section:). Also: separators inside paragraphs, odd paragraph ids, a text cache
too small for the archive, and more per-document formulas than the planner compiles.
"""

from __future__ import annotations

import random
from dataclasses import replace
from pathlib import Path

import pytest

from tests.core.search.brute_force import matching
from tests.core.search.indexing import build_index, engines
from viewer.core.ingest import Archive, ingest_archive
from viewer.core.search import SearchIndex, corpus
from viewer.core.search import matching as matching_module
from viewer.core.search.query import parse_query


def _keys(index: SearchIndex, query: str) -> set[tuple[str, str]]:
    results = index.search(query, limit=None)
    keys = {(h.doc_id, h.paragraph_id) for h in results.hits}
    assert len(keys) == len(results.hits) == results.total_hits, query
    assert results.total_documents == len({h.doc_id for h in results.hits}), query
    return keys


def _assert_exact(index: SearchIndex, archive: Archive, queries: list[str]) -> None:
    for query in queries:
        assert _keys(index, query) == matching(archive.documents, parse_query(query)), query


@pytest.fixture(scope="module")
def corpus_sample(corpus_dir: Path) -> Archive:
    full = ingest_archive(corpus_dir / "poetry")
    return Archive(full.root, full.documents[3::9])


@pytest.fixture(scope="module", params=engines())
def engine(request: pytest.FixtureRequest) -> str:
    return str(request.param)


@pytest.fixture(scope="module")
def corpus_index(tmp_path_factory: pytest.TempPathFactory, corpus_sample: Archive, engine: str):
    index = build_index(corpus_sample.documents, tmp_path_factory.mktemp("ix") / "corpus", engine)
    yield index
    index.close()


SHAPES = [
    # one literal; characters ORed; terms ORed
    "月",
    "明月",
    "春 OR 秋",
    "春 OR 秋 OR 冬 OR 夏",
    "春 OR 𠀀",  # one character absent everywhere
    "明月 OR 春风",
    "明月 OR 月",
    # formulas: overlapping terms, a term inside another, repeated terms
    "明月 月光",
    "明 明月",
    "明月 -明",
    "明 -明月",
    "月光 -明月",
    "月 月",
    "月 OR 月",
    "(春 OR 秋) 月",
    "(春 OR 秋) -(月 OR 风)",
    "风 -雨",
    "春 -秋 -冬",
    "月 -月",
    "(月 OR 风) -月",
    "(山 OR 水) -(风 OR 雨)",
    "花 月 夜",
    "NOT (花 月) 夜",
    "夜 -(花 -月)",
    "((春 风) OR (秋 雨)) -月",
    '"明月 光"',
    # a paragraph without any term satisfies these: the set fallback
    "月 OR -风",
    "-月 OR 风",
    "月 OR NOT (风 OR 雨)",
    # document-level conditions mixed with text
    "月 OR kind:other",
    "月 -kind:other",
    "(月 OR year:1..3000) 风",
    "月 OR title:集",
]


def test_shapes_on_the_corpus(corpus_index: SearchIndex, corpus_sample: Archive) -> None:
    _assert_exact(corpus_index, corpus_sample, SHAPES)


def _overlapping_queries(archive: Archive, count: int, seed: int) -> list[str]:
    """Terms cut from one stretch of text, so they overlap, contain each other, share first chars."""
    rng = random.Random(seed)
    paragraphs = [p.text for d in archive.documents for p in d.paragraphs if len(p.text.strip()) > 6]
    queries = []
    for _ in range(count):
        text = "".join(rng.choice(paragraphs).split()).replace('"', "")
        start = rng.randrange(len(text) - 4)
        stretch = text[start : start + 5]
        pieces = [stretch[i : i + n] for i, n in [(rng.randrange(4), rng.randint(1, 3)) for _ in range(3)]]
        a, b, c = (f'"{p}"' for p in pieces)
        shape = rng.randrange(6)
        queries.append(
            [f"{a} {b}", f"{a} -{b}", f"{a} OR {b}", f"({a} OR {b}) -{c}", f"{a} {b} -{c}", f"{a} OR -{b}"][
                shape
            ]
        )
    return queries


def test_overlapping_terms_on_the_corpus(corpus_index: SearchIndex, corpus_sample: Archive) -> None:
    _assert_exact(corpus_index, corpus_sample, _overlapping_queries(corpus_sample, 150, seed=11))


def test_overlapping_terms_on_the_seeds(tmp_path: Path, seeds_archive: Archive, engine: str) -> None:
    index = build_index(seeds_archive.documents, tmp_path / "ix", engine)
    queries = _overlapping_queries(seeds_archive, 150, seed=5)
    queries += ["section:概况 合作 OR 赤峰", "-section:概况 合作", "(section:概况 OR 赤峰) -通辽"]
    _assert_exact(index, seeds_archive, queries)


def _synthetic(seeds_archive: Archive) -> Archive:
    """A seed document whose paragraphs hold regex metacharacters, separators and odd ids."""
    doc = seeds_archive.documents[0]
    texts = [
        "a.b (c) [d] {e} a*b+c? ^x$ |y| \\z\\ 1-2",
        "赤峰\x1f通辽",  # the folded text's own separator, inside a paragraph
        "通辽\x00赤峰",
        "",
        "MIXED Case ＦＵＬＬ ｗｉｄｔｈ",
        "峰通 峰\n通",
        "axb 1x2 x",  # what the metacharacter queries would match if they were not escaped
    ]
    paragraphs = [
        replace(doc.paragraphs[0], id=f"odd\x1fid {i}" if i == 2 else f"x{i * 7}", ordinal=i * 2, text=t)
        for i, t in enumerate(texts)
    ]
    return Archive(seeds_archive.root, [replace(doc, paragraphs=paragraphs, sections=[])])


def test_metacharacters_separators_and_ids(tmp_path: Path, seeds_archive: Archive, engine: str) -> None:
    archive = _synthetic(seeds_archive)
    index = build_index(archive.documents, tmp_path / "ix", engine)
    queries = [
        '"a.b"',
        "a*b+c?",
        '"(c)"',
        '"[d]"',
        "{e}",
        "^x$",
        "|y|",
        "\\z\\",
        "1-2",
        "赤峰",
        "峰通",  # crosses the separator inside paragraph 1: no hit there
        "赤峰 通辽",
        "赤峰 -通辽",
        "mixed case",
        "full width",
        "峰 OR 通",
        "a OR b OR c",
        '"峰\n通"',
        # metacharacters inside formulas (lookaheads) too
        "a*b+c? 1-2",
        '"a.b" x',
        "a*b+c? x",
        '"1-2" OR "a.b" x',
        '"(c)" -"a.c"',
        '"a.b" -"axb"',
        "^x$ |y| -[d]",
        "a.b OR -\\z",
    ]
    _assert_exact(index, archive, queries)
    hits = index.search("通辽", limit=None).hits
    assert [(h.paragraph_id, h.paragraph_ordinal) for h in hits] == [("x7", 2), ("odd\x1fid 2", 4)]
    assert [h.snippet for h in hits] == ["赤峰\x1f通辽", "通辽\x00赤峰"]
    assert hits[0].matches == [(3, 5)]


def test_a_text_cache_smaller_than_the_archive(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, seeds_archive: Archive
) -> None:
    # Texts are then read per candidate document and the oldest dropped: same results.
    monkeypatch.setattr(corpus, "TEXT_CACHE_CHARS", 2000)
    monkeypatch.setattr(matching_module, "MAX_PLANS", 1)  # presence stops after one formula
    index = build_index(seeds_archive.documents, tmp_path / "ix", "whoosh")
    queries = [
        "赤峰",
        "合作 -赤峰",
        "(赤峰 OR 北京) 合作",
        "区域 OR -合作",
        "的 OR 了 OR 是",
        "year:2015 合作",
    ]
    for _ in range(2):
        _assert_exact(index, seeds_archive, queries)
    snapshot = index.backend._corpus  # the Whoosh backend's text cache
    assert snapshot is not None
    assert snapshot._folded_chars <= 2000 + max(m["length"] for m in snapshot.metas.values())


def test_limit_returns_the_first_hits_of_the_full_list(corpus_index: SearchIndex) -> None:
    for query in ["之", "(春 OR 秋) 月", "月 OR -风"]:
        full = corpus_index.search(query, limit=None)
        for limit in (1, 7, 200):
            part = corpus_index.search(query, limit=limit)
            assert (part.total_hits, part.total_documents) == (full.total_hits, full.total_documents)
            assert [(h.doc_id, h.paragraph_id) for h in part.hits] == [
                (h.doc_id, h.paragraph_id) for h in full.hits[:limit]
            ]
