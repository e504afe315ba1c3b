"""Reading level of summaries and key points: the Flesch–Kincaid grade for English, reading ease for Spanish.

english: the grade textstat 0.7.3 gave, with pyphen's syllables; spanish: the Szigriszt-Pazos perspicuity index
(INFLESZ) and the Fernández-Huerta score, with a rule-based syllable counter.
"""

from __future__ import annotations

from citesite.readability.english import (
    count_sentences,
    count_syllables,
    count_words,
    flesch_kincaid_grade,
    formula,
)

__all__ = ["count_sentences", "count_syllables", "count_words", "flesch_kincaid_grade", "formula"]
