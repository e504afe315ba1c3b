"""What a build is asked to do, what it reports, and when its problems fail it: the leaf every stage may import."""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TextIO

from citesite.errors import ERROR, NOTICE, WARNING, Problems, SiteError, SiteErrors


@dataclass(frozen=True)
class BuildOptions:
    """What the command line asked for."""

    out: Path = Path("_site")
    drafts: bool = False
    strict: bool = False
    write: bool = True
    base_url: str | None = None
    report_url: str | None = None  # where "Report a problem" leads when site.yaml sets no report_url
    publisher: str | None = None  # the publisher shown when site.yaml names none
    live_reload: str | None = None  # URL of the dev server's reload script, added to every page (serve only)
    jobs: int = 0  # worker processes; 0 means one per core
    search: bool = True  # build the Pagefind index
    cache: bool = True  # reuse what the last build made from unchanged inputs
    on_pages_written: Callable[[], None] | None = field(default=None, compare=False)  # before search re-indexing


@dataclass(frozen=True)
class BuildReport:
    """What a build did, for the summary line."""

    pages: int
    files: int
    seconds: float
    out: Path | None
    warnings: list[SiteError] = field(default_factory=list)
    unchanged: bool = False

    def summary(self) -> str:
        """One line: pages written, time taken, output folder."""
        where = f"to {self.out}" if self.out else "(checked, nothing written)"
        verb = "Wrote" if self.out else "Built"
        if self.unchanged:
            return f"Up to date: {self.pages} pages ({self.files} files) in {self.out}, checked in {self.seconds:.2f} s"
        return f"{verb} {self.pages} pages ({self.files} files) {where} in {self.seconds:.2f} s"


def fail_on(problems: Problems, strict: bool) -> None:
    """Errors always fail the build; under --strict every warning does too (each keeps its own level); notices never."""
    if any(item.level == ERROR for item in problems.items) or (
        strict and any(i.level == WARNING for i in problems.items)
    ):
        raise SiteErrors(problems.items)


def print_problems(problems: Sequence[SiteError], stream: TextIO, *, strict: bool = False) -> None:
    """One line per problem, 'path:line: level: message', sorted, then a count (and GitHub annotations in Actions).

    strict: the warnings failed the build, and the count says so.
    """
    if not problems:
        return
    ordered = sorted(problems, key=SiteError.sort_key)
    colour = _use_colour(stream)
    for problem in ordered:
        level = problem.level
        if colour:
            level = ("\033[31m" if level == ERROR else "\033[33m") + level + "\033[0m"
        where = f"{problem.location}: " if problem.location else ""
        print(f"{where}{level}: {problem.message}", file=stream)
    if os.environ.get("GITHUB_ACTIONS") == "true":
        for problem in ordered:
            print(github_annotation(problem), file=stream)
    errors = sum(1 for p in ordered if p.level == ERROR)
    notices = sum(1 for p in ordered if p.level == NOTICE)
    warnings = len(ordered) - errors - notices
    failing = " (strict: warnings fail the build)" if strict and warnings else ""
    noted = f", {_plural(notices, 'notice')}" if notices else ""
    print(f"{_plural(errors, 'error')}, {_plural(warnings, 'warning')}{noted}{failing}", file=stream)


def github_annotation(problem: SiteError) -> str:
    """A GitHub Actions workflow command that marks the problem on its line in a pull request."""
    props = []
    if problem.path:
        props.append(f"file={_escape_property(problem.path)}")
    if problem.line:
        props.append(f"line={problem.line}")
    if problem.column:
        props.append(f"col={problem.column}")
    message = problem.message.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    return f"::{problem.level} {','.join(props)}::{message}"


def _escape_property(value: str) -> str:
    return value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A").replace(":", "%3A").replace(",", "%2C")


def _use_colour(stream: TextIO) -> bool:
    if os.environ.get("NO_COLOR") or os.environ.get("TERM") == "dumb":
        return False
    return hasattr(stream, "isatty") and stream.isatty()


def _plural(count: int, word: str) -> str:
    return f"{count} {word}" + ("" if count == 1 else "s")
