"""The output folder: refused where replacing it could destroy files; swapped only after a good build."""

from __future__ import annotations

import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from conftest import article, page, tree_digest

PROJECT = Path(__file__).resolve().parent.parent


@pytest.mark.parametrize(
    "out,reason",
    [
        (".", "refusing to write the site into the project folder itself"),
        ("content", "refusing to write the site into content/"),
        ("templates/x", "refusing to write the site into templates/"),
        ("static", "refusing to write the site into static/"),
        ("..", "it contains the project; choose a folder inside the project such as _site"),
    ],
)
def test_output_inside_sources_or_above_the_project_is_refused(make_site, run_build, out, reason):
    root = make_site()
    before = tree_digest(root)
    result = run_build(root, "--out", str(root / out))
    assert result.code == 2
    assert reason in result.err
    assert result.err.startswith("citesite: error: refusing")
    assert tree_digest(root) == before


def test_non_empty_folder_the_generator_did_not_create_is_refused(make_site, run_build):
    root = make_site({"docs/notes.txt": "mine\n"})
    result = run_build(root, "--out", str(root / "docs"))
    assert result.code == 2
    assert f"refusing to replace {root / 'docs'}: it is not empty and was not created by this generator" in result.err
    assert (root / "docs/notes.txt").read_text() == "mine\n"


def test_a_file_added_to_the_output_is_never_deleted(make_site, run_build):
    root = make_site({"content/pages/a.md": page("A")})
    assert run_build(root).code == 0
    (root / "_site/CNAME").write_text("example.org\n")
    (root / "content/pages/a.md").write_text(page("A", "Changed.\n"))
    assert run_build(root).code == 0  # an incremental build only replaces its own files
    assert (root / "_site/CNAME").read_text() == "example.org\n"
    result = run_build(root, "--no-cache")  # a full build would replace the folder, so it refuses
    assert result.code == 2
    assert "it holds files this generator did not write (CNAME); move them to static/" in result.err
    assert (root / "_site/CNAME").read_text() == "example.org\n"


def test_an_empty_existing_folder_is_accepted(make_site, run_build, tmp_path):
    root = make_site()
    (tmp_path / "empty").mkdir()
    assert run_build(root, "--out", str(tmp_path / "empty")).code == 0
    assert (tmp_path / "empty/index.html").is_file()


def test_rebuild_replaces_the_old_output_and_drops_deleted_pages(make_site, run_build):
    root = make_site({"content/articles/a.md": article("A"), "content/articles/b.md": article("B")})
    assert run_build(root).code == 0
    (root / "content/articles/b.md").unlink()
    assert run_build(root).code == 0
    assert not (root / "_site/articles/b").exists()
    assert (root / "_site/articles/a/index.html").is_file()
    leftovers = [p.name for p in root.iterdir() if p.name.startswith("._site")]
    assert leftovers in ([], ["._site.lock"])


def test_a_failed_build_leaves_the_previous_output_byte_identical(make_site, run_build):
    root = make_site({"content/articles/a.md": article("A")})
    assert run_build(root).code == 0
    before = tree_digest(root / "_site")
    (root / "content/articles/a.md").write_text(article("A", "[x](missing.md)\n"))
    assert run_build(root).code == 1
    assert tree_digest(root / "_site") == before
    assert not list(root.glob("._site.tmp-*"))


def test_a_killed_build_leaves_the_previous_output_intact(make_site, run_build):
    files = {
        f"content/articles/a{n:04}.md": article(f"A {n}", "## Part\n\n" + "Text with words. " * 400 + "\n")
        for n in range(1500)
    }
    root = make_site(files)
    assert run_build(root).code == 0
    before = tree_digest(root / "_site")
    (root / "content/articles/a0000.md").write_text(article("Changed"))
    proc = subprocess.Popen([sys.executable, str(PROJECT / "build.py"), "--root", str(root), "-q"])
    deadline = time.monotonic() + 60
    while not list(root.glob("._site.tmp-*/articles")) and time.monotonic() < deadline and proc.poll() is None:
        time.sleep(0.005)
    assert proc.poll() is None, "the build finished before it could be interrupted"
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    assert tree_digest(root / "_site") == before
    assert run_build(root, "-q").code == 0  # and the next build cleans up and succeeds
    assert "Changed" in (root / "_site/articles/a0000/index.html").read_text()
    assert not list(root.glob("._site.tmp-*"))


def test_a_temporary_folder_killed_before_its_marker_is_cleared_but_a_foreign_one_is_kept(make_site, run_build):
    root = make_site({"content/articles/a.md": article("A")})
    (root / "._site.tmp-99999").mkdir()  # a build killed between creating its folder and marking it as its own
    (root / "._site.tmp-88888").mkdir()
    (root / "._site.tmp-88888/notes.txt").write_text("someone's file")
    assert run_build(root).code == 0
    assert not (root / "._site.tmp-99999").exists()
    assert (root / "._site.tmp-88888/notes.txt").read_text() == "someone's file"


def test_a_second_build_on_the_same_output_waits_its_turn(make_site, run_build):
    import fcntl
    import os

    root = make_site()
    fd = os.open(root / "._site.lock", os.O_RDWR | os.O_CREAT)
    fcntl.flock(fd, fcntl.LOCK_EX)
    try:
        result = run_build(root)
    finally:
        os.close(fd)
    assert result.code == 1
    assert "error: another build is writing _site/ right now; wait for it to finish and try again" in result.err
