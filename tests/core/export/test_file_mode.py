"""Exported files get the permissions any new file gets under the user's umask, not mkstemp's 0600."""

from __future__ import annotations

import os
import stat
from collections.abc import Iterator
from pathlib import Path

import pytest

from viewer.core.atomic import atomic_write_bytes, atomic_write_text
from viewer.core.excerpts import ExcerptStore
from viewer.core.export import ExportOptions, write_export

pytestmark = pytest.mark.skipif(os.name != "posix", reason="POSIX permissions")


@pytest.fixture(params=[0o022, 0o077, 0o002])
def umask(request: pytest.FixtureRequest) -> Iterator[int]:
    old = os.umask(request.param)
    try:
        yield request.param
    finally:
        os.umask(old)


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def _plain_file_mode(folder: Path) -> int:
    """What open(..., "w") gives a new file under the current umask: the brute-force answer."""
    probe = folder / "probe.txt"
    probe.write_text("x")
    try:
        return _mode(probe)
    finally:
        probe.unlink()


@pytest.mark.parametrize("fmt", ["md", "txt", "html", "docx", "csv", "ris"])
def test_new_export_gets_the_umask_mode(
    umask: int, seed_store: ExcerptStore, tmp_path: Path, fmt: str
) -> None:
    target = tmp_path / f"out.{fmt}"
    write_export(target, fmt, seed_store.list(), ExportOptions())
    assert _mode(target) == 0o666 & ~umask == _plain_file_mode(tmp_path)


def test_pdf_export_gets_the_umask_mode(umask: int, qapp, seed_store: ExcerptStore, tmp_path: Path) -> None:
    from viewer.render.pdf import export

    target = tmp_path / "out.pdf"
    export(target, "pdf", seed_store.list()[:1], ExportOptions())
    assert _mode(target) == 0o666 & ~umask


@pytest.mark.parametrize("existing", [0o600, 0o640, 0o664, 0o444])
def test_replacing_a_file_keeps_its_mode(umask: int, tmp_path: Path, existing: int) -> None:
    target = tmp_path / "notes.txt"
    target.write_text("old")
    target.chmod(existing)
    atomic_write_text(target, "new")
    assert target.read_text() == "new"
    assert _mode(target) == existing


def test_atomic_write_leaves_no_temp_file(umask: int, tmp_path: Path) -> None:
    atomic_write_bytes(tmp_path / "a.bin", b"1")
    atomic_write_bytes(tmp_path / "a.bin", b"22")
    assert [p.name for p in tmp_path.iterdir()] == ["a.bin"]
    assert (tmp_path / "a.bin").read_bytes() == b"22"


def test_failed_write_removes_its_temp_file_and_keeps_the_old(umask: int, tmp_path: Path) -> None:
    from viewer.core.atomic import atomic_open

    target = tmp_path / "keep.txt"
    target.write_text("old")
    with pytest.raises(RuntimeError), atomic_open(target, "w") as handle:
        handle.write("half")
        raise RuntimeError("crash")
    assert target.read_text() == "old"
    assert [p.name for p in tmp_path.iterdir()] == ["keep.txt"]
