"""Reading ease of Spanish text: the Szigriszt-Pazos perspicuity index (the INFLESZ scale) and Fernández-Huerta.

Both formulas weigh syllables per word and words per sentence:

- Szigriszt-Pazos (1993): P = 206.835 - 62.3 * syllables/words - words/sentences. Read on the INFLESZ scale
  (Barrio-Cantalejo et al., 2008): below 40 very difficult, 40 to 55 somewhat difficult, 55 to 65 normal,
  65 to 80 fairly easy, 80 and above very easy. Higher is easier, unlike an English grade.
- Fernández-Huerta (1959), in the form usually quoted: 206.84 - 60 * syllables/words - 1.02 * words/sentences.

Words and sentences are counted as for English (citesite.readability.english): punctuation is removed before
words are split, and fragments of two words or fewer (headings, list labels) are not sentences. Scores are
computed from the exact averages and rounded to one decimal at the end.

Syllables are counted by rule, not with a hyphenation dictionary: pyphen's Spanish patterns avoid one-letter
syllables at a line break ("o-í-do" is hyphenated "oí-do"), so they undercount. Each word, lower-cased, is read
as runs of vowels between consonants, and every run is one syllable per strong vowel in it, at least one:

- strong vowels are a, e, o, the accented á, é, ó, and a stressed weak vowel í or ú (it forms a hiatus: día,
  país, oído, actúa); two strong vowels side by side are two syllables (leer, poeta, osteoporosis);
- weak vowels are i, u, ü and y; beside a strong vowel, or beside each other, they join its syllable as a
  diphthong or triphthong (cuidado, huesos, ciudad, buey, Uruguay);
- the u of 'qu' and 'gu' before e or i is silent (queso, guerra, guía); 'ü' is spoken (pingüino);
- y is a vowel when no vowel follows it (hoy, muy, rey, the word y), a consonant before one (ayer, mayo);
- h is a consonant, so it separates vowels (ahora, alcohol);
- a word without a vowel (a number, an abbreviation such as mg) counts as one syllable.

Counts follow the Real Academia's orthography (a written ui or iu is a diphthong: cuídate, ruido); where speakers
split a diphthong in speech, the count is the written one. tests/fixtures/es_syllables.txt holds the words the
counter is checked against.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from citesite.readability.english import count_sentences, count_words

NORMAL_EASE = 55.0  # the lowest INFLESZ score of "normal" text: the default target of a Spanish page
STRONG = frozenset("aeoáéóíú")
WEAK = frozenset("iuüy")
_PUNCTUATION = re.compile(r"[^\w\s]")
_SILENT_U = re.compile(r"(?<=[qg])u(?=[eiéí])")
_CONSONANT_Y = re.compile(r"y(?=[aeiouáéíóúü])")  # y before a vowel: ayer, mayo, yo
_VOWEL_RUN = re.compile(r"[aeiouáéíóúüy]+")
_INFLESZ = ((80.0, "very easy"), (65.0, "fairly easy"), (55.0, "normal"), (40.0, "somewhat difficult"))


@dataclass(frozen=True)
class SpanishEase:
    """The two reading-ease scores of one Spanish text, each rounded to one decimal."""

    szigriszt_pazos: float  # the perspicuity index: the score the check compares with its target
    fernandez_huerta: float  # reported beside it, the older formula many Spanish tools still show

    @property
    def band(self) -> str:
        """The INFLESZ band of the perspicuity index, e.g. 'normal'."""
        return inflesz_band(self.szigriszt_pazos)


def spanish_ease(text: str) -> SpanishEase:
    """Szigriszt-Pazos and Fernández-Huerta scores of Spanish text."""
    words = count_words(text)
    if not words:
        return SpanishEase(round(szigriszt_pazos(0.0, 0.0), 1), round(fernandez_huerta(0.0, 0.0), 1))
    per_sentence = words / count_sentences(text)
    per_word = count_syllables(text) / words
    return SpanishEase(
        round(szigriszt_pazos(per_sentence, per_word), 1), round(fernandez_huerta(per_sentence, per_word), 1)
    )


def szigriszt_pazos(words_per_sentence: float, syllables_per_word: float) -> float:
    """The Szigriszt-Pazos perspicuity index on the two averages."""
    return 206.835 - 62.3 * syllables_per_word - words_per_sentence


def fernandez_huerta(words_per_sentence: float, syllables_per_word: float) -> float:
    """The Fernández-Huerta reading ease on the two averages."""
    return 206.84 - 60 * syllables_per_word - 1.02 * words_per_sentence


def inflesz_band(score: float) -> str:
    """The INFLESZ band of a perspicuity index: very difficult, somewhat difficult, normal, fairly or very easy."""
    return next((name for low, name in _INFLESZ if score >= low), "very difficult")


def count_syllables(text: str) -> int:
    """Syllables of every word in Spanish text, by the rules in this module's docstring."""
    return sum(word_syllables(word) for word in _PUNCTUATION.sub("", text).split())


def word_syllables(word: str) -> int:
    """Syllables of one Spanish word (at least 1)."""
    spoken = _CONSONANT_Y.sub("j", _SILENT_U.sub("", word.lower()))
    runs = _VOWEL_RUN.findall(spoken)
    return max(1, sum(max(1, sum(1 for letter in run if letter in STRONG)) for run in runs))
