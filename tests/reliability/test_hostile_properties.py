"""A property over random hostile histories: small sites edited at random, with symlinks out of the project,
outputs that collide, a damaged cache, a doctored manifest and a stray journal, built after every step.

Whatever happens: no file outside the output folder changes (the project's own .cache/ and the lock beside
the output aside), the last good site is intact after every failed build, and no message is an internal error.
"""

from __future__ import annotations

import contextlib
import hashlib
import io
import json
import pickle
import shutil
import tempfile
from collections.abc import Callable
from pathlib import Path

from conftest import DEFAULT_FILES, article, page, write_files
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from citesite.cli import main

MANIFEST = ".citesite-manifest.json"


def digest_outside_output(top: Path) -> dict[str, str]:
    """Every file under top except the output folder, the cache and the generator's files beside the output."""
    found = {}
    for path in sorted(top.rglob("*")):
        rel = path.relative_to(top).as_posix()
        if rel.startswith(("project/_site", "project/.cache", "project/._site.")):
            continue
        if path.is_symlink():
            found[rel] = "link:" + str(path.readlink())
        elif path.is_file():
            found[rel] = hashlib.sha256(path.read_bytes()).hexdigest()
    return found


def digest_output(folder: Path) -> dict[str, str]:
    """The output as a reader sees it (links shown as links, never followed)."""
    if not folder.is_dir():
        return {}
    found = {}
    for path in sorted(folder.rglob("*")):
        rel = path.relative_to(folder).as_posix()
        if path.is_symlink():
            found[rel] = "link:" + str(path.readlink())
        elif path.is_file():
            found[rel] = hashlib.sha256(path.read_bytes()).hexdigest()
    return found


def replace_with_link(path: Path, target: Path) -> None:
    if path.is_symlink() or path.is_file():
        path.unlink()
    elif path.is_dir():
        shutil.rmtree(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.symlink_to(target, target_is_directory=target.is_dir())


def remove(path: Path) -> None:
    if path.is_symlink() or path.is_file():
        path.unlink()
    elif path.is_dir():
        shutil.rmtree(path)


def remove_all(root: Path, *rels: str) -> None:
    for rel in rels:
        remove(root / rel)


def doctor_manifest(root: Path, entry: str) -> None:
    manifest = root / "_site" / MANIFEST
    try:
        data = json.loads(manifest.read_text(encoding="utf-8"))
        data["files"].append(entry)
        manifest.write_text(json.dumps(data), encoding="utf-8")
    except (OSError, ValueError, KeyError, AttributeError):
        pass


def damage_cache(root: Path, number: int, how: int) -> None:
    if (root / ".cache").is_symlink():
        return  # a .cache linked out of the project is not the build's (nor this test's) to write
    files = sorted(p for p in (root / ".cache").rglob("*") if p.is_file()) if (root / ".cache").is_dir() else []
    if not files:
        return
    target = files[number % len(files)]
    data = [b"", b"{not json", pickle.dumps({"x": 1}), b'{"format": 8, "pages": {"x/": {"dest": 5}}}'][how % 4]
    target.write_bytes(data)


def steps(outside: Path) -> dict[str, Callable[[Path, int], None]]:
    """Named hostile or ordinary steps; each takes the project root and a random number."""
    victim = outside / "victim.txt"
    return {
        "edit": lambda root, n: write_files(root, {"content/articles/a.md": article("A", f"Edit {n}.\n")}),
        "add_article": lambda root, n: write_files(root, {f"content/articles/n{n % 3}.md": article(f"N{n % 3}")}),
        "remove_article": lambda root, n: remove(root / f"content/articles/n{n % 3}.md"),
        "page_over_robots": lambda root, n: write_files(root, {"content/pages/robots.txt.md": page("R")}),
        "page_over_search": lambda root, n: write_files(root, {"content/pages/pagefind.md": page("P")}),
        "drop_colliding_pages": lambda root, n: remove_all(
            root, "content/pages/robots.txt.md", "content/pages/pagefind.md", "static/feed.xml"
        ),
        "static_over_feed": lambda root, n: write_files(root, {"static/feed.xml": "<x/>"}),
        "link_static_folder_out": lambda root, n: replace_with_link(root / "static/docs", outside),
        "link_data_out": lambda root, n: replace_with_link(root / "content/data", outside),
        "link_figure_out": lambda root, n: replace_with_link(root / "content/figures/x.svg", victim),
        "unlink_all": lambda root, n: remove_all(
            root, *(p for p in ("static/docs", "content/data", "content/figures/x.svg") if (root / p).is_symlink())
        ),
        "damage_cache": lambda root, n: damage_cache(root, n, n // 7),
        "cache_is_a_file": lambda root, n: (remove(root / ".cache"), (root / ".cache").write_text("x")),
        "cache_links_out": lambda root, n: replace_with_link(root / ".cache", outside),
        "manifest_absolute": lambda root, n: doctor_manifest(root, str(victim)),
        "manifest_climbs": lambda root, n: doctor_manifest(root, "../../outside/victim.txt"),
        "manifest_through_link": lambda root, n: (
            (root / "_site").is_dir()
            and not (root / "_site/out").is_symlink()
            and (root / "_site/out").symlink_to(outside, target_is_directory=True),
            doctor_manifest(root, "out/victim.txt"),
        ),
        "stray_journal": lambda root, n: (root / "._site.journal.json").write_text(
            json.dumps({"moves": ["robots.txt/index.html"], "deletes": ["../outside/victim.txt", "css"]})
        ),
        "control_title": lambda root, n: write_files(
            root, {"content/articles/a.md": '---\ntitle: "A\\x01"\nsummary: S.\nreviewed: 2026-11-01\n---\nx\n'}
        ),
    }


STEP_NAMES = sorted(steps(Path()).keys())
TAMPERS_OUTPUT = {"manifest_absolute", "manifest_climbs", "manifest_through_link"}


@settings(max_examples=40, deadline=None, suppress_health_check=list(HealthCheck))
@given(history=st.lists(st.tuples(st.sampled_from(STEP_NAMES), st.integers(0, 1000)), min_size=1, max_size=6))
def test_random_hostile_histories_keep_every_promise(history):
    with tempfile.TemporaryDirectory() as folder:
        top = Path(folder)
        outside = top / "outside"
        outside.mkdir()
        (outside / "victim.txt").write_text("keep me", encoding="utf-8")
        (outside / "secret.yaml").write_text("- secret\n", encoding="utf-8")
        root = top / "project"
        write_files(
            root, {**DEFAULT_FILES, "content/articles/a.md": article("A"), "content/pages/about.md": page("About")}
        )
        actions = steps(outside)
        good: dict[str, str] = {}
        for name, number in [("edit", 0), *history]:
            actions[name](root, number)
            if name in TAMPERS_OUTPUT:
                good = digest_output(root / "_site")  # someone else changed the output: that is now what is there
            before = digest_outside_output(top)
            err = io.StringIO()
            with contextlib.redirect_stderr(err), contextlib.redirect_stdout(io.StringIO()):
                code = main(["build", "--root", str(root), "--no-search", "--jobs", "1"])
            message = err.getvalue()
            assert "internal error" not in message and "Traceback" not in message, (name, message)
            assert digest_outside_output(top) == before, (name, message)
            assert (outside / "victim.txt").read_text(encoding="utf-8") == "keep me"
            now = digest_output(root / "_site")
            if code == 0:
                good = now
                assert all("secret" not in rel for rel in now), name
            else:
                assert code == 1, message
                assert now == good, (name, message)
