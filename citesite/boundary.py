"""Where the project and the output end: which inputs the build may read, and which outputs it may delete.

Inputs are resolved and must stay inside the project; only regular files are opened. Outputs are deleted
only when they are plain files inside the output folder, reached through no symlink. The manifest (what
the generator wrote, so may delete), where --out may point, and how a failed write names the output
folder are decided here too.
"""

from __future__ import annotations

import contextlib
import errno
import json
import os
import stat
from pathlib import Path, PurePosixPath

from citesite.errors import WARNING, SiteError, SiteErrors, UsageError
from citesite.source.walk import walk

MANIFEST = ".citesite-manifest.json"  # lists every file the generator wrote; marks the folder as its own
GENERATOR = "citesite"


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


def resolves_inside(folder: Path, root: Path) -> bool:
    """Whether folder, with every symlink on the way followed, is inside root."""
    try:
        return folder.resolve().is_relative_to(root.resolve())
    except (OSError, RuntimeError):  # a symlink loop
        return False


def check_output_dir(root: Path, out: Path, scan_foreign: bool = True) -> None:
    """Refuse an output folder whose replacement could destroy the project or someone's files."""
    root, out = root.resolve(), out.resolve()
    if out == root:
        raise UsageError(f"refusing to write the site into the project folder itself ({out}); use --out _site")
    if root.is_relative_to(out):
        raise UsageError(
            f"refusing to write the site into {out}: it contains the project; choose a folder inside the project such as _site"
        )
    for name in ("content", "templates", "static", "citesite", "tests", ".git"):
        if out.is_relative_to(root / name):
            raise UsageError(f"refusing to write the site into {name}/ ({out}): it holds sources; use --out _site")
    if out.exists() and not out.is_dir():
        raise UsageError(f"--out {out} is a file, not a folder; choose a folder name")
    if scan_foreign and out.is_dir() and any(out.iterdir()):
        owned = read_manifest(out)
        if owned is None:
            raise UsageError(
                f"refusing to replace {out}: it is not empty and was not created by this generator; "
                "choose an empty or new folder"
            )
        foreign = sorted(
            str(p.relative_to(out))
            for p in out.rglob("*")
            if not p.is_dir() and p.relative_to(out).as_posix() not in owned
        )
        if foreign:
            shown = ", ".join(foreign[:5]) + (" …" if len(foreign) > 5 else "")
            raise UsageError(
                f"refusing to replace {out}: it holds files this generator did not write ({shown}); "
                "move them to static/ so every build copies them"
            )


def _walk_files(folder: Path) -> list[str]:
    """Every file under folder (hidden ones too) as a '/'-separated relative path."""
    walked = walk(str(folder), skip_hidden=False, skip_unreadable=False)
    return [rel for rel, entry in walked if not entry.is_dir(follow_symlinks=False)]


def read_manifest(folder: Path) -> set[str] | None:
    """The files a previous build recorded as its own, or None when the folder is not ours."""
    entries = read_manifest_entries(folder)
    return None if entries is None else entries[0]


def read_manifest_entries(folder: Path) -> tuple[set[str], list[str]] | None:
    """(entries that name a path inside folder, entries that do not), or None when the folder is not ours.

    The manifest lives in the output folder, where deploy steps and other tools can write: it is input,
    so an entry that names an absolute path, leaves the folder or is not text is never acted on.
    """
    try:
        data = json.loads((folder / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if not isinstance(data, dict) or data.get("generator") != GENERATOR or not isinstance(data.get("files"), list):
        return None
    owned: set[str] = {MANIFEST}
    rejected: list[str] = []
    for entry in data["files"]:
        if isinstance(entry, str) and inside_name(entry):
            owned.add(entry)
        else:
            rejected.append(str(entry))
    return owned, sorted(rejected)


def ignored_entry(out: Path, rel: str) -> SiteError:
    """The warning for a manifest entry the generator will not delete."""
    return SiteError(
        f"ignored the entry {rel!r}: it is not a plain file inside the output folder, so this generator did not "
        "write it and will not delete it; remove the entry, or delete the output folder and build again",
        output_of(out) / MANIFEST,
        level=WARNING,
    )


def output_of(folder: Path) -> Path:
    """The output folder a temporary or staging folder belongs to: messages name the output, not the temp."""
    name = folder.name
    if name.startswith(".") and ".tmp-" in name:  # OutputWriter's '.<out>.tmp-<pid>' beside the output
        return folder.parent / name[1 : name.rindex(".tmp-")]
    for suffix in (".staging", ".search"):  # IncrementalWriter's staging and the search side folder, beside it
        if name.startswith(".") and name.endswith(suffix):
            return folder.parent / name[1 : -len(suffix)]
    return folder


def write_manifest(folder: Path, files: list[str]) -> None:
    """Record (atomically) the files the generator wrote into folder."""
    manifest = {"generator": GENERATOR, "files": sorted(files)}
    tmp = folder / (MANIFEST + ".tmp")
    tmp.write_text(json.dumps(manifest, indent=1) + "\n", encoding="utf-8")
    tmp.replace(folder / MANIFEST)


def remove_owned(folder: Path, owned: set[str]) -> list[str]:
    """Delete the files listed in owned from folder, then empty folders; keep anything else.

    Only plain files inside folder are deleted (owned_file); the entries that name anything else are
    returned, so the caller can say so.
    """
    ignored: list[str] = []
    for rel in sorted(owned):
        path = owned_file(folder, rel)
        if path is not None:
            path.unlink()
        elif os.path.lexists(folder / rel) if inside_name(rel) else True:
            ignored.append(rel)
    for path in sorted((p for p in folder.rglob("*") if p.is_dir()), key=lambda p: len(p.parts), reverse=True):
        with contextlib.suppress(OSError):  # a folder that still holds someone's file stays
            path.rmdir()
    with contextlib.suppress(OSError):
        folder.rmdir()
    return ignored


def cannot_write(folder: Path, rel: str, exc: OSError) -> SiteErrors:
    """A full, read-only or forbidden disk as one clear problem naming the output folder, not a traceback."""
    reason = (exc.strerror or str(exc)).lower()
    advice = _WRITE_ADVICE.get(exc.errno or 0, "check the disk, then build again")
    return SiteErrors([SiteError(f"cannot write {rel}: {reason}; {advice}", output_of(folder))])


_WRITE_ADVICE = {
    errno.ENOSPC: "free some disk space, then build again",
    errno.EDQUOT: "free some disk space, then build again",
    errno.EROFS: "build into a writable folder with --out",
    errno.EACCES: "check the folder's permissions, or build into another folder with --out",
    errno.EPERM: "check the folder's permissions, or build into another folder with --out",
    errno.ENAMETOOLONG: "shorten the page's slug or file name",
    # A file or a broken symlink where a folder must be (say .cache for the preview): it is not ours to remove.
    errno.ENOTDIR: "a file is where a folder must be on that path; move or delete it",
    errno.EEXIST: "a file or a broken link is where a folder must be on that path; move or delete it",
}
