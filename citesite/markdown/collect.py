"""Collect what the checks need from a converted page: its headings and key points."""

from __future__ import annotations

import html
import re
import xml.etree.ElementTree as etree

from markdown import Markdown
from markdown.extensions import Extension
from markdown.treeprocessors import Treeprocessor, UnescapeTreeprocessor
from markdown.util import HTML_PLACEHOLDER_RE

from citesite.markdown.state import PageState, state_of

COLLECT_PRIORITY = 4  # after 'toc' (5) has given every heading its id
_UNESCAPE = UnescapeTreeprocessor()  # turns backslash escapes ('\\*') back into their characters


def _text(element: etree.Element, md: Markdown, skip: tuple[str, ...] = ("headerlink",)) -> str:
    """The visible text of an element, without permalinks and citation numbers."""
    return " ".join(_plain(_raw_text(element, skip), md).split())


def _raw_text(element: etree.Element, skip: tuple[str, ...]) -> str:
    parts = [element.text or ""]
    for child in element:
        if child.tag != "sup" and child.get("class") not in skip:
            parts.append(_raw_text(child, skip))
        parts.append(child.tail or "")
    return "".join(parts)


def _plain(text: str, md: Markdown) -> str:
    """Text with Python-Markdown's placeholders replaced by what they stand for (entities, smart quotes, escapes).

    Entities ('&amp;', and the quotes 'smarty' makes) and inline HTML are stashed until the very end, so without
    this a heading like "Magnesium's role" would reach the table of contents as placeholder codes.
    """

    def unstash(match: re.Match[str]) -> str:
        try:
            raw = str(md.htmlStash.rawHtmlBlocks[int(match.group(1))])
        except (IndexError, ValueError):
            return ""
        return html.unescape(re.sub(r"<[^>]*>", "", raw))  # inline HTML counts by its text only

    return _UNESCAPE.unescape(HTML_PLACEHOLDER_RE.sub(unstash, text))


class CollectTreeprocessor(Treeprocessor):
    """Record headings (and warn on skipped levels) and the key points."""

    def run(self, root: etree.Element) -> None:
        state = state_of(self.md)
        previous_level = 1  # the page title is the <h1>
        count = 0
        for element in root.iter():
            tag = element.tag
            if isinstance(tag, str) and len(tag) == 2 and tag[0] == "h" and tag[1].isdigit():
                level, text = int(tag[1]), _text(element, self.md)
                count += 1
                if level == 1:
                    state.warn(
                        f"heading '{text}' uses '#'; start body headings at '##' (the title is the page's heading)",
                        text,
                        _heading_line(state, count - 1, text),
                    )
                elif level > previous_level + 1:
                    state.warn(
                        f"heading '{text}' skips from level {previous_level} to {level}; use {'#' * (previous_level + 1)}",
                        text,
                        _heading_line(state, count - 1, text),
                    )
                previous_level = level
                state.headings.append((level, element.get("id", ""), text))
            elif tag == "div" and "keypoints" in element.get("class", "").split():
                state.keypoints.extend(_text(item, self.md) for item in element.iter("li"))


def _heading_line(state: PageState, number: int, text: str) -> int:
    """The line of the page's heading number number (from 0): headings are counted in the source, in order.

    Their text is not searched for: smart quotes, entities and links make it differ from what was written.
    """
    lines = state.locator.heading_lines()
    return lines[number] if number < len(lines) else state.line_of(text)


class CollectExtension(Extension):
    """Registers the collector."""

    def extendMarkdown(self, md: Markdown) -> None:  # noqa: N802
        """Add the collecting treeprocessor."""
        md.treeprocessors.register(CollectTreeprocessor(md), "citesite-collect", COLLECT_PRIORITY)
