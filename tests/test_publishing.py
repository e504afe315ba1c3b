"""Publishing honestly: no placeholder address, TODO or lorem ipsum, a way to report a problem, a named publisher."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from conftest import SITE_YAML, copy_site, page
from hypothesis import given
from hypothesis import strategies as st

from citesite.cli import main
from citesite.source.placeholders import placeholder_in

ROOT = Path(__file__).resolve().parents[1]
# What the deploy workflow passes: the Pages address, the repository's issue tracker and its owner.
DEPLOY = (
    "--base-url",
    "https://someone.github.io/magnesium-bone-health",
    "--report-url",
    "https://github.com/someone/magnesium-bone-health/issues/new",
    "--publisher",
    "someone",
)
CHECKED = SITE_YAML.replace("https://example.org/sub/", "https://docs.someone.net/sub/") + "publishing: {check: true}\n"
# TODO in capitals only: Spanish pages say "todos" and "todo" ("all").
PLACEHOLDER = re.compile(rb"(?i:example\.(?:org|com|net)|lorem ipsum)|\bTODO\b")

NO_PUBLISHER = (
    "content/site.yaml: warning: no 'publisher': nobody is named as publisher; set publisher to the person or "
    "organisation that publishes the site, or build with --publisher NAME (the GitHub workflow passes the "
    "repository's owner)\n"
)
NO_REPORT_URL = (
    "content/site.yaml: warning: no 'report_url': readers have no way to report a mistake; set report_url to a "
    "monitored https://… page or mailto:… address, or build with --report-url URL (the GitHub workflow passes the "
    "repository's issue tracker)\n"
)


def copy_project(tmp_path: Path) -> Path:
    root = tmp_path / "site"
    copy_site(root)
    return root


def test_a_strict_build_of_the_site_as_deployed_publishes_no_placeholder(tmp_path, run_build):
    root = copy_project(tmp_path)
    result = run_build(root, "--strict", *DEPLOY)
    assert (result.code, result.err) == (0, "")
    built = [path for path in sorted((root / "_site").rglob("*")) if path.is_file()]
    assert len(built) > 20
    assert [path.name for path in built if PLACEHOLDER.search(path.read_bytes())] == []
    # no named expert has reviewed this site, so no page claims a review, in its text or its JSON-LD
    claims = re.compile(rb"Last reviewed|Reviewed by|reviewedBy|lastReviewed")
    assert [path.name for path in built if claims.search(path.read_bytes())] == []
    article = (root / "_site/articles/supplement-safety/index.html").read_text(encoding="utf-8")
    assert "Last checked against its sources by the editors" in article
    about = (root / "_site/about/index.html").read_text(encoding="utf-8")
    assert '<p class="publisher">Published by someone.</p>' in about
    assert 'href="https://github.com/someone/magnesium-bone-health/issues/new"' in about
    assert '"publisher":{"@type":"Organization","name":"someone"}' in about


def test_a_strict_build_of_the_site_without_its_deploy_settings_refuses_and_says_what_to_set(tmp_path, run_build):
    root = copy_project(tmp_path)
    line = (
        (root / "content/site.yaml")
        .read_text(encoding="utf-8")
        .splitlines()
        .index("base_url: https://example.org/magnesium-bone-health/")
    )
    result = run_build(root, "--strict")
    assert result.code == 1
    assert result.err.startswith(
        NO_PUBLISHER
        + NO_REPORT_URL
        + f"content/site.yaml:{line + 1}: warning: 'base_url' is a placeholder (example.org) that the site would "
        "publish; set base_url to the address the site is published at, or build with --base-url URL (the GitHub "
        "workflow passes the address GitHub Pages gives)\n"
        "0 errors, 3 warnings (strict: warnings fail the build)\n"
    )
    assert not (root / "_site").exists()


def test_placeholders_in_settings_warn_with_their_lines(make_site, run_build):
    yaml = (
        CHECKED
        + "author: TODO\npublisher: Lorem Ipsum Ltd\nreport_url: mailto:corrections@Example.ORG\n"
        + "disclaimer: Ask lorem ipsum.\n"
    )
    root = make_site({"content/site.yaml": yaml})
    result = run_build(root)
    assert result.code == 0
    assert result.err.splitlines()[:4] == [
        "content/site.yaml:5: warning: 'author' is a placeholder (TODO) that the site would publish; "
        "replace it with the real author",
        "content/site.yaml:6: warning: 'publisher' is a placeholder (Lorem Ipsum) that the site would publish; set "
        "publisher to the person or organisation that publishes the site, or build with --publisher NAME "
        "(the GitHub workflow passes the repository's owner)",
        "content/site.yaml:7: warning: 'report_url' is a placeholder (Example.ORG) that the site would publish; set "
        "report_url to a monitored https://… page or mailto:… address, or build with --report-url URL (the GitHub "
        "workflow passes the repository's issue tracker)",
        "content/site.yaml:8: warning: 'disclaimer' is a placeholder (lorem ipsum) that the site would publish; "
        "replace it with the real disclaimer",
    ]
    assert run_build(root, "--strict").code == 1


def test_a_title_or_summary_with_todo_warns_at_its_line(make_site, run_build):
    root = make_site(
        {"content/site.yaml": CHECKED, "content/pages/a.md": "---\ntitle: TODO\nsummary: Lorem ipsum.\n---\nText.\n"}
    )
    result = run_build(root, "--publisher", "Ann Editor", "--report-url", "https://docs.someone.net/issues")
    assert result.err == (
        "content/pages/a.md:2: warning: 'title' holds the placeholder 'TODO'; write the real title\n"
        "content/pages/a.md:3: warning: 'summary' holds the placeholder 'Lorem ipsum'; write the real summary\n"
        "0 errors, 2 warnings\n"
    )


def test_the_command_line_fills_only_what_site_yaml_leaves_unset(make_site, run_build):
    yaml = CHECKED + "report_url: https://docs.someone.net/report\n"
    shows = '{% extends "base.html" %}{% block main %}{{ report_href }} by {{ site.publisher }}{% endblock %}\n'
    root = make_site({"content/site.yaml": yaml, "content/pages/a.md": page(), "templates/page.html": shows})
    result = run_build(root, "--strict", "--report-url", "https://github.com/o/r/issues/new", "--publisher", "Ann  B")
    assert (result.code, result.err) == (0, "")
    html = (root / "_site/a/index.html").read_text(encoding="utf-8")
    assert "<body>https://docs.someone.net/report by Ann B</body>" in html
    root = make_site({"content/site.yaml": CHECKED + "publisher: The Editors\nreport_url: mailto:ed@someone.net\n"})
    assert run_build(root, "--strict", "--publisher", "someone else").code == 0


def test_a_placeholder_given_on_the_command_line_is_named_as_the_option(make_site, run_build):
    root = make_site({"content/site.yaml": CHECKED})
    result = run_build(
        root, "--base-url", "https://www.example.com/", "--report-url", "https://a.b/c", "--publisher", "P"
    )
    assert result.err == (
        "warning: --base-url 'https://www.example.com/' is a placeholder (www.example.com); pass the real value\n"
        "0 errors, 1 warnings\n".replace("1 warnings", "1 warning")
    )


def test_a_bad_report_url_or_empty_publisher_on_the_command_line_is_a_usage_error(make_site, capsys):
    root = make_site({"content/site.yaml": CHECKED})
    for option, value, message in (
        ("--report-url", "ftp://x", "'ftp://x' is not a web address or an e-mail link; write https://… or mailto:…"),
        ("--publisher", "  ", "the publisher's name is empty; give a person's or an organisation's name"),
    ):
        with pytest.raises(SystemExit) as exited:
            main(["build", "--root", str(root), option, value])
        assert exited.value.code == 2
        assert capsys.readouterr().err.endswith(f"error: argument {option}: {message} (see --help)\n")


def test_without_the_publishing_check_nothing_is_said(make_site, run_build):
    root = make_site({"content/site.yaml": SITE_YAML + "author: TODO\n"})
    assert (run_build(root, "--strict").err, run_build(root).code) == ("", 0)


@given(st.sampled_from(["example.org", "mail.example.com", "EXAMPLE.NET", "TODO", "Lorem ipsum"]), st.text(max_size=8))
def test_every_placeholder_is_found_wherever_it_sits(placeholder, around):
    assert placeholder_in(f"{around} {placeholder} {around}") is not None


@given(st.sampled_from(["someone.github.io", "examples.org", "myexample.com", "example.organic.net", "todo list"]))
def test_real_addresses_and_words_are_not_placeholders(text):
    assert placeholder_in(f"https://{text}/") is None


def test_the_deploy_workflow_builds_with_the_pages_address_the_issue_tracker_and_the_owner():
    import yaml

    steps = yaml.safe_load((ROOT / ".github/workflows/site.yml").read_text(encoding="utf-8"))["jobs"]["build"]["steps"]
    names = [step.get("id") or step.get("name") for step in steps]
    build = next(step for step in steps if str(step.get("run", "")).startswith("python build.py"))
    assert names.index("pages") < steps.index(build)  # configure-pages runs first: its base_url feeds the build
    assert (
        build["run"]
        == 'python build.py --strict --base-url "$BASE_URL" --report-url "$REPORT_URL" --publisher "$PUBLISHER"'
    )
    assert build["env"]["BASE_URL"].startswith("${{ steps.pages.outputs.base_url || ")
    assert build["env"]["REPORT_URL"] == "${{ github.server_url }}/${{ github.repository }}/issues/new"
    assert build["env"]["PUBLISHER"] == "${{ github.repository_owner }}"
