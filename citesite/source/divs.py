"""How a site shows Pandoc's fenced divs ('::: challenge' … ':::'): 'markdown: divs:' in content/site.yaml.

A div the site does not name is a plain <div class="NAME">; a named one is shown as a box like the admonitions
('box') or folded away under its title ('fold', a <details>), as lesson sites show challenges and solutions.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated

from citesite.errors import Problems
from citesite.source.schema import Field, check_mapping, schema_of
from citesite.source.suggest import did_you_mean
from citesite.source.yamlfile import LineDict

DIV_NAME = re.compile(r"^[A-Za-z][A-Za-z0-9_-]*$")  # a class name: what '::: NAME' or '::: {.NAME}' gives
SHOWN_AS = ("box", "fold")


@dataclass(frozen=True)
class DivStyle:
    """One named div: shown as a box (with a title, like '!!! note') or folded (a <details> with a summary)."""

    name: str
    shown_as: str  # 'as:' in site.yaml (a Python keyword, so the key is declared in DIV_FIELDS)
    box: Annotated[str, Field("str", help="the admonition kind whose look a box takes, e.g. note, tip, warning")] = ""
    title: Annotated[str, Field("str", help="the words above a box, or on a fold's summary, e.g. Solution")] = ""

    @property
    def heading(self) -> str:
        """The title shown when the div's contents do not start with a heading of their own."""
        return self.title or self.name.replace("-", " ").replace("_", " ").capitalize()


SHOWN_AS_FIELD = Field("str", required=True, help="box (like an admonition) or fold (folded away)")
DIV_FIELDS = schema_of(DivStyle, **{"as": SHOWN_AS_FIELD})  # editors write 'as: fold'; the record says shown_as
DIVS_HELP = "divs: {solution: {as: fold, title: Solution}, challenge: {as: box, box: tip}}"


def read_divs(value: object, rel: Path, line: int, problems: Problems) -> tuple[DivStyle, ...]:
    """The named divs of 'markdown: divs:', each checked at its line; bad entries are reported and left out."""
    if not isinstance(value, LineDict):
        return ()  # absent, or not a mapping (reported with the other 'markdown:' keys)
    styles: list[DivStyle] = []
    for name, entry in value.items():
        where = value.lines.get(name, line)
        if not isinstance(name, str) or not DIV_NAME.match(name):
            problems.error(
                f"'markdown: divs': {str(name)[:40]!r} is not a div name; use letters, digits, '-' and '_', "
                "starting with a letter, as in '::: challenge'",
                rel,
                where,
            )
            continue
        if not isinstance(entry, LineDict):
            problems.error(
                f"'markdown: divs: {name}' must say how the div is shown, e.g. {name}: {{as: box}}", rel, where
            )
            continue
        values = check_mapping(entry, DIV_FIELDS, rel, problems, f"'markdown: divs: {name}' in content/site.yaml")
        shown = values.get("as")
        if shown is None:
            continue  # reported by check_mapping as missing
        if shown not in SHOWN_AS:
            problems.error(
                f"'markdown: divs: {name}: as' is {str(shown)[:20]!r}; write box or fold{did_you_mean(shown, SHOWN_AS)}",
                rel,
                entry.lines.get("as", where),
            )
            continue
        box = values.get("box", "")
        if box and not DIV_NAME.match(box):
            problems.error(
                f"'markdown: divs: {name}: box' is {box[:20]!r}; write an admonition kind such as note, tip or warning",
                rel,
                entry.lines.get("box", where),
            )
            continue
        if box and shown != "box":
            problems.error(
                f"'markdown: divs: {name}: box' is only for 'as: box'; remove it, or write as: box",
                rel,
                entry.lines.get("box", where),
            )
            continue
        styles.append(DivStyle(name, shown, box, values.get("title", "")))
    return tuple(styles)
