"""What adding, renaming and deleting an article cost against a one-file edit, and a CI run with its cache.

python benchmarks/edits.py [--size 1000] [--rounds 3] [--label NAME=PATH/TO/build.py ...]

Each label builds its own copy of one corpus (the same seed, so the same files): a cold build, then, in each
round, a one-file edit, a new article (in the middle of the reading order, linked by no other), the same
article renamed, and deleted. "CI with cache" copies the project, as a fresh checkout does (new file times),
with the cache and the output of the last build beside it, edits one article and builds; "CI without cache"
builds the same copy from scratch. With several labels (for example this checkout against an older one
unpacked with `git archive`), the rounds alternate between them, so that the machine's load falls on all
alike: compare the ratios, which are of one run.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from corpus import generate  # noqa: E402
from run import SCRATCH, _checked  # noqa: E402

ROWS = ("one-file edit", "one new article", "one renamed article", "one deleted article")


def _build(build_py: Path, root: Path) -> list[str]:
    return [sys.executable, str(build_py), "--root", str(root), "--out", str(root / "_site"), "--no-search", "-q"]


def one_round(build_py: Path, root: Path, step: int) -> dict[str, float]:
    """The four rebuilds, timed, on a corpus already built once."""
    build = _build(build_py, root)
    times: dict[str, float] = {}
    edited = root / "content/articles/a00007.md"
    edited.write_text(edited.read_text() + f"\nOne more sentence about magnesium ({step}).\n")
    times[ROWS[0]] = _checked(build, root).seconds
    middle = sorted((root / "content/articles").glob("a*.md"))[
        len(list((root / "content/articles").glob("a*.md"))) // 2
    ]
    new = root / "content/articles/new.md"
    new.write_text(middle.read_text().replace("title: ", "title: New ", 1))
    times[ROWS[1]] = _checked(build, root).seconds
    renamed = new.rename(new.with_stem("new-renamed"))
    times[ROWS[2]] = _checked(build, root).seconds
    renamed.unlink()
    times[ROWS[3]] = _checked(build, root).seconds
    return times


def fresh_checkout(root: Path, into: Path, package: Path) -> None:
    """A copy of the project with new file times, its .cache/ and _site/ restored as actions/cache does.

    The generator's own files get new times too, as a fresh checkout or install gives them (the libraries
    in the environment keep theirs).
    """
    for path in package.rglob("*"):
        if path.is_file():
            os.utime(path)
    shutil.rmtree(into, ignore_errors=True)
    shutil.copytree(root, into, ignore=shutil.ignore_patterns(".cache", "_site"))
    for path in into.rglob("*"):
        if path.is_file():
            os.utime(path)  # copytree keeps the times; a checkout gives every file a new one
    # actions/cache restores with tar, which keeps the saved files' times; the checkout's files are new.
    shutil.copytree(root / ".cache", into / ".cache")
    shutil.copytree(root / "_site", into / "_site")


def ci_rows(build_py: Path, root: Path) -> dict[str, float]:
    """A pushed one-article change built as CI would: with the restored cache, and from scratch."""
    ci = root.with_name(root.name + "-ci")
    # The cache and output are keyed on the output folder's path: CI's checkout is always at the same path.
    shutil.rmtree(ci, ignore_errors=True)
    shutil.copytree(root, ci)
    _checked(_build(build_py, ci), ci)
    saved = ci.with_name(ci.name + "-saved")
    shutil.rmtree(saved, ignore_errors=True)
    ci.rename(saved)
    fresh_checkout(saved, ci, build_py.parent / "citesite")
    edited = ci / "content/articles/a00011.md"
    edited.write_text(edited.read_text() + "\nA pushed sentence.\n")
    with_cache = _checked(_build(build_py, ci), ci).seconds
    shutil.rmtree(ci / ".cache")
    shutil.rmtree(ci / "_site")
    without = _checked(_build(build_py, ci), ci).seconds
    shutil.rmtree(ci)
    shutil.rmtree(saved)
    return {"CI with cache (one article pushed)": with_cache, "CI without cache": without}


def main() -> None:
    """Build, time the edits round by round, print a table per label and the ratios to the one-file edit."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--size", type=int, default=1000)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--label", action="append", default=[], help="NAME=PATH/TO/build.py (default: this one)")
    args = parser.parse_args()
    labels = dict(item.split("=", 1) for item in args.label) or {"this checkout": str(HERE.parent / "build.py")}
    roots = {}
    for n, (name, build_py) in enumerate(labels.items()):
        root = generate(SCRATCH / f"citesite-edits-{args.size}-{n}", args.size)
        roots[name] = root
        _checked(_build(Path(build_py), root), root)  # cold
    found: dict[str, dict[str, list[float]]] = {name: {row: [] for row in ROWS} for name in labels}
    for step in range(args.rounds):
        for name, build_py in labels.items():
            for row, seconds in one_round(Path(build_py), roots[name], step).items():
                found[name][row].append(seconds)
    ci = {name: ci_rows(Path(build_py), roots[name]) for name, build_py in labels.items()}
    print(f"{args.size:,} pages, {args.rounds} rounds, load average {os.getloadavg()[0]:.1f} at the end\n")
    for name in labels:
        print(f"{name}:\n\n| measurement | median | runs | ÷ one-file edit |\n|---|---|---|---|")
        edit = statistics.median(found[name][ROWS[0]])
        for row in ROWS:
            runs = found[name][row]
            median = statistics.median(runs)
            shown = ", ".join(f"{s:.2f}" for s in runs)
            print(f"| {row} | {median:.2f} s | {shown} | {median / edit:.2f}× |")
        for row, seconds in ci[name].items():
            print(f"| {row} | {seconds:.2f} s | 1 | {seconds / edit:.2f}× |")
        print()
        shutil.rmtree(roots[name], ignore_errors=True)


if __name__ == "__main__":
    main()
