"""UI language: install the Qt translator for the chosen or system locale, and labels for core codes."""

from __future__ import annotations

import logging
import re
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

from viewer.core.excerpts import DEFAULT_COLLECTION
from viewer.paths import bundled_root, resources_dir

logger = logging.getLogger(__name__)

LANGUAGES = ("system", "zh_CN", "en")
CATALOG = "archive_viewer"


def translation_dirs() -> list[Path]:
    """Where compiled .qm catalogs may be: built by `make translations` into resources/translations."""
    return [resources_dir() / "translations", bundled_root() / "viewer" / "gui" / "i18n"]


def resolve_language(setting: str) -> str:
    """ "zh_CN" or "en": the setting, or the system locale when it says "system"."""
    if setting in ("zh_CN", "en"):
        return setting
    name = QLocale.system().name()  # e.g. zh_CN, zh_TW, en_US
    return "zh_CN" if name.startswith("zh") else "en"


def install_translators(app: QCoreApplication, setting: str) -> list[QTranslator]:
    """Load our catalog (and Qt's own, for standard dialogs) for the language.

    The source strings are English; the English catalog only carries plural forms ("%n hit(s)" →
    "1 hit", "2 hits"), so without it English still works, with "(s)" left in.
    """
    language = resolve_language(setting)
    installed: list[QTranslator] = []
    ours = QTranslator(app)
    for directory in translation_dirs():
        if ours.load(f"{CATALOG}_{language}", str(directory)):
            app.installTranslator(ours)
            installed.append(ours)
            break
    else:
        logger.warning("No compiled translation for %s (run `make translations`)", language)
    if language == "en":
        return installed
    qt = QTranslator(app)
    if qt.load(f"qtbase_{language}", QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)):
        app.installTranslator(qt)
        installed.append(qt)
    QLocale.setDefault(QLocale(language))
    return installed


def kind_label(kind: str) -> str:
    labels = {
        "yearbook": QCoreApplication.translate("Kinds", "Yearbooks"),
        "official_notice": QCoreApplication.translate("Kinds", "Official notices"),
        "journal_article": QCoreApplication.translate("Kinds", "Journal articles"),
        "newspaper": QCoreApplication.translate("Kinds", "Newspapers"),
        "other": QCoreApplication.translate("Kinds", "Other"),
    }
    return labels.get(kind, kind)


def script_label(script: str) -> str:
    labels = {
        "traditional": QCoreApplication.translate("Kinds", "Traditional"),
        "simplified": QCoreApplication.translate("Kinds", "Simplified"),
        "mixed": QCoreApplication.translate("Kinds", "Mixed"),
    }
    return labels.get(script, script)


def variant_label(config: str) -> str:
    """A conversion's name for menus and the column header: "Taiwan (s2tw)", in zh_CN "臺灣正體 (s2tw)".

    The core's Variant.label is the Chinese name alone; the UI needs it in the UI's language.
    """
    labels = {
        "t2s": QCoreApplication.translate("Variants", "Simplified (t2s)"),
        "s2t": QCoreApplication.translate("Variants", "Traditional (OpenCC standard, s2t)"),
        "s2tw": QCoreApplication.translate("Variants", "Taiwan (s2tw)"),
        "s2hk": QCoreApplication.translate("Variants", "Hong Kong (s2hk)"),
        "s2twp": QCoreApplication.translate("Variants", "Taiwan with Taiwanese vocabulary (s2twp)"),
    }
    return labels.get(config, config)


def variant_tip(config: str) -> str:
    """What a conversion does, for its menu entry and the column header's tooltip."""
    tips = {
        "t2s": QCoreApplication.translate("Variants", "Simplified forms"),
        "s2t": QCoreApplication.translate(
            "Variants", "OpenCC standard traditional forms (赤峰 becomes 赤峯)"
        ),
        "s2tw": QCoreApplication.translate("Variants", "Taiwan standard forms (keeps 赤峰); the default"),
        "s2hk": QCoreApplication.translate("Variants", "Hong Kong standard forms"),
        "s2twp": QCoreApplication.translate(
            "Variants",
            "Taiwan forms and Taiwan vocabulary: rewrites words (项目 → 專案), not only characters",
        ),
    }
    return tips.get(config, "")


def collection_label(name: str) -> str:
    """How a collection is shown: the default one by a translated label, the user's by their names.

    The store keeps the default collection's stable internal name (DEFAULT_COLLECTION).
    """
    if name == DEFAULT_COLLECTION:
        return QCoreApplication.translate("Kinds", "Default")
    return name


_MNEMONIC = re.compile(r"\s*\(&\w\)|&(?=[^&\s])")


def plain_label(text: str) -> str:
    """An action's text without its mnemonic, for toolbars and lists: "单栏(&S)" → "单栏", "&Quit" → "Quit"."""
    return _MNEMONIC.sub("", text)
