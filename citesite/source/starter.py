"""`citesite init DIR`: write a small, neutral, working site from the starter files in the package."""

from __future__ import annotations

from pathlib import Path

from citesite import __version__
from citesite.errors import UsageError

SCAFFOLD_DIR = Path(__file__).resolve().parent.parent / "scaffold"
# Dot files are stored under visible names, so no packaging step can leave them out.
DOT_PREFIX = "dot-"
EMPTY_FOLDERS = ("templates", "static")  # where the site's overrides of the theme go
VERSION_MARK = "@VERSION@"  # in requirements.txt: the starter pins the generator that wrote it


def scaffold_files() -> list[tuple[Path, str]]:
    """Every starter file: (source in the package, path in the new site), sorted."""
    found = []
    for path in sorted(SCAFFOLD_DIR.rglob("*")):
        if path.is_file() and "__pycache__" not in path.parts:
            parts = path.relative_to(SCAFFOLD_DIR).parts
            shown = [("." + part[len(DOT_PREFIX) :]) if part.startswith(DOT_PREFIX) else part for part in parts]
            found.append((path, "/".join(shown)))
    return found


def create_site(target: Path) -> list[str]:
    """Write the starter site into target (missing, empty, or holding only .git); return the files written."""
    written = []
    try:
        check_target(target)
        for source, rel in scaffold_files():
            dest = target / rel
            dest.parent.mkdir(parents=True, exist_ok=True)
            with dest.open("x", encoding="utf-8", newline="\n") as handle:  # 'x': never overwrite
                handle.write(source.read_text(encoding="utf-8").replace(VERSION_MARK, __version__))
            written.append(rel)
        for name in EMPTY_FOLDERS:
            (target / name).mkdir(exist_ok=True)
    except OSError as exc:
        raise UsageError(f"cannot write the new site into {target}: {_reason(exc)}; choose another folder") from None
    return written


# What may already be in the folder: a repository made first ('git init my-site', then 'citesite init my-site').
KEPT_ENTRIES = frozenset({".git"})


def check_target(target: Path) -> None:
    """UsageError unless target can take a new site: missing, or a folder holding nothing but .git."""
    if target.is_symlink() and not target.exists():
        raise UsageError(f"{target} is a symlink to something that does not exist; choose a new or empty folder")
    for parent in target.parents:
        if parent.exists() and not parent.is_dir():
            raise UsageError(f"{target} cannot be made: {parent} is a file, not a folder; choose a new or empty folder")
        if parent.is_symlink() and not parent.exists():
            raise UsageError(f"{target} cannot be made: {parent} is a symlink to something that does not exist")
    if target.exists() and not target.is_dir():
        raise UsageError(f"{target} is a file; choose a new or empty folder")
    if not target.is_dir():
        return
    try:
        entries = [entry.name for entry in target.iterdir()]
    except OSError as exc:
        raise UsageError(f"cannot read {target}: {_reason(exc)}; choose a new or empty folder") from None
    if set(entries) - KEPT_ENTRIES:
        raise UsageError(f"{target} is not empty; choose a new or empty folder, so nothing is overwritten")


def _reason(exc: OSError) -> str:
    return (exc.strerror or type(exc).__name__).lower()
