"""Deciding what a rebuild must redo: keys for every page's body and output, from the cache state."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from typing import Any

from .assets import Asset
from .cache import BuildCache, digest, fast_key, file_stat, problems_from_json, problems_to_json
from .mdext import MarkdownResult, SiteIndex, body_from_json
from .model import Page, Site
from .pagebuild import PageResult
from .parallel import WorkItem


@dataclass
class Plan:
    """The pages to build, the pages whose output is already current, and every page's keys."""

    work: list[WorkItem]
    reused: dict[str, PageResult]
    keys: dict[str, tuple[str, str]]  # url -> (body key, page key)
    entries: dict[str, Any]  # the cache entries of reused pages, saved again as they are


def markdown_key(site: Site, index: SiteIndex, code: str) -> str:
    """What every page's Markdown depends on besides its own text: URLs, data, figures, glossary page, code."""
    figures = (
        sorted((p.name, *file_stat(p)) for p in index.figures_dir.glob("*.svg")) if index.figures_dir.is_dir() else []
    )
    return digest(code, sorted(index.page_urls.items()), sorted(site.data.digests.items()), figures, index.glossary_url)


def site_key(site: Site, assets: dict[str, Asset], templates: list[tuple[str, int, int]], extra: str) -> str:
    """What every page's template may show: settings, templates, assets, and every page's title and summary."""
    config = {k: str(v) for k, v in dataclasses.asdict(site.config).items() if k != "root"}
    pages = [(p.url, p.kind, p.template, *_shown_meta(p)) for p in site.pages]
    return digest(
        config,
        templates,
        sorted((a.name, a.dest) for a in assets.values()),
        pages,
        sorted(site.data.digests.items()),
        extra,
    )


def _shown_meta(page: Page) -> tuple[object, ...]:
    """The front matter a template may show of a page (not the lines it sits on)."""
    m = page.meta
    return (
        m.title,
        m.summary,
        m.slug,
        str(m.date),
        str(m.updated),
        str(m.reviewed),
        m.topics,
        m.order,
        m.draft,
        m.template,
    )


def plan_pages(
    site: Site, state: dict[str, Any], md_key: str, page_site_key: str, cache: BuildCache | None, incremental: bool
) -> Plan:
    """For each page: reuse its output, re-render its template from a cached body, or convert it afresh."""
    cached_pages: dict[str, Any] = state.get("pages", {})
    plan = Plan([], {}, {}, {})
    for page in site.pages:
        body_key = fast_key(md_key, page.source.rel_path, page.url, page.source.digest)
        page_key = fast_key(page_site_key, body_key)
        plan.keys[page.url] = (body_key, page_key)
        entry = cached_pages.get(page.url)
        if incremental and entry and entry.get("page_key") == page_key and entry.get("dest") == page.dest_path:
            plan.reused[page.url] = result_from_state(page.url, entry)
            plan.entries[page.url] = entry
            continue
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
    anchors = tuple((str(a), str(b), int(c), str(d)) for a, b, c, d in entry["anchors"])
    return PageResult(url, problems_from_json(entry["problems"]), tuple(entry["citations"]), anchors, None, False)


def result_to_state(result: PageResult, keys: tuple[str, str], dest: str) -> dict[str, Any]:
    """A page's result as the cache records it."""
    return {
        "body_key": keys[0],
        "page_key": keys[1],
        "dest": dest,
        "problems": problems_to_json(result.problems),
        "citations": list(result.citations),
        "anchors": [list(a) for a in result.anchors],
    }
