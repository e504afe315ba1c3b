"""The accessibility page says only what is true: each check it names is a browser test, and no fixed barrier is
still listed as a known limit."""

from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PAGE = ROOT / "content/pages/accessibility.md"
LAYOUT_TESTS = ROOT / "tests/browser/test_reader_layout.py"

# What the page says the tests check, and the browser test that checks it.
CHECKS = {
    "no page scrolls sideways on a screen 320 pixels wide": "def test_no_page_scrolls_sideways_at_320_px(",
    "tapping a glossary term shows its meaning in place": "def test_a_glossary_term_shows_its_definition_in_place(",
    "the numbered links to sources are at least 24 by 24 pixels": "def test_citation_markers_are_at_least_24_px_targets(",
}


def test_each_check_the_accessibility_page_names_is_a_browser_test():
    page = PAGE.read_text(encoding="utf-8")
    tests = LAYOUT_TESTS.read_text(encoding="utf-8")
    for claim, test in CHECKS.items():
        assert claim in page, claim
        assert test in tests, test


def test_the_known_limits_do_not_list_barriers_that_are_fixed():
    page = PAGE.read_text(encoding="utf-8")
    limits = page[page.index("## Known limits") : page.index("## Report a barrier")]
    for fixed in ("320 pixels", "glossary page instead", "hard to tap"):
        assert fixed not in limits, fixed
