"""The preview server under hostile and heavy traffic (127.0.0.1 only).

No request may reveal a file outside the served site or stop the server: traversal in every spelling, huge
URLs, garbage, header floods and clients that send half a request and wait. A bounded load test checks that
2,000 requests from 20 clients at once all succeed.
"""

from __future__ import annotations

import io
import socket
import threading
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from conftest import DEFAULT_FILES, article, write_files

serve = pytest.importorskip(
    "citesite.serve", reason="citesite.serve cannot be imported; reinstall citesite: pip install -e ."
)
Server = serve.Server

CANARY = "canary-7f3a9c-outside-the-site"
TIMEOUT = 10.0


@pytest.fixture(scope="module")
def outside(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The folder around the project, holding canary files that must never be served."""
    return tmp_path_factory.mktemp("served")


@pytest.fixture(scope="module")
def server(outside: Path) -> Iterator[object]:
    """One running preview server for the module; canaries sit beside the project and in it, outside the site."""
    root = outside / "project"
    files = {
        **DEFAULT_FILES,
        "content/articles/first.md": article("First", "Text.\n"),
        "content/404.md": "---\ntitle: Not found\nsummary: No such page.\n---\nNothing here.\n",
        "content/secret.txt": CANARY,
        "notes.txt": CANARY,
    }
    write_files(root, files)
    (outside / "secret.txt").write_text(CANARY, encoding="utf-8")
    (outside / "secret.html").write_text(CANARY, encoding="utf-8")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("SOURCE_DATE_EPOCH", "1795000000")
        app = Server(root, port=0, out=io.StringIO(), err=io.StringIO())
        app.start()
    assert app.hub.status()["ok"], app.err.getvalue()
    yield app
    stopped = threading.Thread(target=app.stop, daemon=True)
    stopped.start()
    stopped.join(TIMEOUT)
    assert not stopped.is_alive(), "the server did not stop"


def exchange(port: int, raw: bytes, timeout: float = TIMEOUT, hang_up: bool = False, must_close: bool = False) -> bytes:
    """Send raw bytes (then, if hang_up, say no more), read until the server closes (or the timeout passes).

    must_close: the server must close the connection before the timeout (an AssertionError if it does not).
    """
    with socket.create_connection(("127.0.0.1", port), timeout=timeout) as sock:
        try:
            sock.sendall(raw)
            if hang_up:
                sock.shutdown(socket.SHUT_WR)
        except OSError:  # the server answered and hung up before reading it all: a fine way to refuse
            pass
        chunks = []
        try:
            while chunk := sock.recv(65536):
                chunks.append(chunk)
        except TimeoutError:
            assert not must_close, f"the server neither answered nor hung up within {timeout} s"
        except ConnectionResetError:
            pass
    return b"".join(chunks)


def get(port: int, target: str) -> tuple[int, bytes]:
    reply = exchange(port, f"GET {target} HTTP/1.0\r\nHost: 127.0.0.1\r\n\r\n".encode("latin-1"))
    status = int(reply.split(b" ", 2)[1]) if reply.startswith(b"HTTP/") else 0
    return status, reply


def assert_still_serving(port: int) -> None:
    status, reply = get(port, "/articles/first/")
    assert status == 200 and b"<h1>First</h1>" in reply


TRAVERSALS = [
    "/../secret.txt",
    "/../../secret.txt",
    "/../notes.txt",
    "/../content/secret.txt",
    "/%2e%2e/secret.txt",
    "/%2E%2E/%2E%2E/secret.txt",
    "/%252e%252e/secret.txt",
    "/%25252e%25252e/secret.txt",
    "/..%2fsecret.txt",
    "/..%2Fnotes.txt",
    "/%2e%2e%2f%2e%2e%2fsecret.txt",
    "/..\\secret.txt",
    "/..%5csecret.txt",
    "/%5c..%5c..%5csecret.txt",
    "/.%2e/secret.txt",
    "/%c0%ae%c0%ae/secret.txt",
    "/%e0%80%ae%e0%80%ae/secret.txt",
    "/\uff0e\uff0e/secret.txt".encode().decode("latin-1"),
    "/articles/../../secret.txt",
    "/articles/first/../../../notes.txt",
    "//secret.txt",
    "///../secret.txt",
    "/./../secret.txt",
    "/secret.txt%00.html",
    "/%00../secret.txt",
    "/.cache/",
    "/.citesite-manifest.json",
    "http://127.0.0.1/../secret.txt",
    "http://127.0.0.1/%2e%2e/%2e%2e/notes.txt",
    "../secret.txt",
    "*",
]


@pytest.mark.parametrize("target", TRAVERSALS)
def test_no_spelling_of_a_path_reaches_outside_the_site(server, target):
    status, reply = get(server.port, target)
    assert CANARY.encode() not in reply
    assert status in (400, 404, 414), reply[:200]


def test_a_symlink_planted_in_the_site_is_not_followed(server, outside):
    planted = [server.site_dir / "planted.txt", server.site_dir / "planted-dir"]
    planted[0].symlink_to(outside / "secret.txt")
    planted[1].symlink_to(outside, target_is_directory=True)
    try:
        for target in ("/planted.txt", "/planted-dir/secret.txt", "/planted-dir/secret.html", "/planted-dir/"):
            status, reply = get(server.port, target)
            assert CANARY.encode() not in reply and status == 404, target
    finally:
        for link in planted:
            link.unlink()


@pytest.mark.parametrize(
    "raw",
    [
        b"\x00\xff\xfe garbage \r\n\r\n",
        b"\x16\x03\x01\x02\x00\x01\x00\x01\xfc\x03\x03" + bytes(64),  # a TLS hello on the plain port
        b"GET\r\n\r\n",
        b"GET /\r\n\r\n",
        b"GET / HTTP/9.9\r\n\r\n",
        b"GET / FOO/1.0\r\n\r\n",
        b"BREW /pot HTTP/1.0\r\n\r\n",
        b"POST / HTTP/1.0\r\nContent-Length: 5\r\n\r\nhello",
        b"GET / HTTP/1.0\r\nHost: \xff\xfe\r\n\r\n",
        b"GET / HTTP/1.0\r\n" + b"X-Flood: y\r\n" * 500 + b"\r\n",
        b"GET / HTTP/1.0\r\nX-Long: " + b"a" * 200_000 + b"\r\n\r\n",
        b"GET /" + b"a" * 100_000 + b" HTTP/1.0\r\n\r\n",
        b"GET /?" + b"q=" * 50_000 + b" HTTP/1.0\r\n\r\n",
        b"\r\n" * 1000,
    ],
    ids=[
        "binary",
        "tls_hello",
        "method_only",
        "no_version",
        "unknown_version",
        "bad_protocol",
        "unknown_method",
        "post",
        "non_ascii_header",
        "header_flood",
        "huge_header",
        "url_of_100_kb",
        "query_of_100_kb",
        "blank_lines",
    ],
)
def test_malformed_requests_get_an_answer_or_a_hang_up_and_the_server_goes_on(server, raw):
    reply = exchange(
        server.port, raw, hang_up=True, must_close=True
    )  # a client that waits instead: see the slow-client test
    assert CANARY.encode() not in reply
    if reply.startswith(b"HTTP/"):
        assert int(reply.split(b" ", 2)[1]) >= 200
    assert_still_serving(server.port)
    assert "Traceback" not in server.err.getvalue()


def test_slow_clients_do_not_hold_up_anyone_else(server):
    slow = []
    for part in (b"GET /articles/first/ HT", b"GET / HTTP/1.0\r\nHost: 127.0.0.1\r\nX-Slow: 1", b"G"):
        sock = socket.create_connection(("127.0.0.1", server.port), timeout=TIMEOUT)
        sock.sendall(part)  # half a request, then silence
        slow.append(sock)
    idle = [socket.create_connection(("127.0.0.1", server.port), timeout=TIMEOUT) for _ in range(10)]  # say nothing
    try:
        for _ in range(20):  # each answered within the socket's time limit, while the slow ones wait
            assert_still_serving(server.port)
    finally:
        for sock in slow + idle:
            sock.close()
    assert_still_serving(server.port)


def test_a_server_with_slow_clients_still_stops(make_site, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1795000000")
    root = make_site({"content/articles/first.md": article("First")})
    app = Server(root, port=0, out=io.StringIO(), err=io.StringIO())
    app.start()
    sock = socket.create_connection(("127.0.0.1", app.port), timeout=TIMEOUT)
    sock.sendall(b"GET / HTTP/1.0\r\n")  # never finished
    try:
        stopper = threading.Thread(target=app.stop, daemon=True)
        stopper.start()
        stopper.join(TIMEOUT)
        assert not stopper.is_alive(), "stop() waits for a client that never finishes its request"
    finally:
        sock.close()


def test_two_thousand_requests_from_twenty_clients(server):
    targets = ["/", "/articles/first/", "/feed.xml", "/sitemap.xml", "/no/such/page/", "/articles/first", "/../x"]
    expected = {"/": 200, "/articles/first/": 200, "/feed.xml": 200, "/sitemap.xml": 200, "/no/such/page/": 404}
    expected |= {"/articles/first": 301, "/../x": 404}

    def client(number: int) -> list[str]:
        failures = []
        for n in range(100):
            target = targets[(number + n) % len(targets)]
            try:
                status, reply = get(server.port, target)
            except OSError as exc:
                failures.append(f"{target}: {exc!r}")
                continue
            if status != expected[target] or CANARY.encode() in reply:
                failures.append(f"{target}: {status}")
        return failures

    with ThreadPoolExecutor(max_workers=20) as pool:
        results = list(pool.map(client, range(20), timeout=120))  # against a hang, not a measure of speed
    failures = [failure for result in results for failure in result]
    assert failures == [], failures[:10]
    assert "Traceback" not in server.err.getvalue()
    assert_still_serving(server.port)
