"""Opening the archive and keeping its catalogue and search index current, in the background.

Opening paints from what is stored: the catalogue's summaries fill the tree and the stored index
answers searches at once (the "open" job, a few catalogue reads). Then the "refresh" job stats the
folder and processes only what changed (in a child process when that is large: archive_update.py);
when it changed anything, the window reloads the tree and reopens the index. Each job runs on the
window's job pool (jobs.py); a newer job of the same kind supersedes an older one, whose late reports
are dropped.
"""

from __future__ import annotations

import functools
import logging
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QFileDialog, QMessageBox

from viewer.core.archive_update import RefreshStats, open_archive, refresh_auto
from viewer.core.catalogue import CatalogueArchive
from viewer.core.files import AddedFiles, add_files_to_archive
from viewer.errors import Cancelled, ViewerError
from viewer.gui.jobs import Job
from viewer.prebuilt import install_prebuilt_index

if TYPE_CHECKING:
    from viewer.gui.mainwindow import MainWindow

logger = logging.getLogger(__name__)


def open_stored(root: Path, index_dir: Path) -> CatalogueArchive:
    """The archive's catalogue as stored, its summaries read (runs in a job; reads little)."""
    install_prebuilt_index(index_dir, root)
    archive = open_archive(root, index_dir)
    archive.documents  # noqa: B018 (reads the summaries here, off the UI thread)
    return archive


def open_index(index_dir: Path, archive: CatalogueArchive, engine: str) -> Any:
    """The stored search index, every file checked (runs in a job, after the tree has painted)."""
    from viewer.core.search import SearchIndex  # imports the engine: in the job, not before the first paint

    return SearchIndex.open(index_dir, archive.catalogue, engine)


class ArchiveJobs(QObject):
    """Ingest and index jobs of the window's archive, with their progress and cancel in the status bar."""

    archive_loaded = Signal(object)  # CatalogueArchive, whenever its documents (may) have changed
    index_ready = Signal(object)  # the opened search index

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self._window = window
        self.archive: CatalogueArchive | None = None
        self.search_index: Any = None
        # The running jobs. A replaced job may still report (a cancel is only a request): its
        # callbacks carry the job and change nothing unless it is still the current one.
        self._open_job: Job | None = None
        self._refresh_job: Job | None = None
        self._busy = 0
        window.cancel_button.clicked.connect(self._on_cancel_button_clicked)
        window.index_label.setText(self.tr("Index: not built"))

    @property
    def engine(self) -> str:
        return self._window.settings.search_engine or "tantivy"

    # ------------------------------------------------------------ opening the archive

    def load_archive(self, root: Path) -> None:
        """Show what is stored of `root` at once, then bring it up to date in the background."""
        window = self._window
        for job in (self._open_job, self._refresh_job):
            if job is not None:
                job.cancel()
        self._refresh_job = None
        self.close_archive()
        window.archive_root = Path(root)
        window.archive_label.setText(self.tr("Reading %1…").replace("%1", window.archive_root.name))
        root_path = window.archive_root
        index_dir = window.paths.index_dir(root_path)

        def work(progress: Callable[[int, int, str], None], cancelled: Callable[[], bool]) -> Any:
            return open_stored(root_path, index_dir)

        job = window.jobs.create("open", work)
        self._open_job = job
        window.jobs.start_job(
            job,
            succeeded=functools.partial(self._on_open_succeeded, job),
            failed=functools.partial(self._on_open_failed, job),
        )

    def _on_open_succeeded(self, job: Job, archive: CatalogueArchive) -> None:
        if job is not self._open_job:
            archive.catalogue.close()
            return
        self._open_job = None
        self.archive = archive
        if archive.documents:
            self._update_archive_label()
            self.archive_loaded.emit(archive)
        window = self._window
        index_dir, engine = window.paths.index_dir(archive.root), self.engine

        def work(progress: Callable[[int, int, str], None], cancelled: Callable[[], bool]) -> Any:
            return open_index(index_dir, archive, engine)

        job = window.jobs.create("index", work)
        self._open_job = job  # opening is not over until the index is checked
        window.jobs.start_job(
            job,
            succeeded=functools.partial(self._on_index_opened, job),
            failed=functools.partial(self._on_index_open_failed, job),
        )

    def _on_index_opened(self, job: Job, index: Any) -> None:
        if job is not self._open_job:
            index.close()
            return
        self._open_job = None
        if index.ready:
            self._install_index(index)
        else:
            index.close()
            self._window.index_label.setText(self.tr("Index: updating…"))
        self.start_refresh()

    def _on_index_open_failed(self, job: Job, error: Exception) -> None:
        if job is not self._open_job:
            return
        self._open_job = None
        self._window.index_label.setText(self.tr("Index: updating…"))
        self.start_refresh()  # it builds the index anew

    def _on_open_failed(self, job: Job, error: Exception) -> None:
        if job is not self._open_job:
            return
        self._open_job = None
        self._window.archive_label.setText(self.tr("Archive not loaded"))
        QMessageBox.warning(self._window, self.tr("Cannot read the archive"), str(error))

    def close_archive(self) -> None:
        self.close_index()
        if self.archive is not None:
            self.archive.catalogue.close()
            self.archive = None

    # ------------------------------------------------------------ bringing it up to date

    def start_refresh(self, *, rebuild: bool = False) -> None:
        """Read what changed in the folder and update the index, in the background."""
        window = self._window
        if self.archive is None:
            return
        if self._refresh_job is not None:
            self._refresh_job.cancel()
        root = self.archive.root
        index_dir = window.paths.index_dir(root)
        max_bytes = window.settings.max_file_bytes
        engine = self.engine

        archive = self.archive
        had_index = self.search_index is not None

        def work(progress: Callable[[int, int, str], None], cancelled: Callable[[], bool]) -> Any:
            stats = refresh_auto(
                root,
                index_dir,
                engine=engine,
                max_file_bytes=max_bytes,
                rebuild=rebuild,
                progress=progress,
                cancelled=cancelled,
            )
            # What changed is read here, off the UI thread: the summaries and the index anew.
            if stats.catalogue.changed or not archive.documents:
                archive.reload()
                archive.documents  # noqa: B018 (loads the summaries in this thread)
            index = None
            if stats.changed or not had_index:
                from viewer.core.search import SearchIndex

                index = SearchIndex.open(index_dir, archive.catalogue, engine)
            return stats, index

        if rebuild or self.search_index is None:
            window.index_label.setText(self.tr("Index: updating…"))
        self._begin_busy(self.tr("Reading the archive"))
        job = window.jobs.create("refresh", work)
        self._refresh_job = job
        window.jobs.start_job(
            job,
            succeeded=functools.partial(self._on_refresh_succeeded, job),
            failed=functools.partial(self._on_refresh_failed, job),
            progressed=functools.partial(self._on_job_progressed, job),
        )

    def _on_refresh_succeeded(self, job: Job, result: tuple[RefreshStats, Any]) -> None:
        self._end_busy()
        stats, index = result
        if job is not self._refresh_job or self.archive is None:
            if index is not None:
                index.close()  # a superseded refresh's index: never installed
            return
        self._refresh_job = None
        self._update_archive_label()
        if stats.catalogue.changed or not self.archive.documents:  # (an empty folder: say so)
            self.archive_loaded.emit(self.archive)
        if index is None:
            return
        self.close_index()
        if index.ready:
            self._install_index(index)
        else:
            index.close()
            self._window.index_label.setText(self.tr("Index: failed"))
            self._window.index_label.setToolTip(index.problem)

    def _install_index(self, index: Any) -> None:
        self.search_index = index
        self._window.index_label.setText(self.tr("Index: ready"))
        self._window.index_label.setToolTip("")
        self.index_ready.emit(index)

    def _on_refresh_failed(self, job: Job, error: Exception) -> None:
        self._end_busy()
        if job is not self._refresh_job:
            return
        self._refresh_job = None
        label = self._window.index_label
        if isinstance(error, Cancelled):
            label.setText(
                self.tr("Index: update cancelled") if self.search_index is None else self.tr("Index: ready")
            )
            self._window.archive_label.setText(self._window.archive_label.text())
            return
        if self.archive is not None and not self.archive.documents:
            self._window.archive_label.setText(self.tr("Archive not loaded"))
        label.setText(self.tr("Index: failed") if self.search_index is None else self.tr("Index: ready"))
        label.setToolTip(str(error))
        self._window.statusBar().showMessage(self.tr("Updating failed: %1").replace("%1", str(error)), 10_000)

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
        """Bring the catalogue and the index up to date (the index built anew when `rebuild`)."""
        self.start_refresh(rebuild=rebuild)

    def rebuild_index(self) -> None:
        self.start_refresh(rebuild=True)

    def index_damaged(self, message: str) -> None:
        """A search met damage the checks confirmed: drop the index and rebuild it."""
        self.close_index()
        self._window.index_label.setText(self.tr("Index: rebuilding…"))
        self._window.statusBar().showMessage(message, 10_000)
        self.start_refresh(rebuild=True)

    def is_working(self) -> bool:
        """Whether opening or refreshing is under way (a search then waits for the index)."""
        return self._open_job is not None or (self._refresh_job is not None and self.search_index is None)

    def close_index(self) -> None:
        if self.search_index is not None:
            self.search_index.close()
            self.search_index = None

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
        if job is self._refresh_job and total > 0:
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
        """Copy files into the archive folder (a user copy when the archive is read-only or bundled)."""
        window = self._window
        try:
            added: AddedFiles = add_files_to_archive(
                files, window.archive_root, window.paths.ensure().root / "archive"
            )
        except (OSError, ViewerError) as exc:
            QMessageBox.warning(window, self.tr("Cannot add the files"), str(exc))
            return
        if not added.copied:
            window.statusBar().showMessage(self.tr("Only .txt and .md files can be added."), 6000)
            return
        window.settings.last_archive = str(added.archive)
        window.statusBar().showMessage(self.tr("Added %n file(s).", "", len(added.copied)), 6000)
        if added.archive != window.archive_root:
            self.load_archive(added.archive)
        else:
            self.start_refresh()

    def open_dropped(self, paths: list[Path]) -> None:
        """A folder dropped on the window opens as the archive; files are added to it."""
        folders = [p for p in paths if p.is_dir()]
        if len(folders) == 1 and len(paths) == 1:
            self.open_archive_folder(folders[0])
        else:
            self.add_files([p for p in paths if p.is_file()])
