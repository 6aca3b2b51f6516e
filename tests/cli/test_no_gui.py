"""The CLI is the headless face of the core: nothing it imports, directly or through other viewer
modules, may be the GUI (viewer.gui). Qt rendering it needs (PDF, the bundled font) is viewer.render."""

from __future__ import annotations

import ast
from pathlib import Path

VIEWER = Path(__file__).resolve().parents[2] / "viewer"


def _viewer_imports(module: str) -> set[str]:
    """The viewer.* modules `module` imports anywhere in its file (inside functions too)."""
    path = VIEWER.parent / (module.replace(".", "/") + ".py")
    if not path.exists():
        path = VIEWER.parent / module.replace(".", "/") / "__init__.py"
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("viewer"):
            found.add(node.module)
        elif isinstance(node, ast.Import):
            found.update(a.name for a in node.names if a.name.startswith("viewer"))
    return found


def test_the_cli_never_imports_the_gui() -> None:
    seen: set[str] = set()
    todo = ["viewer.cli"]
    paths: dict[str, str] = {}
    while todo:
        module = todo.pop()
        if module in seen:
            continue
        seen.add(module)
        for imported in _viewer_imports(module):
            if imported not in seen:
                paths.setdefault(imported, module)
                todo.append(imported)
    gui = sorted(m for m in seen if m == "viewer.gui" or m.startswith("viewer.gui.") or m == "viewer.app")
    assert gui == [], {m: paths[m] for m in gui}
    assert "viewer.render.pdf" in seen  # PDF export is still reachable, without the GUI
