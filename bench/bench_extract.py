#!/usr/bin/env python3
"""Cost of event coding relative to the spaCy pipeline alone.

usage: bench_extract.py [CORPUS.jsonl.gz] [--limit N]
Parses the corpus documents with `get_nlp()` (timed), then runs `extract_events` on the parsed docs (timed
separately, with no toponyms so only the coding is measured) and prints both times and their ratio
(spaCy + coding) / spaCy; the target is <= 1.5.
"""

from __future__ import annotations

import gzip
import json
import sys
import time
from datetime import date
from pathlib import Path

from eventwire.extract import extract_events, load_data
from eventwire.model import Document
from eventwire.nlp import get_nlp

DEFAULT = Path(__file__).resolve().parents[1].parent / "shared/corpus/news.jsonl.gz"


def main() -> None:
    argv = sys.argv[1:]
    limit = None
    if "--limit" in argv:
        at = argv.index("--limit")
        limit = int(argv[at + 1])
        argv = argv[:at] + argv[at + 2 :]
    args = [a for a in argv if not a.startswith("--")]
    path = Path(args[0]) if args else DEFAULT
    with gzip.open(path, "rt", encoding="utf-8") as fh:
        records = [json.loads(line) for line in fh if line.strip()]
    records = records[:limit] if limit else records
    nlp = get_nlp()
    load_data()
    nlp("warm up the pipeline.")
    texts = [r["text"] for r in records]
    t0 = time.perf_counter()
    docs = list(nlp.pipe(texts, batch_size=32))
    t_spacy = time.perf_counter() - t0
    t0 = time.perf_counter()
    n_events = 0
    for rec, doc in zip(records, docs, strict=True):
        pub = date.fromisoformat(rec["publication_date"][:10]) if rec.get("publication_date") else None
        document = Document(doc_id=str(rec["id"]), text=rec["text"], publication_date=pub)
        n_events += len(extract_events(document, doc, []))
    t_extract = time.perf_counter() - t0
    words = sum(len(d) for d in docs)
    print(f"docs={len(docs)} tokens={words} events={n_events}")
    print(f"spacy_s={t_spacy:.2f} extract_s={t_extract:.2f} ratio={(t_spacy + t_extract) / t_spacy:.3f}")


if __name__ == "__main__":
    main()
