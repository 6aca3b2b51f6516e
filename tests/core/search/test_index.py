"""The index on disk: incremental updates, schema changes, cancel, corruption, locks."""

from __future__ import annotations

import json
import os
import shutil
from dataclasses import replace
from pathlib import Path

import pytest

from viewer.core.ingest import Archive, ingest_archive
from viewer.core.search import SCHEMA_VERSION, SearchIndex, indexer
from viewer.errors import Cancelled, IndexCorrupt


@pytest.fixture
def archive_dir(tmp_path: Path, seeds_dir: Path) -> Path:
    target = tmp_path / "archive"
    shutil.copytree(seeds_dir, target)
    return target


@pytest.fixture
def index_dir(tmp_path: Path) -> Path:
    return tmp_path / "index"


def _built(index_dir: Path, archive_dir: Path) -> SearchIndex:
    index = SearchIndex.open(index_dir)
    assert index.state == "missing" and index.needs_rebuild
    stats = index.update(ingest_archive(archive_dir))
    assert stats.rebuilt and stats.added == 5
    assert index.state == "ready" and not index.needs_rebuild
    return index


def _whoosh_files(index_dir: Path) -> dict[str, int]:
    gen = indexer.current_generation(index_dir)
    return {p.name: p.stat().st_size for p in (gen / indexer.WHOOSH_DIR).iterdir()}


def test_unchanged_archive_reopens_without_indexing(index_dir: Path, archive_dir: Path) -> None:
    _built(index_dir, archive_dir).close()
    before = _whoosh_files(index_dir)
    index = SearchIndex.open(index_dir)
    assert index.state == "ready" and index.document_count == 5
    assert not index.needs_update(archive_dir)
    stats = index.update(ingest_archive(archive_dir))
    assert (stats.added, stats.updated, stats.removed, stats.unchanged) == (0, 0, 0, 5)
    assert not stats.rebuilt
    assert _whoosh_files(index_dir) == before  # no commit at all


def test_added_changed_and_removed_files(index_dir: Path, archive_dir: Path) -> None:
    index = _built(index_dir, archive_dir)
    assert index.search("量子纠缠态").total_hits == 0
    with open(archive_dir / "004_190cf7dfcffd7ea5.txt", "a", encoding="utf-8") as handle:
        handle.write("\n量子纠缠态的新段落。\n")
    (archive_dir / "003_75a584e44efd689f.txt").unlink()
    (archive_dir / "sub").mkdir()
    (archive_dir / "sub" / "new.txt").write_text("新文件\n\n內蒙古的量子纠缠态研究。\n", encoding="utf-8")
    assert index.needs_update(archive_dir)
    progress: list[tuple[int, int]] = []
    stats = index.update(ingest_archive(archive_dir), progress=lambda d, t, m: progress.append((d, t)))
    assert (stats.added, stats.updated, stats.removed, stats.unchanged) == (1, 1, 1, 3)
    assert progress and progress[-1][0] == progress[-1][1]
    results = index.search("量子糾纏態")
    assert {h.source for h in results.hits} == {"004_190cf7dfcffd7ea5.txt", "sub/new.txt"}
    assert "003_75a584e44efd689f.txt" not in {m["source"] for m in index.indexed().values()}
    assert not index.needs_update(archive_dir)


def test_processed_text_change_alone_reindexes(index_dir: Path, archive_dir: Path) -> None:
    # An archive-wide repair can change a document's cleaned text while its file is unchanged.
    index = _built(index_dir, archive_dir)
    archive = ingest_archive(archive_dir)
    doc = archive.documents[0]
    paragraphs = [replace(p) for p in doc.paragraphs]
    paragraphs[-1].text += "修复后的文字"
    archive.documents[0] = replace(doc, paragraphs=paragraphs)
    stats = index.update(archive)
    assert (stats.updated, stats.unchanged) == (1, 4)
    assert index.search("修复后的文字").total_hits == 1


def test_schema_version_change_rebuilds(index_dir: Path, archive_dir: Path) -> None:
    _built(index_dir, archive_dir).close()
    gen = indexer.current_generation(index_dir)
    manifest = json.loads((gen / indexer.MANIFEST_FILE).read_text())
    manifest["schema_version"] = SCHEMA_VERSION - 1
    (gen / indexer.MANIFEST_FILE).write_text(json.dumps(manifest))
    index = SearchIndex.open(index_dir)
    assert index.state == "schema-changed" and index.needs_rebuild
    stats = index.update(ingest_archive(archive_dir))
    assert stats.rebuilt
    assert index.state == "ready" and index.search("赤峰").total_hits > 0
    assert not gen.exists()  # the old generation is cleaned up


def test_cancel_keeps_the_old_index(index_dir: Path, archive_dir: Path) -> None:
    index = _built(index_dir, archive_dir)
    before = index.search("赤峰", limit=None).total_hits
    calls = iter(range(100))
    with pytest.raises(Cancelled):
        index.update(ingest_archive(archive_dir), rebuild=True, cancelled=lambda: next(calls) >= 2)
    generations = [p.name for p in index_dir.iterdir() if p.name.startswith("g")]
    assert generations == [indexer.current_generation(index_dir).name]
    with open(archive_dir / "000_7afbcf673c75e218.txt", "a", encoding="utf-8") as handle:
        handle.write("\n赤峰赤峰\n")
    with pytest.raises(Cancelled):
        index.update(ingest_archive(archive_dir), cancelled=lambda: True)
    reopened = SearchIndex.open(index_dir)
    assert reopened.state == "ready"
    assert reopened.search("赤峰", limit=None).total_hits == before


@pytest.mark.parametrize(
    "damage",
    [
        "truncate-segment",
        "truncate-unrecorded",
        "garbage-toc",
        "garbage-manifest",
        "missing-whoosh",
        "bad-current",
    ],
)
def test_damaged_index_is_detected_and_rebuilt(index_dir: Path, archive_dir: Path, damage: str) -> None:
    _built(index_dir, archive_dir).close()
    gen = indexer.current_generation(index_dir)
    whoosh_dir = gen / indexer.WHOOSH_DIR
    # Segments are written as separate files: damage the largest (a text column or the postings).
    segment = max(
        (p for p in whoosh_dir.iterdir() if p.suffix in (".col", ".pst", ".trm")),
        key=lambda p: p.stat().st_size,
    )
    toc = next(p for p in whoosh_dir.iterdir() if p.suffix == ".toc")
    if damage == "truncate-segment":
        with open(segment, "r+b") as handle:
            handle.truncate(segment.stat().st_size // 2)
    elif damage == "truncate-unrecorded":  # no size record to compare: structural checks must see it
        (gen / indexer.FILES_FILE).unlink()
        with open(segment, "r+b") as handle:
            handle.truncate(segment.stat().st_size // 3)
    elif damage == "garbage-toc":
        toc.write_bytes(os.urandom(toc.stat().st_size))
    elif damage == "garbage-manifest":
        (gen / indexer.MANIFEST_FILE).write_text("{not json")
    elif damage == "missing-whoosh":
        shutil.rmtree(whoosh_dir)
    elif damage == "bad-current":
        (index_dir / indexer.CURRENT_FILE).write_text("../../etc")
    index = SearchIndex.open(index_dir)
    assert index.needs_rebuild, index.state
    assert index.state in ("corrupt", "missing")
    assert index.search("赤峰").total_hits == 0  # no crash: an empty result that says why
    progress: list[int] = []
    stats = index.update(ingest_archive(archive_dir), progress=lambda d, t, m: progress.append(d))
    assert stats.rebuilt and progress
    assert SearchIndex.open(index_dir).search("区域合作").total_hits > 0


def test_stale_locks_are_cleared(index_dir: Path, archive_dir: Path) -> None:
    _built(index_dir, archive_dir).close()
    # What a killed process leaves behind: our lock file with its pid, and Whoosh's lock file.
    (index_dir / indexer.LOCK_FILE).write_text("999999")
    gen = indexer.current_generation(index_dir)
    (gen / indexer.WHOOSH_DIR / "MAIN_WRITELOCK").write_text("")
    index = SearchIndex.open(index_dir)
    with open(archive_dir / "000_7afbcf673c75e218.txt", "a", encoding="utf-8") as handle:
        handle.write("\n新的段落\n")
    stats = index.update(ingest_archive(archive_dir))
    assert stats.updated == 1


def test_a_live_lock_is_respected(index_dir: Path) -> None:
    with (
        indexer.write_lock(index_dir),
        pytest.raises(indexer.IndexBusy),
        indexer.write_lock(index_dir, timeout=0.2),
    ):
        pass
    with indexer.write_lock(index_dir, timeout=0.2):  # released again
        pass


def test_empty_archive(index_dir: Path, tmp_path: Path) -> None:
    index = SearchIndex.open(index_dir)
    index.update(Archive(tmp_path, []))
    results = index.search("赤峰")
    assert results.total_hits == 0 and "empty" in results.explanation


@pytest.mark.parametrize(
    ("suffix", "caught_on_open"),
    [(".pst", False), (".trm", True), ("folded.col", True), ("_stored.col", True)],
)
def test_damage_without_a_size_record_is_caught_on_open_or_while_searching(
    index_dir: Path, archive_dir: Path, suffix: str, caught_on_open: bool
) -> None:
    """Killed between a commit and its size record, then a file damaged: the open checks catch it, or
    else a search raises IndexCorrupt (never a raw Whoosh error); either way the next update rebuilds."""
    _built(index_dir, archive_dir).close()
    gen = indexer.current_generation(index_dir)
    (gen / indexer.FILES_FILE).unlink()
    damaged = next(p for p in (gen / indexer.WHOOSH_DIR).iterdir() if p.name.endswith(suffix))
    with open(damaged, "r+b") as handle:
        handle.truncate(damaged.stat().st_size // 3)
    index = SearchIndex.open(index_dir)
    assert index.needs_rebuild is caught_on_open, index.state
    raised = 0
    for query in ("区域合作", "赤峰", "的", "一", "发展 -赤峰", "title:赤峰", "author:张学刚", "year:2023"):
        try:
            index.search(query)
        except IndexCorrupt:
            raised += 1
            assert index.needs_rebuild
    assert index.needs_rebuild
    assert raised == 0 if caught_on_open else raised >= 1
    assert index.update(ingest_archive(archive_dir)).rebuilt
    assert index.search("区域合作").total_hits > 0
