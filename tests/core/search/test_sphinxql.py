"""The SphinxQL backend beyond the conformance suite: the text encoding, server addresses, and what a
publish leaves when it is killed, or a shard fails while it goes live."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests import sphinx_cluster
from tests.core.search.brute_force import matching
from tests.core.search.test_backends import _doc, _edited
from viewer.core.documents import Document
from viewer.core.progress import never, no_progress
from viewer.core.search import sphinxql_backend
from viewer.core.search.query import parse_query
from viewer.core.search.sphinxql_backend import ServerUnreachable, SphinxBackend, parse_servers
from viewer.core.search.sphinxql_text import encode
from viewer.errors import UsageError

needs_searchd = pytest.mark.skipif(
    not sphinx_cluster.available(), reason="searchd (sphinxsearch) is not installed"
)

_TEXT = st.text(alphabet=st.sampled_from("ab 中文\u3000\ue001\uf8ff\U00020000é，.\n\x1f'\\\""), max_size=12)


def _tokens(text: str) -> list[str]:
    """What the engine indexes: one token per character of the encoded text."""
    return list(encode(text))


@settings(max_examples=400, deadline=None)
@given(_TEXT, _TEXT)
def test_a_term_is_a_run_of_tokens_exactly_when_it_is_a_substring(term: str, text: str) -> None:
    if not term:
        return
    needle, hay = _tokens(term), _tokens(text)
    runs = any(hay[i : i + len(needle)] == needle for i in range(len(hay) - len(needle) + 1))
    assert runs == (term in text)
    assert not any(ch.isascii() for ch in encode(term + text))  # nothing to escape in SphinxQL


def test_server_addresses() -> None:
    assert parse_servers("127.0.0.1:9306, host-2:9307") == [("127.0.0.1", 9306), ("host-2", 9307)]
    assert parse_servers("example.org") == [("example.org", 9306)]
    assert parse_servers("[::1]:9306") == [("::1", 9306)]
    for bad in ("h:0", "h:x", "h'x:9306", "a b:9306", ":9306", ","):
        with pytest.raises(UsageError):
            parse_servers(bad)


def _publish(
    backend: SphinxBackend, docs: list[Document], removed: list[str] = (), reset: bool = False
) -> None:  # type: ignore[assignment]
    backend.update(docs, list(removed), reset=reset, progress=no_progress, cancelled=never, total=len(docs))


def _assert_exact(backend: SphinxBackend, docs: list[Document]) -> None:
    for query in ("之", "赤峰", "新", "kind:other", "月 OR 赤峰"):
        page = backend.search(parse_query(query), limit=None)
        expected = matching(docs, parse_query(query))
        assert {(h.doc_id, h.paragraph) for h in page.hits} == {
            (d, next(i for i, p in enumerate(next(x for x in docs if x.id == d).paragraphs) if p.id == pid))
            for d, pid in expected
        }, query
        assert page.total_hits == len(expected) and not page.incomplete, query


def _docs() -> list[Document]:
    return [
        _doc("a.txt", ["赤峰 之", "新 之", "月"], kind="other"),
        _doc("b.txt", ["之 之", "通辽"], kind="yearbook"),
        _doc("c.txt", ["月明", "之", "赤峰", "x"], kind="other"),
    ]


@needs_searchd
@pytest.mark.parametrize("generation", [7, 8])
def test_a_killed_publish_leaves_nothing_a_later_one_serves(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, generation: int
) -> None:
    """A kill mid-publish leaves staged rows (on odd generations their id range once wrapped)."""
    monkeypatch.setattr(sphinxql_backend._Publish, "_free_generation", lambda self: generation)
    backend = SphinxBackend.open(tmp_path / "engine", sphinx_cluster.servers())
    docs = _docs()
    _publish(backend, docs)
    long = _edited(docs[0], "新")  # more paragraphs than the version published next
    long.paragraphs.extend(_doc("a.txt", ["p3 新", "p4 新", "p5 新"]).paragraphs)

    class Killed(BaseException):
        pass

    def killed(self: object, replaced: list[int]) -> None:
        raise Killed

    with monkeypatch.context() as patch:  # the kill: before going live, and nothing cleaned up
        patch.setattr(sphinxql_backend._Publish, "_go_live", killed)
        patch.setattr(sphinxql_backend._Publish, "_delete_new", lambda self, upto=None: None)
        with pytest.raises(Killed):
            _publish(backend, [long])
    assert sphinx_cluster.stored_rows(backend, generation) > sum(len(d.paragraphs) for d in docs)
    _assert_exact(backend, docs)  # staged rows are never served
    short = _edited(docs[0], "新")
    _publish(backend, [short])
    after = [short, *docs[1:]]
    _assert_exact(backend, after)
    assert sphinx_cluster.stored_rows(backend, generation) == sum(len(d.paragraphs) for d in after)
    assert backend.check().ready
    backend.close()


@needs_searchd
def test_a_shard_failing_while_going_live_changes_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    cluster = sphinx_cluster.Cluster(2)
    try:
        backend = SphinxBackend.open(tmp_path / "engine", cluster.servers)
        docs = _docs()
        _publish(backend, docs)
        changed = [_edited(d, "新") for d in docs]
        real_switch = sphinxql_backend._Publish._switch
        calls: list[object] = []

        def switch_then_lose_shard_2(self: sphinxql_backend._Publish, server: object, value: int) -> None:
            calls.append(server)
            if len(calls) == 2:
                cluster.stop(2)
            real_switch(self, server, value)  # type: ignore[arg-type]

        monkeypatch.setattr(sphinxql_backend._Publish, "_switch", switch_then_lose_shard_2)
        with pytest.raises(ServerUnreachable):
            _publish(backend, changed)
        monkeypatch.undo()
        cluster.start(2)
        reader = SphinxBackend.open(tmp_path / "engine", cluster.servers[:1])
        _assert_exact(reader, docs)  # the old version, whole: shard 1 was switched back
        _publish(backend, changed)
        _assert_exact(reader, changed)
        assert reader.check().ready
        reader.close()
        backend.close()
    finally:
        cluster.close()


@needs_searchd
def test_a_document_left_live_twice_is_removed_by_the_next_publish(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    backend = SphinxBackend.open(tmp_path / "engine", sphinx_cluster.servers())
    docs = _docs()
    _publish(backend, docs)
    changed = _edited(docs[1], "新")
    with monkeypatch.context() as patch:  # the old copy's deletion fails (the publisher was killed)
        patch.setattr(sphinxql_backend._Publish, "_delete_documents", lambda self, nums: None)
        _publish(backend, [changed])
    assert not backend.check().ready  # the document is there twice: said, so a publish mends it
    _publish(backend, [])
    _assert_exact(backend, [docs[0], changed, docs[2]])
    assert backend.check().ready
    backend.close()


@needs_searchd
def test_publishing_with_a_shard_missing_is_refused(tmp_path: Path) -> None:
    cluster = sphinx_cluster.Cluster(2)
    try:
        backend = SphinxBackend.open(tmp_path / "engine", cluster.servers)
        docs = _docs()
        _publish(backend, docs)
        cluster.stop(2)
        backend = SphinxBackend.open(tmp_path / "engine", cluster.servers)
        with pytest.raises(ServerUnreachable):
            _publish(backend, [_edited(docs[0], "新")])
        with pytest.raises(UsageError, match="The cluster has 2 shards"):
            _publish(SphinxBackend.open(tmp_path / "engine", cluster.servers[:1]), [])
        cluster.start(2)
        _assert_exact(SphinxBackend.open(tmp_path / "engine", cluster.servers[:1]), docs)
    finally:
        cluster.close()
