"""What users of a serious reader expect of the window: go to paragraph, where they are and how large
the text is in the status bar, recent archives, searching for the selection, a new search's marks,
and result groups that say which file they are."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

pytestmark = pytest.mark.qt_log_ignore("propagateSizeHints")


def test_go_to_paragraph_shows_it_and_says_where(make_window, monkeypatch) -> None:
    from PySide6.QtWidgets import QInputDialog

    window = make_window()
    doc = max(
        (window.archive.document(s.id) for s in window.archive.documents), key=lambda d: len(d.paragraphs)
    )
    window.open_document(doc.id)
    target = len(doc.paragraphs) // 2
    monkeypatch.setattr(QInputDialog, "getInt", lambda *args, **kwargs: (target, True))
    window.commands.goto_paragraph_action.trigger()  # Ctrl+G
    assert window.view.top_paragraph() == target - 1
    assert window.position_label.text() == f"¶{target} of {len(doc.paragraphs)}"
    section = doc.paragraphs[target - 1].section
    assert window.tree_panel.location() == (doc.id, section or "")


def test_the_status_bar_shows_the_zoom(make_window) -> None:
    window = make_window()
    window.commands.zoom_reset_action.trigger()
    assert window.zoom_label.text() in ("", "Zoom 100%")
    window.commands.zoom_in_action.trigger()
    percent = int(window.zoom_label.text().removeprefix("Zoom ").removesuffix("%"))
    assert percent > 100
    window.commands.zoom_reset_action.trigger()
    assert window.zoom_label.text() == "Zoom 100%"


def test_recent_archives_are_remembered_and_reopen(make_window, seeds_dir, tmp_path: Path) -> None:
    other = tmp_path / "other"
    shutil.copytree(seeds_dir, other)
    window = make_window()
    window.archive_jobs.open_archive_folder(other)
    assert window.settings.recent_archives[0] == str(other)
    window.archive_jobs.open_archive_folder(seeds_dir)
    assert window.settings.recent_archives[:2] == [str(seeds_dir), str(other)]
    menu = window.commands.recent_menu
    menu.aboutToShow.emit()
    entries = [a for a in menu.actions() if a.text() == str(other)]
    assert entries and entries[0].isEnabled()
    entries[0].trigger()
    assert window.archive.root == other


def test_search_the_archive_for_the_selection(make_window) -> None:
    window = make_window()
    window.view.search_requested.emit("区域合作")  # the context-menu entry on a selection
    assert window.search_bar.query() == "区域合作"
    assert window.results.results() is not None and window.results.results().query == "区域合作"


def test_a_new_search_marks_its_own_hits_in_the_open_document(make_window) -> None:
    window = make_window()
    window.run_search("区域合作")
    window.next_hit()
    doc = window.current_document()
    marked_before = dict(window.view.highlights())
    assert marked_before
    window.run_search("这个词组在种子里绝对不存在")
    assert window.current_document() is doc
    assert window.view.highlights() == {}  # the old query's marks are gone


def test_a_result_group_names_its_file_when_the_title_is_the_first_poem(make_window) -> None:
    from types import SimpleNamespace

    from viewer.gui.models.results import group_label

    hit = SimpleNamespace(title="诉衷情", source="五代诗词/00010.txt")
    assert group_label(hit) == "诉衷情 — 五代诗词/00010.txt"
    assert group_label(SimpleNamespace(title="", source="a/b.txt")) == "a/b.txt"
    assert group_label(SimpleNamespace(title="b", source="a/b.txt")) == "a/b.txt"
