"""`archive-viewer excerpt add|list|delete|check|export` on the seeds."""

from __future__ import annotations

import csv
import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import REPO
from viewer.cli import EXIT_FAILURE, EXIT_OK, EXIT_USAGE, main
from viewer.core.export.ris import parse


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def paragraph(seeds_archive) -> tuple[str, str, str]:
    """(doc id, paragraph id, text) of a body paragraph of the yearbook seed."""
    doc = seeds_archive.find("000_7afbcf673c75e218.txt")
    para = next(p for p in doc.paragraphs if "双子星座" in p.text)
    return doc.id, para.id, para.text


def test_add_list_json_and_reopen(capsys, paragraph, data_dir: Path) -> None:
    doc_id, pid, text = paragraph
    code, out, _ = run(
        capsys,
        "excerpt",
        "add",
        doc_id,
        "--paragraph",
        pid,
        "--start",
        "2",
        "--end",
        "12",
        "--note",
        "备注",
        "--tag",
        "甲",
        "--tag",
        "乙",
        "--collection",
        "论文一",
        "--json",
    )
    assert code == EXIT_OK
    added = json.loads(out)
    assert added["text"] == text[2:12] and added["tags"] == ["甲", "乙"]
    assert (data_dir / "excerpts.sqlite3").exists()
    code, out, _ = run(capsys, "excerpt", "list", "--json")
    listing = json.loads(out)
    assert [c["name"] for c in listing["collections"]][-1] == "论文一"
    assert [(e["id"], e["collection"], e["note"]) for e in listing["excerpts"]] == [
        (added["id"], "论文一", "备注")
    ]
    code, out, _ = run(capsys, "excerpt", "list")
    assert code == EXIT_OK and text[2:12] in out and "论文一 (1)" in out


def test_add_by_file_name_to_the_end_of_the_paragraph(capsys, paragraph) -> None:
    _, pid, text = paragraph
    code, out, _ = run(
        capsys, "excerpt", "add", "000_7afbcf673c75e218.txt", "--paragraph", pid, "--start", "5", "--json"
    )
    assert code == EXIT_OK and json.loads(out)["text"] == text[5:]


@pytest.mark.parametrize(
    "argv",
    [
        ["excerpt", "add", "nope", "--paragraph", "x-p1"],
        ["excerpt", "add", "000_7afbcf673c75e218.txt", "--paragraph", "x-p1"],
        ["excerpt", "add", "000_7afbcf673c75e218.txt", "--paragraph", "PID", "--start", "9", "--end", "3"],
        ["excerpt", "add", "000_7afbcf673c75e218.txt"],
        ["excerpt", "export", "--format", "doc", "-o", "x"],
        ["excerpt", "export", "--format", "md", "-o", "x", "--collection", "no such"],
        ["excerpt"],
    ],
)
def test_usage_errors_exit_2_with_a_message(capsys, paragraph, argv: list[str]) -> None:
    argv = [paragraph[1] if a == "PID" else a for a in argv]
    code, _, err = run(capsys, *argv)
    assert code == EXIT_USAGE and err.strip() and "Traceback" not in err


def _add_three(capsys, seeds_archive) -> None:
    for source, starts in [
        ("000_7afbcf673c75e218.txt", "双子星座"),
        ("002_e6c407031090df99.txt", "尊重"),
        ("004_190cf7dfcffd7ea5.txt", "燕山脚下"),
    ]:
        doc = seeds_archive.find(source)
        para = next(p for p in doc.paragraphs if starts in p.text)
        at = para.text.index(starts)
        code, _, err = run(
            capsys,
            "excerpt",
            "add",
            doc.id,
            "--paragraph",
            para.id,
            "--start",
            str(at),
            "--end",
            str(at + 12),
            "--tag",
            "t",
        )
        assert code == EXIT_OK, err


@pytest.mark.parametrize("fmt", ["md", "txt", "html", "docx", "csv", "ris"])
def test_export_each_format(capsys, seeds_archive, tmp_path: Path, fmt: str) -> None:
    _add_three(capsys, seeds_archive)
    target = tmp_path / f"out.{fmt}"
    code, out, err = run(
        capsys,
        "excerpt",
        "export",
        "--format",
        fmt,
        "--script",
        "traditional",
        "--style",
        "short",
        "-o",
        str(target),
    )
    assert code == EXIT_OK, err
    assert "3 excerpts" in out and target.stat().st_size > 0
    data = target.read_bytes()
    if fmt == "csv":
        rows = list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"))))
        assert len(rows) == 3 and rows[0]["citation"].startswith("《")
        assert "雙子星座" in rows[0]["text"]
    elif fmt == "ris":
        assert len(parse(data.decode())) == 3
    elif fmt == "docx":
        assert data.startswith(b"PK")
    else:
        assert "燕山腳下" in data.decode()


def test_export_refuses_an_unwritable_target_and_leaves_nothing(
    capsys, seeds_archive, tmp_path: Path
) -> None:
    _add_three(capsys, seeds_archive)
    folder = tmp_path / "a-folder"
    folder.mkdir()
    code, _, err = run(capsys, "excerpt", "export", "--format", "md", "-o", str(folder))
    assert code == EXIT_FAILURE and "folder" in err
    blocker = tmp_path / "file"
    blocker.write_text("x")
    code, _, err = run(capsys, "excerpt", "export", "--format", "md", "-o", str(blocker / "out.md"))
    assert code == EXIT_FAILURE and "Cannot write" in err and "Traceback" not in err
    assert blocker.read_text() == "x" and list(folder.iterdir()) == []
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a-folder", "data", "file"]


def test_delete_and_check(capsys, seeds_archive) -> None:
    _add_three(capsys, seeds_archive)
    code, out, _ = run(capsys, "excerpt", "check")
    assert code == EXIT_OK and out.startswith("3 in place, 0 moved")
    assert run(capsys, "excerpt", "delete", "2")[0] == EXIT_OK
    assert run(capsys, "excerpt", "delete", "99")[0] == EXIT_USAGE
    listing = json.loads(run(capsys, "excerpt", "list", "--json")[1])
    assert [e["id"] for e in listing["excerpts"]] == [1, 3]


def test_corrupt_store_warns_and_carries_on(capsys, paragraph, data_dir: Path) -> None:
    data_dir.mkdir(parents=True, exist_ok=True)
    (data_dir / "excerpts.sqlite3").write_bytes(b"garbage" * 1000)
    code, out, err = run(capsys, "excerpt", "list", "--json")
    assert code == EXIT_OK and "moved to" in err and json.loads(out)["excerpts"] == []
    assert list(data_dir.glob("excerpts.sqlite3.corrupt-*"))


def test_pdf_export_headless_in_a_real_process(tmp_path: Path, seeds_archive, paragraph) -> None:
    env = {**os.environ, "ARCHIVE_VIEWER_HOME": str(tmp_path / "home")}
    env.pop("QT_QPA_PLATFORM", None)  # the command must pick the offscreen platform itself
    cli = [sys.executable, "-m", "viewer"]
    subprocess.run(
        [*cli, "excerpt", "add", paragraph[0], "--paragraph", paragraph[1], "--end", "20"],
        cwd=REPO,
        env=env,
        check=True,
        capture_output=True,
    )
    target = tmp_path / "out.pdf"
    done = subprocess.run(
        [*cli, "excerpt", "export", "--format", "pdf", "-o", str(target)],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
    )
    assert done.returncode == 0, done.stderr
    assert target.read_bytes().startswith(b"%PDF")
