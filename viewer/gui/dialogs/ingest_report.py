"""The files of the archive that could not be read, each with the reason, for the user to act on."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from viewer.core.documents import IngestProblem
from viewer.gui import plain
from viewer.gui.i18n import core_text


class IngestReportDialog(QDialog):
    """A table of unreadable files and reasons; everything else in the archive was read."""

    def __init__(self, root: str, problems: Sequence[IngestProblem], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Files that could not be read"))
        self.resize(760, 420)
        layout = QVBoxLayout(self)
        intro = plain.label(
            self,
            self.tr(
                "%n file(s) in %1 could not be read; every other file was read.", "", len(problems)
            ).replace("%1", root),
        )
        intro.setWordWrap(True)
        layout.addWidget(intro)
        self.table = QTableWidget(len(problems), 2, self)
        self.table.setHorizontalHeaderLabels([self.tr("File"), self.tr("Reason")])
        self.table.verticalHeader().hide()
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        for row, problem in enumerate(problems):
            self.table.setItem(row, 0, QTableWidgetItem(problem.source))
            self.table.setItem(row, 1, QTableWidgetItem(core_text(problem.reason)))
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)
        layout.addWidget(self.table)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
