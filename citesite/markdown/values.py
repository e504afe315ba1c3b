"""'{{ table.row.column }}' in prose prints one cell of a data table, so prose and tables agree."""

from __future__ import annotations

import re
import xml.etree.ElementTree as etree

from markdown import Markdown
from markdown.extensions import Extension
from markdown.util import AtomicString

from citesite.markdown.inline import Match, SiteInlineProcessor
from citesite.markdown.state import SiteIndex, state_of
from citesite.source.overlays import needs_label
from citesite.source.tables import VALUE_REFERENCE, format_cell, lookup_reference

VALUE_PATTERN = VALUE_REFERENCE.pattern
VALUE_PRIORITY = 186  # after 'backtick' (190): a value written inside `code` stays literal


class ValueInlineProcessor(SiteInlineProcessor):
    """Replace '{{ ul.adults.ul }}' with that cell's value."""

    def __init__(self, pattern: str, md: Markdown, index: SiteIndex) -> None:
        super().__init__(pattern, md)
        self.index = index

    def match_text(self, m: re.Match[str], data: str) -> Match:
        """Look the cell up; record a precise error when any part is unknown."""
        state = state_of(self.md)
        code = state.language(self.index)
        tables = self.index.data.tables_in(code)
        value, problem = lookup_reference(tables, m.group(1))
        if problem:
            state.error(problem, m.group(0))
        elif code and needs_label(value) and not self.index.data.has_labels(code, m.group(1).split(".")[0]):
            state.warn(
                f"{m.group(0)} is English words, as content/{code}/data/{m.group(1).split('.')[0]}.yaml does not "
                "exist; add it with the table's words (docs/authoring.md, 'Tables in another language')",
                m.group(0),
            )
        text = format_cell(value) if not problem else None
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
        md.inlinePatterns.register(
            ValueInlineProcessor(VALUE_PATTERN, md, self.index), "citesite-value", VALUE_PRIORITY
        )
