"""Editorial accountability: next review date, page history, named reviewers, editor notes and the report link."""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from conftest import SITE_YAML, TEMPLATES

# The article template of the real site, with only the parts these tests read.
ARTICLE = (
    '{% extends "base.html" %}{% block main %}<h1>{{ page.title }}</h1>'
    '{% include "partials/review-info.html" %}{{ content }}'
    '{% include "partials/page-history.html" %}{% include "partials/report-problem.html" %}{% endblock %}\n'
)
ROOT = Path(__file__).resolve().parent.parent
PARTIALS = {
    f"templates/partials/{name}": (ROOT / "citesite/theme/templates/partials" / name).read_text(encoding="utf-8")
    for name in ("review-info.html", "page-history.html", "report-problem.html")
}
FILES = {**TEMPLATES, **PARTIALS, "templates/article.html": ARTICLE}

HISTORY = """\
---
title: A
summary: A short summary.
date: 2026-01-05
reviewed: 2026-11-01
changes:
  - date: 2026-03-01
    summary: Added the safety section.
  - date: 2026-11-01
    summary: Checked every number again.
---
Text.
"""


def _article(front: str) -> str:
    return f"---\ntitle: A\nsummary: A short summary.\nreviewed: 2026-11-01\n{front}---\nText.\n"


def _text(html: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", "", html)).strip()


def test_next_review_date_is_last_review_plus_interval(make_site, run_build):
    root = make_site(
        {**FILES, "content/site.yaml": SITE_YAML + "review_interval_days: 180\n", "content/articles/a.md": _article("")}
    )
    assert run_build(root).code == 0
    html = (root / "_site/articles/a/index.html").read_text()
    assert (
        '<p class="reviewed">Last checked against its sources by the editors <time datetime="2026-11-01">1 November 2026</time> · Next check due <time datetime="2027-04-30">30 April 2027</time></p>'
        in html
    )


def test_page_history_is_listed_newest_first(make_site, run_build):
    root = make_site({**FILES, "content/articles/a.md": HISTORY})
    assert run_build(root).code == 0
    html = (root / "_site/articles/a/index.html").read_text()
    section = html[html.index('<section class="page-history"') : html.index("</section>")]
    assert (
        _text(section)
        == "Page history 1 November 2026: Checked every number again. 1 March 2026: Added the safety section."
    )


def test_no_history_section_without_changes(make_site, run_build):
    root = make_site({**FILES, "content/articles/a.md": _article("")})
    assert run_build(root).code == 0
    assert "page-history" not in (root / "_site/articles/a/index.html").read_text()


def test_feed_entry_carries_the_summary_then_the_latest_change(make_site, run_build):
    root = make_site(
        {
            **FILES,
            "content/articles/a.md": HISTORY.replace(
                "2026-11-01\n    summary: Checked", "2026-11-10\n    summary: Checked"
            ),
        }
    )
    assert run_build(root).code == 0
    feed = (root / "_site/feed.xml").read_text()
    assert "    <updated>2026-11-10T00:00:00Z</updated>\n    <published>2026-01-05T00:00:00Z</published>\n" in feed
    summary = re.search(r"<summary>(.*)</summary>", feed).group(1)  # type: ignore[union-attr]
    assert (
        f'    <content type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml"><p>{summary}</p>'
        "<p>Updated 2026-11-10: Checked every number again.</p></div></content>\n"
    ) in feed
    ET.fromstring(feed)  # well-formed
    assert "<lastmod>2026-11-10</lastmod>" in (root / "_site/sitemap.xml").read_text()


def test_feed_entry_without_changes_carries_the_summary(make_site, run_build):
    root = make_site({**FILES, "content/articles/a.md": _article("")})
    assert run_build(root).code == 0
    feed = (root / "_site/feed.xml").read_text()
    summary = re.search(r"<summary>(.*)</summary>", feed).group(1)  # type: ignore[union-attr]
    assert f'<content type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml"><p>{summary}</p></div></content>' in feed


def test_reviewers_are_shown_with_their_credentials_date_and_scope(make_site, run_build):
    front = (
        "reviewers:\n  - name: Ann Example\n    credentials: registered dietitian\n    date: 2026-10-02\n"
        "    scope: the whole article\n  - name: Bo Example\n    date: 2026-10-20\n"
    )
    root = make_site({"content/site.yaml": SITE_YAML, "content/articles/a.md": _article(front)}, skeleton=False)
    assert run_build(root).code == 0
    html = (root / "_site/articles/a/index.html").read_text()
    assert (
        '<p class="reviewed reviewers">Reviewed by Ann Example, registered dietitian, on '
        '<time datetime="2026-10-02">2 October 2026</time> (the whole article); Bo Example, on '
        '<time datetime="2026-10-20">20 October 2026</time></p>'
    ) in html
    data = json.loads(re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S).group(1))
    assert data["lastReviewed"] == "2026-10-20"
    assert data["reviewedBy"] == [
        {"@type": "Person", "name": "Ann Example", "jobTitle": "registered dietitian"},
        {"@type": "Person", "name": "Bo Example"},
    ]


def test_without_named_reviewers_no_page_claims_a_review(make_site, run_build):
    root = make_site({"content/site.yaml": SITE_YAML, "content/articles/a.md": _article("")}, skeleton=False)
    assert run_build(root).code == 0
    html = (root / "_site/articles/a/index.html").read_text()
    assert "Last checked against its sources by the editors" in html and "Last checked 1 November 2026." in html
    assert "eviewed" not in _text(html)  # neither "Reviewed by" nor "Last reviewed", in text or JSON-LD


def test_editor_notes_are_never_published(make_site, run_build):
    refs = "- key: k\n  title: A paper\n  note: Animal study.\n  editor_note: SECRET-REF only the abstract was read\n"
    table = "title: T\neditor_note: SECRET-TABLE check the values\nsources: [k]\ncolumns:\n  - {key: a, label: A}\nrows:\n  - {id: r, a: 1}\n"
    root = make_site(
        {
            **FILES,
            "content/data/references.yaml": refs,
            "content/data/t.yaml": table,
            "content/articles/a.md": _article("editor_note: SECRET-PAGE ask the reviewer\n").replace(
                "Text.", "Text [@k].\n\n::: table t"
            ),
        }
    )
    assert run_build(root).code == 0
    out = "".join(p.read_text() for p in (root / "_site").rglob("*") if p.suffix in (".html", ".xml", ".json"))
    assert "SECRET" not in out
    assert "Text" in out


def test_report_link_names_the_page_in_an_email_subject(make_site, run_build):
    site = SITE_YAML + "report_url: mailto:editors@example.org\n"
    root = make_site({**FILES, "content/site.yaml": site, "content/articles/a.md": _article("")})
    assert run_build(root).code == 0
    html = (root / "_site/articles/a/index.html").read_text()
    assert (
        '<p class="report-problem" data-pagefind-ignore><a href="mailto:editors@example.org?subject=Problem%20with%20the%20page%3A%20A%20'
        '%28https%3A%2F%2Fexample.org%2Fsub%2Farticles%2Fa%2F%29">Report a problem with this page</a></p>'
    ) in html


def test_report_link_to_a_web_page_is_used_as_it_is(make_site, run_build):
    site = SITE_YAML + "report_url: https://example.org/corrections/\n"
    root = make_site({**FILES, "content/site.yaml": site, "content/articles/a.md": _article("")})
    assert run_build(root).code == 0
    html = (root / "_site/articles/a/index.html").read_text()
    assert '<a href="https://example.org/corrections/">Report a problem with this page</a>' in html


def test_no_report_link_without_a_report_url(make_site, run_build):
    root = make_site({**FILES, "content/articles/a.md": _article("")})
    assert run_build(root).code == 0
    assert "report-problem" not in (root / "_site/articles/a/index.html").read_text()


BAD = {
    "changes_not_a_list": (
        _article("changes: yesterday\n"),
        "content/articles/a.md:5: error: 'changes': expected a list (lines starting with '- '), got text",
    ),
    "change_not_a_mapping": (
        _article("changes:\n  - fixed a typo\n"),
        "content/articles/a.md:6: error: each entry of 'changes' must be 'key: value' lines with date: and summary:",
    ),
    "change_without_date": (
        _article("changes:\n  - summary: Fixed a typo.\n"),
        "content/articles/a.md:6: error: missing required key 'date' (the day of the change, YYYY-MM-DD)",
    ),
    "change_without_summary": (
        _article("changes:\n  - date: 2026-11-01\n"),
        "content/articles/a.md:6: error: missing required key 'summary' (one sentence saying what changed)",
    ),
    "change_bad_date": (
        _article("changes:\n  - date: last week\n    summary: Fixed a typo.\n"),
        "content/articles/a.md:6: error: 'date': expected a date written YYYY-MM-DD (e.g. 2026-01-31), got 'last week'",
    ),
    "change_empty_summary": (
        _article("changes:\n  - date: 2026-11-01\n    summary:\n"),
        "content/articles/a.md:7: error: 'summary': it is empty; write some text",
    ),
    "reviewer_without_name": (
        _article("reviewers:\n  - credentials: pharmacist\n    date: 2026-10-01\n"),
        "content/articles/a.md:6: error: missing required key 'name' (the reviewer's name, as they agreed to be shown)",
    ),
    "reviewer_without_date": (
        _article("reviewers:\n  - name: Ann Example\n    credentials: pharmacist\n"),
        "content/articles/a.md:6: error: missing required key 'date' (the day they reviewed it, YYYY-MM-DD)",
    ),
    "reviewers_as_text": (
        _article("reviewers: Dr Nobody\n"),
        "content/articles/a.md:5: error: 'reviewers': expected a list (lines starting with '- '), got text",
    ),
    "editor_note_not_text": (
        _article("editor_note: [a, b]\n"),
        "content/articles/a.md:5: error: 'editor_note': expected text, got a list; put it in quotes",
    ),
}


@pytest.mark.parametrize("name", sorted(BAD))
def test_bad_editorial_front_matter_is_reported_with_its_line(make_site, run_build, name):
    source, message = BAD[name]
    root = make_site({**FILES, "content/articles/a.md": source})
    result = run_build(root)
    assert result.code == 1
    assert result.err.splitlines() == [message, "1 error, 0 warnings"]
    assert "Traceback" not in result.err


def test_all_bad_changes_are_reported_at_once(make_site, run_build):
    source = _article("changes:\n  - date: 2026-11-01\n  - summary: x\n  - oops\n")
    root = make_site({**FILES, "content/articles/a.md": source})
    result = run_build(root)
    assert result.code == 1
    assert result.err.splitlines() == [
        "content/articles/a.md:6: error: missing required key 'summary' (one sentence saying what changed)",
        "content/articles/a.md:7: error: missing required key 'date' (the day of the change, YYYY-MM-DD)",
        "content/articles/a.md:8: error: each entry of 'changes' must be 'key: value' lines with date: and summary:",
        "3 errors, 0 warnings",
    ]


def test_misspelt_change_key_is_named_with_a_hint(make_site, run_build):
    root = make_site(
        {**FILES, "content/articles/a.md": _article("changes:\n  - date: 2026-11-01\n    sumary: Fixed.\n")}
    )
    assert run_build(root).err.splitlines() == [
        "content/articles/a.md:7: error: unknown key 'sumary' in a change; did you mean 'summary'?",
        "1 error, 0 warnings",
    ]


@pytest.mark.parametrize(
    "value",
    [
        "editors@example.org",
        "mailto:",
        "mailto:not an address",
        "ftp://example.org/",
        "https://",
        "javascript:alert(1)",
    ],
)
def test_bad_report_url_is_refused(make_site, run_build, value):
    root = make_site({**FILES, "content/site.yaml": SITE_YAML + f"report_url: '{value}'\n"})
    result = run_build(root)
    assert result.code == 1
    assert result.err.splitlines() == [
        f"content/site.yaml:4: error: 'report_url': {value!r} is not a web address or an e-mail link; "
        "write https://… or mailto:name@example.org",
        "1 error, 0 warnings",
    ]


def test_changes_survive_the_build_cache(make_site, run_build):
    root = make_site(
        {**FILES, "content/articles/a.md": HISTORY, "content/pages/b.md": "---\ntitle: B\nsummary: s\n---\nB.\n"}
    )
    assert run_build(root).code == 0
    (root / "content/pages/b.md").write_text("---\ntitle: B\nsummary: s\n---\nB again.\n")
    assert run_build(root).code == 0  # a.md now comes from the cache
    html = (root / "_site/articles/a/index.html").read_text()
    assert "1 March 2026</time>: Added the safety section." in html
