"""Let `python -m viewer` behave exactly like the `archive-viewer` command; also the frozen entry point."""

import multiprocessing

# First of all: in a frozen build a large archive's indexer child (viewer/gui/index_process.py) is this
# same executable started again; freeze_support() runs the child's work there and exits. A no-op otherwise.
multiprocessing.freeze_support()

from viewer.launcher import main  # noqa: E402  (after freeze_support, so the indexer child imports no more)

raise SystemExit(main())
