"""What a page shows of its other languages: the language switcher, and the hreflang alternates of its head."""

from __future__ import annotations

from html import escape
from typing import Any, NamedTuple

from citesite.incremental.shown import Handed
from citesite.markdown import MARKDOWN_TEXTS
from citesite.model import Page, Site
from citesite.source.strings import Strings


class OtherLanguage(NamedTuple):
    """One entry of the language switcher, in that language's own words."""

    code: str
    name: str  # the language's name in itself: Español
    page: Page  # the page in that language, or that language's home page when it has none
    translated: bool  # False: the page has no version in that language, and page is its home
    note: str  # when not translated: that this page has no version in the language, said in that language
    home_text: str  # the link to the language's home page, in that language


def language_context(site: Site, page: Page, handed: Handed) -> dict[str, Any]:
    """The template variables about languages: the switcher, the alternates, the page's home and feed."""
    prefix = "" if page.lang == site.config.language else f"{page.lang}/"
    since = site.behind.get(page.url)
    return {
        "languages": other_languages(site, page, handed.translations),
        "alternates": alternates(site, page),
        # a further language's home page lists the articles it has no version of ("only in English")
        "only_in_original": handed.related if page.kind == "home" and prefix else (),
        "original_lang": site.config.language,
        "home_url": prefix,
        "feed_url": f"{prefix}feed.xml",
        # the original changed in a way that matters since this translation was stamped: readers are told
        "translation_behind": site.config.in_language(page.lang).strings.date(since) if since else "",
        "original_page": site.translations_of(page).get(site.config.language) if since else None,
        # a translated page says who translated it; the editors' check of its sources was of the original
        "translation_of": site.translations_of(page).get(site.config.language) if prefix else None,
    }


def other_languages(site: Site, page: Page, chosen: tuple[Page, ...]) -> list[OtherLanguage]:
    """The switcher's entries: chosen is the handed pages (the page in each other language, else its home)."""
    paired = site.translations_of(page)
    entries = []
    for target in chosen:
        words = site.config.in_language(target.lang).strings
        translated = paired.get(target.lang) == target
        entries.append(
            OtherLanguage(
                target.lang,
                words.text("language_name"),
                target,
                translated,
                "" if translated else words.text("no_translation"),
                words.text("language_home"),
            )
        )
    return entries


def alternates(site: Site, page: Page) -> list[tuple[str, str]]:
    """(hreflang, absolute URL) of every version of the page, itself included, then x-default (the site's language).

    Only for a page that has a translation: a page in one language has no alternates, so no search engine is
    told that a home page in another language is its translation.
    """
    found = site.translations_of(page)
    if len(found) < 2:
        return []
    base = site.config.base_url
    pairs = [(code, base + found[code].url) for code in site.config.language_codes if code in found]
    return [*pairs, ("x-default", base + found[site.config.language].url)]


def localised_html(html: str, strings: Strings) -> str:
    """A page's converted Markdown with the titles Python-Markdown wrote in English in the page's own words."""
    ours = {"section_link": strings.text("section_link"), "footnote_back": strings.text("footnote_back")}
    for key, english in MARKDOWN_TEXTS.items():
        text = ours[key]
        if text != english:
            html = html.replace(f'title="{english}"', f'title="{escape(text)}"')
    return html
