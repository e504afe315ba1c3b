"""Real queries find the page meant first: reference lists and page furniture are not indexed on every article."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest


@pytest.fixture
def page(browser: Any) -> Iterator[Any]:
    """A fresh tab at phone width."""
    context = browser.new_context(viewport={"width": 390, "height": 800})
    tab = context.new_page()
    yield tab
    context.close()


def search(page: Any, base_url: str, query: str) -> tuple[list[str], str]:
    """The result paths under the site, in order, and the status line."""
    page.goto(base_url + "search/?q=" + query)
    page.wait_for_function("() => /match/.test(document.getElementById('search-status').textContent)")
    paths = page.eval_on_selector_all("#search-results li h2 a", "links => links.map(a => a.pathname)")
    root = "/" + base_url.split("/", 3)[3]
    return [path.removeprefix(root) for path in paths], page.inner_text("#search-status")


def test_vitamin_d_finds_the_vitamin_d_articles_first_and_no_reference_lists(page: Any, base_url: str) -> None:
    results, _ = search(page, base_url, "vitamin D")
    assert results[:2] == ["articles/magnesium-and-vitamin-d/", "articles/calcium-magnesium-vitamin-d/"]
    excerpts = page.inner_text("#search-results")
    assert "Washington, DC" not in excerpts and "doi:" not in excerpts


def test_osteoclast_finds_the_bone_cells_article_then_the_glossary(page: Any, base_url: str) -> None:
    results, _ = search(page, base_url, "osteoclast")
    assert results[:2] == ["articles/bone-cells-and-remodeling/", "glossary/"]


def test_pth_finds_the_pth_article_first(page: Any, base_url: str) -> None:
    results, _ = search(page, base_url, "PTH")
    assert results[0] == "articles/magnesium-and-pth/"


def test_pumpkin_seeds_finds_the_intake_article_first(page: Any, base_url: str) -> None:
    results, status = search(page, base_url, "pumpkin seeds")
    assert results == ["articles/how-much-magnesium/", ""]  # the article, then the home page's quick answers
    assert status == "2 pages match \u201cpumpkin seeds\u201d."


def test_an_author_cited_in_reference_lists_only_is_found_once_on_the_references_page(page: Any, base_url: str) -> None:
    results, status = search(page, base_url, "Castiglioni")
    assert results == ["references/"]
    assert status == "1 page matches \u201cCastiglioni\u201d."
