"""A deterministic, realistic corpus of N articles for benchmarks: python benchmarks/corpus.py DIR N [SEED].

The prose is made to cost what real prose costs. Words follow Zipf's law over a vocabulary of 5,000 (English
function words at the top ranks, then the site's domain words, then pseudo-words built from syllables), and
sentences carry apostrophes, quotes, dashes, ellipses, emphasis, numbers with units, parentheses and commas at
rates close to those of plain health writing. Text without such marks would let a Markdown converter skip its
inline and typographic passes, and would give a search index far fewer distinct words than a real site.
Everything is drawn from one seeded random generator, so a seed always gives the same files.
"""

from __future__ import annotations

import itertools
import random
import shutil
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar

T = TypeVar("T")
PROJECT = Path(__file__).resolve().parent.parent
REFERENCES = 40
VOCABULARY_SIZE = 5_000

# The commonest English words, roughly in frequency order: they take the top Zipf ranks, as in real text.
FUNCTION_WORDS = (
    "the of and to a in is that for it as with was on be by this are from or at which an not have but can more "
    "their has may than also its these been other such into some when only they were one all what if so "
    "there about after how each both because while most many very much even just over between"
).split()
FUNCTION_SET = frozenset(FUNCTION_WORDS)
DOMAIN_WORDS = (
    "magnesium bone calcium vitamin cell mineral density hormone study adults intake diet food supplement "
    "absorption kidney blood level protein enzyme crystal structure remodeling marrow growth strength "
    "research evidence trial cohort review analysis result effect risk fracture hip spine women men "
    "children older young daily amount serving seeds nuts beans grains leafy green water body tissue"
).split()
# Syllable parts for pseudo-words; the empty codas make open syllables (ka-lo) common, as in real words.
ONSETS = "b c d f g h k l m n p r s t v w z b d l m n p r s t br ch cr dr fl gr pl pr sh st tr".split()
NUCLEI = "a e i o u a e i o u a e i o ai ea io ou".split()
CODAS = ["", "", "", "", "", "", "n", "l", "r", "s", "m", "t", "x", "nd", "st"]

CONTRACTIONS = (
    "it's don't doesn't isn't that's there's can't won't they're we've you'll aren't wasn't let's didn't".split()
)
# (unit, lowest, highest, decimals): how amounts are written in health texts.
UNITS = (
    ("mg", 10, 800, 0),
    ("mg", 1000, 2500, 0),
    ("g", 0.5, 5, 1),
    ("mmol/L", 0.6, 1.2, 2),
    ("%", 1, 60, 0),
    ("IU", 200, 2000, 0),
    ("weeks", 4, 52, 0),
    ("years", 18, 90, 0),
    ("kg", 45, 110, 1),
    ("mL", 100, 500, 0),
)

# Share of sentences with each mark, close to plain health writing.
APOSTROPHE = 0.25
NUMBER = 0.15
LINK = 0.08
CITATION = 0.10
# At most one span per sentence, so marks never nest: (opening, closing, shortest, longest, share).
SPANS = (
    ("*", "*", 1, 3, 0.055),
    ("**", "**", 1, 3, 0.025),
    ('"', '"', 2, 5, 0.04),
    ("(", ")", 2, 6, 0.06),
)
DASH = 0.05  # an aside set off with ' -- ', as plain-text writers type an em dash
COMMAS = ((0, 0.45), (1, 0.38), (2, 0.14), (3, 0.03))  # commas per sentence, with their shares
# How a sentence ends: most with a full stop, some with a question or an ellipsis.
ENDINGS = ((".", 0.955), ("?", 0.03), ("...", 0.015))


@dataclass(frozen=True)
class Vocabulary:
    """Words in rank order with cumulative 1/rank weights, for fast Zipf draws."""

    words: tuple[str, ...]
    cumulative: tuple[float, ...]

    @classmethod
    def zipf(cls, words: list[str]) -> Vocabulary:
        """The words weighted 1/rank, the first the most frequent."""
        return cls(tuple(words), tuple(itertools.accumulate(1 / rank for rank in range(1, len(words) + 1))))

    def draw(self, rng: random.Random, count: int) -> list[str]:
        """count words drawn independently by frequency."""
        return rng.choices(self.words, cum_weights=self.cumulative, k=count)


@dataclass(frozen=True)
class Words:
    """All words of a corpus (for prose) and its content words alone (for titles, headings, link text)."""

    prose: Vocabulary
    content: Vocabulary

    @classmethod
    def build(cls, rng: random.Random) -> Words:
        """A vocabulary of VOCABULARY_SIZE words, its pseudo-words drawn from rng."""
        content = DOMAIN_WORDS + _pseudo_words(rng, VOCABULARY_SIZE - len(FUNCTION_WORDS) - len(DOMAIN_WORDS))
        return cls(Vocabulary.zipf(FUNCTION_WORDS + content), Vocabulary.zipf(content))


def _pseudo_words(rng: random.Random, count: int) -> list[str]:
    """count distinct made-up words; later (rarer) ones get more syllables, as rare words are longer."""
    known = set(FUNCTION_WORDS + DOMAIN_WORDS + CONTRACTIONS)
    words: list[str] = []
    while len(words) < count:
        syllables = 1 + min(3, int(rng.expovariate(1.4) + 1.8 * len(words) / count))
        word = "".join(rng.choice(ONSETS) + rng.choice(NUCLEI) + rng.choice(CODAS) for _ in range(syllables))
        if word not in known:
            known.add(word)
            # A few are names, so the text has capitalised words mid-sentence, as real text does.
            words.append(word.capitalize() if rng.random() < 0.04 else word)
    return words


def _pick(rng: random.Random, shares: tuple[tuple[T, float], ...]) -> T:
    """One choice from (value, share) pairs."""
    values, weights = zip(*shares, strict=True)
    return rng.choices(values, weights=weights)[0]


def _amount(rng: random.Random) -> list[str]:
    """A number with its unit, as the words of a sentence: ['320', 'mg'], ['1.5', 'g'], ['25%']."""
    unit, low, high, decimals = rng.choice(UNITS)
    number = f"{rng.uniform(low, high):,.{decimals}f}"
    return [number + unit] if unit == "%" else [number, unit]


def _add_apostrophe(rng: random.Random, words: list[str]) -> None:
    """A contraction (it's, don't) or a possessive (the body's), in place."""
    if rng.random() < 0.5:
        words.insert(rng.randrange(len(words)), rng.choice(CONTRACTIONS))
        return
    content = [i for i, word in enumerate(words) if word.isalpha() and word not in FUNCTION_SET]
    if content:
        words[rng.choice(content)] += "'s"


def _add_span(rng: random.Random, words: list[str]) -> None:
    """At most one span (emphasis, bold, quotes, parentheses) or dashed aside, in place."""
    roll = rng.random()
    for opening, closing, shortest, longest, share in SPANS:
        if roll < share:
            length = min(len(words) - 1, rng.randint(shortest, longest))
            start = rng.randrange(1, len(words) - length + 1)
            words[start] = opening + words[start]
            words[start + length - 1] += closing
            return
        roll -= share
    if roll < DASH:
        words.insert(rng.randrange(2, len(words) - 1), "--")


def _add_commas(rng: random.Random, words: list[str]) -> None:
    """A realistic number of commas after words, never before a dash or at the end, in place."""
    places = [i for i in range(1, len(words) - 2) if words[i + 1] != "--" and words[i] != "--"]
    for i in rng.sample(places, min(len(places), int(_pick(rng, COMMAS)))):  # type: ignore[call-overload]
        words[i] += ","


def _capitalised(text: str) -> str:
    """text with its first letter upper-case, past any opening quote, bracket or emphasis mark ('320 mg' stays)."""
    for i, char in enumerate(text):
        if char.isalnum():
            return text[:i] + char.upper() + text[i + 1 :]
    return text


def _prose(rng: random.Random, words: Words, count: int) -> list[str]:
    """count words by frequency, with no word twice in a row and no more than two function words in a row."""
    drawn = words.prose.draw(rng, count)
    run = 0
    for i, word in enumerate(drawn):
        if word not in FUNCTION_SET:
            run = 0
        elif run == 2 or (i and drawn[i - 1] == word):
            # Independent draws give 'the of the' runs that no writer makes; a content word breaks them.
            drawn[i] = words.content.draw(rng, 1)[0]
            run = 0
        else:
            run += 1
    return drawn


def _sentence(rng: random.Random, words: Words, link_targets: list[str], marks: bool = True) -> str:
    """One sentence of 8 to 22 words; with marks, it may carry any of the marks above, links and citations."""
    sentence = _prose(rng, words, rng.randint(8, 22))
    if marks:
        if rng.random() < APOSTROPHE:
            _add_apostrophe(rng, sentence)
        if rng.random() < NUMBER:
            at = rng.randrange(len(sentence))
            sentence[at:at] = _amount(rng)
        _add_span(rng, sentence)
        _add_commas(rng, sentence)
    if rng.random() < LINK and link_targets:
        text = " ".join(words.content.draw(rng, rng.randint(1, 3)))
        sentence.insert(rng.randint(1, len(sentence) - 1), f"[{text}]({rng.choice(link_targets)}.md)")
    if marks and rng.random() < CITATION:
        sentence.append(f"[@ref{rng.randrange(REFERENCES)}]")
    return _capitalised(" ".join(sentence)) + (_pick(rng, ENDINGS) if marks else ".")


def _plain(rng: random.Random, words: Words, low: int, high: int, content: bool = False) -> str:
    """low to high words without marks (safe in front matter and headings): prose, or content words only."""
    count = rng.randint(low, high)
    return " ".join(words.content.draw(rng, count) if content else _prose(rng, words, count))


def _front_matter(rng: random.Random, words: Words, number: int) -> list[str]:
    topics = sorted({f"topic{rng.randrange(20)}" for _ in range(2)})
    first, second = words.content.draw(rng, 2)
    return [
        "---",
        f"title: Article {number} on {first} and {second}",
        f"summary: {_capitalised(_plain(rng, words, 10, 18))}.",
        "reviewed: 2026-11-01",
        f"order: {number}",
        f"topics: [{', '.join(topics)}]",
        "---",
        "",
    ]


def _list(rng: random.Random, words: Words) -> list[str]:
    """A bulleted or numbered list of short sentences."""
    numbered = rng.random() < 0.3
    items = [_sentence(rng, words, []) for _ in range(rng.randint(3, 6))]
    return [f"{f'{i}.' if numbered else '-'} {item}" for i, item in enumerate(items, 1)] + [""]


def _table(rng: random.Random, words: Words) -> list[str]:
    """A small table of foods, amounts and notes."""
    rows = [
        f"| {_capitalised(_plain(rng, words, 1, 2, content=True))} | {' '.join(_amount(rng))} | "
        f"{_plain(rng, words, 2, 6)} |"
        for _ in range(rng.randint(3, 6))
    ]
    return ["| Food | Amount | Note |", "|---|---|---|", *rows, ""]


def _article(rng: random.Random, words: Words, number: int, n: int) -> str:
    targets = [f"a{rng.randrange(n):05}" for _ in range(6)]
    parts = _front_matter(rng, words, number)
    target_words = rng.randint(600, 1500)
    count = 0
    section = 0
    while count < target_words:
        section += 1
        opener = rng.choice(("", "", "How ", "Why ", "What ", "When "))
        parts += [f"## {_capitalised(opener + _plain(rng, words, 2, 5, content=True))}", ""]
        for _ in range(rng.randint(2, 4)):
            paragraph = " ".join(_sentence(rng, words, targets) for _ in range(rng.randint(3, 6)))
            count += paragraph.count(" ") + 1
            parts += [paragraph, ""]
        if section % 3 == 1:
            parts += _list(rng, words)
        if section % 4 == 2:
            parts += _table(rng, words)
    parts += ["A closing note with a footnote.[^1]", "", f"[^1]: {_sentence(rng, words, [], marks=False)}", ""]
    return "\n".join(parts)


def generate(root: Path, n: int, seed: int = 1) -> Path:
    """Write a project with n articles (plus home page, templates, static) under root; return root."""
    rng = random.Random(seed)
    words = Words.build(rng)
    if root.exists():
        shutil.rmtree(root)
    (root / "content/articles").mkdir(parents=True)
    (root / "content/data").mkdir()
    shutil.copytree(PROJECT / "templates", root / "templates")
    shutil.copytree(PROJECT / "static", root / "static")
    (root / "content/site.yaml").write_text(
        "title: Benchmark Site\ndescription: Generated articles.\nbase_url: https://example.org/bench/\n"
        "review_interval_days: 100000\nreading_grade_target: 99\n",
        encoding="utf-8",
    )
    (root / "content/index.md").write_text("---\ntitle: Home\nsummary: Generated site.\ntemplate: home\n---\nHello.\n")
    refs = [
        f"- key: ref{i}\n  title: Reference number {i}\n  year: {1990 + i % 30}\n  doi: 10.1000/ref{i}\n"
        for i in range(REFERENCES)
    ]
    (root / "content/data/references.yaml").write_text("".join(refs), encoding="utf-8")
    for number in range(n):
        (root / f"content/articles/a{number:05}.md").write_text(_article(rng, words, number, n), encoding="utf-8")
    return root


if __name__ == "__main__":
    if len(sys.argv) < 3:
        sys.exit("usage: python benchmarks/corpus.py DIR N [SEED]")
    generate(Path(sys.argv[1]), int(sys.argv[2]), int(sys.argv[3]) if len(sys.argv) > 3 else 1)
