"""The Qt widgets: thin adapters over viewer.core; no domain logic lives here."""
