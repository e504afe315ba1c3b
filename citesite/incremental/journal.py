"""Incremental writes into an existing output: stage changed files, then apply them through a journal.

Files the write replaces or deletes are first set aside in a backup folder beside the output. A build
killed while applying leaves a journal that the next build replays first; a write that cannot be
completed (by this build or the next) is rolled back from the backup, so the output always ends up as
one complete build. Only plain files listed in the previous manifest are ever replaced or deleted.
"""

from __future__ import annotations

import contextlib
import errno
import json
import os
import shutil
from pathlib import Path

from citesite.boundary import (
    MANIFEST,
    cannot_write,
    ignored_entry,
    inside_name,
    owned_file,
    read_manifest_entries,
    write_manifest,
)
from citesite.errors import SiteError, SiteErrors
from citesite.write import same_file, target_in, write_into


def staging_dir(out: Path) -> Path:
    """Where changed files wait, beside the output (never inside it) and on the same file system."""
    return out.parent / f".{out.name}.staging"


def backup_dir(out: Path) -> Path:
    """Where the files an incremental write replaces or deletes wait until it is complete, for a rollback."""
    return out.parent / f".{out.name}.backup"


def index_side_dir(out: Path) -> Path:
    """Where a rebuild writes the new search index before swapping it in, beside the output."""
    return out.parent / f".{out.name}.search"


def journal_file(out: Path) -> Path:
    """The journal of an incremental write that has been decided but maybe not finished."""
    return out.parent / f".{out.name}.journal.json"


def recover(out: Path) -> bool:
    """Finish an interrupted incremental write, or roll it back when it cannot be finished; never fail.

    The journal and the folders beside the output are input like any other: a damaged or hostile
    journal can only lead to the previous site being restored. A file is moved in only from a real
    staging folder, and only files the previous site's manifest lists are replaced or deleted.
    Returns whether there was a journal.
    """
    journal = journal_file(out)
    staging, backup = staging_dir(out), backup_dir(out)
    found = journal.is_file() and not journal.is_symlink()
    if found:
        moves, deletes, added, roll_back = _read_journal(journal)
        owned = _owned_before(out, backup)
        moves = [rel for rel in moves if rel in owned or not os.path.lexists(out / rel)]
        deletes = [rel for rel in deletes if rel in owned]
        try:
            if roll_back or staging.is_symlink() or backup.is_symlink():
                raise OSError(errno.ECANCELED, "the write was being rolled back")
            _apply(out, staging, backup, moves, deletes)
        except (OSError, SiteErrors):
            _roll_back(out, staging, backup, added)
        with contextlib.suppress(OSError):
            journal.unlink()
    # A backup without a journal is left from a write that was complete or fully rolled back: not needed.
    # A search index beside the output is from a build killed while indexing: the output still lists the
    # index it serves (citesite.search.reindex_live), and the next build that indexes writes a new one.
    for folder in (staging, backup, index_side_dir(out)):
        _remove_folder(folder)
    return found


def output_complete(out: Path) -> bool:
    """Whether every file the output's manifest lists is there (no manifest: nothing to say otherwise)."""
    entries = read_manifest_entries(out)
    return entries is None or all(owned_file(out, rel) is not None for rel in entries[0])


def _owned_before(out: Path, backup: Path) -> set[str]:
    """The files the output's manifest lists, and the one set aside in the backup (the previous site's)."""
    owned: set[str] = set()
    for folder in (out, backup):
        entries = read_manifest_entries(folder) if folder.is_dir() and not folder.is_symlink() else None
        if entries:
            owned |= entries[0]
    return owned


def _remove_folder(folder: Path) -> None:
    """Remove a folder of ours beside the output; a symlink in its place is removed, not followed."""
    if folder.is_symlink():
        folder.unlink()
    elif folder.exists():
        shutil.rmtree(folder, ignore_errors=True)


def _write_journal(journal: Path, plan: dict[str, object]) -> None:
    """Write the journal atomically and durably: a crash leaves the old journal or the new one."""
    tmp_journal = journal.with_name(journal.name + ".tmp")
    with tmp_journal.open("w", encoding="utf-8") as handle:
        json.dump(plan, handle)
        handle.flush()
        os.fsync(handle.fileno())
    tmp_journal.replace(journal)


def _read_journal(journal: Path) -> tuple[list[str], list[str], list[str], bool]:
    """The moves, deletions and new files a journal lists (only paths that stay inside the output), and
    whether the write was being rolled back (a damaged journal is rolled back)."""
    try:
        plan = json.loads(journal.read_text(encoding="utf-8"))
    except (OSError, ValueError, RecursionError):  # RecursionError: '[[[[…' nested past what json can read
        return [], [], [], True
    if not isinstance(plan, dict):
        return [], [], [], True
    lists = [plan.get(key) for key in ("moves", "deletes", "added")]
    moves, deletes, added = (
        [rel for rel in items if isinstance(rel, str) and inside_name(rel)] if isinstance(items, list) else []
        for items in lists
    )
    return moves, deletes, added, plan.get("roll_back") is True


def _set_aside(out: Path, backup: Path, rel: str) -> None:
    """Move the output's current file at rel into the backup (nothing to do when there is none)."""
    target = target_in(out, rel)
    if not os.path.lexists(target):
        return
    if owned_file(out, rel) is None:  # a folder, a symlink, or reached through one: not ours to replace
        raise OSError(errno.EEXIST, "a folder or link is in the way", str(target))
    kept = target_in(backup, rel)
    kept.parent.mkdir(parents=True, exist_ok=True)
    target.replace(kept)


def _apply(out: Path, staging: Path, backup: Path, moves: list[str], deletes: list[str]) -> None:
    """Put every staged file in place and set every deleted one aside; the old files wait in backup."""
    for rel in [*moves, *deletes]:
        if target_in(out, rel).parent.resolve() != out.resolve().joinpath(*rel.split("/")[:-1]):
            raise OSError(errno.EXDEV, "a folder on the way is a link out of the output", rel)
    for rel in moves:
        source = owned_file(staging, rel)  # a plain file in the staging folder, reached through no link
        if source is not None:
            _set_aside(out, backup, rel)
            target = target_in(out, rel)
            target.parent.mkdir(parents=True, exist_ok=True)
            source.replace(target)
    for rel in deletes:
        _set_aside(out, backup, rel)
    for rel in deletes:
        parent = target_in(out, rel).parent
        while parent != out:
            try:
                parent.rmdir()
            except OSError:
                break
            parent = parent.parent


def _roll_back(out: Path, staging: Path, backup: Path, added: list[str]) -> None:
    """Put the previous site back: new files moved in are removed, files set aside return (best effort)."""
    for rel in added:
        if not (staging / rel).exists():
            path = owned_file(out, rel)  # moved in where the previous site had nothing
            if path is not None:
                path.unlink()
    if not backup.is_dir() or backup.is_symlink():
        return
    for kept in sorted(p for p in backup.rglob("*") if p.is_file() and not p.is_symlink()):
        rel = kept.relative_to(backup).as_posix()
        with contextlib.suppress(OSError, SiteErrors):
            target = target_in(out, rel)
            if os.path.lexists(target) and owned_file(out, rel) is None:
                continue  # something that is not a plain file took its place: leave both alone
            target.parent.mkdir(parents=True, exist_ok=True)
            kept.replace(target)


class IncrementalWriter:
    """A Writer (citesite.write) that writes only changed files, in place, via a journal."""

    in_place = True

    def __init__(self, out: Path, owned: set[str]) -> None:
        self.out = out.resolve()
        self.tmp = staging_dir(self.out)  # workers write here, as they write into OutputWriter.tmp
        self.owned = owned
        self.files: list[str] = []
        self.warnings: list[SiteError] = []  # manifest entries of the previous site that were not acted on

    def start(self) -> None:
        """Finish any interrupted write and create the staging folder (the caller holds the lock)."""
        try:
            recover(self.out)
            self.tmp.mkdir()
        except OSError as exc:
            raise cannot_write(self.out, self.tmp.name, exc) from None

    def write(self, rel: str, data: bytes) -> None:
        """Stage a file unless the output already holds exactly these bytes."""
        self.files.append(rel)
        if rel in self.owned and same_file(target_in(self.out, rel), data):
            return
        write_into(self.tmp, rel, data)

    def copy(self, source: Path, rel: str) -> None:
        """Stage a static file unless the output already holds the same content."""
        self.write(rel, source.read_bytes())

    def adopt(self, rel: str) -> None:
        """Record a file that a worker wrote into the staging folder."""
        self.files.append(rel)

    def keep(self, rel: str) -> None:
        """Record an output that is already current."""
        self.files.append(rel)

    def pages_folder(self) -> Path | None:
        """Worker processes write changed pages into the staging folder."""
        return self.tmp

    def folders(self) -> list[Path]:
        """A changed file is staged; an unchanged one is in the output."""
        return [self.tmp, self.out]

    def commit(self) -> None:
        """Apply the staged files and deletions through the journal."""
        keep = set(self.files)
        entries = read_manifest_entries(self.out)
        ignored = entries[1] if entries else []
        deletes = []
        for rel in sorted(self.owned - keep - {MANIFEST}):
            if owned_file(self.out, rel) is not None:
                deletes.append(rel)
            elif os.path.lexists(self.out / rel):
                ignored.append(rel)  # a folder, or a link: never the generator's to delete
        self.warnings = [ignored_entry(self.out, rel) for rel in sorted(set(ignored))]
        journal = journal_file(self.out)
        backup = backup_dir(self.out)
        added: list[str] = []
        try:
            write_manifest(self.tmp, sorted(keep))
            staged = sorted(p.relative_to(self.tmp).as_posix() for p in self.tmp.rglob("*") if p.is_file())
            # The manifest goes in last: until it does, the output still says it holds the previous build.
            moves = [rel for rel in staged if rel != MANIFEST] + [MANIFEST]
            added = [rel for rel in moves if not os.path.lexists(self.out / rel)]
            _write_journal(journal, {"moves": moves, "deletes": deletes, "added": added})
            # From here on, the change is completed or rolled back, never left half done.
            _apply(self.out, self.tmp, backup, moves, deletes)
        except BaseException as exc:  # a full disk, or Ctrl-C: put the previous site back (a kill leaves the journal)
            if journal.exists():
                with contextlib.suppress(OSError):  # a build killed while rolling back rolls back again
                    _write_journal(journal, {"roll_back": True, "added": added})
                _roll_back(self.out, self.tmp, backup, added)
                journal.unlink(missing_ok=True)
            _remove_folder(backup)
            if isinstance(exc, OSError):
                raise cannot_write(self.out, journal.name, exc) from None
            raise
        _remove_folder(backup)  # before the journal: while it exists, the backup is still needed or harmless
        journal.unlink()
        shutil.rmtree(self.tmp, ignore_errors=True)

    def abort(self) -> None:
        """Throw the staged files away; the output is untouched."""
        if self.tmp.exists() and not journal_file(self.out).exists():
            shutil.rmtree(self.tmp, ignore_errors=True)
