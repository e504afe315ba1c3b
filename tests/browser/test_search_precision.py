"""Real queries find the page meant first: reference lists and page furniture are not indexed on every article."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml

QUERIES = Path(__file__).with_name("search_queries.yaml")


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


def test_an_author_cited_in_reference_lists_only_finds_no_reference_list(page: Any, base_url: str) -> None:
    # a reference list is for checking a source, not for answering: the References page is not indexed either
    results, _ = search(page, base_url, "Castiglioni")
    assert "references/" not in results
    assert "Castiglioni" not in page.inner_text("#search-results")


def test_everyday_queries_find_the_page_wanted_in_the_top_three_and_no_reference_list(page: Any, base_url: str) -> None:
    queries = yaml.safe_load(QUERIES.read_text(encoding="utf-8"))
    assert len(queries) >= 25
    misses = []
    for entry in queries:
        wanted = entry["want"] if isinstance(entry["want"], list) else [entry["want"]]
        results, _ = search(page, base_url, entry["query"])
        top = [path.rstrip("/") for path in results[:3]]
        if "references" in top or not any(want in top for want in wanted):
            misses.append(f"{entry['query']}: {top} (wanted {' or '.join(wanted)})")
    assert misses == []


def test_excerpts_leave_out_the_title_and_the_buttons(page: Any, base_url: str) -> None:
    search(page, base_url, "magnesium glycinate")
    excerpt = page.inner_text("#search-results li p")
    assert "Print" not in excerpt and "Key points" not in excerpt
    assert not excerpt.startswith("Food or supplements?")
    assert "glycinate" in page.eval_on_selector_all(
        "#search-results li:first-child p mark", "ms => ms.map(m => m.textContent.toLowerCase()).join(' ')"
    )


def test_a_one_letter_word_does_not_pick_the_excerpt_by_its_prefix_matches(page: Any, base_url: str) -> None:
    search(page, base_url, "vitamin d")
    second = page.eval_on_selector_all(
        "#search-results > li:nth-child(2) > p mark", "ms => ms.map(m => m.textContent.toLowerCase())"
    )
    assert "(mg/day)" not in second and "day." not in second  # the table header is not the excerpt
    assert second.count("vitamin") >= 2


def test_a_glossary_hit_opens_the_glossary_at_the_term(page: Any, base_url: str) -> None:
    root = "/" + base_url.split("/", 3)[3]
    for query, anchor in (("bisphosphonate", "#bisphosphonate"), ("hypocalcaemia", "#hypocalcemia")):
        search(page, base_url, query)
        links = page.eval_on_selector_all("#search-results li h2 a", "links => links.map(a => a.pathname + a.hash)")
        assert root + "glossary/" + anchor in links, query
    page.click(f"#search-results a[href$='{anchor}']")
    page.wait_for_url("**/glossary/#hypocalcemia")
    assert page.evaluate("document.getElementById('hypocalcemia').getBoundingClientRect().top") < 100
