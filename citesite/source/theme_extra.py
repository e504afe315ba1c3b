"""The values under site.yaml's 'extra:' that the default theme reads: checked here, so a wrong type is
reported at its line in content/site.yaml rather than as a template error in a theme file."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from citesite.errors import Problems
from citesite.source.yamlfile import describe_kind

# extra.search_hints: the example query in each search box (partials/header.html, 404.html, search.html).
SEARCH_HINTS = ("header", "not_found", "search_page")


def check_theme_extra(extra: Any, rel: Path, problems: Problems) -> None:
    """Report each value the theme reads from extra: that is not of the kind it needs."""
    if not isinstance(extra, dict) or "search_hints" not in extra:
        return
    hints = extra["search_hints"]
    line = getattr(extra, "lines", {}).get("search_hints")
    example = 'search_hints: {header: "Search, e.g. comets"}'
    if not isinstance(hints, dict):
        problems.error(
            f"'extra: search_hints': expected a mapping of {', '.join(SEARCH_HINTS)} to text, got "
            f"{describe_kind(hints)}; write e.g. {example}",
            rel,
            line,
        )
        return
    for key, value in hints.items():
        where = getattr(hints, "lines", {}).get(key, line)
        # other keys are left alone: a site's own templates may read more of extra: than the theme does
        if key in SEARCH_HINTS and value is not None and not isinstance(value, str):
            problems.error(
                f"'extra: search_hints: {key}': expected text, got {describe_kind(value)}; put it in quotes", rel, where
            )
