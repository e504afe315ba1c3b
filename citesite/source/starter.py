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
    """Write the starter site into target (missing or empty); return the files written, relative to it."""
    if target.exists() and not target.is_dir():
        raise UsageError(f"{target} is a file; choose a new or empty folder")
    if target.is_dir() and any(target.iterdir()):
        raise UsageError(f"{target} is not empty; choose a new or empty folder, so nothing is overwritten")
    written = []
    for source, rel in scaffold_files():
        dest = target / rel
        dest.parent.mkdir(parents=True, exist_ok=True)
        with dest.open("x", encoding="utf-8", newline="\n") as handle:  # 'x': never overwrite
            handle.write(source.read_text(encoding="utf-8").replace(VERSION_MARK, __version__))
        written.append(rel)
    for name in EMPTY_FOLDERS:
        (target / name).mkdir(exist_ok=True)
    return written
