"""Site-relative URLs: making them from source paths and turning them into page-relative links."""

from __future__ import annotations

import posixpath

PAGES_DIR = "pages"  # content/pages/about.md is published at about/, not pages/about/


def url_for_source(rel_path: str, slug: str | None = None) -> str:
    """The site-relative URL of a source ('' is the home page; pretty URLs end in '/')."""
    stem = rel_path[: -len(".md")]
    if stem == "404":
        return "404.html"
    parts = stem.split("/")
    if parts[0] == PAGES_DIR and len(parts) > 1:
        parts = parts[1:]
    if parts[-1] == "index":
        parts = parts[:-1]
    elif slug:
        parts[-1] = slug
    return "/".join(parts) + "/" if parts else ""


def dest_for_url(url: str) -> str:
    """The output file for a URL: pretty URLs become folder/index.html."""
    if url == "" or url.endswith("/"):
        return url + "index.html"
    return url


def relative_url(from_url: str, to_url: str) -> str:
    """A link from the page at from_url to to_url, both site-relative, that works at any base path."""
    target, hash_sign, fragment = to_url.partition("#")
    suffix = hash_sign + fragment
    if target == from_url and suffix:
        return suffix
    # String arithmetic, not posixpath.relpath: it runs for every link of every page, and relpath calls getcwd.
    folders = from_url.split("/")[:-1]  # 'articles/x/' -> ['articles', 'x']; '404.html' -> []
    parts = target.split("/")
    shared = 0
    while shared < len(folders) and shared < len(parts) - 1 and folders[shared] == parts[shared]:
        shared += 1
    rel = "../" * (len(folders) - shared) + "/".join(parts[shared:])
    return (rel or "./") + suffix


def resolve_source_link(from_rel: str, href_path: str) -> str:
    """The content-relative path that a Markdown link like '../articles/pth.md' points at."""
    joined = posixpath.normpath(posixpath.join(posixpath.dirname(from_rel), href_path))
    return joined
