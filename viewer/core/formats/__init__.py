"""Readers for non-text files (HTML, PDF, DOCX, EPUB): each turns a file into an `Extracted` text."""
