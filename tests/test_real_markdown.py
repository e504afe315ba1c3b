"""Markdown as real documentation writes it: fenced code, email autolinks, repeated constructs, long front matter.

Every message names the line of the construct it is about; nothing inside code is checked; one page's
failure is that page's error, and every problem of every source is reported in one run.
"""

from __future__ import annotations

import re

import pytest
from conftest import SITE_YAML, article, page

from citesite.errors import Problems
from citesite.markdown import SiteIndex, create_markdown, render_markdown
from citesite.source.content import FrontMatter, Source
from citesite.source.data import load_data

DATA = {
    "content/data/references.yaml": "- key: smith2020\n  title: A study\n  year: 2020\n  url: https://doi.org/10/x\n",
    "content/data/glossary.yaml": "- term: Osteoclast\n  definition: A cell that breaks down bone.\n",
    "content/data/ul.yaml": (
        "title: Upper limits\ncolumns:\n  - {key: group, label: Group, header: true}\n"
        "  - {key: ul, label: UL, unit: mg}\nsources: [smith2020]\nrows:\n  - {id: adults, group: Adults, ul: 350}\n"
    ),
    "content/pages/glossary.md": page("Glossary", template="page"),
}


def built_page(root, rel: str = "articles/a") -> str:
    return (root / "_site" / rel / "index.html").read_text(encoding="utf-8")


# -- fenced code ---------------------------------------------------------------------------------------

CODE_FULL_OF_SITE_SYNTAX = (
    "```python\n"
    "# a comment, not a heading\n"
    "x = '[a link](missing.md) [@nokey] {{ ul.nobody.ul }} <img src=x onerror=alert(1)>'\n"
    "```\n"
    "\n"
    "```yaml\n"
    "---\n"
    "title: not a heading\n"
    "---\n"
    "```\n"
    "\n"
    "~~~\n"
    "::: table nothing\n"
    "<script>alert(1)</script>\n"
    "~~~\n"
    "\n"
    "    [indented](missing.md) [@nokey] <script>x</script>\n"
    "\n"
    "Inline `[x](missing.md)` and `{{ ul.nobody.ul }}` and `<b onclick=x>` and `[@nokey]`, then an Osteoclast [@smith2020].\n"
)


def test_fenced_code_is_highlighted_with_classes_and_nothing_inside_code_is_checked(make_site, run_build):
    root = make_site({**DATA, "content/articles/a.md": article("A", CODE_FULL_OF_SITE_SYNTAX)})
    result = run_build(root)
    assert result.code == 0, result.err
    assert result.err == ""
    html = built_page(root)
    assert html.count('<div class="codehilite">') == 4  # three fenced blocks and the indented one
    assert '<span class="c1"># a comment, not a heading</span>' in html
    assert "style=" not in html  # classes only: the Content-Security-Policy (style-src 'self') holds
    assert "<h1" not in html.split("</h1>", 1)[1] and "<h2" not in html  # no heading made from code
    body = html.split("</h1>", 1)[1]
    assert "<script" not in body and "<img" not in body
    assert "&lt;script&gt;" in body and "&lt;img" in body  # shown, escaped
    assert "<code>[x](missing.md)</code>" in body and "<code>{{ ul.nobody.ul }}</code>" in body
    assert '<sup class="cite">[<a href="#ref-smith2020">1</a>]</sup>' in body  # prose outside code is still read


def test_code_with_a_language_the_highlighter_does_not_know_is_shown_as_plain_text(make_site, run_build):
    root = make_site({"content/articles/a.md": article("A", "```nosuchlanguage\n<b>bold</b> & more\n```\n")})
    result = run_build(root)
    assert result.code == 0, result.err
    html = built_page(root)
    assert (
        '<div class="codehilite"><pre><span></span><code>&lt;b&gt;bold&lt;/b&gt; &amp; more\n</code></pre></div>'
        in html
    )


def test_fenced_code_with_attributes_and_line_numbers_builds(make_site, run_build):
    body = '```{.python #example linenums="1"}\nx = 1\n```\n'
    root = make_site({"content/articles/a.md": article("A", body)})
    result = run_build(root)
    assert result.code == 0, result.err
    html = built_page(root)
    assert '<span class="n">x</span>' in html and 'class="linenos"' in html


def test_the_stylesheet_colours_code_in_light_and_dark():
    from pathlib import Path

    css = (Path(__file__).parent.parent / "citesite/theme/static/css/code.css").read_text(encoding="utf-8")
    root_block = re.search(r"^:root \{([^}]*)\}", css, re.M).group(1)  # type: ignore[union-attr]
    # each code colour holds a light and a different dark value; the used colour scheme picks one
    pairs = {
        name: (light, dark)
        for name, light, dark in re.findall(r"(--code-\w+): light-dark\((#\w+), (#\w+)\);", root_block)
    }
    assert sorted(pairs) == [
        "--code-bi",
        "--code-com",
        "--code-err",
        "--code-fn",
        "--code-kw",
        "--code-num",
        "--code-str",
    ]
    assert all(light != dark for light, dark in pairs.values())
    assert ".codehilite .k," in css and "color: var(--code-kw)" in css


# -- one page's crash ----------------------------------------------------------------------------------

# Fence options that once crashed Pygments (linenostart="x", style="x") are refused at their line now
# (tests/reliability/test_hostile_fences.py); an extension of the site's own can still fail on one page.
CRASHING_EXTENSION = """\
from markdown.extensions import Extension
from markdown.treeprocessors import Treeprocessor


class Crash(Treeprocessor):
    def run(self, root):
        if "CRASH" in self.md.page_state.body:
            raise {kind}("this page")


class CrashExtension(Extension):
    def extendMarkdown(self, md):
        md.treeprocessors.register(Crash(md), "site-crash", 10)


def makeExtension(**kwargs):
    return CrashExtension(**kwargs)
"""
CRASHES = {
    "an_extension_raising_on_one_page": ("CRASH\n", "ZeroDivisionError"),
    "an_extension_with_a_type_error": ("CRASH here\n", "TypeError"),
}


@pytest.mark.parametrize("body,kind", CRASHES.values(), ids=CRASHES.keys())
def test_a_page_python_markdown_fails_on_is_that_pages_error_and_the_others_are_checked(
    make_site, run_build, body, kind
):
    root = make_site(
        {
            "content/articles/a.md": article("A", "Fine.\n\n" + body),
            "content/articles/b.md": article("B", "[x](nope.md)\n"),
            "content/site.yaml": SITE_YAML + "markdown:\n  extensions:\n    - site_crash\n",
            "site_crash.py": CRASHING_EXTENSION.format(kind=kind),
        }
    )
    for command in ("build", "check"):
        result = run_build(root, command)
        assert result.code == 1
        lines = result.err.splitlines()
        assert lines[0].startswith(
            f"content/articles/a.md:6: error: Python-Markdown could not convert this page ({kind}: "
        )
        assert lines[0].endswith(
            "); the page is not built: simplify or remove the construct it stops on (often the attributes of a ``` "
            "fence or a {: … } list), then build again"
        )
        assert lines[1:] == [
            "content/articles/b.md:6: error: link to a missing page 'nope.md' (looked for content/articles/nope.md); check the file name",
            "2 errors, 0 warnings",
        ]
        assert "internal error" not in result.err and "Traceback" not in result.err


# -- email autolinks and other addresses outside the site ----------------------------------------------


def test_email_autolinks_and_mailto_links_are_addresses_not_broken_links(make_site, run_build):
    body = "Write to <user@example.org> or [the editor](mailto:editor@example.org), or call [us](tel:+15550100).\n"
    root = make_site({"content/articles/a.md": article("A", body)})
    result = run_build(root)
    assert result.code == 0, result.err
    html = built_page(root)
    href = re.search(r'<a href="([^"]+)">&#117;', html)
    assert href is not None
    assert re.sub(r"&#(\d+);", lambda m: chr(int(m.group(1))), href.group(1)) == "mailto:user@example.org"
    assert '<a href="mailto:editor@example.org">the editor</a>' in html
    assert '<a href="tel:+15550100">us</a>' in html


@pytest.fixture
def markdown_index(tmp_path) -> SiteIndex:
    content = tmp_path / "content"
    (content / "data").mkdir(parents=True)
    (content / "data/ul.yaml").write_text(DATA["content/data/ul.yaml"], encoding="utf-8")
    (content / "data/references.yaml").write_text(DATA["content/data/references.yaml"], encoding="utf-8")
    problems = Problems()
    data = load_data(content / "data", problems)
    assert not problems.items
    return SiteIndex({"articles/a.md": "articles/a/"}, frozenset(["articles/a/"]), data, None, content / "figures")


def _render(body: str, index: SiteIndex) -> list[str]:
    md = create_markdown(index)
    result = render_markdown(
        md, Source("articles/a.md", "content/articles/a.md", FrontMatter("T", "S."), body, 5, ""), "articles/a/"
    )
    return [str(p) for p in result.problems]


def test_messages_never_carry_raw_control_characters(markdown_index: SiteIndex):
    problems = _render("[x](mi\x1b[31mssing\x07.md) and [@no\x1bkey] and {{ ul.adu\x1blts.ul }}\n", markdown_index)
    assert problems == [
        "content/articles/a.md:5: link to a missing page 'mi\\x1b[31mssing\\x07.md' (looked for content/articles/mi\\x1b[31mssing\\x07.md); check the file name"
    ]


# -- right line numbers --------------------------------------------------------------------------------

LONG_FRONT_MATTER = (
    "---\ntitle: A\nsummary: A short summary.\nreviewed: 2026-11-01\n"
    + "".join(f"# comment line {n}\n" for n in range(20))
    + "topics: [bone]\n---\n"
)


def test_every_repeated_construct_is_reported_at_each_of_its_lines(make_site, run_build):
    body = (
        "[one](nope.md) and `[one](nope.md)` in code\n"  # 27 (the code span is not a link)
        "\n"
        "## Magnesium\u2019s \u201crole\u201d & [bone](https://example.org/)\n"  # 29: fine
        "\n"
        "##### Skipped \u201cagain\u201d\n"  # 31
        "\n"
        "::: table nothere\n"  # 33
        "\n"
        "Cite [@nokey] and {{ ul.nobody.ul }} here.\n"  # 35
        "\n"
        "```\n[one](nope.md) [@nokey] {{ ul.nobody.ul }}\n::: table nothere\n```\n"  # 37-40: code
        "\n"
        "[one](nope.md), [@nokey; @smith2020] and {{ ul.nobody.ul }} again.\n"  # 42
        "\n"
        "::: table nothere\n"  # 44
        "\n"
        "### Skipped \u201cagain\u201d\n"  # 46: fine after a level 5
        "\n"
        "##### Skipped \u201cagain\u201d\n"  # 48
    )
    root = make_site({**DATA, "content/articles/a.md": LONG_FRONT_MATTER + body})
    result = run_build(root)
    assert result.code == 1
    no_table = "no data table 'nothere'; create content/data/nothere.yaml (tables: ul)"
    missing = "link to a missing page 'nope.md' (looked for content/articles/nope.md); check the file name"
    no_row = "table 'ul' has no row with id 'nobody'; row ids: adults"
    cite = "unknown citation 'nokey'; add it to content/data/references.yaml"
    skip = "heading 'Skipped \u201cagain\u201d' skips from level {} to 5; use {}"
    assert result.err.splitlines() == [
        f"content/articles/a.md:27: error: {missing}",
        f"content/articles/a.md:31: warning: {skip.format(2, '###')}",
        f"content/articles/a.md:33: error: {no_table}",
        f"content/articles/a.md:35: error: {no_row}",
        f"content/articles/a.md:35: error: {cite}",
        f"content/articles/a.md:42: error: {missing}",
        f"content/articles/a.md:42: error: {no_row}",
        f"content/articles/a.md:42: error: {cite}",
        f"content/articles/a.md:44: error: {no_table}",
        f"content/articles/a.md:48: warning: {skip.format(3, '####')}",
        "8 errors, 2 warnings",
    ]


def test_headings_are_found_by_their_place_not_their_text(make_site, run_build):
    body = (
        "Intro mentions Bone health & more.\n"  # 6
        "\n"
        "# Bone health & more\n"  # 8: the text also appears on line 6
        "\n"
        "Setext heading\n"  # 10
        "==============\n"
        "\n"
        "#### *Emphasis*, `code` and [a link](https://example.org/)\n"  # 13: text differs from the source
    )
    root = make_site({"content/articles/a.md": article("A", body)})
    lines = run_build(root).err.splitlines()
    assert lines == [
        "content/articles/a.md:8: warning: heading 'Bone health & more' uses '#'; start body headings at '##' (the title is the page's heading)",
        "content/articles/a.md:10: warning: heading 'Setext heading' uses '#'; start body headings at '##' (the title is the page's heading)",
        "content/articles/a.md:13: warning: heading 'Emphasis, code and a link' skips from level 1 to 4; use ##",
        "0 errors, 3 warnings",
    ]


# -- one error never hides the rest --------------------------------------------------------------------


def test_control_characters_do_not_hide_the_other_problems(make_site, run_build):
    root = make_site(
        {
            "content/articles/a.md": article("A", "One \x01 here.\n\n[x](nope.md)\n\nTwo \x02 and \x7f.\n"),
            "content/articles/b.md": article("B", "[@nokey]\n"),
            "content/articles/c.md": "---\ntitle: C\nsummary: S.\nreviewed: soon\n---\n[y](gone.md)\n",
        }
    )
    for command in ("build", "check"):
        result = run_build(root, command)
        assert result.code == 1
        assert result.err.splitlines() == [
            "content/articles/a.md:6: error: invisible control character U+0001; delete it (retype the text around it)",
            "content/articles/a.md:8: error: link to a missing page 'nope.md' (looked for content/articles/nope.md); check the file name",
            "content/articles/a.md:10: error: invisible control character U+0002; delete it (retype the text around it)",
            "content/articles/a.md:10: error: invisible control character U+007F; delete it (retype the text around it)",
            "content/articles/b.md:6: error: unknown citation 'nokey'; add it to content/data/references.yaml",
            "content/articles/c.md:4: error: 'reviewed': expected a date written YYYY-MM-DD (e.g. 2026-01-31), got 'soon'",
            "content/articles/c.md:6: error: link to a missing page 'gone.md' (looked for content/articles/gone.md); check the file name",
            "7 errors, 0 warnings",
        ]
    assert not (root / "_site").exists()


def test_a_source_with_errors_is_reported_again_on_the_next_build(make_site, run_build):
    root = make_site({"content/articles/a.md": article("A", "One \x01 here.\n")})
    first = run_build(root)
    second = run_build(root)
    assert first.code == second.code == 1
    assert first.err == second.err


# -- quoted dates, directives --------------------------------------------------------------------------


@pytest.mark.parametrize("key", ["date", "updated", "reviewed"])
@pytest.mark.parametrize("quote", ["'", '"'])
def test_a_quoted_date_is_a_date(make_site, run_build, key, quote):
    meta = {"reviewed": "2026-11-01", key: f"{quote}2026-11-01{quote}"}
    root = make_site({"content/articles/a.md": article("A", **meta)})
    result = run_build(root)
    assert result.code == 0, result.err


def test_a_quoted_date_that_is_not_a_day_is_refused(make_site, run_build):
    root = make_site({"content/articles/a.md": article("A", reviewed="'2026-02-30'")})
    result = run_build(root)
    assert result.code == 1
    assert (
        "content/articles/a.md:4: error: 'reviewed': '2026-02-30' is not a day of the calendar; check the month and the day"
        in result.err.splitlines()
    )


DIRECTIVES = {
    "alone": "::: note\n",
    "with_indented_lines": "::: note\n    Some text under it.\n    More text.\n",
    "with_lines_and_no_closing_fence": "::: note\nText.\n\nMore text.\n",
}


@pytest.mark.parametrize("body", DIRECTIVES.values(), ids=DIRECTIVES.keys())
def test_an_unknown_directive_that_opens_no_div_is_an_error_whatever_follows_it(make_site, run_build, body):
    root = make_site({"content/articles/a.md": article("A", "Intro.\n\n" + body)})
    result = run_build(root)
    assert result.code == 1
    assert (
        "content/articles/a.md:8: error: unknown directive '::: note'; write '::: table NAME', '::: chart NAME' or "
        "'::: figure NAME'; a fenced div ('::: NAME' with its contents under it) ends with a line of colons (':::')"
        in result.err.splitlines()
    )


def test_a_page_that_cannot_be_read_is_not_reported_again_as_missing_by_the_pages_that_link_to_it(make_site, run_build):
    root = make_site(
        {
            "content/articles/broken.md": "---\ntitle: Magnesium: the basics\nsummary: S.\n---\nText.\n",
            "content/articles/latin1.md": b"---\ntitle: Caf\xe9\nsummary: S.\n---\n",
            "content/articles/a.md": article(
                "A", "[one](broken.md), [two](broken.md#part), [three](latin1.md) and [four](nope.md).\n"
            ),
        }
    )
    for command in ("build", "check"):
        result = run_build(root, command)
        assert result.code == 1
        assert result.err.splitlines() == [
            "content/articles/a.md:6: error: link to a missing page 'nope.md' (looked for content/articles/nope.md); check the file name",
            "content/articles/broken.md:2:17: error: a value contains ': ' and YAML reads it as a new key; put the whole value in quotes, e.g. title: \"Rivers: the basics\"",
            "content/articles/latin1.md:2: error: not UTF-8 text (byte 0xe9); save the file as UTF-8",
            "3 errors, 0 warnings",
        ]
