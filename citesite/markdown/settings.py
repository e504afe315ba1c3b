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
from typing import Any

from markdown import Markdown
from markdown.extensions import Extension
from markdown.util import Registry

from citesite.errors import SiteError
from citesite.markdown.collect import COLLECT_PRIORITY
from citesite.markdown.state import shown_text

Named = tuple[tuple[str, dict[str, Any], int], ...]  # (name, options, line in content/site.yaml)
STANDARD_PREFIX = "markdown.extensions."


def build_extension(name: str, options: dict[str, Any]) -> Extension:
    """One extension by name (an installed entry point, a module, or 'module:Class') with its options."""
    return Markdown().build_extension(name, options)


def build_extensions(named: Named) -> list[Extension]:
    """The named extensions, built (they were checked when the site was loaded)."""
    return [build_extension(name, options) for name, options, _ in named]


def check_extensions(
    named: Named, standard: Sequence[str], make: Callable[[list[Extension]], Markdown], shown: str
) -> list[SiteError]:
    """Every named extension loads, is not one the site configures itself, and runs before the site's checks.

    make: builds the site's converter with the given extensions loaded before its own.
    """
    problems: list[SiteError] = []
    baseline: Markdown | None = None
    for name, options, line in named:
        short = name.removeprefix(STANDARD_PREFIX)
        if short in standard:
            problems.append(
                SiteError(
                    f"'markdown: extensions': '{name}' is always on, configured by the generator "
                    f"({', '.join(standard)}); remove it from the list",
                    shown,
                    line,
                )
            )
            continue
        try:
            extension = build_extension(name, options)
            converter = make([extension])
        except ModuleNotFoundError as exc:
            if not _is_missing(name, exc):
                problems.append(_failed(name, exc, shown, line))
                continue
            problems.append(
                SiteError(
                    f"'markdown: extensions': no extension named '{name}' is installed; check the spelling, "
                    f"or install the package that provides it (pip install …) in the environment that builds the site",
                    shown,
                    line,
                )
            )
            continue
        except Exception as exc:  # noqa: BLE001 (an extension's own failure, whatever it is, is this entry's)
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


def _is_missing(name: str, exc: ModuleNotFoundError) -> bool:
    """Whether the module the name points at (or a package above it) is not installed, rather than one it imports."""
    module = name.partition(":")[0]
    return bool(exc.name) and (module == exc.name or module.startswith(f"{exc.name}."))


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
