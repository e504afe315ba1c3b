"""content/data/*.yaml -> typed, checked records: data tables, references and the glossary."""

from __future__ import annotations

import hashlib
import os
import re
import stat
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Annotated, Any
from urllib.parse import urlsplit

from citesite.errors import Problems, SiteError
from citesite.source.datafile import GLOSSARY_FILE, REFERENCES_FILE, read_data_yaml, usable_data_file
from citesite.source.schema import EDITOR_NOTE, Field, check_mapping, mapping_items, schema_of
from citesite.source.suggest import did_you_mean
from citesite.source.tables import DataTable, load_table, resolve_values
from citesite.source.terms import Term, load_glossary
from citesite.source.translated_data import load_overlays, load_translated_glossary

__all__ = ["GLOSSARY_FILE", "REFERENCES_FILE", "Reference", "SiteData", "Term", "load_data"]

_KEY = re.compile(r"^[\w:.-]+$")  # what '[@key]' can cite


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


_loaded: dict[Path, tuple[str, SiteData, list[SiteError]]] = {}  # this process's last load, by folder


def load_data(data_dir: Path, problems: Problems, languages: Iterable[str] = ()) -> SiteData:
    """Load and check every YAML file in content/data, and the label overlays in content/LANG/data.

    The preview server builds again in the same process on every save: while no data file's name, link or
    content changed, the data (and the problems found in it) of the last load are used again.
    """
    codes = sorted(languages)
    key = data_files_key(data_dir, codes)
    found = _loaded.get(data_dir)
    if found is not None and found[0] == key:
        problems.extend(found[2])
        return found[1]
    own = Problems()
    data = _load_data(data_dir, own, codes)
    problems.extend(own.items)
    _loaded.clear()  # one project at a time
    _loaded[data_dir] = (key, data, list(own.items))
    return data


def data_files_key(data_dir: Path, codes: list[str]) -> str:
    """A digest of every entry of content/data and content/CODE/data: name, where a link points, content."""
    hashed = hashlib.sha256(repr(codes).encode())
    for folder in (data_dir, *(data_dir.parent / code / "data" for code in codes)):
        hashed.update(f"\0\0{folder}".encode())
        try:
            entries = sorted(os.scandir(folder), key=lambda e: e.name)
        except OSError:
            continue
        for entry in entries:
            path = Path(entry.path)
            target = str(path.resolve()) if entry.is_symlink() else ""
            try:
                regular = stat.S_ISREG(path.stat().st_mode)  # not a pipe, which would block
                content = path.read_bytes() if regular else b"\0not a file"
            except OSError as exc:
                content = f"\0{exc.errno}".encode()
            hashed.update(f"\0{entry.name}\0{target}\0{len(content)}\0".encode() + content)
    return hashed.hexdigest()


def _load_data(data_dir: Path, problems: Problems, languages: list[str]) -> SiteData:
    tables: dict[str, DataTable] = {}
    references: dict[str, Reference] = {}
    glossary: tuple[Term, ...] = ()
    digests: dict[str, str] = {}
    paths = sorted(p for p in data_dir.glob("*.y*ml")) if data_dir.is_dir() else []
    for path in paths:
        shown = f"content/data/{path.name}"
        if not usable_data_file(path, data_dir.parent.parent, shown, problems):
            continue
        loaded = read_data_yaml(path, shown, problems)
        if loaded is None:
            continue
        data, digest = loaded
        digests[path.name] = digest
        if path.name == REFERENCES_FILE:
            references = _load_references(data, shown, problems)
        elif path.name == GLOSSARY_FILE:
            glossary = load_glossary(data, shown, problems)
        else:
            table = load_table(path.stem, data, shown, problems)
            if table:
                tables[table.name] = table
    for table in tables.values():
        _check_sources(table, references, problems)
    translated = {
        code: load_overlays(data_dir.parent / code / "data", code, tables, digests, problems)
        for code in sorted(languages)
    }
    glossaries = {
        code: found
        for code in sorted(languages)
        if (found := load_translated_glossary(data_dir.parent / code / "data", code, glossary, digests, problems))
        is not None
    }
    translated = {
        code: {name: resolve_values(table, tables, problems) for name, table in ours.items()}
        for code, ours in translated.items()
    }
    tables = {name: resolve_values(table, tables, problems) for name, table in tables.items()}
    return SiteData(tables, references, glossary, digests, translated, glossaries)


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


def _check_sources(table: DataTable, references: dict[str, Reference], problems: Problems) -> None:
    for row in table.rows:
        for key in row.sources:
            if key not in references:
                near = did_you_mean(key, references)
                problems.error(
                    f"unknown reference '{key}'; add it to content/data/{REFERENCES_FILE}{near}", table.path, row.line
                )
