"""Faster inline passes for Python-Markdown: the same output, but only text that can change is searched.

Python-Markdown runs its inline patterns (links, emphasis, code, ...) over every piece of text on a page,
one pattern after another, and smarty runs a second pass of fifteen more for quotes, dashes and
ellipses. Most pieces of text hold nothing that any of those patterns needs, so none can match; checking
that with one regular expression first roughly halves the time a typical page takes to convert, and
changes nothing in what is written.

The shortcut is taken only while every pattern a pass holds is known here, with what it needs to match;
a pattern added by another extension, or renamed by a newer Python-Markdown, turns it off for that pass.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as etree
from typing import Any

from markdown import Markdown
from markdown.extensions import Extension
from markdown.treeprocessors import InlineProcessor
from markdown.util import Registry

_BRACKET = r"\["  # links, images, references, footnotes and citations all start with '[' ('![' for images)
# pass name -> (its priority, {pattern name: what the pattern needs to match})
PASSES: dict[str, tuple[int, dict[str, str]]] = {
    "inline": (
        20,
        {
            "backtick": "`",
            "sitegen-value": r"\{\{",
            "escape": r"\\",
            "footnote": _BRACKET,
            "sitegen-cite": _BRACKET,
            "reference": _BRACKET,
            "link": _BRACKET,
            "image_link": _BRACKET,
            "image_reference": _BRACKET,
            "short_reference": _BRACKET,
            "short_image_ref": _BRACKET,
            "autolink": "<",
            "automail": "<",
            "html": "<",
            "linebreak": "  \n",
            "entity": "&",
            "em_strong": "[*_]",
        },
    ),
    "smarty": (
        6,
        {
            **{f"smarty-quotes-{n}": "['\"]" for n in range(15)},
            "smarty-em-dashes": "--",
            "smarty-en-dashes": "--",
            "smarty-ellipses": r"\.\.\.",
            "smarty-left-angle-quotes": "<<",
            "smarty-right-angle-quotes": ">>",
        },
    ),
}
_HANDLE_INLINE = "_InlineProcessor__handleInline"  # InlineProcessor's per-text step, which is skipped


class QuickInlineProcessor(InlineProcessor):
    """An InlineProcessor that returns text at once when it holds nothing any of its patterns needs."""

    def __init__(self, md: Markdown, needs: dict[str, str]) -> None:
        super().__init__(md)
        self.needs = needs  # pattern name -> what it needs to match
        self.trigger: re.Pattern[str] | None = None

    def run(self, tree: etree.Element, ancestors: list[str] | None = None) -> etree.Element:
        """Run the stock pass; worked out per page, so a pattern registered late turns the shortcut off."""
        self.trigger = quick_needs(self.inlinePatterns, self.needs)
        return super().run(tree, ancestors)

    def _InlineProcessor__handleInline(self, data: str, patternIndex: int = 0) -> str:  # noqa: N802,N803
        """The stock step, skipped for text no pattern can match."""
        if self.trigger is not None and self.trigger.search(data) is None:
            return data
        handle = getattr(super(), _HANDLE_INLINE)
        result: str = handle(data, patternIndex)
        return result


def quick_needs(patterns: Registry[Any], needs: dict[str, str]) -> re.Pattern[str] | None:
    """One expression that each of the patterns needs to match, or None if one of them is not known."""
    known = [need for name, need in needs.items() if name in patterns]
    if len(known) != len(patterns):
        return None
    return re.compile("|".join(sorted(set(known))))  # compiled once: re caches it


class QuickInlineExtension(Extension):
    """Replaces the stock inline and smarty passes with QuickInlineProcessors over the same patterns."""

    def extendMarkdown(self, md: Markdown) -> None:  # noqa: N802
        """Swap each pass in where it is a stock InlineProcessor."""
        if not hasattr(InlineProcessor, _HANDLE_INLINE):
            return  # a Python-Markdown this was not made for
        for name, (priority, needs) in PASSES.items():
            stock = md.treeprocessors[name] if name in md.treeprocessors else None  # noqa: SIM401 (a Registry has no get)
            if type(stock) is InlineProcessor:
                quick = QuickInlineProcessor(md, needs)
                quick.inlinePatterns = stock.inlinePatterns
                md.treeprocessors.register(quick, name, priority)
