"""A page's text as blocks (headings, paragraphs, list items, warnings), normalised so reflowing changes nothing."""

from __future__ import annotations

import hashlib
import re
from typing import NamedTuple

from citesite.markdown.citations import CITATION_PATTERN

_HEADING = re.compile(r"^(#{1,6})\s+(.*?)\s*#*\s*$")
_ADMONITION = re.compile(r'^!!!\s+([\w-]+)(?:\s+"(.*)")?\s*$')
_ITEM = re.compile(r"^(?:[-*+]|\d+[.)])\s+")
_DIRECTIVE = re.compile(r"^:::\s*(.*)$")
_CITATIONS = re.compile(CITATION_PATTERN)
# A number as either language writes it (310, 1,5, 1.000, 2.5) or a value the data gives ({{ rda.adults.male }}).
_NUMBER = re.compile(r"\{\{.*?\}\}|\d+(?:[.,]\d+)*")
# A list of numbers before '-' and a letter names positions in a molecule (1,25-dihydroxyvitamin D): every
# language writes it alike, so it is compared as written, not read as 125 or 1.25.
_LOCANTS = re.compile(r"\d+(?:,\d+)+(?=-[^\W\d_])")
_THOUSANDS = re.compile(r"\d{1,3}(?:,\d{3})+")  # 2,000-calorie: a number after all
_UNIT = re.compile(r"\s*(mg|µg|mcg|g|kg|IU|UI|%|mmol/L|mg/dL|ml|mL|L)\b")
WARNING_KINDS = frozenset(("warning", "danger", "caution", "attention"))  # admonitions that are safety text


class Block(NamedTuple):
    """One block of a page: what it is, where (the heading it is under and its place there), and its text."""

    kind: str  # title | summary | heading | paragraph | item | warning | data
    section: str  # the heading the block is under ('' before the first)
    number: int  # its place under that heading, from 1
    text: str  # whitespace collapsed: reflowing a paragraph changes nothing

    @property
    def label(self) -> str:
        """The block as a message names it: §"Daily needs" paragraph 2."""
        if self.kind == "heading":
            return f'heading "{self.text}"'
        where = f'§"{self.section}" ' if self.section else ""
        return f"{where}{self.kind} {self.number}"

    @property
    def citations(self) -> tuple[str, ...]:
        """The citation keys in the block, in order."""
        return tuple(
            key.strip().lstrip("@") for group in _CITATIONS.findall(self.text) for key in re.split(r"[;,]", group)
        )


def numbers(text: str) -> list[tuple[str, str]]:
    """Each number (or data value) in text with the unit after it: [('310', 'mg'), ('{{ ul.adults.ul }}', 'mg')]."""
    plain = _CITATIONS.sub("", text)  # a citation key may have digits in it ('iom2000'): it is not a number
    found = []
    for match in _NUMBER.finditer(plain):
        unit = _UNIT.match(plain, match.end())
        found.append((match.group(), unit.group(1) if unit else ""))
    return found


def is_locants(text: str, start: int, number: str) -> bool:
    """Whether number, found at start in text, is the locants of a name (1,25-dihydroxy…) rather than a quantity."""
    match = _LOCANTS.match(text, start)
    return match is not None and match.group() == number and not _THOUSANDS.fullmatch(number)


def compared_numbers(text: str) -> list[tuple[str, bool]]:
    """Each number (or data value) in text, and whether it is the locants of a name, which are kept as written."""
    plain = _CITATIONS.sub("", text)
    return [(m.group(), is_locants(plain, m.start(), m.group())) for m in _NUMBER.finditer(plain)]


def page_blocks(title: str, summary: str, body: str) -> list[Block]:
    """The blocks of a page: its title and summary, then its body in order (code and HTML comments left out)."""
    blocks = [Block("title", "", 1, _normal(title)), Block("summary", "", 1, _normal(summary))]
    section, headings = "", 0
    counts: dict[str, int] = {}
    for kind, text in _chunks(body):
        if kind == "heading":  # a heading is named by itself and counted through the page
            section, counts, headings = text, {}, headings + 1
            blocks.append(Block(kind, "", headings, text))
            continue
        counts[kind] = counts.get(kind, 0) + 1
        blocks.append(Block(kind, section, counts[kind], text))
    return blocks


def blocks_hash(blocks: list[Block]) -> str:
    """A hash of the normalised text: the same for any reflow, different for any other change."""
    text = "\n".join(f"{b.kind}\t{b.text}" for b in blocks)
    return "sha256:" + hashlib.sha256(text.encode("utf-8")).hexdigest()


def _chunks(body: str) -> list[tuple[str, str]]:
    """(kind, normalised text) of every block of a Markdown body."""
    found: list[tuple[str, str]] = []
    lines = _without_code(body).split("\n")
    current: list[str] = []
    kind = "paragraph"
    in_warning = False

    def close() -> None:
        if current:
            found.append((kind, _normal(" ".join(current))))
            current.clear()

    for raw in lines:
        indented = raw.startswith(("    ", "\t"))
        line = raw.strip()
        if not indented:
            in_warning = False if line else in_warning
        if not line:
            close()
            continue
        heading, box, directive = _HEADING.match(line), _ADMONITION.match(line), _DIRECTIVE.match(line)
        if not indented and (heading or box or directive):
            close()
            if heading:
                found.append(("heading", _normal(heading.group(2))))
            elif box:
                in_warning = box.group(1) in WARNING_KINDS
                found.append(("warning" if in_warning else "box", _normal(box.group(2) or box.group(1))))
            elif directive and directive.group(1):
                found.append(("data", _normal(directive.group(1))))
            continue
        if _ITEM.match(line):
            close()
            line = _ITEM.sub("", line, count=1)
        if not current:
            kind = "warning" if in_warning else ("item" if _ITEM.match(raw.strip()) else "paragraph")
        current.append(line)
    close()
    return found


def _without_code(body: str) -> str:
    """The body without fenced code and HTML comments: neither is translated."""
    body = re.sub(r"<!--.*?-->", "", body, flags=re.S)
    return re.sub(r"^(```|~~~).*?^\1\s*$", "", body, flags=re.S | re.M)


def _normal(text: str) -> str:
    """Whitespace collapsed to single spaces, ends trimmed."""
    return " ".join(text.split())
