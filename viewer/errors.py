"""Errors the core raises for the GUI and CLI to show as plain messages, never tracebacks."""

from __future__ import annotations


class ViewerError(Exception):
    """A failure the user can understand and act on; its message is shown as is."""


class UsageError(ViewerError):
    """The user asked for something that does not exist or makes no sense (CLI exit 2)."""


class DocumentNotFound(UsageError):
    """No document in the archive matches the given id or file name."""


class ArchiveNotFound(ViewerError):
    """The archive folder does not exist or is not a folder."""


class IndexCorrupt(ViewerError):
    """The index cannot be read; rebuild it."""


class QuerySyntaxError(UsageError):
    """The search query cannot be parsed; the message says where and why."""


class StoreCorrupt(ViewerError):
    """The excerpt store cannot be read; it was moved aside and a new one started."""


class ExportError(ViewerError):
    """An export could not be written; nothing half-written was left behind."""


class Cancelled(ViewerError):
    """The user cancelled a long operation; whatever was on disk before is still intact."""
