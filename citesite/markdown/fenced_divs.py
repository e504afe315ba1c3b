"""Pandoc's fenced divs: '::: name' or '::: {.name #id key=value}', Markdown contents, then a ':::' line.

Lesson material (the Carpentries' lessons, Quarto and R Markdown courses) marks challenges, solutions and callouts
so. Any number of colons (three or more) opens or closes a div, and divs nest: a line of colons alone closes the
innermost open one. A div the site names in 'markdown: divs' is shown as a box or folded away; any other div is
a plain <div class="name">. A ':::' line that names a directive is the directive, never a div.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as etree
from typing import cast

from markdown.blockparser import BlockParser

from citesite.markdown.directive_registry import Directive, directive_line
from citesite.markdown.spans import read_attributes
from citesite.markdown.state import SiteMarkdown, state_of
from citesite.source.divs import DivStyle

DIV_OPEN = re.compile(r"^:{3,}[ \t]*(?:\{([^{}]*)\}|([A-Za-z][\w.-]*))[ \t]*(?::{3,}[ \t]*)?$")
DIV_CLOSE = re.compile(r"^:{3,}[ \t]*$")
HEADING = re.compile(r"^#{1,6}[ \t]+(.+?)[ \t]*#*[ \t]*$")
HTML_ATTRIBUTES = {"lang", "dir", "title", "style"}  # Pandoc keeps these; other keys become data-KEY
UNCLOSED = "; a fenced div ('::: NAME' with its contents under it) ends with a line of colons (':::')"


def looks_like_div(line: str) -> bool:
    """Whether the line could open a fenced div (then an unknown-directive message says how to close one)."""
    return DIV_OPEN.match(line) is not None


def place_div(
    parser: BlockParser,
    parent: etree.Element,
    line: str,
    rest: str,
    blocks: list[str],
    known: dict[str, Directive],
) -> bool:
    """Place the fenced div that line opens, taking its contents from rest and blocks; False if it opens none.

    rest: the lines under line in its block; blocks: the blocks after it (what the div takes is removed).
    """
    opened = DIV_OPEN.match(line)
    if opened is None:
        return False
    found = _contents(rest, blocks, known)
    if found is None:
        return False  # never closed: an unknown directive, reported with how to close a div
    contents, after = found
    md = cast(SiteMarkdown, parser.md)  # every page is converted by a SiteMarkdown
    attributes = _attributes(opened.group(1), opened.group(2), line, md)
    styles = {style.name: style for style in md.site_index.divs}
    classes = attributes.pop("class", "").split()
    style = styles.get(classes[0]) if classes else None
    element = _element(parent, style, classes, attributes)
    title, contents = _title(contents, style)
    if style is not None:
        _add_title(element, style, title)
    parser.parseChunk(element, contents)
    if after.strip():
        blocks.insert(0, after)
    return True


def _contents(rest: str, blocks: list[str], known: dict[str, Directive]) -> tuple[str, str] | None:
    """(the div's contents, the lines after its closing fence in that block), removing what it took from blocks."""
    depth = 1
    taken: list[str] = []
    for index, block in enumerate([rest, *blocks]):
        lines = block.split("\n")
        for number, text in enumerate(lines):
            if DIV_CLOSE.match(text):
                depth -= 1
                if depth == 0:
                    taken.append("\n".join(lines[:number]))
                    del blocks[:index]
                    return "\n\n".join(part for part in taken if part.strip()), "\n".join(lines[number + 1 :])
            elif DIV_OPEN.match(text) and directive_line(text.strip(), known) is None:
                depth += 1
        taken.append(block)
    return None


def _attributes(braced: str | None, bare: str | None, line: str, md: SiteMarkdown) -> dict[str, str]:
    """The div's attributes: its name as the first class, an id, and key=value pairs (data-KEY but for a few)."""
    if bare is not None:
        return {"class": bare}
    text = braced or ""
    pairs, unread = read_attributes(text)
    if unread:
        state_of(md).error(
            f"cannot read {unread[:30]!r} in the fenced div's attributes {{{text[:60]}}}; write them as "
            "{.class #id key=value}",
            line,
        )
    return {
        name if name in ("class", "id") or name in HTML_ATTRIBUTES else f"data-{name}": value for name, value in pairs
    }


def _element(
    parent: etree.Element, style: DivStyle | None, classes: list[str], attributes: dict[str, str]
) -> etree.Element:
    """The div's element: a <div> (a box's is an admonition), or a <details> for a fold."""
    if style is None:
        shown = {"class": " ".join(classes)} if classes else {}
        return etree.SubElement(parent, "div", {**shown, **attributes})
    if style.shown_as == "fold":
        return etree.SubElement(parent, "details", {"class": " ".join(["fold", *classes]), **attributes})
    kind = [style.box] if style.box and style.box not in classes else []
    return etree.SubElement(parent, "div", {"class": " ".join(["admonition", *kind, *classes]), **attributes})


def _title(contents: str, style: DivStyle | None) -> tuple[str, str]:
    """A styled div's title from a heading that opens its contents (as lessons write '## Solution'), and the rest."""
    first, _, remaining = contents.partition("\n")
    heading = HEADING.match(first)
    if style is None or heading is None:
        return "", contents
    return heading.group(1), remaining


def _add_title(element: etree.Element, style: DivStyle, title: str) -> None:
    """A box's title line, or a fold's summary."""
    if style.shown_as == "fold":
        etree.SubElement(element, "summary").text = title or style.heading  # Markdown, as a heading's words are
    else:
        etree.SubElement(element, "p", {"class": "admonition-title"}).text = title or style.heading
