"""Where the project and the output end: which inputs the build may read, and which outputs it may delete.

Inputs are resolved and must stay inside the project; only regular files are opened. Outputs are deleted
only when they are plain files inside the output folder, reached through no symlink.
"""

from __future__ import annotations

import stat
from pathlib import Path, PurePosixPath

from sitegen.errors import SiteError


def refusal(path: str, mode: int) -> SiteError | None:
    """Why an input that is not a regular file cannot be read (reading a named pipe would wait forever)."""
    if stat.S_ISREG(mode) or stat.S_ISDIR(mode):
        return None
    kind = "a named pipe (FIFO)" if stat.S_ISFIFO(mode) else "a socket" if stat.S_ISSOCK(mode) else "a device"
    return SiteError(f"this is {kind}, not a regular file; replace it with a file, or remove it", path)


def link_refusal(path: str, target: str, root: Path) -> SiteError | None:
    """Why a symlink cannot be an input: it resolves outside the project (a folder's files would be published)."""
    try:
        resolved = Path(target).resolve()
    except (OSError, RuntimeError):
        return None  # a loop or a missing target: reading it reports what is wrong
    if resolved.is_relative_to(root):
        return None
    what = "folder" if resolved.is_dir() else "file"
    return SiteError(f"symlink points outside the project; copy the {what} in instead", path)


def inside_name(rel: str) -> bool:
    """Whether rel is a '/'-separated relative path that stays inside its folder."""
    pure = PurePosixPath(rel)
    return bool(pure.parts) and not pure.is_absolute() and ".." not in pure.parts and "\0" not in rel


def owned_file(folder: Path, rel: str) -> Path | None:
    """The file rel names under folder when the generator may delete it: a plain file inside folder,
    reached through no symlinked folder; None for anything else (a symlink, a folder, a path leading out)."""
    if not inside_name(rel):
        return None
    path = folder.joinpath(*PurePosixPath(rel).parts)
    try:
        if not stat.S_ISREG(path.lstat().st_mode):
            return None
        if path.parent.resolve() != folder.resolve().joinpath(*PurePosixPath(rel).parts[:-1]):
            return None  # a folder on the way is a symlink: the file is somewhere else
    except (OSError, RuntimeError):
        return None
    return path
