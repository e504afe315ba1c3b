"""Read the Markdown sources: split and validate their front matter, keeping line numbers."""

from __future__ import annotations

import datetime as dt
import hashlib
from pathlib import Path
from typing import Annotated, Any, NamedTuple, TypedDict

from citesite.errors import Problems, SiteError, cannot_read
from citesite.source.history import (
    Change,
    Reviewer,
    changes_from_json,
    changes_to_json,
    parse_changes,
    parse_reviewers,
    reviewers_from_json,
    reviewers_to_json,
)
from citesite.source.lesson_keys import LESSON_HINTS
from citesite.source.policy import SCHEMA_TYPE, plain, schema_type_problem
from citesite.source.schema import EDITOR_NOTE, Field, check_mapping, schema_of
from citesite.source.yamlfile import CONTROL_CHARACTER, LineDict, load_yaml

FENCE = "---"
# A page's Markdown larger than this is surely a mistake (a pasted file or log): converting 1 MB takes
# seconds, so 20 MB would stall every build for over a minute. The longest article is under 10 KB.
MAX_SOURCE_BYTES = 1024 * 1024


class SourceEntry(TypedDict):
    """What the cache keeps of one source: its front matter, to skip reading it while its file is unchanged."""

    stat: list[int]  # [size, mtime_ns]
    meta: dict[str, Any]  # the front matter as JSON, defaults left out
    body_line: int
    digest: str


class FrontMatter(NamedTuple):
    """The validated front matter of one page (a named tuple: 10,000 of them are made on every rebuild)."""

    title: Annotated[str, Field("str", required=True, help="the page's title")]
    summary: Annotated[str, Field("str", required=True, help="one or two plain sentences about the page")]
    slug: Annotated[str | None, Field("str")] = None
    date: Annotated[dt.date | None, Field("date")] = None
    updated: Annotated[dt.date | None, Field("date")] = None
    reviewed: Annotated[dt.date | None, Field("date")] = None
    topics: Annotated[tuple[str, ...], Field("list[str]")] = ()
    order: Annotated[int | None, Field("int")] = None
    draft: Annotated[bool, Field("bool")] = False
    template: Annotated[str | None, Field("str")] = None
    structured_data: Annotated[
        str | None, Field("str", help="this page's schema.org type, e.g. AboutPage (default: site.yaml's)")
    ] = None
    changes: Annotated[
        tuple[Change, ...], Field("list", help="the page's dated changes: - date: YYYY-MM-DD, summary: what changed")
    ] = ()
    reviewers: Annotated[
        tuple[Reviewer, ...],
        Field("list", help="named people who reviewed the page: - name: …, credentials: …, date: …, scope: …"),
    ] = ()
    extra: Annotated[
        dict[str, object] | None, Field("mapping", help="free-form values for templates, read as page.extra.NAME")
    ] = None  # as plain JSON-like data
    translation_key: Annotated[
        str | None,
        Field("str", help="the page this one translates: its path under content/ without .md, e.g. articles/x"),
    ] = None
    translated_by: Annotated[str, Field("str", help="who translated the page, e.g. the site's editors")] = ""
    translation_reviewers: Annotated[
        tuple[Reviewer, ...],
        Field("list", help="named people who reviewed the translation, the way 'reviewers:' names them"),
    ] = ()
    lines: tuple[tuple[str, int], ...] = ()
    broken: bool = False  # a stand-in for a file that could not be read (see placeholder_source)

    def line_of(self, key: str) -> int:
        """The source line of a front-matter key (1 when absent)."""
        return dict(self.lines).get(key, 1)


# editor_note is checked, then dropped: the page never holds it, so no template can show it.
FRONT_MATTER_FIELDS = schema_of(FrontMatter, editor_note=EDITOR_NOTE)


class Source(NamedTuple):
    """One Markdown source: where it is, its front matter and its body."""

    rel_path: str  # relative to content/, with '/' separators
    display_path: str  # as shown in messages, relative to the project root
    meta: FrontMatter
    body: str
    body_line: int  # the file line on which the body starts
    digest: str
    body_loaded: bool = True  # False for a source restored from the build cache without its body


def _shown(path: Path, content_dir: Path) -> str:
    return (Path("content") / path.relative_to(content_dir)).as_posix()


def read_source(path: Path, content_dir: Path, problems: Problems) -> Source | None:
    """Read one Markdown file; record a problem and return None when it cannot be used."""
    shown = _shown(path, content_dir)
    try:
        raw = path.read_bytes()
    except OSError as exc:
        problems.error(cannot_read(exc), shown)
        return None
    if len(raw) > MAX_SOURCE_BYTES:
        problems.error(f"the file is {len(raw) / 1_048_576:.1f} MB; split it into smaller pages (limit 1 MB)", shown)
        return None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        problems.error(f"not UTF-8 text (byte 0x{raw[exc.start]:02x}); save the file as UTF-8", shown, line)
        return None
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = report_control_characters(text, shown, problems)
    try:
        meta, body, body_line = parse_front_matter(text, shown)
    except SiteError as exc:
        problems.add(exc)
        return None
    sub = Problems()
    fm = validate_front_matter(meta, shown, sub, lenient=True)
    problems.extend(sub.items)
    if fm is None:
        return None
    rel = path.relative_to(content_dir).as_posix()
    return Source(rel, shown, fm, body, body_line, hashlib.sha256(raw).hexdigest()[:32])


MAX_CONTROL_REPORTS = 20  # per file: enough to find them all by eye, not a flood from a binary file


def report_control_characters(text: str, shown: str, problems: Problems) -> str:
    """Report every invisible control character with its line; the text with each replaced by U+FFFD.

    The rest of the file is still read and checked (its other problems are reported in the same run); the
    build fails on these errors, so the replacement never reaches a page.
    """
    found = list(CONTROL_CHARACTER.finditer(text))
    for match in found[:MAX_CONTROL_REPORTS]:
        line = text.count("\n", 0, match.start()) + 1
        problems.error(
            f"invisible control character U+{ord(match.group()):04X}; delete it (retype the text around it)",
            shown,
            line,
        )
    if len(found) > MAX_CONTROL_REPORTS:
        line = text.count("\n", 0, found[MAX_CONTROL_REPORTS].start()) + 1
        problems.error(
            f"{len(found) - MAX_CONTROL_REPORTS} more invisible control characters from here on; "
            "the file may not be text: check it",
            shown,
            line,
        )
    return CONTROL_CHARACTER.sub("\ufffd", text) if found else text


def placeholder_source(rel: str) -> Source:
    """A stand-in for a Markdown file that could not be read, so the rest of the site is checked as if it were
    there: links to it are not reported as links to a missing page (its own errors fail the build anyway)."""
    stem = rel.rsplit("/", 1)[-1].removesuffix(".md")
    meta = FrontMatter(title=stem, summary=stem, broken=True)
    return Source(rel, f"content/{rel}", meta, "", 1, "", body_loaded=True)


def read_body(path: Path, content_dir: Path, source: Source, problems: Problems) -> Source | None:
    """The source with its body, read again from its file (the model keeps only front matter).

    While the file is the one the model was made from (same digest), only the body is split off; a file
    changed since is read and checked afresh.
    """
    try:
        raw = path.read_bytes()
    except OSError:
        raw = b""
    if hashlib.sha256(raw).hexdigest()[:32] != source.digest:
        return read_source(path, content_dir, problems)
    text = raw.decode("utf-8-sig").replace("\r\n", "\n").replace("\r", "\n")
    text = CONTROL_CHARACTER.sub("\ufffd", text)  # reported when the file was read; '\x02' is Markdown's own marker
    body = "\n".join(text.split("\n")[source.body_line - 1 :])
    return source._replace(body=body, body_loaded=True)


def parse_front_matter(text: str, path: str) -> tuple[LineDict, str, int]:
    """Split '---' YAML front matter from the body; lines in errors count from the file's top."""
    if not text.strip():
        raise SiteError("the file is empty; start it with front matter between '---' lines (title, summary)", path, 1)
    lines = text.split("\n")
    if lines[0].rstrip() != FENCE:
        raise SiteError(
            "missing front matter; the file must start with a '---' line, then title: and summary:", path, 1
        )
    for index in range(1, len(lines)):
        if lines[index].rstrip() == FENCE:
            break
    else:
        raise SiteError("the front matter is not closed; add a '---' line after it", path, 1)
    data = load_yaml("\n".join(lines[1:index]), path, line_offset=1)
    if data is None:
        data = LineDict()
        data.lines, data.line = {}, 1
    if not isinstance(data, LineDict):
        raise SiteError("front matter must be 'key: value' lines (title:, summary:, …)", path, 2)
    body = "\n".join(lines[index + 1 :])
    return data, body, index + 2


def validate_front_matter(data: LineDict, path: str, problems: Problems, lenient: bool = False) -> FrontMatter | None:
    """Check front matter against the schema; None when it has errors (lenient: the valid part, still checked).

    A lenient result keeps a page with a bad key in the model, so its body is checked and links to it
    resolve in the same run; the errors recorded still fail the build.
    """
    before = len(problems.errors)
    values: dict[str, Any] = check_mapping(data, FRONT_MATTER_FIELDS, path, problems, "front matter", LESSON_HINTS)
    slug = values.get("slug")
    if isinstance(slug, str) and not _valid_slug(slug):
        problems.error(
            f"'slug': {slug!r} must be one URL segment of letters, digits and '-' (e.g. vitamin-d)",
            path,
            data.lines.get("slug"),
        )
    kind = values.get("structured_data")
    if isinstance(kind, str) and not SCHEMA_TYPE.match(kind):
        problems.error(schema_type_problem(kind), path, data.lines.get("structured_data"))
    if "changes" in values:
        values["changes"] = parse_changes(values["changes"], path, data.lines["changes"], problems)
    for key in _REVIEWER_KEYS.intersection(values):
        values[key] = parse_reviewers(values[key], path, data.lines[key], problems, key)
    values.pop("editor_note", None)  # for editors only: never part of the page
    if "extra" in values:
        values["extra"] = plain(values["extra"])
    if len(problems.errors) > before:
        if not lenient:
            return None
        if not (isinstance(slug, str) and _valid_slug(slug)):
            values.pop("slug", None)
        values.setdefault("title", Path(path).stem)
        values.setdefault("summary", Path(path).stem)
    values["topics"] = tuple(values.get("topics", ()))
    values["lines"] = tuple(sorted(data.lines.items()))
    return FrontMatter(**values)


def _valid_slug(slug: str) -> bool:
    if slug in (".", "..") or not slug:
        return False
    return all(ch.isalnum() or ch in "-_" for ch in slug)


def source_to_json(source: Source, stat: list[int]) -> SourceEntry:
    """A parsed source's front matter (not its body) as JSON-friendly data; defaults left out, to load fast."""
    meta: dict[str, Any] = {}
    for key, value in source.meta._asdict().items():
        if value == _META_DEFAULTS.get(key, _NO_DEFAULT):
            continue
        if isinstance(value, dt.date):
            value = value.isoformat()
        elif key == "changes":
            value = changes_to_json(value)
        elif key in _REVIEWER_KEYS:
            value = reviewers_to_json(value)
        elif key == "lines":
            value = dict(value)
        elif isinstance(value, tuple):
            value = list(value)  # as JSON gives it back, so a fresh entry compares equal to a loaded one
        meta[key] = value
    return {"stat": stat, "meta": meta, "body_line": source.body_line, "digest": source.digest}


def source_from_json(rel: str, data: SourceEntry) -> Source:
    """A source rebuilt from the cache, without its body (read again only if the body must be converted)."""
    meta = data["meta"].copy()
    for key in _DATE_KEYS.intersection(meta):
        meta[key] = dt.date.fromisoformat(meta[key])
    if "topics" in meta:
        meta["topics"] = tuple(meta["topics"])
    if "changes" in meta:
        meta["changes"] = changes_from_json(meta["changes"])
    for key in _REVIEWER_KEYS.intersection(meta):
        meta[key] = reviewers_from_json(meta[key])
    if "lines" in meta:
        meta["lines"] = tuple(meta["lines"].items())
    return Source(rel, f"content/{rel}", FrontMatter(**meta), "", data["body_line"], data["digest"], body_loaded=False)


_META_DEFAULTS = FrontMatter._field_defaults
_NO_DEFAULT = object()
_DATE_KEYS = frozenset(("date", "updated", "reviewed"))
_REVIEWER_KEYS = frozenset(("reviewers", "translation_reviewers"))
