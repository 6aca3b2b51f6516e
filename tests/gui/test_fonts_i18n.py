"""Bundled CJK font coverage, the zh_CN catalog, and the startup probe."""

from __future__ import annotations

import contextlib
import os
import re
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from PySide6.QtCore import QCoreApplication, QTranslator
from PySide6.QtGui import QRawFont

from viewer.paths import resources_dir
from viewer.render.fonts import bundled_font_path

pytestmark = pytest.mark.qt_log_ignore("propagateSizeHints")

TS_FILE = resources_dir() / "translations" / "archive_viewer_zh_CN.ts"
REPO = Path(__file__).resolve().parents[2]


def _double_byte(encoding: str, leads: range, trails: list[int]) -> set[str]:
    out = set()
    for lead in leads:
        for trail in trails:
            with contextlib.suppress(UnicodeDecodeError):
                out.add(bytes([lead, trail]).decode(encoding))
    return out


def _missing(font: QRawFont, chars: set[str]) -> list[str]:
    # supportsCharacter(int): the str overload of this PySide build misreports some characters
    return sorted(c for c in chars if not font.supportsCharacter(ord(c)))


def test_bundled_font_is_small_licensed_and_covers_the_seeds(qapp, seeds_dir: Path) -> None:
    path = bundled_font_path()
    assert path.stat().st_size < 5 * 1024 * 1024
    assert (path.parent / "LICENSE-Apache-2.0.txt").is_file()
    font = QRawFont(str(path), 16)
    assert font.isValid()
    seeds = {
        c
        for f in seeds_dir.iterdir()
        for c in f.read_text(encoding="utf-8")
        if not c.isspace() and c.isprintable()
    }
    assert _missing(font, seeds) == []


def test_bundled_font_covers_gb2312_and_big5_hanzi(qapp) -> None:
    font = QRawFont(str(bundled_font_path()), 16)
    gb2312 = _double_byte("gb2312", range(0xB0, 0xF8), list(range(0xA1, 0xFF)))  # levels 1 and 2
    big5 = _double_byte("big5", range(0xA4, 0xFA), [*range(0x40, 0x7F), *range(0xA1, 0xFF)])
    gb2312 = {c for c in gb2312 if "\u4e00" <= c <= "\u9fff"}
    big5 = {c for c in big5 if "\u4e00" <= c <= "\u9fff"}
    assert len(gb2312) > 6700 and len(big5) > 13000
    assert _missing(font, gb2312) == []
    assert _missing(font, big5) == []


def test_bundled_font_registers(qapp) -> None:
    from viewer.render.fonts import ensure_cjk_font

    family = ensure_cjk_font(force_bundled=True)
    assert family and "WenQuanYi" in family


def test_zh_cn_catalog_is_complete_and_loads(qapp, tmp_path: Path) -> None:
    root = ET.parse(TS_FILE).getroot()
    messages = root.findall("./context/message")
    assert len(messages) > 100
    unfinished = [
        m.findtext("source")
        for m in messages
        if m.find("translation").get("type") in ("unfinished", "obsolete")
    ]
    assert unfinished == []
    lrelease = Path(sys.executable).parent / "pyside6-lrelease"
    qm = tmp_path / "archive_viewer_zh_CN.qm"
    subprocess.run([str(lrelease), "-silent", str(TS_FILE), "-qm", str(qm)], check=True)
    translator = QTranslator()
    assert translator.load(str(qm))
    QCoreApplication.installTranslator(translator)
    try:
        assert QCoreApplication.translate("WindowCommands", "&File") == "文件(&F)"
        assert QCoreApplication.translate("Kinds", "Yearbooks") == "年鉴"
    finally:
        QCoreApplication.removeTranslator(translator)


def test_every_ui_string_in_the_sources_is_in_the_catalog() -> None:
    sources = {m.findtext("source") for m in ET.parse(TS_FILE).getroot().iter("message")}
    pattern = re.compile(r'self\.tr\(\s*"((?:[^"\\]|\\.)*)"\s*[,)]')  # single literals
    missing = []
    for path in (REPO / "viewer" / "gui").rglob("*.py"):
        for text in pattern.findall(path.read_text(encoding="utf-8")):
            text = text.encode().decode("unicode_escape").encode("latin-1").decode("utf-8")
            if text not in sources:
                missing.append((path.name, text))
    assert missing == []


def test_english_catalog_carries_the_plural_forms(qapp, tmp_path: Path) -> None:
    """Every %n string of the sources has finished singular and plural English forms, and they load."""
    en_ts = TS_FILE.with_name("archive_viewer_en.ts")
    messages = ET.parse(en_ts).getroot().findall("./context/message")
    forms = {m.findtext("source"): [f.text for f in m.iter("numerusform")] for m in messages}
    pattern = re.compile(r'self\.tr\(\s*"((?:[^"\\]|\\.)*%n(?:[^"\\]|\\.)*)"')
    in_sources = {
        t for p in (REPO / "viewer" / "gui").rglob("*.py") for t in pattern.findall(p.read_text("utf-8"))
    }
    assert in_sources and in_sources <= set(forms)
    assert all(len(f) == 2 and all(f) for f in forms.values()), forms
    assert all(m.find("translation").get("type") is None for m in messages)
    lrelease = Path(sys.executable).parent / "pyside6-lrelease"
    qm = tmp_path / "archive_viewer_en.qm"
    subprocess.run([str(lrelease), "-silent", str(en_ts), "-qm", str(qm)], check=True)
    translator = QTranslator()
    assert translator.load(str(qm))
    QCoreApplication.installTranslator(translator)
    try:
        hits = [QCoreApplication.translate("ResultsPanel", "%n hit(s)", "", n) for n in (1, 2)]
        assert hits == ["1 hit", "2 hits"]
        assert QCoreApplication.translate("ExportDialog", "%n excerpt(s)", "", 1) == "1 excerpt"
    finally:
        QCoreApplication.removeTranslator(translator)


def test_english_ui_installs_the_plural_catalog(qapp) -> None:
    from viewer.gui.i18n import install_translators

    if not (resources_dir() / "translations" / "archive_viewer_en.qm").is_file():
        pytest.skip("archive_viewer_en.qm is not built: run `make translations`")
    installed = install_translators(qapp, "en")
    try:
        assert len(installed) == 1
        assert QCoreApplication.translate("ResultsPanel", "%n document(s)", "", 3) == "3 documents"
    finally:
        for translator in installed:
            QCoreApplication.removeTranslator(translator)


def test_startup_probe_prints_painted_ms(tmp_path: Path) -> None:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", ARCHIVE_VIEWER_HOME=str(tmp_path / "home"))
    done = subprocess.run(
        [sys.executable, "-m", "viewer", "--startup-probe"],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    lines = done.stdout.split()
    assert re.fullmatch(r"painted_ms=\d+", lines[0]), done.stdout
    assert re.fullmatch(r"search_ready_ms=\d+", lines[1]), done.stdout
    painted, ready = (int(line.split("=")[1]) for line in lines[:2])
    assert ready >= painted
