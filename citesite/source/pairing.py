"""Pages of one text in several languages, paired by a key: the page's path in the site's own language."""

from __future__ import annotations

from collections.abc import Iterable

from citesite.errors import Problems
from citesite.source.content import Source
from citesite.source.languages import split_language
from citesite.source.suggest import did_you_mean


def translation_key(rel_path: str, translation_of: str | None, codes: frozenset[str]) -> str:
    """The key pairing a source with its translations: 'articles/x' for content/articles/x.md and content/es/articles/x.md.

    A translated page may set 'translation_key:' in its front matter, so its own file name (its slug) can be
    in its own language.
    """
    lang, inner = split_language(rel_path, codes)
    if lang and translation_of:
        return translation_of
    return inner.removesuffix(".md")


def pair_pages(
    pages: Iterable[tuple[Source, str]], default: str, codes: frozenset[str], problems: Problems
) -> dict[str, dict[str, str]]:
    """key -> {language: source path} for every key with a translation; a translation of nothing is reported.

    A translation that does not say who translated it ('translated_by:') is a warning, so --strict fails.

    pages: each page's source and language.
    """
    own: dict[str, str] = {}
    translated: dict[str, dict[str, str]] = {}
    others = []
    for source, lang in pages:
        if not source.rel_path.endswith(".md"):
            continue  # a list page no index.md writes has no text to translate
        if lang == default:
            own[translation_key(source.rel_path, None, codes)] = source.rel_path
        else:
            others.append((source, lang))
    for source, lang in others:
        meta = source.meta
        key = translation_key(source.rel_path, meta.translation_key, codes)
        where = (source.display_path, meta.line_of("translation_key"))
        if key not in own:
            hint = did_you_mean(key, own) or f"; e.g. translation_key: {min(own, default='articles/NAME')}"
            problems.error(
                f"'{lang}' page of '{key}', but content/{key}.md is not a page; set 'translation_key:' to the "
                f"path under content/ (without .md) of the page this one translates{hint}",
                *where,
            )
            continue
        found = translated.setdefault(key, {default: own[key]})
        if lang in found:
            problems.error(
                f"two '{lang}' translations of '{key}': content/{found[lang]} and this one; "
                "pair this one with another page ('translation_key:') or remove it",
                *where,
            )
            continue
        found[lang] = source.rel_path
        if not meta.translated_by.strip():
            problems.warn(
                f"this '{lang}' page does not say who translated it; add 'translated_by:' to its front matter "
                "(e.g. translated_by: the site's editors), and 'translation_reviewers:' once someone has reviewed it",
                source.display_path,
                meta.line_of("translation_key") if meta.translation_key else 1,
            )
    return translated
