"""Rendering the whole site: every page (in worker processes), then the site-wide files and the assets."""

from __future__ import annotations

from citesite.errors import Problems
from citesite.incremental.plan import Plan
from citesite.markdown import SiteIndex
from citesite.model import Site
from citesite.render.assets import Asset, published_bytes
from citesite.render.outputs import site_files
from citesite.render.page import PageResult, RenderJob
from citesite.render.parallel import build_pages, default_jobs
from citesite.write import Writer


def render_pages(
    site: Site,
    assets: dict[str, Asset],
    index: SiteIndex,
    todo: Plan,
    writer: Writer | None,
    problems: Problems,
    jobs: int = 0,
    live_reload: str | None = None,
) -> list[PageResult]:
    """Build the pages the plan names into the writer's folder (None: only check), keep the rest as they are.

    Every page's own problems are added to problems.
    """
    live = writer.out if writer and writer.in_place else None
    job = RenderJob(site, assets, index, writer.tmp if writer else None, live_reload, todo.cache, todo.grades, live)
    built = build_pages(job, todo.work, jobs or default_jobs())
    by_url = dict(zip((page.url for page, _, _ in todo.work), built, strict=True))
    results = [by_url.get(page.url) or todo.reused[page.url] for page in site.pages]
    for page, result in zip(site.pages, results, strict=True):
        problems.extend(result.problems)
        if writer and page.url in todo.reused:
            writer.keep(page.dest_path)
        elif writer and result.written:
            writer.adopt(page.dest_path)
    return results


def write_site_files(site: Site, assets: dict[str, Asset], writer: Writer | None, keep: bool = False) -> int:
    """Write the sitemap, feed, robots.txt and assets (None: only count them); return how many files.

    keep: the sitemap, feed and robots.txt of the last build are still right (an in-place build).
    """
    files = 0
    for name, render in site_files(site).items():
        files += 1
        if writer and keep:
            writer.keep(name)
        elif writer:
            writer.write(name, render(site).encode("utf-8"))
    for asset in assets.values():
        files += 1
        if writer:
            data = published_bytes(asset)
            if data is None:
                writer.copy(asset.source, asset.dest)
            else:
                writer.write(asset.dest, data)
    return files
