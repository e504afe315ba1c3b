"""Determinism across environments: the same sources give a byte-identical site whatever the machine.

Each build runs in its own process, so hash seeds, time zones and locales really differ.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import DEFAULT_FILES, article, copy_site, page, tree_digest, write_files

TIMEOUT = 120

ENVIRONMENTS = {
    "utc_c_locale": {"PYTHONHASHSEED": "1", "TZ": "UTC", "LC_ALL": "C", "LANG": "C"},
    "kiritimati_utf8_locale": {
        "PYTHONHASHSEED": "4242",
        "TZ": "Pacific/Kiritimati",
        "LC_ALL": "C.UTF-8",
        "LANG": "C.UTF-8",
    },
    "honolulu_random_hash": {
        "PYTHONHASHSEED": "random",
        "TZ": "Pacific/Honolulu",
        "LC_ALL": "C.UTF-8",
        "LANG": "C.UTF-8",
    },
}


def build_in_process(root: Path, env: dict[str, str], *args: str) -> Path:
    """Build root in a fresh Python process with env laid over this one's; return the output folder."""
    full = {**os.environ, "NO_COLOR": "1", **env}
    full.pop("SOURCE_DATE_EPOCH", None)  # the output must not depend on it either
    result = subprocess.run(
        # From the project folder, as its build.py runs: the site's own extensions are found there.
        [
            sys.executable,
            "-c",
            "import sys; from citesite.cli import main; sys.exit(main())",
            "--root",
            str(root),
            "--quiet",
            *args,
        ],
        cwd=root,
        env=full,
        capture_output=True,
        text=True,
        timeout=TIMEOUT,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr
    return root / "_site"


def copy_project(destination: Path) -> Path:
    """The real site's own files, copied."""
    copy_site(destination)
    return destination


def test_the_real_site_is_identical_across_hash_seeds_time_zones_and_locales(tmp_path: Path):
    digests = {}
    for name, env in ENVIRONMENTS.items():
        root = copy_project(tmp_path / name)
        digests[name] = tree_digest(build_in_process(root, env))
    first = digests["utc_c_locale"]
    assert len(first) > 20
    for name, digest in digests.items():
        assert digest == first, f"{name} differs: {sorted(set(digest.items()) ^ set(first.items()))[:6]}"


SMALL = {
    "content/articles/zeta.md": article(
        "Zeta", "Links to [alpha](alpha.md) and [beta](../pages/beta.md).\n", topics="[b, a]"
    ),
    "content/articles/alpha.md": article("Alpha", "## One\n\nText.\n", topics="[a, b, c]"),
    "content/articles/mid.md": article("Mid", "Text.\n", topics="[c]", order="2"),
    "content/articles/Ärger.md": article("Ärger", "Text.\n", topics="[a]"),
    "content/pages/beta.md": page("Beta"),
    "content/pages/gamma.md": page("Gamma"),
    "content/data/references.yaml": "- key: k1\n  title: One\n- key: k2\n  title: Two\n",
    "content/data/glossary.yaml": "- term: Zeta\n  definition: Last.\n- term: Alpha\n  definition: First.\n",
}


def test_file_creation_order_and_project_path_do_not_matter(tmp_path: Path):
    files = {**DEFAULT_FILES, **SMALL}
    forwards, backwards = tmp_path / "one", tmp_path / "two" / "deeper"
    for rel in files:  # one file at a time, so each folder lists its entries in creation order where the OS does
        write_files(forwards, {rel: files[rel]})
    for rel in reversed(list(files)):
        write_files(backwards, {rel: files[rel]})
    env = ENVIRONMENTS["utc_c_locale"]
    assert tree_digest(build_in_process(forwards, env)) == tree_digest(build_in_process(backwards, env))


def test_parallel_and_serial_builds_are_identical(tmp_path: Path):
    from citesite.render.parallel import PARALLEL_THRESHOLD

    count = PARALLEL_THRESHOLD + 10
    files = {
        f"content/articles/a{n:03}.md": article(
            f"Article {n}", f"## Part {n}\n\nSee [next](a{(n + 1) % count:03}.md).\n", topics=f"[t{n % 7}, t{n % 3}]"
        )
        for n in range(count)
    }
    serial, parallel = tmp_path / "serial", tmp_path / "parallel"
    write_files(serial, {**DEFAULT_FILES, **files})
    write_files(parallel, {**DEFAULT_FILES, **files})
    env = ENVIRONMENTS["utc_c_locale"]
    one = tree_digest(build_in_process(serial, env, "--jobs", "1", "--no-search"))
    many = tree_digest(build_in_process(parallel, env, "--jobs", "3", "--no-search"))
    assert len(one) > count
    assert one == many


@pytest.mark.parametrize("env_name", ["kiritimati_utf8_locale"])
def test_a_rebuild_from_the_cache_is_identical_to_a_clean_build(tmp_path: Path, env_name: str):
    root = copy_project(tmp_path / "site")
    env = ENVIRONMENTS[env_name]
    clean = tree_digest(build_in_process(root, env))
    (root / "content/articles/magnesium-and-pth.md").touch()  # changed time, same text
    assert tree_digest(build_in_process(root, env)) == clean
