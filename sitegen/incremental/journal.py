"""Incremental writes into an existing output: stage changed files, then apply them through a journal.

A build killed while applying leaves a journal that the next build replays first, so the output always
ends up as one complete build. Only files listed in the previous manifest are ever deleted.
"""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

from sitegen.write import MANIFEST, cannot_write, same_file, target_in, write_into, write_manifest


def staging_dir(out: Path) -> Path:
    """Where changed files wait, beside the output (never inside it) and on the same file system."""
    return out.parent / f".{out.name}.staging"


def journal_file(out: Path) -> Path:
    """The journal of an incremental write that has been decided but maybe not finished."""
    return out.parent / f".{out.name}.journal.json"


def recover(out: Path) -> None:
    """Finish an interrupted incremental write (or throw away one that never reached its journal)."""
    journal = journal_file(out)
    staging = staging_dir(out)
    if journal.is_file():
        try:
            plan = json.loads(journal.read_text(encoding="utf-8"))
        except ValueError:
            plan = {"moves": [], "deletes": []}
        _apply(out, staging, plan.get("moves", []), plan.get("deletes", []))
        journal.unlink()
    if staging.exists():
        shutil.rmtree(staging, ignore_errors=True)


def _apply(out: Path, staging: Path, moves: list[str], deletes: list[str]) -> None:
    for rel in moves:
        source = staging / rel
        if source.exists():
            target = target_in(out, rel)
            target.parent.mkdir(parents=True, exist_ok=True)
            source.replace(target)
    for rel in deletes:
        path = target_in(out, rel)
        path.unlink(missing_ok=True)
        parent = path.parent
        while parent != out:
            try:
                parent.rmdir()
            except OSError:
                break
            parent = parent.parent


class IncrementalWriter:
    """Same interface as OutputWriter, but only changed files are written, in place, via a journal."""

    def __init__(self, out: Path, owned: set[str]) -> None:
        self.out = out.resolve()
        self.tmp = staging_dir(self.out)  # workers write here, as they write into OutputWriter.tmp
        self.owned = owned
        self.files: list[str] = []

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

    def commit(self) -> None:
        """Apply the staged files and deletions through the journal."""
        keep = set(self.files)
        deletes = sorted(self.owned - keep - {MANIFEST})
        journal = journal_file(self.out)
        try:
            write_manifest(self.tmp, sorted(keep))
            moves = sorted(p.relative_to(self.tmp).as_posix() for p in self.tmp.rglob("*") if p.is_file())
            tmp_journal = journal.with_name(journal.name + ".tmp")
            with tmp_journal.open("w", encoding="utf-8") as handle:
                json.dump({"moves": moves, "deletes": deletes}, handle)
                handle.flush()
                os.fsync(handle.fileno())
            tmp_journal.replace(journal)  # from here on, the change is certain to be completed
            _apply(self.out, self.tmp, moves, deletes)
            journal.unlink()
        except OSError as exc:  # before the journal: nothing changed; after it: the next build finishes the job
            raise cannot_write(self.out, journal.name, exc) from None
        shutil.rmtree(self.tmp, ignore_errors=True)

    def abort(self) -> None:
        """Throw the staged files away; the output is untouched."""
        if self.tmp.exists() and not journal_file(self.out).exists():
            shutil.rmtree(self.tmp, ignore_errors=True)
