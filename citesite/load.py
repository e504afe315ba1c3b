"""The first stage of a build: discover the sources, parse them, and place them in the model."""

from __future__ import annotations

from dataclasses import dataclass

from citesite.boundary import MANIFEST
from citesite.check import check_collisions, check_placeholders
from citesite.errors import Problems, SiteError
from citesite.incremental.cache import Inputs, file_stat
from citesite.markdown import STANDARD_EXTENSIONS, SiteIndex, converter
from citesite.markdown.settings import check_extensions
from citesite.model import Page, Site, build_model
from citesite.render.assets import collect_assets
from citesite.render.context import check_nav
from citesite.render.jinja import THEME_DIR, list_templates, shared_environment
from citesite.render.outputs import site_files
from citesite.render.template_strings import check_template_strings
from citesite.search import BUNDLE_DIR
from citesite.source.assets import Asset
from citesite.source.config import SiteConfig
from citesite.source.content import (
    Source,
    SourceEntry,
    placeholder_source,
    read_source,
    source_from_json,
    source_to_json,
)
from citesite.source.data import load_data
from citesite.source.pagefiles import FileStamps, page_file_stamps, scan_page_files
from citesite.source.strings import Strings, check_language
from citesite.source.walk import discover_sources


@dataclass(frozen=True)
class Loaded:
    """The site as read: the model, its static files, what pages may refer to, and the problems found so far."""

    site: Site
    assets: dict[str, Asset]
    index: SiteIndex
    problems: Problems
    sources: dict[str, SourceEntry]  # the sources read cleanly, as the cache stores them


def load_site(
    config: SiteConfig, drafts: bool, source_cache: dict[str, SourceEntry], inputs: Inputs | None = None
) -> Loaded:
    """Read every source, data file and static file into the model; stop if any is broken.

    A source whose [size, mtime] (from the input scan, when given) matches source_cache is taken from it
    without reading.
    """
    problems = Problems()
    content = config.content_dir
    data = load_data(content / "data", problems, config.other_codes)
    sources: list[Source] = []
    seen: dict[str, SourceEntry] = {}
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
    env = shared_environment(config.root / "templates")
    site = build_model(config, sources, data, list_templates(env), problems, drafts)
    problems.extend(check_language(config.strings, config.language, config.lines.get("language")))
    problems.extend(check_template_strings(env, config.strings, config.root))
    problems.extend(check_nav(site))
    problems.extend(check_placeholders(site))
    assets = collect_assets(config.root / "static", problems, THEME_DIR / "static")
    collisions = check_collisions(site, assets, [*site_files(site), MANIFEST], [BUNDLE_DIR])
    problems.extend(collisions)
    page_files = page_file_stamps(inputs.files) if inputs else scan_page_files(str(content))
    index = make_index(site, assets, page_files)
    if config.markdown_extensions:
        problems.extend(
            check_extensions(
                config.markdown_extensions,
                STANDARD_EXTENSIONS,
                lambda added: converter(index, added),
                str(config.path),
                config.root,
                config.page_time_limit,
            )
        )
    if collisions or any(not (error.path or "").endswith(".md") for error in problems.errors):
        # Settings, data, templates or static files are broken (or outputs collide): checking pages against
        # them would only add errors that are not there (every citation unknown when references.yaml failed).
        problems.raise_errors()
    return Loaded(site, assets, index, problems, seen)


def check_linked_files(loaded: Loaded, linked: list[str]) -> list[SiteError]:
    """A linked file beside a page that would be published where another output is (known once pages are built)."""
    if not linked:
        return []
    site = loaded.site
    return check_collisions(site, loaded.assets, [*site_files(site), MANIFEST], [BUNDLE_DIR], linked)


def make_index(site: Site, assets: dict[str, Asset], page_files: FileStamps | None = None) -> SiteIndex:
    """What every page's Markdown may refer to: pages, output files, files beside pages, data, the glossary page."""
    page_urls = {page.source.rel_path: page.url for page in site.pages}
    outputs = frozenset([*(p.url for p in site.pages), *(a.dest for a in assets.values()), *assets])
    glossary = site.page_for(template="glossary.html")
    figures = site.config.content_dir / "figures"
    glossary_url = glossary.url if glossary else None
    codes = site.config.other_codes
    words = {
        code: markdown_words(site.config.in_language(code).strings if code else site.config.strings)
        for code in ("", *sorted(codes))
    }
    glossaries = {code: found.url for code in codes if (found := site.page_for(template="glossary.html", lang=code))}
    return SiteIndex(
        page_urls,
        outputs,
        site.data,
        glossary_url,
        figures,
        site.config.base_path,
        codes,
        words,
        glossaries,
        site.config.divs,
        page_files or {},
    )


def markdown_words(strings: Strings) -> dict[str, str]:
    """The words the Markdown writes into tables and charts, in one language."""
    return {
        "table_sources": strings.text("table_sources"),
        "table_chart_pointer": strings.text("table_chart_pointer"),
        "table_show_numbers": strings.text("table_show_numbers"),
    }


def site_pages(site: Site) -> dict[str, Page]:
    """Pages by URL."""
    return {page.url: page for page in site.pages}
