"""Ingest: every readable file becomes a document; every bad one costs only itself, with a reason."""

from __future__ import annotations

import builtins
import os
import shutil
from pathlib import Path

import pytest

from viewer.core import ingest as ingest_module
from viewer.core.ingest import ingest_archive
from viewer.errors import ArchiveNotFound, Cancelled

GOOD = "2023卷\n【概况】 2022年，双子星座合作喜结硕果，统筹流域上下游用水。\n"


@pytest.fixture
def bad_archive(tmp_path: Path, seeds_dir: Path) -> Path:
    """The seeds plus one of each kind of bad file users have."""
    root = tmp_path / "archive"
    shutil.copytree(seeds_dir, root / "seeds")
    (root / "empty.txt").write_bytes(b"")
    (root / "nul.txt").write_bytes(b"abc\x00\x00\x00def" * 100)
    (root / "photo.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 20)
    (root / "garbage.txt").write_bytes(bytes([0x80, 0xFF, 0xFE, 0x81, 0xC0]) * 400)
    (root / "locked.txt").write_text(GOOD, encoding="utf-8")
    os.chmod(root / "locked.txt", 0)
    loop = root / "loop"
    loop.mkdir()
    (loop / "inside.txt").write_text(GOOD, encoding="utf-8")
    os.symlink("..", loop / "up")  # a folder link back to its parent
    os.symlink("selfloop.txt", root / "selfloop.txt")  # a file link to itself
    os.symlink("missing-target.txt", root / "dangling.txt")
    # Odd but valid file names: spaces, CJK, emoji, a leading dash, a non-UTF-8 byte.
    (root / "with space 档案 📜.txt").write_text(GOOD, encoding="utf-8")
    (root / "-dash.md").write_text("# 标题\n\n正文。\n", encoding="utf-8")
    os.makedirs(root / "sub" / "深层", exist_ok=True)
    (root / "sub" / "深层" / "gbk.txt").write_bytes(GOOD.encode("gbk"))
    (root / os.fsdecode(b"latin\xe9.txt")).write_text(GOOD, encoding="utf-8")
    (root / "notes.xlsx").write_bytes(b"PK\x03\x04")  # not a document suffix: ignored
    return root


def _reasons(archive) -> dict[str, str]:
    return {p.source: p.reason for p in archive.problems}


def test_bad_files_are_reported_and_everything_else_ingested(bad_archive: Path, monkeypatch) -> None:
    real_open = builtins.open
    locked = os.fspath(bad_archive / "locked.txt")

    def guarded_open(file, *args, **kwargs):  # root ignores chmod 0, so refuse like the OS would
        if os.fspath(file) == locked:
            raise PermissionError(13, "Permission denied", file)
        return real_open(file, *args, **kwargs)

    if os.geteuid() == 0:
        monkeypatch.setattr(builtins, "open", guarded_open)
    archive = ingest_archive(bad_archive)
    sources = {d.source for d in archive.documents}
    reasons = _reasons(archive)

    assert {f"seeds/{p.name}" for p in (bad_archive / "seeds").iterdir()} <= sources
    assert {"with space 档案 📜.txt", "-dash.md", "sub/深层/gbk.txt", "loop/inside.txt"} <= sources
    assert "latin\\xe9.txt" in sources  # the byte that is not UTF-8 shown escaped (scan.display_safe)
    assert "notes.xlsx" not in sources and "notes.xlsx" not in reasons

    assert "empty" in reasons["empty.txt"]
    assert "binary" in reasons["nul.txt"]
    assert "binary" in reasons["photo.txt"]
    assert "not valid" in reasons["garbage.txt"]
    assert "permission denied" in reasons["locked.txt"]
    assert "loop" in reasons["loop/up"]
    assert "loop" in reasons["selfloop.txt"]
    assert "broken symbolic link" in reasons["dangling.txt"]
    # One message per bad file, nothing reported twice, no good file reported.
    assert len(archive.problems) == len(reasons) == 8
    assert not sources & set(reasons)
    gbk = archive.find("sub/深层/gbk.txt")
    assert gbk.encoding == "gb18030" and "双子星座" in gbk.text


def test_raw_text_is_kept_and_the_file_is_never_modified(bad_archive: Path) -> None:
    before = {p: p.read_bytes() for p in (bad_archive / "seeds").iterdir()}
    mtimes = {p: p.stat().st_mtime_ns for p in before}
    archive = ingest_archive(bad_archive)
    for path, data in before.items():
        assert path.read_bytes() == data
        assert path.stat().st_mtime_ns == mtimes[path]
        doc = archive.find(f"seeds/{path.name}")
        assert doc.raw_text == data.decode("utf-8")


def test_a_huge_single_line_file_is_ingested(tmp_path: Path) -> None:
    root = tmp_path / "big"
    root.mkdir()
    line = "通辽市全力打好污染防治攻坚战，持续实施大气精细化管控，精准溯源，源头治理。" * 460_000
    (root / "huge.txt").write_text(line, encoding="utf-8")
    assert (root / "huge.txt").stat().st_size > 50_000_000
    archive = ingest_archive(root)
    assert archive.problems == []
    (doc,) = archive.documents
    assert sum(len(p.text) for p in doc.paragraphs) >= len(line) * 0.99


def test_files_over_the_size_limit_are_skipped_with_the_reason(tmp_path: Path) -> None:
    root = tmp_path / "a"
    root.mkdir()
    (root / "big.txt").write_text("字" * 400_000, encoding="utf-8")
    (root / "small.txt").write_text(GOOD, encoding="utf-8")
    archive = ingest_archive(root, max_file_bytes=1_000_000)
    assert [d.source for d in archive.documents] == ["small.txt"]
    assert "too large" in _reasons(archive)["big.txt"]


def test_missing_archive_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(ArchiveNotFound, match="not found"):
        ingest_archive(tmp_path / "nowhere")


def test_progress_is_reported_and_cancel_stops(seeds_dir: Path) -> None:
    seen: list[tuple[int, int]] = []
    ingest_archive(seeds_dir, progress=lambda done, total, msg: seen.append((done, total)))
    assert seen[-1][0] == seen[-1][1] == 10
    assert [d for d, _ in seen] == sorted(d for d, _ in seen)
    with pytest.raises(Cancelled):
        ingest_archive(seeds_dir, cancelled=lambda: True)


def test_a_crashing_rule_costs_only_its_document(seeds_dir: Path, monkeypatch) -> None:
    real = ingest_module.build_structure

    def flaky(doc):
        if doc.source.startswith("002"):
            raise RuntimeError("boom")
        real(doc)

    monkeypatch.setattr(ingest_module, "build_structure", flaky)
    archive = ingest_archive(seeds_dir)
    assert len(archive.documents) == 4
    assert "could not be processed" in _reasons(archive)["002_e6c407031090df99.txt"]


def test_ids_are_stable_and_lookup_works(seeds_archive) -> None:
    doc = seeds_archive.documents[1]
    assert doc.id == "ecd12d5bb6ce"
    for key in (doc.id, doc.source, "001_8bc3bdda47a0d5aa"):
        assert seeds_archive.find(key) is doc
    assert seeds_archive.find("nothing") is None
    ids = [p.id for d in seeds_archive.documents for p in d.paragraphs]
    assert len(ids) == len(set(ids))
