"""Hostile values in content/site.yaml beside the extensions: 'extra:' the theme reads, sections and policy keys.

A wrong type is blamed on its line in content/site.yaml, never on a theme template that happens to read it.
"""

from __future__ import annotations

import pytest
from conftest import SITE_YAML, article

HINTS = "'extra: search_hints'"
SEARCH = "---\ntitle: Search\nsummary: Search the site.\ntemplate: search\n---\n"  # a page that shows the hints
THEME_READS = {
    "hints_a_number": (
        "extra:\n  search_hints: 5\n",
        f"content/site.yaml:5: error: {HINTS}: expected a mapping of header, not_found, search_page to text, got a "
        'number; write e.g. search_hints: {header: "Search, e.g. comets"}',
    ),
    "hints_a_list": (
        "extra:\n  search_hints: [a, b]\n",
        f"content/site.yaml:5: error: {HINTS}: expected a mapping of header, not_found, search_page to text, got a "
        'list; write e.g. search_hints: {header: "Search, e.g. comets"}',
    ),
    "hints_text": (
        "extra:\n  search_hints: comets\n",
        f"content/site.yaml:5: error: {HINTS}: expected a mapping of header, not_found, search_page to text, got "
        'text; write e.g. search_hints: {header: "Search, e.g. comets"}',
    ),
    "hint_a_list": (
        "extra:\n  search_hints:\n    header: [1, 2]\n",
        "content/site.yaml:6: error: 'extra: search_hints: header': expected text, got a list; put it in quotes",
    ),
    "hint_a_mapping": (
        "extra:\n  search_hints:\n    search_page: {a: b}\n",
        "content/site.yaml:6: error: 'extra: search_hints: search_page': expected text, got a mapping; put it in quotes",
    ),
    "hint_a_number": (
        "extra:\n  search_hints: {not_found: 404}\n",
        "content/site.yaml:5: error: 'extra: search_hints: not_found': expected text, got a number; put it in quotes",
    ),
}


@pytest.mark.parametrize("yaml,message", THEME_READS.values(), ids=THEME_READS.keys())
def test_a_wrong_type_the_theme_reads_is_blamed_on_site_yaml(yaml, message, make_site, run_build):
    # the theme's own templates, not the test skeleton's: they are the ones that read search_hints
    files = {
        "content/site.yaml": SITE_YAML + yaml,
        "content/articles/a.md": article("A"),
        "content/pages/search.md": SEARCH,
    }
    root = make_site(files, skeleton=False)
    (root / "content/index.md").write_text("---\ntitle: Home\nsummary: S.\n---\nHi.\n")
    result = run_build(root)
    assert result.code == 1
    assert result.err.splitlines() == [message, "1 error, 0 warnings"]


def test_hints_of_the_right_kind_and_keys_of_the_sites_own_build(make_site, run_build):
    extra = "extra:\n  search_hints: {header: 'e.g. bone', colour: [1, 2]}\n  anything: [1, {a: b}]\n"
    root = make_site({"content/site.yaml": SITE_YAML + extra, "content/pages/search.md": SEARCH}, skeleton=False)
    (root / "content/index.md").write_text("---\ntitle: Home\nsummary: S.\n---\nHi.\n")
    result = run_build(root, "--strict")
    assert result.code == 0, result.err
    assert 'placeholder="e.g. bone"' in (root / "_site/index.html").read_text()
