"""Raw HTML in Markdown, judged as a browser parses it: only an explicit list of elements and attributes.

Python-Markdown passes raw HTML through untouched (it keeps it in the HTML stash, out of the tree the
link checker walks). Each piece is parsed here with html5lib, which follows the HTML5 parsing algorithm
browsers use, so comments, CDATA, <textarea>, <noscript> and SVG read the same way they will in the page.
Anything not on the lists below is refused at its line. The Content-Security-Policy would block an inline
script anyway, but it must not be the only wall, and the editor should be told, not left with a page that
silently does nothing.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as etree
from typing import Any

from markdown import Markdown
from markdown.extensions import Extension
from markdown.postprocessors import Postprocessor
from markdown.preprocessors import Preprocessor
from markdown.treeprocessors import Treeprocessor

from citesite.markdown.attributes import REFUSED_TAGS, attribute_problem, element_problem, style_dropped
from citesite.markdown.state import state_of

RAW_HTML_PRIORITY = 3  # after 'inline' (20) has stashed inline HTML; the order among the late passes does not matter
FINISHED_PAGE_PRIORITY = 0  # after every postprocessor: 'raw_html' (30) has put the stash back
FENCED_DONE_PRIORITY = 24  # right after 'fenced_code_block' (25): every stash entry so far is highlighted code
HILITE_BEFORE_PRIORITY, HILITE_AFTER_PRIORITY = 30.5, 29.5  # around 'hilite' (30), which stashes indented code
_PARSERS: list[
    Any
] = []  # html5lib's parser, made on first use: most pages have no raw HTML, and it costs 25 ms to load
_SVG, _MATHML, _XLINK = (
    "{http://www.w3.org/2000/svg}",
    "{http://www.w3.org/1998/Math/MathML}",
    "{http://www.w3.org/1999/xlink}",
)


def _name(tag: str) -> str:
    """An element or attribute name as written: SVG and MathML namespaces left out, xlink: kept."""
    if tag.startswith(_XLINK):
        return "xlink:" + tag[len(_XLINK) :]
    for space in (_SVG, _MATHML):
        if tag.startswith(space):
            return tag[len(space) :]
    return tag.split("}", 1)[-1]


def _parser() -> Any:
    if not _PARSERS:
        import html5lib

        _PARSERS.append(html5lib.HTMLParser(tree=html5lib.getTreeBuilder("etree"), namespaceHTMLElements=False))
    return _PARSERS[0]


def raw_html_problems(html: str, dangerous_only: bool = False, in_drawing: bool = False) -> list[tuple[str, str]]:
    """(message, text to find the line by) for each element or attribute of a piece of raw HTML not allowed.

    dangerous_only: only what can run code or load from elsewhere (for the finished page, which also holds
    the generator's own drawings). in_drawing: the piece continues an <svg> an earlier piece opened (inline
    HTML reaches the stash one tag at a time), so it is read as the browser will, inside the drawing.
    """
    fragment: Any = _parser().parseFragment(f"<svg>{html}</svg>" if in_drawing else html)
    found: list[tuple[str, str]] = []
    for element in fragment.iter():
        if not isinstance(element.tag, str) or element.tag == "DOCUMENT_FRAGMENT":
            continue  # a comment: the browser shows nothing of it
        tag = _name(element.tag)
        foreign = element.tag.startswith((_SVG, _MATHML))
        if dangerous_only and tag == "script" and element.get("type", "").strip().lower() == "application/json":
            continue  # a data block (the intake checker's numbers): browsers never run it
        problem = element_problem(tag, foreign)
        if problem and (not dangerous_only or (tag in REFUSED_TAGS and tag != "style") or ":" in tag):
            found.append((problem, "<" + tag))
        for raw_name, value in element.attrib.items():
            name = _name(raw_name)
            problem = attribute_problem(tag, name, value, raw=True)
            if problem and (not dangerous_only or "event handler" in problem or "links are not allowed" in problem):
                found.append((problem, name))
    return found


# A start tag and its attributes, as the browser's tokenizer reads them (quoted values may hold '>')
_VALUE = r"""(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s>]+))?"""
_START_TAG = re.compile(r"<([A-Za-z][^\s/>]*)((?:[\s/]+[^\s/>=]+" + _VALUE + r")*)[\s/]*>")
_ATTRIBUTE = re.compile(r"([\s/]+)([^\s/>=]+)(" + _VALUE + ")")


def without_styles(html: str) -> tuple[str, list[tuple[str, str]]]:
    """The piece with every 'style=' taken out of its start tags, and (element, its tag as written) for each.

    What a browser would still read as a style is refused afterwards by raw_html_problems, as before.
    """
    dropped: list[tuple[str, str]] = []

    def clean(tag: re.Match[str]) -> str:
        kept = _ATTRIBUTE.sub(lambda a: "" if a.group(2).lower() == "style" else a.group(0), tag.group(2))
        if kept == tag.group(2):
            return tag.group(0)
        dropped.append((tag.group(1).lower(), tag.group(0)))
        return tag.group(0).replace(tag.group(2), kept, 1)

    if "style" not in html.lower():
        return html, dropped
    return _START_TAG.sub(clean, html), dropped


_SVG_OPEN = re.compile(r"<svg[\s/>]")
_PLAIN_TAG = re.compile(r'</?(?:div|pre|span|code|table|tbody|tr|td|th)(?: class="[\w -]*")?>')


def plain_markup(html: str) -> bool:
    """Whether every tag of a piece is an allowed element with at most a plain class (Pygments' usual output)."""
    return html.count("<") == len(_PLAIN_TAG.findall(html))


class RawHtmlTreeprocessor(Treeprocessor):
    """Check every piece of raw HTML the page's Markdown stashed, except what the generator made itself."""

    def run(self, root: etree.Element) -> None:
        state = state_of(self.md)
        drawing = 0  # how many <svg> the pieces so far left open
        for number, block in enumerate(self.md.htmlStash.rawHtmlBlocks):
            text = str(block)
            if "<" not in text:
                continue
            if number in state.trusted_html:  # highlighted code: judged too, by the same lists
                if not plain_markup(text):
                    state.first_raw_html = state.first_raw_html or text
                    for message, _ in raw_html_problems(text):
                        state.error(message, "")
                continue
            if state.first_raw_html is None:
                state.first_raw_html = text
            cleaned = self._drop_styles(number, text)
            for message, needle in raw_html_problems(cleaned, in_drawing=drawing > 0):
                state.error(message, _needle(text, needle))  # found as written, style and all
            lower = text.lower()
            drawing = max(0, drawing + len(_SVG_OPEN.findall(lower)) - lower.count("</svg"))

    def _drop_styles(self, number: int, text: str) -> str:
        """Take 'style=' out of a piece, warning at each element; the piece as the page will have it."""
        cleaned, dropped = without_styles(text)
        state = state_of(self.md)
        for tag, written in dropped:
            state.warn(style_dropped(tag, raw=True), written.split("\n", 1)[0])
        if dropped:
            self.md.htmlStash.rawHtmlBlocks[number] = cleaned
        return cleaned


class FinishedPagePostprocessor(Postprocessor):
    """The page as the browser gets it, raw HTML put back among the rest: nothing dangerous may appear here
    that the pieces, judged one by one, did not show (a piece that changes how the next one is read)."""

    def run(self, text: str) -> str:
        state = state_of(self.md)
        if state.first_raw_html is None:
            return text  # no raw HTML: the tree was checked element by element (citesite.markdown.attributes)
        reported = {problem.message for problem in state.problems}
        for message, _ in raw_html_problems(text, dangerous_only=True):
            if message not in reported:
                reported.add(message)
                state.error(message, _needle(state.first_raw_html, ""))
        return text


def _needle(block: str, name: str) -> str:
    """The text to find the problem's line by: from the tag's '<' to the end of its line."""
    position = block.lower().find(name.lower())
    start = block.rfind("<", 0, position + 1) if position >= 0 else 0
    return block[max(start, 0) :].split("\n", 1)[0] or block


class _FencedCodeDone(Preprocessor):
    """Marks the stash entries made so far, all highlighted fenced code (Pygments escapes it), as generated."""

    def run(self, lines: list[str]) -> list[str]:
        state = state_of(self.md)
        state.trusted_html.update(range(len(self.md.htmlStash.rawHtmlBlocks)))
        return lines


class _HiliteMark(Treeprocessor):
    """Before 'hilite': remember where the stash ends; after it: mark the entries it added as generated."""

    def __init__(self, md: Markdown, after: bool) -> None:
        super().__init__(md)
        self.after = after

    def run(self, root: etree.Element) -> None:
        state = state_of(self.md)
        size = len(self.md.htmlStash.rawHtmlBlocks)
        if self.after:
            state.trusted_html.update(range(state.stash_mark, size))
        else:
            state.stash_mark = size


class RawHtmlExtension(Extension):
    """Registers the raw HTML check, and the passes that tell highlighted code apart from raw HTML."""

    def extendMarkdown(self, md: Markdown) -> None:  # noqa: N802
        """Add the raw HTML treeprocessor and the code markers."""
        md.treeprocessors.register(RawHtmlTreeprocessor(md), "citesite-raw-html", RAW_HTML_PRIORITY)
        md.preprocessors.register(_FencedCodeDone(md), "citesite-fenced-done", FENCED_DONE_PRIORITY)
        md.postprocessors.register(FinishedPagePostprocessor(md), "citesite-finished-page", FINISHED_PAGE_PRIORITY)
        md.treeprocessors.register(_HiliteMark(md, after=False), "citesite-hilite-before", HILITE_BEFORE_PRIORITY)
        md.treeprocessors.register(_HiliteMark(md, after=True), "citesite-hilite-after", HILITE_AFTER_PRIORITY)
