"""Build the benchmark corpus with other generators, where installed (pip install -e '.[bench]')."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path


def _bin(name: str) -> str | None:
    local = Path(sys.executable).parent / name
    return str(local) if local.exists() else shutil.which(name)


def _articles(root: Path) -> list[tuple[str, dict[str, str], str]]:
    """(file name, front matter as text values, body) of every generated article."""
    found = []
    for path in sorted((root / "content/articles").glob("*.md")):
        _, meta_text, body = path.read_text(encoding="utf-8").split("---\n", 2)
        meta = dict(line.split(": ", 1) for line in meta_text.strip().splitlines())
        found.append((path.name, meta, body))
    return found


def prepare_mkdocs(root: Path, work: Path, theme: str = "mkdocs", plugins: str = "[]") -> list[str] | None:
    """An MkDocs project of the same pages (minimal theme, no search), and the command that builds it."""
    mkdocs = _bin("mkdocs")
    if mkdocs is None:
        return None
    docs = work / "docs"
    docs.mkdir(parents=True)
    (docs / "index.md").write_text("# Home\n\nGenerated site.\n", encoding="utf-8")
    for name, meta, body in _articles(root):
        (docs / name).write_text(f"# {meta['title']}\n\n{body}", encoding="utf-8")
    config = (
        f"site_name: Benchmark\nuse_directory_urls: true\ntheme:\n  name: {theme}\n  locale: en\nplugins: {plugins}\n"
        "markdown_extensions: [tables, toc, footnotes, attr_list, abbr, admonition, def_list, smarty]\n"
    )
    (work / "mkdocs.yml").write_text(config, encoding="utf-8")
    return [mkdocs, "build", "-q", "-f", str(work / "mkdocs.yml"), "-d", str(work / "site")]


def prepare_pelican(root: Path, work: Path) -> list[str] | None:
    """A Pelican project of the same pages (default theme), and the command that builds it."""
    pelican = _bin("pelican")
    if pelican is None:
        return None
    content = work / "content"
    content.mkdir(parents=True)
    for name, meta, body in _articles(root):
        header = f"Title: {meta['title']}\nDate: 2026-11-01\nSummary: {meta['summary']}\n\n"
        (content / name).write_text(header + body, encoding="utf-8")
    settings = (
        "SITENAME = 'Benchmark'\nTIMEZONE = 'UTC'\nDEFAULT_LANG = 'en'\nFEED_ALL_ATOM = None\nCATEGORY_FEED_ATOM = None\n"
        "MARKDOWN = {'extension_configs': {'markdown.extensions.tables': {}, 'markdown.extensions.toc': {},"
        " 'markdown.extensions.footnotes': {}, 'markdown.extensions.attr_list': {}, 'markdown.extensions.smarty': {}},"
        " 'output_format': 'html5'}\nLOAD_CONTENT_CACHE = False\nDEFAULT_PAGINATION = 10\n"
    )
    (work / "pelicanconf.py").write_text(settings, encoding="utf-8")
    return [pelican, str(content), "-o", str(work / "output"), "-s", str(work / "pelicanconf.py"), "-q"]


def prepare_mkdocs_search(root: Path, work: Path) -> list[str] | None:
    """MkDocs with its default theme and its search plugin (it grows as N squared: not run at 10,000)."""
    return prepare_mkdocs(root, work, theme="mkdocs", plugins="[search]")


PEERS = {"MkDocs 1.6 (minimal theme, no search)": prepare_mkdocs, "Pelican 4": prepare_pelican}
SEARCH_PEERS = {"MkDocs 1.6 (default theme + search)": prepare_mkdocs_search}


def build_peers(root: Path, measure, with_search: bool = False) -> dict[str, tuple[float, float]]:  # type: ignore[no-untyped-def]
    """Cold build of the corpus with each installed peer: {name: (seconds, peak MiB)}."""
    results = {}
    peers = {**PEERS, **(SEARCH_PEERS if with_search else {})}
    for name, prepare in peers.items():
        work = root.parent / f"{root.name}-{prepare.__name__}"
        shutil.rmtree(work, ignore_errors=True)
        command = prepare(root, work)
        if command is None:
            continue
        try:
            results[name] = measure(command, work)[:2]
        except (SystemExit, subprocess.SubprocessError) as exc:
            print(f"{name}: failed: {exc}", file=sys.stderr)
        shutil.rmtree(work, ignore_errors=True)
    return results
