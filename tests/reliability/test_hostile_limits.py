"""Limits under hostile input: pages that take Markdown minutes, output names too long for a file system,
and a preview server flooded with half-closing clients. Each is stopped and reported; nothing hangs."""

from __future__ import annotations

import io
import socket
import threading

import pytest
from conftest import SITE_YAML, article, page
from misbehaving_markdown import AS_SITE_FILE, SLOW_MARKER

# Markdown that older Python-Markdown releases take minutes over; newer ones convert it quickly. Either way the
# build ends: the page is stopped at its time limit, or it builds.
SLOW_MARKDOWN = {
    "brackets": "[" * 20_000,
    "citation_openers": "[@" * 15_000,
    "image_openers": "![" * 10_000,
    "footnote_references": "[^1]" * 6_000 + "\n\n[^1]: A note.",
}
OTHER_PAGE_ERROR = (
    "content/articles/other.md:6: error: link to a missing page 'nowhere.md' "
    "(looked for content/articles/nowhere.md); check the file name"
)
# A site whose pages convert through an extension that takes minutes on a page with SLOW_MARKER.
SLOW_SITE_YAML = SITE_YAML + "page_time_limit: 0.5\nmarkdown:\n  extensions:\n    - site_misbehaving:SlowExtension\n"
FILLER_PAGES = 150  # enough pages for the build to convert them in worker processes (PARALLEL_THRESHOLD)


def too_slow(seconds: str) -> str:
    """The error for content/articles/slow.md, stopped after seconds."""
    return (
        f"content/articles/slow.md: error: this page takes too long to convert (stopped after {seconds} s); look for a "
        "long run of '[', '![' or '[^' and break it up, or split the page; if it is only long, raise page_time_limit "
        "in content/site.yaml"
    )


@pytest.mark.parametrize("jobs", ["1", "2"], ids=["in_process", "in_workers"])
def test_a_page_that_takes_too_long_to_convert_is_stopped_and_the_others_still_build(make_site, run_build, jobs):
    from citesite.render.parallel import PARALLEL_THRESHOLD

    filler = {f"content/pages/p{n}.md": page(f"Page {n}") for n in range(FILLER_PAGES if jobs == "2" else 0)}
    assert jobs == "1" or len(filler) >= PARALLEL_THRESHOLD
    root = make_site(
        {
            "content/site.yaml": SLOW_SITE_YAML,
            **AS_SITE_FILE,
            "content/articles/slow.md": article("Slow", f"Text.\n\n{SLOW_MARKER}\n"),
            "content/articles/other.md": article("Other", "A [link](nowhere.md).\n"),
            **filler,
        }
    )
    result = run_build(root, "--jobs", jobs)
    assert result.code == 1
    assert result.err.splitlines() == [OTHER_PAGE_ERROR, too_slow("0.5"), "2 errors, 0 warnings"]
    assert not (root / "_site").exists()


def test_a_page_stopped_at_its_time_limit_builds_once_it_is_quick_again(make_site, run_build):
    root = make_site(
        {
            "content/site.yaml": SLOW_SITE_YAML,
            **AS_SITE_FILE,
            "content/articles/slow.md": article("Slow", f"Text.\n\n{SLOW_MARKER}\n"),
        }
    )
    assert run_build(root).err.splitlines() == [too_slow("0.5"), "1 error, 0 warnings"]
    (root / "content/articles/slow.md").write_text(article("Slow", "Text.\n"))
    result = run_build(root)
    assert result.code == 0, result.err
    assert "<p>Text.</p>" in (root / "_site/articles/slow/index.html").read_text()


@pytest.mark.parametrize("body", SLOW_MARKDOWN.values(), ids=SLOW_MARKDOWN.keys())
def test_markdown_some_versions_convert_slowly_is_stopped_or_built_never_left_hanging(make_site, run_build, body):
    root = make_site(
        {
            "content/site.yaml": SITE_YAML + "page_time_limit: 1\n",
            "content/articles/slow.md": article("Slow", body + "\n"),
            "content/articles/other.md": article("Other", "A [link](nowhere.md).\n"),
        }
    )
    result = run_build(root)
    assert result.code == 1
    assert "Traceback" not in result.err
    stopped = [OTHER_PAGE_ERROR, too_slow("1"), "2 errors, 0 warnings"]
    built = [OTHER_PAGE_ERROR, "1 error, 0 warnings"]
    assert result.err.splitlines() in (stopped, built)


@pytest.mark.parametrize("value", ["0", "-1", ".nan", "99999", "ten"])
def test_page_time_limit_must_be_a_sensible_number_of_seconds(make_site, run_build, value):
    root = make_site({"content/site.yaml": SITE_YAML + f"page_time_limit: {value}\n"})
    result = run_build(root)
    assert result.code == 1
    assert result.err.splitlines()[0].startswith("content/site.yaml:4: error: 'page_time_limit': ")


def test_a_300_character_slug_is_blamed_on_its_source(make_site, run_build):
    root = make_site({"content/articles/a.md": article("A", slug="a" * 300)})
    result = run_build(root)
    assert result.code == 1
    assert result.err.splitlines() == [
        f"content/articles/a.md:4: error: the published name '{'a' * 40}…' is 300 bytes long, more than file "
        "systems allow (255); shorten the page's 'slug' or file name",
        "1 error, 0 warnings",
    ]


def test_a_static_file_whose_hashed_name_is_too_long_is_blamed_on_the_file(make_site, run_build):
    name = "s" * 250 + ".css"
    root = make_site({f"static/{name}": "a { color: red; }\n"})
    result = run_build(root)
    assert result.code == 1
    assert result.err.splitlines()[0] == (
        f"static/{name}: error: the published name '{'s' * 40}…' is 263 bytes long, more than file systems allow "
        "(255); shorten the file name"
    )


def test_five_hundred_half_closing_clients_at_once_all_get_an_answer(make_site, monkeypatch):
    from citesite.serve import Server

    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1795000000")
    app = Server(make_site(), port=0, out=io.StringIO(), err=io.StringIO())
    app.start()
    clients = 500
    start = threading.Barrier(clients)
    answers: list[bytes | str] = [b""] * clients

    def client(number: int) -> None:
        start.wait(timeout=30)
        try:
            with socket.create_connection(("127.0.0.1", app.port), timeout=20) as sock:
                sock.sendall(b"GET / HTTP/1.0\r\nHost: 127.0.0.1\r\n\r\n")
                sock.shutdown(socket.SHUT_WR)  # half-close: nothing more to send, still reading
                reply = b""
                while chunk := sock.recv(65536):
                    reply += chunk
                answers[number] = reply[:15]
        except OSError as exc:
            answers[number] = repr(exc)

    threads = [threading.Thread(target=client, args=(n,), daemon=True) for n in range(clients)]
    try:
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(60)
    finally:
        stopper = threading.Thread(target=app.stop, daemon=True)
        stopper.start()
        stopper.join(20)
    failed = [answer for answer in answers if answer != b"HTTP/1.0 200 OK"]
    assert failed == [], f"{len(failed)} of {clients} clients failed, e.g. {failed[:3]}"
