"""The reader's site: answers from the data on the home page, topic order, tables, charts, print, cite, checker data."""

from __future__ import annotations

import json
import math
import re
import shutil
from pathlib import Path

from conftest import article
from hypothesis import given
from hypothesis import strategies as st

from citesite.markdown.checker import age_span
from citesite.render.charts import MAX_TICKS, nice_step
from citesite.render.context import page_scripts, split_lead

ROOT = Path(__file__).resolve().parents[1]


def copy_project(tmp_path: Path) -> Path:
    """The real site's content, templates and static files in a scratch folder, to build and to change."""
    root = tmp_path / "site"
    for name in ("content", "templates", "static"):
        shutil.copytree(ROOT / name, root / name)
    return root


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def checker_json(html: str) -> dict:
    found = re.search(r'<script class="checker-data" type="application/json">(.*?)</script>', html, re.DOTALL)
    assert found, "no checker data on the page"
    return json.loads(found.group(1))


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


def test_checker_numbers_come_from_the_tables_and_its_script_loads_on_its_page_only(tmp_path, run_build):
    root = copy_project(tmp_path)
    assert run_build(root).code == 0
    page = (root / "_site/articles/intake-checker/index.html").read_text()
    data = checker_json(page)
    stages = {
        f"{group}, {who}": [amount, kind, limit]
        for group, kind, ones, _ in data["stages"]
        for who, amount, limit in ones
    }
    assert stages["31–50 years, Female"] == [320, "RDA", 350]
    assert stages["19–30 years, Male"] == [400, "RDA", 350]
    assert stages["14–18 years, Pregnancy"] == [400, "RDA", 350]
    assert stages["Over 70 years, Female"] == [320, "RDA", 350]
    assert stages["1–3 years, Male"] == [80, "RDA", 65]
    assert stages["0–6 months, Female"] == [30, "AI", None]
    assert "51–70 years, Pregnancy" not in stages  # an empty cell is no life stage
    assert data["foods"][0] == ["Pumpkin seeds, roasted", "1 ounce", 156, True]  # a whole seed: not for under-5s
    assert ["Peanut butter, smooth", "2 tablespoons", 49, False] in data["foods"]
    young = {group: child for group, _, _, child in data["stages"]}
    assert young["4–8 years"] and young["0–6 months"] and not young["9–13 years"] and not young["14–18 years"]
    assert data["products"] == [
        ["Milk of magnesia (a laxative)", "1 tablespoon (15 mL)", 500],
        ["Antacid chewable tablet with calcium carbonate and magnesium hydroxide", "1 tablet", 56],
    ]
    assert all(isinstance(food[2], int | float) for food in data["foods"])
    assert '<div class="checker" data-script="checker" hidden id="checker">' in page
    assert len(re.findall(r'<script src="[^"]*js/checker\.[0-9a-f]+\.js" defer></script>', page)) == 1
    for other in (root / "_site").rglob("*.html"):
        if other.parent.name != "intake-checker":
            assert 'data-script="checker"' not in other.read_text() and "js/checker." not in other.read_text(), other


def test_a_changed_food_changes_the_checker(tmp_path, run_build):
    root = copy_project(tmp_path)
    edit(root / "content/data/foods.yaml", "    mg: 156\n", "    mg: 157\n")
    edit(
        root / "content/data/rda.yaml",
        "    male: 420\n    female: 320\n    pregnancy: 360",
        "    male: 420\n    female: 330\n    pregnancy: 360",
    )
    assert run_build(root).code == 0
    data = checker_json((root / "_site/articles/intake-checker/index.html").read_text())
    assert data["foods"][0] == ["Pumpkin seeds, roasted", "1 ounce", 157, True]
    assert [
        "31–50 years",
        "RDA",
        [["Male", 420, 350], ["Female", 330, 350], ["Pregnancy", 360, 350], ["Breastfeeding", 320, 350]],
        False,
    ] in data["stages"]


CHECKER_TABLES = {
    "content/data/references.yaml": "- key: src\n  title: A source\n",
    "content/data/rda.yaml": """\
title: Needs
columns:
  - {key: age_group, label: Age group, header: true}
  - {key: female, label: Female, unit: mg/day}
  - {key: pregnancy, label: Pregnancy, unit: mg/day}
sources: [src]
rows:
  - {id: a, age_group: 19–30 years, female: 310, pregnancy: 350}
  - {id: b, age_group: Over 70 years, female: 320, pregnancy: null}
""",
    "content/data/ul.yaml": """\
title: Limits
columns:
  - {key: age_group, label: Age group, header: true}
  - {key: ul, label: Limit, unit: mg/day}
sources: [src]
rows:
  - {id: adults, age_group: 19–70 years, ul: 350}
  - {id: old, age_group: Over 70 years, ul: 300}
  - {id: preg, age_group: "Pregnancy, 19–50 years", ul: 340}
""",
    "content/data/foods.yaml": """\
title: Foods
columns:
  - {key: food, label: Food, header: true}
  - {key: serving, label: Serving}
  - {key: mg, label: Magnesium, unit: mg}
sources: [src]
rows:
  - {id: seeds, food: Seeds, serving: 1 ounce, mg: 150}
  - {id: milk, food: Milk, serving: 1 cup, mg: 24–27}
""",
}


def test_checker_pairs_each_life_stage_with_the_limit_for_its_ages(make_site, run_build):
    root = make_site({**CHECKER_TABLES, "content/articles/a.md": article("A", "::: checker\n")})
    assert run_build(root).code == 0, run_build(root).err
    data = checker_json((root / "_site/articles/a/index.html").read_text())
    assert data == {
        "stages": [
            ["19–30 years", "", [["Female", 310, 350], ["Pregnancy", 350, 340]], False],
            ["Over 70 years", "", [["Female", 320, 300]], False],
        ],
        "foods": [["Seeds", "1 ounce", 150, False]],  # a range is no number to add up
    }


def test_checker_without_its_tables_is_an_error(make_site, run_build):
    root = make_site({"content/articles/a.md": article("A", "Text.\n\n::: checker\n")})
    result = run_build(root)
    assert result.code == 1
    assert (
        "content/articles/a.md:8: error: the intake checker needs content/data/rda.yaml, content/data/ul.yaml, "
        "content/data/foods.yaml; add the table or remove '::: checker'"
    ) in result.err


def test_checker_says_which_age_group_it_cannot_read(make_site, run_build):
    files = {**CHECKER_TABLES, "content/articles/a.md": article("A", "::: checker\n")}
    files["content/data/rda.yaml"] = files["content/data/rda.yaml"].replace("Over 70 years", "Older adults")
    result = run_build(make_site(files))
    assert result.code == 1
    assert (
        "content/articles/a.md:6: error: the intake checker cannot read the ages in 'Older adults' "
        "(content/data/rda.yaml:9); write them like '19–30 years', '0–6 months' or 'Over 70 years'"
    ) in result.err


def test_checker_says_which_life_stage_has_no_limit_row(make_site, run_build):
    files = {**CHECKER_TABLES, "content/articles/a.md": article("A", "::: checker\n")}
    files["content/data/ul.yaml"] = files["content/data/ul.yaml"].replace(
        "Pregnancy, 19–50 years", "Pregnancy, 20–50 years"
    )
    files["content/data/rda.yaml"] = files["content/data/rda.yaml"].replace("Over 70 years", "Old age")
    result = run_build(make_site(files))
    assert result.code == 1
    assert result.err.splitlines()[:2] == [
        "content/articles/a.md:6: error: no row of content/data/ul.yaml covers '19–30 years, Pregnancy' "
        "(content/data/rda.yaml:8); add one whose age group includes these ages",
        "content/articles/a.md:6: error: the intake checker cannot read the ages in 'Old age' "
        "(content/data/rda.yaml:9); write them like '19–30 years', '0–6 months' or 'Over 70 years'",
    ]


def test_age_groups_are_read_as_spans_of_years():
    assert age_span("0–6 months") == (0.0, 7 / 12)
    assert age_span("19–30 years") == (19.0, 31.0)
    assert age_span("Over 70 years") == (71.0, 999.0)
    assert age_span("Pregnancy, 18 years and under") == (0.0, 19.0)
    assert age_span("Adults") is None


@given(st.integers(0, 120), st.integers(0, 120))
def test_every_year_range_is_read_back(start: int, length: int) -> None:
    assert age_span(f"{start}–{start + length} years") == (start, start + length + 1)


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


def test_a_rebuild_after_a_data_edit_updates_the_home_answers_and_the_checker(tmp_path, run_build):
    root = copy_project(tmp_path)
    assert run_build(root).code == 0
    edit(root / "content/data/foods.yaml", "    mg: 156\n", "    mg: 99\n")  # pumpkin seeds drop to fourth
    assert run_build(root).code == 0
    home = (root / "_site/index.html").read_text()
    assert re.findall(r"<li>([^<]+): <strong>", home)[:3] == [
        "Chia seeds",
        "Pumpkin seeds, roasted",
        "Almonds, dry roasted",
    ]
    data = checker_json((root / "_site/articles/intake-checker/index.html").read_text())
    assert data["foods"][0] == ["Pumpkin seeds, roasted", "1 ounce", 99, True]


def test_checker_rows_tagged_whole_nut_or_seed_are_marked_and_young_stages_flagged(make_site, run_build):
    tables = dict(CHECKER_TABLES)
    tables["content/data/foods.yaml"] = tables["content/data/foods.yaml"].replace(
        "mg: 150}", "mg: 150, tags: [whole-nut-or-seed]}"
    )
    tables["content/data/rda.yaml"] = tables["content/data/rda.yaml"].replace(
        "rows:\n", "rows:\n  - {id: kids, age_group: 4–8 years, female: 130, pregnancy: null}\n"
    )
    tables["content/data/ul.yaml"] = tables["content/data/ul.yaml"].replace(
        "rows:\n", "rows:\n  - {id: kids, age_group: 4–8 years, ul: 110}\n"
    )
    products = (
        "title: Medicines\ncolumns:\n  - {key: product, label: Medicine, header: true}\n  - {key: dose, label: Dose}\n"
        "  - {key: mg, label: Magnesium, unit: mg}\nsources: [src]\nrows:\n"
        "  - {id: mom, product: A laxative, dose: 1 spoon, mg: 500}\n  - {id: odd, product: Unknown, dose: -, mg: }\n"
    )
    root = make_site(
        {**tables, "content/data/products.yaml": products, "content/articles/a.md": article("A", "::: checker\n")}
    )
    result = run_build(root)
    assert result.code == 0, result.err
    data = checker_json((root / "_site/articles/a/index.html").read_text())
    assert data["foods"] == [["Seeds", "1 ounce", 150, True]]
    assert [group[3] for group in data["stages"]] == [True, False, False]
    assert data["products"] == [["A laxative", "1 spoon", 500]]  # a product without a number is not offered


def test_row_tags_must_be_a_list_of_words(make_site, run_build):
    tables = dict(CHECKER_TABLES)
    tables["content/data/foods.yaml"] = tables["content/data/foods.yaml"].replace("mg: 150}", "mg: 150, tags: Nuts!}")
    root = make_site(tables)
    result = run_build(root)
    assert result.code == 1
    assert "content/data/foods.yaml:8: error: 'tags' must be a list of lower-case words, e.g. [whole-nut-or-seed]" in (
        result.err
    )


def test_every_wording_the_checker_script_asks_for_is_in_its_data(tmp_path, run_build):
    root = copy_project(tmp_path)
    assert run_build(root).code == 0
    text = checker_json((root / "_site/articles/intake-checker/index.html").read_text())["text"]
    script = (ROOT / "static/js/checker.js").read_text(encoding="utf-8")
    asked = set(re.findall(r'T\("([a-z-]+)"\)', script)) | set(re.findall(r'note\("([a-z-]+)"', script))
    asked |= {"above", "within"}  # chosen by the comparison: T(amount > limit ? "above" : "within")
    assert len(asked) == 10 and asked <= set(text), sorted(asked - set(text))
    assert text["babies"].startswith("No upper limit could be set for babies.")
