"""A glossary per language: content/es/data/glossary.yaml, marked on Spanish pages and listed on their glossary page."""

from __future__ import annotations

from conftest import LANGUAGES, SITE_YAML, article, page

GLOSSARY = """\
- term: Osteoclast
  aliases: [osteoclasts]
  definition: A bone cell that breaks down old bone.
- term: Magnesium
  also: [magnesum]
  definition: A mineral.
"""

GLOSSARY_ES = """\
- term: Osteoclasto
  id: osteoclast
  aliases: [osteoclastos]
  definition: Una célula del hueso que deshace el hueso viejo.
- term: Magnesio
  id: magnesium
  also: [magnecio]
  definition: Un mineral.
"""


def _site(glossary_es: str = GLOSSARY_ES) -> dict[str, str]:
    return {
        "content/site.yaml": SITE_YAML + LANGUAGES,
        "content/index.md": page("Home", "Welcome.\n"),
        "content/es/index.md": page("Inicio", "Bienvenida.\n"),
        "content/pages/glossary.md": page("Glossary", "Words.\n", template="glossary"),
        "content/es/pages/glosario.md": page(
            "Glosario", "Palabras.\n", template="glossary", translation_key="pages/glossary"
        ),
        "content/articles/cells.md": article("Cells", "Osteoclasts remove bone. Magnesium too.\n"),
        "content/es/articles/celulas.md": article(
            "Células", "Los osteoclastos deshacen hueso. El magnesio también.\n", translation_key="articles/cells"
        ),
        "content/data/glossary.yaml": GLOSSARY,
        "content/es/data/glossary.yaml": glossary_es,
    }


def _read(root, rel: str) -> str:
    return (root / "_site" / rel).read_text(encoding="utf-8")


def test_a_spanish_page_marks_spanish_terms_and_links_the_spanish_glossary(make_site, run_build):
    root = make_site(_site())
    result = run_build(root)
    assert result.code == 0, result.err
    spanish = _read(root, "es/articles/celulas/index.html")
    assert (
        'Los <a class="term" href="../../glosario/#osteoclast" '
        'title="Una célula del hueso que deshace el hueso viejo.">osteoclastos</a> deshacen hueso.'
    ) in spanish
    assert (
        'El <a class="term" data-pagefind-meta="spellings-magnesium:magnecio" href="../../glosario/#magnesium" '
        'title="Un mineral.">magnesio</a> también.'
    ) in spanish
    english = _read(root, "articles/cells/index.html")
    assert (
        '<a class="term" href="../../glossary/#osteoclast" title="A bone cell that breaks down old bone.">Osteoclasts</a>'
        in english
    )


def test_the_spanish_glossary_page_lists_the_spanish_terms(make_site, run_build):
    root = make_site(_site(), skeleton=False)  # the theme's own glossary template
    result = run_build(root)
    assert result.code == 0, result.err
    html = _read(root, "es/glosario/index.html")
    assert '<dt id="osteoclast" data-pagefind-title="Osteoclasto">Osteoclasto' in html
    assert "<dd>Una célula del hueso que deshace el hueso viejo.</dd>" in html
    assert "A bone cell" not in html
    assert "A bone cell" in _read(root, "glossary/index.html")


def test_a_spanish_term_must_pair_with_an_english_one_by_id(make_site, run_build):
    root = make_site(_site(GLOSSARY_ES.replace("id: osteoclast", "id: osteoclasts")))
    result = run_build(root)
    assert result.code == 1
    assert (
        "content/es/data/glossary.yaml:1: error: 'Osteoclasto' has the id 'osteoclasts', which no term of "
        "content/data/glossary.yaml has; did you mean 'osteoclast'?; give it 'id:' of the term it translates"
    ) in result.err.splitlines()


def test_an_english_term_without_a_spanish_one_is_warned(make_site, run_build):
    root = make_site(_site(GLOSSARY_ES.split("- term: Magnesio")[0]))
    result = run_build(root)
    assert (
        "content/es/data/glossary.yaml:1: warning: no 'es' term for Magnesium, so pages in this language do not "
        "explain them; add each with 'id:' of the English term"
    ) in result.err.splitlines()


def test_without_a_spanish_glossary_spanish_pages_mark_nothing(make_site, run_build):
    files = _site()
    del files["content/es/data/glossary.yaml"]
    root = make_site(files)
    assert run_build(root).code == 0
    assert 'class="term"' not in _read(root, "es/articles/celulas/index.html")


def test_editing_the_spanish_glossary_rebuilds_the_spanish_pages(make_site, run_build):
    root = make_site(_site())
    assert run_build(root).code == 0
    glossary = root / "content/es/data/glossary.yaml"
    glossary.write_text(GLOSSARY_ES.replace("Un mineral.", "Un mineral que el cuerpo necesita."), encoding="utf-8")
    assert run_build(root).code == 0
    spanish = _read(root, "es/articles/celulas/index.html")
    assert 'title="Un mineral que el cuerpo necesita.">magnesio</a>' in spanish
