"""The output works under a subpath: serve _site at /sub/path/ and fetch every link and asset."""

from __future__ import annotations

import functools
import http.server
import re
import threading
import urllib.error
import urllib.request
from pathlib import Path
from urllib.parse import urljoin, urlsplit

from conftest import article, page

PREFIX = "/sub/path/"


class _SubpathHandler(http.server.SimpleHTTPRequestHandler):
    def translate_path(self, path: str) -> str:
        if not path.startswith(PREFIX):
            return str(Path(self.directory) / "__missing__")
        return super().translate_path("/" + path[len(PREFIX) :])

    def log_message(self, *args: object) -> None:
        pass


def crawl(out: Path) -> tuple[set[str], list[str]]:
    """Fetch every page reachable from the home page; return the URLs seen and the broken ones."""
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_SubpathHandler, directory=str(out)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}{PREFIX}"
    seen: set[str] = set()
    broken: list[str] = []
    queue = [base]
    try:
        while queue:
            url = queue.pop()
            if url in seen:
                continue
            seen.add(url)
            try:
                with urllib.request.urlopen(url) as response:
                    body = response.read().decode("utf-8", "replace")
                    kind = response.headers.get("Content-Type", "")
            except urllib.error.HTTPError as exc:
                broken.append(f"{url} {exc.code}")
                continue
            if "html" not in kind:
                continue
            for link in re.findall(r'(?:href|src)="([^"]+)"', body):
                target = urljoin(url, link).split("#")[0]
                if urlsplit(target).netloc == urlsplit(base).netloc:
                    assert urlsplit(target).path.startswith(PREFIX), f"{url} links outside the subpath: {link}"
                    queue.append(target)
    finally:
        server.shutdown()
        server.server_close()
    return seen, broken


def test_every_link_and_asset_resolves_under_a_subpath(make_site, run_build):
    root = make_site(
        {
            "content/articles/a.md": article("A", "[b](b.md#part) [about](../pages/about.md)\n"),
            "content/articles/b.md": article("B", "## Part\n\n[home](../index.md)\n"),
            "content/pages/about.md": page("About", "[a](../articles/a.md)\n"),
            "static/img/x.svg": "<svg></svg>\n",
        }
    )
    assert run_build(root).code == 0
    seen, broken = crawl(root / "_site")
    assert broken == []
    paths = {urlsplit(u).path for u in seen}
    assert {PREFIX, PREFIX + "articles/a/", PREFIX + "articles/b/", PREFIX + "about/"} <= paths
    assert any(p.startswith(PREFIX + "css/site.") for p in paths)
