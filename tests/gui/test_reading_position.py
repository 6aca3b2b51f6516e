"""Where the reader is: Ctrl+wheel zoom kept in the settings, the tree following the open document
and the section at the top of the view, and the variant names in the UI's language."""

from __future__ import annotations

from pathlib import Path

import pytest

from PySide6.QtCore import QCoreApplication, QPoint, QPointF, Qt, QTranslator
from PySide6.QtGui import QWheelEvent
from PySide6.QtWidgets import QApplication

from tests.gui.helpers import docs_of
from viewer.core.excerpts import make_excerpt
from viewer.gui.i18n import variant_label, variant_tip
from viewer.gui.models.doc_tree import DOC_ID_ROLE, NODE_ROLE, SECTION_ID_ROLE
from viewer.gui.widgets.parallel_view import ORIGINAL
from viewer.paths import DataPaths, resources_dir
from viewer.settings import Settings

pytestmark = pytest.mark.qt_log_ignore("propagateSizeHints")

YEARBOOK_ID = "b74c2a7fd798"  # simplified, one 【entry】 section per paragraph from paragraph 1
NOTICE_ID = "ecd12d5bb6ce"  # traditional; numbered headings 一、… with sections from paragraph 6


def _wheel(view, angle: int, modifiers=Qt.KeyboardModifier.NoModifier) -> None:
    centre = QPointF(view.viewport().rect().center())
    event = QWheelEvent(
        centre,
        QPointF(view.viewport().mapToGlobal(centre.toPoint())),
        QPoint(0, 0),
        QPoint(0, angle),
        Qt.MouseButton.NoButton,
        modifiers,
        Qt.ScrollPhase.NoScrollPhase,
        False,
    )
    QApplication.sendEvent(view.viewport(), event)


def test_ctrl_wheel_zooms_like_ctrl_plus_and_is_kept(make_window) -> None:
    window = make_window()
    view = window.view
    doc = window.current_document()
    assert doc is not None and view.zoom() == 0
    size = view.rows.layout(0, ORIGINAL).font().pointSizeF()
    ctrl = Qt.KeyboardModifier.ControlModifier
    _wheel(view, 120, ctrl)  # one notch up
    assert view.zoom() == 1 and window.settings.zoom == 1
    assert view.rows.layout(0, ORIGINAL).font().pointSizeF() > size
    assert view.top_paragraph() == 0  # zooming does not scroll
    _wheel(view, -240, ctrl)  # two notches down
    assert view.zoom() == -1 and window.settings.zoom == -1
    _wheel(view, 60, ctrl)  # half a notch (a touchpad): nothing yet; the second half makes a step
    assert view.zoom() == -1
    _wheel(view, 60, ctrl)
    assert view.zoom() == 0 == window.settings.zoom
    # the keyboard and the wheel agree, and both land in the settings
    window.commands.zoom_in_action.trigger()
    assert view.zoom() == 1 == window.settings.zoom
    window.commands.zoom_reset_action.trigger()
    assert window.settings.zoom == 0
    # without Ctrl the wheel scrolls and leaves the zoom alone
    window.open_document(max(docs_of(window), key=lambda d: len(d.paragraphs)).id)
    for _ in range(5):
        _wheel(view, -120)
    assert view.top_paragraph() > 0 and view.zoom() == 0
    for _ in range(40):
        _wheel(view, 120, ctrl)
    assert view.zoom() == 30  # clamped


def test_zoom_from_the_wheel_survives_a_restart(make_window, data_dir: Path) -> None:
    window = make_window()
    _wheel(window.view, 360, Qt.KeyboardModifier.ControlModifier)
    window.close()
    settings, warning = Settings.load(DataPaths(data_dir).settings_file)
    assert warning is None and settings.zoom == 3
    again = make_window(settings=settings)
    assert again.view.zoom() == 3


def _current(window) -> tuple[str, str, str]:
    """(node kind, document id, section id) of the tree's current row; the row must be selected."""
    index = window.tree.currentIndex()
    assert index.isValid() and window.tree.selectionModel().isSelected(index)
    return index.data(NODE_ROLE), index.data(DOC_ID_ROLE), index.data(SECTION_ID_ROLE) or ""


def _recorder(signal) -> list[tuple]:
    calls: list[tuple] = []
    signal.connect(lambda *args: calls.append(args))
    return calls


def test_tree_selects_the_open_document_without_opening_it_again(make_window) -> None:
    window = make_window()
    first = window.current_document()  # the first start opens the tree's first document
    assert first is not None and first.id == window.tree_panel.first_document_id()
    assert _current(window)[:2] == ("document", first.id)
    chosen, opened = _recorder(window.tree_panel.location_chosen), _recorder(window.document_opened)

    # from an excerpt (or anything else calling open_document): the paragraph's section is selected
    notice = window.archive.document(NOTICE_ID)
    row = next(i for i, p in enumerate(notice.paragraphs) if p.section and i > 8)
    excerpt = make_excerpt(notice, notice.paragraphs[row].id, 0, None, 2)
    assert window.open_document(excerpt.doc_id, excerpt.paragraph_ids[0], 0, 2)
    assert _current(window) == ("section", NOTICE_ID, notice.paragraphs[row].section)
    assert len(opened) == 1 and chosen == []

    # a filter that hides the document leaves nothing selected; the document stays open
    window.tree_filter.setText("没有这样的文件名")
    window.open_document(YEARBOOK_ID)
    assert not window.tree.selectionModel().hasSelection()
    window.tree_filter.setText("")
    window.open_document(NOTICE_ID)
    assert _current(window)[:2] == ("document", NOTICE_ID)
    assert window.current_document().id == NOTICE_ID and chosen == []


def test_tree_selects_the_document_of_an_opened_search_hit(make_window) -> None:
    window = make_window()
    chosen = _recorder(window.tree_panel.location_chosen)
    window.run_search("区域合作")
    hits = window.results.visible_hits()
    assert hits
    window.next_hit()
    hit = window.search.current_hit()
    doc = window.current_document()
    assert doc.id == hit.doc_id
    section = doc.paragraph(hit.paragraph_id).section or ""
    node, doc_id, section_id = _current(window)
    assert (doc_id, section_id) == (hit.doc_id, section)
    assert node == ("section" if section else "document")
    assert chosen == []


def test_scrolling_moves_the_tree_to_the_section_at_the_top(make_window) -> None:
    window = make_window()
    window.resize(1200, 400)  # a short view, so the notice can scroll past several headings
    notice = window.archive.document(NOTICE_ID)
    window.open_document(NOTICE_ID)
    view = window.view
    assert _current(window)[:2] == ("document", NOTICE_ID)  # the title paragraphs: no section yet
    seen = set()
    for _ in range(200):
        view.scroll_by(40)
        top_section = notice.paragraphs[view.top_paragraph()].section
        if top_section:
            assert _current(window) == ("section", NOTICE_ID, top_section)
            seen.add(top_section)
    assert len(seen) >= 3
    view.scroll_to_paragraph(0)
    assert _current(window)[:2] == ("document", NOTICE_ID)
    # choosing a section in the tree scrolls there and keeps that section selected
    last = notice.sections[-1]
    index = window.tree_proxy.mapFromSource(window.tree_model.index_of(NOTICE_ID, last.id))
    window.tree.clicked.emit(index)
    assert _current(window) == ("section", NOTICE_ID, last.id)
    assert notice.paragraphs[view.visible_rows()[-1]].section == last.id


def test_variant_names_are_english_in_the_english_ui(make_window) -> None:
    window = make_window()
    labels = {key: action.text() for key, action in window.commands.variant_actions.items()}
    assert labels == {
        "s2t": "Traditional (OpenCC standard, s2t)",
        "s2tw": "Taiwan (s2tw)",
        "s2hk": "Hong Kong (s2hk)",
        "s2twp": "Taiwan with Taiwanese vocabulary (s2twp)",
    }
    tip = window.commands.variant_actions["s2twp"].toolTip()
    assert "rewrites" in tip and "项目 → 專案" in tip
    simplified = next(d for d in docs_of(window) if d.script == "simplified")
    window.open_document(simplified.id)
    assert window.right_header.text() == "Taiwan (s2tw)"
    window.commands.variant_actions["s2twp"].trigger()
    assert window.right_header.text() == "Taiwan with Taiwanese vocabulary (s2twp)"
    assert "项目 → 專案" in window.right_header.toolTip()
    window.open_document(NOTICE_ID)  # a traditional original: simplified opposite it
    assert window.right_header.text() == "Simplified (t2s)"
    window.commands.swap_action.trigger()
    assert window.left_header.text() == "Simplified (t2s)" and window.left_header.toolTip()
    assert not window.right_header.toolTip()


def test_variant_names_are_chinese_in_the_chinese_ui(qapp) -> None:
    qm = resources_dir() / "translations" / "archive_viewer_zh_CN.qm"
    if not qm.is_file():
        pytest.skip("archive_viewer_zh_CN.qm is not built: run `make translations`")
    translator = QTranslator()
    assert translator.load(str(qm))
    QCoreApplication.installTranslator(translator)
    try:
        names = [variant_label(c) for c in ("t2s", "s2t", "s2tw", "s2hk", "s2twp")]
        assert names == [
            "简体 (t2s)",
            "繁體 (OpenCC 标准, s2t)",
            "臺灣正體 (s2tw)",
            "香港繁體 (s2hk)",
            "臺灣正體+慣用詞 (s2twp)",
        ]
        assert "项目 → 專案" in variant_tip("s2twp") and "改写" in variant_tip("s2twp")
    finally:
        QCoreApplication.removeTranslator(translator)
