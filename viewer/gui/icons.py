"""Toolbar icons: one coherent outline set (Tabler Icons, MIT) bundled with the app, drawn in the text colour.

Theme icons differ from desktop to desktop and are absent on Windows and macOS, so the actions draw
from our own copy in resources/icons/actions/ (licence: resources/licenses/Tabler-Icons-MIT.txt).
Tabler's SVGs stroke with "currentColor"; it is replaced by the palette's text colour when an icon is
loaded, so the same files serve light and dark themes. Drawn once per name and colour;
a theme switch calls icon() again and gets the new colour.
"""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QSize
from PySide6.QtGui import QColor, QGuiApplication, QIcon, QImageReader, QPalette, QPixmap

from viewer.paths import resources_dir

logger = logging.getLogger(__name__)

# Our action name → the Tabler outline icon it was copied from (the file is resources/icons/actions/<ours>.svg).
ICON_SOURCES: dict[str, str] = {
    "open-folder": "folder-open",
    "add-files": "file-plus",
    "export": "file-export",
    "search": "search",
    "find": "file-search",
    "previous-hit": "chevron-up",
    "next-hit": "chevron-down",
    "zoom-in": "zoom-in",
    "zoom-out": "zoom-out",
    "zoom-reset": "zoom-reset",
    "swap-columns": "arrows-left-right",
    "single-pane": "columns-1",
    "repairs": "bandage",
    "excerpt-add": "clipboard-plus",
    "citation-copy": "quote",
    "bookmark": "bookmark",
    "bookmarks": "bookmarks",
    "print": "printer",
    "print-pdf": "file-type-pdf",
    "go-to-paragraph": "pilcrow",
    "kwic": "align-center",
    "chart": "chart-bar",
    "preferences": "settings",
    "rebuild-index": "refresh",
    "shortcuts": "keyboard",
    "help": "help",
    "about": "info-circle",
}
ICON_NAMES = tuple(ICON_SOURCES)

# Toolbars and menus ask for 16-32 px; 48 and 64 serve high-DPI screens (2x) without scaling up.
_SIZES = (16, 20, 24, 32, 48, 64)


def icons_dir() -> Path:
    return resources_dir() / "icons" / "actions"


def icon_path(name: str) -> Path:
    """The bundled SVG of an action icon; KeyError for a name not in ICON_SOURCES (a typo shows at once)."""
    if name not in ICON_SOURCES:
        raise KeyError(f"no bundled icon named {name!r}; known: {', '.join(ICON_NAMES)}")
    return icons_dir() / f"{name}.svg"


_cache: dict[tuple[str, str], QIcon] = {}  # (name, colour) → icon; SVGs are drawn once per process


def icon(name: str, color: QColor | None = None) -> QIcon:
    """The action icon `name` drawn in `color` (default: the application palette's window text colour).

    Raises KeyError for an unknown name; an unreadable file gives a null icon and a warning.
    Needs a QGuiApplication.
    """
    path = icon_path(name)
    color = color if color is not None else text_color()
    key = (name, color.name(QColor.NameFormat.HexArgb))
    cached = _cache.get(key)
    if cached is None:
        cached = _cache[key] = _render(path, color)
    return cached


def text_color() -> QColor:
    """The colour toolbar text is drawn in, from the running application's palette."""
    if QGuiApplication.instance() is None:
        return QColor("black")
    return QGuiApplication.palette().color(QPalette.ColorGroup.Active, QPalette.ColorRole.WindowText)


def _render(path: Path, color: QColor) -> QIcon:
    try:
        svg = path.read_bytes()
    except OSError as exc:
        logger.warning("Cannot read the icon %s: %s", path, exc)
        return QIcon()
    svg = svg.replace(b"currentColor", color.name(QColor.NameFormat.HexRgb).encode("ascii"))
    result = QIcon()
    for size in _SIZES:
        buffer = QBuffer()
        buffer.setData(QByteArray(svg))
        buffer.open(QIODevice.OpenModeFlag.ReadOnly)
        reader = QImageReader(buffer, QByteArray(b"svg"))
        reader.setScaledSize(QSize(size, size))
        image = reader.read()
        if image.isNull():
            logger.warning("Cannot draw the icon %s: %s", path, reader.errorString())
            return QIcon()
        result.addPixmap(QPixmap.fromImage(image))
    return result
