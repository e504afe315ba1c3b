"""Block directives: '::: table NAME', '::: chart NAME' and '::: figure NAME', each on a line of its own."""

from __future__ import annotations

import re
import xml.etree.ElementTree as etree

from markdown import Markdown
from markdown.blockprocessors import BlockProcessor
from markdown.extensions import Extension
from markdown.util import AtomicString

from citesite.markdown.charts import render_chart
from citesite.markdown.state import PageState, SiteIndex, state_of
from citesite.markdown.svg import svg_problem as _svg_problem
from citesite.source.suggest import did_you_mean
from citesite.source.tables import DataTable, format_cell

DIRECTIVE = re.compile(r"^:::[ \t]*(\S+)[ \t]*(\S*)[ \t]*$")
DIRECTIVE_PRIORITY = 78  # after 'code' (80): an indented directive is code; before 'table' (75) and 'paragraph' (10)
KINDS = ("table", "chart", "figure")
FIGURE_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_-]*$")  # a file name only: never a path out of content/figures/


class DirectiveBlockProcessor(BlockProcessor):
    """Turn a directive line into a generated table, chart or figure."""

    def __init__(self, md: Markdown, index: SiteIndex) -> None:
        super().__init__(md.parser)
        self.md = md
        self.index = index

    def test(self, parent: etree.Element, block: str) -> bool:
        """A block whose first line is a ':::' line (what follows it in the block is read on its own)."""
        return block.startswith(":::")

    def run(self, parent: etree.Element, blocks: list[str]) -> bool:
        """Render the directive in place of its line."""
        first, _, rest = blocks.pop(0).partition("\n")
        if rest.strip():
            blocks.insert(0, rest)  # the lines under a directive are Markdown of their own, not part of it
        line = first.strip()
        state = state_of(self.md)
        match = DIRECTIVE.match(line)
        if not match or match.group(1) not in KINDS or not match.group(2):
            state.error(
                f"unknown directive '{line}'; write '::: table NAME', '::: chart NAME' or '::: figure NAME'", line
            )
            return True
        kind, name = match.groups()
        if kind == "figure":
            self._figure(parent, name, line, state)
            return True
        table = self.index.data.tables.get(name)
        if table is None:
            known = ", ".join(sorted(self.index.data.tables)) or "none yet"
            near = did_you_mean(name, self.index.data.tables)
            state.error(f"no data table '{name}'; create content/data/{name}.yaml (tables: {known}){near}", line)
        elif kind == "table":
            parent.append(build_table(table, f"table-{name}"))
        elif table.chart is None:
            state.error(
                f"table '{name}' has no 'chart:' settings; add chart: with label and values to {table.path}", line
            )
        else:
            self._chart(parent, table)
        return True

    def _chart(self, parent: etree.Element, table: DataTable) -> None:
        figure = etree.SubElement(parent, "figure", {"class": "chart-figure", "id": f"chart-{table.name}"})
        caption = etree.SubElement(figure, "figcaption")  # first: a figcaption may not sit between contents
        caption.text = AtomicString(table.chart.title if table.chart and table.chart.title else table.title)
        state = state_of(self.md)
        shown = _places_table(state.body, table.name)
        holder = etree.SubElement(figure, "div", {"class": "chart-svg"})
        holder.text = self.md.htmlStash.store(render_chart(table, f"chart-{table.name}", shown))
        if shown:  # the numbers are on the page already: point to them
            note = etree.SubElement(figure, "p", {"class": "chart-data"})
            link = etree.SubElement(note, "a", {"href": f"#table-{table.name}"})
            link.text = AtomicString(f"The numbers are in the table \u201c{table.title}\u201d.")
            return
        details = etree.SubElement(figure, "details", {"class": "chart-data"})
        summary = etree.SubElement(details, "summary")
        summary.text = "Show the numbers as a table"
        details.append(build_table(table, None))

    def _figure(self, parent: etree.Element, name: str, line: str, state: PageState) -> None:
        if not FIGURE_NAME.match(name):
            state.error(
                f"figure name '{name}' must be the name of a file in content/figures/ without '.svg' "
                "(letters, digits, '-' and '_')",
                line,
            )
            return
        path = self.index.figures_dir / f"{name}.svg"
        if path.is_symlink() and not path.resolve().is_relative_to(self.index.figures_dir.resolve().parent.parent):
            state.error(f"content/figures/{name}.svg is a symlink out of the project; copy the file in instead", line)
            return
        try:
            svg = path.read_text(encoding="utf-8-sig")
        except FileNotFoundError:
            near = did_you_mean(name, (p.stem for p in self.index.figures_dir.glob("*.svg")))
            state.error(f"no figure '{name}'; add content/figures/{name}.svg{near}", line)
            return
        except UnicodeDecodeError:
            state.error(f"cannot read content/figures/{name}.svg: it is not UTF-8 text; save it as UTF-8", line)
            return
        except OSError as exc:
            reason = (exc.strerror or str(exc)).lower()
            state.error(f"cannot read content/figures/{name}.svg: {reason}; check that it is a readable file", line)
            return
        svg = re.sub(r"<\?xml[^>]*\?>|<!DOCTYPE[^>]*>|<!--.*?-->", "", svg, flags=re.DOTALL).strip()
        problem = _svg_problem(svg)
        if problem:
            state.error(f"content/figures/{name}.svg {problem}", line)
            return
        figure = etree.SubElement(parent, "figure", {"class": "diagram", "id": f"figure-{name}"})
        holder = etree.SubElement(figure, "div", {"class": "diagram-svg"})
        holder.text = self.md.htmlStash.store(svg)
        title = re.search(r"<title[^>]*>(.*?)</title>", svg, re.DOTALL)
        if title:
            caption = etree.SubElement(figure, "figcaption")
            caption.text = AtomicString(re.sub(r"\s+", " ", title.group(1)).strip())


def _places_table(body: str, name: str) -> bool:
    """Whether the page also has '::: table NAME' (then a chart links to that table instead of repeating it)."""
    return re.search(rf"^:::[ \t]*table[ \t]+{re.escape(name)}[ \t]*$", body, re.MULTILINE) is not None


def build_table(table: DataTable, table_id: str | None) -> etree.Element:
    """An accessible <table> (caption, th scope) of a data table, with a Sources column of citations."""
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
        etree.SubElement(head_row, "th", {"scope": "col"}).text = "Sources"
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
                td.set("data-label", "Sources")
            td.text = "[" + "; ".join("@" + key for key in row.sources) + "]"
    if table.notes or not per_row_sources:
        notes = etree.SubElement(wrap, "p", {"class": "table-notes"})
        notes.text = AtomicString(table.notes + " " if table.notes else "")
        if not per_row_sources:
            source = etree.SubElement(notes, "span", {"data-pagefind-ignore": ""})
            source.text = "Sources: [" + "; ".join("@" + key for key in table.sources) + "]"
    return wrap


PROSE_CELL = 60  # characters: a table with a longer cell is prose, shown as cards on a phone


def is_prose_table(table: DataTable) -> bool:
    """Whether any non-header cell holds a sentence rather than a number or a short label."""
    keys = [c.key for c in table.columns if not c.header]
    return any(len(format_cell(row.get(key))) > PROSE_CELL for row in table.rows for key in keys)


class DirectiveExtension(Extension):
    """Registers the directive block processor."""

    def __init__(self, index: SiteIndex) -> None:
        super().__init__()
        self.index = index

    def extendMarkdown(self, md: Markdown) -> None:  # noqa: N802
        """Add the block processor."""
        md.parser.blockprocessors.register(
            DirectiveBlockProcessor(md, self.index), "citesite-directive", DIRECTIVE_PRIORITY
        )
