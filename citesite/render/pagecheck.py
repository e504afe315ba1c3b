"""The checks of one page, run as it is built: its reading level, and the ids other pages' links may name."""

from __future__ import annotations

import hashlib
import re

from citesite.errors import WARNING, SiteError
from citesite.markdown import MarkdownResult
from citesite.model import Page
from citesite.readability import flesch_kincaid_grade
from citesite.readability.spanish import SpanishEase, spanish_ease
from citesite.source.config import SiteConfig

_ID = re.compile(r"""\sid=["']([^"']+)["']""")
_ADVICE = "use shorter sentences and words"


def collect_ids(html: str) -> set[str]:
    """Every id attribute in a rendered page: the anchors other pages may link to."""
    return set(_ID.findall(html))


def check_readability(
    page: Page, body: MarkdownResult, config: SiteConfig, grades: dict[str, float]
) -> list[SiteError]:
    """Reading level of an article's summary and key points (grades: a memo of texts already scored)."""
    policy = config.policy.readability
    measured = policy.measured_as(page.lang or config.language, config.language) if policy.check else None
    if measured is None:
        return []
    target = policy.target_for(page.lang or config.language, measured)
    texts = [("summary reads", page.summary, page.meta.line_of("summary"))]
    if body.keypoints:
        joined = " ".join(point if point.endswith(".") else point + "." for point in body.keypoints)
        texts.append(("key points read", joined, page.source.body_line))
    shown = page.source.display_path
    return [
        SiteError(f"{what} {problem}; {_ADVICE}", shown, line, level=WARNING)
        for what, text, line in texts
        if (problem := _problem(measured, text, target, grades))
    ]


def reading_grade(text: str, memo: dict[str, float]) -> float:
    """Flesch-Kincaid grade level of plain text, remembered in memo by the text's hash."""
    key = _text_key(text)
    if key not in memo:
        memo[key] = flesch_kincaid_grade(text)
    return memo[key]


def reading_ease(text: str, memo: dict[str, float]) -> SpanishEase:
    """Spanish reading ease of plain text (both scores), remembered in memo by the text's hash."""
    key = _text_key(text)
    index, huerta = f"es:{key}", f"es-fh:{key}"
    if index not in memo or huerta not in memo:
        ease = spanish_ease(text)
        memo[index], memo[huerta] = ease.szigriszt_pazos, ease.fernandez_huerta
    return SpanishEase(memo[index], memo[huerta])


def _problem(measured: str, text: str, target: float, memo: dict[str, float]) -> str | None:
    """What is wrong with the reading level of text in the measured language, or None when it meets the target."""
    if measured == "es":
        ease = reading_ease(text, memo)
        if ease.szigriszt_pazos >= target:
            return None
        return (
            f"at {ease.szigriszt_pazos:.1f} on the Szigriszt-Pazos scale ({ease.band}; Fernández-Huerta "
            f"{ease.fernandez_huerta:.1f}), below the target {target:g}"
        )
    grade = reading_grade(text, memo)
    return f"at grade {grade:.1f}, above the target {target:g}" if grade > target else None


def _text_key(text: str) -> str:
    return hashlib.sha256(text.encode()).hexdigest()[:20]
