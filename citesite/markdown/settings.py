"""Further Python-Markdown extensions named in content/site.yaml: loaded by name, and checked before any page.

They load before the site's own extensions, so the site's configured standard extensions and its checks keep
their places: a processor another extension registers under one of their names is replaced by the site's.
The site's final passes (collecting headings and ids, the raw HTML check, the attribute check) must stay
after every tree pass an added extension brings, and the finished HTML text is checked only on a page with
raw HTML: an extension with a tree pass among the final ones (priority 4 or lower) or with a postprocessor is
refused, since its output would escape the checks.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from markdown import Markdown
from markdown.extensions import Extension
from markdown.util import Registry

from citesite.errors import SiteError
from citesite.markdown.collect import COLLECT_PRIORITY
from citesite.markdown.extension_names import (
    NotAllowed,
    NotInstalled,
    extension_packages,
    load_extension,
    registered,
    resolve_name,
)
from citesite.markdown.state import shown_text
from citesite.markdown.timelimit import PageTooSlow, time_limit

Named = tuple[tuple[str, dict[str, Any], int], ...]  # (name, options, line in content/site.yaml)
STANDARD_PREFIX = "markdown.extensions."


def build_extension(name: str, options: dict[str, Any], root: Path) -> Extension:
    """One extension by name, from an allowed source only (citesite/markdown/extension_names.py), with its options."""
    return load_extension(name, resolve_name(name, root), options, root)


def build_extensions(named: Named, root: Path) -> list[Extension]:
    """The named extensions, built (they were checked when the site was loaded)."""
    return [build_extension(name, options, root) for name, options, _ in named]


def check_extensions(
    named: Named,
    standard: Sequence[str],
    make: Callable[[list[Extension]], Markdown],
    shown: str,
    root: Path,
    seconds: float = 0,
) -> list[SiteError]:
    """Every named extension may load, loads (within seconds), is not always on, and runs before the site's checks.

    make: builds the site's converter with the given extensions loaded before its own.
    """
    problems: list[SiteError] = []
    baseline: Markdown | None = None
    for name, options, line in named:
        try:
            resolved = resolve_name(name, root)
        except NotAllowed:
            problems.append(SiteError(not_allowed(name, standard), shown, line))
            continue
        except NotInstalled:
            problems.append(SiteError(NOT_INSTALLED.format(name=name), shown, line))
            continue
        short = resolved.standard_name
        if short in standard:
            problems.append(SiteError(ALWAYS_ON.format(name=name, standard=", ".join(standard)), shown, line))
            continue
        try:
            with time_limit(seconds):
                converter = make([load_extension(name, resolved, options, root)])
        except PageTooSlow:
            problems.append(SiteError(TOO_SLOW.format(name=name, seconds=seconds), shown, line))
            continue
        except ModuleNotFoundError as exc:
            problems.append(_failed(name, exc, shown, line))
            continue
        except BaseException as exc:  # noqa: BLE001 (SystemExit or KeyboardInterrupt from its code is this entry's too)
            problems.append(_failed(name, exc, shown, line))
            continue
        if baseline is None:
            baseline = make([])
        late = _late_passes(converter, baseline)
        if late:
            problems.append(
                SiteError(
                    f"'markdown: extensions': '{name}' adds {', '.join(late)}, which would run after the site's "
                    "final checks, so its output would go unchecked; remove it from the list",
                    shown,
                    line,
                )
            )
    return problems


NOT_INSTALLED = (
    "'markdown: extensions': no extension named '{name}' is installed; check the spelling, "
    "or install the package that provides it (pip install …) in the environment that builds the site"
)
ALWAYS_ON = (
    "'markdown: extensions': '{name}' is always on, configured by the generator ({standard}); remove it from the list"
)
TOO_SLOW = (
    "'markdown: extensions': '{name}' took longer than {seconds:g} s to load (the page_time_limit), so it was "
    "stopped; remove it from the list"
)


def not_allowed(name: str, standard: Sequence[str]) -> str:
    """Why a name may not load, and what may: nothing of it was imported or called."""
    own = [short for short in registered() if short not in standard]
    packages = extension_packages()
    return (
        f"'markdown: extensions': '{name}' is not a Markdown extension the build may load, so it was not loaded; "
        f"name one of Python-Markdown's or a registered one ({', '.join(own)}), a module of an installed "
        f"extension package ({', '.join(f'{p}.…' for p in packages) or 'none installed'}), or a module of the "
        "site's own in the project folder (module or module:ExtensionClass)"
    )


def _failed(name: str, exc: BaseException, shown: str, line: int) -> SiteError:
    reason = shown_text(f"{type(exc).__name__}: {exc}"[:160])
    return SiteError(
        f"'markdown: extensions': '{name}' failed to load ({reason}); check its name and options against its documentation",
        shown,
        line,
    )


def _late_passes(converter: Markdown, baseline: Markdown) -> list[str]:
    """The passes an extension added (or moved) that run among or after the site's final checks.

    A tree pass at or below COLLECT_PRIORITY runs among them; any postprocessor changes the finished text,
    which only a page with raw HTML has checked again.
    """
    found = []
    for kind, last in (("tree pass", float(COLLECT_PRIORITY)), ("postprocessor", math.inf)):
        before = _priorities(registry_of(baseline, kind))
        for name, priority in _priorities(registry_of(converter, kind)).items():
            if priority <= last and before.get(name) != priority:
                found.append(f"the {kind} '{name}' (priority {priority:g})")
    return found


def registry_of(md: Markdown, kind: str) -> Registry[Any]:
    """The converter's tree passes or postprocessors."""
    return md.treeprocessors if kind == "tree pass" else md.postprocessors


def _priorities(registry: Registry[Any]) -> dict[str, float]:
    items = getattr(registry, "_priority")  # noqa: B009 (not in the type stubs)
    return {item.name: float(item.priority) for item in items}
