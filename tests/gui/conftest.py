"""GUI fixtures: a main window on the seeds with jobs run synchronously and data in tmp."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from viewer.paths import DataPaths
from viewer.settings import Settings

# The offscreen platform warns when a top-level window is shown; harmless, not ours.
pytestmark = pytest.mark.qt_log_ignore("propagateSizeHints")


@pytest.fixture
def make_window(qtbot, data_dir: Path, seeds_dir: Path) -> Callable[..., object]:
    """Build, show and start a MainWindow; jobs run synchronously unless a pool is given."""
    from viewer.gui.jobs import SynchronousPool
    from viewer.gui.mainwindow import MainWindow

    def make(
        settings: Settings | None = None,
        archive: Path | None = None,
        pool: object = None,
        start: bool = True,
        servers: str | None = None,
    ) -> MainWindow:
        window = MainWindow(
            archive or seeds_dir,
            DataPaths(data_dir),
            settings or Settings(),
            pool=pool if pool is not None else SynchronousPool(),
            servers=servers,
        )
        qtbot.addWidget(window)
        window.resize(1200, 800)
        window.show()
        if start:
            window.start()
        return window

    return make


@pytest.fixture
def pool():
    """A real thread pool (concurrency is tested on one: a synchronous pool once hid a race)."""
    from PySide6.QtCore import QThreadPool

    pool = QThreadPool()
    pool.setMaxThreadCount(4)
    yield pool
    pool.waitForDone(30_000)
