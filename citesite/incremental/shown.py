"""What a page's output shows of other pages, recorded while it renders and checked on the next rebuild.

A template is handed its own page, a few pages chosen for it (previous, next, parent, related), pages
every template is handed (home, nav, footer pages, search page) and the list of all articles. The list
records which positions, and whether its length, the template read: a menu of the first twelve depends
on those twelve, not on all 10,000. A rebuild then renders a page again only when one of the pages it
showed changed what a template can show of it, or when the choice itself changed.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from typing import NamedTuple, overload

from citesite.incremental.cache import fast_key
from citesite.incremental.records import PageEntry
from citesite.model import Page, Site

Span = tuple[int, int]  # [start, stop) positions in site.articles


class Handed(NamedTuple):
    """The pages chosen for one page's template besides the site-wide ones."""

    previous: Page | None
    next: Page | None
    parent: Page | None  # the section page shown in the breadcrumbs
    related: tuple[Page, ...]
    # the page in its other languages, and the home page of each (the language switcher links them)
    translations: tuple[Page, ...] = ()

    def urls(self) -> tuple[str | None, ...]:
        """The URLs, in a fixed order (None where there is no page), as the cache records them."""
        chosen = (self.previous, self.next, self.parent)
        paired = (p.url for p in (*self.related, *self.translations))
        return tuple(p.url if p else None for p in chosen) + tuple(paired)


def handed_pages(site: Site, page: Page) -> Handed:
    """The previous and next articles, the parent section page and the related articles of a page."""
    previous, following = site.neighbours(page)
    parent = None
    prefix = f"{page.lang}/" if page.lang != site.config.language else ""
    if page.kind not in ("home", "notfound") and page.url.count("/") > 1 + prefix.count("/"):
        parent = site.page_at(prefix + page.url[len(prefix) :].split("/")[0] + "/")
    paired = _switcher_pages(site, page)
    if page.kind == "list":  # a section's list page shows every page of its section
        return Handed(previous, following, parent, site.section_pages(page), paired)
    if page.kind == "home" and prefix:  # a further language's home lists the articles it has no version of
        return Handed(previous, following, parent, _untranslated(site, page.lang), paired)
    return Handed(previous, following, parent, site.related(page), paired)


def _untranslated(site: Site, lang: str) -> tuple[Page, ...]:
    """The articles of the site's own language with no version in lang, in reading order."""
    return tuple(p for p in site.articles_in(site.config.language)[1] if lang not in site.translations_of(p))


def _switcher_pages(site: Site, page: Page) -> tuple[Page, ...]:
    """For each other language: the page in it, else that language's home page."""
    if not site.config.languages:
        return ()
    found = site.translations_of(page)
    chosen = (found.get(code) or site.home_of(code) for code in site.config.language_codes if code != page.lang)
    return tuple(p for p in chosen if p is not None)


def global_pages(site: Site) -> list[Page]:
    """The pages every template is handed: home, nav entries, the plain pages and the search page (each language's)."""
    found = []
    for code in site.config.language_codes:
        found += [site.page_for(kind="home", lang=code), site.page_for(template="search.html", lang=code)]
    for rel in site.config.nav:
        nav = site.page_from_source(rel)
        found += [nav, *(site.translations_of(nav).values() if nav else ())]
    by_url = {p.url: p for p in [*found, *site.plain_pages] if p is not None}
    return [by_url[url] for url in sorted(by_url)]


def layout_key(site: Site) -> str:
    """Changes whenever which pages exist, their URLs, kinds or templates, or the articles' order or topics change.

    While it stays the same, every page is handed the same pages as last time.
    """
    pages = [f"{p.url}\0{p.kind}\0{p.template}" for p in site.pages]
    articles = [f"{p.url}\0{'|'.join(p.meta.topics)}" for p in site.articles]
    sections = [url for name in sorted(site.sections) for url in ("\2", *(p.url for p in site.sections[name]))]
    return fast_key(*pages, "\1", *articles, *sections)


class TrackedPages(Sequence[Page]):
    """A read-only page list that records what a template read of it: positions, and whether its length."""

    def __init__(self, pages: tuple[Page, ...], offset: int = 0) -> None:
        self._pages = pages
        self._offset = offset  # where pages start in site.articles (a further language's articles follow the first's)
        self.spans: list[Span] = []
        self.counted = False

    def __len__(self) -> int:
        self.counted = True
        return len(self._pages)

    @overload
    def __getitem__(self, index: int) -> Page: ...

    @overload
    def __getitem__(self, index: slice) -> Sequence[Page]: ...

    def __getitem__(self, index: int | slice) -> Page | Sequence[Page]:
        size = len(self._pages)
        if isinstance(index, slice):
            start, stop, step = index.indices(size)
            # A slice whose ends are counted from the end, or run past it, depends on the length too.
            if index.stop is None or index.stop < 0 or index.stop > size or (index.start or 0) < 0:
                self.counted = True
            picked = range(start, stop, step)
            if picked:
                self.spans.append((min(picked), max(picked) + 1))
            return self._pages[index]
        position = index + size if index < 0 else index
        if index < 0 or not 0 <= position < size:
            self.counted = True
        if 0 <= position < size:
            self.spans.append((position, position + 1))
        return self._pages[index]

    def __iter__(self) -> Iterator[Page]:
        self._read_all()
        return iter(self._pages)

    def __reversed__(self) -> Iterator[Page]:
        self._read_all()
        return reversed(self._pages)

    def __contains__(self, item: object) -> bool:
        self._read_all()
        return item in self._pages

    def __bool__(self) -> bool:
        self.counted = True
        return bool(self._pages)

    def _read_all(self) -> None:
        self.counted = True
        if self._pages:
            self.spans.append((0, len(self._pages)))

    def reads(self) -> tuple[Span, ...]:
        """The positions read, as sorted, merged [start, stop) spans."""
        merged: list[list[int]] = []
        for start, stop in sorted((start + self._offset, stop + self._offset) for start, stop in self.spans):
            if merged and start <= merged[-1][1]:
                merged[-1][1] = max(merged[-1][1], stop)
            else:
                merged.append([start, stop])
        return tuple((start, stop) for start, stop in merged)


def reads_key(articles: Sequence[Page], reads: Iterable[Span], counted: bool) -> str:
    """What the read positions of the article list held (and its length, when read)."""
    urls = [p.url for start, stop in reads for p in articles[start:stop]]
    return fast_key(*urls, f"#{len(articles)}" if counted else "#")


class Shown(NamedTuple):
    """What one page's output showed of other pages, as the cache records it."""

    handed: tuple[str | None, ...]
    reads: tuple[Span, ...]
    counted: bool
    key: str  # reads_key of reads and counted

    def to_json(self, entry: PageEntry) -> None:
        """Add the record to a page's cache entry (empty parts left out, to keep 10,000 entries small)."""
        if any(url is not None for url in self.handed):
            entry["handed"] = list(self.handed)
        if self.reads:
            entry["reads"] = [list(span) for span in self.reads]
        if self.counted:
            entry["counted"] = 1
        entry["reads_key"] = self.key


class ShownCheck:
    """Decides whether the other pages a page showed last time are still the same, as cheaply as it can.

    changed: URLs of pages whose shown front matter changed since the last build. same_layout: layout_key
    is unchanged, so every page is handed the same pages and positions hold the same articles as before;
    otherwise each page's choice is worked out again and compared.
    """

    def __init__(self, site: Site, changed: set[str], same_layout: bool) -> None:
        self.site = site
        self.changed = changed
        self.same_layout = same_layout
        self.changed_positions = sorted(p for url in changed if (p := site.position(url)) is not None)
        self._spans: dict[tuple[Span, ...], bool] = {}
        self._keys: dict[tuple[tuple[Span, ...], bool], str] = {}

    @property
    def unchanged(self) -> bool:
        """No page changed what a template can show of it, and every page is handed what it was last time."""
        return self.same_layout and not self.changed

    def is_current(self, page: Page, entry: PageEntry) -> bool:
        """Whether everything the page showed of other pages last time is unchanged."""
        try:
            return self._is_current(page, entry)
        except (TypeError, ValueError):  # a damaged entry is never trusted
            return False

    def _is_current(self, page: Page, entry: PageEntry) -> bool:
        handed = tuple(entry.get("handed") or (None, None, None))
        if self.changed and not self.changed.isdisjoint(handed):
            return False
        reads = tuple((int(start), int(stop)) for start, stop in entry.get("reads", ()))
        if self.changed_positions and self._reads_changed(reads):
            return False
        if self.same_layout:
            return True
        if handed != handed_pages(self.site, page).urls():
            return False
        return bool(entry.get("reads_key") == self._key(reads, bool(entry.get("counted"))))

    def _reads_changed(self, reads: tuple[Span, ...]) -> bool:
        if reads not in self._spans:
            self._spans[reads] = any(
                start <= position < stop for start, stop in reads for position in self.changed_positions
            )
        return self._spans[reads]

    def _key(self, reads: tuple[Span, ...], counted: bool) -> str:
        memo = (reads, counted)
        if memo not in self._keys:
            self._keys[memo] = reads_key(self.site.articles, reads, counted)
        return self._keys[memo]
