"""Each YAML record type is declared once: its schema is derived from its attributes, as the old key lists held it."""

from __future__ import annotations

import ast
from pathlib import Path

from citesite.source import config, content, data, history, policy, sections, tables, terms
from citesite.source.schema import Field, schema_of

ROOT = Path(__file__).resolve().parent.parent
SOURCE = ROOT / "citesite" / "source"

# key: (kind, required), as the separate key lists declared them before the records held them.
EXPECTED: dict[str, tuple[object, dict[str, tuple[str, bool]]]] = {
    "SITE_FIELDS": (
        config.SITE_FIELDS,
        {
            "title": ("str", True),
            "description": ("str", True),
            "base_url": ("str", True),
            "language": ("str", False),
            "author": ("str", False),
            "publisher": ("str", False),
            "disclaimer": ("str", False),
            "review_interval_days": ("int", False),
            "reading_grade_target": ("number", False),
            "page_time_limit": ("number", False),
            "nav": ("list[str]", False),
            "extra_css": ("list[str]", False),
            "report_url": ("str", False),
            "sections": ("mapping", False),
            "structured_data": ("str", False),
            "review": ("mapping", False),
            "readability": ("mapping", False),
            "search": ("mapping", False),
            "publishing": ("mapping", False),
            "extra": ("mapping", False),
            "markdown": ("mapping", False),
            "languages": ("mapping", False),
            "translation_grace_days": ("int", False),
        },
    ),
    "SECTION_FIELDS": (
        sections.SECTION_FIELDS,
        {
            "title": ("str", False),
            "order": ("str", False),
            "template": ("str", False),
            "list": ("bool", False),
            "list_template": ("str", False),
            "feed": ("bool", False),
            "pager": ("bool", False),
        },
    ),
    "FRONT_MATTER_FIELDS": (
        content.FRONT_MATTER_FIELDS,
        {
            "title": ("str", True),
            "summary": ("str", True),
            "slug": ("str", False),
            "date": ("date", False),
            "updated": ("date", False),
            "reviewed": ("date", False),
            "topics": ("list[str]", False),
            "order": ("int", False),
            "draft": ("bool", False),
            "template": ("str", False),
            "structured_data": ("str", False),
            "changes": ("list", False),
            "reviewers": ("list", False),
            "extra": ("mapping", False),
            "editor_note": ("str", False),
            "translation_key": ("str", False),
            "translated_by": ("str", False),
            "translation_reviewers": ("list", False),
        },
    ),
    "REFERENCE_FIELDS": (
        data.REFERENCE_FIELDS,
        {
            "key": ("str", True),
            "group": ("str", False),
            "authors": ("str", False),
            "title": ("str", True),
            "container": ("str", False),
            "year": ("int", False),
            "details": ("str", False),
            "doi": ("str", False),
            "pmid": ("str", False),
            "url": ("str", False),
            "note": ("str", False),
            "editor_note": ("str", False),
            "language": ("str", False),
        },
    ),
    "TERM_FIELDS": (
        terms.TERM_FIELDS,
        {
            "term": ("str", True),
            "id": ("str", False),
            "aliases": ("list[str]", False),
            "also": ("list[str]", False),
            "definition": ("str", True),
        },
    ),
    "CHANGE_FIELDS": (history.CHANGE_FIELDS, {"date": ("date", True), "summary": ("str", True)}),
    "REVIEWER_FIELDS": (
        history.REVIEWER_FIELDS,
        {"name": ("str", True), "date": ("date", True), "credentials": ("str", False), "scope": ("str", False)},
    ),
    "TABLE_FIELDS": (
        tables.TABLE_FIELDS,
        {
            "title": ("str", True),
            "description": ("str", False),
            "columns": ("list", True),
            "rows": ("list", True),
            "sources": ("list[str]", False),
            "notes": ("str", False),
            "chart": ("mapping", False),
            "editor_note": ("str", False),
        },
    ),
    "COLUMN_FIELDS": (
        tables.COLUMN_FIELDS,
        {"key": ("str", True), "label": ("str", True), "header": ("bool", False), "unit": ("str", False)},
    ),
    "CHART_FIELDS": (
        tables.CHART_FIELDS,
        {"title": ("str", False), "label": ("str", True), "values": ("list[str]", True), "unit": ("str", False)},
    ),
    "REVIEW_FIELDS": (policy.REVIEW_FIELDS, {"required": ("bool", False), "interval_days": ("int", False)}),
    "READABILITY_FIELDS": (
        policy.READABILITY_FIELDS,
        {
            "check": ("bool", False),
            "target": ("number", False),
            "language": ("str", False),
            "targets": ("mapping", False),
        },
    ),
    "SEARCH_FIELDS": (policy.SEARCH_FIELDS, {"sections": ("list[str]", False)}),
    "PUBLISHING_FIELDS": (policy.PUBLISHING_FIELDS, {"check": ("bool", False)}),
}


def test_each_derived_schema_holds_the_keys_kinds_and_required_flags_of_the_old_list() -> None:
    for name, (derived, expected) in EXPECTED.items():
        assert isinstance(derived, dict), name
        assert {key: (field.kind, field.required) for key, field in derived.items()} == expected, name


def test_required_keys_keep_their_order_for_the_messages_that_list_them() -> None:
    for name, (derived, expected) in EXPECTED.items():
        assert isinstance(derived, dict), name
        assert [key for key, field in derived.items() if field.required] == [
            key for key, (_, required) in expected.items() if required
        ], name


def test_help_texts_and_ranges_survive_the_move() -> None:
    assert config.SITE_FIELDS["base_url"].help == "e.g. https://example.org/ ; used for canonical URLs"
    assert (config.SITE_FIELDS["review_interval_days"].low, config.SITE_FIELDS["review_interval_days"].high) == (
        1,
        100_000,
    )
    assert (config.SITE_FIELDS["page_time_limit"].low, config.SITE_FIELDS["page_time_limit"].high) == (0.1, 3600)
    assert (config.SITE_FIELDS["reading_grade_target"].low, config.SITE_FIELDS["reading_grade_target"].high) == (0, 100)
    assert history.CHANGE_FIELDS["date"].help == "the day of the change, YYYY-MM-DD"
    assert tables.CHART_FIELDS["values"].help == "numeric column(s) to draw"
    for schema in (content.FRONT_MATTER_FIELDS, data.REFERENCE_FIELDS, tables.TABLE_FIELDS):
        assert schema["editor_note"].help == "a note for editors; never shown on the site"


def test_each_policy_bound_is_declared_once_and_shared_by_its_older_flat_key() -> None:
    assert config.SITE_FIELDS["review_interval_days"] is policy.REVIEW_FIELDS["interval_days"]
    assert config.SITE_FIELDS["reading_grade_target"] is policy.READABILITY_FIELDS["target"]
    assert config.SITE_FIELDS["review"] is policy.POLICY_FIELDS["review"]


def test_attributes_without_a_field_are_not_keys() -> None:
    assert "root" not in config.SITE_FIELDS and "nav_lines" not in config.SITE_FIELDS
    assert "path" not in config.SITE_FIELDS
    assert "lines" not in content.FRONT_MATTER_FIELDS and "broken" not in content.FRONT_MATTER_FIELDS
    assert "line" not in data.REFERENCE_FIELDS and "line" not in terms.TERM_FIELDS
    assert "name" not in tables.TABLE_FIELDS and "path" not in tables.TABLE_FIELDS


def test_accepted_keys_come_after_the_records_own() -> None:
    assert list(schema_of(history.Reviewer, note=Field("str"))) == ["name", "date", "credentials", "scope", "note"]


# Key lists of YAML that no record mirrors: 'markdown: extensions' is read into (name, options, line) entries.
NO_MIRRORING_RECORD = {"MARKDOWN_FIELDS"}


def _is_field_dict(node: ast.AST) -> bool:
    return isinstance(node, ast.Dict) and any(
        isinstance(v, ast.Call) and isinstance(v.func, ast.Name) and v.func.id == "Field" for v in node.values
    )


def test_no_key_list_is_declared_apart_from_its_record() -> None:
    for path in sorted(SOURCE.glob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        allowed: set[int] = set()
        for node in ast.walk(tree):
            if isinstance(node, ast.Assign | ast.AnnAssign):
                targets = node.targets if isinstance(node, ast.Assign) else [node.target]
                names = [t.id for t in targets if isinstance(t, ast.Name)]
                if set(names) & NO_MIRRORING_RECORD:
                    allowed.add(id(node.value))
                    continue
                fields = [name for name in names if name.endswith("_FIELDS")]
                if fields:
                    value = node.value
                    assert isinstance(value, ast.Call), f"{path.name}: {fields} must be schema_of(Record)"
                    assert isinstance(value.func, ast.Name) and value.func.id == "schema_of", f"{path.name}: {fields}"
        for node in ast.walk(tree):
            if _is_field_dict(node):
                assert id(node) in allowed, (
                    f"{path.name}:{node.lineno}: a dict of Field(...) declared apart from a record"
                )
