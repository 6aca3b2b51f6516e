"""The archive core: documents, ingest, repair, conversion, search and excerpts. No Qt here."""
