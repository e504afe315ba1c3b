"""Lines that start with ':::': directives ('::: table NAME', a site's '::: checker') and Pandoc's fenced divs.

Every directive is in one registry on the converter: the generator's own (citesite.markdown.data_directives)
and those a site's extensions add with register_directive, so the "unknown directive" message names them all. A
':::' line that names no directive opens a fenced div when a ':::' line closes it (citesite.markdown.fenced_divs).
"""

from __future__ import annotations

import xml.etree.ElementTree as etree
from typing import cast

from markdown import Markdown
from markdown.blockprocessors import BlockProcessor
from markdown.extensions import Extension

from citesite.markdown.data_directives import DATA_DIRECTIVES
from citesite.markdown.directive_registry import (
    DirectiveCall,
    directive_line,
    directives_of,
    unknown_directive,
)
from citesite.markdown.fenced_divs import UNCLOSED, looks_like_div, place_div
from citesite.markdown.state import SiteIndex, SiteMarkdown, state_of

DIRECTIVE_PRIORITY = 78  # after 'code' (80): an indented directive is code; before 'table' (75) and 'paragraph' (10)


class DirectiveBlockProcessor(BlockProcessor):
    """A ':::' line: a directive placed where it stands, a fenced div with its contents, or an error."""

    def __init__(self, md: Markdown, index: SiteIndex) -> None:
        super().__init__(md.parser)
        self.md = cast(SiteMarkdown, md)
        self.index = index

    def test(self, parent: etree.Element, block: str) -> bool:
        """A block whose first line is a ':::' line (what follows it in the block is read on its own)."""
        return block.startswith(":::")

    def run(self, parent: etree.Element, blocks: list[str]) -> bool:
        """Place the directive, or the div, in place of its line."""
        first, _, rest = blocks.pop(0).partition("\n")
        line = first.strip()
        known = directives_of(self.md)
        called = directive_line(line, known)
        if called is None and place_div(self.parser, parent, line, rest, blocks, known):
            return True
        if rest.strip():
            blocks.insert(0, rest)  # the lines under a directive are Markdown of their own, not part of it
        state = state_of(self.md)
        if called is None:
            opens_div = looks_like_div(line) and line.strip(": ") not in known  # not '::: table' without its NAME
            state.error(unknown_directive(line, known) + (UNCLOSED if opens_div else ""), line)
            return True
        directive, argument = called
        directive.place(DirectiveCall(self.md, parent, argument, line))
        return True


class DirectiveExtension(Extension):
    """Registers the generator's directives and the block processor that reads every ':::' line."""

    def __init__(self, index: SiteIndex) -> None:
        super().__init__()
        self.index = index

    def extendMarkdown(self, md: Markdown) -> None:  # noqa: N802
        """Add the generator's directives (a site's, registered earlier, keep their names) and the processor."""
        known = directives_of(md)
        for directive in DATA_DIRECTIVES:
            known.setdefault(directive.name, directive)
        md.parser.blockprocessors.register(
            DirectiveBlockProcessor(md, self.index), "citesite-directive", DIRECTIVE_PRIORITY
        )
