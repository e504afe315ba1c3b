"""content/data/*.yaml -> typed, checked records: data tables, references and the glossary."""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Annotated, Any
from urllib.parse import urlsplit

from citesite.errors import Problems, SiteError, cannot_read
from citesite.source.overlays import overlay_table
from citesite.source.schema import EDITOR_NOTE, Field, check_mapping, mapping_items, schema_of
from citesite.source.suggest import did_you_mean
from citesite.source.tables import ROW_ID, DataTable, load_table, resolve_values
from citesite.source.walk import symlink_problem
from citesite.source.yamlfile import load_yaml

REFERENCES_FILE = "references.yaml"
GLOSSARY_FILE = "glossary.yaml"
_KEY = re.compile(r"^[\w:.-]+$")  # what '[@key]' can cite
_TABLE_NAME = re.compile(r"^[\w-]+$")  # what '::: table NAME' and '{{ NAME.row.column }}' can name


@dataclass(frozen=True)
class Reference:
    """One source that articles cite with [@key]."""

    key: Annotated[str, Field("str", required=True, help="the name used in [@key]")]
    title: Annotated[str, Field("str", required=True)]
    group: Annotated[str, Field("str", help="heading on the references page")] = "Other sources"
    authors: Annotated[str, Field("str")] = ""
    container: Annotated[str, Field("str", help="journal or publisher")] = ""
    year: Annotated[int | None, Field("int")] = None
    details: Annotated[str, Field("str", help="volume(issue):pages")] = ""
    doi: Annotated[str, Field("str")] = ""
    pmid: Annotated[str, Field("str", help="PubMed id, in quotes")] = ""
    url: Annotated[str, Field("str")] = ""
    note: Annotated[str, Field("str", help="a short note shown to readers")] = ""
    language: Annotated[str, Field("str", help="the language the source is written in, e.g. en")] = "en"
    line: int = 0

    @property
    def doi_url(self) -> str:
        """The doi.org link, or ''."""
        return f"https://doi.org/{self.doi}" if self.doi else ""

    @property
    def pubmed_url(self) -> str:
        """The PubMed link, or ''."""
        return f"https://pubmed.ncbi.nlm.nih.gov/{self.pmid}/" if self.pmid else ""


# editor_note is checked, then dropped: a reference never holds it, so no template can show it.
REFERENCE_FIELDS = schema_of(Reference, editor_note=EDITOR_NOTE)


@dataclass(frozen=True)
class Term:
    """A glossary entry; its first use in an article is marked and linked."""

    term: Annotated[str, Field("str", required=True)]
    id: Annotated[str, Field("str")]  # always set: made from the term when the YAML has no id
    definition: Annotated[str, Field("str", required=True)]
    aliases: Annotated[tuple[str, ...], Field("list[str]")] = ()
    # Spellings readers type that the pages never show (UK forms, common typos): the search finds the term by them.
    also: Annotated[tuple[str, ...], Field("list[str]", help="spellings readers type, e.g. [magnesum]")] = ()
    line: int = 0

    @property
    def spellings_meta(self) -> str:
        """The 'also:' spellings as Pagefind metadata: searched, never shown on the page or in an excerpt.

        Pagefind keeps one value per metadata key and page, so each term has a key of its own.
        """
        return f"spellings-{self.id}:{' '.join(self.also)}"


TERM_FIELDS = schema_of(Term)


@dataclass(frozen=True)
class SiteData:
    """Everything under content/data, checked."""

    tables: dict[str, DataTable]
    references: dict[str, Reference]
    glossary: tuple[Term, ...]
    digests: dict[str, str]
    # each further language's tables (code -> name -> table): the same numbers, with content/LANG/data/'s labels
    translated: dict[str, dict[str, DataTable]] = field(default_factory=dict)
    # each further language's glossary (content/LANG/data/glossary.yaml), its terms paired with the site's by id
    glossaries: dict[str, tuple[Term, ...]] = field(default_factory=dict)

    def glossary_in(self, code: str) -> tuple[Term, ...]:
        """The glossary of language code ('' for the site's own); none for a language without one."""
        return self.glossaries.get(code, ()) if code else self.glossary

    def has_labels(self, code: str, name: str) -> bool:
        """Whether table name has a label overlay in language code (content/CODE/data/NAME.yaml)."""
        return f"{code}/{name}.yaml" in self.digests or f"{code}/{name}.yml" in self.digests

    def tables_in(self, code: str) -> dict[str, DataTable]:
        """The tables as a page in language code shows them ('' or the site's own: the tables themselves)."""
        return self.translated.get(code, self.tables)


def load_data(data_dir: Path, problems: Problems, languages: Iterable[str] = ()) -> SiteData:
    """Load and check every YAML file in content/data, and the label overlays in content/LANG/data."""
    tables: dict[str, DataTable] = {}
    references: dict[str, Reference] = {}
    glossary: tuple[Term, ...] = ()
    digests: dict[str, str] = {}
    paths = sorted(p for p in data_dir.glob("*.y*ml")) if data_dir.is_dir() else []
    for path in paths:
        shown = f"content/data/{path.name}"
        if not _usable_file(path, data_dir.parent.parent, shown, problems):
            continue
        loaded = _read_yaml(path, shown, problems)
        if loaded is None:
            continue
        data, digest = loaded
        digests[path.name] = digest
        if path.name == REFERENCES_FILE:
            references = _load_references(data, shown, problems)
        elif path.name == GLOSSARY_FILE:
            glossary = _load_glossary(data, shown, problems)
        else:
            table = load_table(path.stem, data, shown, problems)
            if table:
                tables[table.name] = table
    for table in tables.values():
        _check_sources(table, references, problems)
    translated = {
        code: _load_overlays(data_dir.parent / code / "data", code, tables, digests, problems)
        for code in sorted(languages)
    }
    glossaries = {
        code: found
        for code in sorted(languages)
        if (found := _load_translated_glossary(data_dir.parent / code / "data", code, glossary, digests, problems))
        is not None
    }
    translated = {
        code: {name: resolve_values(table, tables, problems) for name, table in ours.items()}
        for code, ours in translated.items()
    }
    tables = {name: resolve_values(table, tables, problems) for name, table in tables.items()}
    return SiteData(tables, references, glossary, digests, translated, glossaries)


def _load_translated_glossary(
    folder: Path, code: str, own: tuple[Term, ...], digests: dict[str, str], problems: Problems
) -> tuple[Term, ...] | None:
    """content/CODE/data/glossary.yaml, each term paired by its id with one of the site's own; None without it."""
    path = folder / GLOSSARY_FILE
    shown = f"content/{code}/data/{GLOSSARY_FILE}"
    if not path.is_file() or not _usable_file(path, folder.parent.parent.parent, shown, problems):
        return None
    loaded = _read_yaml(path, shown, problems)
    if loaded is None:
        return None
    data, digests[f"{code}/{GLOSSARY_FILE}"] = loaded
    terms = _load_glossary(data, shown, problems)
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


def _load_overlays(
    folder: Path, code: str, tables: dict[str, DataTable], digests: dict[str, str], problems: Problems
) -> dict[str, DataTable]:
    """The tables with the labels of content/CODE/data/NAME.yaml laid over them (the English where none)."""
    ours = dict(tables)
    paths = sorted(p for p in folder.glob("*.y*ml") if p.name != GLOSSARY_FILE) if folder.is_dir() else []
    for path in paths:
        shown = f"content/{code}/data/{path.name}"
        if not _usable_file(path, folder.parent.parent.parent, shown, problems):
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
        loaded = _read_yaml(path, shown, problems)
        if loaded is None:
            continue
        data, digest = loaded
        digests[f"{code}/{path.name}"] = digest
        ours[table.name] = overlay_table(table, data, code, shown, problems)
    return ours


def _usable_file(path: Path, root: Path, shown: str, problems: Problems) -> bool:
    """False (with the problem recorded) for a symlink that cannot be used or a name no directive can use."""
    link_problem = symlink_problem(path, root) if path.is_symlink() else None
    if link_problem:
        problems.error(link_problem, shown)
        return False
    if path.name not in (REFERENCES_FILE, GLOSSARY_FILE) and not _TABLE_NAME.match(path.stem):
        problems.error(
            "a data file's name may only have letters, digits, '-' and '_', so '::: table NAME' can place it; rename it",
            shown,
        )
        return False
    return True


def _read_yaml(path: Path, shown: str, problems: Problems) -> tuple[Any, str] | None:
    try:
        raw = path.read_bytes()
    except OSError as exc:
        problems.error(cannot_read(exc), shown)
        return None
    try:
        text = raw.decode("utf-8-sig").replace("\r\n", "\n")
    except UnicodeDecodeError as exc:
        problems.error("not UTF-8 text; save the file as UTF-8", shown, raw[: exc.start].count(b"\n") + 1)
        return None
    try:
        return load_yaml(text, shown), hashlib.sha256(raw).hexdigest()
    except SiteError as exc:
        problems.add(exc)
    return None


def _load_references(data: Any, shown: str, problems: Problems) -> dict[str, Reference]:
    refs: dict[str, Reference] = {}
    for item, line in mapping_items(data, shown, problems, "references"):
        values = check_mapping(item, REFERENCE_FIELDS, shown, problems, "a reference")
        values.pop("editor_note", None)  # for editors only: never reaches a template
        key = values.get("key")
        if not key or "title" not in values:
            continue
        if not _KEY.match(key):
            problems.error(
                f"'key': {key!r} may only have letters, digits, '-', '.', ':' and '_' (it is cited as [@key])",
                shown,
                item.lines["key"],
            )
            continue
        if key in refs:
            problems.error(
                f"duplicate reference key '{key}' (first on line {refs[key].line}); keys must be unique", shown, line
            )
            continue
        doi = values.get("doi", "")
        if doi and not doi.startswith("10."):
            problems.error(
                f"'doi': {doi!r} is not a DOI; write it as 10.xxxx/… without https://doi.org/", shown, item.lines["doi"]
            )
        url = values.get("url", "")
        if url and urlsplit(url.strip()).scheme.lower() not in ("http", "https"):
            problems.error(f"'url': {url[:60]!r} is not a web address; write it as https://…", shown, item.lines["url"])
        pmid = values.get("pmid", "")
        if pmid and not pmid.isdigit():
            problems.error(f"'pmid': {pmid!r} must be digits only", shown, item.lines["pmid"])
        refs[key] = Reference(line=line, **values)
    return refs


def _load_glossary(data: Any, shown: str, problems: Problems) -> tuple[Term, ...]:
    terms: list[Term] = []
    seen: dict[str, int] = {}
    ids: dict[str, int] = {}
    for item, line in mapping_items(data, shown, problems, "glossary terms"):
        values = check_mapping(item, TERM_FIELDS, shown, problems, "a glossary term")
        if "term" not in values or "definition" not in values:
            continue
        term_id = values.get("id") or slugify(values["term"])
        if "id" in values and not ROW_ID.match(term_id):
            problems.error(
                f"'id': {term_id!r} must be lower-case letters, digits and '-' (it is the term's anchor)",
                shown,
                item.lines["id"],
            )
        elif term_id in ids:
            problems.error(
                f"glossary id '{term_id}' is already used by the term on line {ids[term_id]}; give one of them an 'id:'",
                shown,
                line,
            )
        ids.setdefault(term_id, line)
        names = [values["term"], *values.get("aliases", []), *values.get("also", [])]
        for name in names:
            folded = name.casefold()
            if folded in seen:
                problems.error(
                    f"duplicate glossary term '{name}' (first on line {seen[folded]}); define it once", shown, line
                )
            seen[folded] = line
        aliases, also = tuple(values.get("aliases", [])), tuple(values.get("also", []))
        terms.append(Term(values["term"], term_id, values["definition"], aliases, also, line))
    return tuple(terms)


def slugify(text: str) -> str:
    """Lower-case words joined by '-', for ids made from names."""
    return re.sub(r"[^\w]+", "-", text.casefold()).strip("-") or "term"


def _check_sources(table: DataTable, references: dict[str, Reference], problems: Problems) -> None:
    for row in table.rows:
        for key in row.sources:
            if key not in references:
                near = did_you_mean(key, references)
                problems.error(
                    f"unknown reference '{key}'; add it to content/data/{REFERENCES_FILE}{near}", table.path, row.line
                )
