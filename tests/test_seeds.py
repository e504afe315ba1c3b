"""The run's one printed seed replays every randomised test: across pytest-xdist workers, and Hypothesis's too."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

TESTS = Path(__file__).resolve().parent

PROBE = """
import json, os, pathlib
import hypothesis.core

def _record(name, rng):
    out = pathlib.Path(os.environ["SEED_PROBE_OUT"]) / f"{name}.json"
    out.write_text(json.dumps({"random": rng.random(), "hypothesis": hypothesis.core.global_force_seed}))

def test_one(rng): _record("one", rng)
def test_two(rng): _record("two", rng)
def test_three(rng): _record("three", rng)
def test_four(rng): _record("four", rng)
"""


def _run(project: Path, out: Path, *args: str) -> tuple[str, dict[str, object]]:
    out.mkdir()
    env = {**os.environ, "SEED_PROBE_OUT": str(out)}
    env.pop("CITESITE_TEST_SEED", None)
    result = subprocess.run(
        [sys.executable, "-m", "pytest", "-p", "no:cacheprovider", str(project), *args],
        capture_output=True,
        text=True,
        timeout=120,
        env=env,
        cwd=project,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    return result.stdout, {f.stem: json.loads(f.read_text()) for f in sorted(out.glob("*.json"))}


def test_one_seed_gives_the_same_numbers_on_every_worker_and_seeds_hypothesis(tmp_path: Path) -> None:
    project = tmp_path / "probe"
    project.mkdir()
    shutil.copy(TESTS / "conftest.py", project / "conftest.py")
    (project / "test_probe.py").write_text(PROBE)
    serial_output, serial = _run(project, tmp_path / "serial", "--seed", "1234", "-p", "no:xdist")
    _, parallel = _run(project, tmp_path / "parallel", "--seed", "1234", "-n", "2")
    _, other = _run(project, tmp_path / "other", "--seed", "99", "-p", "no:xdist")  # the workers are checked above
    assert "random seed: 1234 (replay the randomised tests with: python -m pytest --seed 1234)" in serial_output
    assert sorted(serial) == ["four", "one", "three", "two"]
    assert parallel == serial  # each test's numbers depend on the seed and its id, not on the worker it ran in
    assert {record["hypothesis"] for record in serial.values()} == {1234}
    assert {record["hypothesis"] for record in other.values()} == {99}
    assert [record["random"] for record in other.values()] != [record["random"] for record in serial.values()]
