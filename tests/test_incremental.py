"""Rebuilds with the cache give exactly what a clean build gives, after every kind of change."""

from __future__ import annotations

import json
import shutil
import sys
from pathlib import Path

import pytest
from conftest import SITE_YAML, article, page, tree_digest
from test_extensions import GLOSSARY, REFS, TABLE

from citesite.incremental.cache import FORMAT

BASE_FILES = {
    "content/data/references.yaml": REFS,
    "content/data/ul.yaml": TABLE,
    "content/data/glossary.yaml": GLOSSARY,
    "content/pages/glossary.md": page("Glossary", template="glossary"),
    "templates/glossary.html": '{% extends "page.html" %}\n',
    "content/articles/a.md": article(
        "A", "## Part\n\nOsteoblasts [@alpha]. [B](b.md#part)\n\n::: table ul\n", order="1", topics="[x]"
    ),
    "content/articles/b.md": article(
        "B", "## Part\n\nBone [@beta; @gamma] {{ ul.adults.ul }}.\n", order="2", topics="[x]"
    ),
    "content/articles/c.md": article("C", "[A](a.md)\n", order="3"),
}


def assert_same_as_clean(root: Path, run_build, tmp_path: Path) -> None:
    """The incremental output equals a build from scratch into another folder."""
    result = run_build(root)
    assert result.code == 0, result.err
    clean = tmp_path / "clean"
    shutil.rmtree(clean, ignore_errors=True)
    assert run_build(root, "--no-cache", "--out", str(clean)).code == 0
    assert tree_digest(root / "_site") == tree_digest(clean)


def edit(root: Path, rel: str, old: str, new: str) -> None:
    path = root / rel
    text = path.read_text()
    assert old in text
    path.write_text(text.replace(old, new))


CHANGES = {
    "edit_body": lambda r: edit(r, "content/articles/c.md", "[A](a.md)", "[A](a.md) and more"),
    "edit_title": lambda r: edit(r, "content/articles/c.md", "title: C", "title: Sea"),
    "edit_heading_target": lambda r: edit(r, "content/articles/b.md", "## Part", "## Part\n\n## Other"),
    "add_article": lambda r: (r / "content/articles/d.md").write_text(
        article("D", "[A](a.md)\n", order="4", topics="[x]")
    ),
    "delete_article": lambda r: (r / "content/articles/c.md").unlink(),
    "rename_article": lambda r: (r / "content/articles/c.md").rename(r / "content/articles/see.md"),
    "edit_template": lambda r: edit(r, "templates/article.html", "<h1>", "<h1 class='t'>"),
    "edit_css": lambda r: (r / "static/css/site.css").write_text("body { margin: 2px; }\n"),
    "add_static": lambda r: (
        (r / "static/img/new.svg").parent.mkdir() or (r / "static/img/new.svg").write_text("<svg></svg>")
    ),
    "edit_data_cell": lambda r: edit(r, "content/data/ul.yaml", "ul: 350", "ul: 360"),
    "edit_reference": lambda r: edit(r, "content/data/references.yaml", "title: Beta study", "title: Beta trial"),
    "edit_glossary": lambda r: edit(r, "content/data/glossary.yaml", "A cell that builds bone.", "Builds bone."),
    "edit_site_yaml": lambda r: edit(r, "content/site.yaml", "title: Test Site", "title: Other Site"),
    "edit_reviewed_date": lambda r: edit(r, "content/articles/c.md", "reviewed: 2026-11-01", "reviewed: 2026-11-10"),
    "draft_article": lambda r: edit(r, "content/articles/c.md", "order: 3", "order: 3\ndraft: true"),
}


@pytest.mark.parametrize("change", CHANGES.values(), ids=CHANGES.keys())
def test_rebuild_after_a_change_equals_a_clean_build(make_site, run_build, tmp_path, change):
    root = make_site(BASE_FILES)
    assert run_build(root).code == 0
    change(root)
    assert_same_as_clean(root, run_build, tmp_path)


def test_a_series_of_changes_stays_equal_to_clean_builds(make_site, run_build, tmp_path):
    root = make_site(BASE_FILES)
    assert run_build(root).code == 0
    series = [name for name in CHANGES if name not in ("rename_article", "delete_article")] + ["delete_article"]
    for name in series:
        CHANGES[name](root)
        assert_same_as_clean(root, run_build, tmp_path)


def test_no_change_rebuild_writes_nothing_and_says_so(make_site, run_build):
    root = make_site(BASE_FILES)
    assert run_build(root).code == 0
    before = {p: p.stat().st_mtime_ns for p in (root / "_site").rglob("*")}
    result = run_build(root)
    assert result.code == 0
    assert result.out.startswith("Up to date: 5 pages (")
    assert {p: p.stat().st_mtime_ns for p in (root / "_site").rglob("*")} == before


def test_one_edit_rewrites_only_that_page(make_site, run_build):
    root = make_site(BASE_FILES)
    assert run_build(root).code == 0
    before = {p.relative_to(root).as_posix(): p.stat().st_mtime_ns for p in (root / "_site").rglob("*.*")}
    edit(root, "content/articles/c.md", "[A](a.md)", "[A](a.md) again")
    assert run_build(root).code == 0
    after = {p.relative_to(root).as_posix(): p.stat().st_mtime_ns for p in (root / "_site").rglob("*.*")}
    changed = sorted(k for k in before if before[k] != after[k])
    assert changed == ["_site/.citesite-manifest.json", "_site/articles/c/index.html"]  # not the sitemap or feed


def test_warnings_are_reported_again_when_nothing_changed(make_site, run_build):
    root = make_site({**BASE_FILES, "content/articles/c.md": article("C", "#### Deep\n")})
    first = run_build(root)
    assert "content/articles/c.md:6: warning: heading 'Deep' skips from level 1 to 4; use ##" in first.err
    again = run_build(root)
    assert again.out.startswith("Up to date")
    assert again.err == first.err
    assert run_build(root, "--strict").code == 1


@pytest.mark.parametrize(
    "damage", ["not json", '{"format": 999}', '{"format": 3, "code": "x", "pages": [], "sources": {}}']
)
def test_a_corrupt_or_foreign_cache_is_ignored(make_site, run_build, tmp_path, damage):
    root = make_site(BASE_FILES)
    assert run_build(root).code == 0
    edit(root, "content/articles/c.md", "[A](a.md)", "[A](a.md) first")
    assert run_build(root).code == 0
    for state in [*(root / ".cache/citesite").glob("*.json"), *(root / ".cache/citesite").glob("*.head")]:
        state.write_text(damage)
    for body in (root / ".cache/citesite/bodies").rglob("*.json"):
        body.write_text('{"html": "<p>poisoned</p>"}')
    edit(root, "content/articles/c.md", "[A](a.md)", "[A](a.md) again")
    assert_same_as_clean(root, run_build, tmp_path)
    assert "poisoned" not in (root / "_site/articles/c/index.html").read_text()


@pytest.mark.parametrize("damage", ["not json", '{"format": 3, "code": "x"}', '{"format": 3}'])
def test_a_corrupt_head_without_changes_still_builds_correctly(make_site, run_build, tmp_path, damage):
    root = make_site(BASE_FILES)
    assert run_build(root).code == 0
    for head in (root / ".cache/citesite").glob("*.head"):
        head.write_text(damage)
    assert_same_as_clean(root, run_build, tmp_path)


def test_a_tampered_body_cache_entry_is_not_trusted_when_its_page_changes(make_site, run_build, tmp_path):
    root = make_site(BASE_FILES)
    assert run_build(root).code == 0
    edit(root, "content/articles/c.md", "[A](a.md)", "[A](a.md) v2")
    assert_same_as_clean(root, run_build, tmp_path)


def test_output_deleted_by_hand_is_rebuilt_in_full(make_site, run_build, tmp_path):
    root = make_site(BASE_FILES)
    assert run_build(root).code == 0
    shutil.rmtree(root / "_site")
    assert_same_as_clean(root, run_build, tmp_path)


def test_jobs_do_not_change_the_output(make_site, run_build, tmp_path):
    files = {
        f"content/articles/p{n:03}.md": article(
            f"P {n}", f"## H\n\n[next](p{(n + 1) % 200:03}.md#h) [@alpha]\n", topics="[x]"
        )
        for n in range(200)
    }
    root = make_site({**BASE_FILES, **files})
    assert run_build(root, "--no-cache", "--jobs", "1", "--out", str(tmp_path / "one")).code == 0
    assert run_build(root, "--no-cache", "--jobs", "2", "--out", str(tmp_path / "two")).code == 0
    assert tree_digest(tmp_path / "one") == tree_digest(tmp_path / "two")


def test_the_cache_lives_in_a_git_ignored_folder(make_site, run_build):
    root = make_site(BASE_FILES)
    assert run_build(root).code == 0
    states = list((root / ".cache/citesite").glob("*.json"))
    assert len(states) == 1
    assert json.loads(states[0].read_text())["format"] == FORMAT
    assert "/.cache/" in (Path(__file__).parent.parent / ".gitignore").read_text().splitlines()


def test_an_edit_that_breaks_an_anchor_on_an_unchanged_page_is_reported(make_site, run_build):
    root = make_site(BASE_FILES)
    assert run_build(root).code == 0
    edit(root, "content/articles/c.md", "[A](a.md)", "[A](a.md#nowhere) and [B](b.md#part)")
    result = run_build(root)
    assert result.code == 1
    assert result.err.splitlines()[0] == (
        "content/articles/c.md:7: error: link 'a.md#nowhere' points at a missing anchor '#nowhere' in "
        "content/articles/a.md; check the heading"
    )


def test_removing_a_heading_that_an_unchanged_page_links_to_is_reported(make_site, run_build):
    root = make_site(BASE_FILES)
    assert run_build(root).code == 0
    edit(root, "content/articles/b.md", "## Part", "## Whole")
    result = run_build(root)
    assert result.code == 1
    assert result.err.splitlines()[0] == (
        "content/articles/a.md:10: error: link 'b.md#part' points at a missing anchor '#part' in "
        "content/articles/b.md; check the heading"
    )
    edit(root, "content/articles/b.md", "## Whole", "## Part")
    assert run_build(root).code == 0


MANY_FILES = {
    **BASE_FILES,
    **{
        f"content/articles/m{n:02}.md": article(f"M {n}", f"Text {n} [A](a.md#part).\n", order=str(10 + n))
        for n in range(40)
    },
}


def state_files(root: Path) -> tuple[Path, Path]:
    (state,) = (root / ".cache/citesite").glob("*.json")
    return state, state.with_suffix(".delta")


def test_a_small_change_writes_a_delta_and_keeps_the_base_state(make_site, run_build, tmp_path):
    root = make_site(MANY_FILES)
    assert run_build(root).code == 0
    base, delta = state_files(root)
    before = base.read_bytes()
    assert not delta.exists()
    edit(root, "content/articles/m07.md", "Text 7", "Text seven")
    assert_same_as_clean(root, run_build, tmp_path)
    assert base.read_bytes() == before
    saved = json.loads(delta.read_text())
    assert sorted(saved["pages"]) == ["articles/m07/"]
    assert sorted(saved["sources"]) == ["articles/m07.md"]
    edit(root, "content/articles/m09.md", "Text 9", "Text nine")
    assert_same_as_clean(root, run_build, tmp_path)
    saved = json.loads(delta.read_text())
    assert sorted(saved["pages"]) == ["articles/m07/", "articles/m09/"]
    assert base.read_bytes() == before
    (root / "content/articles/m08.md").unlink()  # the home page lists it: two entries more
    assert_same_as_clean(root, run_build, tmp_path)
    saved = json.loads(delta.read_text())
    assert sorted(saved["pages"]) == ["", "articles/m07/", "articles/m09/"]
    assert saved["removed"]["pages"] == ["articles/m08/"]
    assert base.read_bytes() == before
    edit(root, "content/data/ul.yaml", "ul: 350", "ul: 360")  # every page's Markdown may quote it: a new base
    assert_same_as_clean(root, run_build, tmp_path)
    assert base.read_bytes() != before
    assert not delta.exists()


def test_the_base_state_is_rewritten_once_the_delta_grows(make_site, run_build, tmp_path):
    root = make_site(MANY_FILES)
    assert run_build(root).code == 0
    base, delta = state_files(root)
    before = base.read_bytes()
    for n in range(6):
        edit(root, f"content/articles/m{n:02}.md", f"Text {n}", f"Text {n} changed")
        assert_same_as_clean(root, run_build, tmp_path)
    assert base.read_bytes() != before
    assert not delta.exists() or len(json.loads(delta.read_text())["pages"]) < 6


@pytest.mark.parametrize(
    "damage",
    [
        "not json",
        "[]",
        '{"base": "other"}',
        '{"base": "%s", "pages": {"articles/m07/": "junk"}}',
        '{"base": "%s", "pages": []}',
    ],
)
def test_a_damaged_delta_is_never_trusted(make_site, run_build, tmp_path, damage):
    root = make_site(MANY_FILES)
    assert run_build(root).code == 0
    base, delta = state_files(root)
    edit(root, "content/articles/m07.md", "Text 7", "Text seven")
    assert run_build(root).code == 0
    generation = json.loads(base.read_text())["generation"]
    delta.write_text(damage.replace("%s", generation))
    edit(root, "content/articles/m07.md", "Text seven", "Text eight")
    assert_same_as_clean(root, run_build, tmp_path)


def test_bodies_no_state_uses_are_pruned_when_they_pile_up(tmp_path):
    from citesite.incremental.cache import BuildCache

    other = BuildCache(tmp_path, tmp_path / "other", "options")
    other.save({"pages": {"o/": {"body_key": f"{1:032x}"}}})
    cache = BuildCache(tmp_path, tmp_path / "_site", "options")
    for n in range(150):
        cache.save_body(f"{n:032x}", {"html": "x"})
    cache.save({"pages": {"p/": {"body_key": f"{2:032x}"}}})
    assert sorted(p.stem for p in (tmp_path / ".cache/citesite/bodies").glob("*/*.json")) == [f"{1:032x}", f"{2:032x}"]


def test_a_review_that_falls_due_is_reported_by_a_rebuild_with_no_edits(make_site, run_build, monkeypatch):
    root = make_site({**BASE_FILES, "content/site.yaml": SITE_YAML + "review_interval_days: 30\n"})
    assert run_build(root).code == 0  # 2026-11-18: reviewed 2026-11-01, due 2026-12-01
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1796000000")  # 2026-11-30
    assert "overdue" not in run_build(root).err
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1797000000")  # 2026-12-11
    result = run_build(root)
    assert result.code == 0
    assert (
        "content/articles/c.md:5: warning: review overdue since 2026-12-01 (reviewed 2026-11-01); "
        "check the article and update 'reviewed'"
    ) in result.err.splitlines()
    assert run_build(root, "--strict").code == 1


SITE_MARKS = """\
from markdown.extensions import Extension
from markdown.preprocessors import Preprocessor

WORD = "{word}"


class Marks(Preprocessor):
    def run(self, lines):
        return [line.replace("MARK", WORD) for line in lines]


class MarksExtension(Extension):
    def extendMarkdown(self, md):
        md.preprocessors.register(Marks(md), "site-marks", 40)
"""


def test_an_edit_to_the_sites_own_extension_rebuilds_the_pages(make_site, run_build, monkeypatch):
    settings = SITE_YAML + "markdown:\n  extensions:\n    - site_marks:MarksExtension\n"
    root = make_site({"content/site.yaml": settings, "site_marks.py": SITE_MARKS.format(word="one"), **BASE_FILES})
    (root / "content/articles/c.md").write_text(article("C", "MARK [A](a.md)\n", order="3"))
    assert run_build(root).code == 0
    assert "<p>one " in (root / "_site/articles/c/index.html").read_text()
    (root / "site_marks.py").write_text(SITE_MARKS.format(word="two!"))  # another size: seen without a clock tick
    monkeypatch.delitem(sys.modules, "site_marks")  # the next build in a new process, as on the command line
    result = run_build(root)
    assert result.code == 0, result.err
    assert "<p>two! " in (root / "_site/articles/c/index.html").read_text()
