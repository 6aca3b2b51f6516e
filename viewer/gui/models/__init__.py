"""Thin Qt item models over core objects: the document tree and the search results."""
