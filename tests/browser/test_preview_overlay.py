"""The preview in a real browser: warnings in a panel under the reloaded page, errors over the last good one."""

from __future__ import annotations

import io
import time
from pathlib import Path
from typing import Any

from conftest import article

from citesite.serve import Server

DOT = '<svg xmlns="http://www.w3.org/2000/svg" width="1" height="1"></svg>\n'
PANEL = """() => {
  const panel = document.getElementById('citesite-overlay');
  const main = document.body.innerText;
  if (!panel) { return {panel: null, main}; }
  const style = getComputedStyle(panel);
  return {panel: panel.getAttribute('role'), title: panel.querySelector('h2').textContent,
          items: Array.from(panel.querySelectorAll('li'), li => li.textContent),
          top: style.top, bottom: style.bottom, main};
}"""


def poll(page: Any, wanted: Any, timeout: float = 15.0) -> dict[str, Any]:
    """The panel's state once wanted(state) holds (evaluate, not wait_for_function: the CSP has no eval)."""
    deadline, state = time.monotonic() + timeout, None
    while time.monotonic() < deadline:
        try:
            state = page.evaluate(PANEL)
        except Exception:  # noqa: BLE001 (the page is reloading: its context went away)
            state = None
        if state is not None and wanted(state):
            return state
        time.sleep(0.05)
    raise AssertionError(f"not reached in {timeout} s; last state: {state}")


def test_warnings_show_under_the_new_page_and_errors_over_the_last_good_one(browser, make_site, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1795000000")
    root: Path = make_site({"content/articles/first.md": article("First", "Old text.\n"), "static/img/dot.svg": DOT})
    source = root / "content/articles/first.md"
    app = Server(root, port=0, out=io.StringIO(), err=io.StringIO(), search=False)
    app.start()
    page = browser.new_page()
    try:
        page.goto(app.url + "articles/first/")
        assert poll(page, lambda s: "Old text." in s["main"])["panel"] is None

        source.write_text(article("First", "New text.\n\n![](../../img/dot.svg)\n"), encoding="utf-8")
        state = poll(page, lambda s: s["panel"] is not None)
        assert "New text." in state["main"]  # reloaded: the warning does not hold the page back
        assert (state["panel"], state["title"], state["bottom"]) == ("status", "Built with 1 warning", "0px")
        assert state["items"] == [
            "content/articles/first.md:8: warning: image '../../img/dot.svg' has no alt text;"
            " describe it in ![…](../../img/dot.svg)"
        ]

        source.write_text(article("First", "Broken [@nope].\n"), encoding="utf-8")
        state = poll(page, lambda s: s["panel"] == "alert")
        assert (state["title"], state["top"]) == ("The site could not be rebuilt: 1 problem", "0px")
        assert "New text." in state["main"] and "Broken" not in state["main"]  # the last good page stays

        source.write_text(article("First", "Fixed text.\n"), encoding="utf-8")
        state = poll(page, lambda s: "Fixed text." in s["main"])
        assert poll(page, lambda s: s["panel"] is None)["panel"] is None
    finally:
        page.close()
        app.stop()
