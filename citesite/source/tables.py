"""Data tables in content/data/<name>.yaml: columns, rows with their sources, charts, and quoted cells."""

from __future__ import annotations

import functools
import math
import re
from dataclasses import dataclass
from typing import Annotated, Any

from citesite.errors import Problems
from citesite.source.schema import EDITOR_NOTE, Field, check_mapping, mapping_items, schema_of
from citesite.source.suggest import did_you_mean
from citesite.source.yamlfile import LineDict, LineList, describe_kind

ROW_ID = re.compile(r"^[a-z0-9][a-z0-9-]*$")  # what '{{ table.ROW.column }}' can name


ROW_RESERVED = {"id", "sources", "chart", "tags"}


@dataclass(frozen=True)
class Column:
    """One column of a data table."""

    key: Annotated[str, Field("str", required=True)]
    label: Annotated[str, Field("str", required=True)]
    header: Annotated[bool, Field("bool")] = False
    unit: Annotated[str, Field("str")] = ""


COLUMN_FIELDS = schema_of(Column)


@dataclass(frozen=True)
class Row:
    """One row of a data table, with the sources that back it."""

    cells: tuple[tuple[str, Any], ...]
    sources: tuple[str, ...]
    id: str = ""
    in_chart: bool = True
    line: int = 0
    tags: tuple[str, ...] = ()  # words a feature reads (the checker: 'whole-nut-or-seed'); never shown

    def get(self, key: str) -> Any:
        """The value of one cell."""
        return dict(self.cells).get(key)


@dataclass(frozen=True)
class Chart:
    """How a data table is drawn as a bar chart."""

    label: Annotated[str, Field("str", required=True, help="the column naming each bar")]
    values: Annotated[tuple[str, ...], Field("list[str]", required=True, help="numeric column(s) to draw")]
    title: Annotated[str, Field("str")] = ""
    unit: Annotated[str, Field("str")] = ""


CHART_FIELDS = schema_of(Chart)


@dataclass(frozen=True)
class DataTable:
    """A table in content/data/<name>.yaml, placed with '::: table <name>'."""

    name: str
    path: str
    title: Annotated[str, Field("str", required=True, help="the table's caption")]
    columns: Annotated[tuple[Column, ...], Field("list", required=True)]
    rows: Annotated[tuple[Row, ...], Field("list", required=True)]
    description: Annotated[str, Field("str")] = ""
    notes: Annotated[str, Field("str")] = ""
    sources: Annotated[tuple[str, ...], Field("list[str]")] = ()
    chart: Annotated[Chart | None, Field("mapping")] = None

    def row(self, row_id: str) -> Row | None:
        """The row with this id, if any."""
        return next((r for r in self.rows if r.id == row_id), None)


# editor_note is checked, then dropped: load_table never copies it, so no template can show it.
TABLE_FIELDS = schema_of(DataTable, editor_note=EDITOR_NOTE)


def load_table(name: str, data: Any, shown: str, problems: Problems) -> DataTable | None:
    if not isinstance(data, LineDict):
        problems.error("a data table must be a mapping with title, columns and rows", shown, 1)
        return None
    before = len(problems.errors)
    values = check_mapping(data, TABLE_FIELDS, shown, problems, "a data table")
    columns = _load_columns(data.get("columns"), shown, problems, data.lines.get("columns", 1))
    chart = _load_chart(data.get("chart"), columns, shown, problems, data.lines.get("chart", 1))
    rows = _load_rows(data.get("rows"), columns, values.get("sources"), chart, shown, problems)
    if len(problems.errors) > before:
        return None
    return DataTable(
        name=name,
        path=shown,
        title=values["title"],
        columns=tuple(columns),
        rows=tuple(rows),
        description=values.get("description", ""),
        notes=values.get("notes", ""),
        sources=tuple(values.get("sources", ())),
        chart=chart,
    )


def _load_columns(data: Any, shown: str, problems: Problems, line: int) -> list[Column]:
    columns: list[Column] = []
    if not isinstance(data, LineList) or not data:
        problems.error("'columns' must be a list of {key, label} mappings", shown, line)
        return columns
    for item, item_line in mapping_items(data, shown, problems, "columns"):
        values = check_mapping(item, COLUMN_FIELDS, shown, problems, "a column")
        if "key" in values and "label" in values:
            if values["key"] in ROW_RESERVED:
                problems.error(f"column key '{values['key']}' is reserved; choose another", shown, item_line)
            columns.append(Column(**values))
    return columns


def _load_chart(data: Any, columns: list[Column], shown: str, problems: Problems, line: int) -> Chart | None:
    if data is None:
        return None
    if not isinstance(data, LineDict):
        problems.error("'chart' must be a mapping with label and values", shown, line)
        return None
    values = check_mapping(data, CHART_FIELDS, shown, problems, "a chart")
    keys = {c.key for c in columns}
    for key in [values.get("label"), *values.get("values", [])]:
        if key is not None and key not in keys:
            problems.error(
                f"chart column '{key}' is not one of the table's columns ({', '.join(sorted(keys))})", shown, line
            )
    if "label" not in values or "values" not in values:
        return None
    return Chart(values["label"], tuple(values["values"]), values.get("title", ""), values.get("unit", ""))


def _load_rows(
    data: Any, columns: list[Column], table_sources: Any, chart: Chart | None, shown: str, problems: Problems
) -> list[Row]:
    rows: list[Row] = []
    ids: dict[str, int] = {}
    keys = [c.key for c in columns]
    if not isinstance(data, LineList):
        return rows
    for item, line in mapping_items(data, shown, problems, "rows"):
        for key in item:
            if key not in keys and key not in ROW_RESERVED:
                problems.error(
                    f"unknown column '{key}' in this row; the columns are {', '.join(keys)}", shown, item.lines[key]
                )
        for key in keys:
            if key not in item:
                problems.error(
                    f"row is missing column '{key}'; add '{key}:' (leave it empty for no value)", shown, line
                )
        row_id = item.get("id", "")
        if row_id and (not isinstance(row_id, str) or not ROW_ID.match(row_id)):
            problems.error(f"row id {row_id!r} must be lower-case letters, digits and '-'", shown, item.lines["id"])
        elif row_id in ids:
            problems.error(
                f"duplicate row id '{row_id}' (first on line {ids[row_id]}); give each row its own id",
                shown,
                item.lines["id"],
            )
        elif row_id:
            ids[row_id] = line
        sources = item.get("sources")
        if sources is None and not table_sources:
            problems.error("row has no sources; add 'sources: [reference-key]' (or table-wide 'sources:')", shown, line)
        elif sources is not None and (not isinstance(sources, list) or not all(isinstance(s, str) for s in sources)):
            problems.error("'sources' must be a list of reference keys, e.g. [iom1997]", shown, item.lines["sources"])
            sources = None
        tags = item.get("tags", [])
        if not isinstance(tags, list) or not all(isinstance(t, str) and ROW_ID.match(t) for t in tags):
            problems.error(
                "'tags' must be a list of lower-case words, e.g. [whole-nut-or-seed]", shown, item.lines["tags"]
            )
            tags = []
        in_chart = item.get("chart", True)
        if not isinstance(in_chart, bool):
            problems.error("'chart' in a row must be true or false", shown, item.lines["chart"])
        if chart and in_chart is not False:
            for key in chart.values:
                value = item.get(key)
                if not isinstance(value, int | float) or isinstance(value, bool):
                    problems.error(
                        f"chart value '{key}' must be a number, got {'an empty cell' if value is None else repr(value)}; fix it or add 'chart: false' to this row",
                        shown,
                        item.lines.get(key, line),
                    )
        _check_cells(item, keys, shown, problems)
        cells = tuple((k, item.get(k)) for k in keys)
        rows.append(
            Row(cells, tuple(sources or table_sources or ()), row_id or "", in_chart is not False, line, tuple(tags))
        )
    return rows


def _check_cells(item: LineDict, keys: list[str], shown: str, problems: Problems) -> None:
    """Each cell of a row holds one plain value a reader can use."""
    for key in keys:
        value = item.get(key)
        if isinstance(value, float) and not math.isfinite(value):  # YAML's .nan, .inf
            problem = f"'{key}': {value!r} is not a number a reader can use; write the number, or leave the cell empty"
        elif isinstance(value, list | dict):
            kind = describe_kind(value)
            problem = f"'{key}': a cell must be text, a number, a date, true/false or empty, not {kind}; put the value in quotes"
        else:
            continue
        problems.error(problem, shown, item.lines[key])


# Any dotted name in double braces: one with too few or too many parts is reported, not printed as it is.
VALUE_REFERENCE = re.compile(r"\{\{\s*([\w-]+(?:\.[\w-]+)+)\s*\}\}")


def lookup_reference(tables: dict[str, DataTable], dotted: str) -> tuple[Any, str]:
    """The cell a 'table.row.column' reference names, or (None, what is wrong)."""
    parts = dotted.split(".")
    if len(parts) != 3:
        return None, (
            f"'{{{{ {dotted} }}}}' must name a table, a row and a column, as in {{{{ table.row.column }}}} "
            f"(it has {len(parts)} parts)"
        )
    return lookup_value(tables, *parts)


def lookup_value(tables: dict[str, DataTable], name: str, row_id: str, column: str) -> tuple[Any, str]:
    """The cell table.row.column, or (None, what is wrong) when any part is unknown or empty."""
    table = tables.get(name)
    if table is None:
        return (
            None,
            f"no data table '{name}'; tables: {', '.join(sorted(tables)) or 'none'}{did_you_mean(name, tables)}",
        )
    row = table.row(row_id)
    if row is None:
        ids = ", ".join(r.id for r in table.rows if r.id) or "none; give rows an 'id:'"
        near = did_you_mean(row_id, (r.id for r in table.rows if r.id))
        return None, f"table '{name}' has no row with id '{row_id}'; row ids: {ids}{near}"
    if column not in (c.key for c in table.columns):
        keys = [c.key for c in table.columns]
        return None, f"table '{name}' has no column '{column}'; columns: {', '.join(keys)}{did_you_mean(column, keys)}"
    if row.get(column) is None:
        return None, f"{{{{ {name}.{row_id}.{column} }}}} is an empty cell in {table.path}; fill it in or quote another"
    return row.get(column), ""


def resolve_values(table: DataTable, tables: dict[str, DataTable], problems: Problems) -> DataTable:
    """Replace '{{ table.row.column }}' in text cells with that cell, so one number lives in one place."""
    rows = []
    for row in table.rows:
        cells = []
        for key, value in row.cells:
            if isinstance(value, str) and "{{" in value:
                value = VALUE_REFERENCE.sub(
                    functools.partial(_substitute, tables=tables, path=table.path, line=row.line, problems=problems),
                    value,
                )
            cells.append((key, value))
        rows.append(Row(tuple(cells), row.sources, row.id, row.in_chart, row.line, row.tags))
    return DataTable(**{**table.__dict__, "rows": tuple(rows)})


def _substitute(match: re.Match[str], tables: dict[str, DataTable], path: str, line: int, problems: Problems) -> str:
    value, problem = lookup_reference(tables, match.group(1))
    if problem:
        problems.error(problem, path, line)
        return match.group(0)
    if isinstance(value, str) and "{{" in value:
        problems.error(f"{match.group(0)} quotes a cell that itself quotes another; quote the original", path, line)
    return format_cell(value)


def format_cell(value: object) -> str:
    """A cell value as text: whole floats lose their '.0'; empty cells become an em dash."""
    if value is None:
        return "\u2014"
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)
