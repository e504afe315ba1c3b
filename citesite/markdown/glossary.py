"""Mark the first use of each glossary term in a page and link it to the glossary.

The page's texts are searched in one pass, in the order the marker reads them, stopping once every term
was seen; only the texts holding a first use are then split. That gives what searching each text in turn
gives, because a name cannot run across two texts (they are joined with a character no name holds) and
every name begins and ends with a letter or digit (so no match depends on where a text was split); a
glossary with other names is searched text by text.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as etree
from bisect import bisect_right
from collections.abc import Iterator
from typing import NamedTuple

from markdown import Markdown
from markdown.extensions import Extension
from markdown.treeprocessors import Treeprocessor

from citesite.markdown.state import SiteIndex, state_of
from citesite.markdown.wordtrie import names_pattern
from citesite.source.terms import Term

GLOSSARY_PRIORITY = 12  # after citation numbering (15); before 'toc' (5), which never sees the marks in headings
SKIP_TAGS = {
    "a",
    "abbr",
    "code",
    "dfn",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "kbd",
    "pre",
    "script",
    "style",
    "sup",
    "summary",
}
_JOIN = "\0"  # between the texts searched in one pass: no name holds it, and it is not a word character
_WORDLIKE = re.compile(r"\w(?:.*\w)?", re.DOTALL)
Slot = tuple[etree.Element, etree.Element | None]  # an element's text (None), or the tail of its child


class _Matcher(NamedTuple):
    """One language's glossary names: the term each names, the pattern finding them, and how to search."""

    by_name: dict[str, Term]
    pattern: re.Pattern[str] | None
    one_pass: bool
    terms: int


class GlossaryTreeprocessor(Treeprocessor):
    """Wrap the first use of each term in <a class="term"> with its definition as the title."""

    def __init__(self, md: Markdown, index: SiteIndex) -> None:
        super().__init__(md)
        self.index = index
        self._matchers: dict[str, _Matcher] = {}
        self._use(self._matcher(""))

    def _matcher(self, code: str) -> _Matcher:
        """The names of language code's glossary and how to find them, made on first use."""
        if code not in self._matchers:
            by_name: dict[str, Term] = {}
            for term in self.index.data.glossary_in(code):
                for name in (term.term, *term.aliases):
                    by_name[name.casefold()] = term
            names = sorted(by_name, key=len, reverse=True)  # longest first: "bone mineral density" before "bone"
            self._matchers[code] = _Matcher(
                by_name,
                names_pattern(names) if names else None,
                all(_WORDLIKE.fullmatch(name) and _JOIN not in name for name in names),
                len({term.id for term in by_name.values()}),
            )
        return self._matchers[code]

    def _use(self, matcher: _Matcher) -> None:
        self.by_name, self.pattern, self.one_pass, self.terms = matcher

    def run(self, root: etree.Element) -> None:
        state = state_of(self.md)
        code = state.language(self.index)
        glossary_url = self.index.glossary_url_in(code)
        self._use(self._matcher(code))
        if self.pattern is None or glossary_url is None or state.url == glossary_url:
            return
        self.used: set[str] = set()
        self.href = state.link_to(glossary_url)
        if not self.one_pass:
            self._walk(root)
            return
        slots = list(self._slots(root))
        for number in self._first_uses(slots):
            element, child = slots[number]
            if child is None:
                element.text, marks = self._mark(element.text or "")
                index = 0
            else:
                child.tail, marks = self._mark(child.tail or "")
                index = list(element).index(child) + 1
            for offset, mark in enumerate(marks):
                element.insert(index + offset, mark)

    def _slots(self, element: etree.Element) -> Iterator[Slot]:
        """Every text the marker reads, in the order _walk reads them."""
        if element.tag in SKIP_TAGS or "no-glossary" in element.get("class", ""):
            return
        if element.text:
            yield element, None
        for child in element:
            yield from self._slots(child)
            if child.tail:
                yield element, child

    def _first_uses(self, slots: list[Slot]) -> list[int]:
        """The positions, in order, of the texts that hold the first use of a term."""
        assert self.pattern is not None
        texts = [(element.text if child is None else child.tail) or "" for element, child in slots]
        starts, at = [], 0
        for text in texts:
            starts.append(at)
            at += len(text) + len(_JOIN)
        seen: set[str] = set()
        found: list[int] = []
        for match in self.pattern.finditer(_JOIN.join(texts)):
            term = self.by_name[match.group(1).casefold()]
            if term.id in seen:
                continue
            seen.add(term.id)
            number = bisect_right(starts, match.start()) - 1
            if not found or found[-1] != number:
                found.append(number)
            if len(seen) == self.terms:
                break
        return found

    def _walk(self, element: etree.Element) -> None:
        if element.tag in SKIP_TAGS or "no-glossary" in element.get("class", ""):
            return
        if element.text:
            element.text, marks = self._mark(element.text)
            for position, mark in enumerate(marks):
                element.insert(position, mark)
        for child in list(element):
            self._walk(child)
            if child.tail:
                child.tail, marks = self._mark(child.tail)
                index = list(element).index(child) + 1
                for offset, mark in enumerate(marks):
                    element.insert(index + offset, mark)

    def _mark(self, text: str) -> tuple[str, list[etree.Element]]:
        """Split text at the first use of unused terms; return the leading text and the new links."""
        assert self.pattern is not None
        marks: list[etree.Element] = []
        head: str | None = None
        last = 0
        for match in self.pattern.finditer(text):
            term = self.by_name[match.group(1).casefold()]
            if term.id in self.used:
                continue
            self.used.add(term.id)
            piece = text[last : match.start()]
            if marks:
                marks[-1].tail = piece
            else:
                head = piece
            link = etree.Element("a", {"class": "term", "href": f"{self.href}#{term.id}", "title": term.definition})
            if term.also:  # the page is found by the spellings readers type, which it never shows
                link.set("data-pagefind-meta", term.spellings_meta)
            link.text = match.group(1)
            marks.append(link)
            last = match.end()
        if not marks:
            return text, []
        marks[-1].tail = text[last:]
        return head or "", marks


class GlossaryExtension(Extension):
    """Registers the glossary marker."""

    def __init__(self, index: SiteIndex) -> None:
        super().__init__()
        self.index = index

    def extendMarkdown(self, md: Markdown) -> None:  # noqa: N802
        """Add the glossary treeprocessor."""
        md.treeprocessors.register(GlossaryTreeprocessor(md, self.index), "citesite-glossary", GLOSSARY_PRIORITY)
