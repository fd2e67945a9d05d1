"""Run geoparse on the geo dev set and write scorer input (JSONL, one toponym per line).

Usage: python scripts/eval_geo.py [GOLD] [OUT] [--adjectival]; then python3 /work/shared/eval/score_geo.py GOLD OUT.
The default evaluates `geoparse`'s default (no demonyms). `--adjectival` also writes OUT with an `.adj` suffix
before the extension (`build/geo_pred.adj.jsonl`): the variant for GeoWebNews' scheme, which counts demonyms.
"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path

from eventwire.geo import geoparse, get_gazetteer
from eventwire.nlp import get_nlp


def main() -> None:
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    gold = Path(args[0] if args else "/work/shared/eval/geo/dev.jsonl")
    out = Path(args[1] if len(args) > 1 else "build/geo_pred.jsonl")
    out.parent.mkdir(parents=True, exist_ok=True)
    nlp = get_nlp()
    get_gazetteer()
    records = [json.loads(line) for line in gold.read_text(encoding="utf-8").splitlines() if line.strip()]
    docs = list(nlp.pipe(r["text"] for r in records))
    write(records, docs, out, adjectival=False)
    if "--adjectival" in sys.argv[1:]:
        write(records, docs, out.with_suffix(".adj" + out.suffix), adjectival=True)


def write(records: list[dict], docs: list, out: Path, adjectival: bool) -> None:
    t0 = time.perf_counter()
    with out.open("w", encoding="utf-8") as fh:
        for rec, doc in zip(records, docs, strict=True):
            for t in geoparse(doc, adjectival=adjectival):
                p = t.place
                fh.write(
                    json.dumps(
                        {
                            "doc_id": rec["doc_id"],
                            "text": t.text,
                            "start": t.start,
                            "end": t.end,
                            "name": p.name if p else None,
                            "lat": p.lat if p else None,
                            "lon": p.lon if p else None,
                            "geonameid": p.geonameid if p else None,
                            "country": p.country if p else None,
                            "feature_code": p.feature_code if p else None,
                        },
                        ensure_ascii=False,
                    )
                    + "\n"
                )
    print(
        f"{len(records)} docs geoparsed (adjectival={adjectival}) in {time.perf_counter() - t0:.1f}s -> {out}",
        file=sys.stderr,
    )


if __name__ == "__main__":
    main()
