"""The words readers see: the theme's strings file for the site's language, changed key by key by the site's own."""

from __future__ import annotations

import datetime as dt
import functools
import re
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from citesite.errors import WARNING, Problems, SiteError
from citesite.source.suggest import did_you_mean
from citesite.source.yamlfile import LineDict, load_yaml

THEME_STRINGS = Path(__file__).resolve().parent.parent / "theme" / "strings"
SITE_STRINGS = Path("templates") / "strings"  # beside the templates that show them, watched and checked like them
MONTHS = 12
SHOWN_KEYS = 5  # a message names this many missing keys, then counts the rest
# Keys that say how dates and numbers are written, not texts a template reads with t().
FORMAT_KEYS = ("months", "date", "decimal_separator", "thousands_separator")
_PLACEHOLDER = re.compile(r"\{([a-z_]+)\}")  # '{name}': only plain names, never Python's '{0.attr}' formats


def fill(text: str, values: dict[str, Any]) -> str:
    """text with each {name} replaced by its value; a name without a value stays as it is."""
    return _PLACEHOLDER.sub(lambda m: str(values[m.group(1)]) if m.group(1) in values else m.group(0), text)


@dataclass(frozen=True)
class Strings:
    """The texts of one language, and how it writes dates and numbers."""

    texts: dict[str, str] = field(default_factory=dict)
    months: tuple[str, ...] = ()
    date_pattern: str = "{day} {month} {year}"
    decimal: str = "."
    thousands: str = ","
    english: tuple[str, ...] = ()  # keys shown in the theme's English although the site's language is another
    shown: str = ""  # the site's strings file, as messages name it ('' when it has none)

    def text(self, key: str, **values: Any) -> str:
        """The text for key, with its {name} placeholders filled; the key itself when the language has none."""
        found = self.texts.get(key)
        return key if found is None else fill(found, values)

    def date(self, value: dt.date | None) -> str:
        """'1 December 2026' (or '1 de diciembre de 2026'), whatever the machine's locale."""
        if value is None:
            return ""
        return fill(self.date_pattern, {"day": value.day, "month": self.months[value.month - 1], "year": value.year})

    def number(self, value: float) -> str:
        """1234.5 as '1,234.5' (or '1.234,5'): the language's separators."""
        return format(value, ",").translate({ord(","): self.thousands, ord("."): self.decimal})


@functools.cache
def theme_strings(language: str = "en") -> Strings:
    """The theme's strings for a language (its primary subtag, then English); the theme's own file is trusted."""
    problems = Problems()
    found = _strings_file(THEME_STRINGS, language) or THEME_STRINGS / "en.yaml"
    values = _read(found, f"citesite/theme/strings/{found.name}", problems)
    if problems.errors:
        raise SiteError(str(problems.errors[0]))  # a broken theme is a broken installation, not the site's mistake
    return _strings(values)


def read_strings(root: Path, language: str, problems: Problems) -> Strings:
    """The theme's strings, changed by the site's templates/strings/LANGUAGE.yaml where it has one."""
    theme = theme_strings(language)
    site_file = _strings_file(root / SITE_STRINGS, language)
    untranslated = _strings_file(THEME_STRINGS, language) is None  # the theme fell back to English
    if site_file is None:
        return replace(theme, english=tuple(_values(theme)) if untranslated else ())
    shown = (SITE_STRINGS / site_file.name).as_posix()
    values = _read(site_file, shown, problems)
    known = _values(theme)
    lines = values.lines if isinstance(values, LineDict) else {}
    checked = {
        key: value for key, value in values.items() if _check(key, value, known, (shown, lines.get(key)), problems)
    }
    english = tuple(sorted(set(known) - set(values))) if untranslated else ()
    return replace(_strings({**known, **checked}), english=english, shown=shown)


def check_language(strings: Strings, language: str, line: int | None) -> list[SiteError]:
    """A warning when pages in another language would show some of the theme's English words."""
    if not strings.english:
        return []
    if not strings.shown:
        message = (
            f"'language': the theme has no words in {language!r}, so pages show its English ones; add "
            f"{(SITE_STRINGS / language).as_posix()}.yaml with the keys of citesite/theme/strings/en.yaml"
        )
        return [SiteError(message, "content/site.yaml", line, level=WARNING)]
    listed = ", ".join(strings.english[:SHOWN_KEYS])
    if len(strings.english) > SHOWN_KEYS:
        listed += f" and {len(strings.english) - SHOWN_KEYS} more"
    message = f"no {language!r} text for {listed}, so pages show the theme's English; add them to this file"
    return [SiteError(message, strings.shown, None, level=WARNING)]


def _strings_file(folder: Path, language: str) -> Path | None:
    """folder/en-GB.yaml, else folder/en.yaml, else None."""
    for name in dict.fromkeys((language, language.split("-")[0])):
        path = folder / f"{name}.yaml"
        if path.is_file():
            return path
    return None


def _read(path: Path, shown: str, problems: Problems) -> dict[str, Any]:
    """The file's keys and values; an unreadable file or one that is not a mapping is reported."""
    try:
        data = load_yaml(path.read_text(encoding="utf-8-sig"), shown)
    except SiteError as exc:
        problems.items.append(exc)
        return {}
    except (OSError, UnicodeDecodeError):
        problems.error("cannot read this strings file; save it as UTF-8 text", shown)
        return {}
    if data is None:
        return {}
    if not isinstance(data, LineDict):
        problems.error("a strings file is 'key: text' lines; see citesite/theme/strings/en.yaml", shown, 1)
        return {}
    return data


def _check(key: Any, value: Any, known: dict[str, Any], where: tuple[str, int | None], problems: Problems) -> bool:
    """Whether one key of the site's file may replace the theme's: a known key, a value of the right kind."""
    shown, line = where
    if key not in known:
        hint = did_you_mean(str(key), known) or "; the keys are those of citesite/theme/strings/en.yaml"
        problems.error(f"unknown strings key '{key}'{hint}", shown, line)
        return False
    if key == "months":
        if not (isinstance(value, list) and len(value) == MONTHS and all(isinstance(m, str) for m in value)):
            problems.error("'months' must list the twelve month names, January first", shown, line)
            return False
        return True
    if not isinstance(value, str) or (not value and key not in FORMAT_KEYS):
        problems.error(f"'{key}' must be text; put it in quotes", shown, line)
        return False
    unknown = sorted(set(_PLACEHOLDER.findall(value)) - set(_PLACEHOLDER.findall(known[key])))
    if unknown:
        allowed = ", ".join("{" + name + "}" for name in _PLACEHOLDER.findall(known[key])) or "none"
        problems.error(f"'{key}': unknown placeholder {{{unknown[0]}}}; this text may use {allowed}", shown, line)
        return False
    return True


def _values(strings: Strings) -> dict[str, Any]:
    """Strings back as the keys and values of a strings file."""
    formats = [list(strings.months), strings.date_pattern, strings.decimal, strings.thousands]
    return {**strings.texts, **dict(zip(FORMAT_KEYS, formats, strict=True))}


def _strings(values: dict[str, Any]) -> Strings:
    texts = {str(key): str(value) for key, value in values.items() if key not in FORMAT_KEYS}
    return Strings(
        texts,
        tuple(values.get("months", ())),
        str(values.get("date", "{day} {month} {year}")),
        str(values.get("decimal_separator", ".")),
        str(values.get("thousands_separator", ",")),
    )
