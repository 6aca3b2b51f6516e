"""viewer/core must never import Qt: it is shared by the CLI, tests and the GUI alike."""

from __future__ import annotations

import ast
from pathlib import Path

CORE = Path(__file__).resolve().parents[2] / "viewer" / "core"
FORBIDDEN = ("PySide6", "PyQt5", "PyQt6", "shiboken6", "viewer.gui", "viewer.app")


def _imports(path: Path) -> list[str]:
    names = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names += [a.name for a in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.append(node.module)
    return names


def test_core_has_python_files() -> None:
    assert len(list(CORE.rglob("*.py"))) >= 5


def test_core_never_imports_qt() -> None:
    offenders = [
        f"{path.relative_to(CORE)}: {name}"
        for path in CORE.rglob("*.py")
        for name in _imports(path)
        if name.split(".")[0] in FORBIDDEN or name.startswith(FORBIDDEN)
    ]
    assert offenders == []


def test_the_check_catches_a_qt_import(tmp_path: Path) -> None:
    bad = tmp_path / "bad.py"
    bad.write_text("from PySide6.QtCore import QObject\nimport viewer.gui.mainwindow\n")
    assert _imports(bad) == ["PySide6.QtCore", "viewer.gui.mainwindow"]
