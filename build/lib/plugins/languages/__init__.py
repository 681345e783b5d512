"""MkDocs plugin `toolkit-languages`: the site's interface strings in the language being built."""
