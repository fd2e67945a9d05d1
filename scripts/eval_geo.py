"""Run geoparse on the geo dev set and write scorer input (JSONL, one toponym per line).

Usage: python scripts/eval_geo.py [GOLD] [OUT]; then python3 /work/shared/eval/score_geo.py GOLD OUT.
"""
from __future__ import annotations

import json
import sys
import time
from pathlib import Path

from eventwire.geo import geoparse, get_gazetteer
from eventwire.nlp import get_nlp


def main() -> None:
    gold = Path(sys.argv[1] if len(sys.argv) > 1 else "/work/shared/eval/geo/dev.jsonl")
    out = Path(sys.argv[2] if len(sys.argv) > 2 else "build/geo_pred.jsonl")
    out.parent.mkdir(parents=True, exist_ok=True)
    nlp = get_nlp()
    get_gazetteer()
    records = [json.loads(line) for line in gold.read_text(encoding="utf-8").splitlines() if line.strip()]
    t0 = time.perf_counter()
    with out.open("w", encoding="utf-8") as fh:
        for rec, doc in zip(records, nlp.pipe(r["text"] for r in records)):
            for t in geoparse(doc):
                p = t.place
                fh.write(json.dumps({
                    "doc_id": rec["doc_id"], "text": t.text, "start": t.start, "end": t.end,
                    "name": p.name if p else None, "lat": p.lat if p else None, "lon": p.lon if p else None,
                    "geonameid": p.geonameid if p else None, "country": p.country if p else None,
                    "feature_code": p.feature_code if p else None}, ensure_ascii=False) + "\n")
    print(f"{len(records)} docs in {time.perf_counter() - t0:.1f}s -> {out}", file=sys.stderr)


if __name__ == "__main__":
    main()
