"""A data folder that cannot be written (issue 11 item 9): the window still reads and searches the
archive, says why once, and lists the excerpts it cannot change. Needs a read-only bind mount."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.mounts import read_only_view
from viewer.core.excerpts import ExcerptStore
from viewer.errors import ViewerError
from viewer.paths import DataPaths
from viewer.settings import Settings

pytestmark = pytest.mark.qt_log_ignore("propagateSizeHints")


def test_the_window_on_a_read_only_data_folder(qtbot, tmp_path: Path, seeds_dir: Path, seeds_archive) -> None:
    from viewer.core.excerpts import make_excerpt
    from viewer.gui.jobs import SynchronousPool
    from viewer.gui.mainwindow import MainWindow

    source = tmp_path / "data"
    doc = seeds_archive.documents[0]
    with ExcerptStore(DataPaths(source).excerpts_db) as store:
        store.add(make_excerpt(doc, doc.paragraphs[2].id, 0, end=10, note="只读"))
    with read_only_view(source, tmp_path / "mounted") as mounted:
        window = MainWindow(seeds_dir, DataPaths(mounted), Settings(), pool=SynchronousPool())
        qtbot.addWidget(window)
        window.show()
        window.start()
        try:
            assert len(window.archive_session.archive.documents) == 5
            assert window.archive_session.index is not None
            assert window.archive_session.index.search("区域合作").total_hits == 6
            store = window.excerpts.store
            assert store is not None and store.read_only
            assert [e.note for e in store.list()] == ["只读"]
            with pytest.raises(ViewerError, match="read-only"):
                store.add(make_excerpt(doc, doc.paragraphs[3].id, 0, end=5))
        finally:
            window.close()


def test_a_store_in_a_read_only_folder_is_read_not_changed(tmp_path: Path, seeds_archive) -> None:
    from viewer.core.excerpts import make_excerpt

    doc = seeds_archive.documents[0]
    with ExcerptStore(tmp_path / "data" / "excerpts.sqlite3") as store:
        first = store.add(make_excerpt(doc, doc.paragraphs[2].id, 0, end=10, note="一"))
    before = sorted(p.name for p in (tmp_path / "data").iterdir())
    with read_only_view(tmp_path / "data", tmp_path / "mounted") as mounted:
        store = ExcerptStore(mounted / "excerpts.sqlite3")
        try:
            assert store.read_only and store.recovered is None
            assert [e.id for e in store.list()] == [first.id]
            with pytest.raises(ViewerError, match="cannot be written"):
                store.update(first.id, note="二")
        finally:
            store.close()
        assert sorted(p.name for p in mounted.iterdir()) == before


def test_commits_left_in_the_log_of_a_read_only_store_are_read(tmp_path: Path, seeds_archive) -> None:
    """A writer killed before its checkpoint, then a copy without the -shm file: the log's commits
    must be read (an immutable open would silently skip them)."""
    import subprocess
    import sys

    from viewer.core.excerpts import make_excerpt

    doc = seeds_archive.documents[0]
    data = tmp_path / "data"
    with ExcerptStore(data / "excerpts.sqlite3") as store:
        first = store.add(make_excerpt(doc, doc.paragraphs[2].id, 0, end=10, note="一"))
    script = (
        "import os, sys; from viewer.core.excerpts import ExcerptStore\n"
        "store = ExcerptStore(sys.argv[1]); store.update(int(sys.argv[2]), note='日志里的')\n"
        "os._exit(0)"  # no close: the commit stays in the log, never checkpointed
    )
    subprocess.run(
        [sys.executable, "-c", script, str(data / "excerpts.sqlite3"), str(first.id)],
        check=True,
        cwd=Path(__file__).resolve().parents[2],
    )
    assert (data / "excerpts.sqlite3-wal").stat().st_size > 0
    (data / "excerpts.sqlite3-shm").unlink()
    with read_only_view(data, tmp_path / "mounted") as mounted:
        store = ExcerptStore(mounted / "excerpts.sqlite3")
        try:
            assert store.read_only
            assert [e.note for e in store.list()] == ["日志里的"]
        finally:
            store.close()
