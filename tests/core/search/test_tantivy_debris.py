"""An update killed before its commit leaves files no commit refers to; the next update must not
trip over them (found by tests/perf/attack.py: FileAlreadyExists on a .del file after a kill)."""

from __future__ import annotations

import shutil
from pathlib import Path

from viewer.core.archive_update import open_archive, refresh


def _tantivy_files(index_dir: Path) -> set[str]:
    (folder,) = [p for p in index_dir.rglob("tantivy") if p.is_dir() and (p / "meta.json").exists()]
    return {p.name for p in folder.iterdir()}


def _hits(archive: Path, index_dir: Path, query: str) -> int:
    from viewer.core.search import SearchIndex

    opened = open_archive(archive, index_dir)
    try:
        with SearchIndex.open(index_dir, opened.catalogue) as index:
            return index.search(query).total_hits
    finally:
        opened.catalogue.close()


def test_files_left_by_an_update_that_never_committed_do_not_stop_the_next(
    tmp_path: Path, seeds_dir: Path
) -> None:
    archive = tmp_path / "archive"
    shutil.copytree(seeds_dir, archive)
    index_dir = tmp_path / "index"
    refresh(archive, index_dir)
    twin = tmp_path / "twin"
    shutil.copytree(index_dir, twin)  # the same index: the same update picks the same file names
    before = _tantivy_files(index_dir)
    edited = sorted(archive.glob("*.txt"))[0]
    edited.write_text(edited.read_text(encoding="utf-8") + "\n新增一段：测试残留文件\n", encoding="utf-8")

    refresh(archive, index_dir)
    written = {name for name in _tantivy_files(index_dir) - before if name.endswith(".del")}
    assert written, "the update was expected to write a delete set for an existing segment"
    tantivy_dir = next(p for p in twin.rglob("tantivy") if (p / "meta.json").exists())
    for name in written:  # what a writer killed before its commit leaves behind
        (tantivy_dir / name).write_bytes(b"debris of a killed update")

    refresh(archive, twin)

    assert _hits(archive, twin, "测试残留文件") == _hits(archive, index_dir, "测试残留文件") == 1
