"""Python-Markdown, configured for the site: standard extensions plus the site's own."""

from __future__ import annotations

import importlib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from markdown.extensions import Extension
from markdown.extensions.toc import slugify_unicode

from citesite.errors import SiteError
from citesite.markdown.attributes import REFERENCE_ID_PREFIX, TEMPLATE_IDS, AttributeExtension
from citesite.markdown.brackets import QuickBracketExtension
from citesite.markdown.citations import CitationExtension
from citesite.markdown.collect import CollectExtension
from citesite.markdown.directives import DirectiveExtension
from citesite.markdown.fence_options import FenceOptionsExtension
from citesite.markdown.glossary import GlossaryExtension
from citesite.markdown.links import LinkExtension
from citesite.markdown.quickinline import QuickInlineExtension
from citesite.markdown.rawhtml import RawHtmlExtension
from citesite.markdown.search_marks import SearchMarksExtension
from citesite.markdown.settings import Named, build_extensions
from citesite.markdown.spans import SpanExtension
from citesite.markdown.state import PageState, SiteIndex, SiteMarkdown, shown_text
from citesite.markdown.timelimit import PageTooSlow, time_limit
from citesite.markdown.values import ValueExtension
from citesite.source.content import Source

__all__ = ["STANDARD_EXTENSIONS", "MarkdownResult", "SiteIndex", "converter", "create_markdown", "render_markdown"]

NESTED_TOO_DEEPLY = "lists or quotes are nested too deeply to convert; use fewer levels"
CONVERSION_FAILED = (
    "Python-Markdown could not convert this page ({reason}); the page is not built: simplify or remove the "
    "construct it stops on (often the attributes of a ``` fence or a {{: … }} list), then build again"
)
STANDARD_EXTENSIONS = [
    "fenced_code",
    "codehilite",
    "tables",
    "toc",
    "footnotes",
    "attr_list",
    "abbr",
    "admonition",
    "def_list",
    "smarty",
]


def heading_slug(value: str, separator: str) -> str:
    """A heading's id: its words, kept clear of the ids the templates and the reference list use."""
    slug: str = slugify_unicode(value, separator)
    if slug.startswith(REFERENCE_ID_PREFIX) or slug in TEMPLATE_IDS:
        return f"section-{slug}"
    return slug


# Texts Python-Markdown writes into pages, in English; a page in another language gets its strings' words
# for them (citesite.render.languages.localised_html): strings key -> the text.
MARKDOWN_TEXTS = {"section_link": "Link to this section", "footnote_back": "Back to the text"}

EXTENSION_CONFIGS: dict[str, dict[str, Any]] = {
    "toc": {
        "permalink": "#",
        "permalink_class": "headerlink",
        "permalink_title": MARKDOWN_TEXTS["section_link"],
        "slugify": heading_slug,
        "toc_depth": "2-3",
    },
    "footnotes": {"BACKLINK_TITLE": MARKDOWN_TEXTS["footnote_back"]},
    # Pygments marks tokens with classes (static/css/site.css colours them in light and dark), never inline
    # styles, which the Content-Security-Policy (style-src 'self') would block. A block without a language is
    # shown as plain text: guessing is slow and often wrong.
    "codehilite": {"css_class": "codehilite", "noclasses": False, "guess_lang": False},
}


@dataclass(frozen=True)
class MarkdownResult:
    """What converting one page's Markdown produced."""

    html: str
    toc: tuple[tuple[int, str, str], ...]  # (level, id, text) for the table of contents
    citations: tuple[str, ...]
    anchors: tuple[tuple[str, str, int, str], ...]
    keypoints: tuple[str, ...]
    problems: tuple[SiteError, ...]
    lookups: tuple[tuple[str, str | None], ...] = ()  # (question, answer) asked of the SiteIndex: what it depends on


def standard_extensions() -> list[Extension]:
    """The standard extensions as objects, configured.

    Given by name, Markdown would first look for them among every installed package's entry points,
    which costs a one-file rebuild 20 ms.
    """
    return [
        importlib.import_module(f"markdown.extensions.{name}").makeExtension(**EXTENSION_CONFIGS.get(name, {}))
        for name in STANDARD_EXTENSIONS
    ]


def create_markdown(index: SiteIndex, named: Named = (), root: Path | None = None) -> SiteMarkdown:
    """One Markdown converter for the whole build; reset between pages (named: site.yaml's further extensions).

    root: the project folder, where the site's own extension modules are.
    """
    return converter(index, build_extensions(named, root) if named and root else [])


def converter(index: SiteIndex, added: list[Extension]) -> SiteMarkdown:
    """The site's converter with the added extensions loaded first, so the site's own run after them."""
    extensions: list[Extension] = [
        *added,
        *standard_extensions(),
        LinkExtension(index),
        CitationExtension(index),
        DirectiveExtension(index),
        ValueExtension(index),
        GlossaryExtension(index),
        CollectExtension(),
        SearchMarksExtension(),
        FenceOptionsExtension(),
        RawHtmlExtension(),
        AttributeExtension(),
        SpanExtension(),
        QuickBracketExtension(),  # after the others: it replaces only link patterns still of the stock class
        QuickInlineExtension(),  # last: it replaces the inline passes the others registered
    ]
    md = SiteMarkdown(extensions=extensions, extension_configs=EXTENSION_CONFIGS, output_format="html")
    md.site_index = index
    return md


NOT_FOUND_URL = "404.html"


def too_slow(seconds: float) -> str:
    """The message for a page whose conversion was stopped at its time limit."""
    return (
        f"this page takes too long to convert (stopped after {seconds:g} s); look for a long run of '[', '![' "
        "or '[^' and break it up, or split the page; if it is only long, raise page_time_limit in content/site.yaml"
    )


def _new_state(source: Source, url: str, index: SiteIndex) -> PageState:
    state = PageState(source.rel_path, url, source.display_path, source.body, source.body_line)
    if url == NOT_FOUND_URL:
        state.rooted_at = index.base_path
    return state


def _failed(md: SiteMarkdown, source: Source, url: str, index: SiteIndex, message: str, line: int | None) -> str:
    """A page Python-Markdown failed on: no HTML, one error (on the body's first line: where is not known)."""
    md.reset()
    state = _new_state(source, url, index)
    state.problems.append(SiteError(message, source.display_path, line))
    md.page_state = state
    return ""


def render_markdown(md: SiteMarkdown, source: Source, url: str, seconds: float = 0) -> MarkdownResult:
    """Convert one page's body, collecting its citations, anchors and problems; stop after seconds (0: never)."""
    index = md.site_index
    state = _new_state(source, url, index)
    md.reset()
    md.page_state = state
    try:
        with time_limit(seconds):
            html = md.convert(source.body)
    except RecursionError:  # Python-Markdown parses nested blocks recursively
        html = _failed(md, source, url, index, NESTED_TOO_DEEPLY, source.body_line)
        state = md.page_state
    except PageTooSlow:  # a BaseException: no extension's own 'except Exception' can swallow it
        html = _failed(md, source, url, index, too_slow(seconds), None)
        state = md.page_state
    except Exception as exc:  # noqa: BLE001 (any failure inside Python-Markdown or an extension is this page's alone)
        reason = shown_text(f"{type(exc).__name__}: {exc}"[:120])
        html = _failed(md, source, url, index, CONVERSION_FAILED.format(reason=reason), source.body_line)
        state = md.page_state
    toc = tuple((level, hid, text) for level, hid, text in state.headings if level in (2, 3) and hid)
    return MarkdownResult(
        html=html,
        toc=toc,
        citations=tuple(state.citations),
        anchors=tuple(state.anchors),
        keypoints=tuple(state.keypoints),
        problems=tuple(state.problems),
        lookups=tuple(sorted(state.lookups.items())),
    )


def body_to_json(body: MarkdownResult) -> dict[str, Any]:
    """A converted body as JSON-friendly data."""
    return {
        "html": body.html,
        "toc": body.toc,
        "citations": body.citations,
        "anchors": body.anchors,
        "keypoints": body.keypoints,
        "problems": [[p.message, p.path, p.line, p.column, p.level] for p in body.problems],
        "lookups": body.lookups,
    }


def body_from_json(data: dict[str, Any]) -> MarkdownResult:
    """A converted body back from JSON data."""
    return MarkdownResult(
        html=data["html"],
        toc=tuple(tuple(item) for item in data["toc"]),
        citations=tuple(data["citations"]),
        anchors=tuple(tuple(item) for item in data["anchors"]),
        keypoints=tuple(data["keypoints"]),
        problems=tuple(SiteError(m, p, line, col, level) for m, p, line, col, level in data["problems"]),
        lookups=tuple((str(question), None if answer is None else str(answer)) for question, answer in data["lookups"]),
    )
