"""Rendering the whole site: every page (in worker processes), then the site-wide files and the assets."""

from __future__ import annotations

from typing import Protocol

from citesite.errors import Problems
from citesite.incremental.plan import Plan
from citesite.incremental.work import PageResult
from citesite.markdown import SiteIndex
from citesite.model import Site
from citesite.options import BuildOptions
from citesite.render.assets import published_bytes
from citesite.render.outputs import site_files
from citesite.render.page import RenderJob
from citesite.render.parallel import build_pages, default_jobs
from citesite.source.assets import Asset
from citesite.write import Writer


class LoadedSite(Protocol):
    """What rendering needs of the site as read (citesite.load.Loaded)."""

    @property
    def site(self) -> Site: ...
    @property
    def assets(self) -> dict[str, Asset]: ...
    @property
    def index(self) -> SiteIndex: ...
    @property
    def problems(self) -> Problems: ...


def render_pages(loaded: LoadedSite, todo: Plan, writer: Writer, options: BuildOptions) -> list[PageResult]:
    """Build the pages the plan names through the writer, keep the rest as they are.

    Every page's own problems are added to loaded.problems.
    """
    site = loaded.site
    live = writer.out if writer.in_place else None
    job = RenderJob(
        site, loaded.assets, loaded.index, writer.pages_folder(), options.live_reload, todo.cache, todo.grades, live
    )
    built = build_pages(job, todo.work, options.jobs or default_jobs())
    by_url = dict(zip((page.url for page, _, _ in todo.work), built, strict=True))
    results = [by_url.get(page.url) or todo.reused[page.url] for page in site.pages]
    for page, result in zip(site.pages, results, strict=True):
        loaded.problems.extend(result.problems)
        if page.url in todo.reused:
            writer.keep(page.dest_path)
        elif result.written:
            writer.adopt(page.dest_path)
    return results


def linked_files(results: list[PageResult]) -> list[str]:
    """The files beside pages that any page links, each once, by content path (sorted)."""
    return sorted({rel for result in results for rel in result.files})


def write_page_files(site: Site, linked: list[str], writer: Writer) -> int:
    """Publish each linked file beside a page at its content path (content/a/fig/x.png -> a/fig/x.png)."""
    content = site.config.content_dir
    for rel in linked:
        writer.copy(content / rel, rel)
    return len(linked)


def write_site_files(site: Site, assets: dict[str, Asset], writer: Writer, keep: bool = False) -> int:
    """Write the sitemap, feed, robots.txt and assets through the writer; return how many files.

    keep: the sitemap, feed and robots.txt of the last build are still right (an in-place build).
    """
    files = 0
    for name, render in site_files(site).items():
        files += 1
        if keep:
            writer.keep(name)
        else:
            writer.write(name, render(site).encode("utf-8"))
    for asset in assets.values():
        files += 1
        data = published_bytes(asset)
        if data is None:
            writer.copy(asset.source, asset.dest)
        else:
            writer.write(asset.dest, data)
    return files
