"""Every page in Chromium: axe-core (WCAG 2.2 AA), sideways scrolling, console errors, other origins, dark mode."""

from __future__ import annotations

from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import axe_playwright_python
import pytest

from .conftest import MISSING_PAGE, SEARCH_QUERY_PAGE

AXE_SCRIPT = (Path(axe_playwright_python.__file__).parent / "axe.min.js").read_text(encoding="utf-8")
AXE_OPTIONS = {
    "runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]},
    "resultTypes": ["violations"],
}
# mode: (system colour scheme, viewport width, theme chosen with the header toggle or None)
MODES = {
    "light-390": ("light", 390, None),
    "light-1280": ("light", 1280, None),
    "dark-390": ("dark", 390, None),
    "dark-1280": ("dark", 1280, None),
    "toggled-dark-1280": ("light", 1280, "dark"),
    "toggled-light-390": ("dark", 390, "light"),
}
PHONE_MODES = [name for name, (_, width, _) in MODES.items() if width == 390]
# Every page is checked at phone width with every rule that reads the page's structure, names and roles. Colours
# and layout follow the theme's elements and classes, not the words, so the rules that read colours, and the other
# modes, visit only the "colour cover": the fewest pages that between them show every kind of element the site has
# (the wide layout runs every rule there, the dark modes the colour rules). A theme chosen with the header toggle
# must look exactly like the same theme chosen by the system: its modes compare every element's colours with that
# mode's instead of running axe again (equal colours at the same width give axe's same answers).
EVERY_PAGE_MODE = "light-390"
ALL_RULES_MODES = {EVERY_PAGE_MODE, "light-1280"}
COLOUR_RULES_MODES = {"dark-390", "dark-1280"}
TOGGLED_TWINS = {"toggled-dark-1280": "dark-1280", "toggled-light-390": "light-390"}
COLOURS_SCRIPT = """() => Array.from(document.querySelectorAll('*'), element => {
    if (element.closest('.theme-toggle')) return 'the toggle, which shows the theme chosen';
    const style = getComputedStyle(element);
    const colours = ['color', 'backgroundColor', 'borderTopColor', 'borderBottomColor', 'outlineColor', 'fill',
                     'stroke', 'textDecorationColor', 'boxShadow'].map(name => style[name]).join(' | ');
    return element.tagName.toLowerCase() + (element.id ? '#' + element.id : '') + ': ' + colours;
})"""
COLOUR_RULES = ["color-contrast", "link-in-text-block"]
COLOUR_OPTIONS = {
    "runOnly": {"type": "rule", "values": COLOUR_RULES},
    "resultTypes": ["violations"],
}


@dataclass
class Visit:
    """What one page showed in one mode."""

    path: str
    status: int
    theme: str
    scroll_width: int
    client_width: int
    violations: list[dict[str, Any]]
    console_errors: list[str] = field(default_factory=list)
    colours: list[str] = field(default_factory=list)  # each element's computed colours, in document order


@dataclass
class Crawl:
    """One mode's visits to every page, and every request the browser made."""

    mode: str
    visits: list[Visit]
    requests: list[str]


class Tab:
    """One mode's browser tab, visiting the pages in turn and recording what each showed."""

    def __init__(self, browser: Any, base_url: str, mode: str) -> None:
        scheme, width, chosen = MODES[mode]
        self.base_url, self.mode = base_url, mode
        self.context = browser.new_context(viewport={"width": width, "height": 900}, color_scheme=scheme)
        self.page = self.context.new_page()
        self.requests: list[str] = []
        self.errors: list[str] = []
        self.visits: list[Visit] = []
        self.page.on("request", lambda request: self.requests.append(request.url))
        self.page.on("console", lambda message: self.errors.append(message.text) if message.type == "error" else None)
        self.page.on("pageerror", lambda error: self.errors.append(f"uncaught: {error}"))
        if chosen:
            self.page.goto(base_url)
            self.page.click(".theme-toggle")
            assert self.page.get_attribute("html", "data-theme") == chosen

    def start(self, path: str, in_cover: bool) -> None:
        """Load the page and start axe on it, without waiting for axe's answer (in_cover: run the colour rules)."""
        self.errors.clear()
        self.response = self.page.goto(self.base_url + path, wait_until="load")
        if path == SEARCH_QUERY_PAGE:
            self.page.wait_for_selector("#search-results li")
        self.metrics = self.page.evaluate(
            """() => ({
                theme: getComputedStyle(document.documentElement).colorScheme,
                scroll: document.documentElement.scrollWidth,
                client: document.documentElement.clientWidth,
            })"""
        )
        self.colours = self.page.evaluate(COLOURS_SCRIPT)
        if self.mode in ALL_RULES_MODES or self.mode in COLOUR_RULES_MODES:
            self.page.evaluate(AXE_SCRIPT)
            options = AXE_OPTIONS if self.mode in ALL_RULES_MODES else COLOUR_OPTIONS
            if not in_cover:  # colours follow the kinds of element, which the cover's pages all show
                options = {**options, "rules": {rule: {"enabled": False} for rule in COLOUR_RULES}}
            self.page.evaluate("options => { window.axeResult = axe.run(document, options); }", options)
        else:
            self.page.evaluate("() => { window.axeResult = {violations: []}; }")

    def finish(self, path: str) -> None:
        """Wait for axe's answer and record the visit."""
        result = self.page.evaluate("() => window.axeResult")
        # Chromium logs the missing page's own 404 status as a console error; that one is the point of the visit.
        shown = [e for e in self.errors if not (path == MISSING_PAGE and "404" in e)]
        status = self.response.status if self.response else 0
        metrics = self.metrics
        self.visits.append(
            Visit(
                path,
                status,
                metrics["theme"],
                metrics["scroll"],
                metrics["client"],
                result["violations"],
                shown,
                self.colours,
            )
        )

    def close(self) -> Crawl:
        """The crawl this tab made."""
        self.context.close()
        return Crawl(self.mode, self.visits, self.requests)


class _Components(HTMLParser):
    """The kinds of element a page shows: each tag alone, and with each of its classes."""

    def __init__(self) -> None:
        super().__init__()
        self.kinds: set[str] = set()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.kinds.add(tag)
        for name, value in attrs:
            if name == "class" and value:
                self.kinds.update(f"{tag}.{cls}" for cls in value.split())


def components(html: str) -> set[str]:
    """Every tag and tag.class pair in an HTML page."""
    parser = _Components()
    parser.feed(html)
    return parser.kinds


def colour_cover(pages: dict[str, str]) -> list[str]:
    """A few pages that between them show every kind of element of all the pages (greedy set cover, in order)."""
    kinds = {path: components(html) for path, html in pages.items()}
    left = set().union(*kinds.values())
    chosen: list[str] = []
    while left:
        best = max(kinds, key=lambda path: len(kinds[path] & left))  # the first of equals: the order is stable
        chosen.append(best)
        left -= kinds[best]
    return sorted(chosen, key=list(pages).index)


def crawl_all(browser: Any, base_url: str, paths: list[str], colour_paths: list[str]) -> dict[str, Crawl]:
    """Every page at phone width with every rule, the colour cover in the other modes; one tab per mode at once."""
    tabs = [Tab(browser, base_url, mode) for mode in MODES]
    extra = [SEARCH_QUERY_PAGE, MISSING_PAGE]  # what scripts and the server add is not in the built files
    colour = set(colour_paths)
    for path in [*paths, *extra]:
        visiting = [t for t in tabs if t.mode == EVERY_PAGE_MODE or path in colour or path in extra]
        for tab in visiting:
            tab.start(path, path in colour or path in extra)
        for tab in visiting:
            tab.finish(path)
    return {tab.mode: tab.close() for tab in tabs}


@pytest.fixture(scope="session")
def colour_paths(built_site: Path, page_paths: list[str]) -> list[str]:
    """The pages visited in the colour-only modes: colours follow the theme's elements and classes, not the text."""
    return colour_cover({path: _read(built_site, path) for path in page_paths})


@pytest.fixture(scope="session")
def crawls(browser: Any, base_url: str, page_paths: list[str], colour_paths: list[str]) -> dict[str, Crawl]:
    """Each mode's crawl, all made the first time a test asks for one."""
    return crawl_all(browser, base_url, page_paths, colour_paths)


def _describe(violation: dict[str, Any]) -> str:
    nodes = "; ".join(
        f"{' '.join(node['target'])}: {node.get('failureSummary', '').splitlines()[-1].strip()}"
        for node in violation["nodes"][:4]
    )
    return f"{violation['id']} ({violation['impact']}): {violation['help']} -> {nodes}"


@pytest.mark.parametrize("mode", list(MODES))
def test_axe_finds_no_violations(crawls: dict[str, Crawl], mode: str) -> None:
    found = [f"{v.path or '/'}: {_describe(x)}" for v in crawls[mode].visits for x in v.violations]
    assert found == [], "\n".join(found)


@pytest.mark.parametrize("mode", list(MODES))
def test_every_page_uses_the_expected_theme(crawls: dict[str, Crawl], mode: str) -> None:
    scheme, _, chosen = MODES[mode]
    wrong = [v.path for v in crawls[mode].visits if v.theme != (chosen or scheme)]
    assert wrong == []


@pytest.mark.parametrize("mode", PHONE_MODES)
def test_no_page_scrolls_sideways_on_a_phone(crawls: dict[str, Crawl], mode: str) -> None:
    wide = [
        f"{v.path}: {v.scroll_width} > {v.client_width}" for v in crawls[mode].visits if v.scroll_width > v.client_width
    ]
    assert wide == []


@pytest.mark.parametrize("mode", list(TOGGLED_TWINS))
def test_a_theme_chosen_with_the_toggle_looks_exactly_like_the_same_theme_chosen_by_the_system(
    crawls: dict[str, Crawl], mode: str
) -> None:
    twin = {v.path: v.colours for v in crawls[TOGGLED_TWINS[mode]].visits}
    visits = crawls[mode].visits
    assert len(visits) > 2
    differ = [
        f"{v.path}: {mine} != {theirs}"
        for v in visits
        for mine, theirs in zip(v.colours, twin[v.path], strict=False)
        if mine != theirs
    ]
    assert [len(v.colours) for v in visits] == [len(twin[v.path]) for v in visits]
    assert differ[:5] == []


def test_every_page_is_visited_at_phone_width_and_the_cover_in_every_mode(
    crawls: dict[str, Crawl], page_paths: list[str], colour_paths: list[str]
) -> None:
    extra = [SEARCH_QUERY_PAGE, MISSING_PAGE]
    assert [v.path for v in crawls[EVERY_PAGE_MODE].visits] == [*page_paths, *extra]
    for mode in set(MODES) - {EVERY_PAGE_MODE}:
        assert [v.path for v in crawls[mode].visits] == [*colour_paths, *extra], mode


def test_pages_answer_with_the_right_status(crawls: dict[str, Crawl]) -> None:
    statuses = {v.path: v.status for v in crawls[EVERY_PAGE_MODE].visits}
    assert statuses.pop(MISSING_PAGE) == 404
    assert {path for path, status in statuses.items() if status != 200} == set()


def test_no_console_errors(crawls: dict[str, Crawl]) -> None:
    found = [f"{c.mode} {v.path}: {e}" for c in (crawls[m] for m in MODES) for v in c.visits for e in v.console_errors]
    assert found == [], "\n".join(found)


def test_no_request_leaves_the_site(crawls: dict[str, Crawl]) -> None:
    foreign = {url for c in (crawls[m] for m in MODES) for url in c.requests if urlsplit(url).hostname != "127.0.0.1"}
    assert foreign == set()


def test_the_colour_modes_see_every_kind_of_element_the_site_has(
    built_site: Path, page_paths: list[str], colour_paths: list[str]
) -> None:
    every = set().union(*(components(_read(built_site, path)) for path in page_paths))
    seen = set().union(*(components(_read(built_site, path)) for path in colour_paths))
    assert seen == every
    assert len(colour_paths) < len(page_paths)


def test_the_colour_cover_takes_the_pages_that_add_a_kind_of_element() -> None:
    pages = {
        "a/": '<p class="x">one</p><table><td>1</td></table>',
        "b/": '<p class="x">two</p>',
        "c/": '<p class="y">three</p>',
    }
    assert colour_cover(pages) == ["a/", "c/"]
    assert components('<div class="box warn"><p>') == {"div", "div.box", "div.warn", "p"}


def _read(site: Path, path: str) -> str:
    return (site / (path + "index.html" if path == "" or path.endswith("/") else path)).read_text("utf-8")
