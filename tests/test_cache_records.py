"""The build cache keeps every front-matter field and every problem level, so an edit rebuilds only its page."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from conftest import copy_site

import citesite.incremental.plan as plan_module
from citesite.errors import ERROR, NOTICE, WARNING, SiteError
from citesite.incremental.records import problems_to_json, valid_problems, valid_source
from citesite.source.content import FrontMatter, Source, source_from_json, source_to_json
from citesite.source.history import Change, Reviewer

EVERY_FIELD = FrontMatter(
    title="T",
    summary="S",
    slug="t",
    date=dt.date(2026, 1, 2),
    updated=dt.date(2026, 1, 3),
    reviewed=dt.date(2026, 1, 4),
    topics=("bone",),
    order=3,
    draft=True,
    template="page",
    structured_data="AboutPage",
    changes=(Change(dt.date(2026, 1, 5), "Added a table."),),
    reviewers=(Reviewer("Ann Example", dt.date(2026, 1, 6), "dietitian", "all"),),
    extra={"colour": "blue", "sizes": [1, 2]},
    translation_key="pages/about",
    translated_by="the editors",
    translation_reviewers=(Reviewer("Bo Example", dt.date(2026, 1, 7), "", "the tables"),),
    lines=(("title", 2), ("summary", 3)),
)


def test_every_front_matter_field_is_kept_by_the_cache():
    missing = [
        f
        for f in FrontMatter._fields
        if f != "broken" and getattr(EVERY_FIELD, f) == FrontMatter._field_defaults.get(f)
    ]
    assert missing == []  # the sample sets every field a source can have
    source = Source("pages/t.md", "content/pages/t.md", EVERY_FIELD, "Body.\n", 5, "abc")
    entry = source_to_json(source, [10, 20])
    assert valid_source(entry)
    assert source_from_json("pages/t.md", entry).meta == EVERY_FIELD


def test_a_mistyped_field_in_a_cached_source_is_refused():
    source = Source("pages/t.md", "content/pages/t.md", EVERY_FIELD, "Body.\n", 5, "abc")
    for key, bad in (
        ("changes", [["2026-01-05"]]),
        ("reviewers", [["Ann", "not a date", "", ""]]),
        ("extra", ["a list"]),
        ("translated_by", 3),
        ("translation_reviewers", "Bo"),
    ):
        entry = source_to_json(source, [10, 20])
        entry["meta"][key] = bad
        assert not valid_source(entry), key


def test_problems_of_every_level_are_kept_by_the_cache():
    problems = [SiteError("m", "content/a.md", 1, None, level) for level in (ERROR, WARNING, NOTICE)]
    assert valid_problems(problems_to_json(problems))
    assert not valid_problems([["m", "content/a.md", 1, None, "shout"]])


def test_one_edit_on_this_site_renders_only_that_page(tmp_path: Path, run_build, monkeypatch):
    root = copy_site(tmp_path / "site")
    assert run_build(root).code == 0
    planned: list[list[str]] = []
    real_plan = plan_module.plan

    def plan(*args: object) -> plan_module.Plan:
        todo = real_plan(*args)  # type: ignore[arg-type]
        planned.append([page.url for page, _, _ in todo.work])
        return todo

    monkeypatch.setattr(plan_module, "plan", plan)
    article = root / "content/articles/magnesium-and-bone.md"
    for sentence in ("One more sentence.", "And another."):  # the second with its translation's notice cached
        article.write_text(article.read_text(encoding="utf-8") + f"\n{sentence}\n", encoding="utf-8")
        assert run_build(root).code == 0
    assert planned == [["articles/magnesium-and-bone/"], ["articles/magnesium-and-bone/"]]
