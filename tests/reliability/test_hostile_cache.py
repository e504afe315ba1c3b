"""A hostile or damaged .cache/: CI systems save and restore it between runs, pull requests included, so it
is input like any other. Nothing in it can run code, and any damage only costs a rebuild: never a wrong
page, a file written outside the project, or an internal error.
"""

from __future__ import annotations

import json
import pickle
import sys
from pathlib import Path

import jinja2
import pytest
from conftest import article, tree_digest


class Payload:
    """Unpickling this creates a marker file: proof that a cache file ran code."""

    def __init__(self, marker: Path) -> None:
        self.marker = marker

    def __reduce__(self) -> tuple[object, tuple[str, str]]:
        return (Path.write_text, (str(self.marker), "ran"))  # type: ignore[return-value]


def pickle_payload(marker: Path) -> bytes:
    return pickle.dumps(Payload(marker))


def jinja_bytecode_file(root: Path, name: str, marker: Path) -> tuple[str, bytes]:
    """A file where Jinja's FileSystemBytecodeCache under .cache/citesite/jinja would look, holding a payload."""
    cache = jinja2.FileSystemBytecodeCache(str(root / ".cache/citesite/jinja"))
    filename = str(root / "templates" / name)
    key = cache.get_cache_key(name, filename)
    magic = b"j2" + pickle.dumps(jinja2.bccache.bc_version, 2)
    magic += pickle.dumps((sys.version_info[0] << 24) | sys.version_info[1], 2)
    return cache._get_cache_filename(jinja2.bccache.Bucket(None, key, "")), magic + pickle_payload(marker)  # type: ignore[arg-type]


@pytest.mark.parametrize("template", ["base.html", "article.html", "home.html"])  # the templates this site renders
def test_nothing_in_the_cache_is_unpickled(make_site, run_build, tmp_path, template):
    marker = tmp_path / "ran.txt"
    root = make_site({"content/articles/a.md": article("A")})
    assert run_build(root).code == 0
    path, data = jinja_bytecode_file(root, template, marker)
    Path(path).parent.mkdir(parents=True, exist_ok=True)
    Path(path).write_bytes(data)
    (root / "content/articles/a.md").write_text(article("A changed"), encoding="utf-8")
    assert run_build(root).code == 0
    assert not marker.exists()


def cache_files(root: Path) -> list[Path]:
    return sorted(p for p in (root / ".cache").rglob("*") if p.is_file())


DAMAGE = {
    "pickle": lambda path, marker: path.write_bytes(pickle_payload(marker)),
    "garbage": lambda path, marker: path.write_bytes(b"\x00\xff garbage {"),
    "empty": lambda path, marker: path.write_bytes(b""),
    "wrong_json": lambda path, marker: path.write_text('{"format": 8, "pages": [1], "sources": "x"}'),
    "json_list": lambda path, marker: path.write_text("[[1, 2], null]"),
    "folder": lambda path, marker: (path.unlink(), path.mkdir()),
}


@pytest.mark.parametrize("damage", DAMAGE.values(), ids=DAMAGE.keys())
def test_every_cache_file_damaged_in_every_way_costs_only_a_rebuild(make_site, run_build, tmp_path, damage):
    marker = tmp_path / "ran.txt"
    files = {f"content/articles/a{n}.md": article(f"A{n}", f"Text {n}.\n") for n in range(3)}
    clean = make_site(files)
    assert run_build(clean, "--no-cache").code == 0
    expected = tree_digest(clean / "_site")
    for index in range(len(cache_files(clean)) + 1):
        assert run_build(clean).code == 0
        found = cache_files(clean)
        if index >= len(found):
            break
        damage(found[index], marker)
        (clean / "content/articles/a0.md").write_text(article("A0", f"Text {index}.\n"), encoding="utf-8")
        result = run_build(clean)
        assert result.code == 0, (found[index], result.err)
        assert "internal error" not in result.err
        (clean / "content/articles/a0.md").write_text(article("A0", "Text 0.\n"), encoding="utf-8")
        assert run_build(clean).code == 0
        assert tree_digest(clean / "_site") == expected, found[index]
    assert not marker.exists()


def damaged_records(root: Path) -> Path:
    """The cache's state file (the base, not the head)."""
    return next(p for p in (root / ".cache/citesite").glob("*.json"))


RECORD_DAMAGE = {
    "extra_source_field": lambda state: state["sources"]["articles/a.md"].update(extra=1),
    "extra_meta_field": lambda state: state["sources"]["articles/a.md"]["meta"].update(colour="red"),
    "title_a_number": lambda state: state["sources"]["articles/a.md"]["meta"].update(title=5),
    "meta_a_list": lambda state: state["sources"]["articles/a.md"].update(meta=[1]),
    "date_not_a_date": lambda state: state["sources"]["articles/a.md"]["meta"].update(reviewed="9999-99-99"),
    "lines_a_string": lambda state: state["sources"]["articles/a.md"]["meta"].update(lines="x"),
    "stat_of_text": lambda state: state["sources"]["index.md"].update(stat=["a", "b"]),
    "extra_page_field": lambda state: state["pages"]["articles/a/"].update(extra=1),
    "reads_not_spans": lambda state: state["pages"]["articles/a/"].update(reads=True),
    "anchors_short": lambda state: state["pages"]["articles/a/"].update(anchors=[["x"]]),
    "problems_short": lambda state: state["pages"]["articles/a/"].update(problems=[["x"]]),
    "handed_numbers": lambda state: state["pages"]["articles/a/"].update(handed=[1, 2, 3]),
    "dest_a_number": lambda state: state["pages"]["articles/a/"].update(dest=5),
    "site_problems_bad": lambda state: state.update(site_problems=[[1, 2]]),
    "grades_text": lambda state: state.update(grades={"x": "y"}),
}


@pytest.mark.parametrize("damage", RECORD_DAMAGE.values(), ids=RECORD_DAMAGE.keys())
def test_extra_or_mistyped_fields_in_cached_records_are_ignored_as_foreign(make_site, run_build, damage):
    root = make_site({"content/articles/a.md": article("A"), "content/articles/b.md": article("B")})
    assert run_build(root).code == 0
    expected = tree_digest(root / "_site")
    path = damaged_records(root)
    state = json.loads(path.read_text(encoding="utf-8"))
    damage(state)
    path.write_text(json.dumps(state), encoding="utf-8")
    for head in (root / ".cache/citesite").glob("*.head"):
        head.unlink()  # the rebuild must read the state, not stop at the head
    (root / "content/articles/b.md").write_text(article("B"), encoding="utf-8")  # same text, new time
    result = run_build(root)
    assert result.code == 0, result.err
    assert tree_digest(root / "_site") == expected


@pytest.mark.parametrize("kind", ["plain_file", "dangling_link", "link_loop", "link_outside"])
def test_a_cache_folder_that_is_not_a_folder_of_the_project_is_not_used(make_site, run_build, tmp_path, kind):
    root = make_site({"content/articles/a.md": article("A")})
    outside = tmp_path / "outside-cache"
    outside.mkdir()
    cache = root / ".cache"
    if kind == "plain_file":
        cache.write_text("not a folder", encoding="utf-8")
    elif kind == "dangling_link":
        cache.symlink_to(tmp_path / "missing")
    elif kind == "link_loop":
        cache.symlink_to(cache)
    else:
        cache.symlink_to(outside, target_is_directory=True)
    for _ in range(2):
        result = run_build(root)
        assert result.code == 0, result.err
        assert result.err == ""
    assert list(outside.iterdir()) == []  # nothing written outside the project
    assert (root / "_site/articles/a/index.html").is_file()


def test_a_cache_from_a_different_project_is_not_trusted(make_site, run_build, tmp_path):
    root = make_site({"content/articles/a.md": article("A", "Own text.\n")})
    assert run_build(root).code == 0
    other = tmp_path / "other"
    other.mkdir()
    import shutil

    shutil.copytree(root, other / "project")
    (other / "project/content/articles/a.md").write_text(article("A", "Other text.\n"), encoding="utf-8")
    shutil.rmtree(root / ".cache")
    shutil.copytree(other / "project/.cache", root / ".cache")
    (root / "content/articles/a.md").write_text(article("A", "Own text, edited.\n"), encoding="utf-8")
    assert run_build(root).code == 0
    assert "Own text, edited." in (root / "_site/articles/a/index.html").read_text(encoding="utf-8")


@pytest.mark.parametrize("kind", ["plain_file", "dangling_link"])
def test_the_preview_says_what_is_in_the_way_when_cache_is_not_a_folder(make_site, monkeypatch, tmp_path, kind):
    import io
    import threading

    from citesite.serve import Server

    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1795000000")
    root = make_site()
    if kind == "plain_file":
        (root / ".cache").write_text("x", encoding="utf-8")
    else:
        (root / ".cache").symlink_to(tmp_path / "missing")
    app = Server(root, port=0, out=io.StringIO(), err=io.StringIO())
    app.start()
    stopper = threading.Thread(target=app.stop, daemon=True)
    stopper.start()
    stopper.join(20)
    err = app.err.getvalue()
    assert "internal error" not in err and "Traceback" not in err
    reason = "not a directory" if kind == "plain_file" else "file exists"
    assert f"{root}/.cache/serve/site: error: cannot write into {root}/.cache/serve: {reason}; " in err
    assert "is where a folder must be on that path; move or delete it" in err
