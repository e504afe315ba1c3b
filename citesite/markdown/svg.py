"""What makes an SVG unsafe to publish: scripts, event handlers and links to other files."""

from __future__ import annotations

import re

UNSAFE_SVG = re.compile(r"<script|<foreignObject|\son\w+\s*=|(?:href|src)\s*=\s*[\"'](?!#)", re.IGNORECASE)
_PROLOGUE = re.compile(r"<\?xml[^>]*\?>|<!DOCTYPE[^>]*>|<!--.*?-->", re.DOTALL)


def strip_prologue(svg: str) -> str:
    """The SVG without its XML declaration, doctype and comments (none of them is part of the drawing)."""
    return _PROLOGUE.sub("", svg).strip()


def svg_problem(svg: str) -> str:
    """Why an SVG cannot be inlined, or ''."""
    if not svg.startswith("<svg"):
        return "must start with <svg"
    if UNSAFE_SVG.search(svg):
        return "contains a script, an event handler or a link to another file; remove it"
    if 'role="img"' not in svg or "<title" not in svg:
        return 'needs role="img" and a <title> on the <svg> so screen readers can describe it'
    return ""
