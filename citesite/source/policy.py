"""The site's editorial policy in content/site.yaml: structured data, reviews, readability, search, publishing.

A new site's defaults are neutral (schema.org Article, no required review, no reading-grade check, every page
searchable); a site turns a policy on in its own settings.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated, Any

from citesite.errors import Problems
from citesite.source.divs import DIVS_HELP, DivStyle, read_divs
from citesite.source.readability import Readability, read_readability
from citesite.source.schema import Field, check_mapping, schema_of
from citesite.source.suggest import did_you_mean
from citesite.source.yamlfile import LineDict

SCHEMA_TYPE = re.compile(r"^[A-Z][A-Za-z]{1,63}$")
COMMON_TYPES = ("Article", "BlogPosting", "LearningResource", "MedicalWebPage", "ScholarlyArticle", "WebPage")


def schema_type_problem(kind: str) -> str:
    """The message for a 'structured_data' value that is not a schema.org type name."""
    return (
        f"'structured_data': {kind[:40]!r} is not a schema.org type name; write one such as "
        f"{', '.join(COMMON_TYPES)}{did_you_mean(kind, COMMON_TYPES)}"
    )


@dataclass(frozen=True)
class Review:
    """review: in site.yaml: whether every article needs a review date, and when a review falls due."""

    required: Annotated[bool, Field("bool", help="true: every article needs a 'reviewed' date")] = False
    # Bounded: below a day is a mistake, and 99999999999 days is past the last date Python can count to; the
    # upper end is generous, so a site can switch the check off in effect (100000 days).
    interval_days: Annotated[
        int, Field("int", help="days after which an article's review is overdue", low=1, high=100_000)
    ] = 365


@dataclass(frozen=True)
class Search:
    """search: in site.yaml: which sections the search indexes."""

    sections: Annotated[
        tuple[str, ...] | None,
        Field("list[str]", help="folders under content/ whose pages the search indexes, e.g. [articles]"),
    ] = None  # None: every page is searchable, as its template marks it


@dataclass(frozen=True)
class Publishing:
    """publishing: in site.yaml: whether placeholders and a missing contact or publisher are warned about."""

    check: Annotated[
        bool,
        Field(
            "bool",
            help="true: warn when the site would publish a placeholder address, TODO, or no contact or publisher",
        ),
    ] = False


@dataclass(frozen=True)
class Policy:
    """What site.yaml says about structured data, reviews, readability, search and publishing."""

    structured_data: Annotated[str, Field("str", help="the schema.org type of every page's JSON-LD, e.g. Article")] = (
        "Article"
    )
    review: Annotated[Review, Field("mapping", help="review: {required: true, interval_days: 365}")] = Review()
    readability: Annotated[
        Readability, Field("mapping", help="readability: {check: true, target: 9, targets: {es: 55}}")
    ] = Readability()
    search: Annotated[Search, Field("mapping", help="search: {sections: [articles, pages]}")] = Search()
    publishing: Annotated[Publishing, Field("mapping", help="publishing: {check: true}")] = Publishing()

    @property
    def search_sections(self) -> tuple[str, ...] | None:
        """The sections the search indexes (None: every page), as the templates' context reads it."""
        return self.search.sections


REVIEW_FIELDS = schema_of(Review)
READABILITY_FIELDS = schema_of(Readability)
SEARCH_FIELDS = schema_of(Search)
PUBLISHING_FIELDS = schema_of(Publishing)
# The older flat keys, still read: review_interval_days is review.interval_days, reading_grade_target
# readability.target. Each is checked as the nested key it stands for.
ALIASES = {"review_interval_days": ("review", "interval_days"), "reading_grade_target": ("readability", "target")}
OLD_POLICY_KEYS = {
    old: {"review": REVIEW_FIELDS, "readability": READABILITY_FIELDS}[group][key]
    for old, (group, key) in ALIASES.items()
}
# The top-level keys the policy reads; 'extra' and 'markdown' are SiteConfig's, read beside it.
POLICY_FIELDS = schema_of(Policy, **OLD_POLICY_KEYS)


def read_policy(data: LineDict, values: dict[str, Any], root: Path, rel: Path, problems: Problems) -> Policy:
    """The policy from the checked top-level values; nested keys are checked here, each at its line."""
    review = _section(data, "review", REVIEW_FIELDS, rel, problems)
    readability = _section(data, "readability", READABILITY_FIELDS, rel, problems)
    search = _section(data, "search", SEARCH_FIELDS, rel, problems)
    publishing = _section(data, "publishing", PUBLISHING_FIELDS, rel, problems)
    for old, (group, key) in ALIASES.items():
        target = review if group == "review" else readability
        if old in values and key in target:
            problems.error(
                f"'{old}' and '{group}: {key}' say the same thing; keep only '{group}: {key}'", rel, data.lines[old]
            )
        elif old in values:
            target[key] = values[old]
    kind = values.get("structured_data", "Article")
    if not SCHEMA_TYPE.match(kind):
        problems.error(schema_type_problem(kind), rel, data.lines["structured_data"])
    sections = search.get("sections")
    if sections is not None:
        _check_sections(sections, root, rel, _line(data, "search", "sections"), problems)
    return Policy(
        structured_data=kind,
        review=Review(**review),
        readability=read_readability(data, readability, _language_codes(data), rel, problems),
        search=Search(tuple(sections) if sections is not None else None),
        publishing=Publishing(**publishing),
    )


def _language_codes(data: LineDict) -> tuple[str, ...]:
    """The site's own language and the further ones, as site.yaml writes them (unchecked: only compared with)."""
    own = data.get("language")
    further = data.get("languages")
    names = [str(code) for code in further] if isinstance(further, dict) else []
    return (own if isinstance(own, str) else "en", *names)


def _section(data: LineDict, name: str, fields: dict[str, Field], rel: Path, problems: Problems) -> dict[str, Any]:
    """The checked keys of one nested mapping ({} when absent or not a mapping: reported at the top)."""
    value = data.get(name)
    if not isinstance(value, LineDict):
        return {}
    return check_mapping(value, fields, rel, problems, f"'{name}' in content/site.yaml")


def _line(data: LineDict, name: str, key: str) -> int:
    """The line of name.key, else of name, else 1."""
    value = data.get(name)
    if isinstance(value, LineDict) and key in value.lines:
        return value.lines[key]
    return data.lines.get(name, 1)


def _check_sections(sections: list[str], root: Path, rel: Path, line: int, problems: Problems) -> None:
    content = root / "content"
    folders = sorted(p.name for p in content.iterdir() if p.is_dir()) if content.is_dir() else []
    if not sections:
        problems.error(
            "'search: sections' is empty; name at least one folder under content/, e.g. [articles]", rel, line
        )
    for name in sections:
        if name not in folders:
            problems.error(
                f"'search: sections': {name[:40]!r} is not a folder under content/; "
                f"use one of: {', '.join(folders) or 'none'}{did_you_mean(name, folders)}",
                rel,
                line,
            )


def plain(value: Any) -> Any:
    """A YAML value as JSON-like data: plain dicts and lists, and a date as its YYYY-MM-DD text.

    What lies below 'extra:' goes to templates and into the build cache (JSON) unchanged in meaning.
    """
    if isinstance(value, dict):
        return {str(key): plain(item) for key, item in value.items()}
    if isinstance(value, list):
        return [plain(item) for item in value]
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


def page_section(rel_path: str) -> str:
    """The section of a content-relative source path: its first folder ('' for a page directly in content/)."""
    head, _, rest = rel_path.partition("/")
    return head if rest else ""


MARKDOWN_KEY = Field("mapping", help="markdown: {extensions: [tables, {toc: {permalink: true}}]}")
MARKDOWN_FIELDS = {
    "extensions": Field("list", help="more Python-Markdown extensions: - name, or - name: {option: value}"),
    "divs": Field("mapping", help=DIVS_HELP),
}
EXTENSION_NAME = re.compile(r"^[A-Za-z_][\w.]*(?::[A-Za-z_]\w*)?$")  # 'toc', 'pymdownx.mark', 'pkg.mod:Class'
Extensions = tuple[tuple[str, dict[str, Any], int], ...]  # (name, options, line in site.yaml)


def read_markdown(data: LineDict, rel: Path, problems: Problems) -> tuple[Extensions, tuple[DivStyle, ...]]:
    """The 'markdown:' settings: the further extensions, and how named fenced divs are shown; each bad entry reported."""
    settings = _section(data, "markdown", MARKDOWN_FIELDS, rel, problems)
    markdown = data.get("markdown")
    divs_line = markdown.lines.get("divs", 1) if isinstance(markdown, LineDict) else 1
    return _extensions(settings, rel, problems), read_divs(settings.get("divs"), rel, divs_line, problems)


def _extensions(settings: dict[str, Any], rel: Path, problems: Problems) -> Extensions:
    """The extensions 'markdown: extensions' names, each with its options and line."""
    entries = settings.get("extensions") or []
    lines = getattr(entries, "lines", [])
    found: list[tuple[str, dict[str, Any], int]] = []
    for entry, line in zip(entries, lines, strict=True):
        name, options = _extension_entry(entry)
        if name is None or not EXTENSION_NAME.match(name):
            problems.error(
                f"'markdown: extensions': {str(entry)[:60]!r} is not an extension; write its name (- tables) "
                "or its name and options (- toc: {permalink: true})",
                rel,
                line,
            )
        elif options is None:
            problems.error(
                f"'markdown: extensions': the options of '{name}' must be 'option: value' lines, "
                "e.g. - toc: {permalink: true}",
                rel,
                line,
            )
        else:
            found.append((name, options, line))
    return tuple(found)


def _extension_entry(entry: Any) -> tuple[str | None, dict[str, Any] | None]:
    """(name, options) of one entry: a name, or a mapping of one name to its options (None: not usable)."""
    if isinstance(entry, str):
        return entry.strip(), {}
    if isinstance(entry, dict) and len(entry) == 1:
        name, options = next(iter(entry.items()))
        if options is None:
            return str(name), {}
        return str(name), plain(options) if isinstance(options, dict) else None
    return None, None
