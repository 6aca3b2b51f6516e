"""The repairs view teaches: each change named, located by paragraph and line, shown in both texts."""

from __future__ import annotations

from dataclasses import replace

import pytest

from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import QPlainTextEdit

from viewer.core.ingest import LoadedFile, build_document
from viewer.core.scan import SourceFile
from viewer.gui.i18n import repair_label
from viewer.gui.widgets.repairs_panel import RepairsPanel

pytestmark = pytest.mark.qt_log_ignore("propagateSizeHints")


def _marked_text(panel: RepairsPanel, edit: QPlainTextEdit) -> str:
    span = panel.marked_span(edit)
    assert span is not None
    cursor = QTextCursor(edit.document())
    cursor.setPosition(span[0])
    cursor.setPosition(span[1], QTextCursor.MoveMode.KeepAnchor)
    return cursor.selectedText().replace("\u2029", "\n")


@pytest.fixture
def panel(qtbot) -> RepairsPanel:
    widget = RepairsPanel()
    qtbot.addWidget(widget)
    widget.resize(1200, 350)
    widget.show()
    return widget


def test_roomy_at_1200_by_350(panel: RepairsPanel, seeds_archive) -> None:
    doc = next(d for d in seeds_archive.documents if any(r.kind == "mojibake" for r in d.repairs))
    panel.set_document(doc, doc.raw_text)
    assert panel.document() is doc
    # both texts side by side, each most of the height and a good third of the width
    assert panel.raw.height() > 250 and panel.repaired.height() > 250
    assert panel.raw.width() > 300 and panel.repaired.width() > 300
    assert panel.raw.geometry().top() == panel.repaired.geometry().top()
    names = [panel.repairs.topLevelItem(i).text(0) for i in range(panel.repairs.topLevelItemCount())]
    for kind in ("doubled", "mojibake", "pinyin_gloss", "chrome"):
        assert any(name.startswith(repair_label(kind)) for name in names)
    child = panel.repairs.topLevelItem(0).child(0)
    assert child.text(0).startswith("¶") and "line" in child.text(0)
    assert panel.raw.toPlainText() == doc.raw_text
    assert panel.repaired.toPlainText() == doc.text


def test_every_change_is_shown_in_both_texts(panel: RepairsPanel, seeds_archive, qtbot) -> None:
    requested: list[str] = []
    panel.paragraph_requested.connect(requested.append)
    for doc in seeds_archive.documents:
        stored = replace(doc, raw_text="", text="")  # as the window gets it from the catalogue
        panel.set_document(stored, doc.raw_text)
        items = panel._change_items()
        assert len(items) == sum(len(r.changes) for r in doc.repairs)
        for item in items:
            requested.clear()
            panel.repairs.setCurrentItem(item)
            change = panel.current_change()
            assert change is not None and requested == [change.paragraph_id]
            raw = _marked_text(panel, panel.raw)
            if doc.raw_text[change.raw_start : change.raw_end] == change.before:
                assert raw == change.before
            if change.after:
                assert _marked_text(panel, panel.repaired) == change.after
            else:  # the place something was removed: the characters either side of it
                s, e = panel.marked_span(panel.repaired)
                assert (
                    e - s <= 2
                    and panel.repaired.textCursor().position()
                    == len(doc.text[: change.text_start].encode("utf-16-le")) // 2
                )
            # both panes scrolled to it
            for edit in (panel.raw, panel.repaired):
                rect = edit.cursorRect()
                assert edit.viewport().rect().contains(rect.center())


def test_marker_opens_the_view_at_its_paragraph(panel: RepairsPanel, seeds_archive) -> None:
    doc = next(d for d in seeds_archive.documents if any(r.kind == "page_break" for r in d.repairs))
    panel.set_document(doc, doc.raw_text)
    target = next(c for c in panel.locations().changes if c.kind == "page_break")
    assert panel.show_paragraph(target.paragraph_id)
    assert panel.current_change().paragraph_id == target.paragraph_id
    assert "page break" in panel.explanation.text()
    assert not panel.show_paragraph("no-such-paragraph")


def test_characters_beyond_the_bmp_keep_the_marks_in_place(panel: RepairsPanel) -> None:
    text = "𠀀𠀁區(qū)域合作正文。\n\n  𠀂第二段(yè)業務。"
    doc = build_document(LoadedFile(SourceFile("", "x.txt"), text, "utf-8", len(text), 0.0, ""))
    panel.set_document(doc, text)
    for item in panel._change_items():
        panel.repairs.setCurrentItem(item)
        change = panel.current_change()
        assert _marked_text(panel, panel.raw) == text[change.raw_start : change.raw_end]
        if change.after:
            assert _marked_text(panel, panel.repaired) == change.after


def test_no_document(panel: RepairsPanel) -> None:
    panel.set_document(None)
    assert (
        panel.document() is None and panel.raw.toPlainText() == "" and panel.repairs.topLevelItemCount() == 0
    )


def test_a_marked_change_shows_its_candidates(panel: RepairsPanel) -> None:
    """Issue 12: a 〓 the rule would not guess lists what it could stand for, the commonest first."""
    text = "其他?。▍^(qū)、市)要加強合作。"  # 省 lost its lead byte; nothing else in the text decides
    doc = build_document(LoadedFile(SourceFile("", "x.txt"), text, "utf-8", len(text), 0.0, ""))
    panel.set_document(doc, text)
    items = [i for i in panel._change_items() if "〓" in i.text(1)]
    assert items and "candidates: " in items[0].text(1)
    tip = items[0].toolTip(1)
    assert "〓 could stand for: " in tip and "省" in tip
    assert all(len(line) < 400 for line in tip.splitlines())  # hundreds of candidates are cut short
