"""The packaged theme (overridden file by file), `citesite init`, the program's name, and the example site."""

from __future__ import annotations

import contextlib
import io
import shutil
import sys
import tomllib
import zipfile
from pathlib import Path

import pytest
from conftest import SITE_YAML, article, page

import citesite.load
import citesite.render.jinja
from citesite.cli import main
from citesite.incremental import codeversion
from citesite.render.assets import minify_css

PROJECT = Path(__file__).resolve().parent.parent
PACKAGE = PROJECT / "citesite"

STARTER_FILES = [
    ".github/workflows/pages.yml",
    ".gitignore",
    "content/404.md",
    "content/articles/the-inner-planets.md",
    "content/data/glossary.yaml",
    "content/data/planets.yaml",
    "content/data/references.yaml",
    "content/index.md",
    "content/pages/about.md",
    "content/pages/glossary.md",
    "content/pages/references.md",
    "content/pages/search.md",
    "content/site.yaml",
    "requirements.txt",
]

BARE_SITE = {
    "content/site.yaml": SITE_YAML,
    "content/index.md": "---\ntitle: Home\nsummary: The home page.\n---\nWelcome.\n",
    "content/articles/a.md": article("An article"),
    "content/pages/about.md": page("About"),
}


def files_under(folder: Path) -> list[str]:
    """Every file under folder, relative and sorted."""
    return sorted(p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_file())


def mentions_magnesium(folder: Path) -> list[str]:
    """Files under folder whose text names magnesium, or Mg as a word."""
    found = []
    for rel in files_under(folder):
        text = (folder / rel).read_bytes().decode("utf-8", "replace")
        if "magnesium" in text.lower() or ">Mg<" in text:
            found.append(rel)
    return found


# What the starter's GitHub workflow passes: the Pages address, the repository's issue tracker and its owner.
DEPLOY = ("--base-url", "https://you.github.io/my-site", "--report-url", "https://github.com/you/my-site/issues/new")
DEPLOY += ("--publisher", "you")


def test_init_writes_a_site_that_builds_strict_without_warnings(tmp_path, run_build):
    target = tmp_path / "my-site"
    result = run_build_init(target)
    assert result == (
        0,
        f"Wrote a new site to {target} (14 files).\n"
        f"Preview it:  cd {target} && citesite serve\n"
        f"Build it:    cd {target} && citesite build\n"
        f"(or from any folder: citesite serve --root {target})\n"
        "Before you publish, set base_url, publisher and report_url in content/site.yaml;\n"
        "the GitHub workflow in .github/workflows/ passes the Pages address, the repository's owner and its issues.\n",
        "",
    )
    assert files_under(target) == STARTER_FILES
    assert (target / "templates").is_dir() and (target / "static").is_dir()
    built = run_build(target, "--strict", *DEPLOY, search=True)  # what its GitHub workflow passes
    assert (built.code, built.err) == (0, "")
    assert built.out.startswith("Wrote 7 pages ")
    site = target / "_site"
    article_html = (site / "articles/the-inner-planets/index.html").read_text(encoding="utf-8")
    assert "<caption>The inner planets" in article_html  # the data table
    assert 'A year on Mars lasts <span class="data-value">687</span> Earth days.' in article_html  # a quoted value
    assert 'href="#ref-nasa_planet_facts"' in article_html  # the citation
    assert "glossary/#rocky-planet" in article_html  # the glossary term, linked at first use
    assert mentions_magnesium(target) == []
    assert "magnesium" not in (result[1] + built.out).lower()


def test_the_starter_requires_exactly_the_generator_that_wrote_it(tmp_path):
    target = tmp_path / "site"
    assert run_build_init(target)[0] == 0
    lines = (target / "requirements.txt").read_text(encoding="utf-8").splitlines()
    assert [line for line in lines if line and not line.startswith("#")] == [f"citesite=={citesite.__version__}"]
    assert tomllib.loads((PROJECT / "pyproject.toml").read_text(encoding="utf-8"))["project"]["name"] == "citesite"


def test_what_a_build_leaves_in_the_starter_is_ignored_by_git(tmp_path, run_build):
    target = tmp_path / "site"
    assert run_build_init(target)[0] == 0
    before = {path.name for path in target.iterdir()}
    assert run_build(target, search=False).code == 0
    left = {path.name for path in target.iterdir()} - before
    ignored = {line.rstrip("/") for line in (target / ".gitignore").read_text(encoding="utf-8").splitlines()}
    assert left and left <= ignored, left - ignored


def test_the_starter_refuses_a_strict_build_until_its_address_contact_and_publisher_are_set(tmp_path, run_build):
    target = tmp_path / "site"
    assert run_build_init(target)[0] == 0
    result = run_build(target, "--strict")
    assert result.code == 1
    assert result.err.splitlines() == [
        "content/site.yaml: warning: no 'publisher': nobody is named as publisher; set publisher to the person or "
        "organisation that publishes the site, or build with --publisher NAME (the GitHub workflow passes the "
        "repository's owner)",
        "content/site.yaml: warning: no 'report_url': readers have no way to report a mistake; set report_url to a "
        "monitored https://… page or mailto:… address, or build with --report-url URL (the GitHub workflow passes "
        "the repository's issue tracker)",
        "content/site.yaml:6: warning: 'base_url' is a placeholder (example.org) that the site would publish; set "
        "base_url to the address the site is published at, or build with --base-url URL (the GitHub workflow passes "
        "the address GitHub Pages gives)",
        "0 errors, 3 warnings (strict: warnings fail the build)",
    ]
    settings = target / "content/site.yaml"
    text = settings.read_text(encoding="utf-8").replace("base_url: https://example.org/", "base_url: https://a.b/")
    settings.write_text(text + "publisher: Ann\nreport_url: mailto:ann@ab.cd\n", encoding="utf-8")
    assert run_build(target, "--strict").code == 0
    workflow = (target / ".github/workflows/pages.yml").read_text(encoding="utf-8")
    assert '--base-url "$BASE_URL" --report-url "$REPORT_URL" --publisher "$PUBLISHER"' in workflow


def run_build_init(target: Path) -> tuple[int, str, str]:
    """Run `citesite init target` in-process; (exit code, stdout, stderr)."""
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main(["init", str(target)])
    return code, out.getvalue(), err.getvalue()


def test_the_starter_site_builds_without_its_templates_and_static_folders(tmp_path, run_build):
    target = tmp_path / "site"
    assert run_build_init(target)[0] == 0
    (target / "templates").rmdir()
    (target / "static").rmdir()
    result = run_build(target, "--strict", *DEPLOY)
    assert (result.code, result.err) == (0, "")


def test_init_refuses_a_folder_that_is_not_empty(tmp_path):
    target = tmp_path / "site"
    target.mkdir()
    (target / "notes.txt").write_text("mine\n", encoding="utf-8")
    assert run_build_init(target) == (
        2,
        "",
        f"citesite: error: {target} is not empty; choose a new or empty folder, so nothing is overwritten\n",
    )
    assert files_under(target) == ["notes.txt"]


def test_init_refuses_a_file(tmp_path):
    target = tmp_path / "site"
    target.write_text("mine\n", encoding="utf-8")
    assert run_build_init(target) == (2, "", f"citesite: error: {target} is a file; choose a new or empty folder\n")


def test_init_accepts_an_empty_folder(tmp_path):
    target = tmp_path / "site"
    target.mkdir()
    assert run_build_init(target)[0] == 0
    assert files_under(target) == STARTER_FILES


@pytest.mark.parametrize("invoked", ["/usr/local/bin/citesite", "build.py"])
def test_help_names_the_program_as_invoked_and_no_subject(invoked, monkeypatch, capsys):
    monkeypatch.setattr(sys, "argv", [invoked])
    monkeypatch.setenv("COLUMNS", "80")  # a common terminal: the example must not be split at its hyphen there
    with pytest.raises(SystemExit):
        main(["--help"])
    shown = capsys.readouterr().out
    name = Path(invoked).name
    assert shown.startswith(f"usage: {name} ")
    assert f"{name} init my-site" in shown
    assert "magnesium" not in shown.lower() and "bone" not in shown.lower()


def test_a_site_without_templates_or_static_builds_with_the_theme(make_site, run_build):
    root = make_site(BARE_SITE, skeleton=False)
    result = run_build(root, "--strict")
    assert (result.code, result.err) == (0, "")
    site = root / "_site"
    home = (site / "index.html").read_text(encoding="utf-8")
    assert '<header class="site-header">' in home and '<footer class="site-footer">' in home
    assert (site / "img/favicon.svg").is_file()
    assert [p.name.split(".")[0] for p in sorted((site / "css").iterdir())] == ["code", "site"]
    assert mentions_magnesium(site) == []


def test_one_template_in_the_site_replaces_just_that_template(make_site, run_build):
    footer = '<footer class="mine">Our own footer for {{ site.title }}</footer>\n'
    root = make_site({**BARE_SITE, "templates/partials/footer.html": footer}, skeleton=False)
    result = run_build(root, "--strict")
    assert (result.code, result.err) == (0, "")
    html = (root / "_site/articles/a/index.html").read_text(encoding="utf-8")
    assert '<footer class="mine">Our own footer for Test Site</footer>' in html
    assert '<footer class="site-footer">' not in html
    assert '<header class="site-header">' in html  # the theme's header is still used


def test_one_static_file_in_the_site_replaces_just_that_file(make_site, run_build):
    css = "body { color: rebeccapurple; }\n"
    root = make_site({**BARE_SITE, "static/css/site.css": css}, skeleton=False)
    result = run_build(root, "--strict")
    assert (result.code, result.err) == (0, "")
    published = list((root / "_site/css").glob("site.*.css"))
    assert [p.read_text(encoding="utf-8") for p in published] == [minify_css(css)]
    # The other static files still come from the theme.
    assert [p.name.split(".")[0] for p in sorted((root / "_site/js").iterdir())] == ["search", "site", "theme"]
    assert [p.name.split(".")[0] for p in sorted((root / "_site/css").iterdir())] == ["code", "site"]


def test_a_template_error_in_an_override_names_the_site_file(make_site, run_build):
    root = make_site({**BARE_SITE, "templates/partials/header.html": "{{ no_such_value }}\n"}, skeleton=False)
    result = run_build(root)
    assert result.code == 1
    assert result.err.splitlines()[0].startswith("templates/partials/header.html:1: error: undefined value")


def test_a_changed_theme_file_rebuilds_every_page(make_site, run_build, tmp_path, monkeypatch):
    package = tmp_path / "package"
    shutil.copytree(PACKAGE / "theme", package / "theme")
    monkeypatch.setattr(codeversion, "_PACKAGE", package)
    monkeypatch.setattr(citesite.render.jinja, "THEME_DIR", package / "theme")
    monkeypatch.setattr(citesite.load, "THEME_DIR", package / "theme")
    root = make_site(BARE_SITE, skeleton=False)
    assert run_build(root, "--jobs", "1").code == 0
    assert run_build(root, "--jobs", "1").out.startswith("Up to date")
    footer = package / "theme/templates/partials/footer.html"
    footer.write_text(footer.read_text(encoding="utf-8").replace('{{ t("atom_feed") }}', "News feed"), encoding="utf-8")
    result = run_build(root, "--jobs", "1")
    assert result.code == 0 and result.out.startswith("Wrote 3 pages")
    for url in ("index.html", "articles/a/index.html", "about/index.html"):
        assert ">News feed</a>" in (root / "_site" / url).read_text(encoding="utf-8")


def test_the_example_site_builds_strict_with_one_override(tmp_path, run_build):
    root = tmp_path / "example"
    shutil.copytree(PROJECT / "examples/photosynthesis", root)
    assert files_under(root / "templates") == ["partials/footer.html"]
    assert not (root / "static").exists()
    result = run_build(root, "--strict")
    assert (result.code, result.err) == (0, "")
    html = (root / "_site/articles/what-is-photosynthesis/index.html").read_text(encoding="utf-8")
    assert '<p class="example-note">' in html and '<header class="site-header">' in html
    assert mentions_magnesium(root / "_site") == []


def test_the_wheel_holds_every_theme_and_starter_file_and_nothing_else(tmp_path):
    from hatchling.builders.wheel import WheelBuilder  # the build backend itself, so no download is needed

    (wheel,) = WheelBuilder(str(PROJECT)).build(directory=str(tmp_path), versions=["standard"])
    with zipfile.ZipFile(wheel) as archive:
        names = {name for name in archive.namelist() if not name.startswith("citesite-")}
    wanted = {f"citesite/{top}/{rel}" for top in ("theme", "scaffold") for rel in files_under(PACKAGE / top)}
    assert wanted - names == set()
    assert {name.split("/")[0] for name in names} == {"citesite"}  # no build.py, tests/, content/ or site_extensions/
    assert [name for name in names if "checker" in name] == []  # this site's intake checker is the site's own
    assert all(not part.startswith(".") for name in wanted for part in name.split("/"))  # dot files are renamed


def test_the_starter_site_settings_comment_every_key():
    from citesite.source.config import SITE_FIELDS

    text = (PACKAGE / "scaffold/content/site.yaml").read_text(encoding="utf-8")
    for key in SITE_FIELDS:
        assert f"\n{key}:" in text or f"\n# {key}:" in text, key


def test_a_theme_template_is_shown_by_its_place_in_the_package(tmp_path):
    shown = citesite.render.jinja.shown_template(
        str(citesite.render.jinja.THEME_DIR / "templates/base.html"), tmp_path, "x"
    )
    assert shown == "citesite/theme/templates/base.html"


def test_the_search_boxes_show_the_example_queries_the_settings_give(make_site, run_build):
    search = "---\ntitle: Search\nsummary: Search the site.\ntemplate: search\n---\n"
    missing = (PACKAGE / "scaffold/content/404.md").read_text(encoding="utf-8")
    files = {**BARE_SITE, "content/pages/search.md": search, "content/404.md": missing}
    root = make_site(files, skeleton=False)
    assert run_build(root, "--strict").code == 0
    boxes = [(root / "_site" / rel).read_text(encoding="utf-8") for rel in ("index.html", "search/index.html")]
    assert all('type="search" name="q" autocomplete="off">' in html for html in boxes)  # no hint by default
    hints = "extra:\n  search_hints:\n    header: e.g. comets\n    not_found: e.g. moons\n    search_page: e.g. rings\n"
    (root / "content/site.yaml").write_text(SITE_YAML + hints, encoding="utf-8")
    assert run_build(root, "--strict").code == 0
    site = root / "_site"
    assert '<input id="header-search" type="search" name="q" placeholder="e.g. comets" autocomplete="off">' in (
        site / "index.html"
    ).read_text(encoding="utf-8")
    assert '<input id="notfound-search" type="search" name="q" placeholder="e.g. moons">' in (
        site / "404.html"
    ).read_text(encoding="utf-8")
    assert '<input id="search-q" type="search" name="q" placeholder="e.g. rings" autocomplete="off">' in (
        site / "search/index.html"
    ).read_text(encoding="utf-8")


def test_the_404_page_carries_its_stylesheet_allowed_by_its_hash_alone(make_site, run_build):
    import base64
    import hashlib
    import re

    root = make_site({**BARE_SITE, "content/404.md": page("Not found")}, skeleton=False)
    assert run_build(root).code == 0
    html = (root / "_site/404.html").read_text()
    style = re.search(r"<style>(.*?)</style>", html, re.S).group(1)  # type: ignore[union-attr]
    (css,) = (root / "_site/css").glob("site.*.css")
    assert style == css.read_text()  # the published stylesheet, as it is
    digest = base64.b64encode(hashlib.sha256(style.encode()).digest()).decode()
    assert f"style-src 'self' 'sha256-{digest}'; img-src" in html
    assert "style-src 'self'; img-src" in (root / "_site/about/index.html").read_text()  # only the 404 page


def test_a_stylesheet_that_would_end_the_404_pages_style_element_is_refused(make_site, run_build):
    files = {**BARE_SITE, "content/404.md": page("Not found")}
    files["static/css/site.css"] = 'a::after { content: "</style><b>"; }\n'
    result = run_build(make_site(files, skeleton=False))
    assert result.code == 1
    assert "inline_style('css/site.css'): the stylesheet contains '</style'; remove it" in result.err
    assert "Traceback" not in result.err
