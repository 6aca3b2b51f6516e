"""Light/dark: follow the system unless the user picked one."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication


def apply_theme(app: QApplication, theme: str) -> None:
    """ "system" leaves the platform's choice; "light"/"dark" ask Qt for that colour scheme."""
    hints = app.styleHints()
    scheme = {"light": Qt.ColorScheme.Light, "dark": Qt.ColorScheme.Dark}.get(theme, Qt.ColorScheme.Unknown)
    if hasattr(hints, "setColorScheme"):  # Qt >= 6.8
        hints.setColorScheme(scheme)
    if theme in ("light", "dark"):
        app.setStyle("Fusion")  # Fusion follows the colour scheme on every platform
