"""Every t("key") in the templates names a text of the strings file: checked once a build, not on every page."""

from __future__ import annotations

import re
from pathlib import Path

import jinja2

from citesite.errors import WARNING, SiteError
from citesite.render.jinja import shown_template
from citesite.source.strings import FORMAT_KEYS, Strings
from citesite.source.suggest import did_you_mean


def check_template_strings(env: jinja2.Environment, strings: Strings, root: Path) -> list[SiteError]:
    """A warning (an error under --strict) for each t("key") whose key the strings have not; the page shows the key."""
    problems: list[SiteError] = []
    loader = env.loader
    if loader is None:
        return problems
    seen: set[str] = set()
    known = [key for key in strings.texts if key not in FORMAT_KEYS]
    for name in sorted(loader.list_templates()):
        if not name.endswith(".html"):
            continue
        try:
            source, filename, _ = loader.get_source(env, name)
        except (jinja2.TemplateError, OSError, UnicodeDecodeError):
            continue  # rendering the template reports it, with the file
        if filename is None or filename in seen:
            continue  # 'theme/NAME' and an unreplaced NAME are one file
        seen.add(filename)
        for key, line in _keys(source):
            if key not in strings.texts:
                hint = did_you_mean(key, known) or "; use a key of citesite/theme/strings/en.yaml"
                message = f"unknown strings key '{key}' in t(); the page shows the key itself{hint}"
                problems.append(SiteError(message, shown_template(filename, root, name), line, level=WARNING))
    return problems


# A call with a literal key, t("key") or t('key', …). Read with a pattern, not by parsing: parsing every template
# costs about 75 ms a build, the pattern about 1 ms; a key made at run time is not checked (it shows itself).
_CALL = re.compile(r"""\bt\(\s*(?:"([^"\\]*)"|'([^'\\]*)')""")


def _keys(source: str) -> list[tuple[str, int]]:
    """The literal keys of every t("key", …) call, with their lines."""
    return [
        (match.group(1) if match.group(1) is not None else match.group(2), source.count("\n", 0, match.start()) + 1)
        for match in _CALL.finditer(source)
    ]
