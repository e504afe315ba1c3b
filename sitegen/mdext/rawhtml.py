"""Raw HTML in Markdown: scripts, embeds, event handlers and script URLs are refused at their line.

Python-Markdown passes raw HTML through untouched (it keeps it in the HTML stash, out of the tree the
link checker walks). The Content-Security-Policy would block an inline script anyway, but the editor
should be told, not left with a page that silently does nothing.
"""

from __future__ import annotations

import xml.etree.ElementTree as etree
from html.parser import HTMLParser
from urllib.parse import urlsplit

from markdown import Markdown
from markdown.extensions import Extension
from markdown.treeprocessors import Treeprocessor

from .links import UNSAFE_SCHEMES, clean_url
from .state import PageState

RAW_HTML_PRIORITY = 3  # after 'inline' (20) has stashed inline HTML; the order among the late passes does not matter
REFUSED_TAGS = {
    "script": "put scripts in static/js/ and load them from a template",
    "style": "put styles in static/css/ (the Content-Security-Policy blocks inline styles)",
    "iframe": "pages load nothing from other sites; link to it instead",
    "frame": "pages load nothing from other sites; link to it instead",
    "object": "pages load nothing from other sites; link to it instead",
    "embed": "pages load nothing from other sites; link to it instead",
    "base": "it would change where every link on the page points",
    "meta": "page metadata comes from the front matter and the templates",
    "link": "stylesheets and feeds are added by the templates",
}
URL_ATTRIBUTES = {"href", "src", "action", "formaction", "xlink:href", "poster", "data", "cite", "background"}


class _TagCollector(HTMLParser):
    """Every start tag of a piece of raw HTML, with its attributes (entities decoded, as a browser reads them)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, list[tuple[str, str | None]]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, attrs))


def raw_html_problems(html: str) -> list[tuple[str, str]]:
    """(message, text to find the line by) for each unsafe thing in a piece of raw HTML."""
    collector = _TagCollector()
    collector.feed(html)
    collector.close()
    found: list[tuple[str, str]] = []
    for tag, attrs in collector.tags:
        scheme = tag.split(":", 1)[0] if ":" in tag else ""
        if scheme in UNSAFE_SCHEMES:  # '<javascript:…>' written as if it were an autolink
            found.append(
                (f"'{scheme}:' links are not allowed (<{tag[:40]}>); link to a page or an https:// address", tag)
            )
        elif tag in REFUSED_TAGS:
            found.append((f"raw <{tag}> is not allowed in Markdown; {REFUSED_TAGS[tag]}", tag))
        for name, value in attrs:
            if name.startswith("on"):
                found.append(
                    (
                        f"raw HTML event handler '{name}=' is not allowed in Markdown; "
                        "remove it (scripts belong in static/js/)",
                        name,
                    )
                )
            elif name in URL_ATTRIBUTES and value:
                url_scheme = urlsplit(clean_url(value)).scheme.lower()
                if url_scheme in UNSAFE_SCHEMES:
                    found.append(
                        (
                            f"'{url_scheme}:' links are not allowed ({clean_url(value)[:40]}); link to a page or an https:// address",
                            name,
                        )
                    )
    return found


class RawHtmlTreeprocessor(Treeprocessor):
    """Check every piece of raw HTML the page's Markdown stashed."""

    def run(self, root: etree.Element) -> None:
        state: PageState = self.md.page_state  # type: ignore[attr-defined]
        for block in self.md.htmlStash.rawHtmlBlocks:
            text = str(block)
            if "<" not in text:
                continue
            for message, needle in raw_html_problems(text):
                state.error(message, _needle(text, needle))


def _needle(block: str, name: str) -> str:
    """The text to find the problem's line by: from the tag's '<' to the end of its line."""
    position = block.lower().find(name.lower())
    start = block.rfind("<", 0, position + 1) if position >= 0 else 0
    return block[max(start, 0) :].split("\n", 1)[0] or block


class RawHtmlExtension(Extension):
    """Registers the raw HTML check."""

    def extendMarkdown(self, md: Markdown) -> None:  # noqa: N802
        """Add the raw HTML treeprocessor."""
        md.treeprocessors.register(RawHtmlTreeprocessor(md), "sitegen-raw-html", RAW_HTML_PRIORITY)
