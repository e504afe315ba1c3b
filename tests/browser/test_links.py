"""Every link and asset on every page resolves under the subpath, and every same-site #anchor exists."""

from __future__ import annotations

import html.parser
import urllib.error
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from urllib.parse import urldefrag, urljoin, urlsplit

from .conftest import MISSING_PAGE, SUBPATH

ATTRIBUTES = {"href", "src", "action", "data-bundle", "data-root"}


class _Collector(html.parser.HTMLParser):
    """The URLs a page refers to, and the ids it defines."""

    def __init__(self) -> None:
        super().__init__()
        self.urls: list[str] = []
        self.ids: set[str] = set()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            if name == "id" and value:
                self.ids.add(value)
            elif name in ATTRIBUTES and value is not None:
                self.urls.append(value + ("pagefind.js" if name == "data-bundle" else ""))


def fetch(url: str) -> tuple[int, str]:
    """Status and body of a GET."""
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return response.status, response.read().decode("utf-8", "replace")
    except urllib.error.HTTPError as exc:  # a 404 page still has links to check
        with exc:
            return exc.code, exc.read().decode("utf-8", "replace")


def test_every_link_and_asset_resolves(base_url: str, page_paths: list[str]) -> None:
    origin = "{0.scheme}://{0.netloc}".format(urlsplit(base_url))
    pages = [base_url + path for path in page_paths] + [base_url + MISSING_PAGE]
    with ThreadPoolExecutor(8) as pool:
        bodies = dict(zip(pages, pool.map(fetch, pages), strict=True))
    targets: dict[str, set[str]] = {}  # URL without fragment -> fragments wanted
    linked_from: dict[str, str] = {}
    for page, (_, body) in bodies.items():
        collector = _Collector()
        collector.feed(body)
        missing_here = [raw for raw in collector.urls if raw.startswith("#") and raw[1:] not in collector.ids]
        assert missing_here == [], f"{page}: links to missing anchors {missing_here}"
        for raw in collector.urls:
            if raw.startswith("#"):
                continue  # checked against this page's own ids above
            absolute = urljoin(page, raw)
            if not absolute.startswith(origin):
                continue  # other sites are not fetched: the tests never leave this machine
            assert urlsplit(absolute).path.startswith(SUBPATH), f"{page}: {raw} leaves the subpath"
            url, fragment = urldefrag(absolute)
            targets.setdefault(url, set())
            linked_from.setdefault(url, f"{page.removeprefix(base_url) or '/'} ({raw})")
            if fragment:
                targets[url].add(fragment)
    with ThreadPoolExecutor(8) as pool:
        results = dict(zip(targets, pool.map(fetch, targets), strict=True))
    broken = sorted(
        f"{url.removeprefix(base_url)}: HTTP {status}, linked from {linked_from[url]}"
        for url, (status, _) in results.items()
        if status != 200
    )
    assert broken == []
    missing = []
    for url, fragments in targets.items():
        collector = _Collector()
        collector.feed(results[url][1])
        missing += [f"{url}#{f}" for f in sorted(fragments - collector.ids)]
    assert missing == []
    assert len(targets) > len(page_paths)
