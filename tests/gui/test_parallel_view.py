"""The parallel view shows text as plain text, aligns paragraphs, and stays lazy on big documents."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.gui.helpers import docs_of
from viewer.gui.models.doc_tree import document_tooltip
from viewer.gui.widgets.parallel_view import CONVERTED, ORIGINAL, OffsetMap

pytestmark = pytest.mark.qt_log_ignore("propagateSizeHints")

MARKUP = '<script>alert("x")</script> 标题<b>粗体</b>&amp; <i>斜</i>'


@pytest.fixture
def markup_archive(tmp_path: Path) -> Path:
    root = tmp_path / "markup"
    root.mkdir()
    (root / "html.txt").write_text(f"{MARKUP}\n第二段<br>仍是文字。\n", encoding="utf-8")
    return root


def test_markup_is_shown_literally(make_window, markup_archive: Path) -> None:
    window = make_window(archive=markup_archive)
    doc = docs_of(window)[0]
    window.open_document(doc.id)
    view = window.view
    row = next(i for i, p in enumerate(doc.paragraphs) if "<b>" in p.text)
    # What is laid out and painted is the paragraph's text itself, tags included, on both sides
    assert view.rows.layout(row, ORIGINAL).text() == doc.paragraphs[row].text
    assert "<script>" in view.rows.layout(row, ORIGINAL).text()
    assert "<b>" in view.rows.layout(row, CONVERTED).text()
    assert not view.rows.layout(row, ORIGINAL).font().bold() or doc.paragraphs[row].role != "body"
    view.grab()  # paints without error
    # tooltips are rich text in Qt, so metadata must arrive escaped
    tip = document_tooltip(window.archive.find(doc.id))
    assert "<script>" not in tip and "&lt;script&gt;" in tip
    # the raw text panel is a plain-text widget (filled once its dock is shown)
    window.repairs_dock.show()
    assert "<script>" in window.repairs.raw.toPlainText()


def test_rows_align_and_scrolling_is_shared(make_window) -> None:
    window = make_window()
    doc = docs_of(window)[1]
    window.open_document(doc.id)
    view = window.view
    # a row is as tall as the taller of its two sides: paragraph N faces paragraph N
    for row in range(min(10, view.paragraph_count())):
        heights = [view.rows.layout(row, side).boundingRect().height() for side in (ORIGINAL, CONVERTED)]
        assert view.rows.row_height(row) >= max(heights)
    view.scroll_by(400)
    assert view.top_paragraph() > 0
    top = view.top_paragraph()
    view.scroll_by(-10_000)
    assert view.top_paragraph() == 0 < top


def test_only_visible_rows_are_converted(qtbot) -> None:
    from viewer.core.documents import Document, Paragraph
    from viewer.gui.widgets.parallel_view import ParallelView

    paragraphs = [Paragraph(f"d-p{i}", i, f"第{i}段：国务院关于发展的通知") for i in range(50_000)]
    doc = Document("d", "big.txt", "utf-8", "", "", 0, 0.0, "", paragraphs=paragraphs)
    calls: list[str] = []
    view = ParallelView()
    qtbot.addWidget(view)
    view.resize(800, 600)
    view.set_document(doc, lambda text: calls.append(text) or text)
    view.grab()
    assert 0 < len(calls) < 200
    view.scroll_to_paragraph(40_000)
    view.grab()
    assert len(calls) < 400
    assert 40_000 in view.visible_rows()


def test_offset_map_identity_and_alignment() -> None:
    same = OffsetMap("区域合作", "區域合作")
    assert same.to_converted(3) == 3 and same.to_original(2) == 2
    grown = OffsetMap("用内存做", "用記憶體做", charwise="用內存做")
    assert grown.to_converted(0) == 0
    assert grown.to_converted(3) == 4  # after 内存 → after 記憶體
    assert grown.to_original(4) == 3
    assert grown.to_converted(4) == 5


def _key(qtbot, widget, key, modifiers=None) -> None:
    from PySide6.QtCore import Qt

    qtbot.keyClick(widget, key, modifiers if modifiers is not None else Qt.KeyboardModifier.NoModifier)


def test_keyboard_extends_selects_all_and_copies(make_window, qtbot) -> None:
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QGuiApplication

    window = make_window()
    doc = max(docs_of(window), key=lambda d: len(d.paragraphs))
    window.open_document(doc.id)
    view = window.view
    view.setFocus()
    row = next(i for i, p in enumerate(doc.paragraphs) if len(p.text) > 40)
    text = doc.paragraphs[row].text
    view.select_range(row, 5, 5)  # a click at offset 5: an empty selection, the caret there
    shift = Qt.KeyboardModifier.ShiftModifier
    for _ in range(3):
        _key(qtbot, view, Qt.Key.Key_Right, shift)
    (selected,) = view.selection_ranges()
    assert (selected.start, selected.end, selected.text) == (5, 8, text[5:8])
    _key(qtbot, view, Qt.Key.Key_Left, shift)
    assert view.selection_ranges()[0].text == text[5:7]
    # Shift+Down reaches into a later line or paragraph: the selection grows, and stays anchored at 5
    _key(qtbot, view, Qt.Key.Key_Down, shift)
    grown = view.selection_ranges()
    assert grown[0].start == 5 and len("".join(r.text for r in grown)) > 2
    _key(qtbot, view, Qt.Key.Key_End, shift | Qt.KeyboardModifier.ControlModifier)
    last = view.selection_ranges()[-1]
    assert last.paragraph_id == doc.paragraphs[-1].id and last.end == len(doc.paragraphs[-1].text)
    # Ctrl+A: the paragraph of the selection's free end, then the whole document
    view.select_range(row, 2, 4)
    _key(qtbot, view, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    assert [(r.paragraph_id, r.start, r.end) for r in view.selection_ranges()] == [
        (doc.paragraphs[row].id, 0, len(text))
    ]
    _key(qtbot, view, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    everything = view.selection_ranges()
    assert len(everything) == sum(1 for p in doc.paragraphs if p.text)
    # Ctrl+C copies the selection as shown in the column it was made in
    view.select_range(row, 0, 6)
    QGuiApplication.clipboard().clear()
    _key(qtbot, view, Qt.Key.Key_C, Qt.KeyboardModifier.ControlModifier)
    assert QGuiApplication.clipboard().text() == text[:6]


def test_shift_arrows_start_a_selection_at_the_top_paragraph(make_window, qtbot) -> None:
    from PySide6.QtCore import Qt

    window = make_window()
    doc = docs_of(window)[0]
    window.open_document(doc.id)
    view = window.view
    view.scroll_to_paragraph(3)
    top = view.top_paragraph()
    _key(qtbot, view, Qt.Key.Key_Right, Qt.KeyboardModifier.ShiftModifier)
    (selected,) = view.selection_ranges()
    assert (selected.paragraph_id, selected.start, selected.end) == (doc.paragraphs[top].id, 0, 1)


def test_empty_view_paints_the_hint(qtbot) -> None:
    from PySide6.QtGui import QColor

    from viewer.gui.widgets.parallel_view import ParallelView

    view = ParallelView()
    qtbot.addWidget(view)
    view.resize(500, 300)
    blank = view.viewport().grab().toImage()
    view.set_placeholder_text("选择一篇文档 Choose a document")
    hinted = view.viewport().grab().toImage()
    base = QColor(blank.pixel(250, 150))
    assert all(QColor(blank.pixel(x, 150)) == base for x in range(0, 500, 7))
    assert any(QColor(hinted.pixel(x, y)) != base for x in range(500) for y in range(130, 170))


def test_document_starts_below_the_frame_and_clicks_land_on_its_text(make_window, qtbot) -> None:
    from PySide6.QtCore import QPoint, Qt
    from PySide6.QtGui import QColor

    from viewer.gui.widgets.aligned_rows import MARGIN, TOP_PADDING

    window = make_window()
    doc = docs_of(window)[1]
    window.open_document(doc.id)
    view = window.view
    view.scroll_to_paragraph(0)
    image = view.viewport().grab().toImage()
    base = QColor(image.pixel(2, 2))
    column_width = view.viewport().width() // 2 - 2 * MARGIN
    blank = [
        QColor(image.pixel(x, y)) == base for x in range(MARGIN, column_width) for y in range(TOP_PADDING)
    ]
    assert all(blank)  # the padding above the first line is empty
    line = view.rows.layout(0, ORIGINAL).lineAt(0)
    inked = [
        QColor(image.pixel(x, y)) != base
        for x in range(MARGIN, column_width)
        for y in range(TOP_PADDING, TOP_PADDING + int(line.height()))
    ]
    assert any(inked)  # and the first line is drawn just below it
    # a click on the first line's start lands on offset 0 of paragraph 0, in the original column
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(MARGIN + 1, TOP_PADDING + 3))
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(MARGIN + 1, TOP_PADDING + 3))
    view.extend_selection("right")
    (selected,) = view.selection_ranges()
    assert (selected.paragraph_id, selected.start, selected.end) == (doc.paragraphs[0].id, 0, 1)
