"""UI language: install the Qt translator for the chosen or system locale, and labels for core codes.

The core never imports Qt, so its user-visible messages (query syntax errors, why a search found
nothing, index and catalogue states, repair descriptions) are `viewer.errors.Message`s: English text
that keeps its template and fields. `core_text` is the one place the GUI turns them into the UI's
language; their templates are listed for lupdate in viewer/gui/core_messages.py (context "core").
"""

from __future__ import annotations

import functools
import logging
import re
from collections.abc import Mapping
from pathlib import Path

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QLibraryInfo, QLocale, QTranslator

from viewer.core.documents import Repair
from viewer.core.excerpts import DEFAULT_COLLECTION
from viewer.errors import LIST_SEPARATOR, Message
from viewer.gui.core_messages import CORE_CONTEXT, CORE_TEMPLATES
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


def application_name() -> str:
    """The app's name in the UI's language ("档案阅览" or "Archive Viewer"): the display name and title suffix.

    The same source and context as the window's own title (MainWindow's tr), so the name Qt appends
    to a window title on X11, Wayland and Windows (the application display name) is the one the title
    already ends with, and Qt does not repeat it.
    """
    return QCoreApplication.translate("MainWindow", "Archive Viewer")


def translate_core(template: str, fields: Mapping[str, object] | None = None) -> str:
    """A core message template in the UI's language, its {name} fields filled (each translated too)."""
    values = {
        name: core_text(value) if isinstance(value, str) else value for name, value in (fields or {}).items()
    }
    translated = QCoreApplication.translate(CORE_CONTEXT, template)
    try:
        return translated.format(**values)
    except (KeyError, IndexError, ValueError):
        logger.warning("The translation of %r does not keep its fields; shown in English", template)
        return template.format(**values)


def core_text(value: object) -> str:
    """What the core said, in the UI's language: a Message, an error carrying one, or plain text.

    Plain English text (a repair description read back from the catalogue, a message that crossed
    a process) is matched against the known templates; text that matches none is shown as it is.
    """
    if isinstance(value, BaseException):
        value = value.args[0] if len(value.args) == 1 and isinstance(value.args[0], str) else str(value)
    if isinstance(value, Message):
        return translate_core(value.template, value.fields)
    text = str(value)
    if LIST_SEPARATOR in text:  # a list of messages (a field never spans the separator)
        parts = [parse_core_text(part) for part in text.split(LIST_SEPARATOR)]
        if all(part is not None for part in parts):
            return LIST_SEPARATOR.join(translate_core(*part) for part in parts if part is not None)
    parsed = parse_core_text(text)
    return text if parsed is None else translate_core(*parsed)


def parse_core_text(text: str) -> tuple[str, dict[str, str]] | None:
    """(template, fields) of English text made from one of the core's templates, or None."""
    for template, pattern in _template_patterns():
        match = pattern.fullmatch(text)
        if match is not None:
            return template, match.groupdict()
    return None


_FIELD = re.compile(r"\{(\w+)\}")


@functools.cache
def _template_patterns() -> list[tuple[str, re.Pattern[str]]]:
    """Each template as a regular expression, the most literal text first (the most specific wins)."""
    patterns = []
    for template in CORE_TEMPLATES:
        parts, seen, pos = [], set(), 0
        for field in _FIELD.finditer(template):
            parts.append(re.escape(template[pos : field.start()]))
            name = field.group(1)
            parts.append(f"(?P={name})" if name in seen else f"(?P<{name}>.*?)")
            seen.add(name)
            pos = field.end()
        parts.append(re.escape(template[pos:]))
        patterns.append((template, re.compile("".join(parts), re.DOTALL)))
    patterns.sort(key=lambda item: -len(_FIELD.sub("", item[0])))
    return patterns


_REPAIRS_CONTEXT = "RepairsPanel"  # where the .ts keeps these (the repairs view shows them)

# Plain-language names and explanations of the rules (viewer/core/repair/*), by Repair.kind.
_REPAIR_NAMES = {
    "line_endings": QT_TRANSLATE_NOOP("RepairsPanel", "Line endings made uniform"),
    "doubled": QT_TRANSLATE_NOOP("RepairsPanel", "Text repeated twice removed"),
    "mojibake": QT_TRANSLATE_NOOP("RepairsPanel", "Mojibake restored"),
    "pinyin_gloss": QT_TRANSLATE_NOOP("RepairsPanel", "Pinyin glosses removed"),
    "chrome": QT_TRANSLATE_NOOP("RepairsPanel", "Site chrome removed"),
    "page_break": QT_TRANSLATE_NOOP("RepairsPanel", "Page-break joins"),
    "whitespace": QT_TRANSLATE_NOOP("RepairsPanel", "Whitespace tidied"),
    "running_head": QT_TRANSLATE_NOOP("RepairsPanel", "Running heads removed"),
    "page_number": QT_TRANSLATE_NOOP("RepairsPanel", "Page numbers removed"),
    "navigation": QT_TRANSLATE_NOOP("RepairsPanel", "Navigation left out"),
    "page_chrome": QT_TRANSLATE_NOOP("RepairsPanel", "Web-page chrome left out"),
    "left_out": QT_TRANSLATE_NOOP("RepairsPanel", "Lines left out by the reader"),
}
_REPAIR_EXPLANATIONS = {
    "line_endings": QT_TRANSLATE_NOOP(
        "RepairsPanel",
        "The file used Windows or old Mac line endings; they were made uniform so lines are "
        "counted the same everywhere.",
    ),
    "doubled": QT_TRANSLATE_NOOP(
        "RepairsPanel",
        "The whole text was saved twice in one file. One copy was removed: the one with more "
        "damaged characters, or the second.",
    ),
    "mojibake": QT_TRANSLATE_NOOP(
        "RepairsPanel",
        "Characters whose GBK bytes were read out of step (shown as ? and odd symbols) were "
        "restored from the bytes; what cannot be restored is marked 〓, never guessed.",
    ),
    "pinyin_gloss": QT_TRANSLATE_NOOP(
        "RepairsPanel",
        "A web converter glued the pinyin of characters after them, as in 區(qū). The "
        "glosses are not part of the text, so they were removed.",
    ),
    "chrome": QT_TRANSLATE_NOOP(
        "RepairsPanel",
        "Lines of the web page around the text (navigation, copyright and technical-support "
        "footers, page indexes) were removed.",
    ),
    "page_break": QT_TRANSLATE_NOOP(
        "RepairsPanel",
        "A paragraph cut in two by a page break (a line ending mid-sentence, then a blank "
        "line) was joined again.",
    ),
    "whitespace": QT_TRANSLATE_NOOP(
        "RepairsPanel",
        "Indentation, trailing spaces, web spaces and runs of blank lines were tidied so "
        "there is one paragraph per line.",
    ),
    "running_head": QT_TRANSLATE_NOOP(
        "RepairsPanel",
        "Lines repeated at the top or foot of the PDF's pages (the book's or chapter's title) were "
        "removed, so they do not break the text.",
    ),
    "page_number": QT_TRANSLATE_NOOP(
        "RepairsPanel", "The PDF's page numbers were removed; each paragraph keeps its page for citations."
    ),
    "navigation": QT_TRANSLATE_NOOP(
        "RepairsPanel", "Tables of contents and menus of the file were left out of the text."
    ),
    "page_chrome": QT_TRANSLATE_NOOP(
        "RepairsPanel",
        "Breadcrumbs, share bars and other parts of the web page around the article were left out.",
    ),
    "left_out": QT_TRANSLATE_NOOP(
        "RepairsPanel", "Lines the file holds that are not the document's text were left out."
    ),
}


def repair_label(kind: str) -> str:
    """The plain-language name of a repair rule (translated)."""
    source = _REPAIR_NAMES.get(kind)
    return QCoreApplication.translate(_REPAIRS_CONTEXT, str(source)) if source else kind


def repair_explanation(kind: str) -> str:
    """What a repair rule does and why, in a sentence or two (translated)."""
    source = _REPAIR_EXPLANATIONS.get(kind)
    return QCoreApplication.translate(_REPAIRS_CONTEXT, str(source)) if source else ""


def repair_description(repair: Repair) -> str:
    """What a repair did, in the UI's language (the stored description is the core's English)."""
    return core_text(repair.description)
