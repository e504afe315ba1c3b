"""'[@key]' citations: numbered superscript links to the article's generated reference list."""

from __future__ import annotations

import re
import xml.etree.ElementTree as etree

from markdown import Markdown
from markdown.extensions import Extension
from markdown.treeprocessors import Treeprocessor
from markdown.util import AtomicString

from citesite.markdown.inline import Match, SiteInlineProcessor
from citesite.markdown.state import SiteIndex, state_of
from citesite.source.data import REFERENCES_FILE
from citesite.source.suggest import did_you_mean

CITATION_PATTERN = r"\[@([\w:.-]+(?:\s*[;,]\s*@[\w:.-]+)*)\]"
CITATION_PRIORITY = 174  # before 'reference' (170) so '[@x]' is never read as a link; after footnotes (175)
NUMBERING_PRIORITY = 15  # after 'inline' (20) so every citation, in tables too, exists in document order


class CitationInlineProcessor(SiteInlineProcessor):
    """'[@a; @b]' -> a placeholder <sup class="cite"> that numbering fills in."""

    def match_text(self, m: re.Match[str], data: str) -> Match:
        """Replace the citation with a placeholder that carries its keys."""
        keys = [k.strip().lstrip("@") for k in re.split(r"[;,]", m.group(1))]
        sup = etree.Element("sup", {"class": "cite", "data-keys": " ".join(keys)})
        return sup, m.start(0), m.end(0)


class CitationTreeprocessor(Treeprocessor):
    """Number citations by first appearance and link each to its entry in the reference list."""

    def __init__(self, md: Markdown, index: SiteIndex) -> None:
        super().__init__(md)
        self.index = index

    def run(self, root: etree.Element) -> None:
        state = state_of(self.md)
        for sup in root.iter("sup"):
            keys = sup.attrib.pop("data-keys", None)
            if keys is None:
                continue
            links: list[etree.Element] = []
            for key in keys.split():
                if key not in self.index.data.references:
                    # every use of an unknown key is reported, each at its own place: the next '@key' in the text
                    line = state.line_of("@" + key, whole_name=True)
                    near = did_you_mean(key, self.index.data.references)
                    state.error(f"unknown citation '{key}'; add it to content/data/{REFERENCES_FILE}{near}", key, line)
                    continue
                if key not in state.citations:
                    state.citations.append(key)
                link = etree.SubElement(sup, "a", {"href": f"#ref-{key}"})
                link.text = AtomicString(str(state.citations.index(key) + 1))  # final: later passes skip it
                links.append(link)
            sup.text = AtomicString("[" if links else "[?]")
            for link in links[:-1]:
                link.tail = AtomicString(", ")
            if links:
                links[-1].tail = AtomicString("]")


class CitationExtension(Extension):
    """Registers the citation pattern and the numbering pass."""

    def __init__(self, index: SiteIndex) -> None:
        super().__init__()
        self.index = index

    def extendMarkdown(self, md: Markdown) -> None:  # noqa: N802
        """Add the inline pattern and the numbering treeprocessor."""
        md.inlinePatterns.register(CitationInlineProcessor(CITATION_PATTERN, md), "citesite-cite", CITATION_PRIORITY)
        md.treeprocessors.register(CitationTreeprocessor(md, self.index), "citesite-cite-numbers", NUMBERING_PRIORITY)
