"""This site's intake checker ('::: checker'), its own Markdown extension: numbers from the data, what is wrong."""

from __future__ import annotations

import importlib.util
import json
import re
import shutil
from pathlib import Path
from types import ModuleType

import pytest
from conftest import PROJECT, SITE_YAML, article, copy_site
from hypothesis import given
from hypothesis import strategies as st

CHECKER = "site_extensions.intake_checker:IntakeCheckerExtension"


def _checker_module() -> ModuleType:
    """The extension's module, loaded under a name of its own (so no build takes it for the site's module)."""
    spec = importlib.util.spec_from_file_location(
        "intake_checker_under_test", PROJECT / "site_extensions/intake_checker.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


age_span = _checker_module().age_span


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


@pytest.fixture
def checker_site(make_site):
    """make_site with this site's extension module copied in and named in site.yaml."""

    def _make(files: dict[str, str]) -> Path:
        settings = SITE_YAML + f"markdown:\n  extensions:\n    - {CHECKER}\n"
        root = make_site({"content/site.yaml": settings, **files})
        ignore = shutil.ignore_patterns("__pycache__")
        shutil.copytree(PROJECT / "site_extensions", root / "site_extensions", ignore=ignore)
        return root

    return _make


def test_the_site_names_its_checker_and_the_engine_has_none():
    assert f"    - {CHECKER}\n" in (PROJECT / "content/site.yaml").read_text(encoding="utf-8")
    assert not (PROJECT / "citesite/markdown/checker.py").exists()
    engine = [
        path for path in (PROJECT / "citesite").rglob("*.py") if "checker_data" in path.read_text(encoding="utf-8")
    ]
    assert engine == []


def test_without_the_extension_a_checker_line_is_an_unknown_directive(make_site, run_build):
    root = make_site({"content/articles/a.md": article("A", "::: checker\n")})
    result = run_build(root)
    assert result.code == 1
    assert result.err.splitlines()[0] == (
        "content/articles/a.md:6: error: unknown directive '::: checker'; "
        "write '::: table NAME', '::: chart NAME' or '::: figure NAME'; "
        "a fenced div ('::: NAME' with its contents under it) ends with a line of colons (':::')"
    )


@given(st.integers(0, 120), st.integers(0, 120))
def test_every_year_range_is_read_back(start: int, length: int) -> None:
    assert age_span(f"{start}–{start + length} years") == (start, start + length + 1)


def checker_json(html: str) -> dict:
    found = re.search(r'<script class="checker-data" type="application/json">(.*?)</script>', html, re.DOTALL)
    assert found, "no checker data on the page"
    return json.loads(found.group(1))


def test_checker_numbers_come_from_the_tables_and_its_script_loads_on_its_page_only(tmp_path, run_build):
    root = copy_site(tmp_path / "site")
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
        if other.parent.name not in ("intake-checker", "calculadora-de-magnesio"):  # the page and its translation
            assert 'data-script="checker"' not in other.read_text() and "js/checker." not in other.read_text(), other


def test_a_changed_food_changes_the_checker(tmp_path, run_build):
    root = copy_site(tmp_path / "site")
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


def test_checker_pairs_each_life_stage_with_the_limit_for_its_ages(checker_site, run_build):
    root = checker_site({**CHECKER_TABLES, "content/articles/a.md": article("A", "::: checker\n")})
    assert run_build(root).code == 0, run_build(root).err
    data = checker_json((root / "_site/articles/a/index.html").read_text())
    assert data == {
        "stages": [
            ["19–30 years", "", [["Female", 310, 350], ["Pregnancy", 350, 340]], False],
            ["Over 70 years", "", [["Female", 320, 300]], False],
        ],
        "foods": [["Seeds", "1 ounce", 150, False]],  # a range is no number to add up
        "pregnant": ["Pregnancy"],  # the life stages that add the wording for pregnancy and breastfeeding
    }


def test_checker_without_its_tables_is_an_error(checker_site, run_build):
    root = checker_site({"content/articles/a.md": article("A", "Text.\n\n::: checker\n")})
    result = run_build(root)
    assert result.code == 1
    assert (
        "content/articles/a.md:8: error: the intake checker needs content/data/rda.yaml, content/data/ul.yaml, "
        "content/data/foods.yaml; add the table or remove '::: checker'"
    ) in result.err


def test_checker_says_which_age_group_it_cannot_read(checker_site, run_build):
    files = {**CHECKER_TABLES, "content/articles/a.md": article("A", "::: checker\n")}
    files["content/data/rda.yaml"] = files["content/data/rda.yaml"].replace("Over 70 years", "Older adults")
    result = run_build(checker_site(files))
    assert result.code == 1
    assert (
        "content/articles/a.md:6: error: the intake checker cannot read the ages in 'Older adults' "
        "(content/data/rda.yaml:9); write them like '19–30 years', '0–6 months' or 'Over 70 years'"
    ) in result.err


def test_checker_says_which_life_stage_has_no_limit_row(checker_site, run_build):
    files = {**CHECKER_TABLES, "content/articles/a.md": article("A", "::: checker\n")}
    files["content/data/ul.yaml"] = files["content/data/ul.yaml"].replace(
        "Pregnancy, 19–50 years", "Pregnancy, 20–50 years"
    )
    files["content/data/rda.yaml"] = files["content/data/rda.yaml"].replace("Over 70 years", "Old age")
    result = run_build(checker_site(files))
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


def test_a_rebuild_after_a_data_edit_updates_the_home_answers_and_the_checker(tmp_path, run_build):
    root = copy_site(tmp_path / "site")
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


def test_checker_rows_tagged_whole_nut_or_seed_are_marked_and_young_stages_flagged(checker_site, run_build):
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
    root = checker_site(
        {**tables, "content/data/products.yaml": products, "content/articles/a.md": article("A", "::: checker\n")}
    )
    result = run_build(root)
    assert result.code == 0, result.err
    data = checker_json((root / "_site/articles/a/index.html").read_text())
    assert data["foods"] == [["Seeds", "1 ounce", 150, True]]
    assert [group[3] for group in data["stages"]] == [True, False, False]
    assert data["products"] == [["A laxative", "1 spoon", 500]]  # a product without a number is not offered


def test_every_wording_the_checker_script_asks_for_is_in_its_data(tmp_path, run_build):
    root = copy_site(tmp_path / "site")
    assert run_build(root).code == 0
    text = checker_json((root / "_site/articles/intake-checker/index.html").read_text())["text"]
    script = (PROJECT / "static/js/checker.js").read_text(encoding="utf-8")
    asked = set(re.findall(r'T\("([a-z-]+)"[,)]', script)) | set(re.findall(r'note\("([a-z-]+)"', script))
    asked |= {"above", "within"}  # chosen by the comparison: T(amount > limit ? "above" : "within")
    asked |= {"ui-supplement-above", "ui-supplement-within"}  # the same, for the sentence before it
    assert len(asked) == 32 and asked <= set(text), sorted(asked - set(text))
    assert set(text) - asked == set()  # every wording in the table is shown
    assert text["babies"].startswith("No upper limit could be set for babies.")


def test_the_spanish_checker_has_spanish_words_and_the_english_numbers(tmp_path, run_build):
    root = copy_site(tmp_path / "site")
    assert run_build(root).code == 0
    english = checker_json((root / "_site/articles/intake-checker/index.html").read_text())
    spanish = checker_json((root / "_site/es/articles/calculadora-de-magnesio/index.html").read_text())
    assert spanish["stages"][7] == [
        "31–50 años",
        "RDA",
        [["Hombres", 420, 350], ["Mujeres", 320, 350], ["Embarazo", 360, 350], ["Lactancia", 320, 350]],
        False,
    ]
    assert spanish["foods"][0] == ["Semillas de calabaza, tostadas", "1 onza", 156, True]
    assert spanish["products"][0] == ["Leche de magnesia (un laxante)", "1 cucharada (15 mL)", 500]
    assert spanish["pregnant"] == ["Embarazo", "Lactancia"]
    assert spanish["text"]["caution"].startswith("El límite no es una meta ni una dosis.")
    assert set(spanish["text"]) == set(english["text"])
    numbers = [[one[1:] for one in group[2]] for group in english["stages"]]
    assert [[one[1:] for one in group[2]] for group in spanish["stages"]] == numbers
    assert [food[2:] for food in spanish["foods"]] == [food[2:] for food in english["foods"]]


def test_the_checker_styles_load_only_on_the_pages_that_show_a_checker(tmp_path, run_build):
    root = copy_site(tmp_path / "site")
    assert run_build(root, "--no-search").code == 0
    site = root / "_site"
    linked = {
        page.relative_to(site).as_posix(): re.findall(r'<link rel="stylesheet" href="[./]*css/(\w+)\.\w+\.css">', text)
        for page in sorted(site.rglob("index.html"))
        for text in [page.read_text(encoding="utf-8")]
    }
    with_checker = {path for path, sheets in linked.items() if "checker" in sheets}
    assert with_checker == {"articles/intake-checker/index.html", "es/articles/calculadora-de-magnesio/index.html"}
    assert linked["articles/intake-checker/index.html"] == [
        "site",
        "checker",
    ]  # after the theme's, so it can build on it
    assert (
        ".checker" not in next((site / "css").glob("site.*.css")).read_text(encoding="utf-8").split("@media print")[0]
    )
