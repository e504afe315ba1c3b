"""What the Markdown extensions know about the site, and what they record about one page."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from ..data import SiteData
from ..errors import ERROR, WARNING, SiteError
from ..urls import relative_url


@dataclass(frozen=True)
class SiteIndex:
    """Read-only facts every page's Markdown may refer to."""

    page_urls: dict[str, str]  # content-relative source path -> site-relative URL
    output_urls: frozenset[str]  # every site-relative URL the build will write (pages and static files)
    data: SiteData
    glossary_url: str | None
    figures_dir: Path
    base_path: str = "/"  # the path part of base_url; links on the 404 page start from it


@dataclass
class PageState:
    """One page being converted: where it is, and what its extensions found."""

    rel_path: str
    url: str
    shown: str
    body: str
    body_line: int
    problems: list[SiteError] = field(default_factory=list)
    citations: list[str] = field(default_factory=list)
    anchors: list[tuple[str, str, int, str]] = field(default_factory=list)  # (url, fragment, line, href)
    headings: list[tuple[int, str, str]] = field(default_factory=list)  # (level, id, text)
    keypoints: list[str] = field(default_factory=list)
    rooted_at: str | None = None  # the 404 page is served at any depth, so its links start at the site root
    _lines: list[str] | None = None

    def link_to(self, target: str) -> str:
        """The href from this page to a site-relative URL (with #fragment)."""
        if self.rooted_at is not None:
            return self.rooted_at + target
        return relative_url(self.url, target)

    def line_of(self, needle: str) -> int:
        """The file line where needle first appears in the body (the body's first line if nowhere)."""
        if self._lines is None:
            self._lines = self.body.split("\n")
        for offset, text in enumerate(self._lines):
            if needle in text:
                return self.body_line + offset
        return self.body_line

    def error(self, message: str, needle: str) -> None:
        """Record an error on the line that contains needle."""
        self.problems.append(SiteError(message, self.shown, self.line_of(needle), level=ERROR))

    def warn(self, message: str, needle: str) -> None:
        """Record a warning on the line that contains needle."""
        self.problems.append(SiteError(message, self.shown, self.line_of(needle), level=WARNING))
