"""Property-based tests: arbitrary text never raises anything but SiteError(s), and no URL leaves the site.

Inputs are drawn from the characters and fragments that matter to each parser (fences, YAML anchors and
tags, Markdown link syntax, directives, raw HTML, unsafe schemes), mixed with arbitrary text.
"""

from __future__ import annotations

import posixpath
import shutil
import tempfile
from html.parser import HTMLParser
from pathlib import Path, PurePosixPath
from urllib.parse import unquote, urljoin, urlsplit

import pytest
from conftest import DEFAULT_FILES, write_files
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from citesite.build import build
from citesite.errors import ERROR, Problems, SiteError, SiteErrors
from citesite.markdown import SiteIndex, create_markdown, render_markdown
from citesite.markdown.links import UNSAFE_SCHEMES, clean_url
from citesite.options import BuildOptions
from citesite.source.content import FrontMatter, Source, parse_front_matter, read_source, validate_front_matter
from citesite.source.data import load_data
from citesite.source.yamlfile import LineDict, load_yaml
from citesite.urls import dest_for_url, relative_url, resolve_source_link, url_for_source
from citesite.write import target_in

SETTINGS = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
FEW = settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])

YAML_PIECES = [
    "---", "\n", "\r\n", "\r", "title: A", "summary: S.", "reviewed: 2026-11-01", "date: 2026-02-30", ": ", ":",
    "- ", "  ", "\t", "&a ", "*a", "[", "]", "{", "}", ",", "!!int ", "!!timestamp ", "!!binary ", "!!python/object ",
    "<<: *a", "#", '"', "'", "\\", "\ufeff", "\x00", "\x85", "\u2028", "yes", "no", "~", "null", "1e999", "0x1F",
    "? ", "|", ">", "%YAML 1.1", "...", "é", "\U0001f9b4",
]  # fmt: skip
MARKDOWN_PIECES = [
    "\n", "\n\n", "    ", "- ", "1. ", "> ", "# ", "## ", "#### ", "*", "_", "`", "```", "|", "---", "[", "]", "(", ")",
    "![", "[@alpha]", "[@", "@beta", "; ", "{{ ul.adults.ul }}", "{{", "}}", "ul.kids.age", "::: table ul", "::: chart ul",
    "::: figure cycle", "::: figure ../x", ":::", "Osteoblast", "bone", "a.md", "../", "./", "#top", "/", "?q=1",
    "javascript:alert(1)", "JaVaScRiPt:", "data:text/html,x", "vbscript:", "java\tscript:", "\x01", " ", "%2e%2e/",
    "<script>", "</script>", "<img src=x onerror=alert(1)>", "<a href='", "'>", "&#106;", "&", "<", ">", '"',
    "<!--", "-->", "<svg onload=x>", "<div>", "</div>", "[^1]", "[^1]: note", "*[HTML]: Hyper", "{: #id }",
    "!!! note", "Term\n:   definition", "https://example.org/", "<https://example.org/>", "[r]: ", "[r]", "\\",
]  # fmt: skip


def mixed(pieces: list[str], max_size: int = 40) -> st.SearchStrategy[str]:
    """Text made of meaningful fragments and arbitrary characters."""
    return st.lists(st.one_of(st.sampled_from(pieces), st.text(max_size=8)), max_size=max_size).map("".join)


# -- front matter and YAML ----------------------------------------------------------------------------


@SETTINGS
@given(mixed(YAML_PIECES))
def test_front_matter_parsing_raises_only_site_errors(text: str) -> None:
    try:
        data, _, body_line = parse_front_matter(text, "content/a.md")
    except SiteError as exc:
        assert exc.path == "content/a.md"
        assert exc.line is None or exc.line >= 1
        return
    assert isinstance(data, LineDict)
    assert body_line >= 2
    problems = Problems()
    meta = validate_front_matter(data, "content/a.md", problems)
    assert all(isinstance(p, SiteError) for p in problems.items)
    assert (meta is None) == bool(problems.errors)


@SETTINGS
@given(mixed(YAML_PIECES))
def test_yaml_loading_raises_only_site_errors(text: str) -> None:
    try:
        load_yaml(text, "content/data/x.yaml")
    except SiteError as exc:
        assert str(exc).startswith("content/data/x.yaml")


@pytest.fixture(scope="module")
def scratch(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("properties")


@SETTINGS
@given(
    st.one_of(
        mixed(YAML_PIECES).map(lambda t: t.encode("utf-8", "surrogatepass")),
        st.binary(max_size=200),
        mixed(YAML_PIECES).map(lambda t: t.encode("utf-16")),
    )
)
def test_reading_any_bytes_gives_a_source_or_problems(scratch: Path, raw: bytes) -> None:
    content = scratch / "content"
    path = content / "articles" / "a.md"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(raw)
    problems = Problems()
    source = read_source(path, content, problems)
    assert all(isinstance(p, SiteError) and p.path == "content/articles/a.md" for p in problems.items)
    # A source with errors may still be returned (checked with the rest), but no source is lost silently.
    assert source is not None or problems.errors


# -- Markdown extensions ------------------------------------------------------------------------------

REFS = "- key: alpha\n  title: Alpha\n- key: beta\n  title: Beta\n"
GLOSSARY = "- term: Osteoblast\n  definition: 'A \"cell\" <b>that</b> builds & bone.'\n"
TABLE = """\
title: Limits
columns:
  - {key: age, label: Age, header: true}
  - {key: ul, label: Limit}
chart: {label: age, values: [ul]}
rows:
  - {id: kids, age: "<script>x</script>", ul: 65, sources: [beta]}
  - {id: adults, age: Adults, ul: 350, sources: [alpha]}
"""
SVG = '<svg xmlns="http://www.w3.org/2000/svg" role="img"><title>Cycle</title></svg>'
PAGES = {
    "index.md": "",
    "articles/a.md": "articles/a/",
    "articles/b c.md": "articles/b%20c/",
    "pages/glossary.md": "glossary/",
}


@pytest.fixture(scope="module")
def markdown_index(tmp_path_factory: pytest.TempPathFactory) -> SiteIndex:
    content = tmp_path_factory.mktemp("mdsite") / "content"
    (content / "data").mkdir(parents=True)
    (content / "figures").mkdir()
    (content / "data/references.yaml").write_text(REFS, encoding="utf-8")
    (content / "data/glossary.yaml").write_text(GLOSSARY, encoding="utf-8")
    (content / "data/ul.yaml").write_text(TABLE, encoding="utf-8")
    (content / "figures/cycle.svg").write_text(SVG, encoding="utf-8")
    problems = Problems()
    data = load_data(content / "data", problems)
    assert not problems.errors, problems.items
    outputs = frozenset([*PAGES.values(), "css/site.css", "img/x.png"])
    return SiteIndex(dict(PAGES), outputs, data, "glossary/", content / "figures")


class _Tags(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, list[tuple[str, str | None]]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, attrs))


def unsafe_parts(html: str, page_url: str) -> list[str]:
    """Scripts, event handlers, script URLs and links out of the site in rendered HTML, as a browser reads it."""
    parser = _Tags()
    parser.feed(html)
    parser.close()
    found = []
    for tag, attrs in parser.tags:
        if tag == "script" or tag.split(":", 1)[0] in UNSAFE_SCHEMES:
            found.append(f"<{tag}>")
        for name, value in attrs:
            if name.startswith("on"):
                found.append(f"{name}=")
            if name in ("href", "src") and value is not None:
                parts = urlsplit(clean_url(value))
                if parts.scheme.lower() in UNSAFE_SCHEMES:
                    found.append(f"{name}={value!r}")
                elif not parts.scheme and not parts.netloc and not value.startswith("//"):
                    resolved = posixpath.normpath(
                        posixpath.join(posixpath.dirname("/" + page_url), unquote(parts.path))
                    )
                    if not resolved.startswith("/") or resolved.startswith("/.."):
                        found.append(f"{name}={value!r} leaves the site")
    return found


@SETTINGS
@given(body=mixed(MARKDOWN_PIECES, max_size=60), rel=st.sampled_from(sorted(PAGES)))
def test_markdown_never_raises_and_never_lets_a_script_through(markdown_index: SiteIndex, body: str, rel: str) -> None:
    md = create_markdown(markdown_index)
    meta = FrontMatter(title="T", summary="S.")
    source = Source(rel, f"content/{rel}", meta, body, 5, "")
    result = render_markdown(md, source, PAGES[rel])
    assert all(isinstance(p, SiteError) and p.path == f"content/{rel}" for p in result.problems)
    assert all(p.line is not None and p.line >= 5 for p in result.problems)
    if not any(p.level == ERROR for p in result.problems):
        assert unsafe_parts(result.html, PAGES[rel]) == [], result.html


@SETTINGS
@given(
    prefix=st.sampled_from(["", " ", "\x00", "\x01", "\t", "\n", "\x1f", "\x0b", " \x0c"]),
    scheme=st.sampled_from(sorted(UNSAFE_SCHEMES)),
    case=st.lists(st.booleans(), min_size=10, max_size=10),
    inner=st.sampled_from(["", "\t", "\n", "\r"]),
    form=st.sampled_from(["[x]({})", "![x]({})", "[x][r]\n\n[r]: {}", '<a href="{}">x</a>', "<img alt=x src='{}'>"]),
)
def test_unsafe_schemes_are_refused_however_they_are_written(
    markdown_index: SiteIndex, prefix: str, scheme: str, case: list[bool], inner: str, form: str
) -> None:
    written = "".join(ch.upper() if up else ch for ch, up in zip(scheme, case, strict=False))
    written = written[:2] + inner + written[2:]
    body = "Text.\n\n" + form.format(prefix + written + ":alert(1)") + "\n"
    md = create_markdown(markdown_index)
    result = render_markdown(
        md, Source("articles/a.md", "content/articles/a.md", FrontMatter("T", "S."), body, 5, ""), "articles/a/"
    )
    refused = [p for p in result.problems if "links are not allowed" in p.message]
    if unsafe_parts(result.html, "articles/a/"):  # whatever reached the page as a link must have been refused
        assert refused, (body, result.html)


# -- URLs and output paths ----------------------------------------------------------------------------

segment = st.text(
    st.characters(blacklist_categories=("Cs",), blacklist_characters="/\x00"), min_size=1, max_size=12
).filter(lambda s: not s.startswith("."))
slug = st.one_of(st.none(), st.from_regex(r"[A-Za-z0-9_-]{1,12}", fullmatch=True))


@SETTINGS
@given(st.lists(segment, min_size=1, max_size=4), slug)
def test_every_output_path_stays_inside_the_output_folder(parts: list[str], slug_value: str | None) -> None:
    rel_path = "/".join(parts) + ".md"
    url = url_for_source(rel_path, slug_value)
    dest = dest_for_url(url)
    pure = PurePosixPath(dest)
    assert not pure.is_absolute()
    assert ".." not in pure.parts
    out = Path("/srv/out")
    assert target_in(out, dest).is_relative_to(out)


url_segment = st.from_regex(r"[A-Za-z0-9_~-][A-Za-z0-9._~-]{0,8}", fullmatch=True)
site_url = st.builds(
    lambda parts, kind: "/".join(parts) + ("/" if kind == "dir" and parts else ".html" if parts else ""),
    st.lists(url_segment, max_size=4),
    st.sampled_from(["dir", "file"]),
)


@SETTINGS
@given(site_url, site_url, st.one_of(st.none(), url_segment))
def test_relative_links_lead_where_they_should(from_url: str, to_url: str, fragment: str | None) -> None:
    target = to_url + (f"#{fragment}" if fragment else "")
    link = relative_url(from_url, target)
    base = "https://example.org/some/base/"
    assert urljoin(base + from_url, link) == urljoin(base, target)


@SETTINGS
@given(
    st.lists(url_segment, min_size=1, max_size=3).map(lambda p: "/".join(p) + ".md"),
    st.lists(st.one_of(url_segment, st.just(".."), st.just(".")), min_size=1, max_size=6).map("/".join),
)
def test_resolved_source_links_are_normal_paths(from_rel: str, href: str) -> None:
    resolved = resolve_source_link(from_rel, href)
    assert resolved == posixpath.normpath(resolved)
    parts = PurePosixPath(resolved).parts
    assert not PurePosixPath(resolved).is_absolute()
    assert ".." not in parts or all(p == ".." for p in parts[: parts.count("..")])  # only a leading climb


# -- whole builds -------------------------------------------------------------------------------------


@FEW
@given(title=mixed(YAML_PIECES, 8), body=mixed(MARKDOWN_PIECES, 30))
def test_a_whole_build_fails_only_with_site_errors_and_writes_only_inside_its_output(
    tmp_path_factory: pytest.TempPathFactory, title: str, body: str
) -> None:
    root = Path(tempfile.mkdtemp(dir=tmp_path_factory.getbasetemp()))
    try:
        write_files(root, dict(DEFAULT_FILES))
        text = f"---\ntitle: {title}\nsummary: S.\nreviewed: 2026-11-01\n---\n{body}"
        (root / "content/articles").mkdir()
        (root / "content/articles/a.md").write_text(text, encoding="utf-8")
        sources = {p for p in root.rglob("*")}
        try:
            build(root, BuildOptions(out=root / "_site", jobs=1, search=False))
        except SiteErrors as exc:
            assert exc.errors and all(isinstance(e, SiteError) for e in exc.errors)
            assert not (root / "_site").exists()
        else:
            html = (root / "_site/articles/a/index.html").read_text(encoding="utf-8")
            assert unsafe_parts(html, "articles/a/") == []
        made = {p for p in root.rglob("*")} - sources
        allowed = (root / "_site", root / ".cache", root / "._site.lock")
        assert all(any(p == a or p.is_relative_to(a) for a in allowed) for p in made), sorted(made)
    finally:
        shutil.rmtree(root, ignore_errors=True)
