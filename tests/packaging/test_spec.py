"""What packaging/viewer.spec leaves out of the bundle is never used: checked from the source tree.

The self-test (every reader on its sample file, search, export) runs with the spec's excluded modules
made unimportable, as they are in the bundle, and with babel's locale data (pruned after Analysis)
unreadable. A reader that starts to need one of them fails here, before anyone builds a bundle.
"""

from __future__ import annotations

import ast
import os
import subprocess
import sys
from pathlib import Path

from tests.conftest import REPO

SPEC = REPO / "packaging" / "viewer.spec"

_RUN = """
import importlib.abc, sys

BLOCKED = {blocked!r}


class LeftOut(importlib.abc.MetaPathFinder):
    def find_spec(self, name, path=None, target=None):
        if any(name == b or name.startswith(b + ".") for b in BLOCKED):
            raise ModuleNotFoundError(f"{{name}} is not in the bundle (viewer.spec excludes it)", name=name)
        return None


def audit(event, args):
    if event == "open" and "babel/locale-data" in str(args[0]).replace("\\\\", "/"):
        raise PermissionError(f"babel's locale data is not in the bundle: {{args[0]}}")


sys.meta_path.insert(0, LeftOut())
sys.addaudithook(audit)
from viewer.selftest import run_self_test

sys.exit(run_self_test(verbose=True))
"""


def spec_excludes() -> list[str]:
    """The `excludes` list of the spec (a literal list of module names)."""
    for node in ast.parse(SPEC.read_text(encoding="utf-8")).body:
        if isinstance(node, ast.Assign) and [getattr(t, "id", None) for t in node.targets] == ["excludes"]:
            return list(ast.literal_eval(node.value))
    raise AssertionError(f"no `excludes = [...]` in {SPEC}")


def test_spec_excludes_what_the_readers_never_import() -> None:
    excludes = spec_excludes()
    for name in ("dateparser", "regex", "pytz", "tzlocal", "ssl", "lxml.objectify"):
        assert name in excludes


def test_self_test_passes_without_what_the_bundle_leaves_out(tmp_path: Path) -> None:
    env = {**os.environ, "HOME": str(tmp_path)}
    result = subprocess.run(
        [sys.executable, "-c", _RUN.format(blocked=spec_excludes())],
        cwd=REPO,
        env=env,
        capture_output=True,
        timeout=300,
    )
    out = result.stdout.decode("utf-8")
    assert result.returncode == 0, out + result.stderr.decode("utf-8", "replace")
    assert "5 sample files read (docx, epub, html, pdf)" in out
