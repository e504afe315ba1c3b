"""Raw HTML and attribute lists, tried the way an attacker would: families of payloads, judged as a browser parses.

Raw HTML is parsed with the HTML5 algorithm (comments, CDATA, raw-text elements and SVG read as browsers read
them) and held to an allow-list; attribute lists ('{: … }') are checked on the finished tree. Each payload
below built with exit 0 before, and Chromium ran its handler (only the Content-Security-Policy stopped it).
"""

from __future__ import annotations

import html5lib
import pytest
from conftest import article
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from citesite.errors import ERROR, Problems
from citesite.markdown import SiteIndex, create_markdown, render_markdown
from citesite.markdown.attributes import ALLOWED_SVG_TAGS, ALLOWED_TAGS
from citesite.markdown.links import UNSAFE_SCHEMES, clean_url
from citesite.markdown.state import PageState
from citesite.source.content import FrontMatter, Source
from citesite.source.data import load_data

HANDLER = "raw HTML event handler 'onerror=' is not allowed in Markdown; remove it (scripts belong in static/js/)"
LINK = "links are not allowed ({}); link to a page or an https:// address"


ALLOWED_ELEMENTS = (
    "a, abbr, address, article, aside, b, bdi, bdo, blockquote, br, caption, cite, code, col, colgroup, data, dd, "
    "del, details, dfn, div, dl, dt, em, figcaption, figure, footer, h1, h2, h3, h4, h5, h6, header, hr, i, img, ins, "
    "kbd, li, mark, ol, p, pre, q, rp, rt, ruby, s, samp, section, small, span, strong, sub, summary, sup, table, "
    "tbody, td, tfoot, th, thead, time, tr, u, ul, var, wbr; or an SVG drawing (circle, defs, desc, ellipse, g, line, "
    "lineargradient, path, polygon, polyline, radialgradient, rect, stop, svg, text, title, tspan)"
)
GLOBAL = "class, dir, hidden, id, lang, role, title, translate, aria-*, data-*"


def refused(tag: str) -> str:
    return (
        f"raw <{tag}> is not allowed in Markdown; write it in Markdown, or use an allowed element: {ALLOWED_ELEMENTS}"
    )


IMG = "<img src=x onerror=alert(1)>"
RAW_HTML = {
    # an element whose text a browser reads raw, closed inside an attribute: the <img> after it is live
    "noscript_breakout": (f'<noscript><p title="</noscript>{IMG}">', refused("noscript")),
    "textarea_breakout": (f'<textarea><p title="</textarea>{IMG}">', refused("textarea")),
    "xmp_breakout": (f'<xmp><p title="</xmp>{IMG}">', refused("xmp")),
    "title_breakout": (f'<title><p title="</title>{IMG}">', refused("title")),
    "noembed_breakout": (f'<noembed><p title="</noembed>{IMG}">', refused("noembed")),
    "template": (f"<template>{IMG}</template>", refused("template")),
    # comments and declarations that end sooner than they seem to
    "empty_comment": (f"<!-->{IMG}-->", HANDLER),
    "three_dash_comment": (f"<!--->{IMG}-->", HANDLER),
    "cdata_in_html": (f"<![CDATA[>{IMG}]]>", HANDLER),
    "processing_instruction": (f"<?xml >{IMG}?>", HANDLER),
    # SVG and MathML
    "svg_animate_href": ('<svg><animate attributeName="href" values="javascript:alert(1)"></svg>', refused("animate")),
    "svg_set_href": ('<svg><set attributeName="href" to="javascript:alert(1)"></svg>', refused("set")),
    "svg_xlink_href": (
        '<svg><a xlink:href="javascript:alert(1)"><text>x</text></a></svg>',
        "'javascript:' " + LINK.format("javascript:alert(1)"),
    ),
    "mathml_style_confusion": (f"<math><mtext><table><mglyph><style>{IMG}", refused("math")),
    # case, whitespace and entities
    "capitals": ("<IMG SRC=x ONERROR=alert(1)>", HANDLER),
    "newline_before_handler": ("<img src=x\nonerror=alert(1)>", HANDLER),
    "hex_entity_scheme": (
        '<a href="&#x6A;avascript:alert(1)">x</a>',
        "'javascript:' " + LINK.format("javascript:alert(1)"),
    ),
    "named_entity_colon": (
        '<a href="javascript&colon;alert(1)">x</a>',
        "'javascript:' " + LINK.format("javascript:alert(1)"),
    ),
    "tab_entity_inside_scheme": (
        '<img src="java&#9;script:alert(1)" alt=x>',
        "'javascript:' " + LINK.format("javascript:alert(1)"),
    ),
    "space_before_vbscript": (
        '<a href=" vbscript:msgbox(1)">x</a>',
        "'vbscript:' " + LINK.format("vbscript:msgbox(1)"),
    ),
    "data_url_link": ('<a href="data:text/html,hi">x</a>', "'data:' " + LINK.format("data:text/html,hi")),
    # other elements and attributes
    "details_ontoggle": (
        "<details open ontoggle=alert(1)>x</details>",
        "raw HTML event handler 'ontoggle=' is not allowed in Markdown; remove it (scripts belong in static/js/)",
    ),
    "form_action": ('<form action="javascript:alert(1)"><button>x</button></form>', refused("form")),
    "input_onfocus": ("<input autofocus onfocus=alert(1)>", refused("input")),
    "unknown_attribute": (
        '<span formaction="x">x</span>',
        f"attribute 'formaction=' is not allowed on <span> in Markdown; remove it (allowed there: {GLOBAL})",
    ),
}


@pytest.mark.parametrize("html,message", RAW_HTML.values(), ids=RAW_HTML.keys())
def test_raw_html_is_judged_as_a_browser_parses_it(make_site, run_build, html, message):
    root = make_site({"content/articles/a.md": article("A", "Fine.\n\n" + html + "\n\nMore.\n")})
    result = run_build(root)
    assert result.code == 1
    assert f"content/articles/a.md:8: error: {message}" in result.err.splitlines(), result.err
    assert "internal error" not in result.err
    assert not (root / "_site").exists()


ON_CLICK = (
    "event handler 'onclick=' is not allowed in a '{: }' attribute list; remove it (scripts belong in static/js/)"
)
ATTRIBUTE_LISTS = {
    "onclick_on_a_link": ('[x](https://example.org/){: onclick="alert(1)" }', ON_CLICK),
    "capital_handler": ('[x](https://example.org/){: ONCLICK="alert(1)" }', ON_CLICK.replace("onclick", "ONCLICK")),
    "javascript_href_on_a_link": (
        '[x](https://example.org/){: href="javascript:alert(1)" }',
        "'javascript:' " + LINK.format("javascript:alert(1)"),
    ),
    "entity_in_the_scheme": (  # written through as '&#106;', which the browser decodes
        '[x](https://example.org/){: href="&#106;avascript:alert(1)" }',
        "'javascript:' " + LINK.format("javascript:alert(1)"),
    ),
    "hex_entity_in_the_scheme": (
        '[x](https://example.org/){: href="&#x6A;avascript:alert(1)" }',
        "'javascript:' " + LINK.format("javascript:alert(1)"),
    ),
    "named_entity_tab_in_the_scheme": (
        '[x](https://example.org/){: href="java&Tab;script:alert(1)" }',
        "'javascript:' " + LINK.format("javascript:alert(1)"),
    ),
    "entity_in_a_markdown_link": (
        "[x](&#106;avascript:alert(1))",
        "'javascript:' " + LINK.format("javascript:alert(1)"),
    ),
    "entity_inside_the_scheme_of_a_markdown_link": (
        "[x](java&#115;cript:alert(1))",
        "'javascript:' " + LINK.format("javascript:alert(1)"),
    ),
    "spaces_before_the_scheme": (
        '[x](https://example.org/){: href="  javascript:alert(1)" }',
        "'javascript:' " + LINK.format("javascript:alert(1)"),
    ),
    "onerror_on_an_image": (
        '![a cat](https://example.org/cat.png){: onerror="alert(1)" }',
        ON_CLICK.replace("onclick", "onerror"),
    ),
    "data_src_on_an_image": (
        '![a cat](https://example.org/cat.png){: src="data:text/html,hi" }',
        "'data:' " + LINK.format("data:text/html,hi"),
    ),
    "onmouseover_on_a_heading": ('## Heading {: onmouseover="alert(1)" }', ON_CLICK.replace("onclick", "onmouseover")),
    "vbscript_on_a_list_item": (
        '* item\n{: cite="vbscript:msgbox(1)" }',
        "'vbscript:' " + LINK.format("vbscript:msgbox(1)"),
    ),
    "unknown_attribute": (
        '## Heading {: formaction="x" }',
        "attribute 'formaction=' is not allowed on <h2> in a '{: }' attribute list; remove it "
        f"(allowed there: {GLOBAL})",
    ),
}


@pytest.mark.parametrize("markdown,message", ATTRIBUTE_LISTS.values(), ids=ATTRIBUTE_LISTS.keys())
def test_attribute_lists_are_checked_on_the_finished_page(make_site, run_build, markdown, message):
    root = make_site({"content/articles/a.md": article("A", "Fine.\n\n" + markdown + "\n")})
    result = run_build(root)
    assert result.code == 1
    line = 8 + markdown.count("\n")  # the line of the '{: }' list
    assert f"content/articles/a.md:{line}: error: {message}" in result.err.splitlines(), result.err
    assert not (root / "_site").exists()


def test_an_attribute_list_on_its_own_line_is_reported_there(make_site, run_build):
    body = 'Fine.\n\nA paragraph\nof two lines.\n{: onfocus="alert(1)" }\n'
    root = make_site({"content/articles/a.md": article("A", body)})
    result = run_build(root)
    assert result.err.splitlines() == [
        f"content/articles/a.md:10: error: {ON_CLICK.replace('onclick', 'onfocus')}",
        "1 error, 0 warnings",
    ]


def test_allowed_raw_html_and_attribute_lists_still_build(make_site, run_build):
    body = (
        '<div class="note" id="n1" title="t" lang="en" aria-label="x" data-kind="y"><p>Kept <b>bold</b>, '
        '<abbr title="calcium">Ca</abbr>, <kbd>Ctrl</kbd>, <time datetime="2026-01-01">1 Jan</time>.</p></div>\n\n'
        "## A heading {: #custom .wide }\n\n"
        '[a link](https://example.org/){: rel="nofollow" title="Out" }\n\n'
        '<table><tr><th scope="col" colspan="2">Head</th></tr></table>\n\n'
        "Write to <user@example.org>.\n"
    )
    root = make_site({"content/articles/a.md": article("A", body)})
    result = run_build(root)
    assert result.code == 0, result.err
    html = (root / "_site/articles/a/index.html").read_text(encoding="utf-8")
    assert '<h2 class="wide" id="custom">' in html
    assert '<div class="note" id="n1" title="t" lang="en" aria-label="x" data-kind="y">' in html


# -- the property: whatever reaches the page is allowed, or the page is refused -------------------------

TABLE = "title: T\ncolumns:\n  - {key: a, label: A, header: true}\nsources: [r1]\nrows:\n  - {id: x, a: 1}\n"
REFS = "- key: r1\n  title: R\n  year: 2020\n  url: https://doi.org/10/x\n"


@pytest.fixture(scope="module")
def index(tmp_path_factory: pytest.TempPathFactory) -> SiteIndex:
    content = tmp_path_factory.mktemp("hostile") / "content"
    (content / "data").mkdir(parents=True)
    (content / "data/t.yaml").write_text(TABLE, encoding="utf-8")
    (content / "data/references.yaml").write_text(REFS, encoding="utf-8")
    problems = Problems()
    data = load_data(content / "data", problems)
    assert not problems.errors, problems.items
    return SiteIndex({"articles/a.md": "articles/a/"}, frozenset(["articles/a/"]), data, None, content / "figures")


def live_dangers(html: str) -> list[str]:
    """What a browser would build from html that could run code or is off the lists, as html5lib parses it."""
    fragment = html5lib.parseFragment(html, treebuilder="etree", namespaceHTMLElements=False)
    found = []
    for element in fragment.iter():
        if not isinstance(element.tag, str) or element.tag == "DOCUMENT_FRAGMENT":
            continue
        tag = element.tag.split("}", 1)[-1]
        allowed = ALLOWED_SVG_TAGS if element.tag.startswith("{") else ALLOWED_TAGS
        if tag.lower() not in allowed:
            found.append(f"<{tag}>")
        for name, value in element.attrib.items():
            name = name.split("}", 1)[-1].lower()
            if name.startswith("on"):
                found.append(f"{name}=")
            scheme = clean_url(value.replace("\ufffd", "")).split(":", 1)[0].lower() if ":" in value else ""
            if name in ("href", "src", "action", "formaction", "cite", "data", "poster") and scheme in UNSAFE_SCHEMES:
                found.append(f"{name}={value!r}")
    return found


TAGS = ["img", "a", "p", "span", "svg", "noscript", "textarea", "xmp", "style", "script", "iframe", "details", "math"]
ATTRS = ["onerror", "OnClick", "onmouseover", "href", "src", "style", "title", "xlink:href", "formaction"]
VALUES = ["alert(1)", "javascript:alert(1)", "JaVa\tScRiPt:x", " data:text/html,x", "&#106;avascript:x", "vbscript:x"]
WRAPPERS = ["{}", "<!-->{}-->", "<![CDATA[>{}]]>", '<noscript><p title="</noscript>{}">', "`{}`", "```\n{}\n```"]


@st.composite
def hostile_markdown(draw: st.DrawFn) -> str:
    tag, attr, value = draw(st.sampled_from(TAGS)), draw(st.sampled_from(ATTRS)), draw(st.sampled_from(VALUES))
    quote = draw(st.sampled_from(['"', "'", ""]))
    value_text = value if quote else value.replace(" ", "").replace("\t", "")
    html = f"<{tag} {attr}={quote}{value_text}{quote}>x</{tag}>"
    attr_list = f'[x](https://example.org/){{: {attr.replace(":", "")}="{value}" }}'
    piece = draw(st.sampled_from([html, attr_list, f'## Head {{: {attr.replace(":", "")}="{value}" }}']))
    return draw(st.sampled_from(WRAPPERS)).format(piece)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(pieces=st.lists(hostile_markdown(), min_size=1, max_size=3))
def test_nothing_dangerous_reaches_a_page_that_builds(index: SiteIndex, pieces: list[str]) -> None:
    body = "Text.\n\n" + "\n\n".join(pieces) + "\n"
    md = create_markdown(index)
    source = Source("articles/a.md", "content/articles/a.md", FrontMatter("T", "S."), body, 5, "")
    result = render_markdown(md, source, "articles/a/")
    assert all(p.line is not None and p.line >= 5 for p in result.problems)
    if not any(p.level == ERROR for p in result.problems):
        assert live_dangers(result.html) == [], (body, result.html)


def test_the_finished_page_is_judged_whole_once_raw_html_is_put_back(index: SiteIndex) -> None:
    # Pieces that look harmless one by one could change how the next is read; the whole page is parsed again.
    md = create_markdown(index)
    md.reset()
    state = PageState("articles/a.md", "articles/a/", "content/articles/a.md", 'Text.\n\n<span title="x">\n', 5)
    state.first_raw_html = '<span title="x">'
    md.page_state = state  # type: ignore[attr-defined]
    finished = md.postprocessors["citesite-finished-page"]
    page = '<p>Text.</p>\n<span title="x">\n<p><img src=x onerror=alert(1)><a href="javascript:x">y</a></p>'
    assert finished.run(page) == page
    assert [str(p) for p in state.problems] == [
        f"content/articles/a.md:7: {HANDLER}",
        "content/articles/a.md:7: 'javascript:' " + LINK.format("javascript:x"),
    ]
    state.problems.clear()
    state.first_raw_html = None  # a page without raw HTML was checked element by element instead
    assert finished.run(page) == page and state.problems == []
