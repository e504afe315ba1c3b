"""Turning the model into pages: the Jinja environment, each page's context, charts, assets, the site-wide files."""
