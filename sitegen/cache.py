"""The build cache: what each output was made from, so a rebuild redoes only what changed.

Stored as JSON under .cache/sitegen/ (never pickle: a foreign or corrupt cache is ignored, not run).
"""

from __future__ import annotations

import hashlib
import importlib.util
import json
import os
import sys
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from . import __version__
from .errors import SiteError
from .walk import walk

CACHE_DIR = ".cache/sitegen"
FORMAT = 4
HEAD_KEYS = ("format", "code", "fingerprint", "manifest", "site_problems", "page_count", "file_count")
_PACKAGE = Path(__file__).resolve().parent


def fast_key(*parts: str) -> str:
    """A short stable hash of some strings (cheaper than digest() where it runs once per page)."""
    return hashlib.sha256("\0".join(parts).encode("utf-8", "surrogatepass")).hexdigest()[:32]


def digest(*parts: object) -> str:
    """A short stable hash of the parts' JSON form."""
    return hashlib.sha256(json.dumps(parts, sort_keys=True, default=str).encode()).hexdigest()[:32]


def code_version() -> str:
    """Changes whenever the generator or a library it renders with changes (found without importing them)."""
    files = sorted(_PACKAGE.rglob("*.py"))
    stats = [(p.relative_to(_PACKAGE).as_posix(), *file_stat(p)) for p in files]
    libraries = []
    for name in ("markdown", "jinja2", "markupsafe", "yaml", "textstat"):
        spec = importlib.util.find_spec(name)
        origin = Path(spec.origin) if spec and spec.origin else None
        libraries.append((name, str(origin), file_stat(origin) if origin else []))
    return digest(__version__, sys.version, stats, libraries)


def scan_inputs(root: Path) -> list[tuple[str, int, int]]:
    """(path, size, mtime) of every file under content/, templates/ and static/, sorted."""
    found: list[tuple[str, int, int]] = []
    for top in ("content", "templates", "static"):
        for rel, entry in walk(str(root / top), skip_hidden=True, skip_unreadable=True):
            if entry.is_dir(follow_symlinks=False):
                continue
            try:
                info = entry.stat()
            except OSError:
                continue
            found.append((f"{top}/{rel}", info.st_size, info.st_mtime_ns))
    found.sort()
    return found


def file_stat(path: Path | str) -> list[int]:
    """[size, mtime_ns] of a file, or [] when it is missing."""
    try:
        info = os.stat(path)  # noqa: PTH116 (os.stat on a str: pathlib's overhead shows at 10,000 files)
    except OSError:
        return []
    return [info.st_size, info.st_mtime_ns]


class BuildCache:
    """Load and save one output folder's cache state; bodies are stored one file per key."""

    def __init__(self, root: Path, out: Path, options_key: str) -> None:
        self.folder = root / CACHE_DIR
        name = digest(str(out), options_key)[:16]
        self.state_path = self.folder / f"{name}.json"
        self.head_path = self.folder / f"{name}.head"
        self.state: dict[str, Any] = {}

    def load(self, code: str) -> dict[str, Any]:
        """The saved state, or {} when there is none or it is corrupt, foreign or from other code."""
        try:
            state = json.loads(self.state_path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return {}
        if not isinstance(state, dict) or state.get("format") != FORMAT or state.get("code") != code:
            return {}
        if not all(isinstance(state.get(k, {}), dict) for k in ("pages", "sources", "grades")):
            return {}
        state["grades"] = {k: v for k, v in state.get("grades", {}).items() if isinstance(v, int | float)}
        self.state = state
        return state

    def load_head(self, code: str) -> dict[str, Any]:
        """The small part of the state that says whether anything changed, or {} (read before the rest)."""
        try:
            head = json.loads(self.head_path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return {}
        if not isinstance(head, dict) or head.get("format") != FORMAT or head.get("code") != code:
            return {}
        if not isinstance(head.get("site_problems"), list) or not all(
            isinstance(head.get(k), int) for k in ("page_count", "file_count")
        ):
            return {}
        return head

    def save(self, state: dict[str, Any]) -> None:
        """Write the state, then its head, atomically; a cache that cannot be written is simply not used next time."""
        head = {key: state[key] for key in HEAD_KEYS if key in state}
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            for path, data in ((self.state_path, state), (self.head_path, head)):
                tmp = path.with_suffix(f".tmp-{os.getpid()}")
                tmp.write_text(json.dumps(data, separators=(",", ":")), encoding="utf-8")
                tmp.replace(path)
        except OSError:
            pass

    def body_path(self, key: str) -> Path:
        """Where the converted Markdown with this key is stored."""
        return self.folder / "bodies" / key[:2] / f"{key}.json"

    def load_body(self, key: str) -> dict[str, Any] | None:
        """A stored body's JSON data, or None when missing or unreadable."""
        try:
            data = json.loads(self.body_path(key).read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return None
        return data if isinstance(data, dict) else None

    def save_body(self, key: str, body: dict[str, Any]) -> None:
        """Store a converted body's JSON data under its key."""
        path = self.body_path(key)
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            tmp = path.with_suffix(f".tmp-{os.getpid()}")
            tmp.write_text(json.dumps(body, separators=(",", ":")), encoding="utf-8")
            tmp.replace(path)
        except OSError:
            pass

    def prune_bodies(self, keep: Iterable[str]) -> None:
        """Delete stored bodies no page uses any more."""
        wanted = set(keep)
        for path in (self.folder / "bodies").glob("*/*.json"):
            if path.stem not in wanted:
                path.unlink(missing_ok=True)


def problems_to_json(problems: Iterable[SiteError]) -> list[list[Any]]:
    """SiteErrors as plain lists."""
    return [[p.message, p.path, p.line, p.column, p.level] for p in problems]


def problems_from_json(data: list[list[Any]]) -> tuple[SiteError, ...]:
    """SiteErrors back from plain lists."""
    return tuple(SiteError(m, p, line, col, level) for m, p, line, col, level in data)
