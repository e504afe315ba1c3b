"""The directives pages may use, in one registry on the converter: the generator's own and a site's.

A site's extension adds one with register_directive; the "unknown directive" message is built from the registry,
so it names every directive there is.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as etree
from collections.abc import Callable
from dataclasses import dataclass

from markdown import Markdown

from citesite.markdown.state import PageState, SiteIndex, SiteMarkdown
from citesite.source.suggest import did_you_mean

DIRECTIVE = re.compile(r"^:::[ \t]*(\S+)[ \t]*(\S*)[ \t]*$")


@dataclass(frozen=True)
class DirectiveCall:
    """One directive line being placed: where its output goes, and what it was given."""

    md: SiteMarkdown
    parent: etree.Element
    argument: str  # the NAME after the directive's name ('' for a directive that takes none)
    line: str  # the line as written, where its problems are reported

    @property
    def state(self) -> PageState:
        """The page being converted (report problems with state.error(message, call.line))."""
        return self.md.page_state

    @property
    def index(self) -> SiteIndex:
        """What the page may refer to: data tables, pages, figures."""
        return self.md.site_index


@dataclass(frozen=True)
class Directive:
    """A directive pages may use: '::: NAME' or '::: NAME ARGUMENT', placed by place."""

    name: str
    place: Callable[[DirectiveCall], None]
    argument: str = ""  # how its argument is written in messages ('NAME'); '' when it takes none

    @property
    def usage(self) -> str:
        """How the directive is written: '::: table NAME'."""
        return f"::: {self.name} {self.argument}".rstrip()


def directives_of(md: Markdown) -> dict[str, Directive]:
    """The directives md knows, by name (made on first use: a site's extensions are loaded before ours)."""
    found: dict[str, Directive] | None = getattr(md, "citesite_directives", None)
    if found is None:
        found = {}
        setattr(md, "citesite_directives", found)  # noqa: B010 (not an attribute Markdown declares)
    return found


def register_directive(md: Markdown, directive: Directive) -> None:
    """Let pages converted by md use directive (a site extension calls this from its extendMarkdown)."""
    directives_of(md)[directive.name] = directive


def unknown_directive(line: str, known: dict[str, Directive]) -> str:
    """The message for a ':::' line that is no directive: every directive there is, and the nearest one."""
    usages = [f"'{directive.usage}'" for directive in sorted(known.values(), key=_listed_first)]
    listed = ", ".join(usages[:-1]) + f" or {usages[-1]}" if len(usages) > 1 else "".join(usages)
    match = DIRECTIVE.match(line)
    name = match.group(1) if match else ""
    near = did_you_mean(name, known, lambda name: known[name].usage) if name not in known else ""
    return f"unknown directive '{line}'; write {listed}{near}"


def _listed_first(directive: Directive) -> tuple[int, str]:
    """The generator's own directives first, in their usual order, then a site's, by name."""
    order = ("table", "chart", "figure")
    return (order.index(directive.name), "") if directive.name in order else (len(order), directive.name)


def directive_line(line: str, known: dict[str, Directive]) -> tuple[Directive, str] | None:
    """(directive, argument) when the line calls a known directive the way it is written, else None."""
    match = DIRECTIVE.match(line)
    if not match or match.group(1) not in known:
        return None
    directive = known[match.group(1)]
    if bool(directive.argument) != bool(match.group(2)):
        return None
    return directive, match.group(2)
