"""The prebuilt index hook and the self-test, from the source tree (no bundle needed)."""

from __future__ import annotations

import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import REPO
from viewer import prebuilt


@pytest.fixture
def bundle(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A fake installed bundle: seeds/ and a read-only prebuilt-index/ side by side."""
    root = tmp_path / "bundle"
    (root / "seeds").mkdir(parents=True)
    index = root / prebuilt.PREBUILT_DIRNAME
    (index / "g3").mkdir(parents=True)
    (index / "meta.json").write_text('{"schema": 1}', encoding="utf-8")
    (index / "g3" / "segment.seg").write_bytes(b"\x00" * 100)
    for path in [*index.rglob("*"), index]:
        path.chmod(0o555 if path.is_dir() else 0o444)
    monkeypatch.setattr(prebuilt, "bundled_root", lambda: root)
    monkeypatch.setattr(prebuilt, "bundled_archive", lambda: root / "seeds")
    yield root
    for path in [index, *index.rglob("*")]:
        path.chmod(0o755 if path.is_dir() else 0o644)


def test_copies_the_shipped_index_for_the_bundled_archive(bundle: Path, tmp_path: Path) -> None:
    target = tmp_path / "data" / "indexes" / "seeds-1234"
    target.parent.mkdir(parents=True)
    assert prebuilt.install_prebuilt_index(target, bundle / "seeds") is True
    assert (target / "meta.json").read_text(encoding="utf-8") == '{"schema": 1}'
    assert (target / "g3" / "segment.seg").stat().st_size == 100
    # The copy is the user's: writable although the installed original is read-only.
    for path in [target, *target.rglob("*")]:
        assert path.stat().st_mode & stat.S_IWUSR
    assert [p.name for p in target.parent.iterdir()] == ["seeds-1234"], "staging folder left behind"


def test_never_overwrites_and_ignores_other_archives(bundle: Path, tmp_path: Path) -> None:
    existing = tmp_path / "existing"
    existing.mkdir()
    assert prebuilt.install_prebuilt_index(existing, bundle / "seeds") is False
    assert list(existing.iterdir()) == []
    other = tmp_path / "other-archive"
    other.mkdir()
    assert prebuilt.install_prebuilt_index(tmp_path / "new", other) is False
    assert not (tmp_path / "new").exists()


def test_no_shipped_index_is_a_no_op(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(prebuilt, "bundled_root", lambda: tmp_path)
    monkeypatch.setattr(prebuilt, "bundled_archive", lambda: tmp_path / "seeds")
    assert prebuilt.install_prebuilt_index(tmp_path / "index", tmp_path / "seeds") is False


def test_built_index_is_reused_without_reindexing(tmp_path: Path) -> None:
    """build_prebuilt_index makes an ordinary catalogue and index that open as up to date."""
    from viewer.core.archive_update import refresh

    summary = prebuilt.build_prebuilt_index(REPO / "seeds", tmp_path / "index")
    assert summary.startswith("5 documents read and indexed")
    stats = refresh(REPO / "seeds", tmp_path / "index")
    assert not stats.changed
    assert stats.index is not None and (stats.index.added, stats.index.rebuilt) == (0, False)


def test_self_test_from_source_passes(tmp_path: Path) -> None:
    env = {**os.environ, "HOME": str(tmp_path)}
    result = subprocess.run(
        [sys.executable, "-m", "viewer", "--self-test"], cwd=REPO, env=env, capture_output=True, timeout=300
    )
    out = result.stdout.decode("utf-8")
    assert result.returncode == 0, out + result.stderr.decode("utf-8", "replace")
    assert out.startswith("self-test passed") and "(source," in out
    assert "search both scripts" in out and "5 variants" in out and "7 export formats" in out
    assert "5 sample files read (docx, epub, html, pdf)" in out
