"""Excerpts from the window on the real seeds: select → Ctrl+E → panel → restart → export; copy with
citation; double-click back to the text; a corrupt store at startup."""

from __future__ import annotations

import dataclasses
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication, QKeySequence
from PySide6.QtWidgets import QDialogButtonBox

from tests.gui.test_excerpt_panel import double_click
from viewer.core.citation import short_reference
from viewer.core.excerpts import make_excerpt
from viewer.gui.models.excerpts import COLUMN_TEXT
from viewer.gui.widgets.parallel_view import CONVERTED, ORIGINAL
from viewer.paths import DataPaths, resources_dir
from viewer.settings import Settings

pytestmark = pytest.mark.qt_log_ignore("propagateSizeHints")

YEARBOOK_ID = "b74c2a7fd798"  # 2023卷, simplified; paragraph 2 is the entry 【协同推进教育高质量发展】
NOTICE_ID = "ecd12d5bb6ce"  # the traditional official notice, 2015卷
PASSAGE = "通辽赤峰协同推进基础"

CTRL = Qt.KeyboardModifier.ControlModifier
CTRL_SHIFT = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier


def _ready(qtbot, window) -> None:
    """Shortcuts need the window to be the active one."""
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    assert window.archive is not None


def _select(window, doc_id: str, paragraph: int, needle: str, side: str = ORIGINAL) -> tuple[int, int]:
    """Open the document and select `needle` in a paragraph through the view's API; its offsets."""
    assert window.open_document(doc_id)
    doc = window.current_document()
    para = doc.paragraphs[paragraph]
    start = (
        para.text.index(needle) if side == ORIGINAL else window.view.converted_text(paragraph).index(needle)
    )
    window.view.select_range(window.view.row_of(para.id), start, start + len(needle), side)
    return start, start + len(needle)


def _rows(window) -> list[str]:
    model = window.excerpts.panel.model
    return [model.excerpt(r).text for r in range(model.rowCount())]


def test_select_ctrl_e_shows_the_excerpt_then_restart_then_export(
    qtbot, make_window, tmp_path: Path, data_dir: Path
) -> None:
    window = make_window()
    _ready(qtbot, window)
    start, end = _select(window, YEARBOOK_ID, 2, PASSAGE)
    qtbot.keyClick(window, Qt.Key.Key_E, CTRL)

    panel = window.excerpts.panel
    assert _rows(window) == [PASSAGE]
    saved = panel.model.excerpt(0)
    assert saved.doc_id == YEARBOOK_ID and (saved.start, saved.end) == (start, end)
    assert saved.paragraph_ids == (f"{YEARBOOK_ID}-p2",)
    assert saved.citation.volume == "2023卷" and saved.citation.section == "协同推进教育高质量发展"
    shown = panel.model.index(0, COLUMN_TEXT).data()
    assert shown == f"「{PASSAGE}」 《年鉴 2023卷》(2023卷,【协同推进教育高质量发展】)"
    assert "协同推进教育高质量发展[M]//年鉴 2023卷: 2023卷. 2023." in panel.model.index(0, COLUMN_TEXT).data(
        Qt.ItemDataRole.ToolTipRole
    )
    assert window.excerpts_dock.isVisible()
    assert window.excerpts_dock.toggleViewAction() in window.commands.docks_menu.actions()

    # Restart: a new window over the same data directory still has it (and the dock where it was).
    window.excerpts_dock.hide()
    window.excerpts.set_citation_style("short")
    window.close()
    settings, warning = Settings.load(DataPaths(data_dir).settings_file)
    assert warning is None
    again = make_window(settings)
    assert (
        again.commands.citation_style_actions["short"].isChecked()
        and again.excerpts.panel.citation_style == "short"
    )
    assert _rows(again) == [PASSAGE]
    assert not again.excerpts_dock.isVisible()
    again.excerpts_dock.toggleViewAction().trigger()
    assert again.excerpts_dock.isVisible()
    assert again.excerpts.panel.model.excerpt(0).citation == saved.citation

    # Export through the dialog, as a user would: Ctrl+Shift+E, Markdown, a file, Save.
    _ready(qtbot, again)
    qtbot.keyClick(again, Qt.Key.Key_E, CTRL_SHIFT)
    dialog = again.excerpts.export_dialog
    assert dialog is not None and dialog.isVisible()
    assert [e.text for e in dialog.excerpts()] == [PASSAGE]
    dialog.format.setCurrentIndex(dialog.format.findData("md"))
    assert dialog.citation_style.currentData() == "short"  # the chosen style is the default
    target = tmp_path / "摘录 out.md"
    dialog.path.setText(str(target))
    dialog.buttons.button(QDialogButtonBox.StandardButton.Save).click()
    text = target.read_text(encoding="utf-8")
    assert PASSAGE in text
    assert (
        short_reference(saved.citation) in text
        and "《年鉴 2023卷》(2023卷,【协同推进教育高质量发展】)" in text
    )
    assert str(target) in again.statusBar().currentMessage()
    assert not [p for p in tmp_path.iterdir() if p.name != target.name and "out" in p.name]  # no temp left


def test_export_dialog_offers_selection_collection_and_all(qtbot, make_window, tmp_path: Path) -> None:
    window = make_window()
    _select(window, YEARBOOK_ID, 2, PASSAGE)
    window.commands.add_excerpt_action.trigger()
    _select(window, NOTICE_ID, 2, "區域合作")
    window.commands.add_excerpt_action.trigger()
    panel = window.excerpts.panel
    panel.new_collection("论文一")
    _select(window, YEARBOOK_ID, 3, "赤峰市主题活动")
    window.commands.add_excerpt_action.trigger()
    assert _rows(window) == ["赤峰市主题活动"]
    panel.set_current_collection("默认")
    panel.select_excerpt(panel.model.excerpt(1).id)
    window.commands.export_excerpts_action.trigger()
    dialog = window.excerpts.export_dialog
    scopes = [dialog.scope.itemText(i) for i in range(dialog.scope.count())]
    assert scopes == ["Selected excerpts (1)", "Collection “Default” (2)", "All collections (3)"]
    assert dialog.scope.currentIndex() == 1 and len(dialog.excerpts()) == 2  # one row selected: collection
    dialog.scope.setCurrentIndex(0)
    assert [e.text for e in dialog.excerpts()] == ["區域合作"]
    dialog.scope.setCurrentIndex(2)
    assert len(dialog.excerpts()) == 3 and "3" in dialog.count.text()
    dialog.format.setCurrentIndex(dialog.format.findData("csv"))
    assert dialog.export_to(tmp_path / "all.csv")
    assert (tmp_path / "all.csv").read_bytes().startswith(b"\xef\xbb\xbf")
    dialog.reject()


def test_copy_with_citation_puts_text_and_citation_on_the_clipboard(qtbot, make_window) -> None:
    window = make_window()
    _ready(qtbot, window)
    notice = window.archive.document(NOTICE_ID)
    # Default: GB/T 7714, the text as in the (traditional) source.
    _select(window, NOTICE_ID, 2, "區域合作")
    qtbot.keyClick(window, Qt.Key.Key_C, CTRL_SHIFT)
    assert QGuiApplication.clipboard().text() == f"「區域合作」\n{notice.title}[A]. 2015卷."
    # Short form, simplified text, selected in the simplified column: the citation keeps the source's script.
    window.excerpts.set_citation_style("short")
    window.excerpts.set_excerpt_script("simplified")
    _select(window, NOTICE_ID, 2, "区域合作", side=CONVERTED)
    qtbot.keyClick(window, Qt.Key.Key_C, CTRL_SHIFT)
    assert (
        QGuiApplication.clipboard().text()
        == "《內蒙古自治區2014年區域合作重點推進事項及分工方案》(2015卷)：「区域合作」"
    )
    assert window.settings.citation_style == "short" and window.settings.excerpt_script == "simplified"
    assert window.excerpts.panel.citation_style == "short"
    assert window.excerpts.panel.model.rowCount() == 0  # copying does not keep an excerpt
    # Both scripts, side by side
    window.excerpts.set_excerpt_script("both")
    window.commands.copy_citation_action.trigger()
    assert QGuiApplication.clipboard().text().endswith("：「區域合作」 / 「区域合作」")


def test_copy_with_citation_in_the_excerpt_list_copies_the_selected_excerpts(qtbot, make_window) -> None:
    window = make_window()
    _ready(qtbot, window)
    _select(window, YEARBOOK_ID, 2, PASSAGE)
    window.commands.add_excerpt_action.trigger()
    window.view.select_range(0, 0, 0)  # nothing selected in the text
    panel = window.excerpts.panel
    panel.select_excerpt(panel.model.excerpt(0).id)
    panel.view.setFocus()
    qtbot.keyClick(panel.view, Qt.Key.Key_C, CTRL_SHIFT)
    assert (
        QGuiApplication.clipboard().text()
        == f"「{PASSAGE}」\n协同推进教育高质量发展[M]//年鉴 2023卷: 2023卷. 2023."
    )


def test_double_click_opens_the_document_with_the_range_highlighted(qtbot, make_window) -> None:
    window = make_window()
    doc = window.archive.document(YEARBOOK_ID)
    p2, p3 = doc.paragraphs[2], doc.paragraphs[3]
    panel = window.excerpts.panel
    # Two paragraphs: from offset 20 of p2 to offset 6 of p3.
    saved = panel.add_excerpt(make_excerpt(doc, p2.id, 20, p3.id, 6))
    assert saved is not None and saved.text == p2.text[20:] + "\n" + p3.text[:6]
    window.open_document(NOTICE_ID)
    qtbot.waitExposed(window)
    rect = panel.view.visualRect(panel.model.index(0, COLUMN_TEXT))
    double_click(qtbot, panel.view.viewport(), rect.center())
    assert window.current_document().id == YEARBOOK_ID
    r2, r3 = window.view.row_of(p2.id), window.view.row_of(p3.id)
    assert (20, len(p2.text)) in window.view.highlight_ranges(r2, ORIGINAL)
    assert (0, 6) in window.view.highlight_ranges(r3, ORIGINAL)
    assert (0, 6) in window.view.highlight_ranges(r3, CONVERTED)  # s2tw keeps length here
    assert r2 in window.view.visible_rows()


def test_moved_and_missing_excerpts_after_reingest(qtbot, make_window) -> None:
    window = make_window()
    doc = window.archive.document(YEARBOOK_ID)
    panel, store = window.excerpts.panel, window.excerpts.store
    real = make_excerpt(doc, doc.paragraphs[2].id, 20, None, 30)
    # Stored with a stale place (paragraph 1): the text is found again in paragraph 2.
    moved = store.add(dataclasses.replace(real, paragraph_ids=(doc.paragraphs[1].id,), start=0, end=10))
    # From a document that is not in the archive: kept, marked, and says so when opened.
    gone = store.add(dataclasses.replace(real, doc_id="000000000000", uid="gone"))
    window.archive_jobs.load_archive(window.archive_root)  # re-ingest (jobs run synchronously in tests)
    # Re-anchoring follows once the tree has been filled (and painted).
    qtbot.waitUntil(lambda: store.get(moved.id).anchor_status != "ok", timeout=5000)
    assert store.get(moved.id).anchor_status == "moved"
    assert store.get(moved.id).paragraph_ids == (doc.paragraphs[2].id,) and store.get(moved.id).start == 20
    assert store.get(gone.id).missing and store.get(gone.id).text == PASSAGE
    assert "[source text gone]" in panel.model.index(panel.model.row_of(gone.id), COLUMN_TEXT).data()
    assert "1 excerpt(s)" in panel.status.text()

    window.open_document(NOTICE_ID)
    panel.excerpt_activated.emit(store.get(gone.id))  # what a double-click does
    assert window.current_document().id == NOTICE_ID  # nothing opened
    assert "no longer in the archive" in window.statusBar().currentMessage()
    assert "no longer in the archive" in panel.status.text()
    panel.excerpt_activated.emit(store.get(moved.id))
    assert window.current_document().id == YEARBOOK_ID
    assert (20, 30) in window.view.highlight_ranges(window.view.row_of(doc.paragraphs[2].id), ORIGINAL)


def test_corrupt_store_at_startup_is_reported_and_the_app_keeps_running(
    qtbot, make_window, data_dir: Path
) -> None:
    db = DataPaths(data_dir).excerpts_db
    db.parent.mkdir(parents=True, exist_ok=True)
    db.write_bytes(b"this is not an SQLite file " * 200)
    window = make_window()
    box = window.excerpts.store_message
    assert box is not None and box.isVisible()
    assert "moved aside" in box.text() and "moved to" in box.informativeText()
    assert "moved aside" in window.statusBar().currentMessage()
    assert [p.name for p in db.parent.iterdir() if ".corrupt-" in p.name]  # kept, not deleted
    assert window.excerpts.panel.model.rowCount() == 0
    box.accept()
    _select(window, YEARBOOK_ID, 2, PASSAGE)
    window.commands.add_excerpt_action.trigger()
    assert _rows(window) == [PASSAGE]
    assert window.excerpts.store.integrity_check() == "ok"


def test_excerpt_actions_in_context_menu_and_shortcuts_list(make_window) -> None:
    window = make_window()
    assert window.view.contextMenuPolicy() == Qt.ContextMenuPolicy.ActionsContextMenu
    assert {window.commands.add_excerpt_action, window.commands.copy_citation_action} <= set(
        window.view.actions()
    )
    listed = {
        a.text().replace("&", ""): a.shortcut()
        for a in window.commands.shortcut_actions()
        if not a.shortcut().isEmpty()
    }
    assert listed["Add excerpt"] == QKeySequence("Ctrl+E")
    assert listed["Copy with citation"] == QKeySequence("Ctrl+Shift+C")
    assert listed["Export excerpts…"] == QKeySequence("Ctrl+Shift+E")
    assert listed["Excerpts: undo"] == QKeySequence(QKeySequence.StandardKey.Undo)
    assert "Excerpts: delete the selected excerpts" in listed


def test_excerpt_strings_are_translated() -> None:
    """Every literal self.tr() in the excerpt pieces and the window has a finished zh_CN translation."""
    ts = resources_dir() / "translations" / "archive_viewer_zh_CN.ts"
    finished = {
        m.findtext("source")
        for m in ET.parse(ts).getroot().iter("message")
        if m.find("translation").get("type") not in ("unfinished", "obsolete")
    }
    pattern = re.compile(r'self\.tr\(\s*"((?:[^"\\]|\\.)*)"\s*[,)]')
    gui = Path(__file__).resolve().parents[2] / "viewer" / "gui"
    files = [
        gui / "mainwindow.py",
        gui / "actions.py",
        gui / "archive_jobs.py",
        gui / "excerpts_controller.py",
        gui / "search_controller.py",
        gui / "widgets" / "excerpt_panel.py",
        gui / "models" / "excerpts.py",
        gui / "dialogs" / "export_dialog.py",
    ]
    missing = [
        (f.name, t)
        for f in files
        for t in pattern.findall(f.read_text(encoding="utf-8"))
        if t not in finished
    ]
    assert missing == []


def test_unopenable_store_leaves_the_window_working_without_excerpts(
    qtbot, make_window, data_dir: Path
) -> None:
    DataPaths(data_dir).excerpts_db.mkdir(parents=True)  # a folder where the file should be: cannot open
    window = make_window()
    assert window.excerpts.store is None and window.excerpts.panel is None and window.excerpts_dock is None
    box = window.excerpts.store_message
    assert box is not None and box.isVisible() and "cannot be opened" in box.text()
    assert "unable to open" in box.informativeText()
    box.accept()
    assert (
        not window.commands.add_excerpt_action.isEnabled()
        and not window.commands.export_excerpts_action.isEnabled()
    )
    _select(window, YEARBOOK_ID, 2, PASSAGE)
    window.commands.copy_citation_action.trigger()  # copying needs no store
    assert QGuiApplication.clipboard().text().startswith(f"「{PASSAGE}」")
    window.excerpts.export_excerpts()
    assert "Excerpts are unavailable" in window.statusBar().currentMessage()
