"""The elements and attributes a page may hold, checked on raw HTML and on the final tree after every extension.

'attr_list' ('{: onclick="…" }') runs late, after the link and raw-HTML checks, so the finished tree is checked
again here, last of all: no event handler, no script URL and no attribute outside the list survives to the page.
"""

from __future__ import annotations

import html
import re
import xml.etree.ElementTree as etree
from urllib.parse import urlsplit

from markdown import Markdown
from markdown.extensions import Extension
from markdown.treeprocessors import Treeprocessor

from citesite.markdown.links import UNSAFE_SCHEMES, clean_url, restore_entities, unstash
from citesite.markdown.state import state_of

ATTRIBUTES_PRIORITY = 1  # last but 'unescape' (0): after 'attr_list' (8), 'toc' (5) and every check of ours
REFUSED_TAGS = {
    "script": "put scripts in static/js/ and load them from a template",
    "style": "put styles in static/css/ (the Content-Security-Policy blocks inline styles)",
    "iframe": "pages load nothing from other sites; link to it instead",
    "frame": "pages load nothing from other sites; link to it instead",
    "object": "pages load nothing from other sites; link to it instead",
    "embed": "pages load nothing from other sites; link to it instead",
    "base": "it would change where every link on the page points",
    "meta": "page metadata comes from the front matter and the templates",
    "link": "stylesheets and feeds are added by the templates",
}
# Elements refused in the finished tree too, wherever they came from (a JSON data block excepted: never run).
TREE_REFUSED_TAGS = frozenset([*REFUSED_TAGS, "form", "textarea", "noscript", "template", "applet", "portal"])
ALLOWED_TAGS = frozenset(
    "a abbr address article aside b bdi bdo blockquote br caption cite code col colgroup data dd del details dfn "
    "div dl dt em figcaption figure footer h1 h2 h3 h4 h5 h6 header hr i img ins kbd li mark ol p pre q rp rt "
    "ruby s samp section small span strong sub summary sup table tbody td tfoot th thead time tr u ul var wbr".split()
)
# Inline SVG drawings: shapes and text only (no <script>, <foreignObject>, <use>, <image> or animation).
ALLOWED_SVG_TAGS = frozenset(
    "svg g path rect circle ellipse line polyline polygon text tspan title desc defs lineargradient "
    "radialgradient stop".split()
)
# The messages name every allowed element, so an editor needs no guide at hand (a wheel has no docs/).
ALLOWED_LIST = ", ".join(sorted(ALLOWED_TAGS)) + "; or an SVG drawing (" + ", ".join(sorted(ALLOWED_SVG_TAGS)) + ")"
GLOBAL_ATTRIBUTES = frozenset("class id title lang dir role hidden translate".split())
ELEMENT_ATTRIBUTES = {
    "a": {"href", "rel", "hreflang", "type", "name"},
    "img": {"src", "alt", "width", "height", "loading", "decoding"},
    "td": {"colspan", "rowspan", "headers"},
    "th": {"colspan", "rowspan", "headers", "scope", "abbr"},
    "ol": {"start", "reversed", "type"},
    "li": {"value"},
    "time": {"datetime"},
    "data": {"value"},
    "del": {"cite", "datetime"},
    "ins": {"cite", "datetime"},
    "blockquote": {"cite"},
    "q": {"cite"},
    "col": {"span"},
    "colgroup": {"span"},
    "details": {"open"},
}
URL_ATTRIBUTES = {"href", "src", "action", "formaction", "xlink:href", "poster", "data", "cite", "background"}
SVG_REFUSED_ATTRIBUTES = {"style", "attributename", "values", "from", "to", "by", "begin"}
TABLE_ALIGN = re.compile(r"text-align:\s*(?:left|right|center);?")  # what the 'tables' extension writes
LINK_FIX = "link to a page or an https:// address"
# Ids the page templates give elements: neither a heading nor raw HTML may take one ("## Ref alpha" and the reference list's
# "ref-alpha" would give two elements one id, and links would land on the first).
TEMPLATE_IDS = frozenset(
    "checker cite-heading header-search main notfound-search only-original-heading page-history-heading quick-heading "
    "references-heading "
    "related-heading search-form search-q search-results search-status toc-heading topics-heading".split()
)
REFERENCE_ID_PREFIX = "ref-"  # the reference list's entries: 'ref-<key>'


def element_problem(tag: str, foreign: bool) -> str | None:
    """Why an element written as raw HTML cannot be on a page, or None."""
    scheme = tag.split(":", 1)[0] if ":" in tag else ""
    if scheme in UNSAFE_SCHEMES:  # '<javascript:…>' written as if it were an autolink
        return f"'{scheme}:' links are not allowed (<{tag[:40]}>); {LINK_FIX}"
    if tag in REFUSED_TAGS:
        return f"raw <{tag}> is not allowed in Markdown; {REFUSED_TAGS[tag]}"
    allowed = ALLOWED_SVG_TAGS if foreign else ALLOWED_TAGS
    if tag.lower() not in allowed:
        return f"raw <{tag[:40]}> is not allowed in Markdown; write it in Markdown, or use an allowed element: {ALLOWED_LIST}"
    return None


def attribute_problem(tag: str, name: str, value: str, raw: bool) -> str | None:
    """Why an attribute cannot be on an element, or None; raw: written in raw HTML (else in a '{: }' list)."""
    lower = name.lower()
    where = "in Markdown" if raw else "in a '{: }' attribute list"
    if lower.startswith("on"):
        kind = "raw HTML event handler" if raw else "event handler"
        return f"{kind} '{name}=' is not allowed {where}; remove it (scripts belong in static/js/)"
    if lower in URL_ATTRIBUTES or lower.endswith(":href"):
        # html5lib reads a NUL as U+FFFD, as browsers do; dropping it judges the stricter way. Python-Markdown
        # writes an attribute's '&#106;' as it stands, and the browser decodes it: judge the decoded address.
        url = clean_url(html.unescape(restore_entities(value)).replace("\ufffd", ""))
        scheme = urlsplit(url).scheme.lower() if ":" in url else ""
        if scheme in UNSAFE_SCHEMES:
            return f"'{scheme}:' links are not allowed ({url[:40]}); {LINK_FIX}"
        if tag in ALLOWED_SVG_TAGS and not url.startswith("#"):
            return f"'{name}=' in a drawing may only point inside the page (#id); {LINK_FIX} with a Markdown link"
    if lower == "src" and tag == "img" and _elsewhere(value):
        return (
            f"image '{value[:60]}' is on another site, and pages load nothing from other sites; "
            "save it under static/img/ and write ![what it shows](/img/NAME)"
        )
    if lower == "id" and (value in TEMPLATE_IDS or value.startswith(REFERENCE_ID_PREFIX)):
        return (
            f"id '{value[:40]}' is one the page's template gives an element (or the reference list's); choose another"
        )
    if lower == "style" and tag in ("td", "th") and TABLE_ALIGN.fullmatch(value.strip()):
        return None
    if lower == "style":
        return f"'style=' is not allowed {where}; give the element a class and style it in static/css/"
    if _allowed(tag, lower):
        return None
    return f"attribute '{name[:40]}=' is not allowed on <{tag}> {where}; remove it (allowed there: {allowed_attributes(tag)})"


def style_dropped(tag: str, raw: bool) -> str:
    """The warning for a 'style=' taken off an element, which stays on the page without it."""
    where = "in raw HTML" if raw else "in a '{: }' attribute list"
    return (
        f"'style=' {where} is dropped from <{tag[:40]}> (the Content-Security-Policy blocks inline styles); "
        "give the element a class and style it in static/css/"
    )


def allowed_attributes(tag: str) -> str:
    """The attributes an element of the page may have, as a message lists them."""
    names = sorted(GLOBAL_ATTRIBUTES | ELEMENT_ATTRIBUTES.get(tag, set()))
    return ", ".join([*names, "aria-*", "data-*"])


def _elsewhere(url: str) -> bool:
    """Whether an address loads from another origin: http(s)://…, //host/… or any other host."""
    cleaned = clean_url(html.unescape(restore_entities(url)).replace("\ufffd", "")).replace("\\", "/")
    parts = urlsplit(cleaned)
    return bool(parts.netloc) or cleaned.startswith("//") or parts.scheme.lower() in ("http", "https")


def _allowed(tag: str, name: str) -> bool:
    if name in GLOBAL_ATTRIBUTES or name.startswith(("aria-", "data-")):
        return True
    if tag in ALLOWED_SVG_TAGS or (tag not in ALLOWED_TAGS and ":" not in tag):
        # drawings: presentation attributes (fill, x, viewBox, …) are many and harmless; the dangerous ones
        # (events, links out, animation, style) were refused above
        return name not in SVG_REFUSED_ATTRIBUTES
    return name in ELEMENT_ATTRIBUTES.get(tag, ())


class AttributeTreeprocessor(Treeprocessor):
    """Check every attribute of the finished tree; drop the ones refused (the page fails, but for 'style=')."""

    def run(self, root: etree.Element) -> None:
        state = state_of(self.md)
        for element in root.iter():
            if not isinstance(element.tag, str):
                continue
            if element.tag in TREE_REFUSED_TAGS and element.get("type", "").strip().lower() != "application/json":
                # raw HTML an added extension parsed into the tree (md_in_html): judged like raw HTML
                state.error(element_problem(element.tag, False) or element.tag, f"<{element.tag}")
                element.tag = "span"
                element.attrib.clear()
                continue
            for name, value in list(element.attrib.items()):
                if name == "id" and element.get("data-script") == value == "checker":
                    continue  # the intake checker's holder ('::: checker'), which the template's script finds by id
                problem = attribute_problem(element.tag, name, unstash(self.md, value), raw=False)
                if problem and name.lower() == "style":  # harmless once gone: the rest of the element is kept
                    state.warn(style_dropped(element.tag, raw=False), _needle(element.tag, name, value))
                    del element.attrib[name]
                elif problem:
                    # a Markdown image has no 'src=' to find its line by: its address does
                    state.error(problem, _needle(element.tag, name, value))
                    del element.attrib[name]


def _needle(tag: str, name: str, value: str) -> str:
    """What to find the line by: a Markdown image's address, an attribute list's '#id', else 'name='."""
    if (tag, name) == ("img", "src"):
        return value
    return f"#{value}" if name == "id" else f"{name}="


class AttributeExtension(Extension):
    """Registers the final attribute check."""

    def extendMarkdown(self, md: Markdown) -> None:  # noqa: N802
        """Add the treeprocessor that runs last."""
        md.treeprocessors.register(AttributeTreeprocessor(md), "citesite-attributes", ATTRIBUTES_PRIORITY)
