"""Let `python -m viewer` behave exactly like the `archive-viewer` command."""

from viewer.cli import main

raise SystemExit(main())
