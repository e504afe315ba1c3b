"""Save to reload: time from saving one article to the open tab's 'reload' event, through `build.py serve`.

    python benchmarks/reload.py [--edits 10] [--corpus N] [--rounds R] [--label NAME=PATH/TO/build.py ...] [--write]

Copies content/, templates/ and static/ into a temporary folder (or generates an N-article corpus with
benchmarks/corpus.py), starts `build.py serve` there as a separate process, listens to its event stream
like a browser tab does, then saves one article --edits times and reports the median, fastest and
slowest save-to-reload time and the server's own "Rebuilt in" times. --write records the result in
benchmarks/README.md under "## Save to reload". With --label (for example an older checkout unpacked by
`git archive`), each label serves its own copy of the same site, and the labels take turns --rounds times.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import queue
import re
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

PROJECT = Path(__file__).resolve().parent.parent
README = PROJECT / "benchmarks" / "README.md"
SECTION = "## Save to reload"
EDITED = "content/articles/magnesium-and-bone.md"
PAUSE = 0.3  # seconds between saves, so each save is its own burst


class EventStream:
    """A Server-Sent Events client, as a browser tab would hold one; events are timed as they arrive."""

    def __init__(self, port: int) -> None:
        self.sock = socket.create_connection(("127.0.0.1", port), timeout=None)
        self.sock.sendall(b"GET /__citesite/events HTTP/1.0\r\nHost: 127.0.0.1\r\n\r\n")
        self.file = self.sock.makefile("rb")
        while self.file.readline().strip():
            pass
        self.events: queue.Queue[tuple[float, str, dict[str, object]]] = queue.Queue()
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self) -> None:
        name, data = "", "{}"
        try:
            for raw in self.file:
                line = raw.decode("utf-8").rstrip("\n")
                if line.startswith("event: "):
                    name = line[7:]
                elif line.startswith("data: "):
                    data = line[6:]
                elif not line and name:
                    self.events.put((time.perf_counter(), name, json.loads(data)))
                    name = ""
        except (OSError, ValueError):
            pass  # closed

    def next_event(self, timeout: float = 600) -> tuple[float, str, dict[str, object]]:
        """The next event: when it arrived, its name and its data."""
        return self.events.get(timeout=timeout)

    def drain(self) -> int:
        """Throw away events that arrived unasked; return how many were reloads (a build's warnings are not)."""
        count = 0
        while not self.events.empty():
            _, name, _ = self.events.get_nowait()
            count += name == "reload"
        return count

    def close(self) -> None:
        """Hang up."""
        self.sock.shutdown(socket.SHUT_RDWR)
        self.file.close()
        self.sock.close()


def prepare(folder: Path, corpus: int) -> Path:
    """A project to serve: a copy of this site, or a generated corpus of `corpus` articles."""
    root = folder / "project"
    if corpus:
        sys.path.insert(0, str(PROJECT / "benchmarks"))
        from corpus import generate  # benchmarks/corpus.py

        generate(root, corpus, 1)
        return root
    for name in ("content", "templates", "static", "site_extensions"):
        if (PROJECT / name).is_dir():
            shutil.copytree(PROJECT / name, root / name)
    return root


# The generator is imported from the folder of the build.py being timed, and that folder is then taken off
# sys.path: the copied project's own site_extensions/ must be the one its site.yaml loads, not the checkout's.
LAUNCH = (
    "import sys; sys.path.insert(0, sys.argv[1]); import citesite.cli; del sys.path[0]; "
    "sys.exit(citesite.cli.main(sys.argv[2:]))"
)


def start_server(root: Path, build_py: Path = PROJECT / "build.py") -> tuple[subprocess.Popen[str], int, list[str]]:
    """Start `build.py serve` on a free port; return the process, its port and its output lines so far."""
    code = str(build_py.resolve().parent)
    command = [sys.executable, "-P", "-c", LAUNCH, code, "serve", "--root", str(root), "--port", "0"]
    env = {**os.environ, "NO_COLOR": "1", "PYTHONUNBUFFERED": "1"}
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, env=env)
    assert process.stdout is not None
    lines: list[str] = []
    for line in process.stdout:
        lines.append(line.rstrip("\n"))
        if match := re.match(r"Serving http://127\.0\.0\.1:(\d+)/", line):
            threading.Thread(
                target=lambda: lines.extend(x.rstrip("\n") for x in process.stdout or ()), daemon=True
            ).start()
            return process, int(match.group(1)), lines
    raise RuntimeError("the server did not start:\n" + "\n".join(lines))


def measure(root: Path, edited: Path, edits: int, build_py: Path) -> tuple[list[float], list[float], int]:
    """Save `edited` `edits` times; return save-to-reload seconds, the server's rebuild seconds, extra events."""
    process, port, lines = start_server(root, build_py)
    stream = EventStream(port)
    try:
        _, name, _ = stream.next_event()
        assert name == "hello", name
        original = edited.read_text(encoding="utf-8")
        totals: list[float] = []
        extra = 0
        for number in range(edits):
            time.sleep(PAUSE)
            extra += stream.drain()
            started = time.perf_counter()
            edited.write_text(original + f"\nBenchmark edit {number}.\n", encoding="utf-8")
            arrived, name, data = stream.next_event()
            totals.append(arrived - started)
            if name != "reload":
                raise RuntimeError(f"expected a reload, got {name}: {data}")
        time.sleep(PAUSE)
        extra += stream.drain()
        rebuilds = [float(m.group(1)) for line in lines if (m := re.match(r"Rebuilt in ([\d.]+) s", line))]
        return totals, rebuilds, extra
    finally:
        stream.close()
        process.terminate()
        process.wait(timeout=30)


def code_stamp() -> list[tuple[str, int]]:
    """When each generator module last changed: an edit during a run invalidates the build cache."""
    return sorted((p.as_posix(), p.stat().st_mtime_ns) for p in (PROJECT / "citesite").rglob("*.py"))


def describe(label: str, totals: list[float], rebuilds: list[float]) -> str:
    """One Markdown table row."""
    ms = [t * 1000 for t in totals]
    rebuild = statistics.median(rebuilds) * 1000 if rebuilds else float("nan")
    return (
        f"| {label} | {len(ms)} | {statistics.median(ms):.0f} ms | {min(ms):.0f} ms | {max(ms):.0f} ms "
        f"| {rebuild:.0f} ms |"
    )


def write_section(body: str) -> None:
    """Put body under '## Save to reload' in benchmarks/README.md, keeping every other section."""
    text = README.read_text(encoding="utf-8") if README.exists() else "# Benchmarks\n"
    start = text.find(SECTION + "\n")
    if start == -1:
        text = text.rstrip("\n") + "\n\n" + body
    else:
        following = text.find("\n## ", start + len(SECTION))
        text = text[:start] + body + ("\n" + text[following + 1 :] if following != -1 else "")
    README.write_text(text, encoding="utf-8")


def main() -> None:
    """Run the benchmark and print (and with --write, record) the results."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--edits", type=int, default=10, help="saves to time (default 10)")
    parser.add_argument("--corpus", type=int, default=0, metavar="N", help="use a generated site of N articles")
    parser.add_argument("--rounds", type=int, default=1, help="servers started per label, in turn (default 1)")
    parser.add_argument("--label", action="append", default=[], help="NAME=PATH/TO/build.py (default: this one)")
    parser.add_argument("--write", action="store_true", help="record the result in benchmarks/README.md")
    args = parser.parse_args()
    labels = {name: Path(path) for name, path in (item.split("=", 1) for item in args.label)}
    results: dict[str, tuple[list[float], list[float]]] = {name: ([], []) for name in labels or {"": None}}
    extra = 0
    with tempfile.TemporaryDirectory(prefix="citesite-reload-") as folder:
        roots = {name: prepare(Path(folder) / f"p{n}", args.corpus) for n, name in enumerate(results)}
        stamp = code_stamp()
        for _ in range(args.rounds):  # the labels take turns, so a change in the machine's load hits each alike
            for name, (totals, rebuilds) in results.items():
                edited = roots[name] / ("content/articles/a00000.md" if args.corpus else EDITED)
                got = measure(roots[name], edited, args.edits, labels.get(name, PROJECT / "build.py"))
                totals.extend(got[0])
                rebuilds.extend(got[1])
                extra += got[2]
        code_changed = stamp != code_stamp()
    site = f"generated, {args.corpus} articles" if args.corpus else "this site"
    rows = {name: describe(f"{name}: {site}" if name else site, *found) for name, found in results.items()}
    print("| site | saves | median | fastest | slowest | server's rebuild (median) |")
    print("\n".join(rows.values()))
    if extra:
        print(f"warning: {extra} reload events arrived without a save; the numbers above may be too low")
    if code_changed:
        print("warning: citesite/ changed during the run, which makes the build cache start over; run it again")
    if args.write and not (extra or code_changed or labels):
        command = "python benchmarks/reload.py" + "".join(
            f" {flag} {value}"
            for flag, value in (("--edits", args.edits), ("--corpus", args.corpus), ("--rounds", args.rounds))
            if value and not (flag == "--rounds" and value == 1)
        )
        print(f"(recorded in {README.relative_to(PROJECT)}; command: {command} --write)")
        record(rows[""], command)


def record(row: str, command: str) -> None:
    """Add this run's row to the section's table (one row per command), with the machine it ran on."""
    text = README.read_text(encoding="utf-8") if README.exists() else ""
    start = text.find(SECTION + "\n")
    rows: dict[str, str] = {}
    if start != -1:
        for line in text[start:].split("\n## ", 1)[0].splitlines():
            if line.startswith("| `python benchmarks/reload.py"):
                rows[line.split("`")[1]] = line
    rows[command] = f"| `{command}` " + row
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    machine = (
        f"{platform.python_implementation()} {platform.python_version()}, {os.cpu_count()} CPUs, {platform.system()}, "
        f"load average {load:.1f} when recorded"
    )
    body = "\n".join(
        [
            SECTION,
            "",
            "Time from saving one article to the reload event reaching an open tab, through",
            "`build.py serve`: the watcher notices the save, waits out the 50 ms debounce, the site is",
            "rebuilt (incrementally, from the build cache) and the server sends the reload event. The",
            f"edited article is `{EDITED}` on a copy of this site, or the first article of a",
            "generated corpus (`benchmarks/corpus.py`); each save appends a line to it. Target: 150 ms or",
            "less on this site. The script runs the server as a separate process and listens to it as a tab",
            "does; it refuses to record a run during which citesite/ changed (that empties the cache). The",
            "search index is brought up to date in the background after each reload, and a save stops it,",
            "so it is in neither column.",
            "",
            f"Last run on {machine}. Reproduce a row with the command in its first column",
            "(add `--write` to record the result here).",
            "",
            "| command | site | saves | median | fastest | slowest | server's rebuild (median) |",
            "|---|---|---|---|---|---|---|",
            *(rows[key] for key in sorted(rows)),
            "",
        ]
    )
    write_section(body)


if __name__ == "__main__":
    main()
