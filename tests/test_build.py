"""A whole build of a mini-site: pages, pretty URLs, link rewriting, assets, drafts, determinism."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from conftest import article, page, tree_digest

PROJECT = Path(__file__).resolve().parent.parent


def test_build_writes_pretty_urls_and_summary_line(make_site, run_build):
    root = make_site({"content/articles/vitamin-d.md": article("Vitamin D"), "content/pages/about.md": page("About")})
    result = run_build(root)
    assert result.code == 0, result.err
    out = root / "_site"
    assert (out / "index.html").is_file()
    assert (out / "articles/vitamin-d/index.html").is_file()
    assert (out / "about/index.html").is_file()
    assert result.out.startswith("Wrote 3 pages (")
    assert result.out.rstrip().endswith("s")
    assert f"to {out}" in result.out


def test_slug_overrides_the_file_name(make_site, run_build):
    root = make_site({"content/articles/vd.md": article("Vitamin D", slug="vitamin-d")})
    assert run_build(root).code == 0
    assert (root / "_site/articles/vitamin-d/index.html").is_file()


def test_links_to_sources_become_relative_page_urls(make_site, run_build):
    body = "See [PTH](pth.md#secretion), [about](../pages/about.md) and [home](../index.md).\n"
    root = make_site(
        {
            "content/articles/a.md": article("A", body),
            "content/articles/pth.md": article("PTH", "## Secretion\n\nText.\n"),
            "content/pages/about.md": page("About"),
        }
    )
    assert run_build(root).code == 0
    html = (root / "_site/articles/a/index.html").read_text()
    assert '<a href="../pth/#secretion">PTH</a>' in html
    assert '<a href="../../about/">about</a>' in html
    assert '<a href="../../">home</a>' in html


def test_every_url_in_the_output_is_relative(make_site, run_build):
    root = make_site({"content/articles/a.md": article("A", "[b](b.md)\n"), "content/articles/b.md": article("B")})
    assert run_build(root).code == 0
    for path in (root / "_site").rglob("*.html"):
        html = path.read_text()
        assert 'href="/' not in html and 'src="/' not in html, path


def test_heading_ids_are_stable_and_have_permalinks(make_site, run_build):
    root = make_site({"content/articles/a.md": article("A", "## How secretion fails\n\nText.\n")})
    assert run_build(root).code == 0
    html = (root / "_site/articles/a/index.html").read_text()
    assert '<h2 id="how-secretion-fails">How secretion fails<a class="headerlink" href="#how-secretion-fails"' in html


def test_standard_markdown_extensions_are_on(make_site, run_build):
    body = (
        "| a | b |\n|---|---|\n| 1 | 2 |\n\n"
        'Text[^1] with "quotes".\n\n[^1]: A note.\n\n'
        '!!! note "Note"\n    Inside.\n\n'
        "Term\n:   Definition\n\n"
        "*[PTH]: Parathyroid hormone\n\nPTH here.\n\n"
        "Para\n{: .lead }\n"
    )
    root = make_site({"content/articles/a.md": article("A", body)})
    assert run_build(root).code == 0
    html = (root / "_site/articles/a/index.html").read_text()
    assert "<table>" in html
    assert 'class="footnote-ref"' in html
    assert "&ldquo;quotes&rdquo;" in html
    assert '<div class="admonition note">' in html
    assert "<dl>" in html
    assert '<abbr title="Parathyroid hormone">PTH</abbr>' in html
    assert '<p class="lead">Para</p>' in html


def test_css_gets_a_content_hashed_name(make_site, run_build):
    root = make_site()
    assert run_build(root).code == 0
    css = list((root / "_site/css").glob("site.*.css"))
    assert len(css) == 1 and len(css[0].name.split(".")[1]) == 8
    assert f'href="css/{css[0].name}"' in (root / "_site/index.html").read_text()
    (root / "static/css/site.css").write_text("body { margin: 1px; }\n")
    assert run_build(root).code == 0
    assert [p.name for p in (root / "_site/css").glob("site.*.css")] != [css[0].name]


def test_other_static_files_are_copied_as_they_are(make_site, run_build):
    root = make_site({"static/img/logo.svg": "<svg></svg>\n"})
    assert run_build(root).code == 0
    assert (root / "_site/img/logo.svg").read_text() == "<svg></svg>\n"


def test_drafts_are_skipped_unless_asked_for(make_site, run_build):
    root = make_site({"content/articles/wip.md": article("WIP", draft="true")})
    assert run_build(root).code == 0
    assert not (root / "_site/articles/wip").exists()
    assert run_build(root, "--drafts").code == 0
    assert (root / "_site/articles/wip/index.html").is_file()


def test_base_url_is_used_only_for_absolute_outputs(make_site, run_build):
    root = make_site({"content/articles/a.md": article("A")})
    assert run_build(root, "--base-url", "https://other.example/x/").code == 0
    assert "<loc>https://other.example/x/articles/a/</loc>" in (root / "_site/sitemap.xml").read_text()
    assert "https://other.example" not in (root / "_site/articles/a/index.html").read_text()


def test_404_page_links_from_the_site_root(make_site, run_build):
    body = "Go to the [home page](index.md) or [A](articles/a.md#part).\n"
    root = make_site({"content/404.md": page("Not found", body), "content/articles/a.md": article("A", "## Part\n")})
    assert run_build(root).code == 0
    html = (root / "_site/404.html").read_text()
    assert '<a href="/sub/">Home</a>' in html
    assert '<a href="/sub/">home page</a> or <a href="/sub/articles/a/#part">A</a>' in html


def test_two_builds_are_byte_identical(make_site, run_build, tmp_path):
    root = make_site({"content/articles/a.md": article("A", "[b](b.md)\n"), "content/articles/b.md": article("B")})
    assert run_build(root, "--out", str(tmp_path / "one")).code == 0
    assert run_build(root, "--out", str(tmp_path / "two")).code == 0
    assert tree_digest(tmp_path / "one") == tree_digest(tmp_path / "two")


def test_builds_in_different_environments_are_byte_identical(make_site, tmp_path):
    root = make_site({"content/articles/a.md": article("A"), "content/articles/b.md": article("B", topics="[x]")})
    outs = []
    for number, (seed, tz) in enumerate([("1", "UTC"), ("4242", "Asia/Tokyo")]):
        out = tmp_path / f"out{number}"
        env = {**os.environ, "PYTHONHASHSEED": seed, "TZ": tz, "LC_ALL": "C"}
        subprocess.run(
            [sys.executable, str(PROJECT / "build.py"), "--root", str(root), "--out", str(out), "-q"],
            check=True,
            env=env,
        )
        outs.append(tree_digest(out))
    assert outs[0] == outs[1]


def test_feed_lists_the_newest_fifty_articles_newest_first(make_site, run_build):
    files = {
        f"content/articles/a{n:02}.md": article(f"A {n}", reviewed=f"2026-{1 + n % 12:02}-{1 + n % 28:02}")
        for n in range(60)
    }
    root = make_site(files)
    assert run_build(root).code == 0
    feed = (root / "_site/feed.xml").read_text()
    assert feed.count("<entry>") == 50
    updated = [line.strip()[9:19] for line in feed.splitlines() if line.strip().startswith("<updated>")][1:]
    assert updated == sorted(updated, reverse=True)
    assert "<updated>2026-12-24T00:00:00Z</updated>" in feed.splitlines()[7]


def test_stylesheets_are_minified_without_changing_their_meaning(make_site, run_build):
    css = '/* note */\na :hover , b > c {\n  content: "  keep ; { this  ";\n  width: calc(1px + 2px);\n}\n'
    root = make_site({"static/css/site.css": css})
    assert run_build(root).code == 0
    (published,) = (root / "_site/css").glob("site.*.css")
    assert published.read_text() == 'a :hover,b > c{content:"  keep ; { this  ";width:calc(1px + 2px)}\n'


def test_a_body_read_again_is_the_body_the_full_read_gives_and_a_changed_file_is_read_afresh(tmp_path):
    from citesite.errors import Problems
    from citesite.source.content import read_body, read_source

    path = tmp_path / "content/articles/a.md"
    path.parent.mkdir(parents=True)
    path.write_bytes(b"---\r\ntitle: A\r\nsummary: S.\r\n---\r\nFirst line.\r\n\r\nSecond 'line'.\r\n")
    full = read_source(path, tmp_path / "content", Problems())
    assert full is not None
    model = full._replace(body="", body_loaded=False)
    assert read_body(path, tmp_path / "content", model, Problems()) == full
    path.write_text("---\ntitle: B\nsummary: S.\n---\nNew.\n")
    again = read_body(path, tmp_path / "content", model, Problems())
    assert again is not None
    assert (again.meta.title, again.body) == ("B", "New.\n")
