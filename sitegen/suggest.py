"""'Did you mean' for a name that is not known: the closest known one, if any is close."""

from __future__ import annotations

import difflib
from collections.abc import Iterable

CUTOFF = 0.6  # difflib's similarity ratio: 'adult' ~ 'adults', 'uwitonze2019' ~ 'uwitonze2018'


def closest(name: str, choices: Iterable[str]) -> str | None:
    """The known name most like name, or None when none is close enough to be a typo."""
    found = difflib.get_close_matches(name, sorted(set(choices)), n=1, cutoff=CUTOFF)
    return found[0] if found else None


def did_you_mean(name: str, choices: Iterable[str]) -> str:
    """ "; did you mean 'x'?" to append to a message about an unknown name, or '' when nothing is close."""
    match = closest(name, (choice for choice in choices if choice != name))
    return f"; did you mean '{match}'?" if match else ""
