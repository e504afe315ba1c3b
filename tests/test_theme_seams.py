"""The theme is extended, not copied: blocks an override replaces, extra stylesheets, and no copied theme file."""

from __future__ import annotations

import difflib
from pathlib import Path

from conftest import SITE_YAML, article, page

PROJECT = Path(__file__).resolve().parent.parent
THEME = PROJECT / "citesite/theme"
COPY_SHARE = 0.6  # a site file that repeats more than this share of a theme file's lines is a copy of it

BARE_SITE = {
    "content/site.yaml": SITE_YAML,
    "content/index.md": "---\ntitle: Home\nsummary: The home page.\n---\nWelcome.\n",
    "content/articles/a.md": article("An article"),
    "content/articles/b.md": article("Another article"),
    "content/pages/about.md": page("About"),
}


def _lines(path: Path) -> list[str]:
    return [line.strip() for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def repeated_share(theme_file: Path, site_file: Path) -> float:
    """The share of the theme file's non-blank lines that the site file repeats, in order."""
    theme, site = _lines(theme_file), _lines(site_file)
    matcher = difflib.SequenceMatcher(None, theme, site, autojunk=False)
    return sum(block.size for block in matcher.get_matching_blocks()) / max(len(theme), 1)


def theme_copies(site_root: Path, theme_root: Path) -> list[str]:
    """'site file ~ theme file (share)' for every text file under templates/ or static/ copying a theme file."""
    theme_files = [p for p in sorted(theme_root.rglob("*")) if p.is_file() and p.suffix in (".html", ".css", ".js")]
    found = []
    for folder in ("templates", "static"):
        for site_file in sorted((site_root / folder).rglob("*")):
            if not site_file.is_file() or site_file.suffix not in (".html", ".css", ".js", ".svg"):
                continue
            for theme_file in theme_files:
                share = repeated_share(theme_file, site_file) if theme_file.suffix == site_file.suffix else 0.0
                if share > COPY_SHARE:
                    shown = f"{site_file.relative_to(site_root)} ~ {theme_file.relative_to(theme_root)}"
                    found.append(f"{shown} ({share:.0%})")
    return found


def test_no_file_in_this_sites_templates_or_static_is_mostly_a_copy_of_a_theme_file():
    assert theme_copies(PROJECT, THEME) == []


def test_the_copy_check_finds_a_theme_file_copied_with_one_line_changed(tmp_path):
    css = (THEME / "static/css/site.css").read_text(encoding="utf-8").splitlines(keepends=True)
    (tmp_path / "static/css").mkdir(parents=True)
    (tmp_path / "static/css/site.css").write_text("/* Our own theme. */\n" + "".join(css[1:]), encoding="utf-8")
    (tmp_path / "templates/partials").mkdir(parents=True)
    footer = (THEME / "templates/partials/footer.html").read_text(encoding="utf-8")
    (tmp_path / "templates/partials/footer.html").write_text(footer.replace("Atom feed", "News feed"))
    (tmp_path / "templates/home.html").write_text(
        '{% extends "theme/home.html" %}\n{% block home_aside %}x{% endblock %}\n'
    )
    assert [line.split(" (")[0] for line in theme_copies(tmp_path, THEME)] == [
        "templates/partials/footer.html ~ templates/partials/footer.html",
        "static/css/site.css ~ static/css/site.css",
    ]


def test_an_override_extends_the_theme_file_it_replaces_and_changes_one_block(make_site, run_build):
    home = '{% extends "theme/home.html" %}\n{% block home_aside %}<aside class="ours">Ours</aside>\n{% endblock %}\n'
    root = make_site({**BARE_SITE, "templates/home.html": home}, skeleton=False)
    result = run_build(root, "--strict")
    assert (result.code, result.err) == (0, "")
    html = (root / "_site/index.html").read_text(encoding="utf-8")
    assert '</div>\n<aside class="ours">Ours</aside>\n<div class="content home-text">' in html
    assert '<section class="cards" aria-labelledby="topics-heading"' in html  # the rest is still the theme's


def test_the_article_blocks_add_to_the_top_and_the_end_of_every_article(make_site, run_build):
    override = (
        '{% extends "theme/article.html" %}\n'
        '{% block article_top %}<p class="notice">Top</p>\n{% endblock %}\n'
        '{% block article_end %}{{ super() }}<p class="after">End</p>\n{% endblock %}\n'
    )
    root = make_site({**BARE_SITE, "templates/article.html": override}, skeleton=False)
    assert run_build(root, "--strict").code == 0
    html = (root / "_site/articles/a/index.html").read_text(encoding="utf-8")
    assert '</header>\n<p class="notice">Top</p>\n<div class="article-body">' in html
    assert html.index('<div class="article-end"') < html.index('<p class="after">End</p>') < html.index("</main>")
    assert '<p class="notice">' not in (root / "_site/about/index.html").read_text(encoding="utf-8")


def test_the_base_blocks_replace_the_header_and_the_footer_and_add_to_the_head(make_site, run_build):
    base = (
        '{% extends "theme/base.html" %}\n'
        '{% block head %}<meta name="ours" content="1">{% endblock %}\n'
        '{% block header %}<header class="ours">Ours</header>\n{% endblock %}\n'
        "{% block footer %}{{ super() }}<p>After the footer</p>\n{% endblock %}\n"
    )
    root = make_site({**BARE_SITE, "templates/base.html": base}, skeleton=False)
    assert run_build(root, "--strict").code == 0
    for rel in ("index.html", "articles/a/index.html", "about/index.html"):
        html = (root / "_site" / rel).read_text(encoding="utf-8")
        assert '<meta name="ours" content="1">' in html
        assert '<header class="ours">Ours</header>\n<main id="main">' in html and "site-header" not in html
        assert "</footer>\n<p>After the footer</p>\n</body>" in html


def test_extra_stylesheets_are_linked_after_the_themes_with_hashed_names(make_site, run_build):
    settings = SITE_YAML + "extra_css:\n  - css/ours.css\n  - css/more/print.css\n"
    files = {
        **BARE_SITE,
        "content/site.yaml": settings,
        "static/css/ours.css": "/* ours */\n.ours { color: red; }\n",
        "static/css/more/print.css": "@media print { .ours { color: black; } }\n",
    }
    root = make_site(files, skeleton=False)
    assert run_build(root, "--strict").code == 0
    (ours,) = (root / "_site/css").glob("ours.*.css")
    (more,) = (root / "_site/css/more").glob("print.*.css")
    (theme,) = (root / "_site/css").glob("site.*.css")
    assert ours.read_text() == ".ours{color:red}\n"
    html = (root / "_site/articles/a/index.html").read_text(encoding="utf-8")
    links = [
        f'<link rel="stylesheet" href="../../css/{theme.name}">',
        f'<link rel="stylesheet" href="../../css/{ours.name}">',
        f'<link rel="stylesheet" href="../../css/more/{more.name}">',
    ]
    assert "\n".join(links) in html


def test_an_extra_stylesheet_outside_static_missing_or_not_css_is_refused_at_its_line(make_site, run_build):
    settings = SITE_YAML + "extra_css:\n  - ../secret.css\n  - /etc/x.css\n  - css/missing.css\n  - img/logo.svg\n"
    root = make_site({**BARE_SITE, "content/site.yaml": settings, "static/img/logo.svg": "<svg/>"}, skeleton=False)
    (root / "secret.css").write_text("body {}\n")
    result = run_build(root)
    assert result.code == 1
    assert result.err.splitlines()[:4] == [
        "content/site.yaml:5: error: 'extra_css': '../secret.css' points outside static/; "
        "name a file under static/, e.g. css/extra.css",
        "content/site.yaml:6: error: 'extra_css': '/etc/x.css' points outside static/; "
        "name a file under static/, e.g. css/extra.css",
        "content/site.yaml:7: error: 'extra_css': 'css/missing.css' is not a file in static/; "
        "create static/css/missing.css or fix the name",
        "content/site.yaml:8: error: 'extra_css': 'img/logo.svg' is not a stylesheet; name a .css file under static/",
    ]
