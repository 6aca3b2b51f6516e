"""What the window says when its index folder cannot be used or an unforeseen error happens (issue 11)."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest

from viewer.app import ErrorRelay
from viewer.logs import LogSetup
from viewer.paths import DataPaths

pytestmark = pytest.mark.qt_log_ignore("propagateSizeHints")


def test_an_unusable_index_folder_still_reads_and_searches_the_archive(
    make_window, data_dir: Path, seeds_dir: Path
) -> None:
    usual = DataPaths(data_dir).index_dir(seeds_dir)
    usual.parent.mkdir(parents=True)
    usual.write_text("a file where the index folder should be")

    window = make_window()

    assert len(window.archive_session.archive.documents) == 5
    assert window.archive_session.index is not None
    assert window.archive_session.index.search("区域合作").total_hits == 6
    shown = window.statusBar().currentMessage()
    assert str(usual) in shown and "temporary" in shown
    assert usual.read_text() == "a file where the index folder should be"


def test_an_error_in_a_worker_thread_reaches_the_status_bar(
    make_window, qtbot, tmp_path: Path, capsys
) -> None:
    window = make_window()
    setup = LogSetup().install()
    setup.attach_file(window.paths.log_file)
    setup.on_unexpected = ErrorRelay(window, setup.log_file).raised.emit
    saved = threading.excepthook
    try:
        threading.excepthook = setup._thread_excepthook
        worker = threading.Thread(target=lambda: {}["missing"])
        worker.start()
        worker.join()
        qtbot.waitUntil(
            lambda: str(window.paths.log_file) in window.statusBar().currentMessage(), timeout=5000
        )
    finally:
        threading.excepthook = saved
        setup.close()
    assert "KeyError" in window.paths.log_file.read_text(encoding="utf-8")
    assert "Traceback" not in capsys.readouterr().err
