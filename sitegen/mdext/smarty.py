"""A faster pass for the smarty extension: the same output, but only text that can change is searched.

Smarty educates quotes, dashes and ellipses with a second inline pass over every piece of text on the
page, trying its fifteen patterns one after another on each. Most pieces hold no quote, no '--' and no
'...', so no pattern can match them; checking that with one regular expression first halves the time
Python-Markdown spends on a typical page, and changes nothing in what it writes.
"""

from __future__ import annotations

import re
from typing import Any

from markdown import Markdown
from markdown.extensions import Extension
from markdown.treeprocessors import InlineProcessor
from markdown.util import Registry

SMARTY = "smarty"  # the name and priority smarty registers its inline pass under
SMARTY_PRIORITY = 6
# What each of smarty's patterns needs to match: a quote, '--' (and '---'), '...', '<<' or '>>' (the last two
# only with the angled-quotes option). If smarty holds a pattern not named here, its pass is left as it is.
_NEEDS = {
    **{f"smarty-quotes-{n}": "['\"]" for n in range(15)},
    "smarty-em-dashes": "--",
    "smarty-en-dashes": "--",
    "smarty-ellipses": r"\.\.\.",
    "smarty-left-angle-quotes": "<<",
    "smarty-right-angle-quotes": ">>",
}
_HANDLE_INLINE = "_InlineProcessor__handleInline"  # InlineProcessor's per-text step, which this skips


class QuickInlineProcessor(InlineProcessor):
    """An InlineProcessor that returns text at once when it holds nothing any of its patterns needs."""

    def __init__(self, md: Markdown, needs: re.Pattern[str]) -> None:
        super().__init__(md)
        self.needs = needs

    def _InlineProcessor__handleInline(self, data: str, patternIndex: int = 0) -> str:  # noqa: N802,N803
        """The stock step, skipped for text no pattern can match."""
        if self.needs.search(data) is None:
            return data
        handle = getattr(super(), _HANDLE_INLINE)
        result: str = handle(data, patternIndex)
        return result


def quick_needs(patterns: Registry[Any]) -> re.Pattern[str] | None:
    """One expression that each of smarty's patterns needs to match, or None if one of them is not known."""
    known = [need for name, need in _NEEDS.items() if name in patterns]
    if len(known) != len(patterns):
        return None
    return re.compile("|".join(sorted(set(known))))


class QuickSmartyExtension(Extension):
    """Replaces smarty's inline pass with a QuickInlineProcessor over the same patterns (register after smarty)."""

    def extendMarkdown(self, md: Markdown) -> None:  # noqa: N802
        """Swap the pass in, when smarty is loaded and Python-Markdown is the version this was made for."""
        if SMARTY not in md.treeprocessors or not hasattr(InlineProcessor, _HANDLE_INLINE):
            return
        stock = md.treeprocessors[SMARTY]
        if type(stock) is not InlineProcessor:
            return
        patterns = stock.inlinePatterns
        needs = quick_needs(patterns)
        if needs is None:
            return
        quick = QuickInlineProcessor(md, needs)
        quick.inlinePatterns = patterns
        md.treeprocessors.register(quick, SMARTY, SMARTY_PRIORITY)
