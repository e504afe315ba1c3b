"""Page weight: what each page costs a reader before search is used (HTML + CSS + JS + images, uncompressed).

    python benchmarks/weight.py              # builds the site (with its search index) into a temporary folder
    python benchmarks/weight.py --site _site # measures an existing build

Targets, in bytes (1 kB = 1,000 bytes, as a reader reads "kB"): every page < 70 kB, CSS < 24 kB and JS < 12 kB
per page until search runs. Also shows, for
information, what the first search downloads (Pagefind's script, WebAssembly, metadata, one index chunk and
the result fragments). Exit code 1 when a target is missed.
"""

from __future__ import annotations

import argparse
import html.parser
import sys
import tempfile
from pathlib import Path
from urllib.parse import urljoin, urlsplit

ROOT = Path(__file__).resolve().parents[1]
PAGE_LIMIT, CSS_LIMIT, JS_LIMIT = 70_000, 24_000, 12_000  # bytes; tests/test_asset_size.py holds them
KB = 1000  # sizes are shown in kB of 1,000 bytes, the unit the targets are written in


class _Refs(html.parser.HTMLParser):
    """The CSS, JS and images a page loads before anyone interacts with it."""

    def __init__(self) -> None:
        super().__init__()
        self.css: list[str] = []
        self.js: list[str] = []
        self.images: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        rel = a.get("rel", "").split()
        if tag == "link" and "stylesheet" in rel:
            self.css.append(a["href"])
        elif tag == "link" and "icon" in rel:
            self.images.append(a["href"])
        elif tag == "script" and a.get("src"):
            self.js.append(a["src"])
        elif tag == "img" and a.get("src"):
            self.images.append(a["src"])


def _size(site: Path, page_url: str, ref: str) -> int:
    """Bytes of a same-site file referenced from a page (0 for anything else)."""
    absolute = urlsplit(urljoin("http://site.invalid/" + page_url, ref))
    if absolute.netloc != "site.invalid":
        return 0
    parts = absolute.path.lstrip("/").split("/")
    # The 404 page links from the site root ('/base-path/css/…'): drop leading folders until the file is found.
    for start in range(len(parts)):
        path = site.joinpath(*parts[start:])
        if absolute.path.endswith("/"):
            path = path / "index.html"
        if path.is_file():
            return path.stat().st_size
    return 0


def measure(site: Path) -> list[tuple[str, int, int, int, int]]:
    """(page, html, css, js, images) bytes for every page."""
    rows = []
    for file in sorted(site.rglob("*.html")):
        rel = file.relative_to(site).as_posix()
        if rel.startswith("pagefind/"):
            continue
        url = rel[: -len("index.html")] if rel.endswith("index.html") else rel
        refs = _Refs()
        text = file.read_text(encoding="utf-8")
        refs.feed(text)
        sizes = [sum(_size(site, url, r) for r in set(group)) for group in (refs.css, refs.js, refs.images)]
        rows.append((url or "/", len(text.encode("utf-8")), *sizes))
    return rows


def over_budget(rows: list[tuple[str, int, int, int, int]]) -> list[str]:
    """The pages over a target, in bytes."""
    return [url for url, h, c, j, i in rows if h + c + j + i >= PAGE_LIMIT or c >= CSS_LIMIT or j >= JS_LIMIT]


def first_search(site: Path) -> dict[str, int]:
    """What Pagefind downloads for a first query (the largest index chunk stands in for 'one chunk')."""
    bundle = site / "pagefind"
    if not bundle.is_dir():
        return {}

    def total(pattern: str, largest: bool = False) -> int:
        sizes = [p.stat().st_size for p in bundle.glob(pattern)]
        return (max(sizes) if largest else sum(sizes)) if sizes else 0

    return {
        "pagefind.js": total("pagefind.js"),
        "pagefind-worker.js": total("pagefind-worker.js"),
        "wasm": total("wasm.en.pagefind"),
        "entry + meta": total("pagefind-entry.json") + total("*.pf_meta"),
        "largest index chunk": total("index/*", largest=True),
        "12 result fragments (largest)": 12 * total("fragment/*", largest=True),
    }


def _build(out: Path) -> Path:
    sys.path.insert(0, str(ROOT))
    from citesite.build import build
    from citesite.options import BuildOptions
    from citesite.search import index_site

    build(ROOT, BuildOptions(out=out))
    if not (out / "pagefind" / "pagefind.js").is_file():  # a build run without its search step
        index_site(out)
    return out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--site", type=Path, help="a built site folder (default: build one now)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        site = args.site or _build(Path(tmp) / "_site")
        rows = measure(site)
        extra = first_search(site)
    kb = KB
    print(f"{'page':44} {'HTML':>7} {'CSS':>7} {'JS':>7} {'img':>7} {'total':>8}")
    failures = over_budget(rows)
    for url, h, c, j, i in rows:
        total = h + c + j + i
        print(f"{url:44} {h / kb:6.1f}k {c / kb:6.1f}k {j / kb:6.1f}k {i / kb:6.1f}k {total / kb:7.1f}k")
    totals = [sum(r[k] for r in rows) for k in range(1, 5)]
    heaviest = max(rows, key=lambda r: sum(r[1:]))
    print(f"\n{len(rows)} pages; heaviest {heaviest[0]} at {sum(heaviest[1:]) / kb:.1f} kB;", end=" ")
    print(f"mean HTML {totals[0] / len(rows) / kb:.1f} kB; CSS {max(r[2] for r in rows) / kb:.1f} kB;", end=" ")
    print(f"JS before search at most {max(r[3] for r in rows) / kb:.1f} kB")
    if extra:
        print("\nFirst search on the search page downloads (uncompressed):")
        for name, size in extra.items():
            print(f"  {name:32} {size / kb:7.1f}k")
        print(f"  {'total':32} {sum(extra.values()) / kb:7.1f}k")
    if failures:
        print(f"\nOVER TARGET (page < 70 kB, CSS < 24 kB, JS < 12 kB): {', '.join(failures)}")
        return 1
    print("\nAll pages within targets: page < 70 kB, CSS < 24 kB, JS < 12 kB before search (1 kB = 1,000 bytes).")
    return 0


if __name__ == "__main__":
    sys.exit(main())
