"""Site-wide checks after rendering: anchors, citations, review dates, summaries and readability."""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from collections.abc import Callable, Iterable

from sitegen.errors import ERROR, WARNING, SiteError
from sitegen.markdown import MarkdownResult
from sitegen.model import Page, Site
from sitegen.readability import flesch_kincaid_grade
from sitegen.source.config import SiteConfig
from sitegen.source.suggest import did_you_mean

SUMMARY_PLACEHOLDER = "TODO"  # what `build.py new` writes; the strict check flags it until replaced
_ID = re.compile(r"""\sid=["']([^"']+)["']""")


def collect_ids(html: str) -> set[str]:
    """Every id attribute in a rendered page: the anchors other pages may link to."""
    return set(_ID.findall(html))


def check_anchors(
    anchors: dict[str, tuple[tuple[str, str, int, str], ...]],
    pages: dict[str, Page],
    ids_of: Callable[[str], frozenset[str] | None],
) -> list[SiteError]:
    """Every '#fragment' in a link names an id on its target page (ids_of: None when a page's ids are unknown)."""
    problems = []
    for url, page_anchors in anchors.items():
        source = pages[url].source
        for target, fragment, line, href in page_anchors:
            ids = ids_of(target) if target in pages and not pages[target].meta.broken else None
            if ids is not None and fragment not in ids:
                where = "this page" if target == url else pages[target].source.display_path
                near = did_you_mean(fragment, ids, lambda match: f"#{match}")
                problems.append(
                    SiteError(
                        f"link '{href}' points at a missing anchor '#{fragment}' in {where}; check the heading{near}",
                        source.display_path,
                        line,
                    )
                )
    return problems


def check_reviews(site: Site, today: dt.date) -> list[SiteError]:
    """Every article's review date: missing, or older than the review interval allows.

    Run on every build, not kept with a page in the cache: a review falls due as days pass, with no edit.
    """
    problems: list[SiteError] = []
    interval = dt.timedelta(days=site.config.review_interval_days)
    for page in site.articles:
        meta, shown = page.meta, page.source.display_path
        if meta.reviewed is None:
            if meta.broken or "reviewed" in dict(meta.lines):
                continue  # written but not a date: reported where the front matter is checked
            problems.append(
                SiteError(
                    "article has no 'reviewed' date; add reviewed: YYYY-MM-DD when a person has checked it",
                    shown,
                    1,
                    level=ERROR,
                )
            )
        elif meta.reviewed < today - interval:  # not reviewed + interval: 9999-12-31 plus a year overflows
            due = (meta.reviewed + interval).isoformat()
            problems.append(
                SiteError(
                    f"review overdue since {due} (reviewed {meta.reviewed.isoformat()}); check the article and update 'reviewed'",
                    shown,
                    meta.line_of("reviewed"),
                    level=WARNING,
                )
            )
    return problems


def check_readability(
    page: Page, body: MarkdownResult, config: SiteConfig, grades: dict[str, float]
) -> list[SiteError]:
    """Reading grade of an article's summary and key points (grades: a memo of texts already scored)."""
    return list(_readability(page, body, config.reading_grade_target, grades))


def check_placeholders(site: Site) -> list[SiteError]:
    """A summary still holding the placeholder that `build.py new` wrote."""
    return [
        SiteError(
            "summary still has its placeholder; write one or two plain sentences",
            page.source.display_path,
            page.meta.line_of("summary"),
            level=WARNING,
        )
        for page in site.pages
        if SUMMARY_PLACEHOLDER in page.meta.summary
    ]


def reading_grade(text: str, memo: dict[str, float]) -> float:
    """Flesch-Kincaid grade level of plain text, remembered in memo by the text's hash."""
    key = hashlib.sha256(text.encode()).hexdigest()[:20]
    if key not in memo:
        memo[key] = flesch_kincaid_grade(text)
    return memo[key]


def _readability(page: Page, body: MarkdownResult, target: float, memo: dict[str, float]) -> Iterable[SiteError]:
    shown = page.source.display_path
    summary_grade = reading_grade(page.summary, memo)
    if summary_grade > target:
        yield SiteError(
            f"summary reads at grade {summary_grade:.1f}, above the target {target:g}; use shorter sentences and words",
            shown,
            page.meta.line_of("summary"),
            level=WARNING,
        )
    if body.keypoints:
        grade = reading_grade(" ".join(point if point.endswith(".") else point + "." for point in body.keypoints), memo)
        if grade > target:
            yield SiteError(
                f"key points read at grade {grade:.1f}, above the target {target:g}; use shorter sentences and words",
                shown,
                page.source.body_line,
                level=WARNING,
            )


def check_references(site: Site, citations: Iterable[Iterable[str]]) -> list[SiteError]:
    """A reference that no page and no data table cites is a warning."""
    used = {key for keys in citations for key in keys}
    path = "content/data/references.yaml"
    return [
        SiteError(
            f"reference '{key}' is not cited anywhere; cite it with [@{key}] or remove it",
            path,
            ref.line,
            level=WARNING,
        )
        for key, ref in site.data.references.items()
        if key not in used
    ]
