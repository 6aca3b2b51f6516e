"""The main window on the real seeds: tree, search → open → highlights in both panes, F3, variants, restart."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.gui.helpers import docs_of, text_of
from viewer.core.convert import convert
from viewer.gui.models.doc_tree import DOC_ID_ROLE, NODE_ROLE
from viewer.gui.widgets.parallel_view import CONVERTED, ORIGINAL
from viewer.settings import Settings

pytestmark = pytest.mark.qt_log_ignore("propagateSizeHints")

NOTICE_TITLE_PART = "區域合作"  # the traditional official notice in the seeds


def _visible_documents(window) -> dict[str, str]:
    """doc id -> label of every document row the tree shows (through the filter)."""
    found: dict[str, str] = {}
    model = window.tree_proxy

    def walk(parent) -> None:
        for r in range(model.rowCount(parent)):
            index = model.index(r, 0, parent)
            if index.data(NODE_ROLE) == "document":
                found[index.data(DOC_ID_ROLE)] = index.data()
            walk(index)

    from PySide6.QtCore import QModelIndex

    walk(QModelIndex())
    return found


def _notice(window):
    return next(d for d in docs_of(window) if d.script == "traditional")


def test_window_starts_on_the_seeds(make_window) -> None:
    window = make_window()
    assert window.archive is not None
    assert len(_visible_documents(window)) == len(docs_of(window)) == 5
    assert "5" in window.archive_label.text()
    assert window.search_index is not None, window.index_label.text()
    assert not window.archive_jobs.is_busy()


def test_search_opens_traditional_notice_with_match_in_both_panes(make_window) -> None:
    window = make_window()
    window.search_bar.set_query("区域合作")
    window.search_bar.search_requested.emit(window.search_bar.query())
    hits = window.results.visible_hits()
    notice = _notice(window)
    notice_hits = [i for i, h in enumerate(hits) if h.doc_id == notice.id]
    assert notice_hits, [h.doc_id for h in hits]
    window.results.hit_activated.emit(notice_hits[0])  # what a double-click does
    assert window.current_document() is notice
    hit = window.search.current_hit()
    row = window.view.row_of(hit.paragraph_id)
    start, end = hit.matches[0]
    original = window.view.highlight_ranges(row, ORIGINAL)
    converted = window.view.highlight_ranges(row, CONVERTED)
    assert (start, end) in original
    assert (start, end) in converted  # t2s keeps length: same offsets on the simplified side
    assert notice.paragraphs[row].text[start:end] == "區域合作"
    assert window.view.converted_text(row)[start:end] == "区域合作"
    # the hit's paragraph is on screen
    assert row in window.view.visible_rows()

    # F3 moves on to the next match in the result set, Shift+F3 comes back
    first = (hit.paragraph_id, start)
    window.commands.next_hit_action.trigger()
    second_hit = window.search.current_hit()
    second = (second_hit.paragraph_id, window.view.current_highlight()[1])
    assert second != first
    window.commands.previous_hit_action.trigger()
    assert (window.search.current_hit().paragraph_id, window.view.current_highlight()[1]) == first


def test_empty_search_says_so(make_window) -> None:
    window = make_window()
    window.run_search("这个词组在种子里绝对不存在")
    assert window.results.visible_hits() == []
    assert window.results.message.text().startswith("No results for “这个词组在种子里绝对不存在”. ")
    assert len(window.results.message.text()) > len("No results for “这个词组在种子里绝对不存在”. ")


def test_tree_filter_finds_documents_by_their_labels_in_either_script(make_window) -> None:
    window = make_window()
    notice = _notice(window)
    window.tree_filter.setText("区域合作重点")  # the simplified spelling of a traditional title
    assert notice.id in _visible_documents(window)
    window.tree_filter.setText("没有这样的文件名")
    assert _visible_documents(window) == {}
    window.tree_filter.setText("")
    assert len(_visible_documents(window)) == 5


def test_tree_filter_folds_like_the_search(make_window, seeds_dir, tmp_path) -> None:
    """Query and labels are both folded with the core fold: variant forms, either script, full width.

    The filter looks at labels (titles, file and folder names, authors), never at every document's
    text: on a large archive that froze the window; the archive search is there for the text."""
    import shutil

    archive = tmp_path / "archive"
    shutil.copytree(seeds_dir, archive)
    (archive / "会议").mkdir()
    (archive / "会议" / "Harbin minutes.txt").write_text("赤峰会议纪要\n\n会议的内容。\n", encoding="utf-8")
    window = make_window(archive=archive)
    minutes = next(d.id for d in docs_of(window) if d.source == "会议/Harbin minutes.txt")
    beijing = next(d.id for d in docs_of(window) if "北京" in d.title)
    window.tree_filter.setText("赤峯")  # the variant form finds a title written 赤峰
    assert {minutes, beijing} <= set(_visible_documents(window))
    window.tree_filter.setText("會議")  # a traditional spelling finds the simplified folder
    assert minutes in _visible_documents(window)
    window.tree_filter.setText("ＨＡＲＢＩＮ")  # full-width Latin, upper case, in the file name
    assert set(_visible_documents(window)) == {minutes}
    window.tree_filter.setText("")
    assert len(_visible_documents(window)) == 6


def test_repairs_dock_is_filled_when_shown_not_on_every_open(make_window) -> None:
    window = make_window()
    first, second = docs_of(window)[:2]
    window.open_document(first.id)
    assert not window.repairs_dock.isVisible()
    assert window.repairs.document() is None  # hidden: opening a document does not fill it
    window.repairs_dock.show()
    assert window.repairs.document().id == first.id
    raw = (window.archive_root / first.source).read_text(encoding="utf-8-sig")
    assert window.repairs.raw.toPlainText() == raw  # read from the file, not kept in the catalogue
    window.open_document(second.id)  # shown: follows the open document
    assert window.repairs.document().id == second.id
    assert window.repairs.raw.toPlainText() == (window.archive_root / second.source).read_text(
        encoding="utf-8-sig"
    )


def test_variant_switch_changes_the_right_pane(make_window) -> None:
    window = make_window()
    doc = next(d for d in docs_of(window) if d.script == "simplified" and "赤峰" in text_of(d))
    window.open_document(doc.id)
    assert window.view.column_sides() == [ORIGINAL, CONVERTED]
    row = next(i for i, p in enumerate(doc.paragraphs) if "赤峰" in p.text)
    assert "赤峰" in window.view.converted_text(row)  # s2tw, the default, keeps 赤峰
    window.commands.variant_actions["s2t"].trigger()
    assert "赤峯" in window.view.converted_text(row)
    assert "s2t" in window.right_header.text()
    window.commands.variant_actions["s2twp"].trigger()
    assert window.view.converted_text(row) == convert(doc.paragraphs[row].text, "s2twp")
    # swapping puts the conversion on the left
    window.commands.swap_action.trigger()
    assert window.view.column_sides() == [CONVERTED, ORIGINAL]


def test_s2twp_selection_maps_through_alignment(make_window, tmp_path: Path) -> None:
    archive = tmp_path / "archive"
    archive.mkdir()
    (archive / "vocab.txt").write_text("电脑知识\n电脑的内存不够了，项目软件用鼠标打开。\n", encoding="utf-8")
    window = make_window(archive=archive)
    doc = docs_of(window)[0]
    window.open_document(doc.id)
    window.set_variant("s2twp")
    view = window.view
    row = next(i for i, p in enumerate(doc.paragraphs) if "内存" in p.text)
    text, conv = doc.paragraphs[row].text, view.converted_text(row)
    assert len(conv) != len(text) and "記憶體" in conv
    # selecting 鼠标 on the original marks 滑鼠 on the conversion
    s = text.index("鼠标")
    assert view.map_span(row, s, s + 2, ORIGINAL, CONVERTED) == (conv.index("滑鼠"), conv.index("滑鼠") + 2)
    # selecting 記憶體 on the conversion gives 内存 in original offsets
    c = conv.index("記憶體")
    view.select_range(row, c, c + 3, CONVERTED)
    (selected,) = view.selection_ranges()
    assert selected.text == "内存"
    view.select_range(row, 0, len(conv), CONVERTED)
    assert view.selection_ranges()[0].text == text


def test_find_in_document_is_script_insensitive(make_window) -> None:
    window = make_window()
    notice = _notice(window)
    window.open_document(notice.id)
    window.commands.find_action.trigger()
    window.find_bar.edit.setText("区域合作")
    matches = window.search.find_matches()
    assert matches
    row, s, e = matches[0]
    assert notice.paragraphs[row].text[s:e] == "區域合作"
    window.search.find_next()
    assert window.view.current_highlight() == matches[1 % len(matches)]


def test_layout_survives_a_restart(make_window, data_dir: Path) -> None:
    window = make_window()
    doc = docs_of(window)[4]
    window.open_document(doc.id)
    window.view.scroll_to_paragraph(10)
    window.commands.zoom_in_action.trigger()
    window.commands.zoom_in_action.trigger()
    window.set_variant("s2hk")
    window.commands.single_pane_action.trigger()
    window.tree_dock.hide()
    window.repairs_dock.show()
    window.search_bar.set_query("赤峰")
    window.run_search("赤峰")
    window.close()

    settings, warning = Settings.load(data_dir / "settings.json")
    assert warning is None
    again = make_window(settings)
    assert again.current_document().id == doc.id
    assert again.view.top_paragraph() == 10
    assert again.view.zoom() == 2
    assert again.view.is_single_pane()
    assert again.commands.variant_actions["s2hk"].isChecked()
    assert again.tree_dock.isHidden()
    assert again.repairs_dock.isVisible()
    assert again.search_bar.history()[0] == "赤峰"


def test_selection_exposes_paragraph_ranges_for_excerpts(make_window, qtbot) -> None:
    window = make_window()
    notice = _notice(window)
    window.open_document(notice.id)
    view = window.view
    view.select_range(2, 3, 9, CONVERTED)
    (selected,) = window.selection_ranges()
    assert selected.document_id == notice.id
    assert selected.paragraph_id == notice.paragraphs[2].id
    assert (selected.start, selected.end) == (3, 9)
    assert selected.text == notice.paragraphs[2].text[3:9]
    with qtbot.waitSignal(window.excerpt_requested) as blocker:
        window.commands.add_excerpt_action.trigger()
    assert blocker.args[0] == [selected]


def test_an_index_damaged_while_open_is_rebuilt_not_fatal(make_window, data_dir: Path) -> None:
    """Damage under an open index: a failing search runs the integrity check, which finds it and
    rebuilds; the user sees a message, never a crash, and the next search works."""
    import random

    window = make_window()
    window.run_search("区域合作")
    assert window.results.visible_hits()
    index_dir = window.paths.index_dir(window.archive.root)
    files = sorted(
        p for p in (index_dir / "tantivy").rglob("*") if p.is_file() and p.suffix in (".idx", ".pos", ".term")
    )
    rng = random.Random(5)
    for path in files:  # in place: truncating a file the open index maps would be a bus error
        size = path.stat().st_size
        with open(path, "r+b") as handle:
            for _ in range(8):
                handle.seek(rng.randrange(size))
                byte = handle.read(1)
                handle.seek(-1, 1)
                handle.write(bytes([byte[0] ^ 0xFF]))
    health = window.search_index.check()  # what a failing search triggers
    assert not health.ready
    window.archive_jobs.index_damaged(health.problem)
    assert window.search_index is not None
    assert window.search_index.state == "ready", window.index_label.text()
    window.run_search("区域合作")
    assert window.results.visible_hits()


def test_unreadable_files_are_listed_with_their_reasons(
    make_window, tmp_path: Path, seeds_dir: Path, monkeypatch
) -> None:
    import shutil

    from viewer.gui.dialogs.ingest_report import IngestReportDialog

    archive = tmp_path / "mixed"
    shutil.copytree(seeds_dir, archive)
    (archive / "empty.txt").write_bytes(b"")
    (archive / "photo.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 8)
    window = make_window(archive=archive)
    assert len(docs_of(window)) == 5
    assert window.problems_button.isVisible()
    assert "2" in window.problems_button.text()
    shown: list[IngestReportDialog] = []
    monkeypatch.setattr(IngestReportDialog, "exec", lambda self: shown.append(self) or 0)
    window.problems_button.click()
    (dialog,) = shown
    rows = {
        dialog.table.item(r, 0).text(): dialog.table.item(r, 1).text() for r in range(dialog.table.rowCount())
    }
    assert set(rows) == {"empty.txt", "photo.txt"}
    assert "empty" in rows["empty.txt"] and "binary" in rows["photo.txt"]


def test_no_report_button_when_every_file_was_read(make_window) -> None:
    window = make_window()
    assert not window.problems_button.isVisible()
