"""Compressed copies of the site's large files (`.br` and `.gz` beside each), for hosts that serve them."""
