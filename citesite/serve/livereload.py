"""Live reload for `build.py serve`: the browser script, its error overlay, and the event channel to open tabs."""

from __future__ import annotations

import json
import queue
import threading
from collections.abc import Sequence

from citesite.errors import SiteError

RELOAD_URL = "/__citesite/reload.js"
EVENTS_URL = "/__citesite/events"
STATUS_URL = "/__citesite/status"
OVERLAY_URL = "/__citesite/overlay.css"
RETRY_MS = 1000  # how soon a tab reconnects after the server restarts

# Served by the server itself, never written into the site. Same origin, so the pages' CSP
# (script-src 'self'; connect-src from default-src 'self'; style-src 'self') allows all of it.
# Error text is only ever set with textContent.
RELOAD_JS = """\
// Live reload for `build.py serve`: reload after each rebuild; show build errors over the page, and
// warnings in a smaller panel at the bottom that leaves the new page in view.
(function () {
  "use strict";
  var KEY = "citesite-build";
  var ID = "citesite-overlay";

  function remember(build) {
    try { sessionStorage.setItem(KEY, String(build)); } catch (e) { /* storage disabled */ }
  }
  function remembered() {
    try { return sessionStorage.getItem(KEY); } catch (e) { return null; }
  }
  function make(tag, text) {
    var node = document.createElement(tag);
    if (text) { node.textContent = text; }
    return node;
  }
  function hide() {
    var old = document.getElementById(ID);
    if (old) { old.parentNode.removeChild(old); }
  }
  function show(errors) {
    panel(errors, "alert", "The site could not be rebuilt: " + count(errors, "problem"),
      "You are looking at the last good version. Fix these and save; the page reloads by itself.");
  }
  function warn(warnings) {
    var open = document.getElementById(ID);
    if (open && open.getAttribute("role") === "alert") { return; }  // errors stay in view
    if (!warnings.length) { hide(); return; }
    panel(warnings, "status", "Built with " + count(warnings, "warning"),
      "This page is up to date. A strict build (check, CI) fails until these are fixed.");
  }
  function count(items, word) {
    return items.length === 1 ? "1 " + word : items.length + " " + word + "s";
  }
  function panel(lines, role, heading, note) {
    hide();
    var box = make("section");
    box.id = ID;
    if (role === "status") { box.className = "citesite-warnings"; }
    box.setAttribute("role", role);
    box.setAttribute("aria-labelledby", ID + "-title");
    var title = make("h2", heading);
    title.id = ID + "-title";
    box.appendChild(title);
    box.appendChild(make("p", note));
    var list = make("ul");
    lines.forEach(function (text) { list.appendChild(make("li", text)); });
    box.appendChild(list);
    var close = make("button", "Hide");
    close.type = "button";
    close.addEventListener("click", hide);
    box.appendChild(close);
    document.body.appendChild(box);
  }

  // The events start once the panel's stylesheet is in (or failed), so a panel never shows unstyled.
  var css = document.createElement("link");
  css.rel = "stylesheet";
  css.href = "/__citesite/overlay.css";
  css.addEventListener("load", listen, {once: true});
  css.addEventListener("error", listen, {once: true});
  document.head.appendChild(css);

  function listen() {
    var events = new EventSource("/__citesite/events");
    events.addEventListener("hello", function (event) {
      var state = JSON.parse(event.data);
      var seen = remembered();
      remember(state.build);
      if (state.ok && seen !== null && seen !== String(state.build)) {
        location.reload();  // a rebuild finished while this page was loading
      } else if (!state.ok) {
        show(state.errors);
      } else {
        warn(state.warnings);
      }
    });
    events.addEventListener("reload", function (event) {
      remember(JSON.parse(event.data).build);
      location.reload();
    });
    events.addEventListener("errors", function (event) {
      show(JSON.parse(event.data).errors);
    });
    events.addEventListener("warnings", function (event) {
      warn(JSON.parse(event.data).warnings);
    });
  }
})();
"""

OVERLAY_CSS = """\
#citesite-overlay {
  position: fixed; top: 0; left: 0; right: 0; z-index: 2147483647;
  max-height: 70vh; overflow: auto; box-sizing: border-box; margin: 0; padding: 1rem 1.25rem;
  background: #fff4f4; color: #1b1b1b; border-bottom: 4px solid #b00020;
  box-shadow: 0 4px 16px rgba(0, 0, 0, 0.3); font: 16px/1.45 system-ui, sans-serif; text-align: left;
}
#citesite-overlay h2 { margin: 0 0 0.5rem; font-size: 1.15rem; color: #8c001a; }
#citesite-overlay p { margin: 0 0 0.5rem; }
#citesite-overlay ul { margin: 0 0 0.75rem; padding-left: 1.25rem; }
#citesite-overlay li {
  margin: 0.25rem 0; font: 14px/1.4 ui-monospace, SFMono-Regular, Menlo, Consolas, monospace;
  white-space: pre-wrap; overflow-wrap: anywhere;
}
#citesite-overlay button { font: inherit; padding: 0.25rem 0.9rem; cursor: pointer; }
#citesite-overlay.citesite-warnings {
  top: auto; bottom: 0; max-height: 35vh; padding: 0.6rem 1.25rem;
  background: #fffbe6; border-bottom: 0; border-top: 4px solid #8a6100;
}
#citesite-overlay.citesite-warnings h2 { color: #5c4100; font-size: 1rem; }
@media (prefers-color-scheme: dark) {
  #citesite-overlay { background: #2b1114; color: #f3f3f3; border-bottom-color: #ff6b7d; }
  #citesite-overlay h2 { color: #ff9aa6; }
  #citesite-overlay.citesite-warnings { background: #2b2410; border-top-color: #f0c000; }
  #citesite-overlay.citesite-warnings h2 { color: #ffd75e; }
}
"""


def describe_problem(problem: SiteError) -> str:
    """'path:line: level: message', as the terminal shows it."""
    where = f"{problem.location}: " if problem.location else ""
    return f"{where}{problem.level}: {problem.message}"


def format_event(name: str, data: object) -> str:
    """One Server-Sent Event (JSON has no raw newlines, so data fits on one line)."""
    return f"event: {name}\ndata: {json.dumps(data)}\n\n"


class EventHub:
    """Every open tab's event queue, and the outcome of the last build."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._clients: set[queue.Queue[str | None]] = set()
        self.build = 0  # how many builds have succeeded: a tab that saw another number is out of date
        self.errors: list[str] = []
        self.warnings: list[str] = []  # of the last good build: shown without blocking the page

    def status(self) -> dict[str, object]:
        """The last build's outcome, as the browser script reads it."""
        return {
            "build": self.build,
            "ok": not self.errors,
            "errors": list(self.errors),
            "warnings": list(self.warnings),
        }

    def connect(self) -> queue.Queue[str | None]:
        """A new tab's queue, starting with a 'hello' that carries the current status."""
        client: queue.Queue[str | None] = queue.Queue()
        with self._lock:
            client.put(f"retry: {RETRY_MS}\n\n" + format_event("hello", self.status()))
            self._clients.add(client)
        return client

    def disconnect(self, client: queue.Queue[str | None]) -> None:
        """Forget a tab that went away."""
        with self._lock:
            self._clients.discard(client)

    @property
    def clients(self) -> int:
        """How many tabs are listening."""
        with self._lock:
            return len(self._clients)

    def publish_reload(self) -> None:
        """A build succeeded: every tab reloads."""
        with self._lock:
            self.build += 1
            self.errors, self.warnings = [], []  # until publish_warnings says which the new build has
            self._send(format_event("reload", self.status()))

    def publish_warnings(self, warnings: Sequence[str]) -> None:
        """A build succeeded with these warnings: every tab lists them under the page (none: the list goes)."""
        with self._lock:
            if not warnings and not self.warnings:
                return  # nothing was shown, nothing to say
            self.warnings = list(warnings)
            self._send(format_event("warnings", self.status()))

    def publish_errors(self, errors: Sequence[str]) -> None:
        """A build failed: every tab shows the errors over the last good page."""
        with self._lock:
            self.errors = list(errors)
            self._send(format_event("errors", self.status()))

    def close(self) -> None:
        """End every tab's stream (the server is stopping)."""
        with self._lock:
            self._send(None)
            self._clients.clear()

    def _send(self, message: str | None) -> None:
        for client in self._clients:
            client.put(message)
