"""Pandoc's fenced divs ('::: name' … ':::'), the site's 'markdown: divs', and the one registry of directives."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from conftest import article

SITE_YAML = "title: T\ndescription: D\nbase_url: https://example.org/\n"
DIVS = (
    "markdown:\n"
    "  divs:\n"
    "    callout: {as: box, box: note, title: Note}\n"
    "    challenge: {as: box, box: tip}\n"
    "    solution: {as: fold, title: Solution}\n"
)


def _body(root: Path, name: str = "a") -> str:
    html = (root / "_site" / "articles" / name / "index.html").read_text(encoding="utf-8")
    found = re.search(r'<div class="prose"[^>]*>(.*?)</div>\s*<footer', html, re.DOTALL)
    main = found.group(1) if found else html
    return main


def _site(make_site, body: str, settings: str = SITE_YAML + DIVS) -> Path:
    return make_site({"content/site.yaml": settings, "content/articles/a.md": article("A", body)})


def test_a_plain_div_is_a_div_of_its_class_whose_contents_are_markdown(make_site, run_build):
    root = _site(make_site, "::: aside\nSome *text*.\n\n- one\n- two\n:::\n\nAfter.\n")
    result = run_build(root)
    assert (result.code, result.err) == (0, "")
    assert (
        '<div class="aside">\n<p>Some <em>text</em>.</p>\n<ul>\n<li>one</li>\n<li>two</li>\n</ul>\n</div>\n<p>After.</p>'
        in _body(root)
    )


def test_attributes_give_classes_an_id_and_data_values(make_site, run_build):
    root = _site(make_site, '::::: {.sidebar .wide #first level="2" lang=fr}\nTexte.\n:::::\n')
    assert run_build(root).code == 0
    assert '<div class="sidebar wide" data-level="2" id="first" lang="fr">\n<p>Texte.</p>\n</div>' in _body(root)


def test_divs_nest_and_any_run_of_colons_closes_the_innermost(make_site, run_build):
    body = "::::: outer\nOne.\n\n::: inner\nTwo.\n:::\n\nThree.\n:::::\n"
    root = _site(make_site, body)
    assert run_build(root).code == 0
    assert '<div class="outer">\n<p>One.</p>\n<div class="inner">\n<p>Two.</p>\n</div>\n<p>Three.</p>\n</div>' in _body(
        root
    )


def test_a_named_box_looks_like_an_admonition_and_takes_its_title_from_a_leading_heading(make_site, run_build):
    body = "::: challenge\n## Challenge 1: *count* the bones\n\nHow many?\n:::\n\n::: callout\nRead this.\n:::\n"
    root = _site(make_site, body)
    assert run_build(root).code == 0
    html = _body(root)
    assert (
        '<div class="admonition tip challenge">\n<p class="admonition-title" data-pagefind-ignore="">Challenge 1: <em>count</em> the bones</p>'
        "\n<p>How many?</p>\n</div>" in html
    )
    assert (
        '<div class="admonition note callout">\n<p class="admonition-title" data-pagefind-ignore="">Note</p>\n<p>Read this.</p>\n</div>'
        in html
    )


def test_a_fold_is_a_details_element_with_its_summary(make_site, run_build):
    body = "::: challenge\nHow many?\n\n:::: solution\n206 in an adult.\n::::\n:::\n"
    root = _site(make_site, body)
    assert run_build(root).code == 0
    assert (
        '<div class="admonition tip challenge">\n<p class="admonition-title" data-pagefind-ignore="">Challenge</p>\n<p>How many?</p>\n'
        '<details class="fold solution">\n<summary>Solution</summary>\n<p>206 in an adult.</p>\n</details>\n</div>'
        in _body(root)
    )


def test_directives_inside_a_div_still_work(make_site, run_build):
    table = "title: T\ncolumns:\n  - {key: a, label: A, header: true}\nrows:\n  - {a: x}\nsources: [k]\n"
    refs = "- key: k\n  title: A source\n"
    root = make_site(
        {
            "content/site.yaml": SITE_YAML + DIVS,
            "content/data/t.yaml": table,
            "content/data/references.yaml": refs,
            "content/articles/a.md": article("A", "::: callout\n::: table t\n:::\n"),
        }
    )
    result = run_build(root)
    assert result.err == ""
    assert (
        '<div class="admonition note callout">\n<p class="admonition-title" data-pagefind-ignore="">Note</p>\n<div class="table-wrap">'
        in _body(root)
    )


def test_a_misspelt_directive_still_gets_its_did_you_mean_even_inside_a_div(make_site, run_build):
    root = _site(make_site, "Intro.\n\n::: callout\n::: tabel foods\n:::\n")
    result = run_build(root)
    assert result.code == 1
    assert result.err.splitlines()[0] == (
        "content/articles/a.md:9: error: unknown directive '::: tabel foods'; write '::: table NAME', "
        "'::: chart NAME' or '::: figure NAME'; did you mean '::: table NAME'?"
    )


def test_unreadable_attributes_are_reported_at_their_line(make_site, run_build):
    root = _site(make_site, "Intro.\n\n::: {.box @odd}\nText.\n:::\n")
    result = run_build(root)
    assert result.code == 1
    assert result.err.splitlines()[0] == (
        "content/articles/a.md:8: error: cannot read '@odd' in the fenced div's attributes {.box @odd}; "
        "write them as {.class #id key=value}"
    )


def test_a_key_value_attribute_is_a_data_value_so_no_event_handler_reaches_the_page(make_site, run_build):
    root = _site(make_site, "Intro.\n\n::: {.box onclick=steal()}\nText.\n:::\n")
    result = run_build(root)
    assert (result.code, result.err) == (0, "")
    assert '<div class="box" data-onclick="steal()">\n<p>Text.</p>\n</div>' in _body(root)


def test_a_style_attribute_is_dropped_with_a_warning_like_every_other(make_site, run_build):
    root = _site(make_site, 'Intro.\n\n::: {.box style="color: red"}\nText.\n:::\n')
    result = run_build(root)
    assert result.code == 0
    assert result.err.splitlines()[0] == (
        "content/articles/a.md:8: warning: 'style=' in a '{: }' attribute list is dropped from <div> (the "
        "Content-Security-Policy blocks inline styles); give the element a class and style it in static/css/"
    )
    assert '<div class="box">\n<p>Text.</p>\n</div>' in _body(root)


@pytest.mark.parametrize(
    ("divs", "message"),
    [
        (
            "    solution: {as: folded}\n",
            "content/site.yaml:6: error: 'markdown: divs: solution: as' is 'folded'; write box or fold; did you mean 'fold'?",
        ),
        (
            "    solution: {shown: fold}\n",
            "content/site.yaml:6: error: unknown key 'shown' in 'markdown: divs: solution' in content/site.yaml; "
            "allowed keys: as, box, title",
        ),
        (
            "    solution: fold\n",
            "content/site.yaml:6: error: 'markdown: divs: solution' must say how the div is shown, e.g. "
            "solution: {as: box}",
        ),
        (
            "    2nd: {as: box}\n",
            "content/site.yaml:6: error: 'markdown: divs': '2nd' is not a div name; use letters, digits, '-' and "
            "'_', starting with a letter, as in '::: challenge'",
        ),
        (
            "    solution: {as: fold, box: tip}\n",
            "content/site.yaml:6: error: 'markdown: divs: solution: box' is only for 'as: box'; remove it, or "
            "write as: box",
        ),
    ],
)
def test_bad_div_settings_are_reported_at_their_line(make_site, run_build, divs, message):
    root = _site(make_site, "Text.\n", SITE_YAML + "markdown:\n  divs:\n" + divs)
    result = run_build(root)
    assert result.code == 1
    assert message in result.err.splitlines()


def test_a_site_extension_directive_is_named_in_the_unknown_directive_message(make_site, run_build):
    extension = (
        "from markdown.extensions import Extension\n"
        "from citesite.markdown.directive_registry import Directive, register_directive\n\n"
        "def place(call):\n"
        "    call.parent.append(__import__('xml.etree.ElementTree').etree.ElementTree.Element('hr'))\n\n"
        "class Quiz(Extension):\n"
        "    def extendMarkdown(self, md):\n"
        "        register_directive(md, Directive('quiz', place, 'NAME'))\n"
    )
    settings = SITE_YAML + "markdown:\n  extensions:\n    - site_extensions.quiz:Quiz\n"
    root = make_site(
        {
            "content/site.yaml": settings,
            "site_extensions/__init__.py": "",
            "site_extensions/quiz.py": extension,
            "content/articles/a.md": article("A", "::: quiz one\n\n::: quizz one\n"),
        }
    )
    result = run_build(root)
    assert result.code == 1
    assert result.err.splitlines()[0] == (
        "content/articles/a.md:8: error: unknown directive '::: quizz one'; write '::: table NAME', "
        "'::: chart NAME', '::: figure NAME' or '::: quiz NAME'; did you mean '::: quiz NAME'?"
    )


def test_a_changed_div_setting_rebuilds_the_pages(make_site, run_build):
    root = _site(make_site, "::: solution\nIt is 206.\n:::\n")
    assert run_build(root).code == 0
    assert '<details class="fold solution">' in _body(root)
    settings = root / "content" / "site.yaml"
    settings.write_text(settings.read_text().replace("{as: fold, title: Solution}", "{as: box, box: tip}"))
    assert run_build(root).code == 0
    assert '<div class="admonition tip solution">' in _body(root)
