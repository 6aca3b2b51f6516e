"""The excerpts dock and export dialog (pytest-qt): add, edit inline, reorder, delete + undo, restart, export."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest

from PySide6.QtCore import QMimeData, QModelIndex, QPoint, Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QWidget

from tests.core.excerpt_samples import yearbook_doc
from viewer.core.excerpts import ExcerptStore, make_excerpt
from viewer.gui.dialogs.export_dialog import ExportDialog
from viewer.gui.models.excerpts import COLUMN_NOTE, COLUMN_TAGS, COLUMN_TEXT
from viewer.gui.widgets.excerpt_panel import ExcerptPanel

# The offscreen platform cannot resize native windows; it says so when a dock or dialog is shown.
pytestmark = pytest.mark.qt_log_ignore("does not support propagateSizeHints")


@pytest.fixture
def store_path(tmp_path: Path) -> Path:
    return tmp_path / "excerpts.sqlite3"


@pytest.fixture
def panel(qtbot, store_path: Path):
    store = ExcerptStore(store_path)
    widget = ExcerptPanel(store)
    qtbot.addWidget(widget)
    widget.show()
    yield widget
    store.close()


def _excerpt(start: int, end: int, paragraph: int = 5):
    doc = yearbook_doc()
    return make_excerpt(doc, doc.paragraphs[paragraph].id, start, None, end)


def _texts(panel: ExcerptPanel) -> list[str]:
    return [panel.model.excerpt(r).text for r in range(panel.model.rowCount())]


def test_add_shows_in_panel_and_survives_restart(qtbot, panel: ExcerptPanel, store_path: Path) -> None:
    saved = panel.add_excerpt(_excerpt(6, 16))
    assert saved is not None and _texts(panel) == ["通辽赤峰协同推进基础"]
    assert "通辽赤峰协同推进基础" in panel.model.index(0, COLUMN_TEXT).data()
    assert [e.id for e in panel.selected_excerpts()] == [saved.id]
    panel.store.close()  # "restart": a new store and panel over the same file
    with ExcerptStore(store_path) as store:
        again = ExcerptPanel(store)
        qtbot.addWidget(again)
        assert _texts(again) == ["通辽赤峰协同推进基础"]


def test_inline_note_and_tag_edits_are_saved_and_undoable(panel: ExcerptPanel) -> None:
    saved = panel.add_excerpt(_excerpt(0, 5))
    assert saved is not None
    assert panel.model.setData(panel.model.index(0, COLUMN_NOTE), "我的注释")
    assert panel.model.setData(panel.model.index(0, COLUMN_TAGS), "教育, 合作")
    assert panel.store.get(saved.id).note == "我的注释"
    assert panel.store.get(saved.id).tags == ("教育", "合作")
    assert panel.model.index(0, COLUMN_TAGS).data() == "教育, 合作"
    panel.undo_stack.undo()
    assert panel.store.get(saved.id).tags == ()
    panel.undo_stack.undo()
    assert panel.store.get(saved.id).note == ""
    panel.undo_stack.redo()
    assert panel.store.get(saved.id).note == "我的注释"


def test_delete_then_ctrl_z_restores(qtbot, panel: ExcerptPanel) -> None:
    a = panel.add_excerpt(_excerpt(0, 3))
    b = panel.add_excerpt(_excerpt(6, 10))
    assert a is not None and b is not None
    panel.select_excerpt(a.id)
    panel.view.setFocus()
    qtbot.keyClick(panel.view, Qt.Key.Key_Delete)
    assert [e.id for e in panel.store.list()] == [b.id]
    assert panel.model.rowCount() == 1
    qtbot.keyClick(panel.view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert [e.id for e in panel.store.list()] == [a.id, b.id]
    assert panel.model.rowCount() == 2


def test_drag_drop_reorders_and_undo_puts_it_back(panel: ExcerptPanel) -> None:
    ids = [panel.add_excerpt(_excerpt(i, i + 3)).id for i in (0, 6, 12)]  # type: ignore[union-attr]
    mime: QMimeData = panel.model.mimeData([panel.model.index(2, COLUMN_TEXT)])
    panel.model.dropMimeData(mime, Qt.DropAction.MoveAction, 0, 0, QModelIndex())
    assert [e.id for e in panel.store.list()] == [ids[2], ids[0], ids[1]]
    assert [panel.model.excerpt(r).id for r in range(3)] == [ids[2], ids[0], ids[1]]
    mime = panel.model.mimeData([panel.model.index(0, COLUMN_TEXT)])
    panel.model.dropMimeData(mime, Qt.DropAction.MoveAction, 3, 0, QModelIndex())  # to the end
    assert [e.id for e in panel.store.list()] == [ids[0], ids[1], ids[2]]
    panel.undo_stack.undo()
    assert [e.id for e in panel.store.list()] == [ids[2], ids[0], ids[1]]


def test_filter_and_collections(panel: ExcerptPanel) -> None:
    panel.add_excerpt(_excerpt(6, 16))
    panel.add_excerpt(_excerpt(0, 5))
    panel.filter.setText("通遼")  # traditional form finds the simplified excerpt
    assert _texts(panel) == ["通辽赤峰协同推进基础"]
    panel.filter.clear()
    panel.new_collection("论文一")
    assert panel.collections.currentText() == "论文一 (0)" and panel.model.rowCount() == 0
    panel.add_excerpt(_excerpt(0, 3, paragraph=6))
    assert [c.count for c in panel.store.collections()] == [2, 1]
    panel.rename_collection("论文二")
    assert panel.collections.currentText() == "论文二 (1)"
    panel.delete_collection()
    assert panel.collections.count() == 1 and panel.model.rowCount() == 2
    panel.undo_stack.undo()
    assert panel.collections.count() == 2


def double_click(qtbot, widget: QWidget, pos: QPoint) -> None:
    """What a real double click delivers: press, release, double-click, release.

    QTest's mouseDClick on a widget sends only the double-click event, and item views act on a
    double click only over the item they saw pressed, so the press must come first. Every press is
    released: QTest and QGuiApplication remember a held button across tests, and with a stale held
    button any later mouse move over an item view (a window shown under the cursor sends one)
    starts a drag-select, after which the view ignores double clicks: the whole-folder failure.
    """
    button = Qt.MouseButton.LeftButton
    qtbot.mousePress(widget, button, pos=pos)
    qtbot.mouseRelease(widget, button, pos=pos)
    qtbot.mouseDClick(widget, button, pos=pos)
    qtbot.mouseRelease(widget, button, pos=pos)
    assert QGuiApplication.mouseButtons() == Qt.MouseButton.NoButton  # nothing left held


def test_double_click_emits_excerpt_activated(qtbot, panel: ExcerptPanel) -> None:
    saved = panel.add_excerpt(_excerpt(6, 16))
    qtbot.waitExposed(panel)
    index = panel.model.index(0, COLUMN_TEXT)
    rect = panel.view.visualRect(index)
    assert panel.view.viewport().rect().contains(rect.center())
    with qtbot.waitSignal(panel.excerpt_activated) as blocker:
        double_click(qtbot, panel.view.viewport(), rect.center())
    assert blocker.args[0].id == saved.id  # type: ignore[union-attr]


def test_copy_with_citation(panel: ExcerptPanel) -> None:
    panel.add_excerpt(_excerpt(6, 16))
    panel.citation_style = "short"
    text = panel.copy_selected()
    assert text == "《通辽年鉴》(2023卷,【协同推进教育高质量发展】)：「通辽赤峰协同推进基础」"
    assert QGuiApplication.clipboard().text() == text


def test_store_errors_become_messages(qtbot, panel: ExcerptPanel) -> None:
    with qtbot.waitSignal(panel.error_occurred) as blocker:
        panel.new_collection("")
    assert "name" in blocker.args[0] and panel.status.text() == blocker.args[0]


def test_corrupt_store_message_is_left_to_the_window(qtbot, store_path: Path) -> None:
    """The window's box says it once (test_plain_text); the panel does not repeat it."""
    store_path.write_bytes(b"not sqlite" * 500)
    with ExcerptStore(store_path) as store:
        assert store.recovered is not None and "moved to" in str(store.recovered)
        widget = ExcerptPanel(store)
        qtbot.addWidget(widget)
        assert widget.status.text() == ""


def test_export_dialog_preview_and_write(qtbot, panel: ExcerptPanel, tmp_path: Path) -> None:
    panel.add_excerpt(_excerpt(6, 16))
    saved = panel.add_excerpt(_excerpt(0, 5))
    panel.set_note(saved.id, "<b>& note</b>")  # type: ignore[union-attr]
    dialog = ExportDialog(panel.store.list(), script="both")
    qtbot.addWidget(dialog)
    dialog.format.setCurrentIndex(dialog.format.findData("md"))
    assert "通遼赤峰協同推進基礎" in dialog.source_preview.toPlainText()
    assert dialog.path.text().endswith(".md")
    dialog.format.setCurrentIndex(dialog.format.findData("html"))
    assert "<b>& note</b>" in dialog.preview.toPlainText()  # shown literally
    dialog.notes.setChecked(False)
    assert "& note" not in dialog.preview.toPlainText()
    dialog.format.setCurrentIndex(dialog.format.findData("csv"))
    target = tmp_path / "out.csv"
    assert dialog.export_to(target) and dialog.written == target
    rows = list(csv.DictReader(io.StringIO(target.read_bytes().decode("utf-8-sig"))))
    assert len(rows) == 2 and "note" not in rows[0]


def test_export_dialog_pdf_and_failure_message(qtbot, panel: ExcerptPanel, tmp_path: Path) -> None:
    panel.add_excerpt(_excerpt(6, 16))
    dialog = ExportDialog(panel.store.list())
    qtbot.addWidget(dialog)
    dialog.format.setCurrentIndex(dialog.format.findData("pdf"))
    assert dialog.export_to(tmp_path / "out.pdf")
    assert (tmp_path / "out.pdf").read_bytes().startswith(b"%PDF")
    blocker = tmp_path / "file"
    blocker.write_text("x")
    assert not dialog.export_to(blocker / "out.pdf")
    assert "Cannot write" in dialog.error.text() and "Nothing was written" in dialog.error.text()
    assert blocker.read_text() == "x"
