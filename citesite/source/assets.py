"""A static file as the build publishes it: the record the model, the plan and the templates share.

Finding the files and naming them by their published bytes is publishing's part (citesite/render/assets.py).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Asset:
    """One static file: where it is, its logical name and its published name."""

    source: Path
    name: str  # 'css/site.css', as templates ask for it
    dest: str  # 'css/site.3f9a1c2b.css', as it is published
