"""'markdown: extensions' in site.yaml: further Python-Markdown extensions, loaded before the site's own checks."""

from __future__ import annotations

import textwrap

import pytest
from conftest import SITE_YAML, page

HOME = "---\ntitle: Home\nsummary: The home page.\n---\nFirst line\nsecond line\n\n1. one\n* two\n"
# An extension module of the site's own, importable by name: a tree pass (at the priority given) that adds
# an element, or a postprocessor that appends text.
EXTENSION = """\
import xml.etree.ElementTree as etree
from markdown.extensions import Extension
from markdown.postprocessors import Postprocessor
from markdown.treeprocessors import Treeprocessor


class AddElement(Treeprocessor):
    def run(self, root):
        etree.SubElement(root, "{tag}", {{"{attribute}": "{value}"}}).text = "added"


class AppendText(Postprocessor):
    def run(self, text):
        return text + "<p>appended</p>"


class SiteExtension(Extension):
    def __init__(self, **kwargs):
        self.config = {{"greeting": ["hello", "a greeting"]}}
        super().__init__(**kwargs)

    def extendMarkdown(self, md):
        {register}


def makeExtension(**kwargs):
    return SiteExtension(**kwargs)
"""


def _extension(tag: str = "p", attribute: str = "class", value: str = "note", register: str = "") -> str:
    register = register or "md.treeprocessors.register(AddElement(md), 'site-add', 10)"
    return EXTENSION.format(tag=tag, attribute=attribute, value=value, register=register)


def _settings(*entries: str) -> str:
    return SITE_YAML + "markdown:\n  extensions:\n" + "".join(f"    - {entry}\n" for entry in entries)


def test_built_in_extensions_are_enabled_by_name(make_site, run_build):
    root = make_site({"content/site.yaml": _settings("nl2br", "sane_lists"), "content/index.md": HOME})
    result = run_build(root, "--strict")
    assert result.code == 0, result.err
    html = (root / "_site/index.html").read_text()
    assert "<p>First line<br>\nsecond line</p>" in html  # nl2br
    assert "<ol>\n<li>one<br>\n* two</li>\n</ol>" in html  # sane_lists: a '*' item does not continue an '1.' list


def test_the_site_checks_what_an_added_extension_makes(make_site, run_build):
    root = make_site(
        {
            "content/site.yaml": _settings("wikilinks: {base_url: /wiki/}"),
            "content/index.md": page("Home", "See [[Other Page]].\n"),
        }
    )
    result = run_build(root)
    assert result.code == 1
    assert result.err.splitlines() == [
        "content/index.md:5: error: link to '/wiki/Other_Page/', which the site does not have; "
        "link a page by its .md file, or add the file under static/",
        "1 error, 0 warnings",
    ]


def test_an_extension_of_the_sites_own_runs_with_its_options(make_site, run_build):
    root = make_site({"content/site.yaml": _settings("site_ext: {greeting: hi}"), "site_ext.py": _extension()})
    result = run_build(root, "--strict", "--jobs", "1")
    assert result.code == 0, result.err
    assert '<p class="note">added</p>' in (root / "_site/index.html").read_text()


def test_an_added_element_is_still_checked_last(make_site, run_build):
    root = make_site(
        {
            "content/site.yaml": _settings("unsafe_ext"),
            "unsafe_ext.py": _extension(attribute="onclick", value="steal()"),
        }
    )
    result = run_build(root, "--jobs", "1")
    assert result.code == 1
    assert result.err.splitlines() == [  # the final attribute check ran after the extension's tree pass
        "content/index.md:5: error: event handler 'onclick=' is not allowed in a '{: }' attribute list; "
        "remove it (scripts belong in static/js/)",
        "1 error, 0 warnings",
    ]
    assert not (root / "_site").exists()


REFUSED_EXTENSIONS = {
    "not_installed": (
        "nosuch.markdown_ext",
        "",
        "content/site.yaml:6: error: 'markdown: extensions': no extension named 'nosuch.markdown_ext' is installed; "
        "check the spelling, or install the package that provides it (pip install …) in the environment that builds the site",
    ),
    "unknown_option": (
        "wikilinks: {base_ur: /wiki/}",
        "",
        "content/site.yaml:6: error: 'markdown: extensions': 'wikilinks' failed to load (KeyError: 'base_ur'); "
        "check its name and options against its documentation",
    ),
    "not_an_extension": (
        "json",
        "",
        "content/site.yaml:6: error: 'markdown: extensions': 'json' is not a Markdown extension the build may load, "
        "so it was not loaded; name one of Python-Markdown's or a registered one (extra, legacy_attrs, legacy_em, "
        "md_in_html, meta, nl2br, sane_lists, wikilinks), a module of an installed extension package (none installed), "
        "or a module of the site's own in the project folder (module or module:ExtensionClass)",
    ),
    "own_module_without_make_extension": (
        "site_ext:AddElement",
        "",
        "content/site.yaml:6: error: 'markdown: extensions': 'site_ext:AddElement' failed to load (NotAnExtension: "
        "'AddElement' in site_ext is not a markdown.Extension class); check its name and options against its documentation",
    ),
    "one_of_ours": (
        "toc: {permalink: true}",
        "",
        "content/site.yaml:6: error: 'markdown: extensions': 'toc' is always on, configured by the generator "
        "(fenced_code, codehilite, tables, toc, footnotes, attr_list, abbr, admonition, def_list, smarty); "
        "remove it from the list",
    ),
    "one_of_ours_by_module": (
        "markdown.extensions.tables",
        "",
        "content/site.yaml:6: error: 'markdown: extensions': 'markdown.extensions.tables' is always on, configured by "
        "the generator (fenced_code, codehilite, tables, toc, footnotes, attr_list, abbr, admonition, def_list, smarty); "
        "remove it from the list",
    ),
    "raises_while_loading": (
        "site_ext",
        "raise ValueError('no colours configured')",
        "content/site.yaml:6: error: 'markdown: extensions': 'site_ext' failed to load "
        "(ValueError: no colours configured); check its name and options against its documentation",
    ),
    "tree_pass_among_the_checks": (
        "site_ext",
        "md.treeprocessors.register(AddElement(md), 'site-late', 2)",
        "content/site.yaml:6: error: 'markdown: extensions': 'site_ext' adds the tree pass 'site-late' (priority 2), "
        "which would run after the site's final checks, so its output would go unchecked; remove it from the list",
    ),
    "postprocessor": (
        "site_ext",
        "md.postprocessors.register(AppendText(md), 'site-append', 10)",
        "content/site.yaml:6: error: 'markdown: extensions': 'site_ext' adds the postprocessor 'site-append' "
        "(priority 10), which would run after the site's final checks, so its output would go unchecked; "
        "remove it from the list",
    ),
    "entry_not_a_name": (
        "[a, b]",
        "",
        "content/site.yaml:6: error: 'markdown: extensions': \"['a', 'b']\" is not an extension; write its name "
        "(- tables) or its name and options (- toc: {permalink: true})",
    ),
    "options_not_a_mapping": (
        "wikilinks: [a]",
        "",
        "content/site.yaml:6: error: 'markdown: extensions': the options of 'wikilinks' must be 'option: value' lines, "
        "e.g. - toc: {permalink: true}",
    ),
}


@pytest.mark.parametrize("entry,register,message", REFUSED_EXTENSIONS.values(), ids=REFUSED_EXTENSIONS.keys())
def test_an_unusable_extension_is_reported_at_its_line(make_site, run_build, entry, register, message):
    module = _extension(register=register) if register else _extension()
    root = make_site({"content/site.yaml": _settings(entry), "site_ext.py": module})  # the site's own module
    result = run_build(root, "--jobs", "1")
    assert result.code == 1
    assert result.err.splitlines() == [message, "1 error, 0 warnings"], result.err


def test_every_bad_extension_is_reported_at_once(make_site, run_build):
    root = make_site({"content/site.yaml": _settings("nl2br", "nosuch_a", "nosuch_b")})
    lines = run_build(root).err.splitlines()
    assert [line.split(": error:")[0] for line in lines[:-1]] == ["content/site.yaml:7", "content/site.yaml:8"]
    assert lines[-1] == "2 errors, 0 warnings"


def test_changing_the_extensions_converts_every_page_again(make_site, run_build):
    root = make_site({"content/index.md": HOME})
    assert run_build(root).code == 0
    assert "<br>" not in (root / "_site/index.html").read_text()
    (root / "content/site.yaml").write_text(_settings("nl2br"))
    assert run_build(root).code == 0
    assert "<p>First line<br>\nsecond line</p>" in (root / "_site/index.html").read_text()
    (root / "content/site.yaml").write_text(SITE_YAML)
    assert run_build(root).code == 0
    assert "<br>" not in (root / "_site/index.html").read_text()


def test_the_extension_module_text_is_python(tmp_path):
    """The test's own extension module compiles, so a failure above is the build's, not a typo here."""
    compile(textwrap.dedent(_extension()), "site_ext.py", "exec")
