"""Bookmark panel and controller, built directly over a real store: Ctrl+D, Enter, Delete, undo, notes."""

from __future__ import annotations

from pathlib import Path

import pytest

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QVBoxLayout, QWidget

from tests.core.excerpt_samples import yearbook_doc
from viewer.core.anchor import ANCHOR_MISSING
from viewer.core.bookmarks import bookmark_target, make_bookmark
from viewer.core.excerpts import ExcerptStore
from viewer.gui.bookmarks_controller import BookmarksController
from viewer.gui.models.bookmarks import COLUMN_NOTE, COLUMN_PARAGRAPH, COLUMN_QUOTE, COLUMN_TITLE
from viewer.gui.widgets.bookmark_panel import BookmarkPanel

pytestmark = pytest.mark.qt_log_ignore("does not support propagateSizeHints")


class Reader:
    """Stands in for the window: where the reader is, and what was opened."""

    def __init__(self) -> None:
        self.doc = yearbook_doc()
        self.paragraph: str | None = self.doc.paragraphs[5].id
        self.opened: list[tuple[str, str]] = []

    def current_location(self):
        if self.paragraph is None:
            return None
        return bookmark_target(self.doc, self.paragraph)

    def open_location(self, doc_id: str, paragraph_id: str) -> None:
        self.opened.append((doc_id, paragraph_id))


@pytest.fixture
def store_path(tmp_path: Path) -> Path:
    return tmp_path / "excerpts.sqlite3"


@pytest.fixture
def parts(qtbot, store_path: Path):
    store = ExcerptStore(store_path)
    host = QWidget()
    panel = BookmarkPanel(store.bookmarks, host)
    QVBoxLayout(host).addWidget(panel)
    qtbot.addWidget(host)
    reader = Reader()
    controller = BookmarksController(
        store.bookmarks, panel, reader.current_location, reader.open_location, parent=host
    )
    action = controller.create_toggle_action(host)
    host.addAction(action)
    host.resize(800, 300)
    host.show()
    qtbot.waitExposed(host)
    yield panel, controller, reader, action
    store.close()


def _rows(panel: BookmarkPanel) -> list[tuple[str, str]]:
    model = panel.model
    return [
        (model.index(r, COLUMN_TITLE).data(), model.index(r, COLUMN_PARAGRAPH).data())
        for r in range(model.rowCount())
    ]


def test_ctrl_d_toggles_and_persists(qtbot, parts, store_path: Path) -> None:
    panel, controller, reader, action = parts
    assert action.shortcut().toString() == "Ctrl+D"
    messages = []
    controller.status_message.connect(lambda text, ms: messages.append(text))
    changed = []
    controller.bookmarks_changed.connect(changed.append)
    para = reader.doc.paragraphs[5]
    action.trigger()
    assert _rows(panel) == [("通辽年鉴", f"¶{para.ordinal + 1}")]
    assert panel.store.is_bookmarked(reader.doc.id, para.id)
    assert panel.model.index(0, COLUMN_QUOTE).data().startswith("「" + para.text[:10])
    assert changed == [reader.doc.id] and messages
    reader.paragraph = reader.doc.paragraphs[3].id
    assert controller.toggle_bookmark() is True
    assert [n for _, n in _rows(panel)] == ["¶4", "¶6"]  # document order, not the order made
    # Another session over the same file sees them.
    with ExcerptStore(store_path) as again:
        assert [b.number for b in again.bookmarks.list()] == [4, 6]
    assert controller.toggle_bookmark() is False  # on a bookmarked paragraph: removed
    assert [n for _, n in _rows(panel)] == ["¶6"]
    assert controller.undo_remove()
    assert [n for _, n in _rows(panel)] == ["¶4", "¶6"]


def test_toggle_without_a_place_says_so(parts) -> None:
    panel, controller, reader, _ = parts
    reader.paragraph = None
    messages = []
    controller.status_message.connect(lambda text, ms: messages.append(text))
    assert controller.toggle_bookmark() is None
    assert messages and panel.model.rowCount() == 0


def test_enter_and_double_click_open_the_bookmark(qtbot, parts) -> None:
    panel, _controller, reader, _ = parts
    for i in (3, 5):
        panel.store.add(make_bookmark(reader.doc, reader.doc.paragraphs[i].id))
    panel.refresh()
    second = panel.model.bookmark(1)
    panel.select_bookmark(second.id)
    panel.view.setFocus()
    with qtbot.waitSignal(panel.bookmark_activated) as blocker:
        qtbot.keyClick(panel.view, Qt.Key.Key_Return)
    assert blocker.args == [reader.doc.id, second.paragraph_id]
    assert reader.opened == [(reader.doc.id, second.paragraph_id)]
    first = panel.model.bookmark(0)
    rect = panel.view.visualRect(panel.model.index(0, COLUMN_QUOTE))
    with qtbot.waitSignal(panel.bookmark_activated) as blocker:  # a real double-click: press first
        qtbot.mouseClick(panel.view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
        qtbot.mouseDClick(panel.view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert blocker.args == [reader.doc.id, first.paragraph_id]


def test_delete_key_removes_and_ctrl_z_restores(qtbot, parts) -> None:
    panel, controller, reader, _ = parts
    marks = [panel.store.add(make_bookmark(reader.doc, p.id)) for p in reader.doc.paragraphs[2:6]]
    panel.refresh()
    panel.select_bookmark(marks[1].id)
    panel.view.setFocus()
    with qtbot.waitSignal(panel.remove_requested) as blocker:
        qtbot.keyClick(panel.view, Qt.Key.Key_Delete)
    assert blocker.args == [[marks[1].id]]
    assert [b.id for b in panel.store.list()] == [marks[0].id, marks[2].id, marks[3].id]
    assert panel.model.rowCount() == 3 and controller.can_undo()
    qtbot.keyClick(panel.view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert [b.id for b in panel.store.list()] == [m.id for m in marks]
    assert [b.id for b in panel.selected_bookmarks()] == [marks[1].id]
    assert not controller.can_undo() and not controller.undo_remove()


def test_note_is_edited_in_place(qtbot, parts, store_path: Path) -> None:
    panel, _controller, reader, _ = parts
    saved = panel.store.add(make_bookmark(reader.doc, reader.doc.paragraphs[5].id))
    panel.refresh()
    index = panel.model.index(0, COLUMN_NOTE)
    assert panel.model.flags(index) & Qt.ItemFlag.ItemIsEditable
    assert not panel.model.flags(panel.model.index(0, COLUMN_QUOTE)) & Qt.ItemFlag.ItemIsEditable
    panel.view.setCurrentIndex(index)
    panel.view.edit(index)
    editor = panel.view.indexWidget(index) or panel.view.focusWidget()
    assert editor is not None and editor is not panel.view
    editor.setText("核对原件")  # QTest types ASCII only
    qtbot.keyClick(editor, Qt.Key.Key_Return)  # the delegate commits on the next event loop turn
    qtbot.waitUntil(lambda: panel.store.get(saved.id).note == "核对原件")
    assert panel.model.index(0, COLUMN_NOTE).data() == "核对原件"
    with ExcerptStore(store_path) as again:
        assert again.bookmarks.get(saved.id).note == "核对原件"


def test_a_lost_paragraph_is_kept_and_not_opened(qtbot, parts) -> None:
    panel, controller, reader, _ = parts
    saved = panel.store.add(make_bookmark(reader.doc, reader.doc.paragraphs[6].id))
    controller.reanchor({})  # the document is not in the archive read now
    assert panel.store.get(saved.id).anchor_status == ANCHOR_MISSING
    assert panel.model.rowCount() == 1 and "1" in panel.status.text()
    messages = []
    controller.status_message.connect(lambda text, ms: messages.append(text))
    panel.view.activated.emit(panel.model.index(0, COLUMN_TITLE))
    assert reader.opened == [] and messages


def test_empty_panel_explains_ctrl_d(qtbot, parts) -> None:
    panel, *_ = parts
    assert "Ctrl+D" in panel.status.text()


def test_double_click_on_the_note_edits_it_and_does_not_open(qtbot, parts) -> None:
    panel, _controller, reader, _ = parts
    panel.store.add(make_bookmark(reader.doc, reader.doc.paragraphs[5].id))
    panel.refresh()
    rect = panel.view.visualRect(panel.model.index(0, COLUMN_NOTE))
    qtbot.mouseClick(panel.view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.mouseDClick(panel.view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert panel.view.state() == panel.view.State.EditingState
    assert reader.opened == []
