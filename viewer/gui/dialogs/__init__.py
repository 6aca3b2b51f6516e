"""Dialogs: preferences, keyboard shortcuts, about."""
