"""Sections: every folder under content/ (but data/ and figures/) is one, with its title, order and templates.

A section's settings come from the 'sections:' key of content/site.yaml; a folder not named there gets the
defaults below. 'articles' and 'pages' keep the defaults this generator always had for them.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated, Any

from citesite.errors import Problems
from citesite.source.content import FrontMatter, Source
from citesite.source.schema import Field, check_mapping, schema_of
from citesite.source.suggest import closest, did_you_mean
from citesite.source.yamlfile import LineDict

NOT_SECTIONS = frozenset(("data", "figures"))  # folders under content/ that hold data, not pages
ORDERS = ("order", "date", "title")


@dataclass(frozen=True)
class Section:
    """One section's settings (a folder under content/); the annotated attributes are its keys in site.yaml."""

    name: str
    title: Annotated[str, Field("str", help="the section's name, shown on its list page")]
    # order | date | title
    order: Annotated[str, Field("str", help="how its pages are listed: order, date (newest first) or title")] = "order"
    # '': the default template of the section's kind of page
    template: Annotated[
        str, Field("str", help="the template of the section's pages, e.g. guide for templates/guide.html")
    ] = ""
    # None: a list page when the list template exists
    list: Annotated[bool | None, Field("bool", help="whether the section has a list page at /SECTION/")] = None
    list_template: Annotated[str, Field("str", help="the template of the list page (default: list)")] = "list"
    feed: Annotated[bool, Field("bool", help="whether the section's pages are in feed.xml")] = False
    pager: Annotated[
        bool, Field("bool", help="whether each page links to the previous and next page of the section")
    ] = True
    line: int = 0  # the line of its entry in site.yaml (0: not configured there)


SECTION_FIELDS = schema_of(Section)  # the keys of one entry of 'sections:'


def default_section(name: str) -> Section:
    """The settings of a section site.yaml does not configure."""
    title = name.replace("-", " ").replace("_", " ").capitalize()
    if name == "articles":
        return Section(name, title, list=False, feed=True)
    if name == "pages":  # about, disclaimer, …: published at the site's root, listed nowhere
        return Section(name, title, order="title", list=False, pager=False)
    return Section(name, title)


def parse_sections(data: Any, path: Path, line: int, problems: Problems) -> tuple[Section, ...]:
    """The 'sections:' mapping of site.yaml (name: settings); every bad key or value reported with its line."""
    if not isinstance(data, LineDict):
        return ()  # the schema check already reported that it is not a mapping
    found: list[Section] = []
    for name, settings in data.items():
        at = data.lines.get(name, line)
        if not isinstance(name, str) or name in NOT_SECTIONS or "/" in name or name.startswith((".", "_")):
            problems.error(
                f"'sections': {name!r} cannot be a section; name a folder under content/ such as guides", path, at
            )
            continue
        if settings is None:
            settings = LineDict()
            settings.lines, settings.line = {}, at
        if not isinstance(settings, LineDict):
            problems.error(f"'sections': '{name}' must be 'key: value' lines (title:, order:, …)", path, at)
            continue
        values = check_mapping(settings, SECTION_FIELDS, path, problems, f"section '{name}'")
        order = values.get("order")
        if order is not None and order not in ORDERS:
            problems.error(
                f"section '{name}': 'order': {order!r} is not one of {', '.join(ORDERS)}; e.g. order: date",
                path,
                settings.lines["order"],
            )
            values.pop("order")
        base = default_section(name)
        found.append(
            Section(
                name,
                values.get("title", base.title),
                values.get("order", base.order),
                values.get("template", base.template),
                values.get("list", base.list),
                values.get("list_template", base.list_template),
                values.get("feed", base.feed),
                values.get("pager", base.pager),
                at,
            )
        )
    return tuple(found)


def section_settings(configured: dict[str, Section], key: str) -> Section:
    """The settings of a section key ('articles' or 'es/articles': a language's folder has its sections' settings)."""
    name = key.rpartition("/")[2]
    return configured.get(name) or default_section(name)


def has_list_page(section: Section, page_templates: set[str]) -> bool:
    """Whether the section has a list page: asked for, or (by default) when its list template exists."""
    if section.list is None:
        return section.list_template + ".html" in page_templates
    return section.list


def section_template(section: Section, kind: str) -> str:
    """The template the section gives a page of this kind ('' : the kind's default)."""
    if kind == "list":
        return section.list_template
    return section.template if kind in ("article", "page") else ""


def section_of(rel_path: str) -> str:
    """The section a content-relative source path belongs to ('' for the home page, 404 and data)."""
    name, slash, _ = rel_path.partition("/")
    return name if slash and name not in NOT_SECTIONS else ""


def section_folders(content_dir: Path) -> list[str]:
    """The names of the folders under content/ that are sections, sorted."""
    try:
        entries = sorted(content_dir.iterdir())
    except OSError:
        return []
    return [e.name for e in entries if e.is_dir() and e.name not in NOT_SECTIONS and not e.name.startswith((".", "_"))]


def check_empty_sections(sections: tuple[Section, ...], found: set[str], path: Path, problems: Problems) -> None:
    """Warn about each section site.yaml configures that has no source (a typo, or a section not started)."""
    for section in sections:
        if section.name not in found:
            problems.warn(
                f"section '{section.name}' has no pages (no .md file in content/{section.name}/); "
                f"check the name{did_you_mean(section.name, found - {''})} or start a page: "
                f'new {section.name} "Title"',
                path,
                section.line,
            )


def unknown_section_message(name: str, known: list[str]) -> str:
    """'unknown section …' with a did-you-mean and the sections there are."""
    close = closest(name, known)
    hint = f"did you mean '{close}'? " if close else ""
    listed = ", ".join(known) or "none yet"
    return f"unknown section '{name}'; {hint}sections: {listed} (a section is a folder under content/: create it first)"


def sort_key(order: str, meta: FrontMatter, url: str) -> tuple[Any, ...]:
    """Where a page stands in its section: by 'order', by date (newest first) or by title; ties by title, URL."""
    title = meta.title.casefold()
    if order == "date":
        return (meta.date is None, -(meta.date.toordinal() if meta.date else 0), title, url)
    if order == "title":
        return (title, url)
    return (meta.order if meta.order is not None else 1_000_000, title, url)


def list_source(section: Section) -> Source:
    """The source of a list page no index.md writes: the section's title, no body of its own."""
    meta = FrontMatter(title=section.title, summary=section.title)
    digest = hashlib.sha256(section.title.encode("utf-8")).hexdigest()[:32]
    return Source(f"{section.name}/", f"content/{section.name}/", meta, "", 1, digest)
