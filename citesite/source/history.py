"""Editorial front matter: a page's dated changes and its named reviewers, checked with line numbers."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any, NamedTuple

from citesite.errors import Problems
from citesite.source.schema import Field, check_mapping, schema_of
from citesite.source.yamlfile import LineDict, LineList


# Named tuples: the build cache stores them as lists and makes them again from those lists.
class Change(NamedTuple):
    """One dated entry of a page's history."""

    date: Annotated[dt.date, Field("date", required=True, help="the day of the change, YYYY-MM-DD")]
    summary: Annotated[str, Field("str", required=True, help="one sentence saying what changed")]


CHANGE_FIELDS = schema_of(Change)


class Reviewer(NamedTuple):
    """A named person who reviewed a page: their credentials, the day, and what they reviewed."""

    name: Annotated[str, Field("str", required=True, help="the reviewer's name, as they agreed to be shown")]
    date: Annotated[dt.date, Field("date", required=True, help="the day they reviewed it, YYYY-MM-DD")]
    credentials: Annotated[str, Field("str", help="e.g. registered dietitian")] = ""
    scope: Annotated[str, Field("str", help="what they reviewed, e.g. the whole article, or the dosing section")] = ""


REVIEWER_FIELDS = schema_of(Reviewer)


def parse_changes(value: Any, path: str, line: int, problems: Problems) -> tuple[Change, ...]:
    """The 'changes' list as Change entries, newest first; every bad entry is recorded with its line."""
    changes = [
        Change(values["date"], values["summary"])
        for values in _entries(value, "changes", CHANGE_FIELDS, "a change", path, line, problems)
        if "date" in values and "summary" in values
    ]
    return tuple(sorted(changes, key=lambda change: change.date, reverse=True))


def parse_reviewers(
    value: Any, path: str, line: int, problems: Problems, key: str = "reviewers"
) -> tuple[Reviewer, ...]:
    """A 'reviewers' (or 'translation_reviewers') list as Reviewer entries, in the order written."""
    return tuple(
        Reviewer(values["name"], values["date"], values.get("credentials", ""), values.get("scope", ""))
        for values in _entries(value, key, REVIEWER_FIELDS, "a reviewer", path, line, problems)
        if "name" in values and "date" in values
    )


def _entries(
    value: Any, key: str, fields: dict[str, Field], what: str, path: str, line: int, problems: Problems
) -> list[dict[str, Any]]:
    # The schema has already checked that value is a list; the loader gives each item its line.
    lines = value.lines if isinstance(value, LineList) else [line] * len(value)
    found = []
    wanted = " and ".join(f"{name}:" for name, field in fields.items() if field.required)
    for item, item_line in zip(value, lines, strict=True):
        if not isinstance(item, LineDict):
            problems.error(f"each entry of '{key}' must be 'key: value' lines with {wanted}", path, item_line)
            continue
        found.append(check_mapping(item, fields, path, problems, what))
    return found


def newest_change(changes: tuple[Change, ...]) -> dt.date | None:
    """The date of the most recent change, or None."""
    return max((change.date for change in changes), default=None)


def review_due(reviewed: dt.date | None, interval_days: int) -> dt.date | None:
    """The day the next review falls due: the last review plus the site's review interval."""
    if reviewed is None or dt.date.max - reviewed < dt.timedelta(days=interval_days):
        return None  # no review falls due within the calendar (reviewed: 9999-12-31)
    return reviewed + dt.timedelta(days=interval_days)


def changes_to_json(changes: tuple[Change, ...]) -> list[list[str]]:
    """Changes as JSON-friendly [iso date, summary] pairs, for the build cache."""
    return [[change.date.isoformat(), change.summary] for change in changes]


def changes_from_json(data: list[list[str]]) -> tuple[Change, ...]:
    """Changes back from the build cache."""
    return tuple(Change(dt.date.fromisoformat(day), summary) for day, summary in data)


def newest_review(reviewers: tuple[Reviewer, ...]) -> dt.date | None:
    """The day of the most recent review by a named reviewer, or None when nobody is named."""
    return max((reviewer.date for reviewer in reviewers), default=None)


def reviewers_to_json(reviewers: tuple[Reviewer, ...]) -> list[list[str]]:
    """Reviewers as JSON-friendly [name, iso date, credentials, scope] lists, for the build cache."""
    return [[r.name, r.date.isoformat(), r.credentials, r.scope] for r in reviewers]


def reviewers_from_json(data: list[list[str]]) -> tuple[Reviewer, ...]:
    """Reviewers back from the build cache."""
    return tuple(Reviewer(name, dt.date.fromisoformat(day), cred, scope) for name, day, cred, scope in data)
