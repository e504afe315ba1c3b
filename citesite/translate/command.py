"""The translator's commands: translate new, stamp, diff and status."""

from __future__ import annotations

import json
import sys
from pathlib import Path

from citesite.errors import SiteError, SiteErrors, UsageError
from citesite.load import load_site
from citesite.model import Site
from citesite.options import print_problems
from citesite.source.clock import review_today
from citesite.source.config import load_config
from citesite.translate.blocks import blocks_hash
from citesite.translate.stamp import stamp_path, stamp_text
from citesite.translate.status import translation_states

EXIT_OK, EXIT_ERRORS = 0, 1


# Who translated the page: a comment until it is filled in, so a published translation without it is a warning.
TRANSLATED_BY = "# translated_by: who translated it, e.g. the site's editors"


def run_translate(root: Path, action: str, page: str | None, as_json: bool = False, lang: str = "") -> int:
    """Run one translate command on the project at root; return the exit code."""
    try:
        site = load_site(load_config(root), drafts=True, source_cache={}).site
    except SiteErrors as exc:
        print_problems(exc.errors, sys.stderr)
        return EXIT_ERRORS
    if action == "stamp":
        return _stamp(site, page or "")
    if action == "new":
        return _new(site, page or "", lang)
    if action == "diff":
        return _diff(site, page or "")
    _status(site, as_json)
    return EXIT_OK


def _new(site: Site, name: str, lang: str) -> int:
    """Start a translation: the original copied into the language's folder, paired, and a draft until done.

    A draft is not published, so the copied English never appears as a page in the other language.
    """
    shown = _in_project(site.config.root, name)
    original = site.page_from_source(shown.removeprefix("content/"))
    if original is None or original.lang != site.config.language or not shown.endswith(".md"):
        raise UsageError(
            f"{name!r} is not a page of the site's own language; name its file, e.g. content/articles/NAME.md"
        )
    if lang not in site.config.other_codes:
        codes = ", ".join(sorted(site.config.other_codes)) or "none: add one under 'languages:' in site.yaml"
        raise UsageError(f"--lang {lang!r} is not one of the site's further languages ({codes})")
    key = original.source.rel_path.removesuffix(".md")
    target = Path("content") / lang / original.source.rel_path
    text = (site.config.root / shown).read_text(encoding="utf-8-sig")
    head, fence, body = text.partition("\n---\n")
    (site.config.root / target).parent.mkdir(parents=True, exist_ok=True)
    try:
        with (site.config.root / target).open("x", encoding="utf-8", newline="\n") as handle:
            target_text = (
                f"{head}\ntranslation_key: {key}\n{TRANSLATED_BY}\ndraft: true  # remove once translated and stamped"
                f"{fence}{body}"
            )
            handle.write(target_text)
    except FileExistsError:
        raise UsageError(f"{target.as_posix()} already exists; translate that file") from None
    print(
        f"Wrote {target.as_posix()}: translate it, remove 'draft: true', then run translate stamp {target.as_posix()}"
    )
    return EXIT_OK


def _diff(site: Site, name: str) -> int:
    """What changed in a translation's original since its stamp, block by block, with the changed words."""
    shown = _in_project(site.config.root, name)
    state = next((s for s in translation_states(site) if s.page == shown), None)
    if state is None:
        raise UsageError(f"{name!r} is not a translated page; name its file, e.g. content/es/articles/NAME.md")
    print(f"{shown}: {state.state}" + (f" (since {state.since.isoformat()})" if state.since else ""))
    for change in state.changes:
        print(f"  {change.severity:<5}  {change.label}: {change.what}")
    for text in state.parity:
        print(f"  parity  {text}")
    return EXIT_OK


def _stamp(site: Site, name: str) -> int:
    """Record what the translation at name translates, unless it lacks a number, citation or warning of it."""
    shown = _in_project(site.config.root, name)
    state = next((s for s in translation_states(site) if s.page == shown), None)
    if state is None:
        raise UsageError(
            f"{name!r} is not a translated page; name its file, e.g. content/es/articles/NAME.md "
            f"(the site's further languages: {', '.join(sorted(site.config.other_codes)) or 'none'})"
        )
    if not state.original:
        print_problems([SiteError("it is paired with no page; set 'translation_key:' first", shown, 1)], sys.stderr)
        return EXIT_ERRORS
    if state.parity:
        found = [SiteError(f"not the same as {state.original}: {text}; not stamped", shown, 1) for text in state.parity]
        print_problems(found, sys.stderr)
        return EXIT_ERRORS
    from citesite.translate.status import page_text_blocks

    original = site.page_from_source(state.original.removeprefix("content/"))
    blocks = page_text_blocks(site, original) if original else None
    if blocks is None:
        print_problems([SiteError("cannot read this page", state.original)], sys.stderr)
        return EXIT_ERRORS
    target = stamp_path(site.config.root / shown)
    if target.is_symlink():
        print_problems([SiteError("the stamp is a symlink; delete it and stamp again", target.name)], sys.stderr)
        return EXIT_ERRORS
    target.write_text(stamp_text(state.original, blocks, review_today()), encoding="utf-8")
    print(f"Stamped {shown} as the translation of {state.original} ({blocks_hash(blocks)[:19]}…)")
    return EXIT_OK


def _in_project(root: Path, name: str) -> str:
    """A page named from the current folder (or from the project's), as messages name it: content/es/…"""
    found = (Path.cwd() / name).resolve()
    if found.is_relative_to(root.resolve()) and found.is_file():
        return found.relative_to(root.resolve()).as_posix()
    return Path(name).as_posix().removeprefix("./")


def _status(site: Site, as_json: bool) -> None:
    """Every translation's state, one a line (or as JSON)."""
    states = translation_states(site)
    if as_json:
        rows = [
            {
                "language": s.lang,
                "page": s.page or None,
                "original": s.original or None,
                "state": s.state,
                "changes": [{"severity": c.severity, "block": c.label, "what": c.what} for c in s.changes],
                "parity": list(s.parity),
                "since": s.since.isoformat() if s.since else None,
            }
            for s in states
        ]
        print(json.dumps(rows, ensure_ascii=False, indent=2))
        return
    for s in states:
        what = f"{s.page} <- {s.original}" if s.page and s.original else (s.page or f"({s.lang}) {s.original}")
        extra = f" ({len(s.changes)} changed blocks)" if s.changes else ""
        extra += f" ({len(s.parity)} parity problems)" if s.parity else ""
        print(f"{s.state:<11} {s.lang}  {what}{extra}")
