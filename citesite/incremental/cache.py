"""The build cache: what each output was made from, so a rebuild redoes only what changed.

Stored as JSON under .cache/citesite/ (never pickle: a foreign or corrupt cache is ignored, not run).
"""

from __future__ import annotations

import hashlib
import json
import os
import stat
import time
from collections.abc import Mapping
from pathlib import Path
from typing import NamedTuple, cast

from citesite.boundary import link_refusal, refusal, resolves_inside
from citesite.errors import SiteError
from citesite.incremental.records import Head, State, valid_page, valid_problems, valid_source
from citesite.source.walk import MarkdownEntry, markdown_entry, walk

Record = dict[str, object]  # a JSON object as loaded, before or beyond its typed shape
CACHE_DIR = ".cache/citesite"
FORMAT = 9
SECTIONS = ("sources", "pages", "grades")  # keyed parts of the state, which a delta may change entry by entry
DELTA_LIMIT = 0.1  # rewrite the base once the delta holds a tenth of the entries
_MISSING = object()
HEAD_KEYS = ("format", "code", "fingerprint", "manifest", "site_problems", "page_count", "file_count")


def fast_key(*parts: str) -> str:
    """A short stable hash of some strings (cheaper than digest() where it runs once per page)."""
    return hashlib.sha256("\0".join(parts).encode("utf-8", "surrogatepass")).hexdigest()[:32]


def digest(*parts: object) -> str:
    """A short stable hash of the parts' JSON form."""
    return hashlib.sha256(json.dumps(parts, sort_keys=True, default=str).encode()).hexdigest()[:32]


class Inputs(NamedTuple):
    """What one walk over the inputs found."""

    files: list[tuple[str, int, int]]  # (path, size, mtime) of every file under content/, templates/, static/
    markdown: list[MarkdownEntry]  # every '*.md' name under content/, for discover_sources
    refused: list[SiteError]  # inputs that must never be read: links out of the project, pipes, devices


def scan_inputs(root: Path) -> Inputs:
    """Stat every file under content/, templates/ and static/ (sorted), noting the Markdown sources on the way."""
    found: list[tuple[str, int, int]] = []
    markdown: list[MarkdownEntry] = []
    refused: list[SiteError] = []
    project = root.resolve()
    for top in ("content", "templates", "static"):
        if (root / top).is_symlink() and (problem := link_refusal(top, str(root / top), project)):
            refused.append(problem)
            continue  # never walked: its files are outside the project
        for rel, entry in walk(str(root / top), skip_hidden=True, skip_unreadable=True):
            if top == "content" and entry.name.endswith(".md"):
                markdown.append(markdown_entry(rel, entry))
            if entry.is_dir(follow_symlinks=False):
                continue
            # Symlinks are rare: only they pay for resolving (every input, files and folders alike).
            if entry.is_symlink() and (problem := link_refusal(f"{top}/{rel}", entry.path, project)):
                refused.append(problem)
                continue
            try:
                info = entry.stat()
            except OSError:
                continue
            if not stat.S_ISREG(info.st_mode):
                problem = refusal(f"{top}/{rel}", info.st_mode)
                if problem:
                    refused.append(problem)
                continue  # a linked folder inside the project is not entered
            found.append((f"{top}/{rel}", info.st_size, info.st_mtime_ns))
    found.sort()
    return Inputs(found, markdown, refused)


def file_stat(path: Path | str) -> list[int]:
    """[size, mtime_ns] of a file, or [] when it is missing."""
    try:
        info = os.stat(path)  # noqa: PTH116 (os.stat on a str: pathlib's overhead shows at 10,000 files)
    except OSError:
        return []
    return [info.st_size, info.st_mtime_ns]


def content_stamps(root: Path, rels: list[str]) -> list[tuple[str, str]]:
    """Each file's path and a hash of its bytes ('' when unreadable): a fresh checkout's new file times change nothing."""
    found = []
    for rel in sorted(rels):
        try:
            found.append((rel, hashlib.sha256((root / rel).read_bytes()).hexdigest()))
        except OSError:
            found.append((rel, ""))
    return found


class BuildCache:
    """Load and save one output folder's cache state; bodies are stored one file per key.

    The state is a base file plus a small delta: a rebuild that changed a few pages writes only what
    changed (rewriting 10,000 pages' entries would cost more than the rebuild), and the base is rewritten
    once the delta grows past a fraction of it.
    """

    def __init__(self, root: Path, out: Path, options_key: str) -> None:
        self.folder = root / CACHE_DIR
        name = digest(str(out), options_key)[:16]
        self.state_path = self.folder / f"{name}.json"
        self.delta_path = self.folder / f"{name}.delta"
        self.head_path = self.folder / f"{name}.head"
        self.state: State = {}
        self.generation = ""  # the loaded base's token, which its delta must name
        self.delta: Record = {}
        self._folders: set[Path] = set()  # body folders known to exist
        # A .cache that links out of the project is not used: the build never reads or writes outside it.
        self.usable = resolves_inside(self.folder, root)

    def load(self, code: str) -> State:
        """The saved state, or {} when there is none or it is corrupt, foreign or from other code."""
        if not self.usable:
            return {}
        try:
            state = json.loads(self.state_path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return {}
        if not isinstance(state, dict) or state.get("format") != FORMAT or state.get("code") != code:
            return {}
        if not all(isinstance(state.get(k, {}), dict) for k in SECTIONS):
            return {}
        generation = state.get("generation")
        delta = self._load_delta(generation) if isinstance(generation, str) else {}
        for section in SECTIONS:
            state.setdefault(section, {}).update(_part(delta, section))
            for key in _removed(delta).get(section, []):
                state[section].pop(key, None)
        state.update(_part(delta, "top"))
        # A damaged or foreign entry (a missing, extra or mistyped field) is dropped: that page is rebuilt.
        state["sources"] = {k: v for k, v in state["sources"].items() if valid_source(v)}
        state["pages"] = {k: v for k, v in state["pages"].items() if valid_page(v)}
        if not valid_problems(state.get("site_problems", [])):
            return {}
        state["grades"] = {k: v for k, v in state["grades"].items() if isinstance(v, int | float)}
        self.state, self.delta = cast(State, state), delta
        self.generation = generation if isinstance(generation, str) else ""
        return self.state

    def _load_delta(self, generation: str) -> Record:
        """The delta written on top of this base, or {} (missing, corrupt, or for another base)."""
        try:
            delta = json.loads(self.delta_path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return {}
        shapes = [delta.get(k, {}) for k in (*SECTIONS, "removed", "top")] if isinstance(delta, dict) else [None]
        if not all(isinstance(shape, dict) for shape in shapes) or delta.get("base") != generation:
            return {}
        removed = delta.get("removed", {})
        if not all(isinstance(removed.get(k, []), list) for k in SECTIONS):
            return {}
        return cast(Record, delta)

    def load_head(self, code: str) -> Head:
        """The small part of the state that says whether anything changed, or {} (read before the rest)."""
        if not self.usable:
            return {}
        try:
            head = json.loads(self.head_path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return {}
        if not isinstance(head, dict) or head.get("format") != FORMAT or head.get("code") != code:
            return {}
        if not valid_problems(head.get("site_problems")) or not all(
            isinstance(head.get(k), int) for k in ("page_count", "file_count")
        ):
            return {}
        return cast(Head, head)

    def save(self, state: State) -> None:
        """Write the state (as a delta on the loaded base when that is smaller), then its head, atomically.

        A cache that cannot be written is simply not used next time.
        """
        if not self.usable:
            return
        fields: Mapping[str, object] = state
        head = {key: fields[key] for key in HEAD_KEYS if key in fields}
        delta = self._delta_to(state) if self.generation else None
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            if delta is None:
                generation = fast_key(str(os.getpid()), str(time.time_ns()), str(self.state_path))
                write_json(self.state_path, {**state, "generation": generation})
                self.delta_path.unlink(missing_ok=True)  # it names the old base, so it would be ignored anyway
                self._prune_bodies(len(state.get("pages", {})))
            else:
                write_json(self.delta_path, delta)
            write_json(self.head_path, head)
        except OSError:
            pass

    def _delta_to(self, state: State) -> Record | None:
        """What changed since the loaded base, merged with its delta; None when a new base is smaller."""
        old: Record = cast(Record, self.state)
        new: Record = cast(Record, state)
        delta = self.delta
        changed: dict[str, Record] = {}
        removed: dict[str, list[str]] = {}
        size = 0
        for section in SECTIONS:
            before, after = _part(old, section), _part(new, section)
            # Entries kept from the last build are the very objects it loaded: 'is' finds them cheaply.
            now = {k: v for k, v in after.items() if before.get(k, _MISSING) is not v and before.get(k) != v}
            gone = [k for k in before if k not in after]
            changed[section] = {**{k: v for k, v in _part(delta, section).items() if k not in gone}, **now}
            removed[section] = sorted({*_removed(delta).get(section, []), *gone} - set(changed[section]))
            size += len(changed[section]) + len(removed[section])
        total = sum(len(_part(new, section)) for section in SECTIONS)
        if size > DELTA_LIMIT * max(total, 1):
            return None
        top = {k: v for k, v in new.items() if k not in SECTIONS and k not in ("format", "code", "generation")}
        return {"base": self.generation, "top": top, **changed, "removed": removed}

    def body_path(self, key: str) -> Path:
        """Where the converted Markdown with this key is stored."""
        return self.folder / "bodies" / key[:2] / f"{key}.json"

    def load_body(self, key: str) -> Record | None:
        """A stored body's JSON data, or None when missing or unreadable."""
        if not self.usable:
            return None
        try:
            data = json.loads(self.body_path(key).read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return None
        return data if isinstance(data, dict) else None

    def save_body(self, key: str, body: Record) -> None:
        """Store a converted body's JSON data under its key."""
        if not self.usable:
            return
        path = self.body_path(key)
        try:
            if path.parent not in self._folders:  # 256 folders for 10,000 bodies: ask the file system once each
                path.parent.mkdir(parents=True, exist_ok=True)
                self._folders.add(path.parent)
            write_json(path, body)
        except OSError:
            pass

    def _prune_bodies(self, pages: int) -> None:
        """Once stored bodies far outnumber the pages, delete those that no state in the folder uses.

        Bodies are shared by every output folder's state (they are keyed by content), so all are asked.
        """
        bodies = list((self.folder / "bodies").glob("*/*.json"))
        if len(bodies) <= 2 * pages + 100:
            return
        wanted: set[str] = set()
        for path in [*self.folder.glob("*.json"), *self.folder.glob("*.delta")]:
            try:
                saved = json.loads(path.read_text(encoding="utf-8"))
                wanted.update(entry["body_key"] for entry in saved["pages"].values())
            except (OSError, ValueError, KeyError, TypeError, AttributeError):
                continue
        for path in bodies:
            if path.stem not in wanted:
                path.unlink(missing_ok=True)


def write_json(path: Path, data: object) -> None:
    """Write JSON through a temporary file, so a reader sees the old file or the new one, never half."""
    tmp = path.with_suffix(f".tmp-{os.getpid()}")
    tmp.write_text(json.dumps(data, separators=(",", ":")), encoding="utf-8")
    tmp.replace(path)


def _part(record: Record, name: str) -> Record:
    """One keyed part of a state or delta (sources, pages, grades, top), or {}."""
    return cast(Record, record.get(name, {}))


def _removed(delta: Record) -> dict[str, list[str]]:
    """The keys a delta removes, by part."""
    return cast(dict[str, list[str]], delta.get("removed", {}))
