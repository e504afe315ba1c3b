"""Real documentation, built as a new user would: trimmed pages of Python-Markdown's own docs (BSD licensed).

The pages were written for MkDocs. They go into content/articles/ with the front matter citesite needs added,
as an editor moving them over would. What is reported must be the docs' doing (MkDocs-only syntax, raw HTML
they use, '#' titles), each message true and at its line; fenced code must render highlighted, with no live
HTML from inside code.
"""

from __future__ import annotations

import re
from pathlib import Path

import html5lib
import yaml

CORPUS = Path(__file__).parent / "fixtures" / "python-markdown-docs"
SUMMARY = "A page of notes on the tool."


def import_page(text: str, fallback_title: str) -> str:
    """The page with citesite's front matter in place of its MkDocs meta-data."""
    meta = {}
    found = re.match(r"---\n(.*?)\n---\n", text, re.DOTALL)
    if found:
        meta = yaml.safe_load(found.group(1)) or {}
        text = text[found.end() :]
    title = meta.get("title") or fallback_title
    return f'---\ntitle: "{title}"\nsummary: "{SUMMARY}"\nreviewed: 2026-11-01\n---\n' + text


def corpus_files() -> dict[str, str]:
    files = {}
    for path in sorted(CORPUS.rglob("*.md")):
        if path.name in ("LICENSE.md", "NOTICE.md"):
            continue
        rel = path.relative_to(CORPUS).as_posix()
        files[f"content/articles/mddocs/{rel}"] = import_page(path.read_text(encoding="utf-8"), path.stem)
    return files


API = "content/articles/mddocs/extensions/api.md"
EXPECTED = [
    "content/articles/mddocs/contributing.md:6: warning: heading 'Contributing to Python-Markdown' uses '#'; start body headings at '##' (the title is the page's heading)",
    f"{API}:7: warning: heading 'Writing Extensions for Python-Markdown' uses '#'; start body headings at '##' (the title is the page's heading)",
    f"{API}:39: warning: 'style=' in raw HTML is dropped from <div> (the Content-Security-Policy blocks inline styles); give the element a class and style it in static/css/",
    f"{API}:45: warning: heading 'Usages' skips from level 1 to 4; use ##",
    f"{API}:67: warning: heading 'Convenience Classes' skips from level 3 to 5; use ####",
    "content/articles/mddocs/extensions/attr_list.md:7: warning: heading 'Attribute Lists' uses '#'; start body headings at '##' (the title is the page's heading)",
    "content/articles/mddocs/extensions/fenced_code_blocks.md:7: warning: heading 'Fenced Code Blocks' uses '#'; start body headings at '##' (the title is the page's heading)",
    "content/articles/mddocs/extensions/index.md:7: warning: heading 'Extensions' uses '#'; start body headings at '##' (the title is the page's heading)",
    "content/articles/mddocs/extensions/legacy_attrs.md:7: warning: heading 'Legacy Attributes' uses '#'; start body headings at '##' (the title is the page's heading)",
    "content/articles/mddocs/reference/markdown.util.md:6: error: unknown directive '::: markdown.util'; write '::: table NAME', '::: chart NAME' or '::: figure NAME'; a fenced div ('::: NAME' with its contents under it) ends with a line of colons (':::')",
]


def test_python_markdown_docs_report_only_what_is_theirs_each_at_its_line(make_site, run_build):
    root = make_site(corpus_files())
    result = run_build(root)  # a build keeps each problem's level
    assert result.code == 1
    lines = result.err.splitlines()
    assert lines[-1] == "1 error, 9 warnings"
    assert lines[:-1] == EXPECTED
    for line in lines[:-1]:  # every message points at the construct it names
        path, number = line.split(":")[:2]
        source = (root / path).read_text(encoding="utf-8").split("\n")[int(number) - 1]
        assert source.startswith("#") if "heading" in line else ("style=" in source or source.startswith(":::"))


def test_python_markdown_docs_render_code_highlighted_and_inert(make_site, run_build):
    files = corpus_files()
    files["content/articles/mddocs/reference/markdown.util.md"] = import_page("Reference.\n", "util")
    files[API] = files[API].replace('<div style="display: inline-block; border: 1px solid red;">', "<div>")
    root = make_site(files)
    result = run_build(root)
    assert result.code == 0, result.err
    out = root / "_site/articles/mddocs/extensions"
    fenced = (out / "fenced_code_blocks/index.html").read_text(encoding="utf-8")
    legacy = (out / "legacy_attrs/index.html").read_text(encoding="utf-8")
    assert fenced.count('<div class="codehilite">') == 6
    sample = "---\nextensions: [fenced_code]\n---\n``` { .html }\n&lt;p&gt;HTML Document&lt;/p&gt;\n```\n"
    assert f'<div class="codehilite"><pre><span></span><code>{sample}</code></pre></div>' in fenced
    assert '<div class="codehilite"><pre><span></span><code><span class="n">markdown</span>' in legacy
    # The image link inside a code sample is text, not a link or image, and was not checked.
    assert "path/to/image.jpg" in legacy and 'src="path/to/image.jpg"' not in legacy
    for html in (fenced, legacy):
        tree = html5lib.parseFragment(html.split("<body>", 1)[1], treebuilder="etree", namespaceHTMLElements=False)
        tags = {element.tag for element in tree.iter() if isinstance(element.tag, str)}
        assert not tags & {"script", "style", "iframe", "textarea"}
        assert not any(name.startswith("on") for element in tree.iter() for name in element.attrib)
    index = (out / "index.html").read_text(encoding="utf-8")
    assert 'id="third-party-extensions"' in index
    contributing = (root / "_site/articles/mddocs/contributing/index.html").read_text(encoding="utf-8")
    assert '<a href="&#109;&#97;&#105;&#108;&#116;&#111;&#58;' in contributing  # <python.markdown@gmail.com>
