"""Where each construct of a page's body is: line numbers for messages, counted in order, code left out.

Python-Markdown keeps no source positions, so each extension asks for the next place of what it is about
(a link's address, a citation key, a directive line) in document order: the same link on lines 3 and 9 is
found on line 3 the first time and on line 9 the second. Code (fenced blocks, indented blocks and `spans`)
is blanked out first, so a link written inside code never takes the place of the real one.
"""

from __future__ import annotations

import re

from markdown.extensions.fenced_code import FencedBlockPreprocessor

_FENCED = FencedBlockPreprocessor.FENCED_BLOCK_RE
_SPAN = re.compile(r"(?<![\\`])(`+)(?!`)(.+?)(?<!`)\1(?!`)", re.DOTALL)
_BLANK_LINE = re.compile(r"\n[ \t]*\n")
_CONTINUES = re.compile(r"^(?:[ ]{0,3}(?:[-*+]|\d+[.)])[ \t]|[ ]{0,3}:[ \t]|!!!|\?\?\?|\[\^[^\]]+\]:)")
_ATX = re.compile(r"^(?:[ \t]*(?:>[ \t]?)+)?[ \t]*(?:(?:[-*+]|\d+\.)[ \t]+)?#{1,6}(?!#)")
_SETEXT = re.compile(r"^[ ]{0,3}(?:=+|-+)[ \t]*$")
_NAME_CHARS = r"[\w:.-]"


def _blank(match: re.Match[str]) -> str:
    """The matched text with everything but its newlines turned into spaces."""
    return re.sub(r"[^\n]", " ", match.group(0))


def mask_code(body: str) -> str:
    """The body with the content of code blocks and code spans replaced by spaces (same length, same lines)."""
    masked = _FENCED.sub(_blank, body)
    masked = _mask_indented(masked)
    # Code spans never cross a blank line (a paragraph ends there).
    pieces = _BLANK_LINE.split(masked)
    joins = _BLANK_LINE.findall(masked)
    out = [_SPAN.sub(_blank, piece) for piece in pieces]
    return "".join(piece + (joins[i] if i < len(joins) else "") for i, piece in enumerate(out))


def _mask_indented(text: str) -> str:
    """Blank indented code blocks: lines indented by 4 spaces or a tab after a blank line, outside lists."""
    lines = text.split("\n")
    in_code = False
    continues = False  # the last unindented block was a list item, definition, admonition or footnote
    previous_blank = True
    for number, line in enumerate(lines):
        blank = not line.strip()
        indented = line.startswith(("    ", "\t"))
        if blank:
            previous_blank = True
            continue
        if not indented:
            in_code = False
            continues = bool(_CONTINUES.match(line)) or (continues and not previous_blank)
        elif previous_blank and not continues:
            in_code = True
        if in_code:
            lines[number] = " " * len(line)
        previous_blank = False
    return "\n".join(lines)


class Locator:
    """The places of a page's constructs, found in order in the body with code blanked out."""

    def __init__(self, body: str, first_line: int) -> None:
        self.text = mask_code(body)
        self.first_line = first_line
        self._cursors: dict[tuple[str, bool], int] = {}
        self._headings: list[int] | None = None

    def line_at(self, offset: int) -> int:
        """The file line of a character offset in the body."""
        return self.first_line + self.text.count("\n", 0, offset)

    def next(self, needle: str, whole_name: bool = False) -> int:
        """The line of the next occurrence of needle after the last one found (the first, once all are used).

        whole_name: the needle must not continue with a name character ('@ab' is not an '@a').
        """
        key = (needle, whole_name)
        count = self._cursors.get(key, 0)
        self._cursors[key] = count + 1
        return self.nth(needle, count, whole_name)

    def nth(self, needle: str, count: int, whole_name: bool = False) -> int:
        """The line of the occurrence number count (from 0) of needle; the first when there are fewer."""
        if not needle:
            return self.first_line
        places: list[int] = []
        start = 0
        while len(places) <= count:
            at = self._find(needle, whole_name, start)
            if at < 0:
                break
            places.append(at)
            start = at + len(needle)
        if not places:  # a needle over several lines may differ after its first line: look for that
            first = needle.split("\n", 1)[0].strip()
            at = self._find(first, whole_name, 0) if first and first != needle else -1
            places = [at] if at >= 0 else []
        if not places:
            return self.first_line
        return self.line_at(places[count] if count < len(places) else places[0])

    def _find(self, needle: str, whole_name: bool, start: int) -> int:
        if not whole_name:
            return self.text.find(needle, start)
        match = re.compile(re.escape(needle) + f"(?!{_NAME_CHARS})").search(self.text, start)
        return match.start() if match else -1

    def heading_lines(self) -> list[int]:
        """The file line of every heading in the body (ATX '#' lines and setext underlines), in order."""
        if self._headings is None:
            self._headings = self._find_headings()
        return self._headings

    def _find_headings(self) -> list[int]:
        lines = self.text.split("\n")
        found: list[int] = []
        for number, line in enumerate(lines):
            if _ATX.match(line):
                found.append(number)
            elif (
                _SETEXT.match(line)
                and number > 0
                and lines[number - 1].strip()
                and (number == 1 or not lines[number - 2].strip())
                and not _ATX.match(lines[number - 1])
            ):
                found.append(number - 1)  # the heading's text is on the line above its underline
        return [self.first_line + number for number in found]
