"""Links to files beside a page: resolved against the page's own folder under content/, checked, recorded.

content/episodes/01-intro.md linking 'fig/01-intro.svg' shows content/episodes/fig/01-intro.svg, published
once at episodes/fig/01-intro.svg whatever the page's own URL. The page asks the SiteIndex for the file's
hash (PAGE_FILE): that answer is what the build cache compares, so a changed figure rebuilds its pages only,
and the files a page asked for are the files the build publishes (citesite.render.site.write_page_files).
"""

from __future__ import annotations

import posixpath
from collections.abc import Callable
from urllib.parse import quote

from citesite.markdown.state import OUTPUT_URL, PAGE_FILE, PageState, SiteIndex
from citesite.markdown.svg import UNSAFE_SVG, strip_prologue
from citesite.source.pagefiles import ALLOWED, path_problem, suffix_of
from citesite.source.suggest import did_you_mean


def page_file_link(
    index: SiteIndex, state: PageState, path: str, fragment: str, href: str, line: Callable[[], int]
) -> str | None:
    """The href for a relative link to a file beside the page (reporting what is wrong with it), or None
    when the link names no file: a folder, a page, or what the site publishes at that address already
    (a static file linked from the page's URL, as before files could sit beside pages)."""
    suffix = suffix_of(path)
    if not suffix or suffix == "md":
        return None
    rel = posixpath.normpath(posixpath.join(posixpath.dirname(state.rel_path), path))
    if rel not in index.page_files and _published_from_url(index, state, path):
        return None
    problem = path_problem(rel, path)
    if problem:
        state.error(problem + (_near(index, rel, state) if suffix not in ALLOWED else ""), href, line())
        return href
    if state.ask(index, PAGE_FILE + rel) is None:
        near = _near(index, rel, state)
        state.error(
            f"link to a missing file '{path}' (looked for content/{rel}); check the file name{near}", href, line()
        )
        return href
    problem = _file_problem(index, rel)
    if problem:
        state.error(problem, href, line())
        return href
    return state.link_to(quote(rel, safe="/") + ("#" + fragment if fragment else ""))


def _published_from_url(index: SiteIndex, state: PageState, path: str) -> bool:
    """Whether the site publishes a file at the address the link names when read from the page's URL."""
    base = state.url if state.url.endswith("/") else posixpath.dirname(state.url)
    site_path = posixpath.normpath(posixpath.join(base, path))
    return not site_path.startswith("..") and state.ask(index, OUTPUT_URL + site_path) is not None


def _near(index: SiteIndex, rel: str, state: PageState) -> str:
    """'; did you mean ...' for the file beside a page most like rel, written as the page would link it.

    File names are compared, not paths: the files of one lesson share 'episodes/fig/', which would make any
    two alike. Of files with the name found, the one in the folder asked for comes first.
    """
    by_name: dict[str, list[str]] = {}
    for known in sorted(index.page_files):
        by_name.setdefault(posixpath.basename(known), []).append(known)
    folder, page_folder = posixpath.dirname(rel), posixpath.dirname(state.rel_path) or "."

    def written(match: str) -> str:
        found = [known for known in by_name[match] if posixpath.dirname(known) == folder] or by_name[match]
        return posixpath.relpath(found[0], page_folder)

    return did_you_mean(posixpath.basename(rel), by_name, written)


def _file_problem(index: SiteIndex, rel: str) -> str | None:
    """Why the file at content/rel cannot be published: a link out of the project, or an unsafe SVG."""
    content = index.figures_dir.parent  # figures_dir is content/figures
    path = content / rel
    if path.is_symlink() and not path.resolve().is_relative_to(content.resolve().parent):
        return f"content/{rel} is a symlink out of the project; copy the file in instead"
    if suffix_of(rel) != "svg":
        return None
    try:
        svg = path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError:
        return f"cannot read content/{rel}: it is not UTF-8 text; save it as UTF-8"
    except OSError as exc:
        return f"cannot read content/{rel}: {(exc.strerror or str(exc)).lower()}; check that it is a readable file"
    if UNSAFE_SVG.search(strip_prologue(svg)):
        return f"content/{rel} contains a script, an event handler or a link to another file; remove it"
    return None
