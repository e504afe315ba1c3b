"""Every t("key") in the templates names a text of the strings file: checked once a build, not on every page."""

from __future__ import annotations

from pathlib import Path

import jinja2
from jinja2 import nodes

from citesite.errors import WARNING, SiteError
from citesite.render.jinja import shown_template
from citesite.source.strings import FORMAT_KEYS, Strings
from citesite.source.suggest import did_you_mean


def check_template_strings(env: jinja2.Environment, strings: Strings, root: Path) -> list[SiteError]:
    """A warning (an error under --strict) for each t("key") whose key the strings have not; the page shows the key."""
    problems: list[SiteError] = []
    loader = env.loader
    if loader is None:
        return problems
    seen: set[str] = set()
    known = [key for key in strings.texts if key not in FORMAT_KEYS]
    for name in sorted(loader.list_templates()):
        if not name.endswith(".html"):
            continue
        try:
            source, filename, _ = loader.get_source(env, name)
            tree = env.parse(source)
        except jinja2.TemplateError:
            continue  # rendering reports it, at its line
        if filename is None or filename in seen:
            continue  # 'theme/NAME' and an unreplaced NAME are one file
        seen.add(filename)
        for key, line in _keys(tree):
            if key not in strings.texts:
                hint = did_you_mean(key, known) or "; use a key of citesite/theme/strings/en.yaml"
                message = f"unknown strings key '{key}' in t(); the page shows the key itself{hint}"
                problems.append(SiteError(message, shown_template(filename, root, name), line, level=WARNING))
    return problems


def _keys(tree: nodes.Template) -> list[tuple[str, int]]:
    """The literal keys of every t("key", …) call, with their lines."""
    return [
        (call.args[0].value, call.lineno)
        for call in tree.find_all(nodes.Call)
        if isinstance(call.node, nodes.Name)
        and call.node.name == "t"
        and call.args
        and isinstance(call.args[0], nodes.Const)
        and isinstance(call.args[0].value, str)
    ]
