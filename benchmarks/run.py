"""Benchmark builds on a generated corpus: python benchmarks/run.py [--sizes 100,1000,10000] [--jobs 2] [--peers].

For each size: the single-core Python-Markdown floor (same extensions, same bodies, no templates), a cold
build without the search index, a no-change rebuild, a one-article edit rebuild, and a cold build with
the search index; with --peers, a cold build of the same corpus by each installed peer (peers.py). Wall
time includes start-up; peak memory sums the whole process tree (workers included), sampled every 10 ms.
Output goes to /dev/shm when it exists, so the disk does not dominate. Each size prints a Markdown table,
then the ratios the targets are stated in.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import textwrap
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))
sys.path.insert(0, str(HERE))

from corpus import generate  # noqa: E402
from peers import PeerResult, Result, build_peers, failure_text, installed  # noqa: E402

SCRATCH = Path("/dev/shm") if Path("/dev/shm").is_dir() else Path("/tmp")
# Every tool runs as on a usual machine, where Python keeps compiled bytecode between runs.
ENV = {key: value for key, value in os.environ.items() if key != "PYTHONDONTWRITEBYTECODE"}
FLOOR = """
import sys, time, pathlib, markdown
from citesite.markdown import STANDARD_EXTENSIONS, EXTENSION_CONFIGS
texts = [p.read_text().split("---\\n", 2)[2] for p in sorted(pathlib.Path(sys.argv[1]).glob("content/articles/*.md"))]
md = markdown.Markdown(extensions=STANDARD_EXTENSIONS, extension_configs=EXTENSION_CONFIGS)
start = time.perf_counter()
for text in texts:
    md.reset(); md.convert(text)
print(time.perf_counter() - start)
"""


def _tree_rss_kb(pid: int) -> int:
    """Resident memory of pid and all its descendants, in KiB."""
    total, stack = 0, [pid]
    while stack:
        current = stack.pop()
        try:
            with Path(f"/proc/{current}/status").open() as handle:
                total += next((int(line.split()[1]) for line in handle if line.startswith("VmRSS:")), 0)
            with Path(f"/proc/{current}/task/{current}/children").open() as handle:
                stack.extend(int(child) for child in handle.read().split())
        except (OSError, ValueError):
            continue
    return total


def measure(command: list[str], cwd: Path) -> tuple[float, float, int, str]:
    """(seconds, peak MiB of the process tree, exit status, output) of one command."""
    # Output goes to a file, not a pipe: a tool that prints more than a pipe holds would block and never end.
    with tempfile.TemporaryFile("w+", encoding="utf-8", errors="replace") as log:
        start = time.perf_counter()
        proc = subprocess.Popen(command, cwd=cwd, stdout=log, stderr=subprocess.STDOUT, env=ENV)
        peak = 0
        while proc.poll() is None:
            peak = max(peak, _tree_rss_kb(proc.pid))
            time.sleep(0.01)
        seconds = time.perf_counter() - start
        log.seek(0)
        return seconds, peak / 1024, proc.returncode, log.read()


def _checked(command: list[str], cwd: Path) -> Result:
    """A citesite build measured; its failure ends the benchmark, with the build's own messages."""
    seconds, mib, returncode, output = measure(command, cwd)
    if returncode != 0:
        raise SystemExit(f"{' '.join(command)} failed: {failure_text(returncode, output)}")
    return Result(seconds, mib)


def retitle(path: Path) -> None:
    """Give an article a new title."""
    path.write_text(path.read_text().replace("title: ", "title: Retitled ", 1))


FLOOR_ROW = "markdown floor (1 core)"
COLD_ROW = "cold, no search"
SEARCH_ROW = "cold, with search"


def bench_own(root: Path, jobs: int) -> dict[str, Result]:
    """citesite's measurements on the corpus at root: the floor, cold builds and rebuilds."""
    out = root / "_site"
    build = [sys.executable, str(HERE.parent / "build.py"), "--out", str(out), "--jobs", str(jobs), "-q"]
    results: dict[str, Result] = {}
    floor = subprocess.run(
        [sys.executable, "-c", FLOOR, str(root)], capture_output=True, text=True, check=True, cwd=HERE.parent, env=ENV
    )
    results[FLOOR_ROW] = Result(float(floor.stdout), 0.0)
    shutil.rmtree(root / ".cache", ignore_errors=True)
    results[COLD_ROW] = _checked([*build, "--no-search"], root)
    results["no-change rebuild"] = _checked([*build, "--no-search"], root)
    article = root / "content/articles/a00007.md"
    article.write_text(article.read_text() + "\nOne more sentence about magnesium.\n")
    results["one-file edit"] = _checked([*build, "--no-search"], root)
    # A new title shows on the pages that list or link it: its neighbours, related articles, the home page.
    retitled = root / f"content/articles/a{len(list(root.glob('content/articles/*.md'))) // 2:05}.md"
    retitle(retitled)
    results["one title edit"] = _checked([*build, "--no-search"], root)
    new = root / "content/articles/new.md"
    new.write_text(retitled.read_text().replace("title: ", "title: New ", 1))
    results["one new article"] = _checked([*build, "--no-search"], root)
    new.unlink()
    shutil.rmtree(out)
    shutil.rmtree(root / ".cache", ignore_errors=True)
    results["cold, 1 job, no search"] = _checked([*build[:-3], "--jobs", "1", "-q", "--no-search"], root)
    shutil.rmtree(out)
    shutil.rmtree(root / ".cache", ignore_errors=True)
    results[SEARCH_ROW] = _checked(build, root)
    article.write_text(article.read_text() + "\nAnd another.\n")
    results["one-file edit, with search"] = _checked(build, root)
    shutil.rmtree(out)
    return results


def _against(own: Result, label: str, peer: Result) -> str:
    """'against Hugo 0.168: 3.10× slower (6.20 s against 2.00 s)', or why there is no ratio."""
    if peer.failure:
        return f"against {label}: no ratio, the peer failed"
    speed = peer.seconds / own.seconds
    word, factor = ("faster", speed) if speed >= 1 else ("slower", 1 / speed)
    return f"against {label}: {factor:.2f}× {word} ({own.seconds:.2f} s against {peer.seconds:.2f} s)"


def ratios(own: dict[str, Result], peers: list[PeerResult]) -> list[str]:
    """The ratios the targets are stated in, as Markdown list items."""
    cold, floor, searched = own[COLD_ROW], own[FLOOR_ROW], own[SEARCH_ROW]
    to_floor = cold.seconds / floor.seconds
    lines = [f"- citesite {COLD_ROW} ÷ {FLOOR_ROW}: {to_floor:.2f}× (target at 10,000 pages: at most 0.6×)"]
    for label, search, result in peers:
        if not search:
            lines.append(f"- citesite {COLD_ROW} {_against(cold, label, result)}")
        elif result.failure:
            lines.append(f"- citesite {SEARCH_ROW} {_against(searched, label, result)}")
        else:
            ratio = searched.seconds / result.seconds
            lines.append(f"- citesite {SEARCH_ROW} ÷ {label}: {ratio:.2f}× (target at 1,000 pages: at most 0.5×)")
    return lines


def _row(n: int, name: str, result: Result) -> str:
    """One line of the Markdown table."""
    if result.failure:
        return f"| {n:,} | {name} | failed | – | – |"
    memory = f"{result.mib:.0f} MiB" if result.mib else "–"
    return f"| {n:,} | {name} | {result.seconds:.2f} s | {result.seconds / n * 1000:.2f} ms | {memory} |"


def report_size(n: int, jobs: int, peers: bool) -> None:
    """Build a corpus of n articles, then print its table rows and ratios as each becomes known."""
    root = generate(SCRATCH / f"citesite-bench-{n}", n)
    print("| pages | measurement | wall time | per page | peak memory |")
    print("|---|---|---|---|---|")
    own = bench_own(root, jobs)
    for name, result in own.items():
        print(_row(n, name, result), flush=True)
    found = build_peers(root, measure, with_search=n <= 1000) if peers else []
    for peer in found:
        print(_row(n, f"{peer.label}, cold", peer.result), flush=True)
    print(f"\nAt {n:,} pages:\n")
    print("\n".join(ratios(own, found)) + "\n", flush=True)
    for peer in found:
        if peer.result.failure:
            # After the table, so that a failure's own messages do not break it up.
            details = textwrap.indent(peer.result.failure, "    ")
            print(f"{peer.label} failed at {n:,} pages:\n{details}\n", flush=True)
    shutil.rmtree(root, ignore_errors=True)


def main() -> None:
    """Run the benchmark and print, for each size, a Markdown table and the ratios."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sizes", default="100,1000,10000")
    parser.add_argument("--jobs", type=int, default=len(os.sched_getaffinity(0)))
    parser.add_argument(
        "--peers",
        action="store_true",
        help="also build the corpus with MkDocs, Pelican, Hugo and Eleventy if installed",
    )
    args = parser.parse_args()
    print(f"python {sys.version.split()[0]}, {args.jobs} jobs, output in {SCRATCH}")
    if args.peers:
        print(f"peers: {', '.join(installed()) or 'none installed'}")
    print()
    for n in (int(s) for s in args.sizes.split(",")):
        report_size(n, args.jobs, args.peers)


if __name__ == "__main__":
    main()
