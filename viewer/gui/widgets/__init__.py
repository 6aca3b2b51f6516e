"""Widgets of the main window: the parallel text view, the search panel, the repairs panel."""
