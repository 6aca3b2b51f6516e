"""Archive Viewer (档案阅览): read, search and excerpt Chinese archives offline."""

__version__ = "0.1.0"
