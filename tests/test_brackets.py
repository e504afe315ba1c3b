"""The quick bracket search writes exactly what Python-Markdown's own link patterns write."""

from __future__ import annotations

import sys
from pathlib import Path

import markdown
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from markdown.inlinepatterns import LinkInlineProcessor

from citesite.markdown import EXTENSION_CONFIGS, STANDARD_EXTENSIONS
from citesite.markdown.brackets import QUICK_PATTERNS, QuickBracketExtension
from citesite.markdown.quickinline import QuickInlineExtension

PROJECT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"
# The quick search replaces Python-Markdown's bracket scan where that scan exists (3.11.4 and later); on an earlier
# release in the bounds the extension leaves the stock patterns alone, and the tests of the replacement skip.
HAS_SCAN = hasattr(LinkInlineProcessor, "_findBracketEnds")
needs_scan = pytest.mark.skipif(
    not HAS_SCAN,
    reason=f"Python-Markdown {markdown.__version__} has no bracket scan to replace (3.11.4 has it): "
    "pip install -U markdown to test the quick search",
)


def stock() -> markdown.Markdown:
    return markdown.Markdown(extensions=STANDARD_EXTENSIONS, extension_configs=EXTENSION_CONFIGS)


def quick() -> markdown.Markdown:
    """The stock extensions with the quick brackets, and the quick inline passes the site runs them in."""
    return markdown.Markdown(
        extensions=[*STANDARD_EXTENSIONS, QuickBracketExtension(), QuickInlineExtension()],
        extension_configs=EXTENSION_CONFIGS,
    )


def priorities(md: markdown.Markdown) -> list[tuple[str, float]]:
    md.inlinePatterns._sort()  # the registry sorts lazily
    return [(item.name, item.priority) for item in md.inlinePatterns._priority]


def assert_same(texts: list[str]) -> None:
    fast, slow = quick(), stock()
    for text in texts:
        assert fast.reset().convert(text) == slow.reset().convert(text), text[:200]


@pytest.mark.skipif(HAS_SCAN, reason="this Python-Markdown has the bracket scan, which the quick search replaces")
def test_without_the_bracket_scan_the_stock_patterns_stay():
    md = quick()
    assert [type(md.inlinePatterns[name]) for name in QUICK_PATTERNS] == [stock for stock, _ in QUICK_PATTERNS.values()]
    assert priorities(md) == priorities(stock())


@needs_scan
def test_each_link_pattern_is_replaced_under_its_name_and_priority():
    md = quick()
    for name, (_, replacement) in QUICK_PATTERNS.items():
        assert type(md.inlinePatterns[name]) is replacement, name
    assert priorities(md) == priorities(stock())


@needs_scan
def test_a_pattern_of_another_class_under_a_link_name_is_left_alone():
    class OwnLink(LinkInlineProcessor):
        pass

    class Register(markdown.extensions.Extension):
        def extendMarkdown(self, md):  # noqa: N802
            md.inlinePatterns.register(OwnLink(markdown.inlinepatterns.LINK_RE, md), "link", 160)

    md = markdown.Markdown(extensions=[Register(), QuickBracketExtension()])
    assert type(md.inlinePatterns["link"]) is OwnLink
    assert type(md.inlinePatterns["image_link"]) is QUICK_PATTERNS["image_link"][1]


@needs_scan
def test_plain_links_never_run_the_stock_scan(monkeypatch):
    calls = []
    scan = LinkInlineProcessor._findBracketEnds
    monkeypatch.setattr(
        LinkInlineProcessor, "_findBracketEnds", staticmethod(lambda data: calls.append(1) or scan(data))
    )
    text = "A [link](a.html), ![an image](i.png), a [reference][r], [r] and [unclosed.\n\n[r]: /x\n"
    fast = quick().convert(text)
    assert calls == []
    assert fast == stock().convert(text)
    assert calls  # the stock patterns do scan it


@needs_scan
def test_nested_brackets_fall_back_to_the_stock_scan(monkeypatch):
    calls = []
    scan = LinkInlineProcessor._findBracketEnds
    monkeypatch.setattr(
        LinkInlineProcessor, "_findBracketEnds", staticmethod(lambda data: calls.append(1) or scan(data))
    )
    text = "A [link [with] brackets](a.html) and [x]."
    fast = quick().convert(text)
    assert len(calls) == 2  # 'reference' and 'link' each scan the paragraph once, as the stock ones do
    assert fast == stock().convert(text)


def test_every_page_of_the_site_converts_exactly_as_with_the_stock_patterns():
    sources = sorted((PROJECT / "content").rglob("*.md"))
    assert len(sources) > 10
    assert_same([path.read_text(encoding="utf-8") for path in sources])


def test_the_documentation_corpus_converts_exactly_as_with_the_stock_patterns():
    sources = sorted(FIXTURES.rglob("*.md"))
    assert len(sources) > 5
    assert_same([path.read_text(encoding="utf-8") for path in sources])


def test_generated_prose_converts_exactly_as_with_the_stock_patterns(tmp_path):
    sys.path.insert(0, str(PROJECT / "benchmarks"))
    try:
        from corpus import generate
    finally:
        sys.path.remove(str(PROJECT / "benchmarks"))
    generate(tmp_path / "corpus", 40, seed=11)  # links to other articles, citations, footnotes, tables
    sources = sorted((tmp_path / "corpus/content/articles").glob("*.md"))
    assert len(sources) == 40
    assert_same([path.read_text(encoding="utf-8") for path in sources])


@pytest.mark.parametrize(
    "text",
    [
        "[" * 20_000,
        "[" * 20_000 + "]",
        "]" * 20_000,
        "[](x) " * 500,  # the stock patterns scan the paragraph again after each link: quadratic
        "[" * 5_000 + "a](b)" + "]" * 5_000,
        "[a [b [c [d] c] b] a](x) and [[x]](y) and [a]b](c) and [a\\]b](c) and [a\\[b](c)",
        "\\[not a link](x) and [a link\\](x) and [`]`](x) and [`[`](x) and [<b>]</b>](x)",
        "![an [image] in](i.png) [![image in a link](i.png)](x) [a ![nested [image]](i.png) link](x)",
        "[a][r] [b] [c][] [[r]] [r][[r]] ![r] ![d][r] ![e][]\n\n[r]: /x 'T'\n[b]: /b\n[c]: /c\n",
        "[^1] and [^1]]] and [[^1]\n\n[^1]: note [with](x) [brackets]\n",
        "[a\nb](x) [multi\n[line]\n](y) [\n\n](z)",
        "*[ab]* _[a]_ **[[a]b]** `[`](x)",
    ],
    ids=lambda text: repr(text[:24]),
)
def test_pathological_brackets_convert_exactly_as_with_the_stock_patterns(text):
    assert_same([text])


PIECES = [
    "[",
    "]",
    "![",
    "(",
    ")",
    "(x)",
    "[r]",
    "[]",
    "\\[",
    "\\]",
    "`",
    "a",
    " ",
    "\n",
    "\n\n",
    "<b>",
    "</b>",
    "*",
    "^",
]
DEFINITIONS = "\n\n[r]: /r\n[a]: /a 'Title'\n"


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.sampled_from(PIECES), max_size=50))
def test_any_brackets_convert_exactly_as_with_the_stock_patterns(pieces):
    text = "".join(pieces) + DEFINITIONS
    assert quick().convert(text) == stock().convert(text)
