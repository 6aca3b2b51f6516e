"""Preferences: OK without a change leaves every setting as it was; each script keeps its own font."""

from __future__ import annotations

import dataclasses

import pytest

from PySide6.QtGui import QFontDatabase

from viewer.gui.dialogs.preferences import PreferencesDialog
from viewer.settings import Settings


def _accept_unchanged(qtbot, settings: Settings) -> Settings:
    dialog = PreferencesDialog(settings)
    qtbot.addWidget(dialog)
    after = dataclasses.replace(settings)
    dialog.apply_to(after)
    return after


def _cjk_families() -> tuple[list[str], list[str]]:
    simplified = QFontDatabase.families(QFontDatabase.WritingSystem.SimplifiedChinese)
    traditional = QFontDatabase.families(QFontDatabase.WritingSystem.TraditionalChinese)
    return simplified, traditional


def test_ok_without_changes_keeps_the_default_fonts(qtbot) -> None:
    """The defect: both fonts came back as the first family listed (Noto Sans CJK HK here)."""
    settings = Settings()
    assert (settings.font_simplified, settings.font_traditional) == ("", "")
    assert _accept_unchanged(qtbot, settings) == settings


def test_ok_without_changes_keeps_chosen_and_missing_fonts(qtbot) -> None:
    simplified, _traditional = _cjk_families()
    chosen = Settings(
        font_simplified=simplified[-1] if simplified else "Some SC Font",
        font_traditional="A Font Not Installed Here",
        theme="dark",
        zoom=3,
        line_spacing=160,
        language="zh_CN",
    )
    assert _accept_unchanged(qtbot, chosen) == chosen


def test_choosing_one_scripts_font_leaves_the_other(qtbot) -> None:
    simplified, traditional = _cjk_families()
    if not simplified or not traditional:
        pytest.skip("no installed font claims Chinese in both scripts")
    dialog = PreferencesDialog(Settings())
    qtbot.addWidget(dialog)
    pick = simplified[len(simplified) // 2]
    dialog.font_simplified.setCurrentIndex(dialog.font_simplified.findData(pick))
    after = Settings()
    dialog.apply_to(after)
    assert (after.font_simplified, after.font_traditional) == (pick, "")
    dialog.font_simplified.setCurrentIndex(0)  # back to the default
    dialog.font_traditional.setCurrentIndex(dialog.font_traditional.findData(traditional[0]))
    dialog.apply_to(after)
    assert (after.font_simplified, after.font_traditional) == ("", traditional[0])
