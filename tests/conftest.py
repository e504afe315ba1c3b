"""Shared fixtures: tiny sites written into tmp_path, and an in-process build runner."""

from __future__ import annotations

import hashlib
import os
import random
import shutil
import signal
import sys
import textwrap
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from citesite.cli import main

PROJECT = Path(__file__).resolve().parent.parent
# This site's own files, beside the engine: a copy of them builds as the site does.
SITE_PARTS = ("content", "templates", "static", "site_extensions", "build.py")
SEED_ENV = "CITESITE_TEST_SEED"
_SEED = pytest.StashKey[int]()
_SEED_KEY = "citesite_seed"


def pytest_addoption(parser: pytest.Parser) -> None:
    """--seed N replays the randomised tests of an earlier run."""
    parser.addoption(
        "--seed",
        type=int,
        default=None,
        help=f"seed of the randomised tests (default: ${SEED_ENV}, else a new one each run; the header prints it)",
    )


@pytest.hookimpl(tryfirst=True)  # before Hypothesis's plugin reads its seed
def pytest_configure(config: pytest.Config) -> None:
    """Choose this run's seed once, so every randomised test can be replayed from the one number printed.

    Hypothesis's tests take the same seed (unless --hypothesis-seed is given), so the one number replays them too.
    """
    worker_input = getattr(config, "workerinput", None)
    if worker_input is not None:  # a pytest-xdist worker takes the seed its controller chose and printed
        chosen = worker_input[_SEED_KEY]
    else:
        chosen = config.getoption("--seed")
        if chosen is None:
            chosen = int(os.environ[SEED_ENV]) if os.environ.get(SEED_ENV) else random.randrange(1_000_000)
    config.stash[_SEED] = chosen
    if getattr(config.option, "hypothesis_seed", "absent") is None:
        config.option.hypothesis_seed = str(chosen)


def pytest_sessionstart(session: pytest.Session) -> None:
    """Let Ctrl-C reach the children the tests start, also when the suite itself was started in the background.

    A shell starts a background job ('pytest &', nohup, some CI runners) with Ctrl-C ignored, and a child
    inherits that: it would never stop on the SIGINT a test sends it. Python's own handler is reset to the
    default when a child starts, so the children stop on Ctrl-C as they would in a terminal.
    """
    if signal.getsignal(signal.SIGINT) is signal.SIG_IGN:
        signal.signal(signal.SIGINT, signal.default_int_handler)


@pytest.hookimpl(optionalhook=True)
def pytest_configure_node(node: Any) -> None:
    """Hand each pytest-xdist worker the controller's seed, so the one printed seed replays every worker's tests."""
    node.workerinput[_SEED_KEY] = node.config.stash[_SEED]


def pytest_report_header(config: pytest.Config) -> str:
    """The seed, at the top of every run."""
    seed = config.stash[_SEED]
    return f"random seed: {seed} (replay the randomised tests with: python -m pytest --seed {seed})"


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Mark every test under tests/browser, so -m "not browser" is the quick subset."""
    browser = Path(__file__).parent / "browser"
    for item in items:
        if item.path.is_relative_to(browser):
            item.add_marker(pytest.mark.browser)


class SeededRandom(random.Random):
    """A test's random numbers, with the command that replays them."""

    replay: str = ""


@pytest.fixture
def rng(request: pytest.FixtureRequest) -> SeededRandom:
    """Random numbers for one test, derived from the run's seed and the test's id; printed, so a failure shows it."""
    seed = request.config.stash[_SEED]
    generator = SeededRandom(f"{seed}:{request.node.nodeid}")
    generator.replay = f"seed {seed}: replay with python -m pytest --seed {seed} '{request.node.nodeid}'"
    print(generator.replay)
    return generator


SITE_YAML = """\
title: Test Site
description: A site for tests.
base_url: https://example.org/sub/
"""
# A further language for SITE_YAML: a site in English and Spanish (pages under content/es/).
LANGUAGES = "languages:\n  es:\n    title: Sitio de prueba\n    description: Un sitio para pruebas.\n"

BASE = """\
<!doctype html>
<html lang="{{ site.language }}"><head><meta charset="utf-8"><title>{{ page.title }}</title>
<link rel="stylesheet" href="{{ asset('css/site.css') }}"></head>
<body>{% block main %}{% endblock %}</body></html>
"""

TEMPLATES = {
    "templates/base.html": BASE,
    "templates/home.html": '{% extends "base.html" %}{% block main %}<h1>{{ page.title }}</h1>{{ content }}'
    '{% for a in articles %}<a href="{{ url(a.url) }}">{{ a.title }}</a>{% endfor %}{% endblock %}\n',
    "templates/article.html": '{% extends "base.html" %}{% block main %}<h1>{{ page.title }}</h1>{{ content }}'
    '{% for r in references %}<p id="ref-{{ r.key }}">{{ r.title }}</p>{% endfor %}{% endblock %}\n',
    "templates/page.html": '{% extends "base.html" %}{% block main %}<h1>{{ page.title }}</h1>{{ content }}{% endblock %}\n',
    "templates/404.html": '{% extends "base.html" %}{% block main %}<a href="{{ url(\'\') }}">Home</a>{{ content }}{% endblock %}\n',
    "static/css/site.css": "body { margin: 0; }\n",
}

DEFAULT_FILES = {
    "content/site.yaml": SITE_YAML,
    "content/index.md": "---\ntitle: Home\nsummary: The home page.\n---\nWelcome.\n",
    **TEMPLATES,
}


def page(title: str = "A page", body: str = "Some text.\n", **meta: str) -> str:
    """Markdown source with front matter."""
    lines = [f"title: {title}", "summary: A short summary."] + [f"{k}: {v}" for k, v in meta.items()]
    return "---\n" + "\n".join(lines) + "\n---\n" + body


def article(title: str = "An article", body: str = "Some text.\n", **meta: str) -> str:
    """An article source with the front matter articles need."""
    meta.setdefault("reviewed", "2026-11-01")
    return page(title, body, **meta)


@dataclass
class Result:
    """What one build run printed and returned."""

    code: int
    out: str
    err: str


def write_files(root: Path, files: dict[str, str | bytes]) -> None:
    """Write files (text is dedented) under root."""
    for rel, text in files.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(text, bytes):
            path.write_bytes(text)
        else:
            path.write_text(textwrap.dedent(text) if text.startswith("\n") else text, encoding="utf-8")


@pytest.fixture
def make_site(tmp_path: Path) -> Callable[..., Path]:
    """make_site({relpath: text}) -> project root with the default skeleton plus these files."""

    def _make(files: dict[str, str | bytes] | None = None, *, skeleton: bool = True) -> Path:
        root = tmp_path / "project"
        root.mkdir(exist_ok=True)
        write_files(root, {**(DEFAULT_FILES if skeleton else {}), **(files or {})})
        return root

    return _make


@pytest.fixture
def run_build(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> Callable[..., Result]:
    """run_build(root, *args) runs the CLI in-process and captures its output."""
    monkeypatch.setenv("NO_COLOR", "1")
    monkeypatch.delenv("GITHUB_ACTIONS", raising=False)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1795000000")  # 2026-11-18: review dates are checked against it

    def _run(root: Path, *args: str, search: bool = False) -> Result:
        capsys.readouterr()
        command, rest = (args[0], args[1:]) if args[:1] in (("build",), ("check",)) else ("build", args)
        extra = [] if search or command == "check" else ["--no-search"]  # Pagefind only where a test is about search
        code = main([command, "--root", str(root), *extra, *rest])
        captured = capsys.readouterr()
        return Result(code, captured.out, captured.err)

    return _run


def tree_digest(folder: Path) -> dict[str, str]:
    """Relative path -> sha256 of every file under folder."""
    return {
        p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def copy_site(destination: Path) -> Path:
    """This site's own files (SITE_PARTS) copied into destination, to build and to change."""
    destination.mkdir(parents=True, exist_ok=True)
    for name in SITE_PARTS:
        source = PROJECT / name
        if source.is_dir():
            shutil.copytree(source, destination / name, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy2(source, destination / name)
    return destination


@pytest.fixture(autouse=True)
def _project_folder_off_sys_path(monkeypatch: pytest.MonkeyPatch) -> None:
    """Keep the repository folder (python -m pytest puts it on sys.path) from looking like installed code.

    A copy of this site loads its own Markdown extensions from the copy; the original on sys.path would be an
    installed module of the same name, which a site's own module may not replace.
    """
    monkeypatch.setattr(sys, "path", [entry for entry in sys.path if Path(entry or ".").resolve() != PROJECT])
