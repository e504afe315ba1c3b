"""The quicker inline passes write exactly what Python-Markdown's own passes write."""

from __future__ import annotations

import sys
from pathlib import Path

import markdown
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from markdown.extensions import Extension

from citesite.errors import Problems
from citesite.markdown import EXTENSION_CONFIGS, STANDARD_EXTENSIONS, SiteIndex, create_markdown, render_markdown
from citesite.markdown.quickinline import QuickInlineExtension, QuickInlineProcessor
from citesite.source.content import FrontMatter, Source
from citesite.source.data import load_data

PROJECT = Path(__file__).resolve().parent.parent


def stock() -> markdown.Markdown:
    return markdown.Markdown(extensions=STANDARD_EXTENSIONS, extension_configs=EXTENSION_CONFIGS)


def quick(*extra: Extension) -> markdown.Markdown:
    return markdown.Markdown(
        extensions=[*STANDARD_EXTENSIONS, *extra, QuickInlineExtension()], extension_configs=EXTENSION_CONFIGS
    )


def names(md: markdown.Markdown) -> list[str]:
    md.treeprocessors._sort()  # the registry sorts lazily
    return [item.name for item in md.treeprocessors._priority]


def test_both_passes_are_replaced_in_the_same_place():
    md = quick()
    assert type(md.treeprocessors["inline"]) is QuickInlineProcessor
    assert type(md.treeprocessors["smarty"]) is QuickInlineProcessor
    assert names(md) == names(stock())


def test_the_shortcut_is_taken_for_every_pattern_the_site_registers(tmp_path):
    (tmp_path / "data").mkdir()
    index = SiteIndex({}, frozenset(), load_data(tmp_path / "data", Problems()), None, tmp_path)
    md = create_markdown(index)
    render_markdown(md, Source("a.md", "content/a.md", FrontMatter("A", "S."), "Text.\n", 5, ""), "a/")
    for name in ("inline", "smarty"):
        assert md.treeprocessors[name].trigger is not None, name


def test_every_page_of_the_site_converts_exactly_as_with_the_stock_passes():
    sources = sorted((PROJECT / "content").rglob("*.md"))
    assert len(sources) > 10
    fast, slow = quick(), stock()
    for path in sources:
        text = path.read_text(encoding="utf-8")
        assert fast.reset().convert(text) == slow.reset().convert(text), path


def test_generated_prose_converts_exactly_as_with_the_stock_passes(tmp_path):
    sys.path.insert(0, str(PROJECT / "benchmarks"))
    try:
        from corpus import generate
    finally:
        sys.path.remove(str(PROJECT / "benchmarks"))
    generate(tmp_path / "corpus", 40, seed=7)  # apostrophes, quotes, dashes, emphasis, links, citations, tables
    fast, slow = quick(), stock()
    for path in sorted((tmp_path / "corpus/content/articles").glob("*.md")):
        text = path.read_text(encoding="utf-8")
        assert fast.reset().convert(text) == slow.reset().convert(text), path


PIECES = [
    *["'", '"', "--", "---", "...", "....", "'80s", " ", "  \n", "\n", "\n\n", "word", "it's", "-", ".", "(", ")", "1"],
    *[
        "*em*",
        "**b**",
        "_u_",
        "__s__",
        "*",
        "_",
        "`code`",
        "``a`b``",
        "`",
        "\\",
        "\\'",
        '\\"',
        "\\*",
        "&amp;",
        "&",
        "&x;",
    ],
    *[
        "[a](b)",
        "[a][r]\n\n[r]: /x\n",
        "![i](x.png)",
        "[",
        "]",
        "<b>x</b>",
        "<http://x.org>",
        "<a@b.c>",
        "<",
        ">",
        "<<",
    ],
    *["- item\n", "> quote\n", "| a | b |\n|---|---|\n| 'x' | \"y\" |\n", "[^1]\n\n[^1]: 'note'\n", "# Head 'x'\n"],
    *["&nbsp;", "\u2013", "\u2014", ">>", "{{", "}}", "{: .c }", "*[HTML]: Hyper\n", "HTML", "!!! note\n    x\n"],
]


@settings(max_examples=500, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.sampled_from(PIECES), max_size=40))
def test_any_text_converts_exactly_as_with_the_stock_passes(pieces):
    text = "".join(pieces)
    assert quick().convert(text) == stock().convert(text)


def test_a_pattern_it_does_not_know_turns_the_shortcut_off():
    class AddPattern(Extension):
        def extendMarkdown(self, md):  # noqa: N802
            smarty = md.treeprocessors["smarty"]
            smarty.inlinePatterns.register(smarty.inlinePatterns["smarty-ellipses"], "smarty-other", 5)

    md = quick(AddPattern())
    md.convert("Text.")
    assert md.treeprocessors["smarty"].trigger is None
    assert md.treeprocessors["inline"].trigger is not None


@pytest.mark.parametrize("text", ["Plain words only.", "A [link](x) and *em* and 'quotes' -- dash..."])
def test_a_late_pattern_is_honoured(text):
    md = quick()
    md.inlinePatterns.register(markdown.inlinepatterns.SimpleTagInlineProcessor(r"()~~(.+?)~~", "del"), "del", 55)
    assert md.convert(text + " ~~gone~~") == stock_with_del().convert(text + " ~~gone~~")


def stock_with_del() -> markdown.Markdown:
    md = stock()
    md.inlinePatterns.register(markdown.inlinepatterns.SimpleTagInlineProcessor(r"()~~(.+?)~~", "del"), "del", 55)
    return md
