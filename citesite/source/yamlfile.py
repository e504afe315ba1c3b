"""YAML loading that keeps line numbers and turns every YAML mistake into a SiteError."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import yaml

from citesite.errors import SiteError
from citesite.source.yamlcount import line_past_limit

# C0 controls except tab and newline, DEL, C1 controls, and non-characters: never meant, and invalid in HTML.
CONTROL_CHARACTER = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ufdd0-\ufdef\ufffe\uffff]")

_BaseLoader: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # C parser is ~8x faster

NESTED_TOO_DEEPLY = "the YAML is nested too deeply; flatten it"
# What PyYAML's scalar constructors raise for a value that matched a tag's pattern but is not one.
SCALAR_ERRORS = (ValueError, TypeError, AttributeError, ArithmeticError, LookupError)
# A YAML document with more nodes than this is refused: it guards against alias "bombs".
MAX_NODES = 200_000
CHARS_PER_VALUE = 100  # an aliased text counts as one more value per this many characters


class LineDict(dict[str, Any]):
    """A mapping that remembers the 1-based source line of each key."""

    lines: dict[str, int]
    line: int


class LineList(list[Any]):
    """A sequence that remembers the 1-based source line of each item."""

    lines: list[int]
    line: int


class _Loader(_BaseLoader):  # type: ignore[valid-type,misc]
    """Safe loader: duplicate keys are errors; mappings and lists keep their lines."""

    line_offset = 0
    node_count = 0
    aliased = False  # whether a '*alias' was used: then a huge count is an alias bomb, not a big file
    sizes: dict[yaml.Node, int]  # values each constructed node expands to, so a reused alias counts in full


def _construct_mapping(loader: _Loader, node: yaml.MappingNode) -> LineDict:
    own = sum(1 for key_node, _ in node.value if key_node.tag != "tag:yaml.org,2002:merge")
    loader.flatten_mapping(node)  # puts the keys of '<<: *anchor' first, then the mapping's own keys
    merged = len(node.value) - own
    result = LineDict()
    result.lines = {}
    result.line = node.start_mark.line + 1 + loader.line_offset
    own_keys: set[str] = set()
    for position, (key_node, value_node) in enumerate(node.value):
        line = key_node.start_mark.line + 1 + loader.line_offset
        _count(loader, line)
        key = _construct_child(loader, key_node, line)
        if not isinstance(key, str | int | float | bool) and key is not None:
            raise _LocatedProblem(f"a key must be plain text, not {_kind(key)}", line)
        skey = str(key)
        if position < merged:  # a merged key: the mapping's own key of that name overrides it, as YAML says
            result[skey] = _construct_child(loader, value_node, line)  # PyYAML's order: the first mapping wins
            result.lines[skey] = line
            continue
        if skey in result and skey not in own_keys:
            del result[skey]  # overriding a merged value
        own_keys.add(skey)
        if skey in result:
            raise _LocatedProblem(f"duplicate key '{skey}' (first on line {result.lines[skey]}); keep only one", line)
        result[skey] = _construct_child(loader, value_node, line)
        result.lines[skey] = line
    return result


def _construct_sequence(loader: _Loader, node: yaml.SequenceNode) -> LineList:
    result = LineList()
    result.lines = []
    result.line = node.start_mark.line + 1 + loader.line_offset
    for child in node.value:
        line = child.start_mark.line + 1 + loader.line_offset
        _count(loader, line)
        result.append(_construct_child(loader, child, result.line))  # an alias's own mark is its anchor's
        result.lines.append(line)
    return result


def _construct_child(loader: _Loader, node: yaml.Node, line: int) -> Any:
    """Construct one child node; an alias counts as every value it stands for.

    PyYAML builds an aliased node once and shares the object, so a "billion laughs" file loads as a
    small graph that any later walk (an error message's repr, a template loop) expands in full.
    """
    if node in loader.constructed_objects:
        loader.aliased = True
        _count(loader, line, loader.sizes.get(node, 0))
        return loader.constructed_objects[node]
    before = loader.node_count
    try:
        value = loader.construct_object(node, deep=True)
    except SCALAR_ERRORS as exc:  # a scalar that only looked like its tag: 2026-02-30, !!int ""
        raise _LocatedProblem(_bad_scalar(node, exc), node.start_mark.line + 1 + loader.line_offset) from None
    loader.sizes[node] = loader.node_count - before
    if isinstance(node, yaml.ScalarNode):  # a long text repeated by aliases counts by its length
        loader.sizes[node] = len(node.value) // CHARS_PER_VALUE
        if isinstance(value, str):
            _refuse_control(value, node.start_mark.line + 1 + loader.line_offset)
    return value


def _refuse_control(text: str, line: int) -> None:
    """Refuse a text with a control character: an escape such as "\\x01" in quotes makes one that the
    file itself does not show, and it would make the feed ill-formed XML and the page invalid HTML."""
    found = CONTROL_CHARACTER.search(text)
    if found:
        raise _LocatedProblem(
            f"this text holds the invisible control character U+{ord(found.group()):04X} "
            "(written in quotes as an escape such as \\0 or \\x01); delete it",
            line,
        )


def _bad_scalar(node: yaml.Node, exc: Exception) -> str:
    """Say which value could not be read, e.g. a date like 2026-02-30 that does not exist."""
    value = str(node.value)[:40] if isinstance(node, yaml.ScalarNode) else "this value"
    if node.tag == "tag:yaml.org,2002:timestamp":
        reason = f" ({exc})" if isinstance(exc, ValueError) else ""
        return f"'{value}' is not a real date{reason}; check the day and month, or put the text in quotes"
    kind = node.tag.rsplit(":", 1)[-1]
    return f"'{value}' cannot be read as {kind} ({exc}); fix the value, or remove the '!!{kind}' tag"


def _count(loader: _Loader, line: int, values: int = 1) -> None:
    loader.node_count += values
    if loader.node_count > MAX_NODES:
        if not loader.aliased:
            _count_refused(line)
        raise _LocatedProblem(
            f"the YAML expands to more than {MAX_NODES:,} values (aliases repeated too often); "
            "write the values out instead of using '*' aliases",
            line,
        )


def _refuse_tag(loader: _Loader, node: yaml.Node) -> None:
    """!!omap, !!pairs and !!set: never needed here, and PyYAML builds them without the alias count above."""
    name = node.tag.rsplit(":", 1)[-1]
    line = node.start_mark.line + 1 + loader.line_offset
    raise _LocatedProblem(f"the YAML tag '!!{name}' is not supported; write a plain list or 'key: value' lines", line)


_Loader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)
_Loader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_SEQUENCE_TAG, _construct_sequence)
for _tag in ("omap", "pairs", "set"):
    _Loader.add_constructor(f"tag:yaml.org,2002:{_tag}", _refuse_tag)


class _LocatedProblem(Exception):
    def __init__(self, message: str, line: int | None) -> None:
        super().__init__(message)
        self.message, self.line = message, line


def _kind(value: object) -> str:
    """Say what kind of YAML value this is, in the editor's words."""
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, int | float):
        return "a number"
    if isinstance(value, str):
        return "text"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a mapping"
    if value is None:
        return "empty"
    return type(value).__name__


describe_kind = _kind


def load_yaml(text: str, path: Path | str, line_offset: int = 0) -> Any:
    """Parse YAML text; raise SiteError('path:line: …') with a hint for common mistakes."""
    control = CONTROL_CHARACTER.search(text)
    if control:  # PyYAML would refuse some without a line (NUL) and read others into values
        at = text.count("\n", 0, control.start()) + 1 + line_offset
        raise SiteError(
            f"invisible control character U+{ord(control.group()):04X}; delete it (retype the text around it)",
            path,
            at,
        )
    loader = _Loader(text)
    loader.line_offset = line_offset
    loader.sizes = {}
    try:
        if len(text) > MIN_CHARS_PER_VALUE * MAX_NODES:
            count_values(text, line_offset)
        return loader.get_single_data()
    except _LocatedProblem as exc:
        raise SiteError(exc.message, path, exc.line) from None
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 + line_offset if mark else None
        column = mark.column + 1 if mark else None
        raise SiteError(_explain(exc, text, mark), path, line, column) from None
    except yaml.YAMLError as exc:
        raise SiteError(f"invalid YAML: {exc}", path) from None
    except RecursionError:
        raise SiteError(NESTED_TOO_DEEPLY, path) from None
    except SCALAR_ERRORS as exc:  # the whole document is one bad scalar
        raise SiteError(f"invalid YAML value: {exc}", path, 1 + line_offset) from None
    finally:
        loader.dispose()


MIN_CHARS_PER_VALUE = 2  # '[1,1,…]' or '-\n': a shorter text cannot hold more than MAX_NODES values


def count_values(text: str, line_offset: int = 0) -> None:
    """Refuse a text with more than MAX_NODES values as soon as its parser reaches the one too many."""
    line = line_past_limit(text, MAX_NODES)
    if line is not None:
        _count_refused(line + line_offset)


def _count_refused(line: int) -> None:
    raise _LocatedProblem(f"the YAML has more than {MAX_NODES:,} values; split it into smaller files", line)


def _explain(exc: yaml.MarkedYAMLError, text: str, mark: Any) -> str:
    """Turn PyYAML's message into what is wrong and how to fix it."""
    problem = (exc.problem or exc.context or "invalid YAML").strip()
    line_text = ""
    if mark is not None:
        lines = text.splitlines()
        if 0 <= mark.line < len(lines):
            line_text = lines[mark.line]
    if "\t" in line_text[: len(line_text) - len(line_text.lstrip())] or "found character '\\t'" in problem:
        return "a tab is used for indentation; YAML needs spaces"
    if problem.startswith("mapping values are not allowed"):
        return (
            "a value contains ': ' and YAML reads it as a new key; "
            'put the whole value in quotes, e.g. title: "Rivers: the basics"'
        )
    if "exceeded maximum nesting depth" in problem:
        return NESTED_TOO_DEEPLY
    if "found undefined alias" in problem:
        return f"{problem}; define the anchor with '&name' before using '*name'"
    if problem.startswith("found character '@'") or problem.startswith("found character '`'"):
        return f"{problem}; put the value in quotes"
    if "expected <block end>" in problem or "did not find expected key" in problem:
        return f"invalid YAML: {problem}; check the indentation of this line and the one before"
    return f"invalid YAML: {problem}"


_BOOL_WORDS = re.compile(r"^(yes|no|on|off|y|n|true|false)$", re.IGNORECASE)


def looks_like_yaml_bool(raw: str) -> bool:
    """True for words YAML 1.1 reads as true/false (yes, no, on, off)."""
    return bool(_BOOL_WORDS.match(raw.strip()))
