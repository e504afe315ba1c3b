"""Hostile text: control characters in every text field, numbers YAML allows but arithmetic does not,
user text echoed in messages, and text that would give two elements one id. Each is refused with its
line, or shown safely; the feed is always well-formed XML; no message is an internal error.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET

import pytest
from conftest import SITE_YAML, article, page, write_files
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from test_extensions import GLOSSARY, REFS, TABLE

from citesite.errors import SiteError, escape_controls
from citesite.options import github_annotation
from citesite.serve.livereload import describe_problem

CONTROL_MESSAGE = (
    "error: this text holds the invisible control character U+{code} "
    "(written in quotes as an escape such as \\0 or \\x01); delete it"
)
FRONT = "---\ntitle: T\nsummary: S.\nreviewed: 2026-11-01\n"

# (file, its text with the escape in one field, the line of that field)
TEXT_FIELDS = {
    "title": ("content/articles/a.md", '---\ntitle: "Mg {c} and bone"\nsummary: S.\nreviewed: 2026-11-01\n---\n', 2),
    "summary": ("content/articles/a.md", '---\ntitle: T\nsummary: "S{c}."\nreviewed: 2026-11-01\n---\n', 3),
    "topic": ("content/articles/a.md", FRONT + 'topics: [bone, "x{c}"]\n---\n', 5),
    "template": ("content/pages/p.md", '---\ntitle: T\nsummary: S.\ntemplate: "pa{c}ge"\n---\n', 4),
    "slug": ("content/pages/p.md", '---\ntitle: T\nsummary: S.\nslug: "a{c}b"\n---\n', 4),
    "unknown_key": ("content/pages/p.md", '---\ntitle: T\nsummary: S.\n"ke{c}y": 1\n---\n', 4),
    "site_title": ("content/site.yaml", SITE_YAML.replace("title: Test Site", 'title: "Test{c} Site"'), 1),
    "site_description": (
        "content/site.yaml",
        SITE_YAML.replace("description: A site for tests.", 'description: "A{c} site."'),
        2,
    ),
    "site_author": ("content/site.yaml", SITE_YAML + 'author: "A{c}"\n', 4),
    "site_disclaimer": ("content/site.yaml", SITE_YAML + 'disclaimer: "Not advice{c}"\n', 4),
    "nav_item": ("content/site.yaml", SITE_YAML + 'nav: ["pages/x{c}.md"]\n', 4),
    "reference_title": ("content/data/references.yaml", REFS.replace("title: Alpha study", 'title: "Alpha{c}"'), 2),
    "glossary_definition": (
        "content/data/glossary.yaml",
        GLOSSARY.replace("definition: A cell that builds bone.", 'definition: "A cell{c}."'),
        3,
    ),
    "table_cell": ("content/data/ul.yaml", TABLE.replace("age: Children", 'age: "Chil{c}dren"'), 7),
    "table_title": ("content/data/ul.yaml", TABLE.replace("title: Upper limits", 'title: "Upper{c}"'), 1),
}
ESCAPES = {"U+0001": "\\x01", "U+001B": "\\e", "U+0000": "\\0", "U+0085": "\\N", "U+FFFE": "\\uFFFE", "U+007F": "\\x7f"}


@pytest.mark.parametrize("code, escape", ESCAPES.items(), ids=ESCAPES.keys())
@pytest.mark.parametrize("rel, text, line", TEXT_FIELDS.values(), ids=TEXT_FIELDS.keys())
def test_a_control_character_in_any_text_field_is_refused_with_its_line(
    make_site, run_build, rel, text, line, code, escape
):
    data = {"content/data/references.yaml": REFS, "content/data/glossary.yaml": GLOSSARY, "content/data/ul.yaml": TABLE}
    root = make_site({**data, "content/pages/glossary.md": page("Glossary", template="glossary")})
    write_files(root, {"templates/glossary.html": '{% extends "base.html" %}{% block main %}{% endblock %}\n'})
    write_files(root, {rel: text.replace("{c}", escape)})
    result = run_build(root)
    assert result.code == 1
    assert f"{rel}:{line}: " + CONTROL_MESSAGE.format(code=code[2:]) in result.err.splitlines(), result.err


def test_a_nul_byte_in_a_data_file_is_reported_with_its_line_and_fix(make_site, run_build):
    root = make_site({"content/data/references.yaml": REFS.replace("Bone", "Bo\0ne")})
    result = run_build(root)
    assert result.code == 1
    assert result.err.splitlines() == [
        "content/data/references.yaml:4: error: invisible control character U+0000; delete it "
        "(retype the text around it)",
        "1 error, 0 warnings",
    ]


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(title=st.text(st.characters(codec="utf-8", exclude_categories=["Cs"]), min_size=1, max_size=12))
def test_the_feed_is_well_formed_xml_whatever_the_title(make_site, run_build, title):
    quoted = '"' + "".join(f"\\U{ord(ch):08x}" for ch in title) + '"'
    root = make_site(
        {"content/articles/a.md": f"---\ntitle: {quoted}\nsummary: S.\nreviewed: 2026-11-01\n---\nText.\n"}
    )
    result = run_build(root)
    assert "internal error" not in result.err
    if result.code == 0:
        ET.fromstring((root / "_site/feed.xml").read_bytes())  # raises if ill-formed
    else:
        assert "error:" in result.err


def test_new_refuses_a_title_with_a_control_character(make_site, run_build, capsys):
    from citesite.cli import main

    root = make_site()
    assert main(["new", "--root", str(root), "Mg \x01 and bone"]) == 2
    assert capsys.readouterr().err == (
        "citesite: error: the title holds the invisible control character U+0001; type the title again without it\n"
    )
    assert not (root / "content/articles").exists()


TERMINAL_TRICKS = ["\x1b[2J", "\x1b]0;owned\x07", "\x07", "\r", "\x9b31m", "\u202e", "\n"]


@pytest.mark.parametrize("trick", TERMINAL_TRICKS)
def test_every_message_shows_control_characters_escaped(trick):
    problem = SiteError(f"unknown key 'a{trick}b'", f"content/x{trick}.md", 3)
    shown = [str(problem), describe_problem(problem), github_annotation(problem)]
    for text in shown:
        assert trick not in text
        assert escape_controls(trick) in text


def test_a_file_name_with_terminal_escapes_is_shown_escaped(make_site, run_build):
    root = make_site({"content/articles/a\x1b[31mred\x07.md": "no front matter\n"})
    result = run_build(root)
    assert result.code == 1
    assert result.err.splitlines()[0] == (
        "content/articles/a\\x1b[31mred\\x07.md:1: error: missing front matter; the file must start with a '---' "
        "line, then title: and summary:"
    )


def test_github_annotations_never_carry_raw_control_characters(make_site, run_build, monkeypatch):
    root = make_site({"content/articles/a\x1bb.md": "no front matter\n"})
    monkeypatch.setenv("GITHUB_ACTIONS", "true")
    result = run_build(root)
    annotation = next(line for line in result.err.splitlines() if line.startswith("::error"))
    assert "\x1b" not in annotation and "\\x1b" in annotation


SETTINGS = {
    "interval_huge": (
        "review_interval_days: 99999999999",
        "'review_interval_days': 99999999999 is out of range; use a number from 1 to 100000",
    ),
    "interval_negative": (
        "review_interval_days: -5",
        "'review_interval_days': -5 is out of range; use a number from 1 to 100000",
    ),
    "interval_zero": (
        "review_interval_days: 0",
        "'review_interval_days': 0 is out of range; use a number from 1 to 100000",
    ),
    "grade_nan": (
        "reading_grade_target: .nan",
        "'reading_grade_target': expected a number, got nan; write an ordinary number such as 9",
    ),
    "grade_inf": (
        "reading_grade_target: .inf",
        "'reading_grade_target': expected a number, got inf; write an ordinary number such as 9",
    ),
    "grade_negative": (
        "reading_grade_target: -3",
        "'reading_grade_target': -3 is out of range; use a number from 0 to 100",
    ),
}


@pytest.mark.parametrize("line, message", SETTINGS.values(), ids=SETTINGS.keys())
def test_numbers_in_site_settings_must_be_usable(make_site, run_build, line, message):
    root = make_site({"content/site.yaml": SITE_YAML + line + "\n", "content/articles/a.md": article("A")})
    result = run_build(root)
    assert result.code == 1
    assert result.err.splitlines() == [f"content/site.yaml:4: error: {message}", "1 error, 0 warnings"]


@pytest.mark.parametrize("reviewed", ["9999-12-31", "0001-01-01"])
def test_review_dates_at_the_ends_of_the_calendar_are_no_internal_error(make_site, run_build, reviewed):
    root = make_site(
        {
            "content/site.yaml": SITE_YAML + "review_interval_days: 100000\n",
            "content/articles/a.md": article("A", reviewed=reviewed),
        }
    )
    result = run_build(root)
    assert result.code == 0, result.err
    assert "internal error" not in result.err


@pytest.mark.parametrize("value", [".nan", ".inf", "-.inf", ".NaN"])
@pytest.mark.parametrize("column", ["ul", "age"])
def test_a_table_cell_that_is_not_a_finite_number_is_refused(make_site, run_build, value, column):
    table = (
        TABLE.replace("ul: 65", f"ul: {value}") if column == "ul" else TABLE.replace("age: Children", f"age: {value}")
    )
    root = make_site({"content/data/references.yaml": REFS, "content/data/ul.yaml": table})
    result = run_build(root)
    assert result.code == 1
    shown = {".nan": "nan", ".NaN": "nan", ".inf": "inf", "-.inf": "-inf"}[value]
    assert (
        f"content/data/ul.yaml:7: error: '{column}': {shown} is not a number a reader can use; write the number, "
        "or leave the cell empty"
    ) in result.err.splitlines()
    assert "internal error" not in result.err


def test_yaml_merge_keys_may_be_overridden(make_site, run_build):
    table = TABLE.replace(
        "  - {id: adults, age: Adults, ul: 350, sources: [gamma, alpha]}",
        "  - &kid {id: teens, age: Teens, ul: 350, sources: [gamma, alpha]}\n  - {<<: *kid, id: adults, age: Adults}",
    )
    root = make_site(
        {
            "content/data/references.yaml": REFS,
            "content/data/ul.yaml": table,
            "content/articles/a.md": article("A", "Adults: {{ ul.adults.ul }}; teens {{ ul.teens.age }}.\n"),
        }
    )
    result = run_build(root)
    assert result.code == 0, result.err
    html = (root / "_site/articles/a/index.html").read_text(encoding="utf-8")
    assert '<span class="data-value">350</span>' in html
    assert '<span class="data-value">Teens</span>' in html


def test_a_duplicate_own_key_is_still_refused_next_to_a_merge(make_site, run_build):
    table = TABLE.replace(
        "  - {id: adults, age: Adults, ul: 350, sources: [gamma, alpha]}",
        "  - &kid {id: teens, age: Teens, ul: 350, sources: [gamma, alpha]}\n  - {<<: *kid, id: adults, id: grown}",
    )
    root = make_site({"content/data/references.yaml": REFS, "content/data/ul.yaml": table})
    result = run_build(root)
    assert result.code == 1
    assert "content/data/ul.yaml:9: error: duplicate key 'id' (first on line 9); keep only one" in result.err


@pytest.mark.parametrize("reference, parts", [("ul.adults.ul.extra", 4), ("ul.adults", 2), ("a.b.c.d.e", 5)])
@pytest.mark.parametrize("where", ["prose", "cell"])
def test_a_value_reference_with_the_wrong_number_of_parts_is_an_error(make_site, run_build, reference, parts, where):
    body = f"Limit: {{{{ {reference} }}}}.\n" if where == "prose" else "Text.\n"
    table = TABLE if where == "prose" else TABLE.replace("age: Adults", f'age: "From {{{{ {reference} }}}}"')
    root = make_site(
        {
            "content/data/references.yaml": REFS,
            "content/data/ul.yaml": table,
            "content/articles/a.md": article("A", body),
        }
    )
    result = run_build(root)
    assert result.code == 1
    message = (
        f"error: '{{{{ {reference} }}}}' must name a table, a row and a column, as in {{{{ table.row.column }}}} "
        f"(it has {parts} parts)"
    )
    where_shown = "content/articles/a.md:6: " if where == "prose" else "content/data/ul.yaml:8: "
    assert where_shown + message in result.err.splitlines(), result.err


@pytest.mark.parametrize("heading", ["Ref alpha", "ref alpha", "Main", "TOC heading", "References heading"])
def test_a_heading_never_takes_an_id_the_page_already_uses(make_site, run_build, heading):
    root = make_site(
        {
            "content/data/references.yaml": REFS,
            "content/articles/a.md": article("A", f"## {heading}\n\nA claim [@alpha].\n"),
            "templates/article.html": '{% extends "base.html" %}{% block main %}<main id="main"><h2 id="toc-heading">On '
            'this page</h2>{{ content }}<h2 id="references-heading">References</h2>{% for r in references %}'
            '<p id="ref-{{ r.key }}">{{ r.title }}</p>{% endfor %}</main>{% endblock %}\n',
        }
    )
    assert run_build(root).code == 0
    from citesite.render.pagecheck import collect_ids

    html = (root / "_site/articles/a/index.html").read_text(encoding="utf-8")
    import re

    ids = re.findall(r'\sid="([^"]+)"', html)
    assert len(ids) == len(set(ids)) == len(collect_ids(html)), ids


@pytest.mark.parametrize("kind", ["site_error", "internal_error"])
def test_the_preview_overlay_and_terminal_show_control_characters_escaped(make_site, monkeypatch, kind):
    import io
    import threading

    import citesite.serve
    from citesite.errors import SiteErrors

    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1795000000")
    root = make_site()

    def fail(*args: object, **kwargs: object) -> None:
        if kind == "site_error":
            raise SiteErrors([SiteError("unknown key 'a\x1b]0;owned\x07'", "content/a\x1b[2J.md", 2)])
        raise RuntimeError("boom \x1b[2J\x07")

    monkeypatch.setattr(citesite.serve, "build", fail)
    app = citesite.serve.Server(root, port=0, out=io.StringIO(), err=io.StringIO())
    app.start()
    errors = app.hub.status()["errors"]
    stopper = threading.Thread(target=app.stop, daemon=True)
    stopper.start()
    stopper.join(20)
    shown = [app.err.getvalue(), *errors]  # type: ignore[misc]
    assert errors
    for text in shown:
        assert "\x1b" not in text and "\x07" not in text
        assert "\\x1b" in text
