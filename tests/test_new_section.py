"""`new SECTION "Title"`: a page in any section, with the front matter that section needs, never over a file;
and this project's own site keeps exactly the sections it had."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import SITE_YAML, page

from citesite.cli import main
from citesite.load import load_site
from citesite.source.config import load_config

PROJECT = Path(__file__).resolve().parent.parent

HINT = """\
<!-- A note for you, not shown on the page; delete it when you like.
To cite a source: add it to content/data/references.yaml (- key: smith2024, with its title and doi or url), then write [@smith2024] after the claim.
To link to another page: link its Markdown file, as in [the about page](../pages/about.md); the build checks every link.
To place a table: put its columns and rows in content/data/NAME.yaml, then write a line that says only ::: table NAME
-->
"""
GUIDE = """\
---
title: Getting started
summary: "TODO: one or two plain sentences that tell a reader what this page explains."
date: 2026-11-18
order: 5
---

Write the page here.

<!-- A note for you, not shown on the page; delete it when you like.
To cite a source: add it to content/data/references.yaml (- key: smith2024, with its title and doi or url), then write [@smith2024] after the claim.
To link to another page: link its Markdown file, as in [the about page](../pages/about.md); the build checks every link.
To place a table: put its columns and rows in content/data/NAME.yaml, then write a line that says only ::: table NAME
-->
"""


@pytest.fixture
def run_new(capsys, monkeypatch):
    """run_new(root, *words) -> (exit code, stdout, stderr)."""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1795000000")  # 2026-11-18

    def _run(root, *words):
        capsys.readouterr()
        code = main(["new", "--root", str(root), *words])
        captured = capsys.readouterr()
        return code, captured.out, captured.err

    return _run


def test_new_in_a_section_writes_a_page_after_the_last_and_prints_its_preview_url(make_site, run_new, run_build):
    root = make_site({"content/guides/one.md": page("One", order="4"), "content/guides/two.md": page("Two")})
    assert run_new(root, "guides", "Getting started") == (
        0,
        "Wrote content/guides/getting-started.md\n"
        "Preview it at http://127.0.0.1:8000/guides/getting-started/ (while serve runs)\n",
        "",
    )
    assert (root / "content/guides/getting-started.md").read_text(encoding="utf-8") == GUIDE
    result = run_build(root)
    assert (result.code, result.err) == (
        0,
        "content/guides/getting-started.md:3: warning: summary still has its placeholder; "
        "write one or two plain sentences\n0 errors, 1 warning\n",
    )
    assert (root / "_site/guides/getting-started/index.html").is_file()


def test_new_in_a_section_ordered_by_date_writes_no_order(make_site, run_new):
    root = make_site({"content/site.yaml": SITE_YAML + "sections:\n  news:\n    order: date\n"})
    (root / "content/news").mkdir()
    assert run_new(root, "news", "We launched")[0] == 0
    assert (root / "content/news/we-launched.md").read_text(encoding="utf-8") == (
        "---\ntitle: We launched\n"
        'summary: "TODO: one or two plain sentences that tell a reader what this page explains."\n'
        "date: 2026-11-18\n---\n\n"
        "Write the page here.\n\n" + HINT
    )


def test_new_in_pages_writes_only_title_and_summary_and_its_url_is_at_the_root(make_site, run_new):
    root = make_site({"content/pages/about.md": page("About")})
    assert run_new(root, "pages", "Contact us") == (
        0,
        "Wrote content/pages/contact-us.md\nPreview it at http://127.0.0.1:8000/contact-us/ (while serve runs)\n",
        "",
    )
    assert (
        (root / "content/pages/contact-us.md")
        .read_text(encoding="utf-8")
        .startswith(
            '---\ntitle: Contact us\nsummary: "TODO: one or two plain sentences that tell a reader what this page '
            'explains."\n---\n'
        )
    )


def test_new_refuses_to_overwrite_a_page_in_a_section(make_site, run_new):
    root = make_site({"content/guides/getting-started.md": page("Mine")})
    assert run_new(root, "guides", "Getting started") == (
        2,
        "",
        "citesite: error: content/guides/getting-started.md already exists; choose another title or edit that file\n",
    )
    assert (root / "content/guides/getting-started.md").read_text(encoding="utf-8") == page("Mine")


def test_new_in_an_unknown_section_lists_the_sections_and_suggests_the_closest(make_site, run_new):
    root = make_site({"content/guides/one.md": page("One"), "content/pages/about.md": page("About")})
    assert run_new(root, "guide", "Getting started") == (
        2,
        "",
        "citesite: error: unknown section 'guide'; did you mean 'guides'? sections: articles, guides, pages "
        "(a section is a folder under content/: create it first)\n",
    )
    assert run_new(root, "data", "Numbers")[2] == (
        "citesite: error: unknown section 'data'; sections: articles, guides, pages "
        "(a section is a folder under content/: create it first)\n"
    )
    assert not (root / "content/guide").exists()


def test_a_section_named_in_site_yaml_may_be_started_before_its_folder_exists(make_site, run_new):
    root = make_site({"content/site.yaml": SITE_YAML + "sections:\n  recipes:\n    title: Recipes\n"})
    assert run_new(root, "recipes", "Green smoothie")[:2] == (
        0,
        "Wrote content/recipes/green-smoothie.md\n"
        "Preview it at http://127.0.0.1:8000/recipes/green-smoothie/ (while serve runs)\n",
    )


def test_new_with_only_a_title_still_starts_an_article(make_site, run_new):
    root = make_site()
    code, out, _ = run_new(root, "Magnesium and sleep")
    assert (code, out.splitlines()[0]) == (0, "Wrote content/articles/magnesium-and-sleep.md")
    assert "reviewed: 2026-11-18\n" in (root / "content/articles/magnesium-and-sleep.md").read_text(encoding="utf-8")


def test_this_projects_site_keeps_its_two_sections_as_they_were():
    site = load_site(load_config(PROJECT), drafts=False, source_cache={}).site
    # The Spanish edition's folder mirrors them: es/articles and es/pages, with the same settings.
    assert sorted(site.sections) == ["articles", "es/articles", "es/pages", "pages"]
    assert [p.url for p in site.pages if p.kind == "list"] == []  # no new list page: _site/ is unchanged
    assert (site.paged, site.fed) == (
        frozenset({"articles", "es/articles"}),
        frozenset({"articles", "es/articles"}),
    )
    assert site.articles == site.sections["articles"] + site.sections["es/articles"]
    english = site.sections["articles"]
    orders = [(p.meta.order, p.title.casefold()) for p in english]
    assert orders == sorted(orders)
    assert all(site.neighbours(p) == (None, None) for p in site.sections["pages"])
    assert site.neighbours(english[0]) == (None, english[1])
