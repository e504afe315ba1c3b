"""What compiling a project's templates costs, with and without Jinja's bytecode cache: python benchmarks/templates.py [ROOT].

The build keeps no bytecode cache (Jinja's is unpickled, so a crafted file in a shared .cache/ would run
code); this measures what that costs each build process.
"""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

import jinja2


def compile_all(root: Path, cache: jinja2.BytecodeCache | None) -> float:
    """Seconds to load every template under root/templates in a fresh environment."""
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(root / "templates"), bytecode_cache=cache, autoescape=True)
    started = time.perf_counter()
    for name in env.list_templates():
        env.get_template(name)
    return time.perf_counter() - started


def main() -> None:
    """Print the best of five of each."""
    root = Path(sys.argv[1] if len(sys.argv) > 1 else ".")
    with tempfile.TemporaryDirectory() as folder:
        compile_all(root, jinja2.FileSystemBytecodeCache(folder))
        cached = min(compile_all(root, jinja2.FileSystemBytecodeCache(folder)) for _ in range(5))
    plain = min(compile_all(root, None) for _ in range(5))
    count = len(list((root / "templates").rglob("*.html")))
    print(f"{count} templates: compiled {plain * 1000:.1f} ms, from a bytecode cache {cached * 1000:.1f} ms")


if __name__ == "__main__":
    main()
