"""This site's intake checker ('::: checker'): the daily amounts, upper limits and foods it needs, from data tables.

A Markdown extension of the site's own, loaded through 'markdown: extensions' in content/site.yaml. The page
gets the numbers as a JSON data block; static/js/checker.js builds the form from them, so a changed row in the
data changes the checker, and without JavaScript the page shows only its tables.
"""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as etree
from typing import Any

from markdown import Markdown
from markdown.extensions import Extension
from markdown.util import AtomicString

from citesite.markdown.directive_registry import Directive, DirectiveCall, register_directive
from citesite.source.tables import DataTable

INTAKE_TABLE, LIMIT_TABLE, FOOD_TABLE = "rda", "ul", "foods"
PRODUCT_TABLE = "products"  # optional: supplements and medicines offered as choices, with their magnesium
TEXT_TABLE = "checker-text"  # optional: the checker's wording, one row per message, read by its id
OPEN_END = 999.0  # years: 'Over 70 years' has no upper bound
# Whole nuts and large seeds can make young children choke: the checker does not offer a row tagged so
# to a life stage that starts below this age (content/data/foods.yaml names its source).
YOUNG_CHILD_AGE = 5.0
WHOLE_NUT_OR_SEED = "whole-nut-or-seed"
# The intake table's columns for pregnancy and breastfeeding: choosing one of them adds the 'pregnant' wording.
PREGNANT_KEYS = ("pregnancy", "lactation")
_SPANS = (  # age-group wording -> (start, end) in years, end excluded
    (re.compile(r"(\d+)\s*[–-]\s*(\d+) months"), lambda a, b: (a / 12, (b + 1) / 12)),
    (re.compile(r"(\d+)\s*[–-]\s*(\d+) years"), lambda a, b: (a, b + 1.0)),
    (re.compile(r"[Oo]ver (\d+) years"), lambda a: (a + 1.0, OPEN_END)),
    (re.compile(r"(\d+) years and (?:under|younger)"), lambda a: (0.0, a + 1.0)),
    (re.compile(r"(\d+) years and (?:over|older)"), lambda a: (a, OPEN_END)),
)
_ESCAPES = {ord("<"): "\\u003c", ord(">"): "\\u003e", ord("&"): "\\u0026"}


def age_span(text: str) -> tuple[float, float] | None:
    """The ages an age group covers, in years, end excluded: '19–30 years' -> (19, 31); None if not understood."""
    for pattern, span in _SPANS:
        match = pattern.search(text)
        if match:
            return span(*(float(group) for group in match.groups()))
    return None


def checker_data(
    tables: dict[str, DataTable], shown: dict[str, DataTable] | None = None
) -> tuple[dict[str, Any], list[str]]:
    """The checker's numbers, and what is wrong; its words from shown (the page's language's tables, same rows).

    The ages are read from the site's own tables, whatever the page's language.

    stages: [age group, kind, [[who, daily amount, upper limit or None], ...], young child?] per age group
    ('Female', 'Pregnancy': the intake table's column labels); foods: [food, serving, amount, whole nut or
    seed?]; products (when content/data/products.yaml exists): [product, dose, amount]; text (when
    content/data/checker-text.yaml exists): {row id: wording}; pregnant: the 'who' of pregnancy and breastfeeding.
    """
    shown = shown or tables
    missing = [name for name in (INTAKE_TABLE, LIMIT_TABLE, FOOD_TABLE) if name not in tables]
    if missing:
        names = ", ".join(f"content/data/{name}.yaml" for name in missing)
        return {}, [f"the intake checker needs {names}; add the table or remove '::: checker'"]
    problems: list[str] = []
    stages = _stages(tables[INTAKE_TABLE], tables[LIMIT_TABLE], problems, shown[INTAKE_TABLE])
    foods = _foods(shown[FOOD_TABLE], problems)
    data: dict[str, Any] = {"stages": stages, "foods": foods}
    if PRODUCT_TABLE in tables:
        data["products"] = _products(shown[PRODUCT_TABLE], problems)
    if TEXT_TABLE in tables:
        data["text"] = _texts(shown[TEXT_TABLE], problems)
    pregnant = [c.label for c in shown[INTAKE_TABLE].columns if c.key in PREGNANT_KEYS]
    if pregnant:
        data["pregnant"] = pregnant
    return data, problems


def _stages(intake: DataTable, limits: DataTable, problems: list[str], shown: DataTable) -> list[list[Any]]:
    """[age group, kind, [[who, daily amount, upper limit or None], ...]] for each age group of the intake table.

    The ages and life stages are read from intake and limits; the words shown from shown (the same table,
    row for row and column for column, in the page's language).
    """
    words = {c.key: c.label for c in shown.columns}
    header = next((c for c in intake.columns if c.header), None)
    amounts = [c for c in intake.columns if c.unit and not c.header]
    kind = next((c for c in intake.columns if c.key == "type"), None)
    limit_header = next((c for c in limits.columns if c.header), None)
    limit_value = next((c for c in limits.columns if c.unit and not c.header), None)
    if header is None or not amounts or limit_header is None or limit_value is None:
        problems.append(
            f"the intake checker needs a header column and columns with a unit in {intake.path} and {limits.path}"
        )
        return []
    stage_labels = {c.label.casefold() for c in amounts}
    limit_rows = []  # (who, span, limit): who is '' or an intake column label such as 'Pregnancy'
    for row in limits.rows:
        text = str(row.get(limit_header.key))
        who = text.split(",", 1)[0].strip().casefold() if "," in text else ""
        limit_span = age_span(text)
        if limit_span is None:
            problems.append(_unreadable(text, limits.path, row.line))
            continue
        limit_rows.append((who if who in stage_labels else "", limit_span, row.get(limit_value.key)))
    stages: list[list[Any]] = []
    for row, shown_row in zip(intake.rows, shown.rows, strict=True):
        group = str(row.get(header.key))
        span = age_span(group)
        if span is None:
            problems.append(_unreadable(group, intake.path, row.line))
            continue
        found: list[list[Any]] = []
        for column in amounts:
            amount = row.get(column.key)
            if not isinstance(amount, int | float) or isinstance(amount, bool):
                continue  # an empty cell: no such life stage at this age
            who = column.label.casefold() if any(w == column.label.casefold() for w, _, _ in limit_rows) else ""
            covering = [value for w, s, value in limit_rows if w == who and s[0] <= span[0] and span[1] <= s[1]]
            label = f"{group}, {column.label}"
            if not covering:
                problems.append(
                    f"no row of {limits.path} covers '{label}' ({intake.path}:{row.line}); "
                    "add one whose age group includes these ages"
                )
                continue
            found.append([words[column.key], amount, covering[0]])
        if found:
            kind_shown = str(shown_row.get(kind.key)) if kind else ""
            stages.append([str(shown_row.get(header.key)), kind_shown, found, span[0] < YOUNG_CHILD_AGE])
    return stages


def _unreadable(text: str, path: str, line: int) -> str:
    return (
        f"the intake checker cannot read the ages in '{text}' ({path}:{line}); "
        "write them like '19–30 years', '0–6 months' or 'Over 70 years'"
    )


def _foods(foods: DataTable, problems: list[str]) -> list[list[Any]]:
    """[food, serving, amount] for each food with a number in its 'mg' column."""
    name = next((c for c in foods.columns if c.header), None)
    amount = next((c for c in foods.columns if c.unit == "mg"), None)
    serving = next((c for c in foods.columns if c.key == "serving"), None)
    if name is None or amount is None:
        problems.append(f"the intake checker needs a header column and a column with unit 'mg' in {foods.path}")
        return []
    rows = []
    for row in foods.rows:
        value = row.get(amount.key)
        if isinstance(value, int | float) and not isinstance(value, bool):
            shown = [str(row.get(name.key)), str(row.get(serving.key)) if serving else "", value]
            rows.append([*shown, WHOLE_NUT_OR_SEED in row.tags])
    return rows


def _texts(table: DataTable, problems: list[str]) -> dict[str, str]:
    """Each row's text by its id: the words the page's script shows next to the numbers."""
    text = next((c for c in table.columns if c.header), None)
    if text is None:
        problems.append(f"the intake checker needs a header column holding the text in {table.path}")
        return {}
    return {row.id: str(row.get(text.key)) for row in table.rows if row.id and row.get(text.key)}


def _products(products: DataTable, problems: list[str]) -> list[list[Any]]:
    """[product, dose, amount] for each supplement or medicine with a number in its 'mg' column."""
    name = next((c for c in products.columns if c.header), None)
    amount = next((c for c in products.columns if c.key == "mg" and c.unit == "mg"), None)
    dose = next((c for c in products.columns if c.key == "dose"), None)
    if name is None or amount is None:
        problems.append(f"the intake checker needs a header column and a column 'mg' with unit 'mg' in {products.path}")
        return []
    return [
        [str(row.get(name.key)), str(row.get(dose.key)) if dose else "", row.get(amount.key)]
        for row in products.rows
        if isinstance(row.get(amount.key), int | float) and not isinstance(row.get(amount.key), bool)
    ]


def build_checker(data: dict[str, Any]) -> etree.Element:
    """A hidden holder with the numbers as JSON; the page's script shows it and builds the form."""
    holder = etree.Element("div", {"class": "checker", "id": "checker", "data-script": "checker", "hidden": "hidden"})
    block = etree.SubElement(holder, "script", {"type": "application/json", "class": "checker-data"})
    block.text = AtomicString(json.dumps(data, ensure_ascii=False, separators=(",", ":")).translate(_ESCAPES))
    return holder


def place_checker(call: DirectiveCall) -> None:
    """'::: checker': the checker's holder with its numbers and its words in the page's language, or what is amiss."""
    index = call.index
    data, problems = checker_data(index.data.tables, index.data.tables_in(call.state.language(index)))
    for problem in problems:
        call.state.error(problem, call.line)
    if not problems:
        call.parent.append(build_checker(data))


class IntakeCheckerExtension(Extension):
    """Registers '::: checker'."""

    def extendMarkdown(self, md: Markdown) -> None:  # noqa: N802 (Python-Markdown's name)
        """Add the directive to the generator's registry of directives."""
        register_directive(md, Directive("checker", place_checker))
