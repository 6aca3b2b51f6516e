"""Text from documents, paths and errors is shown as the characters it is, never as Qt rich text.

Qt guesses rich text (Qt::AutoText) for labels, tooltips and message boxes when a string looks like
HTML: an excerpt reading `<img src="file:///etc/hostname">` became an image in its tooltip. Each test
puts markup (or an `&`, which escaping alone turns into a literal `&amp;`) where data reaches the
screen and reads back what Qt would show.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path
from typing import Any

import pytest

from PySide6 import QtGui
from PySide6.QtCore import QEvent, QModelIndex, QPoint, Qt
from PySide6.QtGui import QHelpEvent, QTextDocument
from PySide6.QtWidgets import QAbstractItemView, QLabel, QMessageBox, QToolTip, QWidget

from tests.core.excerpt_samples import yearbook_doc
from viewer.core.documents import IngestProblem
from viewer.core.excerpts import make_excerpt
from viewer.core.search.kwic import KwicLine, KwicResult
from viewer.errors import ViewerError
from viewer.paths import DataPaths
from viewer.settings import Settings

pytestmark = pytest.mark.qt_log_ignore("propagateSizeHints", "does not support raise")  # tooltips, offscreen

MARKUP = '<img src="file:///etc/hostname"><b>bold</b>'
LINK = "<a href=x>link</a>"
NAME_MARKUP = "<img src=x><b>bold"  # markup that can be a file or folder name (no "/")


# ---------------------------------------------------------------- what Qt shows


def shown(text: str) -> str:
    """What Qt shows for `text` where it guesses the format (tooltips, AutoText labels)."""
    if QtGui.Qt.mightBeRichText(text):
        document = QTextDocument()
        document.setHtml(text)
        return document.toPlainText()
    return text


def label_shows(label: QLabel) -> str:
    text = label.text()
    if label.textFormat() == Qt.TextFormat.PlainText:
        return text
    if label.textFormat() == Qt.TextFormat.RichText:
        document = QTextDocument()
        document.setHtml(text)
        return document.toPlainText()
    return shown(text)


def box_shows(box: QMessageBox) -> str:
    """Everything a message box says (its text and informative text), as shown."""
    return "\n".join(label_shows(label) for label in box.findChildren(QLabel) if label.text())


def view_tooltip(view: QAbstractItemView, index: QModelIndex) -> str:
    """The tooltip the view shows over `index` (the text the tip label was given)."""
    view.scrollTo(index)
    pos = view.visualRect(index).center()
    QToolTip.hideText()
    view.viewportEvent(QHelpEvent(QEvent.Type.ToolTip, pos, view.viewport().mapToGlobal(pos)))
    return QToolTip.text()


def widget_tooltip(widget: QWidget, pos: QPoint) -> str:
    QToolTip.hideText()
    widget.event(QHelpEvent(QEvent.Type.ToolTip, pos, widget.mapToGlobal(pos)))
    return QToolTip.text()


def menu_shows(text: str) -> str:
    """A menu entry's text as shown: "&&" is an "&", a single "&" marks the mnemonic and is not shown."""
    return re.sub(r"&(.)", r"\1", text)


# ---------------------------------------------------------------- fixtures


@pytest.fixture
def archive(tmp_path: Path) -> Path:
    """An archive whose path, folder, file names and text hold markup and ampersands."""
    root = tmp_path / "<b>x</b>"  # (the "/" makes it two folders; the path reads <b>x</b>)
    (root / "Tom & Jerry").mkdir(parents=True)
    (root / "Tom & Jerry" / "plain.txt").write_text("合作 AT&T 与 B&Q。\n\n第二段。\n", encoding="utf-8")
    (root / f"{NAME_MARKUP}.txt").write_text(
        f"{MARKUP}标题\n\n{MARKUP} 合作 {LINK}\n\n第三段。\n", encoding="utf-8"
    )
    (root / f"empty {NAME_MARKUP}.txt").write_bytes(b"")
    (root / NAME_MARKUP).mkdir()
    (root / NAME_MARKUP / "note.txt").write_text("第四段。\n", encoding="utf-8")
    return root


@pytest.fixture
def boxes(monkeypatch: pytest.MonkeyPatch) -> list[QMessageBox]:
    """Every message box the code shows, kept instead of shown; QMessageBox.warning and its kin are
    replaced by a box as they build it (AutoText), since they cannot be intercepted inside Qt."""
    kept: list[QMessageBox] = []

    def static(icon: QMessageBox.Icon) -> Any:
        def show(parent: Any, title: str, text: str, *args: Any, **kwargs: Any) -> Any:
            kept.append(QMessageBox(icon, title, text))
            return QMessageBox.StandardButton.Ok

        return staticmethod(show)

    monkeypatch.setattr(QMessageBox, "exec", lambda self: kept.append(self) or 0)
    monkeypatch.setattr(QMessageBox, "open", lambda self, *args: kept.append(self))
    for name, icon in (
        ("warning", QMessageBox.Icon.Warning),
        ("information", QMessageBox.Icon.Information),
        ("critical", QMessageBox.Icon.Critical),
    ):
        monkeypatch.setattr(QMessageBox, name, static(icon))
    return kept


def _doc_id(window: Any, source: str) -> str:
    return next(s.id for s in window.archive.documents if s.source == source)


def _window_on(qtbot, archive: Path, data: Path) -> Any:
    """A window over `archive` whose data (the excerpt store) lives in `data`."""
    from viewer.gui.jobs import SynchronousPool
    from viewer.gui.mainwindow import MainWindow

    window = MainWindow(archive, DataPaths(data), Settings(), pool=SynchronousPool())
    qtbot.addWidget(window)
    window.resize(1200, 800)
    window.show()
    window.start()
    return window


# ---------------------------------------------------------------- tooltips


def test_excerpt_and_bookmark_tooltips_show_the_text(make_window, archive: Path) -> None:
    window = make_window(archive=archive)
    doc_id = _doc_id(window, f"{NAME_MARKUP}.txt")
    assert window.open_document(doc_id)
    doc = window.current_document()
    para = doc.paragraphs[1]
    assert para.text.startswith(MARKUP)
    window.view.select_range(1, 0, len(para.text))
    window.excerpts.add_excerpt()
    panel = window.excerpts.panel
    excerpt = panel.model.excerpt(0)
    assert excerpt.text == para.text
    panel.set_note(excerpt.id, f"{MARKUP}\n{LINK}")
    for column in range(panel.model.columnCount()):
        tip = shown(view_tooltip(panel.view, panel.model.index(0, column)))
        assert para.text in tip and doc.title in tip
        assert shown(panel.model.index(0, column).data(Qt.ItemDataRole.ToolTipRole)) == tip
    note = panel.model.index(0, 1)
    assert note.data() == f"{MARKUP}\n{LINK}"  # a cell's text is painted as it is (already so)

    window.view.scroll_to_paragraph(1)
    assert window.bookmarks.toggle_bookmark()
    bookmarks = window.bookmarks_dock.widget()
    bookmark = bookmarks.model.bookmark(0)
    for column in range(bookmarks.model.columnCount()):
        tip = shown(view_tooltip(bookmarks.view, bookmarks.model.index(0, column)))
        assert bookmark.display_quote in tip and bookmark.source in tip


def test_document_tree_tooltips(make_window, archive: Path) -> None:
    from viewer.gui.models.doc_tree import DOC_ID_ROLE, FOLDERS, NODE_ROLE

    window = make_window(archive=archive)
    window.tree_panel.set_grouping(FOLDERS)
    model = window.tree_model
    tips: dict[str, str] = {}

    def walk(parent: QModelIndex) -> None:
        for row in range(model.rowCount(parent)):
            index = model.index(row, 0, parent)
            key = index.data(DOC_ID_ROLE) or f"{index.data(NODE_ROLE)}:{index.data()}"
            tips[key] = shown(index.data(Qt.ItemDataRole.ToolTipRole) or "")
            if index.data(NODE_ROLE) != "document":
                walk(index)

    walk(QModelIndex())
    # A folder's tooltip: html.escape alone showed "Tom &amp; Jerry".
    assert tips["folder:Tom & Jerry"] == "Tom & Jerry"
    assert tips[f"folder:{NAME_MARKUP}"] == NAME_MARKUP
    # A document's: its summary table, every value escaped (already so).
    marked = window.archive.find(_doc_id(window, f"{NAME_MARKUP}.txt"))
    tip = tips[marked.id]
    assert marked.title in tip and marked.source in tip


def test_search_result_tooltips(make_window, archive: Path) -> None:
    from viewer.gui.models.results import HIT_INDEX_ROLE

    window = make_window(archive=archive)
    window.run_search("合作")
    model = window.results.model
    hits = window.results.visible_hits()
    assert {h.source for h in hits} == {"Tom & Jerry/plain.txt", f"{NAME_MARKUP}.txt"}
    for group_row in range(model.rowCount()):
        group = model.index(group_row, 0)
        first = hits[group.data(HIT_INDEX_ROLE)]
        assert first.source in shown(view_tooltip(window.results.view, group))
        for row in range(model.rowCount(group)):
            hit = hits[model.index(row, 0, group).data(HIT_INDEX_ROLE)]
            assert shown(view_tooltip(window.results.view, model.index(row, 0, group))) == hit.snippet


def test_kwic_tooltip_and_messages(qtbot, tmp_path: Path, boxes: list[QMessageBox]) -> None:
    from viewer.gui.widgets.kwic_view import KwicView

    view = KwicView()
    qtbot.addWidget(view)
    view.resize(900, 400)
    view.show()
    line = KwicLine(
        "d1", f"{NAME_MARKUP}.txt", f"{MARKUP}标题", None, "other", "p1", 0, 0, 2, MARKUP, "合作", LINK
    )
    view.set_result(KwicResult("合作", [line], total_matches_seen=1, total_hits=1, hits_seen=1))
    for column in range(view.model.columnCount()):
        tip = shown(view_tooltip(view.table, view.model.index(0, column)))
        assert f"{MARKUP}【合作】{LINK}" in tip and line.source in tip and line.title in tip
    view.set_message(f"{MARKUP} {LINK}")  # a query error echoes the query
    assert label_shows(view.message) == f"{MARKUP} {LINK}"
    folder = tmp_path / NAME_MARKUP
    folder.mkdir()
    assert not view.export_csv(str(folder))  # a folder: said in a message box
    (box,) = boxes
    assert str(folder) in box_shows(box)
    assert view.export_csv(str(folder / "k.csv"))
    assert str(folder / "k.csv") in label_shows(view.message)


def test_chart_tooltip_shows_the_folder_name(qtbot) -> None:
    from viewer.gui.widgets.hits_chart import HitsChart

    chart = HitsChart()
    qtbot.addWidget(chart)
    chart.resize(600, 300)
    chart.show()
    chart.set_field(chart.FOLDER)
    chart.set_facets({"folder": {NAME_MARKUP: 2}}, 2)
    bar = chart.bars()[0]
    assert NAME_MARKUP in shown(widget_tooltip(chart.canvas, bar.rect.center()))


def test_repair_mark_tooltip_shows_a_stored_kind(make_window, archive: Path) -> None:
    """A repair record's kind the app does not know is shown by its name, as it is."""
    window = make_window(archive=archive)
    assert window.open_document(_doc_id(window, f"{NAME_MARKUP}.txt"))
    view = window.view
    view.set_repair_marks({window.current_document().paragraphs[1].id: [NAME_MARKUP]})
    view.scroll_to_paragraph(1)
    x, y, w, h = view.repair_mark_rect(1)
    centre = QPoint(int(x + w / 2), int(y + h / 2))
    QToolTip.hideText()
    view.viewportEvent(QHelpEvent(QEvent.Type.ToolTip, centre, view.viewport().mapToGlobal(centre)))
    assert NAME_MARKUP in shown(QToolTip.text())


# ---------------------------------------------------------------- labels


def test_archive_path_and_index_error_in_the_status_bar(
    make_window, archive: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from viewer.gui import archive_jobs

    window = make_window(archive=archive)
    assert shown(window.archive_label.toolTip()) == str(archive)
    assert window.archive_label.textFormat() == Qt.TextFormat.PlainText  # "Reading <name>…"
    assert window.index_label.textFormat() == Qt.TextFormat.PlainText

    def fail(*args: Any, **kwargs: Any) -> Any:
        raise ViewerError(f"Cannot write {archive}/{NAME_MARKUP}.txt")

    monkeypatch.setattr(archive_jobs, "refresh_auto", fail)
    window.archive_jobs.start_refresh()
    assert shown(window.index_label.toolTip()) == f"Cannot write {archive}/{NAME_MARKUP}.txt"


def test_ingest_report_shows_names_and_reasons_as_they_are(
    make_window, archive: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from viewer.gui.dialogs.ingest_report import IngestReportDialog

    window = make_window(archive=archive)
    reports: list[IngestReportDialog] = []
    monkeypatch.setattr(IngestReportDialog, "exec", lambda self: reports.append(self) or 0)
    window.problems_button.click()
    (report,) = reports
    (intro,) = report.findChildren(QLabel)
    assert str(archive) in label_shows(intro)
    assert report.table.item(0, 0).text() == f"empty {NAME_MARKUP}.txt"  # a cell: as it is (already so)

    problem = IngestProblem(f"{NAME_MARKUP}.txt", f"{LINK}: {MARKUP}")
    report = IngestReportDialog(f"/archive/{MARKUP}", [problem])
    (intro,) = report.findChildren(QLabel)
    assert f"/archive/{MARKUP}" in label_shows(intro)
    assert report.table.item(0, 1).text() == f"{LINK}: {MARKUP}"


def test_export_dialog_error_label(qtbot, tmp_path: Path) -> None:
    from viewer.gui.dialogs.export_dialog import ExportDialog

    doc = yearbook_doc()
    dialog = ExportDialog([make_excerpt(doc, doc.paragraphs[5].id, 0, None, 5)])
    qtbot.addWidget(dialog)
    blocker = tmp_path / NAME_MARKUP  # a file: nothing can be written under it
    blocker.write_text("", encoding="utf-8")
    assert not dialog.export_to(blocker / "out.md")
    assert str(blocker) in label_shows(dialog.error)
    assert dialog.error.textFormat() == Qt.TextFormat.PlainText


def test_panel_status_lines(qtbot, make_window, archive: Path) -> None:
    window = make_window(archive=archive)
    panel = window.excerpts.panel
    panel.new_collection(NAME_MARKUP)
    panel.new_collection(NAME_MARKUP)  # exists: the store says so, naming it
    assert NAME_MARKUP in label_shows(panel.status)
    assert panel.status.textFormat() == Qt.TextFormat.PlainText
    bookmarks = window.bookmarks_dock.widget()
    bookmarks.show_message(f"{MARKUP} {LINK}", error=True)
    assert label_shows(bookmarks.status) == f"{MARKUP} {LINK}"


def test_repairs_panel_shows_a_problem_as_it_is(make_window, archive: Path) -> None:
    """Already so: its labels are plain text, its texts plain text edits."""
    window = make_window(archive=archive)
    doc = window.archive.document(_doc_id(window, f"{NAME_MARKUP}.txt"))
    window.repairs.set_document(doc, "", problem=f"Cannot read {archive}/{NAME_MARKUP}.txt")
    assert label_shows(window.repairs.summary) == f"Cannot read {archive}/{NAME_MARKUP}.txt"
    assert window.repairs.repaired.toPlainText().startswith(MARKUP)


def test_recent_archives_menu_shows_ampersands(make_window, tmp_path: Path) -> None:
    window = make_window()
    folder = str(tmp_path / "Tom & Jerry")
    window.settings.recent_archives = [folder]
    window.commands.recent_menu.aboutToShow.emit()
    assert menu_shows(window.commands.recent_menu.actions()[0].text()) == folder


# ---------------------------------------------------------------- message boxes


def test_error_boxes_show_the_path(make_window, archive: Path, boxes: list[QMessageBox]) -> None:
    window = make_window(archive=archive)
    new = archive.parent.parent / "new.txt"
    new.write_text("新文件", encoding="utf-8")
    shutil.rmtree(archive)  # gone: adding must first copy it to the user's data, which fails
    window.archive_jobs.add_files([new])
    (box,) = boxes
    assert str(archive) in box_shows(box)
    assert box.textFormat() == Qt.TextFormat.PlainText


def test_damaged_excerpt_store_is_reported_as_it_is(qtbot, archive: Path, boxes: list[QMessageBox]) -> None:
    data = archive.parent.parent / f"data {NAME_MARKUP}"
    store = DataPaths(data).excerpts_db
    store.parent.mkdir(parents=True)
    store.write_bytes(b"not a database" * 100)
    _window_on(qtbot, archive, data)  # says so once it shows, in one box
    (box,) = boxes
    assert str(store) in box_shows(box)


def test_unavailable_excerpt_store_is_reported_as_it_is(
    qtbot, archive: Path, boxes: list[QMessageBox]
) -> None:
    data = archive.parent.parent / f"data {NAME_MARKUP}"
    store = DataPaths(data).excerpts_db
    store.mkdir(parents=True)  # a folder where the file should be: it cannot be opened
    window = _window_on(qtbot, archive, data)
    assert window.excerpts.panel is None
    assert str(store) in shown(window.commands.add_excerpt_action.toolTip())
    (box,) = boxes
    assert str(store) in box_shows(box)
