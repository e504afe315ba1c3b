"""Hostile fenced-code options: only a language, classes, an id, linenums, hl_lines, linenostart and a title.

Every other option would reach Pygments' HTML formatter (which writes some of them into the page unescaped,
reads or writes files with others, or emits inline styles) or, with use_pygments=false, become an attribute
of the <code> element. Each is refused at its fence line, and the finished code is checked like raw HTML.
"""

from __future__ import annotations

import pytest
from conftest import SITE_YAML, article

ALLOWED = "use only a language, .classes, an #id, linenums, hl_lines, linenostart and title"
UNCHECKED = "it would be written into the page unchecked"


def refused(option: str, why: str = UNCHECKED) -> str:
    """The message for a fence option not on the list."""
    return f"fenced code option '{option}' is not allowed ({why}); {ALLOWED}"


def _page(fence: str, code: str = "x = 1\n") -> dict[str, str]:
    return {"content/articles/a.md": article("A", f"Text.\n\n{fence}\n{code}```\n")}


REFUSED = {
    "classprefix_markup": ("```{.python classprefix='\"><img src=x onerror=alert(1)>'}", refused("classprefix")),
    "prestyles": ("```{.python prestyles='color:red\"><script>'}", refused("prestyles")),
    "cssstyles": ("```{.python cssstyles='x\"onmouseover=\"alert(1)'}", refused("cssstyles")),
    "noclasses": (
        "```{.python noclasses=true}",
        refused("noclasses", "it writes inline styles, which the Content-Security-Policy blocks"),
    ),
    "noclasses_bare_flag": (
        "```{.python noclasses}",
        refused("noclasses", "it writes inline styles, which the Content-Security-Policy blocks"),
    ),
    "use_pygments_false": (
        "```{.python use_pygments=false}",
        refused("use_pygments", "code is always highlighted the site's way"),
    ),
    "onerror_on_code": ('```{.python onerror="alert(1)"}', refused("onerror")),
    "onclick_on_code": ("```{onclick=alert(1)}", refused("onclick")),
    "style_attribute": ('```{.python style="color:red"}', refused("style")),
    "cssfile": ("```{.python cssfile=../pwned.css}", refused("cssfile", "it would write a file")),
    "full_document": ("```{.python full=true}", refused("full", "it would write a whole HTML document into the page")),
    "tagsfile": ("```{.python tagsfile=/etc/passwd}", refused("tagsfile", "it would read a file")),
    "lineanchors": ('```{.python lineanchors="main"}', refused("lineanchors")),
    "linespans": ("```{.python linespans=x}", refused("linespans")),
    "anchorlinenos": ("```{.python anchorlinenos=true linenums=true}", refused("anchorlinenos")),
    "cssclass": ("```{.python cssclass=other}", refused("cssclass")),
    "css_class": ("```{.python css_class=other}", refused("css_class")),
    "pygments_style": ("```{.python pygments_style=monokai}", refused("pygments_style")),
    "guess_lang": ("```{guess_lang=true}", refused("guess_lang")),
    "lang_prefix": ("```{.python lang_prefix=x}", refused("lang_prefix")),
    "lineseparator": ("```{.python lineseparator='<br>'}", refused("lineseparator")),
    "filename_directly": ('```{.python filename="<b>x</b>"}', refused("filename")),
    "wrapcode": ("```{.python wrapcode=false}", refused("wrapcode")),
    "data_attribute": ("```{.python data-x=1}", refused("data-x")),
    "linenums_word": (
        "```{.python linenums=maybe}",
        "fenced code option 'linenums' must be true or false, got 'maybe'",
    ),
    "hl_lines_markup": (
        '```{.python hl_lines="1 <b>"}',
        "fenced code option 'hl_lines' must be line numbers separated by spaces, e.g. hl_lines=\"1 3\", got '1 <b>'",
    ),
    "linenostart_text": (
        "```{.python linenums=true linenostart=ten}",
        "fenced code option 'linenostart' must be a whole number, e.g. linenostart=10, got 'ten'",
    ),
    "linenostart_huge": (
        "```{.python linenums=true linenostart=99999999999}",
        "fenced code option 'linenostart' must be a whole number, e.g. linenostart=10, got '99999999999'",
    ),
    "title_with_markup": (
        "```{.python title='<img src=x>'}",
        "fenced code option 'title' must be text without quotes or '<', at most 80 characters, got '<img src=x>'",
    ),
    "title_too_long": (
        "```{.python title='" + "t" * 81 + "'}",
        "fenced code option 'title' must be text without quotes or '<', at most 80 characters, got '" + "t" * 40 + "'",
    ),
    "id_with_a_quote": (
        "```{.python id='a\"b'}",
        "fenced code option 'id' must be letters, digits, '-' and '_', got 'a\"b'",
    ),
    "class_with_markup": (
        '```{.python .a"><b}',
        "fenced code option 'class' must be letters, digits, '-' and '_', got 'a\"><b'",
    ),
}


@pytest.mark.parametrize("fence,message", REFUSED.values(), ids=REFUSED.keys())
def test_a_fence_option_not_on_the_list_is_refused_at_its_line(fence, message, make_site, run_build, tmp_path):
    root = make_site(_page(fence))
    outside = sorted(p.name for p in tmp_path.iterdir())
    result = run_build(root)
    assert result.code == 1
    assert result.err.splitlines() == [f"content/articles/a.md:8: error: {message}", "1 error, 0 warnings"]
    assert sorted(p.name for p in tmp_path.iterdir()) == outside
    assert not (root / "_site").exists()


def test_check_refuses_a_fence_option_too(make_site, run_build):
    root = make_site(_page("```{.python onerror=alert(1) use_pygments=false}"))
    result = run_build(root, "check")
    assert result.code == 1
    assert result.err.splitlines()[-1] == "2 errors, 0 warnings"


def test_every_refused_option_of_every_fence_is_reported_at_once(make_site, run_build):
    body = "Text.\n\n```{.python noclasses=true}\nx\n```\n\nMore.\n\n```{.sh onerror=x}\ny\n```\n"
    root = make_site({"content/articles/a.md": article("A", body)})
    lines = run_build(root).err.splitlines()
    assert [line.split(": error:")[0] for line in lines[:-1]] == ["content/articles/a.md:8", "content/articles/a.md:14"]


def test_the_allowed_options_still_work(make_site, run_build):
    fence = '```{.python .wide #listing linenums="1" hl_lines="2" linenostart=5 title="demo.py"}'
    root = make_site(_page(fence, "import os\nprint(1)\n"))
    result = run_build(root, "--strict")
    assert result.code == 0, result.err
    html = (root / "_site/articles/a/index.html").read_text()
    assert '<span class="filename">demo.py</span>' in html
    assert '<span class="normal">5</span>' in html and '<span class="normal">6</span>' in html
    assert '<span class="hll"><span class="nb">print</span>' in html
    assert '<div class="wide codehilite">' in html
    assert " style=" not in html


def test_a_language_written_bare_and_a_plain_fence_still_work(make_site, run_build):
    body = "Text.\n\n```python\nx = 1\n```\n\n~~~\nplain <b>\n~~~\n\n    indented <i>\n"
    root = make_site({"content/articles/a.md": article("A", body)})
    assert run_build(root, "--strict").code == 0
    html = (root / "_site/articles/a/index.html").read_text()
    assert '<span class="n">x</span>' in html
    assert "plain &lt;b&gt;" in html and "indented &lt;i&gt;" in html


def test_unbalanced_braces_leave_the_fence_as_text_as_before(make_site, run_build):
    root = make_site(_page("```{.python noclasses=true"))
    result = run_build(root)
    assert result.code == 0, result.err
    assert "noclasses" in (root / "_site/articles/a/index.html").read_text()


# An extension of the site's own that stashes HTML before 'fenced_code' (so it would count as highlighted code).
STASHING = """\
from markdown.extensions import Extension
from markdown.preprocessors import Preprocessor


class Stash(Preprocessor):
    def run(self, lines):
        return lines + ["", self.md.htmlStash.store({html!r}), ""]


class StashExtension(Extension):
    def extendMarkdown(self, md):
        md.preprocessors.register(Stash(md), "site-stash", 27)


def makeExtension(**kwargs):
    return StashExtension(**kwargs)
"""


@pytest.mark.parametrize(
    "html,message",
    [
        (
            '<img src="x" onerror="alert(1)">',
            "raw HTML event handler 'onerror=' is not allowed in Markdown; remove it (scripts belong in static/js/)",
        ),
        (
            '<div class="codehilite"><pre style="color:red">x</pre></div>',
            "'style=' is not allowed in Markdown; give the element a class and style it in static/css/",
        ),
        (
            "<script>alert(1)</script>",
            "raw <script> is not allowed in Markdown; put scripts in static/js/ and load them from a template",
        ),
    ],
)
def test_html_stashed_with_the_code_is_checked_like_raw_html(html, message, make_site, run_build):
    root = make_site(
        {
            "content/site.yaml": SITE_YAML + "markdown:\n  extensions:\n    - site_stash\n",
            "site_stash.py": STASHING.format(html=html),
            "content/articles/a.md": article("A", "Text.\n"),
        }
    )
    result = run_build(root, "--jobs", "1")
    assert result.code == 1
    assert f"content/articles/a.md:6: error: {message}" in result.err.splitlines(), result.err


@pytest.mark.parametrize(
    "body",
    [
        "* item\n\n    ```{.python noclasses=true}\n    x\n    ```\n",
        "> ```{.python noclasses=true}\n> x\n> ```\n",
        "!!! note\n    ```{.python noclasses=true}\n    x\n    ```\n",
        '```python"><b onmouseover=alert(1)\nx\n```\n',
    ],
    ids=["in_a_list", "in_a_quote", "in_an_admonition", "language_with_markup"],
)
def test_a_fence_python_markdown_does_not_read_as_one_shows_its_options_as_text(body, make_site, run_build):
    root = make_site({"content/articles/a.md": article("A", "Text.\n\n" + body)})
    result = run_build(root, "--strict")
    assert result.code == 0, result.err
    html = (root / "_site/articles/a/index.html").read_text()
    assert " style=" not in html and "<b " not in html  # no option reached Pygments, no markup reached the page


@pytest.mark.parametrize(
    "settings",
    ["markdown: {extensions: [extra]}\n", "markdown: {extensions: [md_in_html]}\n"],
    ids=["extra", "md_in_html"],
)
def test_fence_options_are_refused_whatever_extension_brings_fenced_code(settings, make_site, run_build):
    body = (
        '<div markdown="1">\n\n```{.python noclasses=true}\nx\n```\n\n</div>\n'
        if "md_in_html" in settings
        else ("```{.python noclasses=true}\nx\n```\n")
    )
    root = make_site(
        {"content/site.yaml": SITE_YAML + settings, "content/articles/a.md": article("A", "Text.\n\n" + body)}
    )
    result = run_build(root)
    assert result.code == 1
    assert any("fenced code option 'noclasses' is not allowed" in line for line in result.err.splitlines())


def test_highlighted_line_numbers_out_of_range_are_harmless(make_site, run_build):
    root = make_site(_page('```{.python hl_lines="0 999999" linenums="1" linenostart=0}', "x = 1\n"))
    result = run_build(root, "--strict")
    assert result.code == 0, result.err
