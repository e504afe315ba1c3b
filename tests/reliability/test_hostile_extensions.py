"""Hostile 'markdown: extensions' in site.yaml: one line of YAML must never run a command.

Each entry names something in the standard library (or the generator, or a folder editors change) that
would act if it were called with its YAML options: create a file outside the project, delete one, truncate
one, run a program, import a module whose top-level code acts. Under build, check and the preview server's
first build, each is refused at its line, nothing outside the project changes, and the module it names is
not even imported.
"""

from __future__ import annotations

import io
import json
import sys
import textwrap
from pathlib import Path

import pytest
from conftest import SITE_YAML, page, tree_digest
from test_bad_input_catalogue import snapshot

from citesite.serve import Server

ALLOWED = (
    "name one of Python-Markdown's or a registered one (extra, legacy_attrs, legacy_em, md_in_html, meta, nl2br, "
    "sane_lists, wikilinks), a module of an installed extension package (none installed), or a module of the "
    "site's own in the project folder (module or module:ExtensionClass)"
)
ZEN = "Beautiful is better than ugly"  # what importing 'this' prints


def refused(name: str) -> str:
    """The message for a name outside the allowed sources."""
    return f"'markdown: extensions': '{name}' is not a Markdown extension the build may load, so it was not loaded; {ALLOWED}"


def not_installed(name: str) -> str:
    """The message for a name that points at nothing installed."""
    return (
        f"'markdown: extensions': no extension named '{name}' is installed; check the spelling, or install the "
        "package that provides it (pip install …) in the environment that builds the site"
    )


# name -> options that would change something outside the project if the name were called with them.
# {keep}: a file that must survive unchanged; {made}: a path that must not appear; {out}: the folder of both.
HOSTILE: dict[str, dict[str, object]] = {
    "os:system": {"command": "touch {made}; rm -f {keep}"},
    "os:popen": {"cmd": "touch {made}"},
    "os:remove": {"path": "{keep}"},
    "os:unlink": {"path": "{keep}"},
    "os:truncate": {"path": "{keep}", "length": 0},
    "os:rename": {"src": "{keep}", "dst": "{made}"},
    "os:makedirs": {"name": "{made}"},
    "os:mkdir": {"path": "{made}"},
    "os:kill": {},
    "os:_exit": {},
    "os:execv": {},
    "os.path:exists": {"path": "{keep}"},
    "subprocess:run": {"args": ["touch", "{made}"]},
    "subprocess:Popen": {"args": ["touch", "{made}"]},
    "subprocess:call": {"args": ["touch", "{made}"]},
    "subprocess:check_call": {"args": ["touch", "{made}"]},
    "subprocess:check_output": {"args": ["touch", "{made}"]},
    "subprocess:getoutput": {"cmd": "touch {made}"},
    "shutil:rmtree": {"path": "{out}"},
    "shutil:copy": {"src": "{keep}", "dst": "{made}"},
    "shutil:move": {"src": "{keep}", "dst": "{made}"},
    "builtins:open": {"file": "{keep}", "mode": "w"},
    "builtins:exec": {},
    "builtins:eval": {},
    "builtins:compile": {},
    "builtins:__import__": {"name": "this"},
    "builtins:breakpoint": {},
    "builtins:input": {},
    "signal:raise_signal": {},
    "signal:alarm": {},
    "importlib:import_module": {"name": "this"},
    "runpy:run_path": {"path_name": "{out}/script.py"},
    "runpy:run_module": {"mod_name": "this"},
    "pathlib.Path:unlink": {},
    "pathlib:Path": {},
    "code:interact": {},
    "pdb:set_trace": {},
    "pdb:run": {"statement": "open('{made}', 'w')"},
    "webbrowser:open": {"url": "file://{made}"},
    "sys:exit": {},
    "tempfile:mkdtemp": {"dir": "{out}"},
    "tarfile:open": {"name": "{made}", "mode": "w"},
    "zipfile:ZipFile": {"file": "{made}", "mode": "w"},
    "logging:FileHandler": {"filename": "{made}"},
    "socket:create_server": {"address": ["127.0.0.1", 0]},
    "threading:Timer": {},
    "atexit:register": {},
    "ctypes:CDLL": {},
    "pickle:loads": {},
    "yaml:unsafe_load": {"stream": "!!python/object/apply:os.system ['touch {made}']"},
    "jinja2:Template": {"source": "x"},
    "citesite.cli:main": {"argv": ["init", "{made}"]},  # the generator itself is not an extension source
    "markdown:markdown": {"text": "x"},
    "markdown.__main__": {},
    "markdown.util:Registry": {},
    "markdown.extensions:Extension": {},
    "content.evil": {},  # code in folders editors change, or the build writes, is not the site's own
    "content.evil:Evil": {},
    "templates.evil": {},
    "static.evil": {},
    "_site.evil": {},
    "this": {},
    "antigravity": {},
    "os": {},
    "subprocess": {},
    "runpy": {},
}
# Names that point at no installed module: refused the same way, nothing imported.
MISSING = {"nosuch_module:Thing": {}, "nosuch_package.sub": {}}
NOT_IMPORTED = {"this", "antigravity", "runpy", "code", "pdb", "webbrowser", "tarfile", "zipfile", "ctypes", "tempfile"}


def _options(options: dict[str, object], out: Path) -> dict[str, object]:
    text = json.dumps(options).replace("{made}", str(out / "made")).replace("{keep}", str(out / "keep.txt"))
    return json.loads(text.replace("{out}", str(out)))


def _site_yaml(names: list[str], out: Path) -> str:
    entries = "".join(
        f"    - {json.dumps(name)}: {json.dumps(_options({**HOSTILE, **MISSING}[name], out))}\n" for name in names
    )
    return SITE_YAML + "markdown:\n  extensions:\n" + entries


def _expected(names: list[str]) -> list[str]:
    return [
        f"content/site.yaml:{6 + n}: error: " + (not_installed(name) if name in MISSING else refused(name))
        for n, name in enumerate(names)
    ]


def _outside(tmp_path: Path) -> Path:
    """A folder beside the project with a file to keep and a script that would make the marker."""
    out = tmp_path / "outside"
    out.mkdir()
    (out / "keep.txt").write_text("keep me\n")
    (out / "script.py").write_text(f"open({str(out / 'made')!r}, 'w').close()\n")
    return out


def _evil_modules(root: Path, out: Path) -> None:
    """Code in folders editors change, which must not count as the site's own extensions."""
    acting = f"open({str(out / 'made')!r}, 'w').close()\n"
    for folder in ("content", "templates", "static", "_site"):
        (root / folder).mkdir(exist_ok=True)
        (root / folder / "evil.py").write_text(acting)


@pytest.mark.parametrize("command", ["build", "check"])
@pytest.mark.parametrize("name", [*HOSTILE, *MISSING])
def test_a_hostile_extension_name_is_refused_and_runs_nothing(name, command, make_site, run_build, tmp_path):
    out = _outside(tmp_path)
    root = make_site({"content/index.md": page("Home")})
    assert run_build(root).code == 0  # a good build first: the failed one must leave it as it was
    make_site({"content/site.yaml": _site_yaml([name], out)})
    _evil_modules(root, out)
    site_before = tree_digest(root / "_site")
    before_files = snapshot(tmp_path, (root,))
    before_modules = set(sys.modules)
    result = run_build(root, command)
    assert result.code == 1
    assert result.err.splitlines() == [*_expected([name]), "1 error, 0 warnings"]
    assert ZEN not in result.out
    assert snapshot(tmp_path, (root,)) == before_files  # nothing outside the project was made, changed or deleted
    assert not (set(sys.modules) - before_modules) & NOT_IMPORTED
    assert tree_digest(root / "_site") == site_before


def test_every_hostile_name_at_once_is_refused_by_the_preview_server(make_site, tmp_path, capsys):
    names = [*HOSTILE, *MISSING]
    out = _outside(tmp_path)
    root = make_site({"content/site.yaml": _site_yaml(names, out), "content/index.md": page("Home")})
    _evil_modules(root, out)
    before_files = snapshot(tmp_path, (root,))
    before_modules = set(sys.modules)
    app = Server(root, port=0, out=io.StringIO(), err=io.StringIO())
    app.start()
    try:
        assert not app.hub.status()["ok"]
        assert isinstance(app.err, io.StringIO)
        errors = app.err.getvalue().splitlines()
    finally:
        app.stop()
    assert errors[:-1] == _expected(names)
    assert errors[-1] == f"{len(names)} errors, 0 warnings"
    assert ZEN not in capsys.readouterr().out
    assert snapshot(tmp_path, (root,)) == before_files
    assert not (set(sys.modules) - before_modules) & NOT_IMPORTED


# -- what may load: the site's own modules, Python-Markdown's, installed extension packages ------------------

OWN_EXTENSION = """\
from markdown.extensions import Extension
from markdown.treeprocessors import Treeprocessor


class Mark(Treeprocessor):
    def run(self, root):
        for p in root.iter("p"):
            p.set("class", self.md.mark_class)


class MarkExtension(Extension):
    def __init__(self, **kwargs):
        self.config = {"mark": ["marked", "the class"]}
        super().__init__(**kwargs)

    def extendMarkdown(self, md):
        md.mark_class = self.getConfig("mark")
        md.treeprocessors.register(Mark(md), "mark", 10)


def makeExtension(**kwargs):
    return MarkExtension(**kwargs)


def touch(path):
    open(path, "w").close()
"""
ABBR_BODY = "First line\nsecond line\n"


def _yaml(*entries: str) -> str:
    return SITE_YAML + "markdown:\n  extensions:\n" + "".join(f"    - {entry}\n" for entry in entries)


def test_a_module_of_the_sites_own_and_python_markdowns_own_still_load(make_site, run_build):
    root = make_site(
        {
            "content/site.yaml": _yaml("site_mark: {mark: own}", "markdown.extensions.nl2br", "sane_lists"),
            "content/index.md": page("Home", ABBR_BODY),
            "site_mark.py": OWN_EXTENSION,
        }
    )
    result = run_build(root, "--strict")
    assert result.code == 0, result.err
    assert '<p class="own">First line<br>\nsecond line</p>' in (root / "_site/index.html").read_text()


def test_a_class_of_the_sites_own_package_loads_by_module_and_class(make_site, run_build):
    root = make_site(
        {
            "content/site.yaml": _yaml("site_exts.marking:MarkExtension: {mark: pkg}"),
            "content/index.md": page("Home", ABBR_BODY),
            "site_exts/__init__.py": "",
            "site_exts/marking.py": OWN_EXTENSION,
        }
    )
    result = run_build(root, "--strict")
    assert result.code == 0, result.err
    assert '<p class="pkg">First line\nsecond line</p>' in (root / "_site/index.html").read_text()


def test_a_function_of_the_sites_own_module_is_not_called(make_site, run_build, tmp_path):
    made = tmp_path / "made"
    root = make_site({"content/site.yaml": _yaml(f"site_mark:touch: {{path: {made}}}"), "site_mark.py": OWN_EXTENSION})
    result = run_build(root)
    assert result.err.splitlines() == [
        "content/site.yaml:6: error: 'markdown: extensions': 'site_mark:touch' failed to load (NotAnExtension: "
        "'touch' in site_mark is not a markdown.Extension class); check its name and options against its documentation",
        "1 error, 0 warnings",
    ]
    assert not made.exists()


def test_a_function_of_python_markdown_is_not_called(make_site, run_build):
    root = make_site(
        {"content/site.yaml": _yaml("markdown.extensions.wikilinks:build_url: {label: x, base: /, end: /}")}
    )
    assert run_build(root).err.splitlines() == [
        "content/site.yaml:6: error: 'markdown: extensions': 'markdown.extensions.wikilinks:build_url' failed to load "
        "(NotAnExtension: 'build_url' in markdown.extensions.wikilinks is not a markdown.Extension class); check its "
        "name and options against its documentation",
        "1 error, 0 warnings",
    ]


def test_a_site_module_may_not_replace_an_installed_one(make_site, run_build, tmp_path):
    made = tmp_path / "made"
    root = make_site({"content/site.yaml": _yaml("json"), "json.py": f"open({str(made)!r}, 'w').close()\n"})
    assert run_build(root).err.splitlines() == [f"content/site.yaml:6: error: {refused('json')}", "1 error, 0 warnings"]
    assert not made.exists()
    assert sys.modules["json"].__file__ != str(root / "json.py")


def test_a_site_module_symlinked_from_outside_is_not_the_sites_own(make_site, run_build, tmp_path):
    out = _outside(tmp_path)
    (out / "linked.py").write_text(f"open({str(out / 'made')!r}, 'w').close()\n")
    root = make_site({"content/site.yaml": _yaml("linked")})
    (root / "linked.py").symlink_to(out / "linked.py")
    assert run_build(root).err.splitlines() == [
        f"content/site.yaml:6: error: {refused('linked')}",
        "1 error, 0 warnings",
    ]
    assert not (out / "made").exists()


@pytest.mark.parametrize(
    "entry",
    [
        "markdown.extensions.toc:TocExtension",
        "markdown.extensions.abbr:AbbrExtension",
        "markdown.extensions.abbr",
        "abbr",
    ],
)
def test_an_always_on_extension_spelt_any_way_is_recognised(entry, make_site, run_build):
    root = make_site({"content/site.yaml": _yaml(entry)})
    assert run_build(root).err.splitlines() == [
        f"content/site.yaml:6: error: 'markdown: extensions': '{entry}' is always on, configured by the generator "
        "(fenced_code, codehilite, tables, toc, footnotes, attr_list, abbr, admonition, def_list, smarty); "
        "remove it from the list",
        "1 error, 0 warnings",
    ]


def _distribution(folder: Path, name: str, module: str, *, requires: str = "", entry_points: str = "") -> None:
    """An installed distribution (metadata and a package) that importlib.metadata finds on sys.path."""
    (folder / name).mkdir(parents=True)
    (folder / name / "__init__.py").write_text("")
    (folder / name / "ext.py").write_text(module)
    info = folder / f"{name}-1.0.dist-info"
    info.mkdir()
    (info / "METADATA").write_text(f"Metadata-Version: 2.1\nName: {name}\nVersion: 1.0\n{requires}")
    (info / "top_level.txt").write_text(f"{name}\n")
    (info / "RECORD").write_text(f"{name}/__init__.py,,\n{name}/ext.py,,\n")
    if entry_points:
        (info / "entry_points.txt").write_text(entry_points)


def test_an_installed_extension_package_loads_by_module_name(make_site, run_build, tmp_path, monkeypatch):
    """A package that declares Python-Markdown as a dependency (as pymdown-extensions does) is a source."""
    _distribution(tmp_path / "dists", "fakemdx", OWN_EXTENSION, requires="Requires-Dist: Markdown>=3.4\n")
    monkeypatch.syspath_prepend(str(tmp_path / "dists"))
    root = make_site({"content/site.yaml": _yaml("fakemdx.ext: {mark: installed}"), "content/index.md": page("Home")})
    result = run_build(root, "--strict", "--jobs", "1")
    assert result.code == 0, result.err
    assert '<p class="installed">Some text.</p>' in (root / "_site/index.html").read_text()
    root2 = make_site({"content/site.yaml": _yaml("fakemdx.nosuch")})
    assert run_build(root2).err.splitlines()[0] == f"content/site.yaml:6: error: {not_installed('fakemdx.nosuch')}"


def test_a_registered_entry_point_loads_by_its_name(make_site, run_build, tmp_path, monkeypatch):
    entry = "[markdown.extensions]\nfakemark = fakereg.ext:MarkExtension\n"
    _distribution(tmp_path / "dists", "fakereg", OWN_EXTENSION, entry_points=entry)
    monkeypatch.syspath_prepend(str(tmp_path / "dists"))
    root = make_site({"content/site.yaml": _yaml("fakemark: {mark: registered}"), "content/index.md": page("Home")})
    result = run_build(root, "--strict", "--jobs", "1")
    assert result.code == 0, result.err
    assert '<p class="registered">Some text.</p>' in (root / "_site/index.html").read_text()


def test_a_package_that_does_not_need_markdown_is_not_a_source(make_site, run_build, tmp_path, monkeypatch):
    made = tmp_path / "made"
    _distribution(
        tmp_path / "dists", "plainpkg", f"open({str(made)!r}, 'w').close()\n", requires="Requires-Dist: six\n"
    )
    monkeypatch.syspath_prepend(str(tmp_path / "dists"))
    root = make_site({"content/site.yaml": _yaml("plainpkg.ext")})
    assert run_build(root).err.splitlines()[0] == f"content/site.yaml:6: error: {refused('plainpkg.ext')}"
    assert not made.exists()
    assert "plainpkg" not in sys.modules


# -- what loading may not do: exit, interrupt, hang -----------------------------------------------------------

LOADING_FAILURES = {
    "system_exit_at_import": ("raise SystemExit(0)\n", "SystemExit: 0"),
    "exit_with_a_code_at_import": ("import sys\nsys.exit(3)\n", "SystemExit: 3"),
    "keyboard_interrupt_at_import": ("raise KeyboardInterrupt\n", "KeyboardInterrupt: "),
    "base_exception_at_import": ("raise BaseException('odd')\n", "BaseException: odd"),
    "system_exit_in_make_extension": ("def makeExtension(**kwargs):\n    raise SystemExit(0)\n", "SystemExit: 0"),
    "generator_exit_in_make_extension": ("def makeExtension(**kwargs):\n    raise GeneratorExit\n", "GeneratorExit: "),
}


@pytest.mark.parametrize("command", ["build", "check"])
@pytest.mark.parametrize("module,reason", LOADING_FAILURES.values(), ids=LOADING_FAILURES.keys())
def test_an_extension_that_exits_while_loading_is_a_located_error(module, reason, command, make_site, run_build):
    root = make_site({"content/site.yaml": _yaml("site_exit"), "site_exit.py": module})
    result = run_build(root, command)
    assert (result.code, result.err.splitlines()) == (
        1,
        [
            f"content/site.yaml:6: error: 'markdown: extensions': 'site_exit' failed to load ({reason}); check its "
            "name and options against its documentation",
            "1 error, 0 warnings",
        ],
    )
    assert not (root / "_site").exists()


@pytest.mark.parametrize("where", ["at import", "in makeExtension"])
def test_an_extension_that_hangs_while_loading_is_stopped_at_the_page_time_limit(where, make_site, run_build):
    loop = "while True:\n    pass\n"
    module = loop if where == "at import" else "def makeExtension(**kwargs):\n" + textwrap.indent(loop, "    ")
    settings = SITE_YAML + "page_time_limit: 0.3\nmarkdown:\n  extensions:\n    - site_hang\n"
    root = make_site({"content/site.yaml": settings, "site_hang.py": module})
    result = run_build(root)
    assert result.err.splitlines() == [
        "content/site.yaml:7: error: 'markdown: extensions': 'site_hang' took longer than 0.3 s to load (the "
        "page_time_limit), so it was stopped; remove it from the list",
        "1 error, 0 warnings",
    ]


# -- odd spellings of a name: refused as names, never looked up as modules ------------------------------------

NOT_A_NAME = "is not an extension; write its name (- tables) or its name and options (- toc: {permalink: true})"
ODD_ENTRIES = {
    "space_inside": ('"os system"', f"'os system' {NOT_A_NAME}"),
    "trailing_colon": ('"os:"', f"'os:' {NOT_A_NAME}"),
    "two_colons": ('"os:path:join"', f"'os:path:join' {NOT_A_NAME}"),
    "full_width_letters": ('"ｏｓ:system"', f"'ｏｓ:system' {NOT_A_NAME}"),
    "a_number": ("3", f"'3' {NOT_A_NAME}"),
    "empty": ("null", f"'None' {NOT_A_NAME}"),
    "two_names_in_one_entry": ("{sane_lists: {}, nl2br: {}}", "\"{'sane_lists': {}, 'nl2br': {}}\" " + NOT_A_NAME),
    "python_markdowns_package": ('"markdown.extensions"', None),
    "below_a_standard_module": ('"markdown.extensions.toc.x"', None),
    "a_dunder_module": ('"markdown.extensions.__init__"', "'markdown.extensions.__init__' failed to load"),
    "relative_module": ('".site_ext"', f"'.site_ext' {NOT_A_NAME}"),
    "path_like": ('"../site_ext"', f"'../site_ext' {NOT_A_NAME}"),
}


@pytest.mark.parametrize("entry,message", ODD_ENTRIES.values(), ids=ODD_ENTRIES.keys())
def test_an_odd_spelling_of_a_name_is_refused_at_its_line(entry, message, make_site, run_build):
    root = make_site({"content/site.yaml": SITE_YAML + f"markdown:\n  extensions:\n    - {entry}\n"})
    lines = run_build(root).err.splitlines()
    name = json.loads(entry) if entry.startswith('"') else None
    expected = f"'markdown: extensions': {message}" if message else refused(str(name))
    assert lines[0].startswith(f"content/site.yaml:6: error: {expected}"), lines
    assert lines[1:] == ["1 error, 0 warnings"]


def test_the_same_extension_twice_and_many_times_still_builds(make_site, run_build):
    root = make_site(
        {
            "content/site.yaml": _yaml(*["nl2br"] * 50, "sane_lists", "sane_lists"),
            "content/index.md": page("Home", ABBR_BODY),
        }
    )
    result = run_build(root, "--strict")
    assert result.code == 0, result.err
    assert "First line<br>\nsecond line" in (root / "_site/index.html").read_text()


@pytest.mark.parametrize(
    "module,reason",
    [("raise SystemExit(0)\n", "SystemExit: 0"), ("raise KeyboardInterrupt\n", "KeyboardInterrupt: ")],
    ids=["system_exit", "keyboard_interrupt"],
)
def test_the_preview_server_reports_an_extension_that_exits_and_keeps_running(module, reason, make_site):
    root = make_site({"content/site.yaml": _yaml("site_exit"), "site_exit.py": module})
    app = Server(root, port=0, out=io.StringIO(), err=io.StringIO())
    app.start()
    try:
        assert not app.hub.status()["ok"]
        assert isinstance(app.err, io.StringIO)
        assert app.err.getvalue().splitlines()[0] == (
            f"content/site.yaml:6: error: 'markdown: extensions': 'site_exit' failed to load ({reason}); check its "
            "name and options against its documentation"
        )
        (root / "content/site.yaml").write_text(SITE_YAML)
        assert app.build_site(None)  # the server is alive: the next build, without the extension, succeeds
    finally:
        app.stop()


def test_the_preview_server_stops_an_extension_that_hangs_while_loading(make_site):
    settings = SITE_YAML + "page_time_limit: 0.3\nmarkdown:\n  extensions:\n    - site_hang\n"
    root = make_site({"content/site.yaml": settings, "site_hang.py": "while True:\n    pass\n"})
    app = Server(root, port=0, out=io.StringIO(), err=io.StringIO())
    app.start()
    try:
        assert isinstance(app.err, io.StringIO)
        assert app.err.getvalue().splitlines()[0] == (
            "content/site.yaml:7: error: 'markdown: extensions': 'site_hang' took longer than 0.3 s to load (the "
            "page_time_limit), so it was stopped; remove it from the list"
        )
    finally:
        app.stop()
