"""No text of the evaluation sets or the benchmark corpus is quoted in src/, tests/ or train/ (STYLE.md rule 10:
examples in comments and tests are invented). A run of 8 or more consecutive words shared with those texts fails,
with the file, line and words of each run. The texts live outside the repository (../shared); without them (as in
CI) the test is skipped."""

from __future__ import annotations

import gzip
import json
import re
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
RUN = 8  # words; shorter shared runs are mostly stock phrases of news writing

# Words as leakcheck.py reads them: lower case, letters and digits, with an apostrophe suffix kept ("group's").
WORD = re.compile(r"[a-z0-9]+(?:'[a-z]+)?")


def _sources() -> list[Path]:
    return [
        SHARED / "eval" / "events" / "dev.jsonl",
        SHARED / "eval" / "geo" / "dev.jsonl",
        *sorted((SHARED / "eval" / "events_ext").glob("*.jsonl")),
        SHARED / "corpus" / "news.jsonl.gz",
    ]


def _texts(path: Path) -> Iterator[str]:
    opener = gzip.open if path.suffix == ".gz" else open
    with opener(path, "rt", encoding="utf-8") as f:
        for line in f:
            if line.strip():
                yield json.loads(line).get("text") or ""


def _shingles(words: list[str]) -> Iterator[int]:
    # Hashes, not strings: the corpus has about a million runs. A collision could only add a false report,
    # which the message makes easy to check; it cannot hide a real one.
    for i in range(len(words) - RUN + 1):
        yield hash(tuple(words[i : i + RUN]))


def _repository_files() -> Iterator[Path]:
    for sub in ("src", "tests", "train"):  # train/: the sentences the model learns from are our own too
        for path in sorted((ROOT / sub).rglob("*")):
            if path.is_file() and "__pycache__" not in path.parts:
                yield path


def _shared_runs(text: str, seen: set[int]) -> list[tuple[int, str]]:
    """(line, words) of each maximal run of at least RUN words of `text` whose every RUN-word window is in `seen`."""
    tokens = [(m.group(), m.start()) for m in WORD.finditer(text.lower())]
    words = [w for w, _ in tokens]
    hit = [h in seen for h in _shingles(words)]
    runs = []
    i = 0
    while i < len(hit):
        if not hit[i]:
            i += 1
            continue
        j = i
        while j + 1 < len(hit) and hit[j + 1]:
            j += 1
        line = text.count("\n", 0, tokens[i][1]) + 1
        runs.append((line, " ".join(words[i : j + RUN])))
        i = j + 1
    return runs


def test_no_eval_or_corpus_text_in_src_or_tests() -> None:
    sources = _sources()
    missing = [str(p) for p in sources if not p.is_file()]
    if not SHARED.is_dir() or missing:
        pytest.skip(f"the evaluation texts are not here (../shared absent or incomplete: {missing or SHARED})")
    seen: set[int] = set()
    for path in sources:
        for text in _texts(path):
            seen.update(_shingles(WORD.findall(text.lower())))
    leaks = []
    for path in _repository_files():
        try:
            text = path.read_text(encoding="utf-8")
        except UnicodeDecodeError:
            continue  # binary (images, compressed fixtures): no prose to quote
        for line, words in _shared_runs(text, seen):
            leaks.append(f"{path.relative_to(ROOT)}:{line}: {words!r}")
    assert not leaks, f"{len(leaks)} runs of {RUN}+ words quoted from the eval or corpus texts:\n" + "\n".join(leaks)
