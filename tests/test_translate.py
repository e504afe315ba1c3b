"""Translations that stay true: a stamp records the original's blocks; every build says what changed since."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import LANGUAGES, SITE_YAML, Result, article, page

from citesite.cli import main
from citesite.source.strings import theme_strings
from citesite.translate.blocks import blocks_hash, page_blocks
from citesite.translate.compare import compare_blocks, parity_problems

BY = {"translated_by": "the site's editors"}  # every published translation says who translated it
ORIGINAL = "content/articles/magnesium-and-bone.md"
TRANSLATION = "content/es/articles/magnesio-y-huesos.md"
ENGLISH_BODY = (
    "Adults need 310 mg a day [@ods].\n\n"
    "## Safety\n\n"
    '!!! warning "Kidney disease"\n'
    "    Ask a doctor first.\n\n"
    "Doses of 1.5 g can cause diarrhea.\n"
)
SPANISH_BODY = (
    "Los adultos necesitan 310 mg al día [@ods].\n\n"
    "## Seguridad\n\n"
    '!!! warning "Enfermedad renal"\n'
    "    Consulte antes a un médico.\n\n"
    "Dosis de 1,5 g pueden causar diarrea.\n"
)
SITE = {
    "content/site.yaml": SITE_YAML + LANGUAGES,
    "content/index.md": page("Home", "Welcome.\n"),
    "content/es/index.md": page("Inicio", "Bienvenida.\n", translation_key="index", **BY),
    ORIGINAL: article("Bone", ENGLISH_BODY),
    TRANSLATION: article("Huesos", SPANISH_BODY, translation_key="articles/magnesium-and-bone", **BY),
    "content/data/references.yaml": "- key: ods\n  title: Magnesium fact sheet\n  url: https://ods.od.nih.gov/\n",
}


@pytest.fixture
def translate(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch):
    """translate(root, 'stamp', PAGE) runs 'translate ACTION …' in-process, in the project folder."""
    monkeypatch.setenv("NO_COLOR", "1")
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1795000000")  # 2026-11-18: the day a stamp records

    def _run(root: Path, *args: str) -> Result:
        capsys.readouterr()
        monkeypatch.chdir(root)
        code = main(["translate", *args, "--root", str(root)])
        captured = capsys.readouterr()
        return Result(code, captured.out, captured.err)

    return _run


def _stamped(make_site, translate) -> Path:
    root = make_site(SITE, skeleton=False)
    for name in (TRANSLATION, "content/es/index.md"):
        result = translate(root, "stamp", name)
        assert (result.code, result.err) == (0, ""), result.err
    return root


def _edit(root: Path, rel: str, old: str, new: str) -> None:
    path = root / rel
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new), encoding="utf-8")


def _status(root: Path, translate) -> dict[str, str]:
    result = translate(root, "status", "--json")
    assert result.code == 0, result.err
    return {row["page"] or row["original"]: row["state"] for row in json.loads(result.out)}


def test_a_stamped_translation_is_up_to_date_and_the_build_says_nothing(make_site, run_build, translate):
    root = _stamped(make_site, translate)
    result = run_build(root, "--strict")
    assert (result.code, result.err) == (0, "")
    assert _status(root, translate) == {
        "content/es/index.md": "up to date",
        TRANSLATION: "up to date",
    }
    stamp = json.loads((root / "content/es/articles/magnesio-y-huesos.stamp.json").read_text(encoding="utf-8"))
    assert (stamp["original"], stamp["stamped"], stamp["blocks"][2]) == (
        ORIGINAL,
        "2026-11-18",
        ["paragraph", "", 1, "Adults need 310 mg a day [@ods]."],
    )


def test_a_changed_number_in_the_original_is_a_major_change_naming_its_block(make_site, run_build, translate):
    root = _stamped(make_site, translate)
    assert run_build(root).code == 0  # built once, so the next build reuses what it can from the cache
    assert "translation-notice" not in (root / "_site/es/articles/magnesio-y-huesos/index.html").read_text("utf-8")
    _edit(root, ORIGINAL, "310 mg", "320 mg")
    result = run_build(root, "--strict")
    assert result.code == 0  # within the grace period: a notice, so --strict still passes
    assert result.err.splitlines() == [
        f"{TRANSLATION}:1: notice: {ORIGINAL} changed since this translation was stamped: major: paragraph 1: "
        'number or unit changed: "310 mg" → "320 mg" (… Adults need [-310-] {+320+} mg a day …); '
        f"update the translation, then run citesite translate stamp {TRANSLATION}",
        "0 errors, 0 warnings, 1 notice",
    ]
    assert _status(root, translate)[TRANSLATION] == "major"
    html = (root / "_site/es/articles/magnesio-y-huesos/index.html").read_text(encoding="utf-8")
    assert '<p class="translation-notice" role="note" data-pagefind-ignore>Desde el 18 de noviembre de 2026' in html


def test_a_major_change_older_than_the_grace_period_fails_a_strict_build(make_site, run_build, translate):
    root = _stamped(make_site, translate)
    _edit(root, "content/site.yaml", "languages:", "translation_grace_days: 0\nlanguages:")
    _edit(root, ORIGINAL, "310 mg", "320 mg")
    stamp = root / "content/es/articles/magnesio-y-huesos.stamp.json"
    stamp.write_text(stamp.read_text(encoding="utf-8").replace("2026-11-18", "2026-11-01"), encoding="utf-8")
    result = run_build(root, "--strict")
    assert result.code == 1
    assert f"{TRANSLATION}:1: warning: {ORIGINAL} changed since this translation was stamped: major:" in result.err


def test_reflowing_the_original_reports_nothing(make_site, run_build, translate):
    root = _stamped(make_site, translate)
    _edit(root, ORIGINAL, "Adults need 310 mg a day [@ods].", "Adults   need\n310 mg a day\n  [@ods].")
    result = run_build(root, "--strict")
    assert (result.code, result.err) == (0, "")
    assert _status(root, translate)[TRANSLATION] == "up to date"


def test_editing_the_translation_without_stamping_leaves_it_behind(make_site, run_build, translate):
    root = _stamped(make_site, translate)
    _edit(root, ORIGINAL, "Ask a doctor first.", "Ask a doctor or pharmacist first.")
    _edit(root, TRANSLATION, "Consulte antes a un médico.", "Consulte antes a un médico o farmacéutico.")
    assert _status(root, translate)[TRANSLATION] == "major"  # a changed safety warning, until stamped
    assert translate(root, "stamp", TRANSLATION).code == 0
    assert _status(root, translate)[TRANSLATION] == "up to date"


def test_a_version_number_and_thousands_count_as_the_same_number_in_either_language():
    english, spanish = theme_strings("en"), theme_strings("es")
    original = page_blocks("T", "S", "WCAG 2.2 and 1,500 mg and 1.5 g.\n")
    assert parity_problems(original, page_blocks("T", "S", "WCAG 2.2, 1.500 mg y 1,5 g.\n"), (english, spanish)) == []
    assert parity_problems(original, page_blocks("T", "S", "WCAG 22, 1.500 mg y 1,5 g.\n"), (english, spanish)) == [
        "the text before the first heading: the translation lacks 2.2 of the original"
    ]


def test_wording_is_minor_and_a_removed_section_is_major():
    old = page_blocks("T", "S", "Some text here.\n\n## Safety\n\nMore text.\n")
    reworded = page_blocks("T", "S", "Some words here.\n\n## Safety\n\nMore text.\n")
    cut = page_blocks("T", "S", "Some text here.\n\nMore text.\n")
    assert [tuple(c) for c in compare_blocks(old, reworded)] == [
        ("minor", "paragraph 1", "wording: … Some [-text-] {+words+} here. …")
    ]
    assert ("major", 'heading "Safety"', 'section removed: "Safety"') in [tuple(c) for c in compare_blocks(old, cut)]
    assert blocks_hash(old) == blocks_hash(page_blocks("T", "S", "Some\ntext   here.\n\n\n## Safety\n\nMore text.\n"))


def test_stamp_refuses_a_translation_that_lacks_a_number_or_a_citation_of_its_original(make_site, run_build, translate):
    body = SPANISH_BODY.replace("1,5 g", "2 g").replace(" [@ods]", "")
    files = {**SITE, TRANSLATION: article("Huesos", body, translation_key="articles/magnesium-and-bone", **BY)}
    root = make_site(files, skeleton=False)
    result = translate(root, "stamp", TRANSLATION)
    assert result.code == 1
    assert result.err.splitlines() == [
        f"{TRANSLATION}:1: error: not the same as {ORIGINAL}: the text before the first heading: the original cites "
        "ods, the translation nothing; not stamped",
        f'{TRANSLATION}:1: error: not the same as {ORIGINAL}: §"Safety": the translation lacks 1.5 of the original; '
        "not stamped",
        "2 errors, 0 warnings",
    ]
    assert not (root / "content/es/articles/magnesio-y-huesos.stamp.json").exists()


def test_a_translation_never_stamped_is_a_warning_naming_the_command(make_site, run_build):
    root = make_site(SITE, skeleton=False)
    result = run_build(root)
    assert result.code == 0
    assert (
        f"{TRANSLATION}:1: warning: no usable stamp: the build cannot tell when {ORIGINAL} changes; "
        f"run citesite translate stamp {TRANSLATION}"
    ) in result.err.splitlines()


def test_a_stamp_edited_by_hand_is_not_trusted(make_site, run_build, translate):
    root = _stamped(make_site, translate)
    stamp = root / "content/es/articles/magnesio-y-huesos.stamp.json"
    stamp.write_text(stamp.read_text(encoding="utf-8").replace("310 mg", "320 mg"), encoding="utf-8")
    result = run_build(root)
    assert (
        f"{TRANSLATION}:1: warning: no usable stamp (the stamp's blocks do not match its hash (was it edited by "
        f"hand?)): the build cannot tell when {ORIGINAL} changes; run citesite translate stamp {TRANSLATION}"
    ) in result.err.splitlines()


def test_stamping_a_page_that_is_not_a_translation_is_a_usage_error(make_site, run_build, translate):
    root = make_site(SITE, skeleton=False)
    result = translate(root, "stamp", ORIGINAL)
    assert result.code == 2
    assert result.err == (
        f"citesite: error: '{ORIGINAL}' is not a translated page; name its file, e.g. content/es/articles/NAME.md "
        "(the site's further languages: es)\n"
    )


def test_a_translation_linking_an_original_that_has_a_translation_is_told_to_link_the_translation(make_site, translate):
    other = article("Otro", "Vea [el otro](../../articles/other.md).\n", translation_key="articles/other", **BY)
    files = {
        **SITE,
        "content/articles/other.md": article("Other", "See the other.\n"),
        "content/es/articles/otro.md": other,
        TRANSLATION: SITE[TRANSLATION].replace("[@ods].", "[@ods]. Vea [otro](../../articles/other.md)."),
    }
    root = make_site(files, skeleton=False)
    result = translate(root, "stamp", TRANSLATION)
    assert result.code == 1
    assert result.err.splitlines()[0] == (
        f"{TRANSLATION}:1: error: not the same as {ORIGINAL}: paragraph 1 links ../../articles/other.md, which has "
        "a version in 'es': link otro.md; not stamped"
    )
    assert translate(root, "stamp", "content/es/articles/otro.md").code == 0  # a link to its own original is fine


def test_translate_new_starts_a_paired_draft_that_is_not_published_until_done(make_site, run_build, translate):
    root = make_site({**SITE, "content/articles/other.md": article("Other", "See 5 mg.\n")}, skeleton=False)
    result = translate(root, "new", "content/articles/other.md", "--lang", "es")
    assert (result.code, result.out) == (
        0,
        "Wrote content/es/articles/other.md: translate it, remove 'draft: true', then run translate stamp "
        "content/es/articles/other.md\n",
    )
    assert (root / "content/es/articles/other.md").read_text(encoding="utf-8") == (
        "---\ntitle: Other\nsummary: A short summary.\nreviewed: 2026-11-01\ntranslation_key: articles/other\n"
        "# translated_by: who translated it, e.g. the site's editors\n"
        "draft: true  # remove once translated and stamped\n---\nSee 5 mg.\n"
    )
    assert run_build(root).code == 0
    assert not (root / "_site/es/articles/other").exists()  # the copied English is never published under es/
    again = translate(root, "new", "content/articles/other.md", "--lang", "es")
    assert (again.code, again.err) == (
        2,
        "citesite: error: content/es/articles/other.md already exists; translate that file\n",
    )


def test_translate_diff_lists_each_changed_block_with_its_words(make_site, translate):
    root = _stamped(make_site, translate)
    _edit(root, ORIGINAL, "Doses of 1.5 g", "Doses of 2 g")
    result = translate(root, "diff", TRANSLATION)
    assert result.code == 0
    assert result.out.splitlines() == [
        f"{TRANSLATION}: major (since 2026-11-18)",
        '  major  §"Safety" paragraph 1: number or unit changed: "1.5 g" → "2 g" (… Doses of [-1.5-] {+2+} g can '
        "cause …)",
        '  parity  §"Safety": the translation lacks 2 of the original',
    ]


def _stamp_with(make_site, translate, english_end: str, spanish_end: str):
    """Stamp the translation after a last paragraph is added to the original and to the translation."""
    files = {
        **SITE,
        ORIGINAL: article("Bone", ENGLISH_BODY + english_end),
        TRANSLATION: article("Huesos", SPANISH_BODY + spanish_end, translation_key="articles/magnesium-and-bone"),
    }
    return translate(make_site(files, skeleton=False), "stamp", TRANSLATION)


def test_the_locants_of_a_name_are_the_same_number_in_both_languages(make_site, translate):
    english = "\nThe kidneys make 1,25-dihydroxyvitamin D on a 2,000-calorie diet.\n"
    spanish = "\nLos riñones hacen 1,25-dihidroxivitamina D con una dieta de 2.000 calorías.\n"
    result = _stamp_with(make_site, translate, english, spanish)
    assert (result.code, result.err) == (0, "")


def test_a_translation_that_drops_the_locants_of_a_name_lacks_them_as_written(make_site, translate):
    result = _stamp_with(
        make_site, translate, "\nThe kidneys make 1,25-dihydroxyvitamin D.\n", "\nLos riñones hacen calcitriol.\n"
    )
    assert result.code == 1
    assert result.err.splitlines() == [
        f'{TRANSLATION}:1: error: not the same as {ORIGINAL}: §"Safety": the translation lacks 1,25 of the original; '
        "not stamped",
        "1 error, 0 warnings",
    ]
