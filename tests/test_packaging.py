"""What a new user installs and what CI runs: supported Pythons, bounds, and the browser the tests drive."""

from __future__ import annotations

import os
import subprocess
import sys
import tomllib
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
PROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
VERSIONS = ["3.11", "3.12", "3.13"]


def test_every_current_python_is_declared():
    assert PROJECT["requires-python"] == ">=3.11"
    declared = [c.rsplit(" :: ", 1)[1] for c in PROJECT["classifiers"] if c.count("::") == 2 and "3." in c]
    assert declared == VERSIONS


def test_nothing_needs_pkg_resources_or_a_download():
    names = [req.split("=")[0].split("<")[0].split(">")[0].split("[")[0] for req in PROJECT["dependencies"]]
    assert "textstat" not in names
    assert "pyphen" in names


def test_markdown_is_bounded_below_the_next_minor_release():
    (markdown,) = [req for req in PROJECT["dependencies"] if req.startswith("markdown")]
    assert markdown == "markdown>=3.6,<3.12"


def test_the_workflow_tests_every_current_python_with_its_own_browser():
    workflow = yaml.safe_load((ROOT / ".github/workflows/site.yml").read_text(encoding="utf-8"))
    test = workflow["jobs"]["test"]
    assert test["strategy"]["matrix"]["python-version"] == VERSIONS
    steps = "\n".join(step.get("run", "") for step in test["steps"])
    assert "python -m pip install --upgrade pip setuptools" in steps
    assert "python -m playwright install --with-deps chromium" in steps
    assert "CHROME_PATH=" in steps
    assert "apt-get install -y chromium" not in steps  # a snap wrapper there, which does not start
    assert steps.rstrip().endswith("python -m pytest")


def test_ci_run_upgrades_pip_and_setuptools_then_runs_the_readme_command():
    script = (ROOT / ".ci/run").read_text(encoding="utf-8")
    assert "apt-get install -y -qq chromium default-jre-headless" in script
    assert "python -m pip install -q --upgrade pip setuptools" in script
    assert script.index("--upgrade pip setuptools") < script.index('pip install -q -e ".[test]"')
    assert script.rstrip().endswith("python -m pytest")


def browser_path(env: dict[str, str]) -> str:
    code = (
        "import importlib.util, sys; spec = importlib.util.spec_from_file_location('c', sys.argv[1]);"
        " module = importlib.util.module_from_spec(spec); spec.loader.exec_module(module); print(module.CHROMIUM)"
    )
    conftest = str(ROOT / "tests/browser/conftest.py")
    done = subprocess.run(
        [sys.executable, "-c", code, conftest], env=env, capture_output=True, text=True, timeout=120, check=True
    )
    return done.stdout.strip()


def test_browser_tests_take_chrome_path_and_fall_back_to_debian_chromium():
    env = {k: v for k, v in os.environ.items() if k != "CHROME_PATH"}
    assert browser_path(env) == "/usr/bin/chromium"
    assert browser_path({**env, "CHROME_PATH": "/opt/chrome/chrome"}) == "/opt/chrome/chrome"
