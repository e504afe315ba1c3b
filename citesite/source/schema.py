"""A small schema checker for YAML mappings: every bad key reported, with line and fix."""

from __future__ import annotations

import datetime as dt
import math
import re
import reprlib
import typing
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from citesite.errors import Problems
from citesite.source.suggest import closest
from citesite.source.yamlfile import LineDict, LineList, describe_kind

MAX_SHOWN = 80  # characters of a wrong value quoted in a message
MAX_SHOWN_ITEMS = 20
QUOTED_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
KEY_CUTOFF = 0.6  # a key list is short and fixed: a looser match than for names still means that key


@dataclass(frozen=True)
class Field:
    """One allowed key: its kind, whether it is required, and a help text for errors."""

    kind: str  # str | int | number | bool | date | list | list[str] | mapping
    required: bool = False
    help: str = ""
    low: float | None = None  # the smallest allowed number (int and number kinds)
    high: float | None = None  # the largest


# A key read and checked but never kept: a note for editors, accepted by pages, references and tables.
EDITOR_NOTE = Field("str", help="a note for editors; never shown on the site")


def schema_of(record: type, **accepted: Field) -> dict[str, Field]:
    """The YAML keys of a record type, in declaration order: each attribute written Annotated[type, Field(...)].

    The record is the one declaration of its keys; the attribute's type is the parsed value, the Field the
    YAML kind. Attributes without a Field (a line number, a path) are not keys. accepted: keys checked but
    not kept on the record (editor_note), listed after its own.
    """
    hints = typing.get_type_hints(record, include_extras=True)
    fields = {
        name: meta
        for name, hint in hints.items()
        for meta in getattr(hint, "__metadata__", ())
        if isinstance(meta, Field)
    }
    return fields | accepted


def _check_str(value: Any) -> str | None:
    if isinstance(value, str) and value.strip():
        return None
    if isinstance(value, bool):
        return "YAML reads yes/no/on/off/true/false as true or false; put the text in quotes"
    if isinstance(value, str) or value is None:
        return "it is empty; write some text"
    return f"expected text, got {describe_kind(value)}; put it in quotes"


def _check_int(value: Any) -> str | None:
    if isinstance(value, int) and not isinstance(value, bool):
        return None
    return f"expected a whole number, got {describe_kind(value)} {_shorten(value)}"


def _check_number(value: Any) -> str | None:
    if isinstance(value, int | float) and not isinstance(value, bool):
        if not math.isfinite(value):  # YAML's .nan and .inf: no use as a setting, and they break arithmetic
            return f"expected a number, got {_shorten(value)}; write an ordinary number such as 9"
        return None
    return f"expected a number, got {describe_kind(value)} {_shorten(value)}"


def _check_range(value: float, field: Field) -> str | None:
    """Why a number is outside its field's range, or None."""
    low, high = field.low, field.high
    if (low is not None and value < low) or (high is not None and value > high):
        shown = " to ".join(f"{bound:g}" for bound in (low, high) if bound is not None)
        return f"{_shorten(value)} is out of range; use a number from {shown}"
    return None


def _check_bool(value: Any) -> str | None:
    if isinstance(value, bool):
        return None
    return f"expected true or false, got {describe_kind(value)} {_shorten(value)}"


def _check_date(value: Any) -> str | None:
    if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
        return None
    if isinstance(value, dt.datetime):
        return "expected a date without a time, written YYYY-MM-DD"
    if isinstance(value, str) and QUOTED_DATE.fullmatch(value.strip()):
        try:
            dt.date.fromisoformat(value.strip())
        except ValueError:
            return f"{_shorten(value)} is not a day of the calendar; check the month and the day"
        return None  # a quoted date ('2026-11-01') means the same as an unquoted one, as in Hugo and Jekyll
    return f"expected a date written YYYY-MM-DD (e.g. 2026-01-31), got {_shorten(value)}"


def _as_date(value: Any) -> Any:
    """A date field's value as a date: a quoted ISO date is read as the date it spells."""
    return dt.date.fromisoformat(value.strip()) if isinstance(value, str) else value


def _check_str_list(value: Any) -> str | None:
    if isinstance(value, list) and all(isinstance(v, str) and v.strip() for v in value):
        return None
    if isinstance(value, list):
        return "every item must be text; put numbers or yes/no in quotes"
    return f"expected a list such as [vitamin-d, pth], got {describe_kind(value)} {_shorten(value)}"


def _check_list(value: Any) -> str | None:
    if isinstance(value, list):
        return None
    return f"expected a list (lines starting with '- '), got {describe_kind(value)}"


def _check_mapping(value: Any) -> str | None:
    if isinstance(value, dict):
        return None
    return f"expected a mapping of 'key: value' lines, got {describe_kind(value)}"


class _ShortRepr(reprlib.Repr):
    """A repr with bounded depth and length, also for the loader's LineList and LineDict."""

    repr_LineList = reprlib.Repr.repr_list  # noqa: N815 (reprlib finds handlers by type name)
    repr_LineDict = reprlib.Repr.repr_dict  # noqa: N815

    def __init__(self) -> None:
        super().__init__()
        self.maxlevel = 3
        self.maxlist = self.maxtuple = self.maxset = self.maxfrozenset = self.maxdict = MAX_SHOWN_ITEMS
        self.maxstring = self.maxother = 4 * MAX_SHOWN  # cut to MAX_SHOWN below, at the end rather than the middle


_SHORT_REPR = _ShortRepr()


def _shorten(value: Any) -> str:
    """The value as written in a message: its repr, cut short so a huge value cannot flood the terminal."""
    text = _SHORT_REPR.repr(value)
    return text if len(text) <= MAX_SHOWN else text[: MAX_SHOWN - 1] + "…"


_CHECKS: dict[str, Callable[[Any], str | None]] = {
    "list": _check_list,
    "mapping": _check_mapping,
    "str": _check_str,
    "int": _check_int,
    "number": _check_number,
    "bool": _check_bool,
    "date": _check_date,
    "list[str]": _check_str_list,
}


def check_mapping(
    data: LineDict,
    fields: dict[str, Field],
    path: Path | str,
    problems: Problems,
    what: str,
    hints: Mapping[str, str] | None = None,
) -> dict[str, Any]:
    """Return the valid values of data; record each unknown, missing or mistyped key.

    hints: the message for an unknown key known from elsewhere (a lesson's 'teaching:'), in place of the list.
    """
    values: dict[str, Any] = {}
    suggested = set()  # a misspelt required key is one mistake: its 'did you mean' says all
    for key, value in data.items():
        line = data.lines.get(key, data.line)
        field = fields.get(key)
        if field is None:
            hint = hints.get(key) if hints and isinstance(key, str) else None
            problems.error(hint or _unknown_key(key, fields, what), path, line)
            suggested.add(closest(key, fields, KEY_CUTOFF))
            continue
        check = _CHECKS.get(field.kind)
        message = check(value) if check else None
        if message is None and field.kind in ("int", "number"):
            message = _check_range(value, field)
        if message:
            problems.error(f"'{key}': {message}", path, line)
        else:
            values[key] = _as_date(value) if field.kind == "date" else value
    for key, field in fields.items():
        if field.required and key not in data and key not in suggested:
            hint = f" ({field.help})" if field.help else ""
            problems.error(f"missing required key '{key}'{hint}", path, data.line)
    return values


def _unknown_key(key: str, fields: dict[str, Field], what: str) -> str:
    close = closest(key, fields, KEY_CUTOFF)
    if close:
        return f"unknown key '{key}' in {what}; did you mean '{close}'?"
    return f"unknown key '{key}' in {what}; allowed keys: {', '.join(sorted(fields))}"


def mapping_items(data: Any, shown: str, problems: Problems, what: str) -> list[tuple[LineDict, int]]:
    """The mappings of a YAML list, each with its line; anything else is reported."""
    if not isinstance(data, LineList):
        problems.error(f"expected a list of {what} (lines starting with '- '), got {describe_kind(data)}", shown, 1)
        return []
    result = []
    for item, line in zip(data, data.lines, strict=True):
        if isinstance(item, LineDict):
            result.append((item, line))
        else:
            problems.error(f"each entry of {what} must be 'key: value' lines", shown, line)
    return result
