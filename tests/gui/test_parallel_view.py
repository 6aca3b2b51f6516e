"""The parallel view shows text as plain text, aligns paragraphs, and stays lazy on big documents."""

from __future__ import annotations

from pathlib import Path

import pytest

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction

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


# ---------------------------------------------------------------- issue 10: reader fixes


def _view(qtbot, doc, converter=lambda t: t, size=(900, 600)):
    from viewer.gui.widgets.parallel_view import ParallelView

    view = ParallelView()
    qtbot.addWidget(view)
    view.resize(*size)
    view.show()
    view.set_document(doc, converter)
    return view


def test_no_paragraph_is_set_in_italic(qtbot, seeds_archive) -> None:
    from viewer.core.documents import ROLE_AUTHOR, ROLE_CAPTION

    roles = set()
    for doc in seeds_archive.documents:
        view = _view(qtbot, doc)
        for row, para in enumerate(doc.paragraphs):
            roles.add(para.role)
            for side in (ORIGINAL, CONVERTED):
                assert not view.rows.role_font(para.role, side).italic()
                assert not view.rows.layout(row, side).font().italic(), (para.role, para.text)
    assert {ROLE_AUTHOR, ROLE_CAPTION} <= roles  # the seeds hold bylines and captions


@pytest.mark.parametrize("size", [(900, 600), (1200, 800), (600, 300)])
def test_top_paragraph_names_each_section_scrolled_to(qtbot, seeds_archive, size) -> None:
    yearbook = next(d for d in seeds_archive.documents if d.kind == "yearbook")
    assert sum(1 for s in yearbook.sections if s.title) >= 5  # its 【…】 entries
    for doc in seeds_archive.documents:
        view = _view(qtbot, doc, size=size)
        emitted: list[int] = []
        view.top_paragraph_changed.connect(emitted.append)
        for section in doc.sections:
            row = view.row_of(section.paragraph_ids[0])
            view.scroll_to_paragraph(row)
            assert doc.paragraphs[view.top_paragraph()].section == section.id, (doc.source, section.title)
            if emitted:
                assert doc.paragraphs[emitted[-1]].section == section.id
            assert row in view.visible_rows()
        # a scroll by the user forgets the paragraph gone to: the top is the top again
        view.scroll_by(-1)
        assert view.top_paragraph() == view.visible_rows().start


def test_search_the_archive_for_the_selection(qtbot, seeds_archive) -> None:
    doc = seeds_archive.documents[0]
    view = _view(qtbot, doc)
    action = view.search_selection_action()
    assert action in view.actions() and view.contextMenuPolicy() == Qt.ContextMenuPolicy.ActionsContextMenu
    assert not action.isEnabled()
    asked: list[str] = []
    view.search_requested.connect(asked.append)
    row = next(i for i, p in enumerate(doc.paragraphs) if len(p.text) > 40)
    view.select_range(row, 0, 30)
    assert action.isEnabled()
    selected = doc.paragraphs[row].text[:30]
    assert selected[:12] in action.text() and "…" in action.text() and selected not in action.text()
    action.trigger()
    assert asked == [selected]
    view.select_range(row, 2, 5, CONVERTED)  # short: quoted whole, from the converted column
    assert f"“{view.converted_text(row)[2:5].strip()}”" in action.text()
    # the window's own entries come first, the search stays last
    extra = QAction("Copy", view)
    view.addAction(extra)
    assert view.actions()[-1] is action and extra in view.actions()
    view.set_document(doc, lambda t: t)  # a new document: no selection
    assert not action.isEnabled()


@pytest.mark.qt_log_ignore("propagateSizeHints", "raise\\(\\)")  # the tooltip, offscreen
def test_repaired_marker_explains_and_opens_the_repairs(qtbot, seeds_archive) -> None:
    from PySide6.QtCore import QEvent, QPoint
    from PySide6.QtGui import QHelpEvent
    from PySide6.QtWidgets import QToolTip

    from viewer.core.repair.locate import repair_marks
    from viewer.gui.i18n import repair_label

    doc = next(d for d in seeds_archive.documents if any(r.kind == "mojibake" for r in d.repairs))
    view = _view(qtbot, doc)
    marks = view.repair_marks()
    assert marks and {doc.paragraphs[r].id: k for r, k in marks.items()} == repair_marks(doc)
    row = next(r for r in sorted(marks) if "pinyin_gloss" in marks[r])
    view.scroll_to_paragraph(row)
    x, y, w, h = view.repair_mark_rect(row)
    centre = QPoint(int(x + w / 2), int(y + h / 2))
    tip = view.repair_mark_tooltip(row)
    assert repair_label("pinyin_gloss") in tip and "Ctrl+R" in tip
    view.viewportEvent(QHelpEvent(QEvent.Type.ToolTip, centre, view.viewport().mapToGlobal(centre)))
    assert QToolTip.text() == tip
    with qtbot.waitSignal(view.repair_marker_clicked) as blocker:
        qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=centre)
    assert blocker.args == [doc.paragraphs[row].id]
    assert view.selected_text() == ""  # the click on the mark is not a click in the text
    # a catalogue document (no raw text) is marked by the window
    from dataclasses import replace

    stored = replace(doc, raw_text="", text="")
    view.set_document(stored, lambda t: t)
    assert view.repair_marks() == {}
    view.set_repair_marks(repair_marks(stored, doc.raw_text))
    assert view.repair_marks() == marks
    view.set_repairs_shortcut("F7")
    assert "F7" in view.repair_mark_tooltip(row)
