"""A word the site does not contain finds nothing, even when it starts with a one-letter word of the site
("vitamin K", "vitamin D", "a"), which Pagefind would otherwise match in its place."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from .test_search_precision import search


@pytest.fixture
def page(browser: Any) -> Iterator[Any]:
    """A fresh tab at phone width."""
    context = browser.new_context(viewport={"width": 390, "height": 800})
    tab = context.new_page()
    yield tab
    context.close()


@pytest.mark.parametrize("word", ["kangaroo", "dinosaur", "aardvark"])
def test_a_word_that_only_starts_with_a_one_letter_word_finds_nothing(page: Any, base_url: str, word: str) -> None:
    results, status = search(page, base_url, word)
    assert results == []
    assert status == f"No pages match \u201c{word}\u201d. Try a shorter word, or check the spelling."


@pytest.mark.parametrize("query", ["vitamin K", "vitamin D", "K"])
def test_one_letter_words_are_still_found(page: Any, base_url: str, query: str) -> None:
    results, status = search(page, base_url, query)
    assert results and ("pages match" in status or "page matches" in status)
