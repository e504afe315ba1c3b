"""Errors and warnings about the site's sources, reported as 'path:line: message'."""

from __future__ import annotations

import errno
import re
import sys
from collections.abc import Iterable
from pathlib import Path

ERROR = "error"
WARNING = "warning"
NOTICE = "notice"  # shown, never failing a build, not even under --strict


# Characters that would act on a terminal or split a line instead of showing: C0 and C1 controls (ESC, BEL,
# newline, carriage return, tab, DEL), line and paragraph separators, and the bidirectional overrides that
# reorder what a reader sees.
_UNSHOWABLE = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")


def escape_controls(text: str) -> str:
    """text with every control character written as an escape (\\x1b, \\n, \\u202e), so it shows and never acts."""
    if not _UNSHOWABLE.search(text):
        return text
    return _UNSHOWABLE.sub(_escape_one, text)


def _escape_one(match: re.Match[str]) -> str:
    code = ord(match.group())
    named = {9: "\\t", 10: "\\n", 13: "\\r"}.get(code)
    if named:
        return named
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


class SiteError(Exception):
    """A problem in the site sources, shown as 'path:line:column: message'."""

    def __init__(
        self,
        message: str,
        path: Path | str | None = None,
        line: int | None = None,
        column: int | None = None,
        level: str = ERROR,
    ) -> None:
        # Every message the build shows (terminal, GitHub annotation, browser overlay) is made here: user text
        # in it (a key, a value, a file name) is escaped once, so it can neither drive a terminal nor split a line.
        message = escape_controls(message)
        super().__init__(message)
        self.message = message
        self.path = escape_controls(str(path)) if path is not None else None
        self.line = line
        self.column = column
        self.level = level

    @property
    def location(self) -> str:
        """The 'path:line:column' part, or '' when the problem has no place."""
        if self.path is None:
            return ""
        where = self.path
        if self.line is not None:
            where += f":{self.line}"
            if self.column is not None:
                where += f":{self.column}"
        return where

    def sort_key(self) -> tuple[str, int, int, str]:
        """Order problems by file, then line, then column."""
        return (self.path or "", self.line or 0, self.column or 0, self.message)

    def __str__(self) -> str:
        where = self.location
        return f"{where}: {self.message}" if where else self.message

    def __repr__(self) -> str:
        return f"SiteError({str(self)!r}, level={self.level!r})"

    def __eq__(self, other: object) -> bool:
        return isinstance(other, SiteError) and (str(self), self.level) == (str(other), other.level)

    def __hash__(self) -> int:
        return hash((str(self), self.level))


class SiteErrors(Exception):
    """Every problem found in one build, raised together so the editor sees them all."""

    def __init__(self, errors: Iterable[SiteError]) -> None:
        self.errors = sorted(set(errors), key=SiteError.sort_key)
        super().__init__("\n".join(str(e) for e in self.errors))

    def __reduce__(self) -> tuple[type[SiteErrors], tuple[list[SiteError]]]:
        """Pickle by the problems, not the joined text, so a worker process can report them."""
        return (SiteErrors, (self.errors,))


class UsageError(Exception):
    """The command line asked for something impossible (exit code 2)."""


class Problems:
    """Collects errors and warnings from one stage, so all of them are reported together."""

    def __init__(self) -> None:
        self.items: list[SiteError] = []

    def error(self, message: str, path: Path | str | None = None, line: int | None = None) -> None:
        """Record an error."""
        self.items.append(SiteError(message, path, line))

    def warn(self, message: str, path: Path | str | None = None, line: int | None = None) -> None:
        """Record a warning (an error under --strict)."""
        self.items.append(SiteError(message, path, line, level=WARNING))

    def add(self, err: SiteError) -> None:
        """Record an existing problem."""
        self.items.append(err)

    def extend(self, errs: Iterable[SiteError]) -> None:
        """Record several existing problems."""
        self.items.extend(errs)

    @property
    def errors(self) -> list[SiteError]:
        """Only the problems that fail a build."""
        return [e for e in self.items if e.level == ERROR]

    @property
    def warnings(self) -> list[SiteError]:
        """The problems that do not fail a build: warnings (which fail a strict one) and notices."""
        return [e for e in self.items if e.level != ERROR]

    def raise_errors(self) -> None:
        """Stop the build if any error was recorded."""
        if self.errors:
            raise SiteErrors(self.items)  # warnings too: the editor sees everything at once


def cannot_read(exc: OSError) -> str:
    """What went wrong reading a source file, and what to do about it."""
    if exc.errno == errno.ELOOP:
        return "cannot read this file: it is a symlink that leads back to itself; replace the link with the file"
    if exc.errno == errno.ENOENT:
        return "cannot read this file: it is a symlink to a file that does not exist; fix the link or remove it"
    if exc.errno == errno.EISDIR:
        return "cannot read this file: it is a folder; rename it"
    reason = (exc.strerror or str(exc)).lower()
    if exc.errno in (errno.EACCES, errno.EPERM):
        return f"cannot read this file: {reason}; check its permissions"
    return f"cannot read this file: {reason}; check the file and the disk, then build again"


def program_name() -> str:
    """The program as it was invoked: 'build.py' when run as python build.py, otherwise 'citesite'."""
    invoked = Path(sys.argv[0]).name if sys.argv else ""
    return invoked if invoked == "build.py" else "citesite"
