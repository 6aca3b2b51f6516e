"""The raw view of a web page can show its HTML source: decoded as the reader decodes it, never rendered."""

from __future__ import annotations

from collections.abc import Callable
from email.charset import QP
from pathlib import Path
from typing import Any

import pytest

from PySide6.QtGui import QFontDatabase

from tests.core.formats.test_html import mhtml, notice_page
from tests.gui.helpers import docs_of

pytestmark = pytest.mark.qt_log_ignore("propagateSizeHints")

COMMENT = "<!-- 編輯：張三　審核：李四 -->"
SCRIPT = '<script type="text/javascript">var 瀏覽次數 = "<b>計數器</b>"; document.write(瀏覽次數);</script>'


def _page() -> str:
    """A GBK notice whose HTML holds what its text does not: an editor's comment and a script."""
    return notice_page("gbk").replace("</body>", f"{COMMENT}\n{SCRIPT}\n</body>")


@pytest.fixture
def archive(tmp_path: Path) -> Path:
    root = tmp_path / "archive"
    root.mkdir()
    page = _page()
    (root / "notice.html").write_bytes(page.encode("gbk"))
    (root / "saved.mht").write_bytes(mhtml(page, "gbk", QP))
    (root / "note.txt").write_text("檔案館閱覽室五月一日閉館一天。\n", encoding="utf-8")
    return root


@pytest.mark.parametrize("name", ["notice.html", "saved.mht"])
def test_the_html_source_of_a_gbk_page_is_shown_as_plain_text_and_one_click_goes_back(
    make_window: Callable[..., Any], archive: Path, name: str
) -> None:
    window = make_window(archive=archive)
    doc = next(d for d in docs_of(window) if d.source == name)
    window.open_document(doc.id)
    window.commands.repairs_action.trigger()  # Ctrl+R
    panel = window.repairs
    assert window.repairs_dock.isVisible() and panel.document().id == doc.id
    raw = panel.raw.toPlainText()
    assert COMMENT not in raw and "計數器" not in raw  # the extracted text holds neither
    assert panel.source_button.isVisible() and not panel.showing_source()

    panel.source_button.click()
    assert panel.showing_source()
    assert panel.source.isVisible() and not panel.raw.isVisible()
    shown = panel.source.toPlainText()
    assert shown == _page()  # the literal HTML, decoded from GBK (the job ran at once: synchronous pool)
    assert COMMENT in shown and SCRIPT in shown
    assert panel.source.font() == QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont)

    panel.source_button.click()  # one click back to the raw text
    assert not panel.showing_source()
    assert panel.raw.isVisible() and not panel.source.isVisible()
    assert panel.raw.toPlainText() == raw


def test_choosing_a_change_shows_the_raw_text_again(make_window: Callable[..., Any], archive: Path) -> None:
    glossed = _page().replace("各區檔案館", "各區(qū)檔案館", 1)
    (archive / "glossed.html").write_bytes(glossed.encode("gbk"))  # a pinyin gloss for the repairs
    window = make_window(archive=archive)
    doc = next(d for d in docs_of(window) if d.source == "glossed.html")
    window.open_document(doc.id)
    window.repairs_dock.show()
    panel = window.repairs
    items = panel._change_items()
    assert items
    panel.source_button.click()
    assert panel.source.toPlainText() == glossed
    panel.repairs.setCurrentItem(items[0])  # the change is marked in the raw text: shown again
    assert not panel.showing_source() and panel.raw.isVisible()
    assert panel.marked_span(panel.raw) is not None


def test_a_text_file_has_no_html_source(make_window: Callable[..., Any], archive: Path) -> None:
    window = make_window(archive=archive)
    page, note = (next(d for d in docs_of(window) if d.source == n) for n in ("notice.html", "note.txt"))
    window.open_document(page.id)
    window.repairs_dock.show()
    panel = window.repairs
    panel.source_button.click()
    assert panel.showing_source()
    window.open_document(note.id)  # another document: its raw text, and no button
    assert panel.document().id == note.id
    assert not panel.source_button.isVisible() and not panel.showing_source()
    assert panel.raw.isVisible() and panel.raw.toPlainText().startswith("檔案館閱覽室")


def test_a_page_gone_from_the_folder_says_so(make_window: Callable[..., Any], archive: Path) -> None:
    window = make_window(archive=archive)
    doc = next(d for d in docs_of(window) if d.source == "notice.html")
    window.open_document(doc.id)
    window.repairs_dock.show()
    (archive / "notice.html").unlink()
    window.repairs.source_button.click()
    assert "no longer in the archive folder" in window.repairs.source.toPlainText()
