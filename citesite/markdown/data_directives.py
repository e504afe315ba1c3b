"""The generator's own directives: '::: table NAME', '::: chart NAME' and '::: figure NAME'."""

from __future__ import annotations

import re
import xml.etree.ElementTree as etree
from pathlib import Path

from markdown.util import AtomicString

from citesite.markdown.charts import render_chart
from citesite.markdown.directive_registry import Directive, DirectiveCall
from citesite.markdown.svg import svg_problem
from citesite.source.suggest import did_you_mean
from citesite.source.tables import DataTable, format_cell

FIGURE_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_-]*$")  # a file name only: never a path out of content/figures/


def _data_table(call: DirectiveCall) -> DataTable | None:
    """The table a '::: table NAME' or '::: chart NAME' names, in the page's language, or None after reporting it."""
    tables = call.index.data.tables
    name, code = call.argument, call.state.language(call.index)
    table = call.index.data.tables_in(code).get(name)
    if table is not None and code and not call.index.data.has_labels(code, name):
        call.state.warn(
            f"table '{name}' has no '{code}' labels, so this page shows it in English; add "
            f"content/{code}/data/{name}.yaml with its words (docs/authoring.md, 'Tables in another language')",
            call.line,
        )
    if table is None:
        known = ", ".join(sorted(tables)) or "none yet"
        near = did_you_mean(call.argument, tables)
        call.state.error(
            f"no data table '{call.argument}'; create content/data/{call.argument}.yaml (tables: {known}){near}",
            call.line,
        )
    return table


def place_table(call: DirectiveCall) -> None:
    """'::: table NAME': the data table as an accessible <table>."""
    table = _data_table(call)
    if table is not None:
        call.parent.append(build_table(table, f"table-{table.name}", _words(call)))


def place_chart(call: DirectiveCall) -> None:
    """'::: chart NAME': the data table's chart, with its numbers as a table (or a link to the page's table)."""
    table = _data_table(call)
    if table is None:
        return
    if table.chart is None:
        call.state.error(
            f"table '{table.name}' has no 'chart:' settings; add chart: with label and values to {table.path}",
            call.line,
        )
        return
    _chart(call, table)


def _words(call: DirectiveCall) -> dict[str, str]:
    """The words a table shows besides its own, in the page's language."""
    code = call.state.language(call.index)
    return {key: call.index.word(code, key) for key in ("table_sources", "table_show_numbers")}


def _chart(call: DirectiveCall, table: DataTable) -> None:
    code = call.state.language(call.index)
    figure = etree.SubElement(call.parent, "figure", {"class": "chart-figure", "id": f"chart-{table.name}"})
    caption = etree.SubElement(figure, "figcaption")  # first: a figcaption may not sit between contents
    caption.text = AtomicString(table.chart.title if table.chart and table.chart.title else table.title)
    shown = _places_table(call.state.body, table.name)
    holder = etree.SubElement(figure, "div", {"class": "chart-svg"})
    pointer = call.index.word(code, "table_chart_pointer", title=table.title)
    holder.text = call.md.htmlStash.store(render_chart(table, f"chart-{table.name}", shown, pointer))
    if shown:  # the numbers are on the page already: point to them
        note = etree.SubElement(figure, "p", {"class": "chart-data"})
        link = etree.SubElement(note, "a", {"href": f"#table-{table.name}"})
        link.text = AtomicString(pointer)
        return
    details = etree.SubElement(figure, "details", {"class": "chart-data"})
    summary = etree.SubElement(details, "summary")
    summary.text = call.index.word(code, "table_show_numbers")
    details.append(build_table(table, None, _words(call)))


def place_figure(call: DirectiveCall) -> None:
    """'::: figure NAME': content/figures/NAME.svg inlined (or the page's language's copy), its <title> the caption."""
    name, line, state, figures_dir = call.argument, call.line, call.state, call.index.figures_dir
    if not FIGURE_NAME.match(name):
        state.error(
            f"figure name '{name}' must be the name of a file in content/figures/ without '.svg' "
            "(letters, digits, '-' and '_')",
            line,
        )
        return
    path = _figure_path(call.index.figure_folders(state.rel_path), name)
    shown = path.relative_to(figures_dir.parent.parent).as_posix()
    if path.is_symlink() and not path.resolve().is_relative_to(figures_dir.resolve().parent.parent):
        state.error(f"{shown} is a symlink out of the project; copy the file in instead", line)
        return
    try:
        svg = path.read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        near = did_you_mean(name, (p.stem for p in figures_dir.glob("*.svg")))
        state.error(f"no figure '{name}'; add content/figures/{name}.svg{near}", line)
        return
    except UnicodeDecodeError:
        state.error(f"cannot read {shown}: it is not UTF-8 text; save it as UTF-8", line)
        return
    except OSError as exc:
        reason = (exc.strerror or str(exc)).lower()
        state.error(f"cannot read {shown}: {reason}; check that it is a readable file", line)
        return
    svg = re.sub(r"<\?xml[^>]*\?>|<!DOCTYPE[^>]*>|<!--.*?-->", "", svg, flags=re.DOTALL).strip()
    problem = svg_problem(svg)
    if problem:
        state.error(f"{shown} {problem}", line)
        return
    figure = etree.SubElement(call.parent, "figure", {"class": "diagram", "id": f"figure-{name}"})
    holder = etree.SubElement(figure, "div", {"class": "diagram-svg"})
    holder.text = call.md.htmlStash.store(svg)
    title = re.search(r"<title[^>]*>(.*?)</title>", svg, re.DOTALL)
    if title:
        caption = etree.SubElement(figure, "figcaption")
        caption.text = AtomicString(re.sub(r"\s+", " ", title.group(1)).strip())


def _figure_path(folders: tuple[Path, ...], name: str) -> Path:
    """The first folder's NAME.svg that is there (a broken symlink counts: reading it reports it), else the last's."""
    for folder in folders[:-1]:
        candidate = folder / f"{name}.svg"
        if candidate.is_file() or candidate.is_symlink():
            return candidate
    return folders[-1] / f"{name}.svg"


def _places_table(body: str, name: str) -> bool:
    """Whether the page also has '::: table NAME' (then a chart links to that table instead of repeating it)."""
    return re.search(rf"^:::[ \t]*table[ \t]+{re.escape(name)}[ \t]*$", body, re.MULTILINE) is not None


def build_table(table: DataTable, table_id: str | None, words: dict[str, str] | None = None) -> etree.Element:
    """An accessible <table> (caption, th scope) of a data table, with a Sources column of citations."""
    sources_word = (words or {}).get("table_sources", "Sources")
    wrap = etree.Element("div", {"class": "table-wrap"})
    cards = is_prose_table(table)  # prose cells read better as one card per row on a phone; numbers stay a table
    attrs = {"class": f"data-table data-table-{table.name}" + (" data-cards" if cards else "")}
    if table_id:
        attrs["id"] = table_id
    element = etree.SubElement(wrap, "table", attrs)
    caption = etree.SubElement(element, "caption")
    caption.text = AtomicString(table.title)
    if table.description:
        caption.text = AtomicString(table.title + " ")  # the search index reads the title and description apart
        desc = etree.SubElement(caption, "span", {"class": "table-description"})
        desc.text = AtomicString(table.description)
    head_row = etree.SubElement(etree.SubElement(element, "thead"), "tr")
    for column in table.columns:
        th = etree.SubElement(head_row, "th", {"scope": "col"})
        th.text = AtomicString(column.label)
        if column.unit:  # its own line on a phone, so a narrow column still shows it in full
            unit = etree.SubElement(th, "span", {"class": "unit"})
            unit.text = AtomicString(f" ({column.unit})")
    per_row_sources = any(row.sources != table.sources for row in table.rows) or not table.sources
    if per_row_sources:
        etree.SubElement(head_row, "th", {"scope": "col"}).text = sources_word
    body = etree.SubElement(element, "tbody")
    for row in table.rows:
        tr = etree.SubElement(body, "tr")
        for column in table.columns:
            # A card shows each cell under its column's label, unit included; a table's header row says it once.
            label = {"data-label": column.label + (f" ({column.unit})" if column.unit else "")} if cards else {}
            cell = etree.SubElement(tr, "th" if column.header else "td", label)
            if column.header:
                cell.set("scope", "row")
            cell.text = AtomicString(format_cell(row.get(column.key)))
        if per_row_sources:
            # Sources are indexed once, on the references page, not in every table that cites them.
            td = etree.SubElement(tr, "td", {"class": "sources", "data-pagefind-ignore": ""})
            if cards:
                td.set("data-label", sources_word)
            td.text = "[" + "; ".join("@" + key for key in row.sources) + "]"
    if table.notes or not per_row_sources:
        notes = etree.SubElement(wrap, "p", {"class": "table-notes"})
        notes.text = AtomicString(table.notes + " " if table.notes else "")
        if not per_row_sources:
            source = etree.SubElement(notes, "span", {"data-pagefind-ignore": ""})
            source.text = f"{sources_word}: [" + "; ".join("@" + key for key in table.sources) + "]"
    return wrap


PROSE_CELL = 60  # characters: a table with a longer cell is prose, shown as cards on a phone


def is_prose_table(table: DataTable) -> bool:
    """Whether any non-header cell holds a sentence rather than a number or a short label."""
    keys = [c.key for c in table.columns if not c.header]
    return any(len(format_cell(row.get(key))) > PROSE_CELL for row in table.rows for key in keys)


DATA_DIRECTIVES = (
    Directive("table", place_table, "NAME"),
    Directive("chart", place_chart, "NAME"),
    Directive("figure", place_figure, "NAME"),
)
