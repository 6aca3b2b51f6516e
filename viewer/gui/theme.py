"""Light/dark: follow the system unless the user picked one."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QApplication

_DARK = {
    QPalette.ColorRole.Window: "#2b2b2b",
    QPalette.ColorRole.WindowText: "#e6e6e6",
    QPalette.ColorRole.Base: "#1e1e1e",
    QPalette.ColorRole.AlternateBase: "#262626",
    QPalette.ColorRole.Text: "#e6e6e6",
    QPalette.ColorRole.PlaceholderText: "#8c8c8c",
    QPalette.ColorRole.Button: "#353535",
    QPalette.ColorRole.ButtonText: "#e6e6e6",
    QPalette.ColorRole.BrightText: "#ff6b6b",
    QPalette.ColorRole.Light: "#505050",
    QPalette.ColorRole.Midlight: "#404040",
    QPalette.ColorRole.Mid: "#4a4a4a",
    QPalette.ColorRole.Dark: "#202020",
    QPalette.ColorRole.Shadow: "#101010",
    QPalette.ColorRole.Highlight: "#3d6fb4",
    QPalette.ColorRole.HighlightedText: "#ffffff",
    QPalette.ColorRole.ToolTipBase: "#353535",
    QPalette.ColorRole.ToolTipText: "#e6e6e6",
    QPalette.ColorRole.Link: "#6fa8ff",
    QPalette.ColorRole.LinkVisited: "#b48ef0",
}
_DARK_DISABLED = {
    QPalette.ColorRole.WindowText: "#7a7a7a",
    QPalette.ColorRole.Text: "#7a7a7a",
    QPalette.ColorRole.ButtonText: "#7a7a7a",
    QPalette.ColorRole.HighlightedText: "#bfbfbf",
}


def dark_palette() -> QPalette:
    """A dark palette for Fusion, for platforms that ignore a requested colour scheme (plain X11)."""
    palette = QPalette()
    for role, color in _DARK.items():
        palette.setColor(role, QColor(color))
    for role, color in _DARK_DISABLED.items():
        palette.setColor(QPalette.ColorGroup.Disabled, role, QColor(color))
    return palette


def apply_theme(app: QApplication, theme: str) -> None:
    """ "system" leaves the platform's choice; "light"/"dark" ask for that scheme and set its palette.

    The request alone is not enough: without a desktop theme (plain X11, Xvfb) Qt ignores it, so
    the chosen theme's palette is set explicitly on Fusion.
    """
    hints = app.styleHints()
    scheme = {"light": Qt.ColorScheme.Light, "dark": Qt.ColorScheme.Dark}.get(theme, Qt.ColorScheme.Unknown)
    if hasattr(hints, "setColorScheme"):  # Qt >= 6.8
        hints.setColorScheme(scheme)
    if theme in ("light", "dark"):
        style = app.setStyle("Fusion")  # Fusion draws any palette faithfully on every platform
        if theme == "dark":
            app.setPalette(dark_palette())
        elif style is not None:
            app.setPalette(style.standardPalette())
    else:
        app.setPalette(QPalette())  # back to the platform's palette
