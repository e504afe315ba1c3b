"""Flesch–Kincaid reading grade of English text, counted the way textstat 0.7.3 counted it.

textstat 0.7.3 imports pkg_resources, which current setuptools no longer ships, and later releases download
an NLTK corpus at run time; this module keeps its counts (and so every grade the site had) with only pyphen.
"""

from __future__ import annotations

import math
import re
from functools import lru_cache

import pyphen

_PUNCTUATION = re.compile(r"[^\w\s]")  # apostrophes and hyphens go too: "don't" is one word, "bone-forming" one
_SENTENCE = re.compile(r"\b[^.!?]+[.!?]*")


def flesch_kincaid_grade(text: str) -> float:
    """Flesch–Kincaid grade of text: averages and result rounded to one decimal, as textstat 0.7.3 did."""
    words = count_words(text)
    if not words:
        return _round1(formula(0.0, 0.0))
    average_sentence = _round1(words / count_sentences(text))
    average_syllables = _round1(count_syllables(text) / words)
    return _round1(formula(average_sentence, average_syllables))


def formula(words_per_sentence: float, syllables_per_word: float) -> float:
    """The Flesch–Kincaid grade formula (Kincaid et al., 1975) on the two averages."""
    return 0.39 * words_per_sentence + 11.8 * syllables_per_word - 15.59


def count_words(text: str) -> int:
    """Words once punctuation is removed."""
    return len(_PUNCTUATION.sub("", text).split())


def count_sentences(text: str) -> int:
    """Sentences, not counting fragments of two words or fewer (headings, list labels); at least 1."""
    sentences = _SENTENCE.findall(text)
    short = sum(1 for sentence in sentences if count_words(sentence) <= 2)
    return max(1, len(sentences) - short)


def count_syllables(text: str) -> int:
    """Syllables: one more than the hyphenation points pyphen's en_US dictionary finds in each word."""
    hyphenator = _hyphenator()
    return sum(len(hyphenator.positions(word)) + 1 for word in _PUNCTUATION.sub("", text.lower()).split())


def _round1(number: float) -> float:
    # Half away from zero, not Python's half to even: textstat's rounding, so 2.25 -> 2.3 as it always was.
    return math.floor(number * 10 + math.copysign(0.5, number)) / 10


@lru_cache(maxsize=1)
def _hyphenator() -> pyphen.Pyphen:
    return pyphen.Pyphen(lang="en_US")
