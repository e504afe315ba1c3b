"""What a template sees when it renders one page."""

from __future__ import annotations

import json
import re
from typing import Any
from urllib.parse import quote

from markupsafe import Markup

from citesite.errors import SiteError
from citesite.incremental.shown import Handed, TrackedPages
from citesite.markdown import MarkdownResult
from citesite.model import Page, Site
from citesite.render.assets import Asset, inline_style
from citesite.render.jinja import markup, url_helper
from citesite.render.languages import language_context, localised_html
from citesite.source.config import SiteConfig
from citesite.source.data import Reference
from citesite.source.history import Reviewer, newest_change, newest_review, review_due
from citesite.source.languages import split_language
from citesite.source.policy import page_section


def page_context(
    site: Site,
    page: Page,
    body: MarkdownResult,
    assets: dict[str, Asset],
    articles: TrackedPages,
    handed: Handed,
) -> dict[str, Any]:
    """The variables and helpers for one page's template.

    articles: the article list, which records what the template reads of it; handed: handed_pages(site, page).
    """
    config = site.config.in_language(page.lang)  # the page's language: its site title, description and words
    rooted = page.kind == "notfound"  # the 404 page is served at any depth, so its links start at the site root
    url = url_helper(page.url, config.base_path, rooted)

    def asset(name: str) -> str:
        found = assets.get(name)
        if found is None:
            raise SiteError(f"asset('{name}'): no such file in static/; check the name")
        return url(found.dest)

    refs, html = site.data.references, localised_html(body.html, config.strings)
    lead, rest = split_lead(html)
    return {
        "site": config,
        "page": page,
        "meta": page.meta,
        "content": markup(html),
        "lead": markup(lead),
        "rest": markup(rest),
        **page_scripts_and_styles(html, assets),
        "data": site.data.tables,
        "toc": body.toc,
        "references": (cited := [refs[key] for key in body.citations]),
        "previous": handed.previous,
        "next": handed.next,
        "related": handed.related,
        "section_pages": handed.related if page.kind == "list" else (),  # what a section's list page lists
        "articles": articles,
        "nav": nav_pages(site, page.lang),
        "breadcrumbs": breadcrumbs(site, page, handed.parent),
        "strings": config.strings,
        "t": config.strings.text,
        "glossary": site.data.glossary_in("" if page.lang == site.config.language else page.lang),
        "all_references": grouped_references(site.data.references),
        "url": url,
        "asset": asset,
        "inline_style": lambda name: own_style(assets, name),
        "absolute_url": lambda target: config.base_url + target,
        "toc_tree": toc_tree(body.toc),
        "search_page": site.page_for(template="search.html", lang=page.lang),
        "pages": [p for p in site.plain_pages if p.lang == page.lang],
        **language_context(site, page, handed),
        "structured_data": structured_data(site, page, cited),
        "json_ld": json_ld,
        "review_due": review_due(page.meta.reviewed, config.review_interval_days),
        "searchable": searchable(config.policy.search_sections, page.source.rel_path, config.other_codes),
        "report_href": report_href(config, page.title, config.base_url + page.url),
    }


def own_style(assets: dict[str, Asset], name: str) -> tuple[Markup, Markup]:
    """A stylesheet a page carries inside itself (the 404 page), and the CSP source that allows it."""
    found = assets.get(name)
    if found is None:
        raise SiteError(f"inline_style('{name}'): no such file in static/; check the name")
    text, source = inline_style(found)
    return Markup(text), Markup(source)


def searchable(sections: tuple[str, ...] | None, rel_path: str, codes: frozenset[str] = frozenset()) -> bool:
    """Whether the search indexes a page: every page when site.yaml names no sections, else those in them.

    A page directly in content/ (the home page) belongs to no section and stays searchable; a page in a further
    language's folder (codes) is in the section it is in there.
    """
    section = page_section(split_language(rel_path, codes)[1])
    return sections is None or not section or section in sections


def report_href(config: SiteConfig, title: str, address: str) -> str:
    """Where 'Report a problem with this page' leads: an e-mail link names the page in its subject."""
    if not config.report_url.startswith("mailto:"):
        return config.report_url
    subject = config.strings.text("report_subject", title=title, address=address)
    return f"{config.report_url}?subject={quote(subject, safe='')}"


LEAD_START = '<div class="admonition keypoints"'  # its attributes follow: the search weight
_DIV = re.compile(r"<(/?)div\b")
_SCRIPT_NAME = re.compile(r'\sdata-script="([a-z][a-z0-9-]*)"')


def split_lead(html: str) -> tuple[str, str]:
    """The key points box a page opens with, and the rest; ('', html) when it does not open with one.

    A phone shows the key points before the table of contents, which sits between the two.
    """
    if not html.startswith(LEAD_START):
        return "", html
    depth = 0
    for match in _DIV.finditer(html):
        depth += -1 if match.group(1) else 1
        if depth == 0:
            return html[: match.end() + 1], html[match.end() + 1 :].lstrip("\n")
    return "", html


def page_scripts_and_styles(html: str, assets: dict[str, Asset]) -> dict[str, list[str]]:
    """The scripts a page asks for, and those of them with a stylesheet of their own (css/NAME.css), linked only there."""
    scripts = page_scripts(html)
    return {"scripts": scripts, "styles": [name for name in scripts if f"css/{name}.css" in assets]}


def page_scripts(html: str) -> list[str]:
    """The scripts a page's content asks for (data-script="NAME" loads static/js/NAME.js, and static/css/NAME.css
    when there is one), once each, sorted."""
    return sorted(set(_SCRIPT_NAME.findall(html)))


def nav_pages(site: Site, lang: str = "") -> list[Page]:
    """The pages named in site.yaml's nav, in that order; in a further language, those it has a version of."""
    found = [site.page_from_source(rel) for rel in site.config.nav]
    if lang and lang != site.config.language:
        found = [site.translations_of(page).get(lang) if page else None for page in found]
    return [page for page in found if page is not None]


def breadcrumbs(site: Site, page: Page, parent: Page | None) -> list[tuple[str, str]]:
    """(title, url) pairs from the home page down to this page's parent section."""
    if page.kind in ("home", "notfound"):
        return []
    home = site.home_of(page.lang)
    trail = [(home.title if home else site.config.strings.text("home"), "")]
    if parent is not None:
        trail.append((parent.title, parent.url))
    return trail


def grouped_references(refs: dict[str, Reference]) -> list[tuple[str, list[Reference]]]:
    """References grouped by their 'group', groups and entries sorted for a stable page."""
    groups: dict[str, list[Reference]] = {}
    for ref in refs.values():
        groups.setdefault(ref.group, []).append(ref)
    return [
        (name, sorted(items, key=lambda r: (r.authors or r.title).casefold())) for name, items in sorted(groups.items())
    ]


def check_nav(site: Site) -> list[SiteError]:
    """Every nav entry in site.yaml must name an existing page source."""
    known = {p.source.rel_path for p in site.pages}
    return [
        SiteError(
            f"nav entry '{rel}' is not a page; use a path under content/ such as pages/about.md", site.config.path, line
        )
        for rel, line in zip(site.config.nav, site.config.nav_lines, strict=False)
        if rel not in known
    ]


TocEntry = tuple[str, str, list[tuple[str, str]]]


def toc_tree(toc: tuple[tuple[int, str, str], ...]) -> list[TocEntry]:
    """The flat (level, id, text) headings as h2 entries, each with its h3 children: [(id, text, [(id, text)])]."""
    tree: list[TocEntry] = []
    for level, anchor, text in toc:
        if level > 2 and tree:
            tree[-1][2].append((anchor, text))
        else:
            tree.append((anchor, text, []))
    return tree


def structured_data(site: Site, page: Page, references: list[Reference]) -> dict[str, Any]:
    """schema.org data for the page's JSON-LD block, typed as its front matter says, else as site.yaml's."""
    config = site.config.in_language(page.lang)
    meta = page.meta
    data: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": meta.structured_data or config.policy.structured_data,
        "name": page.title,
        "description": page.summary,
        "url": config.base_url + page.url,
        "inLanguage": config.language,
        "isPartOf": {"@type": "WebSite", "name": config.title, "url": config.base_url},
    }
    if config.publisher:
        data["publisher"] = {"@type": "Organization", "name": config.publisher}
    if meta.date:
        data["datePublished"] = meta.date.isoformat()
    modified = newest_change(meta.changes) or meta.updated or meta.reviewed or meta.date
    if modified:
        data["dateModified"] = modified.isoformat()
    reviewed = newest_review(meta.reviewers)
    if reviewed:  # only a named person's review: the editors' check against the sources is not one
        data["lastReviewed"] = reviewed.isoformat()
        data["reviewedBy"] = [_person(reviewer) for reviewer in meta.reviewers]
    data.update(translation_data(site, page))
    topics = meta.topics or (page.title,)
    data["about"] = [{"@type": "Thing", "name": topic} for topic in topics]
    citations = [_creative_work(ref) for ref in references]
    if citations:
        data["citation"] = citations
    return data


def translation_data(site: Site, page: Page) -> dict[str, Any]:
    """schema.org's translationOfWork (the original's absolute URL) and translator, for a translated page."""
    original = site.translations_of(page).get(site.config.language)
    if page.lang == site.config.language or original is None:
        return {}
    work = {"@type": "CreativeWork", "url": site.config.base_url + original.url, "inLanguage": site.config.language}
    found: dict[str, Any] = {"translationOfWork": work}
    if page.meta.translated_by:
        found["translator"] = {"@type": "Organization", "name": page.meta.translated_by}
    return found


def _person(reviewer: Reviewer) -> dict[str, str]:
    person = {"@type": "Person", "name": reviewer.name}
    if reviewer.credentials:
        person["jobTitle"] = reviewer.credentials
    return person


def _creative_work(ref: Reference) -> dict[str, str]:
    work = {"@type": "CreativeWork", "name": ref.title}
    link = ref.doi_url or ref.pubmed_url or ref.url
    if link:
        work["url"] = link
    return work


_SCRIPT_ESCAPES = {ord("<"): "\\u003c", ord(">"): "\\u003e", ord("&"): "\\u0026", 0x2028: "\\u2028", 0x2029: "\\u2029"}


def json_ld(obj: Any) -> Markup:
    """obj as JSON that is safe inside <script type="application/ld+json"> ('</script>' cannot end it)."""
    text = json.dumps(obj, ensure_ascii=False, separators=(",", ":"))
    return Markup(text.translate(_SCRIPT_ESCAPES))
