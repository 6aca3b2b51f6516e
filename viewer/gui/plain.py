"""Text from documents, paths and errors shown as the characters it is, never as Qt rich text.

Qt guesses rich text (Qt::AutoText, by Qt.mightBeRichText) for labels, tooltips and message boxes:
an excerpt reading `<img src="file:///etc/hostname">` showed that file as an image in its tooltip,
and a folder named `<b>x</b>` turned bold in the status bar. Labels and message boxes that show
such text are set to plain text here (`label`, `message_box`, `warn`); a tooltip has no format of
its own, so `tooltip` gives Qt a text it shows literally. Where a text is rich on purpose (the
document tree's summary table), each value in it goes through html.escape instead.
"""

from __future__ import annotations

import html

from PySide6 import QtGui
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QMessageBox, QWidget


def tooltip(text: str) -> str:
    """`text` as a tooltip that shows it as it is, line breaks and spaces kept.

    Text Qt takes for plain is returned unchanged (what tests and screen readers read stays the
    text); text it would take for rich text is escaped and wrapped in a paragraph, which Qt renders
    back to the literal characters. Escaping alone is not enough: "A & B" escaped has no tag, so Qt
    shows it as plain text, "&amp;" and all.
    """
    if not QtGui.Qt.mightBeRichText(text):
        return text
    return f"<p style='white-space:pre-wrap'>{html.escape(text)}</p>"


def label(parent: QWidget | None = None, text: str = "") -> QLabel:
    """A label that shows its text as it is (for text that holds a name, a path or an error)."""
    widget = QLabel(parent)
    widget.setTextFormat(Qt.TextFormat.PlainText)
    widget.setText(text)
    return widget


def message_box(
    icon: QMessageBox.Icon, title: str, text: str, parent: QWidget | None, informative: str = ""
) -> QMessageBox:
    """A message box (OK only) that shows `text` and `informative` as they are; the caller shows it."""
    box = QMessageBox(icon, title, text, QMessageBox.StandardButton.Ok, parent)
    if informative:
        box.setInformativeText(informative)
    # Both labels: Qt 6 gives the informative text the box's format (left to guess, it would also
    # open a link in it in the system browser).
    box.setTextFormat(Qt.TextFormat.PlainText)
    return box


def warn(parent: QWidget | None, title: str, text: str) -> None:
    """QMessageBox.warning with the text shown as it is (the static helper guesses rich text)."""
    message_box(QMessageBox.Icon.Warning, title, text, parent).exec()
