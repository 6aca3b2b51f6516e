"""The Chinese UI is complete: every source string and core message translated, no English in the
zh_CN window, Qt's own dialogs in Chinese, and the app's name once in titles and About (both languages)."""

from __future__ import annotations

import ast
import contextlib
import html
import os
import re
import shutil
import signal
import subprocess
import sys
import textwrap
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from pathlib import Path

import pytest

from PySide6.QtCore import QCoreApplication, QLocale, Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication, QDockWidget, QMenu, QWidget

from viewer import __version__
from viewer.errors import Message, QuerySyntaxError
from viewer.paths import resources_dir
from viewer.settings import Settings

pytestmark = pytest.mark.qt_log_ignore("propagateSizeHints")

REPO = Path(__file__).resolve().parents[2]
BIN = Path(sys.executable).parent
ZH_TS = resources_dir() / "translations" / "archive_viewer_zh_CN.ts"
FIELD = re.compile(r"\{\w+\}|%n|%L?\d")
# Words that are the same in the Chinese UI: formats, keys, proper names, codes of conversions.
ALLOWED_ENGLISH = {
    "PDF", "DOCX", "CSV", "RIS", "HTML", "Markdown", "TXT", "BibTeX", "Word", "JSON",
    "Ctrl", "Shift", "Alt", "Del", "Esc", "PgUp", "PgDown", "Home", "End", "Enter", "Return",
    "OpenCC", "GBK", "Big5", "UTF-8", "Qt", "PySide6", "Python", "Whoosh", "tantivy", "Archive", "Viewer",
    "t2s", "s2t", "s2tw", "s2hk", "s2twp", "MIT", "PSF", "LGPL-3.0", "Apache-2.0", "BSD-2-Clause",
    "Whoosh-Reloaded", "WenQuanYi", "Micro", "Hei", "beta", "GB", "KB", "MB", "GB/T",
    "EPUB", "pypdfium2", "PDFium", "trafilatura", "python-docx", "BSD-3-Clause",
}  # fmt: skip


# ---------------------------------------------------------------- catalogs


def _messages(ts: Path) -> dict[tuple[str, str], ET.Element]:
    """(context, source) -> the <translation> element, of every message a .ts file holds."""
    out = {}
    for context in ET.parse(ts).getroot().iter("context"):
        name = context.findtext("name") or ""
        for message in context.iter("message"):
            out[(name, message.findtext("source") or "")] = message.find("translation")
    return out


def _finished(translation: ET.Element | None) -> list[str]:
    """The translated forms, or [] when the translation is missing, unfinished or empty."""
    if translation is None or translation.get("type") in ("unfinished", "obsolete", "vanished"):
        return []
    forms = [f.text or "" for f in translation.iter("numerusform")] or [translation.text or ""]
    return forms if all(f.strip() for f in forms) else []


def core_templates() -> dict[str, str]:
    """Every `message("...")` template in viewer/ outside gui/, with the file it is in."""
    found: dict[str, str] = {}
    for path in sorted((REPO / "viewer").rglob("*.py")):
        if "gui" in path.relative_to(REPO / "viewer").parts:
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "message":
                first = node.args[0] if node.args else None
                assert isinstance(first, ast.Constant) and isinstance(first.value, str), (
                    f"{path}:{node.lineno}: message() needs a literal template"
                )
                found.setdefault(first.value, path.relative_to(REPO).as_posix())
    return found


def test_core_messages_are_listed_for_lupdate() -> None:
    """viewer/gui/core_messages.py lists exactly the core's templates (what lupdate and core_text see)."""
    from viewer.gui.core_messages import CORE_TEMPLATES

    found = core_templates()
    assert len(found) > 30
    missing = sorted(set(found) - set(CORE_TEMPLATES), key=lambda t: (found[t], t))
    stale = sorted(set(CORE_TEMPLATES) - set(found))
    lines = "\n".join(f'    QT_TRANSLATE_NOOP("core", {t!r}),  # {found[t]}' for t in missing)
    assert not missing, f"add to viewer/gui/core_messages.py:\n{lines}"
    assert not stale, f"no longer in the core, remove from viewer/gui/core_messages.py: {stale}"


@pytest.fixture(scope="module")
def lupdate_ts(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """What lupdate finds in viewer/ today, in a fresh .ts (the catalog in the repo is not touched)."""
    out = tmp_path_factory.mktemp("lupdate") / "sources.ts"
    files = [str(p) for p in sorted((REPO / "viewer").rglob("*.py"))]
    subprocess.run([str(BIN / "pyside6-lupdate"), "-silent", *files, "-ts", str(out)], check=True)
    return out


def test_every_user_visible_string_has_a_zh_cn_translation(lupdate_ts: Path) -> None:
    """Fails when a tr() string (or a core template) has no finished, non-empty zh_CN translation."""
    sources = _messages(lupdate_ts)
    catalog = _messages(ZH_TS)
    assert len(sources) > 250
    assert {("core", t) for t in core_templates()} <= set(sources)
    untranslated = sorted(key for key in sources if not _finished(catalog.get(key)))
    assert untranslated == [], f"{len(untranslated)} strings have no zh_CN translation: {untranslated}"


def test_translations_keep_their_placeholders() -> None:
    """A translation fills the same fields (%1, %n, {name}) as its source, so nothing is lost or breaks."""
    wrong = []
    for (context, source), translation in _messages(ZH_TS).items():
        for form in _finished(translation):
            fields = set(FIELD.findall(source))
            if fields != set(FIELD.findall(form)) and not (fields == {"%n"} and "%n" not in form):
                wrong.append((context, source, form))
    assert wrong == []


# ---------------------------------------------------------------- the zh_CN UI


@pytest.fixture
def compiled(tmp_path: Path) -> Path:
    """Both catalogs compiled from the .ts files as they are now (a stale `make translations` is not used)."""
    for ts in sorted((resources_dir() / "translations").glob("*.ts")):
        qm = tmp_path / ts.with_suffix(".qm").name
        subprocess.run([str(BIN / "pyside6-lrelease"), "-silent", str(ts), "-qm", str(qm)], check=True)
    return tmp_path


@pytest.fixture
def language(qapp: QApplication, compiled: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[object]:
    """`use(setting)`: the app's language set as at startup (app.apply_language); undone afterwards."""
    from viewer import app
    from viewer.gui import i18n

    monkeypatch.setattr(i18n, "translation_dirs", lambda: [compiled])
    installed: list[object] = []
    locale, name = QLocale(), QGuiApplication.applicationDisplayName()
    native = qapp.testAttribute(Qt.ApplicationAttribute.AA_DontUseNativeDialogs)

    def use(setting: str) -> None:
        monkeypatch.setattr(app, "install_translators", _recording(i18n.install_translators, installed))
        app.apply_language(qapp, setting)

    yield use
    for translator in installed:
        QCoreApplication.removeTranslator(translator)
    QLocale.setDefault(locale)
    qapp.setApplicationDisplayName(name)
    qapp.setAttribute(Qt.ApplicationAttribute.AA_DontUseNativeDialogs, native)


def _recording(install, installed: list[object]):
    def wrapper(app, setting):
        result = install(app, setting)
        installed.extend(result)
        return result

    return wrapper


def _english_words(text: str) -> list[str]:
    text = re.sub(r"\(&\w\)|&", "", text)  # mnemonics: "文件(&F)"
    words = re.findall(r"[A-Za-z][A-Za-z0-9_.+-]*", text)
    return [w for w in words if len(w) > 1 and w.rstrip(".") not in ALLOWED_ENGLISH]


def _visible_texts(window: QWidget) -> list[tuple[str, str]]:
    """(where, text) of the menus, actions, toolbars, dock titles and status bar of the window."""
    texts: list[tuple[str, str]] = []

    def menu(m: QMenu, path: str) -> None:
        for action in m.actions():
            if action.isSeparator():
                continue
            texts.append((f"{path} > action", action.text()))
            if action.toolTip() and action.toolTip() != action.text():
                texts.append((f"{path} > {action.text()} tooltip", action.toolTip()))
            if action.menu() is not None:
                menu(action.menu(), f"{path} > {action.text()}")

    for action in window.menuBar().actions():
        texts.append(("menu bar", action.text()))
        if action.menu() is not None:
            menu(action.menu(), action.text())
    for dock in window.findChildren(QDockWidget):
        texts.append(("dock", dock.windowTitle()))
    from PySide6.QtWidgets import QAbstractButton, QLabel, QToolBar

    for bar in window.findChildren(QToolBar):
        texts.append(("toolbar", bar.windowTitle()))
        for action in bar.actions():
            if not action.isSeparator():
                texts.append(("toolbar action", action.iconText()))
                texts.append(("toolbar tooltip", action.toolTip()))
    status = window.statusBar()
    texts.append(("status", status.currentMessage()))
    for label in status.findChildren(QLabel):
        texts.append(("status label", label.text()))
        texts.append(("status tooltip", label.toolTip()))
    for button in status.findChildren(QAbstractButton):
        texts.append(("status button", button.text()))
        texts.append(("status tooltip", button.toolTip()))
    texts.append(("title", window.windowTitle()))
    return [(where, text) for where, text in texts if text]


def _about(monkeypatch: pytest.MonkeyPatch, window: QWidget) -> tuple[str, str]:
    """(title, plain text) of the About box the Help menu shows."""
    from viewer.gui.dialogs import about

    shown: list[tuple[str, str]] = []
    monkeypatch.setattr(about.QMessageBox, "about", lambda _parent, title, text: shown.append((title, text)))
    about.show_about(window, window.paths.log_file)
    title, text = shown[0]
    text = html.unescape(re.sub(r"<[^>]+>", " ", text))
    assert str(window.paths.log_file) in text  # the About box names the log, for a bug report
    return title, text.replace(str(window.paths.log_file), "")


def test_zh_cn_window_shows_no_english(make_window, language, monkeypatch, seeds_dir: Path) -> None:
    language("zh_CN")
    window = make_window(Settings(language="zh_CN"))
    from tests.gui.helpers import docs_of

    assert window.open_document(docs_of(window)[0].id)
    texts = _visible_texts(window)
    assert len(texts) > 60
    title, about_text = _about(monkeypatch, window)
    texts += [("about title", title), ("about", about_text)]
    english = [(w, text) for w, text in texts if _english_words(text) and not os.path.isabs(text)]  # paths
    assert english == [], english
    assert about_text.count("档案阅览") == 1 and __version__ in about_text
    assert "Archive Viewer" not in about_text


def test_qt_dialogs_and_context_menus_speak_chinese(qapp, language) -> None:
    """Qt's own strings (standard buttons, file dialog, line edit menu) come from qtbase_zh_CN.qm."""
    from PySide6.QtWidgets import QDialogButtonBox, QLineEdit

    language("zh_CN")
    buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
    assert sorted(b.text() for b in buttons.buttons()) == sorted(["确定", "取消"])
    assert QCoreApplication.translate("QFileDialog", "Look in:") == "查找范围："
    edit = QLineEdit()
    menu = edit.createStandardContextMenu()
    assert any(a.text().startswith("复制") for a in menu.actions())
    menu.deleteLater()
    edit.deleteLater()


def test_native_dialogs_only_when_they_speak_the_ui_language(qapp, language, monkeypatch) -> None:
    """A native file dialog speaks the system's language: Qt's own is used when the UI's differs."""
    from viewer.gui import i18n

    monkeypatch.setattr(i18n.QLocale, "system", staticmethod(lambda: QLocale("en_US")))
    language("zh_CN")
    assert qapp.testAttribute(Qt.ApplicationAttribute.AA_DontUseNativeDialogs)


# ---------------------------------------------------------------- core messages


def test_core_messages_stay_english_for_the_cli() -> None:
    from viewer.core.search.query import parse_query

    with pytest.raises(QuerySyntaxError) as caught:
        parse_query("赤峰 OR")
    assert str(caught.value) == "'OR' at position 4 needs a term after it"
    assert isinstance(caught.value.args[0], Message)
    assert caught.value.args[0].fields == {"pos": 4}


def _chinese(text: str) -> bool:
    return re.search(r"[\u4e00-\u9fff]", text) is not None and not re.search(
        r"[A-Za-z]{3,} [A-Za-z]{3,}", text
    )


BAD_QUERIES = [
    '"赤峰',
    "赤峰 OR",
    "AND 赤峰",
    "赤峰 AND",
    "赤峰 NOT",
    "()",
    "(赤峰",
    "赤峰)",
    "NOT",
    '""',
    "bogus:赤峰",
    "year:",
    "kind:novel",
    "year:abc",
    "year:2020..2010",
    "",
    "-通辽",
]


def test_query_errors_and_explanations_are_translated(qapp, language, make_window) -> None:
    from viewer.core.search.query import parse_query
    from viewer.gui.i18n import core_text

    language("zh_CN")
    messages = []
    for query in BAD_QUERIES:
        with pytest.raises(QuerySyntaxError) as caught:
            parse_query(query)
        messages.append((query, str(caught.value), core_text(caught.value)))
    assert [m for m in messages if not _chinese(m[2])] == []
    assert core_text(messages[1][1]) == messages[1][2]  # the English text alone (e.g. from a log) too
    window = make_window()
    index = window.search_index
    for query in ("量子计算机之谜", "赤峰 year:1900", "赤峰 量子计算机之谜"):
        results = index.search(query)
        assert results.total_hits == 0 and results.explanation
        assert _chinese(core_text(results.explanation)), (query, core_text(results.explanation))
    assert "量子计算机之谜" in core_text(index.search("量子计算机之谜").explanation)


def test_repairs_of_the_seeds_are_named_and_described_in_chinese(qapp, language, seeds_archive) -> None:
    """Descriptions as made by the rules and as read back from the catalogue (plain English text)."""
    from viewer.gui.i18n import repair_description, repair_label

    language("zh_CN")
    repairs = [r for doc in seeds_archive.documents for r in doc.repairs if r.count or r.unresolved]
    kinds = {r.kind for r in repairs}
    assert {"doubled", "mojibake", "pinyin_gloss", "chrome"} <= kinds
    for repair in repairs:
        label = repair_label(repair.kind)
        assert label != repair.kind and _chinese(label), repair.kind
        translated = repair_description(repair)
        assert _chinese(translated) and translated != repair.description, repair.description
        plain = type(repair)(repair.kind, repair.count, str(repair.description), repair.changes)
        assert repair_description(plain) == translated  # as the catalogue gives it back


def test_english_ui_keeps_the_english_messages(qapp, language) -> None:
    from viewer.core.search.query import parse_query
    from viewer.gui.i18n import core_text

    language("en")
    with pytest.raises(QuerySyntaxError) as caught:
        parse_query("(赤峰")
    assert core_text(caught.value) == "Missing ')' for the '(' at position 1"


# ---------------------------------------------------------------- the name, once


def _shown_title(title: str) -> str:
    """The title the platform shows: QPlatformWindow::formatWindowTitle (X11, Wayland, Windows)
    appends " — " and the application display name unless the title already ends with it."""
    name = QGuiApplication.applicationDisplayName()
    if name and not title.endswith(name):
        return f"{title} \u2014 {name}" if title else name
    return title or QCoreApplication.applicationName()


@pytest.mark.parametrize(("setting", "name"), [("zh_CN", "档案阅览"), ("en", "Archive Viewer")])
def test_title_and_about_name_the_app_once(make_window, language, monkeypatch, setting, name) -> None:
    from tests.gui.helpers import docs_of

    language(setting)
    window = make_window()
    window.show_document(None)
    assert _shown_title(window.windowTitle()) == name
    doc = docs_of(window)[0]
    assert window.open_document(doc.id)
    assert _shown_title(window.windowTitle()) == f"{doc.title or doc.source} — {name}"
    _title, text = _about(monkeypatch, window)
    assert text.count(name) == 1 and f"{name} {__version__}" in text
    assert ("档案阅览" in text) == (setting == "zh_CN")


XCB_PROBE = textwrap.dedent(
    """
    import faulthandler, resource, subprocess, sys
    from pathlib import Path
    faulthandler.dump_traceback_later(90, exit=True)  # never outlive the test
    resource.setrlimit(resource.RLIMIT_AS, (4 << 30, 4 << 30))  # nor eat the machine's memory
    from PySide6.QtWidgets import QApplication
    from viewer import app
    from viewer.gui import i18n
    from viewer.gui.mainwindow import MainWindow
    from viewer.paths import DataPaths
    from viewer.settings import Settings

    i18n.translation_dirs = lambda: [Path(sys.argv[1])]
    qt = app.create_application()
    app.apply_language(qt, "zh_CN")
    window = MainWindow(Path(sys.argv[2]), DataPaths(Path(sys.argv[3])), Settings(language="zh_CN"))
    window.show()
    window.start()
    import time
    deadline = time.monotonic() + 60
    while getattr(window, "archive", None) is None or not window.archive.documents:
        qt.processEvents()
        assert time.monotonic() < deadline, "the archive did not load"
    summary = window.archive.documents[0]
    window.open_document(summary.id)
    qt.processEvents()
    wid = str(int(window.winId()))
    print(subprocess.run(["xprop", "-id", wid, "_NET_WM_NAME"], capture_output=True, text=True).stdout)
    print("TITLE", summary.title or summary.source)
    window.close()
    """
)


@pytest.mark.skipif(
    not (shutil.which("xvfb-run") and shutil.which("xprop")), reason="needs xvfb-run and xprop"
)
def test_x11_title_names_the_app_once(compiled: Path, seeds_dir: Path, tmp_path: Path) -> None:
    """The real X11 title, as the window manager reads it (_NET_WM_NAME), on a real window under Xvfb."""
    env = dict(os.environ, QT_QPA_PLATFORM="xcb", ARCHIVE_VIEWER_HOME=str(tmp_path / "home"))
    probe = subprocess.Popen(
        [
            "xvfb-run",
            "-a",
            sys.executable,
            "-c",
            XCB_PROBE,
            str(compiled),
            str(seeds_dir),
            str(tmp_path / "d"),
        ],
        cwd=REPO,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,  # killed as a group: xvfb-run, Xvfb and the probe
    )
    try:
        stdout, stderr = probe.communicate(timeout=120)
    finally:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(probe.pid, signal.SIGKILL)
    assert probe.returncode == 0, stderr[-3000:]
    shown = re.search(r'_NET_WM_NAME\(UTF8_STRING\) = "(.*)"', stdout)
    assert shown is not None and "TITLE " in stdout, stdout
    title = stdout.split("TITLE ", 1)[1].strip()
    assert shown.group(1) == f"{title} — 档案阅览"


def test_why_a_file_was_not_read_is_said_in_chinese(qapp, language, tmp_path: Path) -> None:
    """The ingest report's reasons (empty, binary, unreadable) come from the core in the UI's language."""
    from viewer.core.ingest import ingest_archive
    from viewer.gui.dialogs.ingest_report import IngestReportDialog

    language("zh_CN")
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "binary.txt").write_bytes(b"\x00\x01\x02" * 100)
    (tmp_path / "good.txt").write_text("赤峰市年鉴\n\n正文。", encoding="utf-8")
    problems = ingest_archive(tmp_path).problems
    assert len(problems) == 2
    dialog = IngestReportDialog(str(tmp_path), problems)
    reasons = [dialog.table.item(row, 1).text() for row in range(dialog.table.rowCount())]
    assert all(_chinese(reason) for reason in reasons), reasons
    dialog.deleteLater()
