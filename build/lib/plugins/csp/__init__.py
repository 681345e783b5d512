"""A Content Security Policy in every page: the site's own origin only."""
