"""Finding the ']' that closes a link's text without Python-Markdown 3.11's scan of every character.

To stay linear on text full of unclosed brackets, Python-Markdown 3.11's link patterns work out, in a
Python loop over every character of a paragraph, where the bracket opened at each position closes; they do
it for every paragraph holding a link or a citation, and on this site's pages that loop was about a sixth
of a build. Almost every link's text holds no bracket of its own, so its end is the next ']', found by
`str.find`: these patterns look there first, and run the stock code only when a '[' comes before that ']'.
What they return is what the stock code returns, so the HTML is the same.

Each is a subclass of the stock pattern, registered under its name and priority, and replaces it only
when the pattern registered there is of exactly the stock class.
"""

from __future__ import annotations

from markdown import Markdown
from markdown.extensions import Extension
from markdown.inlinepatterns import (
    ImageInlineProcessor,
    ImageReferenceInlineProcessor,
    LinkInlineProcessor,
    ReferenceInlineProcessor,
    ShortImageReferenceInlineProcessor,
    ShortReferenceInlineProcessor,
)

from citesite.markdown.registry import registered_priority

_CACHE = "_bracket_data"  # where the stock getText keeps the text it last scanned whole (Python-Markdown 3.11)


class QuickBrackets(LinkInlineProcessor):
    """getText as the stock one, but the next ']' is taken at once when no '[' comes before it."""

    _last_close: tuple[str | None, int] = (None, -1)  # a text, and where its last ']' is

    def getText(self, data: str, index: int) -> tuple[str, int, bool]:  # noqa: N802
        """The link text from index to its closing ']', the index past it, and whether it closes."""
        if getattr(self, _CACHE, None) is data:  # the stock code already scanned this text: ask it
            return super().getText(data, index)
        text, last = self._last_close
        if text is not data:
            last = data.rfind("]")  # once per text, so that a run of '[' with no ']' is not quadratic
            self._last_close = (data, last)
        if index > last:
            return data[index:], len(data), False
        close = data.find("]", index)
        if data.find("[", index, close) == -1:
            return data[index:close], close + 1, True
        return super().getText(data, index)  # a nested bracket: the stock code counts the depth


class QuickLinkInlineProcessor(QuickBrackets, LinkInlineProcessor):
    """The stock 'link' pattern with the quick bracket search."""


class QuickImageInlineProcessor(QuickBrackets, ImageInlineProcessor):
    """The stock 'image_link' pattern with the quick bracket search."""


class QuickReferenceInlineProcessor(QuickBrackets, ReferenceInlineProcessor):
    """The stock 'reference' pattern with the quick bracket search."""


class QuickShortReferenceInlineProcessor(QuickBrackets, ShortReferenceInlineProcessor):
    """The stock 'short_reference' pattern with the quick bracket search."""


class QuickImageReferenceInlineProcessor(QuickBrackets, ImageReferenceInlineProcessor):
    """The stock 'image_reference' pattern with the quick bracket search."""


class QuickShortImageReferenceInlineProcessor(QuickBrackets, ShortImageReferenceInlineProcessor):
    """The stock 'short_image_ref' pattern with the quick bracket search."""


# pattern name -> (the stock class registered under it, the class that replaces it)
QUICK_PATTERNS: dict[str, tuple[type[LinkInlineProcessor], type[LinkInlineProcessor]]] = {
    "reference": (ReferenceInlineProcessor, QuickReferenceInlineProcessor),
    "link": (LinkInlineProcessor, QuickLinkInlineProcessor),
    "image_link": (ImageInlineProcessor, QuickImageInlineProcessor),
    "image_reference": (ImageReferenceInlineProcessor, QuickImageReferenceInlineProcessor),
    "short_reference": (ShortReferenceInlineProcessor, QuickShortReferenceInlineProcessor),
    "short_image_ref": (ShortImageReferenceInlineProcessor, QuickShortImageReferenceInlineProcessor),
}


class QuickBracketExtension(Extension):
    """Puts the quick-bracket patterns in place of the stock link, image and reference patterns."""

    def extendMarkdown(self, md: Markdown) -> None:  # noqa: N802
        """Replace each stock pattern by its quick subclass, under the same name and priority."""
        if not hasattr(LinkInlineProcessor, "_findBracketEnds"):
            return  # a Python-Markdown whose getText this was not measured against
        for name, (stock, quick) in QUICK_PATTERNS.items():
            if name in md.inlinePatterns and type(md.inlinePatterns[name]) is stock:
                pattern = md.inlinePatterns[name]
                md.inlinePatterns.register(
                    quick(pattern.pattern, md), name, registered_priority(md.inlinePatterns, name)
                )
