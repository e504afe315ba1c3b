"""The search index: Pagefind, run over an already-written output folder (no network needed)."""

from __future__ import annotations

import importlib
import os
import subprocess
import time
from collections.abc import Callable
from pathlib import Path

from sitegen.errors import SiteError

BUNDLE_DIR = "pagefind"  # the index and Pagefind's scripts land in <site>/pagefind/
# Left out of the index: heading permalinks ('#'), citation numbers, the review date line, and the chart SVG
# and its data table (the same numbers are in the article's own table and prose), so excerpts read as sentences.
EXCLUDE_SELECTORS = (".headerlink", "sup.cite", ".reviewed", ".chart-svg", ".chart-data")
MISSING = "search index: Pagefind is not installed; run: pip install 'pagefind[bin]'"
TIMEOUT_SECONDS = 300
CANCEL_CHECK_SECONDS = 0.05


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
        )
    except OSError as exc:
        raise SiteError(f"search index: cannot run Pagefind ({binary}): {exc.strerror or exc}") from None
    stdout, stderr = _wait(process, cancel)
    if process.returncode != 0:
        raise SiteError(f"search index: Pagefind failed: {_message(stdout, stderr)}")
    if not ((output or folder / BUNDLE_DIR) / "pagefind.js").is_file():
        raise SiteError(f"search index: Pagefind wrote no index: {_message(stdout, stderr)}")


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
