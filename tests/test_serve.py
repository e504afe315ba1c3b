"""The preview server: live reload after a rebuild, the error overlay's events, safe file serving, clean exits."""

from __future__ import annotations

import io
import json
import os
import re
import socket
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import article
from subprocesses import interrupt

from citesite.cli import main
from citesite.serve import Server
from citesite.serve.http import request_parts
from citesite.serve.watch import Watcher

PROJECT = Path(__file__).resolve().parent.parent
TIMEOUT = 30.0  # seconds; a rebuild takes well under one, this only guards against a hang (on a busy machine too)
SCRIPT_TAG = '<script src="/__citesite/reload.js" defer></script></body>'


class EventStream:
    """A Server-Sent Events client on a raw socket."""

    def __init__(self, port: int) -> None:
        self.sock = socket.create_connection(("127.0.0.1", port), timeout=TIMEOUT)
        self.sock.sendall(b"GET /__citesite/events HTTP/1.0\r\nHost: 127.0.0.1\r\n\r\n")
        self.file = self.sock.makefile("rb")
        while self.file.readline().strip():  # status line and headers
            pass

    def next(self) -> tuple[str, dict[str, object]]:
        """The next named event and its JSON data."""
        name, data = "", ""
        while True:
            line = self.file.readline().decode("utf-8")
            if not line:
                raise AssertionError("the event stream closed")
            line = line.rstrip("\n")
            if line.startswith("event: "):
                name = line[7:]
            elif line.startswith("data: "):
                data = line[6:]
            elif not line and name:
                return name, json.loads(data)

    def close(self) -> None:
        """Hang up."""
        self.file.close()
        self.sock.close()


def http_get(port: int, target: str) -> tuple[int, dict[str, str], str]:
    """Send the request line exactly as given (no client-side normalisation); return status, headers, body."""
    with socket.create_connection(("127.0.0.1", port), timeout=TIMEOUT) as sock:
        sock.sendall(f"GET {target} HTTP/1.0\r\nHost: 127.0.0.1\r\n\r\n".encode("latin-1"))
        chunks = []
        while chunk := sock.recv(65536):
            chunks.append(chunk)
    head, _, body = b"".join(chunks).partition(b"\r\n\r\n")
    lines = head.decode("latin-1").split("\r\n")
    headers = dict(line.split(": ", 1) for line in lines[1:])
    return int(lines[0].split()[1]), headers, body.decode("utf-8", "replace")


@pytest.fixture
def site(make_site, monkeypatch) -> Path:
    """A tiny project with two articles and a 404 page; review dates are checked against a fixed day."""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1795000000")  # 2026-11-18
    return make_site(
        {
            "content/articles/first.md": article("First", "Old text.\n"),
            "content/articles/second.md": article("Second", "Second text.\n"),
            "content/404.md": "---\ntitle: Not found\nsummary: No such page.\n---\nNothing here.\n",
        }
    )


@pytest.fixture
def server(site: Path) -> Iterator[Server]:
    """A running preview server on a free port."""
    app = Server(site, port=0, out=io.StringIO(), err=io.StringIO())
    app.start()
    assert app.hub.status()["ok"], problems(app)
    yield app
    app.stop()


@pytest.fixture
def events(server: Server) -> Iterator[EventStream]:
    """An open event stream, past its 'hello'."""
    stream = EventStream(server.port)
    assert stream.next() == ("hello", {"build": 1, "ok": True, "errors": [], "warnings": []})
    yield stream
    stream.close()


def output(server: Server) -> str:
    """What the server printed to its terminal."""
    assert isinstance(server.out, io.StringIO)
    return server.out.getvalue()


def problems(server: Server) -> str:
    """What the server printed to its terminal's error stream."""
    assert isinstance(server.err, io.StringIO)
    return server.err.getvalue()


def test_pages_carry_the_reload_script_and_the_normal_build_does_not(server, site, run_build):
    status, headers, body = http_get(server.port, "/articles/first/")
    assert (status, headers["Content-Type"]) == (200, "text/html; charset=utf-8")
    assert SCRIPT_TAG in body and "Old text." in body
    status, headers, script = http_get(server.port, "/__citesite/reload.js")
    assert (status, headers["Content-Type"]) == (200, "text/javascript; charset=utf-8")
    assert 'new EventSource("/__citesite/events")' in script
    assert "innerHTML" not in script
    assert (server.site_dir / "articles/first/index.html").is_file()
    assert not (site / "_site").exists()
    assert run_build(site, "--no-search").code == 0
    assert "__citesite" not in (site / "_site/articles/first/index.html").read_text(encoding="utf-8")


def test_an_edit_reloads_the_tabs_after_the_rebuild(server, events, site):
    (site / "content/articles/first.md").write_text(article("First", "New text.\n"), encoding="utf-8")
    assert events.next() == ("reload", {"build": 2, "ok": True, "errors": [], "warnings": []})
    assert "New text." in http_get(server.port, "/articles/first/")[2]
    deadline = time.monotonic() + TIMEOUT  # the log line follows the reload: the search index is updated in between
    while "Rebuilt" not in output(server) and time.monotonic() < deadline:
        time.sleep(0.02)
    assert re.fullmatch(r"Wrote 4 pages .*\nRebuilt in \d+\.\d\d s \(1 file changed\)\n", output(server))


def test_a_broken_file_shows_its_errors_and_keeps_the_last_good_site(server, events, site):
    source = site / "content/articles/first.md"
    source.write_text("---\ntitle: First\nsummary: [unclosed\nreviewed: 2026-11-01\n---\nBroken.\n", encoding="utf-8")
    name, data = events.next()
    assert (name, data["build"], data["ok"]) == ("errors", 1, False)
    assert data["errors"] == ["content/articles/first.md:4:9: error: invalid YAML: did not find expected ',' or ']'"]
    assert "Old text." in http_get(server.port, "/articles/first/")[2]
    assert problems(server) == (
        "content/articles/first.md:4:9: error: invalid YAML: did not find expected ',' or ']'\n1 error, 0 warnings\n"
    )
    late = EventStream(server.port)  # a tab opened while the build is broken sees the errors at once
    assert late.next() == ("hello", {"build": 1, "ok": False, "errors": data["errors"], "warnings": []})
    late.close()
    source.write_text(article("First", "Fixed text.\n"), encoding="utf-8")
    assert events.next() == ("reload", {"build": 2, "ok": True, "errors": [], "warnings": []})
    assert "Fixed text." in http_get(server.port, "/articles/first/")[2]
    assert json.loads(http_get(server.port, "/__citesite/status")[2]) == {
        "build": 2,
        "ok": True,
        "errors": [],
        "warnings": [],
    }


def test_an_internal_failure_is_one_line_and_the_server_keeps_running(server, events, site, monkeypatch):
    import citesite.serve

    def boom(*args, **kwargs):
        raise RuntimeError("disk on fire")

    monkeypatch.setattr(citesite.serve, "build", boom)
    (site / "content/articles/first.md").write_text(article("First", "New text.\n"), encoding="utf-8")
    assert events.next() == (
        "errors",
        {"build": 1, "ok": False, "errors": ["internal error: RuntimeError: disk on fire"], "warnings": []},
    )
    assert problems(server) == ("citesite: internal error: RuntimeError: disk on fire (run with --debug for details)\n")
    assert "Old text." in http_get(server.port, "/articles/first/")[2]


@pytest.mark.parametrize(
    "target",
    [
        "/../../etc/passwd",
        "/%2e%2e/%2e%2e/etc/passwd",
        "/%252e%252e/etc/passwd",
        "/..%5c..%5cetc/passwd",
        "/..\\..\\etc\\passwd",
        "//etc/passwd",
        "/etc/passwd",
        "/articles/%00",
        "/.citesite-manifest.json",
    ],
)
def test_requests_cannot_leave_the_site_folder(server, target):
    status, _, body = http_get(server.port, target)
    assert status == 404
    assert "root:" not in body
    assert "<title>Not found</title>" in body  # the site's own 404 page


def test_a_symlink_out_of_the_site_is_not_followed(server, tmp_path):
    secret = tmp_path / "secret"
    secret.mkdir()
    (secret / "key.txt").write_text("top secret", encoding="utf-8")
    (server.site_dir / "leak.txt").symlink_to(secret / "key.txt")
    (server.site_dir / "leakdir").symlink_to(secret, target_is_directory=True)
    for target in ("/leak.txt", "/leakdir/key.txt", "/leakdir/"):
        status, _, body = http_get(server.port, target)
        assert (status, "top secret" in body) == (404, False)


def test_long_urls_missing_pages_and_folders_without_slash(server):
    assert http_get(server.port, "/" + "a" * 5000)[0] == 414
    status, headers, body = http_get(server.port, "/no/such/page/")
    assert (status, headers["Content-Type"]) == (404, "text/html; charset=utf-8")
    assert "<title>Not found</title>" in body and '<a href="/">Home</a>' in body
    status, headers, _ = http_get(server.port, "/articles/first")
    assert (status, headers["Location"]) == (301, "/articles/first/")


def test_request_parts_refuse_anything_that_could_leave_the_folder():
    assert request_parts("/articles/first/?x=1") == ["articles", "first"]
    assert request_parts("/a%20b/") == ["a b"]
    assert request_parts("http://127.0.0.1:8000/feed.xml") == ["feed.xml"]
    for target in ("/../x", "/a/../../x", "/%2e%2e/x", "/%252e%252e/x", "/a\\b", "/a%5cb", "/%ff", "x", "/.git/config"):
        assert request_parts(target) is None, target


def test_a_burst_of_saves_is_one_rebuild(site):
    app = Server(site, port=0, debounce=0.5, out=io.StringIO(), err=io.StringIO())
    app.start()
    stream = EventStream(app.port)
    try:
        assert stream.next()[0] == "hello"
        for number in range(5):
            write_file = site / f"content/articles/burst{number}.md"
            write_file.write_text(article(f"Burst {number}"), encoding="utf-8")
        assert stream.next() == ("reload", {"build": 2, "ok": True, "errors": [], "warnings": []})
        time.sleep(1.0)  # longer than the debounce: a second rebuild would have started by now
        assert app.rebuilds == 1
        assert output(app).endswith("(5 files changed)\n")
    finally:
        stream.close()
        app.stop()


def wait_for(condition, timeout: float = TIMEOUT) -> None:
    """Poll condition() until it is true."""
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.01)


def test_a_late_event_for_an_unchanged_file_is_not_a_second_rebuild(tmp_path):
    folder = tmp_path / "content"
    folder.mkdir()
    source = folder / "a.md"
    source.write_text("one", encoding="utf-8")
    batches: list[set[Path]] = []
    watcher = Watcher([folder], batches.append, debounce=0.01, polling=True)
    watcher.start()
    try:
        watcher.record([source, folder / ".a.md.swp", folder / "a.md~"])
        wait_for(lambda: len(batches) == 1)
        watcher.record([source])  # e.g. the save's 'closed' event, delivered after the rebuild began
        time.sleep(0.3)
        assert batches == [{source}]
        source.write_text("two", encoding="utf-8")
        wait_for(lambda: len(batches) == 2)
        assert batches[1] == {source}
    finally:
        watcher.stop()


def test_the_polling_fallback_rebuilds_too(site):
    app = Server(site, port=0, polling=True, out=io.StringIO(), err=io.StringIO())
    app.start()
    stream = EventStream(app.port)
    try:
        assert app.watcher.backend == "polling"
        assert stream.next()[0] == "hello"
        (site / "content/articles/second.md").write_text(article("Second", "Polled.\n"), encoding="utf-8")
        assert stream.next()[0] == "reload"
        assert "Polled." in http_get(app.port, "/articles/second/")[2]
    finally:
        stream.close()
        app.stop()


def test_a_failed_first_build_serves_a_waiting_page(make_site):
    root = make_site({"content/articles/bad.md": "---\ntitle: Bad\n---\n"})
    app = Server(root, port=0, out=io.StringIO(), err=io.StringIO())
    app.start()
    try:
        status, _, body = http_get(app.port, "/")
        assert (status, "The site has not been built yet" in body, SCRIPT_TAG in body) == (503, True, True)
    finally:
        app.stop()


def test_a_port_in_use_is_a_usage_error(site, capsys):
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        code = main(["serve", "--root", str(site), "--port", str(port)])
    assert code == 2
    assert capsys.readouterr().err == (
        f"citesite: error: port {port} is in use; stop the other server or use --port {port + 1}\n"
    )
    assert not (site / ".cache/serve/site").exists()


def test_ctrl_c_stops_cleanly(site):
    env = {**os.environ, "NO_COLOR": "1", "PYTHONUNBUFFERED": "1"}
    command = [sys.executable, str(PROJECT / "build.py"), "serve", "--root", str(site), "--port", "0"]
    code, lines, out, err = interrupt(command, env, lines=2)  # killed after, whatever happens
    assert lines[1].startswith("Serving http://127.0.0.1:"), lines
    assert (code, out, err) == (0, "stopped\n", "")


def test_the_search_index_is_built_in_the_background_and_published_at_pagefind(server, site):
    wait_for(lambda: server.indexer.runs == 1)
    status, headers, script = http_get(server.port, "/pagefind/pagefind.js")
    assert (status, headers["Content-Type"]) == (200, "text/javascript; charset=utf-8")
    assert "search" in script
    assert not (server.site_dir / "pagefind").exists()  # beside the site, not in it: the manifest stays the site's
    assert http_get(server.port, "/pagefind/../.citesite-manifest.json")[0] == 404


def test_a_save_while_the_index_is_built_stops_it_and_the_reload_does_not_wait(site, monkeypatch):
    slow = site.parent / "slow-pagefind"
    slow.write_text("#!/bin/sh\nexec sleep 60\n")
    slow.chmod(0o755)
    monkeypatch.setenv("PAGEFIND_BINARY_PATH", str(slow))  # an index that would take a minute
    app = Server(site, port=0, out=io.StringIO(), err=io.StringIO())
    app.start()
    stream = EventStream(app.port)
    try:
        assert stream.next()[0] == "hello"
        (site / "content/articles/first.md").write_text(article("First", "Newer text.\n"), encoding="utf-8")
        # The index sleeps for a minute; the reload comes long before that (the stream waits TIMEOUT at most).
        assert stream.next() == ("reload", {"build": 2, "ok": True, "errors": [], "warnings": []})
        assert "Newer text." in http_get(app.port, "/articles/first/")[2]
    finally:
        stream.close()
        stopper = threading.Thread(target=app.stop, daemon=True)  # the sleeping index is stopped, not waited for
        stopper.start()
        stopper.join(TIMEOUT)
        assert not stopper.is_alive(), "stop() waited for the search index"
    assert app.indexer is not None and app.indexer.runs == 0
