"""The command line: exit codes, usage errors, quiet and debug, GitHub annotations."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import PROJECT, article, page

from citesite.cli import main
from citesite.errors import SiteError
from citesite.options import github_annotation


def test_help_exits_zero(capsys):
    try:
        main(["--help"])
    except SystemExit as exc:
        assert exc.code == 0
    assert "build" in capsys.readouterr().out


def test_unknown_option_is_a_usage_error(capsys):
    try:
        main(["--frobnicate"])
    except SystemExit as exc:
        assert exc.code == 2
    assert "error: unrecognized arguments: --frobnicate (see --help)" in capsys.readouterr().err


def test_missing_site_yaml_is_reported(make_site, run_build):
    root = make_site({}, skeleton=False)
    result = run_build(root)
    assert result.code == 1
    assert result.err.splitlines()[0] == (
        "content/site.yaml: error: site settings not found; create content/site.yaml with title, description and base_url"
    )


def test_quiet_prints_nothing_on_success(make_site, run_build):
    result = run_build(make_site(), "--quiet")
    assert (result.code, result.out, result.err) == (0, "", "")


def test_check_writes_nothing(make_site, run_build):
    root = make_site()
    result = run_build(root, "check")
    assert result.code == 0
    assert result.out.startswith("Built 1 pages")
    assert not (root / "_site").exists()


def test_internal_failure_shows_no_traceback_without_debug(make_site, run_build, monkeypatch):
    import citesite.build

    def boom(*args, **kwargs):
        raise RuntimeError("disk on fire")

    monkeypatch.setattr(citesite.cli, "build", boom)
    root = make_site()
    result = run_build(root)
    assert result.code == 1
    assert result.err == "citesite: internal error: RuntimeError: disk on fire (run with --debug for details)\n"
    assert "Traceback" in run_build(root, "--debug").err
    del citesite.build


def test_github_annotation_escapes_its_properties():
    problem = SiteError("bad: 100%\nnext", "content/a,b.md", 3, 2)
    # A newline in a message is shown escaped (SiteError), so the annotation stays on one line.
    assert github_annotation(problem) == "::error file=content/a%2Cb.md,line=3,col=2::bad: 100%25\\nnext"


def test_annotations_are_printed_in_github_actions(make_site, run_build, monkeypatch):
    monkeypatch.setenv("GITHUB_ACTIONS", "true")
    root = make_site({"content/pages/x.md": "---\ntitle: X\n---\n"})
    err = run_build(root).err
    assert (
        "::error file=content/pages/x.md,line=2::missing required key 'summary' (one or two plain sentences about the page)"
        in err
    )


def test_a_python_without_the_dependencies_is_told_how_to_install_them(monkeypatch, capsys):
    import citesite.cli

    def missing(args):
        raise ModuleNotFoundError("No module named 'markdown'", name="markdown")

    monkeypatch.setattr(citesite.cli, "_run", missing)
    monkeypatch.setattr(sys, "argv", ["build.py"])
    assert citesite.cli.main(["build", "--strict"]) == 2
    assert capsys.readouterr().err == (
        f"build.py: error: the package 'markdown' is not installed for {sys.executable}; "
        "activate the virtual environment you installed into, or run: pip install -e .\n"
    )


CHECKED_SITES = {
    "clean": {"content/pages/a.md": page("A", "Read [B](b.md#more).\n"), "content/pages/b.md": page("B", "## More\n")},
    "warnings": {
        "content/pages/a.md": page("A", "Read [B](b.md#nowhere).\n"),
        "content/pages/b.md": page("B", "## More\n"),
        "content/articles/old.md": article("Old", reviewed="2020-01-01"),
    },
    "errors": {
        "content/pages/a.md": page("A", "Read [B](b.md#nowhere).\n"),
        "content/pages/b.md": page("B", "## More\n"),
        "content/pages/broken.md": "---\ntitle: Broken\n---\nNo summary.\n",
    },
}


def _every_path(root: Path) -> dict[str, bytes | None]:
    """Every file (with its bytes) and folder (None) under root, and beside it."""
    return {
        path.relative_to(root.parent).as_posix(): path.read_bytes() if path.is_file() else None
        for path in sorted(root.parent.rglob("*"))
    }


@pytest.mark.parametrize("name", sorted(CHECKED_SITES))
def test_check_writes_nothing_and_reports_what_a_strict_build_reports(name, make_site, run_build):
    root = make_site(CHECKED_SITES[name])
    before = _every_path(root)
    checked = run_build(root, "check")
    assert _every_path(root) == before  # no output folder, no cache, no lock file, not even an empty folder
    built = run_build(root, "--strict")
    assert (checked.code, checked.err) == (built.code, built.err)
    assert checked.code == (0 if name == "clean" else 1)
    if name != "clean":
        assert "link 'b.md#nowhere' points at a missing anchor '#nowhere' in content/pages/b.md" in checked.err


def test_build_py_without_the_dependencies_installed_says_what_to_install():
    # -S leaves out site-packages: this Python has the project folder but none of the generator's dependencies.
    result = subprocess.run(
        [sys.executable, "-S", str(PROJECT / "build.py"), "--strict"],
        capture_output=True,
        text=True,
        timeout=60,
        cwd=PROJECT,
    )
    assert (result.returncode, result.stdout) == (2, "")
    (line,) = result.stderr.splitlines()
    missing = re.fullmatch(
        r"build\.py: the module '(\w+)' is not installed, so the generator cannot start; install it and its "
        r'dependencies first: pip install -e "\.\[test\]" \(or pip install -e \.\)',
        line,
    )
    assert missing is not None, line
    assert missing.group(1) in {"jinja2", "markdown", "yaml", "pyphen", "pygments", "html5lib", "markupsafe"}
