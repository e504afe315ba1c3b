"""The reader's site: answers from the data on the home page, topic order, tables, charts, print, cite."""

from __future__ import annotations

import math
import re
from pathlib import Path

from conftest import copy_site
from hypothesis import given
from hypothesis import strategies as st

from citesite.markdown.charts import MAX_TICKS, nice_step
from citesite.render.context import page_scripts, split_lead

ROOT = Path(__file__).resolve().parents[1]


def copy_project(tmp_path: Path) -> Path:
    """The real site's content, templates and static files in a scratch folder, to build and to change."""
    root = tmp_path / "site"
    copy_site(root)
    return root


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_home_answers_the_three_questions_from_the_data(tmp_path, run_build):
    root = copy_project(tmp_path)
    assert run_build(root).code == 0
    home = (root / "_site/index.html").read_text()
    answers = home[home.index('<aside class="quick-answers"') : home.index("</aside>")]
    assert "Adults need <strong>310–420 mg</strong> of magnesium a day: women 310–320 mg and men 400–420 mg" in answers
    assert "up to <strong>350 mg a day from supplements and medicines</strong>. It is a limit, not a target" in answers
    foods = re.findall(r"<li>([^<]+): <strong>(\d+) mg</strong> per ([^<]+)</li>", answers)
    assert foods == [
        ("Pumpkin seeds, roasted", "156", "1 ounce"),
        ("Chia seeds", "111", "1 ounce"),
        ("Almonds, dry roasted", "80", "1 ounce"),
    ]
    # every "more" link lands on a heading of the intake article (the build checks links in Markdown, not these)
    article = (root / "_site/articles/how-much-magnesium/index.html").read_text()
    fragments = re.findall(r'<a href="articles/how-much-magnesium/#([^"]+)">', answers)
    assert len(fragments) == 3 and all(f'id="{fragment}"' in article for fragment in fragments)
    # the answers come before the introduction and the cards
    assert home.index('class="quick-answers"') < home.index('class="content home-text"') < home.index('class="cards"')


def test_home_answers_follow_a_changed_data_row(tmp_path, run_build):
    root = copy_project(tmp_path)
    edit(root / "content/data/rda.yaml", "    male: 400\n    female: 310\n", "    male: 400\n    female: 300\n")
    edit(
        root / "content/data/ul.yaml",
        "    age_group: 19–70 years\n    ul: 350",
        "    age_group: 19–70 years\n    ul: 340",
    )
    edit(root / "content/data/foods.yaml", "    mg: 80\n", "    mg: 180\n")  # almonds
    assert run_build(root).code == 0
    home = (root / "_site/index.html").read_text()
    assert "Adults need <strong>300–420 mg</strong> of magnesium a day: women 300–320 mg" in home
    assert "up to <strong>340 mg a day from supplements and medicines</strong>" in home
    assert re.findall(r"<li>([^<]+): <strong>", home)[:3] == [
        "Almonds, dry roasted",
        "Pumpkin seeds, roasted",
        "Chia seeds",
    ]


def test_topic_cards_start_with_what_readers_ask(tmp_path, run_build):
    root = copy_project(tmp_path)
    assert run_build(root).code == 0
    home = (root / "_site/index.html").read_text()
    cards = re.findall(r'<li class="card"><h3><a href="[^"]+">([^<]+)</a>', home)
    assert cards[:2] == ["How much magnesium do you need?", "Food or supplements?"]
    assert cards.index("Magnesium and parathyroid hormone") > cards.index("Magnesium and your bones")
    assert len(cards) == len(list((root / "content/articles").glob("*.md")))


@given(st.floats(min_value=0.001, max_value=1e9, allow_nan=False))
def test_chart_axis_steps_are_round_and_few(value: float) -> None:
    step = nice_step(value)
    intervals = math.ceil(value / step - 1e-9)
    assert 1 <= intervals <= MAX_TICKS
    mantissa = step / 10 ** math.floor(math.log10(step))
    assert round(mantissa, 6) in (1, 2, 2.5, 5)


def test_charts_name_their_unit_and_use_round_ticks(tmp_path, run_build):
    root = copy_project(tmp_path)
    assert run_build(root).code == 0
    page = (root / "_site/articles/how-much-magnesium/index.html").read_text()
    chart = page[page.index('<svg class="chart"') :]
    chart = chart[: chart.index("</svg>")]
    axis = chart[chart.index('<g class="chart-tick" text-anchor="middle">') :]
    ticks = re.findall(r'<text x="[^"]+" y="[^"]+"(?: text-anchor="start")?>([^<]+)</text>', axis[: axis.index("</g>")])
    assert ticks == ["0", "50", "100", "150", "200"]  # pumpkin seeds, the most, have 156 mg
    assert '<text class="chart-tick chart-unit"' in chart and ">mg per serving</text>" in chart
    # the page shows the table, so the chart's description points to it instead of repeating it
    assert (
        '<desc id="chart-foods-desc">The numbers are in the table \u201cMagnesium in selected foods\u201d.</desc>'
        in chart
    )


def test_number_tables_keep_their_units_and_prose_tables_become_cards(tmp_path, run_build):
    root = copy_project(tmp_path)
    assert run_build(root).code == 0
    needs = (root / "_site/articles/how-much-magnesium/index.html").read_text()
    assert '<table class="data-table data-table-rda" id="table-rda">' in needs
    assert '<th scope="col">Male<span class="unit"> (mg/day)</span></th>' in needs
    assert '<th scope="col">Daily Value<span class="unit"> (%)</span></th>' in needs
    assert "data-label" not in needs
    comparison = (root / "_site/articles/food-or-supplements/index.html").read_text()
    assert '<table class="data-table data-table-comparison data-cards" id="table-comparison">' in comparison
    assert '<td data-label="Bottom line">' in comparison
    assert '<td class="sources" data-label="Sources" data-pagefind-ignore="">' in comparison


def test_reference_lists_controls_and_titles_stay_out_of_the_search_text(tmp_path, run_build):
    root = copy_project(tmp_path)
    assert run_build(root).code == 0
    site = root / "_site"
    for page in [site / "index.html", *site.glob("articles/*/index.html")]:
        html = page.read_text()
        assert '<section class="references" aria-labelledby="references-heading" data-pagefind-ignore>' in html, page
    references = (site / "references/index.html").read_text()
    assert "data-pagefind-body" not in references  # the bibliography is for checking, not answering: not indexed
    article_html = (site / "articles/magnesium-and-pth/index.html").read_text()
    # the title is the result's heading (metadata), not the first words of every excerpt
    assert '<h1 data-pagefind-meta="title" data-pagefind-ignore>Magnesium and parathyroid hormone</h1>' in article_html
    assert '<div class="admonition keypoints" data-pagefind-weight="5">' in article_html
    assert '<p class="admonition-title" data-pagefind-ignore="">Key points</p>' in article_html


def test_every_article_can_be_cited_and_printed_and_opens_with_its_key_points(tmp_path, run_build):
    root = copy_project(tmp_path)
    assert run_build(root).code == 0
    for page in (root / "_site/articles").glob("*/index.html"):
        html = page.read_text()
        title = re.search(r"<h1[^>]*>([^<]+)</h1>", html).group(1)  # type: ignore[union-attr]
        cite = html[html.index('<section class="cite-page"') :]
        cite = cite[: cite.index("</section>")]
        stop = "" if title.endswith(("?", "!", ".")) else "."  # "Food or supplements?" takes no full stop
        assert f"\u201c{title}{stop}\u201d <cite>Magnesium and Bone Health</cite>." in cite, page
        assert (
            f'<span class="cite-url">https://example.org/magnesium-bone-health/articles/{page.parent.name}/</span>'
            in cite
        )
        assert re.search(r"Last checked \d+ \w+ 20\d\d\.</p>", cite), page
        assert '<button class="print-button" type="button" data-pagefind-ignore>Print</button>' in html
        # the key points come before the table of contents, which a phone shows in that order
        assert html.index('<div class="content article-lead">') < html.index('<nav class="toc"')


def test_split_lead_takes_the_whole_key_points_box():
    box = '<div class="admonition keypoints">\n<p>Key</p>\n<div class="x"><p>in</p></div>\n</div>\n'
    assert split_lead(box + "<p>Rest</p>") == (box.rstrip("\n"), "<p>Rest</p>")
    assert split_lead("<p>No box</p>") == ("", "<p>No box</p>")
    assert split_lead('<div class="admonition keypoints"><p>unclosed') == (
        "",
        '<div class="admonition keypoints"><p>unclosed',
    )


def test_page_scripts_are_named_by_the_content():
    html = '<div data-script="checker"></div><div data-script="checker"></div><p data-script="Bad name"></p>'
    assert page_scripts(html) == ["checker"]
    assert page_scripts("<p>Nothing</p>") == []


FOODS = """\
title: Foods
columns:
  - {key: food, label: Food, header: true}
  - {key: serving, label: Serving}
  - {key: mg, label: Magnesium, unit: mg}
sources: [src]
rows:
  - {id: seeds, food: Seeds, serving: 1 ounce, mg: 150, tags: Nuts!}
"""


def test_row_tags_must_be_a_list_of_words(make_site, run_build):
    root = make_site(
        {"content/data/references.yaml": "- key: src\n  title: A source\n", "content/data/foods.yaml": FOODS}
    )
    result = run_build(root)
    assert result.code == 1
    assert "content/data/foods.yaml:8: error: 'tags' must be a list of lower-case words, e.g. [whole-nut-or-seed]" in (
        result.err
    )
