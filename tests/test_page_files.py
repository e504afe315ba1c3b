"""Files beside the page: figures and downloads kept in a folder next to the page that links them."""

from __future__ import annotations

import io
import json
from pathlib import Path
from urllib.parse import urljoin

import pytest
from conftest import article, page, tree_digest
from test_serve import EventStream, http_get

import citesite.render.site
from citesite.serve import Server

SVG = '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 1 1"><title>A cycle</title></svg>\n'
PNG = b"\x89PNG\r\n\x1a\nfake"
LESSON = {
    "content/episodes/01-intro.md": article("Intro", "![The cycle](fig/01-intro.svg)\n\n[The data](data/x.csv)\n"),
    "content/episodes/fig/01-intro.svg": SVG,
    "content/episodes/data/x.csv": "a,b\n1,2\n",
}
BASE_URL = "https://example.org/sub/"  # conftest's SITE_YAML


def body(root: Path, url: str) -> str:
    """The page's HTML between its <h1> and </body>."""
    html = (root / "_site" / url / "index.html").read_text(encoding="utf-8")
    return html.split("</h1>", 1)[1].split("</body>", 1)[0]


def published(root: Path) -> list[str]:
    """Every file in the output that is not a page, a stylesheet, a script or a generated file."""
    skip = (".html", ".css", ".js", ".xml", ".txt", ".json")
    return sorted(p for p in tree_digest(root / "_site") if not p.endswith(skip) and p != "img/favicon.svg")


def test_a_figure_and_a_file_beside_the_page_are_published_at_the_mirrored_address(make_site, run_build):
    root = make_site(LESSON)
    result = run_build(root)
    assert result.code == 0, result.err
    assert body(root, "episodes/01-intro") == (
        '<p><img alt="The cycle" src="../fig/01-intro.svg"></p>\n<p><a href="../data/x.csv">The data</a></p>'
    )
    assert published(root) == ["episodes/data/x.csv", "episodes/fig/01-intro.svg"]
    assert (root / "_site/episodes/fig/01-intro.svg").read_text(encoding="utf-8") == SVG
    page_url = urljoin(BASE_URL, "episodes/01-intro/")  # the page is served at its folder
    assert urljoin(page_url, "../fig/01-intro.svg") == BASE_URL + "episodes/fig/01-intro.svg"
    assert urljoin(page_url, "../data/x.csv") == BASE_URL + "episodes/data/x.csv"


def test_the_file_keeps_its_own_address_whatever_the_pages_url(make_site, run_build):
    root = make_site(
        {
            "content/index.md": page("Home", "![Logo](fig/logo.png)\n"),
            "content/pages/about.md": page("About", "![Logo](../fig/logo.png) ![Team](fig/team.png)\n"),
            "content/episodes/01-intro.md": article("Intro", "![Logo](../fig/logo.png)\n", slug="start"),
            "content/fig/logo.png": PNG,
            "content/pages/fig/team.png": PNG,
        }
    )
    assert run_build(root).code == 0
    home = (root / "_site/index.html").read_text(encoding="utf-8")
    assert '<p><img alt="Logo" src="fig/logo.png"></p>' in home
    assert (
        body(root, "about")
        == '<p><img alt="Logo" src="../fig/logo.png"> <img alt="Team" src="../pages/fig/team.png"></p>'
    )
    assert body(root, "episodes/start") == '<p><img alt="Logo" src="../../fig/logo.png"></p>'
    assert urljoin(BASE_URL + "about/", "../pages/fig/team.png") == BASE_URL + "pages/fig/team.png"
    assert urljoin(BASE_URL + "episodes/start/", "../../fig/logo.png") == BASE_URL + "fig/logo.png"
    assert published(root) == ["fig/logo.png", "pages/fig/team.png"]


def test_a_file_many_pages_use_is_published_once_and_an_unlinked_one_not_at_all(make_site, run_build):
    root = make_site(
        {
            **LESSON,
            "content/episodes/02-more.md": article("More", "![The cycle again](fig/01-intro.svg)\n"),
            "content/episodes/fig/unused.png": PNG,
        }
    )
    assert run_build(root).code == 0
    assert body(root, "episodes/02-more") == '<p><img alt="The cycle again" src="../fig/01-intro.svg"></p>'
    assert published(root) == ["episodes/data/x.csv", "episodes/fig/01-intro.svg"]
    manifest = json.loads((root / "_site/.citesite-manifest.json").read_text(encoding="utf-8"))["files"]
    assert manifest.count("episodes/fig/01-intro.svg") == 1


def test_a_name_with_a_space_is_linked_percent_encoded(make_site, run_build):
    root = make_site(
        {
            "content/episodes/01-intro.md": article("Intro", "![A plot](fig/my%20plot.png)\n"),
            "content/episodes/fig/my plot.png": PNG,
        }
    )
    assert run_build(root).code == 0
    assert body(root, "episodes/01-intro") == '<p><img alt="A plot" src="../fig/my%20plot.png"></p>'
    assert published(root) == ["episodes/fig/my plot.png"]


def test_a_relative_link_to_a_static_file_keeps_working(make_site, run_build):
    root = make_site({"content/articles/a.md": article("A", "![Dot](../../img/dot.png)\n"), "static/img/dot.png": PNG})
    assert run_build(root).code == 0
    assert body(root, "articles/a") == '<p><img alt="Dot" src="../../img/dot.png"></p>'


REFUSED = [
    (
        "![x](../../x.png)",
        "file '../../x.png' is outside content/; put the file in content/ beside the page and link it from there",
    ),
    (
        "![x](fig/.hidden.png)",
        "file 'fig/.hidden.png' is hidden (a name starting with '.'); rename it without the leading '.'",
    ),
    ("![x](.fig/x.png)", "file '.fig/x.png' is hidden (a name starting with '.'); rename it without the leading '.'"),
    (
        "[x](../data/rda.yaml)",
        "'../data/rda.yaml' is a data file, not a file to publish; show its table with '::: table NAME'",
    ),
    (
        "[x](../data/notes.csv)",
        "'../data/notes.csv' is in content/data/, which holds the site's data; move the file beside the page",
    ),
    (
        "[x](notes.docx)",
        "'notes.docx': '.docx' files are not published beside a page (allowed: svg, png, jpg, jpeg, gif, webp, avif, "
        "pdf, csv, tsv, txt, json, zip, gz, xlsx, ods, mp3, mp4); save it as one of those, or put it in static/ and "
        "link it from the site root",
    ),
]


@pytest.mark.parametrize(("link", "message"), REFUSED)
def test_a_link_to_a_file_that_cannot_be_published_is_refused_at_its_line(make_site, run_build, link, message):
    root = make_site(
        {
            "content/episodes/01-intro.md": article("Intro", f"Text.\n\n{link}\n"),
            "content/episodes/fig/.hidden.png": PNG,
            "content/episodes/.fig/x.png": PNG,
            "content/episodes/notes.docx": "doc",
            "content/data/notes.csv": "a\n",
            "content/x.png": PNG,
        }
    )
    result = run_build(root)
    assert result.code == 1
    assert result.err == f"content/episodes/01-intro.md:8: error: {message}\n1 error, 0 warnings\n"


def test_a_missing_file_names_where_it_was_looked_for_and_the_nearest_name(make_site, run_build):
    root = make_site(
        {**LESSON, "content/episodes/01-intro.md": article("Intro", "Text.\n\n![The cycle](fig/01-intr.svg)\n")}
    )
    result = run_build(root)
    assert result.err == (
        "content/episodes/01-intro.md:8: error: link to a missing file 'fig/01-intr.svg' (looked for "
        "content/episodes/fig/01-intr.svg); check the file name; did you mean 'fig/01-intro.svg'?\n1 error, 0 warnings\n"
    )


def test_a_suffix_typo_is_refused_with_the_nearest_name(make_site, run_build):
    root = make_site(
        {**LESSON, "content/episodes/01-intro.md": article("Intro", "Text.\n\n![The cycle](fig/cycle.sv)\n")}
    )
    (root / "content/episodes/fig/01-intro.svg").rename(root / "content/episodes/fig/cycle.svg")
    result = run_build(root)
    assert result.err.endswith("link it from the site root; did you mean 'fig/cycle.svg'?\n1 error, 0 warnings\n")


@pytest.mark.parametrize(
    "svg",
    [
        '<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>',
        '<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"></svg>',
        '<svg xmlns="http://www.w3.org/2000/svg"><image href="https://example.com/x.png"/></svg>',
        '<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg"><foreignObject/></svg>',
    ],
)
def test_an_svg_with_a_script_a_handler_or_a_foreign_link_is_refused(make_site, run_build, svg):
    root = make_site({**LESSON, "content/episodes/fig/01-intro.svg": svg})
    result = run_build(root)
    assert result.err == (
        "content/episodes/01-intro.md:6: error: content/episodes/fig/01-intro.svg contains a script, an event "
        "handler or a link to another file; remove it\n1 error, 0 warnings\n"
    )
    assert not (root / "_site").exists()


def test_an_svg_linking_its_own_parts_is_fine(make_site, run_build):
    svg = '<svg xmlns="http://www.w3.org/2000/svg"><defs><path id="p"/></defs><use href="#p"/></svg>'
    root = make_site({**LESSON, "content/episodes/fig/01-intro.svg": svg})
    assert run_build(root).code == 0


def test_a_file_beside_a_page_colliding_with_a_static_file_is_refused(make_site, run_build):
    root = make_site(
        {
            "content/index.md": page("Home", "![Logo](img/logo.png)\n"),
            "content/img/logo.png": PNG,
            "static/img/logo.png": PNG,
        }
    )
    result = run_build(root)
    assert result.err == (
        "content/img/logo.png: error: this file would be published at img/logo.png, which collides with "
        "static/img/logo.png; rename or move the file\n1 error, 0 warnings\n"
    )


def test_a_file_beside_a_page_where_a_page_needs_a_folder_is_refused(make_site, run_build):
    root = make_site(
        {
            "content/index.md": page("Home", "![Chart](chart.png)\n"),
            "content/chart.png.md": page("Chart"),
            "content/chart.png": PNG,
        }
    )
    result = run_build(root)
    assert result.err == (
        "content/chart.png: error: this file would be published at chart.png, which collides with the page "
        "content/chart.png.md; rename or move the file\n1 error, 0 warnings\n"
    )


def test_check_reports_what_a_build_reports(make_site, run_build):
    root = make_site(
        {**LESSON, "content/episodes/01-intro.md": article("Intro", "Text.\n\n![The cycle](fig/nope.svg)\n")}
    )
    result = run_build(root, "check")
    assert result.code == 1
    assert result.err == (
        "content/episodes/01-intro.md:8: error: link to a missing file 'fig/nope.svg' (looked for "
        "content/episodes/fig/nope.svg); check the file name\n1 error, 0 warnings\n"
    )


def built_pages(monkeypatch: pytest.MonkeyPatch) -> list[list[str]]:
    """The URLs each build converts or renders afresh, one list per build."""
    seen: list[list[str]] = []
    real = citesite.render.site.build_pages

    def spy(job, work, jobs):  # type: ignore[no-untyped-def]
        seen.append(sorted(page.url for page, _, _ in work))
        return real(job, work, jobs)

    monkeypatch.setattr(citesite.render.site, "build_pages", spy)
    return seen


def lesson_of_two(make_site) -> Path:  # type: ignore[no-untyped-def]
    return make_site(
        {
            **LESSON,
            "content/episodes/02-more.md": article("More", "![A dot](fig/dot.png)\n"),
            "content/episodes/fig/dot.png": PNG,
        }
    )


def test_a_changed_figure_is_republished_and_rebuilds_only_the_pages_that_show_it(
    make_site, run_build, monkeypatch, tmp_path
):
    root = lesson_of_two(make_site)
    assert run_build(root).code == 0
    seen = built_pages(monkeypatch)
    (root / "content/episodes/fig/dot.png").write_bytes(PNG + b"changed")
    assert run_build(root).code == 0
    assert seen == [["episodes/02-more/"]]
    assert (root / "_site/episodes/fig/dot.png").read_bytes() == PNG + b"changed"
    assert run_build(root, "--no-cache", "--out", str(tmp_path / "clean")).code == 0
    assert tree_digest(root / "_site") == tree_digest(tmp_path / "clean")


def test_a_figure_no_longer_linked_is_removed_and_a_deleted_linked_one_is_an_error(make_site, run_build, monkeypatch):
    root = lesson_of_two(make_site)
    assert run_build(root).code == 0
    seen = built_pages(monkeypatch)
    (root / "content/episodes/02-more.md").write_text(article("More", "No picture.\n"), encoding="utf-8")
    (root / "content/episodes/fig/dot.png").unlink()
    assert run_build(root).code == 0
    assert seen == [["episodes/02-more/"]]
    assert published(root) == ["episodes/data/x.csv", "episodes/fig/01-intro.svg"]
    (root / "content/episodes/fig/01-intro.svg").unlink()
    result = run_build(root)
    assert seen[-1] == ["episodes/01-intro/"]
    assert result.err == (
        "content/episodes/01-intro.md:6: error: link to a missing file 'fig/01-intro.svg' (looked for "
        "content/episodes/fig/01-intro.svg); check the file name\n1 error, 0 warnings\n"
    )
    assert (root / "_site/episodes/fig/01-intro.svg").read_text(encoding="utf-8") == SVG  # the last good site


def test_a_page_taken_from_the_cache_still_publishes_its_files(make_site, run_build):
    root = lesson_of_two(make_site)
    assert run_build(root).code == 0
    (root / "content/episodes/01-intro.md").write_text(
        article("Intro", "![The cycle](fig/01-intro.svg)\n"), encoding="utf-8"
    )
    assert run_build(root).code == 0  # 01-intro rebuilt, 02-more reused from the cache with its file
    assert published(root) == ["episodes/fig/01-intro.svg", "episodes/fig/dot.png"]


def test_saving_a_figure_in_the_preview_reloads_the_pages_and_serves_the_new_file(make_site, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1795000000")
    root = make_site(LESSON)
    app = Server(root, port=0, out=io.StringIO(), err=io.StringIO(), search=False)
    app.start()
    stream = EventStream(app.port)
    try:
        assert stream.next()[0] == "hello"
        changed = SVG.replace("A cycle", "A new cycle")
        (root / "content/episodes/fig/01-intro.svg").write_text(changed, encoding="utf-8")
        assert stream.next() == ("reload", {"build": 2, "ok": True, "errors": [], "warnings": []})
        assert http_get(app.port, "/episodes/fig/01-intro.svg")[2] == changed
        assert '<img alt="The cycle" src="../fig/01-intro.svg">' in http_get(app.port, "/episodes/01-intro/")[2]
    finally:
        stream.close()
        app.stop()
