"""The site's further languages (site.yaml 'languages:'), and which language a source path is written in."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Annotated, Any

from citesite.errors import Problems
from citesite.source.content import Source
from citesite.source.policy import plain
from citesite.source.schema import Field, check_mapping, schema_of
from citesite.source.strings import Strings, read_strings
from citesite.source.suggest import closest
from citesite.source.yamlfile import LineDict

# A top-level folder named like a language code (es, pt-BR) holds pages in that language; a section is
# never named so, and a folder so named for a language the site does not declare is reported.
LANGUAGE_TAG = re.compile(r"^[A-Za-z]{2,3}(?:-[A-Za-z0-9]{1,8})*$")  # BCP 47, as 'lang' and 'xml:lang' need it
LANGUAGE_FOLDER = re.compile(r"^[a-z]{2}(?:-[A-Z]{2})?$")
# What a language may not be called: the folders under content/ that are something else.
# Two-letter codes one letter apart ('se' for 'es' is 0.5 alike): a looser match than for longer names.
LANGUAGE_CUTOFF = 0.5
RESERVED = frozenset(("data", "figures", "articles", "pages"))


@dataclass(frozen=True)
class Language:
    """One further language: its code (its folder under content/), its own site title and words."""

    code: str
    title: Annotated[str, Field("str", required=True, help="the site's name in this language")]
    description: Annotated[str, Field("str", required=True, help="one sentence about the site, in this language")]
    disclaimer: Annotated[str, Field("str", help="the notice shown on every page, in this language")] = ""
    extra: Annotated[
        dict[str, Any], Field("mapping", help="the values under site.yaml's extra: this language changes")
    ] = field(default_factory=dict)
    strings: Strings = field(default_factory=Strings)
    line: int = 0


LANGUAGE_FIELDS = schema_of(Language)


def read_languages(
    data: LineDict, language: Any, root: Path, rel: Path, problems: Problems
) -> tuple[Strings, tuple[Language, ...]]:
    """The words of the site's language (its tag checked), and its further languages with theirs."""
    if isinstance(language, str) and not LANGUAGE_TAG.match(language):
        problems.error(
            f"'language': {language[:40]!r} is not a language tag such as en or en-GB", rel, data.lines["language"]
        )
    code = language if isinstance(language, str) else "en"
    further = parse_languages(data.get("languages"), code, root, (rel, data.lines.get("languages", 1)), problems)
    return read_strings(root, code, problems), further


def parse_languages(
    data: Any, default: str, root: Path, where: tuple[Path, int], problems: Problems
) -> tuple[Language, ...]:
    """The 'languages:' mapping of site.yaml (code: settings), each checked, with the words of its strings file."""
    path, line = where
    if not isinstance(data, LineDict):
        return ()  # the schema check already reported that it is not a mapping
    found: list[Language] = []
    for code, settings in data.items():
        at = data.lines.get(code, line)
        if not isinstance(code, str) or not LANGUAGE_FOLDER.match(code) or code in RESERVED:
            problems.error(
                f"'languages': {str(code)[:40]!r} is not a language code; write a code such as es or pt-BR", path, at
            )
            continue
        if code == default:
            problems.error(
                f"'languages': '{code}' is the site's own language ('language: {default}'); list only the others",
                path,
                at,
            )
            continue
        if not isinstance(settings, LineDict):
            problems.error(f"'languages': '{code}' must be 'key: value' lines (title:, description:)", path, at)
            continue
        values = check_mapping(settings, LANGUAGE_FIELDS, path, problems, f"language '{code}'")
        strings = read_strings(root, code, problems)
        found.append(
            Language(
                code,
                values.get("title", code),
                values.get("description", code),
                values.get("disclaimer", ""),
                plain(values.get("extra")) or {},
                strings,
                at,
            )
        )
    return tuple(found)


def split_language(rel_path: str, codes: frozenset[str]) -> tuple[str, str]:
    """(language code, path inside the language's folder) of a source path; ('', rel_path) for the default."""
    head, slash, rest = rel_path.partition("/")
    if slash and head in codes:
        return head, rest
    return "", rel_path


def language_of(
    source: Source, codes: frozenset[str], sections: frozenset[str], problems: Problems
) -> tuple[str, str] | None:
    """(language, path inside its folder) of a source ('' for the site's own); None, reported, for an undeclared one."""
    folder = undeclared_language(source.rel_path, codes, sections)
    if folder:
        problems.error(undeclared_message(folder, codes), source.display_path, 1)
        return None
    return split_language(source.rel_path, codes)


def undeclared_language(rel_path: str, codes: frozenset[str], sections: frozenset[str]) -> str | None:
    """The folder of a source that looks like a language the site does not declare (and is no section), or None."""
    head, slash, _ = rel_path.partition("/")
    if slash and LANGUAGE_FOLDER.match(head) and head not in codes and head not in sections:
        return head
    return None


def undeclared_message(folder: str, codes: frozenset[str]) -> str:
    """What to do about pages in a language folder site.yaml does not declare."""
    close = closest(folder, codes, cutoff=LANGUAGE_CUTOFF)
    hint = f"; did you mean '{close}'?" if close else ""
    listed = ", ".join(sorted(codes)) or "none"
    return (
        f"'{folder}/' holds pages in a language the site does not declare{hint}; add it to site.yaml "
        f"('languages: {{{folder}: {{title: …, description: …}}}}') or rename the folder (languages: {listed})"
    )
