"""Finding files: one fast folder walk (os.scandir, not pathlib: its overhead shows at 10,000 files), and the sources."""

from __future__ import annotations

import errno
import os
from collections.abc import Iterator
from pathlib import Path

from citesite.errors import Problems

# Folders of the project that hold no code of the site's: what editors change (and the build writes elsewhere).
NOT_CODE_FOLDERS = frozenset({"content", "templates", "static"})


def walk(top: str, *, skip_hidden: bool, skip_unreadable: bool) -> Iterator[tuple[str, os.DirEntry[str]]]:
    """(relative '/'-path, entry) of everything under top; real folders are entered, symlinked ones are not."""
    stack = [("", top)]
    while stack:
        prefix, folder = stack.pop()
        try:
            entries = list(os.scandir(folder))
        except OSError:
            if skip_unreadable:
                continue
            raise
        for entry in entries:
            if skip_hidden and entry.name.startswith("."):
                continue  # hidden files and folders (editor swap files, .git) are not sources
            rel = prefix + entry.name
            if entry.is_dir(follow_symlinks=False):
                stack.append((rel + "/", entry.path))
            yield rel, entry


MarkdownEntry = tuple[str, bool, bool]  # (relative path, is a symlink, is a folder)


def markdown_entry(rel: str, entry: os.DirEntry[str]) -> MarkdownEntry:
    """What discovering sources needs to know of a '*.md' name."""
    try:
        is_dir = entry.is_dir()
    except OSError:
        is_dir = False  # unreadable: reading it as a source reports why
    return rel, entry.is_symlink(), is_dir


def discover_sources(content_dir: Path, problems: Problems, listing: list[MarkdownEntry] | None = None) -> list[str]:
    """The content-relative '/'-path of every .md file under content_dir, sorted (links leaving the project refused).

    listing: the '*.md' names a walk over content_dir already found (citesite.incremental.cache.scan_inputs), if any.
    """
    if listing is None:
        # os.scandir, not Path.rglob: at 10,000 sources pathlib's overhead is a third of a rebuild.
        listing = [
            markdown_entry(rel, entry)
            for rel, entry in walk(str(content_dir), skip_hidden=True, skip_unreadable=True)
            if entry.name.endswith(".md")
        ]
    found: list[str] = []
    root = content_dir.resolve()
    for rel, is_link, is_dir in sorted(listing, key=lambda item: item[0].split("/")):
        if not _utf8_name(rel):
            shown = f"content/{rel}".encode("utf-8", "backslashreplace").decode("utf-8")
            problems.error("the file name is not UTF-8; rename it (letters, digits and '-' are safest)", shown)
            continue
        link_problem = symlink_problem(content_dir / rel, root.parent) if is_link else None
        if link_problem:
            problems.error(link_problem, f"content/{rel}")
            continue
        if is_dir:
            problems.error("a folder is named like a Markdown file; rename it", f"content/{rel}")
            continue
        found.append(rel)
    return found


def symlink_problem(path: Path, project: Path) -> str | None:
    """Why a symlink cannot be used as a source (a loop, a missing target, a target outside project), or None."""
    try:
        target = path.resolve(strict=True)
    except RuntimeError:
        return "symlink loop: the link leads back to itself; replace it with the file"
    except FileNotFoundError:
        return "symlink to a file that does not exist; fix the link or remove it"
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            return "symlink loop: the link leads back to itself; replace it with the file"
        return None  # reading it will report what is wrong
    if not target.is_relative_to(project.resolve()):
        return "symlink points outside the project; copy the file in instead"
    return None


def _utf8_name(name: str) -> bool:
    try:
        name.encode("utf-8")
    except UnicodeEncodeError:  # undecodable bytes in a file name arrive as lone surrogates
        return False
    return True


def site_code(root: Path) -> list[Path]:
    """The site's own Python files, where its Markdown extensions may be: at the top of the project and in its
    package folders (not in NOT_CODE_FOLDERS, nor one starting with '_' or '.'), found by their names alone."""
    if not root.is_dir():
        return []
    files = sorted(root.glob("*.py"))
    for folder in sorted(p for p in root.iterdir() if (p / "__init__.py").is_file() and not p.is_symlink()):
        if folder.name not in NOT_CODE_FOLDERS and not folder.name.startswith(("_", ".")):
            files.extend(sorted(folder.rglob("*.py")))
    return files
