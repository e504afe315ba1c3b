"""Files beside a page: which files under content/ a page may link and publish, found by one walk."""

from __future__ import annotations

import functools
import hashlib
import posixpath
from collections.abc import Iterable

from citesite.source.walk import walk

# What a page may show or offer for download; pages (.md) and data (.yaml) are sources, never copied.
ALLOWED_SUFFIXES = (
    "svg", "png", "jpg", "jpeg", "gif", "webp", "avif", "pdf", "csv", "tsv", "txt", "json", "zip", "gz", "xlsx",
    "ods", "mp3", "mp4",
)  # fmt: skip
ALLOWED = frozenset(ALLOWED_SUFFIXES)
ALLOWED_TEXT = ", ".join(ALLOWED_SUFFIXES)

FileStamps = dict[str, tuple[int, int]]  # content-relative path -> (size, mtime_ns)


def suffix_of(path: str) -> str:
    """The lower-case suffix of a path's last part without its dot ('' when it has none)."""
    name = posixpath.basename(path)
    stem, dot, suffix = name.rpartition(".")
    return suffix.lower() if dot and stem.strip(".") else ""


def is_page_file(rel: str) -> bool:
    """Whether a content-relative path may be published beside its page (its name alone decides)."""
    parts = rel.split("/")
    return (
        suffix_of(rel) in ALLOWED
        and parts[0] != "data"
        and not any(part.startswith(".") for part in parts)
        and _utf8(rel)
    )


def path_problem(rel: str, written: str) -> str | None:
    """Why a link to the content-relative path rel (as written in the page) cannot be a file beside the page."""
    parts = rel.split("/")
    if rel == ".." or rel.startswith("../") or rel.startswith("/"):
        return f"file '{written}' is outside content/; put the file in content/ beside the page and link it from there"
    if any(part.startswith(".") for part in parts):
        return f"file '{written}' is hidden (a name starting with '.'); rename it without the leading '.'"
    suffix = suffix_of(rel)
    if suffix == "md":
        return None  # a page link: not a file
    if suffix in ("yaml", "yml"):
        return f"'{written}' is a data file, not a file to publish; show its table with '::: table NAME'"
    if parts[0] == "data":
        return f"'{written}' is in content/data/, which holds the site's data; move the file beside the page"
    if suffix not in ALLOWED:
        return (
            f"'{written}': '.{suffix}' files are not published beside a page (allowed: {ALLOWED_TEXT}); "
            "save it as one of those, or put it in static/ and link it from the site root"
        )
    return None


def page_file_stamps(entries: Iterable[tuple[str, int, int]]) -> FileStamps:
    """The files a page may publish, from the input scan's (project-relative path, size, mtime_ns)."""
    return {
        path[8:]: (size, mtime) for path, size, mtime in entries if path[:8] == "content/" and is_page_file(path[8:])
    }


def scan_page_files(content_dir: str) -> FileStamps:
    """The files a page may publish, found by walking content/ (when no input scan is at hand)."""
    found: list[tuple[str, int, int]] = []
    for rel, entry in walk(content_dir, skip_hidden=True, skip_unreadable=True):
        if not is_page_file(rel) or entry.is_dir(follow_symlinks=False):
            continue
        try:
            info = entry.stat()
        except OSError:
            continue
        found.append(("content/" + rel, info.st_size, info.st_mtime_ns))
    return page_file_stamps(sorted(found))


@functools.lru_cache(maxsize=1024)
def content_hash(path: str, size: int, mtime_ns: int) -> str | None:
    """A hash of a file's bytes (keyed by its stat, so a file is read once per change), or None if unreadable."""
    try:
        with open(path, "rb") as file:  # noqa: PTH123 (a str path: pathlib's overhead per file)
            return hashlib.sha256(file.read()).hexdigest()[:32]
    except OSError:
        return None


def _utf8(name: str) -> bool:
    try:
        name.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True
