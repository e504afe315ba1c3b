"""The search index: Pagefind, run over an already-written output folder (no network needed)."""

from __future__ import annotations

import importlib
import json
import os
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from citesite.boundary import MANIFEST, read_manifest, remove_owned, write_manifest
from citesite.errors import SiteError, SiteErrors
from citesite.incremental.journal import index_side_dir
from citesite.write import StagingWriter, swap_folders

BUNDLE_DIR = "pagefind"  # the index and Pagefind's scripts land in <site>/pagefind/
# Left out of the index: heading permalinks ('#'), citation numbers, the review date line, and the chart SVG
# and its data table (the same numbers are in the article's own table and prose), so excerpts read as sentences.
EXCLUDE_SELECTORS = (".headerlink", "sup.cite", ".reviewed", ".chart-svg", ".chart-data")
MISSING = "search index: Pagefind is not installed; run: pip install 'pagefind[bin]'"
TIMEOUT_SECONDS = 300
CANCEL_CHECK_SECONDS = 0.05
PR_SET_PDEATHSIG = 1  # prctl option: a signal the kernel sends this process when its parent dies


def find_pagefind() -> Path | None:
    """The Pagefind binary: $PAGEFIND_BINARY_PATH, else the one in the 'pagefind_bin' wheel, else None."""
    configured = os.environ.get("PAGEFIND_BINARY_PATH")
    if configured:
        return Path(configured)
    try:
        wheel = importlib.import_module("pagefind_bin")  # the wheel that ships the binary (no type hints)
        found = Path(wheel.get_executable())
    except (ImportError, FileNotFoundError):
        return None
    return found


def pagefind_command(binary: Path, folder: Path, output: Path | None = None) -> list[str]:
    """The command line that indexes folder, writing the index to output (default: folder/pagefind)."""
    where = ["--output-path", str(output)] if output else ["--output-subdir", BUNDLE_DIR]
    command = [str(binary), "--site", str(folder), *where, "--quiet"]
    for selector in EXCLUDE_SELECTORS:
        command += ["--exclude-selectors", selector]
    return command


class SearchCancelled(Exception):
    """Indexing was stopped because the site changed again (the preview server starts it anew)."""


def index_site(folder: Path, output: Path | None = None, cancel: Callable[[], bool] | None = None) -> None:
    """Write Pagefind's index of folder into output (default folder/pagefind); raise SiteError if that fails.

    cancel: asked every few milliseconds; when it answers True, Pagefind is stopped and SearchCancelled raised.
    """
    binary = find_pagefind()
    if binary is None or not binary.is_file():
        raise SiteError(MISSING)
    # A fixed environment keeps Pagefind's output the same on every machine (no colour codes in messages).
    env = {**os.environ, "NO_COLOR": "1"}
    try:
        process = subprocess.Popen(
            pagefind_command(binary, folder, output),
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            env=env,
            preexec_fn=_dies_with_this_process(),
        )
    except OSError as exc:
        raise SiteError(f"search index: cannot run Pagefind ({binary}): {exc.strerror or exc}") from None
    stdout, stderr = _wait(process, cancel)
    if process.returncode != 0:
        raise SiteError(f"search index: Pagefind failed: {_message(stdout, stderr)}")
    if not ((output or folder / BUNDLE_DIR) / "pagefind.js").is_file():
        raise SiteError(f"search index: Pagefind wrote no index: {_message(stdout, stderr)}")
    _sort_languages(output or folder / BUNDLE_DIR)


def _sort_languages(bundle: Path) -> None:
    """Put the languages of Pagefind's entry file in order: Pagefind lists them in a different order each run."""
    entry = bundle / "pagefind-entry.json"
    try:
        data = json.loads(entry.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return  # the index is there; the search page reports an unreadable entry file itself
    if isinstance(data, dict) and isinstance(data.get("languages"), dict):
        data["languages"] = dict(sorted(data["languages"].items()))
        # Pagefind's own form: compact, characters as they are, so a one-language index stays byte for byte its own
        entry.write_text(json.dumps(data, separators=(",", ":"), ensure_ascii=False), encoding="utf-8")


def _dies_with_this_process() -> Callable[[], None] | None:
    """What Pagefind's process runs before it starts, on Linux: the kernel kills it when this process dies.

    A killed build must not leave Pagefind writing into a folder that the next build removes or reuses.
    The C library is loaded here, before the fork: the forked child only makes one call into it.
    """
    if not sys.platform.startswith("linux"):
        return None
    import ctypes
    import ctypes.util

    libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6", use_errno=True)
    parent = os.getpid()

    def die_with_parent() -> None:
        libc.prctl(PR_SET_PDEATHSIG, signal.SIGKILL)
        if os.getppid() != parent:  # the build died before prctl took effect
            os._exit(1)

    return die_with_parent


def _wait(process: subprocess.Popen[str], cancel: Callable[[], bool] | None) -> tuple[str, str]:
    """Pagefind's output once it has finished; it is stopped when cancelled or when it runs too long."""
    deadline = time.monotonic() + TIMEOUT_SECONDS
    while True:
        try:
            return process.communicate(timeout=CANCEL_CHECK_SECONDS if cancel else TIMEOUT_SECONDS)
        except subprocess.TimeoutExpired:
            stopped = cancel is not None and cancel()
            if stopped or time.monotonic() > deadline:
                process.kill()
                process.communicate()
                if stopped:
                    raise SearchCancelled from None
                raise SiteError(f"search index: Pagefind did not finish in {TIMEOUT_SECONDS} s") from None


def _message(stdout: str, stderr: str) -> str:
    """Pagefind's own error text (stderr, else the end of stdout), on one line without repeats."""
    lines = [line.strip() for line in (stderr or stdout).splitlines() if line.strip()]
    unique = list(dict.fromkeys(lines))
    return " ".join(unique[-6:]).replace("Error: ", "") or "no message"


@dataclass(frozen=True)
class Indexed:
    """The search stage before commit: how many index files the output holds, and the old index to replace after."""

    files: int
    replace_after_commit: list[str] | None  # an in-place build re-indexes the live output once its pages are in


def index_for_search(
    writer: StagingWriter, owned: set[str] | None, pages_changed: bool, search: bool = True
) -> Indexed:
    """Index the new output: a full build's now, in its folder; an in-place build's after commit (reindex_live)."""
    if not search:
        return Indexed(0, None)
    if not writer.in_place:
        return Indexed(_index_staged(writer), None)
    old_index = sorted(rel for rel in owned or () if rel.startswith(BUNDLE_DIR + "/"))
    deleted = set(owned or ()) - set(writer.files) - set(old_index) - {MANIFEST}
    for rel in old_index:
        writer.keep(rel)  # replaced after the pages are in place, if anything changed
    redo = pages_changed or not old_index or bool(deleted)
    return Indexed(len(old_index), old_index if redo else None)


def _index_staged(writer: StagingWriter) -> int:
    """Run Pagefind over the temporary output and record its files; return how many it wrote."""
    try:
        index_site(writer.tmp)
    except SiteError as exc:
        raise SiteErrors([exc]) from None
    written = sorted(p.relative_to(writer.tmp).as_posix() for p in (writer.tmp / BUNDLE_DIR).rglob("*") if p.is_file())
    for rel in written:
        writer.adopt(rel)
    return len(written)


def reindex_live(out: Path, old: list[str]) -> int:
    """Index the live output into a side folder, swap it in for the old index, and update the manifest.

    A build killed on the way leaves every file of the output listed in its manifest (the old index's and
    the new one's, until the old is removed), so the next build, a full one, may replace it; the next build
    removes the side folder first (citesite.incremental.journal.recover).
    """
    side = index_side_dir(out)  # beside the output, so the live site never holds a half index
    if side.exists():
        remove_owned(side, {p.relative_to(side).as_posix() for p in side.rglob("*") if p.is_file()})
    try:
        index_site(out, side)
    except SiteError as exc:
        raise SiteErrors([exc]) from None
    new = sorted(f"{BUNDLE_DIR}/{p.relative_to(side).as_posix()}" for p in side.rglob("*") if p.is_file())
    owned = (read_manifest(out) or set()) - {MANIFEST}
    write_manifest(out, sorted(owned | set(new)))  # both indexes are ours while they change places
    current = out / BUNDLE_DIR
    if current.exists():
        swap_folders(side, current)
        remove_owned(side, {rel[len(BUNDLE_DIR) + 1 :] for rel in old})
    else:
        side.rename(current)
    write_manifest(out, sorted((owned - set(old)) | set(new)))
    return len(new)
