"""'Did you mean' for a name that is not known: the closest known one, if any is close."""

from __future__ import annotations

import difflib
from collections.abc import Callable, Iterable

# difflib's similarity ratio for a typo: 'adult' ~ 'adults' (0.91), 'uls' ~ 'ul' (0.8), not 'delta' ~ 'beta' (0.6).
CUTOFF = 0.75


def closest(name: str, choices: Iterable[str], cutoff: float = CUTOFF) -> str | None:
    """The known name most like name, or None when none is close enough to be a typo."""
    found = difflib.get_close_matches(name, sorted(set(choices)), n=1, cutoff=cutoff)
    return found[0] if found else None


def did_you_mean(name: str, choices: Iterable[str], written: Callable[[str], str] | None = None) -> str:
    """The text "; did you mean 'x'?" to append to a message about an unknown name ('' when nothing is close).

    written: how the editor would write the match where the name was (e.g. a path relative to the page).
    """
    match = closest(name, choices)
    if match is None:
        return ""
    return f"; did you mean '{written(match) if written else match}'?"
