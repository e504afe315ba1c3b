"""`build.py new`: a new article with valid front matter that builds, and never an overwritten file."""

from __future__ import annotations

from html.parser import HTMLParser

import pytest
from conftest import article

from citesite.cli import main
from citesite.source.new import slugify_title

EXPECTED = """\
---
title: Magnesium and sleep
summary: "TODO: one or two plain sentences that tell a reader what this article explains."
date: 2026-11-18
reviewed: 2026-11-18
order: 8
topics: []
---

!!! keypoints "Key points"
    - …

## First section

Write the article here.

<!-- A note for you, not shown on the page; delete it when you like.
To cite a source: add it to content/data/references.yaml (- key: smith2024, with its title and doi or url), then write [@smith2024] after the claim.
To link to another page: link its Markdown file, as in [the about page](../pages/about.md); the build checks every link.
To place a table: put its columns and rows in content/data/NAME.yaml, then write a line that says only ::: table NAME
-->
"""


@pytest.fixture
def run_new(capsys, monkeypatch):
    """run_new(root, title) -> (exit code, stdout, stderr)."""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1795000000")  # 2026-11-18

    def _run(root, title):
        capsys.readouterr()
        code = main(["new", "--root", str(root), title])
        captured = capsys.readouterr()
        return code, captured.out, captured.err

    return _run


def test_new_writes_an_article_that_builds(make_site, run_new, run_build):
    root = make_site(
        {"content/articles/one.md": article("One", order="3"), "content/articles/two.md": article("Two", order="7")}
    )
    assert run_new(root, "Magnesium and sleep") == (
        0,
        "Wrote content/articles/magnesium-and-sleep.md\n"
        "Preview it at http://127.0.0.1:8000/articles/magnesium-and-sleep/ (while serve runs)\n",
        "",
    )
    assert (root / "content/articles/magnesium-and-sleep.md").read_text(encoding="utf-8") == EXPECTED
    result = run_build(root, "--no-search")
    assert result.code == 0
    assert result.err == (
        "content/articles/magnesium-and-sleep.md:3: warning: summary still has its placeholder; "
        "write one or two plain sentences\n0 errors, 1 warning\n"
    )
    html = (root / "_site/articles/magnesium-and-sleep/index.html").read_text(encoding="utf-8")
    assert "<h2" in html
    assert "<!-- A note for you, not shown on the page" in html  # passed by the raw HTML check, as a comment
    assert "note for you" not in visible_text(html) and "smith2024" not in visible_text(html)


def visible_text(html: str) -> str:
    """The text a browser shows (comments, scripts and styles left out)."""

    class Text(HTMLParser):
        def __init__(self) -> None:
            super().__init__()
            self.parts: list[str] = []
            self.hidden = 0

        def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
            self.hidden += tag in ("script", "style", "template")

        def handle_endtag(self, tag: str) -> None:
            self.hidden -= tag in ("script", "style", "template")

        def handle_data(self, data: str) -> None:
            if not self.hidden:
                self.parts.append(data)

    parser = Text()
    parser.feed(html)
    return " ".join(parser.parts)


def test_check_flags_the_placeholder_summary_on_its_line(make_site, run_new, run_build):
    root = make_site()
    assert run_new(root, "Magnesium and sleep")[0] == 0
    result = run_build(root, "check", "--no-search")
    assert result.code == 1
    assert result.err == (
        "content/articles/magnesium-and-sleep.md:3: warning: summary still has its placeholder; "
        "write one or two plain sentences\n0 errors, 1 warning (strict: warnings fail the build)\n"
    )


def test_the_first_article_gets_order_1_and_a_broken_one_is_skipped(make_site, run_new):
    root = make_site({"content/articles/broken.md": "---\ntitle: [\n---\n"})
    run_new(root, "Bone cells")
    assert "\norder: 1\n" in (root / "content/articles/bone-cells.md").read_text(encoding="utf-8")


def test_new_refuses_to_overwrite(make_site, run_new):
    root = make_site({"content/articles/magnesium-and-sleep.md": "mine\n"})
    code, out, err = run_new(root, "Magnesium and Sleep")
    assert (code, out) == (2, "")
    assert err == (
        "citesite: error: content/articles/magnesium-and-sleep.md already exists; "
        "choose another title or edit that file\n"
    )
    assert (root / "content/articles/magnesium-and-sleep.md").read_text(encoding="utf-8") == "mine\n"


def test_a_title_without_letters_is_a_usage_error(make_site, run_new):
    root = make_site()
    assert run_new(root, " ?! ") == (
        2,
        "",
        "citesite: error: the title '?!' has no letters or digits to make a file name from; "
        'use a title such as "How plants make sugar"\n',
    )
    assert not (root / "content/articles").exists()


def test_a_title_that_needs_quotes_in_yaml_is_quoted(make_site, run_new, run_build):
    root = make_site()
    run_new(root, "Vitamin D's role: yes")
    text = (root / "content/articles/vitamin-ds-role-yes.md").read_text(encoding="utf-8")
    assert text.splitlines()[1] == "title: 'Vitamin D''s role: yes'"
    assert run_build(root, "--no-search").code == 0


@pytest.mark.parametrize(
    ("title", "slug"),
    [
        ("Magnesium and sleep", "magnesium-and-sleep"),
        ("  Vitamin D & PTH: the basics ", "vitamin-d-pth-the-basics"),
        ("Über Knochen", "uber-knochen"),
        ("What's new in 2026?", "whats-new-in-2026"),
        ("日本語", ""),
    ],
)
def test_slugify_title(title, slug):
    assert slugify_title(title) == slug
