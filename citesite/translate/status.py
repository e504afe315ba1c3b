"""The state of every translation: missing, up to date, minor or major changes since its stamp, orphan."""

from __future__ import annotations

import datetime as dt
import posixpath
import re
from pathlib import Path
from typing import NamedTuple

from citesite.errors import NOTICE, WARNING, Problems, SiteError, program_name
from citesite.model import Page, Site
from citesite.render.outputs import last_modified
from citesite.source.content import read_source
from citesite.translate.blocks import Block, blocks_hash, page_blocks
from citesite.translate.compare import MAJOR, Change, compare_blocks, parity_problems, worst
from citesite.translate.stamp import Stamp, read_stamp, stamp_path
from citesite.urls import resolve_source_link

_SOURCE_LINK = re.compile(r"\]\(([^)\s#]+\.md)(?:#[^)\s]*)?\)")  # [text](path.md#anchor)
MISSING, UP_TO_DATE, ORPHAN, UNSTAMPED = "missing", "up to date", "orphan", "unstamped"


class TranslationState(NamedTuple):
    """One page in one further language: where it stands against its original."""

    lang: str
    page: str  # the translation's path ('' when missing)
    original: str  # the original's path ('' for an orphan)
    state: str  # missing | up to date | minor | major | orphan | unstamped
    changes: tuple[Change, ...] = ()
    parity: tuple[str, ...] = ()
    since: dt.date | None = None  # a major change: the day the original changed (its newest date after the stamp)
    problem: str = ""  # why the stamp cannot be used


_blocks_seen: dict[tuple[Path, str], tuple[Block, ...]] = {}  # (file, content digest) -> its blocks, this process


def page_text_blocks(site: Site, page: Page) -> list[Block] | None:
    """The page's blocks, read from its file now (the model holds no bodies); None when it cannot be read.

    The preview server compares every translation with its original on each rebuild: the blocks of a file
    whose content digest is the one they were made from are not made again.
    """
    content = site.config.content_dir
    key = (content / page.source.rel_path, page.source.digest)
    if key in _blocks_seen:
        return list(_blocks_seen[key])
    source = read_source(key[0], content, Problems())
    if source is None:
        return None
    blocks = page_blocks(source.meta.title, source.meta.summary, source.body)
    if source.digest == page.source.digest:  # the file is still what the model was made from
        if len(_blocks_seen) > 4 * len(site.pages):  # files edited many times: forget the old versions
            _blocks_seen.clear()
        _blocks_seen[key] = tuple(blocks)
    return blocks


def _links_to_originals(site: Site, page: Page, blocks: list[Block]) -> list[str]:
    """Each link of a translation to another page of the site's language that has a version in its own."""
    found = []
    for block in blocks:
        for href in _SOURCE_LINK.findall(block.text):
            target = site.page_from_source(resolve_source_link(page.source.rel_path, href))
            there = site.translations_of(target).get(page.lang) if target and target.lang != page.lang else None
            if there is not None and there != page:  # its own original is linked on purpose (a table, say)
                wanted = relative_source(page.source.rel_path, there.source.rel_path)
                found.append(f"{block.label} links {href}, which has a version in '{page.lang}': link {wanted}")
    return found


def translation_states(site: Site) -> list[TranslationState]:
    """Every translation and every page without one, in each further language, sorted by path."""
    states = []
    default = site.config.language
    for page in site.pages:
        if page.kind == "list" and not page.source.rel_path.endswith(".md"):
            continue
        paired = site.translations_of(page)
        if page.lang == default:
            states += [
                TranslationState(code, "", page.source.display_path, MISSING)
                for code in site.config.other_codes
                if code not in paired
            ]
        elif not paired:
            states.append(TranslationState(page.lang, page.source.display_path, "", ORPHAN))
        else:
            states.append(_state(site, page, paired[default]))
    return sorted(states, key=lambda s: (s.lang, s.page or s.original))


def _state(site: Site, page: Page, original: Page) -> TranslationState:
    shown, source = page.source.display_path, original.source.display_path
    stamp = read_stamp(stamp_path(site.config.root / shown))
    current = page_text_blocks(site, original)
    translated = page_text_blocks(site, page)
    if current is None or translated is None:
        return TranslationState(page.lang, shown, source, UNSTAMPED, problem="a page cannot be read")
    words = (site.config.strings, site.config.in_language(page.lang).strings)
    parity = (*parity_problems(current, translated, words), *_links_to_originals(site, page, translated))
    if not isinstance(stamp, Stamp):
        return TranslationState(page.lang, shown, source, UNSTAMPED, (), parity, problem=stamp or "")
    changes: tuple[Change, ...]
    if stamp.original != source:
        changes = (Change(MAJOR, "the whole page", f"stamped as a translation of {stamp.original}, now of {source}"),)
    else:
        changes = () if stamp.hash == blocks_hash(current) else tuple(compare_blocks(stamp.blocks, current))
    state = worst(list(changes)) or UP_TO_DATE
    changed = last_modified(original)
    since = max(stamp.stamped, changed) if changed else stamp.stamped
    return TranslationState(page.lang, shown, source, state, changes, parity, since if state == MAJOR else None)


def check_translations(site: Site, today: dt.date) -> list[SiteError]:
    """What the build reports of every translation; the pages whose original changed in a major way go in site.behind.

    A major change is a warning once the grace period of site.yaml has passed (so --strict fails), a notice
    before; a minor one is a notice; a translation that lacks a number, citation or warning of its original
    is a warning.
    """
    problems: list[SiteError] = []
    if not site.config.languages:
        return problems
    grace = dt.timedelta(days=site.config.translation_grace_days)
    stamp_command = f"{program_name()} translate stamp"
    for state in translation_states(site):
        if state.state in (MISSING, ORPHAN):
            continue  # a page not translated yet is listed by 'translate status'; an orphan is a build error
        fix = f"{stamp_command} {state.page}"
        if state.state == UNSTAMPED:
            reason = f" ({state.problem})" if state.problem else ""
            problems.append(
                SiteError(
                    f"no usable stamp{reason}: the build cannot tell when {state.original} changes; run {fix}",
                    state.page,
                    1,
                    level=WARNING,
                )
            )
        for change in state.changes:
            late = change.severity == MAJOR and state.since is not None and today - state.since > grace
            level = WARNING if late else NOTICE
            problems.append(
                SiteError(
                    f"{state.original} changed since this translation was stamped: {change.severity}: {change.label}: "
                    f"{change.what}; update the translation, then run {fix}",
                    state.page,
                    1,
                    level=level,
                )
            )
        if state.state != MAJOR:  # behind its original, a translation differs from it: the change is reported
            problems += [
                SiteError(f"not the same as {state.original}: {text}", state.page, 1, level=WARNING)
                for text in state.parity
            ]
        if state.since is not None:
            site.behind[_url(site, state.page)] = state.since  # their readers are told (the model's last fact)
    return problems


def _url(site: Site, shown: str) -> str:
    page = site.page_from_source(Path(shown).relative_to("content").as_posix())
    return page.url if page else ""


def relative_source(from_rel: str, to_rel: str) -> str:
    """How a Markdown link from one source to another is written: '../x.md'."""
    return posixpath.relpath(to_rel, posixpath.dirname(from_rel) or ".")
