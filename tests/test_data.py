"""Bad data and content warnings: exact 'path:line: level: message', exit codes, nothing written."""

from __future__ import annotations

import pytest
from conftest import SITE_YAML, article, page, tree_digest
from test_extensions import REFS, TABLE

GOOD = {"content/data/references.yaml": REFS, "content/data/ul.yaml": TABLE}
USES_ALL = {"content/articles/uses.md": article("Uses", "[@alpha] [@beta] [@gamma]\n")}

DATA_CASES = {
    "missing_column": (
        {
            "content/data/ul.yaml": TABLE.replace(
                "  - {id: kids, age: Children, ul: 65, sources: [beta]}",
                "  - {id: kids, age: Children, sources: [beta]}",
            )
        },
        "content/data/ul.yaml:7: error: row is missing column 'ul'; add 'ul:' (leave it empty for no value)",
    ),
    "row_without_source": (
        {"content/data/ul.yaml": TABLE.replace(", sources: [beta]}", "}")},
        "content/data/ul.yaml:7: error: row has no sources; add 'sources: [reference-key]' (or table-wide 'sources:')",
    ),
    "unknown_source": (
        {"content/data/ul.yaml": TABLE.replace("sources: [beta]", "sources: [delta]")},
        "content/data/ul.yaml:7: error: unknown reference 'delta'; add it to content/data/references.yaml",
    ),
    "chart_not_a_number": (
        {"content/data/ul.yaml": TABLE.replace("ul: 65", "ul: sixty-five")},
        "content/data/ul.yaml:7: error: chart value 'ul' must be a number, got 'sixty-five'; fix it or add 'chart: false' to this row",
    ),
    "chart_empty_cell": (
        {"content/data/ul.yaml": TABLE.replace("ul: 65,", "ul: null,")},
        "content/data/ul.yaml:7: error: chart value 'ul' must be a number, got an empty cell; fix it or add 'chart: false' to this row",
    ),
    "duplicate_row_id": (
        {"content/data/ul.yaml": TABLE.replace("id: adults", "id: kids")},
        "content/data/ul.yaml:8: error: duplicate row id 'kids' (first on line 7); give each row its own id",
    ),
    "row_not_a_mapping": (
        {"content/data/ul.yaml": TABLE + "  - just text\n"},
        "content/data/ul.yaml:9: error: each entry of rows must be 'key: value' lines",
    ),
    "unknown_row_key": (
        {"content/data/ul.yaml": TABLE.replace("ul: 65,", "ul: 65, note: x,")},
        "content/data/ul.yaml:7: error: unknown column 'note' in this row; the columns are age, ul",
    ),
    "table_without_title": (
        {"content/data/ul.yaml": TABLE.replace("title: Upper limits\n", "")},
        "content/data/ul.yaml:1: error: missing required key 'title' (the table's caption)",
    ),
    "chart_unknown_column": (
        {"content/data/ul.yaml": TABLE.replace("values: [ul]", "values: [mg]")},
        "content/data/ul.yaml:5: error: chart column 'mg' is not one of the table's columns (age, ul)",
    ),
    "duplicate_reference": (
        {"content/data/references.yaml": REFS + "- key: alpha\n  title: Again\n"},
        "content/data/references.yaml:12: error: duplicate reference key 'alpha' (first on line 1); keys must be unique",
    ),
    "duplicate_glossary_term": (
        {
            "content/data/glossary.yaml": "- term: PTH\n  definition: a\n- term: Hormone\n  aliases: [pth]\n  definition: b\n"
        },
        "content/data/glossary.yaml:3: error: duplicate glossary term 'pth' (first on line 1); define it once",
    ),
    "other_spelling_that_is_a_term": (
        {
            "content/data/glossary.yaml": "- term: PTH\n  definition: a\n- term: Hormone\n  also: [pth]\n  definition: b\n"
        },
        "content/data/glossary.yaml:3: error: duplicate glossary term 'pth' (first on line 1); define it once",
    ),
    "other_spellings_not_a_list": (
        {"content/data/glossary.yaml": "- term: PTH\n  also: pht\n  definition: a\n"},
        "content/data/glossary.yaml:2: error: 'also': expected a list such as [vitamin-d, pth], got text 'pht'",
    ),
    "bad_doi": (
        {"content/data/references.yaml": REFS.replace("doi: 10.1000/alpha", "doi: https://doi.org/10.1000/alpha")},
        "content/data/references.yaml:6: error: 'doi': 'https://doi.org/10.1000/alpha' is not a DOI; write it as 10.xxxx/… without https://doi.org/",
    ),
    "missing_table": (
        {"content/articles/a.md": article("A", "Intro.\n\n::: table nope\n")},
        "content/articles/a.md:8: error: no data table 'nope'; create content/data/nope.yaml (tables: ul)",
    ),
    "unknown_directive": (
        {"content/articles/a.md": article("A", "::: tabel ul\n")},
        "content/articles/a.md:6: error: unknown directive '::: tabel ul'; write '::: table NAME', '::: chart NAME' or '::: figure NAME'; did you mean '::: table NAME'?",
    ),
    "unknown_value_row": (
        {"content/articles/a.md": article("A", "It is {{ ul.teens.ul }} mg.\n")},
        "content/articles/a.md:6: error: table 'ul' has no row with id 'teens'; row ids: kids, adults",
    ),
    "unknown_value_column": (
        {"content/articles/a.md": article("A", "It is {{ ul.kids.mg }} mg.\n")},
        "content/articles/a.md:6: error: table 'ul' has no column 'mg'; columns: age, ul",
    ),
    "missing_figure": (
        {"content/articles/a.md": article("A", "::: figure cycle\n")},
        "content/articles/a.md:6: error: no figure 'cycle'; add content/figures/cycle.svg",
    ),
    "figure_with_script": (
        {
            "content/articles/a.md": article("A", "::: figure x\n"),
            "content/figures/x.svg": '<svg role="img"><title>X</title><script>alert(1)</script></svg>',
        },
        "content/articles/a.md:6: error: content/figures/x.svg contains a script, an event handler or a link to another file; remove it",
    ),
    "data_not_a_list": (
        {"content/data/references.yaml": "key: alpha\n"},
        "content/data/references.yaml:1: error: expected a list of references (lines starting with '- '), got a mapping",
    ),
}


@pytest.mark.parametrize("files,message", DATA_CASES.values(), ids=DATA_CASES.keys())
def test_bad_data_is_reported_and_nothing_is_written(make_site, run_build, files, message):
    root = make_site({**GOOD, **USES_ALL, "content/articles/b.md": article("B", "::: table ul\n")})
    assert run_build(root).code == 0
    before = tree_digest(root / "_site")
    root = make_site(files)
    result = run_build(root)
    assert result.code == 1
    assert message in result.err.splitlines(), result.err
    assert tree_digest(root / "_site") == before


WARNING_CASES = {
    "unused_reference": (
        {"content/articles/uses.md": article("Uses", "[@alpha] [@beta]\n")},
        "content/data/references.yaml:10: warning: reference 'gamma' is not cited anywhere; cite it with [@gamma] or remove it",
    ),
    "review_overdue": (
        {"content/articles/a.md": article("A", reviewed="2025-01-01")},
        "content/articles/a.md:4: warning: review overdue since 2026-01-01 (reviewed 2025-01-01); check the article and update 'reviewed'",
    ),
    "summary_placeholder": (
        {
            "content/articles/a.md": '---\ntitle: A\nsummary: "TODO: say what it is about"\nreviewed: 2026-11-01\n---\nText.\n'
        },
        "content/articles/a.md:3: warning: summary still has its placeholder; write one or two plain sentences",
    ),
    "heading_skipped": (
        {"content/articles/a.md": article("A", "## One\n\n#### Deep\n")},
        "content/articles/a.md:8: warning: heading 'Deep' skips from level 2 to 4; use ###",
    ),
    "h1_in_body": (
        {"content/articles/a.md": article("A", "# Title again\n")},
        "content/articles/a.md:6: warning: heading 'Title again' uses '#'; start body headings at '##' (the title is the page's heading)",
    ),
    "image_without_alt": (
        {"content/articles/a.md": article("A", "Text.\n\n![](/img/x.svg)\n"), "static/img/x.svg": "<svg></svg>"},
        "content/articles/a.md:8: warning: image '/img/x.svg' has no alt text; describe it in ![…](/img/x.svg)",
    ),
    "empty_link_text": (
        {"content/articles/a.md": article("A", "See [](b.md).\n"), "content/articles/b.md": article("B")},
        "content/articles/a.md:6: warning: link to 'b.md' has no text; write the text inside [ ]",
    ),
    "reading_grade": (
        {
            "content/site.yaml": SITE_YAML + "readability:\n  check: true\n",
            "content/articles/a.md": article(
                "A",
                summary="Comprehensive epidemiological investigations demonstrate considerable interindividual variability in magnesium bioavailability characteristics.",
            ).replace("summary: A short summary.\n", ""),
        },
        "content/articles/a.md:3: warning: summary reads at grade 34.7, above the target 9; use shorter sentences and words",
    ),
}


@pytest.mark.parametrize("files,message", WARNING_CASES.values(), ids=WARNING_CASES.keys())
def test_warnings_pass_a_build_and_fail_a_strict_one(make_site, run_build, files, message):
    root = make_site({**GOOD, **USES_ALL, **files})
    result = run_build(root)
    assert result.code == 0
    assert message in result.err.splitlines(), result.err
    strict = run_build(root, "--strict")
    assert strict.code == 1
    assert message in strict.err.splitlines()  # still a warning, which fails a strict build
    check = run_build(root, "check")
    assert check.code == 1
    assert not (root / "_site.check").exists()


def test_check_output_is_sorted_with_a_count(make_site, run_build):
    root = make_site(
        {
            **GOOD,
            "content/articles/b.md": article("B", "## One\n\n#### Deep\n"),
            "content/articles/a.md": article("A", "[@alpha] [@beta] [@gamma]\n\n# Again\n"),
        }
    )
    lines = run_build(root, "check").err.splitlines()
    assert lines == [
        "content/articles/a.md:8: warning: heading 'Again' uses '#'; start body headings at '##' (the title is the page's heading)",
        "content/articles/b.md:8: warning: heading 'Deep' skips from level 2 to 4; use ###",
        "0 errors, 2 warnings (strict: warnings fail the build)",
    ]


def test_glossary_page_without_template_data_is_fine(make_site, run_build):
    root = make_site({"content/pages/g.md": page("G")})
    assert run_build(root).code == 0
