"""Settings survive bad files; data paths honour --data-dir, the environment, and never the program dir."""

from __future__ import annotations

import json
from pathlib import Path

from viewer.paths import DataPaths, bundled_root, program_dir
from viewer.settings import Settings


def test_settings_round_trip(tmp_path: Path) -> None:
    path = tmp_path / "s" / "settings.json"
    settings = Settings(zoom=3, variant="s2hk", query_history=["区域合作"])
    settings.save(path)
    loaded, warning = Settings.load(path)
    assert warning is None
    assert loaded == settings
    assert list(path.parent.iterdir()) == [path]  # no temp files left behind


def test_bad_values_and_unknown_keys_fall_back(tmp_path: Path) -> None:
    path = tmp_path / "settings.json"
    path.write_text(json.dumps({"zoom": "big", "theme": "dark", "nonsense": 1}), encoding="utf-8")
    loaded, warning = Settings.load(path)
    assert warning is None
    assert loaded.zoom == Settings().zoom
    assert loaded.theme == "dark"


def test_corrupt_file_gives_defaults_and_a_warning(tmp_path: Path) -> None:
    path = tmp_path / "settings.json"
    path.write_bytes(b"\xff\xfe garbage")
    loaded, warning = Settings.load(path)
    assert loaded == Settings()
    assert warning and str(path) in warning


def test_data_dir_precedence(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setenv("ARCHIVE_VIEWER_HOME", str(tmp_path / "env"))
    assert DataPaths.resolve().root == tmp_path / "env"
    assert DataPaths.resolve(tmp_path / "flag").root == tmp_path / "flag"
    monkeypatch.delenv("ARCHIVE_VIEWER_HOME")
    default = DataPaths.resolve().root
    assert not default.is_relative_to(bundled_root())


def test_one_index_dir_per_archive(tmp_path: Path) -> None:
    paths = DataPaths(tmp_path)
    a, b = tmp_path / "a", tmp_path / "b"
    assert paths.index_dir(a) != paths.index_dir(b)
    assert paths.index_dir(a) == paths.index_dir(tmp_path / "x" / ".." / "a")
    assert paths.index_dir(a).is_relative_to(paths.indexes_dir)


def test_portable_keeps_data_beside_the_program_only_when_asked(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setenv("ARCHIVE_VIEWER_HOME", str(tmp_path / "env"))
    assert DataPaths.resolve(portable=True).root == program_dir() / "data"
    assert DataPaths.resolve(tmp_path / "flag", portable=True).root == tmp_path / "flag"
    assert DataPaths.resolve().root == tmp_path / "env"
