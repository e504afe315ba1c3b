"""Label overlays: a data table's words in another language (content/es/data/NAME.yaml), its numbers from one file."""

from __future__ import annotations

from pathlib import Path

from conftest import LANGUAGES, SITE_YAML, article, page

from citesite.errors import Problems
from citesite.source.data import load_data
from citesite.source.tables import DataTable

FOODS = """\
title: Magnesium in foods
description: Milligrams per serving of 420 mg.
columns:
  - {key: food, label: Food, header: true}
  - {key: serving, label: Serving}
  - {key: mg, label: Magnesium, unit: mg}
sources: [ods]
chart:
  title: Magnesium per serving
  label: food
  values: [mg]
  unit: mg per serving
rows:
  - id: spinach
    food: Spinach, boiled
    serving: 1/2 cup
    mg: 78
  - id: almonds
    food: Almonds, like {{ foods.spinach.mg }} mg of spinach
    serving: 1 ounce
    mg: 80
"""

FOODS_ES = """\
title: Magnesio en los alimentos
description: Miligramos por ración de 420 mg.
chart: {title: Magnesio por ración, unit: mg por ración}
columns:
  food: Alimento
  serving: Ración
  mg: {label: Magnesio}
rows:
  spinach: {food: "Espinacas, hervidas", serving: 1/2 taza}
  almonds: {food: "Almendras, como {{ foods.spinach.mg }} mg de espinacas", serving: 1 onza}
"""

REFERENCES = "- key: ods\n  title: Magnesium fact sheet\n  url: https://ods.od.nih.gov/\n"


def _site(foods_es: str, body: str = "::: table foods\n") -> dict[str, str]:
    return {
        "content/site.yaml": SITE_YAML + LANGUAGES,
        "content/index.md": page("Home", "Welcome.\n"),
        "content/es/index.md": page("Inicio", "Bienvenida.\n"),
        "content/articles/food.md": article("Food", "::: table foods\n\nSpinach: {{ foods.spinach.serving }}.\n"),
        "content/es/articles/comida.md": article("Comida", body, translation_key="articles/food"),
        "content/data/references.yaml": REFERENCES,
        "content/data/foods.yaml": FOODS,
        "content/es/data/foods.yaml": foods_es,
    }


def _load(
    tmp_path: Path, foods_es: str, foods: str = FOODS, overlay: str = "foods"
) -> tuple[Problems, dict[str, DataTable]]:
    """Load content/data/foods.yaml with the Spanish overlay foods_es written as content/es/data/OVERLAY.yaml."""
    data = tmp_path / "content" / "data"
    (tmp_path / "content" / "es" / "data").mkdir(parents=True)
    data.mkdir(parents=True, exist_ok=True)
    (data / "foods.yaml").write_text(foods, encoding="utf-8")
    (data / "references.yaml").write_text(REFERENCES, encoding="utf-8")
    (tmp_path / "content" / "es" / "data" / f"{overlay}.yaml").write_text(foods_es, encoding="utf-8")
    problems = Problems()
    loaded = load_data(data, problems, ["es"])
    return problems, loaded.tables_in("es")


def _messages(problems: Problems) -> list[str]:
    return [str(p) for p in [*problems.errors, *problems.warnings]]


ALMONDS_ES = '  almonds: {food: "Almendras, como {{ foods.spinach.mg }} mg de espinacas", serving: 1 onza}\n'


def _squeezed(html: str) -> str:
    return "".join(line.strip() for line in html.splitlines())


def test_a_spanish_page_shows_the_spanish_labels_and_the_english_numbers(make_site, run_build):
    root = make_site(_site(FOODS_ES, "::: table foods\n\nEspinacas: {{ foods.spinach.serving }}.\n"))
    result = run_build(root)
    assert result.code == 0, result.err
    html = _squeezed((root / "_site/es/articles/comida/index.html").read_text(encoding="utf-8"))
    assert "<caption>Magnesio en los alimentos <span" in html
    assert '<th scope="col">Alimento</th>' in html
    assert '<th scope="col">Magnesio<span class="unit"> (mg)</span></th>' in html
    assert '<th scope="row">Espinacas, hervidas</th><td>1/2 taza</td><td>78</td>' in html
    assert '<th scope="row">Almendras, como 78 mg de espinacas</th><td>1 onza</td><td>80</td>' in html
    assert 'Espinacas: <span class="data-value">1/2 taza</span>.' in html
    assert '<span data-pagefind-ignore="">Fuentes: <sup class="cite">' in html
    english = _squeezed((root / "_site/articles/food/index.html").read_text(encoding="utf-8"))
    assert '<th scope="row">Spinach, boiled</th><td>1/2 cup</td><td>78</td>' in english
    assert '<th scope="row">Almonds, like 78 mg of spinach</th><td>1 ounce</td><td>80</td>' in english
    assert 'Spinach: <span class="data-value">1/2 cup</span>.' in english
    assert '<span data-pagefind-ignore="">Sources: <sup class="cite">' in english


def test_a_chart_on_a_spanish_page_has_spanish_words(make_site, run_build):
    root = make_site(_site(FOODS_ES, "::: chart foods\n"))
    assert run_build(root).code == 0
    html = _squeezed((root / "_site/es/articles/comida/index.html").read_text(encoding="utf-8"))
    assert '<title id="chart-foods-title">Magnesio por ración (mg por ración)</title>' in html
    assert "<summary>Ver las cifras en una tabla</summary>" in html
    assert '<th scope="row">Espinacas, hervidas</th>' in html


def test_a_number_in_an_overlay_is_an_error_on_its_line(tmp_path):
    problems, _ = _load(tmp_path, FOODS_ES.replace("serving: 1 onza}", "serving: 1 onza, mg: 80}"))
    assert _messages(problems) == [
        "content/es/data/foods.yaml:10: row 'almonds', column 'mg' is a number (80); an overlay holds only words: "
        "every number comes from content/data/foods.yaml; remove 'mg:' here, or quote it if it is text"
    ]


def test_a_label_must_keep_the_numbers_of_the_english(tmp_path):
    problems, _ = _load(tmp_path, FOODS_ES.replace("1/2 taza", "media taza"))
    assert _messages(problems) == [
        "content/es/data/foods.yaml:9: row 'spinach', column 'serving' must keep the numbers and values of the "
        "English \u201c1/2 cup\u201d: it lacks 1, 2; write each number as the English has it"
    ]


def test_a_label_must_keep_the_values_it_quotes(tmp_path):
    problems, _ = _load(tmp_path, FOODS_ES.replace("{{ foods.spinach.mg }}", "78"))
    assert _messages(problems) == [
        "content/es/data/foods.yaml:10: row 'almonds', column 'food' must keep the numbers and values of the "
        "English \u201cAlmonds, like {{ foods.spinach.mg }} mg of spinach\u201d: it lacks {{ foods.spinach.mg }} "
        "and it adds 78; write each number as the English has it"
    ]


def test_a_decimal_comma_and_a_decimal_point_are_one_number(tmp_path):
    problems, _ = _load(tmp_path, FOODS_ES.replace("1 onza", '"1,0 onza"'))
    assert _messages(problems) == [
        "content/es/data/foods.yaml:10: row 'almonds', column 'serving' must keep the numbers and values of the "
        "English \u201c1 ounce\u201d: it lacks 1 and it adds 1.0; write each number as the English has it"
    ]
    english = FOODS.replace("serving: 1 ounce", "serving: 1.5 ounces")
    problems, _ = _load(tmp_path / "b", FOODS_ES.replace("1 onza", '"1,5 onzas"'), english)
    assert _messages(problems) == []


def test_a_row_or_column_the_table_lacks_is_an_error_with_did_you_mean(tmp_path):
    text = FOODS_ES.replace("  spinach:", "  spinch:").replace("  serving: Ración", "  servings: Ración")
    problems, _ = _load(tmp_path, text)
    assert [str(p) for p in problems.errors] == [
        "content/es/data/foods.yaml:6: content/data/foods.yaml has no column 'servings'; did you mean 'serving'?; "
        "columns: food, serving, mg",
        "content/es/data/foods.yaml:9: content/data/foods.yaml has no row 'spinch'; did you mean 'spinach'?; "
        "rows: spinach, almonds",
    ]


def test_a_missing_label_falls_back_to_the_english_with_a_located_warning(tmp_path):
    text = FOODS_ES.replace("  serving: Ración\n", "").replace(", serving: 1 onza}", "}")
    problems, tables = _load(tmp_path, text)
    assert problems.errors == []
    assert _messages(problems) == [
        "content/es/data/foods.yaml:4: column 'serving' has no 'es' label, so readers see the English "
        "\u201cServing\u201d; add 'label:' with its translation",
        "content/es/data/foods.yaml:9: row 'almonds', column 'serving' has no 'es' label, so readers see the "
        "English \u201c1 ounce\u201d; add 'serving:' with its translation",
    ]
    foods = tables["foods"]
    assert [c.label for c in foods.columns] == ["Alimento", "Serving", "Magnesio"]
    assert foods.row("almonds").cells == (
        ("food", "Almendras, como 78 mg de espinacas"),
        ("serving", "1 ounce"),
        ("mg", 80),
    )


def test_a_row_left_out_of_the_overlay_is_named_in_a_warning(tmp_path):
    problems, _ = _load(tmp_path, FOODS_ES.replace(ALMONDS_ES, ""))
    assert _messages(problems) == [
        "content/es/data/foods.yaml:8: row 'almonds' has no 'es' labels, so readers see its English food, "
        "serving; add 'almonds:' under 'rows:' with them"
    ]


def test_an_overlay_for_a_table_that_does_not_exist_is_an_error(tmp_path):
    problems, _ = _load(tmp_path, FOODS_ES, overlay="food")
    assert _messages(problems) == [
        "content/es/data/food.yaml: no data table 'food' to translate; a label overlay is named like its table "
        "in content/data/; did you mean 'foods'?"
    ]


def test_a_label_for_a_number_cell_is_an_error(tmp_path):
    problems, _ = _load(tmp_path, FOODS_ES.replace("serving: 1 onza}", 'serving: 1 onza, mg: "ochenta"}'))
    assert _messages(problems) == [
        "content/es/data/foods.yaml:10: row 'almonds', column 'mg' is a number in content/data/foods.yaml, not "
        "words: numbers are never translated; remove 'mg:' here"
    ]


def test_editing_an_overlay_rebuilds_the_spanish_page_that_shows_it(make_site, run_build):
    root = make_site(_site(FOODS_ES))
    assert run_build(root).code == 0
    overlay = root / "content/es/data/foods.yaml"
    overlay.write_text(FOODS_ES.replace("Espinacas, hervidas", "Espinacas cocidas"), encoding="utf-8")
    assert run_build(root).code == 0
    html = _squeezed((root / "_site/es/articles/comida/index.html").read_text(encoding="utf-8"))
    assert '<th scope="row">Espinacas cocidas</th><td>1/2 taza</td><td>78</td>' in html


def test_a_spanish_page_placing_or_quoting_a_table_without_an_overlay_is_warned(make_site, run_build):
    files = _site(FOODS_ES, "::: table foods\n\nEspinacas: {{ foods.spinach.serving }}, {{ foods.spinach.mg }} mg.\n")
    del files["content/es/data/foods.yaml"]
    root = make_site(files)
    result = run_build(root)
    assert result.code == 0
    assert [line for line in result.err.splitlines() if "labels" in line or "English words" in line] == [
        "content/es/articles/comida.md:7: warning: table 'foods' has no 'es' labels, so this page shows it in "
        "English; add content/es/data/foods.yaml with its words (docs/authoring.md, 'Tables in another language')",
        "content/es/articles/comida.md:9: warning: {{ foods.spinach.serving }} is English words, as "
        "content/es/data/foods.yaml does not exist; add it with the table's words (docs/authoring.md, "
        "'Tables in another language')",
    ]
