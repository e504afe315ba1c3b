"""Finding the static files: the site's static/ first, then the theme's, CSS and JS with content-hashed names."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path

from citesite.errors import Problems
from citesite.source.walk import symlink_problem

HASHED_SUFFIXES = {".css", ".js"}  # referenced through asset(): a changed file gets a new name


@dataclass(frozen=True)
class Asset:
    """One static file: where it is, its logical name and its published name."""

    source: Path
    name: str  # 'css/site.css', as templates ask for it
    dest: str  # 'css/site.3f9a1c2b.css', as it is published


def collect_assets(static_dir: Path, problems: Problems, theme_dir: Path | None = None) -> dict[str, Asset]:
    """Every file under static/, then the theme's files static/ does not replace; sorted, CSS and JS hashed."""
    assets = _collect(static_dir, problems)
    if theme_dir is not None:
        # The theme is part of the installed package, not of the site: its files are trusted as the code is.
        for name, asset in _collect(theme_dir, Problems()).items():
            assets.setdefault(name, asset)
    return dict(sorted(assets.items()))


def _collect(static_dir: Path, problems: Problems) -> dict[str, Asset]:
    """Every file under one static folder, with hashed names for CSS and JS."""
    assets: dict[str, Asset] = {}
    if not static_dir.is_dir():
        return assets
    root = static_dir.resolve()
    for path in sorted(static_dir.rglob("*")):
        rel = path.relative_to(static_dir).as_posix()
        if any(part.startswith(".") for part in path.relative_to(static_dir).parts) or path.is_dir():
            continue
        link_problem = symlink_problem(path, root.parent) if path.is_symlink() else None
        if link_problem:
            problems.error(link_problem, f"static/{rel}")
            continue
        dest = rel
        if path.suffix in HASHED_SUFFIXES:
            try:
                digest = hashlib.sha256(path.read_bytes()).hexdigest()[:8]
            except OSError as exc:
                problems.error(f"cannot read this file: {(exc.strerror or str(exc)).lower()}", f"static/{rel}")
                continue
            dest = f"{rel[: -len(path.suffix)]}.{digest}{path.suffix}"
        assets[rel] = Asset(path, rel, dest)
    return assets
