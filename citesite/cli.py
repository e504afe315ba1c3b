"""The command line: argument parsing, printing problems, exit codes (0 ok, 1 site errors, 2 usage)."""

from __future__ import annotations

import argparse
import shlex
import sys
import traceback
from collections.abc import Sequence
from pathlib import Path
from typing import NoReturn

from citesite import __version__
from citesite.build import build
from citesite.errors import SiteErrors, UsageError, escape_controls, program_name
from citesite.options import BuildOptions, print_problems
from citesite.source.config import base_url_problem, report_url_ok

COMMANDS = ("build", "check", "serve", "new", "init", "translate")
EXIT_OK, EXIT_ERRORS, EXIT_USAGE = 0, 1, 2


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:
        """Usage errors exit 2 with a one-line hint, as argparse does, but name the fix."""
        self.print_usage(sys.stderr)
        self.exit(EXIT_USAGE, f"{self.prog}: error: {message} (see --help)\n")


def make_parser() -> argparse.ArgumentParser:
    """The argument parser for every command."""
    prog = program_name()
    parser = _Parser(prog=prog, description="Build a static site from content/, templates/ and static/.")
    parser.add_argument("--version", action="version", version=f"citesite {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")
    common = _Parser(add_help=False)
    common.add_argument("--root", type=Path, default=Path(), help="the project folder (default: current folder)")
    common.add_argument("--drafts", action="store_true", help="include pages with draft: true")
    common.add_argument("--base-url", type=_base_url, metavar="URL", help="override base_url from content/site.yaml")
    common.add_argument(
        "--report-url",
        type=_report_url,
        metavar="URL",
        help="where 'Report a problem' leads if site.yaml sets no report_url",
    )
    common.add_argument("--publisher", type=_publisher, metavar="NAME", help="the publisher if site.yaml names none")
    common.add_argument("--strict", action="store_true", help="treat every warning as an error")
    common.add_argument("--quiet", "-q", action="store_true", help="print only problems")
    common.add_argument("--debug", action="store_true", help="show a traceback for unexpected failures")
    common.add_argument(
        "--jobs", "-j", type=_jobs, default=0, metavar="N", help="worker processes (default: one per core)"
    )
    common.add_argument("--no-search", dest="search", action="store_false", help="skip the Pagefind search index")
    common.add_argument("--no-cache", dest="cache", action="store_false", help="ignore and do not update .cache/")
    build_cmd = commands.add_parser("build", parents=[common], help="build the site (the default)")
    build_cmd.add_argument(
        "--out", type=Path, default=Path("_site"), metavar="DIR", help="output folder (default: _site)"
    )
    commands.add_parser("check", parents=[common], help="check everything a strict build checks, without writing")
    _add_serve_parser(commands)
    new_cmd = commands.add_parser(
        "new",
        help=f'start a page: {prog} new "How plants make sugar" (an article), or new SECTION "Title" (content/SECTION/)',
    )
    new_cmd.add_argument(
        "title",
        metavar="[SECTION] TITLE",
        help="the page's title, in quotes, after the folder under content/ it goes into (default: articles)",
    )
    new_cmd.add_argument("section_title", nargs="?", help=argparse.SUPPRESS)  # the title, when a section came first
    _add_project_options(new_cmd)
    _add_translate_parser(commands)
    init_cmd = commands.add_parser("init", help=f"start a site in a new or empty folder: {prog} init my-site")
    init_cmd.add_argument("dir", type=Path, help="the folder to create")
    init_cmd.add_argument("--debug", action="store_true", help="show a traceback for unexpected failures")
    return parser


def _add_serve_parser(commands: argparse._SubParsersAction[_Parser]) -> None:
    """The 'serve' command: preview with live reload."""
    serve_cmd = commands.add_parser("serve", help="preview the site; rebuild and reload the browser on every save")
    serve_cmd.add_argument(
        "--port", type=_port, default=8000, help="port to listen on (default: 8000; 0: any free port)"
    )
    serve_cmd.add_argument(
        "--host", default="127.0.0.1", help="address to listen on (default: 127.0.0.1, this computer only)"
    )
    serve_cmd.add_argument("--open", action="store_true", help="open the site in the web browser")
    serve_cmd.add_argument("--drafts", action="store_true", help="include pages with draft: true")
    serve_cmd.add_argument("--strict", action="store_true", help="treat every warning as an error")
    serve_cmd.add_argument(
        "--no-search",
        dest="search",
        action="store_false",
        help="skip the search index (it is updated after each reload)",
    )
    _add_project_options(serve_cmd)


def _add_translate_parser(commands: argparse._SubParsersAction[_Parser]) -> None:
    """The 'translate' commands: start, stamp or compare a translation, or list where every translation stands."""
    translate = commands.add_parser("translate", help="stamp a translated page, or list where translations stand")
    actions = translate.add_subparsers(dest="action", metavar="ACTION", required=True)
    stamp = actions.add_parser("stamp", help="record the original a translated page translates, as it is now")
    stamp.add_argument("page", help="the translated page, e.g. content/es/articles/NAME.md")
    _add_project_options(stamp)
    new = actions.add_parser("new", help="start a translation: copy a page into a language's folder, as a draft")
    new.add_argument("page", help="the page to translate, e.g. content/articles/NAME.md")
    new.add_argument("--lang", required=True, help="the language to translate it into, e.g. es")
    _add_project_options(new)
    diff = actions.add_parser("diff", help="what changed in a translated page's original since its stamp")
    diff.add_argument("page", help="the translated page, e.g. content/es/articles/NAME.md")
    _add_project_options(diff)
    status = actions.add_parser("status", help="every translation: missing, up to date, minor, major, orphan")
    status.add_argument("--json", action="store_true", help="print JSON, for scripts")
    _add_project_options(status)


def _add_project_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--root", type=Path, default=Path(), help="the project folder (default: current folder)")
    parser.add_argument("--debug", action="store_true", help="show a traceback for unexpected failures")


def _jobs(text: str) -> int:
    """--jobs: a whole number of at least 1."""
    if not text.isdigit() or int(text) < 1:
        raise argparse.ArgumentTypeError(f"invalid job count {text!r}; use a whole number such as 2")
    return int(text)


def _base_url(text: str) -> str:
    """--base-url: checked here, so a mistake on the command line is a usage error about the option."""
    problem = base_url_problem(text)
    if problem:
        raise argparse.ArgumentTypeError(problem)
    return text


def _report_url(text: str) -> str:
    """--report-url: an https://… address or a mailto: link, checked as report_url in site.yaml is."""
    if not report_url_ok(text):
        raise argparse.ArgumentTypeError(
            f"{text[:80]!r} is not a web address or an e-mail link; write https://… or mailto:…"
        )
    return text


def _publisher(text: str) -> str:
    """--publisher: a name on one line."""
    name = " ".join(text.split())
    if not name:
        raise argparse.ArgumentTypeError("the publisher's name is empty; give a person's or an organisation's name")
    return name


def _port(text: str) -> int:
    if not text.isdigit() or int(text) > 65535:
        raise argparse.ArgumentTypeError(f"{text!r} is not a port number from 0 to 65535")
    return int(text)


def parse_args(argv: Sequence[str]) -> argparse.Namespace:
    """Parse argv; with no command, 'build' is meant."""
    args = list(argv)
    if not args or (args[0] not in COMMANDS and args[0] not in ("-h", "--help", "--version")):
        args.insert(0, "build")
    return make_parser().parse_args(args)


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the exit code."""
    args = parse_args(sys.argv[1:] if argv is None else argv)
    try:
        return _run(args)
    except UsageError as exc:
        print(f"{program_name()}: error: {escape_controls(str(exc))}", file=sys.stderr)
        return EXIT_USAGE
    except KeyboardInterrupt:
        print("interrupted; the previous output is unchanged", file=sys.stderr)
        return 130
    except ModuleNotFoundError as exc:
        if (exc.name or "citesite").partition(".")[0] == "citesite":
            raise  # a part of the generator itself is missing: a broken install, not the user's setup
        # Run by a Python that lacks the generator's dependencies (outside its virtual environment, say).
        print(
            f"{program_name()}: error: the package '{exc.name}' is not installed for {sys.executable}; "
            "activate the virtual environment you installed into, or run: pip install -e .",
            file=sys.stderr,
        )
        return EXIT_USAGE
    except Exception as exc:  # noqa: BLE001 (an editor must never see a traceback unless asking for one)
        if args.debug:
            traceback.print_exc()
        else:
            print(
                f"{program_name()}: internal error: {type(exc).__name__}: {escape_controls(str(exc))} (run with --debug for details)",
                file=sys.stderr,
            )
        return EXIT_ERRORS


def _run(args: argparse.Namespace) -> int:
    if args.command == "serve":
        from citesite.serve import serve  # imported here: building needs none of the server

        return serve(
            args.root,
            args.host,
            args.port,
            open_browser=args.open,
            drafts=args.drafts,
            strict=args.strict,
            search=args.search,
            debug=args.debug,
        )
    if args.command == "init":
        return _init(args.dir)
    if args.command == "translate":
        from citesite.translate.command import run_translate

        page, lang = getattr(args, "page", None), getattr(args, "lang", "")
        return run_translate(args.root, args.action, page, getattr(args, "json", False), lang)
    if args.command == "new":
        from citesite.source.new import create_page, preview_url

        section, title = ("articles", args.title) if args.section_title is None else (args.title, args.section_title)
        written = create_page(args.root, section, title)
        print(f"Wrote {written.as_posix()}\nPreview it at {preview_url(written)} (while serve runs)")
        return EXIT_OK
    checking = args.command == "check"
    options = BuildOptions(
        out=getattr(args, "out", Path("_site")),
        drafts=args.drafts,
        strict=args.strict or checking,
        write=not checking,
        base_url=args.base_url,
        report_url=args.report_url,
        publisher=args.publisher,
        jobs=args.jobs,
        search=args.search and not checking,
        cache=args.cache,
    )
    try:
        report = build(args.root, options)
    except SiteErrors as exc:
        print_problems(exc.errors, sys.stderr, strict=options.strict)
        return EXIT_ERRORS
    print_problems(report.warnings, sys.stderr)
    if not args.quiet:
        print(report.summary())
    return EXIT_OK


def _init(target: Path) -> int:
    """Write the starter site and say how to preview and build it."""
    from citesite.source.starter import create_site

    written = create_site(target)
    prog = program_name()
    command = "python build.py" if prog == "build.py" else prog
    shown = escape_controls(str(target))  # a name may hold an escape sequence: it is shown, never acted on
    folder = shlex.quote(shown)  # and a space or a quote in it still makes a command that works
    print(f"Wrote a new site to {shown} ({len(written)} files).")
    print(f"Preview it:  cd {folder} && {command} serve")
    print(f"Build it:    cd {folder} && {command} build")
    print(f"(or from any folder: {command} serve --root {folder})")
    print("Before you publish, set base_url, publisher and report_url in content/site.yaml;")
    print("the GitHub workflow in .github/workflows/ passes the Pages address, the repository's owner and its issues.")
    return EXIT_OK
