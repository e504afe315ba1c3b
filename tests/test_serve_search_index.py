"""The preview's background search index: stopping and restarting it from two threads at once."""

from __future__ import annotations

import io
import threading
from pathlib import Path

import pytest

from citesite.serve import search as serve_search
from citesite.serve.search import SearchIndexer

RealThread = threading.Thread  # the module's Thread is replaced in the test; its own threads are real


def test_stopping_the_indexer_while_another_thread_restarts_it_waits_for_the_restart(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The watcher's rebuild restarts indexing while the server's next build stops it: never a join too early."""
    in_start, go_on = threading.Event(), threading.Event()

    class PausedThread(RealThread):
        """A thread whose start() pauses once assigned, the moment another thread could join it too early."""

        def start(self) -> None:
            in_start.set()
            assert go_on.wait(timeout=30)
            super().start()

    monkeypatch.setattr(serve_search.threading, "Thread", PausedThread)
    monkeypatch.setattr(SearchIndexer, "_run", lambda self, cancel: None)  # no Pagefind: the race is the point
    indexer = SearchIndexer(tmp_path / "site", tmp_path / "bundle", io.StringIO())
    problems: list[BaseException] = []

    def run(call: object) -> None:
        try:
            call()  # type: ignore[operator]
        except BaseException as exc:  # noqa: BLE001 (recorded, then asserted)
            problems.append(exc)

    restarting = RealThread(target=run, args=(indexer.restart,))
    restarting.start()
    assert in_start.wait(timeout=30)
    stopping = RealThread(target=run, args=(indexer.stop,))
    stopping.start()
    stopping.join(timeout=0.2)  # without the lock, stop() fails at once; with it, it waits for the restart
    go_on.set()
    restarting.join(timeout=30)
    stopping.join(timeout=30)
    assert problems == []
    assert not restarting.is_alive() and not stopping.is_alive()
    assert indexer._thread is None  # the stop came second, so nothing is left indexing
