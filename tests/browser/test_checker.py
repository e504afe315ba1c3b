"""The intake checker in Chromium: numbers from the data, a running total, announced, accessible, absent without JS."""

from __future__ import annotations

import functools
import http.server
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from conftest import copy_site

from citesite.build import build
from citesite.options import BuildOptions

from .test_pages import AXE_OPTIONS, AXE_SCRIPT, _describe

CHECKER_PAGE = "articles/intake-checker/"


@pytest.fixture
def page(browser: Any) -> Iterator[Any]:
    """A fresh tab at phone width that collects script errors."""
    context = browser.new_context(viewport={"width": 390, "height": 800})
    tab = context.new_page()
    errors: list[str] = []
    tab.on("pageerror", lambda error: errors.append(str(error)))
    yield tab
    context.close()
    assert errors == []


def choose(page: Any, stage: str) -> None:
    page.select_option("#checker-stage", label=stage)


def test_women_31_to_50_see_320_mg_and_the_350_mg_supplement_limit(page: Any, base_url: str) -> None:
    page.goto(base_url + CHECKER_PAGE)
    choose(page, "31–50 years, Female")
    assert page.inner_text("#checker-need") == (
        "Daily amount: 320 mg (RDA). Upper limit from supplements and medicines: 350 mg a day."
    )
    assert page.get_attribute("#checker-need", "aria-live") == "polite"
    note = page.locator(".checker-note").last.inner_text()
    assert "supplements and medicines, not from food" in note and "not medical advice" in note


def test_one_serving_of_pumpkin_seeds_adds_156_mg(page: Any, base_url: str) -> None:
    page.goto(base_url + CHECKER_PAGE)
    choose(page, "31–50 years, Female")
    assert page.inner_text("#checker-total") == "No foods ticked yet."
    page.check("label:has-text('Pumpkin seeds, roasted') input")
    assert page.inner_text("#checker-total") == "Foods ticked: 156 mg, 49% of the daily amount of 320 mg."
    page.fill("#checker-servings-0", "2")
    assert page.inner_text("#checker-total") == "Foods ticked: 312 mg, 98% of the daily amount of 320 mg."
    page.check("label:has-text('Chia seeds') input")
    assert page.inner_text("#checker-total") == "Foods ticked: 423 mg, 132% of the daily amount of 320 mg."
    page.uncheck("label:has-text('Pumpkin seeds, roasted') input")
    assert page.inner_text("#checker-total") == "Foods ticked: 111 mg, 35% of the daily amount of 320 mg."
    assert page.get_attribute("#checker-total", "aria-live") == "polite"


BABIES = (
    "No upper limit could be set for babies. Babies should get magnesium only from breast milk, formula and food. "
    "Do not give a baby a magnesium supplement unless a doctor advises it."
)
CAUTION = (
    "The limit is not a target or a dose. If you have kidney disease, or you are choosing a supplement for a child, "
    "ask a doctor or pharmacist first: the limit does not apply to you. If a doctor has prescribed more, do not stop "
    "it without asking them."
)


@pytest.mark.parametrize("stage", ["0–6 months, Male", "7–12 months, Female"])
def test_babies_get_magnesium_from_milk_and_food_only(page: Any, base_url: str, stage: str) -> None:
    page.goto(base_url + CHECKER_PAGE)
    choose(page, stage)
    assert page.inner_text("#checker-need").endswith("(AI). " + BABIES)
    assert page.locator("#checker-caution").is_hidden()  # no limit is shown, so no limit to explain


@pytest.mark.parametrize(
    ("stage", "limit"),
    [("1–3 years, Male", 65), ("4–8 years, Female", 110), ("9–13 years, Male", 350), ("51–70 years, Female", 350)],
)
def test_every_limit_says_it_is_no_dose_and_names_kidney_disease_children_and_prescriptions(
    page: Any, base_url: str, stage: str, limit: int
) -> None:
    page.goto(base_url + CHECKER_PAGE)
    choose(page, stage)
    assert page.inner_text("#checker-need").endswith(f"Upper limit from supplements and medicines: {limit} mg a day.")
    assert page.locator("#checker-caution").is_visible()
    assert page.inner_text("#checker-caution") == CAUTION


def test_the_checker_works_from_the_keyboard_alone(page: Any, base_url: str) -> None:
    page.goto(base_url + CHECKER_PAGE)
    page.focus("#checker-stage")
    page.keyboard.press("ArrowDown")  # the first life stage
    assert page.inner_text("#checker-need").startswith("Daily amount: 30 mg")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.id") == "checker-product"
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.id") == "checker-supplement"
    page.keyboard.press("Tab")  # a baby is offered no whole nuts or seeds: spinach is the first food
    assert page.evaluate("document.activeElement.id") == "checker-food-3"
    page.keyboard.press("Space")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.id") == "checker-servings-3"
    page.keyboard.press("ArrowUp")  # 1.5 servings
    assert page.inner_text("#checker-total") == "Foods ticked: 117 mg, 390% of the daily amount of 30 mg."


def test_the_checker_is_in_on_this_page_and_a_few_tabs_from_its_link(page: Any, base_url: str) -> None:
    page.goto(base_url + CHECKER_PAGE)
    link = page.locator("nav.toc a[href='#the-checker']")
    assert link.count() == 1
    assert page.get_attribute("#checker form", "aria-labelledby") == "the-checker"
    link.focus()
    page.keyboard.press("Enter")
    for _ in range(3):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.id") == "checker-stage":
            break
    assert page.evaluate("document.activeElement.id") == "checker-stage"


@pytest.mark.parametrize(
    ("amount", "said"),
    [
        (
            "500",
            "Supplements and medicines: 500 mg a day, above the upper limit of 350 mg. Check the label, and ask a "
            "doctor or pharmacist. If a doctor prescribed it, do not stop it without asking them.",
        ),
        (
            "200",
            "Supplements and medicines: 200 mg a day, not above the upper limit of 350 mg. With kidney disease, or "
            "for a child, ask a doctor or pharmacist first.",
        ),
        ("0", ""),
        ("-5", "Enter a number from 0 to 5000 mg."),
    ],
)
def test_supplements_and_medicines_are_compared_with_the_limit(
    page: Any, base_url: str, amount: str, said: str
) -> None:
    page.goto(base_url + CHECKER_PAGE)
    choose(page, "31–50 years, Female")
    page.fill("#checker-supplement", amount)
    assert page.inner_text("#checker-supplement-result") == said
    assert page.get_attribute("#checker-supplement-result", "aria-live") == "polite"
    assert (page.get_attribute("#checker-supplement", "aria-invalid") == "true") == amount.startswith("-")


def test_a_dose_of_milk_of_magnesia_is_above_the_limit_and_a_baby_gets_none(page: Any, base_url: str) -> None:
    page.goto(base_url + CHECKER_PAGE)
    page.select_option("#checker-product", label="Milk of magnesia (a laxative), 1 tablespoon (15 mL) (500 mg)")
    assert page.input_value("#checker-supplement") == "500"
    assert page.inner_text("#checker-supplement-result") == (
        "Supplements and medicines: 500 mg a day. Choose a life stage to compare it with the upper limit."
    )
    assert "One laxative dose can be above the limit." in page.inner_text(".checker-supplements")
    choose(page, "51–70 years, Male")
    assert "above the upper limit of 350 mg" in page.inner_text("#checker-supplement-result")
    choose(page, "7–12 months, Male")
    assert page.inner_text("#checker-supplement-result") == (
        "Supplements and medicines: 500 mg a day. Do not give a baby a magnesium supplement or medicine unless a "
        "doctor advises it."
    )


@pytest.mark.parametrize("servings", ["25", "0", "-3", "0.25", ""])
def test_servings_outside_half_to_twenty_are_reported_not_counted(page: Any, base_url: str, servings: str) -> None:
    page.goto(base_url + CHECKER_PAGE)
    choose(page, "31–50 years, Male")
    page.check("label:has-text('Pumpkin seeds, roasted') input")
    page.fill("#checker-servings-0", servings)
    assert page.inner_text("#checker-total") == (
        "Check the servings of Pumpkin seeds, roasted: enter a number from 0.5 to 20."
    )
    assert page.get_attribute("#checker-servings-0", "aria-invalid") == "true"
    page.fill("#checker-servings-0", "20")
    assert page.inner_text("#checker-total") == "Foods ticked: 3120 mg, 743% of the daily amount of 420 mg."
    assert page.get_attribute("#checker-servings-0", "aria-invalid") is None


def test_below_the_food_total_the_checker_says_other_foods_count_too(page: Any, base_url: str) -> None:
    page.goto(base_url + CHECKER_PAGE)
    notes = page.locator("#checker .checker-summary ~ .checker-note").all_inner_texts()
    assert notes[0] == (
        "Many other foods and drinks also contain magnesium. A low total here does not mean you are short of "
        "magnesium or need a supplement."
    )


@pytest.mark.parametrize("stage", ["0–6 months, Female", "1–3 years, Male", "4–8 years, Female"])
def test_no_whole_nuts_or_seeds_are_offered_for_children_under_5(page: Any, base_url: str, stage: str) -> None:
    page.goto(base_url + CHECKER_PAGE)
    page.check("label:has-text('Almonds, dry roasted') input")
    choose(page, stage)
    for food in ("Pumpkin seeds, roasted", "Chia seeds", "Almonds, dry roasted", "Cashews, dry roasted", "Peanuts"):
        assert page.locator(f"#checker li:has-text('{food}')").is_hidden(), food
    assert page.locator("#checker li:has-text('Peanut butter, smooth')").is_visible()
    assert page.inner_text("#checker-young") == (
        "Whole nuts and seeds are not listed for children under 5, because they can cause choking."
    )
    assert page.inner_text("#checker-total") == "No foods ticked yet."  # the hidden almonds do not count
    choose(page, "9–13 years, Male")
    assert page.locator("#checker li:has-text('Chia seeds')").is_visible()
    assert page.locator("#checker-young").is_hidden()


def test_on_a_phone_the_total_stays_in_view_while_ticking(page: Any, base_url: str) -> None:
    page.goto(base_url + CHECKER_PAGE)
    choose(page, "31–50 years, Female")
    for food in ("Spinach, boiled", "Banana", "Raisins"):
        box = page.locator(f"#checker li:has-text('{food}') input[type=checkbox]")
        box.scroll_into_view_if_needed()
        box.check()
        total = page.locator("#checker-total").bounding_box()
        assert total is not None and total["y"] >= 0 and total["y"] + total["height"] <= 800, (food, total)


def test_without_javascript_the_page_shows_no_checker(browser: Any, base_url: str) -> None:
    context = browser.new_context(viewport={"width": 390, "height": 800}, java_script_enabled=False)
    tab = context.new_page()
    tab.goto(base_url + CHECKER_PAGE)
    assert tab.locator("#checker").is_hidden()
    assert tab.locator("#checker select, #checker input").count() == 0
    assert tab.get_by_text("The checker needs JavaScript.").is_visible()
    assert tab.locator("main a[href='../how-much-magnesium/']").count() >= 1  # the tables with the same numbers
    context.close()


@pytest.mark.parametrize(("scheme", "width"), [("light", 390), ("dark", 390), ("light", 1280), ("dark", 1280)])
def test_axe_finds_no_violations_in_the_checker(browser: Any, base_url: str, scheme: str, width: int) -> None:
    context = browser.new_context(viewport={"width": width, "height": 900}, color_scheme=scheme)
    tab = context.new_page()
    tab.goto(base_url + CHECKER_PAGE)
    choose(tab, "19–30 years, Pregnancy")
    tab.check("#checker-food-0")
    tab.evaluate(AXE_SCRIPT)
    result = tab.evaluate("options => axe.run('#checker', options)", AXE_OPTIONS)
    context.close()
    assert [_describe(v) for v in result["violations"]] == []


SPANISH_PAGE = "es/articles/calculadora-de-magnesio/"
BABIES_ES = (
    "No se pudo fijar un límite superior para los bebés. Los bebés solo deben recibir magnesio de la leche materna, "
    "la leche de fórmula y los alimentos. No le dé a un bebé un suplemento de magnesio salvo que se lo indique un "
    "médico."
)
CAUTION_ES = (
    "El límite no es una meta ni una dosis. Si tiene una enfermedad de los riñones, o si elige un suplemento para un "
    "niño, pregunte antes a un médico o a un farmacéutico: el límite no vale para usted. Si un médico le ha recetado "
    "más, no lo deje sin preguntarle."
)
PREGNANT_ES = (
    "Si está embarazada o da el pecho, pregunte a su partera, a su médico o a su farmacéutico antes de tomar "
    "cualquier suplemento."
)


def test_in_spanish_women_31_to_50_see_320_mg_the_350_mg_limit_and_the_same_cautions(page: Any, base_url: str) -> None:
    page.goto(base_url + SPANISH_PAGE)
    assert page.get_attribute("html", "lang") == "es"
    choose(page, "31–50 años, Mujeres")
    assert page.inner_text("#checker-need") == (
        "Cantidad diaria: 320 mg (RDA). Límite superior de los suplementos y los medicamentos: 350 mg al día."
    )
    assert page.inner_text("#checker-caution") == CAUTION_ES
    note = page.locator(".checker-note").last.inner_text()
    assert note == (
        "El límite superior se refiere al magnesio de los suplementos y los medicamentos, no al de los alimentos. "
        "Esta calculadora es solo para aprender y no es un consejo médico."
    )


@pytest.mark.parametrize("stage", ["0–6 meses, Hombres", "7–12 meses, Mujeres"])
def test_in_spanish_babies_get_magnesium_from_milk_and_food_only(page: Any, base_url: str, stage: str) -> None:
    page.goto(base_url + SPANISH_PAGE)
    choose(page, stage)
    assert page.inner_text("#checker-need").endswith("(AI). " + BABIES_ES)
    assert page.locator("#checker-caution").is_hidden()


@pytest.mark.parametrize("stage", ["19–30 años, Embarazo", "14–18 años, Lactancia"])
def test_in_spanish_pregnancy_and_breastfeeding_add_their_caution(page: Any, base_url: str, stage: str) -> None:
    page.goto(base_url + SPANISH_PAGE)
    choose(page, stage)
    assert page.inner_text("#checker-caution") == CAUTION_ES + " " + PREGNANT_ES
    choose(page, "19–30 años, Mujeres")
    assert page.inner_text("#checker-caution") == CAUTION_ES


def test_in_spanish_foods_are_added_up_with_spanish_names_and_servings(page: Any, base_url: str) -> None:
    page.goto(base_url + SPANISH_PAGE)
    assert page.inner_text("#checker-total") == "Todavía no ha marcado ningún alimento."
    page.check("label:has-text('Semillas de calabaza, tostadas (1 onza, 156 mg)') input")
    assert page.inner_text("#checker-total") == (
        "Alimentos marcados: 156 mg. Elija una etapa de la vida para compararlo con una cantidad diaria."
    )
    choose(page, "31–50 años, Mujeres")
    assert page.inner_text("#checker-total") == "Alimentos marcados: 156 mg, el 49 % de la cantidad diaria de 320 mg."
    page.fill("#checker-servings-0", "25")
    assert page.inner_text("#checker-total") == (
        "Revise las raciones de Semillas de calabaza, tostadas: escriba un número de 0,5 a 20."
    )
    assert page.text_content("label[for='checker-servings-0']") == "Raciones de Semillas de calabaza, tostadas"


@pytest.mark.parametrize(
    ("amount", "said"),
    [
        (
            "500",
            "Suplementos y medicamentos: 500 mg al día, por encima del límite superior de 350 mg. Mire la etiqueta y "
            "pregunte a un médico o a un farmacéutico. Si se lo recetó un médico, no lo deje sin preguntarle.",
        ),
        (
            "200",
            "Suplementos y medicamentos: 200 mg al día, sin pasar del límite superior de 350 mg. Con una enfermedad "
            "de los riñones, o para un niño, pregunte antes a un médico o a un farmacéutico.",
        ),
        ("-5", "Escriba un número de 0 a 5000 mg."),
    ],
)
def test_in_spanish_supplements_are_compared_with_the_limit(page: Any, base_url: str, amount: str, said: str) -> None:
    page.goto(base_url + SPANISH_PAGE)
    choose(page, "31–50 años, Mujeres")
    page.fill("#checker-supplement", amount)
    assert page.inner_text("#checker-supplement-result") == said


def test_in_spanish_a_dose_of_milk_of_magnesia_is_above_the_limit_and_a_baby_gets_none(
    page: Any, base_url: str
) -> None:
    page.goto(base_url + SPANISH_PAGE)
    page.select_option("#checker-product", label="Leche de magnesia (un laxante), 1 cucharada (15 mL) (500 mg)")
    assert page.inner_text("#checker-supplement-result") == (
        "Suplementos y medicamentos: 500 mg al día. Elija una etapa de la vida para compararlo con el límite superior."
    )
    assert "Una sola dosis de laxante puede pasar del límite." in page.inner_text(".checker-supplements")
    choose(page, "7–12 meses, Hombres")
    assert page.inner_text("#checker-supplement-result") == (
        "Suplementos y medicamentos: 500 mg al día. No le dé a un bebé un suplemento ni un medicamento con magnesio "
        "salvo que se lo indique un médico."
    )


def test_in_spanish_no_whole_nuts_or_seeds_are_offered_for_children_under_5(page: Any, base_url: str) -> None:
    page.goto(base_url + SPANISH_PAGE)
    choose(page, "1–3 años, Hombres")
    for food in ("Semillas de calabaza", "Semillas de chía", "Almendras", "Anacardos", "Cacahuates (maní), tostados"):
        assert page.locator(f"#checker li:has-text('{food}')").is_hidden(), food
    assert page.locator("#checker li:has-text('Crema de cacahuate, lisa')").is_visible()
    assert page.inner_text("#checker-young") == (
        "La lista no incluye frutos secos ni semillas enteras para los niños menores de 5 años, porque pueden causar "
        "atragantamiento."
    )


def test_the_spanish_checker_shows_no_english_words(page: Any, base_url: str) -> None:
    page.goto(base_url + SPANISH_PAGE)
    choose(page, "19–30 años, Embarazo")
    page.check("#checker-food-3")
    page.fill("#checker-supplement", "100")
    form = page.inner_text("#checker form") + " " + page.inner_text("#checker-stage")
    for english in (
        "Life stage",
        "Daily amount",
        "Upper limit",
        "Supplements",
        "Servings",
        "Foods",
        "mg a day",
        "Pregnancy",
        "Female",
        "ounce",
        "cup",
        "doctor",
    ):
        assert english not in form, english
    assert page.inner_text("label[for='checker-stage']") == "Etapa de la vida"


def test_without_javascript_the_spanish_page_shows_no_checker(browser: Any, base_url: str) -> None:
    context = browser.new_context(viewport={"width": 390, "height": 800}, java_script_enabled=False)
    tab = context.new_page()
    tab.goto(base_url + SPANISH_PAGE)
    assert tab.locator("#checker").is_hidden()
    assert tab.get_by_text("La calculadora necesita JavaScript.").is_visible()
    assert tab.locator("main a[href='../cuanto-magnesio/']").count() >= 1
    context.close()


@pytest.mark.parametrize(("scheme", "width"), [("light", 390), ("dark", 1280)])
def test_axe_finds_no_violations_in_the_spanish_checker(browser: Any, base_url: str, scheme: str, width: int) -> None:
    context = browser.new_context(viewport={"width": width, "height": 900}, color_scheme=scheme)
    tab = context.new_page()
    tab.goto(base_url + SPANISH_PAGE)
    choose(tab, "19–30 años, Embarazo")
    tab.check("#checker-food-0")
    tab.evaluate(AXE_SCRIPT)
    result = tab.evaluate("options => axe.run('#checker', options)", AXE_OPTIONS)
    context.close()
    assert [_describe(v) for v in result["violations"]] == []


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        """No access logs."""


@pytest.fixture
def changed_site(tmp_path: Path) -> Iterator[str]:
    """The site built with pumpkin seeds at 200 mg a serving, served from a thread: its URL."""
    root = tmp_path / "site"
    copy_site(root)
    foods = root / "content/data/foods.yaml"
    foods.write_text(foods.read_text(encoding="utf-8").replace("    mg: 156\n", "    mg: 200\n", 1), encoding="utf-8")
    out = tmp_path / "_site"
    build(root, BuildOptions(out=out, search=False))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Quiet, directory=str(out)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/"
    server.shutdown()
    server.server_close()
    thread.join()


def test_a_changed_food_value_changes_the_result(page: Any, changed_site: str) -> None:
    page.goto(changed_site + CHECKER_PAGE)
    choose(page, "31–50 years, Female")
    page.check("label:has-text('Pumpkin seeds, roasted') input")
    assert page.inner_text("#checker-total") == "Foods ticked: 200 mg, 63% of the daily amount of 320 mg."
