"""content/site.yaml -> a frozen SiteConfig, with every bad key reported at once."""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Annotated, Any
from urllib.parse import urlsplit

from citesite.errors import Problems, SiteError, SiteErrors
from citesite.source.divs import DivStyle
from citesite.source.languages import Language, read_languages
from citesite.source.policy import (
    MARKDOWN_KEY,
    POLICY_FIELDS,
    Extensions,
    Policy,
    plain,
    read_markdown,
    read_policy,
)
from citesite.source.schema import Field, check_mapping, schema_of
from citesite.source.sections import Section, parse_sections
from citesite.source.strings import Strings, theme_strings
from citesite.source.theme_extra import check_theme_extra
from citesite.source.yamlfile import LineDict, LineList, load_yaml

URL_CHARACTERS = re.compile(r"^[A-Za-z0-9\-._~:/@!$&()*+,;=%\[\]]+$")  # RFC 3986, without '?' and '#'


@dataclass(frozen=True)
class SiteConfig:
    """Settings from content/site.yaml, plus where the project lives."""

    root: Path
    title: Annotated[str, Field("str", required=True, help="the site's name")]
    description: Annotated[str, Field("str", required=True, help="one sentence about the site")]
    base_url: Annotated[str, Field("str", required=True, help="e.g. https://example.org/ ; used for canonical URLs")]
    language: Annotated[str, Field("str", help="e.g. en")] = "en"
    author: Annotated[str, Field("str")] = ""
    publisher: Annotated[
        str, Field("str", help="the person or organisation that publishes the site and answers for it")
    ] = ""
    disclaimer: Annotated[str, Field("str", help="a short notice shown on every page")] = ""
    policy: Policy = field(default_factory=Policy)  # from the keys in POLICY_FIELDS (citesite/source/policy.py)
    extra: Annotated[
        dict[str, Any], Field("mapping", help="free-form values for templates, read as site.extra.NAME")
    ] = field(default_factory=dict)
    markdown_extensions: Extensions = ()  # further Python-Markdown extensions: (name, options, line)
    divs: tuple[DivStyle, ...] = ()  # how named fenced divs are shown ('markdown: divs')
    page_time_limit: Annotated[
        float, Field("number", help="seconds one page's Markdown may take to convert", low=0.1, high=3600)
    ] = 10.0  # seconds; a page that takes longer is stopped and reported
    nav: Annotated[tuple[str, ...], Field("list[str]", help="source paths of pages linked in the header")] = ()
    nav_lines: tuple[int, ...] = ()
    extra_css: Annotated[
        tuple[str, ...], Field("list[str]", help="stylesheets under static/ linked after the theme's: css/extra.css")
    ] = ()
    report_url: Annotated[str, Field("str", help="where readers report a problem: https://… or mailto:…")] = ""
    # the sections site.yaml configures; other folders get the defaults
    sections: Annotated[
        tuple[Section, ...],
        Field("mapping", help="settings of the folders under content/: guides: {title: Guides, order: date}"),
    ] = ()
    strings: Strings = field(default_factory=theme_strings)  # the words readers see (citesite/source/strings.py)
    languages: Annotated[
        tuple[Language, ...],
        Field("mapping", help="further languages, each a folder under content/: es: {title: …, description: …}"),
    ] = ()
    translation_grace_days: Annotated[
        int,
        Field(
            "int", help="days a translation may lag a major change to its page before --strict fails", low=0, high=3650
        ),
    ] = 30
    path: Path = field(default=Path("content/site.yaml"))
    _views: dict[str, SiteConfig] = field(default_factory=dict, repr=False, compare=False)  # made by in_language
    lines: dict[str, int] = field(default_factory=dict)  # the line of each top-level key in site.yaml
    from_options: tuple[str, ...] = ()  # the settings the command line gave (--base-url, --report-url, --publisher)

    @property
    def review_interval_days(self) -> int:
        """Days after which an article's review is overdue."""
        return self.policy.review.interval_days

    @property
    def reading_grade_target(self) -> float:
        """The highest reading grade the readability check allows."""
        return self.policy.readability.target

    @property
    def content_dir(self) -> Path:
        """Where the Markdown and data live."""
        return self.root / "content"

    @property
    def language_codes(self) -> tuple[str, ...]:
        """The site's own language, then the further ones in the order site.yaml lists them."""
        return (self.language, *(found.code for found in self.languages))

    @property
    def other_codes(self) -> frozenset[str]:
        """The codes of the further languages: the folders under content/ that hold their pages."""
        return frozenset(found.code for found in self.languages)

    def in_language(self, code: str) -> SiteConfig:
        """These settings as a page in language code sees them: that language's title, description and words."""
        if code not in self._views:  # made once a language: every page of it asks
            found = next((found for found in self.languages if found.code == code), None)
            self._views[code] = (
                self
                if found is None
                else replace(
                    self,
                    title=found.title,
                    description=found.description,
                    disclaimer=found.disclaimer or self.disclaimer,
                    extra={**self.extra, **found.extra},
                    language=code,
                    strings=found.strings,
                    _views={},
                )
            )
        return self._views[code]

    @property
    def base_path(self) -> str:
        """The path part of base_url, e.g. '/magnesium/' ('/' at a domain root)."""
        return urlsplit(self.base_url).path or "/"


# The keys of content/site.yaml: the attributes that declare a Field, then the policy's keys (read into policy) and
# the Markdown settings (read into markdown_extensions).
SITE_FIELDS = schema_of(SiteConfig, **POLICY_FIELDS, markdown=MARKDOWN_KEY)


def load_config(
    root: Path, base_url: str | None = None, report_url_option: str | None = None, publisher: str | None = None
) -> SiteConfig:
    """Read and validate content/site.yaml under root.

    base_url replaces the one in site.yaml; report_url_option and publisher are used only where site.yaml sets none
    (the deploy workflow passes the repository's issue tracker and owner, which a site may override).
    """
    rel, data = _read_settings(root)
    problems = Problems()
    values = check_mapping(data, SITE_FIELDS, rel, problems, "content/site.yaml")
    url = base_url if base_url is not None else values.get("base_url")
    if isinstance(url, str):
        url = _check_base_url(url, rel, data.lines.get("base_url"), problems)
    report_url, publisher, given = _with_fallbacks(values, base_url, report_url_option, publisher)
    if report_url and not report_url_ok(report_url):
        problems.error(
            f"'report_url': {report_url[:80]!r} is not a web address or an e-mail link; "
            "write https://… or mailto:name@example.org",
            rel,
            data.lines.get("report_url"),
        )
    sections = parse_sections(values.get("sections"), rel, data.lines.get("sections", 1), problems)
    policy = read_policy(data, values, root, rel, problems)
    extensions, divs = read_markdown(data, rel, problems)
    check_theme_extra(values.get("extra"), rel, problems)
    extra_css = _read_extra_css(data.get("extra_css"), root, rel, problems)
    strings, languages = read_languages(data, values.get("language"), root, rel, problems)
    problems.raise_errors()
    nav = data.get("nav") or LineList()
    return SiteConfig(
        root=root,
        title=values["title"],
        description=values["description"],
        base_url=url or "",
        language=values.get("language", "en"),
        author=values.get("author", ""),
        disclaimer=values.get("disclaimer", ""),
        policy=policy,
        extra=plain(values.get("extra")) or {},
        markdown_extensions=extensions,
        divs=divs,
        page_time_limit=float(values.get("page_time_limit", 10.0)),
        nav=tuple(nav),
        nav_lines=tuple(getattr(nav, "lines", [data.lines.get("nav", 1)] * len(nav))),
        extra_css=extra_css,
        strings=strings,
        languages=languages,
        translation_grace_days=int(values.get("translation_grace_days", 30)),
        report_url=report_url,
        sections=sections,
        path=rel,
        publisher=publisher,
        lines={key: line for key, line in data.lines.items() if isinstance(key, str)},
        from_options=tuple(given),
    )


def _read_settings(root: Path) -> tuple[Path, LineDict]:
    """content/site.yaml as lines of YAML, and its path relative to root; unreadable settings stop the build."""
    path = root / "content" / "site.yaml"
    rel = path.relative_to(root)
    try:
        text = path.read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        raise SiteErrors(
            [SiteError("site settings not found; create content/site.yaml with title, description and base_url", rel)]
        ) from None
    except (OSError, UnicodeDecodeError) as exc:
        raise SiteErrors([SiteError(f"cannot read the site settings: {_reason(exc)}", rel)]) from None
    try:
        data = load_yaml(text, rel)
    except SiteError as exc:
        raise SiteErrors([exc]) from None
    if not isinstance(data, LineDict):
        raise SiteErrors([SiteError("site settings must be a mapping of 'key: value' lines", rel, 1)])
    return rel, data


def _read_extra_css(names: Any, root: Path, rel: Path, problems: Problems) -> tuple[str, ...]:
    """The stylesheets extra_css names; each must be a .css file under static/, so no page links a missing one."""
    if not isinstance(names, LineList):
        return ()
    static = (root / "static").resolve()
    for name, line in zip(names, names.lines, strict=False):
        if not isinstance(name, str):
            continue  # the schema check has reported it
        parts = Path(name).parts
        path = (static / name).resolve()
        if Path(name).is_absolute() or "\\" in name or any(part == ".." or part.startswith(".") for part in parts):
            problems.error(
                f"'extra_css': {name[:80]!r} points outside static/; name a file under static/, e.g. css/extra.css",
                rel,
                line,
            )
        elif not name.endswith(".css"):
            problems.error(f"'extra_css': {name[:80]!r} is not a stylesheet; name a .css file under static/", rel, line)
        elif not path.is_relative_to(static) or not path.is_file():
            problems.error(
                f"'extra_css': {name[:80]!r} is not a file in static/; create static/{name[:80]} or fix the name",
                rel,
                line,
            )
    return tuple(name for name in names if isinstance(name, str))


def _with_fallbacks(
    values: dict[str, Any], base_url: str | None, report_url: str | None, publisher: str | None
) -> tuple[str, str, list[str]]:
    """report_url and publisher from site.yaml, else from the command line; and which settings it gave."""
    given = ["base_url"] if base_url is not None else []
    chosen = []
    for key, option in (("report_url", report_url), ("publisher", publisher)):
        value = values.get(key, "")
        if not value and option:
            value = option
            given.append(key)
        chosen.append(value)
    return chosen[0], chosen[1], given


def base_url_problem(url: str) -> str | None:
    """What is wrong with a base URL (from site.yaml or --base-url), or None when it is usable."""
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        return f"{url!r} is not an absolute http(s) URL, e.g. https://example.org/"
    if not URL_CHARACTERS.match(url) or parts.query or parts.fragment:
        return (
            f"{url[:80]!r} must be a plain address without spaces, quotes, '<', '>', '?' or '#', "
            "e.g. https://example.org/my-site/"
        )
    return None


def _check_base_url(url: str, path: Path, line: int | None, problems: Problems) -> str:
    problem = base_url_problem(url)
    if problem:
        problems.error(f"'base_url': {problem}", path, line)
        return url
    return url if url.endswith("/") else url + "/"


MAIL_ADDRESS = re.compile(r"^[^@\s<>\"?#]+@[^@\s<>\"?#]+\.[A-Za-z]{2,}$")


def report_url_ok(url: str) -> bool:
    """An absolute http(s) address, or 'mailto:' and one e-mail address (a subject is added per page)."""
    if url.startswith("mailto:"):
        return bool(MAIL_ADDRESS.match(url[len("mailto:") :]))
    parts = urlsplit(url)
    return (
        parts.scheme in ("http", "https")
        and bool(parts.netloc)
        and bool(URL_CHARACTERS.match(url.replace("?", "").replace("#", "")))
    )


def _reason(exc: Exception) -> str:
    if isinstance(exc, UnicodeDecodeError):
        return "it is not UTF-8 text; save it as UTF-8"
    if isinstance(exc, OSError) and exc.strerror:
        return exc.strerror.lower()
    return str(exc)
