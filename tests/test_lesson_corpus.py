"""A real lesson (tests/fixtures/lesson/, ten episodes written the Carpentries way) builds, construct by construct."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from pygments import highlight
from pygments.formatters import HtmlFormatter
from pygments.lexers import get_lexer_by_name

from citesite.cli import main

CORPUS = Path(__file__).parent / "fixtures" / "lesson"
GUIDE = Path(__file__).parent.parent / "docs" / "getting-started.md"
STYLE_WARNING = (
    "content/episodes/05-images.md:31: warning: 'style=' in a '{: }' attribute list is dropped from <img> "
    "(the Content-Security-Policy blocks inline styles); give the element a class and style it in static/css/"
)
EPISODES = [
    "01-headings",
    "02-paragraphs",
    "03-lists",
    "04-links",
    "05-images",
    "06-tables",
    "07-code",
    "08-boxes",
    "09-exercises",
    "10-summary",
]


@pytest.fixture
def lesson(tmp_path: Path) -> Path:
    """A copy of the lesson corpus, so building it writes nothing into the repository."""
    return Path(shutil.copytree(CORPUS, tmp_path / "lesson", ignore=shutil.ignore_patterns(".cache", "_site")))


@pytest.fixture
def built(lesson: Path, run_build) -> tuple[Path, str]:
    """The lesson built once without --strict; its root and what the build printed on stderr."""
    result = run_build(lesson)
    assert result.code == 0, result.err
    return lesson, result.err


def content(root: Path, url: str) -> str:
    """The page's own text: what the theme puts in <div class="content">."""
    html = (root / "_site" / url / "index.html").read_text(encoding="utf-8")
    return html.split('<div class="content">\n', 1)[1].split('\n</div>\n<dl class="lesson-meta">', 1)[0]


def after_content(root: Path, url: str) -> str:
    """What the lesson's page template adds after the text."""
    html = (root / "_site" / url / "index.html").read_text(encoding="utf-8")
    return html.split('<dl class="lesson-meta">', 1)[1].split("</dl>", 1)[0]


def test_the_lesson_builds_with_only_the_style_warning(built):
    _, err = built
    assert err == STYLE_WARNING + "\n0 errors, 1 warning\n"


def test_a_strict_build_fails_on_the_style_warning_alone(lesson, run_build):
    result = run_build(lesson, "--strict")
    assert result.code == 1
    assert result.err == STYLE_WARNING + "\n0 errors, 1 warning (strict: warnings fail the build)\n"


def test_every_episode_is_published(built):
    root, _ = built
    assert sorted(p.name for p in (root / "_site/episodes").iterdir() if (p / "index.html").exists()) == EPISODES


def test_a_challenge_box_has_its_title_and_folds_its_solution_with_the_solution_heading(built):
    root, _ = built
    assert content(root, "episodes/09-exercises").startswith(
        '<h2 id="practice">Practice<a class="headerlink" href="#practice" title="Link to this section">#</a></h2>\n'
        '<div class="admonition tip challenge">\n'
        '<p class="admonition-title" data-pagefind-ignore="">Challenge 1: make a heading</p>\n'
        "<p>Write a third-level heading that says &ldquo;Results&rdquo;.</p>\n"
        '<details class="fold solution">\n<summary>Solution</summary>\n'
        '<div class="codehilite"><pre><span></span><code><span class="gu">### Results</span>\n</code></pre></div>\n\n'
        "</details>\n</div>\n"
        '<div class="admonition tip challenge">\n'
        '<p class="admonition-title" data-pagefind-ignore="">Challenge 2: link to a phrase</p>\n'
        '<p>Link to the phrase <a href="../02-paragraphs/#blank-line">blank line</a> from a list item.</p>\n'
        '<details class="fold solution">\n<summary>Solution</summary>\n'
        '<ul>\n<li>See the <a href="../02-paragraphs/#blank-line">blank line</a>.</li>\n</ul>\n</details>\n</div>\n'
    )


def test_a_div_with_attributes_and_a_div_nested_in_a_box(built):
    root, _ = built
    html = content(root, "episodes/08-boxes")
    assert (
        '<div class="admonition note callout" id="colons">\n'
        '<p class="admonition-title" data-pagefind-ignore="">How many colons?</p>\n'
        "<p>Three is enough. Longer lines make it easier to see where a box ends.</p>\n</div>\n" in html
    )
    assert (
        '<div class="admonition note discussion">\n'
        '<p class="admonition-title" data-pagefind-ignore="">Inside and outside</p>\n'
        "<p>Close the inner box first.</p>\n"
        '<div class="aside" id="inner-box">\n<p>This box is inside the discussion.</p>\n</div>\n</div>\n'
        '<p>See <a href="#colons">how many colons</a> for the rule.</p>\n' in html
    )


def test_every_named_div_is_the_box_site_yaml_asks_for(built):
    root, _ = built
    assert content(root, "episodes/01-headings").startswith(
        '<div class="admonition note objectives">\n<p class="admonition-title" data-pagefind-ignore="">Objectives</p>\n'
    )
    assert content(root, "episodes/01-headings").endswith(
        '<div class="admonition keypoints" data-pagefind-weight="5">\n'
        '<p class="admonition-title" data-pagefind-ignore="">Key points</p>\n<ul>\n'
        "<li>A heading starts with one or more <code>#</code> marks.</li>\n"
        "<li>Every heading has an id that links can use.</li>\n</ul>\n</div>"
    )
    assert (
        '<div class="admonition note discussion">\n<p class="admonition-title" data-pagefind-ignore="">Which kind?</p>'
        in (content(root, "episodes/03-lists"))
    )
    home = (root / "_site/index.html").read_text(encoding="utf-8")
    assert (
        '<div class="admonition note prereq">\n<p class="admonition-title" data-pagefind-ignore="">Before you start</p>'
        in home
    )


def test_a_span_has_its_id_and_links_from_other_pages_resolve_to_it(built):
    root, _ = built
    assert (
        '<p>Lines that follow each other form one paragraph. A <span class="term" id="blank-line">blank line</span> '
        "ends it.</p>" in content(root, "episodes/02-paragraphs")
    )
    assert (
        "<p>A phrase marked <code>[words]{#id}</code> is an anchor too: "
        '<a href="../02-paragraphs/#blank-line">what a blank line does</a>.</p>' in content(root, "episodes/04-links")
    )
    assert '<li>Leave a <a href="../02-paragraphs/#blank-line">blank line</a> before the list.</li>' in content(
        root, "episodes/03-lists"
    )


def test_a_fifth_level_heading_has_an_id_that_another_page_links_to(built):
    root, _ = built
    assert (
        '<h5 id="fifth-level">Fifth level<a class="headerlink" href="#fifth-level" title="Link to this section">#</a>'
        "</h5>" in content(root, "episodes/01-headings")
    )
    assert '<a href="../01-headings/#fifth-level">the fifth level</a>' in content(root, "episodes/04-links")
    assert '<a href="../01-headings/#fifth-level">fifth level</a>' in content(root, "episodes/10-summary")


def test_figures_are_published_once_beside_the_episodes_and_linked_relative_to_each_page(built):
    root, _ = built
    fig = CORPUS / "content/episodes/fig"
    assert sorted(p.name for p in (root / "_site/episodes/fig").iterdir()) == ["marks.png", "outline.svg"]
    for name in ("marks.png", "outline.svg"):
        assert (root / "_site/episodes/fig" / name).read_bytes() == (fig / name).read_bytes()
    assert sorted(p.relative_to(root / "_site").as_posix() for p in (root / "_site").rglob("outline.svg")) == [
        "episodes/fig/outline.svg"
    ]
    images = content(root, "episodes/05-images")
    assert '<p><img alt="A page outline: a title bar above three lines of text" src="../fig/outline.svg"></p>' in images
    assert '<p><img alt="Three coloured squares, one for each kind of mark" src="../fig/marks.png"></p>' in images
    assert '<p><img alt="The same three squares, drawn smaller" src="../fig/marks.png"></p>' in images
    assert (
        '<p><img alt="The page outline again: a title bar above three lines of text" src="../fig/outline.svg"></p>'
        in content(root, "episodes/10-summary")
    )


def test_alt_text_from_the_attribute_list_is_written_once_and_style_is_dropped(built):
    root, _ = built
    html = (root / "_site/episodes/05-images/index.html").read_text(encoding="utf-8")
    assert html.count("A page outline: a title bar above three lines of text") == 1
    assert html.count("The same three squares, drawn smaller") == 1
    assert 'style="' not in content(root, "episodes/05-images")
    assert "alt=''" not in html and "{alt=" not in html


def test_the_csv_beside_the_page_is_published_and_linked(built):
    root, _ = built
    csv = (CORPUS / "content/episodes/data/marks.csv").read_bytes()
    assert (root / "_site/episodes/data/marks.csv").read_bytes() == csv
    assert '<a href="../data/marks.csv">download the marks (CSV)</a>' in content(root, "episodes/06-tables")
    assert '<a href="../data/marks.csv">data</a>' in content(root, "episodes/10-summary")


def test_code_blocks_are_coloured_by_their_language_and_colons_inside_code_stay_as_written(built):
    root, _ = built
    html = content(root, "episodes/07-code")
    assert (
        '<div class="codehilite"><pre><span></span><code><span class="n">words</span> <span class="o">=</span> '
        '<span class="nb">open</span>' in html
    )
    # The shell line as the installed Pygments colours it (2.12, the lowest allowed, marks no spaces).
    shell = highlight(
        "python build.py --strict\n", get_lexer_by_name("sh"), HtmlFormatter(cssclass="codehilite", wrapcode=True)
    )
    assert shell in html
    assert (
        '<div class="codehilite"><pre><span></span><code>::: challenge\nNothing inside a code block is converted: '
        '<span class="sb">`:::`</span> lines stay as written.\n:::\n</code></pre></div>\n' in html
    )
    assert "admonition tip challenge" not in html


def test_lesson_front_matter_under_extra_reaches_the_template(built):
    root, _ = built
    assert after_content(root, "episodes/01-headings") == (
        "\n<dt>Teaching</dt><dd>10 min</dd>\n<dt>Exercises</dt><dd>5 min</dd>\n"
        "<dt>Questions</dt><dd>How do I mark a heading?</dd>\n"
    )
    assert "<dt>Exercises</dt><dd>15 min</dd>" in after_content(root, "episodes/09-exercises")


def test_an_open_solution_keeps_its_text_off_the_summary_and_ends_without_a_gap(built):
    root, _ = built
    css = next((root / "_site/css").glob("site*.css")).read_text(encoding="utf-8")
    assert "details.fold > :last-child{margin-bottom:0}" in css
    assert "details.fold[open] > summary{margin-bottom:.5rem}" in css


def guide_blocks(fence: str) -> list[str]:
    """The fenced blocks of one kind in the guide's "Bring an existing lesson" section, in order."""
    text = GUIDE.read_text(encoding="utf-8")
    section = text.split("## 9. Bring an existing lesson\n", 1)[1].split("\n## ", 1)[0]
    return [block.split("\n```", 1)[0] for block in section.split(f"\n```{fence}\n")[1:]]


def test_the_guides_front_matter_and_divs_block_are_the_lessons_own():
    front_matter, divs = guide_blocks("yaml")
    assert (CORPUS / "content/episodes/01-headings.md").read_text(encoding="utf-8").startswith(front_matter + "\n")
    assert (CORPUS / "content/site.yaml").read_text(encoding="utf-8").endswith(divs + "\n")


def test_the_guides_steps_bring_the_lesson_into_a_new_site(tmp_path, run_build, capsys):
    site = tmp_path / "my-site"
    assert main(["init", str(site)]) == 0
    assert guide_blocks("sh")[0] == "cp -r ../my-lesson/episodes content/episodes\ncitesite build"
    shutil.copytree(CORPUS / "content/episodes", site / "content/episodes")
    with (site / "content/site.yaml").open("a", encoding="utf-8") as settings:
        settings.write(guide_blocks("yaml")[1] + "\n")
    result = run_build(site)
    assert result.code == 0, result.err
    assert STYLE_WARNING in result.err.splitlines()
    assert " error: " not in result.err
    assert (site / "_site/episodes/09-exercises/index.html").read_text(encoding="utf-8").count(
        '<details class="fold solution">'
    ) == 2


def test_the_guides_refusals_are_the_messages_the_build_prints(tmp_path, run_build):
    site = tmp_path / "my-site"
    assert main(["init", str(site)]) == 0
    (site / "content/episodes/fig").mkdir(parents=True)
    (site / "content/episodes/fig/x.png").write_bytes((CORPUS / "content/episodes/fig/marks.png").read_bytes())
    (site / "content/episodes/01-intro.md").write_text(
        "---\ntitle: Introduction\nsummary: What this lesson is about.\nextra:\n  teaching: 10\n---\n"
        "::::::::::::::: questions\n\n- How do I write a lesson?\n\n:::::::::::::::\n\n"
        "<script>alert(1)</script>\n\n![](fig/x.png){alt='A picture' style=\"width:50%\"}\n",
        encoding="utf-8",
    )
    result = run_build(site)
    assert result.code == 1
    messages = [line for line in result.err.splitlines() if line.startswith("content/episodes/")]
    assert messages == guide_blocks("text")[0].splitlines()
