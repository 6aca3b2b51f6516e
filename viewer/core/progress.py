"""The progress callback and cancel check that every long core operation takes (the GUI shows them)."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Iterable
from typing import Any

Progress = Callable[[int, int, str], None]  # (done, total, what is being worked on)
CancelCheck = Callable[[], bool]  # true once the user has asked to stop


def no_progress(done: int, total: int, message: str) -> None:
    """Report nothing: the default when no one is watching."""


def never() -> bool:
    """Never cancelled: the default cancel check."""
    return False


def stats_json(stats: Any, leave_out: Iterable[str] = ()) -> dict[str, Any]:
    """What a long operation did (a dataclass of counts and seconds), as the CLI's --json prints it."""
    skip = set(leave_out)
    data = {f.name: getattr(stats, f.name) for f in dataclasses.fields(stats) if f.name not in skip}
    data["seconds"] = round(data["seconds"], 3)
    return data
