"""Reading one file of content/data (or content/LANG/data): its name checked, its YAML parsed with lines."""

from __future__ import annotations

import hashlib
import re
from pathlib import Path
from typing import Any

from citesite.errors import Problems, SiteError, cannot_read
from citesite.source.walk import symlink_problem
from citesite.source.yamlfile import load_yaml

REFERENCES_FILE = "references.yaml"
GLOSSARY_FILE = "glossary.yaml"
_TABLE_NAME = re.compile(r"^[\w-]+$")  # what '::: table NAME' and '{{ NAME.row.column }}' can name


def usable_data_file(path: Path, root: Path, shown: str, problems: Problems) -> bool:
    """False (with the problem recorded) for a symlink that cannot be used or a name no directive can use."""
    link_problem = symlink_problem(path, root) if path.is_symlink() else None
    if link_problem:
        problems.error(link_problem, shown)
        return False
    if path.name not in (REFERENCES_FILE, GLOSSARY_FILE) and not _TABLE_NAME.match(path.stem):
        problems.error(
            "a data file's name may only have letters, digits, '-' and '_', so '::: table NAME' can place it; rename it",
            shown,
        )
        return False
    return True


def read_data_yaml(path: Path, shown: str, problems: Problems) -> tuple[Any, str] | None:
    """The file's YAML and the SHA-256 of its bytes, or None (with the problem recorded)."""
    try:
        raw = path.read_bytes()
    except OSError as exc:
        problems.error(cannot_read(exc), shown)
        return None
    try:
        text = raw.decode("utf-8-sig").replace("\r\n", "\n")
    except UnicodeDecodeError as exc:
        problems.error("not UTF-8 text; save the file as UTF-8", shown, raw[: exc.start].count(b"\n") + 1)
        return None
    try:
        return load_yaml(text, shown), hashlib.sha256(raw).hexdigest()
    except SiteError as exc:
        problems.add(exc)
    return None
