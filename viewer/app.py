"""The one place that builds the QApplication and wires the core to the GUI."""

from __future__ import annotations

import logging
import os
import sys
import time
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtWidgets import QApplication

from viewer import __version__
from viewer.gui.i18n import application_name, install_translators, resolve_language
from viewer.gui.mainwindow import MainWindow
from viewer.gui.theme import apply_theme
from viewer.render.fonts import ensure_cjk_font

if TYPE_CHECKING:
    from viewer.cli import Context

logger = logging.getLogger(__name__)

PROBE_TIMEOUT_MS = 60_000


def process_age() -> float:
    """Seconds since this process started.

    On Linux both ends come from the kernel's since-boot clock (/proc/self/stat, /proc/uptime): the
    epoch-based create time (psutil, btime) is rounded to whole seconds and can be off by up to 1 s.
    """
    try:
        with open("/proc/self/stat", encoding="ascii") as handle:
            fields = handle.read().rsplit(")", 1)[1].split()
        start_ticks = int(fields[19])  # field 22 of proc(5); two fields precede the ")"
        with open("/proc/uptime", encoding="ascii") as handle:
            uptime = float(handle.read().split()[0])
        return uptime - start_ticks / os.sysconf("SC_CLK_TCK")
    except (OSError, ValueError, IndexError):
        pass
    try:
        import psutil

        return time.time() - float(psutil.Process().create_time())
    except Exception:
        return time.time() - _IMPORTED_AT


_IMPORTED_AT = time.time()


class StartupProbe(QObject):
    """--startup-probe: print painted_ms once the window has painted with the tree filled, then
    search_ready_ms once the index answers, and the process's memory; then exit."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self._window = window
        self._tree_filled = False
        self._painted = False
        self._done = False
        window.archive_loaded.connect(self._on_window_archive_loaded)
        window.index_ready.connect(self._on_window_index_ready)
        window.tree.viewport().installEventFilter(self)
        QTimer.singleShot(PROBE_TIMEOUT_MS, self._on_timeout)

    def _on_window_archive_loaded(self, _archive: object) -> None:
        self._tree_filled = True
        self._window.tree.viewport().update()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint and self._tree_filled and not self._painted:
            self._painted = True
            # Measured after this paint returns: the frame with the filled tree is complete.
            QTimer.singleShot(0, self._report_painted)
        return False

    def _report_painted(self) -> None:
        sys.stdout.write(f"painted_ms={process_age() * 1000:.0f}\n")
        sys.stdout.flush()
        if self._window.search_index is not None:
            self._on_window_index_ready()

    def _on_window_index_ready(self) -> None:
        if not self._painted or self._done:
            return  # reported once the window has painted
        self._done = True
        sys.stdout.write(f"search_ready_ms={process_age() * 1000:.0f}\n")
        rss = _rss_mb()
        if rss is not None:
            sys.stdout.write(f"rss_mb={rss:.0f}\n")
        sys.stdout.flush()
        self._finish(0)

    def _on_timeout(self) -> None:
        if not self._done:
            if not self._painted:
                sys.stdout.write("painted_ms=-1\n")
            sys.stdout.write("search_ready_ms=-1\n")
            sys.stdout.flush()
            self._finish(1)

    def _finish(self, code: int) -> None:
        self._window.close()  # the window's own teardown: jobs, index and excerpt store
        QApplication.exit(code)


def _rss_mb() -> float | None:
    """This process's resident memory now (Linux), for the probe's report."""
    try:
        with open("/proc/self/statm", encoding="ascii") as handle:
            pages = int(handle.read().split()[1])
    except (OSError, ValueError, IndexError):
        return None
    return pages * os.sysconf("SC_PAGE_SIZE") / 2**20


def create_application() -> QApplication:
    existing = QApplication.instance()
    if isinstance(existing, QApplication):
        return existing
    app = QApplication(sys.argv)
    app.setApplicationName("archive-viewer")
    app.setApplicationDisplayName("Archive Viewer")  # in the UI's language once translators are in
    app.setApplicationVersion(__version__)
    app.setDesktopFileName("archive-viewer")
    return app


def apply_language(app: QApplication, setting: str) -> None:
    """Our and Qt's translations, the app's name in that language, dialogs that speak it.

    Qt appends the display name to every window title on X11, Wayland and Windows unless the title
    already ends with it: a bilingual display name ("档案阅览 Archive Viewer") was appended to titles
    that end with the translated name ("… — 档案阅览 — 档案阅览 Archive Viewer"). Native file dialogs
    speak the system's language, so Qt's own (translated) dialogs are used when the UI's differs.
    """
    install_translators(app, setting)
    app.setApplicationDisplayName(application_name())
    if resolve_language(setting) != resolve_language("system"):
        app.setAttribute(Qt.ApplicationAttribute.AA_DontUseNativeDialogs, True)


def build_window(ctx: Context, *, app: QApplication | None = None) -> MainWindow:
    """Translator, fonts, theme, then the window on the chosen archive (not yet shown or started)."""
    app = app or create_application()
    apply_language(app, ctx.settings.language)
    ensure_cjk_font()
    apply_theme(app, ctx.settings.theme)
    archive = ctx.archive
    last = ctx.settings.last_archive
    if not getattr(ctx.args, "archive", None) and last and Path(last).is_dir():
        archive = Path(last)
    return MainWindow(archive, ctx.paths, ctx.settings, servers=getattr(ctx.args, "server", None))


class ErrorRelay(QObject):
    """Unexpected errors, from any thread, reach the window's status bar through a queued signal."""

    raised = Signal(str)

    def __init__(self, window: MainWindow, log_file: Path | None) -> None:
        super().__init__(window)
        self._window = window
        self._log_file = log_file  # None: the log could not be written, so it is not named
        self.raised.connect(self._show)

    def _show(self, _line: str) -> None:
        if self._log_file is None:
            text = QCoreApplication.translate("App", "An unexpected error occurred.")
        else:
            text = QCoreApplication.translate("App", "An unexpected error occurred; the details are in %1")
            text = text.replace("%1", str(self._log_file))
        self._window.statusBar().showMessage(text, 0)


def run_gui(ctx: Context) -> int:
    """Open the main window on the archive and run the event loop."""
    app = create_application()
    window = build_window(ctx, app=app)
    if ctx.logs is not None:
        ctx.logs.on_unexpected = ErrorRelay(
            window, ctx.logs.log_file
        ).raised.emit  # the traceback is in the log file
    if getattr(ctx.args, "startup_probe", False):
        StartupProbe(window)
    window.show()
    window.start()  # ingest and indexing run in the background after the first paint
    return int(app.exec())  # the window's closeEvent has cancelled the jobs and closed the stores
