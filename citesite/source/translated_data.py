"""A further language's data: label overlays of the tables (content/LANG/data/NAME.yaml) and its glossary."""

from __future__ import annotations

from pathlib import Path

from citesite.errors import Problems
from citesite.source.datafile import GLOSSARY_FILE, read_data_yaml, usable_data_file
from citesite.source.overlays import overlay_table
from citesite.source.suggest import did_you_mean
from citesite.source.tables import DataTable
from citesite.source.terms import Term, load_glossary


def load_translated_glossary(
    folder: Path, code: str, own: tuple[Term, ...], digests: dict[str, str], problems: Problems
) -> tuple[Term, ...] | None:
    """content/CODE/data/glossary.yaml, each term paired by its id with one of the site's own; None without it."""
    path = folder / GLOSSARY_FILE
    shown = f"content/{code}/data/{GLOSSARY_FILE}"
    if not path.is_file() or not usable_data_file(path, folder.parent.parent.parent, shown, problems):
        return None
    loaded = read_data_yaml(path, shown, problems)
    if loaded is None:
        return None
    data, digests[f"{code}/{GLOSSARY_FILE}"] = loaded
    terms = load_glossary(data, shown, problems)
    ids = {term.id: term for term in own}
    for term in terms:
        if term.id not in ids:
            problems.error(
                f"'{term.term}' has the id '{term.id}', which no term of content/data/{GLOSSARY_FILE} has"
                f"{did_you_mean(term.id, ids)}; give it 'id:' of the term it translates",
                shown,
                term.line,
            )
    missing = [term.term for term in own if term.id not in {t.id for t in terms}]
    if missing:
        problems.warn(
            f"no '{code}' term for {', '.join(missing)}, so pages in this language do not explain them; "
            "add each with 'id:' of the English term",
            shown,
            1,
        )
    return terms


def load_overlays(
    folder: Path, code: str, tables: dict[str, DataTable], digests: dict[str, str], problems: Problems
) -> dict[str, DataTable]:
    """The tables with the labels of content/CODE/data/NAME.yaml laid over them (the English where none)."""
    ours = dict(tables)
    paths = sorted(p for p in folder.glob("*.y*ml") if p.name != GLOSSARY_FILE) if folder.is_dir() else []
    for path in paths:
        shown = f"content/{code}/data/{path.name}"
        if not usable_data_file(path, folder.parent.parent.parent, shown, problems):
            continue
        table = tables.get(path.stem)
        if table is None:
            near = did_you_mean(path.stem, tables)
            problems.error(
                f"no data table '{path.stem}' to translate; a label overlay is named like its table in "
                f"content/data/{near}",
                shown,
            )
            continue
        loaded = read_data_yaml(path, shown, problems)
        if loaded is None:
            continue
        data, digest = loaded
        digests[f"{code}/{path.name}"] = digest
        ours[table.name] = overlay_table(table, data, code, shown, problems)
    return ours
