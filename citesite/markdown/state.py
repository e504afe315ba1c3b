"""What the Markdown extensions know about the site, and what they record about one page."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import cast
from urllib.parse import quote

from markdown import Markdown

from citesite.errors import ERROR, WARNING, SiteError
from citesite.markdown.locate import Locator
from citesite.source.data import SiteData
from citesite.source.divs import DivStyle
from citesite.source.pagefiles import FileStamps, content_hash
from citesite.urls import relative_url

# The words the Markdown writes into tables and charts: strings key -> the English (citesite/theme/strings).
MARKDOWN_WORDS = {
    "table_sources": "Sources",
    "table_chart_pointer": "The numbers are in the table \u201c{title}\u201d.",
    "table_show_numbers": "Show the numbers as a table",
}
PAGE_URL = "p:"  # a question to SiteIndex.look_up: the URL of the page made from a source path
OUTPUT_URL = "o:"  # ... the URL of the output file at a site path (a page or a static file)
PAGE_FILE = "f:"  # ... a hash of the file beside a page at a content path (citesite.source.pagefiles)


@dataclass(frozen=True)
class SiteIndex:
    """Read-only facts every page's Markdown may refer to."""

    page_urls: dict[str, str]  # content-relative source path -> site-relative URL
    output_urls: frozenset[str]  # every site-relative URL the build will write (pages and static files)
    data: SiteData
    glossary_url: str | None
    figures_dir: Path
    base_path: str = "/"  # the path part of base_url; links on the 404 page start from it
    # the folders of pages in a further language: the glossary is in the site's own, so it links none of their words
    other_languages: frozenset[str] = frozenset()
    # the words the Markdown writes itself (a table's "Sources"), by language code ('' for the site's own)
    words: dict[str, dict[str, str]] = field(default_factory=dict)
    glossary_urls: dict[str, str] = field(default_factory=dict)  # a further language's glossary page, by its code
    divs: tuple[DivStyle, ...] = ()  # how the site shows named fenced divs ('markdown: divs' in site.yaml)
    page_files: FileStamps = field(default_factory=dict)  # the files under content/ a page may link and publish

    def glossary_url_in(self, code: str) -> str | None:
        """The URL of the glossary page of language code ('' for the site's own), if it has one."""
        return self.glossary_urls.get(code) if code else self.glossary_url

    def word(self, code: str, key: str, **values: str) -> str:
        """One of the words the Markdown writes, in the page's language, with its {name} places filled."""
        text = self.words.get(code, {}).get(key) or self.words.get("", {}).get(key) or MARKDOWN_WORDS[key]
        for name, value in values.items():
            text = text.replace("{" + name + "}", value)
        return text

    def figure_folders(self, rel_path: str) -> tuple[Path, ...]:
        """Where a page's figures are looked for, first to last: its language's own copies, then the site's.

        A page under content/es/ shows content/es/figures/NAME.svg when there is one, else content/figures/NAME.svg.
        """
        head, slash, _ = rel_path.partition("/")
        if slash and head in self.other_languages:
            return (self.figures_dir.parent / head / "figures", self.figures_dir)
        return (self.figures_dir,)

    def language_figure_dirs(self) -> list[Path]:
        """The figures folders of the further languages (content/LANG/figures), sorted by language."""
        return [self.figures_dir.parent / code / "figures" for code in sorted(self.other_languages)]

    def look_up(self, question: str) -> str | None:
        """Answer one question about the site: PAGE_URL + a source path, or OUTPUT_URL + a site path.

        A page's converted Markdown depends on exactly these answers, so a rebuild asks them again to know
        whether the page must be converted afresh (citesite.incremental).
        """
        if question.startswith(PAGE_URL):
            return self.page_urls.get(question[len(PAGE_URL) :])
        if question.startswith(PAGE_FILE):
            return self._file_hash(question[len(PAGE_FILE) :])
        return self._output_url(question[len(OUTPUT_URL) :])

    def _file_hash(self, rel: str) -> str | None:
        """A hash of the file beside a page at a content path, or None when there is none to publish."""
        stamp = self.page_files.get(rel)
        if stamp is None:
            return None
        return content_hash(str(self.figures_dir.parent / rel), *stamp)  # figures_dir is content/figures

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
    trusted_html: set[int] = field(default_factory=set)  # stash entries made by the generator (code, charts)
    first_raw_html: str | None = None  # the page's first piece of raw HTML, if it has any
    stash_mark: int = 0  # the stash's size before 'hilite' ran (citesite.markdown.rawhtml)
    _locator: Locator | None = None

    def language(self, index: SiteIndex) -> str:
        """The code of the language the page is written in ('' for the site's own)."""
        folder = self.rel_path.partition("/")[0]
        return folder if folder in index.other_languages else ""

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

    @property
    def locator(self) -> Locator:
        """Where the page's constructs are (made on first use: most pages have nothing to report)."""
        if self._locator is None:
            self._locator = Locator(self.body, self.body_line)
        return self._locator

    def line_of(self, needle: str, whole_name: bool = False, nth: int | None = None) -> int:
        """The file line of needle in the body, outside code: its place number nth (from 0), or the next one."""
        if nth is None:
            return self.locator.next(needle, whole_name)
        return self.locator.nth(needle, nth, whole_name)

    def error(self, message: str, needle: str, line: int | None = None) -> None:
        """Record an error at line, or on the next line that holds needle."""
        where = line if line is not None else self.line_of(needle)
        self.problems.append(SiteError(shown_text(message), self.shown, where, level=ERROR))

    def warn(self, message: str, needle: str, line: int | None = None) -> None:
        """Record a warning at line, or on the next line that holds needle."""
        where = line if line is not None else self.line_of(needle)
        self.problems.append(SiteError(shown_text(message), self.shown, where, level=WARNING))


_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def shown_text(text: str) -> str:
    """Text for a message: control characters written as escapes, never sent raw to a terminal."""
    return _CONTROL.sub(lambda m: f"\\x{ord(m.group()):02x}", text)


class SiteMarkdown(Markdown):
    """The build's Markdown converter: the site pages may refer to, and the state of the page being converted."""

    site_index: SiteIndex
    page_state: PageState


def state_of(md: Markdown) -> PageState:
    """The state of the page md is converting (every processor of this package runs inside a SiteMarkdown)."""
    return cast(SiteMarkdown, md).page_state
