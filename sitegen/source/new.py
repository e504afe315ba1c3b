"""`build.py new TITLE`: start an article with valid front matter and a body skeleton."""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

import yaml

from sitegen.errors import SiteError, UsageError
from sitegen.source.clock import review_today
from sitegen.source.content import parse_front_matter
from sitegen.source.yamlfile import CONTROL_CHARACTER

ARTICLES_DIR = Path("content") / "articles"
MAX_SLUG_LENGTH = 60
ARTICLE_TEMPLATE = """\
---
{title}
summary: "{placeholder}: one or two plain sentences that tell a reader what this article explains."
date: {today}
reviewed: {today}
order: {order}
topics: []
---

!!! keypoints "Key points"
    - …

## First section

Write the article here. docs/authoring.md shows how to cite a source, link to another article and place a table.
"""

SUMMARY_PLACEHOLDER = "TODO"  # what `build.py new` writes; the strict check flags it until replaced


def slugify_title(title: str) -> str:
    """'Magnesium and sleep' -> 'magnesium-and-sleep': lower-case ASCII words joined by '-'."""
    ascii_text = unicodedata.normalize("NFKD", title).encode("ascii", "ignore").decode("ascii")
    words = re.findall(r"[a-z0-9]+", ascii_text.lower().replace("'", ""))
    slug = "-".join(words)
    if len(slug) > MAX_SLUG_LENGTH:
        slug = slug[: MAX_SLUG_LENGTH + 1].rsplit("-", 1)[0]
    return slug


def next_order(articles_dir: Path) -> int:
    """One more than the highest 'order' of the existing articles (1 when there are none)."""
    orders = [0]
    for path in sorted(articles_dir.glob("*.md")):
        try:
            meta, _, _ = parse_front_matter(path.read_text(encoding="utf-8-sig"), path.name)
        except (OSError, UnicodeDecodeError, SiteError):
            continue  # a broken article is the build's to report
        order = meta.get("order")
        if isinstance(order, int) and not isinstance(order, bool):
            orders.append(order)
    return max(orders) + 1


def render_article(title: str, order: int) -> str:
    """The new article's text: front matter with placeholders, a key points box and a first heading."""
    title_line = yaml.safe_dump({"title": title}, allow_unicode=True, width=10_000).strip()  # quoted when needed
    return ARTICLE_TEMPLATE.format(
        title=title_line, placeholder=SUMMARY_PLACEHOLDER, today=review_today().isoformat(), order=order
    )


def create_article(root: Path, title: str) -> Path:
    """Write content/articles/<slug>.md under root; return its path relative to root."""
    title = title.strip()
    if "\n" in title or "\r" in title:
        raise UsageError("the title must be one line")
    control = CONTROL_CHARACTER.search(title)
    if control:
        raise UsageError(
            f"the title holds the invisible control character U+{ord(control.group()):04X}; type the title again without it"
        )
    slug = slugify_title(title)
    if not slug:
        raise UsageError(
            f"the title {title!r} has no letters or digits to make a file name from; "
            'use a title such as "How plants make sugar"'
        )
    if not (root / "content").is_dir():
        raise UsageError(f"no content/ folder in {root.resolve()}; run this in the project folder or pass --root")
    rel = ARTICLES_DIR / f"{slug}.md"
    path = root / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    text = render_article(title, next_order(path.parent))
    try:
        with path.open("x", encoding="utf-8", newline="\n") as handle:  # 'x': never overwrite
            handle.write(text)
    except FileExistsError:
        raise UsageError(f"{rel.as_posix()} already exists; choose another title or edit that file") from None
    return rel
