"""Static files: copied as they are, except CSS and JS, which get content-hashed names."""

from __future__ import annotations

import base64
import functools
import hashlib
import re
from pathlib import Path

from citesite.errors import Problems, SiteError
from citesite.source.assets import Asset as Asset  # render/context.py imports it from here too
from citesite.source.walk import symlink_problem

HASHED_SUFFIXES = {".css", ".js"}  # referenced through asset(): a changed file gets a new name
# Strings are kept as they are; comments go; whitespace collapses, and disappears around { } ; , and after ':';
# the ';' before a '}' goes too. Never before ':' ('a :hover' is not 'a:hover') nor
# around '+' (calc() needs those spaces).
_CSS_TOKENS = re.compile(
    r"(\"(?:\\.|[^\"\\])*\"|'(?:\\.|[^'\\])*')|/\*.*?\*/|\s*;[\s;]*(?=})|\s*([{};,])\s*|(:)\s+|\s+", re.DOTALL
)


def minify_css(text: str) -> str:
    """The stylesheet without comments and needless whitespace; what it means is unchanged."""

    def keep(match: re.Match[str]) -> str:
        string, punctuation, colon = match.groups()
        if string:
            return string
        if punctuation:
            return punctuation
        if colon:
            return colon
        if match.group(0).startswith("/*") or ";" in match.group(0):
            return ""
        return " "

    # A removed comment can leave a space beside a brace ('} @media'); a second pass takes it away.
    return _CSS_TOKENS.sub(keep, _CSS_TOKENS.sub(keep, text)).strip() + "\n"


def _is_one_comment(code: str) -> bool:
    """Whether a stripped line is one /* … */ comment and nothing else."""
    return code.startswith("/*") and code.endswith("*/") and code.count("*/") == 1


def strip_js(text: str) -> str:
    """The script without indentation, blank lines and comments that fill whole lines; what it means is unchanged.

    Only whole lines go, and outside a comment a line starting with '//' or '/*' is always a comment. When that
    cannot be told line by line (a template literal, a string continued over lines, a comment that closes
    before code, a line that opens a comment it does not close) the script is published as it is.
    """
    if "`" in text or re.search(r"\\\r?\n", text):
        return text
    kept: list[str] = []
    in_comment = False
    for line in text.splitlines():
        code = line.strip()
        if in_comment:
            if "*/" in code:
                if code[code.index("*/") + 2 :].strip():
                    return text
                in_comment = False
        elif code.startswith("/*") and "*/" not in code[2:]:
            in_comment = True
        elif not code or code.startswith("//") or _is_one_comment(code):
            continue
        elif code.count("/*") != code.count("*/"):
            return text
        else:
            kept.append(code)
    return "\n".join(kept) + "\n"


def published_bytes(asset: Asset) -> bytes | None:
    """What to publish for an asset when it is not a plain copy (stylesheets and scripts are made smaller)."""
    return _made_smaller(asset.source)


def _made_smaller(path: Path) -> bytes | None:
    """A stylesheet minified or a script stripped; None for any other file."""
    if path.suffix not in HASHED_SUFFIXES:
        return None
    info = path.stat()
    return _smaller(str(path), info.st_size, info.st_mtime_ns)


# Keyed by size and time like the build's own record of its inputs: the name and the published file need the
# same bytes, and minifying this site's stylesheet once costs about 10 ms (the preview server saves it each time).
@functools.lru_cache(maxsize=64)
def _smaller(path: str, size: int, mtime_ns: int) -> bytes:
    text = Path(path).read_text(encoding="utf-8")
    return (minify_css(text) if path.endswith(".css") else strip_js(text)).encode("utf-8")


def inline_style(asset: Asset) -> tuple[str, str]:
    """A stylesheet as a page's own <style> text, and the CSP source that allows exactly it ('sha256-…').

    For the 404 page, which a host serves at any address: its linked files may not be found from there.
    """
    if asset.source.suffix != ".css":
        raise SiteError(f"inline_style('{asset.name}'): only a stylesheet (.css) can be inlined")
    text = (published_bytes(asset) or b"").decode("utf-8")
    if "</style" in text.lower():
        raise SiteError(f"inline_style('{asset.name}'): the stylesheet contains '</style'; remove it")
    digest = base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode("ascii")
    return text, f"'sha256-{digest}'"


def collect_assets(static_dir: Path, problems: Problems, theme_dir: Path | None = None) -> dict[str, Asset]:
    """Every file under static/, then the theme's files static/ does not replace; sorted, CSS and JS hashed."""
    assets = _collect(static_dir, problems)
    if theme_dir is not None:
        # The theme is part of the installed package, not of the site: its files are trusted as the code is.
        for name, asset in _collect(theme_dir, Problems()).items():
            assets.setdefault(name, asset)
    return dict(sorted(assets.items()))


def _collect(static_dir: Path, problems: Problems) -> dict[str, Asset]:
    """Every file under one static folder, with hashed names for CSS and JS."""
    assets: dict[str, Asset] = {}
    if not static_dir.is_dir():
        return assets
    root = static_dir.resolve()
    for path in sorted(static_dir.rglob("*")):
        rel = path.relative_to(static_dir).as_posix()
        if any(part.startswith(".") for part in path.relative_to(static_dir).parts) or path.is_dir():
            continue
        link_problem = symlink_problem(path, root.parent) if path.is_symlink() else None
        if link_problem:
            problems.error(link_problem, f"static/{rel}")
            continue
        dest = rel
        if path.suffix in HASHED_SUFFIXES:
            # The name comes from the published bytes: a changed comment or indent keeps the name readers cached.
            try:
                digest = hashlib.sha256(_made_smaller(path) or b"").hexdigest()[:8]
            except OSError as exc:
                problems.error(f"cannot read this file: {(exc.strerror or str(exc)).lower()}", f"static/{rel}")
                continue
            except UnicodeDecodeError:
                problems.error("this file is not UTF-8 text; save it as UTF-8", f"static/{rel}")
                continue
            dest = f"{rel[: -len(path.suffix)]}.{digest}{path.suffix}"
        assets[rel] = Asset(path, rel, dest)
    return assets
