"""Python-Markdown extensions that misbehave on purpose, so the build's guards are tested whatever Markdown does.

A test site carries this file as a module of its own, site_misbehaving (AS_SITE_FILE; a name no installed module has) and names an extension in content/site.yaml
('markdown: extensions'), as any site names its own; each acts only on a page with its marker line, so the other
pages of the same build convert normally.
"""

from __future__ import annotations

import time
from pathlib import Path

from markdown import Markdown
from markdown.extensions import Extension
from markdown.preprocessors import Preprocessor

# The files a test site adds to carry these extensions: this module, beside the site's content/ folder.
AS_SITE_FILE = {"site_misbehaving.py": Path(__file__).read_text(encoding="utf-8")}
SLOW_MARKER = "This paragraph converts slowly on purpose."
DEEP_MARKER = "This paragraph nests too deeply on purpose."
GIVE_UP_SECONDS = 120  # a guard that never fires fails the test (the page builds) instead of hanging it


class SlowPreprocessor(Preprocessor):
    """Takes GIVE_UP_SECONDS on a page with SLOW_MARKER, in short sleeps (an interruption lands between them)."""

    def run(self, lines: list[str]) -> list[str]:
        if SLOW_MARKER in lines:
            deadline = time.monotonic() + GIVE_UP_SECONDS
            while time.monotonic() < deadline:
                time.sleep(0.01)
        return lines


class DeepPreprocessor(Preprocessor):
    """Recurses without end on a page with DEEP_MARKER, as Python-Markdown does on deeply nested blocks."""

    def run(self, lines: list[str]) -> list[str]:
        if DEEP_MARKER in lines:
            descend(0)
        return lines


def descend(depth: int) -> int:
    """Call itself until the interpreter's recursion limit is reached."""
    return descend(depth + 1) + 1


class SlowExtension(Extension):
    """A page with SLOW_MARKER converts far past any time limit a test sets."""

    def extendMarkdown(self, md: Markdown) -> None:  # noqa: N802 (Python-Markdown's name)
        md.preprocessors.register(SlowPreprocessor(md), "test-slow", 1)


class DeepExtension(Extension):
    """Converting a page with DEEP_MARKER overflows the stack."""

    def extendMarkdown(self, md: Markdown) -> None:  # noqa: N802 (Python-Markdown's name)
        md.preprocessors.register(DeepPreprocessor(md), "test-deep", 1)
