"""Printing the open document as the reader shows it: both columns side by side, numbered, paginated.

Used for File → Print… (a QPrinter from QPrintDialog) and Print to PDF… (a QPrinter in PdfFormat with
an output file). Each paragraph is laid out for the printer's resolution in both columns; a row starts
on the same line in both, and a row too tall for what is left of a page continues on the next one,
cut between lines. Every page has the column headers, and the paragraph numbers (¶N) stand in a gutter.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtCore import QCoreApplication, QPointF, QRectF, Qt
from PySide6.QtGui import (
    QFont,
    QFontMetricsF,
    QPagedPaintDevice,
    QPageLayout,
    QPainter,
    QTextLayout,
    QTextOption,
)

from viewer.core.documents import ROLE_HEADING, ROLE_SUBTITLE, ROLE_TITLE, Document
from viewer.render.pdf import cjk_family

logger = logging.getLogger(__name__)

Converter = Callable[[str], str]
BASE_POINTS = 10.5
GUTTER_MM = 9.0  # paragraph numbers
COLUMN_GAP_MM = 6.0
_SCALE = {ROLE_TITLE: 1.35, ROLE_SUBTITLE: 1.15, ROLE_HEADING: 1.1}


def _tr(text: str) -> str:
    return QCoreApplication.translate("DocumentPrinter", text)


def print_document(
    source: object,
    printer: QPagedPaintDevice,
    *,
    headers: Sequence[str] | None = None,
    family: str = "",
) -> int:
    """Print a document in two columns to `printer`; returns the number of pages.

    `source` is a ParallelView (its document, conversion and column order) or (document, converter).
    `headers` name the left and right columns (default "Original" / "Conversion").
    """
    doc, converter, swapped = _source(source)
    if doc is None:
        return 0
    titles = list(headers) if headers else [_tr("Original"), _tr("Conversion")]
    if swapped and not headers:
        titles.reverse()
    painter = QPainter()
    if not painter.begin(printer):
        raise OSError(_tr("The printer could not be started."))
    try:
        return _paint(painter, printer, doc, converter, swapped, titles, family or cjk_family())
    finally:
        painter.end()


RowConverter = Callable[[int, str], str]


def _source(source: object) -> tuple[Document | None, RowConverter, bool]:
    """(document, paragraph index and text -> conversion, original on the right?)."""
    if isinstance(source, tuple):
        doc, converter = source
        return doc, lambda _index, text: converter(text), False
    view: Any = source  # a ParallelView: its cached conversions, its column order
    return view.document(), lambda index, _text: view.converted_text(index), view.original_side() == "right"


def _paint(
    painter: QPainter,
    printer: QPagedPaintDevice,
    doc: Document,
    converter: RowConverter,
    swapped: bool,
    titles: list[str],
    family: str,
) -> int:
    dpi = (
        printer.resolution() if hasattr(printer, "resolution") else printer.logicalDpiY()
    )  # QPrinter, or a PDF writer
    mm = dpi / 25.4
    page = printer.pageLayout().paintRectPixels(dpi)
    area = QRectF(0, 0, page.width(), page.height())
    base = QFont(family) if family else QFont()
    base.setPointSizeF(BASE_POINTS)
    header_font = QFont(base)
    header_font.setBold(True)
    header_height = QFontMetricsF(header_font, printer).height() * 1.6
    footer_height = QFontMetricsF(base, printer).height() * 1.6
    gutter, gap = GUTTER_MM * mm, COLUMN_GAP_MM * mm
    col_width = (area.width() - gutter - gap) / 2
    xs = [area.left() + gutter, area.left() + gutter + col_width + gap]
    body_top = area.top() + header_height
    body_bottom = area.bottom() - footer_height
    para_gap = QFontMetricsF(base, printer).height() * 0.6
    number_font = QFont(base)
    number_font.setPointSizeF(BASE_POINTS * 0.75)

    pages = 1
    _page_furniture(
        painter, area, xs, col_width, titles, header_font, base, pages, header_height, footer_height
    )
    y = body_top
    for index, paragraph in enumerate(doc.paragraphs):
        texts = [paragraph.text, _convert(converter, index, paragraph.text)]
        if swapped:
            texts.reverse()
        font = QFont(base)
        font.setPointSizeF(BASE_POINTS * _SCALE.get(paragraph.role, 1.0))
        font.setBold(paragraph.role in _SCALE)
        layouts = [_layout(text, font, col_width, printer) for text in texts]
        lines = [
            [(layout.lineAt(i).y(), layout.lineAt(i).height()) for i in range(layout.lineCount())]
            for layout in layouts
        ]
        starts = [0, 0]  # first line of each column still to print
        first_piece = True
        while True:
            if y >= body_bottom - 1:
                printer.newPage()
                pages += 1
                _page_furniture(
                    painter,
                    area,
                    xs,
                    col_width,
                    titles,
                    header_font,
                    base,
                    pages,
                    header_height,
                    footer_height,
                )
                y = body_top
            room = body_bottom - y
            ends = [_fit(col, start, room) for col, start in zip(lines, starts, strict=True)]
            if ends == starts and y > body_top:  # not a line fits: next page
                y = body_bottom
                continue
            if ends == starts:  # a line taller than a page: print it anyway
                ends = [min(len(c), s + 1) for c, s in zip(lines, starts, strict=True)]
            used = 0.0
            for k in range(2):
                if ends[k] <= starts[k]:
                    continue
                top = lines[k][starts[k]][0]
                bottom = lines[k][ends[k] - 1][0] + lines[k][ends[k] - 1][1]
                painter.save()
                painter.setClipRect(QRectF(xs[k] - 2, y, col_width + 4, bottom - top + 1))
                layouts[k].draw(painter, QPointF(xs[k], y - top))
                painter.restore()
                used = max(used, bottom - top)
            if first_piece:
                painter.setFont(number_font)
                painter.drawText(
                    QRectF(area.left(), y, gutter - mm, QFontMetricsF(number_font, printer).height() * 1.5),
                    int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop),
                    f"¶{index + 1}",
                )
                first_piece = False
            y += used
            starts = ends
            if all(s >= len(c) for s, c in zip(starts, lines, strict=True)):
                break
            y = body_bottom  # the rest of the row goes on the next page
        y += para_gap
    return pages


def _convert(converter: RowConverter, index: int, text: str) -> str:
    try:
        return converter(index, text)
    except Exception:  # a conversion failure prints the original rather than no page at all
        logger.exception("Conversion failed while printing")
        return text


def _fit(lines: list[tuple[float, float]], start: int, room: float) -> int:
    """The end (exclusive) of the lines from `start` that fit in `room`."""
    if start >= len(lines):
        return start
    top = lines[start][0]
    end = start
    while end < len(lines) and lines[end][0] + lines[end][1] - top <= room:
        end += 1
    return end


def _layout(text: str, font: QFont, width: float, device: QPagedPaintDevice) -> QTextLayout:
    layout = QTextLayout(text, font, device)
    option = QTextOption()
    option.setWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)
    layout.setTextOption(option)
    layout.beginLayout()
    y = 0.0
    while True:
        line = layout.createLine()
        if not line.isValid():
            break
        line.setLineWidth(width)
        line.setPosition(QPointF(0, y))
        y += line.height() * 1.25
    layout.endLayout()
    return layout


def _page_furniture(
    painter: QPainter,
    area: QRectF,
    xs: list[float],
    col_width: float,
    titles: list[str],
    header_font: QFont,
    base: QFont,
    page: int,
    header_height: float,
    footer_height: float,
) -> None:
    """The column headers above and the page number below."""
    painter.setFont(header_font)
    for x, title in zip(xs, titles, strict=True):
        painter.drawText(
            QRectF(x, area.top(), col_width, header_height * 0.7),
            int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter),
            title,
        )
    line_y = area.top() + header_height * 0.8
    painter.drawLine(QPointF(xs[0], line_y), QPointF(xs[1] + col_width, line_y))
    painter.setFont(base)
    painter.drawText(
        QRectF(area.left(), area.bottom() - footer_height, area.width(), footer_height),
        int(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignBottom),
        _tr("Page %1").replace("%1", str(page)),
    )


def pdf_printer(path: str) -> object:
    """A QPrinter writing a PDF to `path` (A4, portrait): what Print to PDF… uses."""
    from PySide6.QtGui import QPageSize
    from PySide6.QtPrintSupport import QPrinter

    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(path)
    printer.setPageSize(QPageSize(QPageSize.PageSizeId.A4))
    printer.setPageOrientation(QPageLayout.Orientation.Portrait)
    return printer
