"""The one place that builds the QApplication and wires the core to the GUI."""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QApplication, QListWidget, QMainWindow

if TYPE_CHECKING:
    from viewer.cli import Context


def run_gui(ctx: Context) -> int:
    """Open the main window on the archive and run the event loop. (minimal until the GUI issue)"""
    app = QApplication.instance() or QApplication(sys.argv)
    archive = ctx.ingest()
    window = QMainWindow()
    window.setWindowTitle("档案阅览 Archive Viewer")
    listing = QListWidget()
    for doc in archive.documents:
        listing.addItem(f"{doc.title}  ({doc.source})")
    window.setCentralWidget(listing)
    window.resize(900, 600)
    window.show()
    return int(app.exec())
