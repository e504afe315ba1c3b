"""The site's Markdown features: citations, data tables, charts, values, figures and the glossary."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

from conftest import article, page

REFS = """\
- key: alpha
  title: Alpha study
  authors: Smith A
  container: Bone
  year: 2020
  doi: 10.1000/alpha
  pmid: "123"
- key: beta
  title: Beta study
- key: gamma
  title: Gamma study
"""

TABLE = """\
title: Upper limits
columns:
  - {key: age, label: Age, header: true}
  - {key: ul, label: Limit, unit: mg/day}
chart: {label: age, values: [ul], unit: mg/day, title: Limits by age}
rows:
  - {id: kids, age: Children, ul: 65, sources: [beta]}
  - {id: adults, age: Adults, ul: 350, sources: [gamma, alpha]}
"""

GLOSSARY = """\
- term: Osteoblast
  aliases: [osteoblasts]
  definition: A cell that builds bone.
- term: Bone mineral density
  aliases: [BMD]
  definition: How much mineral bone holds.
- term: Bone
  definition: The hard tissue of the skeleton.
"""


def build_article(make_site, run_build, body: str, extra: dict[str, str] | None = None) -> str:
    files = {
        "content/data/references.yaml": REFS,
        "content/data/ul.yaml": TABLE,
        "content/data/glossary.yaml": GLOSSARY,
        "content/pages/glossary.md": page("Glossary", "Terms.\n", template="glossary"),
        "templates/glossary.html": '{% extends "page.html" %}\n',
        "content/articles/a.md": article("A", body),
        **(extra or {}),
    }
    root = make_site(files)
    result = run_build(root)
    assert result.code == 0, result.err
    html = (root / "_site/articles/a/index.html").read_text()
    return html[html.index("<h1>") :]


def test_citations_are_numbered_by_first_use_and_listed_in_that_order(make_site, run_build):
    html = build_article(make_site, run_build, "One [@beta]. Two [@alpha; @beta]. Three [@alpha].\n")
    assert '<sup class="cite">[<a href="#ref-beta">1</a>]</sup>' in html
    assert '<sup class="cite">[<a href="#ref-alpha">2</a>, <a href="#ref-beta">1</a>]</sup>' in html
    assert '<sup class="cite">[<a href="#ref-alpha">2</a>]</sup>' in html
    assert html.index('id="ref-beta"') < html.index('id="ref-alpha"')
    assert 'id="ref-gamma"' not in html


def test_table_directive_renders_an_accessible_table_with_cited_sources(make_site, run_build):
    html = build_article(make_site, run_build, "Intro [@alpha].\n\n::: table ul\n")
    table = html[html.index('<div class="table-wrap">') : html.index("</table>") + 8]
    assert '<table class="data-table data-table-ul" id="table-ul"><caption>Upper limits</caption>' in table
    assert '<th scope="col">Limit<span class="unit"> (mg/day)</span></th>' in table
    assert '<th scope="row">Children</th>' in table
    assert "<td>350</td>" in table
    # alpha is [1] from the prose; the table's sources continue the same numbering
    assert (
        '<td class="sources" data-pagefind-ignore=""><sup class="cite">[<a href="#ref-beta">2</a>]</sup></td>' in table
    )
    assert '[<a href="#ref-gamma">3</a>, <a href="#ref-alpha">1</a>]' in table


def test_a_changed_cell_changes_every_page_that_shows_it(make_site, run_build):
    extra = {"content/articles/b.md": article("B", "::: table ul\n")}
    html = build_article(make_site, run_build, "::: table ul\n", extra)
    assert "<td>350</td>" in html
    root = make_site({"content/data/ul.yaml": TABLE.replace("ul: 350", "ul: 360")})
    assert run_build(root).code == 0
    for name in ("a", "b"):
        assert "<td>360</td>" in (root / f"_site/articles/{name}/index.html").read_text()


def test_inline_value_prints_a_cell(make_site, run_build):
    html = build_article(make_site, run_build, "Adults: {{ ul.adults.ul }} mg. Code: `{{ ul.adults.ul }}`.\n")
    assert 'Adults: <span class="data-value">350</span> mg.' in html
    assert "<code>{{ ul.adults.ul }}</code>" in html


def test_chart_is_an_accessible_svg_whose_bars_match_the_data(make_site, run_build):
    html = build_article(make_site, run_build, "::: chart ul\n")
    assert (
        '<figure class="chart-figure" id="chart-ul">\n<figcaption>Limits by age</figcaption>\n<div class="chart-svg">'
        in html
    )
    svg = re.search(r"<svg class=\"chart\".*?</svg>", html, re.DOTALL)
    assert svg is not None
    tree = ET.fromstring(svg.group(0))
    ns = "{http://www.w3.org/2000/svg}"
    assert tree.get("role") == "img"
    assert tree.get("aria-labelledby") == "chart-ul-title chart-ul-desc"
    assert tree.find(f"{ns}title").text == "Limits by age (mg/day)"
    assert tree.find(f"{ns}desc").text == "Children: Limit 65; Adults: Limit 350"
    bars = [r for r in tree.iter(f"{ns}rect")]
    widths = [float(r.get("width")) for r in bars]
    assert widths[1] / widths[0] == 350 / 65 or abs(widths[1] / widths[0] - 350 / 65) < 0.01
    assert [r.find(f"{ns}title") for r in bars] == [None, None]  # the numbers are in <desc>, the labels and the table
    values = next(g for g in tree.iter(f"{ns}g") if g.get("class") == "chart-value")
    assert [t.text for t in values.iter(f"{ns}text")] == ["65", "350"]
    assert '<details class="chart-data">' in html and "<td>65</td>" in html


def test_a_chart_links_to_its_table_when_the_page_already_shows_it(make_site, run_build):
    html = build_article(make_site, run_build, "::: table ul\n\n::: chart ul\n")
    assert (
        '<p class="chart-data"><a href="#table-ul">The numbers are in the table \u201cUpper limits\u201d.</a></p>'
        in html
    )
    assert '<details class="chart-data">' not in html
    assert html.count("<table") == 1


def test_figure_directive_inlines_the_svg_with_its_title_as_caption(make_site, run_build):
    svg = '<svg viewBox="0 0 10 10" role="img" aria-labelledby="t"><title id="t">Cycle</title><circle r="4"></circle></svg>\n'
    html = build_article(make_site, run_build, "::: figure cycle\n", {"content/figures/cycle.svg": svg})
    assert '<figure class="diagram" id="figure-cycle">' in html
    assert '<div class="diagram-svg"><svg viewBox="0 0 10 10" role="img"' in html
    assert "<figcaption>Cycle</figcaption>" in html


def test_glossary_marks_only_the_first_use_and_links_to_the_glossary(make_site, run_build):
    html = build_article(make_site, run_build, "Osteoblasts build bone. An osteoblast again.\n")
    assert html.count('class="term"') == 2
    assert '<a class="term" href="../../glossary/#osteoblast" title="A cell that builds bone.">Osteoblasts</a>' in html
    assert '<a class="term" href="../../glossary/#bone" title="The hard tissue of the skeleton.">bone</a>' in html
    assert "An osteoblast again." in html


def test_a_terms_other_spellings_are_search_metadata_on_its_first_use_and_never_shown(make_site, run_build):
    glossary = GLOSSARY.replace(
        "  aliases: [osteoblasts]\n", "  aliases: [osteoblasts]\n  also: [osteoblastt, osteoblaste]\n"
    )
    html = build_article(make_site, run_build, "Osteoblasts build bone.\n", {"content/data/glossary.yaml": glossary})
    assert (
        '<a class="term" data-pagefind-meta="spellings-osteoblast:osteoblastt osteoblaste"'
        ' href="../../glossary/#osteoblast" title="A cell that builds bone.">Osteoblasts</a>'
    ) in html
    assert html.count("osteoblastt") == 1  # in the attribute only: the reader never sees it


def test_key_points_weigh_more_in_search_and_box_titles_are_not_indexed(make_site, run_build):
    body = '!!! keypoints "Key points"\n    - One.\n\n!!! note "Note"\n    Two.\n'
    html = build_article(make_site, run_build, body)
    assert (
        '<div class="admonition keypoints" data-pagefind-weight="5">\n<p class="admonition-title" data-pagefind-ignore="">Key points</p>'
        in html
    )
    assert '<div class="admonition note">\n<p class="admonition-title" data-pagefind-ignore="">Note</p>' in html


def test_glossary_prefers_the_longest_term(make_site, run_build):
    html = build_article(make_site, run_build, "Bone mineral density matters.\n")
    assert (
        '<a class="term" href="../../glossary/#bone-mineral-density" title="How much mineral bone holds.">Bone mineral density</a>'
        in html
    )
    assert 'href="../../glossary/#bone"' not in html


def test_glossary_skips_headings_links_and_code(make_site, run_build):
    body = "## Osteoblast basics\n\n[osteoblast](b.md) and `osteoblast` and BMD.\n\nLater an osteoblast.\n"
    html = build_article(make_site, run_build, body, {"content/articles/b.md": article("B")})
    assert '<h2 id="osteoblast-basics">Osteoblast basics' in html
    assert '<a href="../b/">osteoblast</a>' in html
    assert "<code>osteoblast</code>" in html
    assert 'Later an <a class="term"' in html


def test_glossary_page_lists_terms_with_anchors(make_site, run_build):
    root = make_site(
        {
            "content/data/glossary.yaml": GLOSSARY,
            "content/pages/glossary.md": page("Glossary", template="glossary"),
            "templates/glossary.html": '{% extends "base.html" %}{% block main %}{% for t in glossary %}'
            '<dt id="{{ t.id }}">{{ t.term }}</dt><dd>{{ t.definition }}</dd>{% endfor %}{% endblock %}\n',
            "content/articles/a.md": article("A", "[BMD](../pages/glossary.md#bone-mineral-density)\n"),
        }
    )
    assert run_build(root).code == 0
    html = (root / "_site/glossary/index.html").read_text()
    assert '<dt id="osteoblast">Osteoblast</dt><dd>A cell that builds bone.</dd>' in html


def test_only_authored_fragment_links_are_kept_for_the_anchor_check(tmp_path):
    from citesite.errors import Problems
    from citesite.markdown import SiteIndex, create_markdown, render_markdown
    from citesite.source.content import FrontMatter, Source
    from citesite.source.data import load_data

    (tmp_path / "data").mkdir()
    pages = {"articles/a.md": "articles/a/", "articles/b.md": "articles/b/"}
    index = SiteIndex(pages, frozenset(pages.values()), load_data(tmp_path / "data", Problems()), None, tmp_path)
    body = "Bone.[^1] See [below](#part) and [B](b.md#top).\n\n## Part\n\n[^1]: A note.\n"
    source = Source("articles/a.md", "content/articles/a.md", FrontMatter("A", "S."), body, 5, "")
    result = render_markdown(create_markdown(index), source, "articles/a/")
    assert 'class="footnote-ref"' in result.html
    assert result.anchors == (("articles/a/", "part", 5, "#part"), ("articles/b/", "top", 5, "b.md#top"))
