"""Every search backend against brute force: hits, totals, facets, order, paging, updates, cancelling."""

from __future__ import annotations

import json
import random
from collections import Counter
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pytest

from tests import sphinx_cluster
from tests.core.search.brute_force import matching
from tests.core.search.test_search import EXTRA_SEED_QUERIES, _random_queries
from viewer.core.documents import Document, Paragraph, Section, document_id
from viewer.core.ingest import Archive, ingest_archive
from viewer.core.progress import never, no_progress
from viewer.core.search.backend import (
    STATE_MISSING,
    STATE_READY,
    STATE_SCHEMA_CHANGED,
    Page,
    SearchBackend,
)
from viewer.core.search.engines import CLUSTER_ENGINE, available_engines, open_backend
from viewer.core.search.query import And, Kind, Node, Not, Or, Text, Year, parse_query
from viewer.errors import Cancelled, UsageError

DOCUMENT_QUERIES = [
    "kind:yearbook",
    "folder:hand",
    "folder:宋词 OR folder:hand/",
    "folder:全唐诗 -kind:other",
    "kind:newspaper -北京",
    "title:通知 -赤峰",
    "title:通知 -赤峰 -通辽",
    "author:张",
    "author:王晓飞",
    "author:三李",  # must not span two authors
    "section:概况",
    "section:概況 OR kind:yearbook",
    "year:2015",
    "year:2014..2023",
    "year:..2015 -kind:yearbook",
    "year:2016..",
    "-kind:other year:2014..2023",
    "(title:通知 OR author:张) -year:2015",
    "kind:other -之",
    "kind:yearbook OR -(kind:other OR kind:newspaper)",
    "title:唐 OR title:宋",
    "-kind:yearbook title:诗",
]
PARAGRAPH_QUERIES = [
    "明 folder:hand/deep",
    "山 folder:全唐詩",  # the folder's name in the other script
    "之 -folder:hand",
    "月 OR folder:hand",
    "赤峰 OR 北京",
    "合作 -(赤峰 OR 通辽)",
    '"区域 合作"',
    '"赤峰 通辽"',
    '"之 "',
    "月 title:唐",
    "月 -title:唐",
    "风 author:李",
    "合作 section:概况",
    "合作 -section:概况",
    "月 OR section:概况",
    "赤峰 OR kind:newspaper",
    "月 OR -风",
    "-(-赤峰)",
    "之 year:2015",
    "合作 -year:2015",
    "合 OR 作 OR 区",
    "，",
    "。 -，",
    "x",
    "a",
    "xyz 之",
    "明月",
    "長安 OR 长安",
    "(春 OR 秋) 月 -风",
    "不知 何处",
    "三李",
    "三 李",
]


def _doc(source: str, texts: list[str], **fields: object) -> Document:
    """A processed document made by hand, for shapes the archives lack."""
    doc_id = document_id(source)
    paragraphs = [Paragraph(f"{doc_id}-p{i}", i, text) for i, text in enumerate(texts)]
    sections: list[Section] = list(fields.pop("sections", []))  # type: ignore[call-overload]
    for section in sections:
        for pid in section.paragraph_ids:
            next(p for p in paragraphs if p.id == pid).section = section.id
    text = "\n".join(texts)
    return Document(
        doc_id,
        source,
        "utf-8",
        text,
        text,
        len(text),
        0.0,
        "0" * 64,
        paragraphs=paragraphs,
        sections=sections,
        **fields,
    )  # type: ignore[arg-type]


def _synthetic() -> list[Document]:
    first = document_id("hand/a.txt")
    return [
        _doc(
            "hand/a.txt",
            ["张三李四", "", "a b\nc", "赤峰\x1f通辽 x", "之之之 ", "   "],
            title="手工 之 通知",
            authors=["张三", "李四"],
            kind="official_notice",
            year=2016,
            sections=[
                Section("s1", "一、概况 之", 1, None, [f"{first}-p0", f"{first}-p1"]),
                Section("s2", "二、其他", 1, None, [f"{first}-p3"]),
            ],
        ),
        _doc("hand/empty.txt", [], title="没有段落 通知", kind="yearbook", year=2015),
        _doc("top.txt", ["月明 之 風", "x"], title="", authors=["三"], kind="other"),
        _doc(
            "hand/deep/b.txt",
            ["明月 之", "明 月"],
            title="唐 月",
            authors=["李"],
            kind="journal_article",
            year=1990,
        ),
    ]


@pytest.fixture(scope="module")
def documents(seeds_archive: Archive, corpus_dir: Path) -> list[Document]:
    sample = ingest_archive(corpus_dir / "poetry").documents[::6]
    return list(seeds_archive.documents) + sample + _synthetic()


# Every engine that can run here: the local ones, and a SphinxQL cluster where searchd is installed.
ENGINES = available_engines() + ([CLUSTER_ENGINE] if sphinx_cluster.available() else [])


@pytest.fixture(scope="module", params=ENGINES)
def engine(request: pytest.FixtureRequest) -> str:
    return str(request.param)


def _open(engine: str, directory: Path) -> SearchBackend:
    """The engine's index in `directory` (for the cluster: this directory's archive on the test cluster)."""
    servers = sphinx_cluster.servers() if engine == CLUSTER_ENGINE else None
    return open_backend(engine, directory, servers)


@pytest.fixture(scope="module")
def backend(
    tmp_path_factory: pytest.TempPathFactory, engine: str, documents: list[Document]
) -> Iterator[SearchBackend]:
    directory = tmp_path_factory.mktemp("backend") / engine
    created = _open(engine, directory)
    assert created.health.state == STATE_MISSING
    assert created.identity == ""
    created.update(documents, [], reset=True, progress=no_progress, cancelled=never, total=len(documents))
    assert created.health.ready, created.health
    yield created
    created.close()


def _keys(page: Page, docs: dict[str, Document]) -> list[tuple[str, str]]:
    return [(h.doc_id, docs[h.doc_id].paragraphs[h.paragraph].id) for h in page.hits]


def _brute_facets(docs: dict[str, Document], expected: set[tuple[str, str]]) -> dict[str, dict[str, int]]:
    matched = [docs[d] for d in {d for d, _ in expected}]
    years = Counter(str(d.year) for d in matched if d.year is not None)
    folders = Counter(d.source.rpartition("/")[0] for d in matched)
    return {"kind": dict(Counter(d.kind for d in matched)), "year": dict(years), "folder": dict(folders)}


def _assert_page(
    backend: SearchBackend, documents: list[Document], tree: Node, label: str, sort: str
) -> Page:
    """The whole result (limit None) equals brute force, with its totals, facets and order."""
    docs = {d.id: d for d in documents}
    page = backend.search(tree, limit=None, sort=sort)
    keys = _keys(page, docs)
    expected = matching(documents, tree)
    assert set(keys) == expected, label
    assert len(keys) == len(expected) == page.total_hits, label
    assert page.total_documents == len({d for d, _ in expected}), label
    facets = _brute_facets(docs, expected)
    assert page.facets == facets, label
    kinds = list(page.facets["kind"].values())
    assert kinds == sorted(kinds, reverse=True), label
    years = [int(y) for y in page.facets["year"]]
    assert years == sorted(years, reverse=True), label
    # Grouped by document, each document's hits in reading order, documents in rank order.
    order: list[str] = []
    for hit in page.hits:
        if not order or order[-1] != hit.doc_id:
            assert hit.doc_id not in order, f"{label}: hits of a document are not consecutive"
            order.append(hit.doc_id)
    for doc_id in order:
        indexes = [h.paragraph for h in page.hits if h.doc_id == doc_id]
        assert indexes == sorted(set(indexes)), label
    first = {h.doc_id: h.score for h in reversed(page.hits)}
    if sort == "relevance":
        ranks = [(-first[d], docs[d].source) for d in order]
    else:
        ranks = [(docs[d].year is None, -(docs[d].year or 0), -first[d], docs[d].source) for d in order]
    assert ranks == sorted(ranks), label
    return page


def test_equals_brute_force(backend: SearchBackend, documents: list[Document]) -> None:
    archive = Archive(Path("."), documents)
    queries = (
        EXTRA_SEED_QUERIES + DOCUMENT_QUERIES + PARAGRAPH_QUERIES + _random_queries(archive, 160, seed=11)
    )
    for query in queries:
        _assert_page(backend, documents, parse_query(query), query, "relevance")


def test_trees_the_parser_refuses(backend: SearchBackend, documents: list[Document]) -> None:
    # Only-negative queries are refused by parse_query, but a backend still evaluates them exactly.
    for tree in [
        Not(Kind("other")),
        Not(Or((Kind("other"), Kind("newspaper")))),
        Not(Text("之", "之")),
        And((Not(Text("之", "之")), Not(Year(None, 2015)))),
    ]:
        _assert_page(backend, documents, tree, str(tree), "relevance")


def test_document_mode_returns_the_first_paragraph(backend: SearchBackend, documents: list[Document]) -> None:
    for query in DOCUMENT_QUERIES:
        page = backend.search(parse_query(query), limit=None)
        assert all(h.paragraph == 0 for h in page.hits), query
        assert page.total_hits == page.total_documents == len(page.hits), query
    assert backend.search(parse_query("kind:yearbook"), limit=None).total_documents >= 1
    assert backend.search(parse_query("title:没有段落"), limit=None).total_hits == 0  # no paragraphs


def test_sort_by_year(backend: SearchBackend, documents: list[Document]) -> None:
    for query in ["合作", "之", "月 OR 赤峰", "kind:newspaper OR kind:yearbook", "year:1900.. -kind:other"]:
        page = _assert_page(backend, documents, parse_query(query), query, "year")
        docs = {d.id: d for d in documents}
        years = [docs[h.doc_id].year for h in page.hits]
        dated = [y for y in years if y is not None]
        assert years[: len(dated)] == dated and dated == sorted(dated, reverse=True)


def test_pages_of_seven_make_the_whole(backend: SearchBackend, documents: list[Document]) -> None:
    archive = Archive(Path("."), documents)
    queries = [
        "之",
        "合作",
        "kind:other",
        "月 OR -风",
        "赤峰 OR kind:newspaper",
        *_random_queries(archive, 15, seed=5),
    ]
    rng = random.Random(8)
    for query in queries:
        tree = parse_query(query)
        for sort in ("relevance", "year"):
            whole = backend.search(tree, limit=None, sort=sort)
            offsets = list(range(0, whole.total_hits + 7, 7))
            if len(offsets) > 60:  # a broad query: its first and last pages and some between
                offsets = offsets[:25] + sorted(rng.sample(offsets[25:-10], 15)) + offsets[-10:]
            pages = []
            for offset in offsets:
                page = backend.search(tree, offset=offset, limit=7, sort=sort)
                assert (page.total_hits, page.total_documents, page.facets) == (
                    whole.total_hits,
                    whole.total_documents,
                    whole.facets,
                ), query
                assert len(page.hits) == max(0, min(7, whole.total_hits - offset)), query
                assert page.hits == whole.hits[offset : offset + 7], (query, offset)
                pages.extend(page.hits)
            if len(offsets) * 7 >= whole.total_hits:
                assert pages == whole.hits, query


def test_random_offsets_and_limits(backend: SearchBackend) -> None:
    rng = random.Random(2)
    for query in ["之", "月", "(春 OR 秋) 月 -风", "kind:other"]:
        tree = parse_query(query)
        whole = [(h.doc_id, h.paragraph) for h in backend.search(tree, limit=None).hits]
        for _ in range(20):
            offset, limit = rng.randrange(len(whole) + 3), rng.choice([0, 1, 2, 50, 500])
            page = backend.search(tree, offset=offset, limit=limit)
            assert [(h.doc_id, h.paragraph) for h in page.hits] == whole[offset : offset + limit], query


def test_unknown_sort(backend: SearchBackend) -> None:
    with pytest.raises(UsageError):
        backend.search(parse_query("之"), sort="size")


def test_title_matches_rank_higher(backend: SearchBackend, documents: list[Document]) -> None:
    page = backend.search(parse_query("北京"), limit=1)
    assert {d.id: d for d in documents}[page.hits[0].doc_id].source == "004_190cf7dfcffd7ea5.txt"


# ---------------------------------------------------------------- updating


def _edited(doc: Document, suffix: str) -> Document:
    paragraphs = [replace(p, text=p.text + suffix) for p in doc.paragraphs]
    return replace(doc, paragraphs=paragraphs, title=doc.title + suffix)


def _update(backend: SearchBackend, upserts: list[Document], removed: list[str], **kwargs: object) -> None:
    backend.update(upserts, removed, progress=no_progress, cancelled=never, **kwargs)  # type: ignore[arg-type]


UPDATE_QUERIES = [
    "之",
    "赤峰",
    "月 OR 合作",
    "改过",
    "title:改过",
    "kind:yearbook",
    "新加的 OR 赤峰",
    "-kind:other 之",
]


def _assert_all(backend: SearchBackend, documents: list[Document]) -> None:
    for query in UPDATE_QUERIES:
        _assert_page(backend, documents, parse_query(query), query, "relevance")


def test_incremental_update(tmp_path: Path, engine: str, seeds_archive: Archive, corpus_dir: Path) -> None:
    sample = ingest_archive(corpus_dir / "poetry").documents[::40]
    docs = list(seeds_archive.documents) + sample + _synthetic()
    backend = _open(engine, tmp_path / engine)
    _update(backend, docs, [], reset=True)
    identity = backend.identity
    _assert_all(backend, docs)

    changed = [_edited(docs[0], "改过"), _edited(docs[7], "改过"), replace(docs[-1], paragraphs=[])]
    added = [_doc("new/n.txt", ["新加的 赤峰", "之"], title="新加的", kind="yearbook", year=2020)]
    removed = [docs[3].id, docs[9].id]
    after = [d for d in docs if d.id not in removed and d.id not in {c.id for c in changed}] + changed + added
    _update(backend, changed + added, removed)
    assert backend.identity == identity
    _assert_all(backend, after)
    assert backend.search(parse_query("新加的"), limit=None).total_documents == 1

    # Sending the same documents again is harmless; removing what is not there too.
    _update(backend, changed + added, ["not-a-document"])
    _assert_all(backend, after)
    backend.close()

    reopened = _open(engine, tmp_path / engine)
    assert reopened.health.ready and reopened.identity == identity
    _assert_all(reopened, after)
    assert reopened.check().ready

    # A reset starts anew: a new identity, only the documents sent, the old generation gone.
    old_generation = getattr(reopened, "live_generation", lambda: None)()
    _update(reopened, docs[:5], [], reset=True)
    assert reopened.identity not in ("", identity)
    _assert_all(reopened, docs[:5])
    if engine == CLUSTER_ENGINE:  # the old generation's rows are gone from every shard
        live = sum(len(d.paragraphs) for d in docs[:5])
        assert sphinx_cluster.stored_rows(reopened, reopened.live_generation()) == live  # type: ignore[attr-defined]
        assert sphinx_cluster.stored_rows(reopened, old_generation) == 0
    else:
        generations = [p for p in (tmp_path / engine).iterdir() if p.is_dir()]
        assert len(generations) == 1, generations
    reopened.close()


def _cancel_after(count: int) -> tuple[list[int], object]:
    calls = [0]

    def cancelled() -> bool:
        calls[0] += 1
        return calls[0] > count

    return calls, cancelled


@pytest.mark.parametrize("reset", [False, True])
def test_cancel_leaves_the_index_as_it_was(
    tmp_path: Path, engine: str, seeds_archive: Archive, reset: bool
) -> None:
    docs = list(seeds_archive.documents) + _synthetic()
    backend = _open(engine, tmp_path / engine)
    _update(backend, docs, [], reset=True)
    identity = backend.identity
    changed = [_edited(d, "改过") for d in docs[:4]]
    for count in (0, 2, len(changed)):  # before the first, in the middle, after the last document
        _calls, cancelled = _cancel_after(count)
        with pytest.raises(Cancelled):
            backend.update(changed, [docs[5].id], reset=reset, progress=no_progress, cancelled=cancelled)  # type: ignore[arg-type]
        assert backend.identity == identity
        assert backend.health.ready
        _assert_all(backend, docs)
    backend.close()
    reopened = _open(engine, tmp_path / engine)
    assert reopened.identity == identity
    _assert_all(reopened, docs)
    if engine == CLUSTER_ENGINE:  # nothing staged is left on the shards
        live = sum(len(d.paragraphs) for d in docs)
        assert sphinx_cluster.stored_rows(reopened, reopened.live_generation()) == live  # type: ignore[attr-defined]
    else:
        assert [p.name for p in (tmp_path / engine).iterdir() if p.is_dir()] == ["g1"]
    reopened.close()


def test_progress_is_reported(tmp_path: Path, engine: str, seeds_archive: Archive) -> None:
    reports: list[tuple[int, int, str]] = []
    backend = _open(engine, tmp_path / engine)
    docs = list(seeds_archive.documents)
    backend.update(
        iter(docs), [], reset=True, progress=lambda *a: reports.append(a), cancelled=never, total=len(docs)
    )
    assert reports[0][:2] == (0, len(docs) + 1)
    assert reports[-1][0] == reports[-1][1] == len(docs) + 1
    assert [r[2] for r in reports[: len(docs)]] == [d.source for d in docs]
    backend.close()


# ---------------------------------------------------------------- states


def test_missing_index(tmp_path: Path, engine: str) -> None:
    backend = _open(engine, tmp_path / "nothing")
    assert backend.health.state == STATE_MISSING and backend.identity == ""
    assert backend.search(parse_query("之")) == Page()
    assert backend.check().state == STATE_MISSING
    # An update of a missing index starts one.
    _update(backend, _synthetic(), [])
    assert backend.health.state == STATE_READY and backend.identity


def test_schema_change_is_reported(tmp_path: Path, engine: str) -> None:
    backend = _open(engine, tmp_path / engine)
    _update(backend, _synthetic(), [], reset=True)
    backend.close()
    if engine == CLUSTER_ENGINE:  # published by another version: the cluster's record says so
        sphinx_cluster.mark_schema(backend, -1)
        reopened = _open(engine, tmp_path / engine)
        assert reopened.health.state == STATE_SCHEMA_CHANGED, reopened.health
        _update(reopened, _synthetic(), [], reset=True)
        assert reopened.health.ready
        return
    gen = next(p for p in (tmp_path / engine).iterdir() if p.name.startswith("g"))
    manifest = json.loads((gen / "manifest.json").read_text())
    manifest["schema_version"] = -1
    (gen / "manifest.json").write_text(json.dumps(manifest))
    if engine == "tantivy":  # its record of the files would call the edited manifest damaged
        record = json.loads((gen / "files.json").read_text())
        import zlib

        data = (gen / "manifest.json").read_bytes()
        record["files"]["manifest.json"] = [len(data), zlib.crc32(data)]
        (gen / "files.json").write_text(json.dumps(record))
    reopened = _open(engine, tmp_path / engine)
    assert reopened.health.state == STATE_SCHEMA_CHANGED, reopened.health
    _update(reopened, _synthetic(), [], reset=True)
    assert reopened.health.ready


def test_tantivy_aggregates_large_archives_in_ranges(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, documents: list[Document]
) -> None:
    # tantivy refuses aggregations of more than 65 000 buckets; past BUCKETS documents the backend
    # aggregates ranges of document numbers. A small BUCKETS takes that path on a small archive.
    if "tantivy" not in available_engines():
        pytest.skip("tantivy is not installed")
    from viewer.core.search import tantivy_backend

    monkeypatch.setattr(tantivy_backend, "BUCKETS", 7)
    backend = open_backend("tantivy", tmp_path / "tantivy")
    _update(backend, documents, [], reset=True)
    archive = Archive(Path("."), documents)
    for query in [
        "之",
        "kind:other",
        "月 -title:唐",
        "赤峰 OR kind:newspaper",
        *_random_queries(archive, 20, seed=4),
    ]:
        _assert_page(backend, documents, parse_query(query), query, "relevance")
    page = backend.search(parse_query("之"), offset=30, limit=7)
    whole = backend.search(parse_query("之"), limit=None)
    assert [(h.doc_id, h.paragraph) for h in page.hits] == [
        (h.doc_id, h.paragraph) for h in whole.hits[30:37]
    ]
    backend.close()


def test_folder_selects_the_folder_and_those_below_it_in_either_script(backend: SearchBackend) -> None:
    hand = backend.search(parse_query("folder:hand"), limit=None)
    assert hand.total_documents == 2  # hand/a.txt and hand/deep/b.txt (hand/empty.txt has no paragraphs)
    assert backend.search(parse_query("folder:hand/deep"), limit=None).total_documents == 1
    assert backend.search(parse_query("folder:han"), limit=None).total_documents == 0  # whole names only
    simplified = backend.search(parse_query("山 folder:全唐诗"), limit=0)
    assert simplified.total_hits > 0
    assert backend.search(parse_query("山 folder:全唐詩"), limit=0).total_hits == simplified.total_hits
    assert set(hand.facets["folder"]) == {"hand", "hand/deep"}
