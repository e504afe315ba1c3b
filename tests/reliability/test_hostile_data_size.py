"""Huge data is refused while it is parsed, before the YAML is composed into nodes.

Composing a 50,000-row table takes seconds (far more on a busy machine) before the constructor's count
refuses it; the values are counted from the parser's events instead, and counting stops at the limit.
"""

from __future__ import annotations

import pytest
import yaml
from conftest import article
from hypothesis import given, settings
from hypothesis import strategies as st

from citesite.errors import SiteError
from citesite.source import yamlfile

TABLE = """\
title: Upper limits
columns:
  - {key: age, label: Age, header: true}
  - {key: ul, label: Limit, unit: mg/day}
rows:
"""
TOO_MANY = "the YAML has more than 200,000 values; split it into smaller files"


def _never_compose(monkeypatch: pytest.MonkeyPatch) -> None:
    """Make composing a text of a million characters or more fail the test: the count must stop it first."""
    made = yamlfile._Loader.__init__
    compose = yamlfile._Loader.get_single_node

    def remember(self, stream):
        made(self, stream)
        self.huge = len(stream) >= 1_000_000

    def refuse(self):
        if self.huge:  # the composer is where the seconds went
            raise AssertionError("the huge file reached the composer")
        return compose(self)

    monkeypatch.setattr(yamlfile._Loader, "__init__", remember)
    monkeypatch.setattr(yamlfile._Loader, "get_single_node", refuse)


def test_a_50000_row_table_is_refused_before_it_is_composed(make_site, run_build, monkeypatch):
    rows = "".join(f"  - {{age: A{n}, ul: {n}, sources: [beta]}}\n" for n in range(50_000))  # 5 values a row
    root = make_site({"content/data/ul.yaml": TABLE + rows, "content/articles/a.md": article("A")})
    _never_compose(monkeypatch)
    result = run_build(root)
    assert result.err.splitlines() == [f"content/data/ul.yaml:40003: error: {TOO_MANY}", "1 error, 0 warnings"]


def test_one_flow_list_of_too_many_numbers_is_refused_at_its_line(monkeypatch):
    _never_compose(monkeypatch)
    text = "title: T\nrows: [" + ",".join("1" for _ in range(200_001)) + "]\n"
    with pytest.raises(SiteError) as caught:
        yamlfile.load_yaml(text, "content/data/x.yaml")
    assert str(caught.value) == f"content/data/x.yaml:2: {TOO_MANY}"


def test_front_matter_with_too_many_values_is_refused_at_its_line_in_the_file(monkeypatch):
    _never_compose(monkeypatch)
    text = "title: T\ntags:\n" + "- x\n" * 200_001
    with pytest.raises(SiteError) as caught:
        yamlfile.load_yaml(text, "content/articles/a.md", line_offset=1)  # front matter starts on line 2
    assert str(caught.value) == f"content/articles/a.md:{200_000 + 2}: {TOO_MANY}"


def test_a_big_file_at_the_limit_loads_and_one_value_more_is_refused(monkeypatch):
    monkeypatch.setattr(yamlfile, "MAX_NODES", 1_000)
    row = "  - {{a: {n}, b: " + "x" * 20 + "}}\n"
    text = "rows:\n" + "".join(row.format(n=n) for n in range(333))  # 1 + 333 * 3 = 1,000 values: at the limit
    assert len(text) > 2 * 1_000  # long enough to be counted early
    assert len(yamlfile.load_yaml(text, "x.yaml")["rows"]) == 333
    with pytest.raises(SiteError) as caught:
        yamlfile.load_yaml(text + row.format(n=333), "x.yaml")
    assert str(caught.value) == "x.yaml:335: the YAML has more than 1,000 values; split it into smaller files"


def test_a_yaml_error_after_the_limit_is_still_the_limit_and_one_before_it_is_the_error(monkeypatch):
    monkeypatch.setattr(yamlfile, "MAX_NODES", 1_000)
    many = "rows:\n" + "".join(f"  - {{a: {n}, b: {'x' * 20}}}\n" for n in range(600))
    with pytest.raises(SiteError) as caught:
        yamlfile.load_yaml(many + "  - [unclosed\n", "x.yaml")
    assert str(caught.value) == "x.yaml:335: the YAML has more than 1,000 values; split it into smaller files"
    with pytest.raises(SiteError) as caught:
        yamlfile.load_yaml("rows: [unclosed\n" + many, "x.yaml")
    assert "more than" not in str(caught.value)


VALUES = st.recursive(
    st.one_of(st.integers(0, 9), st.text("ab", min_size=1, max_size=3), st.none()),
    lambda children: st.one_of(
        st.lists(children, max_size=6), st.dictionaries(st.text("kx", min_size=1, max_size=3), children, max_size=5)
    ),
    max_leaves=60,
)


@settings(max_examples=150, deadline=None)
@given(data=VALUES, flow=st.booleans(), limit=st.integers(1, 40))
def test_the_parser_count_refuses_exactly_what_the_constructor_count_refuses(data, flow, limit):
    """Without aliases the two counts agree; and a text too short to hold more values is never refused."""
    text = yaml.safe_dump({"d": data}, default_flow_style=flow, width=10_000)
    saved = yamlfile.MAX_NODES, yamlfile.MIN_CHARS_PER_VALUE
    yamlfile.MAX_NODES, yamlfile.MIN_CHARS_PER_VALUE = limit, 10**9  # the full load: the constructor's count only
    try:
        try:
            yamlfile.count_values(text)
            early = False
        except yamlfile._LocatedProblem:
            early = True
        try:
            yamlfile.load_yaml(text, "x.yaml")
            late = False
        except SiteError as exc:
            late = "values" in exc.message
    finally:
        yamlfile.MAX_NODES, yamlfile.MIN_CHARS_PER_VALUE = saved
    assert early == late
    if len(text) <= saved[1] * limit:
        assert not late
