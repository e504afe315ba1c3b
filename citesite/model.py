"""The site model: every page with its URL, output path, template and reading order. No I/O."""

from __future__ import annotations

import datetime as dt
import itertools
import re
from dataclasses import dataclass, field
from operator import attrgetter
from pathlib import Path
from typing import NamedTuple
from urllib.parse import quote

from citesite.errors import Problems
from citesite.source.config import SiteConfig
from citesite.source.content import FrontMatter, Source
from citesite.source.data import SiteData
from citesite.source.languages import language_of, split_language
from citesite.source.pairing import pair_pages, translation_key
from citesite.source.sections import (
    check_empty_sections,
    default_section,
    has_list_page,
    list_source,
    section_of,
    section_settings,
    section_template,
    sort_key,
)
from citesite.urls import dest_for_url, url_for_source

ARTICLES_DIR = "articles/"
_URL_SAFE = re.compile(r"[A-Za-z0-9_.\-~/]*")  # what quote(path, safe="/") leaves as it is
DEFAULT_TEMPLATES = {"home": "home", "article": "article", "page": "page", "list": "list", "notfound": "404"}
RELATED_LIMIT = 3
MAX_COMBINED_TOPICS = 6  # above this, counting beats trying every combination


class Page(NamedTuple):
    """One page of the site: its source, kind, URL, output file and template."""

    source: Source
    kind: str  # home | article | page | list (a section's list page) | notfound
    url: str
    dest_path: str
    template: str
    lang: str = ""  # the language the page is written in (site.yaml's 'language' or one of its 'languages')

    @property
    def title(self) -> str:
        """The page's title from its front matter."""
        return self.source.meta.title

    @property
    def summary(self) -> str:
        """The page's summary from its front matter."""
        return self.source.meta.summary

    @property
    def meta(self) -> FrontMatter:
        """The page's front matter."""
        return self.source.meta

    @property
    def extra(self) -> dict[str, object]:
        """The free-form values under the front matter's 'extra:' ({} when it has none)."""
        return self.source.meta.extra or {}


@dataclass(frozen=True)
class Site:
    """Every page (sorted by URL), the articles in reading order, and the data they use."""

    config: SiteConfig
    pages: tuple[Page, ...]
    articles: tuple[Page, ...]
    data: SiteData
    sections: dict[str, tuple[Page, ...]] = field(default_factory=dict)  # each section's pages, in its order
    paged: frozenset[str] = frozenset()  # the sections whose pages link to the previous and next one
    fed: frozenset[str] = frozenset()  # the sections whose pages are in the feed
    translations: dict[str, dict[str, str]] = field(default_factory=dict)  # key -> {language: source path}
    behind: dict[str, dt.date] = field(default_factory=dict)  # url -> when its original changed in a major way
    _place: dict[str, tuple[str, int]] = field(default_factory=dict, repr=False, compare=False)
    _position: dict[str, int] = field(default_factory=dict, repr=False, compare=False)
    _by_topic: dict[str, frozenset[int]] = field(default_factory=dict, repr=False, compare=False)
    _by_url: dict[str, Page] = field(default_factory=dict, repr=False, compare=False)
    _by_source: dict[str, Page] = field(default_factory=dict, repr=False, compare=False)
    _first: dict[str, Page] = field(default_factory=dict, repr=False, compare=False)  # 'kind:x' / 'template:x'
    _plain: list[Page] = field(default_factory=list, repr=False, compare=False)

    def __post_init__(self) -> None:
        # Every template asks for some of these on every page: one dict lookup each, not a scan of all pages.
        self._by_url.update(zip([page.url for page in self.pages], self.pages, strict=True))
        self._by_source.update(zip([page.source.rel_path for page in self.pages], self.pages, strict=True))
        for page in reversed(self.pages):  # the first page of each kind and template is written last: it wins
            self._first[f"kind:{page.kind}:{page.lang}"] = page
            self._first[f"template:{page.template}:{page.lang}"] = page
        self._plain.extend(page for page in self.pages if page.kind == "page")
        # Indexes built once, so prev/next and related stay O(1)-ish per page at 10,000 pages.
        self._position.update({page.url: number for number, page in enumerate(self.articles)})
        for name in self.paged:
            self._place.update({page.url: (name, number) for number, page in enumerate(self.sections[name])})
        by_topic: dict[str, set[int]] = {}
        for number, page in enumerate(self.articles):
            for topic in page.meta.topics:
                by_topic.setdefault(topic, set()).add(number)
        self._by_topic.update({topic: frozenset(numbers) for topic, numbers in by_topic.items()})

    def page_for(self, kind: str = "", template: str = "", lang: str = "") -> Page | None:
        """The first page of a kind or with a template (e.g. the glossary page), in a language (the site's own)."""
        lang = lang or self.config.language
        return self._first.get(f"kind:{kind}:{lang}") if kind else self._first.get(f"template:{template}:{lang}")

    @property
    def plain_pages(self) -> list[Page]:
        """The pages that are neither articles nor the home or 404 page (about, glossary, …), in every language."""
        return self._plain

    def page_at(self, url: str) -> Page | None:
        """The page published at a site-relative URL."""
        return self._by_url.get(url)

    def page_from_source(self, rel_path: str) -> Page | None:
        """The page made from a content-relative source path."""
        return self._by_source.get(rel_path)

    def position(self, url: str) -> int | None:
        """Where the article at url stands in reading order (None for other pages)."""
        return self._position.get(url)

    def neighbours(self, page: Page) -> tuple[Page | None, Page | None]:
        """The previous and next pages of the page's section, in the section's order."""
        name, index = self._place.get(page.url, ("", -1))
        if index < 0:
            return None, None
        pages = self.sections[name]
        previous = pages[index - 1] if index > 0 else None
        following = pages[index + 1] if index + 1 < len(pages) else None
        return previous, following

    def section_pages(self, page: Page) -> tuple[Page, ...]:
        """The pages a section's list page lists, in order (none for other pages)."""
        key = page.source.rel_path.removesuffix("index.md").rstrip("/")  # 'articles/' or 'es/articles/index.md'
        return self.sections.get(key, ()) if page.kind == "list" else ()

    def articles_in(self, lang: str) -> tuple[int, tuple[Page, ...]]:
        """Where a language's articles start in self.articles (every language's, one after another), and them."""
        pages = self.sections.get("articles" if lang == self.config.language else f"{lang}/articles", ())
        return (self._position.get(pages[0].url, 0) if pages else 0), pages

    def home_of(self, lang: str) -> Page | None:
        """The home page of a language."""
        return self._by_url.get("" if lang == self.config.language else f"{lang}/")

    def translations_of(self, page: Page) -> dict[str, Page]:
        """The page in each language it is written in (itself included); {} when it has no translation."""
        key = translation_key(page.source.rel_path, page.meta.translation_key, self.config.other_codes)
        found = self.translations.get(key, {})
        paired = {lang: self._by_source[rel] for lang, rel in found.items() if rel in self._by_source}
        return paired if paired.get(page.lang) == page else {}

    def related(self, page: Page) -> tuple[Page, ...]:
        """Other articles sharing the most topics with this one, in reading order on ties."""
        own = self._position.get(page.url)
        topics = sorted(set(page.meta.topics))
        chosen: list[int] = []
        if len(topics) > MAX_COMBINED_TOPICS:  # rare: count shared topics directly
            counts: dict[int, int] = {}
            for topic in topics:
                for number in self._by_topic.get(topic, ()):
                    counts[number] = counts.get(number, 0) + 1
            ranked = sorted(
                (-count, n) for n, count in counts.items() if n != own and self.articles[n].lang == page.lang
            )
            return tuple(self.articles[number] for _, number in ranked[:RELATED_LIMIT])
        # Articles sharing k topics are the intersections of k topic sets; try the largest k first.
        for size in range(len(topics), 0, -1):
            found: set[int] = set()
            for combo in itertools.combinations(topics, size):
                found |= frozenset.intersection(*(self._by_topic.get(t, frozenset()) for t in combo))
            found -= {own} if own is not None else set()
            found = {n for n in found if self.articles[n].lang == page.lang}  # related in the page's own language
            found -= set(chosen)
            chosen.extend(sorted(found)[: RELATED_LIMIT - len(chosen)])
            if len(chosen) >= RELATED_LIMIT:
                break
        return tuple(self.articles[number] for number in chosen)


def kind_of(rel_path: str) -> str:
    """What kind of page a content-relative source path is."""
    if rel_path == "index.md":
        return "home"
    if rel_path == "404.md":
        return "notfound"
    if rel_path.startswith(ARTICLES_DIR):
        return "article"
    return "page"


def build_model(
    config: SiteConfig, sources: list[Source], data: SiteData, templates: set[str], problems: Problems, drafts: bool
) -> Site:
    """Place every source at a URL; report duplicate URLs (naming both sources) and unknown templates."""
    pages: list[Page] = []
    by_dest: dict[str, Source] = {}
    page_templates = {t for t in templates if "/" not in t and t != "base.html"}  # partials and base are not pages
    configured = {section.name: section for section in config.sections}
    reported: set[tuple[Path, int]] = set()  # unknown templates already reported at a section setting
    codes = config.other_codes
    for source in sources:
        placed = (
            None if source.meta.draft and not drafts else language_of(source, codes, frozenset(configured), problems)
        )
        if placed is None:
            continue
        lang, inner = placed
        kind = kind_of(inner)
        name = section_of(inner)
        section = configured.get(name) or default_section(name)
        if name and inner == f"{name}/index.md" and has_list_page(section, page_templates):
            kind = "list"  # the section's own index.md gives its list page a title and text
        path = (f"{lang}/" if lang else "") + url_for_source(inner, source.meta.slug)
        dest = dest_for_url(path)
        # A file name with a space, '#' or '%' still gives a working link; most names need no quoting.
        url = path if _URL_SAFE.fullmatch(path) else quote(path, safe="/")
        template = source.meta.template or section_template(section, kind) or DEFAULT_TEMPLATES[kind]
        if template + ".html" not in page_templates:
            known = ", ".join(sorted(t[:-5] for t in page_templates)) or "none"
            # A template the section's settings name is reported once, at the setting, not on every page.
            where = (config.path, section.line) if not source.meta.template and section.line else None
            if where is None or where not in reported:
                problems.error(
                    f"unknown template '{template}'; use one of: {known}",
                    *(where or (source.display_path, source.meta.line_of("template"))),
                )
            reported.update([where] if where else [])
            continue
        if dest in by_dest:
            first = by_dest[dest].display_path
            problems.error(
                f"two pages have the URL '/{path}': {first} and this one; change one 'slug' or file name",
                source.display_path,
                source.meta.line_of("slug"),
            )
            continue
        by_dest[dest] = source
        pages.append(Page(source, kind, url, dest, template + ".html", lang or config.language))
    check_empty_sections(
        config.sections, {section_of(split_language(s.rel_path, codes)[1]) for s in sources}, config.path, problems
    )
    sections = _add_list_pages(config, pages, by_dest, page_templates, problems)
    pages.sort(key=attrgetter("url"))
    paged = frozenset(key for key in sections if section_settings(configured, key).pager)
    fed = frozenset(key for key in sections if section_settings(configured, key).feed)
    paired = pair_pages(((p.source, p.lang) for p in pages), config.language, codes, problems)
    # Every language's articles, one language after another: one list, so the cache counts positions in it.
    keys = ("articles", *(f"{found.code}/articles" for found in config.languages))
    articles = tuple(p for key in keys for p in sections.get(key, ()))
    return Site(config, tuple(pages), articles, data, sections, paged, fed, paired)


def _add_list_pages(
    config: SiteConfig, pages: list[Page], by_dest: dict[str, Source], page_templates: set[str], problems: Problems
) -> dict[str, tuple[Page, ...]]:
    """Each section's pages in its order; a list page added for each section that has one and no index.md."""
    configured = {section.name: section for section in config.sections}
    members: dict[str, list[Page]] = {}
    for page in pages:
        lang, inner = split_language(page.source.rel_path, config.other_codes)
        name = section_of(inner)
        if name and page.kind != "list":
            members.setdefault(f"{lang}/{name}" if lang else name, []).append(page)
    sections: dict[str, tuple[Page, ...]] = {}
    for key in sorted(members):
        section = section_settings(configured, key)
        sections[key] = tuple(sorted(members[key], key=lambda p: sort_key(section.order, p.meta, p.url)))
        if not has_list_page(section, page_templates) or f"{key}/index.html" in by_dest:
            continue
        if section.list_template + ".html" not in page_templates:
            known = ", ".join(sorted(t[:-5] for t in page_templates)) or "none"
            problems.error(
                f"section '{key}' has a list page but no template '{section.list_template}' (templates: {known}); "
                f"add templates/{section.list_template}.html, set list_template, or set list: false",
                config.path,
                section.line,
            )
            continue
        source = list_source(section)._replace(rel_path=f"{key}/", display_path=f"content/{key}/")
        lang = key.partition("/")[0] if "/" in key else config.language
        pages.append(Page(source, "list", f"{key}/", f"{key}/index.html", section.list_template + ".html", lang))
    return sections
