"""PDF export with Qt's own PDF writer (the core cannot import Qt); usable headless from the CLI."""

from __future__ import annotations

import logging
import os
from collections.abc import Sequence
from pathlib import Path

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QMarginsF
from PySide6.QtGui import (
    QFont,
    QFontDatabase,
    QGuiApplication,
    QPageLayout,
    QPageSize,
    QPdfWriter,
    QTextDocument,
)

from viewer.core.bookmarks import Bookmark
from viewer.core.excerpts import Excerpt
from viewer.core.export import ExportOptions, html, write_bytes, write_export
from viewer.errors import ExportError, message
from viewer.render.fonts import register_bundled_font

logger = logging.getLogger(__name__)

# Families tried in order; the first one installed that covers Chinese is embedded in the PDF.
CJK_FAMILIES = (
    "Noto Serif CJK SC",
    "Noto Sans CJK SC",
    "Source Han Serif SC",
    "Source Han Sans SC",
    "WenQuanYi Micro Hei",
    "WenQuanYi Zen Hei",
    "Songti SC",
    "PingFang SC",
    "SimSun",
    "Microsoft YaHei",
    "AR PL UMing CN",
)
_app: QGuiApplication | None = None


def ensure_gui_application() -> None:
    """Qt's font and painting machinery needs an application object; make an offscreen one if none."""
    global _app
    if QGuiApplication.instance() is not None:
        return
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    _app = QGuiApplication([])


def cjk_family() -> str:
    """The font family used for Chinese text: the bundled font first (it can always be embedded),
    else an installed one."""
    ensure_gui_application()
    bundled = register_bundled_font()
    if bundled is not None:
        return bundled
    installed = set(QFontDatabase.families(QFontDatabase.WritingSystem.SimplifiedChinese))
    for family in CJK_FAMILIES:
        if family in installed:
            return family
    if installed:
        return sorted(installed)[0]
    raise ExportError(
        message(
            "No font with Chinese characters is installed, so the PDF would show empty boxes; "
            "install one (e.g. fonts-noto-cjk) or export to another format."
        )
    )


PDF_POINT_SIZE = 10.5


def pdf_font() -> QFont:
    """The one font choice of the PDF; the export dialog's preview uses it too, so it shows the PDF's face."""
    font = QFont(cjk_family())
    font.setPointSizeF(PDF_POINT_SIZE)
    return font


def pdf_html(
    excerpts: Sequence[Excerpt], options: ExportOptions, family: str, bookmarks: Sequence[Bookmark] = ()
) -> str:
    """The HTML export laid out for Qt, every text in `family`.

    Qt's HTML subset has no CSS grid, so "both" is a two-column table. The family rule goes last in
    the style sheet: put first, the HTML export's own serif list would win the cascade.
    """
    page = html.render(excerpts, options, bookmarks, side_by_side="table")
    rule = f"body, p, td, blockquote, h1, h2 {{ font-family: '{family}'; }}\n"
    return page.replace("</style>", rule + "</style>", 1)


def pdf_document(
    excerpts: Sequence[Excerpt], options: ExportOptions, bookmarks: Sequence[Bookmark] = ()
) -> QTextDocument:
    """The QTextDocument the PDF prints: the HTML export in the PDF's font."""
    ensure_gui_application()
    font = pdf_font()
    document = QTextDocument()
    document.setDefaultFont(font)
    document.setHtml(pdf_html(excerpts, options, font.family(), bookmarks))
    return document


def render_pdf(
    excerpts: Sequence[Excerpt], options: ExportOptions, bookmarks: Sequence[Bookmark] = ()
) -> bytes:
    """The PDF as bytes: A4, the HTML export laid out by QTextDocument, the CJK font embedded."""
    document = pdf_document(excerpts, options, bookmarks)
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    writer = QPdfWriter(buffer)
    writer.setTitle(options.title)
    writer.setCreator("Archive Viewer")
    writer.setResolution(300)
    writer.setPageLayout(
        QPageLayout(
            QPageSize(QPageSize.PageSizeId.A4),
            QPageLayout.Orientation.Portrait,
            QMarginsF(18, 18, 18, 18),
            QPageLayout.Unit.Millimeter,
        )
    )
    document.print_(writer)
    del writer  # finishes the file
    buffer.close()
    result = bytes(data.data())
    if not result.startswith(b"%PDF"):
        raise ExportError(message("Qt did not produce a PDF (nothing was written)"))
    return result


def export(
    path: str | os.PathLike[str],
    fmt: str,
    excerpts: Sequence[Excerpt],
    options: ExportOptions,
    bookmarks: Sequence[Bookmark] = (),
) -> int:
    """Write any export format, PDF included, atomically; returns the size in bytes."""
    if fmt == "pdf":
        return write_bytes(Path(path), render_pdf(excerpts, options, bookmarks))
    return write_export(path, fmt, excerpts, options, bookmarks)
