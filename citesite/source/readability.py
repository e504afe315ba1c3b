"""readability: in site.yaml: which pages' summaries and key points are measured, and the target of each language.

English is measured by its Flesch–Kincaid grade (lower is easier), Spanish by its Szigriszt-Pazos perspicuity
index (higher is easier), so each language has its own target:

    readability:
      check: true
      target: 9          # English: the highest grade allowed
      targets:
        es: 55           # Spanish: the lowest perspicuity index allowed (INFLESZ: 55 is "normal")

While check is on, every article in a language the check knows is measured: the site's own language as
'language:' says, each further language by its code (es-MX as es). A language the check does not know is not
measured. A Spanish target left out is 55.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Annotated, Any

from citesite.errors import Problems
from citesite.readability.spanish import NORMAL_EASE
from citesite.source.schema import Field, check_mapping
from citesite.source.yamlfile import LineDict

READABILITY_LANGUAGES = ("en", "es")  # English: Flesch–Kincaid grade (pyphen); Spanish: Szigriszt-Pazos (own rules)
EASE_LANGUAGES = ("es",)  # the languages whose target is a reading ease, written under 'targets:'
EASE_FIELD = Field("number", help="the lowest reading ease allowed, e.g. 55", low=0, high=100)


@dataclass(frozen=True)
class Readability:
    """readability: in site.yaml: whether summaries and key points are checked, and against which targets."""

    check: Annotated[
        bool, Field("bool", help="true: warn when an article's summary or key points read above the target")
    ] = False
    target: Annotated[
        float, Field("number", help="the highest English reading grade allowed, e.g. 9", low=0, high=100)
    ] = 9.0
    language: Annotated[str, Field("str", help="the language the site's own pages are measured in: en or es")] = "en"
    targets: Annotated[
        tuple[tuple[str, float], ...],
        Field("mapping", help="the target of a further language, e.g. targets: {es: 55} (Spanish reading ease)"),
    ] = ()

    def measured_as(self, page_language: str, site_language: str) -> str | None:
        """The language a page is measured in (en or es), or None when the check has no formula for it."""
        code = self.language if page_language == site_language else page_language
        base = code.split("-")[0].lower()
        return base if base in READABILITY_LANGUAGES else None

    def target_for(self, page_language: str, measured: str) -> float:
        """The target of a page: the English grade, else its language's (or its base language's) reading ease."""
        if measured == "en":
            return self.target
        given = dict(self.targets)
        return given.get(page_language, given.get(measured, NORMAL_EASE))


def read_readability(
    data: LineDict, values: dict[str, Any], codes: tuple[str, ...], rel: Path, problems: Problems
) -> Readability:
    """The readability policy from its checked keys; a bad language or target is reported at its line."""
    language = values.get("language", Readability.language)
    if values.get("check", Readability.check) and language.split("-")[0].lower() not in READABILITY_LANGUAGES:
        problems.error(
            f"'readability: language': {language[:40]!r} is not supported; the reading check knows only "
            "en (English) and es (Spanish); write language: en or es, or set check: false",
            rel,
            _line(data, "language"),
        )
    section = data.get("readability")
    given = section.get("targets") if isinstance(section, LineDict) else None
    targets = _read_targets(given, codes, rel, problems) if isinstance(given, LineDict) else ()
    return Readability(
        check=values.get("check", Readability.check),
        target=float(values.get("target", Readability.target)),
        language=language,
        targets=targets,
    )


def _read_targets(
    given: LineDict, codes: tuple[str, ...], rel: Path, problems: Problems
) -> tuple[tuple[str, float], ...]:
    """The checked entries of 'readability: targets' (language code: number), sorted by code."""
    fields = {key: EASE_FIELD for key in given if isinstance(key, str)}
    values = check_mapping(given, fields, rel, problems, "'readability: targets'")
    found = []
    for code, value in values.items():
        problem = _target_problem(code, codes)
        if problem:
            problems.error(f"'readability: targets': {problem}", rel, given.lines.get(code, given.line))
        else:
            found.append((code, float(value)))
    return tuple(sorted(found))


def _target_problem(code: str, codes: tuple[str, ...]) -> str | None:
    """Why a key of 'readability: targets' cannot be used, or None."""
    base = code.split("-")[0].lower()
    if base == "en":
        return f"'{code}' is measured by its grade, set with 'readability: target'; write target: 9 there instead"
    if base not in EASE_LANGUAGES:
        return (
            f"{code[:40]!r} has no reading-ease formula; the check measures only en (with 'target') and "
            f"{', '.join(EASE_LANGUAGES)} (Spanish, Szigriszt-Pazos); remove it"
        )
    if code not in codes and base not in codes:
        return f"'{code}' is not a language of this site ({', '.join(codes)}); add it under 'languages:' or remove it"
    return None


def _line(data: LineDict, key: str) -> int:
    """The line of readability.key, else of readability, else 1."""
    value = data.get("readability")
    if isinstance(value, LineDict) and key in value.lines:
        return value.lines[key]
    return data.lines.get("readability", 1)
