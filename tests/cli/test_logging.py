"""Handled conditions give one line on stderr; details go to a rotated log file in the data directory
(issue 11 item 1). The damage and permission cases run the real command in a child process."""

from __future__ import annotations

import logging
import os
import shutil
import subprocess
import sys
import tempfile
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from viewer import cli
from viewer.index_place import IndexPlaces, unusable_reason
from viewer.logs import LOG_BACKUPS, LOG_MAX_BYTES, LogSetup
from viewer.paths import DataPaths

NOBODY = 65534


def run_cli(*argv: str, data_dir: Path, user: int | None = None) -> subprocess.CompletedProcess[str]:
    """The real command in a child process (as `user` when given: permissions do not bind root)."""
    env = {**os.environ, "ARCHIVE_VIEWER_HOME": str(data_dir), "PYTHONDONTWRITEBYTECODE": "1"}
    command = [sys.executable, "-m", "viewer", *argv]
    if user is not None:  # util-linux's setpriv drops root for the command alone
        command = ["setpriv", f"--reuid={user}", f"--regid={user}", "--clear-groups", *command]
    return subprocess.run(
        command, capture_output=True, text=True, env=env, timeout=300, cwd=Path(__file__).resolve().parents[2]
    )


def stderr_line(proc: subprocess.CompletedProcess[str]) -> str:
    assert "Traceback" not in proc.stderr, proc.stderr
    lines = proc.stderr.splitlines()
    assert len(lines) == 1, proc.stderr
    return lines[0]


def hit_lines(out: str) -> list[str]:
    return [line for line in out.splitlines() if line.strip()]


@pytest.fixture
def archive(tmp_path: Path, seeds_dir: Path) -> Path:
    copy = tmp_path / "archive"
    shutil.copytree(seeds_dir, copy)
    return copy


@pytest.fixture
def shared_tmp() -> Iterator[Path]:
    """A folder another user can reach (pytest's own is private to root)."""
    folder = Path(tempfile.mkdtemp(prefix="archive-viewer-test-"))
    folder.chmod(0o755)
    yield folder
    shutil.rmtree(folder, ignore_errors=True)


def test_detected_index_damage_is_one_line_and_the_details_are_in_the_log(
    archive: Path, tmp_path: Path
) -> None:
    data = tmp_path / "data"
    first = run_cli("--archive", str(archive), "search", "区域合作", data_dir=data)
    assert first.returncode == 0, first.stderr
    index_files = sorted(
        p for p in (data / "indexes").rglob("*") if p.is_file() and p.suffix in {".idx", ".term", ".pos"}
    )
    assert index_files
    damaged = index_files[0]
    raw = bytearray(damaged.read_bytes())
    raw[len(raw) // 2] ^= 0x10
    damaged.write_bytes(bytes(raw))

    again = run_cli("--archive", str(archive), "search", "区域合作", data_dir=data)

    assert again.returncode == 0
    assert hit_lines(again.stdout) == hit_lines(first.stdout)
    line = stderr_line(again)
    assert line.startswith("archive-viewer: warning: ") and "damaged" in line
    log = (data / "logs" / "archive-viewer.log").read_text(encoding="utf-8")
    assert "damaged" in log


@pytest.mark.skipif(
    not hasattr(os, "geteuid") or (os.geteuid() == 0 and shutil.which("setpriv") is None),
    reason="POSIX permissions, and setpriv to drop root",
)
def test_an_unreadable_index_folder_gives_one_line_and_a_temporary_index(
    shared_tmp: Path, seeds_dir: Path
) -> None:
    archive, data = shared_tmp / "archive", shared_tmp / "data"
    shutil.copytree(seeds_dir, archive)
    first = run_cli("--archive", str(archive), "search", "区域合作", data_dir=data)
    assert first.returncode == 0, first.stderr
    user = NOBODY if os.geteuid() == 0 else None
    if user is not None:  # root reads anything: the command runs as nobody, who owns the files
        for path in [shared_tmp, *shared_tmp.rglob("*")]:
            os.chown(path, user, -1)
    (index_dir,) = (data / "indexes").iterdir()
    index_dir.chmod(0)
    try:
        proc = run_cli("--archive", str(archive), "search", "区域合作", data_dir=data, user=user)
    finally:
        index_dir.chmod(0o755)

    assert proc.returncode == 0, proc.stderr
    assert hit_lines(proc.stdout) == hit_lines(first.stdout)
    line = stderr_line(proc)
    assert str(index_dir) in line and "temporary folder" in line and "Permission denied" in line
    assert not [
        p
        for p in Path(os.environ.get("TMPDIR", "/tmp")).glob("archive-viewer-index-*")
        if p.owner() == "nobody"
    ]


def test_an_unexpected_error_is_one_line_naming_the_log(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], data_dir: Path
) -> None:
    def broken(_ctx: cli.Context) -> int:
        raise RuntimeError("boom\nsecond line")

    monkeypatch.setattr(cli, "_cmd_list", broken)
    code = cli.main(["list"])
    err = capsys.readouterr().err

    assert code == cli.EXIT_FAILURE
    log_file = DataPaths(data_dir).log_file
    assert err.splitlines() == [
        f"archive-viewer: error: unexpected error (RuntimeError: boom second line); details are in {log_file}"
    ]
    log = log_file.read_text(encoding="utf-8")
    assert "Traceback" in log and "RuntimeError: boom" in log and "broken" in log


def test_an_exception_in_a_thread_is_logged_not_printed(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    setup = LogSetup().install()
    seen: list[str] = []
    setup.on_unexpected = seen.append
    log_file = setup.attach_file(tmp_path / "logs" / "archive-viewer.log")
    assert log_file is not None
    saved = threading.excepthook
    try:
        threading.excepthook = setup._thread_excepthook
        worker = threading.Thread(target=lambda: 1 / 0)
        worker.start()
        worker.join()
    finally:
        threading.excepthook = saved
        setup.close()
    err = capsys.readouterr().err
    assert "Traceback" not in err and len(err.splitlines()) == 1
    assert seen and "ZeroDivisionError" in seen[0]
    assert "Traceback" in log_file.read_text(encoding="utf-8")


def test_the_log_is_rotated_and_capped(tmp_path: Path) -> None:
    setup = LogSetup().install()
    log_file = setup.attach_file(tmp_path / "logs" / "archive-viewer.log")
    assert log_file is not None
    logger = logging.getLogger("viewer.test")
    try:
        for n in range(4 * LOG_BACKUPS * LOG_MAX_BYTES // 1000):
            logger.info("line %d %s", n, "x" * 1000)
    finally:
        setup.close()
    files = sorted(log_file.parent.iterdir())
    assert len(files) == 1 + LOG_BACKUPS
    assert all(f.stat().st_size <= LOG_MAX_BYTES + 2000 for f in files)


def test_a_log_that_cannot_be_written_costs_nothing(
    data_dir: Path, capsys: pytest.CaptureFixture[str], seeds_dir: Path
) -> None:
    data_dir.mkdir(parents=True)
    (data_dir / "logs").write_text("not a folder")
    code = cli.main(["--archive", str(seeds_dir), "search", "区域合作"])
    out, err = capsys.readouterr()
    assert code == cli.EXIT_OK and "6 hits" in out
    assert err == ""


def test_a_usable_index_folder_is_kept(tmp_path: Path) -> None:
    warnings: list[str] = []
    places = IndexPlaces(DataPaths(tmp_path / "data"), warn=warnings.append)
    directory = places.directory(tmp_path / "archive")
    assert directory == DataPaths(tmp_path / "data").index_dir(tmp_path / "archive")
    assert not directory.exists()  # made by the first index (or the shipped copy), not by the check
    assert list(directory.parent.iterdir()) == []  # the probe file is gone
    assert warnings == [] and unusable_reason(directory) is None


def test_an_index_folder_that_is_a_file_gives_a_temporary_one(tmp_path: Path) -> None:
    paths = DataPaths(tmp_path / "data")
    usual = paths.index_dir(tmp_path / "archive")
    usual.parent.mkdir(parents=True)
    usual.write_text("a file where the folder should be")
    warnings: list[str] = []
    places = IndexPlaces(paths, warn=warnings.append)

    directory = places.directory(tmp_path / "archive")

    assert directory != usual and directory.is_dir() and places.is_temporary(directory)
    assert places.directory(tmp_path / "archive") == directory and len(warnings) == 1  # said once
    assert str(usual) in warnings[0]
    places.cleanup()
    assert not directory.exists() and usual.read_text() == "a file where the folder should be"


def test_a_rotation_the_system_refuses_keeps_the_log_growing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Windows will not rename a log another process holds open: records must still be written."""
    setup = LogSetup().install()
    log_file = setup.attach_file(tmp_path / "logs" / "archive-viewer.log")
    assert log_file is not None
    logger = logging.getLogger("viewer.test")

    def refuse(*_args: object) -> None:
        raise PermissionError(13, "The process cannot access the file", str(log_file))

    try:
        for n in range(LOG_MAX_BYTES // 1000 + 10):
            logger.info("line %d %s", n, "x" * 1000)
        monkeypatch.setattr(os, "rename", refuse)
        monkeypatch.setattr(os, "replace", refuse)
        for n in range(LOG_MAX_BYTES // 1000 + 10):
            logger.info("held %d %s", n, "y" * 1000)
        logger.error("the record that matters")
    finally:
        setup.close()
    assert "the record that matters" in log_file.read_text(encoding="utf-8")


@pytest.mark.parametrize(
    "argv",
    [["--data-dir", "{file}/x", "list"], ["list"], ["show", "no-such-document"], ["search", "(((("]],
)
def test_a_windowed_app_without_stderr_never_raises(
    argv: list[str], monkeypatch: pytest.MonkeyPatch, tmp_path: Path, data_dir: Path
) -> None:
    """PyInstaller's windowed builds (Windows, macOS) start with sys.stderr set to None."""
    (tmp_path / "file").write_text("a file")
    monkeypatch.setattr(sys, "stderr", None)
    code = cli.main([arg.replace("{file}", str(tmp_path / "file")) for arg in argv])
    assert code in (cli.EXIT_OK, cli.EXIT_FAILURE, cli.EXIT_USAGE)


def test_bytes_that_are_not_utf8_are_shown_as_list_shows_them(capsys: pytest.CaptureFixture[str]) -> None:
    code = cli.main(["show", b"bad\xfd.txt".decode("utf-8", "surrogateescape")])
    err = capsys.readouterr().err
    assert code == cli.EXIT_USAGE and "bad\\xfd.txt" in err and "\ufffd" not in err


@pytest.mark.parametrize("option", ["--archive", "--data-dir"])
def test_a_folder_whose_links_loop_is_one_usage_line(
    option: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    loop = tmp_path / "loop"
    loop.symlink_to(loop)
    code = cli.main([option, str(loop), "list"])
    err = capsys.readouterr().err
    assert code == cli.EXIT_USAGE
    assert err.count("\n") == 1 and "loop" in err and "Traceback" not in err


def test_a_name_with_a_line_break_stays_on_one_line(capsys: pytest.CaptureFixture[str]) -> None:
    code = cli.main(["excerpt", "list", "--collection", "line\nbreak"])
    err = capsys.readouterr().err
    assert code == cli.EXIT_USAGE and err.count("\n") == 1 and "line\\nbreak" in err


def test_a_warning_met_again_is_said_once_on_the_terminal(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    setup = LogSetup().install()
    log_file = setup.attach_file(tmp_path / "logs" / "archive-viewer.log")
    assert log_file is not None
    try:
        for _ in range(3):  # a retry that opens the same damaged index again
            logging.getLogger("viewer.test").warning("Search index at %s is unreadable", "/x")
    finally:
        setup.close()
    assert capsys.readouterr().err.count("unreadable") == 1
    assert log_file.read_text(encoding="utf-8").count("unreadable") == 3
