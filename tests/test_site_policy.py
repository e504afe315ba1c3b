"""The site's policy in content/site.yaml: structured data, reviews, readability and search, with neutral defaults."""

from __future__ import annotations

import json
import re

import pytest
from conftest import SITE_YAML, article, page

HARD_SUMMARY = (
    "Comprehensive epidemiological investigations demonstrate considerable interindividual "
    "variability in magnesium bioavailability characteristics."
)
JSON_LD_ARTICLE = (
    '{% extends "base.html" %}{% block main %}<script type="application/ld+json">{{ json_ld(structured_data) }}'
    "</script>{{ content }}{% endblock %}\n"
)
SEARCH_MARKED = '{% extends "base.html" %}{% block main %}<article{% if searchable %} data-pagefind-body{% endif %}>{{ content }}</article>{% endblock %}\n'


def _hard_article() -> str:
    return article("A").replace("summary: A short summary.", f"summary: {HARD_SUMMARY}")


def _json_ld(html: str) -> dict[str, object]:
    found = re.search(r'<script type="application/ld\+json">(.*?)</script>', html)
    assert found, html
    data: dict[str, object] = json.loads(found.group(1))
    return data


def test_a_new_site_is_neutral(make_site, run_build):
    root = make_site(
        {
            "templates/article.html": JSON_LD_ARTICLE,
            "content/articles/a.md": page("A").replace("summary: A short summary.", f"summary: {HARD_SUMMARY}"),
        }
    )
    result = run_build(root, "--strict")
    assert result.code == 0, result.err
    assert result.err == ""
    assert _json_ld((root / "_site/articles/a/index.html").read_text())["@type"] == "Article"


def test_the_health_policy_is_turned_on_in_site_yaml(make_site, run_build):
    policy = "structured_data: MedicalWebPage\nreview:\n  required: true\nreadability:\n  check: true\n  target: 9\n  language: en\n"
    root = make_site(
        {
            "content/site.yaml": SITE_YAML + policy,
            "templates/article.html": JSON_LD_ARTICLE,
            "content/articles/a.md": _hard_article(),
            "content/articles/b.md": page("B"),
        }
    )
    result = run_build(root)
    assert result.code == 1
    assert result.err.splitlines() == [
        "content/articles/a.md:3: warning: summary reads at grade 34.7, above the target 9; use shorter sentences and words",
        "content/articles/b.md:1: error: article has no 'reviewed' date; add reviewed: YYYY-MM-DD when a person has checked it",
        "1 error, 1 warning",
    ]
    (root / "content/articles/b.md").write_text(article("B"))
    assert run_build(root).code == 0
    assert _json_ld((root / "_site/articles/b/index.html").read_text())["@type"] == "MedicalWebPage"


def test_a_page_of_a_medical_site_can_say_it_is_an_about_page(make_site, run_build):
    root = make_site(
        {
            "content/site.yaml": SITE_YAML + "structured_data: MedicalWebPage\n",
            "templates/page.html": JSON_LD_ARTICLE,
            "content/pages/about.md": page("About", template="page", structured_data="AboutPage"),
            "content/pages/other.md": page("Other", template="page"),
        }
    )
    assert run_build(root).code == 0
    assert _json_ld((root / "_site/about/index.html").read_text())["@type"] == "AboutPage"
    assert _json_ld((root / "_site/other/index.html").read_text())["@type"] == "MedicalWebPage"


def test_a_page_type_that_is_not_a_schema_org_name_is_reported_at_its_line(make_site, run_build):
    root = make_site({"content/pages/about.md": page("About", template="page", structured_data="about page")})
    result = run_build(root)
    assert result.code == 1
    assert result.err.splitlines() == [
        "content/pages/about.md:5: error: 'structured_data': 'about page' is not a schema.org type name; write one "
        "such as Article, BlogPosting, LearningResource, MedicalWebPage, ScholarlyArticle, WebPage",
        "1 error, 0 warnings",
    ]


def test_an_overdue_review_is_reported_without_review_required(make_site, run_build):
    root = make_site(
        {
            "content/site.yaml": SITE_YAML + "review:\n  interval_days: 30\n",
            "content/articles/a.md": article("A", reviewed="2026-01-01"),
        }
    )
    assert run_build(root).err.splitlines() == [
        "content/articles/a.md:4: warning: review overdue since 2026-01-31 (reviewed 2026-01-01); check the article and update 'reviewed'",
        "0 errors, 1 warning",
    ]


def test_the_older_keys_still_set_interval_and_target(make_site, run_build):
    root = make_site(
        {
            "content/site.yaml": SITE_YAML
            + "review_interval_days: 30\nreadability:\n  check: true\nreading_grade_target: 40\n",
            "content/articles/a.md": _hard_article().replace("reviewed: 2026-11-01", "reviewed: 2026-01-01"),
        }
    )
    assert run_build(root).err.splitlines() == [
        "content/articles/a.md:4: warning: review overdue since 2026-01-31 (reviewed 2026-01-01); check the article and update 'reviewed'",
        "0 errors, 1 warning",
    ]


POLICY_ERRORS = {
    "type_not_a_name": (
        "structured_data: medical web page\n",
        "content/site.yaml:4: error: 'structured_data': 'medical web page' is not a schema.org type name; write one such as "
        "Article, BlogPosting, LearningResource, MedicalWebPage, ScholarlyArticle, WebPage",
    ),
    "type_close_to_a_name": (
        "structured_data: article\n",
        "content/site.yaml:4: error: 'structured_data': 'article' is not a schema.org type name; write one such as "
        "Article, BlogPosting, LearningResource, MedicalWebPage, ScholarlyArticle, WebPage; did you mean 'Article'?",
    ),
    "review_not_a_mapping": (
        "review: yes\n",
        "content/site.yaml:4: error: 'review': expected a mapping of 'key: value' lines, got true/false",
    ),
    "review_key_misspelt": (
        "review:\n  requird: true\n",
        "content/site.yaml:5: error: unknown key 'requird' in 'review' in content/site.yaml; did you mean 'required'?",
    ),
    "review_required_not_bool": (
        "review: {required: always}\n",
        "content/site.yaml:4: error: 'required': expected true or false, got text 'always'",
    ),
    "interval_zero": (
        "review:\n  interval_days: 0\n",
        "content/site.yaml:5: error: 'interval_days': 0 is out of range; use a number from 1 to 100000",
    ),
    "both_interval_keys": (
        "review_interval_days: 30\nreview:\n  interval_days: 60\n",
        "content/site.yaml:4: error: 'review_interval_days' and 'review: interval_days' say the same thing; "
        "keep only 'review: interval_days'",
    ),
    "readability_language": (
        "readability:\n  check: true\n  language: de\n",
        "content/site.yaml:6: error: 'readability: language': 'de' is not supported; the reading check knows only "
        "en (English) and es (Spanish); write language: en or es, or set check: false",
    ),
    "readability_target_nan": (
        "readability:\n  target: .nan\n",
        "content/site.yaml:5: error: 'target': expected a number, got nan; write an ordinary number such as 9",
    ),
    "readability_key_unknown": (
        "readability:\n  grade: 9\n",
        "content/site.yaml:5: error: unknown key 'grade' in 'readability' in content/site.yaml; "
        "allowed keys: check, language, target, targets",
    ),
    "search_section_missing": (
        "search:\n  sections: [article]\n",
        "content/site.yaml:5: error: 'search: sections': 'article' is not a folder under content/; "
        "use one of: articles, pages; did you mean 'articles'?",
    ),
    "search_sections_empty": (
        "search:\n  sections: []\n",
        "content/site.yaml:5: error: 'search: sections' is empty; name at least one folder under content/, e.g. [articles]",
    ),
    "search_sections_not_text": (
        "search:\n  sections: articles\n",
        "content/site.yaml:5: error: 'sections': expected a list such as [vitamin-d, pth], got text 'articles'",
    ),
}


@pytest.mark.parametrize("lines,message", POLICY_ERRORS.values(), ids=POLICY_ERRORS.keys())
def test_a_bad_policy_is_reported_at_its_line(make_site, run_build, lines, message):
    root = make_site(
        {
            "content/site.yaml": SITE_YAML + lines,
            "content/articles/a.md": article("A"),
            "content/pages/p.md": page("P"),
        }
    )
    result = run_build(root)
    assert result.code == 1
    assert message in result.err.splitlines(), result.err
    assert "Traceback" not in result.err


def test_a_language_the_check_does_not_know_is_fine_while_the_check_is_off(make_site, run_build):
    root = make_site({"content/site.yaml": SITE_YAML + "readability:\n  check: false\n  language: de\n"})
    assert run_build(root, "--strict").code == 0


def test_search_indexes_only_the_named_sections(make_site, run_build):
    files = {
        "templates/article.html": SEARCH_MARKED,
        "templates/page.html": SEARCH_MARKED,
        "templates/home.html": SEARCH_MARKED,
        "content/articles/a.md": article("A"),
        "content/pages/p.md": page("P"),
    }
    root = make_site(files)
    assert run_build(root).code == 0
    marked = ["index.html", "articles/a/index.html", "p/index.html"]
    assert all("data-pagefind-body" in (root / "_site" / rel).read_text() for rel in marked)
    (root / "content/site.yaml").write_text(SITE_YAML + "search:\n  sections: [articles]\n")
    assert run_build(root).code == 0
    assert "data-pagefind-body" in (root / "_site/articles/a/index.html").read_text()
    assert "data-pagefind-body" in (root / "_site/index.html").read_text()  # the home page is in no section
    assert "data-pagefind-body" not in (root / "_site/p/index.html").read_text()


def test_this_site_states_its_health_policy():
    from pathlib import Path

    from citesite.source.config import load_config
    from citesite.source.policy import Policy, Publishing, Readability, Review

    config = load_config(Path(__file__).resolve().parent.parent)
    assert config.policy == Policy(
        structured_data="MedicalWebPage",
        review=Review(required=True, interval_days=365),
        readability=Readability(check=True, target=9.0, language="en", targets=(("es", 55.0),)),
        publishing=Publishing(check=True),
    )


def test_the_default_theme_follows_the_searchable_sections_too(make_site, run_build):
    files = {"content/site.yaml": SITE_YAML, "content/articles/a.md": article("A"), "content/pages/p.md": page("P")}
    root = make_site(files, skeleton=False)  # no templates/ or static/: every page comes from the theme
    assert run_build(root).code == 0
    assert all(
        "data-pagefind-body" in (root / "_site" / rel).read_text() for rel in ("articles/a/index.html", "p/index.html")
    )
    (root / "content/site.yaml").write_text(SITE_YAML + "search:\n  sections: [articles]\n")
    assert run_build(root).code == 0, run_build(root).err
    assert "data-pagefind-body" in (root / "_site/articles/a/index.html").read_text()
    assert "data-pagefind-body" not in (root / "_site/p/index.html").read_text()
