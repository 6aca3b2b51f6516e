"""Paragraph bookmarks: stored with the excerpts, in document order, undoable, found again after re-ingest."""

from __future__ import annotations

import random
import sqlite3
from dataclasses import replace
from pathlib import Path

import pytest

from tests.core.excerpt_samples import yearbook_doc
from viewer.core.anchor import ANCHOR_MISSING, ANCHOR_MOVED, ANCHOR_OK
from viewer.core.bookmarks import (
    QUOTE_CHARS,
    Bookmark,
    BookmarkTarget,
    bookmark_target,
    make_bookmark,
    short_quote,
)
from viewer.core.citation import paragraph_label
from viewer.core.documents import Paragraph, paragraph_id
from viewer.core.excerpts import SCHEMA_VERSION, ExcerptStore
from viewer.core.natural_sort import natural_key


@pytest.fixture
def store(tmp_path: Path):
    with ExcerptStore(tmp_path / "excerpts.sqlite3") as s:
        yield s


def test_make_bookmark_takes_number_quote_and_citation() -> None:
    doc = yearbook_doc()
    para = doc.paragraphs[5]
    b = make_bookmark(doc, para.id, note="读")
    assert (b.doc_id, b.paragraph_id, b.number) == (doc.id, para.id, para.ordinal + 1)
    assert paragraph_label([b.paragraph_id]) == f"第{b.number}段"  # the citation's number
    assert b.title == "通辽年鉴" and b.source == doc.source
    assert b.quote == para.text[:QUOTE_CHARS] and b.note == "读"
    assert b.citation is not None and b.citation.section == "【协同推进教育高质量发展】"
    assert short_quote("  a\n b  c ") == "a b c"


def test_add_list_find_and_persist(tmp_path: Path, seeds_archive) -> None:
    path = tmp_path / "excerpts.sqlite3"
    docs = seeds_archive.documents
    rng = random.Random(7)
    wanted = []
    with ExcerptStore(path) as store:
        for doc in rng.sample(docs, 4):
            for para in rng.sample(doc.paragraphs, min(3, len(doc.paragraphs))):
                store.bookmarks.add(make_bookmark(doc, para.id))
                wanted.append((doc.source, para.ordinal))
    with ExcerptStore(path) as store:  # a new process would see the same
        found = store.bookmarks.list()
        # Brute force: document order is the files' natural order, then paragraph order.
        wanted.sort(key=lambda w: (natural_key(w[0]), w[1]))
        assert [(b.source, b.number - 1) for b in found] == wanted
        for b in found:
            assert store.bookmarks.is_bookmarked(b.doc_id, b.paragraph_id)
            assert store.bookmarks.find(b.doc_id, b.paragraph_id) == b
            assert b.created and b.anchor_status == ANCHOR_OK
        assert not store.bookmarks.is_bookmarked(found[0].doc_id, "no-such-paragraph")
        one = found[0].doc_id
        assert {b.paragraph_id for b in store.bookmarks.list(one)} == store.bookmarks.paragraph_ids(one)


def test_one_bookmark_per_paragraph_and_toggle(store: ExcerptStore) -> None:
    doc = yearbook_doc()
    first = store.bookmarks.add(make_bookmark(doc, doc.paragraphs[3].id, note="keep"))
    again = store.bookmarks.add(make_bookmark(doc, doc.paragraphs[3].id))
    assert again.id == first.id and again.note == "keep"  # the note is not lost to an empty one
    assert len(store.bookmarks.list()) == 1
    on, b = store.bookmarks.toggle(make_bookmark(doc, doc.paragraphs[3].id))
    assert not on and b.id == first.id and not store.bookmarks.is_bookmarked(doc.id, b.paragraph_id)
    on, b = store.bookmarks.toggle(make_bookmark(doc, doc.paragraphs[3].id))
    assert on and b.id == first.id and store.bookmarks.is_bookmarked(doc.id, b.paragraph_id)


def test_remove_and_restore_is_undo(store: ExcerptStore) -> None:
    doc = yearbook_doc()
    marks = [store.bookmarks.add(make_bookmark(doc, p.id, note=f"n{p.ordinal}")) for p in doc.paragraphs[2:6]]
    removed = store.bookmarks.remove([marks[1].id, marks[2].id])
    assert [b.id for b in removed] == [marks[1].id, marks[2].id]
    assert [b.id for b in store.bookmarks.list()] == [marks[0].id, marks[3].id]
    assert len(store.bookmarks.list(include_deleted=True)) == 4
    store.bookmarks.restore([b.id for b in removed])
    assert store.bookmarks.list() == [
        replace(b, modified=b2.modified) for b, b2 in zip(marks, store.bookmarks.list(), strict=True)
    ]
    store.bookmarks.remove([marks[0].id])
    assert store.bookmarks.purge_deleted() == 1
    assert len(store.bookmarks.list(include_deleted=True)) == 3


def test_set_note(store: ExcerptStore) -> None:
    doc = yearbook_doc()
    b = store.bookmarks.add(make_bookmark(doc, doc.paragraphs[5].id))
    assert store.bookmarks.set_note(b.id, "第二行\n注").note == "第二行\n注"
    with pytest.raises(Exception, match="No bookmark"):
        store.bookmarks.set_note(9999, "x")


def test_target_tuple_from_the_gui() -> None:
    doc = yearbook_doc()
    para = doc.paragraphs[6]
    b = Bookmark.from_target((doc.id, para.id, para.ordinal, "通辽年鉴", para.text))
    assert b.number == para.ordinal + 1 and b.quote == short_quote(para.text) and b.source == ""
    assert b.citation_data.title == "通辽年鉴"
    full = Bookmark.from_target(bookmark_target(doc, para.id))
    assert full.source == doc.source and isinstance(bookmark_target(doc, para.id), BookmarkTarget)


def test_reanchor_follows_a_moved_paragraph_and_marks_a_lost_one(store: ExcerptStore) -> None:
    doc = yearbook_doc()
    kept = store.bookmarks.add(make_bookmark(doc, doc.paragraphs[3].id))
    moving = store.bookmarks.add(make_bookmark(doc, doc.paragraphs[5].id))
    lost = store.bookmarks.add(make_bookmark(doc, doc.paragraphs[6].id))
    # Re-ingested: a paragraph inserted before 5 (so it is now 6), paragraph 6's text gone.
    paras = [*doc.paragraphs[:5], Paragraph("x", 0, "新插入的一段。", "body", "s2"), doc.paragraphs[5]]
    renumbered = [replace(p, id=paragraph_id(doc.id, i), ordinal=i) for i, p in enumerate(paras)]
    changed = replace(doc, paragraphs=renumbered)
    counts = store.bookmarks.reanchor({doc.id: changed})
    assert counts == {ANCHOR_OK: 1, ANCHOR_MOVED: 1, ANCHOR_MISSING: 1}
    assert store.bookmarks.get(kept.id).anchor_status == ANCHOR_OK
    moved = store.bookmarks.get(moving.id)
    assert (moved.paragraph_id, moved.number, moved.anchor_status) == (renumbered[6].id, 7, ANCHOR_MOVED)
    gone = store.bookmarks.get(lost.id)
    assert gone.missing and gone.quote == lost.quote  # kept, marked
    assert store.bookmarks.reanchor({}) == {ANCHOR_OK: 0, ANCHOR_MOVED: 0, ANCHOR_MISSING: 3}


def test_store_schema_version_and_bookmarks_table(tmp_path: Path) -> None:
    path = tmp_path / "s.sqlite3"
    ExcerptStore(path).close()
    db = sqlite3.connect(path)
    assert db.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION == 2
    assert db.execute("SELECT name FROM sqlite_master WHERE name='bookmarks'").fetchone()
    db.close()
