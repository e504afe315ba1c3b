"""The options a fenced code block may take: an explicit list, every other one refused at its fence line.

'fenced_code' hands the `{…}` options of a fence to codehilite and on to Pygments' HTML formatter, whose
options write into the page unescaped (classprefix, prestyles, cssstyles), emit inline styles the
Content-Security-Policy blocks (noclasses), read or write files (tagsfile, cssfile), or, with
use_pygments=false, become attributes of the <code> element (an onerror handler). Only the options below
pass; the fence is rewritten without the others before 'fenced_code' reads it, so a refused option never
reaches Pygments even while its error is being reported.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from markdown import Markdown
from markdown.extensions import Extension
from markdown.extensions.attr_list import get_attrs_and_remainder
from markdown.extensions.fenced_code import FencedBlockPreprocessor
from markdown.preprocessors import Preprocessor

from citesite.markdown.state import state_of

FENCE_OPTIONS_PRIORITY = 26  # just before 'fenced_code_block' (25), after 'normalize_whitespace' (30)
_FENCED = FencedBlockPreprocessor.FENCED_BLOCK_RE
NAME = re.compile(r"^[A-Za-z][\w+#.-]{0,39}$")  # a language, a class or an id: nothing that leaves the attribute
SWITCH = frozenset("true false yes no on off 1 0 inline table none".split())
LINES = re.compile(r"^\d{1,6}(?:[ ,]+\d{1,6})*$")
ALLOWED = "a language, .classes, an #id, linenums, hl_lines, linenostart and title"
# What each option may be; title is shown by Pygments (escaped) as the block's file name.
VALUES: dict[str, tuple[str, Callable[[str], bool]]] = {
    "linenums": ("true or false", lambda value: value.lower() in SWITCH),
    "hl_lines": ('line numbers separated by spaces, e.g. hl_lines="1 3"', lambda value: bool(LINES.match(value))),
    "linenostart": ("a whole number, e.g. linenostart=10", lambda value: value.isdigit() and len(value) <= 6),
    "title": (
        "text without quotes or '<', at most 80 characters",
        lambda v: len(v) <= 80 and not set(v) & set("\"'<>&"),
    ),
    "id": ("letters, digits, '-' and '_'", lambda value: bool(NAME.match(value))),
    ".": ("letters, digits, '-' and '_'", lambda value: bool(NAME.match(value))),
}
REASONS = {
    "noclasses": "it writes inline styles, which the Content-Security-Policy blocks",
    "use_pygments": "code is always highlighted the site's way",
    "cssfile": "it would write a file",
    "tagsfile": "it would read a file",
    "full": "it would write a whole HTML document into the page",
}


def option_problem(key: str, value: str) -> str | None:
    """Why a fence option cannot be used, or None."""
    shown = key[:40] if key != "." else "class"
    if key not in VALUES:
        why = REASONS.get(key.lower(), "it would be written into the page unchecked")
        return f"fenced code option '{shown}' is not allowed ({why}); use only {ALLOWED}"
    what, valid = VALUES[key]
    if not valid(value):
        return f"fenced code option '{shown}' must be {what}, got '{value[:40]}'"
    return None


def _written(key: str, value: str) -> str:
    if key == ".":
        return f".{value}"
    if key == "id":
        return f"#{value}"
    return f'{"filename" if key == "title" else key}="{value}"'


class FenceOptionsPreprocessor(Preprocessor):
    """Report each fence option not on the list at its fence line, and drop it from the fence."""

    def run(self, lines: list[str]) -> list[str]:
        """The lines with every fence's options cut to the allowed ones."""
        text = "\n".join(lines)
        if "{" not in text:
            return lines  # options are only ever written in braces after the fence
        state = state_of(self.md)
        pieces: list[str] = []
        last = 0
        for match in _FENCED.finditer(text):
            attrs = match.group("attrs")
            if not attrs:
                continue
            parsed, remainder = get_attrs_and_remainder(attrs)
            if remainder:
                continue  # unbalanced braces: 'fenced_code' leaves the block as text, options unread
            line = state.body_line + text.count("\n", 0, match.start())
            kept: list[str] = []
            for key, value in parsed:
                given = ("true" if key == "linenums" else key) if value is None else value  # a bare flag
                problem = option_problem(key, given)
                if problem:
                    state.error(problem, "", line)
                else:
                    kept.append(_written(key, given))
            pieces.append(text[last : match.start("attrs")] + " ".join(kept))
            last = match.end("attrs")
        if not pieces:
            return lines
        pieces.append(text[last:])
        return "".join(pieces).split("\n")


class FenceOptionsExtension(Extension):
    """Registers the fence option check."""

    def extendMarkdown(self, md: Markdown) -> None:  # noqa: N802
        """Add the preprocessor that runs just before 'fenced_code'."""
        md.preprocessors.register(FenceOptionsPreprocessor(md), "citesite-fence-options", FENCE_OPTIONS_PRIORITY)
