"""Search from the header box and on the search page; the dark-mode choice survives navigation and reloads."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest


@pytest.fixture
def page(browser: Any) -> Iterator[Any]:
    """A fresh tab in a fresh profile (no saved theme), light system colours, phone width."""
    context = browser.new_context(viewport={"width": 390, "height": 800}, color_scheme="light")
    tab = context.new_page()
    errors: list[str] = []
    tab.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
    tab.on("pageerror", lambda error: errors.append(str(error)))
    yield tab
    context.close()
    assert errors == []


def first_results(page: Any) -> list[str]:
    """The result links, in order, once the search has answered."""
    page.wait_for_selector("#search-results li h2 a")
    return page.eval_on_selector_all("#search-results li h2 a", "links => links.map(a => a.pathname)")


def test_header_search_finds_the_bone_cells_article(page: Any, base_url: str) -> None:
    page.goto(base_url + "articles/how-much-magnesium/")
    page.fill("#header-search", "osteoclast")
    page.press("#header-search", "Enter")
    page.wait_for_url("**/search/?q=osteoclast")
    results = first_results(page)
    assert results[0].endswith("/some/sub/path/articles/bone-cells-and-remodeling/")
    assert page.input_value("#search-q") == "osteoclast"
    page.click("#search-results li h2 a")
    page.wait_for_url("**/articles/bone-cells-and-remodeling/")


def test_search_page_finds_the_pth_article_and_matches_prefixes(page: Any, base_url: str) -> None:
    page.goto(base_url + "search/")
    page.fill("#search-q", "PTH")
    page.wait_for_function("() => new URL(location.href).searchParams.get('q') === 'PTH'")
    assert first_results(page)[0].endswith("/articles/magnesium-and-pth/")
    assert "PTH" in page.inner_text("#search-results li p")
    page.fill("#search-q", "osteo")
    page.wait_for_function(
        "() => [...document.querySelectorAll('#search-results mark')].some(m => /^osteoclast/i.test(m.textContent))"
    )
    text = page.inner_text("#search-results").lower()
    assert "osteoblast" in text and "osteoclast" in text


def test_search_says_when_nothing_matches(page: Any, base_url: str) -> None:
    page.goto(base_url + "search/?q=kangaroo")
    page.wait_for_function("() => document.getElementById('search-status').textContent.includes('No pages')")
    assert page.locator("#search-results li").count() == 0


def test_search_without_javascript_still_submits_to_the_search_page(browser: Any, base_url: str) -> None:
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(base_url + "glossary/")
    page.fill("#header-search", "vitamin")
    page.press("#header-search", "Enter")
    page.wait_for_url("**/search/?q=vitamin")
    assert "needs JavaScript" in page.inner_text("main")
    assert page.locator(".topics summary").count() == 1  # the Topics menu is a plain <details>
    context.close()


def theme(page: Any) -> tuple[str | None, str]:
    """The saved choice on <html>, and the colour scheme the page actually uses."""
    return tuple(
        page.evaluate(
            "() => [document.documentElement.getAttribute('data-theme'), getComputedStyle(document.body).colorScheme]"
        )
    )


def test_dark_mode_choice_persists_across_pages_and_reloads(page: Any, base_url: str) -> None:
    page.goto(base_url)
    toggle = page.locator(".theme-toggle")
    assert toggle.is_visible() and toggle.get_attribute("aria-pressed") == "false"
    assert theme(page) == (None, "light")
    toggle.click()
    assert toggle.get_attribute("aria-pressed") == "true"
    assert theme(page) == ("dark", "dark")
    page.click(".site-nav a[href$='glossary/']")
    page.wait_for_url("**/glossary/")
    assert theme(page) == ("dark", "dark")
    page.reload()
    assert theme(page) == ("dark", "dark")
    assert page.get_attribute(".theme-toggle", "aria-pressed") == "true"
    page.click(".theme-toggle")
    page.goto(base_url + "articles/magnesium-and-pth/")
    assert theme(page) == ("light", "light")


def test_saved_theme_is_applied_before_the_first_paint(page: Any, base_url: str) -> None:
    page.goto(base_url)
    page.evaluate("() => localStorage.setItem('theme', 'dark')")
    page.add_init_script(
        "document.addEventListener('readystatechange', () => {"
        " if (document.readyState === 'interactive') window.__themeAtParse = document.documentElement.dataset.theme;"
        "}, {once: true});"
        "new MutationObserver((_, o) => { if (document.body) {"
        " window.__themeAtBody = document.documentElement.dataset.theme || 'none'; o.disconnect(); } })"
        ".observe(document, {childList: true, subtree: true});"
    )
    page.goto(base_url + "references/")
    assert page.evaluate("() => window.__themeAtBody") == "dark"


def test_topics_menu_opens_and_closes_with_the_keyboard(page: Any, base_url: str) -> None:
    page.goto(base_url + "about/")
    summary = page.locator(".topics summary")
    summary.focus()
    page.keyboard.press("Enter")
    assert page.locator(".topics").get_attribute("open") is not None
    assert page.locator(".topics ul a").first.is_visible()
    page.keyboard.press("Escape")
    assert page.locator(".topics").get_attribute("open") is None
    assert page.evaluate("() => document.activeElement.tagName") == "SUMMARY"


def test_the_skip_link_is_the_first_stop_and_shows_when_focused(page: Any, base_url: str) -> None:
    page.goto(base_url + "articles/magnesium-and-vitamin-d/")
    page.keyboard.press("Tab")
    assert page.evaluate("() => document.activeElement.className") == "skip-link"
    box = page.locator(".skip-link").bounding_box()
    assert box is not None and box["y"] >= 0
    page.keyboard.press("Enter")
    assert page.evaluate("() => location.hash") == "#main"
