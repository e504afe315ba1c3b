"""The preview keeps watching folders that are replaced, says so if watching stops, and shows warnings."""

from __future__ import annotations

import io
import shutil
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import article
from test_serve import EventStream, http_get

from citesite.serve import Server
from citesite.serve.livereload import RELOAD_JS

NO_ALT = "![](../../img/dot.svg)\n"
DOT = '<svg xmlns="http://www.w3.org/2000/svg" width="1" height="1"></svg>\n'


@pytest.fixture
def site(make_site, monkeypatch) -> Path:
    """A tiny project with one article; review dates are checked against a fixed day."""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1795000000")  # 2026-11-18
    return make_site({"content/articles/first.md": article("First", "Old text.\n"), "static/img/dot.svg": DOT})


def start(site: Path, **options: object) -> Server:
    app = Server(site, port=0, out=io.StringIO(), err=io.StringIO(), search=False, **options)  # type: ignore[arg-type]
    app.start()
    return app


@pytest.fixture
def server(site: Path) -> Iterator[Server]:
    app = start(site)
    yield app
    app.stop()


def err(server: Server) -> str:
    assert isinstance(server.err, io.StringIO)
    return server.err.getvalue()


def wait_for_text(server: Server, url: str, text: str, timeout: float = 30.0) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if text in http_get(server.port, url)[2]:
            return True
        time.sleep(0.05)
    return False


def replace_by_copy(folder: Path) -> None:
    """mv content content.old && cp -r content.old content && rm -rf content.old"""
    folder.rename(folder.with_name("content.old"))
    shutil.copytree(folder.with_name("content.old"), folder)
    shutil.rmtree(folder.with_name("content.old"))


def replace_by_rename(folder: Path) -> None:
    """A new copy renamed into place, as a checkout or an unzip into a temporary folder does."""
    shutil.copytree(folder, folder.with_name("content.new"))
    folder.rename(folder.with_name("content.old"))
    folder.with_name("content.new").rename(folder)
    shutil.rmtree(folder.with_name("content.old"))


def move_away_and_back(folder: Path) -> None:
    """The same folder moved out and back in."""
    folder.rename(folder.with_name("content.away"))
    time.sleep(0.2)
    folder.with_name("content.away").rename(folder)


@pytest.mark.parametrize("replace", [replace_by_copy, replace_by_rename, move_away_and_back])
def test_edits_reach_the_browser_after_content_is_replaced(server, site, replace):
    content = site / "content"
    replace(content)
    assert wait_for_text(server, "/articles/first/", "Old text.")
    time.sleep(0.3)  # the replacement's rebuild is over
    (content / "articles/first.md").write_text(article("First", "Text after the swap.\n"), encoding="utf-8")
    assert wait_for_text(server, "/articles/first/", "Text after the swap.")
    (content / "articles/first.md").write_text(article("First", "And again.\n"), encoding="utf-8")
    assert wait_for_text(server, "/articles/first/", "And again.")
    assert "live reload" not in err(server)  # watching never stopped (a build while content/ was away may fail)


def test_a_folder_created_after_the_start_is_watched(make_site, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1795000000")
    root = make_site({"content/articles/first.md": article("First", "Old text.\n")})
    shutil.rmtree(root / "static")
    app = start(root)
    try:
        (root / "static/css").mkdir(parents=True)
        (root / "static/css/site.css").write_text("body { margin: 0; }\n", encoding="utf-8")
        time.sleep(0.3)
        (root / "static/css/site.css").write_text("body { margin: 1px; }\n", encoding="utf-8")
        deadline = time.monotonic() + 10
        while (
            "margin:1px" not in "".join(p.read_text(encoding="utf-8") for p in app.site_dir.rglob("*.css"))
            and time.monotonic() < deadline
        ):
            time.sleep(0.05)
        assert any("margin:1px" in p.read_text(encoding="utf-8") for p in app.site_dir.rglob("*.css"))
    finally:
        app.stop()


def test_a_stopped_file_watcher_is_reported_and_polling_takes_over(server, site):
    if server.watcher.backend != "watchdog":
        pytest.skip("watchdog is missing; pip install watchdog (it comes with citesite)")
    server.watcher._observer.stop()  # as if watchdog's thread had died
    server.watcher._observer.join(5)
    deadline = time.monotonic() + 10
    while "polling" not in err(server) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert err(server) == "citesite: warning: live reload: the file watcher stopped; watching by polling from now on\n"
    (site / "content/articles/first.md").write_text(article("First", "Polled text.\n"), encoding="utf-8")
    assert wait_for_text(server, "/articles/first/", "Polled text.")


def test_warnings_are_shown_over_the_new_page_without_blocking_it(server, site):
    stream = EventStream(server.port)
    try:
        assert stream.next() == ("hello", {"build": 1, "ok": True, "errors": [], "warnings": []})
        (site / "content/articles/first.md").write_text(article("First", "New text.\n\n" + NO_ALT), encoding="utf-8")
        assert stream.next() == ("reload", {"build": 2, "ok": True, "errors": [], "warnings": []})
        warning = (
            "content/articles/first.md:8: warning: image '../../img/dot.svg' has no alt text;"
            " describe it in ![…](../../img/dot.svg)"
        )
        assert stream.next() == ("warnings", {"build": 2, "ok": True, "errors": [], "warnings": [warning]})
        assert "New text." in http_get(server.port, "/articles/first/")[2]  # the page itself is the new one
        late = EventStream(server.port)  # a tab that reloads now is told at once
        assert late.next() == ("hello", {"build": 2, "ok": True, "errors": [], "warnings": [warning]})
        late.close()
        (site / "content/articles/first.md").write_text(article("First", "Fixed.\n"), encoding="utf-8")
        assert stream.next() == ("reload", {"build": 3, "ok": True, "errors": [], "warnings": []})
        # once the rebuild has ended, the reloaded tabs show no warning panel
        assert wait_for_text(server, "/__citesite/status", '{"build": 3, "ok": true, "errors": [], "warnings": []}')
    finally:
        stream.close()


def test_a_strict_preview_still_blocks_on_warnings(site):
    app = start(site, strict=True)
    stream = EventStream(app.port)
    try:
        assert stream.next()[0] == "hello"
        (site / "content/articles/first.md").write_text(article("First", "New text.\n\n" + NO_ALT), encoding="utf-8")
        name, data = stream.next()
        assert (name, data["ok"], data["warnings"]) == ("errors", False, [])
        assert data["errors"] == [
            "content/articles/first.md:8: warning: image '../../img/dot.svg' has no alt text;"
            " describe it in ![…](../../img/dot.svg)"
        ]
    finally:
        stream.close()
        app.stop()


def test_the_script_keeps_errors_in_view_and_lists_warnings_in_a_status_panel():
    assert 'addEventListener("warnings"' in RELOAD_JS
    assert 'open.getAttribute("role") === "alert") { return; }' in RELOAD_JS  # warnings never replace errors
    assert '"Built with " + count(warnings, "warning")' in RELOAD_JS


def test_an_edit_made_as_the_fallback_is_announced_is_seen(tmp_path):
    from citesite.serve.watch import Watcher, load_watchdog

    if load_watchdog() is None:
        pytest.skip("watchdog is missing; pip install watchdog (it comes with citesite)")
    folder = tmp_path / "content"
    folder.mkdir()
    page = folder / "a.md"
    page.write_text("old\n", encoding="utf-8")
    changed: list[set[Path]] = []

    def edit_now(message: str) -> None:  # the editor saves the moment the terminal says polling took over
        page.write_text("new text, longer\n", encoding="utf-8")

    watcher = Watcher([folder], changed.append, debounce=0.05, on_problem=edit_now)
    watcher.start()
    try:
        watcher._observer.stop()  # as if watchdog's thread had died
        watcher._observer.join(5)
        deadline = time.monotonic() + 15
        while not changed and time.monotonic() < deadline:
            time.sleep(0.05)
    finally:
        watcher.stop()
    assert changed == [{page}]
