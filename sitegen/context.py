"""What a template sees when it renders one page."""

from __future__ import annotations

from typing import Any

from .assets import Asset
from .data import Reference
from .errors import SiteError
from .mdext import MarkdownResult
from .model import Page, Site
from .render import markup, url_helper


def page_context(site: Site, page: Page, body: MarkdownResult, assets: dict[str, Asset]) -> dict[str, Any]:
    """The variables and helpers for one page's template."""
    config = site.config
    rooted = page.kind == "notfound"  # the 404 page is served at any depth, so its links start at the site root
    url = url_helper(page.url, config.base_path, rooted)

    def asset(name: str) -> str:
        found = assets.get(name)
        if found is None:
            raise SiteError(f"asset('{name}'): no such file in static/; check the name")
        return url(found.dest)

    previous, following = site.neighbours(page)
    refs = site.data.references
    return {
        "site": config,
        "page": page,
        "meta": page.meta,
        "content": markup(body.html),
        "toc": body.toc,
        "references": [refs[key] for key in body.citations],
        "previous": previous,
        "next": following,
        "related": site.related(page),
        "articles": site.articles,
        "nav": nav_pages(site),
        "breadcrumbs": breadcrumbs(site, page),
        "glossary": site.data.glossary,
        "all_references": grouped_references(site.data.references),
        "url": url,
        "asset": asset,
        "absolute_url": lambda target: config.base_url + target,
    }


def nav_pages(site: Site) -> list[Page]:
    """The pages named in site.yaml's nav, in that order."""
    by_source = {p.source.rel_path: p for p in site.pages}
    return [by_source[rel] for rel in site.config.nav if rel in by_source]


def breadcrumbs(site: Site, page: Page) -> list[tuple[str, str]]:
    """(title, url) pairs from the home page down to this page's parent section."""
    if page.kind in ("home", "notfound"):
        return []
    home = site.page_for(kind="home")
    trail = [(home.title if home else "Home", "")]
    if page.url.count("/") > 1:
        section = page.url.split("/")[0] + "/"
        parent = next((p for p in site.pages if p.url == section), None)
        if parent is not None:
            trail.append((parent.title, parent.url))
    return trail


def grouped_references(refs: dict[str, Reference]) -> list[tuple[str, list[Reference]]]:
    """References grouped by their 'group', groups and entries sorted for a stable page."""
    groups: dict[str, list[Reference]] = {}
    for ref in refs.values():
        groups.setdefault(ref.group, []).append(ref)
    return [
        (name, sorted(items, key=lambda r: (r.authors or r.title).casefold())) for name, items in sorted(groups.items())
    ]


def check_nav(site: Site) -> list[SiteError]:
    """Every nav entry in site.yaml must name an existing page source."""
    known = {p.source.rel_path for p in site.pages}
    return [
        SiteError(
            f"nav entry '{rel}' is not a page; use a path under content/ such as pages/about.md", site.config.path, line
        )
        for rel, line in zip(site.config.nav, site.config.nav_lines, strict=False)
        if rel not in known
    ]
