"""Rebuild speed: what each output was made from, what a rebuild must redo, and the journal of incremental writes.

The package stays light on import: a build with nothing to do decides so without Markdown, Jinja or YAML.
"""
