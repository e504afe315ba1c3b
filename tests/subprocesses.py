"""Child processes in tests, never able to hang the suite: every wait has a limit, and the child is killed after."""

from __future__ import annotations

import queue
import signal
import subprocess
import threading
from collections.abc import Sequence
from typing import IO

TIMEOUT = 30.0  # seconds; a child that takes longer is stuck, even on a busy machine


def read_lines(stream: IO[str], count: int, timeout: float = TIMEOUT) -> list[str]:
    """The next count lines of stream; TimeoutError when they do not come in time."""
    lines: queue.Queue[str] = queue.Queue()

    def read() -> None:
        try:
            for _ in range(count):
                lines.put(stream.readline())
        except (OSError, ValueError):
            return  # the pipe was closed under it: the child is gone

    threading.Thread(target=read, daemon=True).start()  # ends when the child is killed and the pipe closes
    try:
        return [lines.get(timeout=timeout) for _ in range(count)]
    except queue.Empty:
        raise TimeoutError(f"no {count} lines within {timeout} s") from None


def interrupt(
    command: Sequence[str], env: dict[str, str], *, lines: int, timeout: float = TIMEOUT
) -> tuple[int, list[str], str, str]:
    """Start command, read its first lines, press Ctrl-C; return (exit code, those lines, the rest of stdout, stderr).

    The child is killed in any case, so a child that ignores Ctrl-C fails the test instead of hanging it.
    """
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)
    try:
        assert process.stdout is not None
        first = read_lines(process.stdout, lines, timeout)
        process.send_signal(signal.SIGINT)
        out, err = process.communicate(timeout=timeout)
        return process.returncode, first, out, err
    finally:
        if process.poll() is None:
            process.kill()
        process.communicate(timeout=timeout)  # reap it and close its pipes
