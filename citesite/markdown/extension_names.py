"""Which Markdown extension a name in content/site.yaml means, found without running anything the name points at.

A data file configures, it never executes: Python-Markdown's own loader imports the module a name gives and
calls the named object with the options before it checks that the result is an extension, so
`os:system` in site.yaml would be a shell command. Here a name is resolved first, from metadata and file
names only, to one of three sources:

- Python-Markdown's own extensions (`markdown.extensions.*`) and every name registered in the
  `markdown.extensions` entry-point group;
- a module of an installed package that registers there or declares Python-Markdown as a dependency
  (`pymdownx.*`);
- a module file of the site's own in the project folder (not under content/, templates/, static/ or a
  folder starting with '.' or '_').

Anything else is refused without being imported (importing a module runs its top-level code). Only then is
the module imported, and an object called only if it is a subclass of markdown.Extension or the module's
own makeExtension function.
"""

from __future__ import annotations

import functools
import importlib
import importlib.metadata
import importlib.util
import inspect
import re
import sys
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType
from typing import Any

from markdown.extensions import Extension

from citesite.source.walk import NOT_CODE_FOLDERS

ENTRY_POINT_GROUP = "markdown.extensions"
STANDARD_PACKAGE = "markdown.extensions"
IDENTIFIER = re.compile(r"^[A-Za-z_]\w*$")
REQUIREMENT_NAME = re.compile(r"^\s*([A-Za-z0-9][A-Za-z0-9._-]*)")
_LOADED: set[str] = set()  # top-level modules loaded from a project folder by this process
OWN_PACKAGE = "citesite"  # its extensions are the site's always-on ones, configured by the generator


class NotAllowed(Exception):
    """A name that is not a Markdown extension the build may load; nothing of it was run."""


class NotInstalled(Exception):
    """A name from an allowed source whose module does not exist."""


@dataclass(frozen=True)
class Resolved:
    """Where a named extension lives: a module, and a class in it (None: the module's makeExtension)."""

    module: str
    attribute: str | None
    path: Path | None = None  # the module's file in the project, for a module of the site's own

    @property
    def standard_name(self) -> str | None:
        """Its short name when it is one of Python-Markdown's own ('toc'), else None."""
        head, dot, short = self.module.rpartition(".")
        return short if dot and head == STANDARD_PACKAGE else None


def registered() -> dict[str, str]:
    """The names in the markdown.extensions entry-point group, each with its 'module:attribute' (metadata only)."""
    found: dict[str, str] = {}
    for entry in sorted(importlib.metadata.entry_points(group=ENTRY_POINT_GROUP), key=lambda e: (e.name, e.value)):
        found.setdefault(entry.name, entry.value)
    return found


def extension_packages() -> list[str]:
    """Top-level packages of installed distributions that register an extension or require Python-Markdown.

    Reading every distribution's metadata takes tens of milliseconds, so the answer is kept for as long as
    sys.path stays the same (a rebuild of the preview, each worker's converter).
    """
    return list(_extension_packages(tuple(sys.path)))


@functools.lru_cache(maxsize=4)
def _extension_packages(path: tuple[str, ...]) -> tuple[str, ...]:
    tops = {value.partition(":")[0].split(".")[0] for value in registered().values()}
    providers = importlib.metadata.packages_distributions()
    markdown_users = {
        _normal(dist.metadata["Name"] or "") for dist in importlib.metadata.distributions() if _needs_markdown(dist)
    }
    for top, dists in providers.items():
        names = {_normal(d) for d in dists}
        if markdown_users & names and OWN_PACKAGE not in names:
            tops.add(top)
    return tuple(sorted(top for top in tops if IDENTIFIER.match(top) and not top.startswith("_") and top != "markdown"))


def _normal(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def _needs_markdown(dist: importlib.metadata.Distribution) -> bool:
    for requirement in dist.requires or []:
        match = REQUIREMENT_NAME.match(requirement)
        if match and _normal(match.group(1)) == "markdown" and "extra ==" not in requirement:
            return True
    return False


def resolve_name(name: str, root: Path) -> Resolved:
    """Where the named extension lives; NotAllowed or NotInstalled, with nothing imported, if it may not load."""
    module, _, attribute = name.partition(":")
    entry = registered().get(name) if not attribute else None
    if entry is not None:  # a registered name ('sane_lists'): its entry point says where it lives
        module, _, attribute = entry.partition(":")
    parts = module.split(".")
    if not all(IDENTIFIER.match(part) for part in parts) or (attribute and not IDENTIFIER.match(attribute)):
        raise NotAllowed(name)
    if "__main__" in parts:  # running a package's __main__ runs the program
        raise NotAllowed(name)
    own = _project_module(parts, root)
    if own is not None:
        if not _only_here(parts[0], root):  # loading it would replace the installed module of that name
            raise NotAllowed(name)
        return Resolved(module, attribute or None, own)
    if (root / parts[0]).exists() or (root / f"{parts[0]}.py").exists():
        raise NotAllowed(name)  # a project folder that holds no module of the site's (content/, _site/, …)
    if parts[0] == "markdown":
        if len(parts) != 3 or ".".join(parts[:2]) != STANDARD_PACKAGE:
            raise NotAllowed(name)
    elif parts[0] not in extension_packages():
        if importlib.util.find_spec(parts[0]) is None:  # a top-level name is looked up, not imported
            raise NotInstalled(name)
        raise NotAllowed(name)
    if importlib.util.find_spec(module) is None:  # imports the parent packages, which are allowed ones
        raise NotInstalled(name)
    return Resolved(module, attribute or None)


def _project_module(parts: list[str], root: Path) -> Path | None:
    """The file of the site's own module of that dotted name in the project folder, if there is one."""
    if parts[0] in NOT_CODE_FOLDERS or any(part.startswith(("_", ".")) for part in parts[:-1]):
        return None
    base = root.joinpath(*parts)
    for candidate in (base.with_suffix(".py"), base / "__init__.py"):
        if candidate.is_file() and _inside(candidate, root):
            return candidate
    return None


def _only_here(top: str, root: Path) -> bool:
    """Whether a top-level name is not also an installed module's (looked up, not imported)."""
    loaded = sys.modules.get(top)
    if loaded is not None and top in _LOADED:
        return True  # one this process loaded from a project (a test's, the preview's) is no installed one
    spec = loaded.__spec__ if loaded is not None else importlib.util.find_spec(top)
    origin = getattr(spec, "origin", None) if spec is not None else None
    if spec is None:
        return True
    return origin is not None and origin not in ("built-in", "frozen") and _inside(Path(origin), root)


def _inside(path: Path, root: Path) -> bool:
    try:
        path.resolve().relative_to(root.resolve())
    except (OSError, ValueError):
        return False
    return True


def load_extension(name: str, resolved: Resolved, options: dict[str, Any], root: Path) -> Extension:
    """Import the resolved module and build its extension with the options; TypeError if it offers none."""
    module = _import_own(resolved.module, root) if resolved.path else importlib.import_module(resolved.module)
    if resolved.attribute:
        found = vars(module).get(resolved.attribute)  # not getattr: a module-level __getattr__ is code
        if not (isinstance(found, type) and issubclass(found, Extension) and found is not Extension):
            raise NotAnExtension(f"'{resolved.attribute}' in {resolved.module} is not a markdown.Extension class")
        extension: object = found(**options)
    else:
        make = vars(module).get("makeExtension")
        if not inspect.isfunction(make):
            raise NotAnExtension(f"{resolved.module} has no makeExtension function")
        extension = make(**options)
    if not isinstance(extension, Extension):
        raise NotAnExtension(f"{resolved.module}.makeExtension did not return a markdown.Extension")
    return extension


class NotAnExtension(TypeError):
    """The module or object a name resolved to offers no Markdown extension; nothing of it was called."""


def _import_own(module: str, root: Path) -> ModuleType:
    """A module of the site's own, its top-level package found in the project folder alone."""
    top = module.split(".")[0]
    loaded = sys.modules.get(top)
    here = root / top
    origin = Path(getattr(loaded, "__file__", None) or "")
    if loaded is None or not _inside(origin, root):
        path = here / "__init__.py" if (here / "__init__.py").is_file() else here.with_suffix(".py")
        search = [str(here)] if path.name == "__init__.py" else None
        spec = importlib.util.spec_from_file_location(top, path, submodule_search_locations=search)
        if spec is None or spec.loader is None:
            raise NotAnExtension(f"{path.name} cannot be loaded as a Python module")
        for stale in [key for key in sys.modules if key.startswith(f"{top}.")]:
            del sys.modules[stale]  # submodules of another project's package of that name
        loaded = importlib.util.module_from_spec(spec)
        sys.modules[top] = loaded
        _LOADED.add(top)
        try:
            spec.loader.exec_module(loaded)
        except BaseException:
            sys.modules.pop(top, None)  # a module that failed is read again next time, to report it again
            raise
    return importlib.import_module(module) if "." in module else loaded
