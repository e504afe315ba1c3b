"""'extra:' in site.yaml and in front matter: free-form values for templates; every other key still checked."""

from __future__ import annotations

import datetime as dt
import json

import pytest
import yaml
from conftest import SITE_YAML, page
from hypothesis import given, settings
from hypothesis import strategies as st

from citesite.errors import Problems
from citesite.source.content import Source, parse_front_matter, source_from_json, source_to_json, validate_front_matter
from citesite.source.policy import plain

SHOWS_EXTRA = (
    '{% extends "base.html" %}{% block main %}<p id="site">{{ site.extra.logo_text }}|{{ site.extra.links|join(",") }}'
    "|{{ site.extra.nested.depth }}</p><p id=\"page\">{{ page.extra.get('image', 'none') }}|{{ page.extra.get('when', '') }}"
    "</p>{{ content }}{% endblock %}\n"
)
SITE_EXTRA = "extra:\n  logo_text: <Mg>\n  links: [a, b]\n  nested:\n    depth: 3\n"
PAGE_EXTRA = "---\ntitle: P\nsummary: S.\nextra:\n  image: /img/cover.png\n  when: 2026-01-31\n---\nText.\n"


def _shown(html: str, anchor: str) -> str:
    start = html.index(f'<p id="{anchor}">') + len(f'<p id="{anchor}">')
    return html[start : html.index("</p>", start)]


def test_templates_read_extra_values_from_site_and_page(make_site, run_build):
    root = make_site(
        {
            "content/site.yaml": SITE_YAML + SITE_EXTRA,
            "templates/page.html": SHOWS_EXTRA,
            "content/pages/p.md": PAGE_EXTRA,
            "content/pages/q.md": page("Q"),
        }
    )
    result = run_build(root, "--strict")
    assert result.code == 0, result.err
    html = (root / "_site/p/index.html").read_text()
    assert _shown(html, "site") == "&lt;Mg&gt;|a,b|3"  # escaped like any other value
    assert _shown(html, "page") == "/img/cover.png|2026-01-31"  # a date is given as its YYYY-MM-DD text
    assert _shown((root / "_site/q/index.html").read_text(), "page") == "none|"


def test_a_changed_extra_value_rebuilds_from_the_cache(make_site, run_build):
    root = make_site(
        {
            "content/site.yaml": SITE_YAML + SITE_EXTRA,
            "templates/page.html": SHOWS_EXTRA,
            "content/pages/p.md": PAGE_EXTRA,
        }
    )
    assert run_build(root).code == 0
    assert run_build(root).code == 0  # from the cache: the front matter's extra comes back from JSON
    assert _shown((root / "_site/p/index.html").read_text(), "page") == "/img/cover.png|2026-01-31"
    (root / "content/site.yaml").write_text(SITE_YAML + SITE_EXTRA.replace("<Mg>", "K"))
    (root / "content/pages/p.md").write_text(PAGE_EXTRA.replace("cover.png", "other.png"))
    assert run_build(root).code == 0
    html = (root / "_site/p/index.html").read_text()
    assert _shown(html, "site") == "K|a,b|3"
    assert _shown(html, "page") == "/img/other.png|2026-01-31"


EXTRA_ERRORS = {
    "site_key_misspelt": (
        {"content/site.yaml": SITE_YAML + "exta:\n  logo_text: Mg\n"},
        "content/site.yaml:4: error: unknown key 'exta' in content/site.yaml; did you mean 'extra'?",
    ),
    "page_key_misspelt": (
        {"content/pages/p.md": "---\ntitle: P\nsummary: S.\nextras:\n  image: a.png\n---\n"},
        "content/pages/p.md:4: error: unknown key 'extras' in front matter; did you mean 'extra'?",
    ),
    "site_extra_not_a_mapping": (
        {"content/site.yaml": SITE_YAML + "extra: Mg\n"},
        "content/site.yaml:4: error: 'extra': expected a mapping of 'key: value' lines, got text",
    ),
    "page_extra_not_a_mapping": (
        {"content/pages/p.md": "---\ntitle: P\nsummary: S.\nextra: [a, b]\n---\n"},
        "content/pages/p.md:4: error: 'extra': expected a mapping of 'key: value' lines, got a list",
    ),
    "control_character_in_site_extra": (
        {"content/site.yaml": SITE_YAML + 'extra:\n  logo_text: "M\\x01g"\n'},
        "content/site.yaml:5: error: this text holds the invisible control character U+0001 "
        "(written in quotes as an escape such as \\0 or \\x01); delete it",
    ),
    "control_character_in_page_extra": (
        {"content/pages/p.md": '---\ntitle: P\nsummary: S.\nextra:\n  deep: [{note: "a\\x02"}]\n---\n'},
        "content/pages/p.md:5: error: this text holds the invisible control character U+0002 "
        "(written in quotes as an escape such as \\0 or \\x01); delete it",
    ),
    "value_is_not_a_path": (
        {
            "templates/page.html": '{% extends "base.html" %}{% block main %}{{ asset(page.extra.image) }}{% endblock %}\n',
            "content/pages/p.md": "---\ntitle: P\nsummary: S.\nextra:\n  image: ../content/site.yaml\n---\n",
        },
        "templates/page.html:1: error: asset('../content/site.yaml'): no such file in static/; check the name",
    ),
}


@pytest.mark.parametrize("files,message", EXTRA_ERRORS.values(), ids=EXTRA_ERRORS.keys())
def test_keys_beside_extra_stay_checked(make_site, run_build, files, message):
    root = make_site(files)
    result = run_build(root)
    assert result.code == 1
    assert message in result.err.splitlines(), result.err
    assert "Traceback" not in result.err


_SCALARS = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-(10**6), 10**6),
    st.text(st.characters(categories=("L", "N", "Zs", "P")), max_size=12),
    st.dates(dt.date(1900, 1, 1), dt.date(2100, 12, 31)),
)
_KEYS = st.from_regex(r"[a-z][a-z0-9_]{0,8}", fullmatch=True)
_VALUES = st.recursive(
    _SCALARS, lambda inner: st.lists(inner, max_size=3) | st.dictionaries(_KEYS, inner, max_size=3), max_leaves=12
)


@settings(max_examples=60, deadline=None)
@given(st.dictionaries(_KEYS, _VALUES, min_size=1, max_size=4))
def test_front_matter_extra_comes_back_from_the_cache_unchanged(extra):
    text = "---\ntitle: P\nsummary: S.\n" + yaml.safe_dump({"extra": extra}, allow_unicode=True) + "---\nBody.\n"
    problems = Problems()
    data, _, _ = parse_front_matter(text, "content/pages/p.md")
    meta = validate_front_matter(data, "content/pages/p.md", problems)
    assert problems.items == []
    assert meta is not None
    assert meta.extra == plain(extra)  # dates become their YYYY-MM-DD text, the rest is as written
    source = Source("pages/p.md", "content/pages/p.md", meta, "", 5, "digest")
    stored = json.loads(json.dumps(source_to_json(source, [1, 2])))
    assert source_from_json("pages/p.md", stored).meta == meta
