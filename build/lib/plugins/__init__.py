"""Thin MkDocs adapters between the site build and the pure-Python parts of the project."""
