"""Qt rendering without widgets, shared by the window and the CLI: the bundled font and PDF export.

The core cannot import Qt and the CLI never imports the GUI; what both need of Qt lives here.
"""
