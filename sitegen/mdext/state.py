"""What the Markdown extensions know about the site, and what they record about one page."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import quote

from ..data import SiteData
from ..errors import ERROR, WARNING, SiteError
from ..urls import relative_url

PAGE_URL = "p:"  # a question to SiteIndex.look_up: the URL of the page made from a source path
OUTPUT_URL = "o:"  # ... the URL of the output file at a site path (a page or a static file)


@dataclass(frozen=True)
class SiteIndex:
    """Read-only facts every page's Markdown may refer to."""

    page_urls: dict[str, str]  # content-relative source path -> site-relative URL
    output_urls: frozenset[str]  # every site-relative URL the build will write (pages and static files)
    data: SiteData
    glossary_url: str | None
    figures_dir: Path
    base_path: str = "/"  # the path part of base_url; links on the 404 page start from it

    def look_up(self, question: str) -> str | None:
        """Answer one question about the site: PAGE_URL + a source path, or OUTPUT_URL + a site path.

        A page's converted Markdown depends on exactly these answers, so a rebuild asks them again to know
        whether the page must be converted afresh (sitegen.incremental).
        """
        if question.startswith(PAGE_URL):
            return self.page_urls.get(question[len(PAGE_URL) :])
        return self._output_url(question[len(OUTPUT_URL) :])

    def _output_url(self, site_path: str) -> str | None:
        """The URL the site publishes for a path (page URLs are percent-encoded), or None if it has none.

        A path ending in '/' asks only for a folder's page; '' is the home page.
        """
        slash = site_path.endswith("/")
        bare = site_path.rstrip("/")
        forms = [bare + "/"] if slash and bare else [bare, bare + "/"]
        for form in forms:
            for candidate in (form, quote(form, safe="/")):
                if candidate in self.output_urls:
                    return candidate
        return None


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
    lookups: dict[str, str | None] = field(default_factory=dict)  # what the page asked of the SiteIndex, answered
    rooted_at: str | None = None  # the 404 page is served at any depth, so its links start at the site root
    _lines: list[str] | None = None

    def ask(self, index: SiteIndex, question: str) -> str | None:
        """SiteIndex.look_up, remembering the question and its answer for the build cache."""
        answer = index.look_up(question)
        self.lookups[question] = answer
        return answer

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
