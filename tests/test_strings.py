"""The words readers see come from one strings file per language, which a site changes key by key."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from conftest import SITE_YAML, article, page

from citesite.cli import main
from citesite.source.strings import Strings, theme_strings

PROJECT = Path(__file__).resolve().parent.parent

BARE_SITE = {
    "content/site.yaml": SITE_YAML,
    "content/index.md": "---\ntitle: Home\nsummary: The home page.\n---\nWelcome.\n",
    "content/articles/a.md": article("An article", reviewed="2026-06-14"),
    "content/pages/about.md": page("About"),
}

SPANISH = """\
months: [enero, febrero, marzo, abril, mayo, junio, julio, agosto, septiembre, octubre, noviembre, diciembre]
date: "{day} de {month} de {year}"
decimal_separator: ","
thousands_separator: "."
print: Imprimir
"""


def test_a_string_the_site_changes_is_shown_on_every_kind_of_page(tmp_path, run_build):
    root = tmp_path / "site"
    assert main(["init", str(root)]) == 0
    (root / "templates/strings").mkdir(parents=True)
    (root / "templates/strings/en.yaml").write_text("skip_link: Jump to the text\n", encoding="utf-8")
    assert run_build(root).code == 0
    pages = sorted((root / "_site").rglob("*.html"))
    kinds = {html.read_text(encoding="utf-8").split('<body class="', 1)[1].split('"', 1)[0] for html in pages}
    assert kinds == {"kind-home", "kind-article", "kind-page", "kind-notfound"}
    assert {path.relative_to(root / "_site").as_posix() for path in pages} >= {
        "404.html",
        "glossary/index.html",
        "references/index.html",
        "search/index.html",
    }
    for html in pages:
        text = html.read_text(encoding="utf-8")
        assert '<a class="skip-link" href="#main">Jump to the text</a>' in text, html
        assert "Skip to content" not in text, html


def test_an_unknown_key_in_the_sites_strings_is_an_error_at_its_line_with_the_closest_key(make_site, run_build):
    strings = "print: Print it\nskip_lnk: Jump\nnot_a_key_at_all: x\n"
    root = make_site({**BARE_SITE, "templates/strings/en.yaml": strings}, skeleton=False)
    result = run_build(root)
    assert result.code == 1
    assert result.err.splitlines()[:2] == [
        "templates/strings/en.yaml:2: error: unknown strings key 'skip_lnk'; did you mean 'skip_link'?",
        "templates/strings/en.yaml:3: error: unknown strings key 'not_a_key_at_all'; "
        "the keys are those of citesite/theme/strings/en.yaml",
    ]


def test_a_text_with_a_placeholder_it_cannot_fill_or_months_that_are_not_twelve_are_errors(make_site, run_build):
    strings = 'published_by: "By {nme}."\nmonths: [Jan, Feb]\nprint: [1, 2]\n'
    root = make_site({**BARE_SITE, "templates/strings/en.yaml": strings}, skeleton=False)
    result = run_build(root)
    assert result.code == 1
    assert result.err.splitlines()[:3] == [
        "templates/strings/en.yaml:1: error: 'published_by': unknown placeholder {nme}; this text may use {name}",
        "templates/strings/en.yaml:2: error: 'months' must list the twelve month names, January first",
        "templates/strings/en.yaml:3: error: 'print' must be text; put it in quotes",
    ]


def test_a_key_the_strings_do_not_have_is_a_warning_that_fails_a_strict_build(make_site, run_build):
    footer = '<footer>{{ t("thanks_for_reading") }} {{ t("atom_fed") }}</footer>\n'
    root = make_site({**BARE_SITE, "templates/partials/footer.html": footer}, skeleton=False)
    expected = [
        "templates/partials/footer.html:1: warning: unknown strings key 'atom_fed' in t(); the page shows "
        "the key itself; did you mean 'atom_feed'?",
        "templates/partials/footer.html:1: warning: unknown strings key 'thanks_for_reading' in t(); the page shows "
        "the key itself; use a key of citesite/theme/strings/en.yaml",
    ]
    strict = run_build(root, "--strict")
    assert strict.code == 1
    assert [line for line in strict.err.splitlines() if "strings key" in line] == expected
    result = run_build(root)
    assert result.code == 0
    assert [line for line in result.err.splitlines() if "strings key" in line] == expected
    assert "<footer>thanks_for_reading atom_fed</footer>" in (root / "_site/about/index.html").read_text()


def spanish_strings() -> str:
    """A complete strings file for 'es': the format keys in Spanish, every text marked as translated."""
    texts = [f'{key}: "es: {text}"' for key, text in theme_strings().texts.items() if key != "print"]
    return SPANISH + "\n".join(texts) + "\n"


def test_dates_and_numbers_are_written_as_the_languages_strings_file_says(make_site, run_build):
    settings = SITE_YAML + "language: es\n"
    numbers = '{% extends "theme/page.html" %}{% block after_content %}<p>{{ 1.5 | number }} {{ 1234567.25 | number }}</p>{% endblock %}\n'
    files = {
        **BARE_SITE,
        "content/site.yaml": settings,
        "templates/strings/es.yaml": spanish_strings(),
        "templates/page.html": numbers,
    }
    root = make_site(files, skeleton=False)
    assert run_build(root, "--strict").code == 0
    html = (root / "_site/articles/a/index.html").read_text(encoding="utf-8")
    assert '<time datetime="2026-06-14">14 de junio de 2026</time>' in html
    assert '<button class="print-button" type="button" data-pagefind-ignore>Imprimir</button>' in html
    assert "<p>1,5 1.234.567,25</p>" in (root / "_site/about/index.html").read_text(encoding="utf-8")


def test_english_dates_and_numbers_come_from_the_themes_strings_file():
    strings = theme_strings()
    assert strings.date(dt.date(2026, 12, 1)) == "1 December 2026"
    assert strings.number(1234.5) == "1,234.5"
    assert strings.text("pubmed_link", pmid=14) == "PubMed 14"
    assert strings.text("no_such_key") == "no_such_key"


def test_a_placeholder_is_filled_by_name_only_never_as_a_python_format():
    strings = Strings({"greeting": "Hi {name} {name.__class__} {0}"})
    assert strings.text("greeting", name="Ann") == "Hi Ann {name.__class__} {0}"


def test_every_text_of_the_theme_is_read_by_a_template_or_the_engine():
    used = "\n".join(path.read_text(encoding="utf-8") for path in (PROJECT / "citesite").rglob("*.html"))
    engine = "\n".join(path.read_text(encoding="utf-8") for path in (PROJECT / "citesite").rglob("*.py"))
    unused = [key for key in theme_strings().texts if f't("{key}"' not in used and f'text("{key}"' not in engine]
    assert unused == []


def test_a_changed_strings_file_rebuilds_the_pages_that_show_its_texts(make_site, run_build):
    root = make_site({**BARE_SITE, "templates/strings/en.yaml": "print: Print it\n"}, skeleton=False)
    assert run_build(root).code == 0
    assert run_build(root).out.startswith("Up to date")
    (root / "templates/strings/en.yaml").write_text("print: Print this article\n", encoding="utf-8")
    assert run_build(root).code == 0
    html = (root / "_site/articles/a/index.html").read_text(encoding="utf-8")
    assert '<button class="print-button" type="button" data-pagefind-ignore>Print this article</button>' in html


def test_a_language_the_theme_has_no_words_in_warns_until_the_site_gives_every_text(make_site, run_build):
    settings = SITE_YAML + "language: pt\n"  # a language the theme has no words in
    root = make_site({**BARE_SITE, "content/site.yaml": settings}, skeleton=False)
    result = run_build(root, "--strict")
    assert result.code == 1
    assert (
        "content/site.yaml:4: warning: 'language': the theme has no words in 'pt', so pages show its English ones; "
        "add templates/strings/pt.yaml with the keys of citesite/theme/strings/en.yaml"
    ) in result.err.splitlines()
    (root / "templates/strings").mkdir(parents=True)
    (root / "templates/strings/pt.yaml").write_text(SPANISH, encoding="utf-8")
    result = run_build(root, "--strict")
    assert result.code == 1
    gaps = [line for line in result.err.splitlines() if line.startswith("templates/strings/pt.yaml")]
    count = len(theme_strings().texts) - 1 - 5  # every text but 'print', less the five the message names
    assert gaps == [
        "templates/strings/pt.yaml: warning: no 'pt' text for all_topics, atom_feed, breadcrumb, checked_by_editors, "
        f"cite_last_checked and {count} more, so pages show the theme's English; add them to this file"
    ]
    (root / "templates/strings/pt.yaml").write_text(spanish_strings(), encoding="utf-8")
    result = run_build(root, "--strict")
    assert (result.code, result.err) == (0, "")
    assert "es: Skip to content" in (root / "_site/index.html").read_text(encoding="utf-8")


def test_a_strings_file_or_template_that_is_not_utf8_is_reported_not_an_internal_error(make_site, run_build):
    files = {**BARE_SITE, "templates/strings/en.yaml": b"print: Caf\xe9\n"}
    result = run_build(make_site(files, skeleton=False))
    assert result.code == 1
    assert (
        result.err.splitlines()[0]
        == "templates/strings/en.yaml: error: cannot read this strings file; save it as UTF-8 text"
    )
