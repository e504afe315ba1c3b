"""Deciding what a rebuild must redo: keys for every page's body and output, from the cache state."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from citesite.boundary import MANIFEST
from citesite.errors import SiteError
from citesite.incremental.cache import FORMAT, BuildCache, content_stamps, digest, fast_key, file_stat
from citesite.incremental.gcpause import settle
from citesite.incremental.previous import Previous
from citesite.incremental.records import PageEntry, SiteKeys, State, problems_from_json, problems_to_json
from citesite.incremental.shown import ShownCheck, global_pages, layout_key
from citesite.incremental.work import PageResult, WorkItem
from citesite.markdown import SiteIndex
from citesite.model import Page, Site
from citesite.source.assets import Asset

if TYPE_CHECKING:
    from citesite.source.content import SourceEntry


@dataclass(frozen=True)
class Changes:
    """What changed since the build the cache state describes, beyond each page's own source."""

    same_site: bool  # settings, templates, assets, data and code: site_key and markdown_key
    same_urls: bool  # urls_key: every answer a page's Markdown got is still the same
    shown: ShownCheck  # the other pages each page showed


@dataclass
class Plan:
    """The pages to build, the pages whose output is already current, and every page's keys."""

    work: list[WorkItem]
    reused: dict[str, PageResult]
    keys: dict[str, str]  # url -> body key, for the pages to build
    entries: dict[str, PageEntry]  # the cache entries of reused pages, saved again as they are
    cache: BuildCache | None = None  # where converted bodies are kept for later builds
    grades: dict[str, float] = field(default_factory=dict)  # reading grades the cache remembers
    site_keys: SiteKeys | None = None  # what the whole site was made from (what_changed)
    same_extras: bool = False  # the sitemap, feed and robots.txt of the last build are still right

    def changed(self, results: list[PageResult]) -> bool:
        """Whether a page built now differs from its file in the live output (so search must index again)."""
        return any(result.changed for result in results if result.url not in self.reused)


def rebuild_all(site: Site) -> Plan:
    """Every page, converted afresh: a check, or a build whose sources have errors."""
    settle()  # the model lives until the check ends: no more scanning it for cycles
    return Plan([(page, False, "") for page in site.pages], {}, {}, {})


def plan(
    site: Site, assets: dict[str, Asset], index: SiteIndex, sources: dict[str, SourceEntry], previous: Previous
) -> Plan:
    """What this build must redo: every page on a cold build; on a warm one, what the cache says changed."""
    # By content, not file times: CI's fresh checkout would otherwise render every page again.
    templates = content_stamps(site.config.root, [e[0] for e in previous.inputs.files if e[0].startswith("templates/")])
    keys: SiteKeys = {
        "site_key": site_key(site, assets, templates, previous.options_key),
        "md_key": markdown_key(site, index, previous.code),
        "urls_key": urls_key(index),
        "layout_key": layout_key(site),
        "global_pages": [page.url for page in global_pages(site)],
    }
    changes = what_changed(site, previous.state, sources, keys) if previous.current else None
    todo = plan_pages(site, previous.state, keys["md_key"], index, changes, previous.cache)
    todo.cache, todo.site_keys = previous.cache, keys
    todo.grades = previous.state.get("grades", {}) if previous.state else {}
    # The sitemap, feed and robots.txt show settings and the pages' front matter: kept when neither changed.
    todo.same_extras = changes is not None and changes.same_site and changes.shown.unchanged
    settle()  # the state, model and plan live until the build ends: no more scanning them for cycles
    return todo


def record(
    previous: Previous,
    todo: Plan,
    site: Site,
    sources: dict[str, SourceEntry],
    results: list[PageResult],
    report: Recorded,
) -> None:
    """Save what this build made from what, for the next build to compare against."""
    if not previous.cache or not todo.site_keys:
        return
    pages, keys = {page.url: page for page in site.pages}, todo.site_keys
    previous.cache.save(
        {
            "format": FORMAT,
            "code": previous.code,
            "fingerprint": previous.fingerprint,
            "site_key": keys["site_key"],
            "md_key": keys["md_key"],
            "urls_key": keys["urls_key"],
            "layout_key": keys["layout_key"],
            "global_pages": keys["global_pages"],
            "manifest": file_stat(report.out / MANIFEST),
            "sources": sources,
            "pages": {
                r.url: todo.entries[r.url]
                if r.url in todo.entries
                else result_to_state(r, todo.keys[r.url], pages[r.url])
                for r in results
            },
            "site_problems": problems_to_json(report.problems),
            "grades": {**todo.grades, **{k: v for r in results for k, v in r.grades}},
            "page_count": len(site.pages),
            "file_count": report.files,
        }
    )


@dataclass(frozen=True)
class Recorded:
    """What the build reports that the next one repeats when nothing changed."""

    out: Path
    files: int
    problems: list[SiteError]


def markdown_key(site: Site, index: SiteIndex, code: str) -> str:
    """What every page's Markdown depends on besides its own text and the URLs it asks for (urls_key).

    Data, figures (the site's and each language's own copies), the glossary page, the base path (links on the 404 page), the code, the further Markdown
    extensions site.yaml names, with their options (not their lines: moving one changes no page), and how it
    shows named fenced divs.
    """
    figures = [
        (folder.parent.name, content_stamps(folder, [p.name for p in folder.glob("*.svg")]))
        for folder in (index.figures_dir, *index.language_figure_dirs())
        if folder.is_dir()
    ]
    extensions = [(name, options) for name, options, _ in site.config.markdown_extensions]
    divs = [dataclasses.astuple(style) for style in index.divs]
    words = sorted((lang, sorted(texts.items())) for lang, texts in index.words.items())
    glossaries = (index.glossary_url, sorted(index.glossary_urls.items()))
    data = sorted(site.data.digests.items())
    return digest(code, data, figures, glossaries, index.base_path, extensions, words, divs)


def urls_key(index: SiteIndex) -> str:
    """Changes whenever a source's URL, the set of output files or a file beside a page changes (what links are
    checked against)."""
    pages = [f"{rel}\0{url}" for rel, url in index.page_urls.items()]
    # A file beside a page changing changes what a page asked (its hash): by stat here, by content in the answer.
    files = [f"{rel}\0{size}\0{mtime}" for rel, (size, mtime) in index.page_files.items()]
    return fast_key(*sorted(pages), "\1", *sorted(index.output_urls), "\1", *sorted(files))


def site_key(site: Site, assets: dict[str, Asset], templates: list[tuple[str, str]], extra: str) -> str:
    """What every page's template may show besides other pages: settings, templates, assets and data."""
    # _views: each language's settings, made from the rest
    config = {k: str(v) for k, v in dataclasses.asdict(site.config).items() if k not in ("root", "_views")}
    return digest(
        config,
        templates,
        sorted((a.name, a.dest) for a in assets.values()),
        sorted(site.data.digests.items()),
        extra,
        sorted((url, since.isoformat()) for url, since in site.behind.items()),  # the notice on translations behind
    )


def shown_fields(meta: Mapping[str, object]) -> dict[str, object]:
    """The front matter (as the cache stores it) a template may show of a page: all of it but its line numbers."""
    return {key: value for key, value in meta.items() if key != "lines"}


def answers_key(answers: Iterable[str | None]) -> str:
    """A key of the answers to the questions a page's Markdown asked (SiteIndex.look_up)."""
    return fast_key(*[answer or "\0" for answer in answers])


def what_changed(site: Site, state: State, sources: dict[str, SourceEntry], keys: SiteKeys) -> Changes:
    """Compare the keys and sources of this build with those the cache state was saved with.

    Only sources read again (their file changed) can have changed front matter: those taken from the
    cache are the very objects it loaded, so this costs nothing per unchanged page.
    """
    before = state.get("sources", {})
    changed: set[str] = set()
    for rel, entry in sources.items():
        old = before.get(rel)
        if old is entry:
            continue
        page = site.page_from_source(rel)
        if page and (not isinstance(old, dict) or shown_fields(old.get("meta", {})) != shown_fields(entry["meta"])):
            changed.add(page.url)
    saved: Mapping[str, object] = state
    same = {name: saved.get(name) == value for name, value in keys.items()}
    # Every page shows the site-wide pages (home, nav, footer): one of them changing changes every page.
    same_site = (
        same["site_key"] and same["md_key"] and same["global_pages"] and changed.isdisjoint(keys["global_pages"])
    )
    return Changes(same_site, same["urls_key"], ShownCheck(site, changed, same["layout_key"]))


def plan_pages(
    site: Site, state: State, md_key: str, index: SiteIndex, changes: Changes | None, cache: BuildCache | None
) -> Plan:
    """For each page: reuse its output, re-render its template from a cached body, or convert it afresh.

    changes: None when the output must be built in full. A page's output is current when nothing site-wide
    changed, its own source (path and content digest) and output path are unchanged, the URLs its Markdown
    asked for are the same, and the other pages it showed are unchanged (citesite.incremental.shown).
    """
    cached_pages = state.get("pages", {})
    plan = Plan([], {}, {}, {})
    for page in site.pages:
        source = page.source
        entry = cached_pages.get(page.url)
        if entry is not None and changes is not None and _output_is_current(page, entry, changes, index):
            plan.reused[page.url] = result_from_state(page.url, entry)
            plan.entries[page.url] = entry
            continue
        body_key = fast_key(md_key, source.rel_path, page.url, source.digest)
        plan.keys[page.url] = body_key
        # The worker loads a cached body itself: held here, 10,000 of them would fill the parent's memory.
        plan.work.append((page, bool(cache and entry and entry.get("body_key") == body_key), body_key))
    return plan


def _output_is_current(page: Page, entry: PageEntry, changes: Changes, index: SiteIndex) -> bool:
    """Whether the page's output from the last build is what this build would write."""
    source = page.source
    return bool(
        changes.same_site
        and entry.get("digest") == source.digest
        and entry.get("source") == source.rel_path
        and entry.get("dest") == page.dest_path
        and (changes.same_urls or _same_answers(index, entry))
        and changes.shown.is_current(page, entry)
    )


def _same_answers(index: SiteIndex, entry: PageEntry) -> bool:
    """Whether the site answers the questions the page's Markdown asked last time as it did then."""
    questions = entry.get("asks", [])
    if not isinstance(questions, list):
        return False
    if not questions:  # a page that asked nothing (no links) depends on no answer
        return "answers" not in entry
    return bool(entry.get("answers", "") == answers_key(index.look_up(str(question)) for question in questions))


def result_from_state(url: str, entry: PageEntry) -> PageResult:
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
        files=tuple(entry.get("files", ())),
    )


def result_to_state(result: PageResult, body_key: str, page: Page) -> PageEntry:
    """A page's result as the cache records it, with what it was made from."""
    entry: PageEntry = {
        "body_key": body_key,
        "source": page.source.rel_path,
        "digest": page.source.digest,
        "dest": page.dest_path,
    }
    if result.lookups:
        entry["asks"] = [question for question, _ in result.lookups]
        entry["answers"] = answers_key(answer for _, answer in result.lookups)
    if result.shown is not None:
        result.shown.to_json(entry)
    if result.problems:
        entry["problems"] = problems_to_json(result.problems)
    if result.citations:
        entry["citations"] = list(result.citations)
    if result.anchors:
        entry["anchors"] = [list(a) for a in result.anchors]
    if result.files:
        entry["files"] = list(result.files)
    return entry
