"""The one place that runs the stages in order: discover -> parse -> model -> render -> check -> write.

This module stays light: a build with nothing to do (the common case while editing) decides so without
importing Markdown, Jinja or YAML. The stages themselves are in sitegen.steps.
"""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

from sitegen.errors import Problems, SiteErrors
from sitegen.incremental.cache import (
    BuildCache,
    Previous,
    code_version,
    digest,
    fast_key,
    file_stat,
    problems_from_json,
    scan_inputs,
)
from sitegen.incremental.gcpause import long_lived_objects
from sitegen.incremental.journal import recover
from sitegen.options import BuildOptions, BuildReport, fail_on
from sitegen.source.clock import review_today
from sitegen.write import MANIFEST, OutputLock, check_output_dir, clear_stale_builds, read_manifest


def build(root: Path, options: BuildOptions) -> BuildReport:
    """Build the site under root; raise SiteErrors with every problem if it cannot be built."""
    started = time.perf_counter()
    root = root.resolve()
    out = options.out if options.out.is_absolute() else root / options.out
    if not options.write:
        from sitegen.steps import check_site

        with long_lived_objects():
            return check_site(root, options, started)
    check_output_dir(root, out, scan_foreign=False)
    lock = OutputLock(out)
    lock.acquire()
    try:
        recover(out)  # finish an incremental write that a killed build left half done
        clear_stale_builds(out)
        with long_lived_objects():
            return _build_locked(root, out, options, started)
    finally:
        lock.release()


def _build_locked(root: Path, out: Path, options: BuildOptions, started: float) -> BuildReport:
    """Build with the lock held: nothing to do, or the changed part, or everything."""
    inputs = scan_inputs(root)
    if inputs.refused:
        raise SiteErrors(inputs.refused)  # before anything is opened: a pipe would block, a link would leak
    options_key = digest(options.drafts, options.base_url, options.live_reload, options.search)
    cache = BuildCache(root, out, options_key) if options.cache else None
    code = code_version()
    fingerprint = fast_key(*[f"{path}\0{size}\0{mtime}" for path, size, mtime in inputs.files], str(review_today()))
    manifest = file_stat(out / MANIFEST)
    head = cache.load_head(code) if cache else {}
    if manifest and head.get("manifest") == manifest and head.get("fingerprint") == fingerprint:
        return _report_unchanged(head, out, options.strict, started)
    state = cache.load(code) if cache else {}
    owned = read_manifest(out)
    current = bool(state) and owned is not None and state.get("manifest") == manifest
    from sitegen.steps import build_changes  # the heavy part: Markdown, Jinja, YAML

    previous = Previous(inputs, options_key, cache, code, state, fingerprint, owned, current)
    return build_changes(root, out, options, started, previous)


def _report_unchanged(state: dict[str, Any], out: Path, strict: bool, started: float) -> BuildReport:
    """Nothing changed since the last build: report its warnings again, write nothing."""
    problems = Problems()
    problems.extend(problems_from_json(state.get("site_problems", [])))
    fail_on(problems, strict)
    return BuildReport(
        state["page_count"], state["file_count"], time.perf_counter() - started, out, problems.warnings, unchanged=True
    )
