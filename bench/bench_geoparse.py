"""Benchmark: spaCy pipeline alone vs spaCy + geoparse, gazetteer cold build / warm load, index memory.

Usage: python bench/bench_geoparse.py [--docs 1000] [--corpus /work/shared/corpus/news.jsonl.gz]
The shared corpus has 604 documents; to reach --docs, it is cycled, and each repeat gets a short varying
prefix line so spaCy's caches do not see byte-identical texts (the count of real distinct docs is printed).
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

CORPUS = Path("/work/shared/corpus/news.jsonl.gz")
CHILD = r"""
import resource, sys, time, os
from eventwire.geo import gazetteer as gz
before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
t0 = time.perf_counter(); g = gz.load_or_build(); dt = time.perf_counter() - t0
after = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
print(f"{dt:.3f} {(after - before) / 1024:.1f} {len(g)} {len(g.index)}")
"""


def load_texts(path: Path, n: int) -> tuple[list[str], int]:
    with gzip.open(path, "rt", encoding="utf-8") as fh:
        base = [r.get("text") or "" for r in map(json.loads, fh) if (r.get("text") or "").strip()]
    texts = [(f"Report {k // len(base)}.\n" if k >= len(base) else "") + base[k % len(base)] for k in range(n)]
    return texts, len(base)


def gazetteer_timing(cache: str) -> tuple[str, str]:
    env = dict(os.environ, EVENTWIRE_CACHE=cache)
    cold = subprocess.run([sys.executable, "-c", CHILD], env=env, capture_output=True, text=True, check=True)
    warm = subprocess.run([sys.executable, "-c", CHILD], env=env, capture_output=True, text=True, check=True)
    return cold.stdout.strip(), warm.stdout.strip()


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--docs", type=int, default=1000)
    ap.add_argument("--corpus", type=Path, default=CORPUS)
    ap.add_argument("--skip-cold", action="store_true")
    args = ap.parse_args()

    if not args.skip_cold:
        with tempfile.TemporaryDirectory() as tmp:
            cold, warm = gazetteer_timing(tmp)
        c = cold.split()
        w = warm.split()
        print(
            f"gazetteer cold build: {float(c[0]):.2f}s   warm load: {float(w[0]):.2f}s   "
            f"index RSS (warm, peak delta): {float(w[1]):.0f} MB   entries: {c[2]}  keys: {c[3]}"
        )

    from eventwire.geo import geoparse, get_gazetteer
    from eventwire.nlp import get_nlp

    nlp = get_nlp()
    get_gazetteer()
    texts, distinct = load_texts(args.corpus, args.docs)
    chars = sum(map(len, texts))
    print(f"docs: {len(texts)} ({distinct} distinct, cycled with varying prefixes), {chars / 1e6:.1f}M chars")
    list(nlp.pipe(texts[:20]))  # warm-up

    t0 = time.perf_counter()
    docs = list(nlp.pipe(texts, batch_size=32))
    t_spacy = time.perf_counter() - t0
    t0 = time.perf_counter()
    n_top = sum(len(geoparse(d)) for d in docs)
    t_geo = time.perf_counter() - t0
    print(
        f"spaCy pipeline: {t_spacy:.1f}s   geoparse: {t_geo:.1f}s   spaCy+geoparse: {t_spacy + t_geo:.1f}s   "
        f"ratio: {(t_spacy + t_geo) / t_spacy:.2f}x   toponyms: {n_top}"
    )


if __name__ == "__main__":
    main()
