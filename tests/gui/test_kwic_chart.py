"""The KWIC view and the hits chart on real results from the seeds (and 20,000 generated lines)."""

from __future__ import annotations

import csv
import time
from pathlib import Path

import pytest

from PySide6.QtCore import QEvent, QLocale, QPoint, Qt
from PySide6.QtGui import QHelpEvent
from PySide6.QtWidgets import QMessageBox, QStyleOptionViewItem, QToolTip

from tests.core.search.indexing import build_index
from viewer.core.folding import fold
from viewer.core.search.kwic import KwicLine, KwicResult, kwic, sort_lines
from viewer.core.search.query import parse_query
from viewer.core.search.results import UNDATED
from viewer.gui.i18n import kind_label
from viewer.gui.widgets.hits_chart import HitsChart
from viewer.gui.widgets.kwic_view import KEYWORD, LEFT, PARAGRAPH, RIGHT, KwicView

# The offscreen platform warns when a window (the tooltip too) is shown or raised; harmless, not ours.
pytestmark = pytest.mark.qt_log_ignore("propagateSizeHints", "does not support raise")


@pytest.fixture(scope="module")
def seeds_index(tmp_path_factory: pytest.TempPathFactory, seeds_archive):
    index = build_index(seeds_archive.documents, tmp_path_factory.mktemp("kwic-gui") / "ix")
    yield index
    index.close()


@pytest.fixture
def view(qtbot) -> KwicView:
    widget = KwicView()
    qtbot.addWidget(widget)
    widget.resize(900, 400)
    widget.show()
    return widget


def _header_click(qtbot, view: KwicView, column: int) -> None:
    header = view.table.horizontalHeader()
    x = header.sectionViewportPosition(column) + header.sectionSize(column) // 2
    qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(x, header.height() // 2))


def test_rows_columns_and_alignment(view: KwicView, seeds_index) -> None:
    result = kwic(seeds_index, "区域合作", width=10)
    view.set_result(result)
    model = view.model
    assert model.rowCount() == len(result.lines) == 7 and model.columnCount() == 5
    first = result.lines[0]
    row = [model.index(0, c).data() for c in range(5)]
    assert row == [first.left, first.keyword, first.right, first.title, f"¶{first.ordinal + 1}"]
    align = [Qt.AlignmentFlag(model.index(0, c).data(Qt.ItemDataRole.TextAlignmentRole)) for c in range(3)]
    assert align[0] & Qt.AlignmentFlag.AlignRight and align[1] & Qt.AlignmentFlag.AlignHCenter
    assert align[2] & Qt.AlignmentFlag.AlignLeft
    assert model.index(0, KEYWORD).data(Qt.ItemDataRole.BackgroundRole) is not None
    option = QStyleOptionViewItem()
    view.table.itemDelegateForColumn(LEFT).initStyleOption(option, model.index(0, LEFT))
    assert option.textElideMode == Qt.TextElideMode.ElideLeft
    # Untranslated plural forms here (the English ones come from the .ts).
    assert view.message.text() == "7 match(es) in 6 paragraph(s)" and view.export_button.isEnabled()
    view.table.grab()  # paints without a warning


def test_sort_chooser_and_header_clicks(qtbot, view: KwicView, seeds_index) -> None:
    result = kwic(seeds_index, "合作 OR 发展")
    view.set_result(result)
    with qtbot.waitSignal(view.sort_changed) as sorted_by:
        view.sort_box.setCurrentIndex(view.sort_box.findData("left"))
    assert sorted_by.args == ["left"]
    assert view.lines() == sort_lines(result.lines, "left")
    _header_click(qtbot, view, RIGHT)
    assert view.sort_key() == "right" and view.sort_box.currentData() == "right"
    assert [fold(x.right) for x in view.lines()][:50] == sorted(fold(x.right) for x in result.lines)[:50]
    _header_click(qtbot, view, RIGHT)  # again: descending
    assert view.lines() == sort_lines(result.lines, "right", descending=True)
    _header_click(qtbot, view, PARAGRAPH)
    assert view.sort_key() == "document"
    view.set_sort("order")
    assert view.lines() == result.lines
    view.set_result(kwic(seeds_index, "区域合作"))  # a new result keeps the chosen order
    view.set_sort("keyword")
    assert view.lines() == sort_lines(view.result().lines, "keyword")


def test_activating_a_row_opens_the_match(qtbot, view: KwicView, seeds_index) -> None:
    view.set_result(kwic(seeds_index, "区域合作"))
    view.set_sort("document")
    line = view.lines()[2]
    index = view.model.index(2, KEYWORD)
    view.table.setCurrentIndex(index)
    with qtbot.waitSignal(view.line_activated) as activated:
        view.table.activated.emit(index)
    assert activated.args == [line.doc_id, line.paragraph_id, line.start, line.end]


def test_export_writes_the_order_shown(
    qtbot, view: KwicView, seeds_index, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    view.set_result(kwic(seeds_index, "合作"))
    view.set_sort("left")
    target = tmp_path / "k.csv"
    monkeypatch.setattr(view, "_ask_export_path", lambda: str(target))
    with qtbot.waitSignal(view.exported) as exported:
        qtbot.mouseClick(view.export_button, Qt.MouseButton.LeftButton)
    assert exported.args == [str(target)]
    with open(target, encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.reader(handle))
    assert [(r[3], r[4], r[5]) for r in rows[1:]] == [(x.left, x.keyword, x.right) for x in view.lines()]
    warnings: list[str] = []
    monkeypatch.setattr(QMessageBox, "exec", lambda box: warnings.append(box.text()) or 0)
    assert not view.export_csv(str(tmp_path))  # a folder: said in a message, not raised
    assert warnings and "folder" in warnings[0]


def test_messages(view: KwicView, seeds_index) -> None:
    view.set_result(kwic(seeds_index, "的", limit=10))
    assert view.message.text().startswith("10 of at least ")
    view.set_result(kwic(seeds_index, "kind:newspaper"))
    assert "whole documents" in view.message.text() and not view.export_button.isEnabled()
    view.set_result(kwic(seeds_index, "量子纠缠态"))
    assert view.message.text() == "No matches."
    view.set_progress(1200, 15739)
    assert QLocale().toString(1200) in view.message.text()
    assert QLocale().toString(15739) in view.message.text()
    view.set_message("Searching…")
    assert view.message.text() == "Searching…"
    view.clear()
    assert view.model.rowCount() == 0


def _many_lines(count: int) -> list[KwicLine]:
    chars = "赤峰通辽合作区域发展协同的之山水月明风"
    lines = []
    for n in range(count):
        left = "".join(chars[(n * 7 + k * 3) % len(chars)] for k in range(20))
        right = "".join(chars[(n * 5 + k * 11) % len(chars)] for k in range(20))
        lines.append(
            KwicLine(
                f"d{n % 300}",
                f"f{n % 300}.txt",
                "题",
                2000,
                "other",
                f"d-p{n}",
                n,
                3,
                5,
                left,
                "山水",
                right,
                n,
            )
        )
    return lines


def test_twenty_thousand_lines_stay_quick(view: KwicView) -> None:
    lines = _many_lines(20_000)
    started = time.perf_counter()
    view.set_result(KwicResult("山水", lines, 20_000, False, 20_000, 20_000))
    view.table.scrollToBottom()
    view.table.grab()
    shown = time.perf_counter() - started
    started = time.perf_counter()
    view.set_sort("left")
    view.table.grab()
    resorted = time.perf_counter() - started
    assert view.model.rowCount() == 20_000
    assert shown < 1.5 and resorted < 1.5, (shown, resorted)


# ---------------------------------------------------------------- the chart


@pytest.fixture
def chart(qtbot) -> HitsChart:
    widget = HitsChart()
    qtbot.addWidget(widget)
    widget.resize(700, 260)
    widget.show()
    return widget


def _click(qtbot, chart: HitsChart, bar) -> None:
    qtbot.mouseClick(chart.canvas, Qt.MouseButton.LeftButton, pos=bar.rect.center())


def test_chart_by_year_with_the_undated(qtbot, chart: HitsChart, seeds_index) -> None:
    results = seeds_index.search("合作", limit=0)
    chart.set_facets(results.facets, results.total_documents)
    bars = chart.bars()
    assert [b.label for b in bars] == [str(y) for y in range(2015, 2024)] + ["Undated"]
    assert [(b.value, b.count) for b in bars if b.count] == [("2015", 1), ("2023", 1), (UNDATED, 3)]
    assert all(b.value == "" for b in bars[1:-2])  # the gap years: empty, not clickable
    chart.canvas.grab()
    with qtbot.waitSignal(chart.filter_requested) as asked:
        _click(qtbot, chart, bars[0])
    assert asked.args == ["year", "2015"]
    parse_query(f"合作 year:{asked.args[1]}")  # what the controller would add is valid syntax
    with qtbot.waitSignal(chart.filter_requested) as asked:
        _click(qtbot, chart, bars[-1])
    assert asked.args == ["year", UNDATED]
    with qtbot.assertNotEmitted(chart.filter_requested):
        _click(qtbot, chart, bars[3])
    assert chart.caption.text() == "5 document(s)"


def test_chart_by_kind(qtbot, chart: HitsChart, seeds_index) -> None:
    results = seeds_index.search("合作", limit=0)
    chart.set_facets(results.facets, results.total_documents)
    qtbot.mouseClick(chart.by_kind, Qt.MouseButton.LeftButton)
    assert chart.field() == "kind"
    bars = chart.bars()
    assert [(b.label, b.count) for b in bars] == [
        (kind_label(k), n) for k, n in results.facets["kind"].items()
    ]
    with qtbot.waitSignal(chart.filter_requested) as asked:
        _click(qtbot, chart, bars[0])
    assert asked.args == ["kind", "newspaper"]
    parse_query(f"合作 kind:{asked.args[1]}")
    chart.canvas.grab()


def test_chart_tooltip(chart: HitsChart) -> None:
    chart.set_facets({"kind": {}, "year": {"2015": 4}}, 4)
    bar = chart.bars()[0]
    pos = bar.rect.center()
    chart.canvas.event(QHelpEvent(QEvent.Type.ToolTip, pos, chart.canvas.mapToGlobal(pos)))
    assert QToolTip.text() == "2015: 4 document(s)"


def test_sixty_years_scroll_and_stay_readable(qtbot, chart: HitsChart) -> None:
    years = {str(y): (y % 7) + 1 for y in range(1950, 2020)}
    chart.set_facets({"kind": {}, "year": {**years, UNDATED: 2}}, sum(years.values()) + 2)
    bars = chart.bars()
    assert len(bars) == 71
    width = chart.canvas.fontMetrics().horizontalAdvance("2015")
    assert all(b.rect.width() >= width for b in bars)  # labels never squeezed
    qtbot.waitUntil(lambda: chart.scroll_area.horizontalScrollBar().maximum() > 0)  # scrolls instead
    chart.canvas.grab()


def test_chart_empty(chart: HitsChart) -> None:
    chart.set_facets({"kind": {}, "year": {}}, 0)
    assert chart.bars() == [] and chart.caption.text() == ""
    chart.canvas.grab()
