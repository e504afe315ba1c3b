"""Lesson Markdown (Carpentries / Pandoc style) reads without false errors: spans, image attributes, deep headings."""

from __future__ import annotations

from conftest import page


def build_pages(make_site, run_build, body: str, other: str = "Other.\n", *args: str):
    """Build a site with pages a.md (body) and b.md (other); the run, and a.md's body as HTML."""
    root = make_site({"content/pages/a.md": page("A", body), "content/pages/b.md": page("B", other)})
    result = run_build(root, *args)
    out = root / "_site/a/index.html"
    html = out.read_text() if out.exists() else ""
    return result, html[html.find("<h1>A</h1>") + len("<h1>A</h1>") : html.find("</body>")]


# 1. Bracketed spans


def test_a_bracketed_span_becomes_a_span_with_its_attributes(make_site, run_build):
    result, html = build_pages(make_site, run_build, "Some [marked text]{#mark .callout .wide lang=fr} here.\n")
    assert result.code == 0, result.err
    assert html == '<p>Some <span class="callout wide" id="mark" lang="fr">marked text</span> here.</p>'


def test_a_span_keeps_quoted_values_and_reads_its_text_as_markdown(make_site, run_build):
    body = 'A [span with [a link](#two) and *em*]{data-note="two words"}.\n\n## Two\n'
    result, html = build_pages(make_site, run_build, body)
    assert result.code == 0, result.err
    assert html.startswith(
        '<p>A <span data-note="two words">span with <a href="#two">a link</a> and <em>em</em></span>.</p>'
    )


def test_a_span_inside_a_span_is_a_span_too(make_site, run_build):
    body = "[a *b* [c [d](#two)]{.inner} e]{.outer} and [f]{.next}\n\n## Two\n"
    result, html = build_pages(make_site, run_build, body)
    assert result.code == 0, result.err
    assert html.startswith(
        '<p><span class="outer">a <em>b</em> <span class="inner">c <a href="#two">d</a></span> e</span> and '
        '<span class="next">f</span></p>'
    )


def test_plain_brackets_links_and_links_with_attributes_are_unchanged(make_site, run_build):
    body = "A [plain] word, [empty]{}, [bare]{hidden}, [a value]{{ x }} and [a link](#two){: .c }.\n\n## Two\n"
    result, html = build_pages(make_site, run_build, body)
    assert result.code == 0, result.err
    assert html.startswith(
        '<p>A [plain] word, [empty]{}, [bare]{hidden}, [a value]{{ x }} and <a class="c" href="#two">a link</a>.</p>'
    )


def test_a_span_id_is_an_anchor_on_its_page_and_from_another(make_site, run_build):
    other = "See [the mark](a.md#mark).\n"
    result, html = build_pages(make_site, run_build, "A [word]{#mark} and [back](#mark).\n", other, "--strict")
    assert result.code == 0, result.err
    assert html == '<p>A <span id="mark">word</span> and <a href="#mark">back</a>.</p>'


def test_a_link_to_a_span_id_that_is_not_there_is_reported(make_site, run_build):
    result, _ = build_pages(make_site, run_build, "A [word]{#mark}.\n", "See [it](a.md#marc).\n")
    assert result.code == 1
    assert (
        "content/pages/b.md:5: error: link 'a.md#marc' points at a missing anchor '#marc' in content/pages/a.md; "
        "check the heading; did you mean '#mark'?" in result.err
    )


def test_span_attributes_go_through_the_attribute_checks(make_site, run_build):
    body = 'Text.\n\n[a]{onclick="go()"} [b]{#main} [c]{width=3}\n'
    result, _ = build_pages(make_site, run_build, body)
    assert result.code == 1
    assert result.err.splitlines()[:3] == [
        "content/pages/a.md:7: error: attribute 'width=' is not allowed on <span> in a '{: }' attribute list; "
        "remove it (allowed there: class, dir, hidden, id, lang, role, title, translate, aria-*, data-*)",
        "content/pages/a.md:7: error: event handler 'onclick=' is not allowed in a '{: }' attribute list; "
        "remove it (scripts belong in static/js/)",
        "content/pages/a.md:7: error: id 'main' is one the page's template gives an element (or the reference "
        "list's); choose another",
    ]


# 2. Image attributes

SVG = '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 1 1"></svg>\n'


def build_with_image(make_site, run_build, body: str, *args: str):
    root = make_site({"content/pages/a.md": page("A", body), "static/img/x.svg": SVG})
    result = run_build(root, *args)
    html = (root / "_site/a/index.html").read_text() if result.code == 0 else ""
    return result, html[html.find("<h1>A</h1>") + len("<h1>A</h1>") : html.find("</body>")]


def test_alt_text_from_an_attribute_list_counts_and_is_written_once(make_site, run_build):
    result, html = build_with_image(make_site, run_build, "![](/img/x.svg){alt='A diagram'}\n", "--strict")
    assert result.code == 0, result.err
    assert "warning" not in result.err
    assert html == '<p><img alt="A diagram" src="../img/x.svg"></p>'


def test_alt_text_in_an_attribute_list_replaces_the_bracketed_one(make_site, run_build):
    result, html = build_with_image(make_site, run_build, '![Old](/img/x.svg){: alt="New" .wide}\n')
    assert result.code == 0, result.err
    assert html == '<p><img alt="New" class="wide" src="../img/x.svg"></p>'


def test_an_image_whose_attribute_list_gives_no_alt_text_is_still_reported(make_site, run_build):
    result, _ = build_with_image(make_site, run_build, "Text.\n\n![](/img/x.svg){: .wide}\n\n![](/img/x.svg){alt=''}\n")
    assert result.err.splitlines()[:2] == [
        "content/pages/a.md:7: warning: image '/img/x.svg' has no alt text; describe it in ![…](/img/x.svg)",
        "content/pages/a.md:9: warning: image '/img/x.svg' has no alt text; describe it in ![…](/img/x.svg)",
    ]


# 3. Anchors at every heading level

HEADINGS = "## Two\n\n### Three\n\n#### Four\n\n##### Five\n\n###### Six\n"


def test_every_heading_level_gets_an_id_and_only_levels_two_and_three_are_in_the_contents(tmp_path):
    from citesite.errors import Problems
    from citesite.markdown import SiteIndex, create_markdown, render_markdown
    from citesite.source.content import FrontMatter, Source
    from citesite.source.data import load_data

    (tmp_path / "data").mkdir()
    index = SiteIndex({}, frozenset(), load_data(tmp_path / "data", Problems()), None, tmp_path)
    body = render_markdown(
        create_markdown(index), Source("a.md", "content/a.md", FrontMatter("A", "S."), HEADINGS, 5, ""), "a/"
    )
    assert body.toc == ((2, "two", "Two"), (3, "three", "Three"))
    assert [line for line in body.html.splitlines()][3:] == [
        '<h5 id="five">Five<a class="headerlink" href="#five" title="Link to this section">#</a></h5>',
        '<h6 id="six">Six<a class="headerlink" href="#six" title="Link to this section">#</a></h6>',
    ]


def test_links_to_headings_of_any_level_pass_the_anchor_check(make_site, run_build):
    body = HEADINGS + "\n[five](#five) and [six](#six).\n"
    result, _ = build_pages(make_site, run_build, body, "See [four](a.md#four) and [six](a.md#six).\n", "--strict")
    assert result.code == 0, result.err


def test_a_link_to_a_deep_heading_that_is_not_there_is_reported(make_site, run_build):
    result, _ = build_pages(make_site, run_build, HEADINGS, "See [it](a.md#sixth).\n")
    assert result.code == 1
    assert (
        "content/pages/b.md:5: error: link 'a.md#sixth' points at a missing anchor '#sixth' in content/pages/a.md; "
        "check the heading; did you mean '#six'?" in result.err
    )


# 4. Inline styles are dropped, with a warning at their line

DROPPED = "(the Content-Security-Policy blocks inline styles); give the element a class and style it in static/css/"


def test_a_style_in_an_attribute_list_is_dropped_with_a_warning_and_the_element_kept(make_site, run_build):
    body = 'Text.\n\n## Heading {: style="color: red" .wide }\n\nA [word]{style="x" .y}.\n'
    result, html = build_pages(make_site, run_build, body)
    assert result.code == 0, result.err
    assert result.err.splitlines() == [
        f"content/pages/a.md:7: warning: 'style=' in a '{{: }}' attribute list is dropped from <h2> {DROPPED}",
        f"content/pages/a.md:9: warning: 'style=' in a '{{: }}' attribute list is dropped from <span> {DROPPED}",
        "0 errors, 2 warnings",
    ]
    assert html == (
        '<p>Text.</p>\n<h2 class="wide" id="heading">Heading<a class="headerlink" href="#heading" '
        'title="Link to this section">#</a></h2>\n<p>A <span class="y">word</span>.</p>'
    )


def test_a_style_in_raw_html_is_dropped_with_a_warning_and_the_element_kept(make_site, run_build):
    body = (
        'Text.\n\n<p style="background:url(javascript:alert(1))" class="c">x</p>\n\n'
        "<div title='a>b' STYLE='x' id=\"d\">\n<p style=color:red>in</p>\n</div>\n\n"
        'An <em style>inline</em> one, and <svg viewBox="0 0 2 2"><rect style="fill:red" width="1"/></svg>.\n'
    )
    result, html = build_pages(make_site, run_build, body)
    assert result.code == 0, result.err
    assert result.err.splitlines() == [
        f"content/pages/a.md:7: warning: 'style=' in raw HTML is dropped from <p> {DROPPED}",
        f"content/pages/a.md:9: warning: 'style=' in raw HTML is dropped from <div> {DROPPED}",
        f"content/pages/a.md:10: warning: 'style=' in raw HTML is dropped from <p> {DROPPED}",
        f"content/pages/a.md:13: warning: 'style=' in raw HTML is dropped from <em> {DROPPED}",
        f"content/pages/a.md:13: warning: 'style=' in raw HTML is dropped from <rect> {DROPPED}",
        "0 errors, 5 warnings",
    ]
    assert html == (
        '<p>Text.</p>\n<p class="c">x</p>\n\n<div title=\'a>b\' id="d">\n<p>in</p>\n</div>\n\n'
        '<p>An <em>inline</em> one, and <svg viewBox="0 0 2 2"><rect width="1"/></svg>.</p>'
    )


def test_a_dropped_style_fails_a_strict_build(make_site, run_build):
    result, _ = build_pages(
        make_site, run_build, 'Text.\n\n<span style="color: red">x</span>\n', "Other.\n", "--strict"
    )
    assert result.code == 1
    assert f"content/pages/a.md:7: warning: 'style=' in raw HTML is dropped from <span> {DROPPED}" in result.err


def test_a_style_beside_an_event_handler_is_dropped_and_the_handler_still_fails_the_build(make_site, run_build):
    result, _ = build_pages(make_site, run_build, 'Text.\n\n<b style="x" onclick="go()">x</b>\n')
    assert result.code == 1
    assert result.err.splitlines() == [
        f"content/pages/a.md:7: warning: 'style=' in raw HTML is dropped from <b> {DROPPED}",
        "content/pages/a.md:7: error: raw HTML event handler 'onclick=' is not allowed in Markdown; remove it "
        "(scripts belong in static/js/)",
        "1 error, 1 warning",
    ]


def test_a_style_in_a_quoted_value_is_text_and_stays():
    from citesite.markdown.rawhtml import without_styles

    assert without_styles("<p title='<b style=\"x\">'>y</p>") == ("<p title='<b style=\"x\">'>y</p>", [])
    assert without_styles('<p title="s" style="a" Style=b>y</p>') == (
        '<p title="s">y</p>',
        [("p", '<p title="s" style="a" Style=b>')],
    )


# 5. A lesson's front matter keys


def test_a_lessons_own_front_matter_keys_are_reported_with_extra_as_the_fix(make_site, run_build):
    lesson = "---\ntitle: A\nsummary: S.\nteaching: 10\nexercises: 5\nquestions:\n  - Why?\nobjectives: [Learn]\nkeypoints: []\n---\nBody.\n"
    root = make_site({"content/pages/a.md": lesson})
    result = run_build(root)
    assert result.code == 1
    assert result.err.splitlines() == [
        f"content/pages/a.md:{line}: error: unknown key '{key}' in front matter; lesson metadata goes under 'extra:' "
        f"(indent '{key}:' below a line 'extra:'), where templates read it as page.extra.{key}"
        for line, key in [(4, "teaching"), (5, "exercises"), (6, "questions"), (8, "objectives"), (9, "keypoints")]
    ] + ["5 errors, 0 warnings"]


def test_lesson_keys_under_extra_reach_the_templates(make_site, run_build):
    lesson = "---\ntitle: A\nsummary: S.\nextra:\n  teaching: 10\n  questions:\n    - Why?\n---\nBody.\n"
    template = '{% extends "base.html" %}{% block main %}{{ page.extra.teaching }} {{ page.extra.questions[0] }}{% endblock %}\n'
    root = make_site({"content/pages/a.md": lesson, "templates/page.html": template})
    result = run_build(root, "--strict")
    assert result.code == 0, result.err
    assert "<body>10 Why?</body>" in (root / "_site/a/index.html").read_text()
