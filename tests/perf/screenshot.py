"""Take a real screenshot of the window (run under Xvfb: `make screenshot`) so a person can look at it.

Opens the app on the seeds, searches 区域合作, opens the hit in the traditional notice and grabs the
whole X screen into the PNG given on the command line (default screenshots/main.png). Optional
arguments: the UI language (zh_CN), another archive folder and another query, e.g.
`screenshot.py shot.png en ../shared/corpus/poetry 明月`.
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

from PySide6.QtCore import QTimer
from PySide6.QtGui import QGuiApplication

from viewer.app import build_window, create_application
from viewer.cli import Context, build_parser
from viewer.paths import DataPaths, bundled_archive
from viewer.settings import Settings


def main() -> int:
    out = Path(sys.argv[1] if len(sys.argv) > 1 else "screenshots/main.png")
    out.parent.mkdir(parents=True, exist_ok=True)
    home = Path(tempfile.mkdtemp(prefix="archive-viewer-shot-"))
    settings = Settings(language=sys.argv[2] if len(sys.argv) > 2 else "zh_CN")
    archive = Path(sys.argv[3]) if len(sys.argv) > 3 else bundled_archive()
    query = sys.argv[4] if len(sys.argv) > 4 else "区域合作"
    args = build_parser().parse_args(["--archive", str(archive)] if len(sys.argv) > 3 else [])
    ctx = Context(archive, DataPaths(home), settings, args)
    app = create_application()
    window = build_window(ctx, app=app)
    window.resize(1400, 900)
    window.move(0, 0)
    window.show()

    def search() -> None:
        window.search_bar.set_query(query)
        window.run_search(query)

    def open_hit(_results: object) -> None:
        window.next_hit()
        QTimer.singleShot(800, grab)

    def grab() -> None:
        screen = QGuiApplication.primaryScreen()
        pixmap = screen.grabWindow(0)
        ok = pixmap.save(str(out))
        print(f"{'wrote' if ok else 'could not write'} {out} ({pixmap.width()}x{pixmap.height()})")
        window.close()
        app.exit(0 if ok else 1)

    window.index_ready.connect(search)
    window.search_finished.connect(open_hit)
    window.start()
    QTimer.singleShot(60_000, lambda: app.exit(2))
    return int(app.exec())


if __name__ == "__main__":
    raise SystemExit(main())
