"""The PDF page beside the text (issue 13): the page of the current paragraph, rendered by pdfium.

The PDFs are drawn in the test by Qt's PDF writer with the bundled CJK font (tests/core/formats/
pdf_samples.py), read into an archive by the app's own PDF reader, and the page shown is checked
against the page each paragraph was drawn on, with pixels sampled from the image (dark text on a
light page). On a real thread pool, moving quickly across 50 paragraphs must end on the last
paragraph's page, with no error and no late page shown after it.
"""

from __future__ import annotations

import logging
import shutil
import time
from pathlib import Path
from types import SimpleNamespace

import pytest

from PySide6.QtCore import QObject, QThreadPool, Signal
from PySide6.QtGui import QImage

from tests.core.formats.pdf_samples import SAMPLE, MadePdf, generated_blocks, qt_pdf
from viewer.core import documents, scan
from viewer.gui.archive_session import ArchiveSession
from viewer.gui.jobs import JobRunner, SynchronousPool
from viewer.gui.pdf_page_controller import PdfPageController, page_of
from viewer.gui.widgets.pdf_page_panel import PdfPagePanel
from viewer.render import pdf_page
from viewer.render.pdf_page import PdfPages

pytestmark = pytest.mark.qt_log_ignore("propagateSizeHints")

# The formats integration: PDFs are documents of an archive and their paragraphs carry their page.
FORMATS_LANDED = ".pdf" in getattr(scan, "DOCUMENT_SUFFIXES", ()) and "page" in getattr(
    documents.Paragraph, "__slots__", ()
)
needs_formats = pytest.mark.skipif(not FORMATS_LANDED, reason="PDFs are not read into archives yet")


def dark_share(image: QImage, step: int = 3) -> float:
    """The share of sampled pixels that are dark (text), on a grid of `step` pixels."""
    samples = dark = 0
    for y in range(0, image.height(), step):
        for x in range(0, image.width(), step):
            samples += 1
            dark += image.pixelColor(x, y).lightness() < 110
    return dark / max(1, samples)


def assert_printed_page(image: QImage) -> None:
    """A page of text: mostly white paper, with some dark text on it (not blank, not black)."""
    assert not image.isNull() and image.width() > 100
    assert image.pixelColor(2, 2).lightness() > 240  # the margin is paper
    assert 0.002 < dark_share(image) < 0.3


@pytest.fixture
def sample_pdf(qapp, tmp_path: Path) -> MadePdf:
    folder = tmp_path / "archive"
    folder.mkdir()
    made = qt_pdf(folder / "概况.pdf", SAMPLE)
    assert made.page_count == 3  # the sample fills three A5 pages
    (folder / "说明.txt").write_text("第一段\n\n第二段\n", encoding="utf-8")
    return made


def pdf_document(window, made: MadePdf):
    doc = next(d for d in window.archive.documents if d.source == made.path.name)
    return window.archive.document(doc.id)


def show_panel(window) -> None:
    window.commands.pdf_page_action.trigger()
    assert window.pdf_page_dock.isVisible()


def page_caption(page: int, count: int) -> str:
    return f"Page {page} of {count}"


# ---------------------------------------------------------------- the window on a real archive


@needs_formats
def test_the_panel_shows_the_page_each_paragraph_starts_on(make_window, sample_pdf: MadePdf) -> None:
    window = make_window(archive=sample_pdf.path.parent)
    doc = pdf_document(window, sample_pdf)
    assert window.open_document(doc.id)
    panel = window.pdf_page_panel
    assert not window.pdf_page_dock.isVisible()  # hidden until asked for
    show_panel(window)
    assert [p.page for p in doc.paragraphs] == sample_pdf.line_pages  # the reader found what was drawn
    images: dict[int, QImage] = {}
    for number, paragraph in enumerate(doc.paragraphs, 1):
        window.goto_paragraph(number)
        shown = panel.page()
        assert shown is not None, panel.caption.text()
        assert shown.page == paragraph.page
        assert panel.caption.text() == page_caption(paragraph.page, 3)
        assert shown.width == panel.render_width()
        assert_printed_page(shown.image)
        images[shown.page] = shown.image
    assert sorted(images) == [1, 2, 3]
    assert images[1] != images[2] and images[2] != images[3]  # three pages, not one image three times
    window.goto_paragraph(1)  # back to a page seen before: from the cache, the same image
    assert panel.page() is not None and panel.page().image is images[1]


@needs_formats
def test_a_text_document_has_no_pdf_page(make_window, sample_pdf: MadePdf) -> None:
    window = make_window(archive=sample_pdf.path.parent)
    show_panel(window)
    text = next(d for d in window.archive.documents if d.source == "说明.txt")
    window.open_document(text.id)
    assert window.pdf_page_panel.page() is None
    assert window.pdf_page_panel.caption.text() == "No PDF page for this document"
    window.open_document(pdf_document(window, sample_pdf).id)
    assert window.pdf_page_panel.page() is not None
    assert window.pdf_page_panel.caption.text() == page_caption(1, 3)


@needs_formats
def test_nothing_is_rendered_while_the_panel_is_hidden(make_window, sample_pdf: MadePdf, monkeypatch) -> None:
    renders: list[int] = []
    real = PdfPages.render
    monkeypatch.setattr(
        PdfPages, "render", lambda self, *a, **k: (renders.append(a[1]), real(self, *a, **k))[1]
    )
    window = make_window(archive=sample_pdf.path.parent)
    window.open_document(pdf_document(window, sample_pdf).id)
    window.goto_paragraph(10)
    assert renders == []
    show_panel(window)
    assert renders == [2]
    window.commands.pdf_page_action.trigger()  # hidden again
    window.goto_paragraph(14)
    assert renders == [2]


@needs_formats
def test_the_panel_is_remembered_across_restarts(make_window, sample_pdf: MadePdf) -> None:
    from viewer.settings import Settings

    settings = Settings()
    first = make_window(settings=settings, archive=sample_pdf.path.parent)
    first.open_document(pdf_document(first, sample_pdf).id)
    show_panel(first)
    first.goto_paragraph(14)
    first.close()
    second = make_window(settings=settings, archive=sample_pdf.path.parent)
    assert second.pdf_page_dock.isVisible()
    assert second.current_document() is not None and second.current_document().source == sample_pdf.path.name
    assert second.pdf_page_panel.caption.text() == page_caption(3, 3)
    second.commands.pdf_page_action.trigger()
    second.close()
    third = make_window(settings=settings, archive=sample_pdf.path.parent)
    assert not third.pdf_page_dock.isVisible()


@needs_formats
def test_a_pdf_gone_from_the_folder_is_said_in_the_panel(make_window, sample_pdf: MadePdf) -> None:
    window = make_window(archive=sample_pdf.path.parent)
    doc = pdf_document(window, sample_pdf)
    sample_pdf.path.unlink()
    window.open_document(doc.id)
    show_panel(window)
    assert window.pdf_page_panel.page() is None
    assert sample_pdf.path.name in window.pdf_page_panel.caption.text()


def test_the_action_is_in_the_view_menu_with_its_shortcut(make_window) -> None:
    from PySide6.QtGui import QKeySequence

    window = make_window()
    action = window.commands.pdf_page_action
    assert action.shortcut() == QKeySequence("Ctrl+Shift+G")
    others = [a for a in window.commands.shortcut_actions() if a is not action]
    assert all(a.shortcut() != action.shortcut() for a in others)
    assert action in window.commands.shortcut_actions()
    view_menu = next(m.menu() for m in window.menuBar().actions() if m.text() == "&View")
    assert action in view_menu.actions()
    show_panel(window)  # the seeds hold no PDF
    assert window.pdf_page_panel.caption.text() == "No PDF page for this document"


# ---------------------------------------------------------------- on a real thread pool


@needs_formats
def test_moving_quickly_across_fifty_paragraphs_ends_on_the_last_ones_page(
    make_window, qtbot, qapp, tmp_path: Path, monkeypatch, caplog
) -> None:
    folder = tmp_path / "archive"
    folder.mkdir()
    made = qt_pdf(folder / "资料摘编.pdf", generated_blocks(7, 70))
    assert made.page_count >= 10
    # Each render takes at least 30 ms, so moving on supersedes renders pdfium is already doing.
    real_render = pdf_page._render_page

    drawn: list[int] = []

    def slow_render(pdf, index, width, label):
        time.sleep(0.03)
        drawn.append(index + 1)
        return real_render(pdf, index, width, label)

    monkeypatch.setattr(pdf_page, "_render_page", slow_render)
    pool = QThreadPool()
    pool.setMaxThreadCount(4)
    window = make_window(archive=folder, pool=pool)
    qtbot.waitUntil(lambda: window.archive is not None and bool(window.archive.documents), timeout=60_000)
    doc = pdf_document(window, made)
    window.open_document(doc.id)
    show_panel(window)
    shown: list[int] = []
    real_show = window.pdf_page_panel.show_page
    monkeypatch.setattr(
        window.pdf_page_panel, "show_page", lambda page: (shown.append(page.page), real_show(page))
    )
    caplog.set_level(logging.WARNING)
    rows = list(range(50))
    for row in rows:  # as fast as the keys repeat: no waiting between moves
        window.goto_paragraph(row + 1)
    last = doc.paragraphs[rows[-1]].page
    assert last is not None and last > 1
    qtbot.waitUntil(lambda: not window.pdf_page.busy(), timeout=30_000)
    pool.waitForDone(30_000)  # every superseded render has finished too
    qtbot.wait(100)  # and whatever it reported has been delivered
    panel = window.pdf_page_panel
    assert panel.page() is not None and panel.page().page == last
    assert panel.caption.text() == page_caption(last, made.page_count)
    assert_printed_page(panel.page().image)
    # The moves ran without returning to the event loop, so every render but the last one finished
    # (or gave up) after it was superseded: pdfium drew some of the pages passed over, none was shown.
    assert shown == [last]
    assert drawn[-1] == last and len(drawn) == len(set(drawn)) <= len({doc.paragraphs[r].page for r in rows})
    assert not [r for r in caplog.records if r.levelno >= logging.WARNING]
    window.close()
    pool.waitForDone(30_000)


# ---------------------------------------------------------------- the controller and the pages


class FakeView(QObject):
    """What the controller uses of the text view: the current paragraph and its signal."""

    top_paragraph_changed = Signal(int)

    def __init__(self) -> None:
        super().__init__()
        self.top = 0

    def top_paragraph(self) -> int:
        return self.top

    def move_to(self, row: int) -> None:
        self.top = row
        self.top_paragraph_changed.emit(row)


class ManualPool:
    """A pool that keeps the jobs it is given until the test runs them, in any order."""

    def __init__(self) -> None:
        self.jobs: list = []

    def start(self, runnable) -> None:
        self.jobs.append(runnable)


def fake_pdf_document(made: MadePdf, pages: list[int | None]):
    paragraphs = [SimpleNamespace(id=f"d-p{i}", page=page, section=None) for i, page in enumerate(pages)]
    return SimpleNamespace(id="d", source=made.path.name, paragraphs=paragraphs)


def make_controller(
    qtbot, made: MadePdf, pool, pages: PdfPages | None = None
) -> tuple[PdfPageController, ArchiveSession, FakeView, PdfPagePanel]:
    session = ArchiveSession(made.path.parent)
    view = FakeView()
    panel = PdfPagePanel()
    qtbot.addWidget(panel)
    panel.resize(360, 500)
    panel.show()  # laid out: its width is the one pages are rendered at
    controller = PdfPageController(JobRunner(pool), session, view, panel, pages=pages)  # type: ignore[arg-type]
    controller.set_shown(True)
    return controller, session, view, panel


def test_page_of_takes_the_last_page_known_before_the_paragraph() -> None:
    doc = SimpleNamespace(paragraphs=[SimpleNamespace(page=p) for p in (None, 1, None, 3, 3)])
    assert [page_of(doc, row) for row in range(5)] == [1, 1, 1, 3, 3]  # type: ignore[arg-type]
    assert page_of(SimpleNamespace(paragraphs=[SimpleNamespace()]), 0) == 1  # type: ignore[arg-type]


def test_the_controller_follows_the_current_paragraph(qtbot, sample_pdf: MadePdf) -> None:
    controller, session, view, panel = make_controller(qtbot, sample_pdf, SynchronousPool())
    session.set_document(fake_pdf_document(sample_pdf, [1, 1, 2, 3]))
    assert panel.page() is not None and (panel.page().page, panel.page().page_count) == (1, 3)
    assert panel.caption.text() == page_caption(1, 3)
    for row, page in [(2, 2), (3, 3), (0, 1), (1, 1)]:
        view.move_to(row)
        assert panel.page() is not None and panel.page().page == page
        assert_printed_page(panel.page().image)
    session.set_document(SimpleNamespace(id="t", source="说明.txt", paragraphs=[]))
    assert panel.page() is None and panel.caption.text() == "No PDF page for this document"
    controller.shutdown()


class RecordingPages(PdfPages):
    """PdfPages that keeps what each render returned."""

    def __init__(self) -> None:
        super().__init__()
        self.rendered: list = []

    def render(self, *args, **kwargs):
        page = super().render(*args, **kwargs)
        self.rendered.append(page)
        return page


def test_a_late_page_of_a_superseded_render_is_not_shown(qtbot, sample_pdf: MadePdf) -> None:
    pool = ManualPool()
    pages = RecordingPages()
    controller, session, view, panel = make_controller(qtbot, sample_pdf, pool, pages)
    session.set_document(fake_pdf_document(sample_pdf, [1, 2, 3]))
    view.move_to(1)
    view.move_to(2)
    assert len(pool.jobs) == 3  # pages 1, 2 and 3 asked for, one after the other
    first, second, third = pool.jobs
    assert first.is_cancelled() and second.is_cancelled() and not third.is_cancelled()
    third.run()
    assert panel.page() is not None and panel.page().page == 3
    second.run()  # cancelled before it began: nothing rendered
    first._cancel.clear()  # as if pdfium had started on page 1 before it was superseded
    first.run()  # it finishes late, with page 1: not shown
    assert [p.page for p in pages.rendered] == [3, 1]
    assert panel.page().page == 3
    view.move_to(0)  # back to page 1: the late render was kept
    pool.jobs[-1].run()
    assert panel.page() is pages.rendered[1]
    controller.shutdown()


def test_a_page_past_the_end_shows_the_last_page(qtbot, sample_pdf: MadePdf) -> None:
    controller, session, _view, panel = make_controller(qtbot, sample_pdf, SynchronousPool())
    session.set_document(fake_pdf_document(sample_pdf, [9]))  # the file has changed since it was read
    assert panel.page() is not None and panel.page().page == 3
    assert panel.caption.text() == page_caption(3, 3)
    controller.shutdown()


def test_a_file_that_is_no_pdf_is_said_in_the_panel(qtbot, sample_pdf: MadePdf) -> None:
    controller, session, _view, panel = make_controller(qtbot, sample_pdf, SynchronousPool())
    broken = sample_pdf.path.with_name("损坏.pdf")
    broken.write_bytes(b"%PDF-1.7\nnot really a PDF\n")
    session.set_document(SimpleNamespace(id="b", source=broken.name, paragraphs=[SimpleNamespace(page=1)]))
    assert panel.page() is None
    assert broken.name in panel.caption.text()
    controller.shutdown()


def test_pages_are_cached_and_a_changed_file_is_read_again(qapp, sample_pdf: MadePdf, tmp_path: Path) -> None:
    pages = PdfPages(cache_pages=2)
    path = str(sample_pdf.path)
    first = pages.render(path, 1, 300)
    assert pages.render(path, 1, 300) is first
    assert pages.render(path, 1, 600) is not first and pages.render(path, 1, 600).image.width() == 600
    pages.render(path, 2, 300)
    pages.render(path, 3, 300)
    assert pages.render(path, 1, 300) is not first  # only the last two are kept: drawn again
    other = tmp_path / "other.pdf"
    qt_pdf(other, SAMPLE[:2])
    shutil.copyfile(other, sample_pdf.path)  # the file changes under the open document
    again = pages.render(path, 3, 300)
    assert again.page_count == 1 and again.page == 1
    pages.close()


def test_a_render_waiting_for_pdfium_gives_up_when_cancelled(qapp, sample_pdf: MadePdf) -> None:
    import threading

    from viewer.errors import Cancelled

    lock = threading.Lock()
    pages = PdfPages(lock=lock)
    with lock, pytest.raises(Cancelled):  # the PDF reader holds pdfium for a long file
        pages.render(str(sample_pdf.path), 1, 300, cancelled=lambda: True)
    assert pages.render(str(sample_pdf.path), 1, 300).page == 1
    pages.close()


def test_the_render_shares_the_pdf_readers_lock() -> None:
    from viewer.core.formats import pdf

    assert PdfPages()._pdfium_lock is pdf.PDFIUM_LOCK


@needs_formats
def test_the_pdf_is_not_held_open_while_no_page_of_it_is_wanted(make_window, sample_pdf: MadePdf) -> None:
    """Windows lets nobody delete, rename or replace a file held open: the panel lets go of the PDF
    when it is hidden and when a document that is no PDF is shown."""
    window = make_window(archive=sample_pdf.path.parent)
    window.open_document(pdf_document(window, sample_pdf).id)
    show_panel(window)
    pages = window.pdf_page.pages
    assert pages._handle is not None  # open while its page is shown
    window.commands.pdf_page_action.trigger()  # hide the panel
    assert pages._handle is None
    show_panel(window)
    assert window.pdf_page_panel.page() is not None  # the page seen before comes from the cache
    window.goto_paragraph(len(pdf_document(window, sample_pdf).paragraphs))  # a page not seen yet
    assert pages._handle is not None
    text = next(d for d in window.archive.documents if d.source == "说明.txt")
    window.open_document(text.id)
    assert pages._handle is None
