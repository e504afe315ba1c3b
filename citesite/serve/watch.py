"""Watch source folders and report each burst of changes once: watchdog when installed, else polling.

A folder can be replaced while it is watched (a branch switch, rsync, an unzip, `mv content x && cp -r x content`):
watchdog's watch follows the old folder, so the folders' parent is watched too, and a folder that appears
there again is watched again. If watchdog itself stops, the watcher says so and keeps watching by polling.
"""

from __future__ import annotations

import hashlib
import importlib
import os
import threading
import time
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import Any

DEBOUNCE = 0.05  # seconds of quiet that end a burst: an editor's "save all" or a git checkout is one change
MAX_WAIT = 1.0  # a burst that never goes quiet is still reported after this long
POLL_INTERVAL = 0.1  # seconds between two scans of the polling fallback
IGNORED_SUFFIXES = ("~", ".swp", ".swx", ".tmp")  # editor backups and swap files are not sources
IGNORED_NAMES = {"4913"}  # vim's probe file, written and deleted on every save
IGNORED_EVENTS = {"opened", "closed_no_write"}  # reading a file changes nothing
HEALTH_INTERVAL = 1.0  # seconds between two checks that watchdog's thread is still running

Snapshot = dict[Path, tuple[int, int, int]]


def is_ignored(rel: Path) -> bool:
    """True for hidden files and folders, editor swap files and backups (rel: inside a watched folder)."""
    hidden = any(part.startswith(".") for part in rel.parts)
    return hidden or rel.name.endswith(IGNORED_SUFFIXES) or rel.name in IGNORED_NAMES


def scan_folders(folders: Iterable[Path]) -> Snapshot:
    """(mtime, size, inode) of every file under folders, hidden ones left out."""
    found: Snapshot = {}
    for folder in folders:
        for dirpath, dirnames, filenames in os.walk(folder):
            dirnames[:] = [d for d in dirnames if not d.startswith(".")]
            for name in filenames:
                if name.startswith("."):
                    continue
                path = Path(dirpath, name)
                try:
                    stat = path.stat()
                except OSError:
                    continue  # deleted while we looked
                found[path] = (stat.st_mtime_ns, stat.st_size, stat.st_ino)
    return found


def file_signature(path: Path) -> str | None:
    """A digest of the file's content ('dir' for a folder, None when it is gone)."""
    try:
        if path.is_dir():
            return "dir"
        return hashlib.sha256(path.read_bytes()).hexdigest()
    except OSError:
        return None


def diff_snapshots(old: Snapshot, new: Snapshot) -> set[Path]:
    """The files added, removed or changed between two scans."""
    return {path for path in old.keys() | new.keys() if old.get(path) != new.get(path)}


def load_watchdog() -> Any | None:
    """watchdog's Observer class, or None when watchdog is not installed."""
    try:
        # imported by name: watchdog is optional, and mypy must pass with or without it
        return importlib.import_module("watchdog.observers").Observer
    except ImportError:
        return None


class Watcher:
    """Calls on_change(paths) once per burst of changes, after `debounce` seconds without a new one."""

    def __init__(
        self,
        folders: Sequence[Path],
        on_change: Callable[[set[Path]], None],
        *,
        debounce: float = DEBOUNCE,
        polling: bool = False,
        on_problem: Callable[[str], None] | None = None,
    ) -> None:
        self.folders = list(folders)  # missing ones too: watched from the moment they appear
        self.on_change = on_change
        self.on_problem = on_problem or (lambda message: None)
        observer_class = None if polling else load_watchdog()
        self.backend = "watchdog" if observer_class else "polling"
        self.debounce = debounce if observer_class else debounce + POLL_INTERVAL  # scans arrive in steps
        self._observer_class = observer_class
        self._observer: Any = None
        self._watches: dict[Path, Any] = {}  # folder -> its watchdog watch
        self._replaced: set[Path] = set()  # folders created, removed or moved since the last batch
        self._pending: set[Path] = set()
        self._created: set[Path] = set()  # first seen being created in this burst: gone again = a temporary file
        self._signatures: dict[Path, str | None] = {}  # content when last reported, to drop late duplicate events
        self._first = self._last = 0.0
        self._cond = threading.Condition()
        self._stopping = False
        self._threads: list[threading.Thread] = []

    def start(self) -> None:
        """Start watching in background threads."""
        if self._observer_class is not None:
            self._observer = self._observer_class()
            for parent in sorted({folder.parent for folder in self.folders}):
                self._observer.schedule(_ParentHandler(self), str(parent), recursive=False)
            for folder in self.folders:
                if folder.is_dir():
                    self._watches[folder] = self._observer.schedule(_Handler(self), str(folder), recursive=True)
            self._observer.start()
        else:
            self._threads.append(threading.Thread(target=self._poll, name="citesite-poll", daemon=True))
        self._threads.append(threading.Thread(target=self._dispatch, name="citesite-watch", daemon=True))
        for thread in self._threads:
            thread.start()

    def stop(self, timeout: float = 5.0) -> None:
        """Stop watching; wait (up to timeout) for a rebuild in progress to finish."""
        with self._cond:
            self._stopping = True
            self._cond.notify_all()
        if self._observer is not None:
            self._observer.stop()
            self._observer.join(timeout)
        for thread in self._threads:
            thread.join(timeout)

    def record(self, paths: Iterable[Path], created: bool = False) -> None:
        """Note changed paths; the burst they belong to is reported once it goes quiet."""
        changed = {p for p in paths if not is_ignored(self._relative(p))}
        if not changed:
            return
        with self._cond:
            now = time.monotonic()
            if not self._pending:
                self._first = now
            if created:
                self._created |= changed - self._pending
            self._pending |= changed
            self._last = now
            self._cond.notify_all()

    def folder_replaced(self, folder: Path) -> None:
        """A watched folder was created, removed or moved: watch it again once the burst of changes is over."""
        with self._cond:
            self._replaced.add(folder)
        self.record([folder])

    def _rewatch(self) -> set[Path]:
        """Watch the replaced folders as they are now; return every file in them (all may have changed).

        Done once their burst is over, not as the folder appears: scheduling a recursive watch while a copy
        is still creating subfolders races inside watchdog.
        """
        with self._cond:
            folders, self._replaced = sorted(self._replaced), set()
        found: set[Path] = set()
        for folder in folders:
            try:
                if folder in self._watches:
                    self._observer.unschedule(self._watches.pop(folder))  # it follows the old, moved folder
                if folder.is_dir():
                    self._watches[folder] = self._observer.schedule(_Handler(self), str(folder), recursive=True)
            except (OSError, KeyError, RuntimeError) as exc:
                with self._cond:
                    self._fall_back(f"cannot watch {folder.name}/ again after it was replaced ({exc})")
            found |= set(scan_folders([folder]))
        return found

    def _fall_back(self, reason: str) -> None:
        """watchdog stopped working: say so, and keep watching by polling (call with the lock held)."""
        if self.backend == "polling" or self._stopping:
            return
        self.backend = "polling"
        # the first scan is taken before saying so: an edit made once the message shows is always seen
        first = scan_folders(self.folders)
        self.on_problem(f"live reload: {reason}; watching by polling from now on")
        thread = threading.Thread(target=self._poll, args=(first,), name="citesite-poll", daemon=True)
        self._threads.append(thread)
        thread.start()

    def _relative(self, path: Path) -> Path:
        for folder in self.folders:
            if path.is_relative_to(folder):
                return path.relative_to(folder)
        return Path(path.name)

    def _next_batch(self) -> set[Path] | None:
        """Wait for a burst of changes to end; None when stopping."""
        with self._cond:
            while not self._stopping:
                if not self._pending:
                    self._cond.wait(HEALTH_INTERVAL)
                    if self.backend == "watchdog" and not self._stopping and not self._observer.is_alive():
                        self._fall_back("the file watcher stopped")
                    continue
                remaining = min(self._last + self.debounce, self._first + MAX_WAIT) - time.monotonic()
                if remaining > 0:
                    self._cond.wait(remaining)
                    continue
                batch = {p for p in self._pending if p not in self._created or p.exists()}
                self._pending, self._created = set(), set()
                if batch:  # else only temporary files came and went
                    return batch
            return None

    def _dispatch(self) -> None:
        while (batch := self._next_batch()) is not None:
            if self._replaced:
                batch |= self._rewatch()
            changed = self._content_changed(batch)
            if changed:
                self.on_change(changed)  # changes made meanwhile gather into the next batch

    def _content_changed(self, batch: set[Path]) -> set[Path]:
        """The paths whose content differs from when they were last reported.

        An event can arrive after its burst was reported (a busy machine delivers a save's last
        'closed' event late); comparing content, not times, also holds on file systems with coarse mtimes.
        """
        changed = set()
        for path in batch:
            signature = file_signature(path)
            if path not in self._signatures or self._signatures[path] != signature:
                self._signatures[path] = signature
                changed.add(path)
        return changed

    def _poll(self, previous: Snapshot | None = None) -> None:
        previous = scan_folders(self.folders) if previous is None else previous
        while True:
            with self._cond:
                if self._cond.wait_for(lambda: self._stopping, POLL_INTERVAL):
                    return
            current = scan_folders(self.folders)
            self.record(diff_snapshots(previous, current))
            previous = current


class _ParentHandler:
    """Watches the watched folders' parent for one of them being created, removed or moved (duck-typed)."""

    def __init__(self, watcher: Watcher) -> None:
        self.watcher = watcher

    def dispatch(self, event: Any) -> None:
        """Watch a watched folder again when it is created, removed, or moved in or out."""
        if event.event_type in IGNORED_EVENTS or event.event_type == "modified":
            return
        paths = {Path(os.fsdecode(event.src_path)), Path(os.fsdecode(getattr(event, "dest_path", "") or ""))}
        for folder in self.watcher.folders:
            if folder in paths:
                self.watcher.folder_replaced(folder)


class _Handler:
    """A watchdog event handler (duck-typed: watchdog only calls dispatch)."""

    def __init__(self, watcher: Watcher) -> None:
        self.watcher = watcher

    def dispatch(self, event: Any) -> None:
        """Pass the paths of a file event on to the watcher."""
        if event.event_type in IGNORED_EVENTS or (event.is_directory and event.event_type == "modified"):
            return
        self.watcher.record([Path(os.fsdecode(event.src_path))], created=event.event_type == "created")
        if getattr(event, "dest_path", ""):
            self.watcher.record([Path(os.fsdecode(event.dest_path))])
