"""'{{ table.row.column }}' in prose prints one cell of a data table, so prose and tables agree."""

from __future__ import annotations

import re
import xml.etree.ElementTree as etree

from markdown import Markdown
from markdown.extensions import Extension
from markdown.inlinepatterns import InlineProcessor
from markdown.util import AtomicString

from .state import PageState, SiteIndex

VALUE_PATTERN = r"\{\{\s*([\w-]+)\.([\w-]+)\.([\w-]+)\s*\}\}"
VALUE_PRIORITY = 186  # after 'backtick' (190): a value written inside `code` stays literal


def format_value(value: object) -> str:
    """A cell value as text: whole floats lose their '.0'; empty cells become an em dash."""
    if value is None:
        return "\u2014"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, bool):
        return "yes" if value else "no"
    return str(value)


class ValueInlineProcessor(InlineProcessor):
    """Replace '{{ ul.adults.ul }}' with that cell's value."""

    def __init__(self, pattern: str, md: Markdown, index: SiteIndex) -> None:
        super().__init__(pattern, md)
        self.index = index

    def handleMatch(self, m: re.Match[str], data: str) -> tuple[etree.Element | str, int, int]:  # type: ignore[override]  # noqa: N802
        """Look the cell up; record a precise error when any part is unknown."""
        state: PageState = self.md.page_state  # type: ignore[attr-defined]
        name, row_id, column = m.groups()
        table = self.index.data.tables.get(name)
        text: str | None = None
        if table is None:
            known = ", ".join(sorted(self.index.data.tables)) or "none"
            state.error(f"no data table '{name}' for {m.group(0)}; tables: {known}", m.group(0))
        elif (row := table.row(row_id)) is None:
            ids = ", ".join(r.id for r in table.rows if r.id) or "none; give rows an 'id:'"
            state.error(f"table '{name}' has no row with id '{row_id}'; row ids: {ids}", m.group(0))
        elif column not in (c.key for c in table.columns):
            cols = ", ".join(c.key for c in table.columns)
            state.error(f"table '{name}' has no column '{column}'; columns: {cols}", m.group(0))
        elif row.get(column) is None:
            state.error(f"{m.group(0)} is an empty cell in {table.path}; fill it in or quote another", m.group(0))
        else:
            text = format_value(row.get(column))
        span = etree.Element("span", {"class": "data-value"})
        span.text = AtomicString(text if text is not None else m.group(0))
        return span, m.start(0), m.end(0)


class ValueExtension(Extension):
    """Registers the data-value pattern."""

    def __init__(self, index: SiteIndex) -> None:
        super().__init__()
        self.index = index

    def extendMarkdown(self, md: Markdown) -> None:  # noqa: N802
        """Add the inline pattern."""
        md.inlinePatterns.register(ValueInlineProcessor(VALUE_PATTERN, md, self.index), "sitegen-value", VALUE_PRIORITY)
