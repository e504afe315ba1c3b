"""What a process keeps between builds (compiled templates, data, translation blocks) never changes the output.

The preview server builds again in one process on every save. Each rebuild below, after a change to an
article, a data file, a template or a translation, must give exactly the site a build from scratch gives,
in a process that has kept nothing.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import copy_site, tree_digest

import citesite.render.jinja as jinja_module
import citesite.source.data as data_module
import citesite.translate.status as status_module
from citesite.build import build
from citesite.options import BuildOptions


def serve_options(out: Path, cache: bool = True) -> BuildOptions:
    """The options `serve` builds with (no search index: it is made after the reload)."""
    return BuildOptions(
        out=out, base_url="http://127.0.0.1:8000/", live_reload="/__citesite/reload.js", search=False, cache=cache
    )


def from_scratch(root: Path, out: Path, monkeypatch: pytest.MonkeyPatch) -> dict[str, str]:
    """The site built without the build cache, by a process that keeps nothing from earlier builds."""
    with monkeypatch.context() as m:
        m.setattr(jinja_module, "_shared", {})
        m.setattr(data_module, "_loaded", {})
        m.setattr(status_module, "_blocks_seen", {})
        build(root, serve_options(out, cache=False))
    return tree_digest(out)


def append(path: Path, text: str) -> None:
    path.write_text(path.read_text(encoding="utf-8") + text, encoding="utf-8")


def replace(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


CHANGES = [
    ("an article", lambda r: append(r / "content/articles/magnesium-and-bone.md", "\nOne more sentence.\n")),
    ("the article again", lambda r: append(r / "content/articles/magnesium-and-bone.md", "\nAnd another.\n")),
    (
        "a data file",
        lambda r: replace(r / "content/data/glossary.yaml", "A mineral the body", "A mineral that the body"),
    ),
    ("a translation", lambda r: append(r / "content/es/articles/magnesio-y-huesos.md", "\nOtra frase.\n")),
    (
        "a template",
        lambda r: (r / "templates/article.html").write_text(
            '{% extends "theme/article.html" %}\n{% block main %}<p>Edited.</p>{{ super() }}{% endblock %}\n',
            encoding="utf-8",
        ),
    ),
    ("the template back", lambda r: (r / "templates/article.html").unlink()),
]


def test_rebuilds_in_one_process_equal_builds_from_scratch(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1795000000")
    root = copy_site(tmp_path / "site")
    out = root / ".cache/serve/site"
    build(root, serve_options(out))
    assert tree_digest(out) == from_scratch(root, tmp_path / "clean0", monkeypatch)
    for number, (name, change) in enumerate(CHANGES, 1):
        change(root)
        build(root, serve_options(out))
        assert tree_digest(out) == from_scratch(root, tmp_path / f"clean{number}", monkeypatch), name
