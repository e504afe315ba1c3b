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


# -- sections: and the policy keys: every bad value at its line, nothing that reaches a path or the page --------

SETTINGS = {
    "section_climbs_out": (
        'sections:\n  "../x": {title: X}\n',
        "content/site.yaml:5: error: 'sections': '../x' cannot be a section; name a folder under content/ such as guides",
    ),
    "section_hidden_folder": (
        'sections:\n  ".hidden": {title: X}\n',
        "content/site.yaml:5: error: 'sections': '.hidden' cannot be a section; name a folder under content/ such as "
        "guides",
    ),
    "section_named_data": (
        "sections:\n  data: {title: D}\n",
        "content/site.yaml:5: error: 'sections': 'data' cannot be a section; name a folder under content/ such as guides",
    ),
    "section_template_climbs_out": (
        'sections:\n  articles: {template: "../../etc/passwd"}\n',
        "content/site.yaml:5: error: unknown template '../../etc/passwd'; use one of: 404, article, glossary, home, "
        "page, references, search",
    ),
    "section_template_a_partial": (
        'sections:\n  articles: {template: "partials/header"}\n',
        "content/site.yaml:5: error: unknown template 'partials/header'; use one of: 404, article, glossary, home, "
        "page, references, search",
    ),
    "section_template_with_a_quote": (
        'sections:\n  articles: {template: "x\\"onload"}\n',
        "content/site.yaml:5: error: unknown template 'x\"onload'; use one of: 404, article, glossary, home, page, "
        "references, search",
    ),
    "section_list_template_climbs_out": (
        'sections:\n  articles: {list: true, list_template: "../base"}\n',
        "content/site.yaml:5: error: section 'articles' has a list page but no template '../base' (templates: 404, "
        "article, glossary, home, page, references, search); add templates/../base.html, set list_template, or set "
        "list: false",
    ),
    "section_order_unknown": (
        "sections:\n  articles: {order: random}\n",
        "content/site.yaml:5: error: section 'articles': 'order': 'random' is not one of order, date, title; "
        "e.g. order: date",
    ),
    "section_settings_a_list": (
        "sections:\n  articles: [1]\n",
        "content/site.yaml:5: error: 'sections': 'articles' must be 'key: value' lines (title:, order:, …)",
    ),
    "sections_a_list": (
        "sections: [a, b]\n",
        "content/site.yaml:4: error: 'sections': expected a mapping of 'key: value' lines, got a list",
    ),
    "section_feed_as_text": (
        'sections:\n  articles: {feed: "yes please"}\n',
        "content/site.yaml:5: error: 'feed': expected true or false, got text 'yes please'",
    ),
    "section_key_misspelt": (
        "sections:\n  articles: {titel: X}\n",
        "content/site.yaml:5: error: unknown key 'titel' in section 'articles'; did you mean 'title'?",
    ),
    "section_title_empty": (
        "sections:\n  articles: {title: null}\n",
        "content/site.yaml:5: error: 'title': it is empty; write some text",
    ),
    "structured_data_with_markup": (
        'structured_data: "Article</script><script>"\n',
        "content/site.yaml:4: error: 'structured_data': 'Article</script><script>' is not a schema.org type name; "
        "write one such as Article, BlogPosting, LearningResource, MedicalWebPage, ScholarlyArticle, WebPage",
    ),
    "review_interval_zero": (
        "review: {interval_days: 0}\n",
        "content/site.yaml:4: error: 'interval_days': 0 is out of range; use a number from 1 to 100000",
    ),
    "review_interval_in_e_notation": (
        "review: {interval_days: 1e10}\n",
        "content/site.yaml:4: error: 'interval_days': expected a whole number, got text '1e10'",
    ),
    "review_interval_true": (
        "review: {interval_days: true}\n",
        "content/site.yaml:4: error: 'interval_days': expected a whole number, got true/false True",
    ),
    "review_interval_nan_old_key": (
        "review_interval_days: .nan\n",
        "content/site.yaml:4: error: 'review_interval_days': expected a whole number, got a number nan",
    ),
    "readability_target_nan": (
        "readability: {check: true, target: .nan}\n",
        "content/site.yaml:4: error: 'target': expected a number, got nan; write an ordinary number such as 9",
    ),
    "readability_target_infinite": (
        "readability: {check: true, target: .inf}\n",
        "content/site.yaml:4: error: 'target': expected a number, got inf; write an ordinary number such as 9",
    ),
    "page_time_limit_nan": (
        "page_time_limit: .nan\n",
        "content/site.yaml:4: error: 'page_time_limit': expected a number, got nan; write an ordinary number such as 9",
    ),
    "page_time_limit_infinite": (
        "page_time_limit: .inf\n",
        "content/site.yaml:4: error: 'page_time_limit': expected a number, got inf; write an ordinary number such as 9",
    ),
    "page_time_limit_negative": (
        "page_time_limit: -1\n",
        "content/site.yaml:4: error: 'page_time_limit': -1 is out of range; use a number from 0.1 to 3600",
    ),
    "search_section_climbs_out": (
        'search: {sections: ["../x"]}\n',
        "content/site.yaml:4: error: 'search: sections': '../x' is not a folder under content/; use one of: articles",
    ),
    "search_sections_as_text": (
        "search: {sections: articles}\n",
        "content/site.yaml:4: error: 'sections': expected a list such as [vitamin-d, pth], got text 'articles'",
    ),
    "readability_language_unknown": (
        "readability: {check: true, language: de}\n",
        "content/site.yaml:4: error: 'readability: language': 'de' is not supported; the reading check knows "
        "only en (English) and es (Spanish); write language: en or es, or set check: false",
    ),
    "old_and_new_review_keys": (
        "review_interval_days: 30\nreview: {interval_days: 40}\n",
        "content/site.yaml:4: error: 'review_interval_days' and 'review: interval_days' say the same thing; "
        "keep only 'review: interval_days'",
    ),
    "review_required_as_text": (
        "review: {required: sometimes}\n",
        "content/site.yaml:4: error: 'required': expected true or false, got text 'sometimes'",
    ),
    "markdown_key_misspelt": (
        "markdown: {extesions: []}\n",
        "content/site.yaml:4: error: unknown key 'extesions' in 'markdown' in content/site.yaml; did you mean "
        "'extensions'?",
    ),
    "markdown_a_list": (
        "markdown: [sane_lists]\n",
        "content/site.yaml:4: error: 'markdown': expected a mapping of 'key: value' lines, got a list",
    ),
    "extensions_as_text": (
        "markdown: {extensions: sane_lists}\n",
        "content/site.yaml:4: error: 'extensions': expected a list (lines starting with '- '), got text",
    ),
}


@pytest.mark.parametrize("yaml,message", SETTINGS.values(), ids=SETTINGS.keys())
def test_a_hostile_setting_is_refused_at_its_line(yaml, message, make_site, run_build):
    root = make_site({"content/site.yaml": SITE_YAML + yaml, "content/articles/a.md": article("A")})
    result = run_build(root)
    assert result.code == 1
    assert result.err.splitlines() == [message, "1 error, 0 warnings"]
    assert not (root / "_site").exists()


def test_a_search_hint_with_markup_is_escaped_in_every_search_box(make_site, run_build):
    extra = 'extra:\n  search_hints: {header: "\\" onfocus=\\"alert(1)", search_page: "<script>x</script>"}\n'
    root = make_site({"content/site.yaml": SITE_YAML + extra, "content/pages/search.md": SEARCH}, skeleton=False)
    (root / "content/index.md").write_text("---\ntitle: Home\nsummary: S.\n---\nHi.\n")
    assert run_build(root, "--strict").code == 0
    home = (root / "_site/index.html").read_text()
    search = (root / "_site/search/index.html").read_text()
    assert 'placeholder="&#34; onfocus=&#34;alert(1)"' in home and 'onfocus="alert' not in home
    assert 'placeholder="&lt;script&gt;x&lt;/script&gt;"' in search


def test_a_section_title_with_markup_is_shown_as_text(make_site, run_build):
    yaml = 'sections:\n  guides: {title: "<script>alert(1)</script>", list: true, list_template: page}\n'
    files = {"content/site.yaml": SITE_YAML + yaml, "content/guides/g.md": article("G")}
    root = make_site(files, skeleton=False)
    (root / "content/index.md").write_text("---\ntitle: Home\nsummary: S.\n---\nHi.\n")
    result = run_build(root, "--strict")
    assert result.code == 0, result.err
    listing = (root / "_site/guides/index.html").read_text()
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in listing and "<script>alert" not in listing
