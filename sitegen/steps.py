"""The build's stages: read the sources into the model, build the pages, write the site-wide files."""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from sitegen.check import check_anchors, check_placeholders, check_references, check_reviews, collect_ids
from sitegen.errors import Problems, SiteError, SiteErrors
from sitegen.incremental.cache import FORMAT, Inputs, Previous, file_stat, problems_to_json, scan_inputs
from sitegen.incremental.gcpause import settle
from sitegen.incremental.journal import IncrementalWriter
from sitegen.incremental.plan import markdown_key, plan_pages, result_to_state, site_key, urls_key, what_changed
from sitegen.incremental.shown import global_pages, layout_key
from sitegen.markdown import SiteIndex
from sitegen.model import Page, Site, build_model, check_collisions
from sitegen.options import BuildOptions, BuildReport, fail_on
from sitegen.render.assets import Asset, collect_assets, published_bytes
from sitegen.render.context import check_nav
from sitegen.render.jinja import create_environment, list_templates
from sitegen.render.outputs import render_feed, render_robots, render_sitemap
from sitegen.render.page import PageResult, RenderJob
from sitegen.render.parallel import build_pages, default_jobs
from sitegen.source.clock import review_today
from sitegen.source.config import SiteConfig, load_config
from sitegen.source.content import (
    Source,
    discover_sources,
    placeholder_source,
    read_source,
    source_from_json,
    source_to_json,
)
from sitegen.source.data import load_data
from sitegen.write import (
    MANIFEST,
    OutputWriter,
    check_output_dir,
    read_manifest,
    remove_owned,
    swap_folders,
    write_manifest,
)

SITE_FILES = {"sitemap.xml": render_sitemap, "robots.txt": render_robots, "feed.xml": render_feed}
SEARCH_DIR = "pagefind"  # where the search index is published (sitegen.search.BUNDLE_DIR)


def check_site(root: Path, options: BuildOptions, started: float) -> BuildReport:
    """Everything a build checks, with nothing written and no cache used."""
    refused = scan_inputs(root).refused
    if refused:
        raise SiteErrors(refused)
    config = load_config(root, options.base_url)
    site, assets, problems, _ = load_site(config, options.drafts, {})
    files = check_pages(site, assets, problems, options)
    return BuildReport(len(site.pages), files, time.perf_counter() - started, None, problems.warnings)


def check_pages(site: Site, assets: dict[str, Asset], problems: Problems, options: BuildOptions) -> int:
    """Convert and check every page without writing; raise every problem found, with those already in problems."""
    job = RenderJob(site, assets, make_index(site, assets), None, options.live_reload)
    settle()
    results = build_pages(job, [(page, False, "") for page in site.pages], options.jobs or default_jobs())
    files = finish_site(site, assets, results, None, problems, search=False)
    fail_on(problems, options.strict)
    return files


def build_changes(root: Path, out: Path, options: BuildOptions, started: float, previous: Previous) -> BuildReport:
    """Build what changed since the previous build (everything when there is no usable cache)."""
    inputs, options_key, cache, code = previous.inputs, previous.options_key, previous.cache, previous.code
    state, fingerprint, owned, current = previous.state, previous.fingerprint, previous.owned, previous.current
    config = load_config(root, options.base_url)
    site, assets, problems, sources = load_site(
        config, options.drafts, state.get("sources", {}) if state else {}, inputs
    )
    if problems.errors:  # a source is broken: nothing is written, but every page is still checked
        check_pages(site, assets, problems, options)
    index = make_index(site, assets)
    templates = [entry for entry in inputs.files if entry[0].startswith("templates/")]
    keys: dict[str, Any] = {
        "site_key": site_key(site, assets, templates, options_key),
        "md_key": markdown_key(site, index, code),
        "urls_key": urls_key(index),
        "layout_key": layout_key(site),
        "global_pages": [page.url for page in global_pages(site)],
    }
    changes = what_changed(site, state, sources, keys) if current else None
    plan = plan_pages(site, state, keys["md_key"], index, changes, cache)
    settle()  # the state, model and plan live until the build ends: no more scanning them for cycles
    problems.raise_errors()
    if not current:
        check_output_dir(root, out)  # a full build replaces the folder: refuse if it holds anyone else's files
    writer: OutputWriter | IncrementalWriter = IncrementalWriter(out, owned or set()) if current else OutputWriter(out)
    try:
        writer.start()
        grades = state.get("grades", {}) if state else {}
        live = writer.out if isinstance(writer, IncrementalWriter) else None
        job = RenderJob(site, assets, index, writer.tmp, options.live_reload, cache, grades, live)
        built = dict(
            zip(
                (p.url for p, _, _ in plan.work),
                build_pages(job, plan.work, options.jobs or default_jobs()),
                strict=True,
            )
        )
        results = [built.get(page.url) or plan.reused[page.url] for page in site.pages]
        pages = site_pages(site)
        if isinstance(writer, IncrementalWriter):
            for url in plan.reused:
                writer.keep(pages[url].dest_path)
        search = options.search and not isinstance(writer, IncrementalWriter)
        # The sitemap, feed and robots.txt show settings and the pages' front matter: kept when neither changed.
        keep_extras = changes is not None and changes.same_site and changes.shown.unchanged
        files = finish_site(site, assets, results, writer, problems, search, keep_extras)
        fail_on(problems, options.strict)
        old_index = sorted(rel for rel in owned or () if rel.startswith(SEARCH_DIR + "/"))
        reindex = False
        if isinstance(writer, IncrementalWriter) and options.search:
            deleted = set(owned or ()) - set(writer.files) - set(old_index) - {MANIFEST}
            reindex = any(result.changed for result in built.values()) or not old_index or bool(deleted)
            for rel in old_index:
                writer.keep(rel)  # replaced after the pages are in place, if reindex
            files += len(old_index)
        writer.commit()
    except BaseException:
        writer.abort()
        raise
    if options.on_pages_written:
        options.on_pages_written()  # e.g. the dev server reloads the browser now, not after indexing
    if reindex:
        files += reindex_live(out, old_index) - len(old_index)
    if cache:
        cache.save(
            {
                "format": FORMAT,
                "code": code,
                "fingerprint": fingerprint,
                **keys,
                "manifest": file_stat(out / MANIFEST),
                "sources": sources,
                "pages": {
                    r.url: plan.entries[r.url]
                    if r.url in plan.entries
                    else result_to_state(r, plan.keys[r.url], pages[r.url])
                    for r in results
                },
                "site_problems": problems_to_json(problems.items),
                "grades": {**grades, **{k: v for r in results for k, v in r.grades}},
                "page_count": len(site.pages),
                "file_count": files,
            }
        )
    # Said once, by the build that met them; not cached, so an unchanged rebuild does not repeat them.
    warnings = problems.warnings + writer.warnings
    return BuildReport(len(site.pages), files, time.perf_counter() - started, out, warnings)


def site_pages(site: Site) -> dict[str, Page]:
    """Pages by URL."""
    return {page.url: page for page in site.pages}


def load_site(
    config: SiteConfig, drafts: bool, source_cache: dict[str, Any], inputs: Inputs | None = None
) -> tuple[Site, dict[str, Asset], Problems, dict[str, Any]]:
    """Read every source, data file and static file into the model; stop if any is broken.

    A source whose [size, mtime] (from the input scan, when given) matches source_cache is taken from it
    without reading.
    """
    problems = Problems()
    content = config.content_dir
    data = load_data(content / "data", problems)
    sources: list[Source] = []
    seen: dict[str, Any] = {}
    stats = (
        {path[8:]: [size, mtime] for path, size, mtime in inputs.files if path[:8] == "content/"} if inputs else None
    )
    for rel in discover_sources(content, problems, inputs.markdown if inputs else None):
        stat = stats.get(rel) if stats is not None else None
        if stat is None:
            stat = file_stat(content / rel)
        entry = source_cache.get(rel)
        if entry and entry.get("stat") == stat:
            sources.append(source_from_json(rel, entry))
            seen[rel] = entry
            continue
        before = len(problems.errors)
        source = read_source(content / rel, content, problems)
        if source is None:
            sources.append(placeholder_source(rel))  # its errors are recorded; links to it still resolve
        else:
            sources.append(source._replace(body="", body_loaded=False))  # workers read bodies
            if len(problems.errors) == before:  # a source with errors is read again next time, to report them
                seen[rel] = source_to_json(source, stat)
    env = create_environment(config.root / "templates")
    site = build_model(config, sources, data, list_templates(env), problems, drafts)
    problems.extend(check_nav(site))
    problems.extend(check_placeholders(site))
    assets = collect_assets(config.root / "static", problems)
    collisions = check_collisions(site, assets, [*SITE_FILES, MANIFEST], [SEARCH_DIR])
    problems.extend(collisions)
    if collisions or any(not (error.path or "").endswith(".md") for error in problems.errors):
        # Settings, data, templates or static files are broken (or outputs collide): checking pages against
        # them would only add errors that are not there (every citation unknown when references.yaml failed).
        problems.raise_errors()
    return site, assets, problems, seen


def make_index(site: Site, assets: dict[str, Asset]) -> SiteIndex:
    """What every page's Markdown may refer to: pages, output files, data, the glossary page."""
    page_urls = {page.source.rel_path: page.url for page in site.pages}
    outputs = frozenset([*(p.url for p in site.pages), *(a.dest for a in assets.values()), *assets])
    glossary = site.page_for(template="glossary.html")
    figures = site.config.content_dir / "figures"
    return SiteIndex(page_urls, outputs, site.data, glossary.url if glossary else None, figures, site.config.base_path)


def finish_site(
    site: Site,
    assets: dict[str, Asset],
    results: list[PageResult],
    writer: OutputWriter | IncrementalWriter | None,
    problems: Problems,
    search: bool,
    keep_extras: bool = False,
) -> int:
    """Check links across pages, write the site-wide files and assets, index for search; return the file count."""
    pages = {page.url: page for page in site.pages}
    for result in results:
        problems.extend(result.problems)
        if writer and result.written:
            writer.adopt(pages[result.url].dest_path)
    problems.extend(check_anchors({r.url: r.anchors for r in results}, pages, _page_ids(results, pages, writer)))
    problems.extend(check_references(site, (r.citations for r in results)))
    problems.extend(check_reviews(site, review_today()))
    files = len(results)  # every page is in the output, whether written now or kept from the last build
    for name, render in SITE_FILES.items():
        files += 1
        if isinstance(writer, IncrementalWriter) and keep_extras:
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
    if writer and search and not problems.errors:
        files += index_for_search(writer)
    return files


def _page_ids(
    results: list[PageResult], pages: dict[str, Page], writer: OutputWriter | IncrementalWriter | None
) -> Callable[[str], frozenset[str] | None]:
    """Look up a page's ids: as its build collected them, or read back from the file written or kept."""
    by_url = {r.url: r for r in results}
    found: dict[str, frozenset[str] | None] = {}

    def ids_of(url: str) -> frozenset[str] | None:
        if url not in found:
            result = by_url.get(url)
            found[url] = result.ids if result else None
            if result and result.ids is None and writer:
                places = [writer.tmp, writer.out] if isinstance(writer, IncrementalWriter) else [writer.tmp]
                for folder in places:  # a changed page is staged; an unchanged one is in the output
                    try:
                        found[url] = frozenset(collect_ids((folder / pages[url].dest_path).read_text("utf-8")))
                        break
                    except (OSError, UnicodeDecodeError):
                        continue
        return found[url]

    return ids_of


def reindex_live(out: Path, old: list[str]) -> int:
    """Index the live output into a side folder, swap it in for the old index, and update the manifest."""
    from sitegen.search import index_site

    side = out.parent / f".{out.name}.search"  # beside the output, so the live site never holds a half index
    if side.exists():
        remove_owned(side, {p.relative_to(side).as_posix() for p in side.rglob("*") if p.is_file()})
    try:
        index_site(out, side)
    except SiteError as exc:
        raise SiteErrors([exc]) from None
    new = sorted(f"{SEARCH_DIR}/{p.relative_to(side).as_posix()}" for p in side.rglob("*") if p.is_file())
    current = out / SEARCH_DIR
    if current.exists():
        swap_folders(side, current)
        remove_owned(side, {rel[len(SEARCH_DIR) + 1 :] for rel in old})
    else:
        side.rename(current)
    owned = (read_manifest(out) or set()) - set(old) - {MANIFEST}
    write_manifest(out, sorted(owned | set(new)))
    return len(new)


def index_for_search(writer: OutputWriter | IncrementalWriter) -> int:
    """Run Pagefind over the temporary output and record its files; return how many it wrote."""
    from sitegen.search import BUNDLE_DIR, index_site

    try:
        index_site(writer.tmp)
    except SiteError as exc:
        raise SiteErrors([exc]) from None
    written = sorted(p.relative_to(writer.tmp).as_posix() for p in (writer.tmp / BUNDLE_DIR).rglob("*") if p.is_file())
    for rel in written:
        writer.adopt(rel)
    return len(written)
