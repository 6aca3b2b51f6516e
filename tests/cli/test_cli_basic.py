"""The CLI's contract: global options anywhere, JSON output, exit codes, no tracebacks."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from viewer.cli import main

REPO = Path(__file__).resolve().parents[2]


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_list_json_has_every_seed_and_the_report(capsys) -> None:
    code, out, _ = run(capsys, "list", "--json")
    assert code == 0
    data = json.loads(out)
    assert [d["source"] for d in data["documents"]] == sorted(p.name for p in (REPO / "seeds").iterdir())
    for row in data["documents"]:
        assert {"id", "source", "title", "kind", "year", "script", "authors"} <= row.keys()
    assert data["problems"] == []


@pytest.mark.parametrize("order", ["before", "after"])
def test_global_options_before_or_after_the_command(capsys, tmp_path: Path, order: str) -> None:
    archive = tmp_path / "mine"
    archive.mkdir()
    (archive / "a.txt").write_text("标题\n\n正文。\n", encoding="utf-8")
    (archive / "b.txt").write_bytes(b"\x00\x01\x02binary")
    opts = ["--archive", str(archive), "--data-dir", str(tmp_path / "d")]
    argv = [*opts, "list", "--json"] if order == "before" else ["list", "--json", *opts]
    code, out, _ = run(capsys, *argv)
    assert code == 0
    data = json.loads(out)
    assert [d["source"] for d in data["documents"]] == ["a.txt"]
    assert data["problems"][0]["source"] == "b.txt"
    assert "binary" in data["problems"][0]["reason"]


def test_show_json_fields(capsys) -> None:
    code, out, _ = run(capsys, "show", "001_8bc3bdda47a0d5aa.txt", "--json")
    assert code == 0
    doc = json.loads(out)
    for key in (
        "id",
        "source",
        "title",
        "subtitle",
        "kind",
        "year",
        "script",
        "authors",
        "encoding",
        "sections",
        "paragraphs",
        "repairs",
        "metadata",
    ):
        assert key in doc
    assert doc["script"] == "traditional"
    assert doc["encoding"] == "utf-8"
    assert all({"id", "section", "text"} <= p.keys() for p in doc["paragraphs"])
    by_id = run(capsys, "show", doc["id"], "--json")[1]
    assert json.loads(by_id)["source"] == doc["source"]


def test_show_raw_prints_the_untouched_file(capsys) -> None:
    code = main(["show", "003_75a584e44efd689f", "--raw"])
    out = capsys.readouterr().out
    assert code == 0
    assert out == (REPO / "seeds" / "003_75a584e44efd689f.txt").read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("argv", "code", "message"),
    [
        (["frobnicate"], 2, "invalid choice"),
        (["show"], 2, "required"),
        (["show", "no-such-doc"], 2, "No document 'no-such-doc'"),
        (["list", "--archive", "/no/such/folder"], 1, "Archive folder not found"),
    ],
)
def test_errors_are_one_line_with_exit_codes(capsys, argv, code: int, message: str) -> None:
    got, _, err = run(capsys, *argv)
    assert got == code
    assert message in err
    assert "Traceback" not in err
    assert len(err.strip().splitlines()) == 1


def test_corrupt_settings_fall_back_to_defaults_with_a_warning(capsys, data_dir: Path) -> None:
    data_dir.mkdir(parents=True)
    (data_dir / "settings.json").write_text("{not json", encoding="utf-8")
    code, out, err = run(capsys, "list", "--json")
    assert code == 0
    assert "unreadable" in err
    assert json.loads(out)["documents"]


def test_python_m_viewer_is_the_same_command() -> None:
    proc = subprocess.run(
        [sys.executable, "-m", "viewer", "list", "--json"], capture_output=True, cwd=REPO, timeout=120
    )
    assert proc.returncode == 0, proc.stderr.decode()
    assert len(json.loads(proc.stdout)["documents"]) == 5
