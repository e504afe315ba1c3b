"""A figure in another language: content/LANG/figures/NAME.svg on that language's pages, the site's one otherwise."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

from conftest import LANGUAGES, SITE_YAML, article, page, tree_digest


def _svg(title: str) -> str:
    return f'<svg viewBox="0 0 10 10" role="img" aria-labelledby="t"><title id="t">{title}</title><circle r="4"></circle></svg>\n'


FILES = {
    "content/site.yaml": SITE_YAML + LANGUAGES,
    "content/es/index.md": page("Inicio", "Bienvenida.\n"),
    "content/figures/cycle.svg": _svg("The cycle"),
    "content/figures/path.svg": _svg("The path"),
    "content/es/figures/cycle.svg": _svg("El ciclo"),
    "content/articles/bone.md": article("Bone", "::: figure cycle\n\n::: figure path\n"),
    "content/es/articles/hueso.md": article(
        "Hueso", "::: figure cycle\n\n::: figure path\n", translation_key="articles/bone"
    ),
}
EN_PAGE = "_site/articles/bone/index.html"
ES_PAGE = "_site/es/articles/hueso/index.html"


def _captions(root: Path, rel: str) -> list[str]:
    return re.findall(r"<figcaption>(.*?)</figcaption>", (root / rel).read_text(encoding="utf-8"))


def test_a_spanish_page_shows_the_spanish_copy_and_an_english_page_the_english_one(make_site, run_build):
    root = make_site(FILES)
    result = run_build(root)
    assert result.code == 0, result.err
    assert _captions(root, ES_PAGE) == ["El ciclo", "The path"]  # path.svg has no Spanish copy: the English one
    assert _captions(root, EN_PAGE) == ["The cycle", "The path"]
    html = (root / ES_PAGE).read_text(encoding="utf-8")
    assert '<figure class="diagram" id="figure-cycle">\n<div class="diagram-svg"><svg viewBox="0 0 10 10"' in html
    assert '<title id="t">El ciclo</title>' in html
    assert '<title id="t">The cycle</title>' not in html


def test_editing_the_spanish_copy_rebuilds_the_spanish_page(make_site, run_build, tmp_path):
    root = make_site(FILES)
    assert run_build(root).code == 0
    english_written = (root / EN_PAGE).stat().st_mtime_ns
    (root / "content/es/figures/cycle.svg").write_text(_svg("El ciclo del hueso"), encoding="utf-8")
    result = run_build(root)
    assert result.code == 0, result.err
    assert _captions(root, ES_PAGE) == ["El ciclo del hueso", "The path"]
    assert (root / EN_PAGE).stat().st_mtime_ns == english_written  # unchanged, so not written again
    clean = tmp_path / "clean"
    shutil.rmtree(clean, ignore_errors=True)
    assert run_build(root, "--no-cache", "--out", str(clean)).code == 0
    assert tree_digest(root / "_site") == tree_digest(clean)


def test_adding_and_removing_a_spanish_copy_rebuilds_the_spanish_page(make_site, run_build):
    root = make_site(FILES)
    assert run_build(root).code == 0
    (root / "content/es/figures/path.svg").write_text(_svg("El camino"), encoding="utf-8")
    assert run_build(root).code == 0
    assert _captions(root, ES_PAGE) == ["El ciclo", "El camino"]
    (root / "content/es/figures/cycle.svg").unlink()
    assert run_build(root).code == 0
    assert _captions(root, ES_PAGE) == ["The cycle", "El camino"]


def test_a_bad_spanish_copy_is_reported_by_its_own_path(make_site, run_build):
    root = make_site({**FILES, "content/es/figures/cycle.svg": "<svg><title>El ciclo</title></svg>\n"})
    result = run_build(root)
    assert result.code == 1
    assert [line for line in result.err.splitlines() if "figures" in line] == [
        'content/es/articles/hueso.md:7: error: content/es/figures/cycle.svg needs role="img" and a <title> on '
        "the <svg> so screen readers can describe it"
    ]


def test_a_figure_in_neither_folder_names_the_sites_folder(make_site, run_build):
    files = {
        **FILES,
        "content/es/articles/hueso.md": article("Hueso", "::: figure nothing\n", translation_key="articles/bone"),
    }
    result = run_build(make_site(files))
    assert result.code == 1
    assert (
        "content/es/articles/hueso.md:7: error: no figure 'nothing'; add content/figures/nothing.svg"
        in result.err.splitlines()
    )


def test_a_spanish_copy_that_links_out_of_the_project_is_refused(make_site, run_build, tmp_path):
    outside = tmp_path / "outside.svg"
    outside.write_text(_svg("Fuera"), encoding="utf-8")
    files = {key: value for key, value in FILES.items() if key != "content/es/figures/cycle.svg"}
    root = make_site(files)
    (root / "content/es/figures").mkdir(parents=True)
    (root / "content/es/figures/cycle.svg").symlink_to(outside)
    result = run_build(root)
    assert result.code == 1
    assert result.err.splitlines() == [
        "content/es/figures/cycle.svg: error: symlink points outside the project; copy the file in instead",
        "1 error, 0 warnings",
    ]
