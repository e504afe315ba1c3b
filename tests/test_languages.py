"""A site in two languages: pages paired by key, the switcher, hreflang, sitemap, feeds, 404s and words."""

from __future__ import annotations

import datetime as dt
import gzip
import json
import re
from pathlib import Path

import yaml
from conftest import LANGUAGES, SITE_YAML, article, page

from citesite.source.strings import theme_strings

PROJECT = Path(__file__).resolve().parent.parent
BASE = "https://example.org/sub/"

TWO_LANGUAGES = {
    "content/site.yaml": SITE_YAML + LANGUAGES,
    "content/index.md": page("Home", "Welcome.\n"),
    "content/es/index.md": page("Inicio", "Bienvenida.\n"),
    "content/articles/magnesium-and-bone.md": article("Bone", "Adults need 310 mg [@ods].\n"),
    "content/articles/other.md": article("Other", "Only in English.\n"),
    "content/es/articles/magnesio-y-huesos.md": article(
        "Huesos", "Los adultos necesitan 310 mg [@ods].\n", translation_key="articles/magnesium-and-bone"
    ),
    "content/pages/about.md": page("About", "Us.\n"),
    "content/404.md": page("Not found", "Gone.\n"),
    "content/es/404.md": page("No encontrada", "No está.\n"),
    "content/data/references.yaml": "- key: ods\n  title: Magnesium fact sheet\n  url: https://ods.od.nih.gov/\n",
}


def _alternates(html: str) -> list[str]:
    return re.findall(r'<link rel="alternate" hreflang="[^"]+" href="[^"]+">', html)


def _read(root: Path, rel: str) -> str:
    return (root / "_site" / rel).read_text(encoding="utf-8")


def test_a_translated_page_and_its_original_name_each_other_in_their_heads_and_in_the_sitemap(make_site, run_build):
    root = make_site(TWO_LANGUAGES, skeleton=False)
    assert run_build(root).code == 0
    expected = [
        f'<link rel="alternate" hreflang="en" href="{BASE}articles/magnesium-and-bone/">',
        f'<link rel="alternate" hreflang="es" href="{BASE}es/articles/magnesio-y-huesos/">',
        f'<link rel="alternate" hreflang="x-default" href="{BASE}articles/magnesium-and-bone/">',
    ]
    english = _read(root, "articles/magnesium-and-bone/index.html")
    spanish = _read(root, "es/articles/magnesio-y-huesos/index.html")
    assert _alternates(english) == expected
    assert _alternates(spanish) == expected
    assert english.startswith('<!doctype html>\n<html lang="en">')
    assert spanish.startswith('<!doctype html>\n<html lang="es">')
    sitemap = _read(root, "sitemap.xml")
    in_sitemap = [
        f'    <xhtml:link rel="alternate" hreflang="{code}" href="{address}"/>'
        for code, address in re.findall(r'hreflang="([^"]+)" href="([^"]+)"', "\n".join(expected))
    ]
    for loc in ("articles/magnesium-and-bone/", "es/articles/magnesio-y-huesos/"):
        entry = sitemap.split(f"<url><loc>{BASE}{loc}</loc>\n", 1)[1].split("  </url>", 1)[0]
        assert entry.splitlines()[:3] == in_sitemap
    assert sitemap.splitlines()[1] == (
        '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:xhtml="http://www.w3.org/1999/xhtml">'
    )


def test_a_page_without_a_translation_has_no_alternates_and_its_switcher_says_so_in_spanish(make_site, run_build):
    root = make_site(TWO_LANGUAGES, skeleton=False)
    assert run_build(root).code == 0
    html = _read(root, "articles/other/index.html")
    assert _alternates(html) == []
    assert (
        '<li lang="es"><details class="no-translation"><summary data-code="ES">Español</summary>\n'
        "<p>Esta página aún no está disponible en español. "
        '<a href="../../es/" hreflang="es">Ir a la página principal en español</a></p>\n'
        "</details></li>"
    ) in html
    assert "<url><loc>https://example.org/sub/articles/other/</loc>\n    <lastmod>" in _read(root, "sitemap.xml")


def test_the_switcher_lands_on_the_paired_page_in_both_directions(make_site, run_build):
    root = make_site(TWO_LANGUAGES, skeleton=False)
    assert run_build(root).code == 0
    english = _read(root, "articles/magnesium-and-bone/index.html")
    spanish = _read(root, "es/articles/magnesio-y-huesos/index.html")
    assert (
        '<li lang="es"><a href="../../es/articles/magnesio-y-huesos/" hreflang="es" rel="alternate" data-code="ES">Español</a></li>'
        in english
    )
    assert (
        '<li lang="en"><a href="../../../articles/magnesium-and-bone/" hreflang="en" rel="alternate" data-code="EN">English</a></li>'
        in spanish
    )


def test_a_spanish_page_speaks_spanish_and_links_its_own_home_articles_and_feed(make_site, run_build):
    root = make_site(TWO_LANGUAGES, skeleton=False)
    assert run_build(root).code == 0
    html = _read(root, "es/articles/magnesio-y-huesos/index.html")
    assert "<title>Huesos | Sitio de prueba</title>" in html
    assert '<a class="skip-link" href="#main">Saltar al contenido</a>' in html
    assert '<a class="site-name" href="../../"><img' in html
    assert '<link rel="alternate" type="application/atom+xml" title="Sitio de prueba" href="../../feed.xml">' in html
    menu = html.split('<details class="topics">', 1)[1].split("</details>", 1)[0]
    assert re.findall(r">([^<>]+)</a>", menu) == ["Huesos"]  # no English article in the Spanish menu
    assert '"inLanguage":"es"' in html


def test_english_sources_are_marked_as_english_on_spanish_pages_only(make_site, run_build):
    root = make_site(TWO_LANGUAGES, skeleton=False)
    assert run_build(root).code == 0
    marker = '<span class="source-language">(en inglés)</span>'
    assert marker in _read(root, "es/articles/magnesio-y-huesos/index.html")
    assert "source-language" not in _read(root, "articles/magnesium-and-bone/index.html")


def test_the_spanish_home_lists_what_is_only_in_english_and_never_publishes_it_under_es(make_site, run_build):
    root = make_site(TWO_LANGUAGES, skeleton=False)
    assert run_build(root).code == 0
    home = _read(root, "es/index.html")
    section = home.split('<section class="cards only-original"', 1)[1].split("</section>", 1)[0]
    assert '<h2 id="only-original-heading">Solo en inglés</h2>' in section
    assert re.findall(r'<a href="([^"]+)" hreflang="en">([^<]+)</a>', section) == [("../articles/other/", "Other")]
    published = sorted(p.relative_to(root / "_site" / "es").as_posix() for p in (root / "_site/es").rglob("*.html"))
    assert published == ["404.html", "articles/magnesio-y-huesos/index.html", "index.html"]
    assert "only-original" not in _read(root, "index.html")


def test_each_language_has_its_own_feed_and_404_page(make_site, run_build):
    root = make_site(TWO_LANGUAGES, skeleton=False)
    assert run_build(root).code == 0
    spanish = _read(root, "es/feed.xml")
    english = _read(root, "feed.xml")
    assert '<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="es">' in spanish
    assert '<link rel="self" href="https://example.org/sub/es/feed.xml"/>' in spanish
    assert re.findall(r"<title>([^<]+)</title>", spanish) == ["Sitio de prueba", "Huesos"]
    assert re.findall(r"<title>([^<]+)</title>", english) == [
        "Test Site",
        "Other",
        "Bone",
    ]  # same date: by URL, last first
    notfound = _read(root, "es/404.html")
    assert notfound.startswith('<!doctype html>\n<html lang="es">')
    assert "<h1>No encontrada</h1>" in notfound


def test_a_pairing_that_points_nowhere_is_an_error_at_its_line_with_the_closest_page(make_site, run_build):
    broken = article("Huesos", translation_key="articles/magnesium-and-bones")
    root = make_site({**TWO_LANGUAGES, "content/es/articles/magnesio-y-huesos.md": broken}, skeleton=False)
    result = run_build(root)
    assert result.code == 1
    assert [line for line in result.err.splitlines() if ": error: " in line] == [
        (
            "content/es/articles/magnesio-y-huesos.md:4: error: 'es' page of 'articles/magnesium-and-bones', but "
            "content/articles/magnesium-and-bones.md is not a page; set 'translation_key:' to the path under content/ "
            "(without .md) of the page this one translates; did you mean 'articles/magnesium-and-bone'?"
        )
    ]
    assert "Traceback" not in result.err


def test_a_page_in_a_language_the_site_does_not_declare_is_an_error_with_the_closest_language(make_site, run_build):
    root = make_site({**TWO_LANGUAGES, "content/se/articles/x.md": article("X")}, skeleton=False)
    result = run_build(root)
    assert result.code == 1
    assert [line for line in result.err.splitlines() if ": error: " in line] == [
        (
            "content/se/articles/x.md:1: error: 'se/' holds pages in a language the site does not declare; "
            "did you mean 'es'?; add it to site.yaml ('languages: {se: {title: …, description: …}}') "
            "or rename the folder (languages: es)"
        )
    ]


def test_a_language_that_is_the_sites_own_or_not_a_code_is_an_error_at_its_line(make_site, run_build):
    settings = SITE_YAML + "languages:\n  en: {title: T, description: D}\n  Spanish: {title: T, description: D}\n"
    root = make_site({**TWO_LANGUAGES, "content/site.yaml": settings}, skeleton=False)
    result = run_build(root)
    assert result.code == 1
    assert result.err.splitlines()[:2] == [
        "content/site.yaml:5: error: 'languages': 'en' is the site's own language ('language: en'); "
        "list only the others",
        "content/site.yaml:6: error: 'languages': 'Spanish' is not a language code; write a code such as es or pt-BR",
    ]


def test_the_spanish_strings_file_has_every_key_of_the_english_one():
    folder = PROJECT / "citesite/theme/strings"
    english = yaml.safe_load((folder / "en.yaml").read_text(encoding="utf-8"))
    spanish = yaml.safe_load((folder / "es.yaml").read_text(encoding="utf-8"))
    assert sorted(spanish) == sorted(english)
    assert [key for key in english if key not in ("pubmed_link",) and spanish[key] == english[key]] == []


def test_spanish_dates_and_numbers_are_written_the_spanish_way():
    strings = theme_strings("es")
    assert strings.date(dt.date(2026, 6, 14)) == "14 de junio de 2026"
    assert strings.number(1.5) == "1,5"
    assert strings.number(1234.5) == "1.234,5"


def _pagefind_files(root: Path, folder: str, language: str) -> list[bytes]:
    """The decompressed Pagefind files of one language (fragments: one page each; index: the words)."""
    found = sorted((root / "_site/pagefind" / folder).glob(f"{language}_*"))
    return [gzip.decompress(path.read_bytes()).removeprefix(b"pagefind_dcd") for path in found]


def test_search_has_one_index_per_language_and_the_spanish_one_holds_only_spanish_pages(make_site, run_build):
    root = make_site(TWO_LANGUAGES, skeleton=False)
    assert run_build(root, search=True).code == 0
    entry = json.loads((root / "_site/pagefind/pagefind-entry.json").read_text(encoding="utf-8"))
    assert {code: found["page_count"] for code, found in entry["languages"].items()} == {"en": 4, "es": 2}
    spanish = [json.loads(fragment)["url"] for fragment in _pagefind_files(root, "fragment", "es")]
    english = [json.loads(fragment)["url"] for fragment in _pagefind_files(root, "fragment", "en")]
    assert sorted(spanish) == ["/es/", "/es/articles/magnesio-y-huesos/"]
    assert sorted(english) == ["/", "/about/", "/articles/magnesium-and-bone/", "/articles/other/"]
    # Spanish stemming: 'huesos' and 'hueso' are indexed as 'hues', in the Spanish index only.
    assert any(b"dhues" in index for index in _pagefind_files(root, "index", "es"))
    assert not any(b"hues" in index for index in _pagefind_files(root, "index", "en"))


def test_a_rebuild_follows_the_original_to_its_new_address_in_the_switcher_and_alternates(make_site, run_build):
    root = make_site(TWO_LANGUAGES, skeleton=False)
    assert run_build(root).code == 0
    (root / "content/articles/magnesium-and-bone.md").write_text(
        article("Bone", "Adults need 310 mg [@ods].\n", slug="bone"), encoding="utf-8"
    )
    assert run_build(root).code == 0  # with the cache: only what changed is rebuilt
    spanish = _read(root, "es/articles/magnesio-y-huesos/index.html")
    assert (
        '<li lang="en"><a href="../../../articles/bone/" hreflang="en" rel="alternate" data-code="EN">English</a></li>'
        in spanish
    )
    assert f'<link rel="alternate" hreflang="en" href="{BASE}articles/bone/">' in spanish
    assert "magnesium-and-bone" not in spanish


def test_a_rebuild_lists_a_newly_translated_article_no_longer_as_only_in_english(make_site, run_build):
    root = make_site(TWO_LANGUAGES, skeleton=False)
    assert run_build(root).code == 0
    (root / "content/es/articles/otro.md").write_text(
        article("Otro", "Solo en inglés hasta hoy.\n", translation_key="articles/other"), encoding="utf-8"
    )
    assert run_build(root).code == 0
    home = _read(root, "es/index.html")
    assert "only-original" not in home
    assert (
        '<li lang="es"><a href="../../es/articles/otro/" hreflang="es" rel="alternate" data-code="ES">Español</a></li>'
        in _read(root, "articles/other/index.html")
    )
