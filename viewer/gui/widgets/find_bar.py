"""Find in the open document (Ctrl+F): script-insensitive, every match marked, Enter/Shift+Enter to step."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QHBoxLayout, QLabel, QLineEdit, QToolButton, QWidget


class FindBar(QWidget):
    """A small bar under the text; the window does the finding and tells it the count."""

    find_requested = Signal(str)
    next_requested = Signal()
    previous_requested = Signal()
    closed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(6, 2, 6, 2)
        layout.addWidget(QLabel(self.tr("Find:"), self))
        self.edit = QLineEdit(self)
        self.edit.setPlaceholderText(self.tr("in this document, either script"))
        self.edit.setClearButtonEnabled(True)
        self.edit.returnPressed.connect(self._on_edit_return_pressed)
        self.edit.textChanged.connect(self.find_requested)
        layout.addWidget(self.edit, 1)
        previous = QToolButton(self)
        previous.setText("▲")
        previous.setToolTip(self.tr("Previous match (Shift+Enter)"))
        previous.clicked.connect(self.previous_requested)
        layout.addWidget(previous)
        following = QToolButton(self)
        following.setText("▼")
        following.setToolTip(self.tr("Next match (Enter)"))
        following.clicked.connect(self.next_requested)
        layout.addWidget(following)
        self.count = QLabel(self)
        layout.addWidget(self.count)
        close = QToolButton(self)
        close.setText("✕")
        close.setToolTip(self.tr("Close (Esc)"))
        close.clicked.connect(self.close_bar)
        layout.addWidget(close)

    def open_bar(self) -> None:
        self.show()
        self.edit.setFocus()
        self.edit.selectAll()

    def close_bar(self) -> None:
        self.hide()
        self.closed.emit()

    def set_count(self, current: int, total: int) -> None:
        if not self.edit.text():
            self.count.setText("")
        elif total == 0:
            self.count.setText(self.tr("no matches"))
        else:
            self.count.setText(self.tr("%1 of %2").replace("%1", str(current + 1)).replace("%2", str(total)))

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Escape:
            self.close_bar()
        else:
            super().keyPressEvent(event)

    def _on_edit_return_pressed(self) -> None:
        from PySide6.QtWidgets import QApplication

        if QApplication.keyboardModifiers() & Qt.KeyboardModifier.ShiftModifier:
            self.previous_requested.emit()
        else:
            self.next_requested.emit()
