"""Rewrite links to Markdown sources into page URLs, and check every link and image."""

from __future__ import annotations

import html
import posixpath
import re
import xml.etree.ElementTree as etree
from urllib.parse import unquote, urlsplit

from markdown import Markdown
from markdown.extensions import Extension
from markdown.treeprocessors import Treeprocessor
from markdown.util import AMP_SUBSTITUTE, HTML_PLACEHOLDER_RE, STX

from citesite.markdown.filelinks import page_file_link
from citesite.markdown.state import OUTPUT_URL, PAGE_URL, PageState, SiteIndex, state_of
from citesite.source.suggest import did_you_mean
from citesite.urls import resolve_source_link

LINKS_PRIORITY = 16  # after 'inline' (20) made every <a>; before 'toc' (5) adds permalinks
LABELS_PRIORITY = 7  # after 'attr_list' (8), which may give an image its alt text ('![](x.svg){alt="…"}')
FOOTNOTE_LINKS = ("footnote-ref", "footnote-backref")
UNSAFE_SCHEMES = {"javascript", "data", "vbscript", "file"}
_C0_AND_SPACE = "".join(map(chr, range(0x21)))


def clean_url(url: str) -> str:
    """The URL as a browser reads it: no leading or trailing control characters or spaces, no tabs or newlines."""
    return url.strip(_C0_AND_SPACE).replace("\t", "").replace("\n", "").replace("\r", "")


class LinkTreeprocessor(Treeprocessor):
    """Resolve '.md' links to page URLs; make '/'-rooted links relative; record anchors to check."""

    def __init__(self, md: Markdown, index: SiteIndex) -> None:
        super().__init__(md)
        self.index = index
        self.unlabelled: list[tuple[etree.Element, str, _Line]] = []  # this page's, checked by LabelTreeprocessor

    def run(self, root: etree.Element) -> None:
        state = state_of(self.md)
        self.unlabelled = []
        seen: dict[str, int] = {}  # how many links to each address came before: the same link on lines 3 and 9
        for element in root.iter():
            attr = "href" if element.tag == "a" else "src" if element.tag == "img" else None
            if attr is None or element.get(attr) is None:
                continue
            if element.get("class") in FOOTNOTE_LINKS:
                continue  # the footnotes extension's own '#fn:1' links: always right, and on most pages
            written = unstash(self.md, restore_entities(element.get(attr, "")))
            raw = html.unescape(written)  # what the browser follows: '&#106;avascript:' is 'javascript:'
            nth = seen[raw] = seen.get(raw, -1) + 1
            line = _Line(state, written, nth)
            self.unlabelled.append((element, raw, line))
            new = self._resolve(raw, state, line)
            if new is None:
                continue
            element.set(attr, new)
            if element.tag == "a" and urlsplit(new).scheme in ("http", "https"):
                element.set("rel", "noopener")

    def _resolve(self, href: str, state: PageState, line: _Line) -> str | None:
        """The href to write, or None to leave it as it is."""
        parts = urlsplit(clean_url(href))
        scheme = parts.scheme.lower()
        if scheme in UNSAFE_SCHEMES:
            state.error(
                f"'{scheme}:' links are not allowed ({clean_url(href)[:40]}); link to a page or an https:// address",
                href[:40],
                line(),
            )
            return "#"
        if scheme in ("http", "https") or parts.netloc or href.startswith("//"):
            return href
        if scheme:
            return None  # a mailto:, tel: or other address outside the site: left exactly as written
        path = unquote(parts.path)
        fragment = parts.fragment
        if not path:
            if fragment:
                state.anchors.append((state.url, fragment, line(), href))
            return None
        if path.endswith(".md"):
            return self._page_link(path, fragment, href, state, line)
        return self._site_link(path, fragment, href, state, line)

    def _page_link(self, path: str, fragment: str, href: str, state: PageState, line: _Line) -> str:
        target_rel = resolve_source_link(state.rel_path, path.lstrip("/")) if not path.startswith("/") else path[1:]
        target = state.ask(self.index, PAGE_URL + target_rel)
        if target is None:
            shown = "content/" + target_rel if not target_rel.startswith("..") else target_rel
            near = self._near_page(target_rel, path, state)
            state.error(
                f"link to a missing page '{path}' (looked for {shown}); check the file name{near}", href, line()
            )
            return href
        if fragment:
            state.anchors.append((target, fragment, line(), href))
        return state.link_to(target + ("#" + fragment if fragment else ""))

    def _site_link(self, path: str, fragment: str, href: str, state: PageState, line: _Line) -> str | None:
        if not path.startswith("/"):
            beside = page_file_link(self.index, state, path, fragment, href, line)
            if beside is not None:
                return beside
        if path.startswith("/"):
            site_path = posixpath.normpath(path[1:]) if path != "/" else ""
        else:
            base = state.url if state.url.endswith("/") else posixpath.dirname(state.url)
            site_path = posixpath.normpath(posixpath.join(base, path))
        if site_path in (".", ""):
            site_path = ""
        if site_path.startswith(".."):
            state.error(f"link '{href}' leaves the site; link to a page by its .md file", href, line())
            return href
        slash = "/" if path.endswith("/") and site_path else ""
        wanted = state.ask(self.index, OUTPUT_URL + site_path + slash)
        if wanted is None:
            near = self._near_page(resolve_source_link(state.rel_path, path.strip("/") + ".md"), path, state)
            state.error(
                f"link to '{href}', which the site does not have; link a page by its .md file, or add the file under static/{near}",
                href,
                line(),
            )
            return href
        if fragment:
            state.anchors.append((wanted, fragment, line(), href))
        if not path.startswith("/"):
            return None
        return state.link_to(wanted + ("#" + fragment if fragment else ""))

    def _near_page(self, wanted: str, path: str, state: PageState) -> str:
        """'; did you mean ...' for the source most like the one a link asked for, written as the link was.

        File names are compared, not paths: every article shares 'articles/', which would make any two alike.
        """
        by_name: dict[str, list[str]] = {}
        for source in sorted(self.index.page_urls):
            by_name.setdefault(_stem(posixpath.basename(source)), []).append(source)
        folder, name = posixpath.split(wanted)
        name = _stem(name)  # the shared '.md' would make unlike names look alike ('nowhere.md' ~ 'other.md')

        def written(match: str) -> str:
            found = [s for s in by_name[match] if posixpath.dirname(s) == folder] or by_name[match]  # nearest first
            if path.startswith("/"):
                return "/" + found[0]
            return posixpath.relpath(found[0], posixpath.dirname(state.rel_path) or ".")

        return did_you_mean(name, by_name, written)


def _stem(name: str) -> str:
    """A file name without its '.md'."""
    return name.removesuffix(".md")


class _Line:
    """The line of one link, found only when a message or an anchor check needs it."""

    def __init__(self, state: PageState, href: str, nth: int) -> None:
        self.state, self.href, self.nth = state, href, nth

    def __call__(self) -> int:
        return self.state.line_of(self.href, nth=self.nth)


class LabelTreeprocessor(Treeprocessor):
    """Warn on the page's images without alt text and links without text, once attribute lists are applied."""

    def __init__(self, md: Markdown, links: LinkTreeprocessor) -> None:
        super().__init__(md)
        self.links = links

    def run(self, root: etree.Element) -> None:
        state = state_of(self.md)
        for element, raw, line in self.links.unlabelled:
            _warn_unlabelled(element, raw, state, line)
        self.links.unlabelled = []


def _warn_unlabelled(element: etree.Element, raw: str, state: PageState, line: _Line) -> None:
    """An image needs alt text and a link needs text, or screen readers announce only the address."""
    if element.tag == "img" and not (element.get("alt") or "").strip():
        state.warn(f"image '{raw}' has no alt text; describe it in ![…]({raw})", raw, line())
    elif element.tag == "a" and not "".join(element.itertext()).strip() and element.find(".//img") is None:
        state.warn(f"link to '{raw}' has no text; write the text inside [ ]", raw, line())


def unstash(md: Markdown, value: str) -> str:
    """A value as it will be written: Python-Markdown holds an entity such as '&#106;' in its HTML stash until then."""
    if STX not in value:
        return value
    blocks = md.htmlStash.rawHtmlBlocks
    return HTML_PLACEHOLDER_RE.sub(
        lambda m: str(blocks[int(m.group(1))]) if int(m.group(1)) < len(blocks) else "", value
    )


_ENCODED_CHARACTER = re.compile(re.escape(AMP_SUBSTITUTE) + r"#(\d+);")


def restore_entities(href: str) -> str:
    """The address Python-Markdown will write: an email autolink's href is stored as numeric entities
    behind a placeholder ('<user@example.org>' -> mailto:user@example.org, spelt '&#109;&#97;...')."""
    if AMP_SUBSTITUTE not in href:
        return href
    return _ENCODED_CHARACTER.sub(lambda m: chr(int(m.group(1))), href).replace(AMP_SUBSTITUTE, "&")


class LinkExtension(Extension):
    """Registers the link rewriter."""

    def __init__(self, index: SiteIndex) -> None:
        super().__init__()
        self.index = index

    def extendMarkdown(self, md: Markdown) -> None:  # noqa: N802 (Python-Markdown's API name)
        """Add the link treeprocessor, and the check of their text that runs after 'attr_list'."""
        links = LinkTreeprocessor(md, self.index)
        md.treeprocessors.register(links, "citesite-links", LINKS_PRIORITY)
        md.treeprocessors.register(LabelTreeprocessor(md, links), "citesite-labels", LABELS_PRIORITY)
