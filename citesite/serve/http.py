"""The preview's HTTP side: the built site (never a file outside it), the live-reload files and event stream."""

from __future__ import annotations

import errno
import json
import mimetypes
import queue
import socket
import socketserver
import sys
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any, TextIO
from urllib.parse import quote, unquote, urlsplit

from citesite.boundary import MANIFEST
from citesite.errors import UsageError, program_name
from citesite.search import BUNDLE_DIR
from citesite.serve.livereload import EVENTS_URL, OVERLAY_CSS, OVERLAY_URL, RELOAD_JS, RELOAD_URL, STATUS_URL, EventHub

MAX_URL_LENGTH = 2048
KEEPALIVE = 15.0  # seconds between comments that keep an idle event stream open
WAITING_PAGE = f"""<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Waiting for a good build</title></head>
<body><h1>The site has not been built yet</h1>
<p>Fix the problems shown in the terminal and save; this page reloads by itself.</p>
<script src="{RELOAD_URL}" defer></script></body></html>
"""


class PreviewHTTPServer(ThreadingHTTPServer):
    """One thread per request; knows the site folder, the event hub and where to report errors."""

    daemon_threads = True
    # A browser opens several connections at once, and a script may open hundreds: a full accept queue makes
    # the kernel reset new connections. The kernel caps this at net.core.somaxconn (4096 on current Linux).
    request_queue_size = 1024
    site_dir: Path
    search_dir: Path  # the search bundle, published at /pagefind/
    hub: EventHub
    err: TextIO

    def server_bind(self) -> None:
        """Bind without HTTPServer's reverse DNS lookup of the host (slow on some networks)."""
        socketserver.TCPServer.server_bind(self)
        host, port = self.server_address[:2]
        self.server_name, self.server_port = str(host), int(port)

    def handle_error(self, request: Any, client_address: Any) -> None:
        """A tab that closes mid-response is normal; anything else is one line, not a traceback."""
        exc = sys.exc_info()[1]
        if not isinstance(exc, ConnectionError | TimeoutError):
            print(f"{program_name()}: server error: {exc!r}", file=self.err, flush=True)


class _PreviewHTTPServer6(PreviewHTTPServer):
    address_family = socket.AF_INET6


def bind_server(
    host: str, port: int, site_dir: Path, search_dir: Path, hub: EventHub, err: TextIO
) -> PreviewHTTPServer:
    """Listen on host:port; a busy or forbidden port is a usage error that names the fix."""
    server_class = _PreviewHTTPServer6 if ":" in host else PreviewHTTPServer
    try:
        httpd = server_class((host, port), RequestHandler)
    except OSError as exc:
        if exc.errno == errno.EADDRINUSE:
            raise UsageError(f"port {port} is in use; stop the other server or use --port {port + 1}") from None
        if exc.errno == errno.EACCES:
            raise UsageError(f"not allowed to listen on port {port}; use a port above 1023, e.g. --port 8000") from None
        reason = (exc.strerror or str(exc)).lower()
        raise UsageError(f"cannot listen on {host}:{port} ({reason}); check --host, e.g. --host 127.0.0.1") from None
    httpd.site_dir, httpd.search_dir, httpd.hub, httpd.err = site_dir, search_dir, hub, err
    return httpd


def request_parts(target: str) -> list[str] | None:
    """The path segments a request names, or None when it could reach outside the site folder."""
    if "://" in target.split("?", 1)[0] and not target.startswith("/"):
        target = urlsplit(target).path or "/"  # absolute-form request line
    path = target.split("?", 1)[0].split("#", 1)[0]
    try:
        decoded = unquote(path, errors="strict")
    except UnicodeDecodeError:
        return None
    if not decoded.startswith("/") or any(ch in decoded for ch in "\\%\x00"):
        return None  # backslashes, and anything still encoded (double encoding), are never ours
    parts = [part for part in decoded.split("/") if part]
    if any(part.startswith(".") for part in parts):
        return None  # '..', '.', and hidden files such as the manifest
    return parts


def find_file(site_dir: Path, parts: list[str]) -> Path | None:
    """The file to send for these segments (index.html for a folder), only if it is inside site_dir."""
    candidate = site_dir.joinpath(*parts)
    if candidate.is_dir():
        candidate = candidate / "index.html"
    try:
        resolved = candidate.resolve(strict=True)
    except (OSError, RuntimeError):
        return None
    inside = resolved.is_relative_to(site_dir.resolve())
    return resolved if inside and resolved.is_file() else None  # a symlink out of the site is not found


class RequestHandler(BaseHTTPRequestHandler):
    """GET and HEAD for the built site, plus the live-reload script, stylesheet, status and events."""

    server: PreviewHTTPServer
    server_version = "citesite"
    timeout = 20  # seconds: a client that never finishes its request does not hold a thread for ever

    def do_GET(self) -> None:
        """Answer a GET request."""
        self._answer(send_body=True)

    def do_HEAD(self) -> None:
        """Answer a HEAD request."""
        self._answer(send_body=False)

    def log_message(self, format: str, *args: Any) -> None:
        """Keep the terminal for rebuilds and errors."""

    def _answer(self, send_body: bool) -> None:
        site_dir, hub = self.server.site_dir, self.server.hub
        if len(self.path) > MAX_URL_LENGTH:
            self._send(414, "text/plain", b"URL too long\n", send_body)
            return
        path = self.path.split("?", 1)[0]
        if path == EVENTS_URL and send_body:
            self._stream_events(hub)
            return
        internal = {
            RELOAD_URL: ("text/javascript", RELOAD_JS.encode()),
            OVERLAY_URL: ("text/css", OVERLAY_CSS.encode()),
            STATUS_URL: ("application/json", json.dumps(hub.status()).encode()),
        }
        if path in internal:
            self._send(200, *internal[path], send_body)
            return
        if not (site_dir / MANIFEST).is_file():  # no build has succeeded yet
            self._send(503, "text/html", WAITING_PAGE.encode(), send_body)
            return
        parts = request_parts(self.path)
        if parts and not path.endswith("/") and (site_dir.joinpath(*parts)).is_dir():
            self.send_response(301)  # pages use relative links, which need the trailing '/'
            self.send_header("Location", "/" + "/".join(quote(p) for p in parts) + "/")
            self.send_header("Content-Length", "0")
            self.end_headers()
            return
        if parts and parts[0] == BUNDLE_DIR and len(parts) > 1:  # the index lives beside the site (serve_search)
            found = find_file(self.server.search_dir, parts[1:])
        else:
            found = find_file(site_dir, parts) if parts is not None else None
        if found is not None:
            self._send(200, _content_type(found), found.read_bytes(), send_body)
            return
        page = find_file(site_dir, ["404.html"])
        body = page.read_bytes() if page else b"404 Not Found\n"
        self._send(404, "text/html" if page else "text/plain", body, send_body)

    def _send(self, status: int, content_type: str, body: bytes, send_body: bool) -> None:
        self.send_response(status)
        charset = "; charset=utf-8" if content_type.startswith("text/") or content_type.endswith("json") else ""
        self.send_header("Content-Type", content_type + charset)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "no-store")
        self.send_header("X-Content-Type-Options", "nosniff")
        self.end_headers()
        if send_body:
            self.wfile.write(body)

    def _stream_events(self, hub: EventHub) -> None:
        """Hold the connection open and pass on every event (Server-Sent Events)."""
        self.send_response(200)
        self.send_header("Content-Type", "text/event-stream; charset=utf-8")
        self.send_header("Cache-Control", "no-store")
        self.end_headers()
        self.close_connection = True
        client = hub.connect()
        try:
            while True:
                try:
                    message = client.get(timeout=KEEPALIVE)
                except queue.Empty:
                    message = ": keep-alive\n\n"
                if message is None:
                    return
                self.wfile.write(message.encode("utf-8"))
                self.wfile.flush()
        except OSError:
            return  # the tab was closed
        finally:
            hub.disconnect(client)


def _content_type(path: Path) -> str:
    if path.suffix == ".js":
        return "text/javascript"
    guessed, _ = mimetypes.guess_type(path.name)
    return guessed or "application/octet-stream"
