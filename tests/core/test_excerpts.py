"""The excerpt store: saved at once, ordered, soft-deleted, re-anchored, and recovering from corruption."""

from __future__ import annotations

import sqlite3
from dataclasses import replace
from pathlib import Path

import pytest

from tests.core.excerpt_samples import yearbook_doc
from viewer.core.anchor import ANCHOR_MISSING, ANCHOR_MOVED, ANCHOR_OK, make_anchor, resolve
from viewer.core.excerpts import DEFAULT_COLLECTION, ExcerptStore, make_excerpt, normalize_tags
from viewer.errors import UsageError, ViewerError


@pytest.fixture
def store(tmp_path: Path):
    with ExcerptStore(tmp_path / "excerpts.sqlite3") as s:
        yield s


def _add(store: ExcerptStore, start: int = 0, end: int = 6, **kwargs):
    doc = yearbook_doc()
    return store.add(make_excerpt(doc, doc.paragraphs[5].id, start, None, end), **kwargs)


def test_store_is_wal_and_starts_with_a_default_collection(store: ExcerptStore) -> None:
    mode = sqlite3.connect(store.path).execute("PRAGMA journal_mode").fetchone()[0]
    assert mode == "wal"
    assert [c.name for c in store.collections()] == [DEFAULT_COLLECTION]
    assert store.recovered is None


def test_added_excerpt_is_visible_to_another_connection_at_once(store: ExcerptStore) -> None:
    saved = _add(store)
    other = sqlite3.connect(store.path)  # no close/flush of `store`: each change is committed
    assert other.execute("SELECT text FROM excerpts WHERE id=?", (saved.id,)).fetchone()[0] == "2022年,"


def test_excerpt_records_text_both_scripts_citation_and_time(store: ExcerptStore) -> None:
    saved = _add(store, 6, 16)
    assert saved.text == saved.text_simplified == "通辽赤峰协同推进基础"
    assert saved.text_traditional == "通遼赤峰協同推進基礎"
    assert saved.citation.section == "【协同推进教育高质量发展】"
    assert saved.citation.section_author == "王明"
    assert saved.paragraph_ids == ("yb0000000001-p5",)
    assert (saved.start, saved.end) == (6, 16)
    assert saved.created and saved.text_hash


def test_reopen_keeps_everything(tmp_path: Path) -> None:
    path = tmp_path / "x.sqlite3"
    with ExcerptStore(path) as store:
        saved = _add(store)
        store.update(saved.id, note="注释", tags=["甲", "乙"])
    with ExcerptStore(path) as store:
        again = store.get(saved.id)
    assert again.note == "注释" and again.tags == ("甲", "乙")
    assert again.text == saved.text and again.citation == saved.citation


def test_multi_paragraph_selection(store: ExcerptStore) -> None:
    doc = yearbook_doc()
    e = make_excerpt(doc, doc.paragraphs[5].id, 6, doc.paragraphs[6].id, 4)
    assert e.text == "通辽赤峰协同推进基础教育和职业教育发展。\n考察学习"
    assert e.paragraph_ids == ("yb0000000001-p5", "yb0000000001-p6")
    assert e.paragraph_ordinals == [5, 6]


@pytest.mark.parametrize(
    ("first", "start", "last", "end"),
    [
        ("yb0000000001-p99", 0, None, 3),  # no such paragraph
        ("yb0000000001-p5", 10, None, 5),  # end before start
        ("yb0000000001-p5", 0, None, 999),  # beyond the paragraph
        ("yb0000000001-p6", 0, "yb0000000001-p5", 3),  # paragraphs reversed
    ],
)
def test_bad_selections_are_usage_errors(first: str, start: int, last: str | None, end: int) -> None:
    with pytest.raises(UsageError):
        make_excerpt(yearbook_doc(), first, start, last, end)


def test_whitespace_only_selection_is_refused() -> None:
    doc = yearbook_doc()
    doc.paragraphs[5].text = "甲   乙"
    with pytest.raises(UsageError, match="white space"):
        make_excerpt(doc, doc.paragraphs[5].id, 1, None, 4)


def test_order_move_and_collections(store: ExcerptStore) -> None:
    a, b, c = (_add(store, i, i + 3) for i in (0, 5, 10))
    assert [e.id for e in store.list()] == [a.id, b.id, c.id]
    store.move(c.id, 0)
    assert [e.id for e in store.list()] == [c.id, a.id, b.id]
    store.move(c.id, 99)
    assert [e.id for e in store.list()] == [a.id, b.id, c.id]
    paper = store.create_collection("论文一")
    store.move(b.id, 0, paper.id)
    assert [e.id for e in store.list()] == [a.id, c.id]
    assert [e.id for e in store.list("论文一")] == [b.id]
    assert [e.id for e in store.list(all_collections=True)] == [a.id, c.id, b.id]
    with pytest.raises(UsageError):
        store.create_collection("论文一")
    store.rename_collection(paper.id, "论文二")
    assert [x.name for x in store.collections()] == [DEFAULT_COLLECTION, "论文二"]
    assert _add(store, collection="论文二").position == 1


def test_soft_delete_and_restore(store: ExcerptStore) -> None:
    a, b = _add(store, 0, 3), _add(store, 5, 8)
    store.delete([a.id])
    assert [e.id for e in store.list()] == [b.id]
    assert store.get(a.id).deleted
    store.restore([a.id])
    assert [e.id for e in store.list()] == [a.id, b.id]
    store.delete([a.id])
    assert store.purge_deleted() == 1
    with pytest.raises(UsageError):
        store.get(a.id)


def test_deleted_collection_hides_its_excerpts_and_can_come_back(store: ExcerptStore) -> None:
    paper = store.create_collection("论文")
    e = _add(store, collection=paper.id)
    store.delete_collection(paper.id)
    assert [c.name for c in store.collections()] == [DEFAULT_COLLECTION]
    assert store.list(all_collections=True) == []
    store.restore_collection(paper.id)
    assert [x.id for x in store.list("论文")] == [e.id]
    store.delete_collection(DEFAULT_COLLECTION)
    with pytest.raises(UsageError, match="last collection"):
        store.delete_collection("论文")


def test_filter_searches_text_in_both_scripts_note_tags_and_citation(store: ExcerptStore) -> None:
    a = _add(store, 6, 16)
    store.update(a.id, note="重要", tags=["教育"])
    _add(store, 0, 3)
    assert [e.id for e in store.list(text_filter="通遼")] == [a.id]  # traditional form finds it
    assert [e.id for e in store.list(text_filter="重要 教育")] == [a.id]
    assert len(store.list(text_filter="王明")) == 2  # section author, in both citations


def test_tags_are_normalized() -> None:
    assert normalize_tags([" a, b ", "b", "丙、丁", "", "戊，己"]) == ("a", "b", "丙", "丁", "戊", "己")


def test_reanchor_ok_moved_and_missing(store: ExcerptStore) -> None:
    doc = yearbook_doc()
    kept = _add(store, 6, 16)
    gone = store.add(make_excerpt(doc, doc.paragraphs[3].id, 0, None, 10))
    counts = store.reanchor({doc.id: doc})
    assert counts == {ANCHOR_OK: 2, ANCHOR_MOVED: 0, ANCHOR_MISSING: 0}
    # Re-ingested: a paragraph was inserted before, and the first entry's text was rewritten.
    edited = yearbook_doc()
    from viewer.core.documents import Paragraph

    edited.paragraphs.insert(2, Paragraph("yb0000000001-p2x", 2, "新增段落"))
    for n, p in enumerate(edited.paragraphs):
        p.ordinal, p.id = n, f"yb0000000001-p{n}"
    edited.paragraphs[4].text = "全新的文字"
    counts = store.reanchor({doc.id: edited})
    assert counts == {ANCHOR_OK: 0, ANCHOR_MOVED: 1, ANCHOR_MISSING: 1}
    moved = store.get(kept.id)
    assert moved.anchor_status == ANCHOR_MOVED and moved.paragraph_ids == ("yb0000000001-p6",)
    from viewer.core.export import location

    assert kept.paragraph_ordinals == [5] and location(kept).endswith("第6段")
    assert location(moved).endswith("第7段")  # exports cite where the text is now
    para = edited.paragraph(moved.paragraph_ids[0])
    assert para is not None and para.text[moved.start : moved.end] == kept.text
    lost = store.get(gone.id)
    assert lost.anchor_status == ANCHOR_MISSING and lost.text == gone.text  # kept, marked
    from viewer.core.export import LABEL_MISSING

    assert LABEL_MISSING in location(lost)
    assert LABEL_MISSING in location(replace(lost, paragraph_ids=()))  # said even with no paragraph
    assert store.reanchor({})[ANCHOR_MISSING] == 2  # document removed from the archive: still kept
    assert len(store.list()) == 2


def test_resolve_prefers_the_occurrence_nearest_the_old_place() -> None:
    doc = yearbook_doc()
    doc.paragraphs[3].text = "重复文字 A"
    doc.paragraphs[6].text = "重复文字 B"
    anchor, text = make_anchor(doc, doc.paragraphs[6].id, 0, None, 4)
    shifted = replace(anchor, start=1, end=5)  # offsets stale: the text is searched for
    found = resolve(doc, shifted, text)
    assert found.status == ANCHOR_MOVED and found.anchor is not None
    assert found.anchor.paragraph_ids == (doc.paragraphs[6].id,)


def test_resolve_finds_text_across_paragraphs() -> None:
    doc = yearbook_doc()
    anchor, text = make_anchor(doc, doc.paragraphs[5].id, 20, doc.paragraphs[6].id, 3)
    doc.paragraphs.insert(0, replace(doc.paragraphs[0], id="new", text="前言"))
    found = resolve(doc, replace(anchor, paragraph_ids=("gone-p1", "gone-p2")), text)
    assert found.status == ANCHOR_MOVED and found.anchor is not None
    assert found.anchor.paragraph_ids == (doc.paragraphs[6].id, doc.paragraphs[7].id)
    assert (found.anchor.start, found.anchor.end) == (20, 3)


def test_garbage_file_is_moved_aside_and_a_fresh_store_started(tmp_path: Path) -> None:
    path = tmp_path / "excerpts.sqlite3"
    path.write_bytes(b"this is not a database at all" * 100)
    with ExcerptStore(path) as store:
        assert store.recovered is not None
        message = str(store.recovered)
        assert "moved to" in message and str(path) in message
        aside = list(tmp_path.glob("excerpts.sqlite3.corrupt-*"))
        assert len(aside) == 1 and aside[0].read_bytes().startswith(b"this is not")
        assert _add(store).id == 1  # and it works
    with ExcerptStore(path) as store:
        assert store.recovered is None and len(store.list()) == 1


def test_damaged_pages_are_detected(tmp_path: Path) -> None:
    path = tmp_path / "excerpts.sqlite3"
    with ExcerptStore(path) as store:
        for i in range(200):
            _add(store, i % 10, i % 10 + 3)
        store._db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    data = bytearray(path.read_bytes())
    for offset in range(4096 + 100, len(data), 4096):  # scribble over every page but the header
        data[offset : offset + 64] = b"\xff" * 64
    path.write_bytes(bytes(data))
    with ExcerptStore(path) as store:
        assert store.recovered is not None
        assert store.integrity_check() == "ok"  # a new store, holding what could be salvaged
        assert f"{len(store.list())} of 200 excerpts were recovered" in str(store.recovered)


def test_other_sqlite_database_is_not_mistaken_for_a_store(tmp_path: Path) -> None:
    path = tmp_path / "excerpts.sqlite3"
    db = sqlite3.connect(path)
    db.execute("CREATE TABLE photos(id)")
    db.commit()
    db.close()
    with ExcerptStore(path) as store:
        assert store.recovered is not None and "not an excerpt store" in str(store.recovered)


def test_newer_schema_is_left_untouched(tmp_path: Path) -> None:
    path = tmp_path / "excerpts.sqlite3"
    ExcerptStore(path).close()
    db = sqlite3.connect(path)
    db.execute("PRAGMA user_version=99")
    db.commit()
    db.close()
    with pytest.raises(ViewerError, match="newer version"):
        ExcerptStore(path)
    assert path.exists() and not list(tmp_path.glob("*.corrupt-*"))


def test_read_only_store_gives_a_plain_error(tmp_path: Path) -> None:
    import os

    if os.geteuid() == 0:
        pytest.skip("root ignores file permissions")
    path = tmp_path / "excerpts.sqlite3"
    ExcerptStore(path).close()
    path.chmod(0o444)
    with pytest.raises(ViewerError):
        _add(ExcerptStore(path))


def test_version_1_store_gains_bookmarks_and_keeps_its_excerpts(tmp_path: Path) -> None:
    """A store written before bookmarks (schema 1: no bookmarks table) opens and migrates to 2."""
    from viewer.core.bookmarks import make_bookmark

    path = tmp_path / "excerpts.sqlite3"
    with ExcerptStore(path) as store:
        saved = _add(store)
    db = sqlite3.connect(path)
    db.execute("DROP TABLE bookmarks")
    db.execute("PRAGMA user_version=1")
    db.commit()
    db.close()
    with ExcerptStore(path) as store:
        assert store.recovered is None
        assert [e.id for e in store.list()] == [saved.id]
        doc = yearbook_doc()
        store.bookmarks.add(make_bookmark(doc, doc.paragraphs[5].id))
        assert store.bookmarks.is_bookmarked(doc.id, doc.paragraphs[5].id)
    db = sqlite3.connect(path)
    assert db.execute("PRAGMA user_version").fetchone()[0] == 2
    db.close()
