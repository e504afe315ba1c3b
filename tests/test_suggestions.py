"""'Did you mean' for near misses: citations, references, links, anchors, glossary anchors, tables, rows, columns, figures."""

from __future__ import annotations

import pytest
from conftest import article, page
from hypothesis import given
from hypothesis import strategies as st
from test_extensions import GLOSSARY, REFS, TABLE

from citesite.source.suggest import closest, did_you_mean

DATA = {
    "content/data/references.yaml": REFS,
    "content/data/ul.yaml": TABLE,
    "content/data/glossary.yaml": GLOSSARY,
    "content/pages/glossary.md": page("Glossary", "Terms.\n", template="glossary"),
    "templates/glossary.html": '{% extends "base.html" %}{% block main %}{% for t in glossary %}'
    '<dt id="{{ t.id }}">{{ t.term }}</dt>{% endfor %}{% endblock %}\n',
    "content/articles/uses.md": article("Uses", "[@alpha] [@beta] [@gamma]\n\n## How secretion fails\n"),
    "content/articles/bone-cells.md": article("Bone cells", "Text.\n"),
    "content/articles/other.md": article("Other", "Text.\n"),
    "content/figures/remodeling-cycle.svg": '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 1 1"></svg>\n',
}


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ("[@alpah]\n", "unknown citation 'alpah'; add it to content/data/references.yaml; did you mean 'alpha'?"),
        ("[@omega]\n", "unknown citation 'omega'; add it to content/data/references.yaml"),
        (
            "[B](bone-cell.md)\n",
            "link to a missing page 'bone-cell.md' (looked for content/articles/bone-cell.md); check the file name;"
            " did you mean 'bone-cells.md'?",
        ),
        (
            "[B](../pages/glosary.md)\n",
            "link to a missing page '../pages/glosary.md' (looked for content/pages/glosary.md); check the file name;"
            " did you mean '../pages/glossary.md'?",
        ),
        (
            "[B](/articles/bone-cell.md)\n",
            "link to a missing page '/articles/bone-cell.md' (looked for content/articles/bone-cell.md); check the file"
            " name; did you mean '/articles/bone-cells.md'?",
        ),
        (
            "[B](nowhere.md)\n",  # alike only in '.md' with 'other.md': no suggestion
            "link to a missing page 'nowhere.md' (looked for content/articles/nowhere.md); check the file name",
        ),
        (
            "[B](pth.md)\n",
            "link to a missing page 'pth.md' (looked for content/articles/pth.md); check the file name",
        ),
        (
            "[B](bone-cells)\n",
            "link to 'bone-cells', which the site does not have; link a page by its .md file, or add the file under"
            " static/; did you mean 'bone-cells.md'?",
        ),
        (
            "[U](uses.md#how-secretion-fail)\n",
            "link 'uses.md#how-secretion-fail' points at a missing anchor '#how-secretion-fail' in"
            " content/articles/uses.md; check the heading; did you mean '#how-secretion-fails'?",
        ),
        (
            "[O](../pages/glossary.md#osteoblasts)\n",
            "link '../pages/glossary.md#osteoblasts' points at a missing anchor '#osteoblasts' in"
            " content/pages/glossary.md; check the heading; did you mean '#osteoblast'?",
        ),
        (
            "{{ ul.adult.ul }}\n",
            "table 'ul' has no row with id 'adult'; row ids: kids, adults; did you mean 'adults'?",
        ),
        ("{{ uls.adults.ul }}\n", "no data table 'uls'; tables: ul; did you mean 'ul'?"),
        ("{{ ul.adults.uls }}\n", "table 'ul' has no column 'uls'; columns: age, ul; did you mean 'ul'?"),
        (
            "::: table uls\n",
            "no data table 'uls'; create content/data/uls.yaml (tables: ul); did you mean 'ul'?",
        ),
        (
            "::: chart uls\n",
            "no data table 'uls'; create content/data/uls.yaml (tables: ul); did you mean 'ul'?",
        ),
        (
            "::: figure remodelling-cycle\n",
            "no figure 'remodelling-cycle'; add content/figures/remodelling-cycle.svg; did you mean 'remodeling-cycle'?",
        ),
    ],
)
def test_a_near_miss_gets_the_name_it_was_meant_to_be(make_site, run_build, body, message):
    root = make_site({**DATA, "content/articles/a.md": article("A", body)})
    result = run_build(root, "check")
    assert result.code == 1
    assert result.err == f"content/articles/a.md:6: error: {message}\n1 error, 0 warnings\n"


def test_a_table_source_near_a_reference_key(make_site, run_build):
    root = make_site({**DATA, "content/data/ul.yaml": TABLE.replace("sources: [beta]", "sources: [betta]")})
    result = run_build(root, "check")
    assert result.err == (
        "content/data/ul.yaml:7: error: unknown reference 'betta'; add it to content/data/references.yaml;"
        " did you mean 'beta'?\n1 error, 0 warnings\n"
    )


def test_only_close_names_are_offered():
    assert closest("adult", ["adults", "kids"]) == "adults"
    assert closest("delta", ["beta"]) is None  # shares a few letters, not a typo
    assert did_you_mean("x", []) == ""
    assert did_you_mean("ods_mg", ["ods_mg_hp", "iom2000"]) == "; did you mean 'ods_mg_hp'?"
    assert did_you_mean("fail", ["fails"], lambda match: "#" + match) == "; did you mean '#fails'?"


NAMES = st.text(alphabet="abcdefghijklmnopqrstuvwxyz0123456789-_", min_size=1, max_size=20)


@given(NAMES, st.lists(NAMES, max_size=8))
def test_a_suggestion_is_always_one_of_the_choices(name, choices):
    found = did_you_mean(name, choices)
    assert found == "" or found[len("; did you mean '") : -len("'?")] in choices


@given(st.text(alphabet="abcdefghijklmnopqrstuvwxyz", min_size=6, max_size=20), st.integers(0, 19))
def test_one_letter_dropped_from_a_long_name_is_always_found(name, position):
    typo = name[: position % len(name)] + name[position % len(name) + 1 :]
    assert closest(typo, [name, "zz"]) == name
