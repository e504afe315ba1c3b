"""Building one page: Markdown, per-page checks, template, ids for anchor checks, and its file."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from citesite.errors import Problems, SiteError
from citesite.incremental.cache import BuildCache
from citesite.incremental.shown import Handed, Shown, Span, TrackedPages, handed_pages, reads_key
from citesite.incremental.work import PageResult
from citesite.markdown import MarkdownResult, SiteIndex, body_from_json, body_to_json, create_markdown, render_markdown
from citesite.markdown.state import PAGE_FILE
from citesite.model import Page, Site
from citesite.render.pagecheck import check_readability, collect_ids
from citesite.source.assets import Asset
from citesite.source.content import Source, read_body
from citesite.write import same_file, write_into

if TYPE_CHECKING:
    import jinja2

    from citesite.markdown.state import SiteMarkdown


@dataclass(frozen=True)
class RenderJob:
    """Everything every page of one build needs; workers inherit it when they fork."""

    site: Site
    assets: dict[str, Asset]
    index: SiteIndex
    out_dir: Path | None  # the temporary output folder, or None when only checking
    live_reload: str | None = None
    body_cache: BuildCache | None = None  # where converted bodies are stored for later builds
    grades: dict[str, float] = field(default_factory=dict)  # reading grades the cache remembers
    live_dir: Path | None = None  # the output being updated in place: pages identical to its files are not staged


class PageBuilder:
    """Builds pages of one job; holds the Markdown converter and Jinja environment it reuses."""

    def __init__(self, job: RenderJob) -> None:
        from citesite.render.jinja import shared_environment

        self.job = job
        self.md: SiteMarkdown = create_markdown(job.index, job.site.config.markdown_extensions, job.site.config.root)
        self.env: jinja2.Environment = shared_environment(job.site.config.root / "templates")
        self._reads_keys: dict[tuple[tuple[Span, ...], bool], str] = {}

    def _read_body(self, page: Page) -> Source | None:
        """Read the page's text now: the model keeps only front matter, so no process holds every body."""
        content = self.job.site.config.content_dir
        self.read_problems = Problems()
        return read_body(content / page.source.rel_path, content, page.source, self.read_problems)

    def build(self, page: Page, cached: bool = False, body_key: str = "") -> PageResult:
        """Convert (or take from the cache when cached), check, render and write one page."""
        from citesite.render.context import page_context
        from citesite.render.jinja import render_template

        job = self.job
        body = cached_body(job.body_cache, body_key, job.index) if cached and job.body_cache else None
        if body is None:
            source = page.source if page.source.body_loaded else self._read_body(page)
            if source is None:
                return PageResult(page.url, tuple(self.read_problems.items), (), (), None, False)
            body = render_markdown(self.md, source, page.url, job.site.config.page_time_limit)
            if job.body_cache is not None and body_key:
                job.body_cache.save_body(body_key, body_to_json(body))
        problems = list(body.problems)
        grades: dict[str, float] = {}
        # Each language is measured with its own formula; one the check has none for is not measured.
        if page.kind == "article" and not page.meta.broken:
            memo = _Memo(job.grades, grades)
            problems.extend(check_readability(page, body, job.site.config, memo))
        start, in_language = job.site.articles_in(page.lang)
        articles = TrackedPages(in_language, start)
        handed = handed_pages(job.site, page)
        context = page_context(job.site, page, body, job.assets, articles, handed)
        try:
            html = render_template(self.env, page.template, context, job.site.config.root)
        except SiteError as exc:
            problems.append(exc)
            return PageResult(
                page.url, tuple(problems), body.citations, body.anchors, None, False, tuple(grades.items())
            )
        shown = self._shown(handed, articles)
        # Ids matter only to pages that link here with a '#fragment': few. A written page is read back if
        # one does (citesite.check.page_ids), instead of scanning every page's HTML here.
        ids = frozenset(collect_ids(html)) if job.out_dir is None else None
        if job.live_reload:
            html = add_script(html, job.live_reload)
        changed = True
        if job.out_dir is not None:
            data = html.encode("utf-8")
            changed = job.live_dir is None or not same_file(job.live_dir / page.dest_path, data)
            if changed:  # an unchanged page is left as it is: no write, and no reason to index it for search again
                write_into(job.out_dir, page.dest_path, data)
        written = job.out_dir is not None
        result = (body.citations, body.anchors, ids, written, tuple(grades.items()), shown, body.lookups, changed)
        return PageResult(page.url, tuple(problems), *result, files_linked(body.lookups))

    def _shown(self, handed: Handed, articles: TrackedPages) -> Shown:
        """What the page just rendered showed of other pages."""
        reads, counted = articles.reads(), articles.counted
        memo = (reads, counted)
        if memo not in self._reads_keys:  # most pages read the same part of the list (the menu)
            self._reads_keys[memo] = reads_key(self.job.site.articles, reads, counted)
        return Shown(handed.urls(), reads, counted, self._reads_keys[memo])


class _Memo(dict[str, float]):
    """Reads known grades from the cache; records new ones separately so they can be sent back."""

    def __init__(self, known: dict[str, float], new: dict[str, float]) -> None:
        super().__init__(known)
        self.new = new

    def __setitem__(self, key: str, value: float) -> None:
        super().__setitem__(key, value)
        self.new[key] = value


def cached_body(cache: BuildCache, key: str, index: SiteIndex) -> MarkdownResult | None:
    """A stored body, or None when it is missing, not what this version wrote, or linked to what has changed."""
    data = cache.load_body(key)
    try:
        body = body_from_json(data) if data is not None else None
    except (KeyError, TypeError, ValueError):
        return None
    if body is None or any(index.look_up(question) != answer for question, answer in body.lookups):
        return None  # a link's target moved, appeared or went away: convert again, so links and errors are right
    return body


def files_linked(lookups: tuple[tuple[str, str | None], ...]) -> tuple[str, ...]:
    """The files beside pages that a page's Markdown linked: those it asked the hash of and found."""
    return tuple(
        question[len(PAGE_FILE) :] for question, answer in lookups if question.startswith(PAGE_FILE) and answer
    )


def add_script(html: str, src: str) -> str:
    """The page with a deferred <script src> right before its last </body>."""
    head, body_end, tail = html.rpartition("</body>")
    tag = f'<script src="{src}" defer></script>'
    return f"{head}{tag}{body_end}{tail}" if body_end else html + tag
