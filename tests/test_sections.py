"""Sections: every folder under content/ lists its pages, orders them, links them in a pager and takes its
settings from site.yaml's 'sections:'; 'articles' and 'pages' keep the behaviour they always had."""

from __future__ import annotations

from pathlib import Path

from conftest import SITE_YAML, article, page

LIST = (
    '{% extends "base.html" %}{% block main %}<h1>{{ page.title }}</h1>{{ content }}'
    '{% for p in section_pages %}<a href="{{ url(p.url) }}">{{ p.title }}</a>{% endfor %}{% endblock %}\n'
)
PAGER = (
    '{% extends "base.html" %}{% block main %}<h1>{{ page.title }}</h1>{{ content }}'
    '{% if previous %}<a rel="prev" href="{{ url(previous.url) }}">{{ previous.title }}</a>{% endif %}'
    '{% if next %}<a rel="next" href="{{ url(next.url) }}">{{ next.title }}</a>{% endif %}{% endblock %}\n'
)


def body(root: Path, rel: str) -> str:
    """What a built page's <body> holds."""
    html = (root / "_site" / rel).read_text(encoding="utf-8")
    return html.split("<body>", 1)[1].split("</body>", 1)[0]


def guides_site(make_site, **files: str) -> Path:
    """A site with a list template, a pager on plain pages and three guides out of file-name order."""
    return make_site(
        {
            "templates/list.html": LIST,
            "templates/page.html": PAGER,
            "content/guides/zinc.md": page("Start here", order="1"),
            "content/guides/alpha.md": page("Then this", order="2"),
            "content/guides/beta.md": page("Last", order="3"),
            **files,
        }
    )


def test_a_new_section_folder_gets_a_list_page_of_its_pages_in_order(make_site, run_build):
    root = guides_site(make_site)
    result = run_build(root)
    assert (result.code, result.err) == (0, "")
    assert body(root, "guides/index.html") == (
        '<h1>Guides</h1><a href="zinc/">Start here</a><a href="alpha/">Then this</a><a href="beta/">Last</a>'
    )


def test_pages_of_a_section_link_to_the_previous_and_next_page_of_that_section_only(make_site, run_build):
    root = guides_site(make_site, **{"content/pages/about.md": page("About")})
    assert run_build(root).code == 0
    assert (
        body(root, "guides/zinc/index.html")
        == '<h1>Start here</h1><p>Some text.</p><a rel="next" href="../alpha/">Then this</a>'
    )
    assert body(root, "guides/alpha/index.html") == (
        '<h1>Then this</h1><p>Some text.</p><a rel="prev" href="../zinc/">Start here</a><a rel="next" href="../beta/">Last</a>'
    )
    assert (
        body(root, "guides/beta/index.html")
        == '<h1>Last</h1><p>Some text.</p><a rel="prev" href="../alpha/">Then this</a>'
    )
    assert body(root, "about/index.html") == "<h1>About</h1><p>Some text.</p>"  # pages: no pager, no list page
    assert not (root / "_site/pages").exists()


def test_links_between_sections_resolve_both_ways(make_site, run_build):
    root = guides_site(
        make_site,
        **{
            "content/guides/zinc.md": page("Start here", order="1", body="See [the basics](../articles/basics.md).\n"),
            "content/articles/basics.md": article("Basics", body="Next read [the guide](../guides/zinc.md).\n"),
        },
    )
    result = run_build(root)
    assert (result.code, result.err) == (0, "")
    assert '<p>See <a href="../../articles/basics/">the basics</a>.</p>' in body(root, "guides/zinc/index.html")
    assert '<p>Next read <a href="../../guides/zinc/">the guide</a>.</p>' in body(root, "articles/basics/index.html")


def test_order_by_date_lists_the_newest_first_and_order_by_title_alphabetically(make_site, run_build):
    settings = SITE_YAML + "sections:\n  news:\n    order: date\n  terms:\n    order: title\n    title: Word list\n"
    root = make_site(
        {
            "content/site.yaml": settings,
            "templates/list.html": LIST,
            "content/news/old.md": page("Old news", date="2025-01-02"),
            "content/news/new.md": page("New news", date="2026-03-04"),
            "content/news/undated.md": page("Undated"),
            "content/terms/b.md": page("banana"),
            "content/terms/a.md": page("Cherry"),
            "content/terms/c.md": page("apple"),
        }
    )
    assert run_build(root).code == 0
    assert body(root, "news/index.html") == (
        '<h1>News</h1><a href="new/">New news</a><a href="old/">Old news</a><a href="undated/">Undated</a>'
    )
    assert body(root, "terms/index.html") == (
        '<h1>Word list</h1><a href="c/">apple</a><a href="b/">banana</a><a href="a/">Cherry</a>'
    )


def test_a_section_takes_its_own_page_and_list_templates(make_site, run_build):
    settings = SITE_YAML + "sections:\n  guides:\n    template: guide\n    list_template: guide-list\n"
    root = make_site(
        {
            "content/site.yaml": settings,
            "templates/guide.html": '{% extends "base.html" %}{% block main %}GUIDE {{ page.title }}{% endblock %}\n',
            "templates/guide-list.html": '{% extends "base.html" %}{% block main %}'
            "{{ section_pages | length }} guides{% endblock %}\n",
            "content/guides/one.md": page("One"),
            "content/guides/two.md": page("Two", template="page"),  # a page's own template still wins
        }
    )
    assert run_build(root).code == 0
    assert body(root, "guides/index.html") == "2 guides"
    assert body(root, "guides/one/index.html") == "GUIDE One"
    assert body(root, "guides/two/index.html") == "<h1>Two</h1><p>Some text.</p>"


def test_the_sections_index_md_gives_the_list_page_its_title_and_text(make_site, run_build):
    root = guides_site(make_site, **{"content/guides/index.md": page("All the guides", body="Read them in order.\n")})
    assert run_build(root).code == 0
    assert body(root, "guides/index.html") == (
        '<h1>All the guides</h1><p>Read them in order.</p><a href="zinc/">Start here</a>'
        '<a href="alpha/">Then this</a><a href="beta/">Last</a>'
    )


def test_without_a_list_template_a_section_simply_has_no_list_page(make_site, run_build):
    root = make_site({"content/guides/one.md": page("One")})
    result = run_build(root)
    assert (result.code, result.err) == (0, "")
    assert (root / "_site/guides/one/index.html").is_file()
    assert not (root / "_site/guides/index.html").exists()


def test_a_list_page_asked_for_without_its_template_is_an_error_at_the_setting(make_site, run_build):
    settings = SITE_YAML + "sections:\n  guides:\n    list: true\n"
    root = make_site({"content/site.yaml": settings, "content/guides/one.md": page("One")})
    result = run_build(root)
    assert result.code == 1
    assert result.err == (
        "content/site.yaml:5: error: section 'guides' has a list page but no template 'list' "
        "(templates: 404, article, glossary, home, page, references, search); add templates/list.html, set list_template, or set list: false\n"
        "1 error, 0 warnings\n"
    )


def test_list_false_turns_the_list_page_off_and_pager_false_the_pager(make_site, run_build):
    settings = SITE_YAML + "sections:\n  guides:\n    list: false\n    pager: false\n"
    root = guides_site(make_site, **{"content/site.yaml": settings})
    assert run_build(root).code == 0
    assert not (root / "_site/guides/index.html").exists()
    assert body(root, "guides/alpha/index.html") == "<h1>Then this</h1><p>Some text.</p>"


def test_bad_section_settings_are_all_reported_with_their_lines(make_site, run_build):
    settings = SITE_YAML + (
        "sections:\n"
        "  guides:\n"
        "    titel: Guides\n"
        "    order: newest\n"
        "    list: maybe\n"
        "  data:\n"
        "    title: Data\n"
        "  news: [a, b]\n"
    )
    root = make_site({"content/site.yaml": settings, "content/guides/one.md": page("One")})
    result = run_build(root)
    assert result.code == 1
    assert result.err == (
        "content/site.yaml:6: error: unknown key 'titel' in section 'guides'; did you mean 'title'?\n"
        "content/site.yaml:7: error: section 'guides': 'order': 'newest' is not one of order, date, title; "
        "e.g. order: date\n"
        "content/site.yaml:8: error: 'list': expected true or false, got text 'maybe'\n"
        "content/site.yaml:9: error: 'sections': 'data' cannot be a section; "
        "name a folder under content/ such as guides\n"
        "content/site.yaml:11: error: 'sections': 'news' must be 'key: value' lines (title:, order:, …)\n"
        "5 errors, 0 warnings\n"
    )


def test_a_configured_section_without_pages_is_a_warning_with_did_you_mean(make_site, run_build):
    settings = SITE_YAML + "sections:\n  guide:\n    title: Guides\n"
    root = make_site({"content/site.yaml": settings, "content/guides/one.md": page("One")})
    result = run_build(root)
    assert result.code == 0
    assert result.err == (
        "content/site.yaml:5: warning: section 'guide' has no pages (no .md file in content/guide/); "
        "check the name; did you mean 'guides'? or start a page: new guide \"Title\"\n"
        "0 errors, 1 warning\n"
    )


def test_a_section_with_feed_true_is_in_the_feed_beside_the_articles(make_site, run_build):
    settings = SITE_YAML + "sections:\n  news:\n    feed: true\n"
    root = make_site(
        {
            "content/site.yaml": settings,
            "content/news/launch.md": page("Launch", date="2026-05-01"),
            "content/articles/one.md": article("One", date="2026-04-01", reviewed="2026-04-01"),
            "content/guides/skip.md": page("Not in the feed", date="2026-06-01"),
        }
    )
    assert run_build(root).code == 0
    feed = (root / "_site/feed.xml").read_text(encoding="utf-8")
    assert feed.count("<entry>") == 2
    assert feed.index("<title>Launch</title>") < feed.index("<title>One</title>")
    assert "Not in the feed" not in feed


def test_a_changed_title_or_order_rebuilds_the_list_page(make_site, run_build):
    root = guides_site(make_site)
    assert run_build(root).code == 0
    (root / "content/guides/beta.md").write_text(page("First now", order="0"), encoding="utf-8")
    result = run_build(root)
    assert (result.code, result.err) == (0, "")
    assert body(root, "guides/index.html") == (
        '<h1>Guides</h1><a href="beta/">First now</a><a href="zinc/">Start here</a><a href="alpha/">Then this</a>'
    )
    assert body(root, "guides/zinc/index.html") == (
        '<h1>Start here</h1><p>Some text.</p><a rel="prev" href="../beta/">First now</a>'
        '<a rel="next" href="../alpha/">Then this</a>'
    )


def test_articles_keep_their_pager_and_have_no_list_page_by_default(make_site, run_build):
    root = make_site(
        {
            "templates/list.html": LIST,
            "templates/article.html": PAGER,
            "content/articles/b.md": article("Bee", order="1"),
            "content/articles/a.md": article("Ant", order="2"),
        }
    )
    assert run_build(root).code == 0
    assert not (root / "_site/articles/index.html").exists()
    assert body(root, "articles/b/index.html") == '<h1>Bee</h1><p>Some text.</p><a rel="next" href="../a/">Ant</a>'


def test_an_unknown_section_template_is_reported_once_at_its_setting(make_site, run_build):
    settings = SITE_YAML + "sections:\n  guides:\n    template: guidee\n"
    root = make_site(
        {
            "content/site.yaml": settings,
            "content/guides/one.md": page("One"),
            "content/guides/two.md": page("Two"),
            "content/guides/three.md": page("Three", template="guidee"),  # its own line: reported there
        }
    )
    result = run_build(root)
    assert result.code == 1
    assert result.err == (
        "content/guides/three.md:4: error: unknown template 'guidee'; use one of: 404, article, glossary, home, page, references, search\n"
        "content/site.yaml:5: error: unknown template 'guidee'; use one of: 404, article, glossary, home, page, references, search\n"
        "2 errors, 0 warnings\n"
    )
