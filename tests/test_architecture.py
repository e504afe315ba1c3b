"""The engine's floor plan: no import cycle between modules or between packages, no package imports one above it
(imports inside functions included), and the size limits hold."""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent / "citesite"
MAX_LOOSE_MODULES = 12
MAX_MODULE_LINES = 300
MAX_FUNCTION_LINES = 60
MAX_TYPE_IGNORES = 3
# The packages and top-level modules, lowest first: each may import only those before it.
# docs/architecture.md lists them in this order (test_the_docs_state_the_layers).
LAYERS = [
    "citesite",  # the package itself: its version
    "citesite.errors",
    "citesite.urls",
    "citesite.readability",
    "citesite.options",
    "citesite.source",
    "citesite.boundary",
    "citesite.write",
    "citesite.markdown",
    "citesite.model",
    "citesite.incremental",
    "citesite.render",
    "citesite.check",
    "citesite.search",
    "citesite.load",
    "citesite.translate",
    "citesite.build",
    "citesite.serve",
    "citesite.cli",
]


def _module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _modules() -> dict[str, Path]:
    return {_module_name(path): path for path in sorted(PACKAGE.rglob("*.py"))}


def _imports(name: str, path: Path, known: set[str]) -> set[str]:
    """Every citesite module this one imports, anywhere in it (a name imported from a package may be a module)."""
    found: set[str] = set()
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            targets = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                parent = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join([*parent, *([base] if base else [])])
            targets = [base, *(f"{base}.{alias.name}" for alias in node.names)]
        else:
            continue
        found.update(target for target in targets if target in known and target != name)
    return found


def _graph() -> dict[str, set[str]]:
    modules = _modules()
    return {name: _imports(name, path, set(modules)) for name, path in modules.items()}


def _cycle(graph: dict[str, set[str]]) -> list[str] | None:
    """One import cycle, as the list of modules on it, or None."""
    state: dict[str, int] = {}  # 1: on the current path, 2: done
    path: list[str] = []

    def visit(node: str) -> list[str] | None:
        state[node] = 1
        path.append(node)
        for nxt in sorted(graph[node]):
            if state.get(nxt) == 1:
                return [*path[path.index(nxt) :], nxt]
            if nxt not in state and (found := visit(nxt)):
                return found
        path.pop()
        state[node] = 2
        return None

    for node in sorted(graph):
        if node not in state and (found := visit(node)):
            return found
    return None


def _package(module: str) -> str:
    """The package a module belongs to (citesite.render.page: citesite.render); a top-level module is its own."""
    return ".".join(module.split(".")[:2])


def _packages(graph: dict[str, set[str]]) -> dict[str, set[str]]:
    """The module graph folded to packages: A imports B when any module of A imports any module of B."""
    folded: dict[str, set[str]] = {}
    for module, targets in graph.items():
        package = _package(module)
        folded.setdefault(package, set()).update(_package(target) for target in targets)
        folded[package].discard(package)
    return folded


def _upward(packages: dict[str, set[str]], layers: list[str]) -> list[str]:
    """Every import of a package by one below it in layers, as 'importer -> imported'."""
    rank = {name: number for number, name in enumerate(layers)}
    return sorted(
        f"{importer} -> {imported}"
        for importer, targets in packages.items()
        for imported in targets
        if rank[imported] > rank[importer]
    )


def _with_import(importer: str, imported: str) -> dict[str, set[str]]:
    """The engine's module graph with one more import."""
    graph = _graph()
    graph[importer] = graph[importer] | {imported}
    return graph


def test_the_cycle_finder_finds_a_cycle_through_a_package():
    assert _cycle({"a": {"b"}, "b": {"c"}, "c": {"a"}}) == ["a", "b", "c", "a"]
    assert _cycle({"a": {"b"}, "b": set()}) is None


def test_no_import_cycle_counting_imports_inside_functions():
    assert _cycle(_graph()) is None


def test_every_package_and_top_level_module_has_a_layer():
    assert sorted(_packages(_graph())) == sorted(LAYERS)


def test_no_package_imports_one_above_it():
    assert _upward(_packages(_graph()), LAYERS) == []


def test_no_import_cycle_between_packages():
    assert _cycle(_packages(_graph())) is None


def test_the_package_checks_fail_on_each_import_that_once_closed_a_cycle():
    closers = {
        ("citesite.incremental.plan", "citesite.render.page"): "citesite.incremental -> citesite.render",
        ("citesite.markdown.directives", "citesite.render.charts"): "citesite.markdown -> citesite.render",
        ("citesite.model", "citesite.render.assets"): "citesite.model -> citesite.render",
        ("citesite.render.page", "citesite.check"): "citesite.render -> citesite.check",
    }
    for (importer, imported), upward in closers.items():
        packages = _packages(_with_import(importer, imported))
        assert _upward(packages, LAYERS) == [upward]
        assert _cycle(packages) is not None, upward


def test_the_docs_state_the_layers():
    docs = (PACKAGE.parent / "docs" / "architecture.md").read_text(encoding="utf-8")
    listed = ", ".join(f"`{name.removeprefix('citesite.')}`" for name in LAYERS)
    assert f"The layers, lowest first: {listed}." in " ".join(docs.split())


def test_the_orchestrator_is_imported_only_by_the_command_line_and_the_server():
    importers = {name for name, targets in _graph().items() if "citesite.build" in targets}
    assert importers == {"citesite.cli", "citesite.serve"}


def test_at_most_twelve_modules_are_loose_at_the_top():
    loose = sorted(path.name for path in PACKAGE.glob("*.py") if path.name != "__init__.py")
    assert len(loose) <= MAX_LOOSE_MODULES, loose


def test_no_module_is_over_300_lines():
    long = {
        name: n for name, path in _modules().items() if (n := len(path.read_text().splitlines())) > MAX_MODULE_LINES
    }
    assert long == {}


def test_no_function_is_over_60_lines():
    long = {
        f"{name}.{node.name}": node.end_lineno - node.lineno + 1
        for name, path in _modules().items()
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8")))
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef)
        and node.end_lineno is not None
        and node.end_lineno - node.lineno + 1 > MAX_FUNCTION_LINES
    }
    assert long == {}


def test_at_most_three_type_ignores():
    ignores = [
        f"{path.relative_to(PACKAGE.parent)}:{number}"
        for path in _modules().values()
        for number, line in enumerate(path.read_text().splitlines(), 1)
        if "# type: ignore" in line
    ]
    assert len(ignores) <= MAX_TYPE_IGNORES, ignores


def test_the_incremental_package_uses_no_any():
    uses = [
        f"{path.relative_to(PACKAGE.parent)}:{node.lineno}"
        for path in sorted((PACKAGE / "incremental").glob("*.py"))
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8")))
        if (isinstance(node, ast.Name) and node.id == "Any") or (isinstance(node, ast.Attribute) and node.attr == "Any")
    ]
    assert uses == []


def test_the_build_listing_in_the_docs_is_the_code():
    docs = (PACKAGE.parent / "docs" / "architecture.md").read_text(encoding="utf-8")
    listing = docs.split("```python\n", 1)[1].split("```", 1)[0]
    assert listing.count("\n") > 15
    assert listing in (PACKAGE / "build.py").read_text(encoding="utf-8")
