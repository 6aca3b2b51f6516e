"""An export replaces only a regular file or a new path, writes through links, and says why it refused.

Issue 11 item 4: as root an export to /dev/full replaced the device with a file, and an export to a link
replaced the link while the file it pointed at kept the old text.
"""

from __future__ import annotations

import contextlib
import os
import socket
import stat
from collections.abc import Iterator
from pathlib import Path

import pytest

from viewer.cli import EXIT_FAILURE, EXIT_OK, main
from viewer.core.excerpts import ExcerptStore
from viewer.core.export import ExportOptions, write_bytes, write_export
from viewer.errors import ExportError, Message

pytestmark = pytest.mark.skipif(os.name != "posix", reason="POSIX links, FIFOs and devices")


@contextlib.contextmanager
def _fifo(path: Path) -> Iterator[Path]:
    """A FIFO with a reader held open, so a wrong open() for writing returns instead of hanging the test."""
    os.mkfifo(path)
    reader = os.open(path, os.O_RDONLY | os.O_NONBLOCK)
    try:
        yield path
    finally:
        os.close(reader)


def _char_device(folder: Path) -> Path:
    """Our own /dev/null node as root (a failure cannot take the real one), else /dev/null itself."""
    if os.geteuid() != 0:
        return Path("/dev/null")
    node = folder / "null"
    try:
        os.mknod(node, stat.S_IFCHR | 0o666, os.makedev(1, 3))
    except PermissionError:
        pytest.skip("root without CAP_MKNOD")
    return node


def _refusal(target: Path) -> Message:
    with pytest.raises(ExportError) as raised:
        write_bytes(target, b"export")
    text = raised.value.message
    assert isinstance(text, Message) and "\n" not in text and str(target) in text
    return text


def test_export_through_a_link_writes_the_linked_file(seed_store: ExcerptStore, tmp_path: Path) -> None:
    (tmp_path / "thesis").mkdir()
    real = tmp_path / "thesis" / "excerpts.md"
    real.write_text("old")
    real.chmod(0o644)
    link = tmp_path / "excerpts.md"
    link.symlink_to("thesis/excerpts.md")

    size = write_export(link, "md", seed_store.list(), ExportOptions())

    assert link.is_symlink() and os.readlink(link) == "thesis/excerpts.md"
    assert real.stat().st_size == size and "双子星座" in real.read_text(encoding="utf-8")
    assert stat.S_IMODE(real.stat().st_mode) == 0o644
    assert sorted(p.name for p in (tmp_path / "thesis").iterdir()) == ["excerpts.md"]


def test_export_to_a_dangling_link_makes_its_file(tmp_path: Path) -> None:
    (tmp_path / "out").mkdir()
    link = tmp_path / "link.csv"
    link.symlink_to(tmp_path / "out" / "k.csv")
    write_bytes(link, b"a,b\n")
    assert link.is_symlink() and (tmp_path / "out" / "k.csv").read_bytes() == b"a,b\n"


def test_export_to_a_dangling_link_into_a_missing_folder_says_so(tmp_path: Path) -> None:
    link = tmp_path / "link.md"
    link.symlink_to(tmp_path / "gone" / "k.md")
    text = _refusal(link)
    assert text.template == "Cannot write {target}: the folder does not exist. Nothing was written."
    assert sorted(p.name for p in tmp_path.iterdir()) == ["link.md"]


def test_export_to_a_fifo_is_refused_in_plain_words(tmp_path: Path) -> None:
    with _fifo(tmp_path / "pipe") as fifo:
        text = _refusal(fifo)
        assert stat.S_ISFIFO(os.lstat(fifo).st_mode)
    assert text.template == "Cannot export to {target}: it is a named pipe, not a file. Nothing was written."
    assert sorted(p.name for p in tmp_path.iterdir()) == ["pipe"]


def test_export_to_a_device_is_refused_in_plain_words(tmp_path: Path) -> None:
    device = _char_device(tmp_path)
    text = _refusal(device)
    assert text.template == "Cannot export to {target}: it is a device, not a file. Nothing was written."
    assert stat.S_ISCHR(os.lstat(device).st_mode)


def test_export_to_a_folder_or_a_link_to_one_is_refused(tmp_path: Path) -> None:
    folder = tmp_path / "folder"
    folder.mkdir()
    (tmp_path / "link").symlink_to(folder)
    for target in (folder, tmp_path / "link"):
        assert _refusal(target).template == "Cannot export to {target}: it is a folder"
    assert list(folder.iterdir()) == [] and (tmp_path / "link").is_symlink()


def test_export_to_a_socket_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "sock"
    with socket.socket(socket.AF_UNIX) as server:
        server.bind(str(path))
        text = _refusal(path)
    assert text.template == "Cannot export to {target}: it is not a regular file. Nothing was written."


# ---------------------------------------------------------------- the CLI


def _export(capsys: pytest.CaptureFixture[str], target: Path) -> tuple[int, str, str]:
    code = main(["excerpt", "export", "--format", "md", "-o", str(target)])
    out, err = capsys.readouterr()
    return code, out, err


def test_cli_export_to_a_fifo_or_device_is_one_line_and_fails(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    device = _char_device(tmp_path)
    with _fifo(tmp_path / "pipe") as fifo:
        for target, words in ((fifo, "named pipe"), (device, "device")):
            code, out, err = _export(capsys, target)
            assert code == EXIT_FAILURE and out == ""
            assert err.count("\n") == 1 and words in err and str(target) in err
            assert "Traceback" not in err
        assert stat.S_ISFIFO(os.lstat(fifo).st_mode) and stat.S_ISCHR(os.lstat(device).st_mode)


def test_cli_export_through_a_link(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    (tmp_path / "real.md").write_text("old")
    (tmp_path / "link.md").symlink_to("real.md")
    code, out, err = _export(capsys, tmp_path / "link.md")
    assert code == EXIT_OK and "link.md" in out, err
    assert (tmp_path / "link.md").is_symlink() and (tmp_path / "real.md").read_text() != "old"
