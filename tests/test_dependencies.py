"""A rebuild renders again exactly the pages whose output shows something that changed."""

from __future__ import annotations

import json
import random
import re
from pathlib import Path

import pytest
from conftest import article, page
from test_incremental import assert_same_as_clean, edit

from citesite.incremental.shown import TrackedPages

ARTICLE_TEMPLATE = (
    '{% extends "base.html" %}{% block main %}<h1>{{ page.title }}</h1>{{ content }}'
    '<nav>{% for a in articles[:3] %}<a href="{{ url(a.url) }}">{{ a.title }}</a>{% endfor %}MORE</nav>'
    '{% if previous %}<a rel="prev" href="{{ url(previous.url) }}">{{ previous.title }}</a>{% endif %}'
    '{% if next %}<a rel="next" href="{{ url(next.url) }}">{{ next.title }}</a>{% endif %}'
    '{% for r in related %}<a class="related" href="{{ url(r.url) }}">{{ r.title }}</a>{% endfor %}'
    "{% endblock %}\n"
)
COUNT = "{% if articles | length > 3 %}<a href=\"{{ url('') }}\">All {{ articles | length }}</a>{% endif %}"
TOPICS = ["z", "x", "x", "y", "y", "z", "x", "y"]  # a0 and a5 share 'z' only with each other


def files(count_in_menu: bool = True) -> dict[str, str]:
    """Eight articles in reading order a0..a7, a page, and a template that shows other pages."""
    template = ARTICLE_TEMPLATE.replace("MORE", COUNT if count_in_menu else "")
    found = {"templates/article.html": template, "content/pages/about.md": page("About")}
    for n, topic in enumerate(TOPICS):
        found[f"content/articles/a{n}.md"] = article(f"A{n}", f"Text {n}.\n", order=str(n + 1), topics=f"[{topic}]")
    return found


def stamps(root: Path) -> dict[str, int]:
    return {p.relative_to(root / "_site").as_posix(): p.stat().st_mtime_ns for p in (root / "_site").rglob("*.*")}


def rewritten(root: Path, run_build, change) -> list[str]:  # type: ignore[no-untyped-def]
    """The output files a rebuild after change() wrote (the manifest left out: every rebuild writes it)."""
    before = stamps(root)
    change()
    result = run_build(root)
    assert result.code == 0, result.err
    after = stamps(root)
    return sorted(rel for rel in after if before.get(rel) != after[rel] and rel != ".citesite-manifest.json")


def test_a_title_edit_rewrites_the_page_its_neighbours_the_pages_relating_it_the_lists_and_the_feed(
    make_site, run_build, tmp_path
):
    root = make_site(files())
    assert run_build(root).code == 0
    changed = rewritten(root, run_build, lambda: edit(root, "content/articles/a5.md", "title: A5", "title: Five"))
    # a4 and a6 are its neighbours, a0 relates to it (topic 'z'), the home page lists every article.
    assert changed == [
        "articles/a0/index.html",
        "articles/a4/index.html",
        "articles/a5/index.html",
        "articles/a6/index.html",
        "feed.xml",
        "index.html",
    ]
    assert_same_as_clean(root, run_build, tmp_path)


def test_a_title_edit_of_an_article_in_the_menu_rewrites_every_article(make_site, run_build, tmp_path):
    root = make_site(files())
    assert run_build(root).code == 0
    changed = rewritten(root, run_build, lambda: edit(root, "content/articles/a1.md", "title: A1", "title: One"))
    assert changed == [*(f"articles/a{n}/index.html" for n in range(8)), "feed.xml", "index.html"]
    assert_same_as_clean(root, run_build, tmp_path)


def test_a_body_edit_rewrites_only_that_page(make_site, run_build, tmp_path):
    root = make_site(files())
    assert run_build(root).code == 0
    changed = rewritten(root, run_build, lambda: edit(root, "content/articles/a5.md", "Text 5.", "Text five."))
    assert changed == ["articles/a5/index.html"]


def test_a_topic_edit_rewrites_the_pages_whose_related_articles_change(make_site, run_build, tmp_path):
    root = make_site(files())
    assert run_build(root).code == 0
    changed = rewritten(root, run_build, lambda: edit(root, "content/articles/a3.md", "topics: [y]", "topics: [z]"))
    # a3 moves from 'y' (a4, a7) to 'z' (a0, a5); the 'x' articles and the lists show nothing that changed.
    assert changed == [f"articles/a{n}/index.html" for n in (0, 3, 4, 5, 7)]
    assert_same_as_clean(root, run_build, tmp_path)


def test_a_new_article_rewrites_every_page_that_shows_the_article_count(make_site, run_build, tmp_path):
    root = make_site(files(count_in_menu=True))
    assert run_build(root).code == 0
    new = article("A8", "Text 8.\n", order="9", topics="[x]")
    changed = rewritten(root, run_build, lambda: (root / "content/articles/a8.md").write_text(new))
    assert changed == [*(f"articles/a{n}/index.html" for n in range(9)), "feed.xml", "index.html", "sitemap.xml"]
    assert_same_as_clean(root, run_build, tmp_path)


def test_a_new_article_rewrites_only_the_pages_that_show_it_when_none_shows_the_count(make_site, run_build, tmp_path):
    root = make_site(files(count_in_menu=False))
    assert run_build(root).code == 0
    new = article("A8", "Text 8.\n", order="9", topics="[z]")
    changed = rewritten(root, run_build, lambda: (root / "content/articles/a8.md").write_text(new))
    # a7 gets a next link; a0 and a5 relate to it (topic 'z'); the home page, feed and sitemap list it.
    assert changed == [
        "articles/a0/index.html",
        "articles/a5/index.html",
        "articles/a7/index.html",
        "articles/a8/index.html",
        "feed.xml",
        "index.html",
        "sitemap.xml",
    ]
    assert_same_as_clean(root, run_build, tmp_path)


def test_a_page_every_template_is_handed_rewrites_every_page_when_its_title_changes(make_site, run_build, tmp_path):
    root = make_site(files())
    edit(
        root, "templates/base.html", "</body>", "<footer>{% for p in pages %}{{ p.title }}{% endfor %}</footer></body>"
    )
    assert run_build(root).code == 0
    changed = rewritten(root, run_build, lambda: edit(root, "content/pages/about.md", "title: About", "title: Us"))
    assert changed == ["about/index.html", *(f"articles/a{n}/index.html" for n in range(8)), "index.html"]
    assert_same_as_clean(root, run_build, tmp_path)


def test_renaming_a_linked_page_reports_the_link_that_now_points_nowhere(make_site, run_build):
    root = make_site(
        {**files(), "content/articles/a0.md": article("A0", "See [A1](a1.md).\n", order="1", topics="[z]")}
    )
    assert run_build(root).code == 0
    (root / "content/articles/a1.md").rename(root / "content/articles/one.md")
    result = run_build(root)
    assert result.code == 1
    assert result.err.splitlines()[0] == (
        "content/articles/a0.md:8: error: link to a missing page 'a1.md' (looked for content/articles/a1.md); "
        "check the file name"
    )  # 'a1' is as like 'a0' as 'a7': no name is close enough to offer
    edit(root, "content/articles/a0.md", "(a1.md)", "(one.md)")
    assert run_build(root).code == 0
    assert 'href="../one/"' in (root / "_site/articles/a0/index.html").read_text()


def test_a_page_linking_to_a_missing_page_builds_once_the_page_is_added(make_site, run_build, tmp_path):
    root = make_site({**files(), "content/articles/a0.md": article("A0", "See [B](b.md).\n", order="1", topics="[z]")})
    assert run_build(root).code == 1
    assert run_build(root).code == 1  # the cached conversion still has the error
    (root / "content/articles/b.md").write_text(article("B", "Text.\n", order="20"))
    assert_same_as_clean(root, run_build, tmp_path)
    assert 'href="../b/"' in (root / "_site/articles/a0/index.html").read_text()


def test_deleting_a_static_file_that_an_unchanged_page_links_to_is_reported(make_site, run_build):
    icon = "content/articles/a0.md"
    root = make_site(
        {**files(), "static/img/icon.svg": "<svg></svg>", icon: article("A0", "[Icon](/img/icon.svg)\n", order="1")}
    )
    assert run_build(root).code == 0
    (root / "static/img/icon.svg").unlink()
    result = run_build(root)
    assert result.code == 1
    assert result.err.splitlines()[0] == (
        "content/articles/a0.md:7: error: link to '/img/icon.svg', which the site does not have; "
        "link a page by its .md file, or add the file under static/"
    )


def test_a_new_base_url_reaches_the_links_of_the_404_page(make_site, run_build, tmp_path):
    root = make_site({**files(), "content/404.md": page("Not found", "Go [home](/).\n")})
    assert run_build(root).code == 0
    edit(root, "content/site.yaml", "https://example.org/sub/", "https://example.org/other/")
    assert_same_as_clean(root, run_build, tmp_path)
    assert 'href="/other/"' in (root / "_site/404.html").read_text()


def set_key(path: Path, key: str, value: str) -> None:
    """Set one front-matter key of a source to value."""
    text = path.read_text()
    path.write_text(re.sub(rf"^{key}: .*$", f"{key}: {value}", text, count=1, flags=re.M))


EDITS = [
    lambda path, n, rng: set_key(path, "title", f"A{n} {rng.randrange(9)}"),
    lambda path, n, rng: set_key(path, "topics", f"[{rng.choice('xyzw')}, {rng.choice('xyzw')}]"),
    lambda path, n, rng: set_key(path, "order", str(rng.randrange(1, 4))),
    lambda path, n, rng: set_key(path, "summary", f"Summary {rng.randrange(9)}."),
    lambda path, n, rng: path.write_text(path.read_text() + f"See [next](a{(n + 1) % 8}.md).\n"),
    lambda path, n, rng: set_key(path, "reviewed", "2026-11-01\ndraft: true"),
]


@pytest.mark.parametrize("seed", range(3))
def test_random_series_of_edits_stay_equal_to_clean_builds(make_site, run_build, tmp_path, seed):
    rng = random.Random(seed)
    root = make_site(files(count_in_menu=bool(seed % 2)))
    assert run_build(root).code == 0
    for _ in range(12):
        n = rng.randrange(8)
        path = root / f"content/articles/a{n}.md"
        text = path.read_text()
        if "draft: true" in text or rng.random() < 0.1:
            path.write_text(article(f"A{n}", f"Text {n}.\n", order=str(n + 1), topics=f"[{TOPICS[n]}]"))
        else:
            rng.choice(EDITS)(path, n, rng)
        assert_same_as_clean(root, run_build, tmp_path)


def pages_list(count: int) -> TrackedPages:
    return TrackedPages(tuple(range(count)))  # type: ignore[arg-type]  (positions are all that is recorded)


def test_the_article_list_records_the_positions_and_the_length_a_template_reads():
    menu = pages_list(20)
    assert list(menu[:12]) == list(range(12))
    assert (menu.reads(), menu.counted) == (((0, 12),), False)
    short = pages_list(10)
    short[:12]
    assert (short.reads(), short.counted) == (((0, 10),), True)  # fewer than asked for: the length shows
    last = pages_list(10)
    assert last[-1] == 9
    assert (last.reads(), last.counted) == (((9, 10),), True)
    every = pages_list(5)
    assert sum(every) == 10
    every[1]
    assert (every.reads(), every.counted) == (((0, 5),), True)
    empty = pages_list(0)
    assert not empty
    assert (empty.reads(), empty.counted) == ((), True)


@pytest.mark.parametrize(
    "damage",
    [
        {"handed": 5},
        {"reads": [[1]]},
        {"reads": "all"},
        {"reads_key": None},
        {"asks": "x"},
        {"asks": [7], "answers": 3},
    ],
)
def test_a_damaged_dependency_record_is_never_trusted(make_site, run_build, tmp_path, damage):
    root = make_site(files())
    assert run_build(root).code == 0
    (state,) = (root / ".cache/citesite").glob("*.json")
    saved = json.loads(state.read_text())
    saved["pages"]["articles/a0/"].update(damage)
    state.write_text(json.dumps(saved))
    edit(root, "content/articles/a5.md", "title: A5", "title: Five")  # a0 relates to a5: its record is asked
    edit(root, "content/articles/a3.md", "topics: [y]", "topics: [z]")  # and the layout changes: all of it is
    assert_same_as_clean(root, run_build, tmp_path)


def theme_site(count: int) -> dict[str, str | bytes]:
    """A site on the default theme (its header menu on every page) with count articles, each on its own topic."""
    found: dict[str, str | bytes] = {
        "content/site.yaml": "title: Theme Site\ndescription: A site for tests.\nbase_url: https://example.org/\n",
        "content/index.md": "---\ntitle: Home\nsummary: The home page.\n---\nWelcome.\n",
        "content/pages/about.md": page("About"),
        "content/404.md": page("Page not found", template='"404"'),
    }
    for n in range(count):
        found[f"content/articles/a{n:02}.md"] = article(f"A{n}", f"Text {n}.\n", order=str(n + 1), topics=f"[t{n}]")
    return found


def test_a_new_article_at_the_end_of_the_default_themes_menu_rewrites_only_the_lists_and_its_neighbour(
    make_site, run_build, tmp_path
):
    root = make_site(theme_site(14), skeleton=False)  # more than the menu's twelve: it links to all the topics
    assert run_build(root).code == 0
    assert "All topics</a>" in (root / "_site/about/index.html").read_text(encoding="utf-8")
    new = article("A14", "Text 14.\n", order="15", topics="[t14]")
    changed = rewritten(root, run_build, lambda: (root / "content/articles/a14.md").write_text(new))
    # a13 gets a next link; the home and 404 pages list every article; the feed and sitemap list it.
    assert changed == [
        "404.html",
        "articles/a13/index.html",
        "articles/a14/index.html",
        "feed.xml",
        "index.html",
        "sitemap.xml",
    ]
    assert_same_as_clean(root, run_build, tmp_path)


@pytest.mark.parametrize("change", ["delete", "rename"])
def test_deleting_or_renaming_the_last_article_rewrites_only_the_lists_and_its_neighbour(
    make_site, run_build, tmp_path, change
):
    root = make_site(theme_site(15), skeleton=False)
    assert run_build(root).code == 0
    last = root / "content/articles/a14.md"
    changed = rewritten(
        root, run_build, lambda: last.unlink() if change == "delete" else last.rename(last.with_stem("z"))
    )
    moved = ["articles/z/index.html"] if change == "rename" else []
    assert changed == ["404.html", "articles/a13/index.html", *moved, "feed.xml", "index.html", "sitemap.xml"]
    assert_same_as_clean(root, run_build, tmp_path)


def test_a_menu_of_twelve_gains_its_link_to_every_topic_on_every_page_with_the_thirteenth(
    make_site, run_build, tmp_path
):
    root = make_site(theme_site(12), skeleton=False)
    assert run_build(root).code == 0
    assert "All topics</a>" not in (root / "_site/about/index.html").read_text(encoding="utf-8")
    new = article("A12", "Text 12.\n", order="13", topics="[t12]")
    changed = rewritten(root, run_build, lambda: (root / "content/articles/a12.md").write_text(new))
    assert "about/index.html" in changed
    assert "All topics</a>" in (root / "_site/about/index.html").read_text(encoding="utf-8")
    assert_same_as_clean(root, run_build, tmp_path)
