"""Hostile paths: every kind of path the build reads or deletes by (sources, folders, templates, static files,
the manifest and the journal beside the output) may point anywhere. Nothing outside the project is read,
nothing outside the output folder is deleted, and a page can never take the place of another output.
"""

from __future__ import annotations

import contextlib
import json
import os
import socket
import stat
import subprocess
import sys
import time
from pathlib import Path

import pytest
from conftest import DEFAULT_FILES, TEMPLATES, article, page, tree_digest, write_files

PROJECT = Path(__file__).resolve().parents[2]
MANIFEST = ".citesite-manifest.json"
SECRET = "outside-secret-4c1d"


def add_to_manifest(root: Path, *entries: str) -> None:
    """Append entries to the output's manifest, as a deploy step or another tool could."""
    path = root / "_site" / MANIFEST
    data = json.loads(path.read_text(encoding="utf-8"))
    data["files"].extend(entries)
    path.write_text(json.dumps(data), encoding="utf-8")


def ignored_warning(entry: str) -> str:
    return (
        f"_site/{MANIFEST}: warning: ignored the entry {entry!r}: it is not a plain file inside the output folder, "
        "so this generator did not write it and will not delete it; remove the entry, or delete the output folder "
        "and build again"
    )


def test_a_manifest_entry_naming_an_absolute_path_never_deletes_that_file(make_site, run_build, tmp_path):
    victim = tmp_path / "victim.txt"
    victim.write_text("keep me", encoding="utf-8")
    root = make_site()
    assert run_build(root).code == 0
    add_to_manifest(root, str(victim))
    result = run_build(root)
    assert result.code == 0
    assert victim.read_text(encoding="utf-8") == "keep me"
    assert ignored_warning(str(victim)).replace(str(root) + "/", "") in result.err.replace(str(root) + "/", "")


@pytest.mark.parametrize("entry", ["../victim.txt", "../../victim.txt", "css/../../victim.txt", "", ".", 7, None])
def test_a_manifest_entry_leaving_the_output_is_ignored_with_a_warning(make_site, run_build, entry):
    root = make_site()
    victims = [root / "victim.txt", root.parent / "victim.txt"]
    for victim in victims:
        victim.write_text("keep me", encoding="utf-8")
    assert run_build(root).code == 0
    add_to_manifest(root, entry)  # type: ignore[arg-type]
    result = run_build(root)
    assert result.code == 0
    assert all(victim.read_text(encoding="utf-8") == "keep me" for victim in victims)
    assert "warning: ignored the entry" in result.err


def test_a_symlink_in_the_output_listed_in_the_manifest_is_never_followed(make_site, run_build, tmp_path):
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "victim.txt").write_text("keep me", encoding="utf-8")
    root = make_site()
    assert run_build(root).code == 0
    (root / "_site" / "link.txt").symlink_to(outside / "victim.txt")
    (root / "_site" / "folder").symlink_to(outside, target_is_directory=True)
    add_to_manifest(root, "link.txt", "folder/victim.txt")
    result = run_build(root)
    assert result.code == 0, result.err
    assert (outside / "victim.txt").read_text(encoding="utf-8") == "keep me"
    assert [line for line in result.err.splitlines() if ": warning: " in line] == [
        ignored_warning("folder/victim.txt").replace("_site/", f"{root}/_site/", 1),
        ignored_warning("link.txt").replace("_site/", f"{root}/_site/", 1),
    ]


def test_a_folder_listed_in_the_manifest_is_not_deleted(make_site, run_build):
    root = make_site()
    assert run_build(root).code == 0
    add_to_manifest(root, "css")
    result = run_build(root)
    assert result.code == 0
    assert (root / "_site/css").is_dir()


def test_an_incremental_rebuild_never_deletes_through_a_doctored_manifest(make_site, run_build):
    """Same size and modification time as the real manifest, so the rebuild trusts its cache and writes in place."""
    root = make_site({"content/articles/a.md": article("A"), "content/articles/b.md": article("B")})
    (root / "victim1").write_text("keep me", encoding="utf-8")
    assert run_build(root).code == 0
    manifest = root / "_site" / MANIFEST
    stat = manifest.stat()
    text = manifest.read_text(encoding="utf-8")
    assert '"robots.txt"' in text
    manifest.write_text(text.replace('"robots.txt"', '"../victim1"'), encoding="utf-8")
    os.utime(manifest, ns=(stat.st_atime_ns, stat.st_mtime_ns))
    (root / "content/articles/b.md").unlink()
    result = run_build(root)
    assert result.code == 0, result.err
    assert (root / "victim1").read_text(encoding="utf-8") == "keep me"


GENERATED = {
    "robots": ("content/pages/robots.txt.md", "robots.txt/index.html", "the generated robots.txt"),
    "sitemap": ("content/pages/sitemap.xml.md", "sitemap.xml/index.html", "the generated sitemap.xml"),
    "feed": ("content/pages/feed.xml.md", "feed.xml/index.html", "the generated feed.xml"),
    "search": ("content/pages/pagefind.md", "pagefind/index.html", "the generated pagefind/ folder"),
    "not_found": ("content/pages/404.html.md", "404.html/index.html", "the page content/404.md"),
}


@pytest.mark.parametrize("source, dest, clash", GENERATED.values(), ids=GENERATED.keys())
def test_a_page_colliding_with_another_output_is_refused_and_later_builds_recover(
    make_site, run_build, source, dest, clash
):
    root = make_site({"content/404.md": page("Not found"), "static/img/logo.svg": "<svg/>"})
    assert run_build(root).code == 0
    before = tree_digest(root / "_site")
    (root / source).parent.mkdir(parents=True, exist_ok=True)
    (root / source).write_text(page("Clash"), encoding="utf-8")
    result = run_build(root)
    assert result.code == 1
    assert result.err.splitlines() == [
        f"{source}:1: error: this page would be published at {dest}, which collides with {clash}; "
        "give the page another 'slug' or file name",
        "1 error, 0 warnings",
    ]
    assert tree_digest(root / "_site") == before
    (root / source).unlink()
    for args in ((), ("--no-cache",), ()):
        again = run_build(root, *args)
        assert again.code == 0, again.err
    assert tree_digest(root / "_site") == before


def test_a_slug_colliding_with_a_generated_file_names_the_slug_line(make_site, run_build):
    root = make_site({"content/pages/x.md": page("X", slug="pagefind")})
    result = run_build(root)
    assert result.err.splitlines()[0] == (
        "content/pages/x.md:4: error: this page would be published at pagefind/index.html, which collides with "
        "the generated pagefind/ folder; give the page another 'slug' or file name"
    )


STATIC_CLASHES = {
    "home": ("static/index.html", "index.html", "the page content/index.md"),
    "feed": ("static/feed.xml", "feed.xml", "the generated feed.xml"),
    "robots": ("static/robots.txt", "robots.txt", "the generated robots.txt"),
    "sitemap": ("static/sitemap.xml", "sitemap.xml", "the generated sitemap.xml"),
    "not_found": ("static/404.html", "404.html", "the page content/404.md"),
    "search": ("static/pagefind/index.json", "pagefind/index.json", "the generated pagefind/ folder"),
    "article": ("static/articles/a/index.html", "articles/a/index.html", "the page content/articles/a.md"),
    "under_a_page": ("static/index.html/x.png", "index.html/x.png", "the page content/index.md"),
    "over_a_page": ("static/img/logo.svg", "img/logo.svg", "the page content/pages/img/logo.svg.md"),
}


@pytest.mark.parametrize("static, dest, clash", STATIC_CLASHES.values(), ids=STATIC_CLASHES.keys())
def test_a_static_file_colliding_with_a_generated_one_is_refused(make_site, run_build, static, dest, clash):
    files = {"content/404.md": page("Not found"), "content/articles/a.md": article("A"), static: "x"}
    root = make_site({**files, "content/pages/img/logo.svg.md": page("Logo")})
    result = run_build(root)
    assert result.code == 1
    assert result.err.splitlines() == [
        f"{static}: error: this file would be published at {dest}, which collides with {clash}; "
        "rename or move the file",
        "1 error, 0 warnings",
    ]


def journal(root: Path) -> Path:
    return root / "._site.journal.json"


@pytest.mark.parametrize(
    "text",
    [
        "not json",
        "[]",
        '{"moves": 5, "deletes": "x"}',
        '{"moves": ["robots.txt/index.html"], "deletes": []}',
        '{"moves": [], "deletes": ["../victim.txt", "/etc/hostname", "css"]}',
    ],
)
def test_a_damaged_or_hostile_journal_never_blocks_a_build_nor_deletes_outside(make_site, run_build, text):
    root = make_site({"content/articles/a.md": article("A")})
    (root / "victim.txt").write_text("keep me", encoding="utf-8")
    assert run_build(root).code == 0
    before = tree_digest(root / "_site")
    staging = root / "._site.staging"
    (staging / "robots.txt").mkdir(parents=True)
    (staging / "robots.txt/index.html").write_text("staged", encoding="utf-8")
    journal(root).write_text(text, encoding="utf-8")
    for _ in range(2):
        result = run_build(root)
        assert result.code == 0, result.err
    assert tree_digest(root / "_site") == before
    assert (root / "victim.txt").read_text(encoding="utf-8") == "keep me"
    assert not journal(root).exists() and not staging.exists()


def test_a_failed_incremental_write_rolls_back_to_the_previous_site(make_site, run_build, monkeypatch):
    root = make_site({f"content/articles/a{n}.md": article(f"A{n}") for n in range(4)})
    assert run_build(root).code == 0
    before = tree_digest(root / "_site")
    for n in range(4):
        (root / f"content/articles/a{n}.md").write_text(article(f"A{n} changed"), encoding="utf-8")
    (root / "content/articles/new.md").write_text(article("New"), encoding="utf-8")
    real_replace = Path.replace
    moved: list[Path] = []

    def replace(self: Path, target: Path) -> Path:
        if self.parent.name != "._site.staging" and "._site.staging" in str(self) and Path(target).name == "index.html":
            moved.append(self)
            if len(moved) == 3:
                raise OSError(28, "No space left on device", str(target))
        return real_replace(self, target)

    monkeypatch.setattr(Path, "replace", replace)
    result = run_build(root)
    assert result.code == 1
    assert "no space left on device" in result.err
    assert len(moved) == 3
    assert tree_digest(root / "_site") == before
    assert not journal(root).exists()
    monkeypatch.setattr(Path, "replace", real_replace)
    assert run_build(root).code == 0
    assert "A0 changed" in (root / "_site/articles/a0/index.html").read_text(encoding="utf-8")


def link_out(root: Path, rel: str, target: Path) -> None:
    """Replace rel (file or folder) under root with a symlink to target."""
    path = root / rel
    if path.is_dir():
        import shutil

        shutil.rmtree(path)
    elif path.exists():
        path.unlink()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.symlink_to(target, target_is_directory=target.is_dir())


def outside_folder(tmp_path: Path, files: dict[str, str]) -> Path:
    folder = tmp_path / "elsewhere"
    for rel, text in files.items():
        (folder / rel).parent.mkdir(parents=True, exist_ok=True)
        (folder / rel).write_text(text, encoding="utf-8")
    return folder


LINKED_FOLDERS = {
    "static": ("static", {"css/site.css": "body { margin: 0; }\n", "secret.txt": SECRET}),
    "static_subfolder": ("static/docs", {"secret.txt": SECRET}),
    "data": ("content/data", {"secret.yaml": f"- {SECRET}\n"}),
    "figures": ("content/figures", {"secret.svg": f"<svg><!-- {SECRET} --></svg>"}),
    "articles_subfolder": ("content/articles/more", {"secret.md": article("Secret", SECRET)}),
    "templates": ("templates", {k[len("templates/") :]: v for k, v in TEMPLATES.items() if k.startswith("templates")}),
    "template_partials": ("templates/partials", {"x.html": SECRET}),
    "content": ("content", {"site.yaml": DEFAULT_FILES["content/site.yaml"], "index.md": page("Home")}),
}


@pytest.mark.parametrize("rel, files", LINKED_FOLDERS.values(), ids=LINKED_FOLDERS.keys())
def test_a_folder_linked_outside_the_project_is_refused(make_site, run_build, tmp_path, rel, files):
    root = make_site()
    link_out(root, rel, outside_folder(tmp_path, files))
    result = run_build(root)
    assert result.code == 1
    assert result.err.splitlines() == [
        f"{rel}: error: symlink points outside the project; copy the folder in instead",
        "1 error, 0 warnings",
    ]
    assert not (root / "_site").exists()


def test_a_template_included_through_a_link_out_of_the_project_is_refused(make_site, run_build, tmp_path):
    secret = outside_folder(tmp_path, {"x.html": SECRET}) / "x.html"
    root = make_site(
        {
            "templates/page.html": '{% extends "base.html" %}{% block main %}{% include "partials/x.html" %}{% endblock %}\n'
        }
    )
    link_out(root, "templates/partials/x.html", secret)
    result = run_build(root)
    assert result.code == 1
    assert result.err.splitlines()[0] == (
        "templates/partials/x.html: error: symlink points outside the project; copy the file in instead"
    )


def test_a_folder_linked_inside_the_project_is_still_fine(make_site, run_build):
    root = make_site({"assets/img/a.png": "png"})
    link_out(root, "static/img", root / "assets/img")
    assert run_build(root).code == 0


def special_file(path: Path, kind: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    if path.exists():
        path.unlink()
    if kind == "fifo":
        os.mkfifo(path)
    elif kind == "device":
        try:
            os.mknod(path, 0o600 | stat.S_IFCHR, os.makedev(1, 3))  # like /dev/null
        except PermissionError:
            pytest.skip("making a device node needs root; run the tests as root (as CI does) to check it")
    else:
        sock = socket.socket(socket.AF_UNIX)
        with contextlib.chdir(path.parent):  # a relative name: a socket's path may not exceed 107 bytes
            sock.bind(path.name)
        sock.close()


SPECIAL_PLACES = {
    "article": "content/articles/f.md",
    "page": "content/pages/f.md",
    "data": "content/data/f.yaml",
    "site_settings": "content/site.yaml",
    "stylesheet": "static/css/site.css",
    "image": "static/img/f.png",
    "figure": "content/figures/f.svg",
    "template": "templates/page.html",
}


@pytest.mark.parametrize("kind", ["fifo", "socket", "device"])
@pytest.mark.parametrize("rel", SPECIAL_PLACES.values(), ids=SPECIAL_PLACES.keys())
def test_a_pipe_or_socket_in_place_of_a_source_is_refused_without_opening_it(make_site, tmp_path, rel, kind):
    root = make_site()
    special_file(root / rel, kind)
    env = {**os.environ, "NO_COLOR": "1", "SOURCE_DATE_EPOCH": "1795000000"}
    for command in (["build", "--no-search"], ["check"]):
        result = subprocess.run(
            [sys.executable, str(PROJECT / "build.py"), command[0], "--root", str(root), *command[1:]],
            capture_output=True,
            text=True,
            timeout=60,  # opening a FIFO blocks forever: a hang fails here, not the whole test run
            env=env,
        )
        what = {"fifo": "a named pipe (FIFO)", "socket": "a socket", "device": "a device"}[kind]
        assert result.returncode == 1
        assert result.stderr.splitlines() == [
            f"{rel}: error: this is {what}, not a regular file; replace it with a file, or remove it",
            "1 error, 0 warnings",
        ]


def test_a_symlink_to_a_fifo_is_refused_too(make_site, tmp_path):
    root = make_site()
    fifo = root / "pipe"
    os.mkfifo(fifo)
    (root / "content/articles").mkdir(parents=True, exist_ok=True)
    (root / "content/articles/f.md").symlink_to(fifo)
    result = subprocess.run(
        [sys.executable, str(PROJECT / "build.py"), "--root", str(root), "--no-search"],
        capture_output=True,
        text=True,
        timeout=60,
        env={**os.environ, "NO_COLOR": "1"},
    )
    assert result.returncode == 1
    assert "content/articles/f.md: error: this is a named pipe (FIFO), not a regular file" in result.stderr


def test_a_file_name_with_a_newline_keeps_its_message_on_one_line(make_site, run_build):
    root = make_site({"content/articles/bad\nname.md": "no front matter\n"})
    result = run_build(root)
    assert result.code == 1
    assert result.err.splitlines() == [
        "content/articles/bad\\nname.md:1: error: missing front matter; the file must start with a '---' line, "
        "then title: and summary:",
        "1 error, 0 warnings",
    ]


def test_an_incremental_write_cut_short_mid_way_shows_old_or_new_files_and_the_next_build_completes_it(
    make_site, run_build, monkeypatch
):
    """What the README promises for a rebuild killed while applying: each file is old or new, never half
    written; the manifest still names the previous build; the next build finishes the change."""
    root = make_site({f"content/articles/a{n}.md": article(f"A{n}") for n in range(4)})
    assert run_build(root).code == 0
    old = tree_digest(root / "_site")
    for n in range(4):
        (root / f"content/articles/a{n}.md").write_text(article(f"A{n} changed"), encoding="utf-8")
    real_replace = Path.replace
    moved: list[str] = []

    def replace(self: Path, target: Path) -> Path:
        if "._site.staging" in str(self) and Path(target).is_relative_to(root / "_site"):
            if len(moved) == 2:
                raise KeyboardInterrupt  # as a kill would, part way through the journal
            moved.append(str(target))
        return real_replace(self, target)

    monkeypatch.setattr(Path, "replace", replace)
    monkeypatch.setattr("citesite.incremental.journal._roll_back", lambda *args: None)  # killed: no chance to roll back
    monkeypatch.setattr(
        "citesite.incremental.journal.Path.unlink", lambda *args, **kwargs: None
    )  # nor to drop the journal
    assert run_build(root).code == 130
    monkeypatch.undo()
    assert journal(root).exists()
    middle = tree_digest(root / "_site")
    assert middle[MANIFEST] == old[MANIFEST]  # the manifest goes in last
    assert sum(middle[rel] != old.get(rel) for rel in middle) == 2  # two files new, every other one old
    assert run_build(root).code == 0
    assert not journal(root).exists()
    new = tree_digest(root / "_site")
    assert run_build(root, "--no-cache").code == 0
    assert tree_digest(root / "_site") == new
    assert "A3 changed" in (root / "_site/articles/a3/index.html").read_text(encoding="utf-8")


def test_ctrl_c_while_an_incremental_write_is_applied_puts_the_previous_site_back(make_site, run_build, monkeypatch):
    root = make_site({f"content/articles/a{n}.md": article(f"A{n}") for n in range(4)})
    assert run_build(root).code == 0
    old = tree_digest(root / "_site")
    for n in range(4):
        (root / f"content/articles/a{n}.md").write_text(article(f"A{n} changed"), encoding="utf-8")
    real_replace = Path.replace
    moved: list[str] = []

    def replace(self: Path, target: Path) -> Path:
        if "._site.staging" in str(self) and Path(target).is_relative_to(root / "_site"):
            if len(moved) == 2:
                raise KeyboardInterrupt
            moved.append(str(target))
        return real_replace(self, target)

    monkeypatch.setattr(Path, "replace", replace)
    result = run_build(root)
    monkeypatch.undo()
    assert result.code == 130
    assert result.err == "interrupted; the previous output is unchanged\n"
    assert tree_digest(root / "_site") == old
    assert not journal(root).exists()


def test_a_backup_left_without_a_journal_is_never_restored_over_the_site(make_site, run_build):
    root = make_site({"content/articles/a.md": article("A")})
    assert run_build(root).code == 0
    before = tree_digest(root / "_site")
    backup = root / "._site.backup"
    (backup / "articles/a").mkdir(parents=True)
    (backup / "articles/a/index.html").write_text("an old page", encoding="utf-8")
    (backup / "stray.html").write_text("never published", encoding="utf-8")
    assert run_build(root).code == 0
    assert tree_digest(root / "_site") == before
    assert not backup.exists()


def test_a_rollback_cut_short_is_finished_by_the_next_build(make_site, run_build, monkeypatch):
    root = make_site({f"content/articles/a{n}.md": article(f"A{n}") for n in range(4)})
    assert run_build(root).code == 0
    old = tree_digest(root / "_site")
    (root / "content/articles/new.md").write_text(article("New"), encoding="utf-8")
    for n in range(4):
        (root / f"content/articles/a{n}.md").write_text(article(f"A{n} changed"), encoding="utf-8")
    real_replace = Path.replace
    moved: list[str] = []

    def replace(self: Path, target: Path) -> Path:
        if "._site.staging" in str(self) and Path(target).is_relative_to(root / "_site"):
            if len(moved) == 3:
                raise OSError(28, "No space left on device", str(target))
            moved.append(str(target))
        return real_replace(self, target)

    monkeypatch.setattr(Path, "replace", replace)
    monkeypatch.setattr("citesite.incremental.journal._roll_back", lambda *args: None)  # killed as the rollback starts
    monkeypatch.setattr("citesite.incremental.journal._remove_folder", lambda *args: None)
    monkeypatch.setattr("citesite.incremental.journal.Path.unlink", lambda *args, **kwargs: None)
    assert run_build(root).code == 1
    monkeypatch.undo()
    assert json.loads(journal(root).read_text(encoding="utf-8"))["roll_back"] is True
    assert tree_digest(root / "_site") != old  # three files already moved in
    from citesite.incremental.journal import recover

    recover(root / "_site")  # what the next build does first
    assert tree_digest(root / "_site") == old
    assert not journal(root).exists()
    assert run_build(root).code == 0
    new = tree_digest(root / "_site")
    assert run_build(root, "--no-cache").code == 0
    assert tree_digest(root / "_site") == new


def test_incremental_builds_killed_at_random_moments_show_each_file_old_or_new(tmp_path: Path, rng):
    """SIGKILL at random moments of rebuilds that change every page; the seed is printed, and --seed replays it.

    What the README promises for that window: every file is the old one or the new one, never half
    written, and the next build completes the change.
    """
    from test_faults import kill, reference_digests, start_build, switch_to, versioned

    count = 120
    digests = reference_digests(tmp_path, ["one", "two"], count)
    root = tmp_path / "project"
    write_files(root, versioned("one", count))
    first = start_build(root)
    started = time.monotonic()
    assert first.wait(timeout=120) == 0
    first.communicate()
    duration = time.monotonic() - started
    current = "one"
    for run in range(4):
        target = "two" if current == "one" else "one"
        switch_to(root, target, count)
        proc = start_build(root, "--jobs", "1")
        time.sleep(rng.uniform(0.02, duration * 1.2))
        kill(proc)
        found = tree_digest(root / "_site")
        old, new = digests[current], digests[target]
        # The manifest alone may be a third version: the pages' list before the search index is swapped in.
        mixed = [rel for rel, digest in found.items() if digest not in (old.get(rel), new.get(rel)) and rel != MANIFEST]
        assert mixed == [], f"{rng.replay}, run {run}: files that are neither old nor new: {mixed[:3]}"
        finish = start_build(root)
        _, err = finish.communicate(timeout=120)
        assert finish.returncode == 0, f"{rng.replay}, run {run}: {err}"
        assert tree_digest(root / "_site") == new, f"{rng.replay}, run {run}"
        current = target


@pytest.mark.parametrize("name", ["a\\b.png", "space name.png", "ünïcode.png", "..dots.png", "x..y.png"])
def test_odd_but_harmless_names_are_owned_and_rebuilt_without_warnings(make_site, run_build, name):
    root = make_site({f"static/img/{name}": "png"})
    for args in ((), ("--no-cache",)):
        result = run_build(root, *args)
        assert result.code == 0 and result.err == "", result.err
    (root / f"static/img/{name}").unlink()
    assert run_build(root).code == 0
    assert not (root / f"_site/img/{name}").exists()


PAGE_FILE_LESSON = {
    "content/episodes/01-intro.md": article("Intro", "Text.\n\n![A figure](fig/x.png)\n"),
    "content/episodes/fig/x.png": "png",
}


@pytest.mark.parametrize("command", ["build", "check"])
@pytest.mark.parametrize("rel", ["content/episodes/fig/x.png", "content/episodes/fig"])
def test_a_file_beside_a_page_linked_out_of_the_project_is_refused_and_never_published(
    make_site, run_build, tmp_path, command, rel
):
    root = make_site(PAGE_FILE_LESSON)
    secret = outside_folder(tmp_path, {"x.png": SECRET})
    link_out(root, rel, secret / "x.png" if rel.endswith(".png") else secret)
    result = run_build(root, command)
    assert result.code == 1
    kind = "file" if rel.endswith(".png") else "folder"
    assert result.err.splitlines() == [
        f"{rel}: error: symlink points outside the project; copy the {kind} in instead",
        "1 error, 0 warnings",
    ]
    assert not (root / "_site").exists()


def test_a_file_beside_a_page_linked_inside_the_project_is_published_with_its_targets_bytes(make_site, run_build):
    root = make_site({**PAGE_FILE_LESSON, "assets/x.png": "the real png"})
    link_out(root, "content/episodes/fig/x.png", root / "assets/x.png")
    assert run_build(root).code == 0
    published = root / "_site/episodes/fig/x.png"
    assert not published.is_symlink()
    assert published.read_text(encoding="utf-8") == "the real png"


HOSTILE_FILE_LINKS = {
    "parent_folders": (
        "../../../../etc/passwd.png",
        "file '../../../../etc/passwd.png' is outside content/; put the file in content/ beside the page and link "
        "it from there",
    ),
    "parents_percent_encoded": (
        "%2e%2e/%2e%2e/secret.txt",
        "file '../../secret.txt' is outside content/; put the file in content/ beside the page and link it from there",
    ),
    "through_a_folder": (
        "fig/../../../secret.txt",
        "file 'fig/../../../secret.txt' is outside content/; put the file in content/ beside the page and link it "
        "from there",
    ),
    "rooted": (
        "/etc/passwd.png",
        "link to '/etc/passwd.png', which the site does not have; link a page by its .md file, or add the file "
        "under static/",
    ),
    "hidden_parent": (
        "../.git/config.txt",
        "file '../.git/config.txt' is hidden (a name starting with '.'); rename it without the leading '.'",
    ),
    "site_settings": (
        "../site.yaml",
        "'../site.yaml' is a data file, not a file to publish; show its table with '::: table NAME'",
    ),
    "data_folder": (
        "../data/references.csv",
        "'../data/references.csv' is in content/data/, which holds the site's data; move the file beside the page",
    ),
}


@pytest.mark.parametrize("link, message", HOSTILE_FILE_LINKS.values(), ids=HOSTILE_FILE_LINKS.keys())
def test_a_file_link_leaving_content_or_naming_what_is_not_a_file_to_publish_is_refused(
    make_site, run_build, link, message
):
    root = make_site(
        {
            "content/episodes/01-intro.md": article("Intro", f"Text.\n\n![A figure]({link})\n"),
            "secret.txt": SECRET,
            "content/.git/config.txt": SECRET,
            "content/data/references.csv": SECRET,
        }
    )
    result = run_build(root)
    assert result.code == 1
    assert result.err.splitlines() == [f"content/episodes/01-intro.md:8: error: {message}", "1 error, 0 warnings"]
    assert not (root / "_site").exists()


def test_a_backslash_in_a_published_file_name_cannot_climb_out_of_its_folder(make_site, run_build):
    root = make_site(
        {
            "content/episodes/01-intro.md": article("Intro", "![A figure](a%5C..%5C..%5Cx.png)\n"),
            "content/episodes/a\\..\\..\\x.png": "png",
        }
    )
    assert run_build(root).code == 0
    html = (root / "_site/episodes/01-intro/index.html").read_text(encoding="utf-8")
    assert '<img alt="A figure" src="../a%5C..%5C..%5Cx.png">' in html
    assert (root / "_site/episodes/a\\..\\..\\x.png").read_text(encoding="utf-8") == "png"
