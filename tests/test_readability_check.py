"""The reading check of each language: English grades, Spanish reading ease, and the targets in site.yaml."""

from __future__ import annotations

import pytest
from conftest import LANGUAGES, SITE_YAML, article, copy_site, page

CHECK = "readability:\n  check: true\n  target: 9\n"
# 19 words, 1 sentence, 83 syllables: Szigriszt-Pazos 206.835 - 62.3 * 83/19 - 19 = -84.3;
# Fernández-Huerta 206.84 - 60 * 83/19 - 1.02 * 19 = -74.6.
HARD_ES = (
    "Las investigaciones epidemiológicas observacionales demuestran considerables variabilidades "
    "interindividuales en la biodisponibilidad del magnesio según características metabólicas "
    "individuales determinadas genéticamente."
)
# 12 words, 2 sentences, 20 syllables: 206.835 - 62.3 * 20/12 - 6 = 97.0; 206.84 - 100 - 6.12 = 100.7.
EASY_ES = "El magnesio es un mineral. Una parte se guarda en el hueso."
HARD_EN = (
    "Comprehensive epidemiological investigations demonstrate considerable interindividual "
    "variability in magnesium bioavailability characteristics."
)


def _site(make_site, policy: str, es_summary: str, en_summary: str = "A short summary."):
    return make_site(
        {
            "content/site.yaml": SITE_YAML + policy + LANGUAGES,
            "content/index.md": page("Home", "Welcome.\n"),
            "content/es/index.md": page("Inicio", "Bienvenida.\n"),
            "content/articles/bone.md": article("Bone", "Text.\n").replace("A short summary.", en_summary),
            "content/es/articles/hueso.md": article("Hueso", "Texto.\n", translation_key="articles/bone").replace(
                "A short summary.", es_summary
            ),
        }
    )


def _readability_lines(err: str) -> list[str]:
    return [line for line in err.splitlines() if " reads at " in line or " read at " in line]


def test_a_hard_spanish_summary_is_warned_with_both_scores(make_site, run_build):
    root = _site(make_site, CHECK, HARD_ES, HARD_EN)
    result = run_build(root)
    assert _readability_lines(result.err) == [
        "content/articles/bone.md:3: warning: summary reads at grade 34.7, above the target 9; "
        "use shorter sentences and words",
        "content/es/articles/hueso.md:3: warning: summary reads at -84.3 on the Szigriszt-Pazos scale "
        "(very difficult; Fernández-Huerta -74.6), below the target 55; use shorter sentences and words",
    ]


def test_an_easy_spanish_summary_passes(make_site, run_build):
    root = _site(make_site, CHECK, EASY_ES)
    assert _readability_lines(run_build(root).err) == []


def test_the_spanish_target_comes_from_targets(make_site, run_build):
    root = _site(make_site, CHECK + "  targets:\n    es: 98\n", EASY_ES)
    assert _readability_lines(run_build(root).err) == [
        "content/es/articles/hueso.md:3: warning: summary reads at 97.0 on the Szigriszt-Pazos scale "
        "(very easy; Fernández-Huerta 100.7), below the target 98; use shorter sentences and words",
    ]
    (root / "content/site.yaml").write_text(SITE_YAML + CHECK + "  targets:\n    es: 97\n" + LANGUAGES)
    assert _readability_lines(run_build(root).err) == []


def test_spanish_key_points_are_checked(make_site, run_build):
    body = '!!! keypoints "Puntos clave"\n    - ' + HARD_ES + "\n\nTexto.\n"
    root = _site(make_site, CHECK, EASY_ES)
    (root / "content/es/articles/hueso.md").write_text(
        article("Hueso", body, translation_key="articles/bone").replace("A short summary.", EASY_ES)
    )
    lines = _readability_lines(run_build(root).err)
    assert len(lines) == 1
    assert lines[0].startswith("content/es/articles/hueso.md:")
    assert "warning: key points read at -84.3 on the Szigriszt-Pazos scale" in lines[0]


def test_nothing_is_measured_while_the_check_is_off(make_site, run_build):
    root = _site(make_site, "readability:\n  check: false\n  targets:\n    es: 55\n", HARD_ES, HARD_EN)
    assert _readability_lines(run_build(root).err) == []


def test_a_language_without_a_formula_is_not_measured(make_site, run_build):
    files = {
        "content/site.yaml": SITE_YAML + CHECK + "languages:\n  fr:\n    title: Site\n    description: Un site.\n",
        "content/fr/index.md": page("Accueil", "Bienvenue.\n"),
        "content/fr/articles/os.md": article("Os", "Texte.\n").replace("A short summary.", HARD_EN),
    }
    root = make_site(files)
    assert _readability_lines(run_build(root).err) == []


TARGET_ERRORS = {
    "not_a_number": (
        "  targets:\n    es: easy\n",
        "content/site.yaml:8: error: 'es': expected a number, got text 'easy'",
    ),
    "out_of_range": (
        "  targets:\n    es: 120\n",
        "content/site.yaml:8: error: 'es': 120 is out of range; use a number from 0 to 100",
    ),
    "english": (
        "  targets:\n    en: 9\n",
        "content/site.yaml:8: error: 'readability: targets': 'en' is measured by its grade, set with "
        "'readability: target'; write target: 9 there instead",
    ),
    "no_formula": (
        "  targets:\n    de: 60\n",
        "content/site.yaml:8: error: 'readability: targets': 'de' has no reading-ease formula; the check measures "
        "only en (with 'target') and es (Spanish, Szigriszt-Pazos); remove it",
    ),
    "not_a_mapping": (
        "  targets: 55\n",
        "content/site.yaml:7: error: 'targets': expected a mapping of 'key: value' lines, got a number",
    ),
}


@pytest.mark.parametrize(("lines", "message"), TARGET_ERRORS.values(), ids=TARGET_ERRORS.keys())
def test_a_bad_target_is_reported_at_its_line(make_site, run_build, lines, message):
    root = _site(make_site, CHECK + lines, EASY_ES)
    result = run_build(root)
    assert result.code == 1
    assert message in result.err.splitlines(), result.err


def test_a_target_for_a_language_the_site_lacks_is_reported(make_site, run_build):
    root = make_site({"content/site.yaml": SITE_YAML + CHECK + "  targets:\n    es: 55\n"})
    result = run_build(root)
    assert result.code == 1
    assert (
        "content/site.yaml:8: error: 'readability: targets': 'es' is not a language of this site (en); "
        "add it under 'languages:' or remove it"
    ) in result.err.splitlines()


def test_a_spanish_site_measures_its_own_pages_in_spanish(make_site, run_build):
    files = {
        "content/site.yaml": SITE_YAML + "language: es\n" + CHECK + "  language: es\n",
        "content/articles/hueso.md": article("Hueso", "Texto.\n").replace("A short summary.", HARD_ES),
    }
    root = make_site(files)
    lines = _readability_lines(run_build(root).err)
    assert lines == [
        "content/articles/hueso.md:3: warning: summary reads at -84.3 on the Szigriszt-Pazos scale "
        "(very difficult; Fernández-Huerta -74.6), below the target 55; use shorter sentences and words",
    ]


def test_this_site_checks_spanish_and_every_spanish_article_passes(tmp_path, run_build):
    root = copy_site(tmp_path / "site")
    assert "  targets:\n    es: 55\n" in (root / "content/site.yaml").read_text()
    result = run_build(root, "--no-search")
    assert result.code == 0, result.err
    assert _readability_lines(result.err) == []
    # The check does run on them: a target no text can reach warns of every Spanish summary and key-point list.
    text = (root / "content/site.yaml").read_text().replace("    es: 55\n", "    es: 100\n")
    (root / "content/site.yaml").write_text(text)
    lines = _readability_lines(run_build(root, "--no-search").err)
    spanish = sorted((root / "content/es/articles").glob("*.md"))
    assert len(spanish) == 12
    assert len(lines) == 2 * len(spanish)
    assert all(line.startswith("content/es/articles/") and "below the target 100" in line for line in lines)
