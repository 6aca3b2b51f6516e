"""Chinese must render as glyphs everywhere: register the bundled CJK font when the system has none."""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtGui import QFont, QFontDatabase

from viewer.paths import resources_dir

logger = logging.getLogger(__name__)

BUNDLED_FONT = "WenQuanYiMicroHei-subset.ttf"  # Apache-2.0; GB2312 + Big5 + the seeds (see resources/fonts)


def bundled_font_path() -> Path:
    return resources_dir() / "fonts" / BUNDLED_FONT


_registered: dict[Path, str] = {}  # font file -> family, once Qt has loaded it


def register_bundled_font() -> str | None:
    """Load the bundled CJK font into Qt (once per process); its family, or None if it cannot be loaded.

    Needs a Q(Gui)Application. The window's fallback font and the PDF export both use this.
    """
    path = bundled_font_path()
    family = _registered.get(path)
    if family is not None:
        return family
    font_id = QFontDatabase.addApplicationFont(str(path))
    families = QFontDatabase.applicationFontFamilies(font_id) if font_id >= 0 else []
    if not families:
        logger.warning("Could not load the bundled CJK font %s", path)
        return None
    _registered[path] = family = str(families[0])
    return family


def system_cjk_families() -> list[str]:
    """Installed families that claim Chinese (either script)."""
    families = set(QFontDatabase.families(QFontDatabase.WritingSystem.SimplifiedChinese))
    families |= set(QFontDatabase.families(QFontDatabase.WritingSystem.TraditionalChinese))
    return sorted(families)


def ensure_cjk_font(*, force_bundled: bool = False) -> str | None:
    """Register the bundled font if no Chinese font is installed; return its family (None if not needed).

    The family is appended to the application font's fallback list, so every widget finds the glyphs.
    """
    if system_cjk_families() and not force_bundled:
        return None
    family = register_bundled_font()
    if family is None:
        return None
    from PySide6.QtWidgets import QApplication

    font = QFont(QApplication.font())
    font.setFamilies([*font.families(), family])
    QApplication.setFont(font)
    logger.info("Registered bundled CJK font %s", family)
    return family
