"""An archive on a read-only mount (issue 11 item 9): read, indexed and searched, never written to;
added files go to the user's copy. Needs root and mount(8); skipped where a bind mount is refused."""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.mounts import read_only_view

REPO = Path(__file__).resolve().parents[2]


def _tree_digest(root: Path) -> dict[str, str]:
    return {
        str(p.relative_to(root)): hashlib.sha256(p.read_bytes()).hexdigest() if p.is_file() else "dir"
        for p in sorted(root.rglob("*"))
    }


@pytest.fixture
def read_only_archive(tmp_path: Path, seeds_dir: Path) -> Iterator[Path]:
    """The seeds, bind-mounted read-only at a folder of their own."""
    shutil.copytree(seeds_dir, tmp_path / "source")
    with read_only_view(tmp_path / "source", tmp_path / "mounted") as mounted:
        yield mounted


def test_a_read_only_archive_is_read_searched_and_never_written(
    read_only_archive: Path, tmp_path: Path
) -> None:
    before = _tree_digest(read_only_archive)
    data = tmp_path / "data"
    env = {**os.environ, "ARCHIVE_VIEWER_HOME": str(data)}
    done = subprocess.run(
        [sys.executable, "-m", "viewer", "--archive", str(read_only_archive), "search", "区域合作"],
        capture_output=True,
        text=True,
        env=env,
        cwd=REPO,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr
    assert "6 hits in 3 documents" in done.stdout
    assert done.stderr == ""
    assert _tree_digest(read_only_archive) == before


def test_files_added_to_a_read_only_archive_go_to_the_users_copy(
    read_only_archive: Path, tmp_path: Path
) -> None:
    from viewer.core.files import add_files_to_archive

    before = _tree_digest(read_only_archive)
    new = tmp_path / "新文件.txt"
    new.write_text("新添的文件：区域合作\n", encoding="utf-8")

    added = add_files_to_archive([new], read_only_archive, tmp_path / "copy")

    assert added.archive == tmp_path / "copy"
    assert (tmp_path / "copy" / "新文件.txt").read_text(encoding="utf-8") == "新添的文件：区域合作\n"
    assert _tree_digest(tmp_path / "copy") == {**before, "新文件.txt": added_digest(new)}
    assert _tree_digest(read_only_archive) == before


def added_digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()
