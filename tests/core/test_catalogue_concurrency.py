"""The catalogue shared by a reader and a writer (the window and an update): never a false alarm."""

from __future__ import annotations

import shutil
import threading
from pathlib import Path

from tests.core.search.indexing import store
from viewer.core.catalogue import DAMAGED_MARK, Catalogue, CatalogueArchive
from viewer.core.ingest import ingest_archive
from viewer.core.sync import sync_catalogue


def test_a_document_removed_by_another_process_is_gone_not_damage(tmp_path: Path, seeds_dir: Path) -> None:
    root = tmp_path / "archive"
    shutil.copytree(seeds_dir, root)
    window = Catalogue.open(tmp_path / "ix", root)
    sync_catalogue(root, window)
    first = window.summaries()[0]
    (root / first.source).unlink()
    with Catalogue.open(tmp_path / "ix", root) as updater:  # the refresh, elsewhere
        sync_catalogue(root, updater)
    assert window.document(first.id) is None  # the window's list was old: not damage
    assert not (tmp_path / "ix" / DAMAGED_MARK).exists()
    assert first.id not in {s.id for s in window.summaries()}
    window.close()


def test_a_changed_document_reads_its_new_state(tmp_path: Path, seeds_dir: Path) -> None:
    root = tmp_path / "archive"
    shutil.copytree(seeds_dir, root)
    window = Catalogue.open(tmp_path / "ix", root)
    sync_catalogue(root, window)
    summary = window.summaries()[0]
    (root / summary.source).write_text("新的标题\n\n新的正文，内容改了。\n", encoding="utf-8")
    with Catalogue.open(tmp_path / "ix", root) as updater:
        sync_catalogue(root, updater)
    assert window.summary(summary.id).title == summary.title  # the loaded list until reload
    window.reload()
    assert window.summary(summary.id).title == "新的标题"
    assert window.document(summary.id).title == "新的标题"
    window.close()


def test_reads_during_writes_see_whole_documents(tmp_path: Path, seeds_archive) -> None:
    """A writer replacing documents over and over while readers read them: every read is whole."""
    catalogue = Catalogue.open(tmp_path / "ix", tmp_path)
    docs = seeds_archive.documents
    store(catalogue, docs)
    variants = [ingest_archive(Path(seeds_archive.root)).documents, docs]
    stop = threading.Event()
    errors: list[BaseException] = []

    def writer() -> None:
        n = 0
        while not stop.is_set():
            store(catalogue, variants[n % 2][::-1] if n % 3 else variants[n % 2])
            n += 1

    def reader() -> None:
        try:
            for _ in range(60):
                for doc in docs:
                    got = catalogue.document(doc.id)
                    assert got is not None and len(got.paragraphs) == len(doc.paragraphs)
        except BaseException as exc:  # reported below
            errors.append(exc)

    threads = [threading.Thread(target=writer), *(threading.Thread(target=reader) for _ in range(3))]
    for t in threads:
        t.start()
    for t in threads[1:]:
        t.join()
    stop.set()
    threads[0].join()
    assert not errors, errors[0]
    assert not (tmp_path / "ix" / DAMAGED_MARK).exists()
    catalogue.close()


def test_after_set_aside_the_window_reads_the_new_catalogue(tmp_path: Path, seeds_dir: Path) -> None:
    root = tmp_path / "archive"
    shutil.copytree(seeds_dir, root)
    index_dir = tmp_path / "ix"
    window = CatalogueArchive(root, Catalogue.open(index_dir, root))
    sync_catalogue(root, window.catalogue)
    assert len(window.documents) == 5
    window.catalogue.mark_damaged("test")
    (root / "新增.txt").write_text("新增\n\n赤峰。\n", encoding="utf-8")
    with Catalogue.open(index_dir, root) as updater:  # sets the damaged one aside, reads anew
        assert updater.reset_reason
        sync_catalogue(root, updater)
    window.reload()
    assert len(window.documents) == 6
    assert window.find("新增.txt") is not None
    window.catalogue.close()
