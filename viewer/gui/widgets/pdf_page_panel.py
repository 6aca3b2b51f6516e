"""The PDF page panel: the page of the PDF the reader is in, as pdfium draws it, beside the text.

A researcher checks the repaired text against the printed page (a table, a figure, a character the
text layer got wrong). The panel only shows what it is given: the page image, scaled to the panel's
width (taller pages scroll), and "Page N of M" above it, or a line saying why there is no page.
Which page, and rendering it off the UI thread, is PdfPageController's work; the panel says when its
width has settled after a resize, so the page can be rendered again at the new width.
"""

from __future__ import annotations

import logging
import math

from PySide6.QtCore import QRectF, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QImage, QPainter, QPaintEvent, QPalette, QResizeEvent
from PySide6.QtWidgets import QFrame, QScrollArea, QSizePolicy, QStyle, QVBoxLayout, QWidget

from viewer.gui import plain
from viewer.render.pdf_page import RenderedPage

logger = logging.getLogger(__name__)

RESIZE_SETTLE_MS = 150  # a resize by dragging sends many events: render again once it stops


class _PageImage(QWidget):
    """The page image, as wide as the widget, as tall as its proportions make it."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._image: QImage | None = None
        policy = QSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        policy.setHeightForWidth(True)
        self.setSizePolicy(policy)

    def set_image(self, image: QImage | None) -> None:
        self._image = image if image is not None and not image.isNull() else None
        self._fit_height()
        self.update()

    def image(self) -> QImage | None:
        return self._image

    def hasHeightForWidth(self) -> bool:
        return True

    def heightForWidth(self, width: int) -> int:
        if self._image is None:
            return 0
        return math.ceil(width * self._image.height() / max(1, self._image.width()))

    def sizeHint(self) -> QSize:
        return QSize(300, self.heightForWidth(300))

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._fit_height()

    def _fit_height(self) -> None:
        self.setMinimumHeight(self.heightForWidth(self.width()))

    def paintEvent(self, event: QPaintEvent) -> None:
        if self._image is None:
            return
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
        target = QRectF(0, 0, self.width(), self.heightForWidth(self.width()))
        painter.drawImage(target, self._image)
        painter.setPen(self.palette().color(QPalette.ColorRole.Mid))  # the paper's edge on a white ground
        painter.drawRect(target.adjusted(0, 0, -1, -1))
        painter.end()


class PdfPagePanel(QWidget):
    """A PDF page scaled to the panel's width with its number, or the reason there is none."""

    width_changed = Signal()  # the width to render at changed (once a resize has settled)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("pdf-page-panel")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.setSpacing(4)
        self.caption = plain.label(self)  # "Page 3 of 12", or why there is no page (a path, an error)
        self.caption.setAlignment(Qt.AlignmentFlag.AlignHCenter)
        self.caption.setWordWrap(True)
        layout.addWidget(self.caption)
        self.scroll_area = QScrollArea(self)
        self.scroll_area.setFrameShape(QFrame.Shape.NoFrame)
        self.scroll_area.setWidgetResizable(True)
        self.scroll_area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.page_image = _PageImage(self.scroll_area)
        self.scroll_area.setWidget(self.page_image)
        layout.addWidget(self.scroll_area, 1)
        self._page: RenderedPage | None = None
        self._settle = QTimer(self)
        self._settle.setSingleShot(True)
        self._settle.setInterval(RESIZE_SETTLE_MS)
        self._settle.timeout.connect(self._on_settle_timeout)
        self._announced_width = 0
        self.show_empty()

    def render_width(self) -> int:
        """The width in device pixels a page should be rendered at to fill the panel sharply.

        The vertical scroll bar's room is always left out, so a page that needs it does not change
        the width it was rendered for."""
        bar = self.style().pixelMetric(QStyle.PixelMetric.PM_ScrollBarExtent, None, self.scroll_area)
        logical = max(1, self.scroll_area.width() - bar)
        return max(1, round(logical * self.devicePixelRatioF()))

    def show_page(self, page: RenderedPage) -> None:
        self._page = page
        self.caption.setText(
            self.tr("Page %1 of %2").replace("%1", str(page.page)).replace("%2", str(page.page_count))
        )
        self.page_image.set_image(page.image)

    def show_empty(self) -> None:
        """No document, or one that is not a PDF."""
        self.show_message(self.tr("No PDF page for this document"))

    def show_message(self, text: str) -> None:
        """Why no page is shown (the file is gone, damaged…), in place of the page."""
        self._page = None
        self.caption.setText(text)
        self.page_image.set_image(None)

    def page(self) -> RenderedPage | None:
        """The page shown, or None."""
        return self._page

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._settle.start()

    def _on_settle_timeout(self) -> None:
        width = self.render_width()
        if width != self._announced_width:
            self._announced_width = width
            self.width_changed.emit()
