"""Messages say what happened: each problem keeps its level, one typo is one error, options are blamed by name."""

from __future__ import annotations

import pytest
from conftest import article, page

from citesite.cli import main

NO_ALT = "Text.\n\n![](../../img/dot.svg)\n"
DOT = {"static/img/dot.svg": '<svg xmlns="http://www.w3.org/2000/svg" width="1" height="1"></svg>\n'}
WARNING = "content/articles/a.md:8: warning: image '../../img/dot.svg' has no alt text; describe it in ![…](../../img/dot.svg)"


def test_check_keeps_a_warning_a_warning_and_fails_on_it(make_site, run_build):
    root = make_site({"content/articles/a.md": article("A", NO_ALT), **DOT})
    result = run_build(root, "check")
    assert (result.code, result.err) == (1, f"{WARNING}\n0 errors, 1 warning (strict: warnings fail the build)\n")


def test_a_strict_build_keeps_each_level_and_counts_both(make_site, run_build):
    root = make_site(
        {"content/articles/a.md": article("A", NO_ALT), "content/articles/b.md": article("B", "[@nope]\n"), **DOT}
    )
    result = run_build(root, "--strict")
    assert result.code == 1
    assert result.err == (
        f"{WARNING}\n"
        "content/articles/b.md:6: error: unknown citation 'nope'; add it to content/data/references.yaml\n"
        "1 error, 1 warning (strict: warnings fail the build)\n"
    )


def test_without_strict_a_warning_does_not_fail_the_build(make_site, run_build):
    root = make_site({"content/articles/a.md": article("A", NO_ALT), **DOT})
    result = run_build(root)
    assert (result.code, result.err) == (0, f"{WARNING}\n0 errors, 1 warning\n")


def test_a_misspelt_title_is_one_error(make_site, run_build):
    root = make_site({"content/pages/about.md": "---\ntitel: About\nsummary: About us.\n---\nText.\n"})
    result = run_build(root, "check")
    assert (result.code, result.err) == (
        1,
        "content/pages/about.md:2: error: unknown key 'titel' in front matter; did you mean 'title'?\n"
        "1 error, 0 warnings\n",
    )


def test_a_misspelt_site_setting_is_one_error(make_site, run_build):
    root = make_site({"content/site.yaml": "titel: T\ndescription: d\nbase_url: https://example.org/\n"})
    result = run_build(root, "check")
    assert (result.code, result.err) == (
        1,
        "content/site.yaml:1: error: unknown key 'titel' in content/site.yaml; did you mean 'title'?\n"
        "1 error, 0 warnings\n",
    )


def test_a_missing_title_without_a_near_key_is_still_reported(make_site, run_build):
    root = make_site({"content/pages/about.md": page("About").replace("title: About\n", "")})
    result = run_build(root, "check")
    assert result.err == (
        "content/pages/about.md:2: error: missing required key 'title' (the page's title)\n1 error, 0 warnings\n"
    )


@pytest.mark.parametrize(
    ("url", "problem"),
    [
        ("example.com/mg", "'example.com/mg' is not an absolute http(s) URL, e.g. https://example.org/"),
        (
            "https://example.org/a b",
            "'https://example.org/a b' must be a plain address without spaces, quotes, '<', '>', '?' or '#', "
            "e.g. https://example.org/my-site/",
        ),
    ],
)
def test_a_bad_base_url_option_is_a_usage_error_about_the_option(make_site, capsys, url, problem):
    root = make_site()
    with pytest.raises(SystemExit) as stopped:
        main(["build", "--root", str(root), "--no-search", "--base-url", url])
    assert stopped.value.code == 2
    assert capsys.readouterr().err.splitlines()[-1] == (
        f"citesite build: error: argument --base-url: {problem} (see --help)"
    )
    assert not (root / "_site").exists()
