"""Site-wide checks after rendering: anchors, citations, review dates and summaries (one page's: render/pagecheck.py)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import Protocol

from citesite.errors import ERROR, WARNING, SiteError
from citesite.model import Page, Site
from citesite.render.pagecheck import collect_ids
from citesite.source.assets import Asset
from citesite.source.clock import review_today
from citesite.source.new import SUMMARY_PLACEHOLDER
from citesite.source.placeholders import check_settings, placeholder_in
from citesite.source.suggest import did_you_mean


def check_anchors(
    anchors: dict[str, tuple[tuple[str, str, int, str], ...]],
    pages: dict[str, Page],
    ids_of: Callable[[str], frozenset[str] | None],
) -> list[SiteError]:
    """Every '#fragment' in a link names an id on its target page (ids_of: None when a page's ids are unknown)."""
    problems = []
    for url, page_anchors in anchors.items():
        source = pages[url].source
        for target, fragment, line, href in page_anchors:
            ids = ids_of(target) if target in pages and not pages[target].meta.broken else None
            if ids is not None and fragment not in ids:
                where = "this page" if target == url else pages[target].source.display_path
                near = did_you_mean(fragment, ids, lambda match: f"#{match}")
                problems.append(
                    SiteError(
                        f"link '{href}' points at a missing anchor '#{fragment}' in {where}; check the heading{near}",
                        source.display_path,
                        line,
                    )
                )
    return problems


def check_reviews(site: Site, today: dt.date) -> list[SiteError]:
    """Every article's review date: missing (when site.yaml requires one), or older than the review interval allows.

    Run on every build, not kept with a page in the cache: a review falls due as days pass, with no edit.
    """
    problems: list[SiteError] = []
    interval = dt.timedelta(days=site.config.review_interval_days)
    for page in site.articles:
        meta, shown = page.meta, page.source.display_path
        if meta.reviewed is None:
            if not site.config.policy.review.required or meta.broken or "reviewed" in dict(meta.lines):
                continue  # written but not a date: reported where the front matter is checked
            problems.append(
                SiteError(
                    "article has no 'reviewed' date; add reviewed: YYYY-MM-DD when a person has checked it",
                    shown,
                    1,
                    level=ERROR,
                )
            )
        elif meta.reviewed < today - interval:  # not reviewed + interval: 9999-12-31 plus a year overflows
            due = (meta.reviewed + interval).isoformat()
            problems.append(
                SiteError(
                    f"review overdue since {due} (reviewed {meta.reviewed.isoformat()}); check the article and update 'reviewed'",
                    shown,
                    meta.line_of("reviewed"),
                    level=WARNING,
                )
            )
    return problems


def check_placeholders(site: Site) -> list[SiteError]:
    """A summary still holding the placeholder that `build.py new` wrote; with publishing: {check: true}, also
    placeholder settings, a missing contact or publisher, and TODO or lorem ipsum in a title or summary."""
    found = [
        SiteError(
            "summary still has its placeholder; write one or two plain sentences",
            page.source.display_path,
            page.meta.line_of("summary"),
            level=WARNING,
        )
        for page in site.pages
        if SUMMARY_PLACEHOLDER in page.meta.summary
    ]
    if not site.config.policy.publishing.check:
        return found
    for page in site.pages:
        for key in ("title", "summary"):
            placeholder = placeholder_in(getattr(page.meta, key))
            if placeholder:
                found.append(
                    SiteError(
                        f"'{key}' holds the placeholder {placeholder!r}; write the real {key}",
                        page.source.display_path,
                        page.meta.line_of(key),
                        level=WARNING,
                    )
                )
    return check_settings(site.config) + found


def check_references(site: Site, citations: Iterable[Iterable[str]]) -> list[SiteError]:
    """A reference that no page and no data table cites is a warning."""
    used = {key for keys in citations for key in keys}
    path = "content/data/references.yaml"
    return [
        SiteError(
            f"reference '{key}' is not cited anywhere; cite it with [@{key}] or remove it",
            path,
            ref.line,
            level=WARNING,
        )
        for key, ref in site.data.references.items()
        if key not in used
    ]


class Rendered(Protocol):
    """What the cross-page checks need of a built page (citesite.render.page.PageResult)."""

    @property
    def url(self) -> str: ...
    @property
    def anchors(self) -> tuple[tuple[str, str, int, str], ...]: ...
    @property
    def citations(self) -> tuple[str, ...]: ...
    @property
    def ids(self) -> frozenset[str] | None: ...


def check_site(site: Site, results: Sequence[Rendered], folders: list[Path]) -> list[SiteError]:
    """The checks across pages: '#fragment' links, references never cited, review dates.

    folders: where the pages are written, to read a page's ids back when its build did not collect them.
    """
    pages = {page.url: page for page in site.pages}
    problems = check_anchors({r.url: r.anchors for r in results}, pages, page_ids(results, pages, folders))
    problems.extend(check_references(site, (r.citations for r in results)))
    problems.extend(check_reviews(site, review_today()))
    return problems


def page_ids(
    results: Sequence[Rendered], pages: dict[str, Page], folders: list[Path]
) -> Callable[[str], frozenset[str] | None]:
    """Look up a page's ids: as its build collected them, or read back from the file written or kept."""
    by_url = {r.url: r for r in results}
    found: dict[str, frozenset[str] | None] = {}

    def ids_of(url: str) -> frozenset[str] | None:
        if url not in found:
            result = by_url.get(url)
            found[url] = result.ids if result else None
            if result and result.ids is None:
                for folder in folders:  # a changed page is staged; an unchanged one is in the output
                    try:
                        found[url] = frozenset(collect_ids((folder / pages[url].dest_path).read_text("utf-8")))
                        break
                    except (OSError, UnicodeDecodeError):
                        continue
        return found[url]

    return ids_of


MAX_NAME_BYTES = 255  # the longest file or folder name most file systems allow


def check_collisions(
    site: Site, assets: dict[str, Asset], generated: list[str], folders: list[str], page_files: Sequence[str] = ()
) -> list[SiteError]:
    """Refuse two outputs at one path, or a file where another output needs a folder (page, asset, generated file).

    Generated files are placed first, then pages, then static files, then the files beside pages that pages
    link (content paths), so the message blames the later one.
    """
    problems: list[SiteError] = []
    files: dict[str, str] = {name: f"the generated {name}" for name in generated}
    reserved: dict[str, str] = {name: f"the generated {name}/ folder" for name in folders}
    parents: dict[str, str] = dict(reserved)
    outputs: list[tuple[str, str, int | None, bool]] = [
        (page.dest_path, page.source.display_path, page.meta.line_of("slug"), True) for page in site.pages
    ]
    outputs += [(asset.dest, f"static/{name}", None, False) for name, asset in assets.items()]
    outputs += [(rel, f"content/{rel}", None, False) for rel in page_files]
    for dest, shown, line, is_page in outputs:
        parts = dest.split("/")
        longest = max(parts, key=lambda part: len(part.encode("utf-8")))
        if len(longest.encode("utf-8")) > MAX_NAME_BYTES:
            fix = "shorten the page's 'slug' or file name" if is_page else "shorten the file name"
            problems.append(
                SiteError(
                    f"the published name '{longest[:40]}…' is {len(longest.encode('utf-8'))} bytes long, "
                    f"more than file systems allow ({MAX_NAME_BYTES}); {fix}",
                    shown,
                    line,
                )
            )
            continue
        prefixes = ["/".join(parts[:n]) for n in range(1, len(parts))]
        clash = (
            files.get(dest)
            or parents.get(dest)
            or next((files.get(p) or reserved[p] for p in prefixes if p in files or p in reserved), None)
        )
        if clash is None:
            label = f"the page {shown}" if is_page else f"{shown}"
            files[dest] = label
            for prefix in prefixes:
                parents.setdefault(prefix, label)
            continue
        fix = "give the page another 'slug' or file name" if is_page else "rename or move the file"
        what = "this page would be published at" if is_page else "this file would be published at"
        problems.append(SiteError(f"{what} {dest}, which collides with {clash}; {fix}", shown, line))
    return problems
