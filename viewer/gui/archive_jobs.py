"""Reading the archive and keeping its search index current, in the background, for the main window.

The window's status bar shows what runs (archive size, index state, a progress bar with Cancel);
everything long runs as a job (jobs.py), so the window stays responsive. Opening another archive
folder, adding files or dropping them on the window re-reads and re-indexes.
"""

from __future__ import annotations

import functools
import logging
import os
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QFileDialog, QMessageBox

from viewer.core.ingest import TEXT_SUFFIXES, Archive, ingest_archive
from viewer.errors import Cancelled, ViewerError
from viewer.gui.index_process import SUBPROCESS_MIN_BYTES, update_index_in_child
from viewer.gui.jobs import Job
from viewer.paths import bundled_archive
from viewer.prebuilt import install_prebuilt_index

if TYPE_CHECKING:
    from viewer.gui.mainwindow import MainWindow

logger = logging.getLogger(__name__)


def index_in_child_process(archive: Archive, max_file_bytes: int) -> bool:
    """Whether to index in a child process: large archives only, so the window keeps little memory.

    Frozen builds can do it too: the entry point (viewer/__main__.py) calls freeze_support() first.
    """
    return archive.size_bytes >= SUBPROCESS_MIN_BYTES and max_file_bytes > 0


def update_index(
    index_dir: Path,
    archive: Archive,
    *,
    progress: Callable[[int, int, str], None],
    cancelled: Callable[[], bool],
    rebuild: bool = False,
    max_file_bytes: int = 0,
) -> Any:
    """Bring the archive's index up to date and return it opened for searching; runs in a job.

    The installed app's first start copies the shipped index of the bundled archive instead of
    building one (a no-op for any other archive or once an index exists).
    """
    from viewer.core.search import SearchIndex  # imports Whoosh: in the job, not before the first paint

    install_prebuilt_index(index_dir, archive.root)
    if index_in_child_process(archive, max_file_bytes):
        update_index_in_child(
            archive.root, max_file_bytes, index_dir, progress=progress, cancelled=cancelled, rebuild=rebuild
        )
        index = SearchIndex.open(index_dir)
        if index.needs_rebuild:
            index.close()
            raise ViewerError(f"the new index cannot be read ({index.state})")
        return index
    index = SearchIndex.open(index_dir)
    try:
        index.update(archive, progress=progress, cancelled=cancelled, rebuild=rebuild)
    except BaseException:
        index.close()
        raise
    return index


class ArchiveJobs(QObject):
    """Ingest and index jobs of the window's archive, with their progress and cancel in the status bar."""

    archive_loaded = Signal(object)  # Archive, after the tree may be filled
    index_ready = Signal(object)  # the opened search index

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self._window = window
        self.archive: Archive | None = None
        self.search_index: Any = None
        # The running jobs. A replaced job may still report (a cancel is only a request): its
        # callbacks carry the job and change nothing unless it is still the current one.
        self._ingest_job: Job | None = None
        self._index_job: Job | None = None
        self._busy = 0
        window.cancel_button.clicked.connect(self._on_cancel_button_clicked)
        window.index_label.setText(self.tr("Index: not built"))

    # ------------------------------------------------------------ reading the archive

    def load_archive(self, root: Path) -> None:
        """Ingest `root` in the background; the tree fills when it is done."""
        window = self._window
        for job in (self._ingest_job, self._index_job):
            if job is not None:
                job.cancel()
        window.archive_root = Path(root)
        window.archive_label.setText(self.tr("Reading %1…").replace("%1", window.archive_root.name))
        max_bytes = window.settings.max_file_bytes
        root_path = window.archive_root

        def work(progress: Callable[[int, int, str], None], cancelled: Callable[[], bool]) -> Archive:
            return ingest_archive(root_path, max_file_bytes=max_bytes, progress=progress, cancelled=cancelled)

        self._begin_busy(self.tr("Reading the archive"))
        job = window.jobs.create("ingest", work)
        self._ingest_job = job
        window.jobs.start_job(
            job,
            succeeded=functools.partial(self._on_ingest_succeeded, job),
            failed=functools.partial(self._on_ingest_failed, job),
            progressed=functools.partial(self._on_job_progressed, job),
        )

    def _on_ingest_succeeded(self, job: Job, archive: Archive) -> None:
        self._end_busy()
        if job is not self._ingest_job:
            return  # replaced by a newer reading
        self._ingest_job = None
        self.archive = archive
        self._update_archive_label()
        self.archive_loaded.emit(archive)
        self.start_indexing()

    def _on_ingest_failed(self, job: Job, error: Exception) -> None:
        self._end_busy()
        if job is not self._ingest_job:
            return
        self._ingest_job = None
        label = self._window.archive_label
        if isinstance(error, Cancelled):
            label.setText(self.tr("Reading cancelled"))
            return
        label.setText(self.tr("Archive not loaded"))
        QMessageBox.warning(self._window, self.tr("Cannot read the archive"), str(error))

    def _update_archive_label(self) -> None:
        archive = self.archive
        if archive is None:
            return
        label = self._window.archive_label
        label.setText(
            self.tr("%1 documents · %2 MB")
            .replace("%1", str(len(archive.documents)))
            .replace("%2", f"{archive.size_bytes / 1e6:.1f}")
        )
        label.setToolTip(str(archive.root))
        button = self._window.problems_button
        button.setVisible(bool(archive.problems))
        button.setText(self.tr("⚠ %n file(s) not read", "", len(archive.problems)))
        button.setToolTip(self.tr("Show the files that could not be read, and why"))

    def show_problems(self) -> None:
        """The ingest report: each file that could not be read, with the reason."""
        from viewer.gui.dialogs.ingest_report import IngestReportDialog

        if self.archive is not None:
            IngestReportDialog(str(self.archive.root), self.archive.problems, self._window).exec()

    # ------------------------------------------------------------ the search index

    def start_indexing(self, *, rebuild: bool = False) -> None:
        """Bring the search index up to date in the background; searches wait for it."""
        window = self._window
        if self.archive is None:
            return
        if self._index_job is not None:
            self._index_job.cancel()
        self.close_index()
        archive = self.archive
        index_dir = window.paths.index_dir(archive.root)
        max_bytes = window.settings.max_file_bytes

        def work(progress: Callable[[int, int, str], None], cancelled: Callable[[], bool]) -> Any:
            return update_index(
                index_dir,
                archive,
                progress=progress,
                cancelled=cancelled,
                rebuild=rebuild,
                max_file_bytes=max_bytes,
            )

        window.index_label.setText(self.tr("Index: updating…"))
        self._begin_busy(self.tr("Indexing"))
        job = window.jobs.create("index", work)
        self._index_job = job
        window.jobs.start_job(
            job,
            succeeded=functools.partial(self._on_index_succeeded, job),
            failed=functools.partial(self._on_index_failed, job),
            progressed=functools.partial(self._on_job_progressed, job),
        )

    def rebuild_index(self) -> None:
        self.start_indexing(rebuild=True)

    def is_working(self) -> bool:
        """Whether reading or indexing is under way (a search then waits for the index)."""
        return self._index_job is not None or self._ingest_job is not None

    def close_index(self) -> None:
        if self.search_index is not None:
            self.search_index.close()
            self.search_index = None

    def _on_index_succeeded(self, job: Job, index: Any) -> None:
        self._end_busy()
        if job is not self._index_job:
            index.close()  # a superseded job's index (maybe of the previous archive): never installed
            return
        self._index_job = None
        self.search_index = index
        self._window.index_label.setText(self.tr("Index: ready"))
        self.index_ready.emit(index)

    def _on_index_failed(self, job: Job, error: Exception) -> None:
        self._end_busy()
        if job is not self._index_job:
            return
        self._index_job = None
        label = self._window.index_label
        if isinstance(error, Cancelled):
            label.setText(self.tr("Index: update cancelled"))
        else:
            label.setText(self.tr("Index: failed"))
            label.setToolTip(str(error))
            self._window.statusBar().showMessage(
                self.tr("Indexing failed: %1").replace("%1", str(error)), 10_000
            )

    # ------------------------------------------------------------ progress and cancel

    def _begin_busy(self, label: str) -> None:
        self._busy += 1
        progress = self._window.progress
        progress.setFormat(f"{label} %p%")
        progress.setRange(0, 0)
        progress.show()
        self._window.cancel_button.show()

    def _end_busy(self) -> None:
        self._busy = max(0, self._busy - 1)
        if self._busy == 0:
            self._window.progress.hide()
            self._window.cancel_button.hide()

    def _on_job_progressed(self, job: Job, done: int, total: int, _message: str) -> None:
        if job in (self._ingest_job, self._index_job) and total > 0:
            self._window.progress.setRange(0, total)
            self._window.progress.setValue(min(done, total))

    def _on_cancel_button_clicked(self) -> None:
        self._window.jobs.cancel_all()

    def is_busy(self) -> bool:
        return self._busy > 0

    # ------------------------------------------------------------ other folders and files

    def choose_archive_folder(self) -> None:
        window = self._window
        folder = QFileDialog.getExistingDirectory(
            window, self.tr("Open archive folder"), str(window.archive_root)
        )
        if folder:
            self.open_archive_folder(Path(folder))

    def open_archive_folder(self, folder: Path) -> None:
        self._window.settings.last_archive = str(folder)
        self.load_archive(folder)

    def choose_files_to_add(self) -> None:
        files, _ = QFileDialog.getOpenFileNames(
            self._window, self.tr("Add files to the archive"), "", self.tr("Text files (*.txt *.md)")
        )
        if files:
            self.add_files([Path(f) for f in files])

    def add_files(self, files: list[Path]) -> None:
        """Copy text files into the archive folder (a user copy when the archive is the bundled one)."""
        window = self._window
        files = [f for f in files if f.is_file() and f.suffix.lower() in TEXT_SUFFIXES]
        if not files:
            window.statusBar().showMessage(self.tr("Only .txt and .md files can be added."), 6000)
            return
        target = window.archive_root
        if target.resolve() == bundled_archive().resolve() or not os.access(target, os.W_OK):
            target = window.paths.ensure().root / "archive"
            if not target.exists():
                shutil.copytree(window.archive_root, target)
        for source in files:
            destination = target / source.name
            n = 1
            while destination.exists():
                destination = target / f"{source.stem}-{n}{source.suffix}"
                n += 1
            shutil.copy2(source, destination)
        window.settings.last_archive = str(target)
        window.statusBar().showMessage(self.tr("Added %n file(s).", "", len(files)), 6000)
        self.load_archive(target)

    def open_dropped(self, paths: list[Path]) -> None:
        """A folder dropped on the window opens as the archive; files are added to it."""
        folders = [p for p in paths if p.is_dir()]
        if len(folders) == 1 and len(paths) == 1:
            self.open_archive_folder(folders[0])
        else:
            self.add_files([p for p in paths if p.is_file()])
