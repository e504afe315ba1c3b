"""A child that ignores Ctrl-C fails its test within the time limit instead of hanging the suite."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest
from subprocesses import interrupt

STUBBORN = (
    "import signal, time\n"
    "signal.signal(signal.SIGINT, signal.SIG_IGN)\n"
    "print('one', flush=True)\n"
    "print('two', flush=True)\n"
    "time.sleep(120)\n"
)


def test_a_child_ignoring_ctrl_c_is_killed_after_the_time_limit():
    # The child sleeps two minutes: the time limit, not its end, is what stops the wait.
    with pytest.raises(subprocess.TimeoutExpired):
        interrupt([sys.executable, "-c", STUBBORN], dict(os.environ), lines=2, timeout=1.0)


def test_a_child_that_never_prints_is_killed_too():
    with pytest.raises(TimeoutError, match=r"^no 2 lines within 1.0 s$"):
        interrupt([sys.executable, "-c", "import time; time.sleep(120)"], dict(os.environ), lines=2, timeout=1.0)


def test_a_child_that_stops_on_ctrl_c_reports_its_output():
    code = "import time\ntry:\n    print('ready', flush=True)\n    time.sleep(60)\nexcept KeyboardInterrupt:\n    print('bye')\n"
    assert interrupt([sys.executable, "-c", code], dict(os.environ), lines=1) == (0, ["ready\n"], "bye\n", "")


def _started_in_the_background() -> None:
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # what a shell does to 'pytest &' and nohup


def test_children_stop_on_ctrl_c_when_the_suite_was_started_in_the_background():
    # Started with Ctrl-C ignored, the suite's children inherited it and this file's Ctrl-C test timed out.
    this = Path(__file__)
    test = f"{this.name}::test_a_child_that_stops_on_ctrl_c_reports_its_output"
    result = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-n", "0", "-p", "no:cacheprovider", test],
        cwd=this.parent,
        capture_output=True,
        text=True,
        timeout=120,
        preexec_fn=_started_in_the_background,  # only a signal is set, before the child runs anything
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "1 passed" in result.stdout
