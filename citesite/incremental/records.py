"""The shape of every record in the build cache, checked before use.

.cache/ is shared by CI systems between runs (pull requests included), so it is input like any other: a
record with a missing, extra or mistyped field is foreign, and its page is rebuilt. The checks are plain
type tests, written out per field: they run for every page on every rebuild (about 10 ms per 1,000 pages).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING, NotRequired, TypedDict, TypeGuard, cast

from citesite.errors import ERROR, NOTICE, WARNING, SiteError

if TYPE_CHECKING:  # the light path (nothing changed) imports this module, and no YAML
    from citesite.source.content import SourceEntry


ProblemRecord = list[str | int | None]  # [message, path, line, column, level] (problems_to_json)


class PageEntry(TypedDict):
    """What the cache keeps of one page: what its output was made from, and what its build reported."""

    body_key: str
    source: str
    digest: str
    dest: str
    asks: NotRequired[list[str]]  # what its Markdown asked of the site, and a key of the answers
    answers: NotRequired[str]
    handed: NotRequired[list[str | None]]  # what it showed of other pages (citesite.incremental.shown)
    reads: NotRequired[list[list[int]]]
    counted: NotRequired[int]
    reads_key: NotRequired[str]
    problems: NotRequired[list[ProblemRecord]]
    citations: NotRequired[list[str]]
    anchors: NotRequired[list[list[str | int]]]
    files: NotRequired[list[str]]  # the files beside pages it links (citesite.markdown.filelinks)


class SiteKeys(TypedDict):
    """What every page was made from besides its own source (citesite.incremental.plan)."""

    site_key: str
    md_key: str
    urls_key: str
    layout_key: str
    global_pages: list[str]


class Head(TypedDict, total=False):
    """The small part of the state read first: enough to tell that nothing changed, and to report it."""

    format: int
    code: str
    fingerprint: str
    manifest: list[int]
    site_problems: list[ProblemRecord]
    page_count: int
    file_count: int


class State(Head, total=False):
    """Everything one build leaves for the next."""

    site_key: str  # the SiteKeys
    md_key: str
    urls_key: str
    layout_key: str
    global_pages: list[str]
    sources: dict[str, SourceEntry]
    pages: dict[str, PageEntry]
    grades: dict[str, float]
    generation: str


def _text(value: object) -> bool:
    return type(value) is str


def _whole(value: object) -> bool:
    return type(value) is int  # not bool: type() is exact


_STR_ONLY = frozenset((str,))
_INT_ONLY = frozenset((int,))
_STR_OR_NONE = frozenset((str, type(None)))


def _texts(value: object) -> bool:
    return type(value) is list and set(map(type, value)) <= _STR_ONLY  # map and set: no Python loop per item


def _wholes(value: object) -> bool:
    return type(value) is list and set(map(type, value)) <= _INT_ONLY


def _handed(value: object) -> bool:
    return type(value) is list and set(map(type, value)) <= _STR_OR_NONE


def _spans(value: object) -> bool:
    return type(value) is list and all(
        type(span) is list and len(span) == 2 and type(span[0]) is int and type(span[1]) is int for span in value
    )


def _anchors(value: object) -> bool:
    return type(value) is list and all(
        type(a) is list
        and len(a) == 4
        and type(a[0]) is str
        and type(a[1]) is str
        and type(a[2]) is int
        and type(a[3]) is str
        for a in value
    )


_LEVELS = (ERROR, WARNING, NOTICE)  # a translation behind its original is a notice


def valid_problems(value: object) -> TypeGuard[list[ProblemRecord]]:
    """Whether value is a list of [message, path, line, column, level] records."""
    return type(value) is list and all(
        type(item) is list
        and len(item) == 5
        and type(item[0]) is str
        and (item[1] is None or type(item[1]) is str)
        and (item[2] is None or type(item[2]) is int)
        and (item[3] is None or type(item[3]) is int)
        and item[4] in _LEVELS
        for item in value
    )


def _date(value: object) -> bool:
    if type(value) is not str or len(value) != 10:
        return False
    try:
        dt.date.fromisoformat(value)
    except ValueError:
        return False
    return True


def _lines(value: object) -> bool:
    return type(value) is dict and set(map(type, value.values())) <= _INT_ONLY  # JSON keys are always text


def _changes(value: object) -> bool:
    """[[iso date, summary], …] (changes_to_json)."""
    return type(value) is list and all(
        type(c) is list and len(c) == 2 and _date(c[0]) and type(c[1]) is str for c in value
    )


def _reviewers(value: object) -> bool:
    """[[name, iso date, credentials, scope], …] (reviewers_to_json)."""
    return type(value) is list and all(
        type(r) is list
        and len(r) == 4
        and type(r[0]) is str
        and _date(r[1])
        and type(r[2]) is str
        and type(r[3]) is str
        for r in value
    )


_META: dict[str, Callable[[object], bool]] = {
    "title": _text,
    "summary": _text,
    "slug": _text,
    "date": _date,
    "updated": _date,
    "reviewed": _date,
    "topics": _texts,
    "order": _whole,
    "draft": lambda value: type(value) is bool,
    "template": _text,
    "structured_data": _text,
    "changes": _changes,
    "reviewers": _reviewers,
    "extra": lambda value: type(value) is dict,  # JSON-like data for templates, as json.loads gave it
    "translation_key": _text,
    "translated_by": _text,
    "translation_reviewers": _reviewers,
    "lines": _lines,
}
_PAGE: dict[str, Callable[[object], bool]] = {
    "body_key": _text,
    "source": _text,
    "digest": _text,
    "dest": _text,
    "asks": _texts,
    "answers": _text,
    "handed": _handed,
    "reads": _spans,
    "counted": _whole,
    "reads_key": _text,
    "problems": valid_problems,
    "citations": _texts,
    "anchors": _anchors,
    "files": _texts,
}


def _fields_hold(record: dict[str, object], checks: dict[str, Callable[[object], bool]]) -> bool:
    for key, value in record.items():
        check = checks.get(key)
        if check is None or not check(value):
            return False  # a field this version never writes, or one of the wrong type
    return True


def valid_page(record: object) -> TypeGuard[PageEntry]:
    """Whether a page's cache entry holds only known fields of the right types, and the four always written."""
    return (
        type(record) is dict
        and "body_key" in record
        and "source" in record
        and "digest" in record
        and "dest" in record
        and _fields_hold(record, _PAGE)
    )


def valid_source(record: object) -> TypeGuard[SourceEntry]:
    """Whether a source's cache entry is exactly {stat, meta, body_line, digest} with a valid front matter."""
    if type(record) is not dict or len(record) != 4:
        return False
    meta = record.get("meta")
    return (
        type(meta) is dict
        and _wholes(record.get("stat"))
        and type(record.get("body_line")) is int
        and type(record.get("digest")) is str
        and type(meta.get("title")) is str
        and type(meta.get("summary")) is str
        and meta.keys() <= _META.keys()
        and all(_META[key](value) for key, value in meta.items() if key not in _ALWAYS_TEXT)
    )


_ALWAYS_TEXT = frozenset(("title", "summary"))  # checked above, without a call each


def problems_to_json(problems: Iterable[SiteError]) -> list[ProblemRecord]:
    """SiteErrors as plain lists."""
    return [[p.message, p.path, p.line, p.column, p.level] for p in problems]


def problems_from_json(data: list[ProblemRecord]) -> tuple[SiteError, ...]:
    """SiteErrors back from plain lists (checked by valid_problems)."""
    return tuple(
        SiteError(str(m), cast(str | None, p), cast(int | None, line), cast(int | None, col), str(level))
        for m, p, line, col, level in data
    )
