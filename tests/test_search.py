"""citesite.search: Pagefind indexes a written site, offline, the same way every time, and fails with a clear message."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from citesite import search
from citesite.errors import SiteError

PAGE = """<!doctype html><html lang="en"><head><meta charset="utf-8"><title>{title}</title></head>
<body><nav>Menu words</nav><main data-pagefind-body><h1>{title}</h1><p>{text}</p>
<h2 id="s">Section<a class="headerlink" href="#s">#</a></h2><p>More <sup class="cite">[1]</sup> text.</p></main></body></html>
"""


def write_site(folder: Path) -> Path:
    """A three-page output folder, as the build writes it."""
    pages = {
        "index.html": ("Home", "Welcome to the site."),
        "articles/bone-cells/index.html": ("Bone cells", "Osteoclasts break down bone; osteoblasts build it."),
        "articles/pth/index.html": ("PTH", "Parathyroid hormone controls blood calcium."),
    }
    for rel, (title, text) in pages.items():
        path = folder / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(PAGE.format(title=title, text=text), encoding="utf-8")
    return folder


def digest(folder: Path) -> dict[str, str]:
    return {
        p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def test_index_site_writes_the_bundle_into_pagefind(tmp_path: Path) -> None:
    site = write_site(tmp_path / "_site")
    search.index_site(site)
    bundle = site / "pagefind"
    assert (bundle / "pagefind.js").is_file()
    assert (bundle / "pagefind-worker.js").is_file()
    assert any(bundle.glob("wasm.*.pagefind"))
    assert list((bundle / "fragment").iterdir())


def test_index_site_is_deterministic(tmp_path: Path) -> None:
    first = write_site(tmp_path / "a")
    second = write_site(tmp_path / "b")
    search.index_site(first)
    search.index_site(second)
    assert digest(first / "pagefind") == digest(second / "pagefind")


def test_the_command_excludes_permalinks_and_citation_numbers(tmp_path: Path) -> None:
    command = search.pagefind_command(Path("/bin/pagefind"), tmp_path)
    assert command[:3] == ["/bin/pagefind", "--site", str(tmp_path)]
    assert "--output-subdir" in command and "pagefind" in command
    selectors = [command[i + 1] for i, arg in enumerate(command) if arg == "--exclude-selectors"]
    assert ".headerlink" in selectors and "sup.cite" in selectors


def test_a_missing_pagefind_says_how_to_install_it(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(search, "find_pagefind", lambda: None)
    with pytest.raises(SiteError) as caught:
        search.index_site(write_site(tmp_path))
    assert str(caught.value) == "search index: Pagefind is not installed; run: pip install 'pagefind[bin]'"


def test_a_binary_path_that_does_not_exist_counts_as_missing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PAGEFIND_BINARY_PATH", str(tmp_path / "no-such-pagefind"))
    with pytest.raises(SiteError, match="Pagefind is not installed"):
        search.index_site(write_site(tmp_path / "_site"))


def test_pagefind_failing_is_reported_with_its_own_message(tmp_path: Path) -> None:
    empty = tmp_path / "empty"
    empty.mkdir()
    with pytest.raises(SiteError) as caught:
        search.index_site(empty)
    message = str(caught.value)
    assert message.startswith("search index: Pagefind failed: ")
    assert "not able to build an index" in message
    assert "\n" not in message


def test_the_languages_of_the_search_index_are_in_one_order_whatever_order_pagefind_wrote(tmp_path):
    from citesite.search import _sort_languages

    bundle = tmp_path / "pagefind"
    bundle.mkdir()
    entry = bundle / "pagefind-entry.json"
    entry.write_text(
        '{"version":"1.5.2","languages":{"es":{"page_count":3},"en":{"page_count":19}},"x":["‿"]}', "utf-8"
    )
    _sort_languages(bundle)
    assert (
        entry.read_text("utf-8")
        == '{"version":"1.5.2","languages":{"en":{"page_count":19},"es":{"page_count":3}},"x":["‿"]}'
    )
