"""Hostile targets for `citesite init`: each is one line on stderr and exit 2, or a site that builds.

A dangling symlink, a path below a regular file, a folder that cannot be read or written, names with
control characters: never a traceback or an 'internal error', and never a file written outside the target.
"""

from __future__ import annotations

import contextlib
import io
from pathlib import Path

import pytest
from test_bad_input_catalogue import snapshot

from citesite.cli import main


def run_init(target: Path | str) -> tuple[int, str, str]:
    """`citesite init target` in-process: (exit code, stdout, stderr)."""
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main(["init", str(target)])
    return code, out.getvalue(), err.getvalue()


def _dangling(tmp_path: Path) -> Path:
    (tmp_path / "site").symlink_to(tmp_path / "never-made")
    return tmp_path / "site"


def _below_a_file(tmp_path: Path) -> Path:
    (tmp_path / "notes.txt").write_text("mine\n")
    return tmp_path / "notes.txt" / "site"


def _deep_below_a_file(tmp_path: Path) -> Path:
    (tmp_path / "notes.txt").write_text("mine\n")
    return tmp_path / "notes.txt" / "a" / "b" / "site"


def _below_a_dangling_link(tmp_path: Path) -> Path:
    (tmp_path / "gone").symlink_to(tmp_path / "never-made")
    return tmp_path / "gone" / "site"


def _symlink_to_a_file(tmp_path: Path) -> Path:
    (tmp_path / "notes.txt").write_text("mine\n")
    (tmp_path / "site").symlink_to(tmp_path / "notes.txt")
    return tmp_path / "site"


def _symlink_loop(tmp_path: Path) -> Path:
    (tmp_path / "site").symlink_to(tmp_path / "site")
    return tmp_path / "site"


ODD_TARGETS = {
    "dangling_symlink": (_dangling, "{t} is a symlink to something that does not exist; choose a new or empty folder"),
    "below_a_regular_file": (
        _below_a_file,
        "{t} cannot be made: {p} is a file, not a folder; choose a new or empty folder",
    ),
    "deep_below_a_regular_file": (
        _deep_below_a_file,
        "{t} cannot be made: {p} is a file, not a folder; choose a new or empty folder",
    ),
    "below_a_dangling_symlink": (
        _below_a_dangling_link,
        "{t} cannot be made: {p} is a symlink to something that does not exist",
    ),
    "symlink_to_a_file": (_symlink_to_a_file, "{t} is a file; choose a new or empty folder"),
    "symlink_loop": (_symlink_loop, "{t} is a symlink to something that does not exist; choose a new or empty folder"),
}


@pytest.mark.parametrize("make,message", ODD_TARGETS.values(), ids=ODD_TARGETS.keys())
def test_an_odd_target_is_one_usage_line(make, message, tmp_path):
    target = make(tmp_path)
    before = snapshot(tmp_path, ())
    parent = next((p for p in target.parents if p.is_symlink() or p.is_file()), target.parent)
    assert run_init(target) == (2, "", "citesite: error: " + message.format(t=target, p=parent) + "\n")
    assert snapshot(tmp_path, ()) == before


def test_a_folder_that_cannot_be_written_is_one_usage_line(tmp_path, monkeypatch):
    def refuse(self, *args, **kwargs):
        raise PermissionError(13, "Permission denied", str(self))

    monkeypatch.setattr(Path, "mkdir", refuse)  # as a read-only folder does (the tests may run as root)
    code, out, err = run_init(tmp_path / "site")
    monkeypatch.undo()
    assert (code, out) == (2, "")
    assert (
        err
        == f"citesite: error: cannot write the new site into {tmp_path / 'site'}: permission denied; choose another folder\n"
    )


def test_a_name_too_long_for_the_file_system_is_one_usage_line(tmp_path):
    target = tmp_path / ("x" * 300)
    code, out, err = run_init(target)
    assert (code, out) == (2, "")
    assert err.startswith("citesite: error: cannot write the new site into ") and err.endswith(
        "; choose another folder\n"
    )
    assert "Traceback" not in err and len(err.splitlines()) == 1


def test_a_folder_holding_only_a_git_repository_is_accepted(tmp_path, run_build):
    target = tmp_path / "site"
    (target / ".git").mkdir(parents=True)
    (target / ".git/HEAD").write_text("ref: refs/heads/main\n")
    code, _, err = run_init(target)
    assert (code, err) == (0, ""), err
    assert (target / ".git/HEAD").read_text() == "ref: refs/heads/main\n"
    assert (target / "content/site.yaml").is_file()
    # As the starter's workflow builds it: with the address, the issue tracker and the owner it passes.
    deployed = ("--base-url", "https://you.github.io/site/", "--report-url", "https://github.com/you/site/issues/new")
    assert run_build(target, "--strict", *deployed, "--publisher", "you").code == 0


def test_a_folder_holding_git_and_anything_else_is_refused(tmp_path):
    target = tmp_path / "site"
    (target / ".git").mkdir(parents=True)
    (target / "README.md").write_text("mine\n")
    assert run_init(target)[0] == 2
    assert sorted(p.name for p in target.iterdir()) == [".git", "README.md"]


def test_a_git_worktree_file_is_accepted_too(tmp_path):
    target = tmp_path / "site"
    target.mkdir()
    (target / ".git").write_text("gitdir: ../main/.git/worktrees/site\n")
    assert run_init(target)[0] == 0


@pytest.mark.parametrize(
    "name,shown",
    [
        ("site\x1b[2J\x1b[H", "site\\x1b[2J\\x1b[H"),  # clear the screen, cursor home
        ("site\x1b]0;pwned\x07", "site\\x1b]0;pwned\\x07"),  # set the terminal's title
        ("site\u202egnp.exe", "site\\u202egnp.exe"),  # right-to-left override
        ("site\rforged", "site\\rforged"),
    ],
)
def test_a_control_character_in_the_name_is_shown_not_sent(name, shown, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    code, out, err = run_init(name)
    assert (code, err) == (0, "")
    assert not any((ord(ch) < 32 and ch != "\n") or ch == "\u202e" for ch in out)
    assert out.splitlines()[0] == f"Wrote a new site to {shown} (14 files)."
    assert (tmp_path / name / "content/site.yaml").is_file()


def test_a_control_character_in_a_refused_name_is_shown_not_sent(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "x\x1b[2J").write_text("mine\n")
    assert run_init("x\x1b[2J") == (2, "", "citesite: error: x\\x1b[2J is a file; choose a new or empty folder\n")


def test_a_name_with_a_space_gives_commands_that_work(tmp_path):
    target = tmp_path / "my site"
    code, out, _ = run_init(target)
    assert code == 0
    assert f"Preview it:  cd '{target}' && citesite serve" in out.splitlines()
