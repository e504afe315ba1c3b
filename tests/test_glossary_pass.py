"""The glossary marker's one pass per page marks exactly what searching text by text with the plain alternation marks."""

from __future__ import annotations

import re
import sys
from functools import cache
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from citesite.errors import Problems
from citesite.markdown import SiteIndex, create_markdown, render_markdown
from citesite.markdown.glossary import GlossaryTreeprocessor
from citesite.markdown.state import SiteMarkdown
from citesite.markdown.wordtrie import names_pattern
from citesite.source.content import FrontMatter, Source
from citesite.source.data import load_data

PROJECT = Path(__file__).resolve().parent.parent
DATA = load_data(PROJECT / "content/data", Problems())


@cache
def converter(one_pass: bool, data_dir: Path | None = None) -> SiteMarkdown:
    data = DATA if data_dir is None else load_data(data_dir, Problems())
    index = SiteIndex({}, frozenset(), data, "glossary/", PROJECT / "content/figures")
    md = create_markdown(index)
    marker = md.treeprocessors["citesite-glossary"]
    assert isinstance(marker, GlossaryTreeprocessor)
    if not one_pass:  # the marker as it was: each text in turn, the names as one plain alternation
        names = sorted(marker.by_name, key=len, reverse=True)
        marker.pattern = re.compile(r"(?<!\w)(" + "|".join(re.escape(n) for n in names) + r")(?!\w)", re.IGNORECASE)
        marker.one_pass = False
    return md


def html(md: SiteMarkdown, body: str) -> str:
    return render_markdown(md, Source("a.md", "content/a.md", FrontMatter("A", "S."), body, 5, ""), "a/").html


def assert_same(bodies: list[str], data_dir: Path | None = None) -> None:
    fast, slow = converter(True, data_dir), converter(False, data_dir)
    for body in bodies:
        assert html(fast, body) == html(slow, body), body[:200]


def bodies(folder: Path) -> list[str]:
    return [path.read_text(encoding="utf-8").split("\n---\n", 1)[-1] for path in sorted(folder.rglob("*.md"))]


def test_every_page_of_the_site_is_marked_exactly_as_text_by_text():
    found = bodies(PROJECT / "content")
    assert len(found) > 10
    assert converter(True).treeprocessors["citesite-glossary"].one_pass
    marked = html(converter(True), found[0] + "\n\nMagnesium, calcium and bone.\n")
    assert 'class="term"' in marked  # the pages do hold terms: the comparison is not of unmarked pages
    assert_same(found)


def test_the_documentation_corpus_is_marked_exactly_as_text_by_text():
    found = bodies(Path(__file__).parent / "fixtures")
    assert len(found) > 5
    assert_same(found)


def test_generated_prose_is_marked_exactly_as_text_by_text(tmp_path):
    sys.path.insert(0, str(PROJECT / "benchmarks"))
    try:
        from corpus import generate
    finally:
        sys.path.remove(str(PROJECT / "benchmarks"))
    generate(tmp_path / "corpus", 30, seed=5)
    assert_same(bodies(tmp_path / "corpus/content/articles"))


def test_the_trie_finds_what_the_alternation_finds_longest_first():
    names = ["bone", "bone mineral density", "bone remodelling", "bones", "b", "vitamin d", "vitamin"]
    plain = re.compile(r"(?<!\w)(" + "|".join(sorted(names, key=len, reverse=True)) + r")(?!\w)", re.IGNORECASE)
    text = "Bone, bones, BONE MINERAL DENSITY, bone mineral densityx, bone remodel, b, Vitamin D3, vitamin d."
    expected = [m.group(1) for m in plain.finditer(text)]
    assert [m.group(1) for m in names_pattern(names).finditer(text)] == expected
    assert expected == ["Bone", "bones", "BONE MINERAL DENSITY", "bone", "bone", "b", "Vitamin", "vitamin d"]


def test_a_name_that_ends_in_punctuation_is_searched_text_by_text(tmp_path):
    (tmp_path / "glossary.yaml").write_text(
        "- term: PTH (hormone)\n  definition: A hormone.\n- term: hormone\n  definition: A messenger.\n",
        encoding="utf-8",
    )
    fast = converter(True, tmp_path)
    assert not fast.treeprocessors["citesite-glossary"].one_pass
    assert_same(["PTH (hormone) and *PTH (hormone)* then hormone.\n"], tmp_path)


WORDS = ["magnesium", "Magnesium", "bone", "bone mineral density", "osteoclasts", "calcium", "vitamin D", "PTH"]
PIECES = [*WORDS, " ", ", ", ".", "\n", "\n\n", "*", "**", "`", "[", "](x)", "## ", "- ", "> ", "x", "-", "'"]


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.sampled_from(PIECES), max_size=40))
def test_any_text_is_marked_exactly_as_text_by_text(pieces):
    assert_same(["".join(pieces)])
