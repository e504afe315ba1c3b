"""What Python-Markdown's registries know but do not say in their public API."""

from __future__ import annotations

from typing import Any

from markdown.util import Registry


def registered_priority(registry: Registry[Any], name: str) -> float:
    """The priority an item was registered with (the registry keeps it only in a private list)."""
    items = getattr(registry, "_priority")  # noqa: B009 (not in the type stubs)
    return float(next(item.priority for item in items if item.name == name))
