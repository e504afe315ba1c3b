"""Bad input: each gives an exact 'path:line: error: message', exit 1, and leaves the last good site alone."""

from __future__ import annotations

import pytest
from conftest import SITE_YAML, article, page, tree_digest


@pytest.fixture
def built(make_site, run_build):
    """A site that built once, so each test can check the old output survives."""

    def _built(files: dict[str, str | bytes]):
        root = make_site({"content/articles/good.md": article("Good")})
        assert run_build(root).code == 0
        before = tree_digest(root / "_site")
        root = make_site(files)
        return root, before

    return _built


CASES = {
    "malformed_yaml": (
        {"content/articles/a.md": "---\ntitle: Magnesium: the basics\nsummary: s\n---\n"},
        "content/articles/a.md:2:17: error: a value contains ': ' and YAML reads it as a new key; "
        'put the whole value in quotes, e.g. title: "Rivers: the basics"',
    ),
    "not_a_mapping": (
        {"content/articles/a.md": "---\n- title\n- summary\n---\n"},
        "content/articles/a.md:2: error: front matter must be 'key: value' lines (title:, summary:, …)",
    ),
    "unterminated_fence": (
        {"content/articles/a.md": "---\ntitle: A\nsummary: s\n\nBody.\n"},
        "content/articles/a.md:1: error: the front matter is not closed; add a '---' line after it",
    ),
    "no_front_matter": (
        {"content/articles/a.md": "# Just a heading\n"},
        "content/articles/a.md:1: error: missing front matter; the file must start with a '---' line, then title: and summary:",
    ),
    "missing_title": (
        {"content/articles/a.md": "---\nsummary: s\nreviewed: 2026-01-01\n---\n"},
        "content/articles/a.md:2: error: missing required key 'title' (the page's title)",
    ),
    "missing_summary": (
        {"content/articles/a.md": "---\ntitle: A\nreviewed: 2026-01-01\n---\n"},
        "content/articles/a.md:2: error: missing required key 'summary' (one or two plain sentences about the page)",
    ),
    "bad_date": (
        {"content/articles/a.md": article("A", date="yesterday")},
        "content/articles/a.md:4: error: 'date': expected a date written YYYY-MM-DD (e.g. 2026-01-31), got 'yesterday'",
    ),
    "topics_number": (
        {"content/articles/a.md": article("A", topics="3")},
        "content/articles/a.md:4: error: 'topics': expected a list such as [vitamin-d, pth], got a number 3",
    ),
    "unknown_key_hint": (
        {"content/articles/a.md": article("A", titel="x")},
        "content/articles/a.md:4: error: unknown key 'titel' in front matter; did you mean 'title'?",
    ),
    "yes_as_boolean": (
        {"content/articles/a.md": "---\ntitle: no\nsummary: s\nreviewed: 2026-01-01\n---\n"},
        "content/articles/a.md:2: error: 'title': YAML reads yes/no/on/off/true/false as true or false; put the text in quotes",
    ),
    "non_utf8": (
        {"content/articles/a.md": b"---\ntitle: Caf\xe9\nsummary: s\n---\n"},
        "content/articles/a.md:2: error: not UTF-8 text (byte 0xe9); save the file as UTF-8",
    ),
    "empty_file": (
        {"content/articles/a.md": ""},
        "content/articles/a.md:1: error: the file is empty; start it with front matter between '---' lines (title, summary)",
    ),
    "duplicate_url": (
        {"content/articles/a.md": article("A", slug="same"), "content/articles/b.md": article("B", slug="same")},
        "content/articles/b.md:4: error: two pages have the URL '/articles/same/': content/articles/a.md and this one; "
        "change one 'slug' or file name",
    ),
    "missing_page": (
        {"content/articles/a.md": article("A", "Intro.\n\nSee [PTH](pth.md).\n")},
        "content/articles/a.md:8: error: link to a missing page 'pth.md' (looked for content/articles/pth.md); check the file name",
    ),
    "missing_anchor": (
        {"content/articles/a.md": article("A", "See [good](good.md#nowhere).\n")},
        "content/articles/a.md:6: error: link 'good.md#nowhere' points at a missing anchor '#nowhere' in "
        "content/articles/good.md; check the heading",
    ),
    "unknown_template": (
        {"content/pages/x.md": page("X", template="fancy")},
        "content/pages/x.md:4: error: unknown template 'fancy'; use one of: 404, article, glossary, home, page, references, search",
    ),
    "jinja_syntax": (
        {
            "templates/page.html": "{% extends 'base.html' %}\n{% block main %}\n{% if %}\n{% endblock %}\n",
            "content/pages/x.md": page("X"),
        },
        "templates/page.html:3: error: template syntax error: Expected an expression, got 'end of statement block'",
    ),
    "jinja_undefined": (
        {
            "templates/page.html": "{% extends 'base.html' %}\n{% block main %}\n{{ page.titel }}\n{% endblock %}\n",
            "content/pages/x.md": page("X"),
        },
        "templates/page.html:3: error: undefined value in template: 'citesite.model.Page object' has no attribute 'titel'; "
        "check the spelling, or guard it with {% if … is defined %}",
    ),
    "site_yaml_unknown_key": (
        {"content/site.yaml": SITE_YAML + "titel: x\n"},
        "content/site.yaml:4: error: unknown key 'titel' in content/site.yaml; did you mean 'title'?",
    ),
    "site_yaml_setting_that_does_nothing": (
        {"content/site.yaml": SITE_YAML + "today: 2026-01-01\n"},
        "content/site.yaml:4: error: unknown key 'today' in content/site.yaml; allowed keys: author, base_url, description, "
        "disclaimer, extra, extra_css, language, languages, markdown, nav, page_time_limit, publisher, publishing, readability, reading_grade_target, report_url, review, "
        "review_interval_days, search, sections, structured_data, title, translation_grace_days",
    ),
    "site_yaml_missing_key": (
        {"content/site.yaml": "title: T\ndescription: d\n"},
        "content/site.yaml:1: error: missing required key 'base_url' (e.g. https://example.org/ ; used for canonical URLs)",
    ),
    "site_yaml_bad_url": (
        {"content/site.yaml": "title: T\ndescription: d\nbase_url: example.org\n"},
        "content/site.yaml:3: error: 'base_url': 'example.org' is not an absolute http(s) URL, e.g. https://example.org/",
    ),
    "duplicate_key": (
        {"content/articles/a.md": "---\ntitle: A\ntitle: B\nsummary: s\n---\n"},
        "content/articles/a.md:3: error: duplicate key 'title' (first on line 2); keep only one",
    ),
    "tab_indent": (
        {"content/articles/a.md": "---\ntitle: A\nsummary: s\ntopics:\n\t- x\n---\n"},
        "content/articles/a.md:5:1: error: a tab is used for indentation; YAML needs spaces",
    ),
    "article_without_review": (
        {"content/site.yaml": SITE_YAML + "review:\n  required: true\n", "content/articles/a.md": page("A")},
        "content/articles/a.md:1: error: article has no 'reviewed' date; add reviewed: YYYY-MM-DD when a person has checked it",
    ),
    "javascript_link": (
        {"content/articles/a.md": article("A", "[x](javascript:alert(1))\n")},
        "content/articles/a.md:6: error: 'javascript:' links are not allowed (javascript:alert(1)); link to a page or an https:// address",
    ),
}


@pytest.mark.parametrize("files,message", CASES.values(), ids=CASES.keys())
def test_bad_input_is_reported_with_its_place(built, run_build, files, message):
    root, before = built(files)
    result = run_build(root)
    assert result.code == 1
    assert message in result.err.splitlines(), result.err
    assert "Traceback" not in result.err
    assert tree_digest(root / "_site") == before


def test_all_problems_of_a_build_are_reported_together(make_site, run_build):
    root = make_site(
        {
            "content/site.yaml": SITE_YAML + "review:\n  required: true\n",
            "content/articles/a.md": article("A", "[x](nope.md)\n"),
            "content/articles/b.md": "---\ntitle: B\n---\n",
            "content/articles/c.md": article("C", "[@missing]\n"),
        }
    )
    result = run_build(root)
    assert result.code == 1
    lines = result.err.splitlines()
    assert lines == [
        "content/articles/a.md:6: error: link to a missing page 'nope.md' (looked for content/articles/nope.md); check the file name",
        "content/articles/b.md:1: error: article has no 'reviewed' date; add reviewed: YYYY-MM-DD when a person has checked it",
        "content/articles/b.md:2: error: missing required key 'summary' (one or two plain sentences about the page)",
        "content/articles/c.md:6: error: unknown citation 'missing'; add it to content/data/references.yaml",
        "4 errors, 0 warnings",
    ]
    (root / "content/articles/b.md").write_text(article("B"))
    lines = run_build(root).err.splitlines()
    assert lines == [
        "content/articles/a.md:6: error: link to a missing page 'nope.md' (looked for content/articles/nope.md); check the file name",
        "content/articles/c.md:6: error: unknown citation 'missing'; add it to content/data/references.yaml",
        "2 errors, 0 warnings",
    ]


def test_problems_in_several_files_are_all_reported(make_site, run_build):
    root = make_site(
        {"content/articles/a.md": article("A", titel="x"), "content/articles/b.md": article("B", date="soon")}
    )
    err = run_build(root).err
    assert "content/articles/a.md:4: error: unknown key 'titel' in front matter; did you mean 'title'?" in err
    assert (
        "content/articles/b.md:4: error: 'date': expected a date written YYYY-MM-DD (e.g. 2026-01-31), got 'soon'"
        in err
    )
