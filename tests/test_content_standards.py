"""Publishing standards for the site's text: plain sentences, easy first paragraphs, finished references."""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import urlsplit

import pytest
import yaml
from test_seed_claims import CITATION_RE, CONTENT, DATA, INLINE_VALUE_RE, load_yaml, read_body, split_units

from citesite.readability import flesch_kincaid_grade

MAX_SENTENCE_WORDS = 30
FIRST_PARAGRAPH_GRADE = 9.0
# Notes written while checking sources: they belong in editor_note or a YAML comment, never on a page.
WORKING_NOTES = re.compile(
    r"read as abstract|not shown on the page|title not checked|\[title|check the values|check against|"
    r"secondary (?:source|record)|unverified|third-party|reproduction|docslib|the page read",
    re.IGNORECASE,
)
CLOSED_HOSTS = ("pubmedcentralcanada.ca", "docslib.org")
# Information services about supplements, neither official nor academic: the editorial policy cites none of them.
SUPPLEMENT_SERVICE_HOSTS = ("hsis.org",)
PUBLIC_PAGES = sorted([*CONTENT.glob("articles/*.md"), *CONTENT.glob("pages/*.md"), CONTENT / "index.md"])


def plain_text(markdown: str) -> str:
    """Markdown prose as a reader sees it: no citations, link targets, emphasis or list markers."""
    text = CITATION_RE.sub("", markdown)
    text = INLINE_VALUE_RE.sub("300", text)
    text = re.sub(r"\]\([^)]*\)", "]", text).replace("[", "").replace("]", "")
    text = re.sub(r"^(?:[-*+]|\d+\.|#+)\s+", "", text)
    text = text.replace("**", "").replace("*", "")
    return re.sub(r"\s+([.,;:])", r"\1", text).strip()


def prose_units(path: Path) -> list[str]:
    """Paragraphs and list items of a page, without headings and directives."""
    units = [u for u in split_units(read_body(path)) if not u.startswith(("#", ":::", "!!!"))]
    return [plain_text(u) for u in units if plain_text(u)]


def sentences(text: str) -> list[str]:
    """Split at a full stop, question or exclamation mark followed by a capital or a digit."""
    return [s for s in re.split(r"(?<=[.!?])\s+(?=[A-Z0-9\"“(])", text) if s]


def word_count(sentence: str) -> int:
    return len(re.findall(r"[A-Za-z0-9][A-Za-z0-9'’.,%–/-]*", sentence))


def data_texts() -> list[tuple[str, str]]:
    """(where, text) for every reader-facing text in the data files."""
    found: list[tuple[str, str]] = []
    for path in sorted(DATA.glob("*.yaml")):
        data = load_yaml(path)
        if path.name == "glossary.yaml":
            found += [(f"{path.name}: {t['term']}", t["definition"]) for t in data]
        elif path.name == "references.yaml":
            found += [(f"{path.name}: {r['key']}", r["note"]) for r in data if "note" in r]
        else:
            found += [(f"{path.name}: {key}", data[key]) for key in ("title", "description", "notes") if key in data]
            columns = [c["key"] for c in data["columns"]]
            for row in data["rows"]:
                found += [(f"{path.name}: {row['id']}", str(row[c])) for c in columns if isinstance(row.get(c), str)]
    return found


@pytest.mark.parametrize("path", PUBLIC_PAGES, ids=lambda p: p.relative_to(CONTENT).as_posix())
def test_no_sentence_is_longer_than_30_words(path: Path) -> None:
    long = [s for unit in prose_units(path) for s in sentences(unit) if word_count(s) > MAX_SENTENCE_WORDS]
    assert not long, f"{path.name}: sentences over {MAX_SENTENCE_WORDS} words: {long}"


def test_no_data_sentence_is_longer_than_30_words() -> None:
    long = [(where, s) for where, text in data_texts() for s in sentences(text) if word_count(s) > MAX_SENTENCE_WORDS]
    assert not long, long


def first_paragraph(path: Path) -> str | None:
    """The first paragraph a reader meets; in an article, the first one after the key points box."""
    body = read_body(path)
    if body.lstrip().startswith("!!!"):
        body = "## " + body.split("\n## ", 1)[1]
    units = [u for u in split_units(body) if not u.startswith(("#", ":::", "!!!", "-"))]
    return plain_text(units[0]) if units else None


PROSE_PAGES = [path for path in PUBLIC_PAGES if first_paragraph(path) is not None]


def test_only_the_search_page_has_no_prose() -> None:
    assert [p.relative_to(CONTENT).as_posix() for p in PUBLIC_PAGES if p not in PROSE_PAGES] == ["pages/search.md"]


@pytest.mark.parametrize("path", PROSE_PAGES, ids=lambda p: p.relative_to(CONTENT).as_posix())
def test_first_paragraph_reads_at_grade_9_or_below(path: Path) -> None:
    first = first_paragraph(path)
    assert first is not None
    grade = flesch_kincaid_grade(first)
    assert grade <= FIRST_PARAGRAPH_GRADE, f"{path.name}: first paragraph at grade {grade:.1f}: {first}"


@pytest.mark.parametrize("path", PUBLIC_PAGES, ids=lambda p: p.relative_to(CONTENT).as_posix())
def test_no_working_notes_on_pages(path: Path) -> None:
    found = WORKING_NOTES.findall(read_body(path))
    assert not found, f"{path.name}: working notes {found}"


def test_no_working_notes_in_data_shown_to_readers() -> None:
    found = [(where, text) for where, text in data_texts() if WORKING_NOTES.search(text)]
    references = load_yaml(DATA / "references.yaml")
    found += [
        (r["key"], r[f])
        for r in references
        for f in ("title", "container", "authors")
        if WORKING_NOTES.search(str(r.get(f, "")))
    ]
    assert not found, found


def test_every_reference_has_a_link_readers_can_open() -> None:
    for ref in load_yaml(DATA / "references.yaml"):
        assert ref.get("doi") or ref.get("pmid") or ref.get("url"), f"{ref['key']}: no DOI, PubMed id or URL"
        host = urlsplit(ref.get("url", "")).hostname or ""
        assert not host.endswith(CLOSED_HOSTS), f"{ref['key']}: {host} is closed or a reproduction; link the original"


def test_no_reference_is_a_supplement_information_service() -> None:
    hosts = [urlsplit(ref.get("url", "")).hostname or "" for ref in load_yaml(DATA / "references.yaml")]
    assert [host for host in hosts if host.endswith(SUPPLEMENT_SERVICE_HOSTS)] == []


def test_no_change_is_dated_after_the_last_review() -> None:
    for path in sorted(CONTENT.glob("articles/*.md")):
        front = yaml.safe_load(path.read_text(encoding="utf-8").split("---")[1])
        for change in front.get("changes", []):
            assert change["date"] <= front["reviewed"], f"{path.name}: a change dated after the last review"
