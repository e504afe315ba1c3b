"""Browser checks of the real site: built once, indexed by Pagefind, served under a subpath, read by Chromium."""

from __future__ import annotations

import fcntl
import functools
import http.server
import os
import shutil
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from citesite.build import build
from citesite.options import BuildOptions
from citesite.search import index_site

ROOT = Path(__file__).resolve().parents[2]
# The browser to drive: CHROME_PATH where Debian's chromium is not the one to use (GitHub's runners, whose
# apt chromium is a snap that cannot start there, use Playwright's own or the preinstalled Chrome).
CHROMIUM = Path(os.environ.get("CHROME_PATH") or "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
SUBPATH = "/some/sub/path/"
MISSING_PAGE = "articles/no-such-page/"  # served as the site's 404 page, as GitHub Pages does
SEARCH_QUERY_PAGE = "search/?q=osteoclast"


def need_chromium() -> None:
    """Skip, loudly, where Chromium is missing (CI always has it)."""
    if not CHROMIUM.is_file():
        pytest.skip(
            f"BROWSER TESTS SKIPPED: {CHROMIUM} is missing; install it with: apt-get install chromium,"
            " or set CHROME_PATH to a Chromium or Chrome"
        )


class _SubpathHandler(http.server.SimpleHTTPRequestHandler):
    """Serves the site only under SUBPATH; a missing file gets the site's 404.html with status 404."""

    def translate_path(self, path: str) -> str:
        clean = path.split("?", 1)[0].split("#", 1)[0]
        if not clean.startswith(SUBPATH):
            return str(Path(self.directory) / ".outside-the-subpath")
        return super().translate_path("/" + clean[len(SUBPATH) :])

    def send_error(self, code: int, message: str | None = None, explain: str | None = None) -> None:
        page = Path(self.directory) / "404.html"
        if code != 404 or not page.is_file():
            super().send_error(code, message, explain)
            return
        body = page.read_bytes()
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def log_message(self, format: str, *args: Any) -> None:
        """Quiet: pytest shows failures, not access logs."""


@pytest.fixture(scope="session")
def built_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The real site, built once with its search index for the whole run, whichever worker asks first."""
    base = tmp_path_factory.getbasetemp()
    # pytest-xdist gives each worker a folder inside the run's own: the run's folder is shared by its workers only.
    shared = base.parent if os.environ.get("PYTEST_XDIST_WORKER") else base
    out, done = shared / "browser-site" / "_site", shared / "browser-site" / "built"
    out.parent.mkdir(exist_ok=True)
    with (out.parent / "lock").open("w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)  # the other workers wait for the one build, then read it
        if not done.exists():
            # The 404 page links from the site root, so the build must know the subpath it is served under.
            build(ROOT, BuildOptions(out=out, base_url="https://example.org" + SUBPATH))
            if not (out / "pagefind" / "pagefind.js").is_file():  # a build run without its search step
                index_site(out)
            done.touch()
    return out


@pytest.fixture(scope="session")
def base_url(built_site: Path) -> Iterator[str]:
    """http://127.0.0.1:PORT/some/sub/path/ serving the built site from a thread."""
    handler = functools.partial(_SubpathHandler, directory=str(built_site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}{SUBPATH}"
    server.shutdown()
    server.server_close()
    thread.join()


@pytest.fixture(scope="session")
def page_paths(built_site: Path) -> list[str]:
    """Every page's path under the site root ('' for the home page), search index excluded."""
    paths = []
    for file in sorted(built_site.rglob("*.html")):
        rel = file.relative_to(built_site).as_posix()
        if rel.startswith("pagefind/"):
            continue
        paths.append(rel[: -len("index.html")] if rel.endswith("index.html") else rel)
    return paths


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    """One Chromium for the whole session."""
    need_chromium()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


def java_or_skip() -> str:
    """The java command; skip loudly without it."""
    java = shutil.which("java")
    if java is None:
        pytest.skip("HTML CHECK SKIPPED: java is missing; install it with: apt-get install default-jre-headless")
    return java
