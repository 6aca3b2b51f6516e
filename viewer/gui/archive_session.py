"""The window's shared state in one object: the archive, its search index and the open document.

Controllers and widgets never reach into the window for these: they hold the session and follow its
signals. It owns what it holds: replacing the archive or the index closes the old one.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal

from viewer.core.catalogue import CatalogueArchive
from viewer.core.documents import Document

if TYPE_CHECKING:
    from viewer.core.search import SearchIndex


class ArchiveSession(QObject):
    """What is open: changes are signalled, so every part of the window stays in step."""

    archive_changed = Signal(object)  # CatalogueArchive | None: a new archive, or its documents changed
    index_changed = Signal(object)  # SearchIndex | None: an index became ready, or went away
    document_changed = Signal(object)  # Document | None: the document the reader shows
    root_changed = Signal(object)  # Path: another archive folder is being opened

    def __init__(self, root: Path, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._root = Path(root)
        self._archive: CatalogueArchive | None = None
        self._index: SearchIndex | None = None
        self._document: Document | None = None

    @property
    def root(self) -> Path:
        """The archive folder being shown (set before its catalogue has been read)."""
        return self._root

    @property
    def archive(self) -> CatalogueArchive | None:
        return self._archive

    @property
    def index(self) -> SearchIndex | None:
        return self._index

    @property
    def document(self) -> Document | None:
        return self._document

    def set_root(self, root: Path) -> None:
        """Another folder: the archive and index of the old one are closed (the document stays shown until replaced)."""
        self.close()
        self._root = Path(root)
        self.root_changed.emit(self._root)

    def set_archive(self, archive: CatalogueArchive, *, announce: bool = True) -> None:
        """The archive's catalogue was read (or re-read): its summaries are current.

        `announce=False` holds a catalogue not read yet (a new folder) without showing it."""
        if self._archive is not None and self._archive is not archive:
            self._archive.catalogue.close()
        self._archive = archive
        if announce:
            self.archive_changed.emit(archive)

    def set_index(self, index: SearchIndex | None) -> None:
        """Install a ready index (or none); the one it replaces is closed."""
        old, self._index = self._index, index
        if old is not None and old is not index:
            old.close()
        if old is not index:
            self.index_changed.emit(index)

    def set_document(self, document: Document | None) -> None:
        self._document = document
        self.document_changed.emit(document)

    def close(self) -> None:
        """Close the index and the catalogue (on quit, or before another archive is read)."""
        self.set_index(None)
        if self._archive is not None:
            self._archive.catalogue.close()
            self._archive = None
