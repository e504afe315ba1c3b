"""The checks of one page, run as it is built: its reading grade, and the ids other pages' links may name."""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable

from citesite.errors import WARNING, SiteError
from citesite.markdown import MarkdownResult
from citesite.model import Page
from citesite.readability import flesch_kincaid_grade
from citesite.source.config import SiteConfig

_ID = re.compile(r"""\sid=["']([^"']+)["']""")


def collect_ids(html: str) -> set[str]:
    """Every id attribute in a rendered page: the anchors other pages may link to."""
    return set(_ID.findall(html))


def check_readability(
    page: Page, body: MarkdownResult, config: SiteConfig, grades: dict[str, float]
) -> list[SiteError]:
    """Reading grade of an article's summary and key points (grades: a memo of texts already scored)."""
    if not config.policy.readability.check:
        return []
    return list(_readability(page, body, config.reading_grade_target, grades))


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
