"""Raw HTML and images against the page around them: nothing from another origin, no id the theme uses, and
the drawings the allow-list permits accepted wherever they are written (a paragraph too)."""

from __future__ import annotations

import pytest
from conftest import SITE_YAML, article

from citesite.markdown import TEMPLATE_IDS
from citesite.markdown.attributes import ALLOWED_LIST


def refused(tag: str) -> str:
    """The message for a raw element outside the allow-list (tests/reliability/test_hostile_html.py spells the list out)."""
    return f"raw <{tag}> is not allowed in Markdown; write it in Markdown, or use an allowed element: {ALLOWED_LIST}"


def _body(body: str) -> dict[str, str]:
    return {"content/articles/a.md": article("A", "Text.\n\n" + body)}


ELSEWHERE = "is on another site, and pages load nothing from other sites; save it under static/img/ and write ![what it shows](/img/NAME)"
OTHER_ORIGIN_IMAGES = {
    "raw_https": ('<img src="https://tracker.example/p.gif" alt="x">', "https://tracker.example/p.gif"),
    "raw_http": ("<img src=http://tracker.example/p.gif alt=x>", "http://tracker.example/p.gif"),
    "raw_protocol_relative": ('<img src="//tracker.example/p.gif" alt="x">', "//tracker.example/p.gif"),
    "raw_backslashes": ('<img src="\\\\tracker.example/p.gif" alt="x">', "\\\\tracker.example/p.gif"),
    "raw_upper_case_scheme": ('<img src="HTTPS://tracker.example/p.gif" alt="x">', "HTTPS://tracker.example/p.gif"),
    "raw_entity_in_scheme": ('<img src="https&#58;//tracker.example/p.gif" alt="x">', "https://tracker.example/p.gif"),
    "raw_inline_in_a_paragraph": (
        'Look <img src="https://tracker.example/p.gif" alt="x"> here.',
        "https://tracker.example/p.gif",
    ),
    "markdown_image": ("![A pixel](https://tracker.example/p.gif)", "https://tracker.example/p.gif"),
    "markdown_image_protocol_relative": ("![A pixel](//tracker.example/p.gif)", "//tracker.example/p.gif"),
}


def test_a_reference_image_from_another_origin_is_refused_at_its_address(make_site, run_build):
    root = make_site(_body("![A pixel][p]\n\n[p]: https://tracker.example/p.gif\n"))
    assert run_build(root).err.splitlines() == [
        f"content/articles/a.md:10: error: image 'https://tracker.example/p.gif' {ELSEWHERE}",
        "1 error, 0 warnings",
    ]


@pytest.mark.parametrize("body,url", OTHER_ORIGIN_IMAGES.values(), ids=OTHER_ORIGIN_IMAGES.keys())
def test_an_image_from_another_origin_is_refused_at_its_line(body, url, make_site, run_build):
    root = make_site(_body(body + "\n"))
    result = run_build(root)
    assert result.code == 1
    assert result.err.splitlines() == [
        f"content/articles/a.md:8: error: image '{url}' {ELSEWHERE}",
        "1 error, 0 warnings",
    ]


def test_an_image_of_the_site_and_a_link_to_another_site_are_fine(make_site, run_build):
    files = {
        **_body(
            '![A dot](/img/dot.png)\n\n<img src="/img/dot.png" alt="A dot">\n\n[elsewhere](https://example.org/)\n'
        ),
        "static/img/dot.png": "png",
    }
    root = make_site(files)
    result = run_build(root, "--strict")
    assert result.code == 0, result.err


THEME_ID = "is one the page's template gives an element (or the reference list's); choose another"


@pytest.mark.parametrize("theme_id", ["main", "search-q", "header-search", "toc-heading", "ref-alpha"])
def test_raw_html_may_not_take_an_id_the_theme_uses(theme_id, make_site, run_build):
    root = make_site(_body(f'<div id="{theme_id}">x</div>\n'))
    assert run_build(root).err.splitlines() == [
        f"content/articles/a.md:8: error: id '{theme_id}' {THEME_ID}",
        "1 error, 0 warnings",
    ]


def test_an_attribute_list_may_not_take_an_id_the_theme_uses(make_site, run_build):
    root = make_site(_body("A paragraph.\n{: #search-results }\n"))
    assert run_build(root).err.splitlines() == [
        f"content/articles/a.md:9: error: id 'search-results' {THEME_ID}",
        "1 error, 0 warnings",
    ]


def test_the_intake_checker_keeps_its_own_id():
    assert "checker" in TEMPLATE_IDS  # the '::: checker' holder is the one element that takes it, on purpose


def test_an_id_of_the_pages_own_is_fine(make_site, run_build):
    root = make_site(_body('<div id="main-points">x</div>\n\nA paragraph.\n{: #mainly }\n'))
    assert run_build(root, "--strict").code == 0


DRAWING = '<svg viewBox="0 0 10 10" role="img" width="10"><title>A dot</title><circle cx="5" cy="5" r="4"/></svg>'


@pytest.mark.parametrize(
    "body",
    [
        f"A dot {DRAWING} in a sentence.\n",
        f"{DRAWING} opens the paragraph.\n",
        f"Two {DRAWING} and {DRAWING} drawings.\n",
        f"* a list item with {DRAWING}\n",
        f"| a | b |\n|---|---|\n| {DRAWING} | x |\n",
    ],
    ids=["in_a_sentence", "opening_a_paragraph", "two_in_one_paragraph", "in_a_list_item", "in_a_table_cell"],
)
def test_an_allowed_drawing_inside_a_paragraph_is_accepted(body, make_site, run_build):
    root = make_site(_body(body))
    result = run_build(root, "--strict")
    assert result.code == 0, result.err
    assert "<circle" in (root / "_site/articles/a/index.html").read_text()


@pytest.mark.parametrize(
    "inner,message",
    [
        (
            '<circle onclick="alert(1)"/>',
            "raw HTML event handler 'onclick=' is not allowed in Markdown; remove it (scripts belong in static/js/)",
        ),
        (
            "<script>alert(1)</script>",
            "raw <script> is not allowed in Markdown; put scripts in static/js/ and load them from a template",
        ),
        (
            '<a href="https://evil.example/">x</a>',
            refused("a"),
        ),
        (
            "<foreignObject><p>x</p></foreignObject>",
            refused("foreignObject"),
        ),
    ],
    ids=["event_handler", "script", "link_out", "foreign_object"],
)
def test_what_a_drawing_may_not_hold_is_still_refused_inside_a_paragraph(inner, message, make_site, run_build):
    root = make_site(_body(f'A dot <svg viewBox="0 0 10 10" role="img">{inner}</svg> here.\n'))
    result = run_build(root)
    assert result.code == 1
    assert f"content/articles/a.md:8: error: {message}" in result.err.splitlines(), result.err


# -- what an added extension parses into the page (md_in_html, legacy_attrs, wikilinks) -------------------------

MD_IN_HTML = SITE_YAML + "markdown: {extensions: [md_in_html]}\n"
PARSED_INTO_THE_TREE = {
    "script": (
        "<script>alert(1)</script>",
        "raw <script> is not allowed in Markdown; put scripts in static/js/ and load them from a template",
    ),
    "iframe": (
        '<iframe src="https://example.org/"></iframe>',
        "raw <iframe> is not allowed in Markdown; pages load nothing from other sites; link to it instead",
    ),
    "style": (
        "<style>body { display: none }</style>",
        "raw <style> is not allowed in Markdown; put styles in static/css/ (the Content-Security-Policy blocks inline "
        "styles)",
    ),
    "object": (
        '<object data="x.swf"></object>',
        "raw <object> is not allowed in Markdown; pages load nothing from other sites; link to it instead",
    ),
    "base": (
        '<base href="https://evil.example/">',
        "raw <base> is not allowed in Markdown; it would change where every link on the page points",
    ),
    "textarea": (
        "<textarea>x</textarea>",
        refused("textarea"),
    ),
    "image_elsewhere": (
        '<img src="https://tracker.example/p.gif" alt="x">',
        f"image 'https://tracker.example/p.gif' {ELSEWHERE}",
    ),
}


@pytest.mark.parametrize("html,message", PARSED_INTO_THE_TREE.values(), ids=PARSED_INTO_THE_TREE.keys())
def test_raw_html_md_in_html_parses_into_the_page_is_judged_like_raw_html(html, message, make_site, run_build):
    body = f'<div markdown="1">\n{html}\n*x*\n</div>\n'
    root = make_site({"content/site.yaml": MD_IN_HTML, **_body(body)})
    result = run_build(root)
    assert result.code == 1
    assert result.err.splitlines() == [f"content/articles/a.md:9: error: {message}", "1 error, 0 warnings"]


def test_markdown_inside_html_with_allowed_elements_still_builds(make_site, run_build):
    body = '<div markdown="1" class="note">\n*stressed* and <span>plain</span>\n</div>\n'
    root = make_site({"content/site.yaml": MD_IN_HTML, **_body(body)})
    result = run_build(root, "--strict")
    assert result.code == 0, result.err
    assert "<em>stressed</em>" in (root / "_site/articles/a/index.html").read_text()


def test_legacy_attributes_are_checked_like_attribute_lists(make_site, run_build):
    yaml = SITE_YAML + "markdown: {extensions: [legacy_attrs]}\n"
    root = make_site({"content/site.yaml": yaml, **_body("A paragraph {@onclick=alert(1)}.\n")})
    assert run_build(root).err.splitlines() == [
        "content/articles/a.md:8: error: event handler 'onclick=' is not allowed in a '{: }' attribute list; remove it "
        "(scripts belong in static/js/)",
        "1 error, 0 warnings",
    ]


def test_a_wikilink_to_a_script_address_is_refused(make_site, run_build):
    yaml = SITE_YAML + 'markdown:\n  extensions:\n    - wikilinks: {base_url: "javascript:alert(1)//"}\n'
    root = make_site({"content/site.yaml": yaml, **_body("See [[Other]].\n")})
    assert run_build(root).err.splitlines() == [  # the extension made the address: the body's first line
        "content/articles/a.md:6: error: 'javascript:' links are not allowed (javascript:alert(1)//Other/); link to a "
        "page or an https:// address",
        "1 error, 0 warnings",
    ]


def test_an_option_naming_a_function_is_never_called(make_site, run_build, tmp_path):
    yaml = SITE_YAML + 'markdown:\n  extensions:\n    - wikilinks: {build_url: "os:system"}\n'
    root = make_site({"content/site.yaml": yaml, **_body("See [[touch x]].\n")})
    result = run_build(root)
    assert result.code == 1
    assert "(TypeError: 'str' object is not callable)" in result.err
    assert not (root / "x").exists() and not (tmp_path / "x").exists()
