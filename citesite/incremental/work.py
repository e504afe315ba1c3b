"""The unit of a build's work: which pages to build, and what building one page produced."""

from __future__ import annotations

from typing import NamedTuple

from citesite.errors import SiteError
from citesite.incremental.shown import Shown
from citesite.model import Page

WorkItem = tuple[Page, bool, str]  # (page, whether its body may be in the cache, body key)


class PageResult(NamedTuple):
    """What building one page produced, small enough to send back from a worker."""

    url: str
    problems: tuple[SiteError, ...]
    citations: tuple[str, ...]
    anchors: tuple[tuple[str, str, int, str], ...]
    ids: frozenset[str] | None  # None: not collected; read from the written page if a link needs them
    written: bool  # the page's file is in the output folder being built (written now, or already identical)
    grades: tuple[tuple[str, float], ...] = ()  # reading grades computed for this page, for the cache
    shown: Shown | None = None  # what the output showed of other pages (None: not rendered)
    lookups: tuple[tuple[str, str | None], ...] = ()  # what its Markdown asked of the site (MarkdownResult.lookups)
    changed: bool = True  # the written bytes differ from the page's file in the live output
    files: tuple[str, ...] = ()  # the files beside pages it links, by content path (published with it)
