"""Screenshots of what a person sees, for looking at (not a test): run under Xvfb with xdotool.

    xvfb-run -a -s "-screen 0 1400x900x24" .venv/bin/python tests/perf/screenshot_tour.py OUT_DIR LANG [ARCHIVE QUERY]

The app's real window on the seeds (or ARCHIVE): the query is typed with xdotool into the search box
(Ctrl+K, the keys, Return), F3 opens the first hit, then the results with their true totals, the
KWIC view, the chart, the repairs view and the bookmarks are each shown and the X screen grabbed
with ImageMagick's `import`: OUT_DIR/LANG-{results,kwic,chart,repairs,bookmarks}.png.
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication

from viewer.app import build_window, create_application
from viewer.cli import Context, build_parser
from viewer.paths import DataPaths, bundled_archive
from viewer.settings import Settings


def xdotool(*args: str) -> None:
    """Send keys or clicks without blocking: the app must handle each key while xdotool's temporary
    keymap for a Chinese character is still in place."""
    subprocess.Popen(["xdotool", *args])


def main() -> int:
    out = Path(sys.argv[1])
    language = sys.argv[2]
    archive = Path(sys.argv[3]) if len(sys.argv) > 3 else bundled_archive()
    query = sys.argv[4] if len(sys.argv) > 4 else "区域合作"
    out.mkdir(parents=True, exist_ok=True)
    home = Path(tempfile.mkdtemp(prefix="archive-viewer-tour-"))
    args = build_parser().parse_args(["--archive", str(archive)])
    ctx = Context(archive, DataPaths(home), Settings(language=language), args)
    app = create_application()
    window = build_window(ctx, app=app)
    window.resize(1400, 900)
    window.move(0, 0)
    window.show()

    def later(ms: int, step: Callable[[], None]) -> None:
        QTimer.singleShot(ms, step)

    def grab(name: str) -> None:
        QApplication.processEvents()
        path = out / f"{language}-{name}.png"
        subprocess.run(["import", "-window", "root", str(path)], check=False)
        print(f"wrote {path}")

    def wait_until(ready: Callable[[], bool], then: Callable[[], None], tries: int = 600) -> None:
        if ready() or tries <= 0:
            then()
        else:
            later(100, lambda: wait_until(ready, then, tries - 1))

    def type_query() -> None:
        box = window.search_bar.query_box
        centre = box.mapToGlobal(box.rect().center())
        xdotool("mousemove", str(centre.x()), str(centre.y()), "click", "1")  # X focus, as a user's click
        later(300, keys)

    def keys() -> None:
        xdotool("key", "ctrl+k")
        later(300, lambda: xdotool("type", "--delay", "150", query))
        later(600 + 200 * len(query), lambda: xdotool("key", "Return"))
        results = window.results.results
        wait_until(lambda: results() is not None and results().query == query, open_hit)

    def open_hit() -> None:
        xdotool("key", "F3")
        later(800, lambda: (grab("results"), show_kwic()))

    def show_kwic() -> None:
        window.results_tabs.setCurrentWidget(window.kwic_view)
        wait_until(lambda: window.kwic_view.result() is not None, lambda: later(500, after_kwic))

    def after_kwic() -> None:
        grab("kwic")
        window.results_tabs.setCurrentWidget(window.hits_chart)
        if len(window.results.results().facets.get("folder", {})) > 1:
            window.hits_chart.set_field("folder")  # an archive in folders: the chart by folder
        later(500, after_chart)

    def after_chart() -> None:
        grab("chart")
        window.results_tabs.setCurrentWidget(window.results)
        repaired = [d for d in window.archive.documents if d.repaired]
        if repaired:
            window.open_document(max(repaired, key=lambda d: d.size).id)
        xdotool("key", "ctrl+r")  # the repairs view
        later(800, pick_change)

    def pick_change() -> None:
        tree = window.repairs.repairs
        for i in range(tree.topLevelItemCount()):
            item = tree.topLevelItem(i)
            if item is not None and item.childCount():
                tree.setCurrentItem(item.child(0))
                break
        later(800, lambda: (grab("repairs"), bookmarks()))

    def bookmarks() -> None:
        xdotool("key", "ctrl+r")  # the repairs view away again
        xdotool("key", "--delay", "300", "ctrl+d", "Next", "ctrl+d", "Next", "ctrl+d")
        if window.bookmarks_dock is not None:
            window.bookmarks_dock.show()
            window.bookmarks_dock.raise_()
        later(2500, lambda: (grab("bookmarks"), finish()))

    def finish() -> None:
        window.close()
        app.exit(0)

    wait_until(
        lambda: window.search_index is not None and not window.archive_jobs.is_working(), type_query, 3000
    )
    window.start()
    later(300_000, lambda: app.exit(2))
    return int(app.exec())


if __name__ == "__main__":
    raise SystemExit(main())
