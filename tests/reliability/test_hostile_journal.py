"""A hostile journal beside the output: what a killed incremental write leaves for the next build to finish.

The journal and the staging and backup folders beside the output are input: whatever they say, the next build
moves nothing in from outside the project, deletes nothing the previous site did not own, never fails on them,
and ends with a complete site.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest
from conftest import article, tree_digest
from test_bad_input_catalogue import snapshot

JOURNAL, STAGING, BACKUP = "._site.journal.json", "._site.staging", "._site.backup"


def _journal(root: Path, plan: object) -> None:
    (root / JOURNAL).write_text(json.dumps(plan))


def staging_folder_links_out(root: Path, outside: Path) -> None:
    (root / STAGING).mkdir()
    (root / STAGING / "sub").symlink_to(outside)
    _journal(root, {"moves": ["sub/secret.txt"], "deletes": [], "added": ["sub/secret.txt"]})


def staging_is_a_link_out(root: Path, outside: Path) -> None:
    (root / STAGING).symlink_to(outside)
    _journal(root, {"moves": ["secret.txt", "index.html"], "deletes": [], "added": ["secret.txt"]})


def staged_file_is_a_link_out(root: Path, outside: Path) -> None:
    (root / STAGING).mkdir()
    (root / STAGING / "index.html").symlink_to(outside / "secret.txt")
    _journal(root, {"moves": ["index.html"], "deletes": [], "added": []})


def backup_folder_links_out(root: Path, outside: Path) -> None:
    (root / BACKUP).mkdir()
    (root / BACKUP / "sub").symlink_to(outside)
    _journal(root, {"roll_back": True, "added": []})


def backup_is_a_link_out(root: Path, outside: Path) -> None:
    (root / BACKUP).symlink_to(outside)
    _journal(root, {"roll_back": True, "added": []})


def deletes_a_file_it_does_not_own(root: Path, outside: Path) -> None:
    (root / "_site/mine.txt").write_text("mine\n")
    _journal(root, {"moves": [], "deletes": ["mine.txt"], "added": []})


def moves_onto_a_file_it_does_not_own(root: Path, outside: Path) -> None:
    (root / "_site/mine.txt").write_text("mine\n")
    (root / STAGING).mkdir()
    (root / STAGING / "mine.txt").write_text("replaced\n")
    _journal(root, {"moves": ["mine.txt"], "deletes": [], "added": []})


def deletes_paths_outside(root: Path, outside: Path) -> None:
    _journal(root, {"moves": [], "deletes": [str(outside / "secret.txt"), "../outside/secret.txt"], "added": []})


def removes_added_paths_outside(root: Path, outside: Path) -> None:
    _journal(root, {"roll_back": True, "added": [str(outside / "secret.txt"), "../outside/secret.txt"]})


def site_folder_links_out(root: Path, outside: Path) -> None:
    (root / "_site/sub").symlink_to(outside)
    (root / STAGING / "sub").mkdir(parents=True)
    (root / STAGING / "sub/secret.txt").write_text("replaced\n")
    _journal(root, {"moves": ["sub/secret.txt"], "deletes": ["sub/index.html"], "added": ["sub/secret.txt"]})


def nested_too_deeply(root: Path, outside: Path) -> None:
    (root / JOURNAL).write_text("[" * 100_000 + "]" * 100_000)


def not_json(root: Path, outside: Path) -> None:
    (root / JOURNAL).write_bytes(b"\xff\xfe\x00{")


def a_list(root: Path, outside: Path) -> None:
    _journal(root, [["index.html"]])


def lists_as_text(root: Path, outside: Path) -> None:
    _journal(root, {"moves": "index.html", "deletes": "css", "added": 3})


def journal_links_out(root: Path, outside: Path) -> None:
    (root / JOURNAL).symlink_to(outside / "secret.txt")


def journal_is_a_folder(root: Path, outside: Path) -> None:
    (root / JOURNAL).mkdir()


JOURNALS: dict[str, Callable[[Path, Path], None]] = {
    "staging_folder_links_out": staging_folder_links_out,
    "staging_is_a_link_out": staging_is_a_link_out,
    "staged_file_is_a_link_out": staged_file_is_a_link_out,
    "backup_folder_links_out": backup_folder_links_out,
    "backup_is_a_link_out": backup_is_a_link_out,
    "deletes_a_file_it_does_not_own": deletes_a_file_it_does_not_own,
    "moves_onto_a_file_it_does_not_own": moves_onto_a_file_it_does_not_own,
    "deletes_paths_outside": deletes_paths_outside,
    "removes_added_paths_outside": removes_added_paths_outside,
    "site_folder_links_out": site_folder_links_out,
    "nested_too_deeply": nested_too_deeply,
    "not_json": not_json,
    "a_list": a_list,
    "lists_as_text": lists_as_text,
    "journal_links_out": journal_links_out,
    "journal_is_a_folder": journal_is_a_folder,
}


@pytest.mark.parametrize("prepare", JOURNALS.values(), ids=JOURNALS.keys())
def test_a_hostile_journal_moves_nothing_in_and_deletes_nothing_it_does_not_own(
    prepare, make_site, run_build, tmp_path
):
    root = make_site({"content/articles/a.md": article("A")})
    assert run_build(root).code == 0
    site = tree_digest(root / "_site")
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "secret.txt").write_text("secret\n")
    (outside / "index.html").write_text("not the site's\n")
    prepare(root, outside)
    mine = (root / "_site/mine.txt").read_text() if (root / "_site/mine.txt").exists() else None
    before = snapshot(outside, ())
    result = run_build(root)
    assert (result.code, "Traceback" in result.err, "internal error" in result.err) == (0, False, False), result.err
    assert snapshot(outside, ()) == before  # nothing outside was moved, replaced or deleted
    after = tree_digest(root / "_site")
    assert {rel: digest for rel, digest in after.items() if rel != "mine.txt"} == site  # the site is whole
    if mine is not None:
        assert (root / "_site/mine.txt").read_text() == mine  # a file the site never owned is kept as it was
    assert (root / JOURNAL).is_symlink() or not (root / JOURNAL).is_file()  # a journal of ours is gone


def test_a_journal_that_deleted_one_of_the_sites_files_is_not_taken_as_up_to_date(make_site, run_build):
    root = make_site({"content/articles/a.md": article("A")})
    assert run_build(root).code == 0
    site = tree_digest(root / "_site")
    _journal(root, {"moves": [], "deletes": ["articles/a/index.html"], "added": []})
    result = run_build(root)
    assert result.code == 0, result.err
    assert not result.out.startswith("Up to date")
    assert tree_digest(root / "_site") == site
