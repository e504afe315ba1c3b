"""The end of an article: "Cite this page" punctuates a title that is a question as a citation does."""

from __future__ import annotations

from pathlib import Path

from conftest import copy_site

ROOT = Path(__file__).resolve().parents[1]


def test_cite_this_page_adds_no_full_stop_after_a_question_mark(tmp_path, run_build):
    root = tmp_path / "site"
    copy_site(root)
    assert run_build(root).code == 0
    site = root / "_site/articles"
    question = (site / "supplement-safety/index.html").read_text()
    assert "“Are magnesium supplements safe?” <cite>Magnesium and Bone Health</cite>." in question
    assert "?.”" not in question
    statement = (site / "magnesium-and-bone/index.html").read_text()
    assert "“Magnesium and your bones.” <cite>Magnesium and Bone Health</cite>." in statement
