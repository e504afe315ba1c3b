"""Keep Python's cyclic garbage collector off the build's long-lived objects.

A build at 10,000 pages loads the cache state and the model: a few hundred thousand objects that live
until the build ends. Every automatic collection while they are made scans all of them again, which cost
a fifth of a one-file rebuild. So collection is paused while they are made, and once they are complete
they are frozen out of later collections. Reference counting still frees everything as usual.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager

_paused = False


@contextmanager
def long_lived_objects() -> Iterator[None]:
    """Pause collection for the block (until settle() is called), and restore it afterwards."""
    global _paused
    enabled = gc.isenabled()
    gc.disable()
    _paused = True
    try:
        yield
    finally:
        _paused = False
        gc.unfreeze()  # a dev server builds again and again: what this build made may be collected later
        if enabled:
            gc.enable()


def settle() -> None:
    """The long-lived objects are all made: freeze them out of collections and collect as usual again."""
    global _paused
    if _paused:
        _paused = False
        gc.freeze()
        gc.enable()
