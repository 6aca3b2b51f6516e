"""Arguments that escape (issue 11 item 3): each gives one line on stderr and a usage exit, stores nothing."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from viewer.cli import EXIT_FAILURE, EXIT_OK, EXIT_USAGE, main

BAD = b"a\xffb".decode("utf-8", "surrogateescape")  # what Python makes of invalid UTF-8 in argv


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def one_line(err: str) -> str:
    assert "Traceback" not in err
    lines = err.splitlines()
    assert len(lines) == 1, err
    return lines[0]


def digest(path: Path) -> list[tuple[object, ...]] | None:
    """Every row of the store (the file's bytes move with WAL checkpoints on open and close)."""
    if not path.exists():
        return None
    db = sqlite3.connect(path)
    try:
        return [
            (table, *row)
            for table in ("collections", "excerpts")
            for row in db.execute(f"SELECT * FROM {table} ORDER BY id")
        ]
    finally:
        db.close()


@pytest.fixture
def paragraph(seeds_archive) -> tuple[str, str]:
    doc = seeds_archive.find("000_7afbcf673c75e218.txt")
    return doc.id, next(p for p in doc.paragraphs if "双子星座" in p.text).id


@pytest.fixture
def store(capsys, paragraph, data_dir: Path) -> Path:
    """An excerpt store holding one excerpt."""
    doc_id, pid = paragraph
    code, _, _ = run(capsys, "excerpt", "add", doc_id, "--paragraph", pid, "--note", "已有")
    assert code == EXIT_OK
    return data_dir / "excerpts.sqlite3"


@pytest.mark.parametrize(
    "option",
    [["--note", BAD], ["--tag", "好", "--tag", BAD], ["--collection", BAD], ["--collection", "\udcff"]],
    ids=["note", "tag", "collection", "collection-only-byte"],
)
def test_text_that_is_not_utf8_is_refused(capsys, paragraph, store: Path, option: list[str]) -> None:
    before = digest(store)
    doc_id, pid = paragraph
    code, out, err = run(capsys, "excerpt", "add", doc_id, "--paragraph", pid, *option)
    assert code == EXIT_USAGE
    assert "not valid UTF-8" in one_line(err)
    assert digest(store) == before
    code, out, _ = run(capsys, "excerpt", "list")
    assert code == EXIT_OK and "已有" in out and out.count("「") == 1


@pytest.mark.parametrize("action", ["list", "export"])
def test_collection_name_that_is_not_utf8_is_refused_when_reading(
    capsys, store: Path, tmp_path, action
) -> None:
    before = digest(store)
    extra = ["--format", "md", "-o", str(tmp_path / "out.md")] if action == "export" else []
    code, _, err = run(capsys, "excerpt", action, "--collection", BAD, *extra)
    assert code == EXIT_USAGE
    assert "not valid UTF-8" in one_line(err)
    assert digest(store) == before and not (tmp_path / "out.md").exists()


@pytest.mark.parametrize(
    "ids",
    [["99999999999999999999999999"], ["1", str(2**63)], [str(-(2**63) - 1)]],
    ids=["huge", "just-over", "huge-negative"],
)
def test_excerpt_ids_outside_sqlite_range(capsys, store: Path, ids: list[str]) -> None:
    before = digest(store)
    code, _, err = run(capsys, "excerpt", "delete", "--", *ids)
    assert code == EXIT_USAGE
    assert "no excerpt" in one_line(err)
    assert digest(store) == before


def test_largest_sqlite_id_is_just_not_there(capsys, store: Path) -> None:
    before = digest(store)
    code, _, err = run(capsys, "excerpt", "delete", str(2**63 - 1))
    assert code == EXIT_USAGE
    assert "no excerpt" in one_line(err).lower()
    assert digest(store) == before


@pytest.mark.parametrize("below", ["", "sub"], ids=["file", "below-a-file"])
def test_data_dir_that_is_a_file(capsys, tmp_path: Path, below: str) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_bytes(b"x")
    target = blocker / below if below else blocker
    for argv in (["excerpt", "list"], ["list"]):
        code, _, err = run(capsys, "--data-dir", str(target), *argv)
        assert code in (EXIT_USAGE, EXIT_FAILURE)
        assert "not a folder" in one_line(err)
    assert blocker.read_bytes() == b"x"


def test_data_dir_from_the_environment_that_is_a_file(capsys, tmp_path: Path, monkeypatch) -> None:
    blocker = tmp_path / "home-file"
    blocker.write_bytes(b"x")
    monkeypatch.setenv("ARCHIVE_VIEWER_HOME", str(blocker))
    code, _, err = run(capsys, "excerpt", "list")
    assert code in (EXIT_USAGE, EXIT_FAILURE)
    assert "not a folder" in one_line(err)


@pytest.mark.parametrize("option", ["--archive", "--data-dir"])
@pytest.mark.parametrize("where", ["before", "after"])
def test_empty_archive_or_data_dir_is_a_usage_error(capsys, data_dir: Path, option: str, where: str) -> None:
    argv = [option, "", "list"] if where == "before" else ["list", option, ""]
    code, out, err = run(capsys, *argv)
    assert code == EXIT_USAGE
    assert option in one_line(err)
    assert out == "" and not data_dir.exists()
