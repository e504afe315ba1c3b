"""`build.py new [SECTION] TITLE`: start a page in a section (an article by default) with valid front matter."""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

import yaml

from citesite.errors import SiteError, SiteErrors, UsageError
from citesite.source.clock import review_today
from citesite.source.config import load_config
from citesite.source.content import parse_front_matter
from citesite.source.sections import Section, default_section, section_folders, unknown_section_message
from citesite.source.yamlfile import CONTROL_CHARACTER
from citesite.urls import url_for_source

MAX_SLUG_LENGTH = 60
# Ends every new page: the how-tos a user without the guide needs, in a comment the page does not show.
HOW_TO = """\
<!-- A note for you, not shown on the page; delete it when you like.
To cite a source: add it to content/data/references.yaml (- key: smith2024, with its title and doi or url), then write [@smith2024] after the claim.
To link to another page: link its Markdown file, as in [the about page](../pages/about.md); the build checks every link.
To place a table: put its columns and rows in content/data/NAME.yaml, then write a line that says only ::: table NAME
-->
"""

ARTICLE_TEMPLATE = (
    """\
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

Write the article here.

"""
    + HOW_TO
)

PAGE_TEMPLATE = (
    """\
---
{title}
summary: "{placeholder}: one or two plain sentences that tell a reader what this page explains."
{dates}---

Write the page here.

"""
    + HOW_TO
)
PREVIEW = "http://127.0.0.1:8000/"  # where `serve` shows the site by default

SUMMARY_PLACEHOLDER = "TODO"  # what `build.py new` writes; the strict check flags it until replaced


def slugify_title(title: str) -> str:
    """'How plants make sugar' -> 'how-plants-make-sugar': lower-case ASCII words joined by '-'."""
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
    return create_page(root, "articles", title)


def create_page(root: Path, section: str, title: str) -> Path:
    """Write content/<section>/<slug>.md under root, never over a file; return its path relative to root."""
    slug = _slug_for(title)
    if not (root / "content").is_dir():
        raise UsageError(f"no content/ folder in {root.resolve()}; run this in the project folder or pass --root")
    known = known_sections(root)
    if section not in known:
        raise UsageError(unknown_section_message(section, known))
    rel = Path("content") / section / f"{slug}.md"
    path = root / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    text = render_page(section, _settings(root, section), title.strip(), path.parent)
    try:
        with path.open("x", encoding="utf-8", newline="\n") as handle:  # 'x': never overwrite
            handle.write(text)
    except FileExistsError:
        raise UsageError(f"{rel.as_posix()} already exists; choose another title or edit that file") from None
    return rel


def preview_url(rel: Path) -> str:
    """Where `serve`, with its default host and port, shows the page written at rel (content/…/x.md)."""
    return PREVIEW + url_for_source(rel.relative_to("content").as_posix())


def known_sections(root: Path) -> list[str]:
    """The sections `new` may write into: the folders under content/, those site.yaml names, and articles."""
    return sorted({"articles", *section_folders(root / "content"), *(s.name for s in _configured(root))})


def render_page(section: str, settings: Section, title: str, folder: Path) -> str:
    """The new page's text: the front matter its section needs, with placeholders to replace."""
    if section == "articles":
        return render_article(title, next_order(folder))
    title_line = yaml.safe_dump({"title": title}, allow_unicode=True, width=10_000).strip()
    dates = ""
    if section != "pages":  # pages are listed nowhere: no date or place in an order
        dates = f"date: {review_today().isoformat()}\n"
        dates += f"order: {next_order(folder)}\n" if settings.order == "order" else ""
    return PAGE_TEMPLATE.format(title=title_line, placeholder=SUMMARY_PLACEHOLDER, dates=dates)


def _configured(root: Path) -> tuple[Section, ...]:
    try:
        return load_config(root).sections
    except SiteErrors:
        return ()  # broken settings are the build's to report; the folders still say which sections exist


def _settings(root: Path, section: str) -> Section:
    found = [s for s in _configured(root) if s.name == section]
    return found[0] if found else default_section(section)


def _slug_for(title: str) -> str:
    """The file name (without .md) for a title; a usage error when the title cannot give one."""
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
    return slug
