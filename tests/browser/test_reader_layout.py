"""The reader's layout in Chromium: reflow at 320 px, a compact phone header, tables, glossary terms, targets, print."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

import pytest

from .conftest import MISSING_PAGE

NEEDS = "articles/how-much-magnesium/"


@pytest.fixture
def phone(browser: Any) -> Iterator[Any]:
    """A fresh tab 390 px wide that collects script errors."""
    context = browser.new_context(viewport={"width": 390, "height": 844})
    tab = context.new_page()
    errors: list[str] = []
    tab.on("pageerror", lambda error: errors.append(str(error)))
    yield tab
    context.close()
    assert errors == []


def test_no_page_scrolls_sideways_at_320_px(browser: Any, base_url: str, page_paths: list[str]) -> None:
    context = browser.new_context(viewport={"width": 320, "height": 700})
    tab = context.new_page()
    wide = []
    for path in page_paths:
        tab.goto(base_url + path)
        width = tab.evaluate("document.documentElement.scrollWidth")
        if width > 320:
            wide.append(f"{path}: {width}")
    context.close()
    assert wide == []


def test_the_phone_header_is_compact_and_the_key_points_come_before_the_contents(phone: Any, base_url: str) -> None:
    phone.goto(base_url + NEEDS)
    assert phone.evaluate("document.querySelector('.site-header').getBoundingClientRect().height") <= 110
    assert phone.locator("#header-search").is_visible()
    boxes = phone.evaluate("['.keypoints', '.toc'].map(s => document.querySelector(s).getBoundingClientRect().top)")
    assert boxes[0] < boxes[1]
    assert boxes[0] < 844  # the key points start on the first screen


def test_home_answers_are_on_the_first_phone_screen(phone: Any, base_url: str) -> None:
    phone.goto(base_url)
    top = phone.evaluate("document.querySelector('.quick-answers').getBoundingClientRect().top")
    assert top < 844
    assert "310–420 mg" in phone.inner_text(".quick-answers")


def test_number_tables_stay_compact_tables_on_a_phone(browser: Any, base_url: str) -> None:
    heights = {}
    for width in (390, 1280):
        context = browser.new_context(viewport={"width": width, "height": 900})
        tab = context.new_page()
        tab.goto(base_url + NEEDS)
        heights[width] = tab.evaluate(
            """() => Object.fromEntries([...document.querySelectorAll('.data-table')].map(t =>
                [t.id, [Math.round(t.getBoundingClientRect().height), getComputedStyle(t).display]]))"""
        )
        if width == 390:
            # a wide table scrolls inside its own box, which the keyboard can reach
            wraps = tab.evaluate(
                """() => [...document.querySelectorAll('.table-wrap')].filter(w => w.scrollWidth > w.clientWidth)
                    .map(w => [w.getAttribute('tabindex'), w.getAttribute('role'), w.getAttribute('aria-label')])"""
            )
            assert all(w[:2] == ["0", "region"] and w[2] for w in wraps)
        context.close()
    for table in ("table-rda", "table-ul", "table-foods", "table-daily-value"):
        phone_height, display = heights[390][table]
        assert display == "table", table
        assert phone_height <= 2 * heights[1280][table][0], table


def test_prose_comparison_stays_cards_with_units_and_labels(phone: Any, base_url: str) -> None:
    phone.goto(base_url + "articles/food-or-supplements/")
    assert phone.evaluate("getComputedStyle(document.querySelector('#table-comparison tr')).display") == "block"
    label = phone.evaluate("getComputedStyle(document.querySelector('#table-comparison td'), '::before').content")
    assert label == '"Bottom line: "'


def test_a_glossary_term_shows_its_definition_in_place(phone: Any, base_url: str) -> None:
    phone.goto(base_url + NEEDS)
    term = phone.locator(".content a.term").first
    assert term.get_attribute("aria-expanded") == "false"
    term.click()
    assert phone.url.endswith(NEEDS)  # the reader stays on the article
    assert term.get_attribute("aria-expanded") == "true"
    box = phone.locator("#" + term.get_attribute("aria-controls"))
    assert box.is_visible()
    assert box.inner_text().startswith(term.get_attribute("title"))
    assert box.locator("a").get_attribute("href") == term.get_attribute("href")
    term.focus()
    phone.keyboard.press("Escape")
    assert term.get_attribute("aria-expanded") == "false" and box.count() == 0
    phone.keyboard.press("Enter")  # the keyboard opens it too
    assert term.get_attribute("aria-expanded") == "true"


def test_citation_markers_are_at_least_24_px_targets(phone: Any, base_url: str) -> None:
    phone.goto(base_url + NEEDS)
    sizes = phone.evaluate(
        "[...document.querySelectorAll('.cite a')].map(a => { const r = a.getBoundingClientRect(); return [r.width, r.height]; })"
    )
    assert sizes and min(w for w, _ in sizes) >= 24 and min(h for _, h in sizes) >= 24


def test_print_shows_the_real_address_and_reference_urls_and_leaves_out_charts_with_tables(
    phone: Any, base_url: str
) -> None:
    phone.goto(base_url + NEEDS)
    phone.evaluate("window.dispatchEvent(new Event('beforeprint'))")
    assert phone.inner_text(".page-url") == base_url + NEEDS
    phone.emulate_media(media="print")
    assert phone.locator("#chart-rda").is_hidden() and phone.locator("#chart-foods").is_hidden()
    assert phone.locator("#table-rda").is_visible()
    assert phone.locator(".print-button, .checker, .toc").first.is_hidden()
    phone.goto(base_url + "references/")
    phone.emulate_media(media="print")
    source = phone.locator(".reference-list a:text-is('Source')").first
    after = source.evaluate("a => getComputedStyle(a, '::after').content")
    assert after == f'" ({source.get_attribute("href")})"'


def printed_pages(tab: Any, background: bool = False) -> int:
    """How many A4 pages Chromium's print-to-PDF makes of the open page."""
    tab.emulate_media(media="print")
    pdf = tab.pdf(format="A4", print_background=background)
    return len(re.findall(rb"/Type\s*/Page[^s]", pdf))


def test_the_needs_article_prints_on_four_a4_pages(phone: Any, base_url: str) -> None:
    phone.goto(base_url + NEEDS)
    assert printed_pages(phone) == 4


def test_print_is_light_for_a_dark_preference_with_background_graphics(browser: Any, base_url: str) -> None:
    context = browser.new_context(viewport={"width": 1280, "height": 900}, color_scheme="dark")
    tab = context.new_page()
    tab.goto(base_url + NEEDS)
    assert tab.evaluate("getComputedStyle(document.documentElement).colorScheme") == "dark"  # on screen
    assert printed_pages(tab, background=True) == 4
    colours = tab.evaluate(
        """() => [document.documentElement, document.body, document.querySelector('.keypoints')]
            .map(e => [getComputedStyle(e).colorScheme, getComputedStyle(e).backgroundColor])"""
    )
    context.close()
    assert colours[0] == ["light", "rgb(255, 255, 255)"]  # the canvas, and so the page margins, are white
    assert all(scheme == "light" for scheme, _ in colours)
    assert colours[1][1] == "rgb(255, 255, 255)"


def test_the_print_button_prints(phone: Any, base_url: str) -> None:
    phone.goto(base_url + NEEDS)
    phone.evaluate("window.print = () => { window.printed = true; }")
    phone.click(".print-button")
    assert phone.evaluate("window.printed") is True


@pytest.fixture
def small_phone(browser: Any) -> Iterator[Any]:
    """A fresh touch-screen tab of a small phone, 320 × 568, that collects script errors."""
    context = browser.new_context(viewport={"width": 320, "height": 568}, has_touch=True, is_mobile=True)
    tab = context.new_page()
    errors: list[str] = []
    tab.on("pageerror", lambda error: errors.append(str(error)))
    yield tab
    context.close()
    assert errors == []


def test_every_article_shows_its_key_points_on_the_first_screen_of_a_small_phone(
    small_phone: Any, base_url: str, page_paths: list[str]
) -> None:
    articles = [path for path in page_paths if path.startswith("articles/")]
    assert len(articles) >= 10
    late = {}
    for path in articles:
        small_phone.goto(base_url + path)
        # the box's title and its first point start above the fold
        top = small_phone.evaluate("document.querySelector('.keypoints li').getBoundingClientRect().top")
        if top > 568 - 24:
            late[path] = top
    assert late == {}


def test_a_table_that_scrolls_sideways_shows_that_it_continues(small_phone: Any, base_url: str) -> None:
    small_phone.goto(base_url + NEEDS)
    wraps = small_phone.evaluate(
        """() => [...document.querySelectorAll('.table-wrap')].filter(w => w.scrollWidth > w.clientWidth).map(w => {
            const style = getComputedStyle(w);
            const tints = [...w.querySelectorAll('thead th, tbody tr:nth-child(even)')]
                .map(e => getComputedStyle(e).backgroundColor);
            return [w.querySelector('table').id, style.backgroundImage, style.backgroundAttachment, tints];
        })"""
    )
    assert {table for table, *_ in wraps} >= {"table-rda", "table-foods"}
    for table, image, attachment, tints in wraps:
        # two shadows fixed at the edges, two covers that scroll with the table and hide the shadow at its end
        assert image.count("radial-gradient") == 2 and image.count("linear-gradient") == 2, table
        assert attachment == "local, local, scroll, scroll", table
        # nothing opaque over the shadows: stripes and headers are tints
        assert all(tint.startswith(("rgba(", "color(srgb")) or tint == "transparent" for tint in tints), table


def test_glossary_boxes_by_touch_open_one_at_a_time_and_close_on_a_tap_elsewhere(
    small_phone: Any, base_url: str
) -> None:
    small_phone.goto(base_url + NEEDS)
    first, second = small_phone.locator(".content a.term").nth(0), small_phone.locator(".content a.term").nth(1)
    paragraph = first.locator("xpath=ancestor::li[1]")
    height = paragraph.evaluate("e => e.getBoundingClientRect().height")
    first.tap()
    box = small_phone.locator(".term-def")
    assert box.count() == 1 and first.get_attribute("aria-expanded") == "true"
    # the box opens under the term's line, over the text: the sentence around the term is not split
    assert paragraph.evaluate("e => e.getBoundingClientRect().height") == height
    link = box.locator("a")
    assert link.inner_text() == "Glossary" and link.bounding_box()["height"] >= 24
    second.tap()
    assert box.count() == 1 and first.get_attribute("aria-expanded") == "false"
    assert second.get_attribute("aria-expanded") == "true"
    small_phone.locator("h1").tap()  # a tap elsewhere closes it
    assert box.count() == 0 and second.get_attribute("aria-expanded") == "false"


def test_the_header_search_example_fits_its_box_on_a_small_phone(small_phone: Any, base_url: str) -> None:
    small_phone.goto(base_url + NEEDS)
    text, room = small_phone.evaluate(
        """() => { const input = document.getElementById('header-search'), style = getComputedStyle(input);
            const ruler = document.createElement('canvas').getContext('2d');
            ruler.font = style.font;
            const room = input.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight);
            return [ruler.measureText(input.placeholder).width, room]; }"""
    )
    assert 0 < text <= room
    assert small_phone.locator(".site-search button").evaluate("b => b.textContent") == "Search"  # its name


def test_the_404_page_is_styled_where_its_linked_files_cannot_be_found(browser: Any, base_url: str) -> None:
    # a host serving the site under another path than it was built for: every linked file is missing
    context = browser.new_context(viewport={"width": 390, "height": 844})
    tab = context.new_page()
    violations: list[str] = []
    tab.on("console", lambda message: violations.append(message.text) if "Content Security" in message.text else None)
    tab.route("**/*.css", lambda route: route.abort())
    tab.goto(base_url + MISSING_PAGE)
    styled = tab.evaluate(
        """() => [getComputedStyle(document.body).fontFamily.startsWith('system-ui'),
                 getComputedStyle(document.querySelector('main')).maxWidth,
                 getComputedStyle(document.querySelector('.site-header')).borderBottomStyle]"""
    )
    context.close()
    assert styled == [True, "1056px", "solid"]  # the theme's own rules, from the page's own <style>
    assert violations == []
