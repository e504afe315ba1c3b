"""Glossary terms: content/data/glossary.yaml (and a further language's, content/LANG/data/glossary.yaml)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Annotated, Any

from citesite.errors import Problems
from citesite.source.schema import Field, check_mapping, mapping_items, schema_of
from citesite.source.tables import ROW_ID


@dataclass(frozen=True)
class Term:
    """A glossary entry; its first use in an article is marked and linked."""

    term: Annotated[str, Field("str", required=True)]
    id: Annotated[str, Field("str")]  # always set: made from the term when the YAML has no id
    definition: Annotated[str, Field("str", required=True)]
    aliases: Annotated[tuple[str, ...], Field("list[str]")] = ()
    # Spellings readers type that the pages never show (UK forms, common typos): the search finds the term by them.
    also: Annotated[tuple[str, ...], Field("list[str]", help="spellings readers type, e.g. [magnesum]")] = ()
    line: int = 0

    @property
    def spellings_meta(self) -> str:
        """The 'also:' spellings as Pagefind metadata: searched, never shown on the page or in an excerpt.

        Pagefind keeps one value per metadata key and page, so each term has a key of its own.
        """
        return f"spellings-{self.id}:{' '.join(self.also)}"


TERM_FIELDS = schema_of(Term)


def load_glossary(data: Any, shown: str, problems: Problems) -> tuple[Term, ...]:
    """The terms of a glossary file, each checked."""
    terms: list[Term] = []
    seen: dict[str, int] = {}
    ids: dict[str, int] = {}
    for item, line in mapping_items(data, shown, problems, "glossary terms"):
        values = check_mapping(item, TERM_FIELDS, shown, problems, "a glossary term")
        if "term" not in values or "definition" not in values:
            continue
        term_id = values.get("id") or slugify(values["term"])
        if "id" in values and not ROW_ID.match(term_id):
            problems.error(
                f"'id': {term_id!r} must be lower-case letters, digits and '-' (it is the term's anchor)",
                shown,
                item.lines["id"],
            )
        elif term_id in ids:
            problems.error(
                f"glossary id '{term_id}' is already used by the term on line {ids[term_id]}; give one of them an 'id:'",
                shown,
                line,
            )
        ids.setdefault(term_id, line)
        names = [values["term"], *values.get("aliases", []), *values.get("also", [])]
        for name in names:
            folded = name.casefold()
            if folded in seen:
                problems.error(
                    f"duplicate glossary term '{name}' (first on line {seen[folded]}); define it once", shown, line
                )
            seen[folded] = line
        aliases, also = tuple(values.get("aliases", [])), tuple(values.get("also", []))
        terms.append(Term(values["term"], term_id, values["definition"], aliases, also, line))
    return tuple(terms)


def slugify(text: str) -> str:
    """Lower-case words joined by '-', for ids made from names."""
    return re.sub(r"[^\w]+", "-", text.casefold()).strip("-") or "term"
