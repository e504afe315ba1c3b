"""What a new user installs and what CI runs: supported Pythons, bounds, and the browser the tests drive."""

from __future__ import annotations

import os
import subprocess
import sys
import tomllib
from pathlib import Path
from typing import Any

import yaml
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

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
    assert markdown.split("  #")[0] == "markdown>=3.11.1,<3.12"


def test_the_workflow_tests_every_current_python_with_its_own_browser():
    workflow = yaml.safe_load((ROOT / ".github/workflows/site.yml").read_text(encoding="utf-8"))
    test = workflow["jobs"]["test"]
    assert test["strategy"]["matrix"]["python-version"] == VERSIONS
    steps = "\n".join(step.get("run", "") for step in test["steps"])
    assert "python -m pip install --upgrade pip setuptools" in steps
    assert "python -m playwright install --with-deps chromium" in steps
    assert "CHROME_PATH=" in steps
    assert "apt-get install -y chromium" not in steps  # a snap wrapper there, which does not start
    assert steps.rstrip().endswith("python -m pytest")  # the steps after it only keep what it wrote


def workflow() -> dict[Any, Any]:
    """The GitHub workflow, parsed."""
    data: dict[Any, Any] = yaml.safe_load((ROOT / ".github/workflows/site.yml").read_text(encoding="utf-8"))
    return data


def test_the_workflow_runs_weekly_as_well_as_on_every_change():
    triggers = workflow()[True]  # YAML 1.1 reads the key 'on' as true
    assert set(triggers) == {"push", "pull_request", "schedule"}
    (schedule,) = triggers["schedule"]
    minute, hour, day, month, weekday = schedule["cron"].split()
    assert (day, month) == ("*", "*") and weekday.isdigit() and minute.isdigit() and hour.isdigit()


def test_the_workflow_tests_the_newest_dependencies_on_every_python_and_the_lowest_once():
    test = workflow()["jobs"]["test"]
    matrix = test["strategy"]["matrix"]
    assert (matrix["python-version"], matrix["dependencies"]) == (VERSIONS, ["newest"])
    assert matrix["include"] == [{"python-version": VERSIONS[0], "dependencies": "lowest"}]
    (install,) = [step["run"] for step in test["steps"] if '-e ".[test]"' in step.get("run", "")]
    assert install.splitlines() == [
        "python -m pip install --upgrade pip setuptools",
        'if [ "${{ matrix.dependencies }}" = lowest ]; then',
        '  python -m pip install -c .ci/lowest-constraints.txt -e ".[test]"',
        "else",
        '  python -m pip install --upgrade --upgrade-strategy eager -e ".[test]"',
        "fi",
    ]
    runs = [step["run"] for step in test["steps"] if "run" in step]
    assert runs[-1] == readme_test_command()  # the last command: what follows only keeps its screenshots


def readme_test_command() -> str:
    """The test command the README gives, the second of its two commands."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    block = readme.split("```sh\n", 1)[1].split("```", 1)[0]
    return block.splitlines()[1].split("#", 1)[0].strip()


def lowest_bounds() -> dict[str, str]:
    """name -> the lowest version pyproject.toml allows, for each dependency and test tool with a lower bound."""
    bounds = {}
    for requirement in [*PROJECT["dependencies"], *PROJECT["optional-dependencies"]["test"]]:
        parsed = Requirement(requirement)
        lowest = [spec.version for spec in parsed.specifier if spec.operator in (">=", "==")]
        if lowest:
            (bounds[canonicalize_name(parsed.name)],) = lowest
    return bounds


def test_the_lowest_constraints_are_exactly_the_lower_bounds_of_pyproject():
    lines = (ROOT / ".ci/lowest-constraints.txt").read_text(encoding="utf-8").splitlines()
    pinned = {}
    for line in lines:
        if line and not line.startswith("#"):
            name, version = line.split("==")
            pinned[canonicalize_name(name)] = version
    assert pinned == lowest_bounds()
    assert len(pinned) == len([line for line in lines if line and not line.startswith("#")])  # no name twice


def test_the_build_backend_bound_is_the_test_tools_bound():
    system = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["build-system"]
    assert system["requires"] == [f"hatchling>={lowest_bounds()['hatchling']}"]


def test_ci_run_upgrades_pip_and_setuptools_then_runs_the_readme_command():
    script = (ROOT / ".ci/run").read_text(encoding="utf-8")
    assert "apt-get install -y -qq chromium default-jre-headless" in script
    assert "python -m pip install -q --upgrade pip setuptools" in script
    assert script.index("--upgrade pip setuptools") < script.index('pip install -q -e ".[test]"')
    assert script.rstrip().splitlines()[-1] == readme_test_command() == "python -m pytest"


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


def test_the_workflow_keeps_the_screenshots_the_browser_tests_take():
    steps = workflow()["jobs"]["test"]["steps"]
    (tests,) = [step for step in steps if step.get("run") == "python -m pytest"]
    (kept,) = [step for step in steps if step.get("uses", "").startswith("actions/upload-artifact@")]
    assert tests["env"] == {"TEST_ARTIFACTS": "${{ runner.temp }}/test-artifacts"}
    assert kept["if"] == "always()"  # a failed run's screenshots are the ones most worth a look
    assert kept["with"]["path"] == "${{ runner.temp }}/test-artifacts/screenshots"
