"""Pandoc's bracketed spans, '[text]{#id .class key=value}': a <span> with those attributes.

Lessons written for Pandoc (The Carpentries' among them) mark words this way. The span's attributes are
checked at the end with every other attribute (citesite.markdown.attributes), and its id is an anchor like
a heading's: the anchor check reads the ids of the finished page. A plain '[text]', a link and a link with
an attribute list ('[text](url){: .class}') are left to the patterns they always went to.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as etree

from markdown import Markdown
from markdown.extensions import Extension
from markdown.extensions.attr_list import AttrListTreeprocessor, get_attrs_and_remainder
from markdown.inlinepatterns import NOIMG, LinkInlineProcessor

from citesite.markdown.inline import Match, SiteInlineProcessor

SPAN_PRIORITY = 165  # after 'reference' (170): '[text][ref]' stays a link; before 'link' (160), as in the text
SPAN_PATTERN = NOIMG + r"\["
# '{' right after the ']', then at least one name: '[text]{}' and '[a]{{ value }}' are not spans
_ATTRIBUTES = re.compile(r"\{:?[ ]*([^\s{}][^{}\n]*)\}")


def _xml_name(name: str) -> str:
    """The name as attr_list makes it an XML name (its own function is public only from Markdown 3.11.2)."""
    return AttrListTreeprocessor.NAME_RE.sub("_", name)


def read_attributes(written: str) -> tuple[list[tuple[str, str]], str]:
    """The (name, value) pairs of '#id .class key=value' as an element gets them, and what is not such a pair.

    Pandoc's attributes, as bracketed spans and fenced divs write them; the second part is '' when all of it reads.
    """
    pairs, remainder = get_attrs_and_remainder(written)
    unread = [remainder] if remainder else []
    classes: list[str] = []
    found: list[tuple[str, str]] = []
    for name, value in pairs:
        if value is None or (value == name and f"{name}=" not in written):
            unread.append(name)  # a bare word (Markdown before 3.11.2 gives it as name=name): Pandoc reads it as text
        elif name == ".":
            classes.append(value)
        else:
            found.append((_xml_name(name), value))
    return ([("class", " ".join(classes)), *found] if classes else found), " ".join(unread)


def span_attributes(written: str) -> list[tuple[str, str]] | None:
    """The attributes the span gets, or None if the braces are not an attribute list (then they stay text)."""
    found, unread = read_attributes(written)
    return found if found and not unread else None


class SpanInlineProcessor(SiteInlineProcessor, LinkInlineProcessor):
    """'[text]{attributes}' -> <span attributes>text</span>; the text is read for links and emphasis as usual."""

    def match_text(self, m: re.Match[str], data: str) -> Match:
        """The span, where '[' closes with ']' and an attribute list follows at once; else no match."""
        text, index, closed = self.getText(data, m.end(0))
        if not closed:
            return None, None, None
        found = _ATTRIBUTES.match(data, index)
        attributes = span_attributes(found.group(1).rstrip()) if found else None
        if found is None or attributes is None:
            return None, None, None
        span = etree.Element("span")
        for name, value in attributes:
            span.set(name, value)
        self._fill(span, text)
        return span, m.start(0), found.end()

    def _fill(self, span: etree.Element, text: str) -> None:
        """Put text in the span, its own spans made here: Python-Markdown reads a match's text only with the
        patterns after this one, so '[a [b]{.x} c]{.y}' would keep its inner span as written."""
        span.text, last, start = "", None, 0
        for inner in self.compiled_re.finditer(text) if "]{" in text else ():
            if inner.start() < start:
                continue  # inside a span already made
            child, begin, end = self.match_text(inner, text)
            if not isinstance(child, etree.Element) or begin is None or end is None:
                continue
            if last is None:
                span.text += text[start:begin]
            else:
                last.tail = (last.tail or "") + text[start:begin]
            span.append(child)
            last, start = child, end
        if last is None:
            span.text += text[start:]
        else:
            last.tail = (last.tail or "") + text[start:]


class SpanExtension(Extension):
    """Registers the bracketed-span pattern."""

    def extendMarkdown(self, md: Markdown) -> None:  # noqa: N802
        """Add the span pattern between 'reference' and 'link'."""
        md.inlinePatterns.register(SpanInlineProcessor(SPAN_PATTERN, md), "citesite-span", SPAN_PRIORITY)
