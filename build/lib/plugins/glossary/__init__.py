"""MkDocs plugin `toolkit-glossary`: one YAML glossary, rendered as a page and as tooltips."""
