"""Label overlays: content/LANG/data/NAME.yaml gives a data table's words in another language, never its numbers.

An overlay names the table's title, description, notes, chart title and unit, its columns' labels (and units)
and its text cells by row id and column key. Every number stays in the one table in content/data/, so a
corrected number is corrected in every language; a text label must keep each number and each
'{{ table.row.column }}' of the English text it translates.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import replace
from typing import Any

from citesite.errors import Problems
from citesite.source.suggest import did_you_mean
from citesite.source.tables import VALUE_REFERENCE, Chart, Column, DataTable, Row
from citesite.source.yamlfile import LineDict, describe_kind

TABLE_TEXTS = ("title", "description", "notes")
OVERLAY_KEYS = (*TABLE_TEXTS, "chart", "columns", "rows", "editor_note")
_NUMBER = re.compile(r"\d+(?:[.,]\d+)*")  # 1.5 and 1,5 (and 1,000 and 1.000) are one number
_LETTER = re.compile(r"[^\W\d_]")  # a cell without a letter ('24–27') reads the same in every language


def numbers_in(text: str) -> Counter[str]:
    """The numbers and '{{ … }}' values a text holds, each as often as it holds it."""
    found: Counter[str] = Counter("{{ " + m.group(1) + " }}" for m in VALUE_REFERENCE.finditer(text))
    bare = VALUE_REFERENCE.sub(" ", text)
    found.update(m.group(0).replace(",", ".") for m in _NUMBER.finditer(bare))
    return found


def needs_label(value: Any) -> bool:
    """Whether an English value is words a reader of another language needs translated."""
    return isinstance(value, str) and _LETTER.search(VALUE_REFERENCE.sub(" ", value)) is not None


class _Overlay:
    """One overlay file being applied to its table, recording its problems."""

    def __init__(self, table: DataTable, code: str, shown: str, problems: Problems) -> None:
        self.table, self.code, self.shown, self.problems = table, code, shown, problems

    def text(self, data: LineDict, key: str, english: str, where: str, fallback_line: int) -> str:
        """The label under key, checked against the English; the English (with a warning) when there is none."""
        value = data.get(key) if isinstance(data, LineDict) else None
        line = data.lines.get(key, fallback_line) if isinstance(data, LineDict) else fallback_line
        if value is None or value == "":
            if needs_label(english):
                self.problems.warn(
                    f"{where} has no '{self.code}' label, so readers see the English {_quote(english)}; "
                    f"add '{key}:' with its translation",
                    self.shown,
                    line,
                )
            return english
        if not isinstance(value, str):
            self._not_text(value, key, where, line)
            return english
        if not isinstance(english, str):
            self.problems.error(
                f"{where} is {describe_kind(english)} in {self.table.path}, not words: numbers are never "
                f"translated; remove '{key}:' here",
                self.shown,
                line,
            )
            return english
        ours, theirs = numbers_in(value), numbers_in(english)
        if ours != theirs:
            self.problems.error(
                f"{where} must keep the numbers and values of the English {_quote(english)}: "
                f"{_difference(ours, theirs)}; write each number as the English has it",
                self.shown,
                line,
            )
        return value.strip()

    def _not_text(self, value: Any, key: str, where: str, line: int) -> None:
        if isinstance(value, int | float) and not isinstance(value, bool):
            message = (
                f"{where} is a number ({value!r}); an overlay holds only words: every number comes from "
                f"{self.table.path}; remove '{key}:' here, or quote it if it is text"
            )
        else:
            message = f"{where} must be text, not {describe_kind(value)}; write the translated words"
        self.problems.error(message, self.shown, line)

    def mapping(self, data: Any, key: str, line: int) -> LineDict:
        """A nested mapping of the overlay (an empty one, with an error, when it is something else)."""
        empty = LineDict()
        empty.lines, empty.line = {}, line
        if data is None:
            return empty
        if not isinstance(data, LineDict):
            self.problems.error(f"'{key}' must be a mapping of names to labels", self.shown, line)
            return empty
        return data

    def unknown(self, data: LineDict, known: list[str], what: str) -> None:
        """An error, with the closest known name, for each name the table does not have."""
        for name in data:
            if name not in known:
                self.problems.error(
                    f"{self.table.path} has no {what} '{name}'{did_you_mean(str(name), known)}; "
                    f"{what}s: {', '.join(known) or 'none'}",
                    self.shown,
                    data.lines.get(name, data.line),
                )


def overlay_table(table: DataTable, data: Any, code: str, shown: str, problems: Problems) -> DataTable:
    """The table with the overlay's labels in place of its words; its numbers, ids and sources untouched."""
    overlay = _Overlay(table, code, shown, problems)
    if not isinstance(data, LineDict):
        problems.error("a label overlay must be a mapping (title:, columns:, rows: …)", shown, 1)
        data = overlay.mapping(None, "", 1)
    overlay.unknown(data, list(OVERLAY_KEYS), "overlay key")
    texts = {key: overlay.text(data, key, getattr(table, key), f"'{key}'", 1) for key in TABLE_TEXTS}
    columns_line, rows_line = data.lines.get("columns", 1), data.lines.get("rows", 1)
    columns = _overlay_columns(overlay, overlay.mapping(data.get("columns"), "columns", columns_line), columns_line)
    rows = _overlay_rows(overlay, overlay.mapping(data.get("rows"), "rows", rows_line), rows_line)
    chart = table.chart
    if chart is not None:
        chart_data = overlay.mapping(data.get("chart"), "chart", data.lines.get("chart", 1))
        overlay.unknown(chart_data, ["title", "unit"], "chart key")
        chart = _overlay_chart(overlay, chart, chart_data)
    elif "chart" in data:
        problems.error(f"{table.path} has no chart; remove 'chart:' here", shown, data.lines["chart"])
    return replace(
        table,
        title=texts["title"],
        description=texts["description"],
        notes=texts["notes"],
        columns=columns,
        rows=rows,
        chart=chart,
    )


def _overlay_chart(overlay: _Overlay, chart: Chart, data: LineDict) -> Chart:
    title = overlay.text(data, "title", chart.title, "'chart: title'", data.line)
    unit = _optional(overlay, data, "unit", chart.unit, "'chart: unit'")
    return replace(chart, title=title, unit=unit)


def _overlay_columns(overlay: _Overlay, data: LineDict, at: int) -> tuple[Column, ...]:
    """Each column's label (and unit, kept when the overlay gives none: mg and % read the same)."""
    columns = overlay.table.columns
    overlay.unknown(data, [c.key for c in columns], "column")
    out = []
    for column in columns:
        item = data.get(column.key)
        line = data.lines.get(column.key, at)
        where = f"column '{column.key}'"
        if isinstance(item, LineDict):
            overlay.unknown(item, ["label", "unit"], "column key")
            label = overlay.text(item, "label", column.label, where, line)
            unit = _optional(overlay, item, "unit", column.unit, f"the unit of {where}")
        else:
            holder = LineDict({"label": item} if item is not None else {})
            holder.lines, holder.line = {"label": line}, line
            label, unit = overlay.text(holder, "label", column.label, where, line), column.unit
        out.append(replace(column, label=label, unit=unit))
    return tuple(out)


def _optional(overlay: _Overlay, data: LineDict, key: str, english: str, where: str) -> str:
    """A label that may be left out (a unit): the English, with no warning, when it is."""
    if data.get(key) is None:
        return english
    return overlay.text(data, key, english, where, data.line)


def _overlay_rows(overlay: _Overlay, data: LineDict, at: int) -> tuple[Row, ...]:
    """Each row's text cells in the overlay's words; a row missing from the overlay keeps its English."""
    table = overlay.table
    overlay.unknown(data, [r.id for r in table.rows if r.id], "row")
    keys = [c.key for c in table.columns]
    out = []
    for row in table.rows:
        item = overlay.mapping(data.get(row.id), f"rows: {row.id}", data.lines.get(row.id, at))
        if row.id not in data:
            missing = [key for key in keys if needs_label(row.get(key))]
            if missing:
                overlay.problems.warn(
                    f"row '{row.id or row.line}' has no '{overlay.code}' labels, so readers see its English "
                    f"{', '.join(missing)}; add '{row.id}:' under 'rows:' with them",
                    overlay.shown,
                    at,
                )
            out.append(row)
            continue
        overlay.unknown(item, keys, "column")
        cells = tuple(
            (key, overlay.text(item, key, value, f"row '{row.id}', column '{key}'", item.line))
            if needs_label(value) or key in item
            else (key, value)
            for key, value in row.cells
        )
        out.append(replace(row, cells=cells))
    return tuple(out)


def _quote(text: str) -> str:
    short = " ".join(text.split())
    return f"\u201c{short[:60]}{'…' if len(short) > 60 else ''}\u201d"


def _difference(ours: Counter[str], theirs: Counter[str]) -> str:
    missing = sorted((theirs - ours).elements())
    extra = sorted((ours - theirs).elements())
    parts = [f"it lacks {', '.join(missing)}"] if missing else []
    parts += [f"it adds {', '.join(extra)}"] if extra else []
    return " and ".join(parts)
