"""Opening the archive and keeping its catalogue and search index current, in the background.

Opening paints from what is stored: on the "reading" slot, the catalogue's summaries fill the tree,
then the stored index is opened (every file checked) and answers searches. Then the "indexing" slot's
refresh stats the folder and processes only what changed (in a child process when that is large:
archive_update.py); when it changed anything it hands the window a new archive object and index,
which replace the old ones in the ArchiveSession. A newer job on a slot supersedes the older one,
whose late reports are dropped and whose results are closed (jobs.py).
"""

from __future__ import annotations

import functools
import logging
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QFileDialog, QLabel, QProgressBar, QToolButton, QWidget

from viewer.core.archive_update import RefreshStats, open_archive, refresh_auto
from viewer.core.catalogue import CatalogueArchive
from viewer.core.files import ACCEPTED_SUFFIXES, AddedFiles, add_files_to_archive
from viewer.core.published import open_published
from viewer.core.search.engines import CLUSTER_ENGINE
from viewer.errors import Cancelled, ViewerError
from viewer.gui import plain
from viewer.gui.archive_session import ArchiveSession
from viewer.gui.i18n import core_text
from viewer.gui.jobs import JobRunner, JobSlot
from viewer.index_place import IndexPlaces
from viewer.paths import DataPaths
from viewer.prebuilt import install_prebuilt_index
from viewer.settings import Settings

if TYPE_CHECKING:
    from viewer.core.search import SearchIndex

logger = logging.getLogger(__name__)


def open_stored(root: Path, index_dir: Path, *, published: bool = False) -> CatalogueArchive:
    """The archive's catalogue as stored, its summaries read (runs in a job; reads little).

    `published`: searched on a cluster, so the catalogue published beside the archive is taken first."""
    if published:
        archive = open_published(root, index_dir)
    else:
        install_prebuilt_index(index_dir, root)
        archive = open_archive(root, index_dir)
    archive.documents  # noqa: B018 (reads the summaries here, off the UI thread)
    return archive


def open_index(
    index_dir: Path, archive: CatalogueArchive, engine: str, servers: list[tuple[str, int]] | None = None
) -> tuple[SearchIndex, str]:
    """The stored search index, every file checked (runs in a job, after the tree has painted); or the
    archive's index on a search cluster. With a note when the local index stands in for the cluster."""
    from viewer.core.search import SearchIndex  # imports the engine: in the job, not before the first paint
    from viewer.core.search.index import open_cluster_index

    if servers:
        return open_cluster_index(index_dir, archive.catalogue, servers, engine)
    return SearchIndex.open(index_dir, archive.catalogue, engine), ""


class RefreshResult(NamedTuple):
    """What a refresh hands the window: its figures, the archive read anew (None: unchanged), the index."""

    stats: RefreshStats
    archive: CatalogueArchive | None
    search_index: SearchIndex | None
    note: str = ""  # the local index stands in for a search cluster that does not answer


def _close_refresh_result(result: RefreshResult) -> None:
    """A superseded refresh's archive and index: never installed, so closed here."""
    if result.search_index is not None:
        result.search_index.close()
    if result.archive is not None:
        result.archive.catalogue.close()


@dataclass(frozen=True)
class StatusParts:
    """The status bar's archive widgets, which the jobs keep current (the window lays them out)."""

    archive_label: QLabel
    index_label: QLabel
    progress: QProgressBar
    cancel_button: QToolButton
    problems_button: QToolButton
    show_message: Callable[[str, int], None]


class ArchiveJobs(QObject):
    """Reading the archive and keeping its index current: two job slots, their progress and Cancel."""

    index_unavailable = Signal(str)  # no index will come (indexing failed or was cancelled): why

    def __init__(
        self,
        runner: JobRunner,
        session: ArchiveSession,
        paths: DataPaths,
        settings: Settings,
        status: StatusParts,
        dialog_parent: QWidget,
        places: IndexPlaces | None = None,
        servers: str | None = None,
    ) -> None:
        super().__init__(dialog_parent)
        self._session = session
        self._servers_given = servers  # --server: for the archive opened at start, this session only
        self._first_root: Path | None = None
        self._paths = paths
        # Each archive's index folder, or a temporary one (said in the status bar) when it cannot be used.
        self._places = places or IndexPlaces(paths, warn=self._on_index_place_warning)
        self._settings = settings
        self._status = status
        self._dialog_parent = dialog_parent
        self._reading = JobSlot(runner, "reading", self)  # summaries, then the stored index
        self._indexing = JobSlot(runner, "indexing", self)  # the refresh (and rebuilds)
        self._closed = False  # the window is closing: no new job
        status.cancel_button.clicked.connect(self._on_cancel_button_clicked)
        status.problems_button.clicked.connect(self.show_problems)
        status.index_label.setText(self.tr("Index: not built"))

    def _on_index_place_warning(self, text: str) -> None:
        logger.warning("%s", text)
        self._status.show_message(core_text(text), 0)

    @property
    def engine(self) -> str:
        return self._settings.search_engine or "tantivy"

    @property
    def archive(self) -> CatalogueArchive | None:
        return self._session.archive

    def servers_text(self, root: Path) -> str:
        """The search cluster `root` is searched on ("" for its local index): --server for the
        archive opened at start, else the one remembered for it in the settings (Preferences)."""
        if self._servers_given is not None and (self._first_root is None or root == self._first_root):
            return self._servers_given
        return self._settings.servers_for(root)

    def set_servers(self, root: Path, text: str) -> None:
        """Remember the search cluster for `root` ("" : its local index), replacing --server."""
        if root == self._first_root:
            self._servers_given = None
        self._settings.remember_servers(root, text)

    def servers(self, root: Path) -> list[tuple[str, int]] | None:
        text = self.servers_text(root)
        if not text:
            return None
        from viewer.core.search.sphinxql_backend import parse_servers

        try:
            return parse_servers(text)
        except ViewerError as exc:
            self._status.show_message(core_text(exc), 0)
            return None

    # ------------------------------------------------------------ opening the archive

    def load_archive(self, root: Path) -> None:
        """Show what is stored of `root` at once, then bring it up to date in the background."""
        if self._closed:
            return
        self._reading.cancel()
        self._end_indexing()
        self._session.set_root(root)
        root_path = self._session.root
        if self._first_root is None:
            self._first_root = root_path
        published = self.servers(root_path) is not None
        self._status.archive_label.setText(self.tr("Reading %1…").replace("%1", root_path.name))
        try:
            index_dir = self._places.directory(root_path)
        except ViewerError as exc:  # neither its folder nor a temporary one can hold the index
            self._on_open_failed(exc)
            return

        def work(progress: Callable[[int, int, str], None], cancelled: Callable[[], bool]) -> Any:
            return open_stored(root_path, index_dir, published=published)

        self._reading.start(
            work,
            succeeded=self._on_open_succeeded,
            failed=self._on_open_failed,
            discarded=lambda archive: archive.catalogue.close(),
            label="open",
        )

    def _on_open_succeeded(self, archive: CatalogueArchive) -> None:
        # An empty or new catalogue is held, and shown once the refresh has read the folder.
        self._session.set_archive(archive, announce=bool(archive.documents))
        if archive.documents:
            self._update_archive_label()
        index_dir, engine = self._places.directory(archive.root), self.engine
        servers = self.servers(archive.root)

        def work(progress: Callable[[int, int, str], None], cancelled: Callable[[], bool]) -> Any:
            return open_index(index_dir, archive, engine, servers)

        # Opening is not over until the index is checked: the same slot.
        self._reading.start(
            work,
            succeeded=functools.partial(self._on_index_opened, archive),
            failed=functools.partial(self._on_index_open_failed, archive),
            discarded=lambda opened: opened[0].close(),
            label="index",
        )

    def _on_index_opened(self, archive: CatalogueArchive, opened: tuple[SearchIndex, str]) -> None:
        index, note = opened
        if note:
            self._status.show_message(core_text(note), 0)
        if index.ready:
            self._install_index(index)
            if index.engine == CLUSTER_ENGINE and archive.documents:
                return  # what was published is searched: nothing here to read or index
        else:
            index.close()
            self._status.index_label.setText(self.tr("Index: updating…"))
        self.start_refresh(archive=archive)

    def _on_index_open_failed(self, archive: CatalogueArchive, error: Exception) -> None:
        self._status.index_label.setText(self.tr("Index: updating…"))
        self.start_refresh(archive=archive)  # it builds the index anew

    def _on_open_failed(self, error: Exception) -> None:
        self._status.archive_label.setText(self.tr("Archive not loaded"))
        plain.warn(self._dialog_parent, self.tr("Cannot read the archive"), core_text(error))

    def close_archive(self) -> None:
        """Stop every job of the archive and close it (on quit); no job starts after this."""
        self._closed = True
        self._reading.cancel()
        self._end_indexing()
        self._session.close()

    # ------------------------------------------------------------ bringing it up to date

    def start_refresh(self, *, rebuild: bool = False, archive: CatalogueArchive | None = None) -> None:
        """Read what changed in the folder and update the index, in the background."""
        archive = archive or self._session.archive
        if archive is None or self._closed:
            return
        root = archive.root
        index_dir = self._places.directory(root)
        max_bytes = self._settings.max_file_bytes
        engine = self.engine
        had_index = self._session.index is not None and not rebuild
        had_documents = bool(archive.documents)
        servers = self.servers(root)

        def work(progress: Callable[[int, int, str], None], cancelled: Callable[[], bool]) -> Any:
            if servers:  # searched on a cluster: what was published beside the archive, nothing read here
                cluster_index, note = open_index(index_dir, archive, engine, servers)
                return RefreshResult(RefreshStats(), None, cluster_index, note)
            stats = refresh_auto(
                root,
                index_dir,
                engine=engine,
                max_file_bytes=max_bytes,
                rebuild=rebuild,
                progress=progress,
                cancelled=cancelled,
            )
            # What changed is read here, off the UI thread, into new objects: the window keeps
            # reading the archive it shows until these replace it.
            fresh = None
            if stats.catalogue.changed or not had_documents:
                fresh = open_archive(root, index_dir)
                fresh.documents  # noqa: B018 (loads the summaries in this thread)
            index = None
            if fresh is not None or stats.changed or not had_index:
                from viewer.core.search import SearchIndex

                index = SearchIndex.open(index_dir, (fresh or archive).catalogue, engine)
            return RefreshResult(stats, fresh, index)

        if rebuild or self._session.index is None:
            self._status.index_label.setText(self.tr("Index: updating…"))
        if not self._indexing.busy():
            self._begin_busy(self.tr("Reading the archive"))
        self._indexing.start(
            work,
            succeeded=self._on_refresh_succeeded,
            failed=self._on_refresh_failed,
            progressed=self._on_job_progressed,
            discarded=_close_refresh_result,
            label="refresh",
        )

    def _on_refresh_succeeded(self, result: RefreshResult) -> None:
        self._end_busy()
        if result.note:
            self._status.show_message(core_text(result.note), 0)
        index = result.search_index
        if index is not None and not index.ready:
            index.close()
            index = None
            self._session.set_index(None)
            problem = core_text(result.search_index.problem)  # type: ignore[union-attr]
            self._status.index_label.setText(self.tr("Index: failed"))
            self._status.index_label.setToolTip(plain.tooltip(problem))
            if self.servers(self._session.root):  # nothing is built here: say what the server answered
                self.index_unavailable.emit(self.tr("Search is not available: %1").replace("%1", problem))
            else:
                self.index_unavailable.emit(self.tr("Search is not available: the index could not be built."))
        elif index is not None:
            self._install_index(index)  # before the archive: the old index reads the old catalogue
        if result.archive is not None:
            self._session.set_archive(result.archive)  # (an empty folder too: the window says so)
        self._update_archive_label()

    def _install_index(self, index: SearchIndex) -> None:
        if index.engine == CLUSTER_ENGINE:
            root = self._session.root
            self._status.index_label.setText(self.tr("Index: on a search server"))
            self._status.index_label.setToolTip(plain.tooltip(self.servers_text(root)))
        else:
            self._status.index_label.setText(self.tr("Index: ready"))
            self._status.index_label.setToolTip("")
        self._session.set_index(index)

    def _on_refresh_failed(self, error: Exception) -> None:
        self._end_busy()
        label = self._status.index_label
        has_index = self._session.index is not None
        if isinstance(error, Cancelled):
            label.setText(self.tr("Index: ready") if has_index else self.tr("Index: update cancelled"))
            if not has_index:
                self.index_unavailable.emit(
                    self.tr("The index was not built (cancelled): search is not available.")
                )
            return
        archive = self._session.archive
        if archive is None or not archive.documents:
            self._status.archive_label.setText(self.tr("Archive not loaded"))
        label.setText(self.tr("Index: ready") if has_index else self.tr("Index: failed"))
        label.setToolTip(plain.tooltip(core_text(error)))
        if self.servers(self._session.root):  # the search server: nothing here was updated
            self._status.show_message(core_text(error), 0)
            if not has_index:
                self.index_unavailable.emit(
                    self.tr("Search is not available: %1").replace("%1", core_text(error))
                )
            return
        self._status.show_message(self.tr("Updating failed: %1").replace("%1", core_text(error)), 10_000)
        if not has_index:
            self.index_unavailable.emit(self.tr("Search is not available: the index could not be built."))

    def _update_archive_label(self) -> None:
        archive = self._session.archive
        if archive is None:
            return
        label = self._status.archive_label
        label.setText(
            self.tr("%1 documents · %2 MB")
            .replace("%1", str(len(archive.documents)))
            .replace("%2", f"{archive.size_bytes / 1e6:.1f}")
        )
        label.setToolTip(plain.tooltip(str(archive.root)))
        button = self._status.problems_button
        button.setVisible(bool(archive.problems))
        button.setText(self.tr("⚠ %n file(s) not read", "", len(archive.problems)))
        button.setToolTip(self.tr("Show the files that could not be read, and why"))

    def show_problems(self) -> None:
        """The ingest report: each file that could not be read, with the reason."""
        from viewer.gui.dialogs.ingest_report import IngestReportDialog

        archive = self._session.archive
        if archive is not None:
            IngestReportDialog(str(archive.root), archive.problems, self._dialog_parent).exec()

    # ------------------------------------------------------------ the search index

    def rebuild_index(self) -> None:
        self.start_refresh(rebuild=True)

    def index_damaged(self, message: str) -> None:
        """A search met damage the checks confirmed: drop the index and rebuild it."""
        self._session.set_index(None)
        self._status.index_label.setText(self.tr("Index: rebuilding…"))
        self._status.show_message(message, 10_000)
        self.start_refresh(rebuild=True)

    def is_working(self) -> bool:
        """Whether reading or indexing is under way (a search then waits for the index)."""
        return self._reading.busy() or self._indexing.busy()

    def is_busy(self) -> bool:
        return self._indexing.busy()

    # ------------------------------------------------------------ progress and cancel

    def _begin_busy(self, label: str) -> None:
        progress = self._status.progress
        progress.setFormat(f"{label} %p%")
        progress.setRange(0, 0)
        progress.show()
        self._status.cancel_button.show()

    def _end_busy(self) -> None:
        self._status.progress.hide()
        self._status.cancel_button.hide()

    def _end_indexing(self) -> None:
        if self._indexing.busy():
            self._indexing.cancel()
            self._end_busy()

    def _on_job_progressed(self, done: int, total: int, _message: str) -> None:
        if total > 0:
            self._status.progress.setRange(0, total)
            self._status.progress.setValue(min(done, total))

    def _on_cancel_button_clicked(self) -> None:
        """Cancel stops the update; a cancelled refresh still reports (the index stays as it was)."""
        job = self._indexing.current()
        if job is not None:
            job.cancel()

    # ------------------------------------------------------------ other folders and files

    def choose_archive_folder(self) -> None:
        folder = QFileDialog.getExistingDirectory(
            self._dialog_parent, self.tr("Open archive folder"), str(self._session.root)
        )
        if folder:
            self.open_archive_folder(Path(folder))

    def open_archive_folder(self, folder: Path) -> None:
        self._settings.last_archive = str(folder)
        self._settings.remember_archive(str(folder))
        self.load_archive(folder)

    def choose_files_to_add(self) -> None:
        patterns = " ".join(f"*{suffix}" for suffix in sorted(ACCEPTED_SUFFIXES))
        filters = ";;".join(
            (
                self.tr("Documents (%1)").replace("%1", patterns),
                self.tr("Text files (*.txt *.md)"),
                self.tr("Web pages (*.html *.htm *.mhtml *.mht)"),
                self.tr("PDF (*.pdf)"),
                self.tr("Word documents (*.docx)"),
                self.tr("E-books (*.epub)"),
            )
        )
        files, _ = QFileDialog.getOpenFileNames(
            self._dialog_parent, self.tr("Add files to the archive"), "", filters
        )
        if files:
            self.add_files([Path(f) for f in files])

    def add_files(self, files: list[Path]) -> None:
        """Copy files into the archive folder (a user copy when the archive is read-only or bundled)."""
        root = self._session.root
        try:
            added: AddedFiles = add_files_to_archive(files, root, self._paths.ensure().root / "archive")
        except (OSError, ViewerError) as exc:
            plain.warn(self._dialog_parent, self.tr("Cannot add the files"), core_text(exc))
            return
        if not added.copied:
            self._status.show_message(
                self.tr("Only text files, web pages, PDF, DOCX and EPUB files can be added."), 6000
            )
            return
        self._settings.last_archive = str(added.archive)
        self._status.show_message(self.tr("Added %n file(s).", "", len(added.copied)), 6000)
        if added.archive != root:
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
