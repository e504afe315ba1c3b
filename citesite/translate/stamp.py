"""The stamp beside a translation: the exact blocks of the original it translates, and their hash, as JSON."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any, NamedTuple

from citesite.translate.blocks import Block, blocks_hash

STAMP_SUFFIX = ".stamp.json"  # content/es/articles/x.md -> content/es/articles/x.stamp.json
FORMAT = 1
MAX_STAMP_BYTES = 2 * 1024 * 1024  # a stamp is a page's text: a bigger file is not one


class Stamp(NamedTuple):
    """What a translation was made from: the original's path, its blocks and hash, and the day it was stamped."""

    original: str  # the original's path under the project: content/articles/x.md
    hash: str
    stamped: dt.date
    blocks: list[Block]


def stamp_path(translation: Path) -> Path:
    """Where the stamp of a translation lives: beside it, with the same name."""
    return translation.with_name(translation.name.removesuffix(".md") + STAMP_SUFFIX)


def stamp_text(original: str, blocks: list[Block], today: dt.date) -> str:
    """The stamp file's text: sorted keys, one block a line, so a diff of it reads like the page's."""
    rows = ",\n".join("  " + json.dumps(list(block), ensure_ascii=False) for block in blocks)
    head = json.dumps(
        {"format": FORMAT, "original": original, "hash": blocks_hash(blocks), "stamped": today.isoformat()},
        ensure_ascii=False,
        sort_keys=True,
    )
    return head[:-1] + ', "blocks": [\n' + rows + "\n]}\n"


def read_stamp(path: Path) -> Stamp | str | None:
    """The stamp at path; None when there is none; a reason when it cannot be used (it is input: checked, not trusted)."""
    if path.is_symlink():  # read only from inside the project: a link may lead anywhere
        return "the stamp is a symlink; delete it and stamp again"
    try:
        if path.stat().st_size > MAX_STAMP_BYTES:
            return "the stamp is too large to be one"
        data: Any = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return None
    except (OSError, UnicodeDecodeError, ValueError):
        return "the stamp is not readable JSON"
    try:
        blocks = [
            Block(str(kind), str(section), int(number), str(text)) for kind, section, number, text in data["blocks"]
        ]
        stamp = Stamp(str(data["original"]), str(data["hash"]), dt.date.fromisoformat(data["stamped"]), blocks)
    except (KeyError, TypeError, ValueError):
        return "the stamp is not in the form 'translate stamp' writes"
    if stamp.hash != blocks_hash(blocks):
        return "the stamp's blocks do not match its hash (was it edited by hand?)"
    return stamp
