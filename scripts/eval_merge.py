#!/usr/bin/env python3
"""Cross-report merge precision/recall on the MUC-4 messages of the event dev set.

usage: eval_merge.py [--gold ../shared/eval/events/dev.jsonl] [--fresh] [--errors A] [--json]

1. Gold: the gold events of the MUC-4 documents; "same incident" pairs between events of different documents
   as defined in `merge_gold.py` (type, overlapping MUC-4 dates, one location within the other, shared target).
2. System: the documents (publication date from the gold file) are coded by the pipeline and written to a
   temporary DuckDB by `Store.add_results` in ingest-sized batches, in file order: the writer `eventwire ingest`
   uses, with its incremental merging. The coded results are cached under build/ (keyed by the source of every
   stage but dedup/ and store/, which the merge alone reads); `--fresh` runs the whole `ingest_files` job instead.
3. Each stored record is mapped to a gold event as `score_events.py` matches them: same document and type,
   each gold event takes the best-agreeing unused record (attributes the gold states that the record gets right).
4. Figures, over pairs of records of DIFFERENT documents both mapped to gold events:
   - recall: gold pairs (neither event optional) whose two records share a merged event / gold pairs;
   - precision: merged pairs whose two gold events are a gold pair / merged pairs.
   `stray` counts merged pairs of a mapped record with a record of a document that has no gold event of its
   type (a distractor incident: a false merge not in the precision, which judges mapped pairs only).
   Reported for all documents and for the halves A/B (SHA-1 of doc_id, as `split_half.py`). Tune on A only.
"""

from __future__ import annotations

import argparse
import hashlib
import importlib.util
import json
import pickle
import sys
import tempfile
from collections import defaultdict
from itertools import combinations
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from merge_gold import GoldEvent, gold_event, gold_pairs  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_GOLD = ROOT.parent / "shared/eval/events/dev.jsonl"


def half(doc_id: str) -> str:
    return "A" if hashlib.sha1(doc_id.encode()).digest()[0] % 2 == 0 else "B"


def _scorer(gold_path: Path):
    spec = importlib.util.spec_from_file_location("score_events", gold_path.parent.parent / "score_events.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _source_key() -> str:
    h = hashlib.sha1()
    for path in sorted((ROOT / "src/eventwire").rglob("*")):
        rel = path.relative_to(ROOT / "src/eventwire").parts
        if path.is_file() and rel[0] not in ("dedup", "store") and "__pycache__" not in rel:
            h.update(str(rel).encode() + path.read_bytes())
    return h.hexdigest()[:16]


def ingest(docs: list[dict], db: str, fresh: bool) -> None:
    from eventwire.config import load_config
    from eventwire.jobs import JobReport, extract_files_from, ingest_files, read_documents
    from eventwire.store import Store

    with tempfile.TemporaryDirectory() as tmp:
        inp = Path(tmp) / "muc4.jsonl"
        with inp.open("w", encoding="utf-8") as fh:
            for d in docs:
                fh.write(json.dumps({"id": d["doc_id"], "text": d["text"], "publication_date": d["publication_date"]}))
                fh.write("\n")
        config = load_config()
        if fresh:
            ingest_files([str(inp)], db_path=db, config=config, workers=1)
            return
        cache = ROOT / "build" / f"eval_merge_{_source_key()}.pkl"
        if cache.exists():
            results = pickle.loads(cache.read_bytes())
        else:
            report = JobReport()
            results = list(extract_files_from(read_documents([str(inp)], None, report, config), report, config))
            cache.parent.mkdir(exist_ok=True)
            cache.write_bytes(pickle.dumps(results))
    with Store(db) as store:
        for i in range(0, len(results), config.batch_size):
            store.add_results(results[i : i + config.batch_size])


def stored(db: str) -> list[dict]:
    from eventwire.store import Store

    with Store(db, read_only=True) as store:
        rows = store.con.execute(
            "SELECT e.record, s.merged_id FROM events e JOIN event_sources s USING (event_id) ORDER BY e.event_id"
        ).fetchall()
    return [{**json.loads(record), "merged_id": merged_id} for record, merged_id in rows]


def map_records(docs: list[dict], golds: list[GoldEvent], records: list[dict], scorer) -> dict[str, GoldEvent]:
    """event_id -> gold event (score_events.py's matching: same document and type, best agreement)."""
    by_doc: dict[str, list[dict]] = defaultdict(list)
    for r in records:
        by_doc[r["doc_id"]].append(r)
    out: dict[str, GoldEvent] = {}
    for d in docs:
        for event_type in sorted({g.event_type for g in golds if g.doc_id == d["doc_id"]}):
            cands = [r for r in by_doc[d["doc_id"]] if r["event_type"] == event_type]
            used: set[int] = set()
            for g in (g for g in golds if g.doc_id == d["doc_id"] and g.event_type == event_type):
                best_i, best_ok = None, -1
                for i, r in enumerate(cands):
                    ok = sum(c for _, c in scorer.attr_checks(g.raw, r)) if i not in used else -1
                    if i not in used and ok > best_ok:
                        best_i, best_ok = i, ok
                if best_i is not None:
                    used.add(best_i)
                    out[cands[best_i]["event_id"]] = g
    return out


def figures(golds, pairs, records, mapped, typed_docs, keep) -> dict:
    """Pairwise figures over the documents for which keep(doc_id) holds."""
    index = {(g.doc_id, g.index): i for i, g in enumerate(golds)}
    gold_of = {eid: index[(g.doc_id, g.index)] for eid, g in mapped.items() if keep(g.doc_id)}
    merged_of = {r["event_id"]: r["merged_id"] for r in records}
    record_of = {gi: eid for eid, gi in gold_of.items()}
    wanted = [
        (i, j)
        for i, j in pairs
        if keep(golds[i].doc_id) and keep(golds[j].doc_id) and not (golds[i].optional or golds[j].optional)
    ]
    found = [(i, j) for i, j in wanted if i in record_of and j in record_of]
    hit = [p for p in found if merged_of[record_of[p[0]]] == merged_of[record_of[p[1]]]]
    groups: dict[str, list[dict]] = defaultdict(list)
    for r in records:
        if keep(r["doc_id"]):  # pairs of two records of the half
            groups[r["merged_id"]].append(r)
    merged_pairs = correct = 0
    wrong: list = []
    strays: list = []
    missed = [p for p in found if p not in hit]
    for members in groups.values():
        for a, b in combinations(members, 2):
            if a["doc_id"] == b["doc_id"]:
                continue
            ga, gb = gold_of.get(a["event_id"]), gold_of.get(b["event_id"])
            if ga is None or gb is None:
                other = b if ga is not None else a
                if (ga is None) != (gb is None) and (other["doc_id"], other["event_type"]) not in typed_docs:
                    strays.append((a, b))
                continue
            merged_pairs += 1
            ok = (min(ga, gb), max(ga, gb)) in pairs
            correct += ok
            if not ok:
                wrong.append((a, b))
    return {
        "gold_pairs": len(wanted),
        "gold_pairs_with_records": len(found),
        "found": len(hit),
        "recall": round(len(hit) / len(wanted), 3) if wanted else 0.0,
        "merged_pairs": merged_pairs,
        "correct": correct,
        "precision": round(correct / merged_pairs, 3) if merged_pairs else 1.0,
        "stray": len(strays),
        "_missed": [(record_of[i], record_of[j]) for i, j in missed],
        "_wrong": [(a["event_id"], b["event_id"]) for a, b in wrong],
        "_stray": [(a["event_id"], b["event_id"]) for a, b in strays],
    }


def _show(label: str, pairs: list[tuple[str, str]], by_id: dict[str, dict]) -> None:
    def brief(r: dict) -> str:
        loc, tgt = r.get("location") or {}, r.get("target_actor") or {}
        return (
            f"{r['doc_id'][-9:]} {r['date']}/{r['date_precision']} loc={loc.get('name')}/{loc.get('precision')}"
            f"/{loc.get('country')} tgt={tgt.get('name') or tgt.get('text')} fat={r.get('fatalities')}"
            f" mod={r['modality']}"
        )

    for a, b in pairs:
        print(f"{label}: {brief(by_id[a])}\n      {brief(by_id[b])}")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--gold", type=Path, default=DEFAULT_GOLD)
    ap.add_argument("--fresh", action="store_true", help="run the whole ingest job (no cache)")
    ap.add_argument("--errors", choices=["A"], help="print half A's missed and wrong pairs")
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args()
    docs = [json.loads(line) for line in args.gold.open(encoding="utf-8") if line.strip()]
    docs = [d for d in docs if d.get("corpus") == "MUC-4"]
    golds = [gold_event(d["doc_id"], i, e) for d in docs for i, e in enumerate(d["events"])]
    pairs = gold_pairs(golds)
    typed_docs = {(g.doc_id, g.event_type) for g in golds}
    with tempfile.TemporaryDirectory() as tmp:
        db = str(Path(tmp) / "merge.duckdb")
        ingest(docs, db, args.fresh)
        records = stored(db)
    mapped = map_records(docs, golds, records, _scorer(args.gold))
    out = {
        name: figures(golds, pairs, records, mapped, typed_docs, keep)
        for name, keep in (("all", lambda _: True), ("A", lambda d: half(d) == "A"), ("B", lambda d: half(d) == "B"))
    }
    if args.errors:
        by_id = {r["event_id"]: r for r in records}
        _show("missed", out["A"]["_missed"], by_id)
        _show("wrong ", out["A"]["_wrong"], by_id)
        _show("stray ", out["A"]["_stray"], by_id)
    public = {k: {f: v for f, v in fig.items() if not f.startswith("_")} for k, fig in out.items()}
    if args.json:
        print(json.dumps(public))
        return
    print(f"{len(docs)} MUC-4 docs, {len(golds)} gold events, {len(records)} records, {len(mapped)} mapped")
    for name, fig in public.items():
        print(
            f"{name:>3}: gold pairs {fig['gold_pairs']} (with records {fig['gold_pairs_with_records']}), "
            f"found {fig['found']}, recall {fig['recall']:.3f}; merged pairs {fig['merged_pairs']}, "
            f"correct {fig['correct']}, precision {fig['precision']:.3f}; stray {fig['stray']}"
        )


if __name__ == "__main__":
    main()
