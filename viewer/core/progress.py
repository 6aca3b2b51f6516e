"""The progress callback and cancel check that every long core operation takes (the GUI shows them)."""

from __future__ import annotations

from collections.abc import Callable

Progress = Callable[[int, int, str], None]  # (done, total, what is being worked on)
CancelCheck = Callable[[], bool]  # true once the user has asked to stop


def no_progress(done: int, total: int, message: str) -> None:
    """Report nothing: the default when no one is watching."""


def never() -> bool:
    """Never cancelled: the default cancel check."""
    return False
