"""The one place that runs the stages in order: discover -> parse -> model -> render -> check -> write."""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from pathlib import Path

from .assets import Asset, collect_assets
from .check import check_anchors, check_articles, check_references, collect_ids, review_today
from .config import SiteConfig, load_config
from .content import Source, discover_sources, read_source
from .context import check_nav, page_context
from .data import load_data
from .errors import ERROR, Problems, SiteError, SiteErrors
from .mdext import MarkdownResult, SiteIndex, create_markdown, render_markdown
from .model import Site, build_model
from .outputs import render_feed, render_robots, render_sitemap
from .render import create_environment, list_templates, render_template
from .write import OutputWriter, check_output_dir


@dataclass(frozen=True)
class BuildOptions:
    """What the command line asked for."""

    out: Path = Path("_site")
    drafts: bool = False
    strict: bool = False
    write: bool = True
    base_url: str | None = None


@dataclass(frozen=True)
class BuildReport:
    """What a build did, for the summary line."""

    pages: int
    files: int
    seconds: float
    out: Path | None
    warnings: list[SiteError] = field(default_factory=list)

    def summary(self) -> str:
        """One line: pages written, time taken, output folder."""
        where = f"to {self.out}" if self.out else "(checked, nothing written)"
        verb = "Wrote" if self.out else "Built"
        return f"{verb} {self.pages} pages ({self.files} files) {where} in {self.seconds:.2f} s"


def build(root: Path, options: BuildOptions) -> BuildReport:
    """Build the site under root; raise SiteErrors with every problem if it cannot be built."""
    started = time.perf_counter()
    root = root.resolve()
    out = options.out if options.out.is_absolute() else root / options.out
    if options.write:
        check_output_dir(root, out)
    config = load_config(root, options.base_url)
    site, assets, problems = load_site(config, options.drafts)
    bodies = render_bodies(site, assets)
    for body in bodies.values():
        problems.extend(body.problems)
    problems.extend(check_articles(site, bodies, review_today()))
    problems.extend(check_references(site, bodies))
    problems.raise_errors()
    writer = OutputWriter(out) if options.write else None
    try:
        if writer:
            writer.start()
        files = write_site(site, bodies, assets, writer, problems)
        _fail_on(problems, options.strict)
        if writer:
            writer.commit()
    except BaseException:
        if writer:
            writer.abort()
        raise
    report_out = out if options.write else None
    return BuildReport(len(site.pages), files, time.perf_counter() - started, report_out, problems.warnings)


def load_site(config: SiteConfig, drafts: bool) -> tuple[Site, dict[str, Asset], Problems]:
    """Read every source, data file and static file into the model; stop if any is broken."""
    problems = Problems()
    content = config.content_dir
    data = load_data(content / "data", problems)
    sources: list[Source] = []
    for path in discover_sources(content, problems):
        source = read_source(path, content, problems)
        if source is not None:
            sources.append(source)
    env = create_environment(config.root / "templates")
    site = build_model(config, sources, data, list_templates(env), problems, drafts)
    problems.extend(check_nav(site))
    assets = collect_assets(config.root / "static", problems)
    problems.raise_errors()
    return site, assets, problems


def render_bodies(site: Site, assets: dict[str, Asset]) -> dict[str, MarkdownResult]:
    """Convert every page's Markdown, with links resolved against the whole model."""
    page_urls = {page.source.rel_path: page.url for page in site.pages}
    outputs = frozenset([*(p.url for p in site.pages), *(a.dest for a in assets.values()), *assets])
    glossary = site.page_for(template="glossary.html")
    index = SiteIndex(
        page_urls, outputs, site.data, glossary.url if glossary else None, site.config.content_dir / "figures"
    )
    md = create_markdown(index)
    return {page.url: render_markdown(md, page.source, page.url) for page in site.pages}


def write_site(
    site: Site,
    bodies: dict[str, MarkdownResult],
    assets: dict[str, Asset],
    writer: OutputWriter | None,
    problems: Problems,
) -> int:
    """Render every template (and write it when writer is given); check anchors; return the file count."""
    env = create_environment(site.config.root / "templates")
    ids: dict[str, set[str]] = {}
    files = 0
    for page in site.pages:
        try:
            html = render_template(
                env, page.template, page_context(site, page, bodies[page.url], assets), site.config.root
            )
        except SiteError as exc:
            problems.add(exc)
            continue
        ids[page.url] = collect_ids(html)
        files += 1
        if writer:
            writer.write(page.dest_path, html.encode("utf-8"))
    problems.extend(check_anchors(bodies, {p.url: p for p in site.pages}, ids))
    extras = {"sitemap.xml": render_sitemap(site), "robots.txt": render_robots(site), "feed.xml": render_feed(site)}
    for name, text in extras.items():
        files += 1
        if writer:
            writer.write(name, text.encode("utf-8"))
    for asset in assets.values():
        files += 1
        if writer:
            writer.copy(asset.source, asset.dest)
    return files


def _fail_on(problems: Problems, strict: bool) -> None:
    """Errors always fail the build; under --strict every warning is an error too."""
    items = (
        [SiteError(p.message, p.path, p.line, p.column, ERROR) for p in problems.items] if strict else problems.items
    )
    if any(item.level == ERROR for item in items):
        raise SiteErrors(items)
