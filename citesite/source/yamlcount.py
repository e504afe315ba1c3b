"""Counting a YAML text's values from its parser's events, stopping at a limit, before anything is composed.

Composing the whole node tree first takes seconds for a 50,000-row table; the C parser's events alone
come several times faster, and counting stops at the limit. Values are counted as the constructor in
citesite/source/yamlfile.py counts them (each list item and each mapping value).
"""

from __future__ import annotations

from collections.abc import Callable

import yaml

_Parser: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_OTHER, _END, _NODE, _MAPPING, _SEQUENCE = range(5)
_EVENT_KINDS = {
    yaml.ScalarEvent: _NODE,
    yaml.AliasEvent: _NODE,
    yaml.MappingStartEvent: _MAPPING,
    yaml.SequenceStartEvent: _SEQUENCE,
    yaml.MappingEndEvent: _END,
    yaml.SequenceEndEvent: _END,
}


def line_past_limit(text: str, limit: int) -> int | None:
    """The 1-based line of the value that takes the count past limit, or None (also for a YAML error,
    which the full load reports in its own words)."""
    parser = _Parser(text)
    kinds = _EVENT_KINDS
    mappings: list[bool] = []  # each open list or mapping: whether it is a mapping
    keys: list[bool] = []  # for each, whether its next child is a key
    count = 0
    get_event: Callable[[], yaml.Event | None] = parser.get_event  # typed here: the stubs leave it untyped
    try:
        while (event := get_event()) is not None:
            kind = kinds.get(type(event), _OTHER)
            if kind == _OTHER:
                continue
            if kind == _END:
                mappings.pop()
                keys.pop()
                continue
            is_key = False
            if mappings and mappings[-1]:
                is_key = keys[-1]
                keys[-1] = not is_key
            if mappings and not is_key:
                count += 1
                if count > limit:
                    mark = event.start_mark
                    return mark.line + 1 if mark is not None else 1
            if kind != _NODE:
                mappings.append(kind == _MAPPING)
                keys.append(True)
    except yaml.YAMLError:
        return None
    finally:
        parser.dispose()
    return None
