"""Deciding what a rebuild must redo: keys for every page's body and output, from the cache state."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from typing import Any

from .assets import Asset
from .cache import BuildCache, digest, fast_key, file_stat, problems_from_json, problems_to_json
from .content import FrontMatter
from .mdext import MarkdownResult, SiteIndex, body_from_json
from .model import Page, Site
from .pagebuild import PageResult
from .parallel import WorkItem

SHOWN_FIELDS = FrontMatter._fields.index("lines")  # every field before it
assert len(FrontMatter._fields) - 1 == SHOWN_FIELDS, "'lines' must stay the last field of FrontMatter"


@dataclass
class Plan:
    """The pages to build, the pages whose output is already current, and every page's keys."""

    work: list[WorkItem]
    reused: dict[str, PageResult]
    keys: dict[str, str]  # url -> body key, for the pages to build
    entries: dict[str, Any]  # the cache entries of reused pages, saved again as they are


def markdown_key(site: Site, index: SiteIndex, code: str) -> str:
    """What every page's Markdown depends on besides its own text: URLs, data, figures, glossary page, code."""
    figures = (
        sorted((p.name, *file_stat(p)) for p in index.figures_dir.glob("*.svg")) if index.figures_dir.is_dir() else []
    )
    urls = fast_key(*sorted(f"{rel}\0{url}" for rel, url in index.page_urls.items()))  # cheaper than JSON at 10,000
    return digest(code, urls, sorted(site.data.digests.items()), figures, index.glossary_url)


def site_key(site: Site, assets: dict[str, Asset], templates: list[tuple[str, int, int]], extra: str) -> str:
    """What every page's template may show: settings, templates, assets, and every page's title and summary."""
    config = {k: str(v) for k, v in dataclasses.asdict(site.config).items() if k != "root"}
    # The front matter a template may show of a page: all of it but the lines it sits on (repr: cheaper than JSON).
    pages = fast_key(*[repr((p.url, p.kind, p.template, p.source.meta[:SHOWN_FIELDS])) for p in site.pages])
    return digest(
        config,
        templates,
        sorted((a.name, a.dest) for a in assets.values()),
        pages,
        sorted(site.data.digests.items()),
        extra,
    )


def plan_pages(
    site: Site, state: dict[str, Any], md_key: str, page_site_key: str, cache: BuildCache | None, incremental: bool
) -> Plan:
    """For each page: reuse its output, re-render its template from a cached body, or convert it afresh.

    A page's output is current when the site-wide keys are the ones the state was saved with and its own
    source (path and content digest) and output path are unchanged: no per-page hashing for those.
    """
    cached_pages: dict[str, Any] = state.get("pages", {})
    same_site = incremental and state.get("site_key") == page_site_key and state.get("md_key") == md_key
    plan = Plan([], {}, {}, {})
    for page in site.pages:
        source = page.source
        entry = cached_pages.get(page.url)
        if (
            same_site
            and entry
            and entry.get("digest") == source.digest
            and entry.get("source") == source.rel_path
            and entry.get("dest") == page.dest_path
        ):
            plan.reused[page.url] = result_from_state(page.url, entry)
            plan.entries[page.url] = entry
            continue
        body_key = fast_key(md_key, source.rel_path, page.url, source.digest)
        plan.keys[page.url] = body_key
        body = _cached_body(cache, body_key) if cache and entry and entry.get("body_key") == body_key else None
        plan.work.append((page, body, body_key))
    return plan


def _cached_body(cache: BuildCache, key: str) -> MarkdownResult | None:
    """A stored body, or None when it is missing or not what this version wrote."""
    data = cache.load_body(key)
    try:
        return body_from_json(data) if data is not None else None
    except (KeyError, TypeError, ValueError):
        return None


def result_from_state(url: str, entry: dict[str, Any]) -> PageResult:
    """A page's result as the cache recorded it."""
    # Most pages have no problems and no '#fragment' links: those lists are left out of the state.
    anchors = entry.get("anchors")
    problems = entry.get("problems")
    citations = entry.get("citations")
    return PageResult(
        url,
        problems_from_json(problems) if problems else (),
        tuple(citations) if citations else (),
        tuple((str(a), str(b), int(c), str(d)) for a, b, c, d in anchors) if anchors else (),
        None,
        False,
    )


def result_to_state(result: PageResult, body_key: str, page: Page) -> dict[str, Any]:
    """A page's result as the cache records it, with what it was made from."""
    entry: dict[str, Any] = {
        "body_key": body_key,
        "source": page.source.rel_path,
        "digest": page.source.digest,
        "dest": page.dest_path,
    }
    if result.problems:
        entry["problems"] = problems_to_json(result.problems)
    if result.citations:
        entry["citations"] = list(result.citations)
    if result.anchors:
        entry["anchors"] = [list(a) for a in result.anchors]
    return entry
