"""The quicker inline passes step aside for anything they were not made for: other priorities, other patterns."""

from __future__ import annotations

import markdown
from markdown.extensions import Extension
from markdown.inlinepatterns import SimpleTagInlineProcessor
from markdown.treeprocessors import InlineProcessor

from citesite.markdown import EXTENSION_CONFIGS, STANDARD_EXTENSIONS
from citesite.markdown.quickinline import QuickInlineExtension


def build(*extra: Extension, quick: bool = True) -> markdown.Markdown:
    last = [QuickInlineExtension()] if quick else []
    return markdown.Markdown(extensions=[*STANDARD_EXTENSIONS, *extra, *last], extension_configs=EXTENSION_CONFIGS)


def priorities(md: markdown.Markdown) -> list[tuple[str, float]]:
    md.treeprocessors._sort()  # the registry sorts lazily
    return [(item.name, item.priority) for item in md.treeprocessors._priority]


class MovePasses(Extension):
    """Registers the stock passes again at other priorities, as another extension may."""

    def extendMarkdown(self, md: markdown.Markdown) -> None:  # noqa: N802
        md.treeprocessors.register(md.treeprocessors["inline"], "inline", 27)
        md.treeprocessors.register(md.treeprocessors["smarty"], "smarty", 3.5)


class TildeStrong(Extension):
    """Puts a pattern of another class in the stock 'em_strong' place: ~~text~~ becomes <del>."""

    def extendMarkdown(self, md: markdown.Markdown) -> None:  # noqa: N802
        md.inlinePatterns.register(SimpleTagInlineProcessor(r"(~~)(.+?)~~", "del"), "em_strong", 60)


def test_passes_keep_the_priorities_they_were_registered_with():
    md = build(MovePasses())
    assert ("inline", 27) in priorities(md)
    assert ("smarty", 3.5) in priorities(md)
    assert priorities(md) == priorities(build(MovePasses(), quick=False))


def test_a_pattern_of_another_class_under_a_stock_name_is_not_skipped():
    text = "Bone ~~mass~~ falls.\n"
    assert build(TildeStrong(), quick=False).convert(text) == "<p>Bone <del>mass</del> falls.</p>"
    assert build(TildeStrong()).convert(text) == "<p>Bone <del>mass</del> falls.</p>"


def test_the_pass_with_a_foreign_pattern_falls_back_to_the_stock_step():
    md = build(TildeStrong())
    md.convert("Text.\n")
    inline = md.treeprocessors["inline"]
    assert isinstance(inline, InlineProcessor)
    assert getattr(inline, "trigger", "missing") is None  # no shortcut for this pass
    assert md.treeprocessors["smarty"].trigger is not None  # type: ignore[attr-defined]
