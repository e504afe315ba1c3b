"""Escaping: hostile text in every field reaches the reader as text, never as markup or script.

The hostile site is built with the project's real templates/ and static/, so page HTML, its attributes, the
JSON-LD block, feed.xml and sitemap.xml are checked as published. Unsafe URLs and raw HTML in Markdown are
refused with the file and line.
"""

from __future__ import annotations

import json
import shutil
import xml.etree.ElementTree as ET
from html.parser import HTMLParser
from pathlib import Path

import pytest
from conftest import article, page, write_files

from citesite.cli import main

PROJECT = Path(__file__).resolve().parents[2]
HOSTILE = '<script>alert(1)</script><img src=x onerror=alert(2)>" onmouseover="alert(3)\' & </script>]]>-->'
ATOM = "{http://www.w3.org/2005/Atom}"
XHTML = "{http://www.w3.org/1999/xhtml}"  # an entry's content: its summary and change note as XHTML


def quoted(text: str) -> str:
    """text as a YAML double-quoted scalar (JSON's string syntax is valid YAML)."""
    return json.dumps(text)


def hostile_files() -> dict[str, str | bytes]:
    q = quoted(HOSTILE)
    return {
        "content/site.yaml": (
            f"title: {quoted('Site ' + HOSTILE)}\ndescription: {quoted('About ' + HOSTILE)}\n"
            f"base_url: https://example.org/sub/\nauthor: {quoted('By ' + HOSTILE)}\n"
            f"disclaimer: {quoted('Note ' + HOSTILE)}\n"
        ),
        "content/index.md": f"---\ntitle: Home\nsummary: {q}\n---\nWelcome.\n",
        "content/articles/a.md": (
            f"---\ntitle: {q}\nsummary: {q}\nreviewed: 2026-11-01\ntopics: [{q}]\n---\n"
            "## Magnesium's role &amp; &lt;script&gt;\n\nAn Osteoblast works [@alpha].\n\n::: table t\n\n::: chart t\n"
        ),
        "content/pages/glossary.md": page("Glossary", "Terms.\n", template="glossary"),
        "content/pages/references.md": page("References", "All sources.\n", template="references"),
        "content/data/references.yaml": (
            f"- key: alpha\n  title: {q}\n  authors: {q}\n  container: {q}\n  details: {q}\n  note: {q}\n"
            f"  group: {q}\n  year: 2020\n  doi: {quoted('10.1000/x' + HOSTILE)}\n"
        ),
        "content/data/glossary.yaml": f"- term: Osteoblast\n  definition: {q}\n  aliases: [{q}]\n",
        "content/data/t.yaml": (
            f"title: {q}\ndescription: {q}\nnotes: {q}\nsources: [alpha]\n"
            f"columns:\n  - {{key: a, label: {q}, header: true}}\n  - {{key: n, label: {q}, unit: {q}}}\n"
            f"chart: {{label: a, values: [n], title: {q}, unit: {q}}}\n"
            f"rows:\n  - {{a: {q}, n: 5}}\n"
        ),
    }


class Tags(HTMLParser):
    """Every start tag (attributes decoded as a browser decodes them) and the text of chosen elements."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.texts: dict[str, list[str]] = {}
        self._open: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))
        self._open.append(tag)
        self.texts.setdefault(tag, []).append("")

    def handle_endtag(self, tag: str) -> None:
        if tag in self._open:
            while self._open.pop() != tag:
                pass

    def handle_data(self, data: str) -> None:
        if self._open:
            self.texts[self._open[-1]][-1] += data


def parse(html: str) -> Tags:
    parser = Tags()
    parser.feed(html)
    parser.close()
    return parser


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The hostile site built once with the real templates and static files."""
    root = tmp_path_factory.mktemp("hostile")
    shutil.copytree(PROJECT / "templates", root / "templates")
    shutil.copytree(PROJECT / "static", root / "static")
    write_files(root, hostile_files())
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("SOURCE_DATE_EPOCH", "1795000000")
        assert main(["--root", str(root), "--quiet"]) == 0
    return root / "_site"


def html_pages(site: Path) -> list[Path]:
    return sorted(p for p in site.rglob("*.html") if "pagefind" not in p.parts)


def test_no_page_gains_a_script_an_element_or_an_event_handler(hostile_site: Path):
    pages = html_pages(hostile_site)
    assert len(pages) >= 4
    for path in pages:
        parsed = parse(path.read_text(encoding="utf-8"))
        for tag, attrs in parsed.tags:
            where = f"{path.relative_to(hostile_site)}: <{tag} {attrs}>"
            assert not any(name.startswith("on") for name in attrs), where
            if tag == "script":
                assert attrs.get("type") == "application/ld+json" or (attrs.get("src") or "").endswith(".js"), where
            assert not (tag == "img" and attrs.get("src") == "x"), where


def test_hostile_text_is_shown_as_text(hostile_site: Path):
    parsed = parse((hostile_site / "articles/a/index.html").read_text(encoding="utf-8"))
    assert HOSTILE in parsed.texts["h1"]
    assert HOSTILE in parsed.texts["figcaption"]  # the data table's title under its chart
    assert HOSTILE in parsed.texts["caption"][0]  # and as the table's caption
    assert HOSTILE in parsed.texts["td"] or HOSTILE in parsed.texts["th"]  # a data cell
    assert any(HOSTILE in text for text in parsed.texts["cite"])  # a reference's title
    metas = {
        attrs.get("name") or attrs.get("property"): attrs.get("content") for tag, attrs in parsed.tags if tag == "meta"
    }
    assert metas["description"] == HOSTILE
    assert metas["og:title"] == HOSTILE
    term = next(attrs for tag, attrs in parsed.tags if tag == "a" and attrs.get("class") == "term")
    assert term["title"] == HOSTILE  # the glossary definition, in an attribute
    doi = next(attrs["href"] for tag, attrs in parsed.tags if tag == "a" and "doi.org" in (attrs.get("href") or ""))
    assert doi == "https://doi.org/10.1000/x" + HOSTILE


def test_glossary_and_reference_pages_show_the_text(hostile_site: Path):
    glossary = parse((hostile_site / "glossary/index.html").read_text(encoding="utf-8"))
    assert HOSTILE in glossary.texts["dd"]
    references = parse((hostile_site / "references/index.html").read_text(encoding="utf-8"))
    assert any(HOSTILE in text for text in references.texts["cite"])


def test_json_ld_cannot_be_broken_out_of(hostile_site: Path):
    opening = '<script type="application/ld+json">'
    for path in html_pages(hostile_site):
        text = path.read_text(encoding="utf-8")
        blocks = [attrs for tag, attrs in parse(text).tags if attrs.get("type") == "application/ld+json"]
        if path.name == "404.html":
            assert blocks == []
            continue
        assert len(blocks) == 1, path
        start = text.index(opening) + len(opening)
        body = text[start : text.index("</script>", start)]  # where a browser ends the block
        assert "<" not in body and ">" not in body  # so no '</script>' or '<!--' inside can end it early
        data = json.loads(body)  # the whole block is one JSON value: nothing was cut off
        if path.parent.name == "a":
            assert data["name"] == HOSTILE
            assert data["description"] == HOSTILE
            assert data["about"] == [{"@type": "Thing", "name": HOSTILE}]
            assert data["citation"][0]["name"] == HOSTILE


def test_feed_and_sitemap_are_well_formed_and_keep_the_text(hostile_site: Path):
    feed = ET.parse(hostile_site / "feed.xml").getroot()
    assert all(element.tag.startswith((ATOM, XHTML)) for element in feed.iter())  # nothing injected
    assert {element.tag for element in feed.iter() if element.tag.startswith(XHTML)} <= {XHTML + "div", XHTML + "p"}
    assert feed.findtext(f"{ATOM}title") == "Site " + HOSTILE
    assert feed.findtext(f"{ATOM}subtitle") == "About " + HOSTILE
    assert feed.findtext(f"{ATOM}author/{ATOM}name") == "By " + HOSTILE
    entry = feed.find(f"{ATOM}entry")
    assert entry is not None
    assert entry.findtext(f"{ATOM}title") == HOSTILE
    assert entry.findtext(f"{ATOM}summary") == HOSTILE
    sitemap = ET.parse(hostile_site / "sitemap.xml").getroot()
    assert {element.tag.split("}")[1] for element in sitemap.iter()} <= {"urlset", "url", "loc", "lastmod"}


def test_headings_with_entities_and_smart_quotes_read_right_in_the_contents(hostile_site: Path):
    parsed = parse((hostile_site / "articles/a/index.html").read_text(encoding="utf-8"))
    toc_links = [t for t in parsed.texts["a"] if "role" in t]
    assert "Magnesium\u2019s role & <script>" in toc_links
    assert not any("\x02" in t or "\x03" in t or "wzxhzdk" in t for t in parsed.texts["a"])


# -- unsafe URLs and raw HTML in Markdown --------------------------------------------------------------

REFUSED = {
    "javascript_link": ("[x](javascript:alert(1))\n", 6, "'javascript:' links are not allowed (javascript:alert(1))"),
    "image_with_a_javascript_url": (
        "![a cat](javascript:alert(1))\n",
        6,
        "'javascript:' links are not allowed (javascript:alert(1))",
    ),
    "image_with_a_data_url": (
        "![a cat](data:image/svg+xml;base64,PHN2Zz4=)\n",
        6,
        "'data:' links are not allowed (data:image/svg+xml;base64,PHN2Zz4=)",
    ),
    "reference_style_link": (
        "See [this][1].\n\n[1]: javascript:alert(1)\n",
        8,
        "'javascript:' links are not allowed (javascript:alert(1))",
    ),
    "reference_style_image": (
        "See ![this][1].\n\n[1]: data:text/html,hi\n",
        8,
        "'data:' links are not allowed (data:text/html,hi)",
    ),
    "autolink": ("Go <javascript:alert(1)>.\n", 6, "'javascript:' links are not allowed (<javascript:alert(1)>)"),
    "behind_spaces_and_a_tab": (
        "[x]( \tjavascript:alert(1))\n",
        6,
        "'javascript:' links are not allowed (javascript:alert(1))",
    ),
    "with_a_newline_inside_the_scheme": (
        'See <a href="java\nscript:alert(1)">x</a>\n',
        6,
        "'javascript:' links are not allowed (javascript:alert(1))",
    ),
    "with_an_encoded_tab_inside_the_scheme": (
        'See <a href="java&Tab;script:alert(1)">x</a>\n',
        6,
        "'javascript:' links are not allowed (javascript:alert(1))",
    ),
    "mixed_case_vbscript": ("[x](VbScript:msgbox(1))\n", 6, "'vbscript:' links are not allowed (VbScript:msgbox(1))"),
    "file_url": ("[x](file:///etc/passwd)\n", 6, "'file:' links are not allowed (file:///etc/passwd)"),
    "raw_html_href_with_entities": (
        'A <a href="&#106;avascript:alert(1)">link</a>.\n',
        6,
        "'javascript:' links are not allowed (javascript:alert(1))",
    ),
}
LINK_FIX = "; link to a page or an https:// address"


def test_a_control_character_before_a_scheme_is_refused(make_site, run_build):
    root = make_site({"content/articles/a.md": article("A", "[x](\x01javascript:alert(1))\n")})
    result = run_build(root)
    assert result.code == 1
    message = (
        "content/articles/a.md:6: error: invisible control character U+0001; delete it (retype the text around it)"
    )
    assert message in result.err.splitlines()


@pytest.mark.parametrize("body,line,message", REFUSED.values(), ids=REFUSED.keys())
def test_unsafe_urls_are_refused_with_their_line(make_site, run_build, body, line, message):
    root = make_site({"content/articles/a.md": article("A", body)})
    result = run_build(root)
    assert result.code == 1
    assert f"content/articles/a.md:{line}: error: {message}{LINK_FIX}" in result.err.splitlines(), result.err
    assert not (root / "_site").exists()


SCRIPT_FIX = "raw <script> is not allowed in Markdown; put scripts in static/js/ and load them from a template"
HANDLER_FIX = "is not allowed in Markdown; remove it (scripts belong in static/js/)"
RAW_HTML = {
    "script_block": ("Fine.\n\n<script>alert(1)</script>\n", 8, SCRIPT_FIX),
    "script_inline_in_capitals": ("Text <SCRIPT SRC=x.js></SCRIPT> here.\n", 6, SCRIPT_FIX),
    "script_inside_a_div": ("<div>\n<p>Hi</p>\n<script>alert(1)</script>\n</div>\n", 8, SCRIPT_FIX),
    "event_handler": (
        'An <img src="x.png" alt="x" onerror="alert(1)"> image.\n',
        6,
        f"raw HTML event handler 'onerror=' {HANDLER_FIX}",
    ),
    "event_handler_behind_a_quoted_gt": (
        'A <a title="a>b" onclick=alert(1)>link</a>.\n',
        6,
        f"raw HTML event handler 'onclick=' {HANDLER_FIX}",
    ),
    "event_handler_on_svg": ("<svg onload=alert(1)></svg>\n", 6, f"raw HTML event handler 'onload=' {HANDLER_FIX}"),
    "iframe": (
        '<iframe src="https://example.com/"></iframe>\n',
        6,
        "raw <iframe> is not allowed in Markdown; pages load nothing from other sites; link to it instead",
    ),
    "style": (
        "<style>body{display:none}</style>\n",
        6,
        "raw <style> is not allowed in Markdown; put styles in static/css/ (the Content-Security-Policy blocks inline "
        "styles)",
    ),
    "base": (
        '<base href="https://example.com/">\n',
        6,
        "raw <base> is not allowed in Markdown; it would change where every link on the page points",
    ),
}


@pytest.mark.parametrize("body,line,message", RAW_HTML.values(), ids=RAW_HTML.keys())
def test_raw_scripts_and_handlers_in_markdown_are_refused(make_site, run_build, body, line, message):
    root = make_site({"content/articles/a.md": article("A", body)})
    result = run_build(root)
    assert result.code == 1
    assert f"content/articles/a.md:{line}: error: {message}" in result.err.splitlines(), result.err


def test_script_written_as_code_or_in_a_comment_is_just_text(make_site, run_build):
    body = "Write `<script>` in code.\n\n    <script>alert(1)</script>\n\n<!-- <script>x</script> -->\n"
    root = make_site({"content/articles/a.md": article("A", body)})
    result = run_build(root)
    assert result.code == 0, result.err
    html = (root / "_site/articles/a/index.html").read_text(encoding="utf-8")
    assert "<code>&lt;script&gt;</code>" in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert [tag for tag, _ in parse(html).tags if tag == "script"] == []


def test_harmless_raw_html_still_works(make_site, run_build):
    body = '<span class="note" title="x">kept</span> and <a href="https://example.org/">out</a>.\n'
    root = make_site({"content/articles/a.md": article("A", body)})
    result = run_build(root)
    assert result.code == 0, result.err
    assert '<span class="note" title="x">kept</span>' in (root / "_site/articles/a/index.html").read_text()
