"""What search engines and link previews read: title, description, canonical, Open Graph, JSON-LD, and the CSP."""

from __future__ import annotations

import base64
import hashlib
import json
import re
from pathlib import Path

from citesite.render.context import json_ld

from .conftest import SUBPATH

BASE = "https://example.org" + SUBPATH


def pages(site: Path) -> dict[str, str]:
    return {
        p.relative_to(site).as_posix(): p.read_text(encoding="utf-8")
        for p in sorted(site.rglob("*.html"))
        if not p.relative_to(site).as_posix().startswith("pagefind/")
    }


def meta(html: str, attr: str, name: str) -> str:
    found = re.search(rf'<meta {attr}="{re.escape(name)}" content="([^"]*)"', html)
    assert found, f"no <meta {attr}={name}>"
    return found.group(1)


def test_every_page_has_title_description_canonical_and_card_tags(built_site: Path) -> None:
    for rel, html in pages(built_site).items():
        url = rel.removesuffix("index.html")
        assert re.search(r"<title>[^<]+</title>", html), rel
        assert meta(html, "name", "description"), rel
        assert f'<link rel="canonical" href="{BASE}{url}">' in html, rel
        assert meta(html, "property", "og:url") == BASE + url, rel
        assert meta(html, "property", "og:title") and meta(html, "name", "twitter:card") == "summary", rel


def test_articles_carry_medical_web_page_data_with_citations(built_site: Path) -> None:
    article = pages(built_site)["articles/magnesium-and-pth/index.html"]
    raw = re.search(r'<script type="application/ld\+json">(.*?)</script>', article, re.S)
    assert raw
    data = json.loads(raw.group(1))
    assert data["@type"] == "MedicalWebPage"
    assert data["url"] == BASE + "articles/magnesium-and-pth/"
    assert data["inLanguage"] == "en"
    # no named person has reviewed it: the editors' check is not claimed as a review
    assert "lastReviewed" not in data and "reviewedBy" not in data and data["dateModified"]
    assert data["about"] and all(t["@type"] == "Thing" for t in data["about"])
    assert data["citation"] and all(c["@type"] == "CreativeWork" and c["name"] for c in data["citation"])
    assert all(c["url"].startswith(("https://doi.org/", "https://pubmed.", "http")) for c in data["citation"])


def test_json_ld_cannot_end_its_script_element() -> None:
    text = str(json_ld({"name": "</script><script>alert(1)</script> & <!--"}))
    assert "<" not in text and ">" not in text and "&" not in text
    assert json.loads(text) == {"name": "</script><script>alert(1)</script> & <!--"}


def test_scripts_come_only_from_the_site_and_wasm_is_allowed_only_on_the_search_page(built_site: Path) -> None:
    for rel, html in pages(built_site).items():
        csp = re.search(r'<meta http-equiv="Content-Security-Policy" content="([^"]+)"', html)
        assert csp, rel
        policy = dict(part.strip().split(" ", 1) for part in csp.group(1).split(";"))
        wanted = "'self' 'wasm-unsafe-eval'" if _in_any_language(rel, html) == "search/index.html" else "'self'"
        assert policy["script-src"] == wanted, rel
        assert policy["default-src"] == "'self'", rel
        own = re.findall(r"<style>(.*?)</style>", html, re.S)
        # served at any address, the 404 page carries its stylesheet, allowed by that text's hash alone
        if _in_any_language(rel, html) == "404.html":
            (text,) = own
            digest = base64.b64encode(hashlib.sha256(text.encode()).digest()).decode()
            assert policy["style-src"] == f"'self' 'sha256-{digest}'"
            html = html.replace(f"<style>{text}</style>", "")
        else:
            assert policy["style-src"] == "'self'" and own == [], rel
        # Data blocks (JSON-LD, the intake checker's numbers) are never run; any other inline script would be.
        assert not re.search(r"<script(?![^>]*\bsrc=)(?![^>]*application/(?:ld\+)?json)[^>]*>", html), (
            f"{rel}: inline script"
        )
        assert not re.search(r"\sstyle=\"|<style", html), f"{rel}: inline style"


def test_search_indexes_only_the_reading_content(built_site: Path) -> None:
    for rel, html in pages(built_site).items():
        bodies = html.count("data-pagefind-body")
        # the reference list is for checking, not answering: it is not indexed either
        assert bodies == (
            0 if _in_any_language(rel, html) in ("404.html", "search/index.html", "references/index.html") else 1
        ), rel


def test_pages_about_the_site_are_typed_as_web_and_about_pages_not_medical_ones(built_site: Path) -> None:
    kinds = {}
    for rel in ("search/", "privacy/", "accessibility/", "about/", "editorial-policy/", "articles/supplement-safety/"):
        raw = re.search(
            r'<script type="application/ld\+json">(.*?)</script>', pages(built_site)[rel + "index.html"], re.S
        )
        assert raw, rel
        kinds[rel] = json.loads(raw.group(1))["@type"]
    assert kinds == {
        "search/": "WebPage",
        "privacy/": "WebPage",
        "accessibility/": "AboutPage",
        "about/": "AboutPage",
        "editorial-policy/": "AboutPage",
        "articles/supplement-safety/": "MedicalWebPage",
    }


def _in_any_language(rel: str, html: str) -> str:
    """The path of a page's English original: es/referencias/index.html -> references/index.html.

    A translated page names its original in its head, since its slug may be in its own language.
    """
    original = re.search(r'<link rel="alternate" hreflang="en" href="([^"]+)">', html)
    if original is None or not rel.startswith("es/"):
        return rel.removeprefix("es/")
    url = original.group(1).removeprefix(BASE)
    return url if url.endswith(".html") else url + "index.html"
