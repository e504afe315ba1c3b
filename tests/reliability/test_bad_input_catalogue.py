"""A catalogue of hostile and broken input: each case is a tiny site that built once, then broke.

Every case asserts the exit code, the exact 'path:line: error: message' (or a good build for input that is
legitimate, such as a BOM or CRLF line endings), no traceback, the previous _site/ byte-identical after a
failure, and that nothing outside the output folder was created, changed or deleted.
"""

from __future__ import annotations

import errno
import hashlib
import os
import stat
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from conftest import SITE_YAML, article, page, tree_digest
from misbehaving_markdown import AS_SITE_FILE, DEEP_MARKER

REFS = """\
- key: alpha
  title: Alpha study
  doi: 10.1000/alpha
- key: beta
  title: Beta study
"""
TABLE = """\
title: Upper limits
columns:
  - {key: age, label: Age, header: true}
  - {key: ul, label: Limit, unit: mg/day}
chart: {label: age, values: [ul]}
rows:
  - {id: kids, age: Children, ul: 65, sources: [beta]}
  - {id: adults, age: Adults, ul: 350, sources: [alpha]}
"""
GLOSSARY = "- term: Osteoblast\n  definition: A cell that builds bone.\n"
SVG = '<svg xmlns="http://www.w3.org/2000/svg" role="img" viewBox="0 0 10 10"><title>A cycle</title></svg>\n'
GOOD_BODY = "Osteoblasts build bone [@alpha].\n\n::: table ul\n\nAdults: {{ ul.adults.ul }} mg.\n\n::: figure cycle\n"
GOOD = {
    "content/data/references.yaml": REFS,
    "content/data/glossary.yaml": GLOSSARY,
    "content/data/ul.yaml": TABLE,
    "content/figures/cycle.svg": SVG,
    "content/articles/good.md": article("Good", GOOD_BODY),
}
BUILD_OWNED = ("_site", ".cache")  # the output, and the build cache beside it, are the build's to change

# An alias bomb ("billion laughs"): nine anchors, each nine copies of the one before, is 9**9 values.
BOMB = "".join(f"b{n}: &b{n} [" + ", ".join([f"*b{n - 1}" if n else '"lol"'] * 9) + "]\n" for n in range(10))


@dataclass(frozen=True)
class Case:
    """One broken (or legitimately unusual) input and what the build must say about it."""

    files: dict[str, str | bytes] = field(default_factory=dict)
    message: str | None = None  # the exact line on stderr; None when the build must succeed
    prepare: Callable[[Path, pytest.MonkeyPatch], None] | None = None  # what files alone cannot express
    check: Callable[[Path], None] | None = None  # more to assert about a good build
    or_builds: bool = False  # the outcome depends on a dependency's version: the message, or a clean build


def bad(message: str, files: dict[str, str | bytes] | None = None, prepare=None) -> Case:
    """An input the build must refuse with exactly this message."""
    return Case(files or {}, message, prepare)


def bad_or_good(message: str, files: dict[str, str | bytes]) -> Case:
    """An input some versions of a dependency fail on (refused with exactly this message) and others build."""
    return Case(files, message, or_builds=True)


def good(files: dict[str, str | bytes] | None = None, prepare=None, check=None) -> Case:
    """An unusual input the build must accept."""
    return Case(files or {}, None, prepare, check)


def art(body: str = "Text.\n", **meta: str) -> dict[str, str | bytes]:
    """The files for one article, content/articles/a.md, with this body and front matter."""
    return {"content/articles/a.md": article("A", body, **meta)}


def front(yaml: str, body: str = "Text.\n") -> dict[str, str | bytes]:
    """content/articles/a.md with exactly this front matter (reviewed added)."""
    return {"content/articles/a.md": f"---\n{yaml}reviewed: 2026-11-01\n---\n{body}"}


# -- file-system preparations -------------------------------------------------------------------------


def symlink_outside(root: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    outside = root.parent / "outside"
    outside.mkdir(exist_ok=True)
    (outside / "secret.md").write_text(page("Secret"), encoding="utf-8")
    (root / "content/articles/secret.md").symlink_to(outside / "secret.md")


def symlink_loop(root: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (root / "content/articles/loop-a.md").symlink_to("loop-b.md")
    (root / "content/articles/loop-b.md").symlink_to("loop-a.md")


def symlink_dangling(root: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (root / "content/articles/gone.md").symlink_to("never-written.md")


def folder_loop(root: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (root / "content/articles/again").symlink_to(".", target_is_directory=True)


def symlink_data_outside(root: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    outside = root.parent / "outside"
    outside.mkdir(exist_ok=True)
    (outside / "t.yaml").write_text(TABLE, encoding="utf-8")
    (root / "content/data/stolen.yaml").symlink_to(outside / "t.yaml")


def symlink_static_loop(root: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (root / "static/css/loop.css").symlink_to("loop.css")


def symlink_figure_outside(root: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    outside = root.parent / "outside"
    outside.mkdir(exist_ok=True)
    (outside / "x.svg").write_text(SVG, encoding="utf-8")
    (root / "content/figures/stolen.svg").symlink_to(outside / "x.svg")


def unreadable(rel: str) -> Callable[[Path, pytest.MonkeyPatch], None]:
    """Make one file unreadable: chmod 000, or (as root, whom permissions do not stop) a refusing read."""

    def prepare(root: Path, monkeypatch: pytest.MonkeyPatch) -> None:
        target = root / rel
        if os.geteuid() != 0:
            target.chmod(0)
            return
        real_read_bytes = Path.read_bytes

        def read_bytes(path: Path) -> bytes:  # how sources and data files are read
            if path.absolute() == target.absolute():
                raise PermissionError(errno.EACCES, os.strerror(errno.EACCES), str(path))
            return real_read_bytes(path)

        monkeypatch.setattr(Path, "read_bytes", read_bytes)

    return prepare


def make_folder(rel: str) -> Callable[[Path, pytest.MonkeyPatch], None]:
    """Put a folder where a file is expected (removing the file first)."""

    def prepare(root: Path, monkeypatch: pytest.MonkeyPatch) -> None:
        target = root / rel
        if target.is_file():
            target.unlink()
        (target / "inside").mkdir(parents=True)
        (target / "inside/x.md").write_text(page("Inside"), encoding="utf-8")

    return prepare


def non_utf8_name(root: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    name = os.fsdecode(b"caf\xe9.md")  # Latin-1 bytes in a file name: not UTF-8
    (root / "content/articles" / name).write_text(article("Cafe"), encoding="utf-8")


def remove(rel: str) -> Callable[[Path, pytest.MonkeyPatch], None]:
    def prepare(root: Path, monkeypatch: pytest.MonkeyPatch) -> None:
        (root / rel).unlink()

    return prepare


# -- checks for inputs that must build ----------------------------------------------------------------


def page_html(root: Path, url: str) -> str:
    return (root / "_site" / url / "index.html").read_text(encoding="utf-8")


def has_title(title: str, url: str = "articles/a/") -> Callable[[Path], None]:
    def check(root: Path) -> None:
        assert f"<h1>{title}</h1>" in page_html(root, url)

    return check


def spaces_are_encoded(root: Path) -> None:
    assert (root / "_site/articles/my article/index.html").is_file()
    assert 'href="articles/my%20article/"' in page_html(root, "")
    assert "<loc>https://example.org/sub/articles/my%20article/</loc>" in (root / "_site/sitemap.xml").read_text()


def unicode_name_is_encoded(root: Path) -> None:
    assert "<h1>Café</h1>" in page_html(root, "articles/café-ß/")
    assert 'href="articles/caf%C3%A9-%C3%9F/"' in page_html(root, "")


def crlf_body_kept(root: Path) -> None:
    html = page_html(root, "articles/a/")
    assert "\r" not in html
    assert "<p>One.\nTwo.</p>" in html


CASES: dict[str, Case] = {
    # -- front matter: wrong types, missing and unknown keys ----------------------------------------
    "fm_title_is_a_list": bad(
        "content/articles/a.md:2: error: 'title': expected text, got a list; put it in quotes",
        front("title: [a, b]\nsummary: S.\n"),
    ),
    "fm_title_is_empty": bad(
        "content/articles/a.md:2: error: 'title': it is empty; write some text", front("title:\nsummary: S.\n")
    ),
    "fm_order_is_text": bad(
        "content/articles/a.md:4: error: 'order': expected a whole number, got text 'first'", art(order="first")
    ),
    "fm_draft_is_text": bad(
        "content/articles/a.md:4: error: 'draft': expected true or false, got text 'maybe'", art(draft="maybe")
    ),
    "fm_date_has_a_time": bad(
        "content/articles/a.md:4: error: 'date': expected a date without a time, written YYYY-MM-DD",
        art(date="2026-01-01 10:00:00"),
    ),
    "fm_impossible_date": bad(
        "content/articles/a.md:4: error: '2026-02-30' is not a real date (day is out of range for month); "
        "check the day and month, or put the text in quotes",
        art(date="2026-02-30"),
    ),
    "fm_topics_with_a_number": bad(
        "content/articles/a.md:4: error: 'topics': every item must be text; put numbers or yes/no in quotes",
        art(topics="[bone, 3]"),
    ),
    "fm_unknown_key_without_a_hint": bad(
        "content/articles/a.md:4: error: unknown key 'colour' in front matter; allowed keys: changes, date, draft, "
        "editor_note, extra, order, reviewed, reviewers, slug, structured_data, summary, template, title, topics, translated_by, translation_key, translation_reviewers, updated",
        art(colour="red"),
    ),
    "fm_key_in_capitals": bad(
        "content/articles/a.md:2: error: unknown key 'Title' in front matter; did you mean 'title'?",
        front("Title: A\nsummary: S.\n"),
    ),
    "fm_only_fences": bad(
        "content/articles/a.md:1: error: missing required key 'title' (the page's title)",
        {"content/articles/a.md": "---\n---\nText.\n"},
    ),
    "fm_duplicate_key_far_apart": bad(
        "content/articles/a.md:5: error: duplicate key 'summary' (first on line 3); keep only one",
        front("title: A\nsummary: S.\ndate: 2026-01-01\nsummary: Again.\n"),
    ),
    "fm_tab_before_a_key": bad(
        "content/articles/a.md:3:1: error: a tab is used for indentation; YAML needs spaces",
        front("title: A\n\tsummary: S.\n"),
    ),
    "fm_alias_bomb": bad(
        "content/articles/a.md:9: error: the YAML expands to more than 200,000 values (aliases repeated too often); "
        "write the values out instead of using '*' aliases",
        front(f"title: A\nsummary: S.\n{BOMB}order: *b9\n"),
    ),
    "fm_alias_bomb_inside_pairs": bad(
        "content/articles/a.md:5: error: the YAML tag '!!pairs' is not supported; write a plain list or 'key: value' "
        "lines",
        front("title: A\nsummary: S.\nb0: &b0 [lol]\nb1: &b1 !!pairs [{k: *b0}, {k: *b0}]\norder: *b1\n"),
    ),
    "fm_set_tag": bad(
        "content/articles/a.md:4: error: the YAML tag '!!set' is not supported; write a plain list or 'key: value' lines",
        front("title: A\nsummary: S.\ntopics: !!set {a, b}\n"),
    ),
    "fm_recursive_alias": bad(
        "content/articles/a.md:4:9: error: invalid YAML: found unconstructable recursive node",
        front("title: A\nsummary: S.\ntopics: &t [*t]\n"),
    ),
    "fm_deeply_nested_yaml": bad(
        "content/articles/a.md:4:1008: error: the YAML is nested too deeply; flatten it",
        front("title: A\nsummary: S.\ntopics: " + "[" * 3000 + "]" * 3000 + "\n"),
    ),
    "fm_huge_wrong_value_is_cut_short": bad(
        "content/articles/a.md:4: error: 'order': expected a whole number, got text " + repr("9x" * 40)[:79] + "…",
        art(order="9x" * 500_000),
    ),
    "fm_template_is_a_partial": bad(
        "content/articles/a.md:4: error: unknown template 'partials/x'; use one of: 404, article, glossary, home, page, references, search",
        {**art(template="partials/x"), "templates/partials/x.html": "<p>partial</p>\n"},
    ),
    "fm_template_is_base": bad(
        "content/articles/a.md:4: error: unknown template 'base'; use one of: 404, article, glossary, home, page, references, search",
        art(template="base"),
    ),
    "fm_template_path_traversal": bad(
        "content/articles/a.md:4: error: unknown template '../content/articles/good.md'; "
        "use one of: 404, article, glossary, home, page, references, search",
        art(template="../content/articles/good.md"),
    ),
    # -- slugs -------------------------------------------------------------------------------------
    "slug_climbs_out": bad(
        "content/articles/a.md:4: error: 'slug': '../../x' must be one URL segment of letters, digits and '-' "
        "(e.g. vitamin-d)",
        art(slug="../../x"),
    ),
    "slug_is_absolute": bad(
        "content/articles/a.md:4: error: 'slug': '/etc/passwd' must be one URL segment of letters, digits and '-' "
        "(e.g. vitamin-d)",
        art(slug="/etc/passwd"),
    ),
    "slug_is_dot_dot": bad(
        "content/articles/a.md:4: error: 'slug': '..' must be one URL segment of letters, digits and '-' (e.g. vitamin-d)",
        art(slug='".."'),
    ),
    "slug_with_emoji": bad(
        "content/articles/a.md:4: error: 'slug': '🦴-bone' must be one URL segment of letters, digits and '-' "
        "(e.g. vitamin-d)",
        art(slug="🦴-bone"),
    ),
    "slug_with_a_space": bad(
        "content/articles/a.md:4: error: 'slug': 'bone health' must be one URL segment of letters, digits and '-' "
        "(e.g. vitamin-d)",
        art(slug="bone health"),
    ),
    "slug_with_a_nul": bad(
        "content/articles/a.md:4: error: this text holds the invisible control character U+0000 "
        "(written in quotes as an escape such as \\0 or \\x01); delete it",
        art(slug='"a\\0b"'),
    ),
    # -- encodings, line endings and odd characters: legitimate ones build ---------------------------
    "bom_builds": good({"content/articles/a.md": "\ufeff" + article("A")}, check=has_title("A")),
    "crlf_builds": good(
        {"content/articles/a.md": article("A", "One.\nTwo.\n").replace("\n", "\r\n")}, check=crlf_body_kept
    ),
    "mixed_line_endings_build": good(
        {"content/articles/a.md": "---\r\ntitle: A\rsummary: S.\nreviewed: 2026-11-01\r\n---\nOne.\r\nTwo.\n"},
        check=crlf_body_kept,
    ),
    "right_to_left_title_builds": good(
        {"content/articles/a.md": article('"\u202eמגנזיום ועצם"')}, check=has_title("\u202eמגנזיום ועצם")
    ),
    "unicode_file_name_builds": good({"content/articles/café-ß.md": article("Café")}, check=unicode_name_is_encoded),
    "file_name_with_spaces_builds": good(
        {
            "content/articles/my article.md": article("Spaced"),
            "content/index.md": page("Home", "See [it](<articles/my article.md>).\n"),
        },
        check=spaces_are_encoded,
    ),
    "utf16_file": bad(
        "content/articles/a.md:1: error: not UTF-8 text (byte 0xff); save the file as UTF-8",
        {"content/articles/a.md": article("A").encode("utf-16")},
    ),
    "latin1_byte_in_body": bad(
        "content/articles/a.md:7: error: not UTF-8 text (byte 0xe9); save the file as UTF-8",
        {"content/articles/a.md": article("A", "Fine.\nCaf\xe9.\n").encode("latin-1")},
    ),
    "nul_byte_in_body": bad(
        "content/articles/a.md:7: error: invisible control character U+0000; delete it (retype the text around it)",
        art("Fine.\nA\x00B.\n"),
    ),
    "whitespace_only_file": bad(
        "content/articles/a.md:1: error: the file is empty; start it with front matter between '---' lines "
        "(title, summary)",
        {"content/articles/a.md": " \n\t\n\r\n"},
    ),
    "ten_megabyte_file": bad(
        "content/articles/a.md: error: the file is 10.0 MB; split it into smaller pages (limit 1 MB)",
        {"content/articles/a.md": article("A", "x" * (10 * 1024 * 1024 - 64) + "\n")[: 10 * 1024 * 1024]},
    ),
    "very_long_line_builds": good(art("Magnesium " * 50_000 + "\n"), check=has_title("A")),
    "very_long_title_builds": good({"content/articles/a.md": article("T" * 100_000)}, check=has_title("T" * 100_000)),
    # Python-Markdown before 3.11 parses nested lists recursively and overflows the stack here; later ones build it.
    "deeply_nested_list": bad_or_good(
        "content/articles/a.md:6: error: lists or quotes are nested too deeply to convert; use fewer levels",
        art("".join("    " * depth + "- x\n" for depth in range(300))),
    ),
    "conversion_overflows_the_stack": bad(
        "content/articles/a.md:6: error: lists or quotes are nested too deeply to convert; use fewer levels",
        {
            "content/site.yaml": SITE_YAML + "markdown:\n  extensions:\n    - site_misbehaving:DeepExtension\n",
            **AS_SITE_FILE,
            **art(f"{DEEP_MARKER}\n"),
        },
    ),
    "deeply_nested_quotes_build": good(art(">" * 1000 + " deep\n"), check=has_title("A")),
    # -- data files -----------------------------------------------------------------------------
    "data_cell_is_a_list": bad(
        "content/data/ul.yaml:7: error: 'age': a cell must be text, a number, a date, true/false or empty, "
        "not a list; put the value in quotes",
        {"content/data/ul.yaml": TABLE.replace("age: Children", "age: [Chil, dren]")},
    ),
    "data_rows_is_a_mapping": bad(
        "content/data/ul.yaml:6: error: 'rows': expected a list (lines starting with '- '), got a mapping",
        {"content/data/ul.yaml": TABLE.split("rows:")[0] + "rows:\n  kids: 1\n"},
    ),
    "data_duplicate_key_in_a_row": bad(
        "content/data/ul.yaml:7: error: duplicate key 'ul' (first on line 7); keep only one",
        {"content/data/ul.yaml": TABLE.replace("ul: 65,", "ul: 65, ul: 66,")},
    ),
    "data_alias_bomb": bad(
        "content/data/ul.yaml:6: error: the YAML expands to more than 200,000 values (aliases repeated too often); "
        "write the values out instead of using '*' aliases",
        {"content/data/ul.yaml": BOMB + TABLE.replace("ul: 350", "ul: *b9")},
    ),
    "data_long_text_repeated_by_aliases": bad(
        "content/data/ul.yaml:208: error: the YAML expands to more than 200,000 values (aliases repeated too often); "
        "write the values out instead of using '*' aliases",
        {
            "content/data/ul.yaml": 'big: &big "'
            + "x" * 100_000
            + '"\n'
            + TABLE
            + "".join(f"  - {{age: *big, ul: {n}, sources: [beta]}}\n" for n in range(3000))
        },
    ),
    "data_too_many_values": bad(
        "content/data/ul.yaml:40003: error: the YAML has more than 200,000 values; split it into smaller files",
        {
            "content/data/ul.yaml": TABLE
            + "".join(f"  - {{age: A{n}, ul: {n}, sources: [beta]}}\n" for n in range(41_000))
        },
    ),
    "data_empty_file": bad(
        "content/data/references.yaml:1: error: expected a list of references (lines starting with '- '), got empty",
        {"content/data/references.yaml": ""},
    ),
    "data_non_utf8": bad(
        "content/data/ul.yaml:7: error: not UTF-8 text; save the file as UTF-8",
        {"content/data/ul.yaml": TABLE.replace("Children", "Ni\xf1os").encode("latin-1")},
    ),
    "data_crlf_and_bom_build": good(
        {"content/data/ul.yaml": "\ufeff" + TABLE.replace("\n", "\r\n")}, check=has_title("Good", "articles/good/")
    ),
    "data_file_name_with_a_dot": bad(
        "content/data/ul.v2.yaml: error: a data file's name may only have letters, digits, '-' and '_', "
        "so '::: table NAME' can place it; rename it",
        {"content/data/ul.v2.yaml": TABLE},
    ),
    "data_file_is_a_folder": bad(
        "content/data/extra.yaml: error: cannot read this file: it is a folder; rename it",
        prepare=make_folder("content/data/extra.yaml"),
    ),
    "data_symlink_outside": bad(
        "content/data/stolen.yaml: error: symlink points outside the project; copy the file in instead",
        prepare=symlink_data_outside,
    ),
    "reference_year_as_words": bad(
        "content/data/references.yaml:6: error: 'year': expected a whole number, got text 'nineteen'",
        {"content/data/references.yaml": REFS + "  year: nineteen\n"},
    ),
    "reference_pmid_as_number": bad(
        "content/data/references.yaml:6: error: 'pmid': expected text, got a number; put it in quotes",
        {"content/data/references.yaml": REFS + "  pmid: 12345\n"},
    ),
    "reference_key_with_a_space": bad(
        "content/data/references.yaml:6: error: 'key': 'gamma ray' may only have letters, digits, '-', '.', ':' "
        "and '_' (it is cited as [@key])",
        {"content/data/references.yaml": REFS + "- key: gamma ray\n  title: Gamma\n"},
    ),
    "reference_javascript_url": bad(
        "content/data/references.yaml:6: error: 'url': 'javascript:alert(1)' is not a web address; write it as https://…",
        {"content/data/references.yaml": REFS + "  url: javascript:alert(1)\n"},
    ),
    "reference_missing_key": bad(
        "content/data/references.yaml:6: error: missing required key 'key' (the name used in [@key])",
        {"content/data/references.yaml": REFS + "- title: Keyless\n"},
    ),
    # -- glossary -------------------------------------------------------------------------------
    "glossary_term_without_definition": bad(
        "content/data/glossary.yaml:3: error: missing required key 'definition'",
        {"content/data/glossary.yaml": GLOSSARY + "- term: Osteoclast\n"},
    ),
    "glossary_aliases_not_a_list": bad(
        "content/data/glossary.yaml:5: error: 'aliases': expected a list such as [vitamin-d, pth], got text 'OC'",
        {"content/data/glossary.yaml": GLOSSARY + "- term: Osteoclast\n  definition: Removes bone.\n  aliases: OC\n"},
    ),
    "glossary_id_with_a_space": bad(
        "content/data/glossary.yaml:5: error: 'id': 'bone cell' must be lower-case letters, digits and '-' "
        "(it is the term's anchor)",
        {"content/data/glossary.yaml": GLOSSARY + "- term: Osteoclast\n  definition: Removes bone.\n  id: bone cell\n"},
    ),
    "glossary_ids_collide": bad(
        "content/data/glossary.yaml:3: error: glossary id 'osteoblast' is already used by the term on line 1; "
        "give one of them an 'id:'",
        {"content/data/glossary.yaml": GLOSSARY + "- term: Osteo-blast\n  id: osteoblast\n  definition: Again.\n"},
    ),
    "glossary_is_a_mapping": bad(
        "content/data/glossary.yaml:1: error: expected a list of glossary terms (lines starting with '- '), "
        "got a mapping",
        {"content/data/glossary.yaml": "term: Osteoblast\n"},
    ),
    # -- references in articles, directives and values ----------------------------------------------
    "citation_in_a_table_row_unknown": bad(
        "content/data/ul.yaml:7: error: unknown reference 'nobody'; add it to content/data/references.yaml",
        {"content/data/ul.yaml": TABLE.replace("sources: [beta]", "sources: [nobody]")},
    ),
    "directive_without_a_name": bad(
        "content/articles/a.md:6: error: unknown directive '::: table'; write '::: table NAME', '::: chart NAME' "
        "or '::: figure NAME'",
        art("::: table\n"),
    ),
    "figure_name_climbs_out": bad(
        "content/articles/a.md:6: error: figure name '../../../etc/x' must be the name of a file in content/figures/ "
        "without '.svg' (letters, digits, '-' and '_')",
        art("::: figure ../../../etc/x\n"),
    ),
    "figure_symlink_outside": bad(
        "content/figures/stolen.svg: error: symlink points outside the project; copy the file in instead",
        art("::: figure stolen\n"),
        prepare=symlink_figure_outside,
    ),
    "figure_is_a_folder": bad(
        "content/articles/a.md:6: error: cannot read content/figures/dir.svg: is a directory; "
        "check that it is a readable file",
        art("::: figure dir\n"),
        prepare=make_folder("content/figures/dir.svg"),
    ),
    "figure_not_utf8": bad(
        "content/articles/a.md:6: error: cannot read content/figures/latin.svg: it is not UTF-8 text; save it as UTF-8",
        {
            **art("::: figure latin\n"),
            "content/figures/latin.svg": SVG.replace("A cycle", "Ciclo \xf1").encode("latin-1"),
        },
    ),
    "figure_with_an_event_handler": bad(
        "content/articles/a.md:6: error: content/figures/x.svg contains a script, an event handler or a link to "
        "another file; remove it",
        {**art("::: figure x\n"), "content/figures/x.svg": SVG.replace("<title>", '<title onload="alert(1)">')},
    ),
    "chart_without_chart_settings": bad(
        "content/articles/a.md:6: error: table 'plain' has no 'chart:' settings; add chart: with label and values "
        "to content/data/plain.yaml",
        {
            **art("::: chart plain\n"),
            "content/data/plain.yaml": TABLE.replace("chart: {label: age, values: [ul]}\n", ""),
        },
    ),
    "value_from_a_missing_table": bad(
        "content/articles/a.md:6: error: no data table 'nope'; tables: ul", art("It is {{ nope.adults.ul }} mg.\n")
    ),
    # -- links and images -----------------------------------------------------------------------
    "link_climbs_out_of_the_site": bad(
        "content/articles/a.md:6: error: link '../../../etc/passwd' leaves the site; link to a page by its .md file",
        art("[x](../../../etc/passwd)\n"),
    ),
    "link_to_an_absolute_file_path": bad(
        "content/articles/a.md:6: error: link to '/etc/passwd', which the site does not have; link a page by its .md "
        "file, or add the file under static/",
        art("[x](/etc/passwd)\n"),
    ),
    "link_to_a_markdown_file_outside": bad(
        "content/articles/a.md:6: error: link to a missing page '../../../secret.md' (looked for ../../secret.md); "
        "check the file name",
        art("[x](../../../secret.md)\n"),
    ),
    "link_to_a_missing_anchor_here": bad(
        "content/articles/a.md:6: error: link '#nowhere' points at a missing anchor '#nowhere' in this page; "
        "check the heading",
        art("[x](#nowhere)\n"),
    ),
    # -- templates ------------------------------------------------------------------------------
    "template_extends_a_missing_file": bad(
        "templates/page.html:1: error: template 'nope.html' not found; add it to templates/",
        {"content/pages/p.md": page("P"), "templates/page.html": '{% extends "nope.html" %}\n'},
    ),
    "template_divides_by_zero": bad(
        "templates/page.html:1: error: template error: ZeroDivisionError: division by zero",
        {"content/pages/p.md": page("P"), "templates/page.html": "{{ 1 / 0 }}\n"},
    ),
    "template_includes_itself": bad(
        "templates/page.html:1: error: templates include or extend each other in a loop; check the {% include %} and "
        "{% extends %} lines",
        {"content/pages/p.md": page("P"), "templates/page.html": '{% include "page.html" %}\n'},
    ),
    "template_not_utf8": bad(
        "templates/page.html: error: template error: UnicodeDecodeError: 'utf-8' codec can't decode byte 0xe9 in "
        "position 3: invalid continuation byte",
        {"content/pages/p.md": page("P"), "templates/page.html": b"Caf\xe9 {{ page.title }}\n"},
    ),
    "template_is_a_folder": bad(
        "content/pages/p.md:4: error: unknown template 'fancy'; use one of: 404, article, glossary, home, page, references, search",
        {"content/pages/p.md": "---\ntitle: P\nsummary: S.\ntemplate: fancy\n---\nText.\n"},
        prepare=make_folder("templates/fancy.html"),
    ),
    # -- site.yaml ------------------------------------------------------------------------------
    "site_yaml_is_a_folder": bad(
        "content/site.yaml: error: cannot read the site settings: is a directory",
        prepare=make_folder("content/site.yaml"),
    ),
    "site_yaml_is_missing": bad(
        "content/site.yaml: error: site settings not found; create content/site.yaml with title, description and "
        "base_url",
        prepare=remove("content/site.yaml"),
    ),
    "site_yaml_is_empty": bad(
        "content/site.yaml:1: error: site settings must be a mapping of 'key: value' lines",
        {"content/site.yaml": ""},
    ),
    "site_yaml_is_a_list": bad(
        "content/site.yaml:1: error: site settings must be a mapping of 'key: value' lines",
        {"content/site.yaml": "- title: T\n"},
    ),
    "site_yaml_days_as_text": bad(
        "content/site.yaml:4: error: 'review_interval_days': expected a whole number, got text 'a year'",
        {"content/site.yaml": SITE_YAML + "review_interval_days: a year\n"},
    ),
    "site_yaml_nav_not_a_page": bad(
        "content/site.yaml:5: error: nav entry 'pages/nope.md' is not a page; use a path under content/ such as "
        "pages/about.md",
        {"content/site.yaml": SITE_YAML + "nav:\n  - pages/nope.md\n"},
    ),
    "site_yaml_javascript_base_url": bad(
        "content/site.yaml:3: error: 'base_url': 'javascript:alert(1)//' is not an absolute http(s) URL, "
        "e.g. https://example.org/",
        {"content/site.yaml": SITE_YAML.replace("https://example.org/sub/", "javascript:alert(1)//")},
    ),
    "site_yaml_base_url_with_a_quote": bad(
        "content/site.yaml:3: error: 'base_url': 'https://example.org/\"><script>' must be a plain address without "
        "spaces, quotes, '<', '>', '?' or '#', e.g. https://example.org/my-site/",
        {"content/site.yaml": SITE_YAML.replace("https://example.org/sub/", "'https://example.org/\"><script>'")},
    ),
    "site_yaml_language_with_markup": bad(
        "content/site.yaml:4: error: 'language': 'en\" onload=\"x' is not a language tag such as en or en-GB",
        {"content/site.yaml": SITE_YAML + "language: 'en\" onload=\"x'\n"},
    ),
    "site_yaml_alias_bomb": bad(
        "content/site.yaml:9: error: the YAML expands to more than 200,000 values (aliases repeated too often); "
        "write the values out instead of using '*' aliases",
        {"content/site.yaml": SITE_YAML + BOMB + "nav: *b9\n"},
    ),
    "site_yaml_non_utf8": bad(
        "content/site.yaml: error: cannot read the site settings: it is not UTF-8 text; save it as UTF-8",
        {"content/site.yaml": SITE_YAML.replace("Test Site", "Caf\xe9").encode("latin-1")},
    ),
    # -- the file system ------------------------------------------------------------------------
    "symlink_to_outside_the_project": bad(
        "content/articles/secret.md: error: symlink points outside the project; copy the file in instead",
        prepare=symlink_outside,
    ),
    "symlink_loop": bad(
        "content/articles/loop-a.md: error: symlink loop: the link leads back to itself; replace it with the file",
        prepare=symlink_loop,
    ),
    "dangling_symlink": bad(
        "content/articles/gone.md: error: symlink to a file that does not exist; fix the link or remove it",
        prepare=symlink_dangling,
    ),
    "folder_symlink_loop_builds": good(prepare=folder_loop, check=has_title("Good", "articles/good/")),
    "static_symlink_loop": bad(
        "static/css/loop.css: error: symlink loop: the link leads back to itself; replace it with the file",
        prepare=symlink_static_loop,
    ),
    "unreadable_article": bad(
        "content/articles/a.md: error: cannot read this file: permission denied; check its permissions",
        art(),
        prepare=unreadable("content/articles/a.md"),
    ),
    "unreadable_data_file": bad(
        "content/data/extra.yaml: error: cannot read this file: permission denied; check its permissions",
        {"content/data/extra.yaml": TABLE},
        prepare=unreadable("content/data/extra.yaml"),
    ),
    "folder_named_like_markdown": bad(
        "content/articles/x.md: error: a folder is named like a Markdown file; rename it",
        prepare=make_folder("content/articles/x.md"),
    ),
    "file_name_not_utf8": bad(
        "content/articles/caf\\udce9.md: error: the file name is not UTF-8; rename it (letters, digits and '-' are "
        "safest)",
        prepare=non_utf8_name,
    ),
    "hidden_files_are_ignored": good(
        {"content/articles/.draft.md": "not even front matter", "content/articles/.git/x.md": b"\xff\xfe"},
        check=has_title("Good", "articles/good/"),
    ),
}


def snapshot(folder: Path, skip: tuple[Path, ...]) -> dict[str, tuple[object, ...]]:
    """Every entry under folder (links not followed): kind, permissions and content hash or link target."""
    found: dict[str, tuple[object, ...]] = {}
    for top, dirs, files in os.walk(folder, followlinks=False):
        here = Path(top)
        dirs[:] = [d for d in dirs if here / d not in skip]
        for name in dirs + files:
            path = here / name
            info = path.lstat()
            rel = path.relative_to(folder).as_posix()
            if stat.S_ISLNK(info.st_mode):
                found[rel] = ("link", str(path.readlink()))
            elif stat.S_ISDIR(info.st_mode):
                found[rel] = ("dir", stat.S_IMODE(info.st_mode))
            else:
                with path.open("rb") as file:  # not Path.read_bytes, which a case may have made refuse
                    found[rel] = ("file", stat.S_IMODE(info.st_mode), hashlib.sha256(file.read()).hexdigest())
    return found


def test_the_catalogue_is_large_enough():
    assert len(CASES) >= 50
    assert sum(case.message is not None for case in CASES.values()) >= 50


@pytest.mark.parametrize("case", CASES.values(), ids=CASES.keys())
def test_bad_input(case: Case, make_site, run_build, tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    root = make_site(GOOD)
    first = run_build(root)
    assert first.code == 0, first.err
    site_before = tree_digest(root / "_site")
    make_site(case.files)
    if case.prepare:
        case.prepare(root, monkeypatch)
    skip = tuple(root / name for name in BUILD_OWNED)
    tree_before = snapshot(tmp_path, skip)

    result = run_build(root)
    monkeypatch.undo()  # the real file functions again, for the checks below

    output = result.out + result.err
    assert "Traceback" not in output
    assert "internal error" not in output
    if case.message is None:
        assert result.code == 0, result.err
        if case.check:
            case.check(root)
    elif not (case.or_builds and result.code == 0):
        assert result.code == 1, output
        assert case.message in result.err.splitlines(), result.err
        assert tree_digest(root / "_site") == site_before
    assert snapshot(tmp_path, skip) == tree_before
