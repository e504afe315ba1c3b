"""Whole-site outputs built from the model: sitemap.xml, robots.txt and an Atom feed of articles."""

from __future__ import annotations

import datetime as dt
import functools
import heapq
from collections.abc import Callable
from html import escape  # escapes & < > and quotes: safe in XML text and attributes

from citesite.model import Page, Site
from citesite.render.languages import alternates
from citesite.source.history import newest_change

FEED_LIMIT = 50  # feed readers want the newest articles, not all 10,000
XHTML = "http://www.w3.org/1999/xhtml"  # an Atom entry's type="xhtml" content is one <div> in this namespace


def last_modified(page: Page) -> dt.date | None:
    """The newest of a page's changes, updated, reviewed and date."""
    meta = page.source.meta
    return max((d for d in (newest_change(meta.changes), meta.updated, meta.reviewed, meta.date) if d), default=None)


def render_sitemap(site: Site) -> str:
    """sitemap.xml with absolute URLs and lastmod from the content's own dates.

    A page with translations lists every version, itself included, as the page's head does (the same pairs).
    """
    namespaces = 'xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"'
    if site.config.languages:
        namespaces += ' xmlns:xhtml="http://www.w3.org/1999/xhtml"'
    lines = ['<?xml version="1.0" encoding="UTF-8"?>', f"<urlset {namespaces}>"]
    for page in site.pages:
        if page.kind == "notfound":
            continue
        lines.append(f"  <url><loc>{escape(site.config.base_url + page.url)}</loc>")
        for code, address in alternates(site, page):
            lines.append(f'    <xhtml:link rel="alternate" hreflang="{code}" href="{escape(address)}"/>')
        modified = last_modified(page)
        if modified:
            lines.append(f"    <lastmod>{modified.isoformat()}</lastmod>")
        lines.append("  </url>")
    lines.append("</urlset>")
    return "\n".join(lines) + "\n"


def render_robots(site: Site) -> str:
    """robots.txt allowing everything and pointing at the sitemap."""
    return f"User-agent: *\nAllow: /\n\nSitemap: {site.config.base_url}sitemap.xml\n"


def render_feed(site: Site, lang: str = "") -> str:
    """An Atom feed of a language's articles, newest first; dates come from the content, never the clock."""
    config = site.config.in_language(lang or site.config.language)
    prefix = "" if config.language == site.config.language else f"{config.language}/"
    fed = [name for name in sorted(site.fed) if (name.startswith(prefix) if prefix else "/" not in name)]
    dated = [(last_modified(p) or dt.date.min, p.url, p) for name in fed for p in site.sections[name]]
    articles = [page for _, _, page in heapq.nlargest(FEED_LIMIT, dated)]
    newest = max((d for d, _, _ in dated if d != dt.date.min), default=dt.date(2000, 1, 1))  # fixed: byte-identical
    out = [
        '<?xml version="1.0" encoding="utf-8"?>',
        f'<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="{escape(config.language)}">',
        f"  <title>{escape(config.title)}</title>",
        f"  <subtitle>{escape(config.description)}</subtitle>",
        f'  <link href="{escape(config.base_url + prefix)}"/>',
        f'  <link rel="self" href="{escape(config.base_url + prefix)}feed.xml"/>',
        f"  <id>{escape(config.base_url + prefix)}</id>",
        f"  <updated>{newest.isoformat()}T00:00:00Z</updated>",
        f"  <author><name>{escape(config.author or config.title)}</name></author>",
    ]
    for page in articles:
        link = config.base_url + page.url
        updated = (last_modified(page) or newest).isoformat()
        out += [
            "  <entry>",
            f"    <title>{escape(page.title)}</title>",
            f'    <link href="{escape(link)}"/>',
            f"    <id>{escape(link)}</id>",
            f"    <updated>{updated}T00:00:00Z</updated>",
            *_published(page),
            f"    <summary>{escape(page.summary)}</summary>",
            _content(page),
            "  </entry>",
        ]
    out.append("</feed>")
    return "\n".join(out) + "\n"


def _published(page: Page) -> list[str]:
    """The entry's first publication date, when the page gives one."""
    day = page.source.meta.date
    return [f"    <published>{day.isoformat()}T00:00:00Z</published>"] if day else []


def _content(page: Page) -> str:
    """What a feed reader shows as the entry's body: the article's summary, then its newest change, if any.

    Feed readers show the content rather than the summary when both are there, so the content must say what
    the article is about; the change note alone ("Updated …: added two studies") would not.
    """
    paragraphs = [escape(page.summary)]
    changes = page.source.meta.changes
    if changes:
        latest = changes[0]  # newest first
        paragraphs.append(f"Updated {latest.date.isoformat()}: {escape(latest.summary)}")
    body = "".join(f"<p>{text}</p>" for text in paragraphs)
    return f'    <content type="xhtml"><div xmlns="{XHTML}">{body}</div></content>'


SITE_FILES = {"sitemap.xml": render_sitemap, "robots.txt": render_robots, "feed.xml": render_feed}


def site_files(site: Site) -> dict[str, Callable[[Site], str]]:
    """The site-wide files, with a feed for each further language (es/feed.xml)."""
    feeds = {
        f"{found.code}/feed.xml": functools.partial(render_feed, lang=found.code) for found in site.config.languages
    }
    return {**SITE_FILES, **feeds}
