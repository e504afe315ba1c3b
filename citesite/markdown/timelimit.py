"""A time limit on converting one page: a watchdog thread interrupts a conversion that runs too long.

Some Markdown well under the size limit (a line of 20,000 '[') takes Python-Markdown minutes. The
watchdog raises PageTooSlow inside the converting thread (any thread, not only the main one, so the
preview server's rebuilds are limited too). Starting a conversion costs two lock round trips; the one
watchdog per process wakes a few times a second.
"""

from __future__ import annotations

import contextlib
import ctypes
import os
import threading
import time
from collections.abc import Iterator

POLL_SECONDS = 0.1  # how late past its limit a conversion may be stopped


class PageTooSlow(BaseException):
    """Raised inside a conversion that ran past its time limit."""


class _Watchdog:
    """Interrupts threads whose deadline has passed."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.deadlines: dict[int, float] = {}  # thread id -> monotonic deadline
        self.pid = os.getpid()
        threading.Thread(target=self._watch, name="citesite-time-limit", daemon=True).start()

    def _watch(self) -> None:
        while True:
            time.sleep(POLL_SECONDS)
            now = time.monotonic()
            with self.lock:
                for ident, deadline in list(self.deadlines.items()):
                    if now > deadline:
                        del self.deadlines[ident]  # raised once; the thread's own exit finds it gone
                        ctypes.pythonapi.PyThreadState_SetAsyncExc(ctypes.c_ulong(ident), ctypes.py_object(PageTooSlow))


_WATCHDOG: _Watchdog | None = None


def _watchdog() -> _Watchdog:
    """This process's watchdog (a forked worker starts its own: threads do not survive a fork)."""
    global _WATCHDOG
    if _WATCHDOG is None or _WATCHDOG.pid != os.getpid():
        _WATCHDOG = _Watchdog()
    return _WATCHDOG


@contextlib.contextmanager
def time_limit(seconds: float) -> Iterator[None]:
    """Raise PageTooSlow in this thread if the block runs longer than seconds (0: no limit)."""
    if seconds <= 0:
        yield
        return
    dog = _watchdog()
    ident = threading.get_ident()
    with dog.lock:
        dog.deadlines[ident] = time.monotonic() + seconds
    try:
        yield
    finally:
        with dog.lock:  # once this holds the lock, no new interruption can be raised for this block
            dog.deadlines.pop(ident, None)
