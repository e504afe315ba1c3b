"""Benchmark builds on a generated corpus: python benchmarks/run.py [--sizes 100,1000,10000] [--jobs 2].

For each size: the single-core Python-Markdown floor (same extensions, same bodies, no templates), a cold
build without the search index, a no-change rebuild, a one-article edit rebuild, and a cold build with
the search index. Wall time includes Python start-up; peak memory sums the whole process tree (workers
included), sampled every 10 ms. Output goes to /dev/shm when it exists, so the disk does not dominate.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))
sys.path.insert(0, str(HERE))

from corpus import generate  # noqa: E402
from peers import build_peers  # noqa: E402

SCRATCH = Path("/dev/shm") if Path("/dev/shm").is_dir() else Path("/tmp")
FLOOR = """
import sys, time, pathlib, markdown
from sitegen.mdext import STANDARD_EXTENSIONS, EXTENSION_CONFIGS
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


def measure(command: list[str], cwd: Path) -> tuple[float, float, str]:
    """(seconds, peak MiB of the process tree, last line printed) for one command."""
    start = time.perf_counter()
    proc = subprocess.Popen(command, cwd=cwd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    peak = 0
    while proc.poll() is None:
        peak = max(peak, _tree_rss_kb(proc.pid))
        time.sleep(0.01)
    seconds = time.perf_counter() - start
    output = proc.stdout.read() if proc.stdout else ""
    if proc.returncode != 0:
        raise SystemExit(f"{' '.join(command)} failed:\n{output}")
    return seconds, peak / 1024, output.strip().splitlines()[-1] if output.strip() else ""


def bench_size(n: int, jobs: int, peers: bool) -> dict[str, tuple[float, float]]:
    """All measurements for one corpus size."""
    root = SCRATCH / f"sitegen-bench-{n}"
    out = root / "_site"
    generate(root, n)
    build = [sys.executable, str(HERE.parent / "build.py"), "--out", str(out), "--jobs", str(jobs), "-q"]
    results: dict[str, tuple[float, float]] = {}
    floor = subprocess.run(
        [sys.executable, "-c", FLOOR, str(root)], capture_output=True, text=True, check=True, cwd=HERE.parent
    )
    results["markdown floor (1 core)"] = (float(floor.stdout), 0.0)
    shutil.rmtree(root / ".cache", ignore_errors=True)
    results["cold, no search"] = measure([*build, "--no-search"], root)[:2]
    results["no-change rebuild"] = measure([*build, "--no-search"], root)[:2]
    article = root / "content/articles/a00007.md"
    article.write_text(article.read_text() + "\nOne more sentence about magnesium.\n")
    results["one-file edit"] = measure([*build, "--no-search"], root)[:2]
    shutil.rmtree(out)
    shutil.rmtree(root / ".cache", ignore_errors=True)
    results["cold, 1 job, no search"] = measure([*build[:-3], "--jobs", "1", "-q", "--no-search"], root)[:2]
    shutil.rmtree(out)
    shutil.rmtree(root / ".cache", ignore_errors=True)
    results["cold, with search"] = measure(build, root)[:2]
    article.write_text(article.read_text() + "\nAnd another.\n")
    results["one-file edit, with search"] = measure(build, root)[:2]
    if peers:
        for name, figures in build_peers(root, measure, with_search=n <= 1000).items():
            results[f"{name}, cold"] = figures
    shutil.rmtree(root, ignore_errors=True)
    return results


def main() -> None:
    """Run the benchmark and print a Markdown table."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sizes", default="100,1000,10000")
    parser.add_argument("--jobs", type=int, default=len(os.sched_getaffinity(0)))
    parser.add_argument(
        "--peers", action="store_true", help="also build the corpus with MkDocs and Pelican if installed"
    )
    args = parser.parse_args()
    print(f"python {sys.version.split()[0]}, {args.jobs} jobs, output in {SCRATCH}")
    print("| pages | measurement | wall time | per page | peak memory |")
    print("|---|---|---|---|---|")
    for n in (int(s) for s in args.sizes.split(",")):
        for name, (seconds, mib) in bench_size(n, args.jobs, args.peers).items():
            memory = f"{mib:.0f} MiB" if mib else "–"
            print(f"| {n:,} | {name} | {seconds:.2f} s | {seconds / n * 1000:.2f} ms | {memory} |", flush=True)


if __name__ == "__main__":
    main()
