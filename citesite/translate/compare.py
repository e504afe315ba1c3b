"""What changed in an original page since its translation was stamped, block by block, and whether it matters."""

from __future__ import annotations

import difflib
import re
from collections import Counter
from typing import NamedTuple

from citesite.source.strings import Strings
from citesite.translate.blocks import Block, compared_numbers, numbers

MAJOR = "major"  # a number or unit, a safety warning, a section, a data table: readers could be misled
MINOR = "minor"  # wording
STRUCTURAL = frozenset(("heading", "warning", "data"))  # added or removed, these are major
CONTEXT_WORDS = 3  # words shown on each side of a changed span


class Change(NamedTuple):
    """One block of the original that changed since the stamp."""

    severity: str
    label: str  # which block: §"Daily needs" paragraph 2
    what: str  # e.g. 'number changed: "310 mg" → "320 mg"', or the word diff


def compare_blocks(old: list[Block], new: list[Block]) -> list[Change]:
    """The changes from the stamped blocks to the current ones; [] when only whitespace or line breaks changed."""
    matcher = difflib.SequenceMatcher(None, [(b.kind, b.text) for b in old], [(b.kind, b.text) for b in new], False)
    changes: list[Change] = []
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            continue
        paired = min(i2 - i1, j2 - j1) if tag == "replace" else 0
        for before, after in zip(old[i1 : i1 + paired], new[j1 : j1 + paired], strict=True):
            changes.append(_changed(before, after))
        changes += [_added_or_removed(block, "removed") for block in old[i1 + paired : i2]]
        changes += [_added_or_removed(block, "added") for block in new[j1 + paired : j2]]
    return changes


def _changed(before: Block, after: Block) -> Change:
    old_numbers, new_numbers = numbers(before.text), numbers(after.text)
    diff = word_diff(before.text, after.text)
    if old_numbers != new_numbers:
        shown = f'"{_numbers_text(old_numbers)}" → "{_numbers_text(new_numbers)}"'
        return Change(MAJOR, after.label, f"number or unit changed: {shown} ({diff})")
    if "warning" in (before.kind, after.kind):
        return Change(MAJOR, after.label, f"safety warning changed: {diff}")
    if before.kind != after.kind and "heading" in (before.kind, after.kind):
        return Change(MAJOR, after.label, f"section changed: {diff}")
    return Change(MINOR, after.label, f"wording: {diff}")


def _added_or_removed(block: Block, how: str) -> Change:
    severity = MAJOR if block.kind in STRUCTURAL or numbers(block.text) else MINOR
    what = {"heading": "section", "warning": "safety warning", "data": "data table"}.get(block.kind, block.kind)
    return Change(severity, block.label, f'{what} {how}: "{_shorten(block.text)}"')


def word_diff(before: str, after: str) -> str:
    """The changed words, with a few words of context: '… need [-310-] {+320+} mg …'."""
    old, new = before.split(), after.split()
    parts = []
    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(None, old, new, False).get_opcodes():
        if tag == "equal":
            continue
        lead = " ".join(old[max(0, i1 - CONTEXT_WORDS) : i1])
        tail = " ".join(old[i2 : i2 + CONTEXT_WORDS])
        removed = f"[-{' '.join(old[i1:i2])}-]" if i2 > i1 else ""
        added = f"{{+{' '.join(new[j1:j2])}+}}" if j2 > j1 else ""
        parts.append(" ".join(part for part in ("…", lead, removed, added, tail, "…") if part))
    return "; ".join(parts)


def worst(changes: list[Change]) -> str:
    """major when any change is, minor when some change is, '' when none."""
    if any(change.severity == MAJOR for change in changes):
        return MAJOR
    return MINOR if changes else ""


def parity_problems(original: list[Block], translation: list[Block], words: tuple[Strings, Strings]) -> list[str]:
    """What the translation lacks that its original has: a section, a number, a citation, a safety warning.

    Sections are paired in order (the text before the first heading is one); words: how each page writes
    numbers (1.5 and 1,5 are one number).
    """
    ours, theirs = _sections(original), _sections(translation)
    if len(ours) != len(theirs):
        return [f"the original has {len(ours) - 1} headings and the translation {len(theirs) - 1}; translate every one"]
    found = []
    for (heading, mine), (_, other) in zip(ours, theirs, strict=True):
        where = f'§"{heading}"' if heading else "the text before the first heading"
        missing = Counter(_plain_numbers(mine, words[0])) - Counter(_plain_numbers(other, words[1]))
        if missing:
            found.append(f"{where}: the translation lacks {', '.join(sorted(missing))} of the original")
        cited, recited = _citations(mine), _citations(other)
        if cited != recited:
            found.append(f"{where}: the original cites {_keys(cited)}, the translation {_keys(recited)}")
        warnings = sum(b.kind == "warning" for b in mine), sum(b.kind == "warning" for b in other)
        if warnings[0] != warnings[1]:
            found.append(f"{where}: {warnings[0]} blocks of safety warnings in the original, {warnings[1]} here")
    return found


def _sections(blocks: list[Block]) -> list[tuple[str, list[Block]]]:
    found: list[tuple[str, list[Block]]] = [("", [])]
    for block in blocks:
        if block.kind == "heading":
            found.append((block.text, []))
        elif block.kind not in ("title", "summary"):
            found[-1][1].append(block)
    return found


def _plain_numbers(blocks: list[Block], words: Strings) -> list[str]:
    """Every number as one spelling: thousands separators dropped, '.' for the decimal point; locants as written."""
    plain = []
    for block in blocks:
        for number, in_name in compared_numbers(block.text):
            if in_name:
                plain.append(number)
            elif number.startswith("{{"):
                plain.append(" ".join(number.split()))
            else:
                # a thousands separator always has three digits after it: 'WCAG 2.2' is 2.2 in Spanish too
                grouped = (
                    re.sub(re.escape(words.thousands) + r"(?=\d{3}(?!\d))", "", number) if words.thousands else number
                )
                plain.append(grouped.replace(words.decimal, "."))
    return plain


def _citations(blocks: list[Block]) -> set[str]:
    return {key for block in blocks for key in block.citations}


def _keys(keys: set[str]) -> str:
    return ", ".join(sorted(keys)) or "nothing"


def _numbers_text(found: list[tuple[str, str]]) -> str:
    return ", ".join(f"{number} {unit}".strip() for number, unit in found)


def _shorten(text: str, limit: int = 80) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"
