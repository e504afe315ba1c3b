"""What the last build left behind: its cache state and manifest, and whether the output is still exactly it.

Light on purpose: a build with nothing to do decides so here, without Markdown, Jinja or YAML.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, cast

from citesite.boundary import MANIFEST, read_manifest
from citesite.errors import SiteErrors
from citesite.incremental.cache import BuildCache, Inputs, fast_key, file_stat, scan_inputs
from citesite.incremental.codeversion import code_version
from citesite.incremental.records import State
from citesite.source.clock import review_today

if TYPE_CHECKING:
    from citesite.source.content import SourceEntry


@dataclass(frozen=True)
class Previous:
    """What the last build left behind, and what the inputs look like now."""

    inputs: Inputs
    options_key: str
    cache: BuildCache | None
    code: str
    state: State
    fingerprint: str
    owned: set[str] | None
    current: bool  # the output is exactly what the cache state describes
    unchanged: bool = False  # nor has any input changed since: state holds only the head (BuildCache.load_head)

    def sources(self) -> dict[str, SourceEntry]:
        """The sources as the last build read them, by path under content/."""
        return self.state.get("sources", {}) if self.state else {}


def look_back(root: Path, out: Path, options_key: str, use_cache: bool) -> Previous:
    """Scan the inputs and compare them with what the last build into out was made from."""
    inputs = scan_inputs(root)
    if inputs.refused:
        raise SiteErrors(inputs.refused)  # before anything is opened: a pipe would block, a link would leak
    cache = BuildCache(root, out, options_key) if use_cache else None
    code = code_version(cache.folder if cache and cache.usable else None, root)
    fingerprint = fast_key(*[f"{path}\0{size}\0{mtime}" for path, size, mtime in inputs.files], str(review_today()))
    manifest = file_stat(out / MANIFEST)
    head = cache.load_head(code) if cache else {}
    if manifest and head.get("manifest") == manifest and head.get("fingerprint") == fingerprint:
        # Only the head was read: a State with just its fields, which is all a report of no change needs.
        return Previous(inputs, options_key, cache, code, cast(State, head), fingerprint, None, True, unchanged=True)
    state = cache.load(code) if cache else {}
    owned = read_manifest(out)
    current = bool(state) and owned is not None and state.get("manifest") == manifest
    return Previous(inputs, options_key, cache, code, state, fingerprint, owned, current)
