"""Preferences: language (after restart), theme, fonts per script, line spacing, zoom, and the search
server of the open archive (an institution's cluster; remembered per archive)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont, QFontDatabase
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from viewer.settings import Settings


class PreferencesDialog(QDialog):
    """Edits a copy of the reading settings; the window applies them on accept."""

    def __init__(self, settings: Settings, parent: QWidget | None = None, *, servers: str = "") -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Preferences"))
        layout = QVBoxLayout(self)
        form = QFormLayout()
        self.language = QComboBox(self)
        self.language.addItem(self.tr("Follow the system"), "system")
        self.language.addItem("简体中文", "zh_CN")
        self.language.addItem("English", "en")
        self.language.setCurrentIndex(max(0, self.language.findData(settings.language)))
        form.addRow(self.tr("Language:"), self.language)
        note = QLabel(self.tr("A new language takes effect when the app is restarted."), self)
        note.setWordWrap(True)
        form.addRow("", note)
        self.theme = QComboBox(self)
        self.theme.addItem(self.tr("Follow the system"), "system")
        self.theme.addItem(self.tr("Light"), "light")
        self.theme.addItem(self.tr("Dark"), "dark")
        self.theme.setCurrentIndex(max(0, self.theme.findData(settings.theme)))
        form.addRow(self.tr("Theme:"), self.theme)
        self.font_simplified = self._font_box(
            QFontDatabase.WritingSystem.SimplifiedChinese, settings.font_simplified
        )
        form.addRow(self.tr("Simplified Chinese font:"), self.font_simplified)
        self.font_traditional = self._font_box(
            QFontDatabase.WritingSystem.TraditionalChinese, settings.font_traditional
        )
        form.addRow(self.tr("Traditional Chinese font:"), self.font_traditional)
        self.line_spacing = QSpinBox(self)
        self.line_spacing.setRange(100, 300)
        self.line_spacing.setSingleStep(10)
        self.line_spacing.setSuffix(" %")
        self.line_spacing.setValue(settings.line_spacing)
        form.addRow(self.tr("Line spacing:"), self.line_spacing)
        self.zoom = QSpinBox(self)
        self.zoom.setRange(-6, 30)
        self.zoom.setValue(settings.zoom)
        form.addRow(self.tr("Zoom (points):"), self.zoom)
        self.servers = QLineEdit(servers, self)
        self.servers.setPlaceholderText(self.tr("none: this computer's index"))
        self.servers.setClearButtonEnabled(True)
        form.addRow(self.tr("Search server for this archive:"), self.servers)
        server_note = QLabel(
            self.tr(
                "HOST:PORT of the institution's search cluster (its first shard). Leave empty to search on this computer."
            ),
            self,
        )
        server_note.setWordWrap(True)
        form.addRow("", server_note)
        layout.addLayout(form)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

    def servers_text(self) -> str:
        return self.servers.text().strip()

    def accept(self) -> None:
        """A server address that cannot be used is said here, and the dialog stays open."""
        text = self.servers_text()
        if text:
            from viewer.core.search.sphinxql_backend import parse_servers
            from viewer.errors import UsageError
            from viewer.gui.i18n import core_text

            try:
                parse_servers(text)
            except UsageError as exc:
                QMessageBox.warning(self, self.tr("Search server"), core_text(exc))
                self.servers.setFocus()
                return
        super().accept()

    def _font_box(self, script: QFontDatabase.WritingSystem, family: str) -> QComboBox:
        """The families that write `script`, after "Default" (""), with `family` chosen.

        Not a QFontComboBox: it always has a font selected (the first family, "Noto Sans CJK HK" on
        many Linux systems), so OK without a change stored that font for both scripts and simplified
        text took Hong Kong glyph forms. Here "" stays "" and each box keeps its own value.
        """
        box = QComboBox(self)
        box.addItem(self.tr("Default"), "")
        for name in QFontDatabase.families(script):
            if not QFontDatabase.isPrivateFamily(name):
                box.addItem(name, name)
                box.setItemData(box.count() - 1, QFont(name), Qt.ItemDataRole.FontRole)
        if family and box.findData(family) < 0:  # not installed (now): kept, not silently replaced
            box.addItem(family, family)
        box.setCurrentIndex(box.findData(family))
        return box

    def apply_to(self, settings: Settings) -> None:
        settings.language = str(self.language.currentData())
        settings.theme = str(self.theme.currentData())
        settings.font_simplified = str(self.font_simplified.currentData())
        settings.font_traditional = str(self.font_traditional.currentData())
        settings.line_spacing = self.line_spacing.value()
        settings.zoom = self.zoom.value()
