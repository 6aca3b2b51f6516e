"""Errors the core raises for the GUI and CLI to show as plain messages, never tracebacks.

A message the user may read is made with `message(template, **fields)`: its text is the English the
CLI prints, and it keeps the template and the fields, so the GUI translates it in one place
(viewer/gui/i18n.py: `core_text`) without the core importing Qt. Tests collect every `message(...)`
template of the core and require a Chinese translation for each.
"""

from __future__ import annotations

from typing import Any


class Message(str):
    """English text (as the CLI shows it) that keeps its template and fields for the GUI's translation."""

    template: str
    fields: dict[str, Any]

    def __new__(cls, template: str, fields: dict[str, Any]) -> Message:
        self = super().__new__(cls, template.format(**fields))
        self.template = template
        self.fields = fields
        return self

    def __reduce__(self) -> tuple[Any, ...]:
        return (Message, (self.template, self.fields))  # survives a process boundary (pickle)


LIST_SEPARATOR = " | "  # between the messages of a list given as one field (the GUI translates each)


def message(template: str, **fields: Any) -> Message:
    """A user-visible core message: `template` is English with {name} fields, filled from `fields`.

    The template must be a string literal at the call, so the tests can find and check it.
    """
    return Message(template, fields)


class ViewerError(Exception):
    """A failure the user can understand and act on; its message is shown as is."""

    @property
    def message(self) -> str:
        """The message given (a Message when the GUI can translate it), or the error's text."""
        return self.args[0] if self.args and isinstance(self.args[0], str) else str(self)


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
