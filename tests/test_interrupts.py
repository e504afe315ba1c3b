"""A child that ignores Ctrl-C fails its test within the time limit instead of hanging the suite."""

from __future__ import annotations

import os
import subprocess
import sys

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
