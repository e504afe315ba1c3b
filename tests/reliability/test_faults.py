"""Faults: a full or read-only disk, two builds at once, and builds killed at random moments.

None of them may cost the last good site, leave temporary folders behind, or end in a traceback.
"""

from __future__ import annotations

import errno
import os
import pickle
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest
from conftest import DEFAULT_FILES, article, tree_digest, write_files

from citesite.errors import SiteError, SiteErrors

PROJECT = Path(__file__).resolve().parents[2]
ROOT_IGNORES_PERMISSIONS = os.geteuid() == 0


def leftovers(root: Path) -> list[str]:
    """Temporary folders, staging folders and journals a build should never leave behind."""
    found = [p.name for p in root.iterdir() if p.name.startswith("._site.") and p.name != "._site.lock"]
    site = root / "_site"
    if site.is_dir():
        found += [
            p.name for p in site.iterdir() if p.name.startswith(".citesite-") and p.name != ".citesite-manifest.json"
        ]
    return sorted(found)


def fail_with(monkeypatch: pytest.MonkeyPatch, code: int, inside: Path) -> list[Path]:
    """Make every file write under inside fail with this errno (as a full or read-only disk does); return the tries."""
    tried: list[Path] = []
    real_write_bytes, real_copyfile = Path.write_bytes, shutil.copyfile

    def refuse(path: Path) -> None:
        if Path(path).absolute().is_relative_to(inside):
            tried.append(Path(path))
            raise OSError(code, os.strerror(code), str(path))

    def write_bytes(path: Path, data: bytes) -> int:
        refuse(path)
        return real_write_bytes(path, data)

    def copyfile(source, target, *args, **kwargs):  # type: ignore[no-untyped-def]
        refuse(Path(target))
        return real_copyfile(source, target, *args, **kwargs)

    monkeypatch.setattr(Path, "write_bytes", write_bytes)
    monkeypatch.setattr(shutil, "copyfile", copyfile)
    return tried


@pytest.fixture
def built_once(make_site, run_build):
    """A site that built once; the article is then changed, so the next build has something to write."""
    root = make_site({"content/articles/a.md": article("A"), "content/articles/b.md": article("B")})
    assert run_build(root).code == 0
    before = tree_digest(root / "_site")
    (root / "content/articles/a.md").write_text(article("A changed"), encoding="utf-8")
    return root, before


WRITE_ERRORS = {
    "disk_full": (errno.ENOSPC, "no space left on device; free some disk space, then build again"),
    "read_only_disk": (errno.EROFS, "read-only file system; build into a writable folder with --out"),
    "no_permission": (
        errno.EACCES,
        "permission denied; check the folder's permissions, or build into another folder with --out",
    ),
    "quota": (errno.EDQUOT, "disk quota exceeded; free some disk space, then build again"),
}


@pytest.mark.parametrize("mode", ["incremental", "full"])
@pytest.mark.parametrize("code,advice", WRITE_ERRORS.values(), ids=WRITE_ERRORS.keys())
def test_a_failing_disk_during_a_rebuild_is_a_clear_error_and_the_old_site_stays(
    built_once, run_build, monkeypatch, code, advice, mode
):
    root, before = built_once
    tried = fail_with(monkeypatch, code, root)
    result = run_build(root, "--jobs", "1", *(["--no-cache"] if mode == "full" else []))
    monkeypatch.undo()
    assert tried, "the build never tried to write"
    assert result.code == 1
    assert "Traceback" not in result.err and "internal error" not in result.err
    assert f"{root / '_site'}: error: cannot write index.html: {advice}" in result.err.splitlines()
    assert tree_digest(root / "_site") == before
    assert leftovers(root) == []
    assert run_build(root).code == 0  # and once the disk is fine again, the build goes through
    assert "A changed" in (root / "_site/articles/a/index.html").read_text(encoding="utf-8")


def test_a_full_disk_on_a_first_build_leaves_nothing_behind(make_site, run_build, monkeypatch):
    root = make_site({"content/articles/a.md": article("A")})
    fail_with(monkeypatch, errno.ENOSPC, root)
    result = run_build(root, "--jobs", "1")
    monkeypatch.undo()
    assert result.code == 1
    assert (
        f"{root / '_site'}: error: cannot write index.html: no space left on device; free some disk space, then build again"
        in result.err.splitlines()
    )
    assert not (root / "_site").exists()
    assert leftovers(root) == []


def test_a_full_disk_while_copying_static_files(make_site, run_build, monkeypatch):
    root = make_site({"content/articles/a.md": article("A"), "static/img/x.png": b"\x89PNG"})
    real_copyfile = shutil.copyfile

    def copyfile(source, target, *args, **kwargs):  # type: ignore[no-untyped-def]
        if str(target).endswith("x.png"):
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC), str(target))
        return real_copyfile(source, target, *args, **kwargs)

    monkeypatch.setattr(shutil, "copyfile", copyfile)
    result = run_build(root, "--jobs", "1")
    monkeypatch.undo()
    assert result.code == 1
    assert (
        f"{root / '_site'}: error: cannot write img/x.png: no space left on device; free some disk space, then build again"
        in result.err.splitlines()
    )
    assert leftovers(root) == [] and not (root / "_site").exists()


def test_a_read_only_project_folder_cannot_hold_the_temporary_folder(make_site, run_build, monkeypatch):
    root = make_site({"content/articles/a.md": article("A")})
    real_mkdir = Path.mkdir

    def mkdir(path: Path, *args, **kwargs):  # type: ignore[no-untyped-def]
        if path.absolute().is_relative_to(root) and not path.exists():
            raise OSError(errno.EROFS, os.strerror(errno.EROFS), str(path))
        return real_mkdir(path, *args, **kwargs)

    monkeypatch.setattr(Path, "mkdir", mkdir)
    result = run_build(root)
    monkeypatch.undo()
    assert result.code == 1
    assert "Traceback" not in result.err and "internal error" not in result.err
    message = f"cannot write into {root}: read-only file system; build into a writable folder with --out"
    assert f"{root / '_site'}: error: {message}" in result.err.splitlines()
    assert leftovers(root) == [] and not (root / "_site").exists()


@pytest.mark.skipif(
    ROOT_IGNORES_PERMISSIONS,
    reason="running as root, whom file permissions do not stop; run the tests as a normal user to check it",
)
def test_a_read_only_output_parent_is_a_clear_error_and_the_old_site_stays(built_once, run_build):
    root, before = built_once
    (root / "content/articles/b.md").unlink()  # a removed page: the build has to replace the output
    root.chmod(0o555)
    try:
        result = run_build(root)
    finally:
        root.chmod(0o755)
    assert result.code == 1
    assert "Traceback" not in result.err and "internal error" not in result.err
    assert "permission denied; check the folder's permissions, or build into another folder with --out" in result.err
    assert tree_digest(root / "_site") == before


@pytest.mark.skipif(
    ROOT_IGNORES_PERMISSIONS,
    reason="running as root, whom file permissions do not stop; run the tests as a normal user to check it",
)
def test_a_read_only_output_folder_is_a_clear_error_and_the_old_site_stays(built_once, run_build):
    root, before = built_once
    site = root / "_site"
    folders = [site, *(p for p in site.rglob("*") if p.is_dir())]
    for folder in folders:
        folder.chmod(0o555)
    try:
        result = run_build(root)
    finally:
        for folder in folders:
            folder.chmod(0o755)
    assert "Traceback" not in result.err and "internal error" not in result.err
    if result.code == 1:  # refused: the old site must be whole
        assert (
            "permission denied; check the folder's permissions, or build into another folder with --out" in result.err
        )
        assert tree_digest(site) == before
    else:  # replaced as a whole (the parent is writable): the new site must be whole
        assert "A changed" in (site / "articles/a/index.html").read_text(encoding="utf-8")


def test_problems_survive_the_trip_back_from_a_worker_process():
    problems = SiteErrors(
        [SiteError("cannot write x: no space left on device", "/out", None), SiteError("m", "p.md", 3)]
    )
    again = pickle.loads(pickle.dumps(problems))
    assert again.errors == problems.errors
    assert [e.line for e in again.errors] == [e.line for e in problems.errors]


def test_a_full_disk_in_a_parallel_build_is_a_clear_error(make_site, run_build, monkeypatch):
    from citesite.render.parallel import PARALLEL_THRESHOLD

    files = {f"content/articles/a{n:03}.md": article(f"A {n}") for n in range(PARALLEL_THRESHOLD + 10)}
    root = make_site(files)
    fail_with(monkeypatch, errno.ENOSPC, root)  # forked workers inherit the failing write
    result = run_build(root, "--jobs", "2")
    monkeypatch.undo()
    assert result.code == 1
    assert "Traceback" not in result.err and "internal error" not in result.err
    assert any(
        line.endswith(": no space left on device; free some disk space, then build again")
        for line in result.err.splitlines()
    ), result.err
    assert not (root / "_site").exists()
    assert leftovers(root) == []


# -- processes ---------------------------------------------------------------------------------------


def start_build(root: Path, *args: str) -> subprocess.Popen[str]:
    env = {**os.environ, "NO_COLOR": "1", "SOURCE_DATE_EPOCH": "1795000000"}
    return subprocess.Popen(
        [sys.executable, str(PROJECT / "build.py"), "--root", str(root), "--quiet", *args],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def kill(proc: subprocess.Popen[str]) -> None:
    proc.send_signal(signal.SIGKILL)
    proc.communicate(timeout=30)  # reaps it and closes its pipes


def versioned(version: str, count: int) -> dict[str, str | bytes]:
    """A site of count articles whose text says which version it is."""
    body = f"## Part\n\nVersion {version}. " + "Magnesium and bone. " * 60 + "\n"
    files: dict[str, str | bytes] = {**DEFAULT_FILES}
    files.update({f"content/articles/a{n:03}.md": article(f"A {n} {version}", body) for n in range(count)})
    if version == "two":  # the new version also adds and removes a page
        files["content/articles/extra.md"] = article("Extra")
        del files["content/articles/a000.md"]
    return files


def reference_digests(tmp_path: Path, versions: list[str], count: int) -> dict[str, dict[str, str]]:
    """The complete site of each version, built cleanly elsewhere (all at once)."""
    roots = {version: tmp_path / f"reference-{version}" for version in versions}
    for version, root in roots.items():
        write_files(root, versioned(version, count))
    procs = {version: start_build(root) for version, root in roots.items()}
    for proc in procs.values():
        _, err = proc.communicate(timeout=120)
        assert proc.returncode == 0, err
    return {version: tree_digest(root / "_site") for version, root in roots.items()}


def switch_to(root: Path, version: str, count: int) -> None:
    files = versioned(version, count)
    for path in (root / "content/articles").glob("*.md"):
        if path.relative_to(root).as_posix() not in files:
            path.unlink()
    write_files(root, {rel: text for rel, text in files.items() if rel.startswith("content/")})


def test_two_builds_started_at_once_never_corrupt_the_output(tmp_path: Path):
    count = 120
    clean = reference_digests(tmp_path, ["one"], count)["one"]
    root = tmp_path / "project"
    write_files(root, versioned("one", count))
    for _ in range(3):
        procs = [start_build(root), start_build(root)]
        outcomes = [(proc.communicate(timeout=120)[1], proc.returncode)[::-1] for proc in procs]
        for code, err in outcomes:
            assert "Traceback" not in err and "internal error" not in err, err
            assert code == 0 or (
                code == 1
                and "error: another build is writing _site/ right now; wait for it to finish and try again" in err
            ), err
        assert any(code == 0 for code, _ in outcomes)
        assert tree_digest(root / "_site") == clean
        assert leftovers(root) == []
        shutil.rmtree(root / "_site")  # the next round starts both from nothing again
        shutil.rmtree(root / ".cache", ignore_errors=True)


def test_builds_killed_at_random_moments_leave_the_old_or_the_new_site(tmp_path: Path, rng):
    """SIGKILL at random moments of full rebuilds (--no-cache), parallel and serial; the seed is printed, and --seed replays it.

    Incremental rebuilds write through a staging folder inside the output: see the xfail test below.
    """
    count = 150
    digests = reference_digests(tmp_path, ["one", "two"], count)
    root = tmp_path / "project"
    write_files(root, versioned("one", count))
    options = ("--no-cache",)
    proc = start_build(root, *options)
    started = time.monotonic()
    assert proc.wait(timeout=120) == 0
    proc.communicate()
    duration = time.monotonic() - started
    current = "one"
    for run in range(4):
        target = "two" if current == "one" else "one"
        switch_to(root, target, count)
        proc = start_build(root, *options, *(("--jobs", "1") if run % 2 else ()))
        time.sleep(rng.uniform(0.05, duration * 1.1))
        kill(proc)
        found = tree_digest(root / "_site")
        stray = sorted(set(found) - set(digests[current]) - set(digests[target]))
        assert found in (digests[current], digests[target]), (
            f"{rng.replay}, run {run}: killed part way, the output is neither the old nor the new site "
            f"(files of neither: {stray[:3]})"
        )
        finish = start_build(root, *options)
        _, err = finish.communicate(timeout=120)
        assert finish.returncode == 0, f"{rng.replay}, run {run}: {err}"
        assert tree_digest(root / "_site") == digests[target], f"{rng.replay}, run {run}"
        assert leftovers(root) == []
        current = target


# A build that runs as usual until one step of the search stage, then is killed (SIGKILL) right after it.
KILLED_AFTER = """\
import os, signal, sys
import citesite.search as search
step = getattr(search, sys.argv[1])
def step_then_die(*args, **kwargs):
    step(*args, **kwargs)
    os.kill(os.getpid(), signal.SIGKILL)
setattr(search, sys.argv[1], step_then_die)
from citesite.cli import main
sys.exit(main(sys.argv[2:]))
"""
SEARCH_STEPS = {
    # a rebuild (in place) indexes the live output beside it, swaps the new index in, then records it
    "incremental_pagefind_started": ("_wait", ()),  # Pagefind still running when its build dies
    "incremental_index_written": ("index_site", ()),
    "incremental_index_swapped_in": ("swap_folders", ()),
    "incremental_old_index_removed": ("remove_owned", ()),
    # a full build indexes its temporary folder before swapping the whole site in
    "full_pagefind_started": ("_wait", ("--no-cache",)),
    "full_index_written": ("index_site", ("--no-cache",)),
}


@pytest.mark.parametrize("step,args", SEARCH_STEPS.values(), ids=SEARCH_STEPS.keys())
def test_a_build_killed_in_the_search_step_is_completed_by_the_next_build(tmp_path: Path, step, args):
    count = 3
    new = reference_digests(tmp_path, ["two"], count)["two"]
    root = tmp_path / "project"
    write_files(root, versioned("one", count))
    first = start_build(root)
    assert first.communicate(timeout=120) and first.returncode == 0
    switch_to(root, "two", count)
    env = {**os.environ, "NO_COLOR": "1", "SOURCE_DATE_EPOCH": "1795000000"}
    command = [sys.executable, "-c", KILLED_AFTER, step, "build", "--root", str(root), "--quiet", *args]
    killed = subprocess.run(command, env=env, capture_output=True, text=True, timeout=120)
    assert killed.returncode == -signal.SIGKILL, killed.stderr
    finish = start_build(root)
    _, err = finish.communicate(timeout=120)
    assert finish.returncode == 0, err
    assert tree_digest(root / "_site") == new
    assert leftovers(root) == []


def test_pagefind_dies_with_a_killed_build(tmp_path: Path):
    pid_file = tmp_path / "pagefind.pid"
    fake = tmp_path / "pagefind"
    fake.write_text(f"#!/bin/sh\necho $$ > {pid_file}.tmp && mv {pid_file}.tmp {pid_file}\nexec sleep 300\n")
    fake.chmod(0o755)
    root = tmp_path / "project"
    write_files(root, versioned("one", 2))
    env = {**os.environ, "NO_COLOR": "1", "SOURCE_DATE_EPOCH": "1795000000", "PAGEFIND_BINARY_PATH": str(fake)}
    build = subprocess.Popen([sys.executable, str(PROJECT / "build.py"), "--root", str(root), "--quiet"], env=env)
    try:
        assert wait_for(pid_file.exists), "the fake Pagefind never started"
    finally:
        build.kill()
        build.wait(timeout=30)
    pagefind = int(pid_file.read_text())
    assert wait_for(lambda: not running(pagefind)), f"Pagefind ({pagefind}) outlived its build"


def wait_for(condition: Callable[[], bool], timeout: float = 60) -> bool:
    """Whether condition became true within timeout seconds (a limit against hangs, not a measurement)."""
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            return False
        time.sleep(0.02)
    return True


def running(pid: int) -> bool:
    """Whether process pid exists and is not a zombie waiting to be reaped."""
    try:
        return Path(f"/proc/{pid}/stat").read_text().split(") ")[1][0] != "Z"
    except (OSError, IndexError):
        return False


def test_an_incremental_build_killed_while_staging_leaves_the_old_site(tmp_path: Path):
    count = 300
    root = tmp_path / "project"
    write_files(root, versioned("one", count))
    proc = start_build(root)
    assert proc.wait(timeout=120) == 0
    proc.communicate()
    before = tree_digest(root / "_site")
    base = root / "templates/base.html"
    base.write_text(base.read_text().replace("<body>", '<body class="renamed">'))
    proc = start_build(root, "--jobs", "1")  # every page changes, one at a time
    deadline = time.monotonic() + 60
    staging = root / "._site.staging"  # beside the output: the live site never holds half a build
    while proc.poll() is None and time.monotonic() < deadline and not any(staging.rglob("*.html")):
        time.sleep(0.002)
    assert proc.poll() is None, "the build finished before it could be interrupted"
    kill(proc)
    assert tree_digest(root / "_site") == before


def test_a_read_only_output_during_an_incremental_build_is_a_clear_error(built_once, run_build, monkeypatch):
    root, before = built_once
    real_mkdir = Path.mkdir

    def mkdir(path: Path, *args, **kwargs):  # type: ignore[no-untyped-def]
        if path.name == "._site.staging" and not path.exists():
            raise OSError(errno.EROFS, os.strerror(errno.EROFS), str(path))
        return real_mkdir(path, *args, **kwargs)

    monkeypatch.setattr(Path, "mkdir", mkdir)
    result = run_build(root)
    monkeypatch.undo()
    assert result.code == 1
    assert "Traceback" not in result.err and "internal error" not in result.err, result.err
    message = "cannot write ._site.staging: read-only file system; build into a writable folder with --out"
    assert f"{root / '_site'}: error: {message}" in result.err.splitlines()
    assert tree_digest(root / "_site") == before
    assert leftovers(root) == []
