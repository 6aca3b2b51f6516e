"""`search` after an update killed between reading the archive and indexing it (found by
tests/perf/attack.py: the catalogue had the new files, the index not, and search served stale hits)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from viewer import cli
from viewer.core.archive_update import refresh
from viewer.core.catalogue import Catalogue
from viewer.core.sync import sync_catalogue
from viewer.paths import DataPaths


def test_search_after_an_update_killed_before_indexing_is_exact(
    tmp_path: Path, seeds_dir: Path, data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    archive = tmp_path / "archive"
    shutil.copytree(seeds_dir, archive)
    index_dir = DataPaths(data_dir).index_dir(archive)
    refresh(archive, index_dir)
    (archive / "新文件.txt").write_text("新文件\n一段只在新文件里的话：杀死进程之后\n", encoding="utf-8")
    with Catalogue.open(index_dir, archive) as catalogue:  # what a kill after the reading leaves
        catalogue.set_finished(False)
        sync_catalogue(archive, catalogue)

    code = cli.main(["--archive", str(archive), "search", "杀死进程之后"])

    out = capsys.readouterr().out
    assert code == cli.EXIT_OK
    assert "1 hits in 1 documents" in out or "1 hit in 1 document" in out, out
