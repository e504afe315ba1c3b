"""The preview's search index: brought up to date in the background after each build, stopped by the next.

Pagefind takes seconds on a large site. The preview server reloads the open tabs as soon as the pages are
written, then indexes them here, into a folder beside the site that the server publishes at /pagefind/.
A save during indexing stops it at once, so the next reload never waits for the search index.
"""

from __future__ import annotations

import shutil
import threading
from pathlib import Path
from typing import TextIO

from citesite.errors import SiteError
from citesite.search import SearchCancelled, index_site
from citesite.write import swap_folders


class SearchIndexer:
    """Indexes the preview site into bundle_dir in a background thread; restart() begins again."""

    def __init__(self, site_dir: Path, bundle_dir: Path, err: TextIO) -> None:
        self.site_dir = site_dir
        self.bundle_dir = bundle_dir
        self.err = err
        self.runs = 0  # indexes completed
        self._cancel = threading.Event()
        self._thread: threading.Thread | None = None
        # A build stops the indexer while the one before it may still be restarting it (the watcher's thread
        # and the server's): without the lock, stop() could join a thread that is not started yet.
        self._lock = threading.Lock()

    def restart(self) -> None:
        """Stop indexing, if it is going on, and index the site as it is now."""
        with self._lock:
            self._stop_locked()
            self._cancel = threading.Event()
            self._thread = threading.Thread(target=self._run, args=(self._cancel,), name="citesite-search", daemon=True)
            self._thread.start()

    def stop(self) -> None:
        """Stop indexing now (Pagefind is killed within a few milliseconds); the last index stays."""
        with self._lock:
            self._stop_locked()

    def _stop_locked(self) -> None:
        self._cancel.set()
        if self._thread is not None:
            self._thread.join()
            self._thread = None

    def _run(self, cancel: threading.Event) -> None:
        work = self.bundle_dir.with_name(self.bundle_dir.name + ".new")
        shutil.rmtree(work, ignore_errors=True)
        try:
            index_site(self.site_dir, work, cancel=cancel.is_set)
        except SearchCancelled:
            shutil.rmtree(work, ignore_errors=True)
            return
        except SiteError as exc:
            shutil.rmtree(work, ignore_errors=True)
            print(f"{exc} (the preview's search shows the last index)", file=self.err, flush=True)
            return
        if self.bundle_dir.exists():
            swap_folders(work, self.bundle_dir)  # in one step: a search never finds half an index
            shutil.rmtree(work, ignore_errors=True)
        else:
            work.rename(self.bundle_dir)
        self.runs += 1
