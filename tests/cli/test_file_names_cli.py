"""`list` and `show` reach every file of an archive whose names are not UTF-8, and finish with named
pipes and links that leave the archive in it (issue 11 item 5). Run as a user does: a real process,
real bytes in argv, a timeout so a read blocked on a pipe fails instead of hanging."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="POSIX file names, pipes and links")

REPO = Path(__file__).resolve().parents[2]
FF, FE = b"bad\xff.txt", b"bad\xfe.txt"


def cli(data: Path, archive: Path | bytes, *argv: str | bytes) -> subprocess.CompletedProcess[bytes]:
    """`archive-viewer --archive ARCHIVE --data-dir DATA ARGV...` in a process of its own."""
    command: list[str | bytes] = [
        sys.executable,
        "-m",
        "viewer",
        "--archive",
        archive,
        "--data-dir",
        str(data),
    ]
    return subprocess.run([*command, *argv], capture_output=True, cwd=REPO, timeout=60)


@pytest.fixture
def archive(tmp_path: Path) -> Path:
    root = tmp_path / "archive"
    root.mkdir()
    for n, name in enumerate((FF, FE), 1):
        with open(os.path.join(os.fsencode(root), name), "wb") as handle:
            handle.write(f"第{n}篇\n\n正文第{n}篇。\n".encode())
    os.mkfifo(root / "x.txt")
    if Path("/proc/self/status").exists():
        os.symlink("/proc/self/status", root / "status.txt")
    (tmp_path / "secret.txt").write_text("不该读到\n", encoding="utf-8")
    os.symlink("../secret.txt", root / "secret.txt")
    os.symlink(os.fsdecode(FF), root / "link.txt")  # a link that stays in the archive: read
    return root


def test_list_and_show_reach_each_name_that_is_not_utf8(archive: Path, tmp_path: Path) -> None:
    data = tmp_path / "data"
    listed = cli(data, archive, "list", "--json")
    assert listed.returncode == 0, listed.stderr.decode()
    report = json.loads(listed.stdout)
    docs = {d["source"]: d for d in report["documents"]}
    assert set(docs) == {"bad\\xff.txt", "bad\\xfe.txt", "link.txt"}
    assert docs["bad\\xff.txt"]["id"] != docs["bad\\xfe.txt"]["id"]
    reasons = {p["source"]: p["reason"] for p in report["problems"]}
    assert "named pipe" in reasons["x.txt"]
    assert "leaves the archive folder" in reasons["secret.txt"]
    if (archive / "status.txt").is_symlink():
        assert "leaves the archive folder" in reasons["status.txt"]

    for name, shown, n in ((FF, "bad\\xff.txt", 1), (FE, "bad\\xfe.txt", 2)):
        doc_id = docs[shown]["id"]
        # by id, as `list` shows it, with the real bytes ($'bad\xff.txt'), and by the file's path
        for key in (doc_id, shown, name, os.path.join(os.fsencode(archive), name)):
            shown_doc = cli(data, archive, "show", key, "--json")
            assert shown_doc.returncode == 0, (key, shown_doc.stderr.decode())
            assert json.loads(shown_doc.stdout)["id"] == doc_id
        raw = cli(data, archive, "show", name, "--raw")
        assert raw.returncode == 0 and raw.stdout.decode() == f"第{n}篇\n\n正文第{n}篇。\n"

    plain = cli(data, archive, "list")
    assert plain.returncode == 0 and "bad\\xff.txt" in plain.stdout.decode("utf-8")


def test_an_archive_folder_named_with_bytes_that_are_not_utf8(tmp_path: Path) -> None:
    root = os.path.join(os.fsencode(tmp_path), b"\xb5\xb5\xb0\xb8")  # 档案 in GBK
    os.mkdir(root)
    with open(os.path.join(root, b"a.txt"), "wb") as handle:
        handle.write("标题\n\n赤峰合作。\n".encode())
    data = tmp_path / "data"
    listed = cli(data, root, "list", "--json")
    assert listed.returncode == 0, listed.stderr.decode()
    assert [d["source"] for d in json.loads(listed.stdout)["documents"]] == ["a.txt"]
    found = cli(data, root, "search", "赤峰", "--json")
    assert found.returncode == 0, found.stderr.decode()
    assert "a.txt" in found.stdout.decode()
