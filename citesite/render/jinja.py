"""One Jinja2 environment (autoescape, StrictUndefined) and page rendering with located errors."""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import threading
import traceback
from collections.abc import Callable
from pathlib import Path
from typing import Any

import jinja2
from markupsafe import Markup

from citesite.errors import SiteError
from citesite.source.strings import Strings, theme_strings
from citesite.urls import relative_url

# The default theme, installed with the package: a site's own templates/ and static/ override it file by file.
THEME_DIR = Path(__file__).resolve().parent.parent / "theme"
THEME_PREFIX = "theme"  # {% extends "theme/home.html" %}: the theme's file, even where templates/ replaces it


def create_environment(templates_dir: Path) -> jinja2.Environment:
    """The build's only Jinja environment: templates/ first, then the theme's; autoescaped, strict about undefined names.

    No bytecode cache: Jinja's is unpickled, so a crafted file in .cache/ would run code, and compiling
    every template costs about 25 ms a process (benchmarks/README.md).
    """
    env = jinja2.Environment(
        loader=template_loader(templates_dir),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters["date"] = format_date
    env.filters["number"] = format_number
    env.filters["isodate"] = lambda value: value.isoformat() if value else ""
    return env


_shared: dict[Path, tuple[str, jinja2.Environment]] = {}  # this process's last environment, by folder
_shared_lock = threading.Lock()


def shared_environment(templates_dir: Path) -> jinja2.Environment:
    """The environment this process made last for templates_dir, while no template's content changed; else a new one.

    The preview server builds again in the same process on every save: its templates are compiled once, not
    on every rebuild (about 50 ms). Kept in memory only, never written to disk.
    """
    key = templates_key(templates_dir)
    with _shared_lock:
        found = _shared.get(templates_dir)
        if found is not None and found[0] == key:
            return found[1]
        env = create_environment(templates_dir)
        _shared.clear()  # one project at a time: a test's many sites must not pile up
        _shared[templates_dir] = (key, env)
        return env


def templates_key(templates_dir: Path) -> str:
    """A digest of the names and contents of every file in templates_dir and in the theme's templates."""
    hashed = hashlib.sha256()
    for folder in (templates_dir, THEME_DIR / "templates"):
        hashed.update(f"\0\0{folder}\0".encode())
        for dirpath, dirnames, filenames in os.walk(folder):
            dirnames.sort()
            for name in sorted(filenames):
                path = Path(dirpath, name)
                if not path.is_file():  # a pipe would block (the input scan refuses it, with its reason)
                    continue
                try:
                    content = path.read_bytes()
                except OSError:
                    content = b"\0unreadable"
                hashed.update(f"{path}\0{len(content)}\0".encode() + content)
    return hashed.hexdigest()


def template_loader(templates_dir: Path) -> jinja2.BaseLoader:
    """'theme/NAME' is the theme's own file; any other NAME is the site's templates/NAME, else the theme's."""
    # The prefix lets an override extend the very file it replaces, and change one block of it.
    theme = THEME_DIR / "templates"
    return jinja2.ChoiceLoader(
        [
            jinja2.PrefixLoader({THEME_PREFIX: jinja2.FileSystemLoader(theme)}),
            jinja2.FileSystemLoader([templates_dir, theme]),
        ]
    )


def list_templates(env: jinja2.Environment) -> set[str]:
    """The names of every template the environment can load."""
    loader = env.loader
    return set(loader.list_templates()) if loader else set()


@jinja2.pass_context
def format_date(context: Any, value: dt.date | None) -> str:
    """'20 November 2026': the page's language writes it (the strings file), whatever the machine's locale."""
    return _strings(context).date(value)


@jinja2.pass_context
def format_number(context: Any, value: float) -> str:
    """1.5 as the page's language writes it ('1,5' where the decimal separator is a comma)."""
    return _strings(context).number(value)


def _strings(context: Any) -> Strings:
    found = context.get("strings")
    return found if isinstance(found, Strings) else theme_strings()


def url_helper(page_url: str, base_path: str, rooted: bool) -> Callable[[str], str]:
    """A url(target) function for one page: relative links, or '/base/…' links on the 404 page."""
    if rooted:
        return lambda target: base_path + target
    return lambda target: relative_url(page_url, target)


def render_template(env: jinja2.Environment, name: str, context: dict[str, Any], root: Path) -> str:
    """Render one template; any template mistake becomes a SiteError naming the template and line."""
    try:
        return env.get_template(name).render(context)
    except jinja2.TemplateSyntaxError as exc:
        raise SiteError(
            f"template syntax error: {exc.message}", shown_template(exc.filename, root, name), exc.lineno
        ) from None
    except jinja2.TemplateNotFound as exc:
        path, line = _template_frame(exc, root)
        raise SiteError(
            f"template '{exc.name}' not found; add it to templates/", path or f"templates/{name}", line
        ) from None
    except jinja2.UndefinedError as exc:
        path, line = _template_frame(exc, root)
        hint = "check the spelling, or guard it with {% if … is defined %}"
        raise SiteError(
            f"undefined value in template: {exc.message}; {hint}", path or f"templates/{name}", line
        ) from None
    except SiteError as exc:
        path, line = _template_frame(exc, root)
        raise SiteError(exc.message, path or f"templates/{name}", line) from None
    except RecursionError as exc:
        path, line = _template_frame(exc, root)
        raise SiteError(
            "templates include or extend each other in a loop; check the {% include %} and {% extends %} lines",
            path or f"templates/{name}",
            line,
        ) from None
    except Exception as exc:  # noqa: BLE001 (any mistake inside a template must be reported, not a traceback)
        path, line = _template_frame(exc, root)
        raise SiteError(f"template error: {type(exc).__name__}: {exc}", path or f"templates/{name}", line) from None


def shown_template(filename: str | None, root: Path, name: str) -> str:
    """A template file as messages show it: templates/NAME, or citesite/theme/templates/NAME for the theme's."""
    if not filename:
        return f"templates/{name}"
    resolved = Path(filename).resolve()
    for base, prefix in ((root.resolve(), ""), (THEME_DIR, "citesite/theme/")):
        if resolved.is_relative_to(base):
            return prefix + resolved.relative_to(base).as_posix()
    return filename


def _template_frame(exc: BaseException, root: Path) -> tuple[str | None, int | None]:
    """The innermost template file and line in the exception's traceback (Jinja maps them for us)."""
    found: tuple[str | None, int | None] = (None, None)
    for frame in traceback.extract_tb(exc.__traceback__):
        if frame.filename.endswith(".html") or "/templates/" in frame.filename:
            found = (shown_template(frame.filename, root, frame.filename), frame.lineno)
    return found


def markup(html: str) -> Markup:
    """Mark HTML the build produced itself (Markdown output) as safe for templates."""
    return Markup(html)
