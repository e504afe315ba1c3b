"""Tell the search index what in a page answers a question: key points count more, box titles not at all."""

from __future__ import annotations

import xml.etree.ElementTree as etree

from markdown import Markdown
from markdown.extensions import Extension
from markdown.treeprocessors import Treeprocessor

SEARCH_MARKS_PRIORITY = 2  # after 'admonition' built its boxes and 'toc' (5) its ids; before the attribute check (1)
KEY_POINTS_WEIGHT = "5"  # Pagefind weighs body text 1 and an <h2> 6: the key points are the page's answer in brief


class SearchMarksTreeprocessor(Treeprocessor):
    """Weigh the key points up; keep every box's title ("Key points", "Note") out of the index and its excerpts."""

    def run(self, root: etree.Element) -> None:
        for element in root.iter("div"):
            classes = element.get("class", "").split()
            if "admonition" not in classes:
                continue
            if "keypoints" in classes:
                element.set("data-pagefind-weight", KEY_POINTS_WEIGHT)
            for title in element.iter("p"):
                if "admonition-title" in title.get("class", "").split():
                    title.set("data-pagefind-ignore", "")


class SearchMarksExtension(Extension):
    """Registers the search marks."""

    def extendMarkdown(self, md: Markdown) -> None:  # noqa: N802
        """Add the treeprocessor that marks key points and box titles for the search index."""
        md.treeprocessors.register(SearchMarksTreeprocessor(md), "citesite-search-marks", SEARCH_MARKS_PRIORITY)
