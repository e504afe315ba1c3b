"""What a reader downloads: scripts lose indentation and comment lines, stylesheets their last ';', code styles
load only where there is code, and the site's pages link to the article that now holds supplement safety."""

from __future__ import annotations

import importlib.util
import re
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest
from conftest import article, copy_site
from hypothesis import example, given
from hypothesis import strategies as st

from citesite.render.assets import minify_css, strip_js

ROOT = Path(__file__).resolve().parents[1]

SCRIPT = """/* A note
   over two lines. */
(function () {
  "use strict";
  // a whole-line comment
  var a = "// not a comment", b = /x\\/y/; // a trailing comment stays

  if (a) { b = 2; /* inline, balanced */ }
})();
"""


def test_a_script_loses_indentation_blank_lines_and_whole_line_comments():
    assert strip_js(SCRIPT) == (
        "(function () {\n"
        '"use strict";\n'
        'var a = "// not a comment", b = /x\\/y/; // a trailing comment stays\n'
        "if (a) { b = 2; /* inline, balanced */ }\n"
        "})();\n"
    )


@pytest.mark.parametrize(
    "script",
    [
        "var a = `\n  kept as written\n`;\n",  # a template literal keeps its lines
        'var a = "one \\\n  two";\n',  # a string continued over lines
        "/* a comment\n that closes */ before(code);\n",
        "call(); /* a comment that goes on\n  // over a line like this\n*/\n",
        "var b = /x\\/*y/;\n  f(b);\n",  # '/*' in a regular expression: not told apart from a comment
    ],
    ids=["template-literal", "continued-string", "comment-closes-before-code", "comment-opens-after-code", "regex"],
)
def test_a_script_that_cannot_be_read_line_by_line_is_published_as_it_is(script):
    assert strip_js(script) == script


STATEMENTS = st.sampled_from(["var a = 1;", "f(a);", "if (a) {", "}", 'g("/* x */");', "return;"])
COMMENTS = st.sampled_from(["// note", "/* note */", "", "/* two\n   lines */"])


@given(st.lists(st.tuples(st.integers(0, 6), st.one_of(STATEMENTS, COMMENTS)), max_size=30))
def test_only_comments_and_indentation_go_and_stripping_twice_changes_nothing(lines):
    script = "\n".join(" " * indent + text for indent, text in lines) + "\n"
    stripped = strip_js(script)
    statements = [text for _, text in lines if text and not text.startswith(("//", "/*"))]
    assert stripped == "\n".join(statements) + "\n"
    assert strip_js(stripped) == stripped


def test_a_stylesheet_loses_the_last_semicolon_of_each_rule_and_the_space_a_comment_leaves():
    css = 'a { b: c; }\n/* note */\n\n@media print { d { e: f ; } }\np { content: ";}" ; }\nx/**/ y { z: 1 }\n'
    assert minify_css(css) == 'a{b:c}@media print{d{e:f}}p{content:";}"}x y{z:1}\n'


def test_every_semicolon_before_a_closing_brace_goes_in_one_minifying():
    assert minify_css("a { b: c;; /* x */ ; }\n") == "a{b:c}\n"


@given(st.lists(st.sampled_from(["a", " ", "\n", "{", "}", ";", ":", ",", "/* c */", '";} "', "+", "(", ")"])))
@example(parts=[";", ";", "/* c */", "}"])  # two semicolons before a comment: the second pass left one
def test_minifying_a_minified_stylesheet_changes_nothing(parts):
    once = minify_css("".join(parts))
    assert minify_css(once) == once


def copy_project(tmp_path: Path) -> Path:
    root = tmp_path / "site"
    copy_site(root)
    return root


def test_the_code_stylesheet_loads_only_on_a_page_with_code(tmp_path, run_build):
    root = copy_project(tmp_path)
    body = '!!! keypoints "Key points"\n    - One.\n\n```python\nx = 1\n```\n'
    (root / "content/articles/code.md").write_text(article("Code", body, order="40", reviewed="2026-12-01"))
    assert run_build(root).code == 0
    site = root / "_site"
    link = re.compile(r'<link rel="stylesheet" href="[./]*css/code\.[0-9a-f]{8}\.css">')
    assert len(link.findall((site / "articles/code/index.html").read_text())) == 1
    assert not [p for p in site.rglob("*.html") if "articles/code/" not in p.as_posix() and link.search(p.read_text())]
    (published,) = site.glob("css/code.*.css")
    assert ".codehilite .k," in published.read_text()
    (main,) = site.glob("css/site.*.css")
    assert "codehilite" not in main.read_text() and ";}" not in main.read_text()


def test_the_published_scripts_are_smaller_and_still_parse(tmp_path, run_build):
    node = shutil.which("node")
    if node is None:
        pytest.skip("node is missing, so the minified scripts are not parsed; install Node.js (apt-get install nodejs)")
    root = copy_project(tmp_path)
    assert run_build(root).code == 0
    for source in sorted((root / "static/js").glob("*.js")):
        (published,) = (root / "_site/js").glob(source.stem + ".*.js")
        assert published.stat().st_size <= source.stat().st_size
        result = subprocess.run([node, "--check", str(published)], capture_output=True, text=True, timeout=60)
        assert result.returncode == 0, result.stderr
    (site_js,) = (root / "_site/js").glob("site.*.js")
    assert "\n  " not in site_js.read_text() and "\n//" not in site_js.read_text()


def test_supplement_safety_has_its_own_article_and_the_site_links_to_it(tmp_path, run_build):
    root = copy_project(tmp_path)
    assert run_build(root).code == 0
    site = root / "_site"
    safety = (site / "articles/supplement-safety/index.html").read_text()
    assert '<h1 data-pagefind-meta="title" data-pagefind-ignore>Are magnesium supplements safe?</h1>' in safety
    for heading in ("Antacids and laxatives count", "Medicines that interact with magnesium", "Combined products"):
        assert f'>{heading}<a class="headerlink"' in safety
    food = (site / "articles/food-or-supplements/index.html").read_text()
    assert "Medicines that interact with magnesium" not in food
    assert '<a href="../supplement-safety/">Are magnesium supplements safe?</a>' in food
    assert (
        '<a href="articles/supplement-safety/">Are magnesium supplements safe?</a>' in (site / "index.html").read_text()
    )
    disclaimer = (site / "disclaimer/index.html").read_text()
    assert '<a href="../articles/supplement-safety/">Are magnesium supplements safe?</a>' in disclaimer
    # it comes right after "Food or supplements?" in the topics menu
    home = (site / "index.html").read_text()
    menu = re.findall(r'<li><a href="articles/([a-z-]+)/">', home[: home.index("</details>")])
    assert menu[:4] == ["how-much-magnesium", "food-or-supplements", "supplement-safety", "magnesium-and-bone"]


def test_a_stylesheet_changed_only_in_comments_and_spacing_keeps_its_published_name(make_site, run_build):
    root = make_site({"static/css/site.css": "/* one comment */\nbody { margin: 0; }\n"})
    assert run_build(root).code == 0
    (before,) = (root / "_site/css").glob("site.*.css")
    (root / "static/css/site.css").write_text("/* another comment */\nbody {\n  margin: 0;\n}\n")
    assert run_build(root).code == 0
    (after,) = (root / "_site/css").glob("site.*.css")
    assert after.name == before.name
    (root / "static/css/site.css").write_text("body { margin: 1px; }\n")
    assert run_build(root).code == 0
    (changed,) = (root / "_site/css").glob("site.*.css")
    assert changed.name != before.name


def test_a_stylesheet_that_is_not_utf8_is_a_located_error(make_site, run_build):
    root = make_site({"static/css/extra.css": b"body { content: '\xff'; }\n"})
    result = run_build(root)
    assert result.code == 1
    assert "static/css/extra.css: error: this file is not UTF-8 text; save it as UTF-8" in result.err


def _weight_benchmark() -> Any:
    """benchmarks/weight.py, the page-weight measure and its targets (a script, not a package)."""
    spec = importlib.util.spec_from_file_location("weight", ROOT / "benchmarks/weight.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_every_page_keeps_the_weight_targets_in_bytes(tmp_path, run_build):
    weight = _weight_benchmark()
    assert (weight.PAGE_LIMIT, weight.CSS_LIMIT, weight.JS_LIMIT) == (70_000, 24_000, 12_000)  # as the docs say
    root = copy_project(tmp_path)
    assert run_build(root, "--no-search").code == 0
    rows = weight.measure(root / "_site")
    assert len(rows) >= 20 and min(total for _, *parts in rows for total in [sum(parts)]) > 0
    assert weight.over_budget(rows) == []
    assert weight.over_budget([("heavy/", 65_000, 5_000, 0, 0)]) == ["heavy/"]  # 70,000 bytes is over: "under 70 kB"
