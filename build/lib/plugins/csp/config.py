"""Configuration of the CSP plugin."""
from mkdocs.config import base
from mkdocs.config import config_options as c


class CspConfig(base.Config):
    """The policy's fixed part; hashes of the theme's inline scripts are added per page."""

    enabled = c.Type(bool, default=True)
    policy = c.Type(
        str,
        default=(
            "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'{hashes}; "
            "style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self'; "
            "connect-src 'self'; worker-src 'self'; object-src 'none'; base-uri 'self'; form-action 'none'"
        ),
    )
