"""Event-type scores of `eventwire extract` output against the held-out gold (`heldout_to_gold.py`).

usage: score_types.py GOLD.jsonl PRED.jsonl
Per document, the set of gold types against the set of predicted types: micro precision, recall and F1, macro-F1
over the 16 PLOVER types, and a per-type table. (The same per-document type figures as the dev-set scorer, kept
here so the held-out set can be scored without ../shared.)
"""

from __future__ import annotations

import json
import sys
from collections import Counter, defaultdict
from pathlib import Path

from eventwire.model import PLOVER_TYPES


def _f1(tp: int, fp: int, fn: int) -> tuple[float, float, float]:
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def main() -> None:
    gold = [json.loads(line) for line in Path(sys.argv[1]).read_text(encoding="utf-8").splitlines() if line.strip()]
    predicted: dict[str, set[str]] = defaultdict(set)
    for line in Path(sys.argv[2]).read_text(encoding="utf-8").splitlines():
        if line.strip():
            event = json.loads(line)
            predicted[event["doc_id"]].add(event["event_type"])
    counts: dict[str, Counter[str]] = {t: Counter() for t in PLOVER_TYPES}
    for doc in gold:
        wanted = {e["event_type"] for e in doc["events"]}
        got = predicted.get(doc["doc_id"], set())
        for t in wanted & got:
            counts[t]["tp"] += 1
        for t in got - wanted:
            counts[t]["fp"] += 1
        for t in wanted - got:
            counts[t]["fn"] += 1
    total = Counter[str]()
    for c in counts.values():
        total.update(c)
    p, r, f = _f1(total["tp"], total["fp"], total["fn"])
    scored = [t for t in PLOVER_TYPES if counts[t]["tp"] + counts[t]["fn"]]
    macro = sum(_f1(counts[t]["tp"], counts[t]["fp"], counts[t]["fn"])[2] for t in scored) / max(1, len(scored))
    print(f"documents={len(gold)}  type P/R/F1 = {p:.3f}/{r:.3f}/{f:.3f}  macro_f1 = {macro:.3f}")
    for t in PLOVER_TYPES:
        tp, fp, fn = counts[t]["tp"], counts[t]["fp"], counts[t]["fn"]
        tp_p, tp_r, tp_f = _f1(tp, fp, fn)
        print(f"  {t:<10} P {tp_p:.3f}  R {tp_r:.3f}  F1 {tp_f:.3f}  (gold {tp + fn}, predicted {tp + fp})")


if __name__ == "__main__":
    main()
