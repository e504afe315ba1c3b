"""citesite: a small, strict static site generator (Markdown + YAML + Jinja2)."""

__version__ = "0.1.0"
