"""A deterministic, realistic corpus of N articles for benchmarks: python benchmarks/corpus.py DIR N [SEED]."""

from __future__ import annotations

import random
import shutil
import sys
from pathlib import Path

PROJECT = Path(__file__).resolve().parent.parent
WORDS = (
    "magnesium bone calcium vitamin cell mineral density hormone study adults intake diet food supplement "
    "absorption kidney blood level protein enzyme crystal structure remodeling marrow growth strength "
    "research evidence trial cohort review analysis result effect risk fracture hip spine women men "
    "children older young daily amount serving seeds nuts beans grains leafy green water body tissue "
    "the a of and to in is that for with as on by from are be this which or it can may more than"
).split()
REFERENCES = 40


def _sentence(rng: random.Random, link_targets: list[str]) -> str:
    words = [rng.choice(WORDS) for _ in range(rng.randint(8, 20))]
    if rng.random() < 0.08 and link_targets:
        target = rng.choice(link_targets)
        words.insert(rng.randint(1, len(words) - 1), f"[{rng.choice(WORDS)} {rng.choice(WORDS)}]({target}.md)")
    if rng.random() < 0.1:
        words.append(f"[@ref{rng.randrange(REFERENCES)}]")
    text = " ".join(words)
    return text[0].upper() + text[1:] + "."


def _article(rng: random.Random, number: int, n: int) -> str:
    targets = [f"a{rng.randrange(n):05}" for _ in range(6)]
    topics = sorted({f"topic{rng.randrange(20)}" for _ in range(2)})
    parts = [
        "---",
        f"title: Article {number} on {rng.choice(WORDS)} and {rng.choice(WORDS)}",
        f"summary: A short look at {rng.choice(WORDS)} and {rng.choice(WORDS)} in bone.",
        "reviewed: 2026-11-01",
        f"order: {number}",
        f"topics: [{', '.join(topics)}]",
        "---",
        "",
    ]
    target_words = rng.randint(600, 1500)
    words = 0
    section = 0
    while words < target_words:
        section += 1
        parts += [f"## Section {section} about {rng.choice(WORDS)}", ""]
        for _ in range(rng.randint(2, 4)):
            paragraph = " ".join(_sentence(rng, targets) for _ in range(rng.randint(3, 6)))
            words += len(paragraph.split())
            parts += [paragraph, ""]
        if section % 3 == 1:
            parts += [f"- {_sentence(rng, [])}" for _ in range(4)] + [""]
        if section % 4 == 2:
            parts += ["| Food | Amount | Note |", "|---|---|---|"]
            parts += [
                f"| {rng.choice(WORDS)} | {rng.randint(10, 200)} mg | {rng.choice(WORDS)} |" for _ in range(4)
            ] + [""]
    parts += ["A closing note with a footnote.[^1]", "", f"[^1]: {_sentence(rng, [])}", ""]
    return "\n".join(parts)


def generate(root: Path, n: int, seed: int = 1) -> Path:
    """Write a project with n articles (plus home page, templates, static) under root; return root."""
    rng = random.Random(seed)
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
        (root / f"content/articles/a{number:05}.md").write_text(_article(rng, number, n), encoding="utf-8")
    return root


if __name__ == "__main__":
    if len(sys.argv) < 3:
        sys.exit("usage: python benchmarks/corpus.py DIR N [SEED]")
    generate(Path(sys.argv[1]), int(sys.argv[2]), int(sys.argv[3]) if len(sys.argv) > 3 else 1)
