"""The build, stage by stage: load the sources, plan what to redo, render, check, write, index for search.

build() is the only place that runs the stages in order. This module stays light: a build with nothing to
do (the common case while editing) decides so without importing Markdown, Jinja or YAML, so the stages
are imported in the function that runs them.
"""

from __future__ import annotations

import time
from pathlib import Path
from typing import TYPE_CHECKING

from citesite.boundary import check_output_dir
from citesite.errors import Problems, SiteErrors
from citesite.incremental.cache import digest, scan_inputs
from citesite.incremental.gcpause import long_lived_objects
from citesite.incremental.journal import IncrementalWriter, output_complete, recover
from citesite.incremental.previous import Previous, look_back
from citesite.incremental.records import problems_from_json
from citesite.options import BuildOptions, BuildReport, fail_on
from citesite.write import NullWriter, OutputLock, OutputWriter, StagingWriter, Writer, clear_stale_builds

if TYPE_CHECKING:
    from citesite.incremental.plan import Plan
    from citesite.incremental.work import PageResult
    from citesite.load import Loaded


def build(root: Path, options: BuildOptions) -> BuildReport:
    """Build the site under root; raise SiteErrors with every problem if it cannot be built."""
    started = time.perf_counter()
    root = root.resolve()
    out = options.out if options.out.is_absolute() else root / options.out
    if not options.write:
        with long_lived_objects():
            return check(root, out, options, started)
    check_output_dir(root, out, scan_foreign=False)
    lock = OutputLock(out)
    lock.acquire()
    try:
        # Finish an incremental write that a killed build left half done. A journal is input: when one left
        # the output without a file its manifest lists, the cache's word that the output is current is not taken.
        damaged = recover(out) and not output_complete(out)
        clear_stale_builds(out)
        with long_lived_objects():
            options_key = digest(
                options.drafts,
                options.base_url,
                options.live_reload,
                options.search,
                options.report_url,
                options.publisher,
            )
            previous = look_back(root, out, options_key, options.cache and not damaged)
            if previous.unchanged:
                return _report_unchanged(previous, out, options.strict, started)
            return _build_changes(root, out, options, previous, started)
    finally:
        lock.release()


def _build_changes(root: Path, out: Path, options: BuildOptions, previous: Previous, started: float) -> BuildReport:
    """Build what changed since the previous build (everything when there is no usable cache)."""
    from citesite.incremental.plan import Recorded, plan, record
    from citesite.search import index_for_search, reindex_live

    loaded = _load(root, out, options, previous)  # discover -> parse -> model
    site, problems = loaded.site, loaded.problems
    todo = plan(site, loaded.assets, loaded.index, loaded.sources, previous)  # what the cache says must be redone
    writer = _open_writer(root, out, previous)
    try:
        writer.start()
        results, files = _render_and_check(loaded, todo, writer, options)  # the pages, then the checks across them
        indexed = index_for_search(writer, previous.owned, todo.changed(results), options.search)  # Pagefind
        files += indexed.files
        writer.commit()
    except BaseException:
        writer.abort()
        raise
    if options.on_pages_written:
        options.on_pages_written()  # e.g. the dev server reloads the browser now, not after indexing
    if indexed.replace_after_commit is not None:
        files += reindex_live(out, indexed.replace_after_commit) - indexed.files
    record(previous, todo, site, loaded.sources, results, Recorded(out, files, problems.items))
    # Said once, by the build that met them; not cached, so an unchanged rebuild does not repeat them.
    return BuildReport(len(site.pages), files, time.perf_counter() - started, out, problems.warnings + writer.warnings)


def _render_and_check(
    loaded: Loaded, todo: Plan, writer: Writer, options: BuildOptions
) -> tuple[list[PageResult], int]:
    """Render the pages the plan names through the writer, check across them, write the site-wide files.

    Raise every problem found so far when they fail the build; else return the pages' results and the file count.
    """
    from citesite.check import check_site  # the heavy stages: Markdown, Jinja, YAML
    from citesite.load import check_linked_files
    from citesite.render.site import linked_files, render_pages, write_page_files, write_site_files

    results = render_pages(loaded, todo, writer, options)
    loaded.problems.extend(check_site(loaded.site, results, writer.folders()))  # anchors, references, reviews
    linked = linked_files(results)  # the files beside pages that pages link: published once each
    collisions = check_linked_files(loaded, linked)
    loaded.problems.extend(collisions)
    files = len(results) + write_site_files(loaded.site, loaded.assets, writer, keep=todo.same_extras)
    files += 0 if collisions else write_page_files(loaded.site, linked, writer)
    fail_on(loaded.problems, options.strict)
    return results, files


def check(root: Path, out: Path, options: BuildOptions, started: float) -> BuildReport:
    """The build through a writer that writes nothing: every page checked, no cache used, no file left."""
    refused = scan_inputs(root).refused
    if refused:
        raise SiteErrors(refused)
    loaded = _load(root, out, options, None)
    files = _check_every_page(loaded, out, options)
    return BuildReport(len(loaded.site.pages), files, time.perf_counter() - started, None, loaded.problems.warnings)


def _load(root: Path, out: Path, options: BuildOptions, previous: Previous | None) -> Loaded:
    """Read the sources into the model; if any source is broken, check every page and raise every problem."""
    from citesite.load import load_site
    from citesite.source.config import load_config

    config = load_config(root, options.base_url, options.report_url, options.publisher)
    if previous is None:
        return _with_translations(load_site(config, options.drafts, {}))
    loaded = _with_translations(load_site(config, options.drafts, previous.sources(), previous.inputs))
    if loaded.problems.errors:  # a source is broken: nothing is written, but every page is still checked
        _check_every_page(loaded, out, options)
    return loaded


def _with_translations(loaded: Loaded) -> Loaded:
    """Add what changed in the originals of translations since their stamps (it marks the pages behind)."""
    from citesite.source.clock import review_today
    from citesite.translate.status import check_translations

    loaded.problems.extend(check_translations(loaded.site, review_today()))
    return loaded


def _check_every_page(loaded: Loaded, out: Path, options: BuildOptions) -> int:
    """Render and check every page afresh, writing nothing; raise the problems when they fail the build."""
    from citesite.incremental.plan import rebuild_all

    return _render_and_check(loaded, rebuild_all(loaded.site), NullWriter(out), options)[1]


def _open_writer(root: Path, out: Path, previous: Previous) -> StagingWriter:
    """Update the output in place when it is exactly what the cache describes; else build a new one beside it."""
    if previous.current:
        return IncrementalWriter(out, previous.owned or set())
    check_output_dir(root, out)  # a full build replaces the folder: refuse if it holds anyone else's files
    return OutputWriter(out)


def _report_unchanged(previous: Previous, out: Path, strict: bool, started: float) -> BuildReport:
    """Nothing changed since the last build: report its warnings again, write nothing."""
    head = previous.state
    problems = Problems()
    problems.extend(problems_from_json(head.get("site_problems", [])))
    fail_on(problems, strict)
    seconds = time.perf_counter() - started
    return BuildReport(head["page_count"], head["file_count"], seconds, out, problems.warnings, unchanged=True)
