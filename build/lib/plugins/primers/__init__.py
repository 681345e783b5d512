"""MkDocs plugin `toolkit-primers`: one primer per role, as a site page and a PDF."""
