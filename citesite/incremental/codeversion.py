"""Which code a cache was made by: the same generator and libraries give the same version wherever installed.

A fresh checkout or a fresh `pip install` (every CI run) gives every file a new time, so a version made of
file times would throw the cache away on every run. The version is made of the files' contents instead; as
hashing them costs tens of milliseconds, it is worked out only when a file's size or time changed, and the
answer is remembered beside the cache under the sizes and times it was worked out for.
"""

from __future__ import annotations

import hashlib
import importlib.util
import json
import re
import sys
from pathlib import Path

from citesite import __version__
from citesite.incremental.cache import digest, file_stat, write_json
from citesite.source.walk import site_code

_PACKAGE = Path(__file__).resolve().parent.parent  # all of citesite, not only this package
LIBRARIES = ("markdown", "jinja2", "markupsafe", "yaml", "pyphen")
STAMPS = "code.versions"  # JSON, but not named .json: the states are the .json files here
KEPT = 8  # versions remembered: a few Pythons or checkouts sharing one cache
_VERSION = re.compile(r"[0-9a-f]{32}")


def code_version(folder: Path | None, root: Path | None = None) -> str:
    """Changes whenever the generator, its theme, a library it renders with or the site's own code changes.

    Found without importing any of them. folder: the cache folder, where versions are remembered (None: no
    cache, so the version is never compared); root: the project, whose own Markdown extensions count as code.
    """
    files = _code_files()
    own = sorted(site_code(root)) if root is not None else []
    origins = [(name, _origin(name)) for name in LIBRARIES]
    # A reinstalled library rewrites its module file too, so its size and time stand for the whole package.
    stamp = digest(
        __version__,
        sys.version,
        [(p.relative_to(_PACKAGE).as_posix(), *file_stat(p)) for p in files],
        [(name, str(origin), file_stat(origin) if origin else []) for name, origin in origins],
        [(p.relative_to(root).as_posix(), *file_stat(p)) for p in own] if root is not None else [],
    )
    if folder is None:
        return stamp
    known = _read_versions(folder / STAMPS)
    if stamp in known:
        return known[stamp]
    version = digest(
        __version__,
        sys.version,
        [(p.relative_to(_PACKAGE).as_posix(), _content(p)) for p in files],
        [(name, [(p.name, _content(p)) for p in _library_files(origin)]) for name, origin in origins],
        [(p.relative_to(root).as_posix(), _content(p)) for p in own] if root is not None else [],
    )
    kept = dict(list(known.items())[-(KEPT - 1) :])
    try:
        folder.mkdir(parents=True, exist_ok=True)
        write_json(folder / STAMPS, {**kept, stamp: version})
    except OSError:
        pass  # a cache that cannot be written is worked out again next time
    return version


def _code_files() -> list[Path]:
    # The theme's templates and static files count as code: a changed theme file changes every page.
    return sorted([*_PACKAGE.rglob("*.py"), *(p for p in (_PACKAGE / "theme").rglob("*") if p.is_file())])


def _origin(name: str) -> Path | None:
    """Where Python would import a library from, found without importing it."""
    spec = importlib.util.find_spec(name)
    return Path(spec.origin) if spec and spec.origin else None


def _library_files(origin: Path | None) -> list[Path]:
    """A library's module files: a package's whole folder of them."""
    if origin is None:
        return []
    return sorted(origin.parent.rglob("*.py")) if origin.name == "__init__.py" else [origin]


def _content(path: Path) -> str:
    try:
        return hashlib.sha256(path.read_bytes()).hexdigest()
    except OSError:
        return ""


def _read_versions(path: Path) -> dict[str, str]:
    """The remembered versions; anything but hashes is ignored (the cache is input like any other)."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    if not isinstance(data, dict):
        return {}
    return {k: v for k, v in data.items() if isinstance(v, str) and _VERSION.fullmatch(k) and _VERSION.fullmatch(v)}
