"""`build.py serve`: build into a private folder, serve it, rebuild on every save and reload the open tabs."""

from __future__ import annotations

import contextlib
import os
import signal
import sys
import threading
import time
import traceback
import webbrowser
from collections.abc import Collection, Iterator
from pathlib import Path
from types import FrameType
from typing import TextIO

from citesite.build import build
from citesite.errors import SiteErrors, UsageError, escape_controls, program_name
from citesite.options import BuildOptions, print_problems
from citesite.serve.http import PreviewHTTPServer, bind_server
from citesite.serve.livereload import RELOAD_URL, EventHub, describe_problem
from citesite.serve.search import SearchIndexer
from citesite.serve.watch import DEBOUNCE, Watcher

SERVE_OUT = Path(".cache") / "serve" / "site"  # never _site: a preview must not replace the real output
SERVE_SEARCH = Path(".cache") / "serve" / "search"  # the preview's search index, published at /pagefind/
WATCHED = ("content", "templates", "static")


class Server:
    """The preview server: one build folder, an HTTP server, a watcher and the live-reload channel."""

    def __init__(
        self,
        root: Path,
        *,
        host: str = "127.0.0.1",
        port: int = 8000,
        drafts: bool = False,
        strict: bool = False,
        search: bool = True,
        debounce: float = DEBOUNCE,
        polling: bool = False,
        debug: bool = False,
        out: TextIO | None = None,
        err: TextIO | None = None,
    ) -> None:
        self.root = root.resolve()
        self.site_dir = self.root / SERVE_OUT
        self.host, self.port = host, port
        self.drafts, self.strict, self.search, self.debug = drafts, strict, search, debug
        self.out, self.err = out or sys.stdout, err or sys.stderr
        self.indexer = SearchIndexer(self.site_dir, self.root / SERVE_SEARCH, self.err) if search else None
        self.hub = EventHub()
        self.rebuilds = 0  # builds started by the watcher
        self.watcher = Watcher(
            [self.root / name for name in WATCHED],
            self.rebuild,
            debounce=debounce,
            polling=polling,
            on_problem=self._watch_problem,
        )
        self._httpd: PreviewHTTPServer | None = None
        self._http_thread: threading.Thread | None = None
        self._build_lock = threading.Lock()
        self._stopped = threading.Event()

    @property
    def url(self) -> str:
        """The address of the home page."""
        host = "127.0.0.1" if self.host in ("", "0.0.0.0", "::") else self.host
        return f"http://[{host}]:{self.port}/" if ":" in host else f"http://{host}:{self.port}/"

    def start(self) -> None:
        """Listen, build once (a failed build still serves), then serve and watch in background threads."""
        self._httpd = bind_server(self.host, self.port, self.site_dir, self.root / SERVE_SEARCH, self.hub, self.err)
        self.port = self._httpd.server_address[1]
        self.watcher.start()
        self.build_site(None)
        self._http_thread = threading.Thread(
            target=self._httpd.serve_forever, args=(0.1,), name="citesite-http", daemon=True
        )
        self._http_thread.start()

    def wait(self) -> None:
        """Block until stop() (or Ctrl-C in the main thread)."""
        while not self._stopped.wait(0.5):
            pass

    def stop(self) -> None:
        """Stop watching and serving; the last build stays in the serve folder."""
        self._stopped.set()
        self.watcher.stop()
        if self.indexer is not None:
            self.indexer.stop()
        self.hub.close()
        if self._httpd is not None:
            if self._http_thread is not None:
                self._httpd.shutdown()  # waits for serve_forever, so only once it runs
                self._http_thread = None
            self._httpd.server_close()
            self._httpd = None

    def rebuild(self, changed: Collection[Path]) -> None:
        """Rebuild after a burst of changes (the watcher calls this)."""
        if not self._stopped.is_set():
            self.rebuilds += 1
            self.build_site(changed)

    def build_site(self, changed: Collection[Path] | None) -> bool:
        """Build into the serve folder; tell the tabs to reload, or show them what is wrong."""
        options = BuildOptions(
            out=self.site_dir,
            drafts=self.drafts,
            strict=self.strict,
            base_url=self.url,  # the 404 page links from the site root, which is here
            live_reload=RELOAD_URL,
            search=False,  # indexed in the background once the tabs have reloaded (self.indexer)
            on_pages_written=self.hub.publish_reload,
        )
        with self._build_lock:
            if self.indexer is not None:
                self.indexer.stop()  # Pagefind must not read pages while they are replaced; it starts again after
            started = time.perf_counter()
            try:
                report = build(self.root, options)
            except SiteErrors as exc:
                print_problems(exc.errors, self.err, strict=self.strict)
                self.hub.publish_errors([describe_problem(e) for e in exc.errors])
                return False
            except UsageError as exc:
                self._fail(str(exc), f"{program_name()}: error: {exc}")
                return False
            except Exception as exc:  # noqa: BLE001 (the server keeps running; the editor sees one line)
                if self.debug:
                    traceback.print_exc(file=self.err)
                reason = f"internal error: {type(exc).__name__}: {exc}"
                self._fail(reason, f"{program_name()}: {reason} (run with --debug for details)")
                return False
            seconds = time.perf_counter() - started
        print_problems(report.warnings, self.err)
        if changed is None:
            print(report.summary(), file=self.out, flush=True)
        else:
            files = f"{len(changed)} file" + ("" if len(changed) == 1 else "s")
            print(f"Rebuilt in {seconds:.2f} s ({files} changed)", file=self.out, flush=True)
        if report.unchanged:
            self.hub.publish_reload()  # nothing was written, but the tabs may be showing an error overlay
        # Shown over the new page without hiding it (a --strict server has made them errors already).
        self.hub.publish_warnings([describe_problem(w) for w in report.warnings])
        if self.indexer is not None and (not report.unchanged or self.indexer.runs == 0):
            self.indexer.restart()
        return True

    def _watch_problem(self, message: str) -> None:
        print(f"{program_name()}: warning: {message}", file=self.err, flush=True)

    def _fail(self, message: str, line: str) -> None:
        # Not a SiteError (which escapes its own text): escape here, for the terminal and the overlay alike.
        print(escape_controls(line), file=self.err, flush=True)
        self.hub.publish_errors([escape_controls(message)])


def serve(
    root: Path,
    host: str,
    port: int,
    *,
    open_browser: bool = False,
    drafts: bool = False,
    strict: bool = False,
    search: bool = True,
    debug: bool = False,
) -> int:
    """Run the preview server until Ctrl-C; return the exit code."""
    server = Server(root, host=host, port=port, drafts=drafts, strict=strict, search=search, debug=debug)
    with _signal_handlers():
        try:
            server.start()
            print(f"Serving {server.url} (Ctrl-C to stop)", flush=True)
            if host not in ("127.0.0.1", "localhost", "::1"):
                print(f"warning: listening on {host}: other computers on the network can see it", file=sys.stderr)
            if open_browser:
                threading.Thread(target=webbrowser.open, args=(server.url,), daemon=True).start()
            server.wait()
        except KeyboardInterrupt:
            pass
        finally:
            _ignore_interrupts()  # a second Ctrl-C must not break the shutdown
            server.stop()
    print("stopped", flush=True)
    return 0


@contextlib.contextmanager
def _signal_handlers() -> Iterator[None]:
    """SIGTERM stops the server like Ctrl-C; both handlers are restored afterwards (main thread only)."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    saved = {signum: signal.getsignal(signum) for signum in (signal.SIGINT, signal.SIGTERM)}
    owner = os.getpid()

    def interrupt(signum: int, frame: FrameType | None) -> None:
        if os.getpid() != owner:  # a worker forked for parallel page building inherited this handler
            signal.signal(signum, signal.SIG_DFL)
            os.kill(os.getpid(), signum)
            return
        raise KeyboardInterrupt

    signal.signal(signal.SIGTERM, interrupt)
    try:
        yield
    finally:
        for signum, handler in saved.items():
            signal.signal(signum, handler)


def _ignore_interrupts() -> None:
    if threading.current_thread() is threading.main_thread():
        signal.signal(signal.SIGINT, signal.SIG_IGN)
        signal.signal(signal.SIGTERM, signal.SIG_IGN)
