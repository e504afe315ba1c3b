"""Faster inline passes for Python-Markdown: the same output, but only text that can change is searched.

Python-Markdown runs its inline patterns (links, emphasis, code, ...) over every piece of text on a page,
one pattern after another, and smarty runs a second pass of fifteen more for quotes, dashes and
ellipses. Each pattern can only match text holding a certain character or two ('[' for links, '*' or '_'
for emphasis, a quote for smarty's quote patterns): a text holding none of them is left as it is at once,
and in any other text a pattern is tried only where its characters occur. That roughly halves the time a
typical page takes to convert, and changes nothing in what is written.

The shortcut is taken only while every pattern a pass holds is known here, with what it needs to match,
and is an object of the class registered under that name by Python-Markdown (or by this site): a pattern
added by another extension, renamed by a newer Python-Markdown, or put in a stock pattern's place by
another extension, turns it off for that pass.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as etree
from functools import cache
from typing import Any

from markdown import Markdown
from markdown.extensions import Extension
from markdown.extensions.footnotes import FootnoteExtension
from markdown.extensions.smarty import SmartyExtension
from markdown.treeprocessors import InlineProcessor
from markdown.util import AtomicString, Registry

from citesite.markdown.brackets import QUICK_PATTERNS
from citesite.markdown.citations import CitationInlineProcessor
from citesite.markdown.registry import registered_priority
from citesite.markdown.spans import SpanInlineProcessor
from citesite.markdown.values import ValueInlineProcessor

_BRACKET = ("[",)  # links, images, references, footnotes and citations all start with '[' ('![' for images)
_QUOTES = ("'", '"')
# pass name -> {pattern name: the texts of which a match must contain at least one}
PASSES: dict[str, dict[str, tuple[str, ...]]] = {
    "inline": {
        "backtick": ("`",),
        "citesite-value": ("{{",),
        "escape": ("\\",),
        "footnote": _BRACKET,
        "citesite-cite": _BRACKET,
        "reference": _BRACKET,
        "citesite-span": ("]{",),
        "link": _BRACKET,
        "image_link": _BRACKET,
        "image_reference": _BRACKET,
        "short_reference": _BRACKET,
        "short_image_ref": _BRACKET,
        "autolink": ("<",),
        "automail": ("<",),
        "html": ("<",),
        "linebreak": ("  \n",),
        "entity": ("&",),
        "em_strong": ("*", "_"),
    },
    "smarty": {
        **{f"smarty-quotes-{n}": _QUOTES for n in range(15)},
        "smarty-em-dashes": ("--",),
        "smarty-en-dashes": ("--",),
        "smarty-ellipses": ("...",),
        "smarty-left-angle-quotes": ("<<",),
        "smarty-right-angle-quotes": (">>",),
    },
}
_SITE_PATTERNS: dict[str, tuple[type, ...]] = {
    "citesite-cite": (CitationInlineProcessor,),
    "citesite-value": (ValueInlineProcessor,),
    "citesite-span": (SpanInlineProcessor,),
    # the link patterns with the quick bracket search (brackets.py) match what the stock ones match
    **{name: (quick,) for name, (_, quick) in QUICK_PATTERNS.items()},
}
_HANDLE_INLINE = "_InlineProcessor__handleInline"  # InlineProcessor's per-text step, which is replaced
_APPLY_PATTERN = "_InlineProcessor__applyPattern"  # its per-pattern step, which is called as it is


class Needs:
    """What the patterns of one pass need: any of them (one expression), and each pattern, in pass order."""

    def __init__(self, each: list[tuple[str, ...]]) -> None:
        self.texts = sorted({text for need in each for text in need})
        self.trigger = re.compile("|".join(re.escape(text) for text in self.texts))
        self.each = [frozenset(need) for need in each]
        self._candidates: dict[tuple[int, frozenset[str]], tuple[int, ...]] = {}

    def candidates(self, first: int, data: str) -> tuple[int, ...]:
        """The positions, from first on, of the patterns that may match data.

        A match only puts a placeholder where text was, so a pattern that cannot match data cannot match
        what data becomes either: the list holds for the whole of one step.
        """
        present = frozenset(text for text in self.texts if text in data)
        key = (first, present)
        if key not in self._candidates:
            self._candidates[key] = tuple(
                index for index in range(first, len(self.each)) if not self.each[index].isdisjoint(present)
            )
        return self._candidates[key]


class QuickInlineProcessor(InlineProcessor):
    """An InlineProcessor that tries a pattern on a text only when the text holds what the pattern needs."""

    def __init__(self, md: Markdown, needs: dict[str, tuple[str, ...]]) -> None:
        super().__init__(md)
        self.needs = needs  # pattern name -> what it needs to match
        self.trigger: re.Pattern[str] | None = None
        self._quick: Needs | None = None
        self._patterns: list[Any] = []
        self._known: tuple[list[int], Needs | None] = ([], None)  # the patterns' ids, and what they need

    def run(self, tree: etree.Element, ancestors: list[str] | None = None) -> etree.Element:
        """Run the stock pass; checked per page, so a pattern registered late turns the shortcut off."""
        self._patterns = list(self.inlinePatterns)  # in pass order; the registry's own lookup by position is slow
        ids = [id(pattern) for pattern in self._patterns]
        if ids != self._known[0]:
            self._known = (ids, quick_needs(self.inlinePatterns, self.needs))
        self._quick = self._known[1]
        self.trigger = self._quick.trigger if self._quick else None
        return super().run(tree, ancestors)

    def _InlineProcessor__handleInline(self, data: str, patternIndex: int = 0) -> str:  # noqa: N802,N803
        """The stock step (each pattern in turn, again after each match), skipping patterns that cannot match."""
        quick = self._quick
        if quick is None:
            handle = getattr(super(), _HANDLE_INLINE)
            result: str = handle(data, patternIndex)
            return result
        if isinstance(data, AtomicString) or quick.trigger.search(data) is None:
            return data
        apply = getattr(self, _APPLY_PATTERN)
        for index in quick.candidates(patternIndex, data):
            matched, start = True, 0
            while matched:  # as the stock step: after a match, the same pattern again on the rest
                data, matched, start = apply(self._patterns[index], data, index, start)
        return data


def quick_needs(patterns: Registry[Any], needs: dict[str, tuple[str, ...]]) -> Needs | None:
    """What each of the patterns (in pass order) needs to match, or None if one of them is not known."""
    each: list[tuple[str, ...] | None] = [None] * len(patterns)
    classes = stock_classes()
    for name, need in needs.items():
        # The name alone proves nothing: another extension may have put its own pattern in a stock one's place.
        if name in patterns and type(patterns[name]) in classes.get(name, ()):
            each[patterns.get_index_for_name(name)] = need
    known = [need for need in each if need is not None]
    if len(known) != len(each):
        return None
    return Needs(known)


@cache
def stock_classes() -> dict[str, tuple[type, ...]]:
    """The classes of the pattern registered under each known name by Python-Markdown itself and by this site."""
    md = Markdown(extensions=[FootnoteExtension(), SmartyExtension()])
    found = dict(_SITE_PATTERNS)
    for name, needs in PASSES.items():
        stock = md.treeprocessors[name]
        assert isinstance(stock, InlineProcessor)
        patterns = stock.inlinePatterns
        for pattern in needs:
            if pattern in patterns:
                found[pattern] = (type(patterns[pattern]), *found.get(pattern, ()))
    return found


class QuickInlineExtension(Extension):
    """Replaces the stock inline and smarty passes with QuickInlineProcessors over the same patterns."""

    def extendMarkdown(self, md: Markdown) -> None:  # noqa: N802
        """Swap each pass in where it is a stock InlineProcessor."""
        if not (hasattr(InlineProcessor, _HANDLE_INLINE) and hasattr(InlineProcessor, _APPLY_PATTERN)):
            return  # a Python-Markdown this was not made for
        for name, needs in PASSES.items():
            stock = md.treeprocessors[name] if name in md.treeprocessors else None  # noqa: SIM401 (a Registry has no get)
            if type(stock) is InlineProcessor:
                quick = QuickInlineProcessor(md, needs)
                quick.inlinePatterns = stock.inlinePatterns
                # Where the pass was, whatever priority Python-Markdown or another extension gave it.
                md.treeprocessors.register(quick, name, registered_priority(md.treeprocessors, name))
