"""Safe output: build into a temporary folder beside the output, swap it in only on success,
and never delete a file the generator did not write."""

from __future__ import annotations

import contextlib
import errno
import os
import shutil
from pathlib import Path, PurePosixPath
from typing import Protocol

from citesite.boundary import (
    MANIFEST,
    cannot_write,
    ignored_entry,
    read_manifest_entries,
    remove_owned,
    write_manifest,
)
from citesite.errors import SiteError, SiteErrors

BUILDING = ".citesite-building"  # marks a temporary build folder
_RENAME_EXCHANGE = 2


HELD_LOCKS: set[int] = set()  # lock descriptors of this process; forked workers close their copies


class OutputLock:
    """An exclusive lock beside the output folder, so two builds never write it at once."""

    def __init__(self, out: Path) -> None:
        self.path = out.parent / f".{out.name}.lock"
        self.name = out.name
        self._fd: int | None = None

    def acquire(self) -> None:
        """Take the lock, or fail at once with a clear message."""
        import fcntl

        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o644)
        except OSError as exc:
            raise cannot_write(self.path.parent / self.name, f"into {self.path.parent}", exc) from None
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            os.close(fd)
            message = f"another build is writing {self.name}/ right now; wait for it to finish and try again"
            raise SiteErrors([SiteError(message)]) from None
        self._fd = fd
        HELD_LOCKS.add(fd)

    def release(self) -> None:
        """Let the next build in."""
        if self._fd is not None:
            HELD_LOCKS.discard(self._fd)
            os.close(self._fd)
            self._fd = None


class Writer(Protocol):
    """Where a build's files go until commit(): the one interface of full, incremental and no writes (a check)."""

    out: Path
    files: list[str]  # every file the output will hold, written now or kept
    in_place: bool  # only changed files are written, into the live output, which stays readable meanwhile
    warnings: list[SiteError]  # manifest entries of the previous output that were not acted on

    def pages_folder(self) -> Path | None:
        """Where worker processes write pages before commit; None: pages are checked, not written."""
        raise NotImplementedError

    def start(self) -> None:
        """Prepare the folder new files are written into."""

    def write(self, rel: str, data: bytes) -> None:
        """Write one output file."""

    def copy(self, source: Path, rel: str) -> None:
        """Copy one static file into the output."""

    def adopt(self, rel: str) -> None:
        """Record a file a worker process wrote into tmp."""

    def keep(self, rel: str) -> None:
        """Keep an output file of the last build as it is."""

    def folders(self) -> list[Path]:
        """Where an output file can be read back before commit, newest first."""
        raise NotImplementedError

    def commit(self) -> None:
        """Put the new output in place."""

    def abort(self) -> None:
        """Throw away what was written; the previous output is untouched."""


class StagingWriter(Writer, Protocol):
    """A Writer that puts every new file in a folder of its own until commit (the search index is built there)."""

    tmp: Path


class NullWriter:
    """A Writer that writes nothing: a check is the build through it, so it reports what a build reports."""

    in_place = False

    def __init__(self, out: Path) -> None:
        self.out = out  # where a build would write; never touched
        self.files: list[str] = []
        self.warnings: list[SiteError] = []

    def pages_folder(self) -> Path | None:
        """None: workers render and check every page, collect its ids, and drop its HTML."""
        return None

    def start(self) -> None:
        """Nothing to prepare."""

    def write(self, rel: str, data: bytes) -> None:
        """Count the file; write nothing."""
        self.files.append(rel)

    def copy(self, source: Path, rel: str) -> None:
        """Count the file; copy nothing."""
        self.files.append(rel)

    def adopt(self, rel: str) -> None:
        """Count the file (no worker wrote it: pages_folder is None)."""
        self.files.append(rel)

    def keep(self, rel: str) -> None:
        """Count the file; the output is not read."""
        self.files.append(rel)

    def folders(self) -> list[Path]:
        """No page is written, so every page's ids were collected as it was built."""
        return []

    def commit(self) -> None:
        """Nothing to put in place."""

    def abort(self) -> None:
        """Nothing to throw away."""


class OutputWriter:
    """Writes one build into a temporary folder, then swaps it in place of the output."""

    in_place = False

    def __init__(self, out: Path) -> None:
        self.out = out.resolve()
        self.tmp = self.out.parent / f".{self.out.name}.tmp-{os.getpid()}"
        self.files: list[str] = []
        self.warnings: list[SiteError] = []  # manifest entries of the previous site that were not acted on

    def start(self) -> None:
        """Create the temporary folder (the caller holds the lock and has cleared stale ones)."""
        try:
            self.out.parent.mkdir(parents=True, exist_ok=True)
            self.tmp.mkdir()
            (self.tmp / BUILDING).write_text("", encoding="utf-8")
        except OSError as exc:
            raise cannot_write(self.out, f"into {self.out.parent}", exc) from None

    def write(self, rel: str, data: bytes) -> None:
        """Write one output file (rel is a site-relative path that must stay inside the output)."""
        write_into(self.tmp, rel, data)
        self.files.append(rel)

    def adopt(self, rel: str) -> None:
        """Record a file that a worker process wrote into the temporary folder."""
        self.files.append(rel)

    def copy(self, source: Path, rel: str) -> None:
        """Copy one static file into the output."""
        target = self._target(rel)
        try:
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(source, target)
        except OSError as exc:
            raise cannot_write(self.tmp, rel, exc) from None
        self.files.append(rel)

    def keep(self, rel: str) -> None:
        """Carry a file of the last output into the new one (a full build replaces the whole folder)."""
        self.copy(target_in(self.out, rel), rel)

    def pages_folder(self) -> Path | None:
        """Worker processes write pages into the temporary folder."""
        return self.tmp

    def folders(self) -> list[Path]:
        """Every file of this build is in the temporary folder."""
        return [self.tmp]

    def _target(self, rel: str) -> Path:
        return target_in(self.tmp, rel)

    def commit(self) -> None:
        """Record what was written, then put the new site in place of the old one."""
        try:
            write_manifest(self.tmp, sorted(self.files))
        except OSError as exc:
            raise cannot_write(self.tmp, MANIFEST, exc) from None
        (self.tmp / BUILDING).unlink()
        entries = read_manifest_entries(self.out) if self.out.exists() else None
        old_files = entries[0] if entries else (set() if self.out.exists() else None)
        ignored = entries[1] if entries else []
        try:
            if old_files is not None:
                swap_folders(self.tmp, self.out)
            else:
                self.tmp.rename(self.out)
        except OSError as exc:
            (self.tmp / BUILDING).touch()  # not swapped in: marked, so abort() (or the next build) removes it
            raise cannot_write(self.out, f"into {self.out.parent}", exc) from None
        if old_files is not None:
            # self.tmp now holds the previous site: marked, so a removal cut short is finished by the next build
            (self.tmp / BUILDING).touch()
            ignored += remove_owned(self.tmp, old_files)
            (self.tmp / BUILDING).unlink()
            with contextlib.suppress(OSError):
                self.tmp.rmdir()
        self.warnings = [ignored_entry(self.out, rel) for rel in sorted(set(ignored))]

    def abort(self) -> None:
        """Throw the temporary folder away; the previous output is untouched."""
        if self.tmp.exists() and (self.tmp / BUILDING).exists():
            shutil.rmtree(self.tmp, ignore_errors=True)


def clear_stale_builds(out: Path) -> None:
    """Remove temporary folders that killed builds left beside the output (only ones marked as ours)."""
    for stale in out.parent.glob(f".{out.name}.tmp-*"):
        if (stale / BUILDING).exists():
            shutil.rmtree(stale, ignore_errors=True)
        else:
            with contextlib.suppress(OSError):  # killed before its marker was written: empty, so rmdir takes it
                stale.rmdir()


def target_in(folder: Path, rel: str) -> Path:
    """The path of rel inside folder; a path that would leave the folder is refused."""
    pure = PurePosixPath(rel)
    if pure.is_absolute() or ".." in pure.parts or not pure.parts:
        raise SiteErrors([SiteError(f"refusing to write '{rel}' outside the output folder")])
    return folder.joinpath(*pure.parts)


def same_file(path: Path, data: bytes) -> bool:
    """Whether the file at path holds exactly data (a different size answers without reading it)."""
    try:
        return path.stat().st_size == len(data) and path.read_bytes() == data
    except OSError:
        return False


def write_into(folder: Path, rel: str, data: bytes) -> None:
    """Write one file under folder, creating its parent folders."""
    target = target_in(folder, rel)
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)
    except OSError as exc:
        raise cannot_write(folder, rel, exc) from None


def swap_folders(new: Path, old: Path) -> None:
    """Exchange two folders atomically where the OS can (Linux renameat2), else with two renames."""
    import ctypes  # here, not at the top: a rebuild that changed a few files never swaps, so it skips the import
    import ctypes.util

    libc_name = ctypes.util.find_library("c")
    if libc_name:
        libc = ctypes.CDLL(libc_name, use_errno=True)
        renameat2 = getattr(libc, "renameat2", None)
        if renameat2 is not None:
            at_fdcwd = -100
            if renameat2(at_fdcwd, os.fsencode(new), at_fdcwd, os.fsencode(old), _RENAME_EXCHANGE) == 0:
                return
            if ctypes.get_errno() not in (errno.EINVAL, errno.ENOSYS, errno.EPERM):
                raise OSError(ctypes.get_errno(), os.strerror(ctypes.get_errno()), str(old))
    parked = old.parent / f".{old.name}.old-{os.getpid()}"
    old.rename(parked)
    try:
        new.rename(old)
    except OSError:
        parked.rename(old)  # put the previous output back before reporting
        raise
    parked.rename(new)
