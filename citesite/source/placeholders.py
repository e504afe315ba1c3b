"""Placeholders a site must not publish: example addresses, TODO, lorem ipsum, no contact and no publisher.

Checked when site.yaml sets publishing: {check: true}. Each is a warning, so --strict (what a deploy runs)
refuses to publish; the message says which setting to fill in and how the deploy workflow can supply it.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from citesite.errors import WARNING, SiteError
from citesite.source.config import SiteConfig

# example.org/.com/.net are reserved for documentation (RFC 2606): no reader can reach anyone there
EXAMPLE_DOMAIN = re.compile(r"(?<![\w-])(?:[\w-]+\.)*example\.(?:org|com|net)(?![\w-])", re.IGNORECASE)
FILLER = re.compile(r"\bTODO\b|\b(?i:lorem ipsum)\b")  # TODO in capitals only: 'todo' is a word in prose

# The settings a reader sees or follows, in the order site.yaml's comments list them.
CHECKED_SETTINGS = ("title", "description", "base_url", "author", "publisher", "disclaimer", "report_url")
OPTION_OF = {"base_url": "--base-url", "report_url": "--report-url", "publisher": "--publisher"}
HOW_TO_SET = {
    "base_url": "set base_url to the address the site is published at, or build with --base-url URL "
    "(the GitHub workflow passes the address GitHub Pages gives)",
    "report_url": "set report_url to a monitored https://… page or mailto:… address, or build with "
    "--report-url URL (the GitHub workflow passes the repository's issue tracker)",
    "publisher": "set publisher to the person or organisation that publishes the site, or build with "
    "--publisher NAME (the GitHub workflow passes the repository's owner)",
}


def placeholder_in(text: str) -> str | None:
    """The first placeholder in text (an example.org/.com/.net address, TODO or lorem ipsum), or None."""
    found = EXAMPLE_DOMAIN.search(text) or FILLER.search(text)
    return found.group(0) if found else None


def check_settings(config: SiteConfig) -> list[SiteError]:
    """Warnings for every placeholder or missing contact in the settings a reader sees, when the check is on."""
    if not config.policy.publishing.check:
        return []
    return list(_setting_problems(config))


def _setting_problems(config: SiteConfig) -> Iterable[SiteError]:
    shown = config.path.as_posix()
    for key in CHECKED_SETTINGS:
        value = getattr(config, key)
        found = placeholder_in(value) if value else None
        if found is None:
            continue
        fix = HOW_TO_SET.get(key, f"replace it with the real {key.replace('_', ' ')}")
        if key in config.from_options:
            yield SiteError(
                f"{OPTION_OF[key]} {value!r} is a placeholder ({found}); pass the real value", level=WARNING
            )
        else:
            yield SiteError(
                f"'{key}' is a placeholder ({found}) that the site would publish; {fix}",
                shown,
                config.lines.get(key),
                level=WARNING,
            )
    missing = {"report_url": "readers have no way to report a mistake", "publisher": "nobody is named as publisher"}
    for key, what in missing.items():
        if not getattr(config, key):
            yield SiteError(f"no '{key}': {what}; {HOW_TO_SET[key]}", shown, level=WARNING)
