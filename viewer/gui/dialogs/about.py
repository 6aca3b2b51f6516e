"""About (versions and licences) and the keyboard shortcuts list."""

from __future__ import annotations

import html
import platform
from pathlib import Path

from PySide6 import __version__ as pyside_version
from PySide6.QtCore import QCoreApplication, qVersion
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QMessageBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from viewer import __version__
from viewer.gui.i18n import application_name, plain_label


def _version_of(module: str) -> str:
    try:
        from importlib.metadata import version

        return version(module)
    except Exception:
        return "?"


def show_about(parent: QWidget, log_file: Path | None = None) -> None:
    """The app's name once (in the UI's language) with its version, then each component's licence,
    and where the log with the details of problems is (for a bug report)."""
    rows = [
        (QCoreApplication.translate("About", "This program"), __version__, "MIT"),
        ("Python", platform.python_version(), "PSF"),
        ("Qt", qVersion(), "LGPL-3.0"),
        ("PySide6", pyside_version, "LGPL-3.0"),
        ("OpenCC", _version_of("opencc"), "Apache-2.0"),
        ("tantivy", _version_of("tantivy"), "MIT"),
        ("Whoosh-Reloaded", _version_of("whoosh-reloaded"), "BSD-2-Clause"),
        ("pypdfium2 (PDFium)", _version_of("pypdfium2"), "Apache-2.0 / BSD-3-Clause"),
        ("trafilatura", _version_of("trafilatura"), "Apache-2.0"),
        ("python-docx", _version_of("python-docx"), "MIT"),
        (
            QCoreApplication.translate("About", "WenQuanYi Micro Hei (bundled font subset)"),
            "0.2.0-beta",
            "Apache-2.0",
        ),
    ]
    table = "".join(
        f"<tr><td>{html.escape(a)}</td><td>{html.escape(b)}</td><td>{html.escape(c)}</td></tr>"
        for a, b, c in rows
    )
    name = application_name()
    blurb = QCoreApplication.translate(
        "About", "Read, search and excerpt an archive of Chinese documents offline."
    )
    text = (
        f"<h3>{html.escape(name)} {html.escape(__version__)}</h3><p>{html.escape(blurb)}</p>"
        f"<table cellspacing=6>{table}</table>"
    )
    if log_file is not None:
        label = QCoreApplication.translate("About", "Log file (details of problems, for a bug report):")
        text += f"<p>{html.escape(label)}<br>{html.escape(str(log_file))}</p>"
    # Only "About": Qt appends the app's name to the title where the platform shows one (X11, Windows).
    QMessageBox.about(parent, QCoreApplication.translate("About", "About"), text)


class ShortcutsDialog(QDialog):
    """Every menu action that has a shortcut, with its key sequence."""

    def __init__(self, actions: list[QAction], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Keyboard shortcuts"))
        layout = QVBoxLayout(self)
        shortcut_actions = [a for a in actions if not a.shortcut().isEmpty()]
        table = QTableWidget(len(shortcut_actions), 2, self)
        table.setHorizontalHeaderLabels([self.tr("Action"), self.tr("Shortcut")])
        table.verticalHeader().hide()
        for row, action in enumerate(shortcut_actions):
            table.setItem(row, 0, QTableWidgetItem(plain_label(action.text())))
            table.setItem(row, 1, QTableWidgetItem(action.shortcut().toString()))
        table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        table.resizeColumnToContents(1)
        layout.addWidget(table)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.resize(480, 520)
