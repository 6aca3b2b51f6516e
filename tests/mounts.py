"""Read-only bind mounts for tests of archives and data folders that cannot be written (root only)."""

from __future__ import annotations

import contextlib
import os
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest


@contextlib.contextmanager
def read_only_view(source: Path, mount_point: Path) -> Iterator[Path]:
    """`source` bind-mounted read-only at `mount_point`; the test is skipped where that is refused."""
    if shutil.which("mount") is None or not hasattr(os, "geteuid") or os.geteuid() != 0:
        pytest.skip("a read-only bind mount needs root and mount(8)")
    mount_point.mkdir(parents=True, exist_ok=True)
    done = subprocess.run(
        ["mount", "--bind", "-o", "ro", str(source), str(mount_point)], capture_output=True, text=True
    )
    if done.returncode != 0:
        pytest.skip(f"bind mount refused here: {done.stderr.strip()}")
    try:
        with pytest.raises(OSError):  # even root cannot write there
            (mount_point / ".probe").write_text("x")
        yield mount_point
    finally:
        subprocess.run(["umount", "--lazy", str(mount_point)], check=False)  # even while a file is open
