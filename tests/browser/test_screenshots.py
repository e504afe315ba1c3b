"""Screenshots of every kind of page at 320, 390 and 1280 px, light, dark and printed: test artefacts to look at.

They are written to $TEST_ARTIFACTS/screenshots/ (the GitHub workflow uploads that folder with each run), else to
citesite-test-artifacts/screenshots/ in the system's temporary folder: KIND-light-WIDTH.png and KIND-dark-WIDTH.png
show the first screen, KIND-print-794.png the whole page as printed on A4.
"""

from __future__ import annotations

import os
import struct
import tempfile
from pathlib import Path
from typing import Any

import pytest

from .conftest import MISSING_PAGE, SEARCH_QUERY_PAGE

PAGE_KINDS = {
    "home": "",
    "article": "articles/how-much-magnesium/",
    "checker": "articles/intake-checker/",
    "page": "pages/about/",
    "glossary": "pages/glossary/",
    "references": "pages/references/",
    "search": SEARCH_QUERY_PAGE,
    "not-found": MISSING_PAGE,
    "spanish-home": "es/",
    "spanish-article": "es/articles/cuanto-magnesio/",
}
SCREENS = {320: 568, 390: 844, 1280: 800}  # width: height of a small phone, a phone and a laptop
A4_WIDTH = 794  # CSS pixels: the width Chromium lays a printed A4 page out at (210 mm at 96 dpi)
SCHEMES = ("light", "dark")


def artifacts_folder() -> Path:
    """Where the screenshots go: $TEST_ARTIFACTS/screenshots, else a fixed folder in the temporary folder."""
    root = Path(os.environ.get("TEST_ARTIFACTS") or Path(tempfile.gettempdir()) / "citesite-test-artifacts")
    folder = root / "screenshots"
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def png_size(data: bytes) -> tuple[int, int]:
    """(width, height) from a PNG's header."""
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    width, height = struct.unpack(">II", data[16:24])
    return width, height


def expected_names() -> set[str]:
    """KIND-light-WIDTH, KIND-dark-WIDTH (the first screen) and KIND-print-794 (the whole printed page)."""
    screens = {f"{kind}-{scheme}-{width}.png" for kind in PAGE_KINDS for scheme in SCHEMES for width in SCREENS}
    return screens | {f"{kind}-print-{A4_WIDTH}.png" for kind in PAGE_KINDS}


@pytest.fixture(scope="module")
def screenshots(browser: Any, base_url: str) -> dict[str, bytes]:
    """Each kind of page loaded once per colour scheme, photographed at each width; the light one printed too."""
    folder = artifacts_folder()
    taken: dict[str, bytes] = {}
    for scheme in SCHEMES:
        context = browser.new_context(viewport={"width": 1280, "height": 800}, color_scheme=scheme)
        tab = context.new_page()
        for kind, path in PAGE_KINDS.items():
            tab.emulate_media(media="screen")
            tab.goto(base_url + path, wait_until="load")
            if path == SEARCH_QUERY_PAGE:
                tab.wait_for_selector("#search-results li", state="attached")
            for width, height in SCREENS.items():
                tab.set_viewport_size({"width": width, "height": height})
                name = f"{kind}-{scheme}-{width}.png"
                taken[name] = tab.screenshot(path=str(folder / name))
            if scheme == "light":
                tab.set_viewport_size({"width": A4_WIDTH, "height": 1123})
                tab.emulate_media(media="print")
                name = f"{kind}-print-{A4_WIDTH}.png"
                taken[name] = tab.screenshot(path=str(folder / name), full_page=True)
        context.close()
    return taken


def test_every_kind_of_page_is_photographed_at_each_width_light_dark_and_printed(
    screenshots: dict[str, bytes],
) -> None:
    assert set(screenshots) == expected_names()
    folder = artifacts_folder()
    for name, data in screenshots.items():
        width = int(name.rsplit("-", 1)[1].removesuffix(".png"))
        shown = png_size(data)
        assert shown[0] == width, name  # nothing wider than the screen or the paper
        assert shown[1] >= SCREENS.get(width, 1123), name
        assert (folder / name).read_bytes() == data


def test_a_dark_screenshot_is_dark_and_a_printed_one_light(screenshots: dict[str, bytes], browser: Any) -> None:
    # A page's first pixels are its header's background: compare what the two modes drew there.
    dark = _top_left_colour(browser, screenshots["article-dark-390.png"])
    light = _top_left_colour(browser, screenshots[f"article-print-{A4_WIDTH}.png"])
    assert sum(dark) < 200 < sum(light), (dark, light)


def _top_left_colour(browser: Any, png: bytes) -> tuple[int, int, int]:
    """The colour of a PNG's pixel (2, 2), read by Chromium (no image library is needed)."""
    import base64

    context = browser.new_context()
    tab = context.new_page()
    data = base64.b64encode(png).decode("ascii")
    colour = tab.evaluate(
        """async data => {
            const image = new Image();
            image.src = 'data:image/png;base64,' + data;
            await image.decode();
            const canvas = document.createElement('canvas');
            canvas.width = 4; canvas.height = 4;
            const context = canvas.getContext('2d');
            context.drawImage(image, 0, 0);
            return Array.from(context.getImageData(2, 2, 1, 1).data.slice(0, 3));
        }""",
        data,
    )
    context.close()
    return colour[0], colour[1], colour[2]
