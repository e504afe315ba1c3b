"""Reading ease of Spanish text: the syllable counter against a word list, and the two formulas."""

from __future__ import annotations

from pathlib import Path

import pytest

from citesite.readability.spanish import (
    SpanishEase,
    count_syllables,
    fernandez_huerta,
    inflesz_band,
    spanish_ease,
    szigriszt_pazos,
    word_syllables,
)

WORD_LIST = Path(__file__).parent / "fixtures" / "es_syllables.txt"


def _word_list() -> list[tuple[str, int]]:
    entries = []
    for line in WORD_LIST.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            word, count = line.split()
            entries.append((word, int(count)))
    return entries


def test_the_word_list_is_long_enough() -> None:
    entries = _word_list()
    assert len(entries) >= 150
    assert len({word for word, _ in entries}) == len(entries)


def test_every_word_of_the_list_has_its_syllables() -> None:
    wrong = [(word, count, word_syllables(word)) for word, count in _word_list() if word_syllables(word) != count]
    assert wrong == []


@pytest.mark.parametrize(
    ("word", "count"),
    [("cuidado", 3), ("día", 2), ("buey", 1), ("Uruguay", 3), ("pingüino", 3), ("hoy", 1), ("paratiroidea", 6)],
)
def test_the_brief_cases(word: str, count: int) -> None:
    assert word_syllables(word) == count


def test_capitals_count_as_their_small_letters() -> None:
    assert word_syllables("OÍDO") == 3
    assert word_syllables("Ávila") == 3


def test_text_syllables_ignore_punctuation() -> None:
    # ¿Qué (1) es (1) el (1) magnesio (3)? «Un (1) mineral (3)». 400 (1) mg (1).
    assert count_syllables("¿Qué es el magnesio? «Un mineral». 400 mg.") == 12


def test_formulas_on_hand_counted_averages() -> None:
    # Two syllables a word, ten words a sentence: 206.835 - 124.6 - 10 and 206.84 - 120 - 10.2.
    assert szigriszt_pazos(10, 2) == pytest.approx(72.235)
    assert fernandez_huerta(10, 2) == pytest.approx(76.64)


def test_spanish_ease_of_a_hand_counted_text() -> None:
    # "El hueso es un tejido vivo." 6 words, 1 sentence; syllables 1+2+1+1+3+2 = 10.
    # P = 206.835 - 62.3 * 10/6 - 6 = 97.0 (96.998…); F = 206.84 - 100 - 6.12 = 100.7 (100.72).
    ease = spanish_ease("El hueso es un tejido vivo.")
    assert ease == SpanishEase(szigriszt_pazos=97.0, fernandez_huerta=100.7)
    assert ease.band == "very easy"


def test_empty_text_scores_the_formula_ceiling() -> None:
    assert spanish_ease("") == SpanishEase(206.8, 206.8)


@pytest.mark.parametrize(
    ("score", "band"),
    [
        (39.9, "very difficult"),
        (40.0, "somewhat difficult"),
        (54.9, "somewhat difficult"),
        (55.0, "normal"),
        (65.0, "fairly easy"),
        (80.0, "very easy"),
    ],
)
def test_inflesz_bands(score: float, band: str) -> None:
    assert inflesz_band(score) == band
