"""A translated page says who translated it and whether anyone reviewed the translation, never more."""

from __future__ import annotations

import json
import re
from pathlib import Path

import yaml
from conftest import LANGUAGES, SITE_YAML, article, page

from citesite.cli import main
from citesite.source.strings import THEME_STRINGS

EDITORS = "los editores del sitio"
SITE = {
    "content/site.yaml": SITE_YAML + LANGUAGES,
    "content/index.md": page("Home", "Welcome.\n"),
    "content/es/index.md": page("Inicio", "Bienvenida.\n", translated_by=EDITORS),
    "content/articles/bone.md": article("Bone", "Adults need 310 mg.\n", reviewed="2026-11-01"),
    "content/es/articles/huesos.md": article(
        "Huesos", "Los adultos necesitan 310 mg.\n", translation_key="articles/bone", translated_by=EDITORS
    ),
    "content/pages/about.md": page("About", "Us.\n"),
    "content/es/pages/acerca-de.md": page(
        "Acerca de", "Nosotros.\n", translation_key="pages/about", translated_by=EDITORS
    ),
}
REVIEWERS = """[{name: Ana Ejemplo, credentials: traductora médica, date: 2026-12-03, scope: toda la página}]"""
NOT_REVIEWED = (
    '<p class="reviewed translation-info">Traducción de la página en inglés, hecha por los editores del sitio. '
    "Nadie ha revisado aún esta traducción.</p>"
)
NEW_KEYS = (
    "cite_original_checked",
    "original_checked_by_editors",
    "translation_of_original",
    "translation_made_by",
    "translation_not_reviewed",
    "translation_reviewed_by",
    "translation_reviewed_on",
)


def _stamped(make_site, files: dict[str, str], monkeypatch) -> Path:
    """The site with every translation stamped, so a strict build warns of nothing else."""
    root = make_site(files, skeleton=False)
    monkeypatch.chdir(root)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1795000000")  # 2026-11-18, the day the builds run
    for rel in sorted(files):
        if rel.startswith("content/es/"):
            assert main(["translate", "stamp", rel, "--root", str(root)]) == 0
    return root


def _read(root: Path, rel: str) -> str:
    return (root / "_site" / rel).read_text(encoding="utf-8")


def _json_ld(html: str) -> dict[str, object]:
    found = re.search(r'<script type="application/ld\+json">(.*?)</script>', html)
    assert found
    data: dict[str, object] = json.loads(found.group(1))
    return data


def test_a_translated_article_says_who_translated_it_that_nobody_reviewed_it_and_whose_sources_were_checked(
    make_site, run_build, monkeypatch
):
    root = _stamped(make_site, SITE, monkeypatch)
    assert run_build(root, "--strict").code == 0
    spanish = _read(root, "es/articles/huesos/index.html")
    assert (
        '<p class="reviewed">Los editores revisaron por última vez la página en inglés frente a sus fuentes el '
        '<time datetime="2026-11-01">1 de noviembre de 2026</time>'
    ) in spanish
    assert spanish.count(NOT_REVIEWED) == 1
    assert (
        '<span class="cite-url">https://example.org/sub/es/articles/huesos/</span>. Página en inglés revisada por última vez el 1 de noviembre de 2026.</p>'
        in spanish
    )
    assert "Revisado por última vez frente a sus fuentes por los editores" not in spanish
    english = _read(root, "articles/bone/index.html")
    assert '<p class="reviewed">Last checked against its sources by the editors <time' in english
    assert "translation-info" not in english


def test_a_translated_page_that_is_not_an_article_says_it_in_its_footer(make_site, run_build, monkeypatch):
    root = _stamped(make_site, SITE, monkeypatch)
    assert run_build(root, "--strict").code == 0
    for rel in ("es/acerca-de/index.html", "es/index.html"):
        assert _read(root, rel).count(NOT_REVIEWED) == 1, rel
    assert "translation-info" not in _read(root, "about/index.html")


def test_a_reviewed_translation_names_its_reviewers_with_credentials_date_and_scope(make_site, run_build, monkeypatch):
    reviewed = article(
        "Huesos",
        "Los adultos necesitan 310 mg.\n",
        translation_key="articles/bone",
        translated_by=EDITORS,
        translation_reviewers=REVIEWERS,
    )
    root = _stamped(make_site, {**SITE, "content/es/articles/huesos.md": reviewed}, monkeypatch)
    assert run_build(root, "--strict").code == 0
    assert (
        '<p class="reviewed translation-info">Traducción de la página en inglés, hecha por los editores del sitio. '
        'Traducción revisada por Ana Ejemplo (traductora médica) el <time datetime="2026-12-03">3 de diciembre de '
        "2026</time> (toda la página).</p>"
    ) in _read(root, "es/articles/huesos/index.html")
    (root / "content/articles/bone.md").write_text(article("Bone", "Adults need 320 mg.\n"), encoding="utf-8")
    assert run_build(root).code == 0  # the translation comes from the build cache this time
    assert "Traducción revisada por Ana Ejemplo" in _read(root, "es/articles/huesos/index.html")


def test_the_json_ld_of_a_translation_names_its_original_and_its_translator(make_site, run_build, monkeypatch):
    root = _stamped(make_site, SITE, monkeypatch)
    assert run_build(root, "--strict").code == 0
    data = _json_ld(_read(root, "es/articles/huesos/index.html"))
    assert data["translationOfWork"] == {
        "@type": "CreativeWork",
        "url": "https://example.org/sub/articles/bone/",
        "inLanguage": "en",
    }
    assert data["translator"] == {"@type": "Organization", "name": EDITORS}
    english = _json_ld(_read(root, "articles/bone/index.html"))
    assert "translationOfWork" not in english and "translator" not in english


def test_a_translation_that_does_not_say_who_translated_it_is_a_warning_at_its_line(make_site, run_build, monkeypatch):
    unsigned = article("Huesos", "Los adultos necesitan 310 mg.\n", translation_key="articles/bone")
    root = _stamped(make_site, {**SITE, "content/es/articles/huesos.md": unsigned}, monkeypatch)
    result = run_build(root, "--strict")
    assert result.code == 1
    assert result.err.splitlines() == [
        "content/es/articles/huesos.md:4: warning: this 'es' page does not say who translated it; add "
        "'translated_by:' to its front matter (e.g. translated_by: the site's editors), and "
        "'translation_reviewers:' once someone has reviewed it",
        "0 errors, 1 warning (strict: warnings fail the build)",
    ]
    assert run_build(root).code == 0  # a warning: the page is published, and says only what is known
    assert "Traducción de la página en inglés. Nadie ha revisado aún esta traducción." in _read(
        root, "es/articles/huesos/index.html"
    )
    again = run_build(root)  # nothing changed: the warning is said again
    assert again.out.startswith("Up to date") and "does not say who translated it" in again.err


def test_a_translation_reviewer_without_a_date_is_an_error_at_its_line(make_site, run_build):
    broken = article(
        "Huesos",
        "Texto.\n",
        translation_key="articles/bone",
        translated_by=EDITORS,
        translation_reviewers="\n  - name: Ana Ejemplo",
    )
    root = make_site({**SITE, "content/es/articles/huesos.md": broken}, skeleton=False)
    result = run_build(root)
    assert result.code == 1
    assert (
        "content/es/articles/huesos.md:7: error: missing required key 'date' (the day they reviewed it, YYYY-MM-DD)"
        in result.err
    )


def test_every_language_of_the_theme_has_every_text_the_translation_credit_needs():
    english = yaml.safe_load((THEME_STRINGS / "en.yaml").read_text(encoding="utf-8"))
    assert all(key in english for key in NEW_KEYS)
    for path in sorted(THEME_STRINGS.glob("*.yaml")):
        texts = yaml.safe_load(path.read_text(encoding="utf-8"))
        assert sorted(key for key in english if key not in texts) == [], path.name
        assert "{translator}" in texts["translation_made_by"], path.name
