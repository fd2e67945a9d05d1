#!/usr/bin/env python3
"""Run event extraction on the event dev set and write predictions for `score_events.py`.

usage: eval_events.py [GOLD.jsonl] [OUT.jsonl]
defaults: ../shared/eval/events/dev.jsonl -> build/ev_pred.jsonl. Then:
    python3 ../shared/eval/score_events.py ../shared/eval/events/dev.jsonl build/ev_pred.jsonl
"""

from __future__ import annotations

import json
import sys
import time
from datetime import date
from pathlib import Path

from eventwire.extract import extract_events
from eventwire.model import Document
from eventwire.nlp import get_nlp
from eventwire.time import find_publication_date

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_GOLD = ROOT.parent / "shared/eval/events/dev.jsonl"
DEFAULT_OUT = ROOT / "build/ev_pred.jsonl"


def _geoparse():
    try:
        from eventwire import geo

        return geo.geoparse
    except (ImportError, AttributeError):
        return None


def main() -> None:
    gold = Path(sys.argv[1]) if len(sys.argv) > 1 else DEFAULT_GOLD
    out = Path(sys.argv[2]) if len(sys.argv) > 2 else DEFAULT_OUT
    out.parent.mkdir(parents=True, exist_ok=True)
    records = [json.loads(line) for line in gold.read_text(encoding="utf-8").splitlines() if line.strip()]
    nlp = get_nlp()
    geoparse = _geoparse()
    started = time.perf_counter()
    n_events = 0
    with out.open("w", encoding="utf-8") as fh:
        for rec in records:
            text = rec["text"]
            pub = date.fromisoformat(rec["publication_date"]) if rec.get("publication_date") else None
            document = Document(doc_id=rec["doc_id"], text=text, publication_date=pub or find_publication_date(text))
            doc = nlp(text)
            toponyms = geoparse(doc) if geoparse else []
            for event in extract_events(document, doc, toponyms):
                fh.write(json.dumps(event.to_contract(), ensure_ascii=False) + "\n")
                n_events += 1
    print(
        f"{len(records)} docs, {n_events} events in {time.perf_counter() - started:.1f}s"
        f" (geo: {'on' if geoparse else 'off'}) -> {out}",
        file=sys.stderr,
    )


if __name__ == "__main__":
    main()
