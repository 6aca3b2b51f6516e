"""The archive-viewer command: a subcommand runs headless (cli.py), none opens the window (app.py)."""

from __future__ import annotations

from collections.abc import Sequence

from viewer.cli import Context
from viewer.cli import main as cli_main


def _run_window(ctx: Context) -> int:
    from viewer.app import run_gui  # Qt and the GUI only when the window is wanted

    return run_gui(ctx)


def main(argv: Sequence[str] | None = None) -> int:
    return cli_main(argv, run_window=_run_window)
