"""The bundled toolbar icons: every name draws, in the palette's text colour, licensed and in the bundle."""

from __future__ import annotations

from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest

from PySide6.QtGui import QColor, QIcon

from viewer.gui.icons import ICON_NAMES, ICON_SOURCES, icon, icon_path, icons_dir
from viewer.paths import resources_dir

REPO = Path(__file__).resolve().parents[2]
LICENSE = resources_dir() / "licenses" / "Tabler-Icons-MIT.txt"


def _opaque_colours(qicon: QIcon, size: int = 32) -> set[str]:
    image = qicon.pixmap(size, size).toImage()
    return {
        image.pixelColor(x, y).name()
        for x in range(image.width())
        for y in range(image.height())
        if image.pixelColor(x, y).alpha() == 255
    }


def test_every_name_draws_a_non_null_icon_at_toolbar_sizes(qapp) -> None:
    assert len(ICON_NAMES) >= 25
    for name in ICON_NAMES:
        drawn = icon(name)
        assert not drawn.isNull(), name
        assert not drawn.pixmap(24, 24).isNull(), name
        assert _opaque_colours(drawn), f"{name} draws nothing"


def test_the_folder_holds_exactly_the_listed_icons_all_from_one_outline_set() -> None:
    assert sorted(p.stem for p in icons_dir().glob("*.svg")) == sorted(ICON_NAMES)
    for name in ICON_NAMES:
        svg = icon_path(name).read_text(encoding="utf-8")
        assert f"icon-tabler-{ICON_SOURCES[name]}" in svg and 'stroke="currentColor"' in svg, name


def test_icons_take_the_palette_text_colour_and_are_cached_per_colour(qapp) -> None:
    red, pale = QColor("#ff0000"), QColor("#e8e8e8")  # a light stroke, as on a dark theme
    assert _opaque_colours(icon("search", red)) == {"#ff0000"}
    assert _opaque_colours(icon("search", pale)) == {"#e8e8e8"}
    assert icon("search", red) is icon("search", QColor("#ff0000"))
    assert icon("search", red) is not icon("search", pale)
    text = qapp.palette().windowText().color().name()
    assert _opaque_colours(icon("zoom-in")) == {text}


def test_an_unknown_name_is_a_clear_error(qapp) -> None:
    with pytest.raises(KeyError, match="no bundled icon named 'zoom-inn'"):
        icon("zoom-inn")


def test_the_licence_is_kept_with_the_other_bundled_licences() -> None:
    text = LICENSE.read_text(encoding="utf-8")
    assert "MIT License" in text and "Paweł Kuna" in text and "Permission is hereby granted" in text
    readme = (resources_dir() / "licenses" / "README.md").read_text(encoding="utf-8")
    assert "Tabler-Icons-MIT.txt" in readme


def test_the_frozen_app_bundles_the_icons_their_licence_and_the_svg_plugins(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The spec run with PyInstaller's build steps stubbed: what COLLECT would put in the bundle."""
    hooks = pytest.importorskip("PyInstaller.utils.hooks")
    monkeypatch.setattr(hooks, "collect_submodules", lambda *a, **k: [])
    monkeypatch.setattr(hooks, "copy_metadata", lambda *a, **k: [])
    collected: dict[str, Any] = {}

    def analysis(*_args: Any, datas: list[tuple[str, str]], **_kwargs: Any) -> SimpleNamespace:
        toc = [(str(Path(dest) / Path(src).name), src, "DATA") for src, dest in datas if Path(src).is_file()]
        return SimpleNamespace(binaries=[], datas=toc, pure=[], scripts=[])

    def collect(*args: Any, **_kwargs: Any) -> None:
        collected["datas"] = args[-1]

    spec = REPO / "packaging" / "viewer.spec"
    namespace: dict[str, Any] = {
        "SPECPATH": str(spec.parent),
        "Analysis": analysis,
        "PYZ": lambda *a, **k: None,
        "EXE": lambda *a, **k: None,
        "COLLECT": collect,
        "BUNDLE": lambda *a, **k: None,
    }
    exec(compile(spec.read_text(encoding="utf-8"), str(spec), "exec"), namespace)
    bundled = {Path(dest).as_posix() for dest, _src, _kind in collected["datas"]}
    for name in ICON_NAMES:
        assert f"resources/icons/actions/{name}.svg" in bundled, name
    assert "resources/licenses/Tabler-Icons-MIT.txt" in bundled
    unwanted = namespace["_unwanted"]
    assert not unwanted("PySide6/Qt/plugins/imageformats/libqsvg.so")
    assert not unwanted("PySide6/Qt/plugins/iconengines/libqsvgicon.so")
    assert not unwanted("PySide6/Qt/lib/libQt6Svg.so.6")
