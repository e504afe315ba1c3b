"""The base of the site's inline patterns: Python-Markdown's InlineProcessor, typed the way it is called."""

from __future__ import annotations

import re
import xml.etree.ElementTree as etree

from markdown.inlinepatterns import InlineProcessor

Match = tuple[etree.Element | str | None, int | None, int | None]  # what replaces the text, and where it was


class SiteInlineProcessor(InlineProcessor):
    """An InlineProcessor whose match_text says what a match becomes (None, None, None: no match)."""

    # Python-Markdown's stubs give Pattern.handleMatch one argument; an InlineProcessor's is called with two.
    def handleMatch(self, m: re.Match[str], data: str) -> Match:  # type: ignore[override]  # noqa: N802
        """Python-Markdown's entry point: what match_text makes of the match."""
        return self.match_text(m, data)

    def match_text(self, m: re.Match[str], data: str) -> Match:
        """What replaces the match in data, and where it starts and ends."""
        raise NotImplementedError
