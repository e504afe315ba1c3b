"""The quicker smarty pass writes exactly what stock smarty writes."""

from __future__ import annotations

from pathlib import Path

import markdown
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from markdown.extensions import Extension
from markdown.treeprocessors import InlineProcessor

from sitegen.mdext import EXTENSION_CONFIGS, STANDARD_EXTENSIONS, standard_extensions
from sitegen.mdext.smarty import QuickInlineProcessor, QuickSmartyExtension

PROJECT = Path(__file__).resolve().parent.parent


def stock() -> markdown.Markdown:
    return markdown.Markdown(extensions=STANDARD_EXTENSIONS, extension_configs=EXTENSION_CONFIGS)


def quick(*extra: Extension) -> markdown.Markdown:
    return markdown.Markdown(extensions=[*standard_extensions(), *extra, QuickSmartyExtension()])


def names(md: markdown.Markdown) -> list[str]:
    md.treeprocessors._sort()  # the registry sorts lazily
    return [item.name for item in md.treeprocessors._priority]


def test_the_quick_pass_replaces_smartys_own_in_the_same_place():
    md = quick()
    assert type(md.treeprocessors["smarty"]) is QuickInlineProcessor
    assert names(md) == names(stock())


def test_every_page_of_the_site_converts_exactly_as_with_stock_smarty():
    sources = sorted((PROJECT / "content").rglob("*.md"))
    assert len(sources) > 10
    fast, slow = quick(), stock()
    for path in sources:
        text = path.read_text(encoding="utf-8")
        assert fast.reset().convert(text) == slow.reset().convert(text), path


PIECES = [
    "'",
    '"',
    "--",
    "---",
    "...",
    "....",
    "'80s",
    " ",
    "\n\n",
    "word",
    "it's",
    "*em*",
    "`code`",
    "[a](b)",
    "&amp;",
    "<b>x</b>",
    "\\'",
    '\\"',
    "-",
    ".",
    "(",
    ")",
    "1",
    "- item\n",
    "> quote\n",
    "| a | b |\n|---|---|\n| 'x' | \"y\" |\n",
    "[^1]\n\n[^1]: 'note'\n",
    "# Head 'x'\n",
    "&nbsp;",
    "–",
    "—",
    "<<",
    ">>",
]


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.sampled_from(PIECES), max_size=40))
def test_any_text_converts_exactly_as_with_stock_smarty(pieces):
    text = "".join(pieces)
    assert quick().convert(text) == stock().convert(text)


def test_smarty_with_a_pattern_it_does_not_know_keeps_its_own_pass():
    class AddPattern(Extension):
        def extendMarkdown(self, md):  # noqa: N802
            smarty = md.treeprocessors["smarty"]
            smarty.inlinePatterns.register(smarty.inlinePatterns["smarty-ellipses"], "smarty-other", 5)

    md = quick(AddPattern())
    assert type(md.treeprocessors["smarty"]) is InlineProcessor
