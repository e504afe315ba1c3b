"""CI keeps the build cache between runs: a fresh checkout and a fresh install still find it current."""

from __future__ import annotations

import os
import shutil
from pathlib import Path
from typing import Any

import yaml
from conftest import article
from test_dependencies import rewritten

from citesite.incremental import codeversion
from citesite.render.page import PageBuilder

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "citesite"
WORKFLOWS = {
    ".github/workflows/site.yml": "hashFiles('pyproject.toml', 'citesite/**', 'content/site.yaml')",
    "citesite/scaffold/dot-github/workflows/pages.yml": "hashFiles('requirements.txt', 'content/site.yaml')",
}


def touch_all(folder: Path, seconds: int) -> None:
    """Give every file under folder a new time, as a fresh checkout or install does."""
    for path in folder.rglob("*"):
        if path.is_file():
            os.utime(path, ns=(seconds * 10**9, seconds * 10**9))


def test_new_file_times_of_the_same_code_and_sources_render_nothing_again(make_site, run_build, tmp_path, monkeypatch):
    package = tmp_path / "package"
    shutil.copytree(PACKAGE, package, ignore=shutil.ignore_patterns("__pycache__"))
    monkeypatch.setattr(codeversion, "_PACKAGE", package)  # the code whose version is taken, not the one run
    root = make_site({f"content/articles/a{n}.md": article(f"A{n}", f"Text {n}.\n", order=str(n)) for n in range(3)})
    assert run_build(root).code == 0

    def fresh_checkout() -> None:
        touch_all(package, 1_900_000_000)
        touch_all(root / "content", 1_900_000_000)
        touch_all(root / "templates", 1_900_000_000)

    built: list[str] = []
    build = PageBuilder.build
    monkeypatch.setattr(PageBuilder, "build", lambda self, page, *a: built.append(page.url) or build(self, page, *a))
    assert rewritten(root, run_build, fresh_checkout) == []
    assert built == []  # not even rendered again from the cached Markdown


def test_changed_code_is_a_new_version_whatever_the_file_times(tmp_path, monkeypatch):
    package = tmp_path / "package"
    shutil.copytree(PACKAGE / "theme", package / "theme")
    monkeypatch.setattr(codeversion, "_PACKAGE", package)
    cache = tmp_path / "cache"
    first = codeversion.code_version(cache)
    touch_all(package, 1_900_000_000)
    assert codeversion.code_version(cache) == first
    footer = package / "theme/templates/partials/footer.html"
    footer.write_text(footer.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    os.utime(footer, ns=(1_900_000_000 * 10**9, 1_900_000_000 * 10**9))  # a new size, the same time
    assert codeversion.code_version(cache) != first


def test_remembered_versions_that_are_not_hashes_are_ignored(tmp_path, monkeypatch):
    package = tmp_path / "package"
    shutil.copytree(PACKAGE / "theme", package / "theme")
    monkeypatch.setattr(codeversion, "_PACKAGE", package)
    cache = tmp_path / "cache"
    version = codeversion.code_version(cache)
    stamps = cache / codeversion.STAMPS
    stamp = next(iter(yaml.safe_load(stamps.read_text(encoding="utf-8"))))
    stamps.write_text(f'{{"{stamp}": "../../elsewhere"}}', encoding="utf-8")
    assert codeversion.code_version(cache) == version


def cache_step(rel: str) -> dict[str, Any]:
    steps = yaml.safe_load((ROOT / rel).read_text(encoding="utf-8"))["jobs"]["build"]["steps"]
    found = [step for step in steps if str(step.get("uses", "")).startswith("actions/cache@")]
    assert len(found) == 1, rel
    build = next(n for n, step in enumerate(steps) if str(step.get("name", "")).startswith("Build the site"))
    assert steps.index(found[0]) < build, f"{rel}: the cache is restored after the build"
    return found[0]


def test_each_deploy_workflow_restores_the_build_cache_and_the_last_output_before_building():
    for rel, settings in WORKFLOWS.items():
        step = cache_step(rel)
        assert step["with"]["path"].split() == [".cache/citesite", "_site"], rel
        prefix = f"citesite-${{{{ runner.os }}}}-${{{{ {settings} }}}}-"
        # The run's own commit makes each key new, so every run saves; the prefix restores the newest one.
        assert step["with"]["key"] == prefix + "${{ github.sha }}", rel
        assert step["with"]["restore-keys"].splitlines() == [prefix], rel
